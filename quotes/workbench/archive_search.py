"""Searching the archive: the FTS5 query for plain words, speaker names matched by parts, and the hits.

Speaker searches match the canonical name (``speaker_name``) by parts, case-insensitively, and also
the mention as written, so a quote whose name was resolved wrongly is still found by the words of
its mention (:func:`name_matches`).

Searches look at the *current* records of each document by default: those of the newest version
that has records. A hit whose document has a newer version without records is marked
``superseded`` (its source changed after extraction; re-extract and index again).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from attrs import define

from quotes.text.spans import Span

# bm25 column weights: words in the quote count twice as much as words in the speaker's name.
BM25_WEIGHTS = (1.0, 0.5)
NO_SPEAKER = "(no speaker)"


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
        return self.speaker.text if self.speaker is not None else NO_SPEAKER

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


def name_match_sql(query: str | None, speaker_name: str | None, mention: str | None) -> int:
    return int(bool(query) and name_matches(query or "", speaker_name, mention))


# The row ``q`` (of version ``v``) is current: no newer version of its document has records. Index probes
# per row (versions by doc_id and version, quotes by version_id), so a search costs what it matches, not
# a pass over the whole archive.
CURRENT_ROW = """NOT EXISTS (
    SELECT 1 FROM versions v2 WHERE v2.doc_id = q.doc_id AND v2.version > v.version
    AND EXISTS (SELECT 1 FROM quotes q2 WHERE q2.version_id = v2.id))"""


def speaker_fts(speaker: str) -> str | None:
    """The FTS5 query for the rows whose speaker column (mention and name) holds every part of ``speaker``:
    a superset of the rows :func:`name_matches` accepts. None when the name has no parts."""
    parts = name_parts(speaker)
    return " AND ".join(f'speaker : "{part}"' for part in parts) if parts else None


def match_sql(
    words: str | Iterable[str] | None,
    speaker: str | None,
    speaker_names: Iterable[str] | None,
    kind: str | None,
    doc_id: str | None,
    any_word: bool,
    all_versions: bool,
    on_behalf_of: str | None = None,
    principal_names: Iterable[str] | None = None,
    *,
    speaker_words: Iterable[str] | None = None,
    scored_first: bool = False,
    rank_index: bool = False,
) -> tuple[str, str, list[Any], bool] | None:
    """The rows a search matches, as SQL to build on: the FROM clause (``q`` the quotes, ``v`` their
    versions unless ``all_versions``, ``quotes_fts`` when words are given), the WHERE clause, its
    parameters, and whether the words rank the rows (bm25 of ``quotes_fts``); None when nothing can match.

    ``speaker_words`` (with words only) are name parts the FTS speaker column must all hold: the full-text
    index then intersects the words' matches with a speaker's before any row is read. It narrows, never
    decides: give parts every row of ``speaker_names`` holds.

    ``scored_first``: the words' matches are read from ``best`` (``id``, ``score``), a table the caller
    defines before the query with the full-text query (the first parameter) as its MATCH.

    ``rank_index`` (no words): the quotes are read through the ``quotes_rank`` index, in confidence order."""
    clauses: list[str] = []
    params: list[Any] = []
    query = fts_query(words, any_word=any_word) if words else None
    if words and query is None:
        return None
    parts = [p for w in speaker_words or () for p in name_parts(w)]
    if query is not None and parts:
        query = f"({query}) AND " + " AND ".join(f'speaker : "{p}"' for p in dict.fromkeys(parts))
    # The versions (v) are joined only to tell the current rows: every version's rows need no join.
    versions = "" if all_versions else " JOIN versions v ON v.id = q.version_id"
    if query is not None and scored_first:
        source = f"best JOIN quotes q ON q.id = best.id{versions}"
        params.append(query)
    elif query is not None:
        source = f"quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid{versions}"
        clauses.append("quotes_fts MATCH ?")
        params.append(query)
    else:
        source = f"quotes q{' INDEXED BY quotes_rank' if rank_index else ''}{versions}"
    if speaker:
        speaker_query = speaker_fts(speaker)
        if speaker_query is None:
            return None
        # The FTS speaker column (mention and name) narrows the rows to those holding every part; the exact
        # test by parts (name_match) is then run on those only, not on every row of the archive.
        clauses.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(speaker_query)
        clauses.append("name_match(?, q.speaker_name, q.speaker)")
        params.append(speaker)
    # Exact names of the speaker or of the principal a spokesman spoke for: either may match.
    who: list[str] = []
    for column, given in (("q.speaker_name", speaker_names), ("q.on_behalf_of", principal_names)):
        names = list(given) if given is not None else []
        if names:
            who.append(f"{column} IN ({', '.join('?' * len(names))})")
            params.extend(names)
    if (speaker_names is not None or principal_names is not None) and not who:
        return None
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
        clauses.append(CURRENT_ROW)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return source, where, params, query is not None


def search_sql(
    words: str | Iterable[str] | None,
    speaker: str | None,
    speaker_names: Iterable[str] | None,
    kind: str | None,
    doc_id: str | None,
    any_word: bool,
    all_versions: bool,
    limit: int | None,
    on_behalf_of: str | None = None,
    principal_names: Iterable[str] | None = None,
    *,
    best_of: int | None = None,
    rank_order: bool = False,
    speaker_words: Iterable[str] | None = None,
    weights: tuple[float, float] = BM25_WEIGHTS,
) -> tuple[str, list[Any]] | None:
    """The SQL and parameters of :meth:`~quotes.workbench.archive.Archive.search` (its arguments, in its
    order); None when nothing can match. ``best_of`` (with words) keeps only the matches whose bm25 is at most
    the ``best_of``-th best's (ties included; every match when fewer), ranked on the full-text index alone,
    each match's score computed once, before any join: the filters then read those rows only. ``rank_order``
    (no words) reads the quotes in the order of the ``quotes_rank`` index, stopping at the limit: for a
    filter that many rows pass.
    ``speaker_words`` narrow the full-text match (:func:`match_sql`); ``weights`` are bm25's column weights
    (content, speaker)."""
    built = match_sql(
        words,
        speaker,
        speaker_names,
        kind,
        doc_id,
        any_word,
        all_versions,
        on_behalf_of,
        principal_names,
        speaker_words=speaker_words,
        scored_first=best_of is not None,
        rank_index=rank_order,
    )
    if built is None:
        return None
    source, where, params, ranked = built
    bm25 = f"bm25(quotes_fts, {float(weights[0])}, {float(weights[1])})"
    best = ""
    if ranked and best_of is not None:
        # Every match's score once (MATERIALIZED: read twice below, computed once), then those at most the
        # best_of-th's; 1e308 keeps them all when fewer match.
        best = f"""scored AS MATERIALIZED (
                SELECT rowid AS id, {bm25} AS score FROM quotes_fts WHERE quotes_fts MATCH ?),
            best AS (SELECT id, score FROM scored WHERE score <= COALESCE(
                (SELECT score FROM scored ORDER BY score LIMIT 1 OFFSET ?), 1e308)), """
        params.insert(1, int(best_of) - 1)
    if ranked:
        score = "best.score" if best else bm25
        order = "score ASC, q.confidence DESC, q.doc_id, q.content_start"
    else:
        score = "NULL"
        order = "q.confidence DESC, q.doc_id, q.content_start"
    # Ranked on the ids first, the whole rows (with their records' JSON) read for the ones kept only: a
    # sort of thousands of matches then moves small rows, not every match's record.
    top = f"SELECT q.id AS id, {score} AS score FROM {source} {where} ORDER BY {order}"
    if limit is not None:
        top += " LIMIT ?"
        params.append(int(limit))
    sql = f"""WITH {best}top AS ({top})
            SELECT q.*, v.version AS version, v.text IS NOT NULL AS has_text, top.score AS score,
                   (SELECT MAX(l.version) FROM versions l WHERE l.doc_id = q.doc_id) AS versions
            FROM top JOIN quotes q ON q.id = top.id JOIN versions v ON v.id = q.version_id ORDER BY {order}"""
    return sql, params


def hit_from_row(row: sqlite3.Row, text: str | None) -> Hit:
    """The hit for a row of the search SQL; ``text`` is the stored source of the row's version, if any."""
    record = json.loads(row["record"])
    sentence, sentence_from = None, None
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
        # An archive opened read-only keeps its schema: one made before the column has none.
        on_behalf_of=row["on_behalf_of"] if "on_behalf_of" in row.keys() else None,  # noqa: SIM118 - a Row iterates values
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


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    if start is None or end is None or text is None:
        return None
    try:
        return Span(start, end, text)
    except ValueError:
        return None
