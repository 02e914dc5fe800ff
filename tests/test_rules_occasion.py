"""The occasion of a statement (``in an interview with ...``, ``in a statement``) after a reported clause
belongs to the cue's frame, whether the parser hangs it on the cue or inside the clause; a modifier that
is part of what was said ("until ...") is still taken in."""

from __future__ import annotations

import pytest

from quotes.pipeline import records_from_parse
from tests.parse_helpers import parse_rows


def _records(parse):
    recs = records_from_parse(parse, "d")
    for rec in recs:
        assert rec.check(parse.text) == []
    return recs


def _said_rows(attach_to_cue: bool) -> tuple[str, object]:
    text = "The office said no one had been charged in a written statement on Friday."
    occasion_head = 3 if attach_to_cue else 8
    rows = [
        "The DET 2 det",
        "office NOUN 3 nsubj",
        "said VERB 0 root",
        "no DET 5 det",
        "one NOUN 8 nsubj:pass",
        "had AUX 8 aux VBD",
        "been AUX 8 aux:pass VBN",
        "charged VERB 3 ccomp charge VBN",
        "in ADP 12 case",
        "a DET 12 det",
        "written VERB 12 amod write VBN",
        f"statement NOUN {occasion_head} obl",
        "on ADP 14 case",
        "Friday PROPN 8 obl",
        ". PUNCT 3 punct",
    ]
    return text, parse_rows(text, rows)


@pytest.mark.parametrize("attach_to_cue", [True, False])
def test_the_occasion_of_a_statement_is_not_what_was_said(attach_to_cue: bool) -> None:
    _, parse = _said_rows(attach_to_cue)
    [rec] = _records(parse)
    assert rec.content.text == "no one had been charged"


def test_a_modifier_hung_on_the_cue_that_belongs_to_the_clause_is_still_taken_in() -> None:
    text = "The commander said that his forces would advance until the village was retaken."
    rows = [
        "The DET 2 det",
        "commander NOUN 3 nsubj",
        "said VERB 0 root",
        "that SCONJ 8 mark",
        "his PRON 6 nmod:poss",
        "forces NOUN 8 nsubj",
        "would AUX 8 aux MD",
        "advance VERB 3 ccomp",
        "until SCONJ 13 mark",
        "the DET 11 det",
        "village NOUN 13 nsubj:pass",
        "was AUX 13 aux:pass VBD",
        "retaken VERB 3 advcl retake VBN",
        ". PUNCT 3 punct",
    ]
    [rec] = _records(parse_rows(text, rows))
    assert rec.content.text == "his forces would advance until the village was retaken"
