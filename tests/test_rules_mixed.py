"""Mixed quotes (quotes/rules/mixed.py, assemble.whole_fragments) on hand-built parses.

A mixed quote's content is the reported clause with its quoted fragments whole: the American-style
period inside the closing mark, a fragment that ends a clause before an inverted cue, and the agentive
predicate of a verb of judging, without a clause coordinated after it.
"""

from __future__ import annotations

from tests.rule_parses import records, the


def test_american_period_inside_the_marks_keeps_the_fragment_whole() -> None:
    # The parser hangs the period and the closing mark on "said", so the clause's subtree stops at "mistake".
    text = 'The mayor said the closure had been "a mistake."'
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("mayor", "NOUN", "NN", "mayor", 3, "nsubj"),
            ("said", "VERB", "VBD", "say", 0, "root"),
            ("the", "DET", "DT", "the", 5, "det"),
            ("closure", "NOUN", "NN", "closure", 7, "nsubj"),
            ("had", "AUX", "VBD", "have", 7, "aux"),
            ("been", "AUX", "VBN", "be", 3, "ccomp"),
            ('"', "PUNCT", "``", '"', 7, "punct"),
            ("a", "DET", "DT", "a", 10, "det"),
            ("mistake", "NOUN", "NN", "mistake", 7, "xcomp"),
            (".", "PUNCT", ".", ".", 3, "punct"),
            ('"', "PUNCT", "''", '"', 3, "punct"),
        ],
    )
    assert rec.kind == "mixed"
    assert rec.content.text == 'the closure had been "a mistake."'
    assert [f.text for f in rec.fragments] == ["a mistake."]
    assert rec.speaker is not None and rec.speaker.text == "The mayor"


def test_a_quote_of_its_own_after_a_colon_is_not_pulled_into_the_clause() -> None:
    text = 'She said the talks would go on, adding: "We will not give up."'
    recs = records(
        text,
        [
            ("She", "PRON", "PRP", "she", 2, "nsubj"),
            ("said", "VERB", "VBD", "say", 0, "root"),
            ("the", "DET", "DT", "the", 4, "det"),
            ("talks", "NOUN", "NNS", "talk", 6, "nsubj"),
            ("would", "AUX", "MD", "would", 6, "aux"),
            ("go", "VERB", "VB", "go", 2, "ccomp"),
            ("on", "ADP", "RP", "on", 6, "compound:prt"),
            (",", "PUNCT", ",", ",", 9, "punct"),
            ("adding", "VERB", "VBG", "add", 6, "advcl"),
            (":", "PUNCT", ":", ":", 9, "punct"),
            ('"', "PUNCT", "``", '"', 15, "punct"),
            ("We", "PRON", "PRP", "we", 15, "nsubj"),
            ("will", "AUX", "MD", "will", 15, "aux"),
            ("not", "PART", "RB", "not", 15, "advmod"),
            ("give", "VERB", "VB", "give", 9, "ccomp"),
            ("up", "ADP", "RP", "up", 15, "compound:prt"),
            (".", "PUNCT", ".", ".", 2, "punct"),
            ('"', "PUNCT", "''", '"', 2, "punct"),
        ],
    )
    direct = [r for r in recs if r.kind == "direct"]
    assert [r.content.text for r in direct] == ["We will not give up."]
    assert all(r.kind != "mixed" for r in recs)


def test_a_fragment_that_ends_the_clause_before_an_inverted_cue() -> None:
    text = 'The talks were "going nowhere," a diplomat said.'
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("talks", "NOUN", "NNS", "talk", 5, "nsubj"),
            ("were", "AUX", "VBD", "be", 5, "aux"),
            ('"', "PUNCT", "``", '"', 5, "punct"),
            ("going", "VERB", "VBG", "go", 11, "ccomp"),
            ("nowhere", "ADV", "RB", "nowhere", 5, "advmod"),
            (",", "PUNCT", ",", ",", 5, "punct"),
            ('"', "PUNCT", "''", '"', 5, "punct"),
            ("a", "DET", "DT", "a", 10, "det"),
            ("diplomat", "NOUN", "NN", "diplomat", 11, "nsubj"),
            ("said", "VERB", "VBD", "say", 0, "root"),
            (".", "PUNCT", ".", ".", 11, "punct"),
        ],
    )
    assert (rec.kind, rec.evidence.rule) == ("mixed", "mixed-inverted")
    assert rec.content.text == 'The talks were "going nowhere,"'
    assert [f.text for f in rec.fragments] == ["going nowhere,"]
    assert rec.speaker is not None and rec.speaker.text == "a diplomat"


def test_a_whole_quoted_sentence_before_the_cue_stays_direct() -> None:
    text = '"The talks are going nowhere," a diplomat said.'
    rec = the(
        text,
        [
            ('"', "PUNCT", "``", '"', 5, "punct"),
            ("The", "DET", "DT", "the", 3, "det"),
            ("talks", "NOUN", "NNS", "talk", 5, "nsubj"),
            ("are", "AUX", "VBP", "be", 5, "aux"),
            ("going", "VERB", "VBG", "go", 11, "ccomp"),
            ("nowhere", "ADV", "RB", "nowhere", 5, "advmod"),
            (",", "PUNCT", ",", ",", 5, "punct"),
            ('"', "PUNCT", "''", '"', 5, "punct"),
            ("a", "DET", "DT", "a", 10, "det"),
            ("diplomat", "NOUN", "NN", "diplomat", 11, "nsubj"),
            ("said", "VERB", "VBD", "say", 0, "root"),
            (".", "PUNCT", ".", ".", 11, "punct"),
        ],
    )
    assert (rec.kind, rec.content.text) == ("direct", "The talks are going nowhere,")


def test_agentive_predicate_ends_before_a_coordinated_clause() -> None:
    text = 'Investors described the sell-off as "overdone", and shares recovered.'
    rec = the(
        text,
        [
            ("Investors", "NOUN", "NNS", "investor", 2, "nsubj"),
            ("described", "VERB", "VBD", "describe", 0, "root"),
            ("the", "DET", "DT", "the", 4, "det"),
            ("sell-off", "NOUN", "NN", "sell-off", 2, "obj"),
            ("as", "ADP", "IN", "as", 7, "case"),
            ('"', "PUNCT", "``", '"', 7, "punct"),
            ("overdone", "ADJ", "JJ", "overdone", 2, "obl"),
            ('"', "PUNCT", "''", '"', 7, "punct"),
            (",", "PUNCT", ",", ",", 2, "punct"),
            ("and", "CCONJ", "CC", "and", 2, "cc"),
            ("shares", "NOUN", "NNS", "share", 12, "nsubj"),
            ("recovered", "VERB", "VBD", "recover", 2, "conj"),
            (".", "PUNCT", ".", ".", 2, "punct"),
        ],
    )
    assert (rec.kind, rec.evidence.rule) == ("mixed", "mixed-agentive")
    assert rec.content.text == 'the sell-off as "overdone"'  # the content never holds its cue


def test_a_verb_of_judging_outside_the_lexicon_takes_its_fragment() -> None:
    text = 'Critics branded the scheme "a giveaway".'
    rec = the(
        text,
        [
            ("Critics", "NOUN", "NNS", "critic", 2, "nsubj"),
            ("branded", "VERB", "VBD", "brand", 0, "root"),
            ("the", "DET", "DT", "the", 4, "det"),
            ("scheme", "NOUN", "NN", "scheme", 2, "obj"),
            ('"', "PUNCT", "``", '"', 7, "punct"),
            ("a", "DET", "DT", "a", 7, "det"),
            ("giveaway", "NOUN", "NN", "giveaway", 2, "xcomp"),
            ('"', "PUNCT", "''", '"', 7, "punct"),
            (".", "PUNCT", ".", ".", 2, "punct"),
        ],
    )
    assert (rec.kind, rec.evidence.rule) == ("mixed", "mixed-agentive")
    assert rec.content.text == 'the scheme "a giveaway"'  # the content never holds its cue
    assert rec.cue is not None and rec.cue.text == "branded"


def test_a_fragment_in_a_clause_whose_gerund_subject_the_tree_made_the_cue_s_xcomp() -> None:
    # The parser splits the clause: "closing ..." an xcomp of "said", the fragment's clause beside it;
    # the complement rule reads the gerund as the clause's subject.
    text = 'The mayor said closing it had been "a mistake."'
    rec = the(
        text,
        [
            ("The", "DET", "DT", "the", 2, "det"),
            ("mayor", "NOUN", "NN", "mayor", 3, "nsubj"),
            ("said", "VERB", "VBD", "say", 0, "root"),
            ("closing", "VERB", "VBG", "close", 3, "xcomp"),
            ("it", "PRON", "PRP", "it", 4, "obj"),
            ("had", "AUX", "VBD", "have", 10, "aux"),
            ("been", "AUX", "VBN", "be", 10, "cop"),
            ('"', "PUNCT", "``", '"', 10, "punct"),
            ("a", "DET", "DT", "a", 10, "det"),
            ("mistake", "NOUN", "NN", "mistake", 3, "ccomp"),
            (".", "PUNCT", ".", ".", 3, "punct"),
            ('"', "PUNCT", "''", '"', 3, "punct"),
        ],
    )
    assert (rec.kind, rec.evidence.rule) == ("mixed", "mixed-complement")
    assert rec.content.text == 'closing it had been "a mistake."'
    assert rec.speaker is not None and rec.speaker.text == "The mayor"
