"""What a record costs in the archive file: its page size, and its JSON without padding."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from quotes.workbench.archive import Archive
from quotes.workbench.archive_schema import PAGE_SIZE, record_json

TEXT = 'The mayor said: "We will not back down." Critics disagreed.'


def _record(doc_id: str = "a.txt", confidence: float = 0.9) -> dict:
    from quotes.text.digest import text_sha256

    start = TEXT.index("We")
    end = TEXT.index('."') + 1
    return {
        "doc_id": doc_id,
        "quote_id": "q1",
        "kind": "direct",
        "content": {"start": start, "end": end, "text": TEXT[start:end]},
        "speaker": {"start": 4, "end": 9, "text": "mayor"},
        "speaker_name": "mayor",
        "cue": {"start": 10, "end": 14, "text": "said"},
        "confidence": confidence,
        "evidence": {"rule": "direct", "sentence": {"start": 0, "end": 40, "text": TEXT[:40]}},
        "provenance": {"parser": "test", "text_sha256": text_sha256(TEXT)},
    }


def test_a_new_archive_has_pages_that_hold_several_records(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    with Archive(db) as archive:
        archive.add_records([_record()])
    assert sqlite3.connect(db).execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE


def test_the_record_column_is_the_record_without_padding(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    record = _record()
    with Archive(db) as archive:
        archive.add_records([record])
    (stored,) = sqlite3.connect(db).execute("SELECT record FROM quotes").fetchone()
    assert stored == record_json(record) and json.loads(stored) == record
    assert ", " not in stored.replace(record["evidence"]["sentence"]["text"], "")


def test_a_record_stored_with_spaces_by_an_earlier_quotes_is_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    record = _record()
    with Archive(db) as archive:
        archive.add_records([record])
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE quotes SET record = ?", (json.dumps(record, ensure_ascii=False, sort_keys=True),))
    conn.close()
    with Archive(db) as archive:
        result = archive.add_records([record])
        assert (result.added, result.unchanged, result.updated) == (0, 1, 0)
        changed = archive.add_records([_record(confidence=0.5)])
        assert changed.updated == 1


def test_an_archive_with_small_pages_is_still_read_and_written(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA page_size = 4096")
    conn.close()
    with Archive(db) as archive:  # an empty file made elsewhere with 4 KiB pages: created in it
        archive.add_records([_record()])
        assert len(archive.search("back down")) == 1


def _kind_plan(conn: sqlite3.Connection) -> str:
    rows = conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM quotes WHERE kind = ? ORDER BY confidence DESC, doc_id, content_start "
        "LIMIT 50",
        ("indirect",),
    ).fetchall()
    return " | ".join(str(r[-1]) for r in rows)


def test_a_search_by_kind_reads_the_kind_index_and_an_older_archive_gets_it(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    with Archive(db) as archive:
        archive.add_records([_record(f"{n}.txt", confidence=n / 10) for n in range(1, 6)])
        # The best quotes of one kind come from its own index, in order: no pass over the other kinds.
        plan = _kind_plan(archive.conn)
        assert "quotes_kind_rank" in plan and "TEMP B-TREE" not in plan, plan
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DROP INDEX quotes_kind_rank")  # as an archive made before the index
    conn.close()
    with Archive(db, read_only=True) as archive:  # read as it is: searched without the index
        assert "quotes_kind_rank" not in _kind_plan(archive.conn)
        assert [h.confidence for h in archive.search(kind="direct", limit=2)] == [0.5, 0.4]
    with Archive(db) as archive:  # opened to write: the index is made
        assert "quotes_kind_rank" in _kind_plan(archive.conn)
        assert [h.confidence for h in archive.search(kind="direct", limit=2)] == [0.5, 0.4]
