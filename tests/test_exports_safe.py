"""Exports safe by construction: no CSV cell a spreadsheet would evaluate, no two documents with one IRI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.audit.webanno import doc_iri
from quotes.cli import main
from quotes.integrations.tables import FORMULA_STARTS, NAMES, csv_cell, write_csv
from tests.audit_helpers import surface  # noqa: F401 - the fixture, used by name

BASE = "https://example.org/docs"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_a_spreadsheet_would_evaluate_gets_an_apostrophe(start: str) -> None:
    assert csv_cell(f'{start}HYPERLINK("http://x")') == f'\'{start}HYPERLINK("http://x")'


@pytest.mark.parametrize("value", ["plain", "'already", " =spaced", "", 12, 0.5, "a=b", "é"])
def test_other_cells_are_as_they_are(value: object) -> None:
    assert csv_cell(value) == value
    assert csv_cell(None) == ""


@pytest.mark.usefixtures("surface")
def test_convert_to_csv_neutralises_content_names_and_doc_ids(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = Path("=cmd.txt")
    article.write_text('"=1+2," said @Smith.\n\n"-3 is +4," said -Jones.\n\n"\tTab," said +Lee.\n', encoding="utf-8")
    out = Path("quotes.jsonl")
    assert main(["extract", str(article), "-o", str(out), "--parser", "surface"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records
    table = Path("quotes.csv")
    assert main(["convert", str(out), "--to", "csv", "-o", str(table)]) == 0
    with table.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == list(NAMES)
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)], "no cell a spreadsheet evaluates"
    by_name = [dict(zip(NAMES, row, strict=True)) for row in rows[1:]]
    assert {r["doc_id"] for r in by_name} == {"'=cmd.txt"}
    assert "'=1+2," in {r["content"] for r in by_name}
    # The apostrophe is the only change: taken off, every cell is the record's text.
    for record, row in zip(records, by_name, strict=True):
        assert row["content"].removeprefix("'") == record["content"]["text"]


def test_write_csv_of_records_made_by_hand() -> None:
    record = {
        "doc_id": "@doc",
        "quote_id": "q1",
        "kind": "direct",
        "content": {"start": 0, "end": 4, "text": "-1+1"},
        "speaker": {"start": 5, "end": 8, "text": "+ab"},
        "speaker_name": "=SUM(A1)",
        "cue": None,
        "confidence": 0.5,
        "fragments": [],
        "flags": [],
        "evidence": {"rule": "\rrule"},
        "provenance": {"parser": "\tp", "model": "m", "quotes_version": "0", "text_sha256": "0" * 64},
    }
    stream = io.StringIO(newline="")
    assert write_csv([record], stream) == 1
    row = dict(zip(NAMES, list(csv.reader(io.StringIO(stream.getvalue())))[1], strict=True))
    assert row["doc_id"] == "'@doc" and row["content"] == "'-1+1" and row["speaker"] == "'+ab"
    assert row["speaker_name"] == "'=SUM(A1)" and row["rule"] == "'\rrule" and row["parser"] == "'\tp"
    assert row["content_start"] == "0" and row["confidence"] == "0.5"


def test_the_issue_ids_get_three_iris() -> None:
    iris = {doc_iri(i, BASE) for i in ("//evil.com/x", "/evil.com/x", "evil.com/x")}
    assert len(iris) == 3
    assert all(urlsplit(i).netloc == "example.org" and i.startswith(BASE + "/") for i in iris)
    assert doc_iri("evil.com/x", BASE) == BASE + "/evil.com/x"
    assert doc_iri("/srv/news/a.txt", BASE) == BASE + "/%2Fsrv/news/a.txt"


IDS = st.one_of(
    st.text(max_size=12),
    st.lists(st.sampled_from(["", ".", "..", "a", "b.txt", "%2F", "%", "x y", "?", "#", "é"]), max_size=5).map(
        "/".join
    ),
)


@settings(max_examples=500, deadline=None)
@given(IDS, IDS)
def test_distinct_ids_never_share_an_iri(a: str, b: str) -> None:
    for base in (BASE, BASE + "/", None):
        if a != b:
            assert doc_iri(a, base) != doc_iri(b, base)


@settings(max_examples=500, deadline=None)
@given(IDS)
def test_an_iri_stays_under_its_base_and_decodes_to_its_id(doc_id: str) -> None:
    iri = doc_iri(doc_id, BASE)
    if iri.startswith("urn:quotes:doc:"):
        assert unquote(iri.removeprefix("urn:quotes:doc:")) == doc_id
        return
    tail = iri.removeprefix(BASE + "/")
    assert unquote(tail) == doc_id
    assert not set(tail.split("/")) & {"", ".", ".."}, "no segment a URL resolver would remove or climb by"
    assert "?" not in tail and "#" not in tail
