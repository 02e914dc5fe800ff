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
    the whole record as JSON, exactly as read; the other columns are copies of its fields for SQL.
    ``on_behalf_of`` is the principal a spokesman or lawyer spoke for (NULL for most quotes); an
    archive made before it existed gets the column, filled from ``record``, when it is opened.

``quotes_fts(content, speaker)``
    An FTS5 index (``porter unicode61`` tokenizer: case- and accent-insensitive, English stemming)
    whose ``rowid`` is ``quotes.id``: ``content`` is the quoted text, ``speaker`` the speaker mention
    and the canonical name.
"""

SCHEMA_VERSION = 1

SCHEMA_SQL = """
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
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    content, speaker, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

# For each document: its newest version that has records, and its newest version of all.
CURRENT_SQL = """
WITH newest AS (
    SELECT q.doc_id, MAX(v.version) AS version FROM quotes q JOIN versions v ON v.id = q.version_id
    GROUP BY q.doc_id
), latest AS (SELECT doc_id, MAX(version) AS version FROM versions GROUP BY doc_id)
"""
