"""The textacy peer of the benchmark (benchmarks/textacy_peer.py): spans that slice, refusals counted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

if importlib.util.find_spec("textacy") is None:
    pytest.skip("textacy is not installed (pip install 'textacy>=0.13')", allow_module_level=True)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import textacy_peer
from common import unavailable


@pytest.fixture(scope="module")
def nlp():
    why = unavailable("spacy")
    if why:
        pytest.skip(why)
    return textacy_peer.load_nlp()[1]


BALANCED = 'The council met on Monday. "We will build the new bridge next year," the mayor said.'
UNCLOSED = 'The council met on Monday. "We will build the new bridge next year, the mayor said.'


def test_balanced_quote_items_slice_the_text(nlp):
    items, refused = textacy_peer.extract([("doc", nlp(BALANCED))])
    assert refused == {}
    assert len(items) == 1
    item = items[0]
    assert item.doc_id == "doc" and item.kind == "direct"
    for span in (item.content, item.speaker, item.cue):
        assert span is not None and span.slices(BALANCED)
    assert item.content.text == "We will build the new bridge next year,"
    assert item.speaker.text == "mayor" and item.speaker_name == "mayor"  # textacy leaves the determiner out
    assert item.cue.text == "said"


def test_unclosed_quote_is_refused_not_raised(nlp):
    items, refused = textacy_peer.extract([("bad", nlp(UNCLOSED)), ("good", nlp(BALANCED))])
    assert list(refused) == ["bad"]
    assert "unclosed quotation" in refused["bad"]
    assert [i.doc_id for i in items] == ["good"]
