"""The pairing decisions for one paragraph, and the newspaper rule across paragraphs.

``ParagraphScanner`` walks a paragraph's marks left to right with a stack of open quotes; each style
of mark has its decision method, and every decision is recorded with its reason (``REASONS``).
"""

from __future__ import annotations

import itertools

from quotes.text.mark_context import (
    CLOSING_POS,
    MARK_RE,
    OPENING_POS,
    ORIENTED_PAIR_OF,
    PUNCT,
    WORD,
    WORD_RE,
    Draft,
    Open,
    ParagraphContext,
    ParagraphResult,
    mark_position,
    narrow,
)
from quotes.text.mark_inventory import (
    CLOSE_ONLY,
    COMMA_LOOKALIKES,
    ELIDED_ENDINGS,
    ELIDED_WORDS,
    MAX_DEPTH,
    OPENERS_TYPED_FOR_CLOSERS,
    PAIRS,
    POSSESSIVE_ENDINGS,
    QUOTE_OR_APOSTROPHE,
    SPACED_STYLES,
    SYMMETRIC,
)
from quotes.text.regions import MarkDecision
from quotes.text.spans import Span


class ParagraphScanner(ParagraphContext):
    """Pairs the marks of one paragraph, left to right, with a stack of open quotes."""

    def run(self) -> ParagraphResult:
        for match in MARK_RE.finditer(self.text, self.para.start, self.para.end):
            start, end = match.span()
            if WORD_RE.search(self.text, self.gap_start, start):
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
        return ParagraphResult(self.drafts, tail, head)

    def _step(self, mark: str, start: int, end: int) -> str:
        """Decide one mark; returns the role recorded for it."""
        left = self._left_kind(start)
        right, after = self._right_kind(end)
        pos = mark_position(left, right)
        pair = ORIENTED_PAIR_OF.get(mark)
        if pair is not None:
            return self._oriented(mark, pair, start, end, right, after)
        if mark in QUOTE_OR_APOSTROPHE:
            return self._single(mark, start, end, left, right, after, pos)
        if mark == "''" and self._partner("'") is not None and self._possessive_in_quote("'", start, start + 1):
            # 'The decision is the governors'': a plural possessive, then the mark closing the single quote.
            self._record(start, start + 1, "apostrophe", "possessive", "after a plural, the next mark closes")
            return self._single("'", start + 1, end, PUNCT, right, after, mark_position(PUNCT, right))
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
        if pos == CLOSING_POS and self._partner(mark) is None and self._displaced_open(mark, start, end):
            return self._open(
                mark, start, end, "displaced-open", "after a comma or colon, a space after it, its closer later"
            )
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

    def _displaced_open(self, mark: str, start: int, end: int) -> bool:
        """``Wilkins said," [Warhol] liked ..."``: an opener typed before its space, not after it. Only
        after a comma or colon with nothing open, before a word, and with an odd number of the same
        mark later in the paragraph (so one of them closes it)."""
        text = self.text
        if start == self.para.start or text[start - 1] not in ",:" or not text[end : end + 1].isspace():
            return False
        nxt = text[end:].lstrip()[:1]
        if not (nxt.isalnum() or nxt == "["):
            return False
        return text.count(mark, end, self.para.end) % 2 == 1

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
            if self._partner(mark) is not None and self._possessive_in_quote(mark, start, end):
                return self._record(start, end, "apostrophe", "possessive", "after a plural, a later mark closes")
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
        self.stack.append(Open(span, mark, style, len(self.stack), index))
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
        content = narrow(self.text, entry.mark.end, start)
        flags = set() if len(content) else {"empty"}
        self._add_draft(
            entry.mark, self.decisions[index].mark, content, entry.style, entry.depth, flags, [entry.decision, index]
        )
        self.boundary = end
        return "close"

    def _infer_open(self, mark: str, start: int, end: int, category: str, detail: str, style: str) -> str:
        """A closing mark with nothing open: the quote runs back to the previous quote or paragraph start."""
        since = max(self.boundary, self.stack[-1].mark.end if self.stack else self.para.start)
        if len(self.stack) >= MAX_DEPTH:  # an inferred quote inside eight open ones would be a ninth level
            return self._record(start, end, "stray", "too-deep", f"{detail}, but {MAX_DEPTH} quotes are open")
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
        content = narrow(self.text, since, start)
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

    def _cut(self, entry: Open, end: int) -> Draft | None:
        """A quote never closed: it runs to ``end`` (flag unbalanced), or was no quote if empty."""
        content = narrow(self.text, entry.mark.end, end)
        if not len(content):
            old = self.decisions[entry.decision]
            self.decisions[entry.decision] = MarkDecision(
                old.mark, "stray", "no-content: opened nothing before it was cut off"
            )
            return None
        return self._add_draft(entry.mark, None, content, entry.style, entry.depth, {"unbalanced"}, [entry.decision])

    def _close_paragraph(self) -> Draft | None:
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
    ) -> Draft:
        draft = Draft(open_, close, content, style, depth, self.index, flags, decisions)
        self.drafts.append(draft)
        return draft


def link_continuations(results: list[ParagraphResult], decisions: list[MarkDecision]) -> list[Draft]:
    """Apply the newspaper rule, then flatten the drafts in text order."""
    drafts: list[Draft] = []
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
