"""int8 quantization of the stanza model: its own stored-parse identity, and a parse that keeps its offsets.

How much accuracy and time it changes is benchmarks/parse_cost.py's question, not a test's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import stanza_models_dir

from quotes.parse.backends import stanza_backend
from quotes.parse.backends.stanza_backend import StanzaBackend, peek
from quotes.parse.store import ParseStore, identity_of, parser_key

pytestmark = pytest.mark.stanza


@pytest.fixture
def models() -> Path:
    models = stanza_models_dir()
    if not models.is_dir():
        pytest.skip(f"no stanza models at {models}")
    return models


def test_a_quantized_parse_is_never_taken_for_a_full_one(models: Path) -> None:
    full = peek(models_dir=models, quantize=False)
    int8 = peek(models_dir=models, quantize=True)
    only_parser = peek(models_dir=models, quantize="depparse")
    keys = {parser_key(full), parser_key(int8), parser_key(only_parser)}
    assert len(keys) == 3
    assert "int8=tokenize,pos,depparse" in int8.identity and "int8" not in full.identity
    assert int8.model.endswith("int8=tokenize,pos,depparse")  # provenance says so too
    # on a GPU the model runs as trained: the same identity as the full parse
    assert parser_key(peek(models_dir=models, quantize=True, use_gpu=True)) == parser_key(full)


def test_the_default_follows_the_module_setting(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stanza_backend, "QUANTIZE", True)
    assert peek(models_dir=models).identity == peek(models_dir=models, quantize=True).identity
    monkeypatch.setattr(stanza_backend, "QUANTIZE", False)
    assert peek(models_dir=models).identity == peek(models_dir=models, quantize=False).identity


def test_quantized_backend_parses_with_sliceable_offsets_and_its_own_store_folder(models: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    backend = StanzaBackend(models_dir=models, quantize=True)
    assert identity_of(backend) == peek(models_dir=models, quantize=True)
    text = 'The mayor said on Tuesday that the city "will not back down," according to her spokesman.'
    parse = backend.parse(text, "d")
    assert parse.tokens and all(text[t.start : t.end] for t in parse.tokens)
    assert all(t.head is None or 0 <= t.head < len(parse.tokens) for t in parse.tokens)
    store = ParseStore(tmp_path)
    path = store.put(parse, identity_of(backend))
    assert store.get(text, peek(models_dir=models, quantize=False)) is None
    assert store.path(text, identity_of(backend)) == path
