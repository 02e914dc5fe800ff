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

The format, and the checks a stored parse must pass before it is used (its own digest, and the parse
against its text), are :mod:`quotes.parse.store_format`'s. A stored parse that fails them, or whose
``PARSER.json`` does not name this very parser field by field, is named on standard error and parsed
again (and stored again), never used.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import evolve

from quotes.errors import BackendError, InputError
from quotes.parse.backends import Backend
from quotes.parse.backends import peek as peek_backend
from quotes.parse.model import Parse, ParserIdentity
from quotes.parse.selection import selective_default
from quotes.parse.selective import selective_suffix
from quotes.parse.selective import with_selection as load_selective
from quotes.parse.store_format import (
    FORMAT,
    content_problem,
    from_conllu,
    identity_of,
    parse_problem,
    parser_key,
    to_conllu,
)
from quotes.text.digest import text_sha256

__all__ = [
    "FORMAT",
    "ParseStore",
    "StoredBackend",
    "content_problem",
    "from_conllu",
    "identity_of",
    "load_backend",
    "parse_problem",
    "parser_key",
    "peek",
    "to_conllu",
]

_ENCODING = {"encoding": "utf-8", "errors": "surrogatepass"}  # a text may hold lone surrogates (JSON input)


# -- the store -----------------------------------------------------------------------------------------


def _warn(message: str) -> None:
    print(f"quotes: warning: {message}", file=sys.stderr)


class ParseStore:
    """A folder of stored parses (see the module docstring). ``on_reject(message)`` hears of each stored
    parse that fails its checks (by default a warning on standard error); ``rejected`` lists them."""

    def __init__(self, root: str | Path, on_reject: Callable[[str], None] | None = None) -> None:
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise InputError(str(self.root), "the parse store must be a directory")
        self.on_reject = on_reject or _warn
        self.rejected: list[str] = []

    def folder(self, ident: ParserIdentity) -> Path:
        return self.root / f"{ident.name}-{parser_key(ident)[:16]}"

    def path(self, text: str, ident: ParserIdentity, digest: str | None = None) -> Path:
        return self.folder(ident) / f"{digest or text_sha256(text)}.conllu"

    def get(self, text: str, ident: ParserIdentity) -> Parse | None:
        """The stored parse of ``text`` by ``ident``, or None when there is none, or when the one stored
        fails its checks (named to ``on_reject``: the caller parses the text again, never uses it)."""
        digest = text_sha256(text)
        path = self.path(text, ident, digest)
        try:
            content = path.read_text(**_ENCODING)
        except (FileNotFoundError, NotADirectoryError):  # nothing stored (yet) for this text and parser
            return None
        except (OSError, UnicodeError) as err:
            return self._reject(path, f"cannot read the stored parse: {getattr(err, 'strerror', None) or err}")
        problem = _about_problem(path.parent / "PARSER.json", ident) or content_problem(content)
        if problem is not None:
            return self._reject(path, problem)
        try:
            parse = from_conllu(content, text, ident, str(path), digest)
        except InputError as err:
            return self._reject(path, f"{err.reason}" + (f" (line {err.line})" if err.line else ""))
        problem = parse_problem(parse)
        return self._reject(path, problem) if problem is not None else parse

    def _reject(self, path: Path, reason: str) -> None:
        message = f"{path}: stored parse not used ({reason}); parsing the document again"
        self.rejected.append(message)
        self.on_reject(message)
        return None

    def put(self, parse: Parse, ident: ParserIdentity) -> Path:
        """Store ``parse`` (atomically: a reader never sees half a file); the file's path. A
        ``PARSER.json`` that does not name this parser (missing, edited) is written again."""
        folder = self.folder(ident)
        folder.mkdir(parents=True, exist_ok=True)
        about = folder / "PARSER.json"
        if _about_problem(about, ident) is not None:
            _write(about, json.dumps(_about(ident), indent=1, ensure_ascii=False) + "\n")
        path = self.path(parse.text, ident)
        _write(path, to_conllu(parse, ident))
        return path


def _about(ident: ParserIdentity) -> dict[str, Any]:
    data = {"format": FORMAT, "parser": ident.name, "model": ident.model, "identity": ident.identity}
    return data | {"versions": ident.versions, "provides": sorted(ident.provides), "key": parser_key(ident)}


def _about_problem(about: Path, ident: ParserIdentity) -> str | None:
    """Why ``about`` (a folder's PARSER.json) does not name the parser ``ident``, or None. Every field but
    ``model`` (where the model lay for whoever stored first) follows from the parser, so each is checked
    as it is: stronger than a digest, which anyone could recompute."""
    try:
        data = json.loads(about.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError) as err:
        return f"{about.name} cannot be read as JSON ({type(err).__name__})"
    expected = _about(ident)
    if not isinstance(data, dict) or not isinstance(data.get("model"), str):
        return f"{about.name} is not a description of a parser"
    wrong = [key for key in expected if key != "model" and data.get(key) != expected[key]]
    if wrong or set(data) != set(expected):
        return f"{about.name} does not name this parser ({', '.join(wrong) or 'its keys'})"
    return None


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
    asked = options.pop("selective", None)
    selective = selective_default(parser) if asked is None else bool(asked)
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
