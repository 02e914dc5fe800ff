"""Quotes that take their attribution from another: split quotes, continuations, multi-paragraph
quotes, and a quote after a sentence reporting a statement."""

from __future__ import annotations

from attrs import evolve

from quotes.data.lexicon import Lexicon
from quotes.rules.assemble import make_direct
from quotes.rules.base import SENTENCE_END, Attribution, Cue, Frame, Link, issues_statement
from quotes.rules.confidence import FACTORS, rebase
from quotes.rules.registry import Rule, register
from quotes.rules.tree import quote_head, speaker_of
from quotes.text.marks import QuoteRegion

RULES = register(
    Rule("split", "continued", "continued", ("split",), '"A," he said, "B.": the second piece of a split quote'),
    Rule(
        "split-sentence",
        "continued",
        "continued",
        ("split-sentence",),
        '"A," he said. "B.": a quote that goes on in the next sentence',
    ),
    Rule(
        "multi-paragraph",
        "continued",
        "continued",
        ("multi-paragraph",),
        "a paragraph that continues an unclosed quote",
    ),
    Rule(
        "multi-paragraph-late-cue",
        "continued",
        "continued",
        ("late-cue-paragraph",),
        "a paragraph left open before the paragraph whose quote carries the cue",
    ),
    Rule(
        "continuation", "continued", "continued", ("continuation",), "a standalone quote right after an attributed one"
    ),
    Rule(
        "statement-then-quote",
        "continued",
        "continued",
        ("statement-then-quote",),
        'X issued a statement. "...": the quote after a sentence reporting a statement',
    ),
)


def link_split_and_continued(frame: Frame, found: dict[int, Attribution]) -> None:
    """Give cue-less quotes the attribution of the quote they continue, when one is right before them.

    ``"A," he said, "B."`` (split), ``"A," he said. "B."`` (split-sentence), a standalone quoted
    passage right after an attributed quote (continuation) and the next paragraph of a multi-paragraph
    quote (multi-paragraph). Anything else keeps no speaker.
    """
    text = frame.parse.text
    regions = frame.scan.regions
    order = [i for i in sorted(found) if found[i].rule != "unattributed-fragment"]
    for pos, index in enumerate(order):
        att = found[index]
        region = regions[index]
        if region.continues is not None and region.continues in found and found[region.continues].cue is not None:
            found[index] = _inherit(found[region.continues], att, "multi-paragraph", region.continues)
            continue
        if att.rule != "unattributed" and not _shares_cue_with_previous(found, order, pos):
            continue
        if pos == 0:
            continue
        prev_index = order[pos - 1]
        prev = found[prev_index]
        if prev.cue is None or (prev.speaker_token is None and prev.speaker is None):
            continue
        gap = text[regions[prev_index].outer_end : region.outer_start]
        if att.rule != "unattributed":
            # Same cue found from both sides: "A," he said, "B." -> B is the split piece.
            found[index] = _inherit(prev, att, "split", prev_index)
            continue
        prev_sentence_end = _sentence_end_after(frame, regions[prev_index].outer_end)
        same_para = frame.paragraph_of(region.outer_start) == frame.paragraph_of(regions[prev_index].outer_start)
        cue_between = prev.cue is not None and regions[prev_index].outer_end <= prev.cue.start < region.outer_start
        if cue_between and same_para and (prev_sentence_end is None or prev_sentence_end > region.outer_start):
            # "A," team member Rodaba Noori told the press, "B": the attribution between the pieces
            # belongs to both, however far the cue sits from B's opening mark.
            found[index] = _inherit(prev, att, "split", prev_index)
        elif (
            prev.cue is not None
            and prev.cue.start >= regions[prev_index].outer_end
            and same_para
            and (prev_sentence_end is not None and not text[prev_sentence_end : region.outer_start].strip())
        ):
            found[index] = _inherit(prev, att, "split-sentence", prev_index)
        elif not gap.strip() or _only_attribution_between(frame, prev, regions[prev_index], region):
            found[index] = _inherit(prev, att, "continuation", prev_index)


def link_back_to_late_cue(frame: Frame, found: dict[int, Attribution]) -> None:
    """``"A. B.`` / ``"C," she said.``: a paragraph left open is continued by the next paragraph's
    quote, so it is the same speaker's even when the cue comes only at the end of the last paragraph.
    Walked from the last piece back, so a chain of open paragraphs takes the cue of the one that
    closes it."""
    regions = frame.scan.regions
    for index in sorted(found, reverse=True):
        earlier = regions[index].continues
        att = found[index]
        if earlier is None or earlier not in found or att.cue is None or found[earlier].rule != "unattributed":
            continue
        found[earlier] = _inherit(att, found[earlier], "multi-paragraph-late-cue", index)


def link_to_statement(frame: Frame, lexicon: Lexicon, found: dict[int, Attribution]) -> None:
    """``The ministry issued a statement on Friday. "We regret ..."``: a quote with no cue of its own
    that opens right after a sentence reporting a speech act by a named source (a speech-act noun
    such as "statement" as the object of that source's verb) is attributed to that source."""
    parse = frame.parse
    for index, att in list(found.items()):
        region = frame.scan.regions[index]
        if att.rule != "unattributed":
            continue
        last = frame.token_before(region.outer_start)
        if last is None or parse.tokens[last].form not in SENTENCE_END | {":"}:
            continue
        gap = parse.text[parse.tokens[last].end : region.outer_start]
        if gap.strip() or gap.count("\n") > 2:
            continue
        sentence = parse.sentences[parse.tokens[last].sentence]
        for noun in range(sentence.first, sentence.last):
            tok = parse.tokens[noun]
            if tok.lemma.lower() not in lexicon.cue_nouns or tok.rel not in {"obj", "obl"} or tok.head is None:
                continue
            if not _issues(frame, lexicon, tok.head):
                continue  # "Police found a letter", "attended the briefing": not the statement's source
            speaker, how = speaker_of(frame, tok.head, before=[], after=[])
            if speaker is None or speaker in frame.quote_tokens:
                continue
            cue = Cue(noun, None, parse.span(noun, noun))
            notes = (f"the sentence before reports a {tok.form} by the speaker", how)
            head = quote_head(parse, frame.tokens_overlapping(region.content.start, region.content.end))
            made = make_direct(frame, Link("statement-then-quote", cue, speaker, notes), head, **_base_of(att))
            found[index] = made
            break


def _issues(frame: Frame, lexicon: Lexicon, verb: int) -> bool:
    """The verb makes its subject the statement's source: it issues one or reports speech."""
    tok = frame.parse.tokens[verb]
    if issues_statement(tok):
        return True
    return tok.upos in {"VERB", "AUX"} and frame.cue(verb) is not None


def _base_of(att: Attribution) -> dict[str, object]:
    return {
        "content": att.content,
        "kind": att.kind,
        "region": att.region,
        "sentence": att.sentence,
        "regions": att.regions,
        "flags": att.flags,
    }


def _shares_cue_with_previous(found: dict[int, Attribution], order: list[int], pos: int) -> bool:
    if pos == 0:
        return False
    prev, cur = found[order[pos - 1]], found[order[pos]]
    return cur.cue_token is not None and cur.cue_token == prev.cue_token and cur.rule == "cue-quote"


def _sentence_end_after(frame: Frame, offset: int) -> int | None:
    """Offset just past the sentence-final punctuation that follows ``offset`` in its paragraph."""
    parse = frame.parse
    i = frame.token_at_or_after(offset)
    para = frame.paragraph_of(offset)
    while i is not None and i < len(parse.tokens) and frame.paragraph_of_token(i) == para:
        if frame.in_quote(i):
            return None
        if parse.tokens[i].form in SENTENCE_END:
            return parse.tokens[i].end
        i += 1
    return None


def _only_attribution_between(frame: Frame, prev: Attribution, prev_region: QuoteRegion, region: QuoteRegion) -> bool:
    """Between the two quotes lies nothing but the previous quote's own attribution clause."""
    end = _sentence_end_after(frame, prev_region.outer_end)
    if end is None or prev.cue is None or not (prev_region.outer_end <= prev.cue.start < end):
        return False
    return not frame.parse.text[end : region.outer_start].strip()


def _inherit(source: Attribution, target: Attribution, rule: str, source_index: int) -> Attribution:
    confidence = rebase(source.confidence, source.rule, rule)
    if target.flags:
        confidence *= FACTORS["broken-marks"]
    return evolve(
        target,
        rule=rule,
        confidence=round(min(confidence, 1.0), 3),
        cue=source.cue,
        cue_token=source.cue_token,
        speaker=source.speaker,
        speaker_token=source.speaker_token,
        path=source.path,
        source=source_index,
        notes=(*target.notes, f"inherits the speaker and cue of the quote at {source.content.start}"),
    )
