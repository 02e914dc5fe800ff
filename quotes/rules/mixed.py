"""Mixed quotes: quoted fragments inside reported content, and one reading per piece of content.

``agentive`` finds a quoted fragment in the predicate of an agent's evaluative verb (``X blamed ...
the "detachment" of ...``); ``merge`` decides between a direct reading and a mixed one of the same
words, and between overlapping reported readings.
"""

from __future__ import annotations

from attrs import evolve

from quotes.data.lexicon import Verb
from quotes.rules.assemble import build_reported
from quotes.rules.base import EXPLETIVES, Attribution, Frame
from quotes.rules.clauses import clause_tokens, content_span, count_words, fragments_in, left_tokens
from quotes.rules.confidence import FACTORS
from quotes.rules.tree import speaker_of

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
    speaker_tokens = set(parse.subtree(speaker))
    tokens = [
        j
        for j in clause_tokens(frame, cue, None, speaker, keep_quotes=True)
        if j not in speaker_tokens and (j >= cue or parse.tokens[j].rel not in {"aux", "aux:pass", "advmod"})
    ]
    tokens = [j for j in tokens if j >= cue]
    content = content_span(frame, tokens, anchor=cue)
    if content is None or not fragments_in(frame, content):
        return None
    notes = [how, "content: the predicate of the cue, which holds a quoted fragment"]
    return build_reported(frame, "mixed-agentive", verb, cue, speaker, cue, content, notes)


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
