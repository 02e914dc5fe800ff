"""Direct quotes: link each quoted passage to its reporting verb (cue) and speaker.

Pure functions over a :class:`~quotes.parse.model.Parse` and the quotation marks found by
:func:`quotes.text.marks.scan`. The parser is noisy (and real text is messier still), so each rule
combines two kinds of evidence: the dependency tree (the quote is the complement of a reporting verb
whose subject is the speaker) and the surface (a comma or colon at the quote's edge, a reporting verb
right after the closing mark). A link found by both is surer than one found by the surface alone; a
tree link that contradicts the surface (a "speaker" inside another quote, a cue two clauses away) is
not trusted.
"""

from __future__ import annotations

from quotes.data.lexicon import Lexicon
from quotes.parse.model import Parse
from quotes.rules.assemble import make_direct
from quotes.rules.base import NP_TAGS, SENTENCE_END, WINDOW, Attribution, Cue, Frame
from quotes.rules.continued import link_split_and_continued, link_to_statement
from quotes.rules.tree import (
    cue_span,
    inverted_name_first,
    is_cue,
    outside_apposition,
    quote_head,
    speaker_of,
)
from quotes.rules.verbless import verbless_cue
from quotes.text.marks import QuoteRegion, Scan


def attribute_direct(parse: Parse, scan: Scan, lexicon: Lexicon, frame: Frame | None = None) -> list[Attribution]:
    """Attributions for the direct quotes: every top-level quotation region that reads as speech
    (``frame``: the document's :class:`Frame` when the caller has one already)."""
    frame = frame or Frame(parse, scan)
    found: dict[int, Attribution] = {}
    for index, region in enumerate(scan.regions):
        if (
            region.depth > 0
            or not _has_words(region.content.text)
            or not frame.tokens_overlapping(region.content.start, region.content.end)
        ):
            continue
        att = _attribute_region(frame, lexicon, index, region)
        if att is not None:
            found[index] = att
    link_split_and_continued(frame, found)
    link_to_statement(frame, lexicon, found)
    return [found[i] for i in sorted(found)]


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _attribute_region(frame: Frame, lexicon: Lexicon, index: int, region: QuoteRegion) -> Attribution | None:
    parse = frame.parse
    inside = frame.tokens_overlapping(region.outer_start, region.outer_end)
    content_tokens = frame.tokens_overlapping(region.content.start, region.content.end)
    head = quote_head(parse, content_tokens)
    sentence = parse.tokens[content_tokens[0]].sentence
    standalone = _reads_as_speech(frame, region, inside)
    base = dict(
        content=region.content,
        kind="direct",
        region=index,
        sentence=sentence,
        regions=(region,),
        flags=tuple(sorted(f for f in region.flags if f in {"unbalanced", "inferred-open"})),
    )
    after = _cue_after(frame, lexicon, region, inside, head)
    if after is not None and standalone:
        cue, speaker, notes = after
        return make_direct(frame, "quote-cue", cue, speaker, head, notes, **base)
    before = _cue_before(frame, lexicon, region, inside, head)
    if before is not None and standalone:
        cue, speaker, notes = before
        return make_direct(frame, "cue-quote", cue, speaker, head, notes, **base)
    tree = _cue_in_tree(frame, lexicon, region, inside, head) if standalone else None
    if tree is not None:
        cue, speaker, notes = tree
        return make_direct(frame, "quote-tree", cue, speaker, head, notes, **base)
    verbless = verbless_cue(frame, lexicon, region) if standalone else None
    if verbless is not None:
        rule, cue, speaker, notes = verbless
        return make_direct(frame, rule, cue, speaker, head, notes, **base)
    if standalone:
        # No cue of its own: a candidate for a split piece or a continuation, linked afterwards.
        return Attribution(rule="unattributed", confidence=0.0, **base)
    # A quoted word or phrase inside a clause: a scare quote, a title, or a fragment that the mixed
    # rules may claim. Reported only on request (--include-unattributed), never linked as speech.
    notes = ("a quoted word or phrase inside a clause, with no speech act of its own",)
    return Attribution(rule="unattributed-fragment", confidence=0.0, notes=notes, **base)


def _reads_as_speech(frame: Frame, region: QuoteRegion, inside: list[int]) -> bool:
    """A direct quote stands as a clause of its own; a short quoted word inside a clause is a fragment.

    Surface test, robust to parse errors: a quote is speech when it has its own closing punctuation
    (``,`` ``.`` ``?`` ``!`` ``:`` just inside or right after the closing mark), opens its sentence or
    follows a colon or a comma, or runs several words. Quoted fragments ("the "detachment" of")
    are left to the mixed-quote rules.
    """
    text = frame.parse.text
    content = region.content.text.rstrip()
    if content and content[-1] in ",.?!:;…—-":
        return True
    words = len(content.split())
    before = text[max(0, region.outer_start - 3) : region.outer_start].rstrip()
    if words >= 4 and (not before or before[-1] in ":,.?!—-–(\n"):
        return True
    if region.open is None or region.close is None:
        return words >= 3
    return words >= 8


def _cue_after(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int):
    """``"...," Aliyev said`` / ``"...," said Aliyev``: a reporting verb right after the closing mark."""
    parse = frame.parse
    if region.close is None:
        return None
    start = frame.token_at_or_after(region.close.end)
    if start is None:
        return None
    window: list[int] = []
    for i in range(start, min(start + WINDOW, len(parse.tokens))):
        tok = parse.tokens[i]
        if frame.in_quote(i) or frame.paragraph_of(tok.start) != frame.paragraph_of(region.close.start):
            break
        window.append(i)
        if tok.form in SENTENCE_END:
            break
    for pos, i in enumerate(window):
        verb = is_cue(frame, lexicon, i)
        if verb is None:
            continue
        between = window[:pos]
        if any(parse.tokens[j].form in SENTENCE_END for j in between):
            break
        linked = head in parse.subtree(i) or i in parse.ancestors(head) or parse.tokens[i].head in inside
        np_only = all(parse.tokens[j].upos in NP_TAGS for j in between)
        if not (np_only or linked):
            continue
        speaker, how = speaker_of(frame, i, before=between, after=window[pos + 1 :])
        speaker, how = outside_apposition(parse, between, speaker, how)
        speaker, how = inverted_name_first(parse, i, window[pos + 1 :], speaker, how)
        notes = [
            "cue right after the closing mark" if not between else "cue after the speaker, right after the closing mark"
        ]
        if linked:
            notes.append("the tree links the quote to the cue")
        notes.append(how)
        return Cue(i, verb, cue_span(frame, i, verb)), speaker, tuple(notes)
    return None


def _cue_before(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int):
    """``Aliyev said: "..."`` / ``He said, "..."``: a reporting verb in the clause that opens onto the quote."""
    parse = frame.parse
    end = frame.token_before(region.outer_start)
    if end is None:
        return None
    window: list[int] = []
    para = frame.paragraph_of(region.outer_start)
    for i in range(end, max(-1, end - WINDOW), -1):
        tok = parse.tokens[i]
        if frame.in_quote(i) or frame.paragraph_of(tok.start) != para:
            break
        if tok.form in SENTENCE_END:
            break
        window.append(i)
    window.reverse()
    if not window:
        return None
    # The clause must open onto the quote: a colon or comma before the mark, or the verb itself ("said").
    last = parse.tokens[window[-1]]
    opens = last.form in {":", ",", "—", "-", "–"} or last.form.lower() in {"that"}
    for pos in range(len(window) - 1, -1, -1):
        i = window[pos]
        verb = is_cue(frame, lexicon, i)
        if verb is None:
            continue
        linked = i in parse.ancestors(head) or parse.tokens[head].head == i
        adjacent = pos >= len(window) - 3
        if not (opens or linked) or not (adjacent or linked):
            continue
        speaker, how = speaker_of(frame, i, before=window[:pos], after=window[pos + 1 :])
        notes = ["cue in the clause that opens onto the quote"]
        if linked:
            notes.append("the tree links the quote to the cue")
        notes.append(how)
        return Cue(i, verb, cue_span(frame, i, verb)), speaker, tuple(notes)
    return None


def _cue_in_tree(frame: Frame, lexicon: Lexicon, region: QuoteRegion, inside: list[int], head: int):
    """The quote's clause hangs (ccomp, parataxis) from a reporting verb outside the quote, same sentence."""
    parse = frame.parse
    sentence = parse.tokens[head].sentence
    para = frame.paragraph_of(region.outer_start)
    for anc in list(parse.ancestors(head))[:3]:
        if anc in inside or frame.in_quote(anc) or parse.tokens[anc].sentence != sentence:
            continue
        if frame.paragraph_of(parse.tokens[anc].start) != para:
            continue  # a tree across a paragraph break is a sentence-splitting error, not a link
        lo, hi = (anc + 1, inside[0]) if anc < inside[0] else (inside[-1] + 1, anc)
        if any(parse.tokens[i].form in SENTENCE_END and not frame.in_quote(i) for i in range(lo, hi)):
            continue  # nor is one across a full stop: the parser missed a sentence boundary
        verb = is_cue(frame, lexicon, anc)
        if verb is None:
            continue
        speaker, how = speaker_of(frame, anc, before=[], after=[])
        return Cue(anc, verb, cue_span(frame, anc, verb)), speaker, ("the tree links the quote to the cue", how)
    return None
