"""The frame around a quote: plural possessives inside single quotes, dash sign-offs and requests for
anonymity, on hand-built parses."""

from __future__ import annotations

import pytest

from quotes.pipeline import records_from_parse
from quotes.text import marks
from tests.parse_helpers import flat, parse_rows


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        (
            "Len Hartley said: 'The workers' union has been clear. No deal without a vote.'",
            ["The workers' union has been clear. No deal without a vote."],
        ),
        ("'The decision is the governors'', she said.", ["The decision is the governors'"]),
        ("'Nobody's dream is bigger than the fans'.' He left.", ["Nobody's dream is bigger than the fans'."]),
        (
            "'The workers' union and the bosses' club agree', she said.",
            ["The workers' union and the bosses' club agree"],
        ),
        # Two single-quoted words: the mark after the first closes it, the next one opens a new quote.
        ("He pitted the 'workers' against the 'bosses' for years.", ["workers", "bosses"]),
        (
            "'We want our rights as workers', she said, 'and nothing less.'",
            ["We want our rights as workers", "and nothing less."],
        ),
    ],
)
def test_plural_possessives_inside_single_quotes(text: str, contents: list[str]) -> None:
    regions = marks.scan(text).regions
    assert [r.content.text for r in regions] == contents
    assert all(not r.flags for r in regions)


def _records(parse):
    recs = records_from_parse(parse, "d")
    for rec in recs:
        assert rec.check(parse.text) == []
    return recs


@pytest.mark.parametrize(
    ("text", "tags", "speaker"),
    [
        (
            '"The river has never risen this fast." — Hamid Karimi, 71, a farmer in the valley',
            "PUNCT DET NOUN AUX ADV VERB DET ADV PUNCT PUNCT PUNCT PROPN PROPN PUNCT NUM PUNCT DET NOUN ADP DET NOUN",
            "Hamid Karimi",
        ),
        (
            '"There is no such thing as a small flood."\n— Mayor Kofi Annor',
            "PUNCT PRON VERB DET ADJ NOUN ADP DET ADJ NOUN PUNCT PUNCT PUNCT PROPN PROPN PROPN",
            "Mayor Kofi Annor",
        ),
    ],
)
def test_dash_signoff(text: str, tags: str, speaker: str) -> None:
    [rec] = _records(flat(text, tags))
    assert (rec.evidence.rule, rec.speaker.text) == ("dash-signoff", speaker)


def test_dash_signoff_takes_the_whole_name_and_leaves_its_notes_out() -> None:
    text = '"Clean water is a right." — the Coastal Water Authority, in its annual report'
    quote = ['" PUNCT 4 punct', "Clean ADJ 3 amod", "water NOUN 4 nsubj", "is AUX 0 root", "a DET 6 det"]
    quote += ["right NOUN 4 attr", ". PUNCT 4 punct", '" PUNCT 4 punct', "— PUNCT 13 punct", "the DET 13 det"]
    quote += ["Coastal PROPN 13 compound", "Water PROPN 13 compound", "Authority PROPN 4 parataxis"]
    quote += [
        ", PUNCT 13 punct",
        "in ADP 18 case",
        "its PRON 18 nmod:poss",
        "annual ADJ 18 amod",
        "report NOUN 13 nmod",
    ]
    [rec] = _records(parse_rows(text, quote))
    assert (rec.evidence.rule, rec.speaker.text) == ("dash-signoff", "the Coastal Water Authority")
    text = '"I lose my job." — a warehouse worker who asked not to be named'
    rows = ['" PUNCT 3 punct', "I PRON 3 nsubj", "lose VERB 0 root", "my PRON 5 nmod:poss", "job NOUN 3 obj"]
    rows += [". PUNCT 3 punct", '" PUNCT 3 punct', "— PUNCT 11 punct", "a DET 11 det", "warehouse NOUN 11 compound"]
    rows += ["worker NOUN 3 parataxis", "who PRON 13 nsubj", "asked VERB 11 acl:relcl ask", "not PART 17 advmod"]
    rows += ["to PART 17 mark", "be AUX 17 aux:pass", "named VERB 13 xcomp name VBN"]
    recs = _records(parse_rows(text, rows))
    assert [(r.evidence.rule, r.speaker.text) for r in recs] == [("dash-signoff", "a warehouse worker")]


def test_a_dated_signoff_is_a_citation() -> None:
    text = '"Talks Collapse Again." — The Gazette, August 15, 2008'
    parse = flat(text, "PUNCT PROPN PROPN ADV PUNCT PUNCT PUNCT DET PROPN PUNCT PROPN NUM PUNCT NUM")
    assert _records(parse) == []


def test_a_request_for_anonymity_is_the_frame_not_reported_content() -> None:
    text = "A resident, who asked not to be named, said the water had been off for a week."
    rows = [
        "A DET 2 det",
        "resident NOUN 11 nsubj",
        ", PUNCT 5 punct",
        "who PRON 5 nsubj",
        "asked VERB 2 acl:relcl ask",
        "not PART 9 advmod",
        "to PART 9 mark",
        "be AUX 9 aux:pass",
        "named VERB 5 xcomp name VBN",
        ", PUNCT 5 punct",
        "said VERB 0 root",
        "the DET 13 det",
        "water NOUN 16 nsubj:pass",
        "had AUX 16 aux VBD",
        "been AUX 16 aux:pass VBN",
        "off ADV 11 ccomp",
        "for ADP 19 case",
        "a DET 19 det",
        "week NOUN 16 obl",
        ". PUNCT 11 punct",
    ]
    recs = _records(parse_rows(text, rows))
    assert [r.content.text for r in recs] == ["the water had been off for a week"]
