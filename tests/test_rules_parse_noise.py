"""Reported speech through the parse errors a small parser makes around the cue, on hand-built parses
of sentences written for each case (quotes/rules/reported.py, surface.py, written.py, mixed.py).

* the reported clause's subject hung on the cue's adjunct ("said after the talks a truce would ...");
* a sentence split in the middle by the segmenter ("said on Monday Northwind | Rail must pay ...");
* an addressee after "to" tagged a verb ("wrote in a memo to staff that ...");
* reported speech inside reported speech, and a document noun inside the cue's adjunct ("wrote in her
  letter that ..."): only the outermost verb's attribution is reported.
"""

from __future__ import annotations

from quotes.pipeline import records_from_parse
from tests.parse_helpers import parse_rows


def _records(text: str, *sentences: list[str]) -> list:
    return records_from_parse(parse_rows(text, *sentences), "t")


def _one(text: str, *sentences: list[str]):
    recs = _records(text, *sentences)
    assert len(recs) == 1, [(r.cue.text if r.cue else None, r.content.text) for r in recs]
    return recs[0]


def test_subject_hung_on_an_adjunct_of_the_cue_belongs_to_the_clause() -> None:
    text = "The ministers said after the talks a truce along the river would start on Friday."
    rec = _one(
        text,
        [
            "The DET 2 det",
            "ministers NOUN 3 nsubj minister NNS",
            "said VERB 0 root say VBD",
            "after ADP 6 case",
            "the DET 6 det",
            "talks NOUN 3 obl talk NNS",
            "a DET 8 det",
            "truce NOUN 6 nmod",  # the parser's error: the subject hangs on "talks"
            "along ADP 11 case",
            "the DET 11 det",
            "river NOUN 8 nmod",
            "would AUX 13 aux would MD",
            "start VERB 3 ccomp start VB",
            "on ADP 15 case",
            "Friday PROPN 13 obl",
            ". PUNCT 3 punct",
        ],
    )
    assert rec.content.text == "a truce along the river would start on Friday"
    assert rec.speaker.text == "The ministers" and rec.cue.text == "said"


def test_subject_hung_on_the_cue_as_an_oblique_belongs_to_the_clause() -> None:
    text = "The nurses said after the ballot a walkout would begin on Monday."
    rec = _one(
        text,
        [
            "The DET 2 det",
            "nurses NOUN 3 nsubj nurse NNS",
            "said VERB 0 root say VBD",
            "after ADP 6 case",
            "the DET 6 det",
            "ballot NOUN 3 obl",
            "a DET 8 det",
            "walkout NOUN 3 obl",
            "would AUX 10 aux would MD",
            "begin VERB 3 ccomp begin VB",
            "on ADP 12 case",
            "Monday PROPN 10 obl",
            ". PUNCT 3 punct",
        ],
    )
    assert rec.content.text == "a walkout would begin on Monday"


def test_the_adjunct_itself_is_never_taken_for_the_subject() -> None:
    # A complement without a subject after a plain adjunct: the adjunct stays the cue's.
    text = "The court said on Monday would be too late."
    recs = _records(
        text,
        [
            "The DET 2 det",
            "court NOUN 3 nsubj",
            "said VERB 0 root say VBD",
            "on ADP 5 case",
            "Monday PROPN 3 obl",
            "would AUX 9 aux would MD",
            "be AUX 9 cop be VB",
            "too ADV 9 advmod",
            "late ADJ 3 ccomp",
            ". PUNCT 3 punct",
        ],
    )
    assert all(not r.content.text.startswith(("on", "Monday")) for r in recs)


def test_a_sentence_split_in_the_middle_runs_on_for_the_surface_clause() -> None:
    text = "The regulator said on Monday Northwind Rail must pay the fines within a month."
    rec = _one(
        text,
        [
            "The DET 2 det",
            "regulator NOUN 3 nsubj",
            "said VERB 0 root say VBD",
            "on ADP 5 case",
            "Monday PROPN 3 obl",
            "Northwind PROPN 3 obl",
        ],
        [
            "Rail PROPN 3 nsubj",
            "must AUX 3 aux must MD",
            "pay VERB 0 root pay VB",
            "the DET 5 det",
            "fines NOUN 3 obj fine NNS",
            "within ADP 8 case",
            "a DET 8 det",
            "month NOUN 3 obl",
            ". PUNCT 3 punct",
        ],
    )
    assert rec.content.text == "Northwind Rail must pay the fines within a month"
    assert rec.speaker.text == "The regulator"


def test_a_real_sentence_boundary_is_not_crossed() -> None:
    # The first sentence ends with its full stop: what follows is no content of "said".
    text = "The regulator said so. Northwind Rail must pay the fines."
    recs = _records(
        text,
        ["The DET 2 det", "regulator NOUN 3 nsubj", "said VERB 0 root say VBD", "so ADV 3 advmod", ". PUNCT 3 punct"],
        [
            "Northwind PROPN 2 compound",
            "Rail PROPN 4 nsubj",
            "must AUX 4 aux must MD",
            "pay VERB 0 root pay VB",
            "the DET 6 det",
            "fines NOUN 4 obj fine NNS",
            ". PUNCT 4 punct",
        ],
    )
    assert recs == []


def test_an_addressee_after_to_tagged_a_verb_does_not_hide_the_that_clause() -> None:
    text = "Director Lena Voss wrote in a memo to staff that the lab would close early."
    rec = _one(
        text,
        [
            "Director PROPN 3 compound",
            "Lena PROPN 4 nsubj",
            "Voss PROPN 2 flat",
            "wrote VERB 0 root write VBD",
            "in ADP 7 case",
            "a DET 7 det",
            "memo NOUN 4 obl",
            "to PART 9 mark",
            "staff VERB 4 advcl staff VB",
            "that SCONJ 14 mark",
            "the DET 12 det",
            "lab NOUN 14 nsubj",
            "would AUX 14 aux would MD",
            "close VERB 9 ccomp close VB",
            "early ADV 14 advmod",
            ". PUNCT 4 punct",
        ],
    )
    assert rec.content.text == "the lab would close early"
    assert rec.cue.text == "wrote" and rec.speaker_name == "Lena Voss"


def test_reported_speech_inside_reported_speech_reports_the_outermost() -> None:
    text = "Villagers said soldiers had ordered them to leave their homes."
    rec = _one(
        text,
        [
            "Villagers NOUN 2 nsubj villager NNS",
            "said VERB 0 root say VBD",
            "soldiers NOUN 5 nsubj soldier NNS",
            "had AUX 5 aux have VBD",
            "ordered VERB 2 advcl order VBN",  # no complement for "said": its reading is the surface one
            "them PRON 5 obj",
            "to PART 8 mark",
            "leave VERB 5 xcomp leave VB",
            "their PRON 10 nmod:poss",
            "homes NOUN 8 obj home NNS",
            ". PUNCT 2 punct",
        ],
    )
    assert rec.cue.text == "said" and rec.speaker.text == "Villagers"
    assert rec.content.text == "soldiers had ordered them to leave their homes"


def test_the_document_in_the_cues_adjunct_gives_way_to_the_verb() -> None:
    text = "Ms. Lund wrote in her letter that the board had misled investors."
    rec = _one(
        text,
        [
            "Ms. PROPN 3 nsubj",
            "Lund PROPN 1 flat",
            "wrote VERB 0 root write VBD",
            "in ADP 6 case",
            "her PRON 6 nmod:poss",
            "letter NOUN 3 obl",
            "that SCONJ 11 mark",
            "the DET 9 det",
            "board NOUN 11 nsubj",
            "had AUX 11 aux have VBD",
            "misled VERB 6 acl mislead VBN",
            "investors NOUN 11 obj investor NNS",
            ". PUNCT 3 punct",
        ],
    )
    assert rec.cue.text == "wrote" and rec.speaker_name is not None and "Lund" in rec.speaker_name
    assert rec.content.text == "the board had misled investors"


def test_a_present_tense_cue_read_as_a_compound_noun_after_a_name() -> None:
    text = "Moreau claims the mayor ignored the warnings."
    rec = _one(
        text,
        [
            "Moreau PROPN 2 compound",
            "claims NOUN 5 nsubj claim NNS",  # "Moreau claims" read as one noun phrase
            "the DET 4 det",
            "mayor NOUN 5 nsubj",
            "ignored VERB 0 root ignore VBD",
            "the DET 7 det",
            "warnings NOUN 5 obj warning NNS",
            ". PUNCT 5 punct",
        ],
    )
    assert rec.cue.text == "claims" and rec.speaker.text == "Moreau"
    assert rec.content.text == "the mayor ignored the warnings"


def test_a_name_and_plural_noun_with_a_determiner_or_their_own_verb_stay_a_noun() -> None:
    for text, rows in (
        (
            "The Moreau claims were processed by the court.",
            [
                "The DET 3 det",
                "Moreau PROPN 3 compound",
                "claims NOUN 5 nsubj:pass claim NNS",
                "were AUX 5 aux:pass be VBD",
                "processed VERB 0 root process VBN",
                "by ADP 8 case",
                "the DET 8 det",
                "court NOUN 5 obl",
                ". PUNCT 5 punct",
            ],
        ),
        (
            "Moreau claims must be filed by Friday.",
            [
                "Moreau PROPN 2 compound",
                "claims NOUN 5 nsubj:pass claim NNS",
                "must AUX 5 aux must MD",
                "be AUX 5 aux:pass",
                "filed VERB 0 root file VBN",
                "by ADP 7 case",
                "Friday PROPN 5 obl",
                ". PUNCT 5 punct",
            ],
        ),
    ):
        assert _records(text, rows) == []


def test_according_to_without_a_comma_ends_where_the_clause_visibly_starts() -> None:
    text = "According to firefighters the blaze started in a kitchen."
    rec = _one(
        text,
        [
            "According VERB 3 case according VBG",
            "to ADP 1 fixed",
            "firefighters VERB 6 obl firefighter NNS",  # a noisy tag; the tree is no guide either
            "the DET 5 det",
            "blaze NOUN 3 obj",
            "started VERB 0 root start VBD",
            "in ADP 9 case",
            "a DET 9 det",
            "kitchen NOUN 6 obl",
            ". PUNCT 6 punct",
        ],
    )
    assert rec.speaker.text == "firefighters"
    assert rec.content.text == "the blaze started in a kitchen"


def test_trailing_according_to_a_source_needs_no_comma_but_a_manner_does() -> None:
    rows = lambda noun: [  # noqa: E731
        "The DET 2 det",
        "bridge NOUN 4 nsubj:pass",
        "was AUX 4 aux:pass be VBD",
        "built VERB 0 root build VBN",
        "according VERB 8 case according VBG",
        "to ADP 5 fixed",
        "the DET 8 det",
        f"{noun} NOUN 4 obl",
        ". PUNCT 4 punct",
    ]
    rec = _one("The bridge was built according to the council.", rows("council"))
    assert rec.speaker.text == "the council" and rec.content.text == "The bridge was built"
    assert _records("The bridge was built according to the plans.", rows("plans")) == []


def test_a_clause_joined_to_the_cue_with_its_own_subject_belongs_to_the_report() -> None:
    text = "The mayor said the dam held and the town was safe."
    rows = [
        "The DET 2 det",
        "mayor NOUN 3 nsubj",
        "said VERB 0 root say VBD",
        "the DET 5 det",
        "dam NOUN 6 nsubj",
        "held VERB 3 ccomp hold VBD",
        "and CCONJ 11 cc",
        "the DET 9 det",
        "town NOUN 11 nsubj",
        "was AUX 11 cop be VBD",
        "safe ADJ 3 conj",  # the parser joined the second clause to "said"
        ". PUNCT 3 punct",
    ]
    rec = _one(text, rows)
    assert rec.content.text == "the dam held and the town was safe"


def test_a_second_verb_with_a_pronoun_or_no_subject_is_not_the_report() -> None:
    text = "The mayor said the dam held and she thanked the crews."
    rec = _one(
        text,
        [
            "The DET 2 det",
            "mayor NOUN 3 nsubj",
            "said VERB 0 root say VBD",
            "the DET 5 det",
            "dam NOUN 6 nsubj",
            "held VERB 3 ccomp hold VBD",
            "and CCONJ 9 cc",
            "she PRON 9 nsubj",
            "thanked VERB 3 conj thank VBD",
            "the DET 11 det",
            "crews NOUN 9 obj crew NNS",
            ". PUNCT 3 punct",
        ],
    )
    assert rec.content.text == "the dam held"


def test_an_unset_off_trailing_source_reports_only_the_last_of_two_clauses() -> None:
    text = "Sales fell in May and the shop closed according to the owner."
    rec = _one(
        text,
        [
            "Sales NOUN 2 nsubj sale NNS",
            "fell VERB 0 root fall VBD",
            "in ADP 4 case",
            "May PROPN 2 obl",
            "and CCONJ 8 cc",
            "the DET 7 det",
            "shop NOUN 8 nsubj",
            "closed VERB 2 conj close VBD",
            "according VERB 12 case according VBG",
            "to ADP 9 fixed",
            "the DET 12 det",
            "owner NOUN 8 obl",
            ". PUNCT 2 punct",
        ],
    )
    assert rec.content.text == "the shop closed" and rec.speaker.text == "the owner"


def test_a_finite_clause_read_as_object_and_xcomp_is_the_complement() -> None:
    text = "The coach insists the referee erred twice."
    rec = _one(
        text,
        [
            "The DET 2 det",
            "coach NOUN 3 nsubj",
            "insists VERB 0 root insist VBZ",
            "the DET 5 det",
            "referee NOUN 3 obj",
            "erred VERB 3 xcomp err VBN",
            "twice ADV 6 advmod",
            ". PUNCT 3 punct",
        ],
    )
    assert rec.content.text == "the referee erred twice" and rec.evidence.rule == "indirect-complement"


def test_an_infinitive_after_an_object_stays_a_request_not_a_clause() -> None:
    # "urged the council to act": the object is the addressee, the infinitive the request.
    text = "Residents urged the council to act."
    rec = _one(
        text,
        [
            "Residents NOUN 2 nsubj resident NNS",
            "urged VERB 0 root urge VBD",
            "the DET 4 det",
            "council NOUN 2 obj",
            "to PART 6 mark",
            "act VERB 2 xcomp act VB",
            ". PUNCT 2 punct",
        ],
    )
    assert rec.cue.text == "urged" and "to act" in rec.content.text


def test_according_to_without_a_comma_before_at_least() -> None:
    # A comma later in the sentence ("Tyre, Lebanon") leaves the source phrase no sentence end to stop at.
    text = "According to medics at least 12 people were hurt in Tyre, Lebanon."
    rec = _one(
        text,
        [
            "According VERB 3 case according VBG",
            "to ADP 1 fixed",
            "medics NOUN 9 obl medic NNS",
            "at ADV 5 advmod",
            "least ADV 6 advmod",
            "12 NUM 7 nummod",
            "people NOUN 9 nsubj:pass",
            "were AUX 9 aux:pass be VBD",
            "hurt VERB 0 root hurt VBN",
            "in ADP 11 case",
            "Tyre PROPN 9 obl",
            ", PUNCT 13 punct",
            "Lebanon PROPN 11 appos",
            ". PUNCT 9 punct",
        ],
    )
    assert rec.speaker.text == "medics" and rec.content.text == "at least 12 people were hurt in Tyre, Lebanon"


def test_a_bare_verb_after_and_read_as_a_noun_is_a_second_cue() -> None:
    text = "They said the deal was fair and claim she lied about it."
    recs = _records(
        text,
        [
            "They PRON 2 nsubj",
            "said VERB 0 root say VBD",
            "the DET 4 det",
            "deal NOUN 6 nsubj",
            "was AUX 6 cop be VBD",
            "fair ADJ 2 ccomp",
            "and CCONJ 8 cc",
            "claim NOUN 6 conj claim NN",  # the tagger's noun
            "she PRON 10 nsubj",
            "lied VERB 6 conj lie VBD",
            "about ADP 12 case",
            "it PRON 10 obl",
            ". PUNCT 2 punct",
        ],
    )
    assert [(r.cue.text, r.content.text) for r in recs] == [
        ("said", "the deal was fair"),
        ("claim", "she lied about it"),
    ]
    assert all(r.speaker.text == "They" for r in recs)


def test_a_modal_predicate_joined_to_the_cue_shares_the_reported_subject() -> None:
    text = "The mayor said the repair was urgent and would cost millions."
    rec = _one(
        text,
        [
            "The DET 2 det",
            "mayor NOUN 3 nsubj",
            "said VERB 0 root say VBD",
            "the DET 5 det",
            "repair NOUN 7 nsubj",
            "was AUX 7 cop be VBD",
            "urgent ADJ 3 ccomp",
            "and CCONJ 10 cc",
            "would AUX 10 aux would MD",
            "cost VERB 3 conj cost VB",  # joined to "said", not to "urgent"
            "millions NOUN 10 obj million NNS",
            ". PUNCT 3 punct",
        ],
    )
    assert rec.content.text == "the repair was urgent and would cost millions"


def test_a_reported_clause_and_then_a_direct_quote_on_one_cue_are_two_records() -> None:
    text = 'The mayor said the library would open in May, "and every child will have a card."'
    recs = _records(
        text,
        [
            "The DET 2 det",
            "mayor NOUN 3 nsubj",
            "said VERB 0 root say VBD",
            "the DET 5 det",
            "library NOUN 7 nsubj",
            "would AUX 7 aux would MD",
            "open VERB 3 ccomp open VB",
            "in ADP 9 case",
            "May PROPN 7 obl",
            ", PUNCT 16 punct",
            '" PUNCT 16 punct',
            "and CCONJ 16 cc",
            "every DET 14 det",
            "child NOUN 16 nsubj",
            "will AUX 16 aux will MD",
            "have VERB 7 conj have VB",  # the quote hangs inside the reported clause
            "a DET 18 det",
            "card NOUN 16 obj",
            ". PUNCT 3 punct",
            '" PUNCT 3 punct',
        ],
    )
    got = sorted((r.kind, r.content.text, r.speaker.text) for r in recs)
    assert got == [
        ("direct", "and every child will have a card.", "The mayor"),
        ("indirect", "the library would open in May", "The mayor"),
    ]


def test_a_quoted_fragment_inside_the_clause_stays_a_mixed_quote() -> None:
    text = 'The mayor said the plan was "a costly mistake" and would be dropped.'
    recs = _records(
        text,
        [
            "The DET 2 det",
            "mayor NOUN 3 nsubj",
            "said VERB 0 root say VBD",
            "the DET 5 det",
            "plan NOUN 10 nsubj",
            "was AUX 10 cop be VBD",
            '" PUNCT 10 punct',
            "a DET 10 det",
            "costly ADJ 10 amod",
            "mistake NOUN 3 ccomp",
            '" PUNCT 10 punct',
            "and CCONJ 15 cc",
            "would AUX 15 aux would MD",
            "be AUX 15 aux:pass be VB",
            "dropped VERB 10 conj drop VBN",
            ". PUNCT 3 punct",
        ],
    )
    assert [(r.kind, r.content.text) for r in recs] == [
        ("mixed", 'the plan was "a costly mistake" and would be dropped')
    ]


def test_a_present_tense_tagged_a_noun_before_as_opens_the_clause() -> None:
    text = "Chile says inflation eases as copper prices recover"
    rec = _one(
        text,
        [
            "Chile PROPN 2 nsubj",
            "says VERB 0 root say VBZ",
            "inflation NOUN 4 compound",
            "eases NOUN 2 obj ease NNS",  # the tagger's noun
            "as SCONJ 8 mark",
            "copper NOUN 7 compound",
            "prices NOUN 8 nsubj price NNS",
            "recover VERB 4 acl recover VBP",
        ],
    )
    assert rec.content.text == "inflation eases as copper prices recover"


def test_a_tree_run_across_paragraphs_lends_no_speaker_and_no_mention_words() -> None:
    # The parser ran the first paragraph, a "READ MORE" line and a headline into one sentence, made
    # "claims" a verb joined to "said", and "MORE" part of "Azerbaijan".
    text = "Armenia said it was ready.\n\nREAD MORE\n\nAzerbaijan claims the town fell."
    recs = _records(
        text,
        [
            "Armenia PROPN 2 nsubj",
            "said VERB 0 root say VBD",
            "it PRON 5 nsubj",
            "was AUX 5 cop be VBD",
            "ready ADJ 2 ccomp",
            ". PUNCT 2 punct",
            "READ VERB 2 conj read VB",
            "MORE PROPN 9 compound",
            "Azerbaijan PROPN 10 compound",
            "claims VERB 2 conj claim VBZ",
            "the DET 12 det",
            "town NOUN 13 nsubj",
            "fell VERB 10 ccomp fall VBD",
            ". PUNCT 10 punct",
        ],
    )
    claims = next(r for r in recs if r.cue.text == "claims")
    assert claims.speaker.text == "Azerbaijan" and claims.content.text == "the town fell"


def test_a_subject_the_tree_found_in_the_headline_above_gives_way_to_the_one_in_the_paragraph() -> None:
    text = "Storm closes schools\n\nMayor Ines Duarte said the schools would reopen on Monday."
    recs = _records(
        text,
        [
            "Storm PROPN 2 nsubj",
            "closes VERB 7 dep close VBZ",
            "schools NOUN 7 nsubj school NNS",  # the parser's subject, a paragraph away
            "Mayor PROPN 5 compound",
            "Ines PROPN 7 dep",
            "Duarte PROPN 5 flat",
            "said VERB 0 root say VBD",
            "the DET 9 det",
            "schools NOUN 11 nsubj school NNS",
            "would AUX 11 aux would MD",
            "reopen VERB 7 ccomp reopen VB",
            "on ADP 13 case",
            "Monday PROPN 11 obl",
            ". PUNCT 7 punct",
        ],
    )
    [rec] = [r for r in recs if r.cue.text == "said"]
    assert rec.speaker_name == "Ines Duarte"


def test_a_closing_mark_after_a_full_stop_ends_the_surface_sentence() -> None:
    # The segmenter put the closing mark at the end of the first sentence: the sentence that follows
    # is no part of what the source said.
    text = 'According to the coroner, "the fall killed him." The family disputes this.'
    recs = _records(
        text,
        [
            "According VERB 3 case according VBG",
            "to ADP 1 fixed",
            "the DET 4 det",
            "coroner NOUN 9 obl",
            ", PUNCT 4 punct",
            '" PUNCT 9 punct',
            "the DET 8 det",
            "fall NOUN 9 nsubj",
            "killed VERB 0 root kill VBD",
            "him PRON 9 obj",
            ". PUNCT 9 punct",
            '" PUNCT 9 punct',
        ],
        [
            "The DET 2 det",
            "family NOUN 3 nsubj",
            "disputes VERB 0 root dispute VBZ",
            "this PRON 3 obj",
            ". PUNCT 3 punct",
        ],
    )
    assert all("family" not in r.content.text for r in recs)
    assert any(r.speaker is not None and r.speaker.text == "the coroner" for r in recs)
