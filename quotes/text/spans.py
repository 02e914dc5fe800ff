"""The one span type: two offsets into the original text, and the text they slice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs
from attrs import define, field


def _non_negative(instance: object, attribute: object, value: int) -> None:
    if value < 0:
        raise ValueError(f"span offset must be >= 0, got {value}")


@define(frozen=True, order=True)
class Span:
    """A view into the original input: ``source[start:end] == text``.

    Build spans with :meth:`Span.of` from the source itself so the text can never drift from the
    offsets; the validators catch anything constructed by hand that is inconsistent on its face.
    """

    start: int = field(validator=_non_negative)
    end: int = field(validator=_non_negative)
    text: str = field(eq=False, order=False)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text has {len(self.text)} characters but offsets cover {self.end - self.start}")

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(source):
            raise ValueError(f"span ({start}, {end}) is outside a text of length {len(source)}")
        return cls(start, end, source[start:end])

    def slices(self, source: str) -> bool:
        """True when this span still matches ``source`` exactly."""
        return 0 <= self.start <= self.end <= len(source) and source[self.start : self.end] == self.text

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def __len__(self) -> int:
        return self.end - self.start

    def to_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "text": self.text}


def strip_span(source: str, start: int, end: int) -> Span:
    """The span ``(start, end)`` narrowed past surrounding whitespace (offsets move, text is untouched)."""
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return Span.of(source, start, end)


def map_spans(value: Any, fn: Callable[[Span], Span]) -> Any:
    """``value`` with ``fn`` applied to every :class:`Span` in it: attrs classes (a record, its evidence,
    regions, mark decisions) field by field, tuples item by item; anything else as it is."""
    if isinstance(value, Span):
        return fn(value)
    if isinstance(value, tuple):
        return tuple(map_spans(v, fn) for v in value)
    if attrs.has(type(value)):
        fields = [f for f in attrs.fields(type(value)) if f.init]
        return attrs.evolve(value, **{f.alias: map_spans(getattr(value, f.name), fn) for f in fields})
    return value


def iter_spans(value: Any, name: str) -> Iterator[tuple[str, Span]]:
    """Every :class:`Span` in ``value`` with its place (``evidence.speaker_chain[0]``), walked as :func:`map_spans`."""
    if isinstance(value, Span):
        yield name, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from iter_spans(item, f"{name}[{i}]")
    elif attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            yield from iter_spans(getattr(value, f.name), f"{name}.{f.name}")
