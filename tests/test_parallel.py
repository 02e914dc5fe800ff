"""Worker processes (quotes.run.parallel): the same records as one process, in order or not, streaming."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from quotes.errors import BackendError, InputError
from quotes.pipeline import Extractor
from quotes.run.inputs import Document
from quotes.run.parallel import ExtractionError, ParallelExtractor, chunk_units, extract_parallel

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
OPTIONS = {"path": str(ARTICLES)}


def gum_documents() -> list[Document]:
    paths = sorted(ARTICLES.glob("GUM_news_*.txt"))
    assert len(paths) >= 8 and all(p.with_suffix(".conllu").exists() for p in paths)
    return [Document(str(p), p.read_text(encoding="utf-8"), str(p)) for p in paths]


@pytest.fixture(scope="module")
def single() -> list[tuple[str, list[dict]]]:
    """The reference: one process, the records exactly as Extractor gives them."""
    extractor = Extractor("conllu", **OPTIONS)
    return [(d.doc_id, [r.to_dict() for r in extractor.extract(d.text, d.doc_id)]) for d in gum_documents()]


def test_jobs_1_is_the_extractor(single):
    got = [(doc.doc_id, result) for doc, result in extract_parallel(gum_documents(), "conllu", OPTIONS, jobs=1)]
    assert got == single
    assert sum(len(records) for _, records in got) > 50


def test_two_workers_ordered_and_unordered(single):
    with ParallelExtractor("conllu", OPTIONS, jobs=2) as pool:
        assert len(pool.warm_up()) == 2
        ordered = [(doc.doc_id, result) for doc, result in pool.extract(gum_documents())]
        unordered = [(doc.doc_id, result) for doc, result in pool.extract(gum_documents(), ordered=False)]
    assert ordered == single
    key = repr  # records are dicts of lists: compare as sets of their reprs
    assert sorted(map(key, unordered)) == sorted(map(key, single))


def test_streaming_keeps_a_bounded_window():
    """Documents are pulled only as results are handed out: never more than in_flight chunks ahead."""
    docs = gum_documents() * 3
    pulled = 0

    def source():
        nonlocal pulled
        for doc in docs:
            pulled += 1
            yield doc

    yielded = 0
    ahead = []
    for _ in extract_parallel(source(), "conllu", OPTIONS, jobs=2, in_flight=3, chunk_size=1, chunk_words=None):
        yielded += 1
        ahead.append(pulled - yielded)
    assert yielded == len(docs)
    assert max(ahead) <= 3
    # Chunks of up to 2 documents: 3 chunks out, plus the rest of the chunk being handed out.
    pulled, yielded, ahead = 0, 0, []
    for _ in extract_parallel(source(), "conllu", OPTIONS, jobs=2, in_flight=3, chunk_size=2):
        yielded += 1
        ahead.append(pulled - yielded)
    assert yielded == len(docs)
    assert max(ahead) <= 3 * 2 + 1


def test_failures_stay_in_place_and_markers_pass_through(single):
    """A document the parser cannot do is an ExtractionError in its place; non-documents pass through."""
    docs = gum_documents()[:3]
    stray = Document("no-such-doc", "He said it.", "stray.txt")
    marker = InputError("broken.jsonl", "malformed JSON", line=3)
    items = [docs[0], marker, stray, docs[1], "a marker", docs[2]]
    for jobs in (1, 2):
        out = list(extract_parallel(items, "conllu", OPTIONS, jobs=jobs))
        assert [item for item, _ in out] == items
        assert out[1][1] is None and out[4][1] is None
        error = out[2][1]
        assert isinstance(error, ExtractionError) and isinstance(error, InputError)
        assert error.source == "stray.txt" and "no gold trees" in error.reason
        assert str(error).startswith("stray.txt: extraction failed: ")
        assert [(d.doc_id, r) for d, r in (out[0], out[3], out[5])] == single[:3]


def _count_only(extractor, doc_id, text, *, prefix):
    return [{"doc": f"{prefix}{doc_id}", "n": len(extractor.extract(text, doc_id))}]


def test_records_fn_replaces_the_record_maker(single):
    fn = functools.partial(_count_only, prefix="x:")
    out = list(extract_parallel(gum_documents()[:2], "conllu", OPTIONS, jobs=2, records_fn=fn))
    assert [r for _, r in out] == [[{"doc": f"x:{d}", "n": len(recs)}] for d, recs in single[:2]]


def test_parser_that_cannot_load_raises():
    docs = gum_documents()[:1]
    with pytest.raises(BackendError, match="unknown parser"):
        list(extract_parallel(docs, "no-such-parser", {}, jobs=1))
    with pytest.raises(BackendError, match="unknown parser"):
        list(extract_parallel(docs, "no-such-parser", {}, jobs=2))


def test_chunk_units():
    a, b, c = (Document(x, x, x) for x in "abc")
    assert list(chunk_units([a, b, "m", c], 2)) == [(True, [a, b]), (False, "m"), (True, [c])]
    assert list(chunk_units([a, b, c], 2)) == [(True, [a, b]), (True, [c])]
    # By words: a chunk closes once it holds enough words; a long document makes a chunk of its own.
    short, long_ = Document("s", "one two three", "s.txt"), Document("l", "word " * 50, "l.txt")
    assert list(chunk_units([short, short, long_, short], 10, words=5)) == [
        (True, [short, short]),
        (True, [long_]),
        (True, [short]),
    ]
    assert list(chunk_units([short, short, short], 2, words=1000)) == [(True, [short, short]), (True, [short])]


def _thread_setting(extractor, doc_id, text):
    import os

    return [{"omp": os.environ.get("OMP_NUM_THREADS"), "quotes": os.environ.get("QUOTES_THREADS")}]


def test_workers_run_one_thread_each():
    out = list(extract_parallel(gum_documents()[:2], "conllu", OPTIONS, jobs=2, records_fn=_thread_setting))
    # QUOTES_THREADS too: the stanza backend's own policy (quotes.parse.threads) must not raise it again
    assert [r for _, r in out] == [[{"omp": "1", "quotes": "1"}], [{"omp": "1", "quotes": "1"}]]


def test_missing_model_is_the_same_error_as_in_one_process(tmp_path):
    from quotes.errors import ModelNotFoundError

    options = {"models_dir": str(tmp_path / "no-models")}
    with ParallelExtractor("stanza", options, jobs=2) as pool, pytest.raises(ModelNotFoundError, match="no-models"):
        pool.warm_up()
    with pytest.raises(ModelNotFoundError, match="no-models"):
        list(extract_parallel(gum_documents()[:1], "stanza", options, jobs=2))


def test_cli_jobs_two_writes_the_same_file_as_one(tmp_path) -> None:
    from quotes.cli import main

    articles = sorted(
        str(p) for p in (Path(__file__).resolve().parents[1] / "corpus" / "articles").glob("GUM_news_*.txt")
    )
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", "--parser", "conllu", *articles, "-o", str(one)]) == 0
    assert main(["extract", "--parser", "conllu", "--jobs", "2", *articles, "-o", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert one.read_text(encoding="utf-8").count("\n") > 50
