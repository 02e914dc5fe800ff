"""How a search is run on an archive of millions of quotes: the rows it reads, and in what order.

:func:`~quotes.workbench.archive_search.search_sql` says which rows a search wants; the plans here read
as few of them as give the same answer:

* **Words**: the matches are first ranked by bm25 alone, on the full-text index (each match's score
  computed once), and only those scoring at most the score of the ``RANK_CANDIDATES * limit``-th go
  through the joins and the filters. A row left out scores higher, so it cannot rank before them: when
  enough of them pass the filters they are exactly the best of all, else the search is run again over
  every match.
* **Every record current** (no document has a second version, as
  :meth:`~quotes.workbench.archive.Archive.every_record_current` says, read again only after the archive
  changes): no row's version is read to tell whether it is current.
* **A much-quoted speaker** (more than :data:`SCAN_IN_ORDER` rows hold the name's parts): the quotes are read
  in the order of the ``quotes_rank`` index (confidence first), stopping at the limit, instead of sorting
  all of that speaker's quotes; a rare name is read from its few matches.
* **The names a claim can mean** (:func:`speakers_sharing`): those sharing a part with the claim's speaker,
  read from the names' index, not by counting every name's quotes.
* **A speaker's quotes closest in words to a claim** (:func:`closest_rows`): the full-text index intersects
  the claim's words with the speaker's name parts, and ranks what remains by bm25 on the quote's words
  alone (:data:`CONTENT_WEIGHTS`), so a speaker quoted thousands of times costs the quotes that share a
  word, not all of them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from quotes.workbench.archive_search import CURRENT_ROW, name_parts, search_sql, speaker_fts

#: A word search first ranks this many times its limit of matches (at least MIN_CANDIDATES) by bm25 alone.
RANK_CANDIDATES = 5
MIN_CANDIDATES = 100
#: A speaker search without words reads the quotes in confidence order when more rows than this hold the name.
SCAN_IN_ORDER = 2000
#: bm25 column weights (content, speaker) that rank quotes by their own words: the name only narrows.
CONTENT_WEIGHTS = (1.0, 0.0)


def search_rows(conn: sqlite3.Connection, query: tuple[Any, ...], limit: int | None) -> list[sqlite3.Row]:
    """The rows of :func:`~quotes.workbench.archive_search.search_sql` for ``query`` (its arguments but the
    limit, in its order), by the cheapest of the plans above that gives the same rows."""
    words, speaker = query[0], query[1]
    built: tuple[str, list[Any]] | None
    if words and limit is not None:
        best_of = max(MIN_CANDIDATES, RANK_CANDIDATES * int(limit))
        built = search_sql(*query[:7], limit, *query[7:], best_of=best_of)
        rows = conn.execute(*built).fetchall() if built is not None else []
        if len(rows) >= limit or built is None:
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


def speakers_sharing(conn: sqlite3.Connection, words: str) -> list[str]:
    """The canonical names of current records that share a name part with ``words``: every name a claim's
    speaker can match (:func:`~quotes.workbench.claim_frame.match_speaker` compares the name's own parts, never
    the mentions). The distinct names come from the ``quotes_speaker_name`` index (no row is read), and each
    that shares a part is kept when it has a current record (an index probe, stopping at the first): a pass
    over the few thousand rows of every name and mention that hold a common part costs far more."""
    parts = set(name_parts(words))
    if not parts:
        return []
    every = conn.execute("SELECT DISTINCT speaker_name FROM quotes WHERE speaker_name IS NOT NULL")
    # A substring test first: name_parts on every name of the archive would cost more than the scan.
    sharing = [n for (n,) in every if any(p in n.lower() for p in parts) and parts & set(name_parts(n))]
    current = (
        "SELECT 1 FROM quotes q JOIN versions v ON v.id = q.version_id"
        f" WHERE q.speaker_name = ? AND {CURRENT_ROW} LIMIT 1"
    )
    return sorted(n for n in sharing if conn.execute(current, (n,)).fetchone() is not None)


def closest_rows(
    conn: sqlite3.Connection,
    words: Iterable[str],
    speaker_names: Iterable[str],
    principal_names: Iterable[str] | None,
    speaker_words: Iterable[str] | None,
    limit: int,
) -> list[sqlite3.Row]:
    """The rows (as :func:`search_rows` gives them) of the ``limit`` current quotes of ``speaker_names`` (or
    spoken for ``principal_names``) that hold any of ``words``, best bm25 on the quote's words first.
    ``speaker_words`` narrow the full-text match to rows whose speaker column holds all of them
    (:func:`~quotes.workbench.archive_search.match_sql`)."""
    built = search_sql(
        list(words),
        None,
        list(speaker_names),
        None,
        None,
        True,
        False,
        limit,
        None,
        principal_names,
        speaker_words=speaker_words,
        weights=CONTENT_WEIGHTS,
    )
    return conn.execute(*built).fetchall() if built is not None else []
