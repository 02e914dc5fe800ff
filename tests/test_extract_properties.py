"""Property tests: on any text with any quotation marks, extraction never raises and every span it
emits slices the original text exactly.

Two parsers feed the rules: a crude surface parse built here (every kind of tree shape, fast, so
hypothesis can try many texts) and, with fewer examples, the real stanza pipeline.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.extractor import records_from_parse
from quotes.lexicon import load as load_lexicon
from quotes.parse import Parse, Sentence, Token
from quotes.records import QuoteRecord

MARKS = ['"', "“", "”", "„", "«", "»", "‹", "›", "‘", "’", "'", "``", "''", "‚"]
WORDS = [
    "said",
    "says",
    "told",
    "according",
    "to",
    "he",
    "She",
    "Aliyev",
    "the",
    "president",
    "that",
    "it",
    "is",
    "ready",
    "we",
    "Officials",
    "claimed",
    "added",
    "a",
    "war",
]
PIECES = st.sampled_from(
    [
        *MARKS,
        *WORDS,
        " ",
        " ",
        " ",
        ", ",
        ". ",
        ": ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "—",
        "’s",
        "\u200b",
        "é",
        "e\u0301",
        "😀",
        "שלום",
        "\ufeff",
    ]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=60).map("".join))
TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def surface_parse(text: str) -> Parse:
    """A parse made from the surface alone: each line a sentence, each token headed by its left neighbour."""
    lexicon = load_lexicon()
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        first = len(tokens)
        for m in TOKEN.finditer(line.group()):
            form = m.group()
            if form.isalnum() and lexicon.verb(form) is not None:
                upos = "VERB"
            elif not form[0].isalnum():
                upos = "PUNCT"
            elif form.lower() in lexicon.pronouns:
                upos = "PRON"
            else:
                upos = "PROPN" if form[0].isupper() else "NOUN"
            index = len(tokens)
            head = None if index == first else index - 1
            start = line.start() + m.start()
            tokens.append(
                Token(
                    index,
                    start,
                    start + len(form),
                    form,
                    form.lower(),
                    upos,
                    head,
                    "root" if head is None else ("nsubj" if upos in {"PRON", "PROPN"} else "dep"),
                    len(sentences),
                )
            )
        if len(tokens) > first:
            sentences.append(Sentence(len(sentences), tokens[first].start, tokens[-1].end, first, len(tokens)))
    return Parse(text, tuple(tokens), tuple(sentences), parser="surface", model="test")


def check_spans(text: str, records: list[QuoteRecord]) -> None:
    for record in records:
        assert record.check(text) == [], record
        for span in (record.content, record.speaker, record.cue, *record.fragments):
            if span is not None:
                assert text[span.start : span.end] == span.text
        for region in record.evidence.marks:
            for span in (region.open, region.close, region.content):
                if span is not None:
                    assert text[span.start : span.end] == span.text
        sentence = record.evidence.sentence
        assert sentence is None or text[sentence.start : sentence.end] == sentence.text
        assert 0.0 <= record.confidence <= 1.0


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_rules_never_raise_and_spans_slice(text: str) -> None:
    records = records_from_parse(surface_parse(text), "doc", include_unattributed=True)
    check_spans(text, records)


@pytest.mark.stanza
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.lists(PIECES, min_size=1, max_size=40).map("".join))
def test_stanza_extraction_spans_slice(stanza_backend, text: str) -> None:
    records = records_from_parse(stanza_backend.parse(text), "doc", include_unattributed=True)
    check_spans(text, records)
