"""Noun-phrase content in the passive ("The plan was reported by the Gazette"), after a phrasal verb
("called out the developers"), as a pronoun with a complement ("calling them parasites") and inside a
relative clause ("economists who have praised the budget"), on hand-built trees: the right ones and the
wrong ones small parsers give."""

from __future__ import annotations

from rule_parses import records, the


def test_a_passive_verb_of_saying_reports_its_subject_and_its_agent_said_it() -> None:
    text = "The new curfew was condemned by human rights lawyers."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 3, "det"),
            ("new", "ADJ", "JJ", "new", 3, "amod"),
            ("curfew", "NOUN", "NN", "curfew", 5, "nsubj:pass"),
            ("was", "AUX", "VBD", "be", 5, "aux:pass"),
            ("condemned", "VERB", "VBN", "condemn", 0, "root"),
            ("by", "ADP", "IN", "by", 9, "case"),
            ("human", "ADJ", "JJ", "human", 8, "amod"),
            ("rights", "NOUN", "NNS", "right", 9, "compound"),
            ("lawyers", "NOUN", "NNS", "lawyer", 5, "obl:agent"),
            (".", "PUNCT", ".", ".", 5, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text, rec.speaker.text, rec.cue.text) == (
        "speech-act-passive",
        "The new curfew",
        "human rights lawyers",
        "condemned",
    )
    assert "content: the subject of the passive verb" in rec.evidence.notes


def test_a_passive_with_no_agent_or_no_verb_of_saying_gives_nothing() -> None:
    no_agent = "The curfew was condemned on Monday."
    assert not records(
        no_agent,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("curfew", "NOUN", "NN", "curfew", 4, "nsubj:pass"),
            ("was", "AUX", "VBD", "be", 4, "aux:pass"),
            ("condemned", "VERB", "VBN", "condemn", 0, "root"),
            ("on", "ADP", "IN", "on", 6, "case"),
            ("Monday", "PROPN", "NNP", "Monday", 4, "obl"),
            (".", "PUNCT", ".", ".", 4, "punct"),
        ],
    )
    designed = "The bridge was designed by a Danish firm."
    assert not records(
        designed,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("bridge", "NOUN", "NN", "bridge", 4, "nsubj:pass"),
            ("was", "AUX", "VBD", "be", 4, "aux:pass"),
            ("designed", "VERB", "VBN", "design", 0, "root"),
            ("by", "ADP", "IN", "by", 8, "case"),
            ("a", "DET", "DT", "a", 8, "det"),
            ("Danish", "ADJ", "JJ", "Danish", 8, "amod"),
            ("firm", "NOUN", "NN", "firm", 4, "obl:agent"),
            (".", "PUNCT", ".", ".", 4, "punct"),
        ],
    )


def test_a_passive_the_parser_made_a_complement_of_was_and_an_adjective() -> None:
    # stanza: "was first[ADJ, root] reported[xcomp]", the subject on "first", the agent a plain "by" oblique.
    text = "The plan was first reported by the Gazette."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("plan", "NOUN", "NN", "plan", 4, "nsubj"),
            ("was", "AUX", "VBD", "be", 4, "cop"),
            ("first", "ADJ", "JJ", "first", 0, "root"),
            ("reported", "VERB", "VBN", "report", 4, "xcomp"),
            ("by", "ADP", "IN", "by", 8, "case"),
            ("the", "DET", "DT", "the", 8, "det"),
            ("Gazette", "PROPN", "NNP", "Gazette", 5, "obl"),
            (".", "PUNCT", ".", ".", 4, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text, rec.speaker.text) == ("speech-act-passive", "The plan", "the Gazette")


def _phrasal(text: str, verb: tuple[str, str], particle: str, obj: list[tuple[str, str, str, str, int, str]]):
    form, lemma = verb
    return records(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("union", "NOUN", "NN", "union", 3, "nsubj"),
            (form, "VERB", "VBD", lemma, 0, "root"),
            (particle, "ADP", "RP", particle, 3, "compound:prt"),
            *obj,
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )


def test_a_listed_phrasal_verb_reads_its_object_and_its_particle_joins_the_cue() -> None:
    text = "The union played down the delays."
    obj = [("the", "DET", "DT", "the", 6, "det"), ("delays", "NOUN", "NNS", "delay", 3, "obj")]
    [rec] = _phrasal(text, ("played", "play"), "down", obj)
    assert (rec.evidence.rule, rec.cue.text, rec.content.text) == ("speech-act-object", "played down", "the delays")
    # "play" alone is no verb of saying: without its particle it reads nothing.
    plain = "The union played the delays."
    assert not records(
        plain,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("union", "NOUN", "NN", "union", 3, "nsubj"),
            ("played", "VERB", "VBD", "play", 0, "root"),
            ("the", "DET", "DT", "the", 5, "det"),
            ("delays", "NOUN", "NNS", "delay", 3, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )


def test_a_phrasal_verb_that_says_nothing_gives_nothing() -> None:
    text = "The union called off the strike."
    obj = [("the", "DET", "DT", "the", 6, "det"), ("strike", "NOUN", "NN", "strike", 3, "obj")]
    assert not _phrasal(text, ("called", "call"), "off", obj)


def test_a_particle_the_parser_made_the_objects_preposition() -> None:
    # stanza: "brushed aside[case] rumours[obl]"; its lemma left as the form.
    text = "The chairman brushed aside rumours of a takeover."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("chairman", "NOUN", "NN", "chairman", 3, "nsubj"),
            ("brushed", "VERB", "VBD", "brushed", 0, "root"),
            ("aside", "ADP", "IN", "aside", 5, "case"),
            ("rumours", "NOUN", "NNS", "rumour", 3, "obl"),
            ("of", "ADP", "IN", "of", 8, "case"),
            ("a", "DET", "DT", "a", 8, "det"),
            ("takeover", "NOUN", "NN", "takeover", 5, "nmod"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.cue.text, rec.content.text) == ("brushed aside", "rumours of a takeover")


def test_a_pronoun_object_is_content_with_its_complement_and_not_alone() -> None:
    text = "The senator spoke, calling them parasites."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("senator", "NOUN", "NN", "senator", 3, "nsubj"),
            ("spoke", "VERB", "VBD", "speak", 0, "root"),
            (",", "PUNCT", ",", ",", 3, "punct"),
            ("calling", "VERB", "VBG", "call", 3, "advcl"),
            ("them", "PRON", "PRP", "they", 5, "obj"),
            ("parasites", "NOUN", "NNS", "parasite", 5, "xcomp"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.content.text, rec.speaker.text) == (
        "speech-act-object",
        "them parasites",
        "The senator",
    )
    bare = "The senator praised them."
    assert not records(
        bare,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("senator", "NOUN", "NN", "senator", 3, "nsubj"),
            ("praised", "VERB", "VBD", "praise", 0, "root"),
            ("them", "PRON", "PRP", "they", 3, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )


def test_a_relative_clause_cue_speaks_for_its_antecedent_and_its_content_never_holds_the_main_verb() -> None:
    text = "Economists who have praised the budget warned that growth could slow."
    recs = records(
        text,
        [
            ("Economists", "NOUN", "NNS", "economist", 7, "nsubj"),
            ("who", "PRON", "WP", "who", 4, "nsubj"),
            ("have", "AUX", "VBP", "have", 4, "aux"),
            ("praised", "VERB", "VBN", "praise", 1, "acl:relcl"),
            ("the", "DET", "DT", "the", 6, "det"),
            ("budget", "NOUN", "NN", "budget", 4, "obj"),
            ("warned", "VERB", "VBD", "warn", 0, "root"),
            ("that", "SCONJ", "IN", "that", 11, "mark"),
            ("growth", "NOUN", "NN", "growth", 11, "nsubj"),
            ("could", "AUX", "MD", "could", 11, "aux"),
            ("slow", "VERB", "VB", "slow", 7, "ccomp"),
            (".", "PUNCT", ".", ".", 7, "punct"),
        ],
    )
    got = sorted((r.cue.text, r.content.text, r.speaker.text) for r in recs)
    assert got == [("praised", "the budget", "Economists"), ("warned", "growth could slow", "Economists")]
