"""The HTML audit report: one self-contained page showing every quote in its article.

    >>> from quotes.workbench.report import build_report
    >>> html = build_report(records, {"corpus/articles/x.txt": text})     # doctest: +SKIP

The page needs nothing from outside: CSS, JavaScript and the SVG chart are inline, and it works
from a ``file://`` URL. For each source it shows:

* whether the text still matches the hash its records carry (``provenance.text_sha256``): only
  spans that still slice the text exactly are highlighted, the others are listed as not shown;
* the text, escaped, with content, speaker and cue spans highlighted from their offsets. Spans may
  overlap (a speaker inside a mixed quote, two records over the same words): the text is cut at
  every span boundary into flat segments, each carrying the keys of all spans over it, so the markup
  never nests across spans. The content of each quote has an anchor ``id="q-<doc>-<n>"`` with
  ``data-quote-id``;
* one colour per canonical speaker (the same in every article and in the chart);
* a panel of the article's quotes grouped by speaker; a click scrolls to the quote in the text;
* each quote's rule, dependency path, confidence, notes and provenance, as a tooltip on hover and
  in the details box on click.

Records whose document was not given as a source are listed at the end, without highlights.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from quotes.version import __version__
from quotes.workbench.archive_search import NO_SPEAKER
from quotes.workbench.report_article import ReportDoc, article_html, badge_html, escape_html, slices
from quotes.workbench.report_assets import CSS, JS
from quotes.workbench.report_speakers import merge_speaker_case, speaker_colours, speaker_key


def build_report(
    records: Iterable[Mapping[str, Any]],
    sources: Mapping[str, str],
    *,
    title: str = "Quote audit report",
    source_names: Mapping[str, str] | None = None,
) -> str:
    """The report page for ``records`` over ``sources`` (doc_id -> text), as one HTML string.

    Records are grouped by ``doc_id``; sources are shown in the order given, then any document that
    has records but no source. ``source_names`` gives the file each source was read from, for display.
    """
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_doc[str(record["doc_id"])].append(dict(record))
    for recs in by_doc.values():
        recs.sort(key=lambda r: (r["content"]["start"], r["content"]["end"]))
    doc_ids = list(sources) + [d for d in by_doc if d not in sources]
    docs = [
        ReportDoc(i, d, sources.get(d), by_doc.get(d, []), (source_names or {}).get(d, d if d in sources else None))
        for i, d in enumerate(doc_ids)
    ]
    merge_speaker_case(r for doc in docs for r in doc.records)
    counts = Counter(speaker_key(r) for doc in docs for r in doc.records)
    order = [k for k, _ in sorted(counts.items(), key=lambda kv: (kv[0] == NO_SPEAKER, -kv[1], kv[0].lower()))]
    hues = speaker_colours(order, ({speaker_key(r) for r in doc.records} for doc in docs))
    data: dict[str, Any] = {}
    for doc in docs:
        for n, r in enumerate(doc.records):
            evidence = r.get("evidence") or {}
            data[doc.key(n)] = {
                "doc": doc.doc_id,
                "quote_id": r.get("quote_id"),
                "kind": r.get("kind"),
                "speaker": (r.get("speaker") or {}).get("text"),
                "speaker_name": r.get("speaker_name"),
                "cue": (r.get("cue") or {}).get("text"),
                "content": (r.get("content") or {}).get("text"),
                "offsets": [r["content"]["start"], r["content"]["end"]],
                "confidence": r.get("confidence"),
                "flags": r.get("flags") or [],
                "rule": evidence.get("rule"),
                "path": evidence.get("path") or [],
                "notes": evidence.get("notes") or [],
                "speaker_chain": [s.get("text") for s in evidence.get("speaker_chain") or []],
                "provenance": r.get("provenance") or {},
                "shown": doc.shown[n],
                "anchor": doc.anchor(n),
            }
    total = sum(len(d.records) for d in docs)
    shown = sum(sum(d.shown) for d in docs)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape_html(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        '<header class="top">',
        f"<h1>{escape_html(title)}</h1>",
        f'<p class="summary">{_n(len([d for d in docs if d.text is not None]), "source")}, {_n(total, "quote")} '
        f"({shown} highlighted), {_n(len([k for k in counts if k != NO_SPEAKER]), 'speaker')} · made by quotes "
        f"{escape_html(__version__)} · hover a highlight for its evidence, click it for details; click a quote in a "
        "panel to find it in the text.</p>",
        '<div class="overview">',
        _chart(counts, order, hues),
        _status_table(docs),
        "</div></header>",
        "<main>",
    ]
    for doc in docs:
        parts.append(article_html(doc, hues))
    parts += [
        "</main>",
        '<aside id="details" class="details" hidden><button type="button" class="close" aria-label="close">×</button>'
        '<div class="body"></div></aside>',
        f'<script id="quote-data" type="application/json">{_json_for_script(data)}</script>',
        f"<script>{JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _status_table(docs: list[ReportDoc]) -> str:
    rows = []
    for doc in docs:
        badge = badge_html(doc)
        sha = doc.sha[:12] if doc.sha else "—"
        rows.append(
            f'<tr><td><a href="#doc-{doc.index}">{escape_html(doc.doc_id)}</a></td><td>{len(doc.records)}</td>'
            f"<td><code>{sha}</code></td><td>{badge}</td></tr>"
        )
    return (
        '<table class="status"><caption>Sources and their record hashes</caption>'
        "<thead><tr><th>document</th><th>quotes</th><th>text sha256</th><th>record hash</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _chart(counts: Counter[str], order: list[str], hues: dict[str, int], top: int = 14) -> str:
    """Quotes per speaker as a horizontal inline-SVG bar chart (the most quoted ``top``, then the rest)."""
    rows = [(k, counts[k]) for k in order[:top]]
    rest = [counts[k] for k in order[top:]]
    if not rows:
        return '<p class="chart-empty">No quotes.</p>'
    label_w, bar_w, row_h = 250, 300, 22
    height = row_h * len(rows) + 30 + (row_h if rest else 0)
    biggest = max(n for _, n in rows)
    out = [
        f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 50} {height}" '
        f'width="{label_w + bar_w + 50}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Quotes per speaker</title>",
        '<text x="0" y="14" class="chart-title">Quotes per speaker</text>',
    ]
    for i, (key, n) in enumerate(rows):
        y = 24 + i * row_h
        w = max(2, round(bar_w * n / biggest))
        hue = hues.get(key, -1)
        fill = "hsl(0 0% 70%)" if hue < 0 else f"hsl({hue} 65% 55%)"
        label = key if len(key) <= 36 else key[:35] + "…"
        out.append(
            f"<g><title>{escape_html(key)}: {n} quotes</title>"
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape_html(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" rx="3" fill="{fill}"/>'
            f'<text x="{label_w + w + 6}" y="{y + 15}">{n}</text></g>'
        )
    if rest:
        y = 24 + len(rows) * row_h + 15
        each = f"{min(rest)}–{max(rest)}" if min(rest) != max(rest) else f"{rest[0]}"
        out.append(
            f'<text x="{label_w}" y="{y}" class="chart-rest">+ {len(rest)} more speakers, {sum(rest)} quotes '
            f"({each} each)</text>"
        )
    out.append("</svg>")
    return "".join(out)


def summarize(records: list[dict[str, Any]], sources: Mapping[str, str]) -> str:
    """One line on what a report shows: sources, quotes highlighted, and the hash check per source."""
    from quotes.text.digest import text_sha256

    by_doc: dict[str, set[str]] = defaultdict(set)
    for r in records:
        by_doc[str(r["doc_id"])].add((r.get("provenance") or {}).get("text_sha256", ""))
    status: Counter[str] = Counter()
    for doc_id, text in sources.items():
        hashes = by_doc.get(doc_id)
        status["match" if hashes == {text_sha256(text)} else ("changed" if hashes else "no records")] += 1
    shown = sum(
        1 for r in records if str(r["doc_id"]) in sources and slices(sources[str(r["doc_id"])], r.get("content"))
    )
    missing = len({str(r["doc_id"]) for r in records} - set(sources))
    checks = ", ".join(f"{status[k]} {k}" for k in ("match", "changed", "no records") if status[k])
    parts = [f"{_n(len(sources), 'source')} (record hash: {checks or 'none'})"]
    parts.append(f"{_n(len(records), 'quote')}, {shown} highlighted")
    if missing:
        parts.append(f"{_n(missing, 'document')} without source text")
    return ", ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
