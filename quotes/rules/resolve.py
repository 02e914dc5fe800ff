"""Every conflict between rules, settled in one place: named policies in a visible order.

The stages of the engine (:mod:`quotes.rules.engine`) propose readings; they never remove another's.
Where a proposal would take the place of an earlier reading of the same cue, it says so
(:class:`Proposal`, with the name of the policy that decides), and :func:`settle` applies the policy.
The filters and the final merge are named steps here too. :data:`ORDER` lists every step, in the
order the engine applies them; nothing else in the rules drops or replaces a reading.

Like spaCy's ``spans_filter``, each policy is a plain function with one job, so a test (or a new
construction) can read, call or replace it by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from attrs import evolve

from quotes.rules.base import Attribution, Proposal
from quotes.rules.clauses import count_words
from quotes.rules.confidence import rebase
from quotes.rules.mixed import MIXED_MIN_OUTSIDE

# "not" may be left out of the content by a parser that hangs it on the cue ("asked [not] to be named").
_ANONYMITY = re.compile(r"(?:(?:not|n't)\s+)?to\s+be\s+(?:publicly\s+)?(?:named|identified|quoted)\b", re.IGNORECASE)
# -- policies between a proposal and the reading it would replace --------------------------------------


def add(text: str, new: Attribution, old: Attribution) -> bool:
    """The proposal always wins (a nominal reading of a noun the tagger made a verb: the verb's reading
    of the same token was a misreading)."""
    return True


def speech_act_reads_better(text: str, act: Attribution, old: Attribution) -> bool:
    """A speech act replaces a weaker reading of its verb when it reads the verb better: a request's
    bare infinitive ("urged residents to stay ..." read as ``to stay ...``; the act starts at the
    addressee) and a "clause" read off the surface that is the object and a coordinated verb ("urged
    restraint and called on ...")."""
    if old.rule == "indirect-infinitival":
        return act.content.contains(old.content)
    rest = text[act.content.end : old.content.end].lstrip()
    return (
        act.content.start == old.content.start
        and act.content.end < old.content.end
        and (rest.startswith(",") or rest.split(" ", 1)[0].lower() in {"and", "or", "but"})
    )


def that_clause_after_inverted(text: str, new: Attribution, old: Attribution) -> bool:
    """A that-clause after a verb's adjuncts (``In a letter ..., X warned that C``) replaces the
    inverted reading of the same verb only when that reading ends before the cue."""
    return new.cue is not None and old.content.end <= new.cue.start


def as_clause_reads_better(text: str, new: Attribution, old: Attribution) -> bool:
    """A cue in an ``as`` clause replaces an earlier reading of the same verb that took a part of the
    clause it credits for the verb's own complement (``But as the auditor noted, not one flat has been
    built``, read as "has been built")."""
    return new.content.contains(old.content)


POLICIES: dict[str, Callable[[str, Attribution, Attribution], bool]] = {
    "as-clause-reads-better": as_clause_reads_better,
    "add": add,
    "speech-act-reads-better": speech_act_reads_better,
    "that-clause-after-inverted": that_clause_after_inverted,
}


def settle(text: str, readings: Sequence[Attribution], proposals: Sequence[Proposal]) -> list[Attribution]:
    """``readings`` with each proposal applied in turn: added, after the reading it replaces is
    removed, when its policy says so."""
    out = list(readings)
    for p in proposals:
        if p.replaces is not None:
            if not POLICIES[p.policy](text, p.att, p.replaces):
                continue
            out.remove(p.replaces)
        out.append(p.att)
    return out


# -- filters -------------------------------------------------------------------------------------------


def drop_anonymity_requests(readings: Sequence[Attribution]) -> list[Attribution]:
    """Reported readings whose content is a request for anonymity (``asked not to be named``) are the
    source's terms, not what was said: dropped."""
    return [a for a in readings if a.kind == "direct" or not _ANONYMITY.match(a.content.text)]


def drop_quote_speakers(readings: Sequence[Attribution]) -> list[Attribution]:
    """A direct quote's speaker mention is never reported content: ``"...," said Dana Cole, a
    16-year-old from Akron`` reports no clause "Dana Cole, a 16-year-old from Akron". A reported reading
    made mostly of such a mention is dropped."""
    mentions = [a.speaker for a in readings if a.kind == "direct" and a.speaker is not None]
    return [
        a
        for a in readings
        if a.kind == "direct" or not any(2 * a.content.overlap(m) > len(a.content) for m in mentions)
    ]


def headline_lines(readings: Sequence[Attribution], found: Sequence[Attribution], lines: Sequence[tuple[int, int]]):
    """Where a Title Case line has a headline reading, the tree's readings of that line give way to it
    (the tree of a headline is noise); the readings come back in document order."""
    if not found:
        return list(readings)
    kept = [r for r in readings if not any(a <= r.content.start < b for a, b in lines)]
    return sorted([*kept, *found], key=lambda a: (a.content.start, a.content.end))


# -- the merge: one attribution per piece of content ----------------------------------------------------


def merge(direct: list[Attribution], reported: list[Attribution]) -> list[Attribution]:
    """One attribution per piece of content, in document order:

    1. ``quote_according_to``: a direct quote with no cue takes the source of an "according to"
       reading that holds it and little else;
    2. ``direct_inside_mixed``: a direct quote that is only a fragment of a longer mixed reading belongs
       to the mixed one (a mixed reading that is little more than the quote leaves it alone);
    3. ``outermost``: of reported speech inside reported speech, only the outer report is kept;
    4. ``surer_of_overlap``: reported readings that overlap a direct quote (with little outside it) or
       each other keep the direct quote, then the surer reading.
    """
    used: list[Attribution] = []
    direct = [quote_according_to(d, reported, used) for d in direct]
    reported = [r for r in reported if all(r is not u for u in used)]
    kept_direct = direct_inside_mixed(direct, reported)
    reported = outermost(reported)
    kept_reported = surer_of_overlap(reported, kept_direct)
    return sorted([*kept_direct, *kept_reported], key=lambda a: (a.content.start, a.content.end))


def quote_according_to(d: Attribution, reported: list[Attribution], used: list[Attribution]) -> Attribution:
    """``"...", according to X``: a quote with no verb takes X when little else shares the sentence
    (rule ``quote-according-to``; the according-to reading it used goes into ``used``)."""
    if d.cue is not None:
        return d
    for r in reported:
        if (
            r.rule in {"according-to", "prepositional-cue"}
            and r.content.contains(d.content)
            and words_outside(r, d) < MIXED_MIN_OUTSIDE
        ):
            used.append(r)
            return evolve(
                d,
                rule="quote-according-to",
                confidence=round(rebase(r.confidence, r.rule, "quote-according-to"), 3),
                cue=r.cue,
                cue_token=r.cue_token,
                speaker=r.speaker,
                speaker_token=r.speaker_token,
                path=r.path,
                notes=(*d.notes, *r.notes),
            )
    return d


def direct_inside_mixed(direct: Sequence[Attribution], reported: Sequence[Attribution]) -> list[Attribution]:
    """The direct quotes that no mixed reading owns (holds, with words enough outside the quote)."""
    kept = []
    for d in direct:
        owner = next(
            (
                r
                for r in reported
                if r.kind == "mixed" and r.content.contains(d.content) and words_outside(r, d) >= MIXED_MIN_OUTSIDE
            ),
            None,
        )
        if owner is None:
            kept.append(d)
    return kept


def outermost(reported: Sequence[Attribution]) -> list[Attribution]:
    """Only the outermost attribution is annotated (corpus/README.md): "X said police had warned them
    that ..." reports X, whatever the surer reading of the inner cue; and a nominal reading of the
    medium of a verb's report ("in his letter") gives way to the verb's."""
    return [r for r in reported if not any(nested_in(r, o) or medium_of(r, o) for o in reported)]


def surer_of_overlap(reported: Sequence[Attribution], kept_direct: Sequence[Attribution]) -> list[Attribution]:
    """Reported readings, surest first, that neither repeat a direct quote (overlap it with fewer than
    :data:`MIXED_MIN_OUTSIDE` words outside) nor overlap a surer reading by more than half."""
    kept: list[Attribution] = []
    for r in sorted(reported, key=lambda a: -a.confidence):
        if any(
            d.cue is not None and r.content.overlap(d.content) and words_outside(r, d) < MIXED_MIN_OUTSIDE
            for d in kept_direct
        ):
            continue
        if any(r.content.overlap(k.content) > 0.5 * min(len(r.content), len(k.content)) for k in kept):
            continue
        kept.append(r)
    return kept


def nested_in(inner: Attribution, outer: Attribution) -> bool:
    """``inner``'s cue and speaker both lie inside ``outer``'s content, whose own cue lies outside
    ``inner``'s content: reported speech inside reported speech."""
    if inner is outer or inner.cue is None or inner.speaker is None or outer.cue is None:
        return False
    if inner.cue_token == outer.cue_token or inner.content.contains(outer.cue):
        return False
    return outer.content.contains(inner.cue) and outer.content.contains(inner.speaker)


def medium_of(noun: Attribution, verb: Attribution) -> bool:
    """``X wrote in his letter that C``: the letter is where the words appeared and the verb says who
    wrote them, so a reading of "his letter" as the cue gives way to the verb's."""
    return (
        noun.rule == "nominal-cue"
        and verb.cue is not None
        and noun.cue is not None
        and verb.cue.end <= noun.cue.start < verb.content.start
        and noun.content.overlap(verb.content) > 0
    )


def words_outside(outer: Attribution, inner: Attribution) -> int:
    """The words of ``outer``'s content outside ``inner`` (its quotation marks included)."""
    region = inner.regions[0] if inner.regions else None
    start = region.outer_start if region is not None else inner.content.start
    end = region.outer_end if region is not None else inner.content.end
    text = outer.content.text
    base = outer.content.start
    rest = text[: max(0, start - base)] + " " + text[max(0, end - base) :]
    return count_words(rest)
