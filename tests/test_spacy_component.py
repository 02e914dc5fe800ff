"""The ``quotes`` spaCy component: found by entry point, the CLI's records from the pipeline's own parse.

Runs where spaCy and an English model are installed (the ``test`` extra has both).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.entry_points import declared_entry_points, plugin_env

if importlib.util.find_spec("spacy") is None:
    pytest.skip("spaCy is not installed (pip install 'quotes-audit[spacy]')", allow_module_level=True)

import spacy

from quotes.errors import BackendError
from quotes.integrations import spacy_component
from quotes.parse.backends.spacy_backend import SpacyBackend
from quotes.pipeline import Extractor

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"
TEXTS = [ARTICLES / "000_a59417acd8045365.txt", *sorted(ARTICLES.glob("GUM_news_*.txt"))[:3]]


@pytest.fixture(scope="module")
def cli_backend() -> SpacyBackend:
    return SpacyBackend()


@pytest.fixture(scope="module")
def nlp(cli_backend):
    """A pipeline of its own (the backend's cached one is shared with other tests), with the component."""
    pipeline = spacy.load(cli_backend.model_name)
    pipeline.add_pipe("quotes_paragraphs", first=True)
    pipeline.add_pipe("quotes")
    return pipeline


def documents() -> list[tuple[str, str]]:
    return [(str(p), p.read_text(encoding="utf-8")) for p in TEXTS]


def test_entry_point_is_declared_and_import_has_no_side_effects(tmp_path):
    assert declared_entry_points()["spacy_factories"] == {
        "quotes": "quotes.integrations.spacy_component:make_quotes",
        "quotes_paragraphs": "quotes.integrations.spacy_component:make_quotes_paragraphs",
    }
    # A fresh interpreter: importing quotes registers nothing and loads no spaCy; making a Language
    # finds the factory through the entry point, with no import of the component by the caller.
    script = (
        "import sys, quotes\n"
        "assert 'spacy' not in sys.modules and 'quotes.integrations.spacy_component' not in sys.modules\n"
        "import spacy\n"
        "from spacy.tokens import Doc\n"
        "assert not Doc.has_extension('quotes')\n"
        "nlp = spacy.blank('en')\n"
        "assert nlp.has_factory('quotes')\n"
        "nlp.add_pipe('quotes')\n"
        "assert Doc.has_extension('quotes') and nlp.pipe_names == ['quotes']\n"
        "print('ok')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], env=plugin_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_records_are_the_clis(nlp, cli_backend):
    cli = Extractor(cli_backend)
    total = 0
    for doc_id, text in documents():
        doc = nlp.make_doc(text)
        doc._.quotes_doc_id = doc_id
        doc = nlp(doc)
        expected = [r.to_dict(source=text) for r in cli.extract(text, doc_id)]
        assert doc._.quote_records == expected
        total += len(expected)
    assert total > 20  # the articles are full of quotes: an empty comparison would prove nothing


def test_spans_are_spacy_spans_over_the_records_offsets(nlp):
    text = documents()[0][1]
    doc = nlp(text)
    quotes = doc._.quotes
    assert quotes and all(q.record.doc_id == "doc" for q in quotes)
    kinds = {q.kind for q in quotes}
    assert {"direct", "indirect"} <= kinds
    for q in quotes:
        assert isinstance(q.content, spacy.tokens.Span) and q.content.doc is doc
        for name in ("content", "speaker", "cue"):
            span, record_span = getattr(q, name), getattr(q.record, name)
            if record_span is None:
                assert span is None
                continue
            assert text[record_span.start : record_span.end] == record_span.text
            # The token span covers the record's span, and is exactly it when the record says so.
            assert span.start_char <= record_span.start and record_span.end <= span.end_char
            if q.exact:
                assert (span.start_char, span.end_char) == (record_span.start, record_span.end)
        assert q.content._.quote is not None and q.content._.quote.quote_id == q.quote_id
        assert q.to_dict() == doc._.quote_records[int(q.quote_id[1:]) - 1]
    named = [q for q in quotes if q.speaker_name == "Ilham Aliyev"]
    assert named and all(q.speaker is not None for q in named)
    # Only content spans carry a quote: a speaker's span does not.
    assert all(q.speaker._.quote is None for q in named)


def test_pipe_and_n_process_give_the_same_records(nlp):
    texts = [text for _, text in documents()]
    one = [doc._.quote_records for doc in (nlp(t) for t in texts)]
    piped = [doc._.quote_records for doc in nlp.pipe(texts, batch_size=2)]
    assert piped == one
    # Two worker processes: the Docs come back as bytes, the records with them.
    parallel = list(nlp.pipe(texts, n_process=2, batch_size=1))
    assert [doc._.quote_records for doc in parallel] == one
    assert [len(doc._.quotes) for doc in parallel] == [len(r) for r in one]


def test_quotes_are_a_span_group_labelled_by_kind(nlp):
    doc = nlp(documents()[0][1])
    group = doc.spans[spacy_component.SPANS_KEY]
    assert isinstance(group, spacy.tokens.SpanGroup) and group.name == "quotes"
    expected = [(q.content.start, q.content.end, q.kind) for q in doc._.quotes if len(q.content)]
    assert [(s.start, s.end, s.label_) for s in group] == expected
    assert {"direct", "indirect"} <= {s.label_ for s in group}
    back = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())  # stored with the Doc
    assert [(s.start, s.end, s.label_) for s in back.spans["quotes"]] == expected


def test_displacy_draws_the_quotes(nlp):
    from spacy import displacy

    doc = nlp('"We will rebuild the bridge," the mayor said on Monday. Officials say the work will take a year.')
    html = displacy.render(doc, style="span", options={"spans_key": "quotes"})
    # One label per quote, at its first token; every token of a quote is drawn under its span (in bold).
    labels = re.findall(r">\s*(direct|indirect|mixed)\s*</span>", html)
    assert labels == [s.label_ for s in doc.spans["quotes"]] == ["direct", "indirect"]
    drawn = re.findall(r'<span style="font-weight: bold;[^"]*">\s*(\S+)', html)
    assert drawn == [t.text for s in doc.spans["quotes"] for t in s]


# The README's displaCy picture: a passage of the seed article, the quotes drawn by kind.
SCREENSHOT_PASSAGE = (2417, 3278)


def test_displacy_page_in_chromium(nlp, tmp_path):
    """The SpanGroup drawn by displaCy in a real browser; ``QUOTES_SCREENSHOTS=docs`` refreshes the README's
    picture (docs/displacy-quotes.png)."""
    import os

    from spacy import displacy

    from tests.test_report import run_chromium

    text = documents()[0][1]
    start, end = SCREENSHOT_PASSAGE
    doc = nlp(text[start:end])
    assert {s.label_ for s in doc.spans["quotes"]} >= {"direct"}
    colors = {"direct": "#9ecae1", "indirect": "#fdae6b", "mixed": "#a1d99b", "evidence": "#dadaeb"}
    html = displacy.render(doc, style="span", options={"spans_key": "quotes", "colors": colors}, page=True)
    page = tmp_path / "displacy.html"
    page.write_text(html, encoding="utf-8")
    folder = Path(os.environ.get("QUOTES_SCREENSHOTS") or tmp_path)
    shot = folder / "displacy-quotes.png"
    run_chromium(tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=1100,760", "--hide-scrollbars")
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_doc_id_comes_from_the_as_tuples_context(nlp):
    texts = [text for _, text in documents()[:3]]
    contexts = ["first.txt", {"doc_id": "second", "source": "x"}, {"id": 3}]
    docs = [doc for doc, _ in nlp.pipe(zip(texts, contexts, strict=True), as_tuples=True)]
    ids = [{r["doc_id"] for r in doc._.quote_records} for doc in docs]
    assert ids == [{"first.txt"}, {"second"}, {"3"}]
    # Without a context, the component's setting; doc._.quotes_doc_id still wins over a context.
    assert {r["doc_id"] for r in nlp(texts[0])._.quote_records} == {"doc"}
    doc = nlp.make_doc(texts[0])
    doc._.quotes_doc_id = "mine"
    doc._context = "theirs"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert {r["doc_id"] for r in doc._.quote_records} == {"mine"}


def test_records_survive_doc_bytes(nlp):
    doc = nlp(documents()[1][1])
    back = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.quote_records == doc._.quote_records
    assert [q.content.text for q in back._.quotes] == [q.content.text for q in doc._.quotes]


def test_a_pipeline_without_a_parser_is_refused():
    blank = spacy.blank("en")
    blank.add_pipe("quotes")
    with pytest.raises(BackendError, match="after a tagger, lemmatizer and parser"):
        blank('"We will not leave," he said.')
    assert spacy_component.FACTORY in blank.pipe_names
