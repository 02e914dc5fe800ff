"""Nominal and prepositional cues (quotes/rules/nominal.py, prepositional.py) on hand-built parses.

``X's assurance that C``, ``the claim by X that C`` with the source and the clause read off the tree or,
where the parser lost them, the surface; ``C, according to a statement from X`` (speaker X), ``according
to documents reviewed by <outlet>`` (the documents), and ``according to`` as a cue of manner.
"""

from __future__ import annotations

from tests.rule_parses import records, the


def test_possessor_the_parser_made_a_subject_is_still_the_source() -> None:
    text = "The union's warning that the strike could last pushed talks back."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("union", "NOUN", "NN", "union", 4, "nsubj"),
            ("'s", "PART", "POS", "'s", 2, "case"),
            ("warning", "NOUN", "NN", "warning", 10, "nsubj"),
            ("that", "SCONJ", "IN", "that", 9, "mark"),
            ("the", "DET", "DT", "the", 7, "det"),
            ("strike", "NOUN", "NN", "strike", 9, "nsubj"),
            ("could", "AUX", "MD", "could", 9, "aux"),
            ("last", "VERB", "VB", "last", 4, "acl"),
            ("pushed", "VERB", "VBD", "push", 0, "root"),
            ("talks", "NOUN", "NNS", "talk", 10, "obj"),
            ("back", "ADV", "RB", "back", 10, "advmod"),
            (".", "PUNCT", ".", ".", 10, "punct"),
        ],
    )
    assert (rec.evidence.rule, rec.kind) == ("nominal-cue", "indirect")
    assert rec.content.text == "the strike could last"
    assert rec.speaker is not None and rec.speaker.text == "The union"
    assert rec.cue is not None and rec.cue.text == "warning"
    assert "possessor before the speech-act noun (surface)" in " ".join(rec.evidence.notes)


def test_by_phrase_hung_on_the_main_verb() -> None:
    text = "The case turned on the assertion by prosecutors that the men had planned it."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("case", "NOUN", "NN", "case", 3, "nsubj"),
            ("turned", "VERB", "VBD", "turn", 0, "root"),
            ("on", "ADP", "IN", "on", 6, "case"),
            ("the", "DET", "DT", "the", 6, "det"),
            ("assertion", "NOUN", "NN", "assertion", 3, "obl"),
            ("by", "ADP", "IN", "by", 8, "case"),
            ("prosecutors", "NOUN", "NNS", "prosecutor", 3, "obl"),
            ("that", "SCONJ", "IN", "that", 13, "mark"),
            ("the", "DET", "DT", "the", 11, "det"),
            ("men", "NOUN", "NNS", "man", 13, "nsubj"),
            ("had", "AUX", "VBD", "have", 13, "aux"),
            ("planned", "VERB", "VBN", "plan", 3, "ccomp"),
            ("it", "PRON", "PRP", "it", 13, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert rec.content.text == "the men had planned it"
    assert rec.speaker is not None and rec.speaker.text == "prosecutors"


def test_a_clause_run_on_into_the_sentence_predicate_is_cut() -> None:
    # The parse makes "is central" part of the that-clause; the noun phrase opens the sentence, so the
    # sentence's predicate must follow the clause.
    text = "Her denial that she met him is central to the case."
    rec = the(
        text,
        [
            ("Her", "PRON", "PRP$", "her", 2, "nmod:poss"),
            ("denial", "NOUN", "NN", "denial", 0, "root"),
            ("that", "PRON", "WDT", "that", 5, "obj"),
            ("she", "PRON", "PRP", "she", 5, "nsubj"),
            ("met", "VERB", "VBD", "meet", 2, "acl"),
            ("him", "PRON", "PRP", "he", 7, "nsubj"),
            ("is", "AUX", "VBZ", "be", 5, "ccomp"),
            ("central", "ADJ", "JJ", "central", 7, "xcomp"),
            ("to", "ADP", "IN", "to", 11, "case"),
            ("the", "DET", "DT", "the", 11, "det"),
            ("case", "NOUN", "NN", "case", 8, "obl"),
            (".", "PUNCT", ".", ".", 2, "punct"),
        ],
    )
    assert rec.content.text == "she met him"
    assert "cut before the sentence's predicate" in " ".join(rec.evidence.notes)


def test_a_noun_without_a_source_is_no_cue() -> None:
    text = "The fear that the dam might fail kept families away."
    assert not records(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("fear", "NOUN", "NN", "fear", 8, "nsubj"),
            ("that", "SCONJ", "IN", "that", 7, "mark"),
            ("the", "DET", "DT", "the", 5, "det"),
            ("dam", "NOUN", "NN", "dam", 7, "nsubj"),
            ("might", "AUX", "MD", "might", 7, "aux"),
            ("fail", "VERB", "VB", "fail", 2, "acl"),
            ("kept", "VERB", "VBD", "keep", 0, "root"),
            ("families", "NOUN", "NNS", "family", 8, "obj"),
            ("away", "ADV", "RB", "away", 8, "advmod"),
            (".", "PUNCT", ".", ".", 8, "punct"),
        ],
    )


def _according(head: int, source: list[tuple[str, str, str, str, int, str]]):
    """``The base will close, according to <source>.`` with the source phrase's rows (heads 1-based
    within the sentence, the phrase starting at token 8) and its head."""
    return [
        ("The", "DET", "DT", "the", 2, "det"),
        ("base", "NOUN", "NN", "base", 4, "nsubj"),
        ("will", "AUX", "MD", "will", 4, "aux"),
        ("close", "VERB", "VB", "close", 0, "root"),
        (",", "PUNCT", ",", ",", 4, "punct"),
        ("according", "VERB", "VBG", "accord", head, "case"),
        ("to", "ADP", "IN", "to", 6, "fixed"),
        *source,
    ]


def test_according_to_a_statement_from_x_names_x() -> None:
    text = "The base will close, according to a statement from the ministry."
    rec = the(
        text,
        _according(
            9,
            [
                ("a", "DET", "DT", "a", 9, "det"),
                ("statement", "NOUN", "NN", "statement", 4, "obl"),
                ("from", "ADP", "IN", "from", 12, "case"),
                ("the", "DET", "DT", "the", 12, "det"),
                ("ministry", "NOUN", "NN", "ministry", 9, "nmod"),
                (".", "PUNCT", ".", ".", 4, "punct"),
            ],
        ),
    )
    assert rec.evidence.rule == "according-to"
    assert rec.content.text == "The base will close"
    assert rec.speaker is not None and rec.speaker.text == "the ministry"
    assert "'statement' is the document" in " ".join(rec.evidence.notes)


def test_documents_someone_reviewed_stay_the_source() -> None:
    text = "The base will close, according to documents reviewed by the Herald."
    rec = the(
        text,
        _according(
            8,
            [
                ("documents", "NOUN", "NNS", "document", 4, "obl"),
                ("reviewed", "VERB", "VBN", "review", 8, "acl"),
                ("by", "ADP", "IN", "by", 12, "case"),
                ("the", "DET", "DT", "the", 12, "det"),
                ("Herald", "PROPN", "NNP", "Herald", 9, "obl"),
                (".", "PUNCT", ".", ".", 4, "punct"),
            ],
        ),
    )
    assert rec.speaker is not None and rec.speaker.text.startswith("documents")


def test_according_to_as_a_cue_of_manner_is_no_attribution() -> None:
    text = "The trains ran according to the timetable."
    assert not records(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("trains", "NOUN", "NNS", "train", 3, "nsubj"),
            ("ran", "VERB", "VBD", "run", 0, "root"),
            ("according", "VERB", "VBG", "accord", 7, "case"),
            ("to", "ADP", "IN", "to", 4, "fixed"),
            ("the", "DET", "DT", "the", 7, "det"),
            ("timetable", "NOUN", "NN", "timetable", 3, "obl"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )


def test_according_to_inside_its_clause_splits_the_clause_around_it() -> None:
    text = "The boat, according to the coast guard, had drifted for days."
    first, second = records(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("boat", "NOUN", "NN", "boat", 11, "nsubj"),
            (",", "PUNCT", ",", ",", 2, "punct"),
            ("according", "VERB", "VBG", "accord", 8, "case"),
            ("to", "ADP", "IN", "to", 4, "fixed"),
            ("the", "DET", "DT", "the", 8, "det"),
            ("coast", "NOUN", "NN", "coast", 8, "compound"),
            ("guard", "NOUN", "NN", "guard", 11, "obl"),
            (",", "PUNCT", ",", ",", 8, "punct"),
            ("had", "AUX", "VBD", "have", 11, "aux"),
            ("drifted", "VERB", "VBN", "drift", 0, "root"),
            ("for", "ADP", "IN", "for", 13, "case"),
            ("days", "NOUN", "NNS", "day", 11, "obl"),
            (".", "PUNCT", ".", ".", 11, "punct"),
        ],
    )
    # The content never holds its cue: the clause in two pieces, "according to X" in neither.
    assert (first.content.text, second.content.text) == ("The boat", "had drifted for days")
    assert second.evidence.rule == "mid-cue-piece"
    for rec in (first, second):
        assert rec.speaker is not None and rec.speaker.text == "the coast guard"
        assert rec.cue is not None and rec.cue.text == "according to"


def test_a_speech_act_noun_tagged_as_a_verb_with_its_possessive_left_on_the_name() -> None:
    # A small tagger: "assurance" a verb, "minister’s" one token, "minister’s" its subject.
    text = "The minister’s assurance that the water was safe did little to calm residents."
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("minister’s", "NOUN", "NNS", "minister’s", 3, "nsubj"),
            ("assurance", "VERB", "VBP", "assurance", 0, "root"),
            ("that", "SCONJ", "IN", "that", 8, "mark"),
            ("the", "DET", "DT", "the", 6, "det"),
            ("water", "NOUN", "NN", "water", 8, "nsubj"),
            ("was", "AUX", "VBD", "be", 8, "cop"),
            ("safe", "ADJ", "JJ", "safe", 3, "ccomp"),
            ("did", "AUX", "VBD", "do", 10, "aux"),
            ("little", "ADJ", "JJ", "little", 8, "xcomp"),
            ("to", "PART", "TO", "to", 12, "mark"),
            ("calm", "VERB", "VB", "calm", 10, "xcomp"),
            ("residents", "NOUN", "NNS", "resident", 12, "obj"),
            (".", "PUNCT", ".", ".", 3, "punct"),
        ],
    )
    assert rec.evidence.rule == "nominal-cue"
    assert rec.content.text == "the water was safe"
    assert rec.speaker is not None and rec.speaker.text == "The minister’s"
    assert rec.cue is not None and rec.cue.text == "assurance"


def test_according_to_across_a_sentence_break_the_tokenizer_made() -> None:
    text = "According to Ibrahim Sow, the fighters had withdrawn overnight."
    rec = the(
        text,
        [
            ("According", "VERB", "VBG", "accord", 3, "case"),
            ("to", "ADP", "IN", "to", 3, "case"),
            ("Ibrahim", "PROPN", "NNP", "Ibrahim", 0, "root"),
        ],
        [
            ("Sow", "PROPN", "NNP", "Sow", 6, "nsubj"),
            (",", "PUNCT", ",", ",", 1, "punct"),
            ("the", "DET", "DT", "the", 4, "det"),
            ("fighters", "NOUN", "NNS", "fighter", 6, "nsubj"),
            ("had", "AUX", "VBD", "have", 6, "aux"),
            ("withdrawn", "VERB", "VBN", "withdraw", 0, "root"),
            ("overnight", "ADV", "RB", "overnight", 6, "advmod"),
            (".", "PUNCT", ".", ".", 6, "punct"),
        ],
    )
    assert rec.evidence.rule == "according-to"
    assert rec.content.text == "the fighters had withdrawn overnight"
    assert rec.speaker is not None and "Ibrahim" in rec.speaker.text
