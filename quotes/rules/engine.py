"""The engine: the rule families' stages in order, and the resolver's steps between them.

``attribute`` is "candidates from the registered rules, then resolve": each step of :data:`STEPS` is
either a stage that proposes readings (:mod:`quotes.rules.registry` says which rules each stage
proposes) or a step that settles conflicts or mends the readings it is given (:mod:`quotes.rules.resolve`;
a second cue's stretch, :mod:`quotes.rules.boundaries`; a text's issuer as its speaker,
:mod:`quotes.rules.issuers`). The order below is the whole of the engine's priority; no rule module
removes another's reading.

Loading this module loads every rule family and checks the registry against the confidence table
(:func:`quotes.rules.registry.check`): a rule without a line, or a line without a rule, fails here.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import define, field

from quotes.data.lexicon import Lexicon
from quotes.parse.model import Parse
from quotes.rules import registry, resolve
from quotes.rules.as_clause import as_clause_proposals
from quotes.rules.base import Attribution, Frame
from quotes.rules.boundaries import before_coordinated_cues, content_boundaries
from quotes.rules.colon import colon_readings
from quotes.rules.direct import direct_by_region, link_continued
from quotes.rules.headlines import headline_readings
from quotes.rules.issuers import issuers_speak
from quotes.rules.mixed import fragment_clauses
from quotes.rules.np_content import np_content_proposals
from quotes.rules.np_nominal import nominal_np_proposals
from quotes.rules.np_passive import passive_proposals
from quotes.rules.reported import attribute_reported
from quotes.rules.speech_acts import speech_act_proposals
from quotes.rules.written import that_clause_proposals
from quotes.text import marks

registry.check()


@define
class Candidates:
    """What the steps have found so far in one document."""

    frame: Frame
    lexicon: Lexicon
    evidence: bool
    by_region: dict[int, Attribution] = field(factory=dict)
    direct: list[Attribution] = field(factory=list)
    reported: list[Attribution] = field(factory=list)
    # The cue token of each direct quote, with its speaker token: a coordinated cue after it shares it.
    taken: dict[int, int | None] = field(factory=dict)
    result: list[Attribution] = field(factory=list)


@define(frozen=True)
class Step:
    """One step of the engine: a ``stage`` (proposes readings) or a ``resolve`` step (settles them)."""

    name: str
    role: str
    run: Callable[[Candidates], None]


def _direct(c: Candidates) -> None:
    c.by_region = direct_by_region(c.frame, c.lexicon)


def _continued(c: Candidates) -> None:
    link_continued(c.frame, c.lexicon, c.by_region)
    c.direct = [c.by_region[i] for i in sorted(c.by_region)]
    c.taken = {a.cue_token: a.speaker_token for a in c.direct if a.cue_token is not None}


def _reported(c: Candidates) -> None:
    c.reported = attribute_reported(c.frame, c.lexicon, c.taken, evidence=c.evidence)


def _anonymity_requests(c: Candidates) -> None:
    c.direct = resolve.drop_anonymity_requests(c.direct)
    c.reported = resolve.drop_anonymity_requests(c.reported)


def _speech_acts(c: Candidates) -> None:
    proposals = speech_act_proposals(c.frame, c.lexicon, set(c.taken), c.reported)
    c.reported = resolve.settle(c.frame.parse.text, c.reported, proposals)


def _np_content(c: Candidates) -> None:
    proposals = np_content_proposals(c.frame, c.lexicon, set(c.taken), c.reported)
    proposals += passive_proposals(c.frame, c.lexicon, set(c.taken), c.reported)
    proposals += nominal_np_proposals(c.frame, c.lexicon, set(c.taken), c.reported)
    c.reported = resolve.settle(c.frame.parse.text, c.reported, proposals)


def _written(c: Candidates) -> None:
    proposals = that_clause_proposals(c.frame, c.lexicon, set(c.taken), c.reported)
    c.reported = resolve.settle(c.frame.parse.text, c.reported, proposals)


def _as_clause(c: Candidates) -> None:
    proposals = as_clause_proposals(c.frame, c.lexicon, set(c.taken), c.reported)
    c.reported = resolve.settle(c.frame.parse.text, c.reported, proposals)


def _fragments(c: Candidates) -> None:
    c.reported = c.reported + fragment_clauses(c.frame, c.lexicon, c.direct, c.reported)


def _headlines(c: Candidates) -> None:
    found, lines = headline_readings(c.frame, c.lexicon, set(c.taken))
    c.reported = resolve.headline_lines(c.reported, found, lines)


def _colon(c: Candidates) -> None:
    c.reported = c.reported + colon_readings(c.frame, c.lexicon, set(c.taken), c.reported)


def _coordinated_cues(c: Candidates) -> None:
    c.reported = before_coordinated_cues(c.frame, c.reported)


def _merge(c: Candidates) -> None:
    c.result = resolve.merge(c.direct, c.reported)


def _text_issuers(c: Candidates) -> None:
    c.result = issuers_speak(c.frame, c.lexicon, c.result)


def _quote_speakers(c: Candidates) -> None:
    c.result = resolve.drop_quote_speakers(c.result)


def _boundaries(c: Candidates) -> None:
    c.result = content_boundaries(c.frame, c.result)


STEPS: tuple[Step, ...] = (
    Step("direct", "stage", _direct),
    Step("continued", "stage", _continued),
    Step("reported", "stage", _reported),
    Step("anonymity-requests", "resolve", _anonymity_requests),
    Step("speech-acts", "stage", _speech_acts),
    Step("np-content", "stage", _np_content),
    Step("written", "stage", _written),
    Step("as-clause", "stage", _as_clause),
    Step("fragments", "stage", _fragments),
    Step("headlines", "stage", _headlines),
    Step("colon", "stage", _colon),
    Step("coordinated-cues", "resolve", _coordinated_cues),
    Step("merge", "resolve", _merge),
    Step("text-issuers", "resolve", _text_issuers),
    Step("quote-speakers", "resolve", _quote_speakers),
    Step("boundaries", "stage", _boundaries),
)


def attribute(parse: Parse, lexicon: Lexicon, *, evidence: bool = False) -> list[Attribution]:
    """Every attribution in a parsed document: direct, indirect and mixed (and with ``evidence``,
    evidence sources), one per piece of content."""
    frame = Frame(parse, marks.scan(parse.text), lexicon)  # one per document: building it costs as much as some rules
    state = Candidates(frame, lexicon, evidence)
    for step in STEPS:
        step.run(state)
    return state.result
