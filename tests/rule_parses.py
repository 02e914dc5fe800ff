"""Hand-built parses for the rule tests: known trees, right ones and the wrong ones real parsers give.

A row is ``(form, upos, xpos, lemma, head, relation)``, heads 1-based within the sentence (0 for the
root); the rows are laid onto the text by searching for each form in turn, exactly as a backend lays
its tokens onto the original string.
"""

from __future__ import annotations

from quotes.parse.model import Parse, Sentence, Token
from quotes.pipeline import records_from_parse
from quotes.records import QuoteRecord

Row = tuple[str, str, str, str, int, str]


def parse_of(text: str, *sentences: list[Row]) -> Parse:
    tokens: list[Token] = []
    spans: list[Sentence] = []
    cursor = 0
    for s_index, rows in enumerate(sentences):
        base = len(tokens)
        for form, upos, xpos, lemma, head, rel in rows:
            start = text.index(form, cursor)
            cursor = start + len(form)
            head_index = None if head == 0 else base + head - 1
            tokens.append(Token(len(tokens), start, cursor, form, lemma, upos, head_index, rel, s_index, xpos=xpos))
        spans.append(Sentence(s_index, tokens[base].start, tokens[-1].end, base, len(tokens)))
    return Parse(text, tuple(tokens), tuple(spans), parser="hand", model="test")


def records(text: str, *sentences: list[Row]) -> list[QuoteRecord]:
    """The records of a hand-built parse; every span is checked to slice the text."""
    out = records_from_parse(parse_of(text, *sentences), "d")
    for rec in out:
        for span in (rec.content, rec.speaker, rec.cue, *rec.fragments):
            assert span is None or text[span.start : span.end] == span.text
    return out


def the(text: str, *sentences: list[Row]) -> QuoteRecord:
    """The one record of a hand-built parse."""
    [rec] = records(text, *sentences)
    return rec
