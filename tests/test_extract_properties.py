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

from quotes.data.lexicon import load as load_lexicon
from quotes.parse.model import Parse, Sentence, Token
from quotes.pipeline import records_from_parse
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


def surface_parse(text: str, token: re.Pattern[str] = TOKEN) -> Parse:
    """A parse made from the surface alone: each line a sentence, each token headed by its left neighbour."""
    lexicon = load_lexicon()
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        first = len(tokens)
        for m in token.finditer(line.group()):
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


# A tokenizer that glues a word to the punctuation after it ("Yes,"): a parser's token may reach past a
# quote's stand-in word, and the words put back must still cover the text exactly.
GLUED = re.compile(r"\w+[^\w\s]?|[^\w\s]", re.UNICODE)


class LineParser:
    """surface_parse as a backend, for SelectiveBackend to wrap."""

    name = "lines"
    model = "test"
    provides = frozenset({"upos", "deps", "lemma"})
    versions: dict[str, str] = {}  # noqa: RUF012

    def __init__(self, token: re.Pattern[str]) -> None:
        self.token = token

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        return surface_parse(text, self.token)

    def parse_many(self, texts):
        for _, text in texts:
            yield self.parse(text)


# Sentences shaped like news: quotes that stand as speech (stood in), quoted phrases, frames, and any
# of the pieces above between them.
_PHRASE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
_PAIRS = st.sampled_from([('"', '"'), ("“", "”"), ("«", "»"), ("‘", "’")])
_SENTENCE = st.one_of(
    st.tuples(_PAIRS, _PHRASE, st.sampled_from([",", ".", "?", "!"]), _PHRASE).map(
        lambda p: f"{p[0][0]}{p[1]}{p[2]}{p[0][1]} {p[3]}."
    ),
    st.tuples(
        st.sampled_from(MARKS), _PHRASE, st.sampled_from([",", ".", "?", ""]), st.sampled_from(MARKS), _PHRASE
    ).map(lambda p: f"{p[0]}{p[1]}{p[2]}{p[3]} {p[4]}."),
    st.tuples(_PHRASE, st.sampled_from([": ", ", ", " "]), _PHRASE).map(lambda p: f'{p[0]}{p[1]}"{p[2]}."'),
    _PHRASE.map(lambda p: p + "."),
    PIECES,
)
NEWS = st.lists(_SENTENCE, max_size=12).map(lambda parts: " ".join(parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, NEWS), st.sampled_from([TOKEN, GLUED]), st.booleans())
def test_selective_parse_slices_any_text(text: str, token: re.Pattern[str], standins: bool) -> None:
    """Selective parsing (quote stand-ins, runs joined into one text, arcs cut at run boundaries) gives a
    whole parse whose every token slices the text, one tree per sentence, and records that slice too."""
    from quotes.parse.selective import SelectiveBackend

    parse = SelectiveBackend(LineParser(token), standins=standins).parse(text, "doc")
    assert [t.index for t in parse.tokens] == list(range(len(parse.tokens)))
    for tok in parse.tokens:
        assert text[tok.start : tok.end] == tok.form and tok.end > tok.start
    for sent in parse.sentences:
        assert sum(parse.tokens[i].head is None for i in sent.token_range) == 1
        heads = [parse.tokens[i].head for i in sent.token_range]
        assert all(head is None or sent.first <= head < sent.last for head in heads)
    check_spans(text, records_from_parse(parse, "doc", include_unattributed=True))
