"""The quote archive: records and their source texts in one SQLite file, searchable by words and speaker.

    >>> from quotes.workbench.archive import Archive
    >>> with Archive("archive.sqlite") as archive:                          # doctest: +SKIP
    ...     archive.add_records(records)          # dicts as ``quotes extract`` writes them, or QuoteRecords
    ...     archive.add_source("corpus/articles/x.txt", text)
    ...     hits = archive.search("occupation never ends", speaker="Aliyev")

Only the standard library's ``sqlite3`` is used; the full-text index needs SQLite's FTS5 extension
(built into the sqlite3 of CPython's official builds and of Debian's python3).

Schema (``schema_version`` 1)
-----------------------------

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

Speaker searches match the canonical name (``speaker_name``) by parts, case-insensitively, and also
the mention as written, so a quote whose name was resolved wrongly is still found by the words of
its mention (:func:`name_matches`).

Searches look at the *current* records of each document by default: those of the newest version
that has records. A hit whose document has a newer version without records is marked
``superseded`` (its source changed after extraction; re-extract and index again).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from attrs import define

from quotes.errors import InputError, QuotesError
from quotes.run.inputs import MAX_BYTES
from quotes.run.inputs import read_records as _read_validated
from quotes.text.spans import Span
from quotes.version import __version__

SCHEMA_VERSION = 1
# bm25 column weights: words in the quote count twice as much as words in the speaker's name.
BM25_WEIGHTS = (1.0, 0.5)

_SCHEMA = """
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
_CURRENT = """
WITH newest AS (
    SELECT q.doc_id, MAX(v.version) AS version FROM quotes q JOIN versions v ON v.id = q.version_id
    GROUP BY q.doc_id
), latest AS (SELECT doc_id, MAX(version) AS version FROM versions GROUP BY doc_id)
"""


class ArchiveError(QuotesError):
    """The archive file cannot be opened or is not a quotes archive."""


@define(frozen=True)
class AddResult:
    """What :meth:`Archive.add_records` did: counts of records added, already stored, and replaced."""

    added: int = 0
    unchanged: int = 0
    updated: int = 0

    @property
    def read(self) -> int:
        return self.added + self.unchanged + self.updated


@define(frozen=True)
class SourceResult:
    """What :meth:`Archive.add_source` did with one text."""

    doc_id: str
    text_sha256: str
    version: int
    status: str  # "new version" | "text added" (records were there) | "already stored"
    records: int  # records of this version in the archive


@define(frozen=True)
class Hit:
    """One search result: the stored record with its context.

    ``sentence`` comes from the stored source text when the archive has the text of the record's
    version (``sentence_from == "source"``: the sentence or sentences holding the content, speaker and
    cue), else from the record's ``evidence.sentence`` (``"record"``); it is None when neither is
    there. ``score`` is SQLite's bm25 for a word search (lower is better), None otherwise.
    """

    doc_id: str
    quote_id: str
    kind: str
    content: Span
    speaker: Span | None
    speaker_name: str | None
    cue: Span | None
    confidence: float
    rule: str | None
    text_sha256: str
    version: int
    versions: int
    superseded: bool
    sentence: Span | None
    sentence_from: str | None
    score: float | None
    record: dict[str, Any]
    on_behalf_of: str | None = None  # whom the speaker spoke for ("a spokesman for X"), if anyone

    @property
    def speaker_label(self) -> str:
        """The canonical name, else the mention, else ``(no speaker)``."""
        if self.speaker_name:
            return self.speaker_name
        return self.speaker.text if self.speaker is not None else "(no speaker)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "speaker": self.speaker.to_dict() if self.speaker is not None else None,
            "speaker_name": self.speaker_name,
            **({"on_behalf_of": self.on_behalf_of} if self.on_behalf_of is not None else {}),
            "cue": self.cue.to_dict() if self.cue is not None else None,
            "confidence": self.confidence,
            "rule": self.rule,
            "text_sha256": self.text_sha256,
            "version": self.version,
            "versions": self.versions,
            "superseded": self.superseded,
            "sentence": self.sentence.to_dict() if self.sentence is not None else None,
            "sentence_from": self.sentence_from,
            "score": round(self.score, 4) if self.score is not None else None,
        }


_PART = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=4096)
def name_parts(name: str | None) -> tuple[str, ...]:
    """The lowercased word parts of a name, possessive ``'s`` dropped: ``"Azerbaijan's army"`` -> azerbaijan, army."""
    if not name:
        return ()
    return tuple(p for p in _PART.findall(name.replace("’", "'").lower()) if p != "s")


def name_matches(query: str, speaker_name: str | None, mention: str | None = None) -> bool:
    """True when every part of ``query`` is a part of the canonical name (or, failing that, the mention).

    Case-insensitive and by whole parts: "Aliyev", "ilham aliyev" and "Aliyev Ilham" all match
    "Ilham Aliyev"; "Ali" does not.
    """
    wanted = set(name_parts(query))
    if not wanted:
        return False
    return wanted <= set(name_parts(speaker_name)) or wanted <= set(name_parts(mention))


def fts_query(words: str | Iterable[str], *, any_word: bool = False) -> str | None:
    """A safe FTS5 query for plain words: each a quoted term (``word*`` kept as a prefix), ANDed or ORed."""
    text = words if isinstance(words, str) else " ".join(words)
    terms = []
    for match in re.finditer(r"(\w+)(\*?)", text):
        term = f'"{match.group(1)}"' + ("*" if match.group(2) else "")
        if term not in terms:
            terms.append(term)
    if not terms:
        return None
    return (" OR " if any_word else " ").join(terms)


def read_records(path: str, max_bytes: int = MAX_BYTES) -> Iterator[dict[str, Any] | InputError]:
    """The records in a JSONL file as ``quotes extract`` writes it, validated by
    :func:`quotes.run.inputs.read_records` and handed on as dicts; a bad line, or an unreadable file, is
    yielded as an error in place so the other files of a run are still read."""
    try:
        for item in _read_validated(path, max_bytes):
            yield item if isinstance(item, InputError) else item.to_dict()
    except InputError as err:
        yield err


def record_problem(obj: Any) -> str | None:
    """Why ``obj`` is not a quote record the archive can key, or None when it is."""
    if not isinstance(obj, dict):
        return "expected a JSON object (a quote record)"
    for key in ("doc_id", "quote_id", "kind"):
        if not isinstance(obj.get(key), str):
            return f"not a quote record: no string {key!r}"
    content = obj.get("content")
    if not _is_span(content):
        return "not a quote record: 'content' is not a {start, end, text} span"
    for key in ("speaker", "cue"):
        if obj.get(key) is not None and not _is_span(obj[key]):
            return f"not a quote record: {key!r} is not a span or null"
    provenance = obj.get("provenance")
    if not isinstance(provenance, dict) or not isinstance(provenance.get("text_sha256"), str):
        return "not a quote record: no provenance.text_sha256 (the source hash the archive keys on)"
    if not isinstance(obj.get("confidence", 0.0), (int, float)):
        return "not a quote record: 'confidence' is not a number"
    return None


def _is_span(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("start"), int)
        and isinstance(value.get("end"), int)
        and isinstance(value.get("text"), str)
    )


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    if start is None or end is None or text is None:
        return None
    try:
        return Span(start, end, text)
    except ValueError:
        return None


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class Archive:
    """A quote archive in one SQLite file (created when missing unless ``create=False``).

    Use as a context manager or call :meth:`close`. Every ``add_*`` call is one transaction.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise ArchiveError(f"{self.path}: no archive there (build one with `quotes index QUOTES.jsonl --db ...`)")
        try:
            self.conn = sqlite3.connect(str(self.path))
        except sqlite3.Error as err:
            raise ArchiveError(f"{self.path}: cannot open: {err}") from None
        self.conn.row_factory = sqlite3.Row
        self.conn.create_function("name_match", 3, _name_match_sql, deterministic=True)
        try:
            self._setup(create)
        except sqlite3.DatabaseError as err:
            self.conn.close()
            if "fts5" in str(err).lower():
                raise ArchiveError(f"{self.path}: this Python's SQLite has no FTS5 full-text extension") from None
            raise ArchiveError(f"{self.path}: not a quotes archive ({err})") from None

    def _setup(self, create: bool) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise sqlite3.DatabaseError("an SQLite file with other tables")
        if "meta" in tables:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None or int(row[0]) != SCHEMA_VERSION:
                found = row[0] if row else "none"
                raise sqlite3.DatabaseError(f"schema version {found}, this quotes reads {SCHEMA_VERSION}")
            self._add_principal_column()
            return
        if not create:
            raise sqlite3.DatabaseError("an empty SQLite file")
        with self.conn:
            self.conn.executescript(_SCHEMA)
            self.conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [("schema_version", str(SCHEMA_VERSION)), ("created_by", f"quotes {__version__}")],
            )

    def _add_principal_column(self) -> None:
        """Archives written before ``on_behalf_of`` existed get the column, filled from the records."""
        columns = {r[1] for r in self.conn.execute("PRAGMA table_info(quotes)")}
        if "on_behalf_of" in columns:
            return
        with self.conn:
            self.conn.execute("ALTER TABLE quotes ADD COLUMN on_behalf_of TEXT")
            rows = self.conn.execute("SELECT id, record FROM quotes").fetchall()
            for row in rows:
                principal = json.loads(row["record"]).get("on_behalf_of")
                if principal is not None:
                    self.conn.execute("UPDATE quotes SET on_behalf_of = ? WHERE id = ?", (principal, row["id"]))

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def _version_id(self, doc_id: str, sha: str) -> tuple[int, int, bool]:
        """The row id and number of the version ``(doc_id, sha)``, made when new; and whether it was."""
        row = self.conn.execute(
            "SELECT id, version FROM versions WHERE doc_id = ? AND text_sha256 = ?", (doc_id, sha)
        ).fetchone()
        if row is not None:
            return row["id"], row["version"], False
        (last,) = self.conn.execute(
            "SELECT COALESCE(MAX(version), 0) FROM versions WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        cur = self.conn.execute(
            "INSERT INTO versions (doc_id, text_sha256, version, text, first_seen) VALUES (?, ?, ?, NULL, ?)",
            (doc_id, sha, last + 1, _now()),
        )
        return int(cur.lastrowid or 0), last + 1, True

    def add_records(self, records: Iterable[Any]) -> AddResult:
        """Store quote records (dicts as ``quotes extract`` writes them, or :class:`~quotes.records.QuoteRecord`).

        Raises :class:`ArchiveError` naming the first record that is not a keyable quote record;
        nothing of that call is stored then.
        """
        added = unchanged = updated = 0
        with self.conn:
            for n, item in enumerate(records, start=1):
                record = item.to_dict() if hasattr(item, "to_dict") else item
                problem = record_problem(record)
                if problem:
                    raise ArchiveError(f"record {n}: {problem}")
                status = self._add_record(record)
                added += status == "added"
                unchanged += status == "unchanged"
                updated += status == "updated"
        return AddResult(added, unchanged, updated)

    def _add_record(self, record: dict[str, Any]) -> str:
        doc_id = record["doc_id"]
        sha = record["provenance"]["text_sha256"]
        content = record["content"]
        blob = json.dumps(record, ensure_ascii=False, sort_keys=True)
        version_id, _, _ = self._version_id(doc_id, sha)
        row = self.conn.execute(
            "SELECT id, record FROM quotes"
            " WHERE doc_id = ? AND text_sha256 = ? AND content_start = ? AND content_end = ?",
            (doc_id, sha, content["start"], content["end"]),
        ).fetchone()
        if row is not None and row["record"] == blob:
            return "unchanged"
        speaker = record.get("speaker") or {}
        cue = record.get("cue") or {}
        evidence = record.get("evidence") or {}
        sentence = evidence.get("sentence") or {}
        values = {
            "version_id": version_id,
            "doc_id": doc_id,
            "text_sha256": sha,
            "content_start": content["start"],
            "content_end": content["end"],
            "quote_id": record["quote_id"],
            "kind": record["kind"],
            "content": content["text"],
            "speaker_start": speaker.get("start"),
            "speaker_end": speaker.get("end"),
            "speaker": speaker.get("text"),
            "speaker_name": record.get("speaker_name"),
            "cue_start": cue.get("start"),
            "cue_end": cue.get("end"),
            "cue": cue.get("text"),
            "confidence": float(record.get("confidence", 0.0)),
            "rule": evidence.get("rule"),
            "sentence_start": sentence.get("start"),
            "sentence_end": sentence.get("end"),
            "sentence": sentence.get("text"),
            "parser": (record.get("provenance") or {}).get("parser"),
            "record": blob,
            "on_behalf_of": record.get("on_behalf_of"),
        }
        speaker_words = " ".join(t for t in (values["speaker"], values["speaker_name"]) if t)
        if row is None:
            columns = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            cur = self.conn.execute(f"INSERT INTO quotes ({columns}) VALUES ({marks})", values)
            rowid = cur.lastrowid
            status = "added"
        else:
            rowid = row["id"]
            sets = ", ".join(f"{k} = :{k}" for k in values)
            self.conn.execute(f"UPDATE quotes SET {sets} WHERE id = :id", {**values, "id": rowid})
            self.conn.execute("DELETE FROM quotes_fts WHERE rowid = ?", (rowid,))
            status = "updated"
        self.conn.execute(
            "INSERT INTO quotes_fts (rowid, content, speaker) VALUES (?, ?, ?)", (rowid, content["text"], speaker_words)
        )
        return status

    def add_source(self, doc_id: str, text: str) -> SourceResult:
        """Store a document's text. A text whose hash the document has not had yet is a new version."""
        from quotes.text.digest import text_sha256

        sha = text_sha256(text)
        with self.conn:
            version_id, version, new = self._version_id(doc_id, sha)
            row = self.conn.execute("SELECT text FROM versions WHERE id = ?", (version_id,)).fetchone()
            if row["text"] is None:
                self.conn.execute("UPDATE versions SET text = ? WHERE id = ?", (text, version_id))
                status = "new version" if new else "text added"
            else:
                status = "already stored"
            (count,) = self.conn.execute("SELECT COUNT(*) FROM quotes WHERE version_id = ?", (version_id,)).fetchone()
        return SourceResult(doc_id, sha, version, status, count)

    # -- reading -------------------------------------------------------------------------------

    def doc_ids_for_hash(self, sha: str) -> list[str]:
        """The documents that have a version with this text hash (to match a source file to its records)."""
        rows = self.conn.execute("SELECT DISTINCT doc_id FROM versions WHERE text_sha256 = ? ORDER BY doc_id", (sha,))
        return [r[0] for r in rows]

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM versions WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone() is not None

    def source(self, doc_id: str, text_sha256: str | None = None) -> str | None:
        """A stored text: the given version, else the newest version whose text is stored."""
        if text_sha256 is not None:
            row = self.conn.execute(
                "SELECT text FROM versions WHERE doc_id = ? AND text_sha256 = ?", (doc_id, text_sha256)
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT text FROM versions WHERE doc_id = ? AND text IS NOT NULL ORDER BY version DESC LIMIT 1",
                (doc_id,),
            ).fetchone()
        return row["text"] if row is not None else None

    def documents(self) -> list[dict[str, Any]]:
        """Every document version: doc_id, version, text_sha256, whether the text is stored, its record count."""
        rows = self.conn.execute(
            """SELECT v.doc_id, v.version, v.text_sha256, v.text IS NOT NULL AS has_text, v.first_seen,
                      (SELECT COUNT(*) FROM quotes q WHERE q.version_id = v.id) AS records
               FROM versions v ORDER BY v.doc_id, v.version"""
        )
        return [dict(r) for r in rows]

    def speakers(self, *, all_versions: bool = False) -> list[tuple[str, int]]:
        """Canonical speaker names with their number of quotes, most quoted first."""
        current = "" if all_versions else "AND v.version = (SELECT version FROM newest n WHERE n.doc_id = q.doc_id)"
        rows = self.conn.execute(
            f"""{_CURRENT} SELECT q.speaker_name, COUNT(*) FROM quotes q JOIN versions v ON v.id = q.version_id
                WHERE q.speaker_name IS NOT NULL {current}
                GROUP BY q.speaker_name ORDER BY COUNT(*) DESC, q.speaker_name"""
        )
        return [(r[0], r[1]) for r in rows]

    def principals(self, *, all_versions: bool = False) -> list[tuple[str, int]]:
        """The names spokesmen, lawyers and aides spoke for, with their number of quotes."""
        current = "" if all_versions else "AND v.version = (SELECT version FROM newest n WHERE n.doc_id = q.doc_id)"
        rows = self.conn.execute(
            f"""{_CURRENT} SELECT q.on_behalf_of, COUNT(*) FROM quotes q JOIN versions v ON v.id = q.version_id
                WHERE q.on_behalf_of IS NOT NULL {current}
                GROUP BY q.on_behalf_of ORDER BY COUNT(*) DESC, q.on_behalf_of"""
        )
        return [(r[0], r[1]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Totals: documents, versions, stored texts, quotes, speakers (canonical names)."""
        one = self.conn.execute
        return {
            "documents": one("SELECT COUNT(DISTINCT doc_id) FROM versions").fetchone()[0],
            "versions": one("SELECT COUNT(*) FROM versions").fetchone()[0],
            "texts": one("SELECT COUNT(*) FROM versions WHERE text IS NOT NULL").fetchone()[0],
            "quotes": one("SELECT COUNT(*) FROM quotes").fetchone()[0],
            "speakers": one("SELECT COUNT(DISTINCT speaker_name) FROM quotes").fetchone()[0],
        }

    def search(
        self,
        words: str | Iterable[str] | None = None,
        *,
        speaker: str | None = None,
        speaker_names: Iterable[str] | None = None,
        on_behalf_of: str | None = None,
        principal_names: Iterable[str] | None = None,
        kind: str | None = None,
        doc_id: str | None = None,
        any_word: bool = False,
        all_versions: bool = False,
        limit: int | None = 20,
    ) -> list[Hit]:
        """Quotes ranked by bm25 on ``words`` (confidence breaks ties), or by confidence without words.

        ``speaker`` matches canonical names (and, failing that, mentions) by parts, case-insensitively
        (:func:`name_matches`); ``speaker_names`` keeps only these exact canonical names;
        ``on_behalf_of`` and ``principal_names`` do the same for the principal a spokesman, lawyer or
        aide spoke for (either speaker filter or principal filter given alone; both together: either
        one may match). ``words``
        must all occur (``any_word=True``: any of them), stemmed and case-insensitive. By default only
        the current records of each document are searched (see the module docstring).
        """
        clauses: list[str] = []
        params: list[Any] = []
        query = fts_query(words, any_word=any_word) if words else None
        if words and query is None:
            return []
        if query is not None:
            source = "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
            score = f"bm25(quotes_fts, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[1]})"
            order = "score ASC, q.confidence DESC, q.doc_id, q.content_start"
            clauses.append("quotes_fts MATCH ?")
            params.append(query)
        else:
            source = "quotes q"
            score = "NULL"
            order = "q.confidence DESC, q.doc_id, q.content_start"
        if speaker:
            clauses.append("name_match(?, q.speaker_name, q.speaker)")
            params.append(speaker)
        who: list[str] = []
        if speaker_names is not None:
            names = list(speaker_names)
            if names:
                who.append(f"q.speaker_name IN ({', '.join('?' * len(names))})")
                params.extend(names)
        if principal_names is not None:
            names = list(principal_names)
            if names:
                who.append(f"q.on_behalf_of IN ({', '.join('?' * len(names))})")
                params.extend(names)
        if (speaker_names is not None or principal_names is not None) and not who:
            return []
        if who:
            clauses.append("(" + " OR ".join(who) + ")")
        if on_behalf_of:
            clauses.append("name_match(?, q.on_behalf_of, NULL)")
            params.append(on_behalf_of)
        if kind:
            clauses.append("q.kind = ?")
            params.append(kind)
        if doc_id:
            clauses.append("q.doc_id = ?")
            params.append(doc_id)
        if not all_versions:
            clauses.append("v.version = (SELECT version FROM newest n WHERE n.doc_id = q.doc_id)")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"""{_CURRENT}
            SELECT q.*, v.version AS version, v.text IS NOT NULL AS has_text, {score} AS score,
                   (SELECT version FROM latest l WHERE l.doc_id = q.doc_id) AS versions
            FROM {source} JOIN versions v ON v.id = q.version_id
            {where} ORDER BY {order}"""
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self.conn.execute(sql, params).fetchall()
        texts: dict[int, str | None] = {}
        return [self._hit(row, texts) for row in rows]

    def _hit(self, row: sqlite3.Row, texts: dict[int, str | None]) -> Hit:
        record = json.loads(row["record"])
        sentence, sentence_from = None, None
        if row["has_text"]:
            if row["version_id"] not in texts:
                texts[row["version_id"]] = self.conn.execute(
                    "SELECT text FROM versions WHERE id = ?", (row["version_id"],)
                ).fetchone()[0]
            text = texts[row["version_id"]]
            if text is not None:
                sentence = _sentence_in(text, row)
                sentence_from = "source" if sentence is not None else None
        if sentence is None:
            sentence = _span(row["sentence_start"], row["sentence_end"], row["sentence"])
            sentence_from = "record" if sentence is not None else None
        return Hit(
            doc_id=row["doc_id"],
            quote_id=row["quote_id"],
            kind=row["kind"],
            content=Span(row["content_start"], row["content_end"], row["content"]),
            speaker=_span(row["speaker_start"], row["speaker_end"], row["speaker"]),
            speaker_name=row["speaker_name"],
            cue=_span(row["cue_start"], row["cue_end"], row["cue"]),
            confidence=float(row["confidence"]),
            rule=row["rule"],
            text_sha256=row["text_sha256"],
            version=int(row["version"]),
            versions=int(row["versions"]),
            superseded=int(row["versions"]) > int(row["version"]),
            sentence=sentence,
            sentence_from=sentence_from,
            score=row["score"],
            record=record,
            on_behalf_of=row["on_behalf_of"],
        )


def _sentence_in(text: str, row: sqlite3.Row) -> Span | None:
    """The sentence(s) around a quote in the stored source: from the start of the record's sentence (or of
    its paragraph) to the end of the sentence where the content, speaker and cue end.

    The text has the record's own hash, so the record's offsets hold in it; the content is still checked.
    A quote of several sentences gets all of them, with the speaker and cue after it ("..., he said.").
    """
    if not row["content"] or text[row["content_start"] : row["content_end"]] != row["content"]:
        return None
    starts = [p for p in (row["content_start"], row["speaker_start"], row["cue_start"]) if p is not None]
    ends = [p for p in (row["content_end"], row["speaker_end"], row["cue_end"]) if p is not None]
    sentence_start, sentence_end = row["sentence_start"], row["sentence_end"]
    if sentence_start is not None and sentence_end is not None and 0 <= sentence_start <= sentence_end <= len(text):
        starts.append(sentence_start)
        ends.append(sentence_end)
    else:
        starts.append(max(text.rfind("\n", 0, min(starts)) + 1, min(starts) - 300, 0))
    lo, hi = min(starts), max(ends)
    # On to the end of the sentence the last span is in, within its paragraph.
    if not _ENDS_SENTENCE.search(text, max(lo, hi - 8), hi):
        match = _SENTENCE_END.search(text, hi, min(len(text), hi + 300))
        if match is not None and "\n\n" not in text[hi : match.end()]:
            hi = match.end()
    return Span.of(text, lo, hi)


_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)]*(?=\s|$)|\n")
_ENDS_SENTENCE = re.compile(r"[.!?…]+[\"'”’»)]*\s*$")


def _name_match_sql(query: str | None, speaker_name: str | None, mention: str | None) -> int:
    return int(bool(query) and name_matches(query or "", speaker_name, mention))
