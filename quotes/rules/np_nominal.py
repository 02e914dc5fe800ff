"""A verb that performs the act a noun of saying names, whose about/on phrase is what was said: ``The
governor made remarks about the flood defences``, ``The bank issued a warning about rising debt``,
``gave a speech on the coal towns``, as ``spoke about`` is. Rule ``nominal-np``; kind ``indirect``.

The noun is a speech-act noun of ``quotes/data/nominal_cues.txt`` (``[noun]``), not one of the medium
(``[medium]``: "an interview on the train"); what was said is the phrase of a content preposition right
after it (``np_content.txt``: about, on, of, over, ...), never a phrase of time, occasion or measure ("a
speech on Friday"). The source is the subject of a verb that performs the act the noun names
(``[light-verb]``: "made remarks about", "issued a warning about"), held to the same tests as a speech
act's subject: not negated ("made no mention of", "did not issue a statement on"), not merely planned
("plans to give a speech on"). The cue runs from that verb to the preposition.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from quotes.data.lexicon import Lexicon, Verb, sections
from quotes.rules.assemble import build_reported
from quotes.rules.base import Attribution, Frame, Proposal
from quotes.rules.clauses import content_span
from quotes.rules.np_content import CONTENT_PREPOSITIONS, circumstance_head, free_tokens, trim_tail
from quotes.rules.registry import Rule, register
from quotes.rules.speech_acts import act_speaker, cut_at_clause_break, not_performed, plausible_source

RULE = "nominal-np"
register(
    Rule(
        RULE,
        "nominal",
        "np-content",
        ("np-nominal",),
        "a verb performing a noun of saying whose about/on phrase is what was said (made remarks about Y)",
    )
)

_DATA = sections("nominal_cues.txt")
# Verbs whose object, a noun of saying, is the act their subject performs ("made remarks about").
LIGHT_VERBS = frozenset(w.lower() for w in _DATA["light-verb"])
# Nouns of saying whose on/about phrase is more often where or how than what ("an interview on ...").
MEDIUM_NOUNS = frozenset(w.lower() for w in _DATA["medium"])
_NEGATING_DETERMINERS = frozenset({"no"})
# Of the content prepositions, those that give a noun of saying its topic: "of" and "for" give it its
# kind or its object as often ("a message of love", "a claim of credit", "a denial of access", "a pledge
# of more soldiers"), which the development counts found no speech more often than speech.
TOPIC_PREPOSITIONS = CONTENT_PREPOSITIONS - {"of", "for"}


def nominal_np_proposals(
    frame: Frame, lexicon: Lexicon, taken: set[int], reported: Sequence[Attribution]
) -> list[Proposal]:
    """Every noun of saying with a content phrase and a source, that no earlier reading used."""
    out = []
    for i in free_tokens(frame, taken, reported, "NOUN"):
        lemma = frame.parse.tokens[i].lemma.lower()
        att = nominal_np(frame, lexicon, i) if lemma in lexicon.cue_nouns and lemma not in MEDIUM_NOUNS else None
        if att is not None:
            out.append(Proposal(att))
    return out


def nominal_np(frame: Frame, lexicon: Lexicon, noun: int) -> Attribution | None:
    """The record of noun of saying ``noun``: content its preposition's phrase, speaker its source."""
    parse = frame.parse
    tokens = parse.tokens
    prep = noun + 1
    sentence = parse.sentences[tokens[noun].sentence]
    if prep >= sentence.last or tokens[prep].form.lower() not in TOPIC_PREPOSITIONS:
        return None
    if any(tokens[c].form.lower() in _NEGATING_DETERMINERS for c in parse.children[noun]):
        return None  # "made no mention of"
    head = tokens[prep].head
    if head is None or head <= prep or tokens[head].rel not in {"nmod", "obl", "acl", "advcl"}:
        return None
    if circumstance_head(frame, head):
        return None  # "a speech on Friday"
    run = cut_at_clause_break(parse, frame.subtree_run(head, prep + 1, sentence.last))
    run = trim_tail(frame, run)
    content = content_span(frame, run, anchor=noun) if run else None
    if content is None:
        return None
    found = _source(frame, lexicon, noun)
    if found is None:
        return None
    speaker, how, first_cue = found
    if tokens[head].head not in {noun, first_cue}:
        return None  # the phrase belongs to something else in the tree
    notes = [how, f"content: the {tokens[prep].form.lower()!r} phrase of the noun of saying {tokens[noun].form!r}"]
    att = build_reported(frame, RULE, Verb(tokens[noun].lemma.lower(), "speech"), noun, speaker, head, content, notes)
    return evolve(att, cue=parse.span(first_cue, prep))


def _source(frame: Frame, lexicon: Lexicon, noun: int) -> tuple[int, str, int] | None:
    """The subject of the verb that performs the act the noun names ("made remarks about"), with the note
    and the cue's first token (the verb). A possessor alone is no source here: "the minister's remarks
    about the reform drew criticism" names the act as a thing; on PolNeAR train 6 of 27 such readings
    were attributions, against 7 of 11 with a verb that performs it."""
    parse = frame.parse
    tok = parse.tokens[noun]
    verb = tok.head
    if verb is None or verb > noun or tok.rel != "obj" or parse.tokens[verb].lemma.lower() not in LIGHT_VERBS:
        return None
    if frame.negated(verb) or frame.passive_by_auxiliary(verb) or not_performed(frame, verb):
        return None
    (speaker, how), doer = act_speaker(frame, verb)
    if speaker is None or speaker > doer or not plausible_source(frame, lexicon, speaker):
        return None
    return speaker, f"{how} (the verb that performs the act the noun names)", verb
