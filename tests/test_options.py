"""One frozen options value (quotes.options.Options) reaches every entry point: the library, the workers
of --jobs (and of Dask, through the same build_extractor), the spaCy component and the stanza processor.

Each test turns on an option at one entry point and checks the records it gives are those of the
library with the same option: evidence records appear only where the option is on.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import attrs
import pytest

from quotes.options import Options, OptionsError
from quotes.pipeline import Extractor
from quotes.run.inputs import Document
from quotes.run.parallel import extract_parallel
from quotes.run.worker import build_extractor

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
GOLD = {"path": str(ARTICLES)}
TEXT = "A poll published on Monday shows that most voters favour the plan. The minister said the plan would pass."


def _documents() -> list[Document]:
    paths = sorted(ARTICLES.glob("GUM_news_*.txt"))[:4]
    return [Document(str(p), p.read_text(encoding="utf-8"), str(p)) for p in paths]


def test_the_value_is_frozen_and_the_shortcuts_set_it() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Options().evidence = True  # type: ignore[misc]
    extractor = Extractor("conllu", options=Options(evidence=True), include_unattributed=True, **GOLD)
    assert extractor.options == Options(include_unattributed=True, evidence=True)
    assert extractor.evidence and extractor.include_unattributed


def test_workers_get_the_options_value_itself() -> None:
    options = Options(include_unattributed=True, evidence=True)
    assert build_extractor("conllu", GOLD, options).options == options
    docs = _documents()
    reference = Extractor("conllu", options=options, **GOLD)
    expected = [(d.doc_id, [r.to_dict() for r in reference.extract(d.text, d.doc_id)]) for d in docs]
    got = [(doc.doc_id, out) for doc, out in extract_parallel(docs, "conllu", GOLD, jobs=1, record_options=options)]
    assert got == expected
    plain = [(doc.doc_id, out) for doc, out in extract_parallel(docs, "conllu", GOLD, jobs=1)]
    assert sum(map(len, (r for _, r in got))) > sum(map(len, (r for _, r in plain)))  # unattributed ones too


def test_a_configuration_naming_no_option_is_refused_by_name() -> None:
    assert Options.from_mapping({"evidence": True}, "here") == Options(evidence=True)
    with pytest.raises(OptionsError, match=r"stanza processor 'quotes': unknown option selective; the options are"):
        Options.from_mapping({"selective": True}, "stanza processor 'quotes'")


@pytest.mark.skipif(importlib.util.find_spec("spacy") is None, reason="spaCy is not installed")
def test_the_spacy_component_takes_the_options() -> None:
    import spacy

    from quotes.parse.backends.spacy_backend import SpacyBackend

    try:
        backend = SpacyBackend()
    except Exception as exc:  # no English model installed
        pytest.skip(f"no spaCy model: {exc}")
    nlp = spacy.load(backend.model_name)
    component = nlp.add_pipe("quotes", config={"evidence": True})
    assert component.options == Options(evidence=True)
    on = [r["kind"] for r in nlp(TEXT)._.quote_records]
    nlp.remove_pipe("quotes")
    nlp.add_pipe("quotes")
    off = [r["kind"] for r in nlp(TEXT)._.quote_records]
    library = [r.kind for r in Extractor(backend, evidence=True).extract(TEXT)]
    assert on == library and "evidence" in on
    assert "evidence" not in off
    with pytest.raises(Exception, match="selective"):  # spaCy validates the factory's config by name
        nlp.add_pipe("quotes", name="other", config={"selective": True})
