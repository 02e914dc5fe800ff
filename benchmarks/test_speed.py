"""Parse and extraction speed per backend (pytest-benchmark, few rounds).

    pytest benchmarks/                       # timings
    pytest benchmarks/ --benchmark-disable   # CI: each benchmark runs once, as a smoke test

The full report (all documents, memory, F1, LAS/UAS, both stanza thread settings) is ``benchmarks/run.py``.
"""

from __future__ import annotations

import pytest

from quotes.data.lexicon import load as load_lexicon
from quotes.pipeline import records_from_parse
from quotes.speakers.resolver import RuleResolver


@pytest.fixture(scope="session")
def rules():
    lexicon = load_lexicon()
    return lexicon, RuleResolver(lexicon)


def test_parse(benchmark, backend, docs):
    parses = benchmark.pedantic(lambda: list(backend.parse_many(docs)), rounds=2, iterations=1)
    assert len(parses) == len(docs)
    assert all(p.tokens for p in parses)
    benchmark.extra_info["tokens"] = sum(len(p.tokens) for p in parses)


def test_extraction(benchmark, backend, docs, rules):
    lexicon, resolver = rules
    parses = list(backend.parse_many(docs))

    def extract():
        return [records_from_parse(p, doc_id, lexicon, resolver) for p, (doc_id, _) in zip(parses, docs, strict=True)]

    records = benchmark.pedantic(extract, rounds=3, iterations=1)
    assert len(records) == len(docs)
    for parse, recs in zip(parses, records, strict=True):
        for rec in recs:
            assert parse.text[rec.content.start : rec.content.end] == rec.content.text


# Parsers of raw text only: the conllu backend reads gold trees, so there is nothing to select from.
@pytest.mark.parametrize("backend_name", ["stanza", "spacy"], indirect=True)
def test_selective_parse(benchmark, backend, docs):
    """Selective parsing as `quotes extract --selective` runs it (benchmarks/RESULTS.md has its F1)."""
    from quotes.parse.selective import SelectiveBackend

    selective = SelectiveBackend(backend)
    parses = benchmark.pedantic(lambda: list(selective.parse_many(docs)), rounds=2, iterations=1)
    assert [p.text for p in parses] == [text for _, text in docs]
    assert all(p.tokens for p in parses)
    benchmark.extra_info["words_parsed_share"] = selective.words_parsed / max(1, selective.words_total)
