"""Quote records as tables: ``quotes convert --to csv|parquet`` and the pandas / pyarrow equivalents."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.integrations import tables
from tests.entry_points import plugin_env

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
GUM = sorted(str(p) for p in ARTICLES.glob("GUM_news_*.txt"))[:6]


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tables") / "quotes.jsonl"
    # With unattributed passages too, so that rows with no speaker and no cue are among them.
    assert main(["extract", "--parser", "conllu", "--include-unattributed", *GUM, "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def records(jsonl) -> list[dict]:
    return [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]


def test_csv_rows_slice_their_sources(tmp_path, jsonl, records):
    out = tmp_path / "quotes.csv"
    assert main(["convert", str(jsonl), "--to", "csv", "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as stream:
        read = list(csv.reader(stream))
    header, body = read[0], read[1:]
    assert tuple(header) == tables.NAMES
    assert len(body) == len(records) > 50
    texts = {path: Path(path).read_text(encoding="utf-8") for path in GUM}
    seen_empty_speaker = False
    for cells, record in zip(body, records, strict=True):
        row = dict(zip(header, cells, strict=True))
        text = texts[row["doc_id"]]
        assert (row["doc_id"], row["quote_id"], row["kind"]) == (record["doc_id"], record["quote_id"], record["kind"])
        assert text[int(row["content_start"]) : int(row["content_end"])] == row["content"]
        assert float(row["confidence"]) == record["confidence"]
        assert row["text_sha256"] == record["provenance"]["text_sha256"]
        if record["speaker"] is None:
            seen_empty_speaker = True
            assert row["speaker"] == row["speaker_start"] == row["speaker_end"] == ""
        else:
            assert text[int(row["speaker_start"]) : int(row["speaker_end"])] == row["speaker"]
            assert row["speaker_name"] == (record["speaker_name"] or "")
        if record["cue"] is not None:
            assert text[int(row["cue_start"]) : int(row["cue_end"])] == row["cue"]
    assert seen_empty_speaker


def test_csv_to_stdout_is_the_file(tmp_path, jsonl, capsys):
    out = tmp_path / "quotes.csv"
    assert main(["convert", str(jsonl), "--to", "csv", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["convert", str(jsonl), "--to", "csv"]) == 0
    assert capsys.readouterr().out.replace("\r\n", "\n") == out.read_text(encoding="utf-8").replace("\r\n", "\n")


def test_parquet_round_trip(tmp_path, jsonl, records):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is the 'tables' extra (in the 'test' extra)")
    out = tmp_path / "quotes.parquet"
    assert main(["convert", str(jsonl), "--to", "parquet", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.schema.equals(tables.arrow_schema())
    assert table.to_pylist() == list(tables.rows(records))
    assert table.column("content_start").type == "int64"


def test_parquet_needs_an_output_file(jsonl, capsys):
    assert main(["convert", str(jsonl), "--to", "parquet"]) == 2
    assert "-o OUT.parquet" in capsys.readouterr().err


def test_pandas_frame(records):
    pytest.importorskip("pandas", reason="pandas is the 'tables' extra (in the 'test' extra)")
    frame = tables.to_pandas(records)
    assert list(frame.columns) == list(tables.NAMES)
    assert len(frame) == len(records)
    assert str(frame["content_start"].dtype) == "Int64" and str(frame["speaker_start"].dtype) == "Int64"
    no_speaker = frame[frame["speaker_start"].isna()]
    assert len(no_speaker) == sum(r["speaker"] is None for r in records) > 0
    counts = frame.groupby("kind").size().to_dict()
    assert counts == {k: sum(r["kind"] == k for r in records) for k in counts}


def test_quote_records_and_dicts_give_the_same_rows(jsonl, records):
    from quotes.run.inputs import read_records

    objects = [r for r in read_records(str(jsonl))]
    assert [tables.row(o) for o in objects] == [tables.row(r) for r in records]


def test_csv_needs_neither_pandas_nor_pyarrow(tmp_path, jsonl):
    """Without the extra (pandas and pyarrow made unimportable): CSV still works, Parquet names the extra."""
    script = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "sys.modules['pyarrow'] = None\n"
        "from quotes.cli import main\n"
        f"code = main(['convert', {str(jsonl)!r}, '--to', 'csv', '-o', {str(tmp_path / 'a.csv')!r}])\n"
        f"code2 = main(['convert', {str(jsonl)!r}, '--to', 'parquet', '-o', {str(tmp_path / 'a.parquet')!r}])\n"
        "print(code, code2)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], env=plugin_env(tmp_path), capture_output=True, text=True, timeout=120
    )
    assert proc.stdout.split() == ["0", "2"], proc.stderr
    assert "quotes-audit[tables]" in proc.stderr
    assert (tmp_path / "a.csv").read_text(encoding="utf-8").startswith("doc_id,quote_id,kind,")
    assert not (tmp_path / "a.parquet").exists()


def test_readme_documents_every_column():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Tables.**", 1)[1].split("\n**", 1)[0]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    assert tuple(documented) == tables.NAMES
