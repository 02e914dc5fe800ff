"""Who can perform a speech act and where its content ends, on hand-built trees (each the one a small
parser gave): a person named by a common noun with no article of definiteness, a noun beside a name
that the parser made a second object, a time that owns the object, an adverbial clause the parser hung
on a noun, a bare phrase of time, a second cue whose subject is a share of people, and the writer's
"which" gloss on a thing named, and a text that speaks for whoever issued it."""

from __future__ import annotations

from tests.rule_parses import records


def _rows(*rows: str) -> list[tuple[str, str, str, str, int, str]]:
    """``"form UPOS XPOS lemma head rel"`` rows, heads 1-based (0 for the root)."""
    out = []
    for row in rows:
        form, upos, xpos, lemma, head, rel = row.split(" ")
        out.append((form, upos, xpos, lemma, int(head), rel))
    return out


def _read(rec) -> tuple[str, str, str, str]:
    return rec.evidence.rule, rec.speaker.text, rec.cue.text, rec.content.text


def test_a_person_named_by_an_indefinite_common_noun_performs_the_act() -> None:
    text = "A neighbour accused the landlord of ignoring the leak."
    rows = _rows(
        "A DET DT a 2 det",
        "neighbour NOUN NN neighbour 3 nsubj",
        "accused VERB VBD accuse 0 root",
        "the DET DT the 5 det",
        "landlord NOUN NN landlord 3 obj",
        "of ADP IN of 7 mark",
        "ignoring VERB VBG ignore 5 acl",
        "the DET DT the 9 det",
        "leak NOUN NN leak 7 obj",
        ". PUNCT . . 3 punct",
    )
    [rec] = records(text, rows)
    assert _read(rec) == ("speech-act-accuse", "A neighbour", "accused", "the landlord of ignoring the leak")


def test_an_indefinite_thing_performs_no_act() -> None:
    text = "A siren announced the curfew."
    rows = _rows(
        "A DET DT a 2 det",
        "siren NOUN NN siren 3 nsubj",
        "announced VERB VBD announce 0 root",
        "the DET DT the 5 det",
        "curfew NOUN NN curfew 3 obj",
        ". PUNCT . . 3 punct",
    )
    assert records(text, rows) == []


def test_a_noun_beside_a_name_speaks_though_the_parser_made_it_a_second_object() -> None:
    text = "The water board has hired Ana Ruiz, a consultant who criticized the merger of the two utilities last year."
    rows = _rows(
        "The DET DT the 3 det",
        "water NOUN NN water 3 compound",
        "board NOUN NN board 5 nsubj",
        "has AUX VBZ have 5 aux",
        "hired VERB VBN hire 0 root",
        "Ana PROPN NNP Ana 5 obj",
        "Ruiz PROPN NNP Ruiz 6 flat",
        ", PUNCT , , 10 punct",
        "a DET DT a 10 det",
        "consultant NOUN NN consultant 5 obj",
        "who PRON WP who 12 nsubj",
        "criticized VERB VBD criticize 10 acl:relcl",
        "the DET DT the 14 det",
        "merger NOUN NN merger 12 obj",
        "of ADP IN of 18 case",
        "the DET DT the 18 det",
        "two NUM CD two 18 nummod",
        "utilities NOUN NNS utility 14 nmod",
        "last ADJ JJ last 20 amod",
        "year NOUN NN year 18 nmod",
        ". PUNCT . . 5 punct",
    )
    [rec] = records(text, rows)
    # The bare phrase of time the parser hung on "utilities" is no part of what was criticized.
    assert _read(rec) == ("speech-act-criticize", "a consultant", "criticized", "the merger of the two utilities")
    assert rec.speaker_name == "Ana Ruiz"


def test_a_time_that_owns_the_object_is_part_of_it() -> None:
    text = "The teachers' union criticized this year's budget."
    rows = _rows(
        "The DET DT the 2 det",
        "teachers NOUN NNS teacher 4 nmod:poss",
        "' PART POS ' 2 case",
        "union NOUN NN union 5 nsubj",
        "criticized VERB VBD criticize 0 root",
        "this DET DT this 7 det",
        "year NOUN NN year 9 nmod:poss",
        "'s PART POS 's 7 case",
        "budget NOUN NN budget 5 obj",
        ". PUNCT . . 5 punct",
    )
    [rec] = records(text, rows)
    assert _read(rec)[1:] == ("The teachers' union", "criticized", "this year's budget")


def test_an_adverbial_clause_hung_on_a_noun_is_the_acts_occasion() -> None:
    text = "A senior police officer denied any knowledge of the payments when questioned by the inquiry."
    rows = _rows(
        "A DET DT a 4 det",
        "senior ADJ JJ senior 4 amod",
        "police NOUN NN police 4 compound",
        "officer NOUN NN officer 5 nsubj",
        "denied VERB VBD deny 0 root",
        "any DET DT any 7 det",
        "knowledge NOUN NN knowledge 5 obj",
        "of ADP IN of 10 case",
        "the DET DT the 10 det",
        "payments NOUN NNS payment 7 nmod",
        "when ADV WRB when 12 advmod",
        "questioned VERB VBN question 10 acl",
        "by ADP IN by 15 case",
        "the DET DT the 15 det",
        "inquiry NOUN NN inquiry 12 obl",
        ". PUNCT . . 5 punct",
    )
    [rec] = records(text, rows)
    assert _read(rec) == ("speech-act-deny", "A senior police officer", "denied", "any knowledge of the payments")


def test_a_second_cue_whose_subject_is_a_share_of_people_ends_the_first_content() -> None:
    text = (
        "Most voters said they were worried about the economy, and more than four in ten said the governor "
        "would handle it best."
    )
    rows = _rows(
        "Most ADJ JJS most 2 amod",
        "voters NOUN NNS voter 3 nsubj",
        "said VERB VBD say 0 root",
        "they PRON PRP they 5 nsubj",
        "were AUX VBD be 3 ccomp",
        "worried ADJ JJ worried 5 xcomp",
        "about ADP IN about 9 case",
        "the DET DT the 9 det",
        "economy NOUN NN economy 6 obl",
        ", PUNCT , , 5 punct",
        "and CCONJ CC and 5 cc",
        "more ADJ JJR more 14 amod",
        "than ADP IN than 14 advmod",
        "four NUM CD four 16 nummod",
        "in ADP IN in 16 advmod",
        "ten NUM CD ten 17 nsubj",
        "said VERB VBD say 3 ccomp",
        "the DET DT the 19 det",
        "governor NOUN NN governor 21 nsubj",
        "would AUX MD would 21 aux",
        "handle VERB VB handle 17 ccomp",
        "it PRON PRP it 21 obj",
        "best ADV RBS well 21 advmod",
        ". PUNCT . . 3 punct",
    )
    first, second = records(text, rows)
    assert first.content.text == "they were worried about the economy"
    assert (second.cue.start, second.content.text) == (text.rindex("said"), "the governor would handle it best")


def test_a_which_clause_on_a_thing_named_is_the_writers_gloss() -> None:
    text = "The minister said the government would repeal the Water Act, which was passed in 1998."
    rows = _rows(
        "The DET DT the 2 det",
        "minister NOUN NN minister 3 nsubj",
        "said VERB VBD say 0 root",
        "the DET DT the 5 det",
        "government NOUN NN government 7 nsubj",
        "would AUX MD would 7 aux",
        "repeal VERB VB repeal 3 ccomp",
        "the DET DT the 10 det",
        "Water PROPN NNP Water 10 compound",
        "Act PROPN NNP Act 7 obj",
        ", PUNCT , , 10 punct",
        "which PRON WDT which 14 nsubj:pass",
        "was AUX VBD be 14 aux:pass",
        "passed VERB VBN pass 10 acl:relcl",
        "in ADP IN in 16 case",
        "1998 NUM CD 1998 14 obl",
        ". PUNCT . . 3 punct",
    )
    [rec] = records(text, rows)
    assert rec.content.text == "the government would repeal the Water Act"
    assert any("writer's relative comment" in note for note in rec.evidence.notes)


def test_a_which_clause_with_a_modal_goes_on_with_what_was_said() -> None:
    text = "The union said the firm should accept the contract, which would raise wages."
    rows = _rows(
        "The DET DT the 2 det",
        "union NOUN NN union 3 nsubj",
        "said VERB VBD say 0 root",
        "the DET DT the 5 det",
        "firm NOUN NN firm 7 nsubj",
        "should AUX MD should 7 aux",
        "accept VERB VB accept 3 ccomp",
        "the DET DT the 9 det",
        "contract NOUN NN contract 7 obj",
        ", PUNCT , , 9 punct",
        "which PRON WDT which 13 nsubj",
        "would AUX MD would 13 aux",
        "raise VERB VB raise 9 acl:relcl",
        "wages NOUN NNS wage 13 obj",
        ". PUNCT . . 3 punct",
    )
    [rec] = records(text, rows)
    assert rec.content.text == "the firm should accept the contract, which would raise wages"


def _text_participle(verb: str, lemma: str) -> list[tuple[str, str, str, str, int, str]]:
    return _rows(
        "The DET DT the 3 det",
        "ferry NOUN NN ferry 3 compound",
        "operator NOUN NN operator 4 nsubj",
        f"{verb} VERB VBD {lemma} 0 root",
        "a DET DT a 6 det",
        "statement NOUN NN statement 4 obj",
        "saying VERB VBG say 6 acl",
        "all DET DT all 9 det",
        "crossings NOUN NNS crossing 11 nsubj",
        "would AUX MD would 11 aux",
        "resume VERB VB resume 7 ccomp",
        ". PUNCT . . 4 punct",
    )


def test_who_issued_a_text_speaks_through_it() -> None:
    text = "The ferry operator released a statement saying all crossings would resume."
    [rec] = records(text, _text_participle("released", "release"))
    assert (rec.speaker.text, rec.cue.text, rec.content.text) == (
        "The ferry operator",
        "saying",
        "all crossings would resume",
    )
    assert any("who issued the statement" in note for note in rec.evidence.notes)


def test_a_text_someone_received_keeps_the_text_as_speaker() -> None:
    text = "The ferry operator received a statement saying all crossings would resume."
    [rec] = records(text, _text_participle("received", "receive"))
    assert rec.speaker.text == "a statement"
