"""Mixed quotes: quoted fragments inside reported content, and one reading per piece of content.

``agentive`` finds a quoted fragment in the predicate of an agent's evaluative verb (``X blamed ...
the "detachment" of ...``); ``fragment_clauses`` a fragment that closes the clause an inverted cue
reports (``The talks were "going nowhere," a diplomat said``); ``merge`` decides between a direct
reading and a mixed one of the same words, and between overlapping reported readings.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from quotes.data.lexicon import Verb
from quotes.rules.assemble import build_reported
from quotes.rules.base import EXPLETIVES, Attribution, Frame
from quotes.rules.clauses import clause_tokens, content_span, count_words, fragments_in, left_tokens
from quotes.rules.confidence import FACTORS, RULES
from quotes.rules.tree import speaker_of
from quotes.text.spans import Span

# A reported clause with a quoted part is mixed once two or more of its words stand outside the
# marks ("By this time, "..."", according to X); one stray word is parse noise around a direct quote.
MIXED_MIN_OUTSIDE = 2


def agentive(frame: Frame, verb: Verb, cue: int) -> Attribution | None:
    """``X blamed ... the "detachment" of ...``: a quoted fragment in the predicate of an agent's verb."""
    parse = frame.parse
    if verb.section == "cognition":
        return None
    speaker, how = speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
    if speaker is None or parse.tokens[speaker].form.lower() in EXPLETIVES:
        return None
    outside = set(parse.subtree(speaker))
    # The predicate ends with the verb's complements: a verb coordinated with it ("..., and shares
    # recovered") is the narrator's clause, not the agent's words ("called it "dangerous" and
    # "ideological"" coordinates complements, which stay).
    for c in parse.children[cue]:
        tok = parse.tokens[c]
        if c > cue and (tok.rel == "parataxis" or (tok.rel == "conj" and tok.upos in {"VERB", "AUX"})):
            outside.update(parse.subtree(c))
    tokens = [j for j in clause_tokens(frame, cue, None, speaker, keep_quotes=True) if j >= cue and j not in outside]
    end = cue
    while end + 1 in tokens:
        end += 1
    content = content_span(frame, list(range(cue, end + 1)), anchor=cue)
    if content is None or not fragments_in(frame, content):
        return None
    notes = [how, "content: the predicate of the cue, which holds a quoted fragment"]
    return build_reported(frame, "mixed-agentive", verb, cue, speaker, cue, content, notes)


def fragment_clauses(frame: Frame, direct: Sequence[Attribution], reported: Sequence[Attribution]) -> list[Attribution]:
    """``The talks were "going nowhere," a European diplomat said.``: mixed readings of direct quotes.

    A quote read as direct with its cue after it (``quote-cue``) that is the tail of a clause (words of
    the clause run into the opening mark with no punctuation between, and the quoted words start in
    lower case) is a fragment of the clause the cue reports: the content is the clause, from its start
    to the closing mark. A quote some reported reading already holds is left alone (``merge`` settles it).
    """
    parse = frame.parse
    text = parse.text
    out: list[Attribution] = []
    for d in direct:
        if d.rule != "quote-cue" or len(d.regions) != 1 or d.cue is None:
            continue
        region = d.regions[0]
        letters = [ch for ch in region.content.text if ch.isalpha()]
        before = text[: region.outer_start].rstrip(" ")
        if d.cue.start < region.outer_end or not letters or not letters[0].islower():
            continue
        if not before or not before[-1].isalnum():
            continue
        last = frame.token_before(region.outer_start)
        if last is None:
            continue
        sentence = parse.sentences[parse.tokens[last].sentence]
        first = sentence.first
        for k in range(last, sentence.first - 1, -1):
            if parse.tokens[k].form in {";", ":"} or frame.in_quote(k):
                first = k + 1
                break
        if first > last or frame.paragraph_of(parse.tokens[first].start) != frame.paragraph_of(region.outer_start):
            continue
        if count_words(text[parse.tokens[first].start : region.outer_start]) < MIXED_MIN_OUTSIDE:
            continue
        if any(r.content.contains(region.content) for r in reported):
            continue
        start = parse.tokens[first].start
        out.append(
            evolve(
                d,
                content=Span(start, region.outer_end, text[start : region.outer_end]),
                kind="mixed",
                rule="mixed-inverted",
                confidence=round(d.confidence * RULES["mixed-inverted"] / RULES["quote-cue"], 3),
                fragments=(region.content,),
                region=None,
                notes=(*d.notes, "content: the clause the quoted fragment ends, before the inverted cue (surface)"),
            )
        )
    return out


def merge(direct: list[Attribution], reported: list[Attribution]) -> list[Attribution]:
    """One attribution per piece of content.

    A mixed quote whose content is little more than a direct quote is that direct quote, read twice:
    the direct reading wins. A direct quote that is only a fragment of a longer reported clause
    belongs to the mixed reading. Reported readings that overlap each other keep the surer one.
    """
    used: list[Attribution] = []
    direct = [_cue_from_according_to(d, reported, used) for d in direct]
    reported = [r for r in reported if all(r is not u for u in used)]
    kept_direct = []
    for d in direct:
        owner = next(
            (
                r
                for r in reported
                if r.kind == "mixed" and r.content.contains(d.content) and _words_outside(r, d) >= MIXED_MIN_OUTSIDE
            ),
            None,
        )
        if owner is None:
            kept_direct.append(d)
    kept_reported = []
    for r in sorted(reported, key=lambda a: -a.confidence):
        if any(
            d.cue is not None and r.content.overlap(d.content) and _words_outside(r, d) < MIXED_MIN_OUTSIDE
            for d in kept_direct
        ):
            continue
        if any(r.content.overlap(k.content) > 0.5 * min(len(r.content), len(k.content)) for k in kept_reported):
            continue
        kept_reported.append(r)
    return sorted([*kept_direct, *kept_reported], key=lambda a: (a.content.start, a.content.end))


def _cue_from_according_to(d: Attribution, reported: list[Attribution], used: list[Attribution]) -> Attribution:
    """``"...", according to X``: a quote with no verb takes X when little else shares the sentence."""
    if d.cue is not None:
        return d
    for r in reported:
        if (
            r.rule in {"according-to", "prepositional-cue"}
            and r.content.contains(d.content)
            and _words_outside(r, d) < MIXED_MIN_OUTSIDE
        ):
            used.append(r)
            return evolve(
                d,
                rule="quote-according-to",
                confidence=round(r.confidence * FACTORS["according-to"], 3),
                cue=r.cue,
                cue_token=r.cue_token,
                speaker=r.speaker,
                speaker_token=r.speaker_token,
                path=r.path,
                notes=(*d.notes, *r.notes),
            )
    return d


def _words_outside(outer: Attribution, inner: Attribution) -> int:
    region = inner.regions[0] if inner.regions else None
    start = region.outer_start if region is not None else inner.content.start
    end = region.outer_end if region is not None else inner.content.end
    text = outer.content.text
    base = outer.content.start
    rest = text[: max(0, start - base)] + " " + text[max(0, end - base) :]
    return count_words(rest)
