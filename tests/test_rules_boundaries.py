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


def _fronted(front: list[tuple[str, str, str, str, int, str]], front_text: str, quote: str) -> list[Attribution]:
    # FRONT, the lawyer said, "QUOTE": a hand-made quote-cue reading over a hand-built tree.
    text = f'{front_text}, the lawyer said, "{quote}"'
    n = len(front)
    rows = [
        *front,
        (",", "PUNCT", ",", ",", n + 4, "punct"),
        ("the", "DET", "DT", "the", n + 3, "det"),
        ("lawyer", "NOUN", "NN", "lawyer", n + 4, "nsubj"),
        ("said", "VERB", "VBD", "say", 0, "root"),
        (",", "PUNCT", ",", ",", n + 4, "punct"),
        ('"', "PUNCT", "``", '"', n + 4, "punct"),
    ]
    rows += [(w, "NOUN", "NN", w, n + 4, "dep") for w in quote.rstrip(".").split()]
    rows += [(".", "PUNCT", ".", ".", n + 4, "punct"), ('"', "PUNCT", "''", '"', n + 4, "punct")]
    frame = Frame(parse_of(text, rows), marks.scan(text), load())
    direct = Attribution(
        content=_span(text, quote),
        kind="direct",
        rule="quote-cue",
        confidence=0.9,
        cue=_span(text, "said"),
        cue_token=n + 3,
        speaker=_span(text, "the lawyer"),
        speaker_token=n + 2,
    )
    return content_boundaries(frame, [direct])


def test_a_quotation_that_goes_on_with_the_sentence_has_its_beginning_as_a_first_piece() -> None:
    front = [
        ("If", "SCONJ", "IN", "if", 4, "mark"),
        ("the", "DET", "DT", "the", 3, "det"),
        ("bridge", "NOUN", "NN", "bridge", 4, "nsubj"),
        ("closes", "VERB", "VBZ", "close", 8, "advcl"),
    ]
    piece, quote = _fronted(front, "If the bridge closes", "shops will go.")
    assert (piece.content.text, piece.rule, piece.kind) == ("If the bridge closes", "front-piece", "indirect")
    assert piece.speaker == quote.speaker and piece.cue == quote.cue
    assert "content:front-piece" in piece.found
    assert quote.rule == "quote-cue"


def test_a_front_of_time_or_a_quotation_of_its_own_sentence_has_no_first_piece() -> None:
    on_monday = [("On", "ADP", "IN", "on", 2, "case"), ("Monday", "PROPN", "NNP", "Monday", 6, "obl")]
    assert [a.rule for a in _fronted(on_monday, "On Monday", "shops will go.")] == ["quote-cue"]
    when = [("When", "SCONJ", "WRB", "when", 2, "mark"), ("asked", "VERB", "VBN", "ask", 6, "advcl")]
    assert [a.rule for a in _fronted(when, "When asked", "shops will go.")] == ["quote-cue"]
    subject = [("The", "DET", "DT", "the", 2, "det"), ("plan", "NOUN", "NN", "plan", 6, "nsubj")]
    assert [a.rule for a in _fronted(subject, "The plan", "Shops will go.")] == ["quote-cue"]
    assert [a.rule for a in _fronted(subject, "The plan", "will fail.")] == ["front-piece", "quote-cue"]


def _goes_on(tail: list[tuple[str, str, str, str, int, str]], tail_text: str) -> list[Attribution]:
    # "The pumps failed, the board said, and TAIL.": an inverted reading over a hand-built tree.
    text = f"The pumps failed, the board said, and {tail_text}."
    rows = [
        ("The", "DET", "DT", "the", 2, "det"),
        ("pumps", "NOUN", "NNS", "pump", 3, "nsubj"),
        ("failed", "VERB", "VBD", "fail", 0, "root"),
        (",", "PUNCT", ",", ",", 7, "punct"),
        ("the", "DET", "DT", "the", 6, "det"),
        ("board", "NOUN", "NN", "board", 7, "nsubj"),
        ("said", "VERB", "VBD", "say", 3, "parataxis"),
        (",", "PUNCT", ",", ",", 7, "punct"),
        ("and", "CCONJ", "CC", "and", 10, "cc"),
        *tail,
        (".", "PUNCT", ".", ".", 3, "punct"),
    ]
    frame = Frame(parse_of(text, rows), marks.scan(text), load())
    reading = Attribution(
        content=_span(text, "The pumps failed"),
        kind="indirect",
        rule="indirect-inverted",
        confidence=0.87,
        cue=_span(text, "said"),
        cue_token=6,
        speaker=_span(text, "the board"),
        speaker_token=5,
    )
    return content_boundaries(frame, [reading])


def test_a_clause_that_goes_on_after_an_inverted_cue_is_its_second_piece() -> None:
    tail = [
        ("all", "DET", "DT", "all", 12, "nsubj"),
        ("were", "AUX", "VBD", "be", 12, "cop"),
        ("dry", "ADJ", "JJ", "dry", 3, "conj"),
        ("by", "ADP", "IN", "by", 14, "case"),
        ("noon", "NOUN", "NN", "noon", 12, "obl"),
    ]
    first, second = _goes_on(tail, "all were dry by noon")
    assert (first.content.text, first.rule) == ("The pumps failed", "indirect-inverted")
    assert (second.content.text, second.rule) == ("and all were dry by noon", "mid-cue-piece")
    assert second.speaker == first.speaker and second.cue == first.cue
    assert "content:continued-after-cue" in second.found


def test_a_predicate_with_no_subject_after_an_inverted_cue_is_the_speaker_s_next_act() -> None:
    tail = [
        ("left", "VERB", "VBD", "leave", 7, "conj"),
        ("the", "DET", "DT", "the", 12, "det"),
        ("hall", "NOUN", "NN", "hall", 10, "obj"),
    ]
    assert [a.rule for a in _goes_on(tail, "left the hall")] == ["indirect-inverted"]
