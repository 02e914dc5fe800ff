"""Quotation marks: find them, pair them, and say why (pure text, no parser, never raises).

The scanner works on the original string and never moves an offset:

1. paragraphs: the blank-line separated blocks if the document has a blank line, else every line;
2. marks: each quotation-mark character of a paragraph, left to right, is classified from its two
   neighbours (paragraph edge, space, word character, opening bracket or dash, other punctuation) and
   from the stack of quotes open so far. Every mark gets a :class:`MarkDecision` whose reason starts
   with one of the categories in :data:`REASONS`, so a reader can see why it was treated as it was;
3. newspaper rule: a quote left open at the end of a paragraph continues into the next paragraph
   when that paragraph starts with an opening mark of the same style.

Quotes never cross a paragraph boundary otherwise: a broken article loses one paragraph, not the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

from quotes.text.mark_context import BLANK_LINE_RE, LINE_RE, MARK_RE, ParagraphResult, narrow
from quotes.text.mark_inventory import FLAGS, MAX_DEPTH, PAIRS, REASONS, ROLES
from quotes.text.mark_scanner import ParagraphScanner, link_continuations
from quotes.text.regions import MarkDecision, QuoteRegion, Scan, region_dict
from quotes.text.spans import Span

# The scanner's public face: its result types and vocabulary are importable from here.
__all__ = [
    "FLAGS",
    "MAX_DEPTH",
    "PAIRS",
    "REASONS",
    "ROLES",
    "MarkDecision",
    "QuoteRegion",
    "Scan",
    "has_blank_line",
    "reason_category",
    "region_dict",
    "scan",
    "split_paragraphs",
]


def scan(text: str) -> Scan:
    """Find, pair and explain every quotation mark of ``text``; never raises on a str."""
    paragraphs = split_paragraphs(text)
    decisions: list[MarkDecision] = []
    results = [
        ParagraphScanner(text, para, index, decisions).run()
        if MARK_RE.search(text, para.start, para.end)
        else ParagraphResult([], None, None)  # most paragraphs have no mark: skip the set-up
        for index, para in enumerate(paragraphs)
    ]
    drafts = link_continuations(results, decisions)
    regions = tuple(draft.freeze(decisions) for draft in drafts)
    return Scan(regions=regions, decisions=tuple(decisions), paragraphs=paragraphs)


def split_paragraphs(text: str) -> tuple[Span, ...]:
    """Blank-line separated blocks if the text has a blank line, else one paragraph per line.

    Line breaks are those of ``str.splitlines`` (\\n, \\r\\n, \\r, \\u2028, ...). Spans are narrowed past
    whitespace; empty ones are skipped.
    """
    if BLANK_LINE_RE.search(text):
        cuts = [(m.start(), m.end()) for m in BLANK_LINE_RE.finditer(text)]
        starts = [0] + [end for _, end in cuts]
        ends = [start for start, _ in cuts] + [len(text)]
        pieces: Iterable[tuple[int, int]] = zip(starts, ends, strict=True)
    else:
        pieces = (m.span() for m in LINE_RE.finditer(text))
    spans = (narrow(text, start, end) for start, end in pieces)
    return tuple(span for span in spans if len(span))


def has_blank_line(text: str, start: int, end: int) -> bool:
    """A blank line (a paragraph break, as :func:`split_paragraphs` sees one) in ``text[start:end]``."""
    return BLANK_LINE_RE.search(text, start, end) is not None


def reason_category(reason: str) -> str:
    """The category (a key of :data:`REASONS`) a decision's reason starts with."""
    return reason.split(":", 1)[0]
