"""Check quote records against their sources, and find their spans again when a source has changed.

A record is checked against the text of its document (matched by ``doc_id``):

* **intact**: every span (content, speaker, cue, fragments) is where the record says. Either the
  source is the very text the record was made from (``provenance.text_sha256`` matches) and every
  span slices it, or the source changed elsewhere and each span still slices it at the same offsets
  with the same ``prefix``/``suffix`` around it.
* **moved**: the source changed and every span was found again, at new offsets (given per span).
* **edited**: the record is not what extraction wrote: its ``record_sha256`` is not the digest of its
  fields (or was removed), or a field contradicts what the others or the source say (see below). The span
  checks still say where each span is, so the verdict says *what* was moved as well as *that* it was.
* **lost**: some span's exact text is no longer in the source where the record can place it.
* **missing-source**: no source was given for the record's document.

What is re-derived from the record itself and its source: :mod:`quotes.audit.rederive`.

Re-anchoring (how a span is found again) follows the text-quote anchoring of annotation clients such
as Hypothesis: the candidates are the exact occurrences of the span's text, scored by how much of the
stored context still stands next to them (the characters of ``prefix`` right before, plus those of
``suffix`` right after), ties going to the candidate nearest the expected offset. Because a record is an
audit claim, not a highlight, a candidate must also be *confirmed*: one whole side of its old context
(all of ``prefix`` or all of ``suffix``) is still next to it, which a single edit anywhere else always
leaves true.

* The content is searched for in the whole text: the best confirmed occurrence; else the only one;
  several and none confirmed is ambiguous (lost). A record without stored context (serialized without a
  source) takes the occurrence nearest its old offset.
* Speaker and cue are searched for near the content's new place (within the distance they had from the
  content, plus :data:`SLACK` characters): where they were relative to the content (old offset plus the
  content's shift), else the best confirmed occurrence. A cue is never re-anchored to a "said" of
  another sentence that merely shares a space or a word with its old context.
* Fragments inside the content move with it (the content's text is unchanged, so are their offsets
  within it). A record is first checked against itself: a fragment outside its content, or whose text
  is not the content's text at its offsets, is lost (``inconsistent``) wherever the source stands.
* In an unchanged source, a span is intact only when it slices the text and its stored context is the
  text around it; a record edited after extraction (offsets, words, context) is never intact.

A span found again at its old offsets counts as intact only with both sides of its context unchanged;
an edit within :data:`~quotes.records.CONTEXT_CHARS` characters of a span makes it ``moved`` (with a
shift of 0). An edit that leaves a span and its whole context identical at the same offsets (possible
only inside a run of more than 32 repeated characters) cannot be seen except in the text hash, which
the verdict reports (``source: changed``).

There is no fuzzy matching: a record claims that its spans' exact words are in the source, so a span
whose words were edited is lost, not "approximately found".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from attrs import define, field

from quotes.audit.anchors import context_agreement, full_context, is_confirmed, occurrences, pick
from quotes.audit.rederive import record_problems
from quotes.records import CONTEXT_SPANS, QuoteRecord, SpanContext
from quotes.text.digest import text_sha256
from quotes.text.spans import Span

# context_agreement, occurrences and record_problems are read from here too (they were defined here before).
__all__ = [
    "STATUSES",
    "SpanCheck",
    "Verdict",
    "context_agreement",
    "occurrences",
    "record_problems",
    "summarize",
    "verify_record",
    "verify_records",
]

STATUSES = ("intact", "moved", "edited", "lost", "missing-source")

#: How far beyond its original distance from the content a speaker or cue is looked for.
SLACK = 64


@define(frozen=True)
class SpanCheck:
    """One span of a record: where it was, where it is now (None when lost), and how it was found."""

    name: str  # "content", "speaker", "cue", "fragment[0]", ...
    status: str  # "intact" | "moved" | "lost"
    old: Span
    new: Span | None
    # intact: "hash" (text unchanged), "context" (same offsets, same context), "position" (same offsets,
    # no stored context); moved: "context", "unique", "nearest" (no stored context), "with-content";
    # lost: "not-found", "ambiguous", "no-content" (not looked for: the record's content is lost),
    # "inconsistent" (a fragment outside its content, or with other words than the content has there);
    # moved with "record-edited": in place in an unchanged source, but the record's stored context is not its
    method: str

    @property
    def shift(self) -> int | None:
        return None if self.new is None else self.new.start - self.old.start

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "old": {"start": self.old.start, "end": self.old.end},
            "new": None if self.new is None else {"start": self.new.start, "end": self.new.end},
            "shift": self.shift,
            "method": self.method,
            "text": self.old.text,
        }


@define(frozen=True)
class Verdict:
    """What :func:`verify_records` found for one record."""

    doc_id: str
    quote_id: str
    status: str  # one of STATUSES
    # "unchanged" (text hash matches), "changed", or "missing"
    source: str
    spans: tuple[SpanCheck, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def span(self, name: str) -> SpanCheck | None:
        return next((s for s in self.spans if s.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "status": self.status,
            "source": self.source,
            "spans": {s.name: s.to_dict() for s in self.spans},
            "notes": list(self.notes),
        }

    def describe(self) -> str:
        """One line for people: the status, the record, and what happened to the spans that are not intact."""
        head = f"{self.status:<8} {self.doc_id} {self.quote_id}"
        if self.status == "missing-source":
            return f"{head}: no source given for this document"
        parts = []
        for check in self.spans:
            if check.status == "moved" and check.method == "record-edited":
                parts.append(f"{check.name} {check.old.start}-{check.old.end} in place, its stored context edited")
            elif check.status == "moved" and check.new is not None:
                if check.shift == 0:
                    parts.append(f"{check.name} {check.old.start}-{check.old.end} in place, its context changed")
                else:
                    parts.append(
                        f"{check.name} {check.old.start}-{check.old.end} -> {check.new.start}-{check.new.end} "
                        f"({check.shift:+d})"
                    )
            elif check.status == "lost" and check.method == "inconsistent":
                parts.append(f"{check.name} {_clip(check.old.text)!r} does not match its own quote")
            elif check.status == "lost" and check.method == "no-content":
                parts.append(f"{check.name} not placed (its quote is lost)")
            elif check.status == "lost":
                why = "occurs several times, none in its old context" if check.method == "ambiguous" else "not found"
                parts.append(f"{check.name} {_clip(check.old.text)!r} {why}")
        return f"{head}: {'; '.join(parts + list(self.notes))}" if parts or self.notes else head


def summarize(verdicts: Iterable[Verdict]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for verdict in verdicts:
        counts[verdict.status] += 1
    return counts


def verify_records(records: Iterable[QuoteRecord], texts: Mapping[str, str]) -> list[Verdict]:
    """A :class:`Verdict` per record, in order; ``texts`` maps doc ids to the current source texts.

    The context for re-anchoring is the record's stored ``prefix``/``suffix``
    (:attr:`QuoteRecord.context`, read by :meth:`QuoteRecord.from_dict`); records without it are
    checked by offsets and re-anchored by position only.
    """
    records = list(records)
    hashes: dict[str, str] = {}
    shifts: dict[str, int] = {}  # the last shift seen in each document: where to look first
    # How many records of each document carry the source's own hash: one that does not, among others that
    # do, had its hash edited (the source cannot be changed for one record and not for the others).
    matching: dict[str, int] = {}
    for record in records:
        text = texts.get(record.doc_id)
        if text is not None:
            digest = hashes.setdefault(record.doc_id, text_sha256(text))
            matching[record.doc_id] = matching.get(record.doc_id, 0) + (digest == record.provenance.text_sha256)
    verdicts = []
    for record in records:
        text = texts.get(record.doc_id)
        if text is None:
            verdicts.append(Verdict(record.doc_id, record.quote_id, "missing-source", "missing"))
            continue
        unchanged = hashes[record.doc_id] == record.provenance.text_sha256
        extra = []
        if not unchanged and matching[record.doc_id]:
            extra.append(
                f"provenance.text_sha256 is not the source's, which {matching[record.doc_id]} other records of "
                "this document carry: the record was edited"
            )
        verdict = verify_record(record, text, unchanged=unchanged, hint=shifts.get(record.doc_id), problems=extra)
        content = verdict.spans[0]
        if content.shift is not None:
            shifts[record.doc_id] = content.shift
        verdicts.append(verdict)
    return verdicts


def verify_record(
    record: QuoteRecord,
    text: str,
    *,
    unchanged: bool | None = None,
    hint: int | None = None,
    problems: Iterable[str] = (),
) -> Verdict:
    """Check one record against ``text``; ``unchanged`` is whether the text's hash matches (computed when
    None). ``hint`` is a likely shift (the previous record's): the content found there with all of its
    context is taken without searching the whole text, which keeps verifying a long edited document linear.
    ``problems`` are signs of editing found by the caller (a hash that other records contradict)."""
    if unchanged is None:
        unchanged = text_sha256(text) == record.provenance.text_sha256
    notes: list[str] = []
    edited = list(problems)
    if unchanged and record.check(text):
        edited.append("the source's hash matches but the record's offsets do not: the record was edited")
    inconsistent = record.inconsistencies()
    notes.extend(f"the record contradicts itself: {problem}" for problem in inconsistent)
    edited.extend(record_problems(record, text, unchanged=unchanged))
    content = _anchor_content(record, text, unchanged, hint)
    checks = [content]
    for name in ("speaker", "cue", "principal"):
        span = getattr(record, name)
        if span is not None:
            checks.append(_anchor_near(record, name, span, record.context.get(name), content, text, unchanged))
    for i, fragment in enumerate(record.fragments):
        name = f"fragment[{i}]"
        if any(p.startswith(f"{name} ") for p in inconsistent):
            # Not inside its content, or other words than the content's there: no place makes it true.
            checks.append(SpanCheck(name, "lost", fragment, None, "inconsistent"))
        elif content.new is not None:
            checks.append(_with_content(name, fragment, content, text, unchanged))
        else:
            checks.append(SpanCheck(name, "lost", fragment, None, "no-content"))
    if unchanged:
        contexts = [c.name for c in checks if c.status == "intact" and _context_edited(record, c.name, text)]
        if contexts:
            edited.append(f"the stored context of {', '.join(contexts)} is not the source's: the record was edited")
            checks = [_in_place_edited(c) if c.name in contexts else c for c in checks]
    statuses = {c.status for c in checks}
    # An edited record is never intact, wherever its spans are: the span checks say what moved.
    status = "edited" if edited else "lost" if "lost" in statuses else "moved" if "moved" in statuses else "intact"
    return Verdict(
        record.doc_id,
        record.quote_id,
        status,
        "unchanged" if unchanged else "changed",
        tuple(checks),
        tuple(edited + notes),
    )


# -- anchoring -----------------------------------------------------------------------------------------


def _same_place(name: str, span: Span, context: SpanContext | None, text: str, unchanged: bool) -> SpanCheck | None:
    """The span where it was, when that still holds: by hash, or by its text and full context."""
    if not span.slices(text):
        return None
    if unchanged:
        return SpanCheck(name, "intact", span, span, "hash")
    if full_context(text, span, context):
        return SpanCheck(name, "intact", span, span, "context" if context is not None else "position")
    return None


def _anchor_content(record: QuoteRecord, text: str, unchanged: bool, hint: int | None = None) -> SpanCheck:
    """The content, searched for in the whole text: an occurrence with one whole side of its old
    context, else the only occurrence; several and none confirmed by context is ambiguous."""
    span = record.content
    context = record.context.get("content")
    here = _same_place("content", span, context, text, unchanged)
    if here is not None:
        return here
    if hint and context is not None and span.start + hint >= 0:
        there = Span(span.start + hint, span.end + hint, span.text)
        if there.slices(text) and full_context(text, there, context):
            return SpanCheck("content", "moved", span, there, "context")
    candidates = occurrences(text, span.text)
    if not candidates:
        return SpanCheck("content", "lost", span, None, "not-found")
    if context is None:  # nothing to tell occurrences apart but the old offset
        return _moved("content", span, pick(text, span, None, candidates, span.start), text, "nearest")
    confirmed = [c for c in candidates if is_confirmed(text, c, c + len(span), context)]
    if confirmed:
        return _moved("content", span, pick(text, span, context, confirmed, span.start), text, "context")
    if len(candidates) == 1:
        return _moved("content", span, candidates[0], text, "unique")
    return SpanCheck("content", "lost", span, None, "ambiguous")


def _anchor_near(
    record: QuoteRecord,
    name: str,
    span: Span,
    context: SpanContext | None,
    content: SpanCheck,
    text: str,
    unchanged: bool,
) -> SpanCheck:
    """A speaker, cue (or stray fragment) looked for near where the content is now: where it was
    relative to the content, or an occurrence nearby with one whole side of its old context."""
    here = _same_place(name, span, context, text, unchanged)
    if here is not None:
        return here
    if content.new is None:
        # Where the content went is unknown, so there is nowhere to look for the rest of the record.
        return SpanCheck(name, "lost", span, None, "no-content")
    old = record.content
    gap = max(0, old.start - span.end, span.start - old.end)
    new = content.new
    lo = max(0, new.start - gap - len(span) - SLACK)
    hi = min(len(text), new.end + gap + len(span) + SLACK)
    expected = span.start + (content.shift or 0)
    candidates = occurrences(text, span.text, lo, hi)
    if expected in candidates:
        return _moved(name, span, expected, text, "with-content")
    if context is None:
        start = pick(text, span, None, candidates, expected)
        return _moved(name, span, start, text, "nearest") if start is not None else _lost(name, span)
    confirmed = [c for c in candidates if is_confirmed(text, c, c + len(span), context)]
    if confirmed:
        return _moved(name, span, pick(text, span, context, confirmed, expected), text, "context")
    return _lost(name, span)


def _with_content(name: str, span: Span, content: SpanCheck, text: str, unchanged: bool) -> SpanCheck:
    """A fragment inside the content (checked by the caller: its text is the content's there) moves with it."""
    if content.status == "intact" and span.slices(text):
        return SpanCheck(name, "intact", span, span, content.method)
    return _moved(name, span, span.start + (content.shift or 0), text, "with-content")


def _context_edited(record: QuoteRecord, name: str, text: str) -> bool:
    """Whether the record's stored context of a span in place is other than the text around it."""
    context = record.context.get(name)
    span = getattr(record, name, None) if name in CONTEXT_SPANS else None
    return context is not None and span is not None and context != SpanContext.of(text, span)


def _in_place_edited(check: SpanCheck) -> SpanCheck:
    return SpanCheck(check.name, "moved", check.old, check.new, "record-edited")


def _moved(name: str, span: Span, start: int | None, text: str, method: str) -> SpanCheck:
    if start is None:
        return _lost(name, span)
    new = Span.of(text, start, start + len(span))
    if new.text != span.text:  # cannot happen for an exact occurrence; guards the arithmetic above
        return _lost(name, span)
    return SpanCheck(name, "moved", span, new, method)


def _lost(name: str, span: Span) -> SpanCheck:
    return SpanCheck(name, "lost", span, None, "not-found")


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
