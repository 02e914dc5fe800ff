"""The quote archive: records and their source texts in one SQLite file, searchable by words and speaker.

    >>> from quotes.workbench.archive import Archive
    >>> with Archive("archive.sqlite") as archive:                          # doctest: +SKIP
    ...     archive.add_records(records)          # dicts as ``quotes extract`` writes them, or QuoteRecords
    ...     archive.add_source("corpus/articles/x.txt", text)
    ...     hits = archive.search("occupation never ends", speaker="Aliyev")

Only the standard library's ``sqlite3`` is used; the full-text index needs SQLite's FTS5 extension
(built into the sqlite3 of CPython's official builds and of Debian's python3).

Schema: :mod:`quotes.workbench.archive_schema`; searching, speaker matching, hits: ``archive_search``;
which rows a search reads, at millions of quotes: ``archive_plan``.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import define

from quotes.errors import QuotesError
from quotes.version import __version__
from quotes.workbench import archive_schema
from quotes.workbench.archive_lock import lock_holder
from quotes.workbench.archive_plan import closest_rows, search_rows
from quotes.workbench.archive_schema import SCHEMA_SQL, SCHEMA_VERSION, add_kind_index, add_principal_column, connect
from quotes.workbench.archive_search import CURRENT_ROW, Hit, hit_from_row, match_sql, name_match_sql
from quotes.workbench.record_input import record_problem


class ArchiveError(QuotesError):
    """The archive file cannot be opened, is not a quotes archive, is damaged, or is locked too long."""


#: How long a command waits for another process's write to the archive to finish (``--wait``).
BUSY_TIMEOUT_S = 60.0


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
    status: str  # "first version" | "new version" | "text added" (records were there) | "already stored"
    records: int  # records of this version in the archive


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


# A document with a second version: without one, every record of the archive is current.
_ONE_VERSION_EACH = "SELECT 1 FROM versions WHERE version > 1 LIMIT 1"


class Archive:
    """A quote archive in one SQLite file (created when missing unless ``create=False``).

    Use as a context manager or call :meth:`close`. Each ``add_*`` is one transaction (or part of a :meth:`batch`).
    """

    def __init__(
        self, path: str | Path, *, create: bool = True, timeout: float = BUSY_TIMEOUT_S, read_only: bool = False
    ) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._current: tuple[tuple[int, int], bool] | None = None  # every_record_current's last answer
        self.read_only, self._batched = read_only, False  # read_only: SQLite refuses every write (mode=ro)
        create = create and not read_only
        if not create and not self.path.is_file():
            raise ArchiveError(f"{self.path}: no archive there (build one with `quotes index QUOTES.jsonl --db ...`)")
        try:
            self.conn = connect(self.path, timeout, read_only=read_only)
        except sqlite3.Error as err:
            raise ArchiveError(f"{self.path}: cannot open: {err}") from None
        self.conn.row_factory = sqlite3.Row
        self.conn.create_function("name_match", 3, name_match_sql, deterministic=True)
        try:
            self._setup(create)
        except sqlite3.Error as err:
            self.conn.close()
            raise self.explain(err) from None

    def explain(self, err: sqlite3.Error) -> ArchiveError:
        """What an SQLite error means for the person at the command line, in one line."""
        message = str(err)
        lowered = message.lower()
        if "locked" in lowered or "busy" in lowered:
            return ArchiveError(
                f"{self.path}: locked by {lock_holder(self.path)} for more than {self.timeout:g} s; try again when "
                "it has finished (indexing again stores nothing twice), or wait longer (--wait SECONDS)"
            )
        if "could not decode" in lowered:  # quotes stores only UTF-8: bytes that are not were overwritten
            message, lowered = "a stored text is not UTF-8", "malformed"
        if "malformed" in lowered or "corrupt" in lowered:
            return ArchiveError(
                f"{self.path}: the archive is damaged ({message}); recover what it holds with "
                f"`sqlite3 {self.path} .recover | sqlite3 recovered.sqlite`, or index the records again into a "
                "new archive"
            )
        if "fts5" in lowered:
            return ArchiveError(f"{self.path}: this Python's SQLite has no FTS5 full-text extension")
        if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError):
            return ArchiveError(f"{self.path}: not a quotes archive ({message})")
        if "no such" in lowered:  # a table or column missing: made by something else, or half-made
            return ArchiveError(f"{self.path}: not a quotes archive ({message})")
        return ArchiveError(f"{self.path}: {message}")

    def _setup(self, create: bool) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise sqlite3.DatabaseError("an SQLite file with other tables")
        if "meta" in tables:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = row[0] if row is not None else None
            try:
                version = int(found) if found is not None else None
            except (TypeError, ValueError):
                version = None
            if version != SCHEMA_VERSION:
                shown = "none" if found is None else repr(found)[:40]
                newer = " (written by a newer quotes)" if version is not None and version > SCHEMA_VERSION else ""
                raise sqlite3.DatabaseError(f"schema version {shown}{newer}; this quotes reads {SCHEMA_VERSION}")
            if not self.read_only:  # a read-only archive is read as it is
                add_principal_column(self.conn)
                add_kind_index(self.conn)
            return
        if not create:
            raise sqlite3.DatabaseError("an empty SQLite file")
        # One transaction: a run killed while it creates the archive leaves an empty file, never tables
        # without their schema version (executescript would commit each statement on its own).
        created_by = f"quotes {__version__}".replace("'", "''")
        self.conn.execute(f"PRAGMA page_size = {archive_schema.PAGE_SIZE}")  # before the first table: fixed then
        self.conn.executescript(
            f"BEGIN IMMEDIATE;\n{SCHEMA_SQL}\nINSERT OR REPLACE INTO meta (key, value) VALUES "
            f"('schema_version', '{SCHEMA_VERSION}'), ('created_by', '{created_by}');\nCOMMIT;"
        )

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def every_record_current(self) -> bool:
        """Whether no document has a second version, so that every record is current and a search need
        not tell current rows from others. Read again only after the archive changed (SQLite's
        ``data_version`` counts other connections' commits, ``total_changes`` this one's writes)."""
        stamp = (int(self.conn.execute("PRAGMA data_version").fetchone()[0]), self.conn.total_changes)
        if self._current is None or self._current[0] != stamp:
            self._current = (stamp, self.conn.execute(_ONE_VERSION_EACH).fetchone() is None)
        return self._current[1]

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):  # a failure inside the block, said in one line
            raise self.explain(exc) from None

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for the ``add_*`` calls inside (else one each): one commit for many texts, not
        one each. An error inside rolls the whole batch back."""
        outer, self._batched = not self._batched, True
        try:
            if not outer:
                yield
                return
            # IMMEDIATE takes the write lock before the first read, so two runs indexing at once cannot
            # both read the same "last version" of a document and then both write it.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()
        finally:
            self._batched = not outer

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
        with self.batch():
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
        blob = archive_schema.record_json(record)
        version_id, _, _ = self._version_id(doc_id, sha)
        row = self.conn.execute(
            "SELECT id, record FROM quotes"
            " WHERE doc_id = ? AND text_sha256 = ? AND content_start = ? AND content_end = ?",
            (doc_id, sha, content["start"], content["end"]),
        ).fetchone()
        if row is not None and (row["record"] == blob or archive_schema.same_record(row["record"], record)):
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
        with self.batch():
            version_id, version, new = self._version_id(doc_id, sha)
            row = self.conn.execute("SELECT text FROM versions WHERE id = ?", (version_id,)).fetchone()
            if row["text"] is None:
                self.conn.execute("UPDATE versions SET text = ? WHERE id = ?", (text, version_id))
                # A document's first text is its first version, not a "new" one (there was none before it).
                status = ("first version" if version == 1 else "new version") if new else "text added"
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
        return self._name_counts("speaker_name", all_versions)

    def principals(self, *, all_versions: bool = False) -> list[tuple[str, int]]:
        """The names spokesmen, lawyers and aides spoke for, with their number of quotes."""
        return self._name_counts("on_behalf_of", all_versions)

    def _name_counts(self, column: str, all_versions: bool) -> list[tuple[str, int]]:
        # ``column`` is one of two fixed names above, never user input.
        current = "" if all_versions else f"AND {CURRENT_ROW}"
        rows = self.conn.execute(
            f"""SELECT q.{column}, COUNT(*) FROM quotes q JOIN versions v ON v.id = q.version_id
                WHERE q.{column} IS NOT NULL {current}
                GROUP BY q.{column} ORDER BY COUNT(*) DESC, q.{column}"""
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
        (:func:`~quotes.workbench.archive_search.name_matches`); ``speaker_names`` keeps only these exact
        canonical names; ``on_behalf_of`` and ``principal_names`` do the same for the principal a spokesman, lawyer or
        aide spoke for (speaker and principal filters together: either one may match). ``words`` must all occur
        (``any_word=True``: any of them), stemmed and case-insensitive. By default only the current records of
        each document are searched (see :mod:`quotes.workbench.archive_search`).
        """
        every = all_versions or self.every_record_current()
        query = (words, speaker, speaker_names, kind, doc_id, any_word, every, on_behalf_of, principal_names)
        rows = search_rows(self.conn, query, limit)  # the cheapest plan that gives these rows: see archive_plan
        texts: dict[int, str | None] = {}
        return [self._hit(row, texts) for row in rows]

    def count(
        self,
        *,
        speaker_names: Iterable[str] | None = None,
        principal_names: Iterable[str] | None = None,
        all_versions: bool = False,
    ) -> int:
        """How many quotes :meth:`search` would give for these names with no limit, without reading them."""
        # Where every record is current the versions are not joined: the names' index counts the quotes.
        every = all_versions or self.every_record_current()
        built = match_sql(None, None, speaker_names, None, None, False, every, None, principal_names)
        if built is None:
            return 0
        source, where, params, _ = built
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {source} {where}", params).fetchone()[0])

    def closest(
        self,
        words: Iterable[str],
        *,
        speaker_names: Iterable[str],
        principal_names: Iterable[str] | None = None,
        speaker_words: Iterable[str] | None = None,
        limit: int,
    ) -> list[Hit]:
        """The ``limit`` current quotes of ``speaker_names`` (or spoken for ``principal_names``) that hold most
        of ``words`` (any of them), by bm25 on the quote's words (:func:`~quotes.workbench.archive_plan.closest_rows`);
        ``speaker_words``: name parts all of these quotes hold in their speaker column, to narrow the match."""
        rows = closest_rows(self.conn, words, speaker_names, principal_names, speaker_words, limit)
        texts: dict[int, str | None] = {}
        return [self._hit(row, texts) for row in rows]

    def _hit(self, row: sqlite3.Row, texts: dict[int, str | None]) -> Hit:
        """The hit for ``row``, with its version's stored text (read once per version into ``texts``)."""
        text = None
        if row["has_text"]:
            if row["version_id"] not in texts:
                texts[row["version_id"]] = self.conn.execute(
                    "SELECT text FROM versions WHERE id = ?", (row["version_id"],)
                ).fetchone()[0]
            text = texts[row["version_id"]]
        return hit_from_row(row, text)
