"""CoNLL-U files read with the standard library: documents, sentences, words and multi-word ranges.

:func:`read_conllu` groups sentences into documents by ``# newdoc``, keeps multi-word range lines
(``9-10 country's``) as ranges and skips empty nodes (``8.1``); a malformed line raises
:class:`~quotes.errors.InputError` with the file and line number. Aligning gold trees onto a text is
:mod:`quotes.parse.backends.conllu`'s job.
"""

from __future__ import annotations

from pathlib import Path

from attrs import define

from quotes.errors import InputError


def parse_misc(misc: str) -> dict[str, str]:
    """A MISC column as a dict (``"SpaceAfter=No|Entity=(1-person"`` -> two entries; ``"_"`` -> {})."""
    if not misc or misc == "_":
        return {}
    out: dict[str, str] = {}
    for item in misc.split("|"):
        key, _, value = item.partition("=")
        if key:
            out[key] = value
    return out


@define(frozen=True)
class ConlluWord:
    """One syntactic word line (``ID`` is an integer; heads are sentence-relative, 0 for the root)."""

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int | None  # None when the column is "_"
    deprel: str
    deps: str
    misc: str

    @property
    def misc_dict(self) -> dict[str, str]:
        return parse_misc(self.misc)

    @property
    def space_after(self) -> bool:
        return self.misc_dict.get("SpaceAfter") != "No"


@define(frozen=True)
class ConlluRange:
    """A multi-word token line (``9-10  country's``): the surface its words ``first..last`` share."""

    first: int
    last: int
    form: str
    misc: str

    @property
    def space_after(self) -> bool:
        return parse_misc(self.misc).get("SpaceAfter") != "No"


@define(frozen=True)
class ConlluUnit:
    """A surface token: a word on its own or a multi-word range, with the positions of its words."""

    surface: str
    words: tuple[int, ...]  # positions in ConlluSentence.words
    space_after: bool


@define(frozen=True)
class ConlluSentence:
    words: tuple[ConlluWord, ...]
    ranges: tuple[ConlluRange, ...] = ()
    sent_id: str | None = None
    text: str | None = None  # the "# text = ..." comment
    newpar: bool = False
    comments: tuple[str, ...] = ()
    line: int = 0  # where the sentence starts in its file (1-based)

    def units(self) -> list[ConlluUnit]:
        """The surface tokens in order (a multi-word range once, for all its words)."""
        by_first = {r.first: r for r in self.ranges}
        position = {w.id: i for i, w in enumerate(self.words)}
        out: list[ConlluUnit] = []
        i = 0
        while i < len(self.words):
            word = self.words[i]
            rng = by_first.get(word.id)
            if rng is not None:
                members = tuple(position[n] for n in range(rng.first, rng.last + 1) if n in position)
                out.append(ConlluUnit(rng.form, members, rng.space_after))
                i = members[-1] + 1
            else:
                out.append(ConlluUnit(word.form, (i,), word.space_after))
                i += 1
        return out

    def rebuilt_text(self) -> str:
        """The sentence's text from its tokens and their ``SpaceAfter=No`` marks."""
        parts: list[str] = []
        units = self.units()
        for k, unit in enumerate(units):
            parts.append(unit.surface)
            if unit.space_after and k + 1 < len(units):
                parts.append(" ")
        return "".join(parts)


@define(frozen=True)
class ConlluDocument:
    id: str | None
    sentences: tuple[ConlluSentence, ...]
    source: str = "<conllu>"

    def text(self, sentence_sep: str = " ", paragraph_sep: str = "\n\n", *, use_comments: bool = True) -> str:
        """A plain text for the document: each sentence's ``# text`` (or its tokens, rebuilt), joined by
        ``sentence_sep``, or ``paragraph_sep`` where a ``# newpar`` starts a paragraph."""
        parts: list[str] = []
        for i, sent in enumerate(self.sentences):
            if i:
                parts.append(paragraph_sep if sent.newpar else sentence_sep)
            parts.append(sent.text if use_comments and sent.text is not None else sent.rebuilt_text())
        return "".join(parts)


def _looks_like_text(value: str) -> bool:
    return "\n" in value or "\t" in value or value.lstrip().startswith("#")


def read_conllu(path_or_text: str | Path, *, source: str | None = None) -> list[ConlluDocument]:
    """Documents in a CoNLL-U file (a path) or string (anything with a newline, tab or ``#``).

    Sentences are grouped by ``# newdoc`` (``# newdoc id = X``); sentences before the first one form a
    document whose id is None. Multi-word range lines are kept as ranges; empty nodes (``8.1``) are
    skipped. A malformed line raises :class:`InputError` with the file and line number.
    """
    if isinstance(path_or_text, Path) or not _looks_like_text(path_or_text):
        path = Path(path_or_text)
        label = source or str(path)
        try:
            content = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(label, "no such CoNLL-U file") from None
        except UnicodeDecodeError as exc:
            raise InputError(label, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except OSError as exc:
            raise InputError(label, f"cannot read: {exc.strerror or exc}") from None
    else:
        content = str(path_or_text)
        label = source or "<conllu>"
    return _parse_conllu(content, label)


def _parse_conllu(content: str, label: str) -> list[ConlluDocument]:
    docs: list[ConlluDocument] = []
    doc_id: str | None = None
    doc_sents: list[ConlluSentence] = []
    started_doc = False

    comments: list[str] = []
    words: list[ConlluWord] = []
    ranges: list[ConlluRange] = []
    sent_line = 0

    def flush_sentence() -> None:
        nonlocal comments, words, ranges
        if words:
            meta = {}
            newpar = False
            for c in comments:
                body = c[1:].strip()
                key, eq, value = body.partition("=")
                key = key.strip()
                if key == "newpar" or key.startswith("newpar "):
                    newpar = True
                if eq and key in ("sent_id", "text"):
                    meta[key] = value.strip() if key == "sent_id" else value.lstrip(" ")
            doc_sents.append(
                ConlluSentence(
                    words=tuple(words),
                    ranges=tuple(ranges),
                    sent_id=meta.get("sent_id"),
                    text=meta.get("text"),
                    newpar=newpar,
                    comments=tuple(comments),
                    line=sent_line,
                )
            )
        elif ranges:
            raise InputError(label, "a multi-word token line with no words after it", sent_line)
        comments, words, ranges = [], [], []

    def flush_document() -> None:
        nonlocal doc_sents
        if doc_sents or started_doc:
            docs.append(ConlluDocument(doc_id, tuple(doc_sents), label))
        doc_sents = []

    # split on "\n" only: str.splitlines would also break inside a form at U+2028, U+0085, ...
    for lineno, raw in enumerate(content.removeprefix("\ufeff").split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip():
            flush_sentence()
            continue
        if line.startswith("#"):
            if words or ranges:  # a comment after word lines without a blank line: a new sentence
                flush_sentence()
            body = line[1:].strip()
            key, eq, value = body.partition("=")
            key = key.strip()
            if key == "newdoc" or key.startswith("newdoc "):
                flush_sentence()
                flush_document()
                started_doc = True
                doc_id = (value.strip() or None) if eq else None  # "# newdoc id = X" or a bare "# newdoc"
            if not comments:
                sent_line = lineno
            comments.append(line)
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise InputError(label, f"expected 10 tab-separated columns, found {len(cols)}", lineno)
        if not comments and not words and not ranges:
            sent_line = lineno
        ident = cols[0]
        if "." in ident:  # an empty node of the enhanced graph
            continue
        if "-" in ident:
            first, _, last = ident.partition("-")
            if not (first.isdigit() and last.isdigit()) or int(last) < int(first):
                raise InputError(label, f"bad multi-word token id {ident!r}", lineno)
            ranges.append(ConlluRange(int(first), int(last), cols[1], cols[9]))
            continue
        if not ident.isdigit():
            raise InputError(label, f"bad word id {ident!r}", lineno)
        head_col = cols[6]
        if head_col == "_":
            head = None
        elif head_col.isdigit():
            head = int(head_col)
        else:
            raise InputError(label, f"bad head {head_col!r} for word {ident}", lineno)
        words.append(ConlluWord(int(ident), *cols[1:6], head, *cols[7:10]))
    flush_sentence()
    flush_document()
    return docs
