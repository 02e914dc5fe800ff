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

What is re-derived (:func:`record_problems`), whatever the source: a speaker name has a speaker mention, and the speaker
mention is the one its speaker chain starts from; a principal (``on_behalf_of``) has its words inside the
speaker mention, and the two principal fields go together; a mixed quote, and only a mixed quote, has
fragments; a direct quote lies inside one of its quotation-mark regions. (Each held on every
record of the development corpus and the construction suite, stanza and spaCy: 1,355 records.) With the
source: every word of the name fields is in the text; the record's ``text_sha256`` is the source's when
other records of the document say so; in an unchanged source every span of the evidence (sentence, marks,
speaker chain) slices the text.

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

from quotes.records import CONTEXT_CHARS, CONTEXT_SPANS, QuoteRecord, SpanContext
from quotes.text.digest import text_sha256
from quotes.text.spans import Span

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


def record_problems(record: QuoteRecord, text: str | None = None, *, unchanged: bool = False) -> list[str]:
    """What shows that ``record`` is not what extraction wrote (empty when nothing does): its digest, and
    every field re-derived from the others (and from ``text``, the source, when given; ``unchanged``: the
    source's hash is the record's, so every span of the evidence must slice it)."""
    problems = []
    digest = record.digest_problem()
    if digest is not None:
        problems.append(digest)
    if record.speaker_name is not None and record.speaker is None:
        problems.append("speaker_name without a speaker mention to take it from")
    chain = record.evidence.speaker_chain
    if record.speaker is not None:
        if not chain:
            problems.append("a speaker without evidence.speaker_chain (it starts from the speaker mention)")
        elif (chain[0].start, chain[0].end, chain[0].text) != (
            record.speaker.start,
            record.speaker.end,
            record.speaker.text,
        ):
            problems.append(
                f"speaker {record.speaker.start}-{record.speaker.end} {_clip(record.speaker.text)!r} is not the "
                f"mention its speaker chain starts from ({chain[0].start}-{chain[0].end} {_clip(chain[0].text)!r})"
            )
    if (record.on_behalf_of is None) != (record.principal is None):
        problems.append("on_behalf_of and principal go together: one of them is missing")
    if record.principal is not None and (record.speaker is None or not record.speaker.contains(record.principal)):
        problems.append(f"principal {record.principal.start}-{record.principal.end} is outside the speaker mention")
    if (record.kind == "mixed") != bool(record.fragments):
        problems.append(
            "a mixed quote without fragments" if record.kind == "mixed" else f"fragments in a {record.kind} quote"
        )
    if record.kind == "direct" and not any(_inside_region(record.content, r) for r in record.evidence.marks):
        problems.append("a direct quote outside every quotation-mark region of its evidence")
    if text is not None:
        folded = text.casefold()
        for name in ("speaker_name", "on_behalf_of"):
            value = getattr(record, name)
            missing = [w for w in (value or "").split() if w.casefold() not in folded]
            if missing:
                problems.append(f"{name} {_clip(value or '')!r} has words the source does not: {', '.join(missing)}")
        if unchanged:
            bad = [name for name, span in record.evidence_spans() if not span.slices(text)]
            if bad:
                problems.append(f"{', '.join(bad)} do not slice the source, whose hash is the record's")
    return problems


def _inside_region(content: Span, region: object) -> bool:
    """Whether ``content`` lies between a region's marks (an open side stands for the paragraph's edge)."""
    opening, closing = getattr(region, "open", None), getattr(region, "close", None)
    if opening is None and closing is None:
        return False
    return (opening is None or opening.end <= content.start) and (closing is None or content.end <= closing.start)


# -- anchoring -----------------------------------------------------------------------------------------


def context_agreement(text: str, start: int, end: int, context: SpanContext | None) -> int:
    """How many characters of the stored context still stand next to ``text[start:end]``: the length of
    the common tail of ``prefix`` and the text before, plus the common head of ``suffix`` and the text after."""
    if context is None:
        return 0
    before = text[max(0, start - len(context.prefix)) : start]
    after = text[end : end + len(context.suffix)]
    return _common_tail(context.prefix, before) + _common_head(context.suffix, after)


def _full_context(text: str, span: Span, context: SpanContext | None) -> bool:
    if context is None:
        return True
    before = text[max(0, span.start - len(context.prefix)) : span.start]
    # A prefix shorter than the window means the span was that close to the start of the text.
    at_start = len(context.prefix) == CONTEXT_CHARS or span.start == len(context.prefix)
    after = text[span.end : span.end + len(context.suffix)]
    at_end = len(context.suffix) == CONTEXT_CHARS or span.end + len(context.suffix) == len(text)
    return before == context.prefix and after == context.suffix and at_start and at_end


def occurrences(text: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Start offsets of every occurrence of ``needle`` in ``text[lo:hi]`` (overlapping ones too)."""
    hi = len(text) if hi is None else hi
    found = []
    if not needle:
        return found
    at = text.find(needle, lo, hi)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1, hi)
    return found


def _same_place(name: str, span: Span, context: SpanContext | None, text: str, unchanged: bool) -> SpanCheck | None:
    """The span where it was, when that still holds: by hash, or by its text and full context."""
    if not span.slices(text):
        return None
    if unchanged:
        return SpanCheck(name, "intact", span, span, "hash")
    if _full_context(text, span, context):
        return SpanCheck(name, "intact", span, span, "context" if context is not None else "position")
    return None


def _confirmed(text: str, start: int, end: int, context: SpanContext | None) -> bool:
    """Whether one whole side of the stored context stands next to ``text[start:end]``: a single edit
    elsewhere leaves at least one side of a span untouched. An empty side (the span was at the start or
    end of its text) agrees only at the same edge."""
    if context is None:
        return False
    if context.prefix:
        if text[max(0, start - len(context.prefix)) : start] == context.prefix:
            return True
    elif start == 0:
        return True
    if context.suffix:
        return text[end : end + len(context.suffix)] == context.suffix
    return end == len(text)


def _pick(text: str, span: Span, context: SpanContext | None, candidates: list[int], expected: int) -> int | None:
    """The best candidate start: most agreeing context, then nearest ``expected``."""
    if not candidates:
        return None
    return max((context_agreement(text, c, c + len(span), context), -abs(c - expected), c) for c in candidates)[2]


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
        if there.slices(text) and _full_context(text, there, context):
            return SpanCheck("content", "moved", span, there, "context")
    candidates = occurrences(text, span.text)
    if not candidates:
        return SpanCheck("content", "lost", span, None, "not-found")
    if context is None:  # nothing to tell occurrences apart but the old offset
        return _moved("content", span, _pick(text, span, None, candidates, span.start), text, "nearest")
    confirmed = [c for c in candidates if _confirmed(text, c, c + len(span), context)]
    if confirmed:
        return _moved("content", span, _pick(text, span, context, confirmed, span.start), text, "context")
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
        start = _pick(text, span, None, candidates, expected)
        return _moved(name, span, start, text, "nearest") if start is not None else _lost(name, span)
    confirmed = [c for c in candidates if _confirmed(text, c, c + len(span), context)]
    if confirmed:
        return _moved(name, span, _pick(text, span, context, confirmed, expected), text, "context")
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


def _common_head(a: str, b: str) -> int:
    """Length of the longest common prefix of two strings."""
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def _common_tail(a: str, b: str) -> int:
    return _common_head(a[::-1], b[::-1])


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
