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

import itertools
import re
from collections.abc import Iterable
from typing import Any

from attrs import define, field

from quotes.text.spans import Span, strip_span

# ------------------------------------------------------------------------------------------------
# The mark inventory. Plain data, meant to be read (and extended) by a linguist.
# ------------------------------------------------------------------------------------------------

#: Opening mark -> (style, the marks that close it). Two-character marks are listed as such.
PAIRS: dict[str, tuple[str, frozenset[str]]] = {
    '"': ("double-straight", frozenset({'"'})),
    "“": ("double-curly", frozenset({"”"})),
    "„": ("low-9", frozenset({"“", "”"})),  # German „…“, Polish/Hungarian „…”
    "«": ("guillemets", frozenset({"»"})),  # French, Russian «…»
    "»": ("guillemets", frozenset({"«"})),  # German, Danish »…«
    "‹": ("single-guillemets", frozenset({"›"})),
    "›": ("single-guillemets", frozenset({"‹"})),
    "‘": ("single-curly", frozenset({"’"})),
    "‚": ("low-9-single", frozenset({"‘", "’"})),  # German ‚…‘
    "'": ("single-straight", frozenset({"'"})),
    "``": ("latex", frozenset({"''"})),  # LaTeX / Penn Treebank ``…''
    "''": ("latex", frozenset({"''"})),  # two apostrophes typed for a double mark: ''…''
}

#: Pairs whose direction depends on the language (« » in French, » « in German): in each paragraph,
#: whichever of the two comes first opens and the other closes.
ORIENTED_PAIRS: tuple[tuple[str, str], ...] = (("«", "»"), ("‹", "›"))

#: Marks typed the same way when opening and closing: their neighbours, then the state, decide.
SYMMETRIC: frozenset[str] = frozenset({'"', "''"})

#: Mixed typing (“Hello," he said): a double closer with none of its own style open may close a quote
#: opened with one of these marks.
MIXED_CLOSERS: dict[str, frozenset[str]] = {'"': frozenset({"“", "„"}), "”": frozenset({'"'})}

#: Single marks that are quotes or apostrophes (’ is also the typographic apostrophe); their neighbours,
#: the word after or before them, and whether a single quote is open decide. (‘ typed for an apostrophe,
#: don‘t or ‘90s, is handled with the opening-only marks.)
QUOTE_OR_APOSTROPHE: frozenset[str] = frozenset({"'", "’"})

#: Marks that only ever close, and the style given to a quote inferred from one with no partner.
CLOSE_ONLY: dict[str, str] = {"”": "double-curly", "’": "single-curly"}

#: Marks that only ever open (in closing position they close an open quote of their own style, a typo
#: for the closer, or are stray). “ and ‘ also close an open low-9 „ or ‚ quote.
OPEN_ONLY: frozenset[str] = frozenset({"“", "„", "‘", "‚", "``"})

#: Opening-only marks that, with nothing of their style open in closing position, are treated as a
#: closer typed with the wrong mark (“Yes,“ he said) rather than as a stray.
OPENERS_TYPED_FOR_CLOSERS: frozenset[str] = frozenset({"“", "‘"})
#: The others, in closing position with nothing open, look like a comma (word„ next) and are stray.
COMMA_LOOKALIKES: frozenset[str] = frozenset({"„", "‚"})

#: Words written with a leading apostrophe for dropped letters ('em, 'til, rock 'n' roll) and the
#: clitics of tokenized (Penn Treebank) text ("John 's"): a mark right before them is no opening quote.
_DROPPED_LETTERS = {"n", "em", "til", "tis", "twas", "twere", "twill", "cause", "cos", "cuz", "bout", "nuff"}
_CLITICS = {"s", "d", "m", "t", "ll", "re", "ve"}  # tokenized text: John 's, they 're
ELISIONS: frozenset[str] = frozenset(_DROPPED_LETTERS | _CLITICS)

#: Word endings before a trailing apostrophe: plural possessives (students', Jesus’, Marx’).
POSSESSIVE_ENDINGS: tuple[str, ...] = ("s", "z", "x")

#: Words before a trailing apostrophe that mark dropped letters: rock ’n’ roll, nothin’, goin’.
ELIDED_WORDS: frozenset[str] = frozenset({"n", "o", "ol", "th"})
ELIDED_ENDINGS: tuple[str, ...] = ("in",)

DASHES = "-‐‑‒–—―"
#: Characters before a mark that let it open (as a space would): brackets, dashes, Spanish ¿ ¡.
OPENING_CONTEXT: frozenset[str] = frozenset("([{¿¡" + DASHES)
#: Punctuation that ends a quoted clause: a closing mark right after it closes something.
CLAUSE_END: frozenset[str] = frozenset(".,;:!?…" + DASHES)
#: Punctuation that ends a sentence (a closer after a word and before one of these ends a quote).
SENTENCE_END: frozenset[str] = frozenset(".!?…")
#: Styles typeset with a space inside the marks (French « Oui »): look past it to find the clause end.
SPACED_STYLES: frozenset[str] = frozenset({"guillemets", "single-guillemets"})

#: Deepest nesting kept. Real text nests two or three levels; a cap keeps degenerate input (thousands
#: of opening marks in a row) linear, since every nested region holds its own slice of the text.
MAX_DEPTH = 8

#: Reason categories: every MarkDecision.reason is "<category>: <detail>".
REASONS: dict[str, str] = {
    "opening-position": "space, paragraph start, bracket or dash before and text after: opens",
    "closing-position": "text before and space, punctuation or paragraph end after: closes",
    "by-state": "ambiguous position (alike on both sides): closes if its partner is open, else opens",
    "orientation": "guillemets: the first of the pair in the paragraph opens, the other closes",
    "fixed-direction": "a mark that only opens, or only closes, in its style",
    "low-9-close": "“ or ‘ closing an open low-9 „ or ‚ quote",
    "misused-mark": "an opening-only mark in closing position closes an open quote of its own style",
    "mixed-style": 'a closer of another double style closing the open quote (“…" or "…”)',
    "continuation": "opens a paragraph continuing the quote left open at the previous paragraph's end",
    "in-word": "word characters on both sides: contraction or elision apostrophe",
    "elision": "apostrophe standing for dropped letters or digits ('90s, ’n’, 'em, nothin’)",
    "possessive": "after a word ending in s, z or x with no open single quote: possessive apostrophe",
    "stray-after-word": "after a word with no open single quote: a stray apostrophe, not a quote",
    "displaced-close": "opening-position mark with no word after it in the paragraph: a closer displaced by a space",
    "inferred-open": "closing mark with no open partner at a clause end: the opening is inferred",
    "no-partner": "closing mark with nothing to close, not at a clause end: stray",
    "no-content": "the passage the mark would delimit has no word character: stray",
    "isolated": "single mark between spaces with nothing open: stray",
    "too-deep": f"an opening mark with {MAX_DEPTH} quotes already open: stray",
    "comma-lookalike": "low-9 mark in closing position with nothing open: probably a misplaced comma",
}

#: Decision roles, and region flags, as used below.
ROLES: tuple[str, ...] = ("open", "close", "apostrophe", "stray", "continuation")
FLAGS: tuple[str, ...] = ("unbalanced", "inferred-open", "continues", "continued", "empty")

# ------------------------------------------------------------------------------------------------
# Result types (other modules depend on these names and fields).
# ------------------------------------------------------------------------------------------------


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


# ------------------------------------------------------------------------------------------------
# Public functions.
# ------------------------------------------------------------------------------------------------


def scan(text: str) -> Scan:
    """Find, pair and explain every quotation mark of ``text``; never raises on a str."""
    paragraphs = split_paragraphs(text)
    decisions: list[MarkDecision] = []
    results = [
        _ParagraphScanner(text, para, index, decisions).run()
        if _MARK_RE.search(text, para.start, para.end)
        else _ParagraphResult([], None, None)  # most paragraphs have no mark: skip the set-up
        for index, para in enumerate(paragraphs)
    ]
    drafts = _link_continuations(results, decisions)
    regions = tuple(draft.freeze(decisions) for draft in drafts)
    return Scan(regions=regions, decisions=tuple(decisions), paragraphs=paragraphs)


def split_paragraphs(text: str) -> tuple[Span, ...]:
    """Blank-line separated blocks if the text has a blank line, else one paragraph per line.

    Line breaks are those of ``str.splitlines`` (\\n, \\r\\n, \\r, \\u2028, ...). Spans are narrowed past
    whitespace; empty ones are skipped.
    """
    if _BLANK_LINE_RE.search(text):
        cuts = [(m.start(), m.end()) for m in _BLANK_LINE_RE.finditer(text)]
        starts = [0] + [end for _, end in cuts]
        ends = [start for start, _ in cuts] + [len(text)]
        pieces: Iterable[tuple[int, int]] = zip(starts, ends, strict=True)
    else:
        pieces = (m.span() for m in _LINE_RE.finditer(text))
    spans = (_narrow(text, start, end) for start, end in pieces)
    return tuple(span for span in spans if len(span))


def reason_category(reason: str) -> str:
    """The category (a key of :data:`REASONS`) a decision's reason starts with."""
    return reason.split(":", 1)[0]


# ------------------------------------------------------------------------------------------------
# Character classes and the regular expressions (all linear: single characters or fixed strings).
# ------------------------------------------------------------------------------------------------

# Line breaks as str.splitlines sees them; \r\n is one break (a lone \r never takes half of it).
_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = "(?:\r\n|\r(?!\n)|[\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])"
# Two breaks with only whitespace between: a blank line (and all the whitespace around it). \\s* is a
# single-character repeat: it backtracks over one whitespace run at most, so matching stays linear.
_BLANK_LINE_RE = re.compile(_BREAK + r"\s*" + _BREAK)
_LINE_RE = re.compile("[^" + _BREAK_CHARS + "]+")
_NON_SPACE_RE = re.compile(r"\S")
_WORD_RE = re.compile(r"[^\W_]")  # str.isalnum, one character at a time
_MARK_CHARS: frozenset[str] = frozenset("".join(PAIRS) + "".join("".join(c) for _, c in PAIRS.values()) + "`")
# Two-character marks first, so '' is never read as two single quotes.
_MARK_RE = re.compile("``|''|[" + "".join(sorted(re.escape(c) for c in _MARK_CHARS if c != "`")) + "]")
_ORIENTED_PAIR_OF: dict[str, tuple[str, str]] = {mark: pair for pair in ORIENTED_PAIRS for mark in pair}
_MAX_LOOK = 12  # how far the scanner looks past a mark (words, runs of marks, spaces): keeps it linear

# Neighbour kinds.
EDGE, SPACE, WORD, OPENING, PUNCT = "edge", "space", "word", "opening", "punct"
# Positions, from the two neighbours.
OPENING_POS, CLOSING_POS, AMBIGUOUS_POS = "opening", "closing", "ambiguous"


def _narrow(text: str, start: int, end: int) -> Span:
    """``strip_span(text, start, end)``, with the whitespace skipped at C speed first."""
    first = _NON_SPACE_RE.search(text, start, end)
    if first is None:
        return strip_span(text, end, end)
    start = first.start()
    return strip_span(text, start, start + len(text[start:end].rstrip()))


def _position(left: str, right: str) -> str:
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


# ------------------------------------------------------------------------------------------------
# Mutable working state, frozen into QuoteRegion at the end (continuations are linked afterwards).
# ------------------------------------------------------------------------------------------------


@define
class _Open:
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
class _Draft:
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
class _ParagraphResult:
    drafts: list[_Draft]  # in text order of their opening position
    tail: _Draft | None  # the outermost quote still open at the paragraph end (non-empty content)
    head: _Draft | None  # the quote opened by the paragraph's first character


# ------------------------------------------------------------------------------------------------
# The scanner for one paragraph.
# ------------------------------------------------------------------------------------------------


class _ParagraphScanner:
    """Pairs the marks of one paragraph, left to right, with a stack of open quotes."""

    def __init__(self, text: str, para: Span, index: int, decisions: list[MarkDecision]) -> None:
        self.text = text
        self.para = para
        self.index = index
        self.decisions = decisions
        self.stack: list[_Open] = []
        self.drafts: list[_Draft] = []
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

    # -- driver ----------------------------------------------------------------------------------

    def run(self) -> _ParagraphResult:
        for match in _MARK_RE.finditer(self.text, self.para.start, self.para.end):
            start, end = match.span()
            if _WORD_RE.search(self.text, self.gap_start, start):
                self.last_word_gap = self.gap_start
            role = self._step(match.group(), start, end)
            self.prev_end, self.prev_role = end, role
            self.gap_start = end
        tail = self._close_paragraph()
        self.drafts.sort(key=lambda d: (d.outer_start, d.depth))
        head = next(
            (d for d in self.drafts if d.open is not None and d.open.start == self.para.start),
            None,
        )
        return _ParagraphResult(self.drafts, tail, head)

    def _step(self, mark: str, start: int, end: int) -> str:
        """Decide one mark; returns the role recorded for it."""
        left = self._left_kind(start)
        right, after = self._right_kind(end)
        pos = _position(left, right)
        pair = _ORIENTED_PAIR_OF.get(mark)
        if pair is not None:
            return self._oriented(mark, pair, start, end, right, after)
        if mark in QUOTE_OR_APOSTROPHE:
            return self._single(mark, start, end, left, right, after, pos)
        if mark in SYMMETRIC:
            return self._symmetric(mark, start, end, right, after, pos)
        if mark in CLOSE_ONLY:
            return self._close(
                mark,
                start,
                end,
                "fixed-direction",
                f"{mark} only closes",
                style=CLOSE_ONLY[mark],
                infer=self._at_clause_end(start, right, after, spaced=False),
            )
        return self._open_only(mark, start, end, left, right, after, pos)  # the rest: OPEN_ONLY

    # -- neighbours ------------------------------------------------------------------------------

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

    # -- per kind of mark ------------------------------------------------------------------------

    def _oriented(self, mark: str, pair: tuple[str, str], start: int, end: int, right: str, after: int) -> str:
        opener = self.orientation.setdefault(pair, mark)
        closer = pair[1] if opener == pair[0] else pair[0]
        if mark == opener:
            return self._open(mark, start, end, "orientation", f"{opener} came first in the paragraph: opens")
        return self._close(
            mark,
            start,
            end,
            "orientation",
            f"{opener} opens in this paragraph, so {closer} closes",
            style=PAIRS[opener][0],
            infer=self._at_clause_end(start, right, after, spaced=PAIRS[opener][0] in SPACED_STYLES),
        )

    def _symmetric(self, mark: str, start: int, end: int, right: str, after: int, pos: str) -> str:
        style = PAIRS[mark][0]
        if pos == OPENING_POS:
            return self._open(mark, start, end, "opening-position", "space or start before, text after")
        if pos == CLOSING_POS:
            return self._close(
                mark,
                start,
                end,
                "closing-position",
                "text before, space or punctuation after",
                style=style,
                infer=self._at_clause_end(start, right, after, spaced=False),
            )
        if self._partner(mark) is not None:
            return self._close(mark, start, end, "by-state", f"ambiguous position and a {mark} is open", style=style)
        return self._open(mark, start, end, "by-state", f"ambiguous position and no {mark} is open")

    def _single(self, mark: str, start: int, end: int, left: str, right: str, after: int, pos: str) -> str:
        """' and ’: quotes, apostrophes or strays."""
        style = "single-straight" if mark == "'" else "single-curly"
        if left == WORD and right == WORD:
            return self._record(start, end, "apostrophe", "in-word", "letters or digits on both sides")
        if right == WORD:  # nothing, space, bracket or punctuation before, a word after
            if mark == "’":
                return self._record(
                    start, end, "apostrophe", "elision", "’ before a word is an elision, never an opener"
                )
            if self._elision_follows(after):
                return self._record(start, end, "apostrophe", "elision", "' before a digit or elided word")
            if pos == OPENING_POS:
                return self._open(mark, start, end, "opening-position", "space or start before, a word after")
            if self._partner(mark) is not None:
                return self._close(mark, start, end, "by-state", "punctuation before, a ' is open", style=style)
            return self._open(mark, start, end, "by-state", "punctuation before, a word after, nothing open")
        if left == WORD:  # after a word, before a space, punctuation or the paragraph end
            if self._partner(mark) is not None:
                return self._close(
                    mark, start, end, "closing-position", "after a word with a single quote open", style=style
                )
            return self._trailing_apostrophe(mark, start, end)
        if pos == CLOSING_POS:  # after punctuation
            return self._close(
                mark,
                start,
                end,
                "closing-position",
                "after punctuation",
                style=style,
                infer=self._at_clause_end(start, right, after, spaced=False),
            )
        if self._partner(mark) is not None:
            return self._close(mark, start, end, "by-state", "ambiguous position and a single quote is open")
        if pos == OPENING_POS and mark == "'":  # '... : an opener before punctuation
            return self._open(mark, start, end, "opening-position", "space or start before, text after")
        if not self._has_word_after(end):
            return self._close(
                mark,
                start,
                end,
                "displaced-close",
                "no word after it in the paragraph",
                style=style,
                infer=True,
            )
        return self._record(start, end, "stray", "isolated", "no word on either side, nothing open")

    def _open_only(self, mark: str, start: int, end: int, left: str, right: str, after: int, pos: str) -> str:
        """“ „ ‘ ‚ ``: open, except where they close a low-9 quote or sit where only a closer fits."""
        style = PAIRS[mark][0]
        if mark == "‘":  # ‘ typed for an apostrophe: don‘t, ‘90s
            if left == WORD and right == WORD:
                return self._record(start, end, "apostrophe", "in-word", "‘ between word characters")
            if right == WORD and left != WORD and self._elision_follows(after):
                return self._record(start, end, "apostrophe", "elision", "‘ before a digit or elided word")
        if pos != OPENING_POS and self._partner(mark) is not None:  # „…“ and ‚…‘
            return self._close(mark, start, end, "low-9-close", f"{mark} closes the open low-9 quote")
        if pos == CLOSING_POS:
            if self._partner(mark, same_style=style) is not None:
                return self._close(
                    mark,
                    start,
                    end,
                    "misused-mark",
                    f"{mark} in closing position closes the open {mark}",
                    same_style=style,
                )
            if mark not in OPENERS_TYPED_FOR_CLOSERS:
                return self._record(
                    start,
                    end,
                    "stray",
                    "comma-lookalike" if mark in COMMA_LOOKALIKES else "no-partner",
                    f"{mark} in closing position with nothing of its style open",
                )
            if mark == "‘" and left == WORD:
                return self._trailing_apostrophe(mark, start, end)
            return self._close(
                mark,
                start,
                end,
                "misused-mark",
                f"{mark} in closing position, typed for a closer",
                style=style,
                infer=self._at_clause_end(start, right, after, spaced=False),
            )
        category = "opening-position" if pos == OPENING_POS else "fixed-direction"
        return self._open(mark, start, end, category, f"{mark} only opens")

    def _elision_follows(self, after: int) -> bool:
        if after >= self.para.end:
            return False
        if self.text[after].isdigit():  # '90s
            return True
        return self._word_after(after) in ELISIONS

    def _trailing_apostrophe(self, mark: str, start: int, end: int) -> str:
        """A single mark after a word with no single quote open: possessive, elision or stray."""
        word = self._word_before(start)
        if word.endswith(POSSESSIVE_ENDINGS):
            return self._record(start, end, "apostrophe", "possessive", "after a word with no open single quote")
        if word in ELIDED_WORDS or word.endswith(ELIDED_ENDINGS):
            return self._record(start, end, "apostrophe", "elision", "dropped letters after a word")
        return self._record(
            start,
            end,
            "stray",
            "stray-after-word",
            "after a word with no open single quote: stray apostrophe, not a quote",
        )

    # -- actions ---------------------------------------------------------------------------------

    def _decide(self, start: int, end: int, role: str, category: str, detail: str) -> int:
        self.decisions.append(MarkDecision(Span.of(self.text, start, end), role, f"{category}: {detail}"))
        return len(self.decisions) - 1

    def _record(self, start: int, end: int, role: str, category: str, detail: str) -> str:
        self._decide(start, end, role, category, detail)
        return role

    def _open(self, mark: str, start: int, end: int, category: str, detail: str) -> str:
        style = PAIRS[mark][0]
        if not self._has_word_after(end) and not self._closer_follows(mark, end):
            # Nothing left to quote: this is the closing mark of what came before, typed after a space.
            return self._close(
                mark,
                start,
                end,
                "displaced-close",
                "no word after it in the paragraph",
                same_style=style,
                style=style,
                infer=True,
            )
        if len(self.stack) >= MAX_DEPTH:
            return self._record(start, end, "stray", "too-deep", f"{detail}, but {MAX_DEPTH} quotes are open")
        index = self._decide(start, end, "open", category, detail)
        span = self.decisions[index].mark
        self.stack.append(_Open(span, mark, style, len(self.stack), index))
        return "open"

    def _close(
        self,
        mark: str,
        start: int,
        end: int,
        category: str,
        detail: str,
        *,
        style: str = "",
        same_style: str | None = None,
        infer: bool = False,
    ) -> str:
        """Close the nearest quote ``mark`` can close; else infer its opening (if allowed) or stray."""
        i = self._partner(mark, same_style)
        if i is None:
            if infer:
                return self._infer_open(mark, start, end, category, detail, style)
            return self._record(start, end, "stray", "no-partner", f"{detail}, but nothing to close")
        for inner in self.stack[i + 1 :]:  # abandoned by a closer further down the stack
            self._cut(inner, start)
        entry = self.stack[i]
        del self.stack[i:]
        if mark not in entry.closers and entry.style != same_style:
            category, detail = "mixed-style", f"{detail}; closes the quote opened with {entry.opener}"
        index = self._decide(start, end, "close", category, detail)
        content = _narrow(self.text, entry.mark.end, start)
        flags = set() if len(content) else {"empty"}
        self._add_draft(
            entry.mark, self.decisions[index].mark, content, entry.style, entry.depth, flags, [entry.decision, index]
        )
        self.boundary = end
        return "close"

    def _infer_open(self, mark: str, start: int, end: int, category: str, detail: str, style: str) -> str:
        """A closing mark with nothing open: the quote runs back to the previous quote or paragraph start."""
        since = max(self.boundary, self.stack[-1].mark.end if self.stack else self.para.start)
        if not self._has_word_since(since):
            return self._record(start, end, "stray", "no-content", f"{detail}; no words to quote before it")
        # A displaced closer keeps its own category; any other closer is recorded as an inference.
        category = category if category == "displaced-close" else "inferred-open"
        index = self._decide(
            start,
            end,
            "close",
            category,
            f"{detail}; nothing open, so the opening is inferred at the previous quote or paragraph start",
        )
        content = _narrow(self.text, since, start)
        self._add_draft(
            None,
            self.decisions[index].mark,
            content,
            style or CLOSE_ONLY.get(mark, "double-straight"),
            len(self.stack),
            {"unbalanced", "inferred-open"},
            [index],
        )
        self.boundary = end
        return "close"

    def _cut(self, entry: _Open, end: int) -> _Draft | None:
        """A quote never closed: it runs to ``end`` (flag unbalanced), or was no quote if empty."""
        content = _narrow(self.text, entry.mark.end, end)
        if not len(content):
            old = self.decisions[entry.decision]
            self.decisions[entry.decision] = MarkDecision(
                old.mark, "stray", "no-content: opened nothing before it was cut off"
            )
            return None
        return self._add_draft(entry.mark, None, content, entry.style, entry.depth, {"unbalanced"}, [entry.decision])

    def _close_paragraph(self) -> _Draft | None:
        """Cut the quotes still open at the paragraph end; return the outermost one kept."""
        cut = [self._cut(entry, self.para.end) for entry in self.stack]
        self.stack.clear()
        return cut[0] if cut else None

    def _add_draft(
        self,
        open_: Span | None,
        close: Span | None,
        content: Span,
        style: str,
        depth: int,
        flags: set[str],
        decisions: list[int],
    ) -> _Draft:
        draft = _Draft(open_, close, content, style, depth, self.index, flags, decisions)
        self.drafts.append(draft)
        return draft


def _last_word_index(text: str, para: Span) -> int:
    """Offset of the paragraph's last word character, or -1 (a backward walk over its tail only)."""
    i = para.end - 1
    while i >= para.start and not text[i].isalnum():
        i -= 1
    return i if i >= para.start else -1


def _link_continuations(results: list[_ParagraphResult], decisions: list[MarkDecision]) -> list[_Draft]:
    """Apply the newspaper rule, then flatten the drafts in text order."""
    drafts: list[_Draft] = []
    index_of: dict[int, int] = {}
    for result in results:
        for draft in result.drafts:
            index_of[id(draft)] = len(drafts)
            drafts.append(draft)
    for previous, current in itertools.pairwise(results):
        tail, head = previous.tail, current.head
        if tail is None or head is None or tail.style != head.style:
            continue
        tail.flags.discard("unbalanced")
        tail.flags.add("continues")
        head.flags.add("continued")
        head.continues = index_of[id(tail)]
        first = head.decisions[0]
        decisions[first] = MarkDecision(
            decisions[first].mark,
            "continuation",
            f"continuation: reopens the {head.style} quote left open at the end of paragraph {tail.paragraph}",
        )
    return drafts
