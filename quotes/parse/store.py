"""Stored parses: parse a document once, extract from it again after every change to the rules.

The parse does not change when the rules do, and parsing is nearly all the cost of extraction, so a
:class:`ParseStore` keeps each document's normalized :class:`~quotes.parse.model.Parse` on disk, keyed by
the SHA-256 of the document's text and by the parser's identity (:func:`parser_key`: the model's
identity, which for stanza is the hash of its files and not where they lie, the versions the parse
depends on, the layers it provides, and this format's number). :class:`StoredBackend` is a backend that
hands back the stored parse when text and parser match and parses (and stores) otherwise; it loads the
parser only when a document is missing, so re-extracting a stored archive never loads a model.

Layout: ``DIR/<parser>-<key[:16]>/<text sha256>.conllu``, one file per distinct text, and
``DIR/<parser>-<key[:16]>/PARSER.json`` naming the parser that made them.

Format: CoNLL-U, so any UD tool reads the stored trees (the CoNLL 2018 scorer, a tree viewer, grep). Each
word is a plain word line (our Parse has no multi-word token ranges: each word carries its own offsets),
``HEAD`` sentence-relative as usual, and MISC carries what UD has no column for: ``TokenRange=start:end``
(character offsets into the text, UDPipe's convention), ``SpaceAfter=No``, ``NER=B-PERSON`` (BIO entity
tags) and ``Esc=FORM,LEMMA`` naming the columns whose value is written as a JSON string because CoNLL-U
cannot hold it as it is (empty, a literal ``_``, a tab or a line break). The document's comments give the
text's hash and the parser's key, checked when the file is read. Reading a parse back gives the same
tokens and sentences, and so byte-identical records (the text itself comes from the input, not the store).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import evolve

from quotes.errors import BackendError, InputError
from quotes.parse.backends import Backend
from quotes.parse.backends import peek as peek_backend
from quotes.parse.backends.align import build_parse, sentences_from_tokens
from quotes.parse.model import Parse, ParserIdentity, Token
from quotes.parse.selective import selective_suffix
from quotes.parse.selective import with_selection as load_selective
from quotes.text.digest import text_sha256

FORMAT = 1
_COLUMNS = ("FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "DEPREL")
# Characters a CoNLL-U cell cannot hold: the column separator and everything str.splitlines() breaks at.
_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_ENCODING = {"encoding": "utf-8", "errors": "surrogatepass"}  # a text may hold lone surrogates (JSON input)


def identity_of(backend: Any) -> ParserIdentity:
    """The identity of a loaded backend (a backend without ``identity`` is known by its ``model``)."""
    return ParserIdentity(
        backend.name,
        backend.model,
        getattr(backend, "identity", backend.model),
        dict(getattr(backend, "versions", {})),
        frozenset(backend.provides),
    )


def parser_key(ident: ParserIdentity) -> str:
    """The SHA-256 that stored parses are filed under: what a parse depends on, not where the model lies."""
    return _key(ident.name, ident.identity, tuple(sorted(ident.versions.items())), tuple(sorted(ident.provides)))


@functools.lru_cache(maxsize=64)
def _key(name: str, identity: str, versions: tuple[tuple[str, str], ...], provides: tuple[str, ...]) -> str:
    data = {"format": FORMAT, "parser": name, "identity": identity, "versions": dict(versions), "provides": provides}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


# -- CoNLL-U cells -------------------------------------------------------------------------------------


def _cell(value: str) -> tuple[str, bool]:
    """A value as a CoNLL-U cell, and whether it had to be escaped (written as a JSON string)."""
    if value == "":
        return "_", False
    if value == "_" or not _BREAKS.isdisjoint(value):
        return json.dumps(value, ensure_ascii=False), True
    return value, False


def _uncell(cell: str, escaped: bool) -> str:
    if escaped:
        return json.loads(cell)
    return "" if cell == "_" else cell


def to_conllu(parse: Parse, ident: ParserIdentity) -> str:
    """The stored form of ``parse`` (see the module docstring); :class:`BackendError` when the parse
    cannot be stored exactly (a head outside its sentence, sentences out of step with the tokens)."""
    tokens = parse.tokens
    if any(tok.index != i for i, tok in enumerate(tokens)) or parse.sentences != sentences_from_tokens(tokens):
        raise BackendError("cannot store this parse: its tokens and sentences are not numbered in order")
    lines = [
        f"# newdoc id = sha256:{text_sha256(parse.text)}",
        f"# quotes_store = {FORMAT}",
        f"# parser_key = {parser_key(ident)}",
        f"# parser = {ident.name}",
        f"# model = {' '.join(ident.model.split())}",
    ]
    for sent in parse.sentences:
        lines.append(f"# sent_id = {sent.index + 1}")
        lines.append(f"# text = {' '.join(parse.text[sent.start : sent.end].split())}")
        for tok in tokens[sent.first : sent.last]:
            if tok.sentence != sent.index:
                raise BackendError(f"cannot store this parse: token {tok.index} is numbered in another sentence")
            if tok.head is None:
                head = 0
            elif sent.first <= tok.head < sent.last:
                head = tok.head - sent.first + 1
            else:
                raise BackendError(f"cannot store this parse: token {tok.index}'s head lies outside its sentence")
            cells = [_cell(v) for v in (tok.form, tok.lemma, tok.upos, tok.xpos, tok.feats, tok.deprel)]
            escaped = [name for name, (_, esc) in zip(_COLUMNS, cells, strict=True) if esc]
            misc = [f"TokenRange={tok.start}:{tok.end}"]
            if not tok.space_after:
                misc.append("SpaceAfter=No")
            if tok.ner != "O":
                if not _BREAKS.isdisjoint(tok.ner) or "|" in tok.ner or not tok.ner:
                    raise BackendError(f"cannot store this parse: token {tok.index}'s entity tag {tok.ner!r}")
                misc.append(f"NER={tok.ner}")
            if escaped:
                misc.append("Esc=" + ",".join(escaped))
            form, lemma, upos, xpos, feats, deprel = (cell for cell, _ in cells)
            word = tok.index - sent.first + 1
            lines.append(f"{word}\t{form}\t{lemma}\t{upos}\t{xpos}\t{feats}\t{head}\t{deprel}\t_\t{'|'.join(misc)}")
        lines.append("")
    return "\n".join(lines) + "\n"


def from_conllu(
    content: str, text: str, ident: ParserIdentity, source: str = "<stored parse>", digest: str | None = None
) -> Parse:
    """The parse stored in ``content`` for ``text`` (whose SHA-256 is ``digest``), made by ``ident``;
    :class:`InputError` (naming the file and line) when it is malformed or was stored for another text or
    parser. Written for speed: re-extracting an archive reads every word of it."""
    expected = {"newdoc id": f"sha256:{digest or text_sha256(text)}", "parser_key": parser_key(ident)}
    tokens: list[Token] = []
    first = 0  # index of the current sentence's first token
    sentence = 0
    header: dict[str, str] = {}
    for number, line in enumerate(content.split("\n"), start=1):
        if not line:
            if len(tokens) > first:
                sentence += 1
                first = len(tokens)
            continue
        if line[0] == "#":
            key, sep, value = line[1:].partition(" = ")
            if sep and not tokens:
                header[key.strip()] = value
            continue
        cols = line.split("\t")
        start = end = -1
        space = True
        ner = "O"
        escaped: list[str] = []
        try:
            if len(cols) != 10:
                raise ValueError(f"expected 10 tab-separated columns, found {len(cols)}")
            word, form, lemma, upos, xpos, feats, head_cell, deprel = cols[:8]
            for item in cols[9].split("|"):
                key, _, value = item.partition("=")
                if key == "TokenRange":
                    a, _, b = value.partition(":")
                    start, end = int(a), int(b)
                elif key == "SpaceAfter":
                    space = value != "No"
                elif key == "NER":
                    ner = value
                elif key == "Esc":
                    escaped = value.split(",")
            if start < 0:
                raise ValueError("no TokenRange in MISC")
            values = [form, lemma, upos, xpos, feats, deprel]
            if escaped:
                values = [_uncell(v, name in escaped) for v, name in zip(values, _COLUMNS, strict=True)]
            else:
                values = ["" if v == "_" else v for v in values]
            head = int(head_cell)
            position = int(word)
        except ValueError as exc:
            raise InputError(source, f"not a stored parse line: {exc}", line=number) from None
        if position != len(tokens) - first + 1:
            raise InputError(source, f"word {position} out of order (expected {len(tokens) - first + 1})", line=number)
        form, lemma, upos, xpos, feats, deprel = values
        tokens.append(
            Token(
                len(tokens),
                start,
                end,
                form,
                lemma,
                upos,
                None if head == 0 else first + head - 1,
                deprel,
                sentence,
                xpos,
                feats,
                ner,
                space,
            )
        )
    for key, value in expected.items():
        if header.get(key) != value:
            raise InputError(source, f"stored for another {'text' if key == 'newdoc id' else 'parser'} ({key})")
    try:
        return build_parse(ident, text, tokens)  # a ParserIdentity names the parse as its backend would
    except (ValueError, IndexError) as exc:
        raise InputError(source, f"the stored parse does not fit the text: {exc}") from None


# -- the store -----------------------------------------------------------------------------------------


class ParseStore:
    """A folder of stored parses (see the module docstring)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise InputError(str(self.root), "the parse store must be a directory")

    def folder(self, ident: ParserIdentity) -> Path:
        return self.root / f"{ident.name}-{parser_key(ident)[:16]}"

    def path(self, text: str, ident: ParserIdentity, digest: str | None = None) -> Path:
        return self.folder(ident) / f"{digest or text_sha256(text)}.conllu"

    def get(self, text: str, ident: ParserIdentity) -> Parse | None:
        """The stored parse of ``text`` by ``ident``, or None when there is none."""
        digest = text_sha256(text)
        path = self.path(text, ident, digest)
        try:
            content = path.read_text(**_ENCODING)
        except (FileNotFoundError, NotADirectoryError):  # nothing stored (yet) for this text and parser
            return None
        except OSError as err:
            raise InputError(str(path), f"cannot read the stored parse: {err.strerror or err}") from None
        return from_conllu(content, text, ident, str(path), digest)

    def put(self, parse: Parse, ident: ParserIdentity) -> Path:
        """Store ``parse`` (atomically: a reader never sees half a file); the file's path."""
        folder = self.folder(ident)
        folder.mkdir(parents=True, exist_ok=True)
        about = folder / "PARSER.json"
        if not about.exists():
            data = {"format": FORMAT, "parser": ident.name, "model": ident.model, "identity": ident.identity}
            data |= {"versions": ident.versions, "provides": sorted(ident.provides), "key": parser_key(ident)}
            _write(about, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        path = self.path(parse.text, ident)
        _write(path, to_conllu(parse, ident))
        return path


def _write(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", newline="\n", **_ENCODING) as stream:
            stream.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class StoredBackend:
    """A backend that reuses stored parses and parses (then stores) the rest, in input order.

    ``ident`` is who parses (from the backend module's ``peek``, without loading it); ``load`` builds the
    real backend, called the first time a document is missing. Documents go through in windows of at
    most :attr:`WINDOW_WORDS` words to parse (or :attr:`WINDOW_DOCS` documents), each window one
    ``parse_many`` call of the real backend, so memory stays bounded however long the stream is.
    ``reused``, ``parsed`` and ``stored`` count documents; ``store_errors`` says why a parse could not
    be stored (the extraction goes on without it).
    """

    WINDOW_WORDS = 5000
    WINDOW_DOCS = 64

    def __init__(self, store: ParseStore, ident: ParserIdentity, load: Callable[[], Backend]) -> None:
        self.store = store
        self.ident = ident
        self._load = load
        self.inner: Backend | None = None
        self.name = ident.name
        self.model = ident.model
        self.identity = ident.identity
        self.versions = dict(ident.versions)
        self.provides = ident.provides
        self.reused = self.parsed = self.stored = 0
        self.store_errors: list[str] = []

    def backend(self) -> Backend:
        """The real backend, loaded on first use; it must be the parser ``ident`` said it would be."""
        if self.inner is None:
            inner = self._load()
            found = identity_of(inner)
            if found != self.ident:
                raise BackendError(f"the {self.name} parser loaded as {found.model}, not {self.ident.model}")
            self.inner = inner
        return self.inner

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        return next(self.parse_many([(doc_id, text)]))

    def _stamp(self, parse: Parse) -> Parse:
        """A new parse named as a stored one would be (a no-op for the real backends, whose parses carry
        their own identity), so that a document reads the same whether it was stored or not."""
        ident = self.ident
        named = (ident.name, ident.model, ident.versions, ident.provides)
        if (parse.parser, parse.model, parse.versions, parse.provides) == named:
            return parse
        versions = dict(ident.versions)
        return evolve(parse, parser=ident.name, model=ident.model, versions=versions, provides=ident.provides)

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        window: list[tuple[str | None, str, Parse | None]] = []
        words = 0
        for doc_id, text in texts:
            stored = self.store.get(text, self.ident)
            if stored is not None and not window:
                self.reused += 1
                yield stored
                continue
            window.append((doc_id, text, stored))
            if stored is None:
                words += len(text.split())
            if words >= self.WINDOW_WORDS or len(window) >= self.WINDOW_DOCS:
                yield from self._flush(window)
                window, words = [], 0
        if window:
            yield from self._flush(window)

    def _flush(self, window: list[tuple[str | None, str, Parse | None]]) -> Iterator[Parse]:
        todo = [(doc_id, text) for doc_id, text, stored in window if stored is None]
        fresh = iter(self.backend().parse_many(todo)) if todo else iter(())
        for _, _, stored in window:
            if stored is not None:
                self.reused += 1
                yield stored
                continue
            parse = self._stamp(next(fresh))
            self.parsed += 1
            try:
                self.store.put(parse, self.ident)
                self.stored += 1
            except (OSError, BackendError) as err:
                self.store_errors.append(str(err))
            yield parse


def peek(parser: str, **options: Any) -> ParserIdentity | None:
    """Who would parse with ``parser`` and these options (``selective`` ones included), without loading
    it; None when only loading it can tell."""
    selective = bool(options.pop("selective", False))
    context = int(options.pop("selective_context", 0))
    standins = bool(options.pop("selective_standins", True))
    ident = peek_backend(parser, **options)
    if ident is None or not selective:
        return ident
    suffix = selective_suffix(context, standins)
    return ParserIdentity(ident.name, ident.model + suffix, ident.identity + suffix, ident.versions, ident.provides)


def load_backend(parser: str | Backend, **options: Any) -> Backend:
    """A backend by name with its options, as :func:`quotes.parse.selective.with_selection` builds it, plus
    ``parses=DIR``: reuse the parses stored in DIR and store the new ones (:class:`StoredBackend`)."""
    parses = options.pop("parses", None)
    if parses is None:
        return load_selective(parser, **options)
    if (parser if isinstance(parser, str) else getattr(parser, "name", "")) == "conllu":
        raise BackendError("stored parses are for parsers of raw text; the conllu parser reads gold trees")
    store = ParseStore(parses)
    if not isinstance(parser, str):
        backend = load_selective(parser, **options)
        return StoredBackend(store, identity_of(backend), lambda: backend)
    ident = peek(parser, **dict(options))
    if ident is None:  # the parser cannot tell who it is without loading
        backend = load_selective(parser, **options)
        return StoredBackend(store, identity_of(backend), lambda: backend)
    return StoredBackend(store, ident, lambda: load_selective(parser, **options))
