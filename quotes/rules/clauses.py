"""The content of reported speech: which tokens make the reported clause, and its span.

Shared by every reported-speech family: the clause's tokens from the tree (one contiguous run, never
across a full stop or paragraph break), the edge tokens that do not belong to it, and the quoted
fragments it holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import define

from quotes.rules.base import SENTENCE_END, Frame
from quotes.text.marks import QuoteRegion
from quotes.text.spans import Span

MIN_CONTENT_WORDS = 3


def left_tokens(frame: Frame, cue: int) -> list[int]:
    """Tokens before the cue in its sentence, for the surface speaker fallback.

    A comma-delimited insertion right before the cue ("Anna Schmidt, who voted against the plan,
    said") is hopped over: the subject is the noun phrase before it.
    """
    parse = frame.parse
    sentence = parse.sentences[parse.tokens[cue].sentence]
    para = frame.paragraph_of_token(cue)

    def run_left(end: int) -> list[int]:
        out = []
        for j in range(end, sentence.first - 1, -1):
            if parse.tokens[j].form in {",", ";", ":"} or frame.in_quote(j):
                break
            if frame.paragraph_of_token(j) != para:
                break  # a parser that ran a headline into the next paragraph: the speaker is in this one
            out.append(j)
        return out[::-1]

    direct = run_left(cue - 1)
    if direct or cue - 1 < sentence.first or parse.tokens[cue - 1].form != ",":
        return direct
    for j in range(cue - 2, max(sentence.first - 1, cue - 18), -1):
        if frame.in_quote(j) or parse.tokens[j].form in {";", ":"}:
            return []
        if parse.tokens[j].form == ",":
            return run_left(j - 1)
    return []


def clause_tokens(frame: Frame, head: int, cue: int | None, speaker: int | None, keep_quotes: bool = True) -> list[int]:
    """The complement's tokens: its subtree within the sentence, minus the cue and the speaker."""
    parse = frame.parse
    exclude = {t for t in (cue, speaker) if t is not None}
    sentence = parse.tokens[head].sentence
    tokens = [j for j in parse.subtree(head, frozenset(exclude)) if parse.tokens[j].sentence == sentence]
    # Keep one contiguous run around the head: the tree may wander off across a parse error.
    run = _contiguous_around(tokens, head)
    return [j for j in run if keep_quotes or not frame.in_quote(j)]


def _contiguous_around(tokens: Sequence[int], head: int) -> list[int]:
    keep = set(tokens)
    if head not in keep:
        return []
    lo = hi = head
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return list(range(lo, hi + 1))


def content_span(frame: Frame, tokens: Sequence[int], anchor: int | None = None) -> Span | None:
    """Span over the tokens, without edge punctuation, or ``None`` when nothing is left.

    Reported content never crosses a paragraph break (a parse that runs a headline into the next
    paragraph would otherwise swallow both) nor a full stop outside a quote: only tokens in the
    paragraph and the sentence (by the surface) of ``anchor`` (a token, by default the first) are
    kept. A quotation mark at an edge stays when its partner is inside the span, so a fragment's marks
    are kept whole.
    """
    parse = frame.parse
    tokens = sorted(tokens)
    if tokens:
        at = anchor if anchor is not None else tokens[0]
        para = frame.paragraph_of_token(at)
        tokens = [j for j in tokens if frame.paragraph_of_token(j) == para]
        # Nor a full stop outside a quote: a tree that runs on past one missed a sentence boundary.
        stops = [
            j
            for j in (range(tokens[0], tokens[-1]) if tokens else ())
            if parse.tokens[j].form in SENTENCE_END and not frame.in_quote(j)
        ]
        if stops:
            lo = max((j for j in stops if j < at), default=-1)
            hi = min((j for j in stops if j >= at), default=len(parse.tokens))
            tokens = [j for j in tokens if lo < j <= hi]
    while tokens and _edge_junk(frame, tokens[0], tokens, first=True):
        tokens = tokens[1:]
    while tokens and _edge_junk(frame, tokens[-1], tokens, first=False):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return parse.span(tokens[0], tokens[-1])


def _edge_junk(frame: Frame, j: int, tokens: Sequence[int], first: bool) -> bool:
    tok = frame.parse.tokens[j]
    if tok.upos == "CCONJ" or (first and tok.form.lower() == "that" and tok.rel == "mark"):
        return True
    if tok.upos != "PUNCT" and tok.form not in SENTENCE_END:
        return False
    if frame.in_quote(j):
        region = _region_at(frame, tok.start)
        if region is not None:
            span_start, span_end = frame.parse.tokens[tokens[0]].start, frame.parse.tokens[tokens[-1]].end
            return not (span_start <= region.outer_start and region.outer_end <= span_end)
    return True


def _region_at(frame: Frame, offset: int) -> QuoteRegion | None:
    for region in frame.scan.regions:
        if region.outer_start <= offset < region.outer_end:
            return region
    return None


def fragments_in(frame: Frame, content: Span) -> list[QuoteRegion]:
    return [
        r
        for r in frame.scan.regions
        if r.depth == 0 and content.start <= r.content.start and r.content.end <= content.end and r.content.text
    ]


def root_of(frame: Frame, tokens: Sequence[int]) -> int:
    inside = set(tokens)
    for j in tokens:
        head = frame.parse.tokens[j].head
        if head is None or head not in inside:
            return j
    return tokens[0]


def count_words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


@define(frozen=True)
class SurfaceSentence:
    index: int
    first: int
    last: int


def surface_sentence(frame: Frame, token: int) -> SurfaceSentence:
    """The token's sentence, joined with its neighbours in the paragraph where no punctuation parts
    them: a segmenter that splits "According to Ibrahim | Sow, a spokesman ..." or "said on Wednesday
    Skylark | Air must refund ..." has cut one sentence in two. A closing quotation mark or bracket
    is a boundary too ('... with each other." However, ...')."""
    parse = frame.parse
    tokens = parse.tokens
    index = tokens[token].sentence
    first, last = parse.sentences[index].first, parse.sentences[index].last
    para = frame.paragraph_of_token(token)

    def ends(a: int) -> bool:  # a full stop, or a closing mark or bracket right after one
        return tokens[a].form in SENTENCE_END or (
            a > 0 and tokens[a].upos == "PUNCT" and tokens[a - 1].form in SENTENCE_END
        )

    def joins(a: int, b: int) -> bool:
        same_paragraph = frame.paragraph_of_token(a) == para == frame.paragraph_of_token(b)
        return not ends(a) and same_paragraph

    while first > 0 and joins(first - 1, first):
        first = parse.sentences[tokens[first - 1].sentence].first
    while last < len(tokens) and joins(last - 1, last):
        last = parse.sentences[tokens[last].sentence].last
    return SurfaceSentence(index, first, last)
