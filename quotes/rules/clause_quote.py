"""A reported clause and a direct quote on one cue: ``X said C, "Q"`` and ``X says C: "Q"``.

The direct rules give the cue to the quote Q; the clause C before it is reported speech of the same
speaker and cue, a record of its own (kind ``indirect``). A tree that hangs Q inside C's complement
would make one mixed reading of both: the clause is cut where Q's opening mark stands, after a comma
or colon, when Q runs to the end of the content (a fragment inside the clause, ``the plan was "a
mistake"``, or one the clause goes on after, stays a mixed quote).
"""

from __future__ import annotations

from attrs import evolve

from quotes.rules.base import Attribution, Frame
from quotes.rules.clauses import MIN_CONTENT_WORDS, count_words
from quotes.text.spans import Span

_BEFORE_MARK = ",:"


def runs_into_quote(frame: Frame, att: Attribution) -> bool:
    """The content holds no quoted word and ends right where a quote's opening mark stands (after a
    comma or colon)."""
    text = frame.parse.text
    end = att.content.end
    while end < len(text) and (text[end].isspace() or text[end] in _BEFORE_MARK):
        end += 1
    if not any(ch in _BEFORE_MARK for ch in text[att.content.end : end]):
        return False  # "were "at a very delicate stage"": the quote completes the clause
    regions = frame.scan.regions
    return any(r.outer_start == end for r in regions) and not any(
        att.content.start <= r.outer_start < att.content.end for r in regions
    )


def before_its_quote(frame: Frame, att: Attribution) -> Attribution:
    """``att`` with its content cut before a quote that closes it, when a comma or colon sets the quote
    off and the clause before it stands on its own (unchanged otherwise)."""
    text = frame.parse.text
    content = att.content
    for region in frame.scan.regions:
        if not (content.start < region.outer_start < content.end):
            continue
        if text[region.outer_end : content.end].strip(" .,;:!?\"'”’"):
            continue  # the clause goes on after the quote: a fragment inside it
        cut = region.outer_start
        while cut > content.start and text[cut - 1].isspace():
            cut -= 1
        if cut == content.start or text[cut - 1] not in _BEFORE_MARK:
            continue  # "was "a mistake"": a fragment the clause needs
        cut -= 1
        while cut > content.start and text[cut - 1].isspace():
            cut -= 1
        clause = text[content.start : cut]
        if count_words(clause) < MIN_CONTENT_WORDS or not _has_verb(frame, content.start, cut):
            continue  # "said in the evening, "..."": an adjunct, not a clause of its own
        rule = "indirect-complement" if att.rule == "mixed-complement" else att.rule
        notes = (*att.notes, "content: the clause before the direct quote that shares its cue")
        return evolve(
            att,
            content=Span(content.start, cut, clause),
            kind="indirect",
            rule=rule,
            fragments=(),
            regions=(),
            notes=notes,
        )
    return att


def _has_verb(frame: Frame, start: int, end: int) -> bool:
    return any(frame.parse.tokens[j].upos in {"VERB", "AUX"} for j in frame.parse.tokens_in(start, end))
