"""The Dask engine (quotes.run.distributed) on a small local cluster: the same records as one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="the dask extra is not installed (pip install 'quotes-audit[dask]')")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from quotes.errors import BackendError, InputError  # noqa: E402
from quotes.pipeline import Extractor  # noqa: E402
from quotes.run.distributed import extract_dask  # noqa: E402
from quotes.run.inputs import Document  # noqa: E402
from quotes.run.parallel import ExtractionError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
OPTIONS = {"path": str(ARTICLES)}
PATHS = [str(p) for p in sorted(ARTICLES.glob("GUM_news_*.txt"))]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    ) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def single() -> list[tuple[str, list[dict]]]:
    extractor = Extractor("conllu", **OPTIONS)
    out = []
    for path in PATHS:
        text = Path(path).read_text(encoding="utf-8")
        out.append((path, [r.to_dict() for r in extractor.extract(text, path)]))
    return out


def test_paths_on_a_cluster_equal_one_process(cluster, single):
    got = list(extract_dask(PATHS, "conllu", OPTIONS, scheduler=cluster.scheduler_address, partitions=8))
    assert [(doc.doc_id, result) for doc, result in got] == single
    assert all(doc.text == Path(doc.doc_id).read_text(encoding="utf-8") for doc, _ in got)


def test_documents_unordered_with_markers(cluster, single):
    docs = [Document(p, Path(p).read_text(encoding="utf-8"), p) for p in PATHS]
    stray = Document("no-such-doc", "He said it.", "stray.txt")
    items = [*docs[:4], "marker", stray, *docs[4:]]
    got = list(extract_dask(items, "conllu", OPTIONS, scheduler=cluster.scheduler_address, ordered=False))
    assert ("marker", None) in got
    failed = [r for d, r in got if d is stray]
    assert len(failed) == 1 and isinstance(failed[0], ExtractionError)
    done = sorted((d.doc_id, repr(r)) for d, r in got if isinstance(d, Document) and d is not stray)
    assert done == sorted((d, repr(r)) for d, r in single)


def test_read_errors_and_loading_errors(cluster, tmp_path):
    """A bad JSONL line is an InputError (with its line) in its place; a parser that cannot load raises."""
    bad = tmp_path / "bad.jsonl"
    good = Path(PATHS[0]).read_text(encoding="utf-8")
    lines = [json.dumps({"id": PATHS[0], "text": good}), "not json", json.dumps({"id": "nope", "text": "He said."})]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = list(extract_dask([str(bad)], "conllu", OPTIONS, scheduler=cluster.scheduler_address, partitions=2))
    assert len(got) == 3
    assert got[0][0].doc_id == PATHS[0] and isinstance(got[0][1], list) and got[0][1]
    assert isinstance(got[1][1], InputError) and got[1][1].line == 2 and got[1][0].text == ""
    assert isinstance(got[2][1], ExtractionError) and got[2][0].doc_id == "nope"
    with pytest.raises(BackendError, match="unknown parser"):
        list(extract_dask([str(bad)], "no-such-parser", {}, scheduler=cluster.scheduler_address))


def test_default_local_cluster(single):
    """No scheduler: a local cluster of two single-threaded worker processes is started and stopped."""
    got = list(extract_dask(PATHS[:3], "conllu", OPTIONS, workers=2))
    assert [(doc.doc_id, result) for doc, result in got] == single[:3]
