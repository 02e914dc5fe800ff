"""Reported speech whose content is the subject of a passive verb of saying with a named agent: ``The
plan was first reported by the Harbour Gazette``, ``The new curfew was condemned by human rights
lawyers``. Rule ``speech-act-passive``; kind ``indirect``.

It is the passive of :mod:`quotes.rules.np_content`'s reading ("the Gazette reported the plan"), so the
same data decides which verbs read so: a verb whose object the development counts read as what was said
(``np_readings.txt`` and ``cue_frames.txt``, through :func:`np_content.reads_right`), or a verb of the
speech-act rules that takes a bare object ("criticized", "announced"). What gives nothing: a passive
with no agent (no one is named as the source: "The proposal was rejected on Tuesday"), an agent that
cannot speak ("was designed by a Danish firm" is no verb of saying anyway; "was announced by a siren"),
a bare pronoun subject ("It was reported by ...": the clause rules' or another sentence's), a negated
or infinitival act ("was not reported by", "to be criticized by").
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.data.lexicon import Lexicon, Verb
from quotes.rules.assemble import build_reported
from quotes.rules.base import ADDRESSEE_VERBS, Attribution, Frame, Proposal
from quotes.rules.clauses import content_span
from quotes.rules.np_content import free_tokens, reads_right
from quotes.rules.registry import Rule, register
from quotes.rules.speech_acts import ACTS, CLAIM_NOUNS, cut_at_clause_break, plausible_source

RULE = "speech-act-passive"
register(
    Rule(
        RULE,
        "np-content",
        "np-content",
        ("np-passive",),
        "a passive verb of saying whose subject is what was said and whose by-agent said it",
    )
)


def passive_proposals(
    frame: Frame, lexicon: Lexicon, taken: set[int], reported: Sequence[Attribution]
) -> list[Proposal]:
    """The subject of every passive verb of saying with a by-agent that no earlier reading used."""
    out = []
    for i in free_tokens(frame, taken, reported, "VERB"):
        att = passive_reading(frame, lexicon, i) if frame.parse.tokens[i].xpos == "VBN" else None
        if att is not None:
            out.append(Proposal(att))
    return out


def passive_reading(frame: Frame, lexicon: Lexicon, cue: int) -> Attribution | None:
    """The record of passive verb ``cue``: content its subject, speaker its by-agent, or None."""
    parse = frame.parse
    verb = frame.reporting_word(cue)
    if verb is None or verb.section not in {"speech", "claim"} or verb.particle is not None:
        return None
    if verb.lemma in ADDRESSEE_VERBS | {"ask"}:
        return None  # "Sanders was asked by the host": the subject is who was spoken to, not what was said
    subject = _passive_subject(frame, cue)
    agent = _agent(frame, cue)
    if subject is None or agent is None or subject > cue or agent < cue:
        return None
    if frame.negated(cue) or frame.negation_dependent(cue) or _infinitival(frame, cue):
        return None
    if not _object_is_content(lexicon, verb, parse.tokens[subject].lemma.lower()):
        return None
    if parse.tokens[subject].upos == "PRON" or not _speaking_agent(frame, lexicon, agent):
        return None
    sentence = parse.sentences[parse.tokens[cue].sentence]
    first = min(parse.subtree(subject))
    if first < sentence.first or frame.in_quote(first):
        return None
    run = cut_at_clause_break(parse, frame.subtree_run(subject, first, cue))
    content = content_span(frame, run, anchor=cue) if run else None
    if content is None:
        return None
    notes = [
        "content: the subject of the passive verb",
        "speaker: the verb's by-agent in the tree",
        f"cue: the passive of {verb.lemma!r}, whose object the development counts read as what was said",
    ]
    return build_reported(frame, RULE, verb, cue, agent, subject, content, notes)


def _object_is_content(lexicon: Lexicon, verb: Verb, subject_lemma: str) -> bool:
    """The active verb's object would be what was said: by the development counts, or by a speech act
    that takes a bare object ("criticized the plan"; "denied" only a claim: "the allegations")."""
    acts = ACTS.get(verb.lemma, ())
    if acts:
        return any(
            not a.particles and not a.needs_comp and (not a.claim_object or subject_lemma in CLAIM_NOUNS) for a in acts
        )
    return reads_right(lexicon, verb.lemma, "obj")


def _passive_subject(frame: Frame, cue: int) -> int | None:
    """The subject of a passive: the verb's passive subject, or, where the parser made the participle
    the complement of "was" and an adjective ("was first[root] reported[xcomp]"), that head's subject."""
    parse = frame.parse
    passive = any(parse.tokens[c].deprel == "aux:pass" for c in parse.children[cue]) or frame.passive_by_auxiliary(cue)
    subjects = [c for c in parse.children[cue] if parse.tokens[c].deprel in {"nsubj:pass", "nsubj"} and c < cue]
    if passive and subjects:
        return subjects[-1]
    head = parse.tokens[cue].head
    if head is None or parse.tokens[cue].rel != "xcomp" or head > cue:
        return None
    if not any(parse.tokens[c].rel == "cop" and parse.tokens[c].lemma.lower() == "be" for c in parse.children[head]):
        return None
    subjects = [c for c in parse.children[head] if parse.tokens[c].rel == "nsubj" and c < head]
    return subjects[-1] if subjects else None


def _agent(frame: Frame, cue: int) -> int | None:
    """The by-agent of the verb: its ``obl:agent``, or an oblique whose preposition is "by"."""
    parse = frame.parse
    for c in parse.children[cue]:
        if c < cue or frame.in_quote(c):
            continue
        if parse.tokens[c].deprel == "obl:agent":
            return c
        if parse.tokens[c].rel == "obl" and any(
            parse.tokens[k].rel == "case" and parse.tokens[k].form.lower() == "by" and k < c for k in parse.children[c]
        ):
            return c
    return None


def _speaking_agent(frame: Frame, lexicon: Lexicon, agent: int) -> bool:
    """A by-agent that names who spoke: a name, a person, group or title word ("by two aides", "by
    consumer groups", "by the Gazette"); a by-phrase of things is a cause ("explained by the rules")."""
    tok = frame.parse.tokens[agent]
    if not plausible_source(frame, lexicon, agent):
        return False
    lemma = tok.lemma.lower()
    return (
        tok.upos == "PROPN"
        or lexicon.is_person_noun(lemma)
        or lemma in lexicon.groups | lexicon.collectives | lexicon.proxies
    )


def _infinitival(frame: Frame, cue: int) -> bool:
    """``to be criticized by``: an act expected, not performed."""
    parse = frame.parse
    return any(parse.tokens[c].form.lower() == "to" and c < cue for c in parse.children[cue])
