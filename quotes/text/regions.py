"""What the mark scanner finds: a decision per mark, the quoted regions, and the whole scan."""

from __future__ import annotations

from typing import Any

from attrs import define, field

from quotes.text.spans import Span


@define(frozen=True)
class MarkDecision:
    """What the scanner decided about one quotation-mark character (or pair of characters)."""

    mark: Span
    role: str  # "open" | "close" | "apostrophe" | "stray" | "continuation"
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {**self.mark.to_dict(), "role": self.role, "reason": self.reason}


@define(frozen=True)
class QuoteRegion:
    """One quoted passage within one paragraph.

    ``content`` lies between the marks, narrowed past whitespace. ``open`` is ``None`` when the
    opening mark had to be inferred (a closing mark with no partner), ``close`` is ``None`` when the
    quote was never closed and was cut at the end of its paragraph.
    """

    open: Span | None
    close: Span | None
    content: Span
    style: str
    depth: int = 0
    paragraph: int = 0
    flags: frozenset[str] = frozenset()
    # Index (into Scan.regions) of the previous piece of a multi-paragraph quote.
    continues: int | None = None
    decisions: tuple[MarkDecision, ...] = field(factory=tuple)

    @property
    def outer_start(self) -> int:
        return self.open.start if self.open is not None else self.content.start

    @property
    def outer_end(self) -> int:
        return self.close.end if self.close is not None else self.content.end

    def to_dict(self) -> dict[str, object]:
        return region_dict(self)


def region_dict(region: Any) -> dict[str, object]:
    """How a region is written in a record's evidence (without its content span, which the record has)."""
    return {
        "open": region.open.to_dict() if region.open else None,
        "close": region.close.to_dict() if region.close else None,
        "style": region.style,
        "depth": region.depth,
        "flags": sorted(region.flags),
        "decisions": [d.to_dict() for d in region.decisions],
    }


@define(frozen=True)
class Scan:
    regions: tuple[QuoteRegion, ...]
    decisions: tuple[MarkDecision, ...]  # every mark character seen, in text order
    paragraphs: tuple[Span, ...]
