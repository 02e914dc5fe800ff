"""Finding a span's words again in a text by their stored context, the way annotation clients such as
Hypothesis re-find a TextQuoteSelector (see :mod:`quotes.audit.verify` for how verify uses them)."""

from __future__ import annotations

from quotes.records import CONTEXT_CHARS, SpanContext
from quotes.text.spans import Span


def context_agreement(text: str, start: int, end: int, context: SpanContext | None) -> int:
    """How many characters of the stored context still stand next to ``text[start:end]``: the length of
    the common tail of ``prefix`` and the text before, plus the common head of ``suffix`` and the text after."""
    if context is None:
        return 0
    before = text[max(0, start - len(context.prefix)) : start]
    after = text[end : end + len(context.suffix)]
    return common_tail(context.prefix, before) + common_head(context.suffix, after)


def full_context(text: str, span: Span, context: SpanContext | None) -> bool:
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


def is_confirmed(text: str, start: int, end: int, context: SpanContext | None) -> bool:
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


def pick(text: str, span: Span, context: SpanContext | None, candidates: list[int], expected: int) -> int | None:
    """The best candidate start: most agreeing context, then nearest ``expected``."""
    if not candidates:
        return None
    return max((context_agreement(text, c, c + len(span), context), -abs(c - expected), c) for c in candidates)[2]


def common_head(a: str, b: str) -> int:
    """Length of the longest common prefix of two strings."""
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def common_tail(a: str, b: str) -> int:
    return common_head(a[::-1], b[::-1])
