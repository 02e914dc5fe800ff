"""Helpers for the audit tests: a cheap surface "parser" the CLI can load by name, and record builders.

``SurfaceBackend`` wraps :func:`tests.test_extract_properties.surface_parse` (each line a sentence, each
token headed by its left neighbour) so the command line runs end to end in milliseconds, without a model.
Tests register it with the ``surface`` fixture (``--parser surface``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

import pytest

from quotes.parse.model import Parse
from tests.test_extract_properties import surface_parse


class SurfaceBackend:
    name = "surface"
    model = "surface-test"
    provides = frozenset({"upos", "deps", "lemma"})
    versions: ClassVar[dict[str, str]] = {}

    #: Every (doc_id, text length) parsed, in order, across instances (tests reset it).
    parsed: ClassVar[list[tuple[str | None, int]]] = []
    #: When set, parsing a text containing this string raises KeyboardInterrupt (a simulated Ctrl-C).
    interrupt_on: str | None = None
    #: When set, parsing a text containing this string raises RuntimeError (a simulated bug).
    fail_on: str | None = None

    def __init__(self, **options: object) -> None:
        self.options = options

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        if self.interrupt_on is not None and self.interrupt_on in text:
            raise KeyboardInterrupt
        if self.fail_on is not None and self.fail_on in text:
            raise RuntimeError("simulated failure")
        type(self).parsed.append((doc_id, len(text)))
        return surface_parse(text)

    def parse_many(self, texts: Iterable[tuple[str, str]]) -> Iterator[Parse]:
        for doc_id, text in texts:
            yield self.parse(text, doc_id)


@pytest.fixture
def surface(monkeypatch: pytest.MonkeyPatch) -> type[SurfaceBackend]:
    """Makes ``--parser surface`` load :class:`SurfaceBackend`; resets its counters and switches."""
    import quotes.parse.backends

    monkeypatch.setitem(quotes.parse.backends._REGISTRY, "surface", "tests.audit_helpers:SurfaceBackend")
    monkeypatch.setattr(SurfaceBackend, "parsed", [])
    monkeypatch.setattr(SurfaceBackend, "interrupt_on", None)
    monkeypatch.setattr(SurfaceBackend, "fail_on", None)
    return SurfaceBackend


# A small article in the shapes the surface parse attributes: quote-cue, cue-quote, indirect.
ARTICLE = (
    "Officials met on Monday.\n\n"
    '"We will rebuild the bridge," the mayor said.\n\n'
    'Aliyev said: "The war is over."\n\n'
    "She said that it is ready.\n"
)
