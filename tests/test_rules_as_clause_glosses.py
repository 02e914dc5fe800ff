"""This round's clause boundaries on hand-built trees: a cue in an ``as`` clause, the writer's gloss after
a reported clause, a source's description after "according to X", a quoted phrase inside a clause that
runs on to a cue of its own. Each tree is the one a small parser gives, right or wrong."""

from __future__ import annotations

from tests.rule_parses import records


def _rows(*rows: str) -> list[tuple[str, str, str, str, int, str]]:
    """``"form UPOS lemma head rel"`` rows; a verb ending in -ing is tagged ``VBG``, a bare one after "to" ``VB``."""
    out = []
    for row in rows:
        form, upos, lemma, head, rel = row.split(" ")
        xpos = "VBG" if upos == "VERB" and form.endswith("ing") else ""
        out.append((form, upos, xpos, lemma, int(head), rel))
    return out


def test_an_as_clause_that_opens_the_sentence_credits_the_clause_after_its_comma() -> None:
    text = "As the Gazette first reported, the mill will close in March."
    recs = records(
        text,
        _rows(
            "As SCONJ as 5 mark",
            "the DET the 3 det",
            "Gazette PROPN Gazette 5 nsubj",
            "first ADV first 5 advmod",
            "reported VERB report 10 advcl",
            ", PUNCT , 5 punct",
            "the DET the 8 det",
            "mill NOUN mill 10 nsubj",
            "will AUX will 10 aux",
            "close VERB close 0 root",
            "in ADP in 12 case",
            "March PROPN March 10 obl",
            ". PUNCT . 10 punct",
        ),
    )
    [rec] = recs
    assert (rec.evidence.rule, rec.content.text, rec.speaker.text, rec.cue.text) == (
        "as-parenthetical",
        "the mill will close in March",
        "the Gazette",
        "reported",
    )


def test_an_as_clause_read_as_a_preposition_and_a_complement_still_credits_its_clause() -> None:
    # A small parser's tree: "as" a case marker on the noun, the main clause the cue's ccomp. The
    # complement reading ("has been built") gives way to the as-clause's.
    text = "But as the auditor noted, no flat has been built."
    recs = records(
        text,
        _rows(
            "But CCONJ but 5 cc",
            "as ADP as 4 case",
            "the DET the 4 det",
            "auditor NOUN auditor 5 nsubj",
            "noted VERB note 0 root",
            ", PUNCT , 10 punct",
            "no DET no 8 det",
            "flat NOUN flat 11 nsubj:pass",
            "has AUX have 11 aux",
            "been AUX be 11 aux:pass",
            "built VERB build 5 ccomp",
            ". PUNCT . 11 punct",
        ),
    )
    [rec] = recs
    assert (rec.evidence.rule, rec.content.text, rec.speaker.text) == (
        "as-parenthetical",
        "no flat has been built",
        "the auditor",
    )


def test_an_as_clause_that_closes_the_sentence_credits_what_precedes_its_comma() -> None:
    text = "Rents have doubled in five years, as Brandt wrote in a study."
    [rec] = records(
        text,
        _rows(
            "Rents NOUN rent 3 nsubj",
            "have AUX have 3 aux",
            "doubled VERB double 0 root",
            "in ADP in 6 case",
            "five NUM five 6 nummod",
            "years NOUN year 3 obl",
            ", PUNCT , 10 punct",
            "as SCONJ as 10 mark",
            "Brandt PROPN Brandt 10 nsubj",
            "wrote VERB write 3 advcl",
            "in ADP in 13 case",
            "a DET a 13 det",
            "study NOUN study 10 obl",
            ". PUNCT . 3 punct",
        ),
    )
    assert (rec.evidence.rule, rec.content.text, rec.speaker.text) == (
        "as-parenthetical",
        "Rents have doubled in five years",
        "Brandt",
    )


def test_an_as_clause_whose_verb_has_an_object_or_only_opens_a_quote_credits_nothing() -> None:
    told = "As the chairman told the board, he handed out the accounts."
    assert not records(
        told,
        _rows(
            "As SCONJ as 4 mark",
            "the DET the 3 det",
            "chairman NOUN chairman 4 nsubj",
            "told VERB tell 10 advcl",
            "the DET the 6 det",
            "board NOUN board 4 obj",
            ", PUNCT , 4 punct",
            "he PRON he 9 nsubj",
            "handed VERB hand 0 root",
            "out ADP out 9 compound:prt",
            "the DET the 12 det",
            "accounts NOUN account 9 obj",
            ". PUNCT . 9 punct",
        ),
    )
    began = "As the hearing began, the lawyers left the room."
    assert not records(
        began,
        _rows(
            "As SCONJ as 4 mark",
            "the DET the 3 det",
            "hearing NOUN hearing 4 nsubj",
            "began VERB begin 8 advcl",
            ", PUNCT , 4 punct",
            "the DET the 7 det",
            "lawyers NOUN lawyer 8 nsubj",
            "left VERB leave 0 root",
            "the DET the 10 det",
            "room NOUN room 8 obj",
            ". PUNCT . 8 punct",
        ),
    )


def _said_call_niece(gloss: list[str], text: str) -> str:
    rows = _rows(
        "Khan PROPN Khan 2 nsubj",
        "said VERB say 0 root",
        "she PRON she 4 nsubj",
        "called VERB call 2 ccomp",
        "her PRON her 6 nmod:poss",
        "niece NOUN niece 4 obj",
        ", PUNCT , 6 punct",
        *gloss,
    )
    [rec] = records(text, rows)
    return rec.content.text


def test_a_relative_clause_or_a_contrast_set_off_at_the_contents_end_is_the_writers_gloss() -> None:
    relative = "Khan said she called her niece, who had moved to Lahore."
    assert (
        _said_call_niece(
            [
                "who PRON who 10 nsubj",
                "had AUX have 10 aux",
                "moved VERB move 6 acl:relcl",
                "to ADP to 12 case",
                "Lahore PROPN Lahore 10 obl",
                ". PUNCT . 2 punct",
            ],
            relative,
        )
        == "she called her niece"
    )
    contrast = "Khan said she called her niece, even though the lines were down."
    assert (
        _said_call_niece(
            [
                "even ADV even 10 advmod",
                "though SCONJ though 14 mark",
                "the DET the 12 det",
                "lines NOUN line 14 nsubj",
                "were AUX be 14 cop",
                "down ADV down 4 advcl",
                ". PUNCT . 2 punct",
            ],
            contrast,
        )
        == "she called her niece"
    )


def test_a_relative_clause_inside_the_content_stays() -> None:
    text = "He said the law, which passed in 2010, was a failure."
    [rec] = records(
        text,
        _rows(
            "He PRON he 2 nsubj",
            "said VERB say 0 root",
            "the DET the 4 det",
            "law NOUN law 14 nsubj",
            ", PUNCT , 7 punct",
            "which PRON which 7 nsubj",
            "passed VERB pass 4 acl:relcl",
            "in ADP in 9 case",
            "2010 NUM 2010 7 obl",
            ", PUNCT , 7 punct",
            "was AUX be 14 cop",
            "a DET a 14 det",
            "failure NOUN failure 2 ccomp",
            ". PUNCT . 2 punct",
        ),
    )
    assert rec.content.text == "the law, which passed in 2010, was a failure"


def test_the_description_of_a_source_after_according_to_is_not_what_it_said() -> None:
    text = "The contract covers 400 cleaners, according to the union, one of two at the site."
    [rec] = records(
        text,
        _rows(
            "The DET the 2 det",
            "contract NOUN contract 3 nsubj",
            "covers VERB cover 0 root",
            "400 NUM 400 5 nummod",
            "cleaners NOUN cleaner 3 obj",
            ", PUNCT , 3 punct",
            "according VERB accord 10 case",
            "to ADP to 7 fixed",
            "the DET the 10 det",
            "union NOUN union 3 obl",
            ", PUNCT , 12 punct",
            "one NUM one 10 appos",
            "of ADP of 14 case",
            "two NUM two 12 nmod",
            "at ADP at 17 case",
            "the DET the 17 det",
            "site NOUN site 14 nmod",
            ". PUNCT . 3 punct",
        ),
    )
    assert (rec.evidence.rule, rec.content.text, rec.speaker.text) == (
        "according-to",
        "The contract covers 400 cleaners",
        "the union",
    )


def test_a_quoted_phrase_that_runs_on_to_a_cue_with_its_own_clause_is_not_that_cues_quote() -> None:
    # The tree hangs the quote under the second "said" (through the first one's advcl); the words after
    # the closing mark and the second cue's own complement show the quote is no content of it.
    text = "Though he said it drew a “crowd of unknowns” filing papers, John said none were added."
    recs = records(
        text,
        _rows(
            "Though SCONJ though 3 mark",
            "he PRON he 3 nsubj",
            "said VERB say 16 advcl",
            "it PRON it 5 nsubj",
            "drew VERB draw 3 ccomp",
            "a DET a 8 det",
            "“ PUNCT “ 8 punct",
            "crowd NOUN crowd 5 obj",
            "of ADP of 10 case",
            "unknowns NOUN unknown 8 nmod",
            "” PUNCT ” 8 punct",
            "filing NOUN filing 13 compound",
            "papers NOUN paper 8 nmod",
            ", PUNCT , 16 punct",
            "John PROPN John 16 nsubj",
            "said VERB say 0 root",
            "none NOUN none 19 nsubj:pass",
            "were AUX be 19 aux:pass",
            "added VERB add 16 ccomp",
            ". PUNCT . 16 punct",
        ),
    )
    by_speaker = {r.speaker.text: (r.kind, r.content.text) for r in recs}
    assert by_speaker["John"] == ("indirect", "none were added")
    assert by_speaker["he"][0] == "mixed"
    assert all(not (r.kind == "direct" and r.speaker.text == "John") for r in recs)


def test_a_title_before_a_cue_that_reports_its_own_clause_is_not_that_cues_quote() -> None:
    text = "Reyes, host of “Morning Harbour,” said the strike would end."
    recs = records(
        text,
        _rows(
            "Reyes PROPN Reyes 10 nsubj",
            ", PUNCT , 1 punct",
            "host NOUN host 1 appos",
            "of ADP of 6 case",
            "“ PUNCT “ 6 punct",
            "Morning PROPN Morning 7 compound",
            "Harbour PROPN Harbour 3 nmod",
            ", PUNCT , 7 punct",
            "” PUNCT ” 7 punct",
            "said VERB say 0 root",
            "the DET the 12 det",
            "strike NOUN strike 14 nsubj",
            "would AUX would 14 aux",
            "end VERB end 10 ccomp",
            ". PUNCT . 10 punct",
        ),
    )
    reported = [(r.kind, r.content.text, r.cue.text) for r in recs if r.kind != "direct"]
    assert reported == [("indirect", "the strike would end", "said")]
    assert not [r for r in recs if r.kind == "direct"]


def test_a_quote_before_an_inverted_cue_keeps_it_when_the_clause_after_belongs_to_the_speaker() -> None:
    # "said Reich, who served ...": the parser's ccomp holds the speaker; the quote is the cue's content.
    text = "“We need big ideas,” said Reich, who served under Clinton."
    recs = records(
        text,
        _rows(
            "“ PUNCT “ 5 punct",
            "We PRON we 2 nsubj",
            "need VERB need 6 ccomp",
            "big ADJ big 4 amod",
            "ideas NOUN idea 2 obj",
            ", PUNCT , 2 punct",
            "” PUNCT ” 2 punct",
            "said VERB say 0 root",
            "Reich PROPN Reich 11 nsubj",
            ", PUNCT , 9 punct",
            "who PRON who 11 nsubj",
            "served VERB serve 8 ccomp",
            "under ADP under 13 case",
            "Clinton PROPN Clinton 11 obl",
            ". PUNCT . 8 punct",
        ),
    )
    [rec] = [r for r in recs if r.kind == "direct"]
    assert (rec.content.text, rec.speaker.text, rec.cue.text) == ("We need big ideas,", "Reich", "said")


def test_an_absolute_participle_is_an_act_done_by_its_with_phrase() -> None:
    # The tree a small parser gives: "senator" an oblique of "turned", "accusing" an adjunct of it.
    text = "The hearing turned bitter, with the senator accusing the minister of lying."
    [rec] = records(
        text,
        _rows(
            "The DET the 2 det",
            "hearing NOUN hearing 3 nsubj",
            "turned VERB turn 0 root",
            "bitter ADJ bitter 3 xcomp",
            ", PUNCT , 9 punct",
            "with ADP with 8 case",
            "the DET the 8 det",
            "senator NOUN senator 3 obl",
            "accusing VERB accuse 3 advcl",
            "the DET the 11 det",
            "minister NOUN minister 9 obj",
            "of SCONJ of 13 mark",
            "lying VERB lie 9 advcl",
            ". PUNCT . 3 punct",
        ),
    )
    assert (rec.content.text, rec.speaker.text, rec.cue.text) == ("the minister of lying", "the senator", "accusing")
