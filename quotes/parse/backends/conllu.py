"""Gold trees from CoNLL-U files, aligned onto the document text.

A backend (:class:`ConlluBackend`) that, instead of parsing, looks up a document's gold sentences (UD
EWT, GUM, or hand-written; read by :func:`quotes.parse.backends.conllu_reader.read_conllu`) and places
every token on the text by searching forward for its surface, so offsets slice the text exactly as given.
Rules and tests can feed a gold tree for one sentence without a file with :func:`conllu_to_parse`.

Offsets of multi-word tokens (``9-10 country's``): the range line's surface is searched for once; when
the words spell it (``country`` + ``'s``) each word gets its own piece, otherwise all words share it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from quotes.errors import BackendError, InputError
from quotes.parse.backends.align import find_forward, sentences_from_tokens, space_after, split_words
from quotes.parse.backends.conllu_reader import ConlluDocument, ConlluSentence, read_conllu
from quotes.parse.model import Parse, Token

PROVIDES = frozenset({"upos", "deps", "lemma", "feats"})


def _blank(value: str) -> str:
    return "" if value == "_" else value


# -- aligning ------------------------------------------------------------------------------------------


Gold = ConlluDocument | ConlluSentence | Sequence[ConlluSentence] | str


def _sentences_of(document: Gold) -> tuple[str, list[ConlluSentence]]:
    if isinstance(document, ConlluDocument):
        return document.id or document.source, list(document.sentences)
    if isinstance(document, ConlluSentence):
        return document.sent_id or "<conllu>", [document]
    if isinstance(document, str):
        docs = read_conllu(document)
        return (docs[0].id or "<conllu>") if len(docs) == 1 else "<conllu>", [s for d in docs for s in d.sentences]
    return "<conllu>", list(document)


def parse_from_conllu(
    text: str,
    document: Gold,
    *,
    model: str = "conllu",
    doc_label: str | None = None,
) -> Parse:
    """The gold sentences of ``document`` (a :class:`ConlluDocument`, sentences, or CoNLL-U text)
    aligned onto ``text``: each surface token is searched for forward from the previous one, allowing
    whitespace differences. A token that is not found raises :class:`BackendError` naming the document,
    the sentence and the token."""
    label, sentences = _sentences_of(document)
    label = doc_label or label
    tokens: list[Token] = []
    cursor = 0
    for s_index, sent in enumerate(sentences):
        base = len(tokens)
        n_words = len(sent.words)
        position = {w.id: i for i, w in enumerate(sent.words)}
        for unit in sent.units():
            where = find_forward(text, unit.surface, cursor)
            if where is None:
                sid = sent.sent_id or f"#{s_index + 1}"
                word = sent.words[unit.words[0]]
                raise BackendError(
                    f"gold tree for document {label}: sentence {sid} (line {sent.line}): token {word.id} "
                    f"{unit.surface!r} does not occur in the text after offset {cursor} "
                    f"(text there: {text[cursor : cursor + 40]!r})"
                )
            start, end = where
            cursor = end
            members = [sent.words[i] for i in unit.words]
            spans = split_words(text, start, end, [w.form for w in members])
            for k, (word, (w_start, w_end)) in enumerate(zip(members, spans, strict=True)):
                if word.head is None or word.head == 0:
                    head = None
                elif word.head in position:
                    head = base + position[word.head]
                else:
                    sid = sent.sent_id or f"#{s_index + 1}"
                    raise BackendError(
                        f"gold tree for document {label}: sentence {sid}: word {word.id} {word.form!r} has "
                        f"head {word.head}, outside the sentence's {n_words} words"
                    )
                lemma = word.lemma
                if lemma == "_" and word.form != "_":
                    lemma = word.form
                tokens.append(
                    Token(
                        index=len(tokens),
                        start=w_start,
                        end=w_end,
                        form=word.form,
                        lemma=lemma,
                        upos=_blank(word.upos),
                        head=head,
                        deprel=_blank(word.deprel),
                        sentence=s_index,
                        xpos=_blank(word.xpos),
                        feats=_blank(word.feats),
                        space_after=space_after(text, end) if k == len(members) - 1 else False,
                    )
                )
    return Parse(
        text=text,
        tokens=tuple(tokens),
        sentences=sentences_from_tokens(tokens),
        parser="conllu",
        model=model,
        versions={},
        provides=PROVIDES,
    )


def conllu_to_parse(block: str) -> Parse:
    """A Parse for a CoNLL-U block (one or more sentences, no file): the text is the tokens joined as
    their ``SpaceAfter`` marks say, sentences by a space (``"\\n\\n"`` at ``# newpar``)."""
    docs = read_conllu(block)
    sentences = tuple(s for d in docs for s in d.sentences)
    if not sentences:
        raise InputError("<conllu>", "no sentences in the CoNLL-U block")
    doc = ConlluDocument(docs[0].id if len(docs) == 1 else None, sentences)
    return parse_from_conllu(doc.text(use_comments=False), doc)


# -- the backend ---------------------------------------------------------------------------------------


class ConlluBackend:
    """Gold trees as a parser: ``parse(text, doc_id)`` returns the document's treebank parse.

    ``path`` is a CoNLL-U file or a directory of them; ``trees`` maps document ids to a
    :class:`ConlluDocument`, a list of :class:`ConlluSentence`, or CoNLL-U text. A document is found by
    its id (``# newdoc id``), by the stem of ``doc_id`` taken as a path, or, when ``doc_id`` is a path
    ``X.txt``, by a file ``X.conllu`` next to it.

    ``inputs`` (what ``quotes extract`` passes: the paths it reads) confines that last lookup, since ids
    come from data: a ``.conllu`` is read only beside the input that named the document. A plain-text input
    ``dir/X.txt`` finds ``dir/X.conllu``; a JSONL id ``X`` finds ``X.conllu`` in the directory of a JSONL
    input, and only when that file lies inside it (an id such as ``../elsewhere/secret.txt`` finds nothing).
    Without ``inputs`` (the library), the caller names documents and ``doc_id`` is taken as a path.
    """

    name = "conllu"

    def __init__(
        self,
        path: str | Path | None = None,
        trees: Mapping[str, Gold] | None = None,
        inputs: Iterable[str] | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self._texts: set[str] | None = None  # plain-text inputs, as given (their doc ids)
        self._bases: list[Path] = []  # directories of JSONL inputs
        if inputs is not None:
            given = [str(i) for i in inputs if str(i) != "-"]
            self._texts = {i for i in given if not i.lower().endswith(".jsonl")}
            self._bases = list(dict.fromkeys(Path(i).parent for i in given if i.lower().endswith(".jsonl")))
        self._docs: dict[str, tuple[ConlluDocument, str]] = {}  # id -> (document, model name)
        self._scanned_dir = False
        if self.path is not None:
            if self.path.is_dir():
                self.model = self.path.name or str(self.path)
            elif self.path.is_file():
                self.model = self.path.name
                self._add(read_conllu(self.path), self.path.name)
            else:
                raise BackendError(f"gold trees: {self.path} is neither a CoNLL-U file nor a directory")
        else:
            self.model = "conllu"
        for key, value in (trees or {}).items():
            if isinstance(value, ConlluDocument):
                doc = value
            else:
                _, sents = _sentences_of(value)
                doc = ConlluDocument(key, tuple(sents), "<trees>")
            self._docs[key] = (doc, self.model if self.path is not None else "trees")
        self.provides = PROVIDES
        self.versions: dict[str, str] = {}

    def _add(self, documents: Iterable[ConlluDocument], model: str) -> None:
        docs = list(documents)
        for doc in docs:
            if doc.id is not None:
                self._docs.setdefault(doc.id, (doc, model))
        if len(docs) == 1 and docs[0].id is None:
            self._docs.setdefault(Path(model).stem, (docs[0], model))

    def _lookup(self, doc_id: str | None) -> tuple[ConlluDocument, str]:
        keys = [doc_id] if doc_id is not None else []
        if doc_id is not None:
            stem = Path(doc_id).stem
            if stem != doc_id:
                keys.append(stem)
        for key in keys:
            if key in self._docs:
                return self._docs[key]
        candidates: list[Path] = []
        if doc_id:
            # X.conllu next to a document X.txt, then X.conllu in the directory of gold trees
            candidates.extend(self._beside(doc_id))
            if self.path is not None and self.path.is_dir() and Path(doc_id).stem:
                candidates.append(self.path / f"{Path(doc_id).stem}.conllu")
        for file in candidates:
            try:
                found = file.is_file()
            except (OSError, ValueError):
                found = False
            if found:
                docs = read_conllu(file)
                doc = ConlluDocument(doc_id, tuple(s for d in docs for s in d.sentences), str(file))
                self._docs[str(doc_id)] = (doc, file.name)
                return self._docs[str(doc_id)]
        if self.path is not None and self.path.is_dir() and not self._scanned_dir:
            self._scanned_dir = True
            for file in sorted(self.path.glob("*.conllu")):
                self._add(read_conllu(file), file.name)
            return self._lookup(doc_id)
        if doc_id is None and len({id(d) for d, _ in self._docs.values()}) == 1:
            return next(iter(self._docs.values()))
        known = sorted(self._docs)
        shown = ", ".join(known[:8]) + (f", ... ({len(known)} in all)" if len(known) > 8 else "")
        where = f" in {self.path}" if self.path is not None else ""
        raise BackendError(
            f"no gold trees for document {doc_id or '<unnamed>'}{where}; known documents: {shown or 'none'}"
        )

    def _beside(self, doc_id: str) -> list[Path]:
        """Where a gold-tree file named after ``doc_id`` may be read (see the class's ``inputs``)."""
        try:
            if self._texts is None:
                return [Path(doc_id).with_suffix(".conllu")]
            if doc_id in self._texts:
                return [Path(doc_id).with_suffix(".conllu")]
            found = []
            for base in self._bases:
                # Lexically inside the base ("a/../b" is, "../b" is not); links the user made there are theirs.
                candidate = Path(os.path.abspath(base / doc_id)).with_suffix(".conllu")
                if not Path(doc_id).is_absolute() and Path(os.path.abspath(base)) in candidate.parents:
                    found.append(candidate)
            return found
        except (ValueError, OSError, RuntimeError):  # ids such as ".." have no suffix to replace
            return []

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        doc, model = self._lookup(doc_id)
        return parse_from_conllu(text, doc, model=model, doc_label=doc_id or doc.id)

    def parse_many(self, texts: Iterable[tuple[str, str]]) -> Iterator[Parse]:
        for doc_id, text in texts:
            yield self.parse(text, doc_id)
