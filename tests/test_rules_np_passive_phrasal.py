"""Noun-phrase content in the passive ("The plan was reported by the Gazette"), after a phrasal verb
("played down the delays"), as a pronoun with a complement ("calling them parasites"), inside a relative
clause ("economists who have praised the budget"), in an adjunct ("by criticizing the pipeline") and
after a verb that performs a noun of saying ("issued a warning about ..."), on hand-built trees: the
right ones and the wrong ones small parsers give."""

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


def _adjunct(text: str, opener: tuple[str, str, str, str, int, str], verb_form: str, verb_lemma: str):
    """ "The senator opened her speech <opener> <verb> the pipeline." """
    return records(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("senator", "NOUN", "NN", "senator", 3, "nsubj"),
            ("opened", "VERB", "VBD", "open", 0, "root"),
            ("her", "PRON", "PRP$", "her", 5, "nmod:poss"),
            ("speech", "NOUN", "NN", "speech", 3, "obj"),
            opener,
            (verb_form, "VERB", "VBG", verb_lemma, 3, "advcl"),
            ("the", "DET", "DT", "the", 9, "det"),
            ("pipeline", "NOUN", "NN", "pipeline", 7, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )


def test_an_act_done_in_an_adjunct_is_said_by_the_subject_of_the_verb_it_hangs_on() -> None:
    [rec] = _adjunct(
        "The senator opened her speech by criticizing the pipeline.",
        ("by", "SCONJ", "IN", "by", 7, "mark"),
        "criticizing",
        "criticize",
    )
    assert (rec.evidence.rule, rec.speaker.text, rec.content.text) == (
        "speech-act-criticize",
        "The senator",
        "the pipeline",
    )
    assert "speaker: the subject of the verb the act's adjunct hangs on" in rec.evidence.notes
    # "without" opens an act not done.
    assert not _adjunct(
        "The senator opened her speech without criticizing the pipeline.",
        ("without", "SCONJ", "IN", "without", 7, "mark"),
        "criticizing",
        "criticize",
    )


def test_an_act_wanted_or_refused_is_not_performed_but_one_begun_is() -> None:
    def governed(text: str, governor: tuple[str, str]) -> list:
        form, lemma = governor
        return records(
            text,
            [
                ("The", "DET", "DT", "the", 2, "det"),
                ("senator", "NOUN", "NN", "senator", 3, "nsubj"),
                (form, "VERB", "VBD", lemma, 0, "root"),
                ("to", "PART", "TO", "to", 5, "mark"),
                ("criticize", "VERB", "VB", "criticize", 3, "xcomp"),
                ("the", "DET", "DT", "the", 7, "det"),
                ("pipeline", "NOUN", "NN", "pipeline", 5, "obj"),
                (".", "PUNCT", ".", ".", 3, "punct"),
            ],
        )

    assert not governed("The senator refused to criticize the pipeline.", ("refused", "refuse"))
    [rec] = governed("The senator began to criticize the pipeline.", ("began", "begin"))
    assert (rec.speaker.text, rec.content.text) == ("The senator", "the pipeline")


def test_a_verb_that_performs_a_noun_of_saying_reports_its_topic() -> None:
    text = "The bank issued a warning about rising debt."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("bank", "NOUN", "NN", "bank", 3, "nsubj"),
            ("issued", "VERB", "VBD", "issue", 0, "root"),
            ("a", "DET", "DT", "a", 5, "det"),
            ("warning", "NOUN", "NN", "warning", 3, "obj"),
            ("about", "ADP", "IN", "about", 8, "case"),
            ("rising", "VERB", "VBG", "rise", 8, "amod"),
            ("debt", "NOUN", "NN", "debt", 5, "nmod"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.cue.text, rec.content.text, rec.speaker.text) == (
        "nominal-np",
        "issued a warning about",
        "rising debt",
        "The bank",
    )
