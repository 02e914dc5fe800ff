"""The scanner's view of a paragraph: character classes, the neighbours of a mark, and working state.

``ParagraphContext`` holds one paragraph's state and answers the questions the pairing decisions ask
(what stands left and right of a mark, is there a word after it, does it end a clause); every search
is bounded, so a paragraph is scanned in linear time.
"""

from __future__ import annotations

import bisect
import re

from attrs import define

from quotes.text.mark_inventory import (
    CLAUSE_END,
    ELISIONS,
    MIXED_CLOSERS,
    OPENING_CONTEXT,
    ORIENTED_PAIRS,
    PAIRS,
    POSSESSIVE_ENDINGS,
    SENTENCE_END,
)
from quotes.text.regions import MarkDecision, QuoteRegion
from quotes.text.spans import Span, strip_span

# ------------------------------------------------------------------------------------------------
# Character classes and the regular expressions (all linear: single characters or fixed strings).
# ------------------------------------------------------------------------------------------------

# Line breaks as str.splitlines sees them; \r\n is one break (a lone \r never takes half of it).
_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_BREAK = "(?:\r\n|\r(?!\n)|[\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])"

# Two breaks with only whitespace between: a blank line (and all the whitespace around it). \\s* is a
# single-character repeat: it backtracks over one whitespace run at most, so matching stays linear.
BLANK_LINE_RE = re.compile(_BREAK + r"\s*" + _BREAK)

LINE_RE = re.compile("[^" + _BREAK_CHARS + "]+")

_NON_SPACE_RE = re.compile(r"\S")

WORD_RE = re.compile(r"[^\W_]")  # str.isalnum, one character at a time

_MARK_CHARS: frozenset[str] = frozenset("".join(PAIRS) + "".join("".join(c) for _, c in PAIRS.values()) + "`")

# Two-character marks first, so '' is never read as two single quotes.
MARK_RE = re.compile("``|''|[" + "".join(sorted(re.escape(c) for c in _MARK_CHARS if c != "`")) + "]")

ORIENTED_PAIR_OF: dict[str, tuple[str, str]] = {mark: pair for pair in ORIENTED_PAIRS for mark in pair}

_MAX_LOOK = 12  # how far the scanner looks past a mark (words, runs of marks, spaces): keeps it linear

# Neighbour kinds.
EDGE, SPACE, WORD, OPENING, PUNCT = "edge", "space", "word", "opening", "punct"
# Positions, from the two neighbours.
OPENING_POS, CLOSING_POS, AMBIGUOUS_POS = "opening", "closing", "ambiguous"


def narrow(text: str, start: int, end: int) -> Span:
    """``strip_span(text, start, end)``, with the whitespace skipped at C speed first."""
    first = _NON_SPACE_RE.search(text, start, end)
    if first is None:
        return strip_span(text, end, end)
    start = first.start()
    return strip_span(text, start, start + len(text[start:end].rstrip()))


def mark_position(left: str, right: str) -> str:
    """Where a mark stands: before text (opening), after text (closing), or neither clearly."""
    if left in (EDGE, SPACE, OPENING) and right not in (EDGE, SPACE):
        return OPENING_POS
    if left not in (EDGE, SPACE) and right in (EDGE, SPACE, PUNCT):
        return CLOSING_POS
    return AMBIGUOUS_POS


def _kind(char: str) -> str:
    if char.isspace():
        return SPACE
    if char.isalnum():
        return WORD
    if char in OPENING_CONTEXT:
        return OPENING
    return PUNCT


@define
class Open:
    """A quote on the stack."""

    mark: Span
    opener: str  # key into PAIRS
    style: str
    depth: int
    decision: int  # index into the shared decision list

    @property
    def closers(self) -> frozenset[str]:
        return PAIRS[self.opener][1]


@define
class Draft:
    open: Span | None
    close: Span | None
    content: Span
    style: str
    depth: int
    paragraph: int
    flags: set[str]
    decisions: list[int]
    continues: int | None = None

    @property
    def outer_start(self) -> int:
        return self.open.start if self.open is not None else self.content.start

    def freeze(self, decisions: list[MarkDecision]) -> QuoteRegion:
        return QuoteRegion(
            open=self.open,
            close=self.close,
            content=self.content,
            style=self.style,
            depth=self.depth,
            paragraph=self.paragraph,
            flags=frozenset(self.flags),
            continues=self.continues,
            decisions=tuple(decisions[i] for i in self.decisions),
        )


@define
class ParagraphResult:
    drafts: list[Draft]  # in text order of their opening position
    tail: Draft | None  # the outermost quote still open at the paragraph end (non-empty content)
    head: Draft | None  # the quote opened by the paragraph's first character


def _last_word_index(text: str, para: Span) -> int:
    """Offset of the paragraph's last word character, or -1 (a backward walk over its tail only)."""
    i = para.end - 1
    while i >= para.start and not text[i].isalnum():
        i -= 1
    return i if i >= para.start else -1


class ParagraphContext:
    """One paragraph's text and scanning state, and what a mark's surroundings say."""

    def __init__(self, text: str, para: Span, index: int, decisions: list[MarkDecision]) -> None:
        self.text = text
        self.para = para
        self.index = index
        self.decisions = decisions
        self.stack: list[Open] = []
        self.drafts: list[Draft] = []
        # An inferred opening starts no earlier than this: the paragraph start or the last closing mark.
        self.boundary = para.start
        # The text between marks is cut into gaps; a gap starts at the paragraph start or a mark's end.
        # Remembering the start of the latest gap holding a word character answers "is there a word in
        # [gap start, here)" in constant time, which keeps inferred openings linear.
        self.gap_start = para.start
        self.last_word_gap = -1
        self.last_word = _last_word_index(text, para)
        self.orientation: dict[tuple[str, str], str] = {}  # guillemet pair -> its opening mark here
        self.prev_end = -1
        self.prev_role = ""
        self._single_marks: dict[str, list[int]] | None = None  # positions of ' and ’, built on first need

    def _left_kind(self, start: int) -> str:
        if start <= self.para.start:
            return EDGE
        if start == self.prev_end:  # right after another mark: what it did is what matters
            return OPENING if self.prev_role in ("open", "continuation") else PUNCT
        return _kind(self.text[start - 1])

    def _right_kind(self, end: int) -> tuple[str, int]:
        """The kind of the first non-mark character after ``end`` (a few marks are looked past)."""
        j = end
        while j < self.para.end and j - end < _MAX_LOOK and self.text[j] in _MARK_CHARS:
            j += 1
        if j >= self.para.end:
            return EDGE, j
        char = self.text[j]
        if char in _MARK_CHARS:
            return PUNCT, j
        kind = _kind(char)
        return (PUNCT if kind == OPENING else kind), j

    def _word_after(self, j: int) -> str:
        stop = min(self.para.end, j + _MAX_LOOK)
        k = j
        while k < stop and self.text[k].isalnum():
            k += 1
        return self.text[j:k].lower()

    def _word_before(self, start: int) -> str:
        stop = max(self.para.start, start - _MAX_LOOK)
        k = start
        while k > stop and self.text[k - 1].isalnum():
            k -= 1
        return self.text[k:start].lower()

    def _has_word_after(self, end: int) -> bool:
        return self.last_word >= end

    def _has_word_since(self, start: int) -> bool:
        """A word character in [start, current mark)? ``start`` must be a gap start."""
        return self.last_word_gap >= start

    def _at_clause_end(self, start: int, right: str, after: int, *, spaced: bool) -> bool:
        """Does a closing mark at ``start`` directly follow clause punctuation or end a sentence?"""
        i = start - 1
        if spaced or right == EDGE:  # a space before a final mark (or inside « ») is displacement
            stop = max(self.para.start, start - _MAX_LOOK)
            while i >= stop and self.text[i].isspace():
                i -= 1
        if i < self.para.start:
            return False
        char = self.text[i]
        if char in CLAUSE_END:
            return True
        if char.isalnum():
            return right == EDGE or (after < self.para.end and self.text[after] in SENTENCE_END)
        return False

    def _partner(self, mark: str, same_style: str | None = None) -> int | None:
        """Index in the stack of the nearest quote ``mark`` can close (its own style first, then mixed)."""
        for i in range(len(self.stack) - 1, -1, -1):
            entry = self.stack[i]
            if mark in entry.closers or entry.style == same_style:
                return i
        mixed = MIXED_CLOSERS.get(mark, frozenset())
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opener in mixed:
                return i
        return None

    def _closer_follows(self, opener: str, end: int) -> bool:
        """Is the next non-space character a closer of ``opener`` (an empty quote such as "")?"""
        j = end
        stop = min(self.para.end, end + _MAX_LOOK)
        while j < stop and self.text[j].isspace():
            j += 1
        return self.text.startswith(tuple(PAIRS[opener][1]), j, self.para.end)

    def _possessive_in_quote(self, mark: str, start: int, end: int) -> bool:
        """With a single quote open, is the mark after a plural (``the workers' union``) a possessive?

        Yes when the word before it ends in s, z or x and the quote is closed later by a mark of its own
        kind: right after it (``the governors''``, ``the fans'.'``), or further on, where the next such
        mark that is not itself an apostrophe stands in closing position (``'The workers' union has
        been clear.'``). A next mark in opening position says this one closed (``'workers' and 'bosses'``).
        """
        if not self._word_before(start).endswith(POSSESSIVE_ENDINGS):
            return False
        j = end
        while j < self.para.end and j - end < 2 and self.text[j] in CLAUSE_END:
            j += 1
        if j < self.para.end and self.text[j] == mark:
            return j + 1 >= self.para.end or not self.text[j + 1].isalnum()
        if not (end + 1 < self.para.end and self.text[end] == " " and self.text[end + 1].isalnum()):
            return False
        if self._single_marks is None:
            self._single_marks = {
                m: [k for k in range(self.para.start, self.para.end) if self.text[k] == m] for m in "'’"
            }
        marks = self._single_marks[mark]
        for k in marks[bisect.bisect_right(marks, start) :][:_MAX_LOOK]:
            left = self.text[k - 1] if k > self.para.start else " "
            right = self.text[k + 1] if k + 1 < self.para.end else " "
            if left.isalnum() and right.isalnum():
                continue  # an apostrophe inside a word (don't)
            if left.isspace() or left in OPENING_CONTEXT:
                return False  # an opening mark: this one closed the quote
            if right.isalnum():
                return False
            if right == " " and k + 2 < self.para.end and self.text[k + 2].isalnum() and left.isalnum():
                continue  # another plural possessive (the bosses' club)
            return True
        return False

    def _elision_follows(self, after: int) -> bool:
        if after >= self.para.end:
            return False
        if self.text[after].isdigit():  # '90s
            return True
        return self._word_after(after) in ELISIONS
