"""The archive's SQLite schema (``schema_version`` 1) and the SQL the archive's queries share.

``meta(key, value)``
    ``schema_version`` and ``created_by`` (the quotes version that made the file).

``versions(id, doc_id, text_sha256, version, text, first_seen)``
    One row per distinct text of a document. ``text_sha256`` is the record's
    ``provenance.text_sha256`` (SHA-256 of the text as UTF-8, :func:`quotes.pipeline.text_sha256`).
    ``version`` counts 1, 2, ... per ``doc_id`` in the order the texts were first seen, so a changed
    source is a new version and never overwrites the old one. ``text`` is the source text, or NULL
    while only records of that version have been indexed. Unique on ``(doc_id, text_sha256)``.

``quotes(id, version_id, doc_id, text_sha256, content_start, content_end, quote_id, kind, content,
speaker_start, speaker_end, speaker, speaker_name, cue_start, cue_end, cue, confidence, rule,
sentence_start, sentence_end, sentence, parser, record, on_behalf_of)``
    One row per quote. The key is the document, the content span and the source hash:
    ``UNIQUE(doc_id, text_sha256, content_start, content_end)``; indexing the same record again
    stores nothing new, and a record with the same key but other fields (a re-extraction of the same
    text by a newer extractor) replaces the stored one and is counted as ``updated``. ``record`` is
    the whole record as JSON (:func:`record_json`: the record as read, keys sorted); the other
    columns are copies of its fields for SQL.
    ``on_behalf_of`` is the principal a spokesman or lawyer spoke for (NULL for most quotes); an
    archive made before it existed gets the column, filled from ``record``, when it is opened.

Indexes: ``quotes(speaker_name)``, ``quotes(version_id)``, and ``quotes(confidence DESC, doc_id,
content_start)``, the order of a search without words, so that one with a broad filter ("every
direct quote") reads its best rows first and stops (archives made before it still work, slower).

``quotes_fts(content, speaker)``
    An FTS5 index (``porter unicode61`` tokenizer: case- and accent-insensitive, English stemming)
    whose ``rowid`` is ``quotes.id``: ``content`` is the quoted text, ``speaker`` the speaker mention
    and the canonical name.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
# A new archive's page size. A record's row (its JSON and the columns copied from it) is about 2-3 KB, so
# SQLite's default 4 KiB page holds one row and leaves the rest empty: a third of the quotes table was
# unused space at 1.1M records. 16 KiB pages hold several rows each (benchmarks/RESULTS.md, *Archive at
# scale*). Files made before keep their page size; ``VACUUM`` after ``PRAGMA page_size`` converts one.
PAGE_SIZE = 16384


def record_json(record: dict[str, Any]) -> str:
    """The ``record`` column: the record as JSON, keys sorted, no spaces between items (the same data as
    ``json.dumps(record)``; an archive written with spaces compares equal by value, not by bytes)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


#: A kind's quotes in confidence order: a search by kind alone reads its best quotes from here. Through
#: ``quotes_rank`` it reads every quote of the other kinds on the way (the whole archive for a kind that has
#: none). About 47 bytes a record (of some 3,300 in all, at 1.2M records).
KIND_INDEX_SQL = "CREATE INDEX IF NOT EXISTS quotes_kind_rank ON quotes (kind, confidence DESC, doc_id, content_start)"


SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    version INTEGER NOT NULL,
    text TEXT,
    first_seen TEXT NOT NULL,
    UNIQUE (doc_id, text_sha256),
    UNIQUE (doc_id, version)
);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    doc_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    quote_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker TEXT,
    speaker_name TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue TEXT,
    confidence REAL NOT NULL,
    rule TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER,
    sentence TEXT,
    parser TEXT,
    record TEXT NOT NULL,
    on_behalf_of TEXT,
    UNIQUE (doc_id, text_sha256, content_start, content_end)
);
CREATE INDEX IF NOT EXISTS quotes_speaker_name ON quotes (speaker_name);
CREATE INDEX IF NOT EXISTS quotes_version ON quotes (version_id);
CREATE INDEX IF NOT EXISTS quotes_rank ON quotes (confidence DESC, doc_id, content_start);
{KIND_INDEX_SQL};
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    content, speaker, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""


def same_record(stored: str, record: dict[str, Any]) -> bool:
    """Whether the stored ``record`` column holds ``record`` (by value: an earlier quotes wrote it with spaces)."""
    try:
        return bool(json.loads(stored) == record)
    except ValueError:
        return False


def connect(path: Path, timeout: float, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the archive file; with ``read_only`` SQLite itself refuses every write on it
    (``mode=ro``: the workbench serves archives so)."""
    if read_only:
        return sqlite3.connect(f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro", uri=True, timeout=timeout)
    return sqlite3.connect(str(path), timeout=timeout)


def add_kind_index(conn: sqlite3.Connection) -> None:
    """Archives made before the kind index get it (once: a few seconds per 100,000 records)."""
    found = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'quotes_kind_rank'"
    if conn.execute(found).fetchone() is None:
        with conn:
            conn.execute(KIND_INDEX_SQL)


def add_principal_column(conn: sqlite3.Connection) -> None:
    """Archives written before ``on_behalf_of`` existed get the column, filled from the records."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(quotes)")}
    if "on_behalf_of" in columns:
        return
    with conn:
        conn.execute("ALTER TABLE quotes ADD COLUMN on_behalf_of TEXT")
        for row in conn.execute("SELECT id, record FROM quotes").fetchall():
            principal = json.loads(row[1]).get("on_behalf_of")
            if principal is not None:
                conn.execute("UPDATE quotes SET on_behalf_of = ? WHERE id = ?", (principal, row[0]))
