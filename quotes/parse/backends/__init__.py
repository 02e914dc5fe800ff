"""Parser backends: each turns text into a :class:`quotes.parse.model.Parse`.

Only modules in this package import a parsing library. A backend is loaded once and reused for every
document; it declares what it provides (lemmas, entities, ...) when it loads, so a rule that needs a
missing layer fails at load time with a clear message instead of deep inside extraction.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from quotes.errors import BackendError
from quotes.parse.model import Parse, ParserIdentity

# The rules need these layers from every backend.
REQUIRED = frozenset({"upos", "deps", "lemma"})


@runtime_checkable
class Backend(Protocol):
    name: str
    model: str
    provides: frozenset[str]
    versions: dict[str, str]

    def parse(self, text: str, doc_id: str | None = None) -> Parse: ...

    def parse_many(self, texts: Iterable[tuple[str, str]]) -> Iterator[Parse]:
        """Parse ``(doc_id, text)`` pairs in order; backends may batch."""
        ...


_REGISTRY: dict[str, str] = {
    "stanza": "quotes.parse.backends.stanza_backend:StanzaBackend",
    "conllu": "quotes.parse.backends.conllu:ConlluBackend",
    "spacy": "quotes.parse.backends.spacy_backend:SpacyBackend",
}


def available() -> list[str]:
    return sorted(_REGISTRY)


def peek(name: str, **options: Any) -> ParserIdentity | None:
    """Who the backend ``name`` would be with these options, without loading its parser (its module's
    ``peek``); None when it cannot tell without loading."""
    target = _REGISTRY.get(name)
    if target is None:
        raise BackendError(f"unknown parser {name!r}; known parsers: {', '.join(available())}")
    module = importlib.import_module(target.partition(":")[0])
    found = getattr(module, "peek", None)
    return found(**options) if found is not None else None


def build_backend(name: str, **options: Any) -> Backend:
    """Build the backend called ``name`` with its own options only; the error names the known backends.
    Callers load parsers with :func:`quotes.parse.store.load_backend`, which adds the options every
    backend shares (``selective``, ``parses``) and refuses, with a clear error, one a backend lacks."""
    target = _REGISTRY.get(name)
    if target is None:
        raise BackendError(f"unknown parser {name!r}; known parsers: {', '.join(available())}")
    module_name, _, class_name = target.partition(":")
    module = importlib.import_module(module_name)
    cls = getattr(module, class_name)
    accepted = [
        p.name
        for p in inspect.signature(cls).parameters.values()
        if p.kind in {p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY}
    ]
    unknown = sorted(set(options) - set(accepted))
    if unknown and not any(p.kind == p.VAR_KEYWORD for p in inspect.signature(cls).parameters.values()):
        shared = "selective, selective_context, selective_standins, parses"
        raise BackendError(
            f"parser {name!r} has no option {', '.join(unknown)}; its options: {', '.join(accepted) or 'none'} "
            f"(and, for parsers of raw text, {shared})"
        )
    backend: Backend = cls(**options)
    missing = REQUIRED - backend.provides
    if missing:
        raise BackendError(f"parser {name!r} does not provide {', '.join(sorted(missing))}, which the rules need")
    return backend
