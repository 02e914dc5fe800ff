"""The records quotes emits: one per quote, frozen, with its evidence and provenance."""

from __future__ import annotations

from typing import Any

from attrs import define, field, validators

from quotes.marks import QuoteRegion
from quotes.spans import Span

KINDS = ("direct", "indirect", "mixed")


@define(frozen=True)
class Evidence:
    """Why the tool believes the speaker said the content."""

    rule: str
    path: tuple[str, ...] = ()
    sentence: Span | None = None
    marks: tuple[QuoteRegion, ...] = ()
    # How the speaker mention was resolved to its name: the mentions walked, latest first.
    speaker_chain: tuple[Span, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "path": list(self.path),
            "sentence": _span_dict(self.sentence),
            "marks": [m.to_dict() for m in self.marks],
            "speaker_chain": [s.to_dict() for s in self.speaker_chain],
            "notes": list(self.notes),
        }


@define(frozen=True)
class Provenance:
    parser: str
    model: str
    quotes_version: str
    text_sha256: str
    versions: dict[str, str] = field(factory=dict, eq=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "parser": self.parser,
            "model": self.model,
            "quotes_version": self.quotes_version,
            "text_sha256": self.text_sha256,
            "versions": dict(self.versions),
        }


@define(frozen=True)
class QuoteRecord:
    doc_id: str
    quote_id: str
    content: Span
    kind: str = field(validator=validators.in_(KINDS))
    confidence: float = field(validator=[validators.ge(0.0), validators.le(1.0)])
    evidence: Evidence
    provenance: Provenance
    speaker: Span | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    # Quoted fragments inside the content (a mixed quote), and warnings such as "unbalanced".
    fragments: tuple[Span, ...] = ()
    flags: tuple[str, ...] = ()

    def check(self, text: str) -> list[str]:
        """The spans of this record that do not slice ``text`` exactly (empty when all do)."""
        named = {"content": self.content, "speaker": self.speaker, "cue": self.cue}
        named.update({f"fragment[{i}]": f for i, f in enumerate(self.fragments)})
        return [name for name, span in named.items() if span is not None and not span.slices(text)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "speaker": _span_dict(self.speaker),
            "speaker_name": self.speaker_name,
            "cue": _span_dict(self.cue),
            "confidence": round(self.confidence, 3),
            "fragments": [f.to_dict() for f in self.fragments],
            "flags": list(self.flags),
            "evidence": self.evidence.to_dict(),
            "provenance": self.provenance.to_dict(),
        }


def _span_dict(span: Span | None) -> dict[str, Any] | None:
    return span.to_dict() if span is not None else None


def span_from_dict(data: dict[str, Any] | None) -> Span | None:
    if data is None:
        return None
    return Span(int(data["start"]), int(data["end"]), str(data["text"]))
