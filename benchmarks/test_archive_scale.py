"""The archive-at-scale benchmark, tiny (a few hundred documents), so that it keeps working in CI.

The real run is ``python benchmarks/archive_scale.py`` (100,000 documents, about a million records).
"""

from __future__ import annotations

import importlib.util
import random

import pytest
from archive_scale import build, documents, name_pool, queries, render, time_search, time_workbench, write_section


def test_generated_documents_keep_their_offsets():
    from archive_scale import corpus

    articles = corpus()
    pool = name_pool(articles, 500, random.Random(1))
    seen = 0
    for _, text, records in documents(articles, 30, pool):
        for r in records:
            for key in ("content", "speaker", "cue"):
                span = r.get(key)
                if span:
                    assert text[span["start"] : span["end"]] == span["text"]
                    assert text[max(0, span["start"] - 32) : span["start"]] == span["prefix"]
            seen += 1
    assert seen > 100


def test_tiny_archive_scale_run(tmp_path):
    built = build(tmp_path, 150)
    assert built["docs"] == 150 and built["records"] > 500
    kinds = queries(built["articles"], built["pool"], 6, random.Random(2))
    search = time_search(built["db"], kinds)
    assert set(search) == {"speaker", "word", "phrase"} and all(v["queries"] == 6 for v in search.values())
    if importlib.util.find_spec("datasette") is None:
        pytest.skip("the workbench timing needs the 'datasette' extra")
    pages = time_workbench(built["db"], kinds, built["docs"], 3)
    assert {"article page", "claim-check page", "search page, speaker"} <= set(pages)
    section = render(built, search, pages, 1.0, [0.5])
    results = tmp_path / "RESULTS.md"
    results.write_text("# Backend benchmarks\n\n## Machine and versions\n\nx\n", encoding="utf-8")
    write_section(section, results)
    write_section(section, results)  # again: replaced, not repeated
    text = results.read_text(encoding="utf-8")
    assert text.count("## Archive at scale") == 1 and text.startswith("# Backend benchmarks")
    assert "| speaker | 6 |" in text
