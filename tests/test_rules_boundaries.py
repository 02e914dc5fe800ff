"""The content's edges (quotes/rules/boundaries.py, resolve.drop_quote_speakers) on hand-built parses
and hand-made readings: what the last steps of the engine do to readings whatever stage proposed them."""

from __future__ import annotations

from attrs import evolve

from quotes.data.lexicon import load
from quotes.rules.base import Attribution
from quotes.rules.boundaries import content_boundaries
from quotes.rules.frame import Frame
from quotes.rules.resolve import drop_quote_speakers
from quotes.text import marks
from quotes.text.spans import Span
from tests.rule_parses import parse_of

TEXT = '"I know I should stop," said Dana Cole, a 16-year-old from Akron.'
ROWS = [
    ('"', "PUNCT", "``", '"', 6, "punct"),
    ("I", "PRON", "PRP", "I", 2, "nsubj"),
    ("know", "VERB", "VBP", "know", 8, "ccomp"),
    ("I", "PRON", "PRP", "I", 6, "nsubj"),
    ("should", "AUX", "MD", "should", 6, "aux"),
    ("stop", "VERB", "VB", "stop", 2, "ccomp"),
    (",", "PUNCT", ",", ",", 8, "punct"),
    ("said", "VERB", "VBD", "say", 0, "root"),
    ("Dana", "PROPN", "NNP", "Dana", 10, "compound"),
    ("Cole", "PROPN", "NNP", "Cole", 8, "nsubj"),
    (",", "PUNCT", ",", ",", 10, "punct"),
    ("a", "DET", "DT", "a", 13, "det"),
    ("16-year-old", "NOUN", "NN", "16-year-old", 10, "appos"),
    ("from", "ADP", "IN", "from", 15, "case"),
    ("Akron", "PROPN", "NNP", "Akron", 13, "nmod"),
    (".", "PUNCT", ".", ".", 8, "punct"),
]


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def _frame() -> Frame:
    return Frame(parse_of(TEXT, ROWS), marks.scan(TEXT), load())


def test_a_quotes_speaker_with_its_apposition_is_never_reported_content() -> None:
    said = _span(TEXT, "said")
    speaker = _span(TEXT, "Dana Cole, a 16-year-old from Akron")
    direct = Attribution(
        content=_span(TEXT, "I know I should stop,"),
        kind="direct",
        rule="inverted-verb",
        confidence=0.9,
        cue=said,
        cue_token=7,
        speaker=speaker,
        speaker_token=9,
    )
    misread = evolve(direct, content=speaker, kind="indirect", rule="indirect-complement", speaker=None)
    assert drop_quote_speakers([direct, misread]) == [direct]
    assert content_boundaries(_frame(), drop_quote_speakers([misread, direct])) == [direct]


def test_a_cue_at_the_start_of_its_content_is_trimmed_off_and_a_direct_quote_is_left_alone() -> None:
    text = "Critics branded the housing scheme a giveaway."
    frame = Frame(
        parse_of(
            text,
            [
                ("Critics", "NOUN", "NNS", "critic", 2, "nsubj"),
                ("branded", "VERB", "VBD", "brand", 0, "root"),
                ("the", "DET", "DT", "the", 5, "det"),
                ("housing", "NOUN", "NN", "housing", 5, "compound"),
                ("scheme", "NOUN", "NN", "scheme", 2, "obj"),
                ("a", "DET", "DT", "a", 7, "det"),
                ("giveaway", "NOUN", "NN", "giveaway", 2, "xcomp"),
                (".", "PUNCT", ".", ".", 2, "punct"),
            ],
        ),
        marks.scan(text),
        load(),
    )
    reading = Attribution(
        content=_span(text, "branded the housing scheme a giveaway"),
        kind="indirect",
        rule="mixed-agentive",
        confidence=0.7,
        cue=_span(text, "branded"),
        cue_token=1,
        speaker=_span(text, "Critics"),
        speaker_token=0,
    )
    [trimmed] = content_boundaries(frame, [reading])
    assert trimmed.content.text == "the housing scheme a giveaway"
    assert trimmed.cue is not None and not trimmed.content.contains(trimmed.cue)
    assert "content:cut-at-cue" in trimmed.found
