"""What the workbench pages show, read from an archive opened read-only; no Datasette in here.

Each function opens the archive file with :class:`~quotes.workbench.archive.Archive` ``read_only=True``
(SQLite refuses writes on that connection), reads what its page needs and closes it. They run in a worker
thread of the server; the page templates escape every value (Jinja autoescaping), and the article page
is the audit report's own HTML (:func:`quotes.workbench.report.build_report`, which escapes the text and
every record field it shows).
"""

from __future__ import annotations

import html
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from attrs import define

from quotes.records import KINDS
from quotes.workbench.archive import Archive
from quotes.workbench.archive_search import Hit, match_sql
from quotes.workbench.claims import check_claim
from quotes.workbench.report import build_report

#: Results shown on a search page, and the most values shown per facet.
PAGE_SIZE = 50
FACET_VALUES = 12
#: Facet counts are given up after this long (an unfiltered archive of millions of quotes), as Datasette
#: itself gives up on its facets; the page says so instead of waiting.
FACET_TIME_LIMIT_S = 0.4
MAX_FIELD = 500
MAX_CLAIM = 2000


def _field(args: Mapping[str, str], name: str, limit: int = MAX_FIELD) -> str:
    return (args.get(name) or "").strip()[:limit]


@define(frozen=True)
class Filters:
    """A search as the page's form gives it: words (FTS), speaker by name parts, exact name, kind, document."""

    q: str = ""
    speaker: str = ""
    name: str = ""
    kind: str = ""
    doc: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filters:
        kind = _field(args, "kind")
        return cls(
            q=_field(args, "q"),
            speaker=_field(args, "speaker"),
            name=_field(args, "name"),
            kind=kind if kind in KINDS else "",
            doc=_field(args, "doc", 2000),
        )

    def query(self, **changes: str) -> str:
        """The query string of this search with some fields changed (an empty value drops the field)."""
        fields = {"q": self.q, "speaker": self.speaker, "name": self.name, "kind": self.kind, "doc": self.doc}
        fields.update(changes)
        return urllib.parse.urlencode({k: v for k, v in fields.items() if v})

    @property
    def empty(self) -> bool:
        return not (self.q or self.speaker or self.name or self.kind or self.doc)


@contextmanager
def _reading(path: str | Path) -> Iterator[Archive]:
    archive = Archive(path, read_only=True)
    try:
        yield archive
    finally:
        archive.close()


def is_archive(path: str | Path | None) -> bool:
    """Whether the SQLite file at ``path`` is a quotes archive (opened read-only to find out)."""
    if not path:
        return False
    try:
        with _reading(path):
            return True
    except Exception:  # not SQLite, not ours, unreadable: not an archive, whatever the reason
        return False


def article_href(base: str, hit: Hit, anchor: int | None) -> str:
    """The article page of a hit's document and version, at the quote's anchor in the report."""
    query = urllib.parse.urlencode({"doc": hit.doc_id, "version": hit.version})
    return f"{base}/article?{query}" + (f"#q-0-{anchor}" if anchor is not None else "")


def _anchor(archive: Archive, hit: Hit) -> int:
    """The quote's position among its version's records in text order: the report's anchor ``q-0-<n>``."""
    (n,) = archive.conn.execute(
        "SELECT COUNT(*) FROM quotes WHERE doc_id = ? AND text_sha256 = ?"
        " AND (content_start < ? OR (content_start = ? AND content_end < ?))",
        (hit.doc_id, hit.text_sha256, hit.content.start, hit.content.start, hit.content.end),
    ).fetchone()
    return int(n)


def hit_view(archive: Archive, hit: Hit, base: str, filters: Filters) -> dict[str, Any]:
    """A hit as the templates show it (plain values; the template escapes them)."""
    return {
        "doc_id": hit.doc_id,
        "quote_id": hit.quote_id,
        "kind": hit.kind,
        "content": hit.content.text,
        "speaker_label": hit.speaker_label,
        "speaker_name": hit.speaker_name,
        "mention": hit.speaker.text if hit.speaker is not None else None,
        "cue": hit.cue.text if hit.cue is not None else None,
        "confidence": f"{hit.confidence:.2f}",
        "rule": hit.rule,
        "sentence": hit.sentence.text if hit.sentence is not None else None,
        "version": hit.version,
        "versions": hit.versions,
        "superseded": hit.superseded,
        "article": article_href(base, hit, _anchor(archive, hit)),
        "name_href": f"{base}?{filters.query(name=hit.speaker_name, speaker='')}" if hit.speaker_name else None,
        "doc_href": f"{base}?{filters.query(doc=hit.doc_id)}",
    }


def _facets(archive: Archive, filters: Filters, base: str) -> tuple[int | None, dict[str, list[dict[str, Any]]]]:
    """The number of matches and the counts by speaker name, kind and document; (None, {}) past the time limit."""
    built = match_sql(
        filters.q or None,
        filters.speaker or None,
        [filters.name] if filters.name else None,
        filters.kind or None,
        filters.doc or None,
        False,
        archive.every_record_current(),  # then no row's versions need reading
    )
    if built is None:
        return 0, {}
    source, where, params, _ = built
    top = f"ORDER BY 3 DESC, 2 LIMIT {FACET_VALUES}"
    # One pass over the matches (the CTE is read four times, so SQLite materializes it once).
    sql = f"""WITH m AS (SELECT q.speaker_name AS name, q.kind AS kind, q.doc_id AS doc FROM {source} {where})
        SELECT 'total', NULL, COUNT(*) FROM m
        UNION ALL SELECT * FROM (SELECT 'name', name, COUNT(*) FROM m GROUP BY name {top})
        UNION ALL SELECT * FROM (SELECT 'kind', kind, COUNT(*) FROM m GROUP BY kind {top})
        UNION ALL SELECT * FROM (SELECT 'doc', doc, COUNT(*) FROM m GROUP BY doc {top})"""
    deadline = time.monotonic() + FACET_TIME_LIMIT_S
    archive.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
    try:
        rows = archive.conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as err:
        if "interrupt" not in str(err).lower():
            raise
        return None, {}
    finally:
        archive.conn.set_progress_handler(None, 0)
    total = 0
    facets: dict[str, list[dict[str, Any]]] = {"name": [], "kind": [], "doc": []}
    for facet, value, count in rows:
        if facet == "total":
            total = int(count)
            continue
        selected = {"name": filters.name, "kind": filters.kind, "doc": filters.doc}[facet] == value
        href = None
        if value is not None:
            change = {facet: "" if selected else value}
            if facet == "name":
                change["speaker"] = ""
            href = f"{base}?{filters.query(**change)}"
        label = value if value is not None else "(no canonical name)"
        facets[facet].append({"value": label, "count": int(count), "href": href, "selected": selected})
    return total, facets


def search_page(path: str | Path, filters: Filters, base: str) -> dict[str, Any]:
    """The search page's context: hits (bm25 for words, else by confidence), total, facets. With no search
    at all, only the form: facets over a whole archive of millions of quotes would not be counted in time."""
    if filters.empty:
        return {"hits": [], "total": None, "facets": {}, "filters": filters, "kinds": KINDS, "landing": True}
    with _reading(path) as archive:
        hits = archive.search(
            filters.q or None,
            speaker=filters.speaker or None,
            speaker_names=[filters.name] if filters.name else None,
            kind=filters.kind or None,
            doc_id=filters.doc or None,
            limit=PAGE_SIZE,
        )
        total, facets = _facets(archive, filters, base)
        views = [hit_view(archive, h, base, filters) for h in hits]
    return {"hits": views, "total": total, "facets": facets, "filters": filters, "kinds": KINDS, "landing": False}


def article_page(path: str | Path, doc_id: str, version: int | None, base: str) -> str | None:
    """The audit report of one document version (the current one by default) with a bar back to the
    workbench; None when the archive has no such document."""
    with _reading(path) as archive:
        if not archive.has_document(doc_id):
            return None
        hits = archive.search(doc_id=doc_id, all_versions=version is not None, limit=None)
        if version is not None:
            hits = [h for h in hits if h.version == version]
        sha = hits[0].text_sha256 if hits else None
        text = archive.source(doc_id, sha) if sha else archive.source(doc_id)
    records = [h.record for h in sorted(hits, key=lambda h: (h.content.start, h.content.end))]
    shown = f"version {hits[0].version} of {hits[0].versions}" if hits else "no records"
    page = build_report(records, {doc_id: text} if text is not None else {}, title=f"{doc_id} ({shown})")
    bar = (
        '<nav class="workbench-bar" style="padding:8px 28px;background:#1d2330;color:#fff;font-size:14px">'
        f'<a href="{html.escape(base)}" style="color:#fff">← Quote workbench</a> · '
        f'<a href="{html.escape(base)}?{html.escape(urllib.parse.urlencode({"doc": doc_id}))}" style="color:#fff">'
        "every quote of this document</a> · click a highlight for its evidence</nav>"
    )
    return page.replace("<body>", "<body>" + bar, 1)


def check_page(path: str | Path, claim: str, speaker: str, base: str) -> dict[str, Any]:
    """The claim-check page's context: ``quotes check``'s verdict and its evidence, each linked to its article."""
    if not claim:
        return {"claim": "", "speaker": speaker, "result": None}
    with _reading(path) as archive:
        result = check_claim(archive, claim, speaker=speaker or None, limit=5)
        filters = Filters()
        evidence = [
            {
                **hit_view(archive, ev.hit, base, filters),
                "level": ev.level,
                "similarity": ev.similarity,
                "differences": [d.describe() for d in ev.differences],
            }
            for ev in result.evidence
        ]
        others = [
            {
                **hit_view(archive, ev.hit, base, filters),
                "level": ev.level,
                "similarity": ev.similarity,
                "differences": [d.describe() for d in ev.differences],
            }
            for ev in result.others
        ]
    return {"claim": claim, "speaker": speaker, "result": result, "evidence": evidence, "others": others}
