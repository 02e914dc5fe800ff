"""Headlines and decks in Title Case, read off the surface: the tags of a Title Case line are noise, so the
parses here tag every capitalized word PROPN and hang everything on one token, as a small parser does."""

from __future__ import annotations

import pytest

from quotes.pipeline import records_from_parse
from quotes.rules.headlines import is_headline
from tests.parse_helpers import flat, forms


def _headline_records(text: str):
    tags = " ".join("PUNCT" if not w[0].isalnum() else "PROPN" for w in forms(text))
    parse = flat(text, tags)
    recs = records_from_parse(parse, "d")
    for rec in recs:
        assert rec.check(text) == []
    return recs


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Minister Says Talks Will Resume", True),
        ("Police: Suspect Fled On Foot After Bank Robbery", True),
        ("Storm Could Reach Coast By Sunday, Forecasters Warn", True),
        ("The minister said talks would resume.", False),
        ("Talks Will Resume.", False),
        ("THE WEEK IN QUOTES", False),
        ("Voices from the queue outside the passport office:", False),
    ],
)
def test_is_headline(line: str, expected: bool) -> None:
    assert is_headline(line) is expected


@pytest.mark.parametrize(
    ("text", "rule", "speaker", "cue", "content"),
    [
        (
            "Finance Minister Says Budget Will Spare Schools",
            "headline-verb",
            "Finance Minister",
            "Says",
            "Budget Will Spare Schools",
        ),
        ("Mayor Vows To Rebuild Flooded Market", "headline-verb", "Mayor", "Vows", "To Rebuild Flooded Market"),
        (
            "Prime Minister Tells Farmers Subsidies Will Stay",
            "headline-verb",
            "Prime Minister",
            "Tells",
            "Subsidies Will Stay",
        ),
        ("United States Says Talks Will Resume", "headline-verb", "United States", "Says", "Talks Will Resume"),
        (
            "Exports Fell For Third Month, Trade Ministry Says",
            "headline-inverted",
            "Trade Ministry",
            "Says",
            "Exports Fell For Third Month",
        ),
        (
            "Police: Suspect Fled On Foot After Robbery",
            "headline-colon",
            "Police",
            ":",
            "Suspect Fled On Foot After Robbery",
        ),
    ],
)
def test_headline_shapes(text: str, rule: str, speaker: str, cue: str, content: str) -> None:
    [rec] = _headline_records(text)
    assert (rec.evidence.rule, rec.speaker.text, rec.cue.text, rec.content.text) == (rule, speaker, cue, content)
    assert rec.kind == "indirect"
    assert "surface" in " ".join(rec.evidence.notes)


def test_two_clauses_of_a_deck_each_get_their_reading() -> None:
    recs = _headline_records("Workers Say Alarms Failed; Company Says It Will Open Inquiry")
    assert [(r.speaker.text, r.content.text) for r in recs] == [
        ("Workers", "Alarms Failed"),
        ("Company", "It Will Open Inquiry"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Residents Fear Dam Will Fail As Rains Continue",
        "Reports Of Cholera Rise In Flooded Districts",
        "Times Square Tenants Brace For Rent Rise As Leases End",
    ],
)
def test_headlines_with_no_speech_give_nothing(text: str) -> None:
    assert _headline_records(text) == []
