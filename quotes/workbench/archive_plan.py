"""How a search is run on an archive of millions of quotes: the rows it reads, and in what order.

:func:`~quotes.workbench.archive_search.search_sql` says which rows a search wants; the plans here read
as few of them as give the same answer:

* **Words**: the matches are first ranked by bm25 alone, on the full-text index (:func:`bm25_threshold`),
  and only those scoring at most the score of the ``RANK_CANDIDATES * limit``-th go through the joins and
  the filters. A row left out scores higher, so it cannot rank before them: when enough of them pass the
  filters they are exactly the best of all, else the search is run again over every match.
* **A much-quoted speaker** (more than :data:`SCAN_IN_ORDER` rows hold the name's parts): the quotes are read
  in the order of the ``quotes_rank`` index (confidence first), stopping at the limit, instead of sorting
  all of that speaker's quotes; a rare name is read from its few matches.
* **The names a claim can mean** (:func:`speakers_sharing`): those sharing a part with the claim's speaker,
  found through the FTS speaker column, not by counting every name in the archive.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from quotes.workbench.archive_search import BM25_WEIGHTS, CURRENT_ROW, fts_query, name_parts, search_sql, speaker_fts

#: A word search first ranks this many times its limit of matches (at least MIN_CANDIDATES) by bm25 alone.
RANK_CANDIDATES = 5
MIN_CANDIDATES = 100
#: A speaker search without words reads the quotes in confidence order when more rows than this hold the name.
SCAN_IN_ORDER = 2000


def search_rows(conn: sqlite3.Connection, query: tuple[Any, ...], limit: int | None) -> list[sqlite3.Row]:
    """The rows of :func:`~quotes.workbench.archive_search.search_sql` for ``query`` (its arguments but the
    limit, in its order), by the cheapest of the plans above that gives the same rows."""
    words, speaker, any_word = query[0], query[1], query[5]
    built: tuple[str, list[Any]] | None
    threshold = bm25_threshold(conn, words, any_word, limit) if words and limit is not None else None
    if threshold is not None:
        built = search_sql(*query[:7], limit, *query[7:], score_at_most=threshold)
        rows = conn.execute(*built).fetchall() if built is not None else []
        if len(rows) >= (limit or 0):
            return rows
    elif speaker and not words and limit is not None and frequent(conn, speaker):
        built = search_sql(*query[:7], limit, *query[7:], rank_order=True)
        return conn.execute(*built).fetchall() if built is not None else []
    built = search_sql(*query[:7], limit, *query[7:])
    return conn.execute(*built).fetchall() if built is not None else []


def frequent(conn: sqlite3.Connection, speaker: str) -> bool:
    """Whether more than :data:`SCAN_IN_ORDER` rows hold the name's parts (and the rank index exists)."""
    query = speaker_fts(speaker)
    if query is None:
        return False
    found = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'quotes_rank'"
    if conn.execute(found).fetchone() is None:  # an archive made before the index
        return False
    (count,) = conn.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (query,)).fetchone()
    return int(count) > SCAN_IN_ORDER


def bm25_threshold(
    conn: sqlite3.Connection, words: str | Iterable[str], any_word: bool, limit: int | None
) -> float | None:
    """The bm25 score of the match ranked :data:`RANK_CANDIDATES` times ``limit`` (at least
    :data:`MIN_CANDIDATES`) by the words alone; None when fewer rows match (then all are read anyway)."""
    query = fts_query(words, any_word=any_word)
    if query is None:
        return None
    n = max(MIN_CANDIDATES, RANK_CANDIDATES * int(limit or 0))
    row = conn.execute(
        f"SELECT bm25(quotes_fts, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[1]}) AS s FROM quotes_fts"
        " WHERE quotes_fts MATCH ? ORDER BY s LIMIT 1 OFFSET ?",
        (query, n - 1),
    ).fetchone()
    return float(row[0]) if row is not None else None


def speakers_sharing(conn: sqlite3.Connection, words: str) -> list[str]:
    """The canonical names of current records that share a name part with ``words`` (any part, by the FTS
    speaker column): every name a claim's speaker can match, without counting the whole archive."""
    parts = name_parts(words)
    if not parts:
        return []
    match = " OR ".join(f'speaker : "{part}"' for part in dict.fromkeys(parts))
    rows = conn.execute(
        f"""SELECT DISTINCT q.speaker_name FROM quotes q JOIN versions v ON v.id = q.version_id
            WHERE q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)
            AND q.speaker_name IS NOT NULL AND {CURRENT_ROW} ORDER BY q.speaker_name""",
        (match,),
    )
    return [r[0] for r in rows]
