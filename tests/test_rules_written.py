"""That-clauses after the cue's adjuncts (quotes/rules/written.py) on hand-built parses, and the speaker
of a cue whose subject is a relative clause's antecedent.

``X wrote on Twitter that C`` with the clause hung on the verb as an adverbial; ``In an open letter, X
warned that C`` read as an inverted cue; and what is no that-clause (a relative clause on an object).
"""

from __future__ import annotations

from tests.rule_parses import records, the


def test_wrote_on_twitter_that_with_the_clause_as_an_adverbial() -> None:
    text = "The senator wrote on Twitter that the bill would return."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("senator", "NOUN", "NN", "senator", 3, "nsubj"),
            ("wrote", "VERB", "VBD", "write", 0, "root"),
            ("on", "ADP", "IN", "on", 5, "case"),
            ("Twitter", "PROPN", "NNP", "Twitter", 3, "obl"),
            ("that", "SCONJ", "IN", "that", 10, "mark"),
            ("the", "DET", "DT", "the", 8, "det"),
            ("bill", "NOUN", "NN", "bill", 10, "nsubj"),
            ("would", "AUX", "MD", "would", 10, "aux"),
            ("return", "VERB", "VB", "return", 3, "advcl"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    # Read off the surface either by the general surface rule or by the written-source one.
    assert rec.kind == "indirect" and rec.evidence.rule in {"indirect-surface", "indirect-that-surface"}
    assert rec.content.text == "the bill would return"
    assert rec.speaker is not None and rec.speaker.text == "The senator"
    assert rec.cue is not None and rec.cue.text == "wrote"


def test_an_opening_adjunct_read_as_an_inverted_clause_gives_way_to_the_that_clause() -> None:
    text = "In an open letter, scientists warned that the lake could die."
    rec = the(
        text,
        [
            ("In", "ADP", "IN", "in", 4, "case"),
            ("an", "DET", "DT", "a", 4, "det"),
            ("open", "ADJ", "JJ", "open", 4, "amod"),
            ("letter", "NOUN", "NN", "letter", 7, "obl"),
            (",", "PUNCT", ",", ",", 4, "punct"),
            ("scientists", "NOUN", "NNS", "scientist", 7, "nsubj"),
            ("warned", "VERB", "VBD", "warn", 0, "root"),
            ("that", "SCONJ", "IN", "that", 12, "mark"),
            ("the", "DET", "DT", "the", 10, "det"),
            ("lake", "NOUN", "NN", "lake", 12, "nsubj"),
            ("could", "AUX", "MD", "could", 12, "aux"),
            ("die", "VERB", "VB", "die", 7, "advcl"),
            (".", "PUNCT", ".", ".", 7, "punct"),
        ],
    )
    assert rec.evidence.rule in {"indirect-surface", "indirect-that-surface"}
    assert rec.content.text == "the lake could die"


def test_a_relative_clause_on_the_adjunct_is_no_reported_clause() -> None:
    text = "She spoke at a rally that drew thousands."
    assert not records(
        text,
        [
            ("She", "PRON", "PRP", "she", 2, "nsubj"),
            ("spoke", "VERB", "VBD", "speak", 0, "root"),
            ("at", "ADP", "IN", "at", 5, "case"),
            ("a", "DET", "DT", "a", 5, "det"),
            ("rally", "NOUN", "NN", "rally", 2, "obl"),
            ("that", "PRON", "WDT", "that", 7, "nsubj"),
            ("drew", "VERB", "VBD", "draw", 5, "acl:relcl"),
            ("thousands", "NOUN", "NNS", "thousand", 7, "obj"),
            (".", "PUNCT", ".", ".", 2, "punct"),
        ],
    )
    text = "The minister said in a statement that was read out the talks had failed."
    recs = records(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("minister", "NOUN", "NN", "minister", 3, "nsubj"),
            ("said", "VERB", "VBD", "say", 0, "root"),
            ("in", "ADP", "IN", "in", 6, "case"),
            ("a", "DET", "DT", "a", 6, "det"),
            ("statement", "NOUN", "NN", "statement", 3, "obl"),
            ("that", "PRON", "WDT", "that", 9, "nsubj:pass"),
            ("was", "AUX", "VBD", "be", 9, "aux:pass"),
            ("read", "VERB", "VBN", "read", 6, "acl:relcl"),
            ("out", "ADP", "RP", "out", 9, "compound:prt"),
            ("the", "DET", "DT", "the", 12, "det"),
            ("talks", "NOUN", "NNS", "talk", 14, "nsubj"),
            ("had", "AUX", "VBD", "have", 14, "aux"),
            ("failed", "VERB", "VBN", "fail", 9, "ccomp"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert all(r.evidence.rule != "indirect-that-surface" for r in recs)


def test_the_antecedent_of_a_relative_pronoun_before_the_cue_is_the_speaker() -> None:
    # The parser makes "said" an xcomp of "authorized" and gives it no subject; the surface finds "who".
    text = "An official who was not authorized to speak said the talks had stalled."
    rec = the(
        text,
        [
            ("An", "DET", "DT", "a", 2, "det"),
            ("official", "NOUN", "NN", "official", 6, "nsubj:pass"),
            ("who", "PRON", "WP", "who", 6, "nsubj:pass"),
            ("was", "AUX", "VBD", "be", 6, "aux:pass"),
            ("not", "PART", "RB", "not", 6, "advmod"),
            ("authorized", "VERB", "VBN", "authorize", 0, "root"),
            ("to", "PART", "TO", "to", 8, "mark"),
            ("speak", "VERB", "VB", "speak", 6, "xcomp"),
            ("said", "VERB", "VBD", "say", 6, "xcomp"),
            ("the", "DET", "DT", "the", 11, "det"),
            ("talks", "NOUN", "NNS", "talk", 13, "nsubj"),
            ("had", "AUX", "VBD", "have", 13, "aux"),
            ("stalled", "VERB", "VBN", "stall", 9, "ccomp"),
            (".", "PUNCT", ".", ".", 6, "punct"),
        ],
    )
    assert rec.content.text == "the talks had stalled"
    assert rec.speaker is not None and rec.speaker.text == "An official"


def test_a_passive_cue_names_the_addressee_not_the_speaker() -> None:
    text = "We were told by the staff that the tables were full."
    assert not records(
        text,
        [
            ("We", "PRON", "PRP", "we", 3, "nsubj:pass"),
            ("were", "AUX", "VBD", "be", 3, "aux:pass"),
            ("told", "VERB", "VBN", "tell", 0, "root"),
            ("by", "ADP", "IN", "by", 6, "case"),
            ("the", "DET", "DT", "the", 6, "det"),
            ("staff", "NOUN", "NN", "staff", 3, "obl"),
            ("that", "SCONJ", "IN", "that", 11, "mark"),
            ("the", "DET", "DT", "the", 9, "det"),
            ("tables", "NOUN", "NNS", "table", 11, "nsubj"),
            ("were", "AUX", "VBD", "be", 11, "cop"),
            ("full", "ADJ", "JJ", "full", 6, "acl"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
