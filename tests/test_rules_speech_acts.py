"""Speech acts with an object (quotes/rules/speech_acts.py) on hand-built parses.

``X accused Y of ...``, ``X urged Y to ...`` / ``called on Y to ...``, ``X denied the allegations``,
``X criticized Y for ...``, ``X announced a settlement``: kind indirect, content the object and its
complement, rule ``speech-act-<act>``; and what is no speech act (passives, refusals, instruments).
"""

from __future__ import annotations

from quotes.rules.confidence import RULES
from quotes.rules.speech_acts import ACTS, CLAIM_NOUNS
from tests.rule_parses import records, the


def test_every_act_has_its_own_rule_and_a_confidence() -> None:
    names = {act.rule for acts in ACTS.values() for act in acts}
    assert names == {f"speech-act-{n}" for n in ("accuse", "urge", "deny", "criticize", "announce")}
    assert all(name in RULES for name in names)
    assert {"allegation", "wrongdoing", "involvement"} <= CLAIM_NOUNS


def test_accused_of_from_the_tree() -> None:
    text = "The union accused the ministry of breaking its promise."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("union", "NOUN", "NN", "union", 3, "nsubj"),
            ("accused", "VERB", "VBD", "accuse", 0, "root"),
            ("the", "DET", "DT", "the", 5, "det"),
            ("ministry", "NOUN", "NN", "ministry", 3, "obj"),
            ("of", "SCONJ", "IN", "of", 7, "mark"),
            ("breaking", "VERB", "VBG", "break", 3, "advcl"),
            ("its", "PRON", "PRP$", "its", 9, "nmod:poss"),
            ("promise", "NOUN", "NN", "promise", 7, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.kind, rec.evidence.rule) == ("indirect", "speech-act-accuse")
    assert rec.content.text == "the ministry of breaking its promise"
    assert rec.speaker is not None and rec.speaker.text == "The union"
    assert rec.cue is not None and rec.cue.text == "accused"
    notes = " ".join(rec.evidence.notes)
    assert "object: the verb's dependent in the tree" in notes and "complement: the verb's dependent" in notes


def test_accused_of_when_the_parser_hangs_the_object_on_the_subject() -> None:
    # A broken tree: "ministry" and "of breaking ..." hang under "union"; the surface still reads the act.
    text = "The union accused the ministry of breaking its promise."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("union", "NOUN", "NN", "union", 3, "nsubj"),
            ("accused", "VERB", "VBD", "accuse", 0, "root"),
            ("the", "DET", "DT", "the", 5, "det"),
            ("ministry", "NOUN", "NN", "ministry", 2, "nmod"),
            ("of", "SCONJ", "IN", "of", 7, "mark"),
            ("breaking", "VERB", "VBG", "break", 2, "acl"),
            ("its", "PRON", "PRP$", "its", 9, "nmod:poss"),
            ("promise", "NOUN", "NN", "promise", 7, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert rec.content.text == "the ministry of breaking its promise"
    assert "read off the surface" in " ".join(rec.evidence.notes)


def test_called_on_takes_the_particle_into_the_cue_and_stops_before_a_new_clause() -> None:
    text = "The mayor called on residents to conserve water, saying the reservoir was low."
    recs = records(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("mayor", "NOUN", "NN", "mayor", 3, "nsubj"),
            ("called", "VERB", "VBD", "call", 0, "root"),
            ("on", "ADP", "IN", "on", 5, "case"),
            ("residents", "NOUN", "NNS", "resident", 3, "obl"),
            ("to", "PART", "TO", "to", 7, "mark"),
            ("conserve", "VERB", "VB", "conserve", 3, "xcomp"),
            ("water", "NOUN", "NN", "water", 7, "obj"),
            (",", "PUNCT", ",", ",", 10, "punct"),
            ("saying", "VERB", "VBG", "say", 3, "advcl"),
            ("the", "DET", "DT", "the", 12, "det"),
            ("reservoir", "NOUN", "NN", "reservoir", 14, "nsubj"),
            ("was", "AUX", "VBD", "be", 14, "cop"),
            ("low", "ADJ", "JJ", "low", 10, "ccomp"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    act = next(r for r in recs if r.evidence.rule == "speech-act-urge")
    assert act.content.text == "residents to conserve water"
    assert act.cue is not None and act.cue.text == "called on"
    assert act.speaker is not None and act.speaker.text == "The mayor"


def test_urged_a_bare_noun_and_a_time_phrase_stays_out() -> None:
    text = "Police urged calm on Sunday."
    rec = the(
        text,
        [
            ("Police", "NOUN", "NNS", "police", 2, "nsubj"),
            ("urged", "VERB", "VBD", "urge", 0, "root"),
            ("calm", "NOUN", "NN", "calm", 2, "obj"),
            ("on", "ADP", "IN", "on", 5, "case"),
            ("Sunday", "PROPN", "NNP", "Sunday", 3, "nmod"),
            (".", "PUNCT", ".", ".", 2, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text) == ("speech-act-urge", "calm")


def test_denied_a_claim_but_not_a_refusal() -> None:
    text = "The minister denied the allegations."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("minister", "NOUN", "NN", "minister", 3, "nsubj"),
            ("denied", "VERB", "VBD", "deny", 0, "root"),
            ("the", "DET", "DT", "the", 5, "det"),
            ("allegations", "NOUN", "NNS", "allegation", 3, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text) == ("speech-act-deny", "the allegations")
    refusal = "The bank denied her application."
    assert not records(
        refusal,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("bank", "NOUN", "NN", "bank", 3, "nsubj"),
            ("denied", "VERB", "VBD", "deny", 0, "root"),
            ("her", "PRON", "PRP$", "her", 5, "nmod:poss"),
            ("application", "NOUN", "NN", "application", 3, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )


def test_denied_a_gerund() -> None:
    text = "Both players denied placing bets."
    rec = the(
        text,
        [
            ("Both", "DET", "DT", "both", 2, "det"),
            ("players", "NOUN", "NNS", "player", 3, "nsubj"),
            ("denied", "VERB", "VBD", "deny", 0, "root"),
            ("placing", "VERB", "VBG", "place", 3, "xcomp"),
            ("bets", "NOUN", "NNS", "bet", 4, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text) == ("speech-act-deny", "placing bets")


def test_a_passive_has_no_speaker_and_is_no_speech_act() -> None:
    text = "The driver was accused of speeding."
    assert not records(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("driver", "NOUN", "NN", "driver", 4, "nsubj:pass"),
            ("was", "AUX", "VBD", "be", 4, "aux:pass"),
            ("accused", "VERB", "VBN", "accuse", 0, "root"),
            ("of", "SCONJ", "IN", "of", 6, "mark"),
            ("speeding", "VERB", "VBG", "speed", 4, "advcl"),
            (".", "PUNCT", ".", ".", 4, "punct"),
        ],
    )


def test_criticized_for_and_announced_with_the_object_phrase_the_tree_hung_on_the_verb() -> None:
    text = "The council criticized the plan as unworkable."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("council", "NOUN", "NN", "council", 3, "nsubj"),
            ("criticized", "VERB", "VBD", "criticize", 0, "root"),
            ("the", "DET", "DT", "the", 5, "det"),
            ("plan", "NOUN", "NN", "plan", 3, "obj"),
            ("as", "ADP", "IN", "as", 7, "case"),
            ("unworkable", "ADJ", "JJ", "unworkable", 3, "obl"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text) == ("speech-act-criticize", "the plan as unworkable")
    text = "The airline announced new routes to Asia at a dinner."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("airline", "NOUN", "NN", "airline", 3, "nsubj"),
            ("announced", "VERB", "VBD", "announce", 0, "root"),
            ("new", "ADJ", "JJ", "new", 5, "amod"),
            ("routes", "NOUN", "NNS", "route", 3, "obj"),
            ("to", "ADP", "IN", "to", 7, "case"),
            ("Asia", "PROPN", "NNP", "Asia", 3, "obl"),
            ("at", "ADP", "IN", "at", 10, "case"),
            ("a", "DET", "DT", "a", 10, "det"),
            ("dinner", "NOUN", "NN", "dinner", 3, "obl"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text) == ("speech-act-announce", "new routes to Asia")


def test_an_instrument_announces_nothing() -> None:
    text = "A siren announced the curfew."
    assert not records(
        text,
        [
            ("A", "DET", "DT", "a", 2, "det"),
            ("siren", "NOUN", "NN", "siren", 3, "nsubj"),
            ("announced", "VERB", "VBD", "announce", 0, "root"),
            ("the", "DET", "DT", "the", 5, "det"),
            ("curfew", "NOUN", "NN", "curfew", 3, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )


def test_a_name_the_tagger_took_for_a_common_noun_can_speak_but_a_bare_noun_cannot() -> None:
    def rows(subject: str) -> list:
        return [
            (subject, "NOUN", "NN", subject.lower(), 2, "nsubj"),
            ("announced", "VERB", "VBD", "announce", 0, "root"),
            ("the", "DET", "DT", "the", 4, "det"),
            ("curfew", "NOUN", "NN", "curfew", 2, "obj"),
            (".", "PUNCT", ".", ".", 2, "punct"),
        ]

    rec = the("Hunter announced the curfew.", rows("Hunter"))
    assert rec.speaker is not None and rec.speaker.text == "Hunter"
    assert rec.content.text == "the curfew"
    assert not records("siren announced the curfew.", rows("siren"))


def test_a_that_clause_stays_reported_speech() -> None:
    text = "The company denied that it knew anything."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("company", "NOUN", "NN", "company", 3, "nsubj"),
            ("denied", "VERB", "VBD", "deny", 0, "root"),
            ("that", "SCONJ", "IN", "that", 6, "mark"),
            ("it", "PRON", "PRP", "it", 6, "nsubj"),
            ("knew", "VERB", "VBD", "know", 3, "ccomp"),
            ("anything", "PRON", "NN", "anything", 6, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert rec.evidence.rule == "indirect-complement"
    assert rec.content.text == "it knew anything"


def test_a_phrase_of_time_between_the_verb_and_its_particle() -> None:
    text = "The families called on Monday for an inquiry into the fire."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("families", "NOUN", "NNS", "family", 3, "nsubj"),
            ("called", "VERB", "VBD", "call", 0, "root"),
            ("on", "ADP", "IN", "on", 5, "case"),
            ("Monday", "PROPN", "NNP", "Monday", 3, "obl"),
            ("for", "ADP", "IN", "for", 8, "case"),
            ("an", "DET", "DT", "an", 8, "det"),
            ("inquiry", "NOUN", "NN", "inquiry", 3, "obl"),
            ("into", "ADP", "IN", "into", 11, "case"),
            ("the", "DET", "DT", "the", 11, "det"),
            ("fire", "NOUN", "NN", "fire", 8, "nmod"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text) == ("speech-act-urge", "an inquiry into the fire")
    assert rec.cue is not None and rec.cue.text == "called"


def test_a_time_phrase_of_a_clause_inside_the_complement_stays() -> None:
    # A restrictive relative clause: part of what was urged, its time phrase with it. (A ", which" clause
    # on the library would be the writer's gloss, cut by the boundaries.)
    text = "Residents urged the council to reopen the library that closed in March."
    rec = the(
        text,
        [
            ("Residents", "NOUN", "NNS", "resident", 2, "nsubj"),
            ("urged", "VERB", "VBD", "urge", 0, "root"),
            ("the", "DET", "DT", "the", 4, "det"),
            ("council", "NOUN", "NN", "council", 2, "obj"),
            ("to", "PART", "TO", "to", 6, "mark"),
            ("reopen", "VERB", "VB", "reopen", 2, "xcomp"),
            ("the", "DET", "DT", "the", 8, "det"),
            ("library", "NOUN", "NN", "library", 6, "obj"),
            ("that", "PRON", "WDT", "that", 10, "nsubj"),
            ("closed", "VERB", "VBD", "close", 8, "acl:relcl"),
            ("in", "ADP", "IN", "in", 12, "case"),
            ("March", "PROPN", "NNP", "March", 10, "obl"),
            (".", "PUNCT", ".", ".", 2, "punct"),
        ],
    )
    # The speech act replaces the bare infinitive reading ("to reopen ...") of the same verb.
    assert (rec.evidence.rule, rec.content.text) == (
        "speech-act-urge",
        "the council to reopen the library that closed in March",
    )
