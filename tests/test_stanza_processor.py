"""The ``quotes`` stanza processor on the offline model: the CLI's records from stanza's own parse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import stanza_models_dir

from quotes.pipeline import Extractor
from tests.entry_points import plugin_env

pytestmark = pytest.mark.stanza

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"
SEED = ARTICLES / "000_a59417acd8045365.txt"
PROCESSORS = "tokenize,mwt,pos,lemma,depparse,quotes"


@pytest.fixture(scope="module")
def pipeline():
    models = stanza_models_dir()
    if not models.is_dir():
        pytest.skip(f"no stanza models at {models} (set STANZA_RESOURCES_DIR or provide ../shared/models/stanza)")
    import stanza

    import quotes.integrations.stanza_processor  # noqa: F401 - registers the processor

    return stanza.Pipeline(
        "en", dir=str(models), processors=PROCESSORS, download_method=None, use_gpu=False, logging_level="WARN"
    )


def test_records_are_the_clis(pipeline, stanza_backend):
    text = SEED.read_text(encoding="utf-8")
    doc = pipeline(text)
    expected = Extractor(stanza_backend).extract(text, "doc")
    assert len(expected) > 10
    assert [r.to_dict(source=text) for r in doc.quotes] == [r.to_dict(source=text) for r in expected]
    for record in doc.quotes:
        assert record.check(text) == []
    assert doc.quotes[0].provenance.model == stanza_backend.model


def test_bulk_processing_sets_quotes_on_every_document(pipeline):
    from stanza.models.common.doc import Document

    texts = [
        '"The bridge will reopen in May," the mayor said on Tuesday.',
        "Officials said the vote would be delayed.",
        "Nothing was said here at all.",
        "   ",
    ]
    docs = pipeline.bulk_process([Document([], text=t) for t in texts])
    assert [d.text for d in docs] == texts
    assert [len(d.quotes) for d in docs][2:] == [0, 0]
    first, second = docs[0].quotes, docs[1].quotes
    assert [(r.kind, r.content.text, r.cue.text if r.cue else None) for r in first] == [
        ("direct", "The bridge will reopen in May,", "said")
    ]
    assert first[0].speaker is not None and first[0].speaker.text == "the mayor"
    assert [(r.kind, r.content.text) for r in second] == [("indirect", "the vote would be delayed")]


def test_options_reach_the_processor(stanza_backend):
    import stanza

    import quotes.integrations.stanza_processor  # noqa: F401

    nlp = stanza.Pipeline(
        "en",
        dir=str(stanza_models_dir()),
        processors=PROCESSORS,
        download_method=None,
        logging_level="WARN",
        quotes_doc_id="article-7",
    )
    doc = nlp('"We are ready," she said.')
    assert [r.doc_id for r in doc.quotes] == ["article-7"]


def test_a_pipeline_without_a_parser_is_refused(tmp_path):
    """Stanza itself refuses the pipeline, naming the processor and what it lacks (a fresh process: the
    refused processors would otherwise stay half-built in this one)."""
    script = (
        "import stanza, quotes.integrations.stanza_processor\n"
        "from stanza.pipeline.core import PipelineRequirementsException\n"
        "try:\n"
        f"    stanza.Pipeline('en', dir={str(stanza_models_dir())!r}, processors='tokenize,quotes',\n"
        "                    download_method=None, logging_level='WARN')\n"
        "except PipelineRequirementsException as err:\n"
        "    print(err)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], env=plugin_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert "QuotesProcessor" in proc.stdout
    assert "missing" in proc.stdout and "depparse" in proc.stdout and "pos" in proc.stdout


def test_import_quotes_registers_nothing(tmp_path):
    script = (
        "import sys, quotes\n"
        "assert 'stanza' not in sys.modules\n"
        "from stanza.pipeline.registry import NAME_TO_PROCESSOR_CLASS\n"
        "assert 'quotes' not in NAME_TO_PROCESSOR_CLASS\n"
        "import quotes.integrations.stanza_processor\n"
        "assert 'quotes' in NAME_TO_PROCESSOR_CLASS\n"
        "print('ok')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], env=plugin_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
