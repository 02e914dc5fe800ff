"""What a Datasette SELECT can read in a quotes archive (the README's Datasette section says it): every
table, article texts included; ``--setting default_allow_sql off`` refuses SQL but not the table pages."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from quotes.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_a_select_reads_article_texts_unless_sql_is_off(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("datasette", reason="Datasette is not installed (pip install 'quotes-audit[datasette]')")
    from datasette.app import Datasette

    for suffix in (".txt", ".conllu"):
        shutil.copy(ROOT / "corpus" / "articles" / f"GUM_news_nasa{suffix}", tmp_path / f"a{suffix}")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "a.txt", "--parser", "conllu", "-o", "recs.jsonl"]) == 0
    assert main(["index", "recs.jsonl", "--db", "archive.sqlite", "--sources", "a.txt"]) == 0
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    query = "/archive.json?sql=select+text+from+versions&_shape=array"

    async def fetch(settings: dict) -> tuple[int, object, int]:
        ds = Datasette([str(tmp_path / "archive.sqlite")], settings=settings)
        sql = await ds.client.get(query)
        table = await ds.client.get("/archive/versions.json?_shape=array")
        return sql.status_code, sql.json() if sql.status_code == 200 else None, table.status_code

    status, rows, table = asyncio.run(fetch({}))
    assert status == 200 and rows == [{"text": text}], "any SELECT reads the whole article"
    status, rows, table = asyncio.run(fetch({"default_allow_sql": False}))
    assert status == 403 and table == 200, "SQL off: no SELECT, but the table pages still serve the texts"
