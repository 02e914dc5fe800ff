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

import html
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from quotes.version import __version__

NO_SPEAKER = "(no speaker)"
# The palette (hues in degrees), the most distinct first.
_HUES = (210, 10, 130, 280, 40, 180, 330, 95, 245, 25, 160, 300, 60, 195, 350, 115)
_SURROGATES = re.compile("[\ud800-\udfff]")


def speaker_key(record: Mapping[str, Any]) -> str:
    """The speaker a record is grouped and coloured by: its canonical name, else its mention in quotes."""
    if record.get("speaker_name"):
        return str(record["speaker_name"])
    speaker = record.get("speaker")
    return f"“{speaker['text']}”" if speaker else NO_SPEAKER


def speaker_colours(keys: Iterable[str], together: Iterable[Iterable[str]] = ()) -> dict[str, int]:
    """A hue per speaker (the no-speaker group gets -1, grey), the same everywhere in the report.

    ``keys`` come most quoted first; ``together`` lists the speakers of each article. Each speaker takes
    the palette hue farthest from those of the speakers it shares an article with (then the least used
    overall), so the speakers of one article have distinct colours while the palette lasts.
    """
    neighbours: dict[str, set[str]] = defaultdict(set)
    for group in together:
        members = set(group)
        for key in members:
            neighbours[key] |= members - {key}
    hues: dict[str, int] = {}
    used: Counter[int] = Counter()
    for key in keys:
        if key in hues:
            continue
        if key == NO_SPEAKER:
            hues[key] = -1
            continue
        near = Counter(hues[k] for k in neighbours[key] if k in hues and hues[k] >= 0)

        def distance(h: int, near: Counter[int] = near) -> int:
            return min((min(abs(h - o), 360 - abs(h - o)) for o in near), default=180)

        hue = min(_HUES, key=lambda h: (near[h], -distance(h), used[h], _HUES.index(h)))
        hues[key] = hue
        used[hue] += 1
    return hues


def _e(text: Any) -> str:
    """Escape for HTML text and attributes; lone surrogates (not encodable) become U+FFFD, same length."""
    return html.escape(_SURROGATES.sub("\ufffd", str(text)), quote=True)


def _slices(text: str, span: Mapping[str, Any] | None) -> bool:
    if not span:
        return False
    start, end = span.get("start"), span.get("end")
    return (
        isinstance(start, int)
        and isinstance(end, int)
        and 0 <= start <= end <= len(text)
        and text[start:end] == span.get("text")
    )


def _colour_style(hue: int) -> str:
    if hue < 0:
        return "--bg:hsl(0 0% 88%);--fg:hsl(0 0% 30%)"
    return f"--bg:hsl({hue} 85% 87%);--fg:hsl({hue} 70% 32%)"


def _segments(
    text: str, spans: list[tuple[int, int, str, str]], cuts: Iterable[int] = ()
) -> list[tuple[int, int, list[tuple[int, int, str, str]]]]:
    """The text cut at every span boundary (and at ``cuts``): ``(start, end, spans over it)`` for each piece."""
    points = sorted({0, len(text), *cuts, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    pending = sorted((sp for sp in spans if sp[0] < sp[1]), key=lambda sp: sp[0])
    active: list[tuple[int, int, str, str]] = []
    out = []
    i = 0
    for a, b in itertools.pairwise(points):
        while i < len(pending) and pending[i][0] <= a:
            active.append(pending[i])
            i += 1
        # Every span end is a point, so a span still open at ``a`` covers the whole piece.
        active = [sp for sp in active if sp[1] > a]
        out.append((a, b, list(active)))
    return out


def _tooltip(record: Mapping[str, Any]) -> str:
    evidence = record.get("evidence") or {}
    prov = record.get("provenance") or {}
    cue = (record.get("cue") or {}).get("text")
    lines = [
        f"{record.get('quote_id')} · {record.get('kind')} · {speaker_key(record)}" + (f" · cue “{cue}”" if cue else ""),
        f"rule {evidence.get('rule')} · confidence {record.get('confidence')}",
    ]
    if evidence.get("path"):
        lines.append("path: " + "  ".join(evidence["path"]))
    lines.append(f"parser {prov.get('parser')} · model {prov.get('model')} · quotes {prov.get('quotes_version')}")
    return "\n".join(lines)


class _Doc:
    def __init__(self, index: int, doc_id: str, text: str | None, records: list[dict[str, Any]], source: str | None):
        from quotes.text.digest import text_sha256

        self.index = index
        self.doc_id = doc_id
        self.text = text
        self.records = records
        self.source = source
        self.sha = text_sha256(text) if text is not None else None
        self.record_hashes = sorted({(r.get("provenance") or {}).get("text_sha256", "") for r in records})
        if text is None:
            self.status = "no source"
        elif not records:
            self.status = "no records"
        elif self.record_hashes == [self.sha]:
            self.status = "matches"
        else:
            self.status = "changed"
        # A record is highlighted only when its content slices the text exactly.
        self.shown = [text is not None and _slices(text, r.get("content")) for r in records]

    def key(self, n: int) -> str:
        return f"{self.index}:{n}"

    def anchor(self, n: int) -> str:
        return f"q-{self.index}-{n}"


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
        _Doc(i, d, sources.get(d), by_doc.get(d, []), (source_names or {}).get(d, d if d in sources else None))
        for i, d in enumerate(doc_ids)
    ]
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
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        '<header class="top">',
        f"<h1>{_e(title)}</h1>",
        f'<p class="summary">{_n(len([d for d in docs if d.text is not None]), "source")}, {_n(total, "quote")} '
        f"({shown} highlighted), {_n(len([k for k in counts if k != NO_SPEAKER]), 'speaker')} · made by quotes "
        f"{_e(__version__)} · hover a highlight for its evidence, click it for details; click a quote in a "
        "panel to find it in the text.</p>",
        '<div class="overview">',
        _chart(counts, order, hues),
        _status_table(docs),
        "</div></header>",
        "<main>",
    ]
    for doc in docs:
        parts.append(_article(doc, hues))
    parts += [
        "</main>",
        '<aside id="details" class="details" hidden><button type="button" class="close" aria-label="close">×</button>'
        '<div class="body"></div></aside>',
        f'<script id="quote-data" type="application/json">{_json_for_script(data)}</script>',
        f"<script>{_JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _status_table(docs: list[_Doc]) -> str:
    rows = []
    for doc in docs:
        badge = _badge(doc)
        sha = doc.sha[:12] if doc.sha else "—"
        rows.append(
            f'<tr><td><a href="#doc-{doc.index}">{_e(doc.doc_id)}</a></td><td>{len(doc.records)}</td>'
            f"<td><code>{sha}</code></td><td>{badge}</td></tr>"
        )
    return (
        '<table class="status"><caption>Sources and their record hashes</caption>'
        "<thead><tr><th>document</th><th>quotes</th><th>text sha256</th><th>record hash</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _badge(doc: _Doc) -> str:
    if doc.status == "matches":
        return '<span class="badge ok">✓ matches record hash</span>'
    if doc.status == "changed":
        had = ", ".join(h[:12] for h in doc.record_hashes)
        return (
            f'<span class="badge bad" title="records were made from text with sha256 {_e(had)}">'
            f"✗ text changed since extraction ({sum(doc.shown)} of {len(doc.records)} spans still match)</span>"
        )
    if doc.status == "no records":
        return '<span class="badge none">no records for this text</span>'
    return '<span class="badge none">source text not given</span>'


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
            f"<g><title>{_e(key)}: {n} quotes</title>"
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{_e(label)}</text>'
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


def _article(doc: _Doc, hues: dict[str, int]) -> str:
    head = (
        f'<section class="doc" id="doc-{doc.index}" data-doc-id="{_e(doc.doc_id)}">'
        f'<h2>{_e(doc.doc_id)}</h2><p class="meta">{_badge(doc)}'
        + (f" · read from <code>{_e(doc.source)}</code>" if doc.source and doc.source != doc.doc_id else "")
        + (f" · sha256 <code>{doc.sha}</code>" if doc.sha else "")
        + "</p>"
    )
    body = _text_html(doc, hues) if doc.text is not None else '<p class="missing">The source text was not given.</p>'
    return f'{head}<div class="cols"><div class="text-col">{body}</div>{_panel(doc, hues)}</div></section>'


def _text_html(doc: _Doc, hues: dict[str, int]) -> str:
    text = doc.text or ""
    spans: list[tuple[int, int, str, str]] = []  # start, end, role, key
    anchors: dict[int, list[int]] = defaultdict(list)  # offset -> records whose content starts there
    empties: dict[int, list[tuple[str, str]]] = defaultdict(list)  # zero-length spans: offset -> (role, key)
    for n, r in enumerate(doc.records):
        if not doc.shown[n]:
            continue
        anchors[r["content"]["start"]].append(n)
        for role in ("content", "speaker", "cue"):
            span = r.get(role)
            if not _slices(text, span):
                continue
            if span["start"] == span["end"]:
                empties[span["start"]].append((role, doc.key(n)))
            else:
                spans.append((span["start"], span["end"], role, doc.key(n)))
    length = {doc.key(n): r["content"]["end"] - r["content"]["start"] for n, r in enumerate(doc.records)}
    records = {doc.key(n): r for n, r in enumerate(doc.records)}
    out = ['<div class="text">']

    def markers(offset: int) -> None:
        """The anchors of quotes starting here, and zero-length spans here (they have no text to hold)."""
        for n in anchors.get(offset, ()):
            out.append(
                f'<span class="qa" id="{doc.anchor(n)}" data-key="{doc.key(n)}" '
                f'data-quote-id="{_e(doc.records[n].get("quote_id"))}"></span>'
            )
        for role, key in empties.get(offset, ()):
            out.append(
                f'<span class="hl {role} empty" data-q="{key}" data-owner="{key}" '
                f'data-quote-id="{_e(records[key].get("quote_id"))}" style="{_style_of(records[key])}"></span>'
            )

    def _style_of(record: Mapping[str, Any]) -> str:
        return _colour_style(hues.get(speaker_key(record), -1))

    for start, end, active in _segments(text, spans, [*anchors, *empties]):
        markers(start)
        piece = _e(text[start:end])
        if not active:
            out.append(piece)
            continue
        keys = list(dict.fromkeys(k for _, _, _, k in active))
        roles = {role for _, _, role, _ in active}
        # The innermost quote whose content this is (else the one whose speaker or cue it is) gives the
        # colour and the tooltip.
        content_keys = [k for _, _, role, k in active if role == "content"]
        owner = min(content_keys or keys, key=lambda k: (length[k], k))
        record = records[owner]
        classes = ["hl", *sorted(roles)]
        if len(keys) > 1:
            classes.append("overlap")
        quote_ids = " ".join(str(records[k].get("quote_id")) for k in keys)
        out.append(
            f'<span class="{" ".join(classes)}" data-q="{" ".join(keys)}" data-owner="{owner}" '
            f'data-quote-id="{_e(quote_ids)}" style="{_style_of(record)}" title="{_e(_tooltip(record))}">{piece}</span>'
        )
    markers(len(text))
    out.append("</div>")
    return "".join(out)


def _panel(doc: _Doc, hues: dict[str, int]) -> str:
    groups: dict[str, list[int]] = defaultdict(list)
    for n, r in enumerate(doc.records):
        groups[speaker_key(r)].append(n)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == NO_SPEAKER, -len(kv[1]), kv[0].lower()))
    out = [f'<nav class="panel" aria-label="quotes in {_e(doc.doc_id)}"><h3>{len(doc.records)} quotes by speaker</h3>']
    if not doc.records:
        out.append('<p class="missing">No records for this document.</p>')
    for key, ns in ordered:
        style = _colour_style(hues.get(key, -1))
        out.append(
            f'<div class="group" style="{style}"><h4><span class="chip"></span>{_e(key)} '
            f"<small>{len(ns)}</small></h4><ol>"
        )
        for n in ns:
            r = doc.records[n]
            content = " ".join(str(r["content"]["text"]).split())
            short = content if len(content) <= 110 else content[:109] + "…"
            mention = (r.get("speaker") or {}).get("text")
            cue = (r.get("cue") or {}).get("text")
            how = " ".join(x for x in (f"“{mention}”" if mention and mention != key else "", cue or "") if x)
            if doc.shown[n]:
                link = f'<a href="#{doc.anchor(n)}" data-key="{doc.key(n)}">'
                end = "</a>"
            else:
                link, end = (
                    f'<span class="unshown" data-key="{doc.key(n)}" title="offsets do not match this text">',
                    "</span>",
                )
            out.append(
                f"<li>{link}<b>{_e(r.get('quote_id'))}</b> <i>{_e(r.get('kind'))}</i>"
                + (f" <span class='how'>{_e(how)}</span>" if how else "")
                + f" {_e(short)}{end}"
                + ("" if doc.shown[n] else ' <em class="warn">not shown: offsets do not match this text</em>')
                + "</li>"
            )
        out.append("</ol></div>")
    out.append("</nav>")
    return "".join(out)


def read_sources(paths: Iterable[str]) -> tuple[dict[str, str], dict[str, str], list[Exception]]:
    """Texts of the given source files (``quotes.run.inputs`` rules): doc_id -> text, doc_id -> path, errors."""
    from quotes.errors import InputError
    from quotes.run.inputs import read_documents

    texts: dict[str, str] = {}
    names: dict[str, str] = {}
    errors: list[Exception] = []
    for path in paths:
        for doc in read_documents(path):
            if isinstance(doc, InputError):
                errors.append(doc)
            else:
                texts[doc.doc_id] = doc.text
                names[doc.doc_id] = doc.source
    return texts, names, errors


def match_sources(
    records: list[dict[str, Any]], texts: dict[str, str], names: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Re-key sources by the doc_id their records use when the paths differ.

    A source whose doc_id no record has is matched to the records of the same text hash, else to the
    records whose doc_id names the same file (same resolved path, else same file name).
    """
    from quotes.text.digest import text_sha256

    record_ids = list(dict.fromkeys(str(r["doc_id"]) for r in records))
    by_hash: dict[str, set[str]] = defaultdict(set)
    for r in records:
        by_hash[(r.get("provenance") or {}).get("text_sha256", "")].add(str(r["doc_id"]))
    out_texts: dict[str, str] = {}
    out_names: dict[str, str] = {}
    taken = set(texts) & set(record_ids)
    for doc_id, text in texts.items():
        target = doc_id
        if doc_id not in record_ids:
            owners = sorted(by_hash.get(text_sha256(text), set()) - taken)
            if len(owners) == 1:
                target = owners[0]
            else:
                same = [d for d in record_ids if d not in taken and _same_file(d, doc_id)]
                if len(same) == 1:
                    target = same[0]
        taken.add(target)
        out_texts[target] = text
        out_names[target] = names.get(doc_id, doc_id)
    return out_texts, out_names


def _same_file(a: str, b: str) -> bool:
    pa, pb = Path(a), Path(b)
    try:
        if pa.resolve() == pb.resolve():
            return True
    except OSError:
        pass
    return pa.name == pb.name


_CSS = """
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--paper:#fbfbf8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 "DejaVu Sans",system-ui,sans-serif;color:var(--ink);background:var(--paper)}
header.top{padding:18px 28px 8px;border-bottom:1px solid var(--line);background:#fff}
h1{margin:0 0 4px;font-size:22px}
.summary{margin:0 0 10px;color:var(--muted)}
.overview{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.chart text{font-size:12px;fill:var(--ink)}
.chart .chart-title{font-weight:bold;font-size:13px}
.chart .chart-rest{fill:var(--muted)}
table.status{border-collapse:collapse;font-size:13px}
table.status caption{text-align:left;font-weight:bold;padding-bottom:4px}
table.status td,table.status th{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left}
main{padding:0 28px 40px}
section.doc{margin-top:26px;border-top:3px solid var(--ink);padding-top:8px}
section.doc h2{margin:4px 0;font-size:18px;word-break:break-all}
.meta{margin:0 0 10px;color:var(--muted);font-size:13px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:bold}
.badge.ok{background:#dcf3e0;color:#17622a}
.badge.bad{background:#fde2e1;color:#9b1c16}
.badge.none{background:#eceef2;color:#4a5263}
.cols{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:22px;align-items:start}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid var(--line);border-radius:6px;
  padding:16px 20px;font-family:"DejaVu Serif",Georgia,serif;font-size:15.5px;line-height:1.7}
.hl{cursor:pointer}
.hl.content{background:var(--bg);border-radius:2px}
.hl.speaker{color:var(--fg);font-weight:bold;border-bottom:2px solid var(--fg)}
.hl.cue{font-style:italic;border-bottom:2px dashed var(--fg)}
.hl.overlap{box-shadow:inset 0 -3px 0 rgba(0,0,0,.25)}
.hl.empty{display:inline-block;width:3px;height:1em;background:var(--fg,#888);vertical-align:middle}
.hl.flash{outline:3px solid #f2a900;outline-offset:1px}
.hl.selected{outline:2px solid var(--ink)}
.panel{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;background:#fff;border:1px solid var(--line);
  border-radius:6px;padding:8px 12px;font-size:13px}
.panel h3{margin:2px 0 6px;font-size:14px}
.group h4{margin:10px 0 2px;font-size:13px;color:var(--fg)}
.group h4 small{color:var(--muted);font-weight:normal}
.chip{display:inline-block;width:11px;height:11px;border-radius:3px;background:var(--bg);border:1px solid var(--fg);
  margin-right:6px;vertical-align:-1px}
.group ol{margin:0;padding-left:18px}
.group li{margin:2px 0}
.group a{color:inherit;text-decoration:none;display:block;padding:2px 4px;border-radius:3px}
.group a:hover{background:var(--bg)}
.group .how{color:var(--fg)}
.unshown{color:var(--muted)}
.warn{color:#9b1c16;font-size:12px}
.details{position:fixed;right:16px;bottom:16px;width:420px;max-height:60vh;overflow:auto;background:#fff;
  border:1px solid var(--ink);border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.2);padding:12px 14px;font-size:13px}
.details .close{position:absolute;right:8px;top:4px;border:0;background:none;font-size:20px;cursor:pointer}
.details dl{margin:0;display:grid;grid-template-columns:100px 1fr;gap:2px 8px}
.details dt{color:var(--muted)}
.details dd{margin:0;overflow-wrap:anywhere}
.details blockquote{margin:6px 0;padding-left:8px;border-left:3px solid var(--line);font-family:"DejaVu Serif",serif}
.missing{color:var(--muted)}
@media (max-width:900px){.cols{grid-template-columns:1fr}.panel{position:static;max-height:none}}
"""

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("quote-data").textContent);
  var box = document.getElementById("details");
  var body = box.querySelector(".body");
  function add(dl, term, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var dt = document.createElement("dt"); dt.textContent = term;
    var dd = document.createElement("dd");
    dd.textContent = Array.isArray(value) ? value.join("\n") : String(value);
    dd.style.whiteSpace = "pre-wrap";
    dl.appendChild(dt); dl.appendChild(dd);
  }
  function segments(key) {
    return Array.prototype.filter.call(document.querySelectorAll(".hl[data-q]"), function (el) {
      return el.getAttribute("data-q").split(" ").indexOf(key) >= 0;
    });
  }
  function show(key) {
    var q = data[key];
    if (!q) return;
    body.textContent = "";
    var h = document.createElement("h3");
    h.textContent = q.quote_id + " · " + q.kind + " · " + (q.speaker_name || q.speaker || "no speaker");
    body.appendChild(h);
    var bq = document.createElement("blockquote"); bq.textContent = q.content; body.appendChild(bq);
    var dl = document.createElement("dl");
    add(dl, "document", q.doc);
    add(dl, "offsets", q.offsets[0] + "–" + q.offsets[1]);
    add(dl, "speaker", q.speaker); add(dl, "name", q.speaker_name); add(dl, "cue", q.cue);
    add(dl, "confidence", q.confidence); add(dl, "rule", q.rule); add(dl, "path", q.path);
    add(dl, "name chain", q.speaker_chain); add(dl, "notes", q.notes); add(dl, "flags", q.flags);
    var p = q.provenance || {};
    add(dl, "parser", p.parser); add(dl, "model", p.model); add(dl, "quotes", p.quotes_version);
    add(dl, "text sha256", p.text_sha256);
    if (!q.shown) add(dl, "warning", "offsets do not match this text: not highlighted");
    body.appendChild(dl);
    box.hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll(".hl.selected"), function (el) {
      el.classList.remove("selected");
    });
    segments(key).forEach(function (el) { el.classList.add("selected"); });
  }
  function flash(key) {
    var els = segments(key);
    els.forEach(function (el) { el.classList.add("flash"); });
    setTimeout(function () { els.forEach(function (el) { el.classList.remove("flash"); }); }, 1600);
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest(".panel a[data-key], .panel .unshown[data-key]");
    if (link) {
      ev.preventDefault();
      var key = link.getAttribute("data-key");
      var q = data[key];
      var target = q && document.getElementById(q.anchor);
      if (target) {
        var first = segments(key)[0] || target;
        first.scrollIntoView({block: "center", behavior: "smooth"});
        history.replaceState(null, "", "#" + q.anchor);
        flash(key);
      }
      show(key);
      return;
    }
    var seg = ev.target.closest(".hl[data-q]");
    if (seg) { show(seg.getAttribute("data-owner") || seg.getAttribute("data-q").split(" ")[0]); return; }
    if (ev.target.closest(".details .close")) box.hidden = true;
  });
  var m = /^#(q-\d+-\d+)$/.exec(location.hash);
  if (m) {
    var anchor = document.getElementById(m[1]);
    if (anchor) {
      var key = anchor.getAttribute("data-key");
      var first = segments(key)[0] || anchor;
      first.scrollIntoView({block: "center"});
      show(key);
    }
  }
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") box.hidden = true; });
})();
"""


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
        1 for r in records if str(r["doc_id"]) in sources and _slices(sources[str(r["doc_id"])], r.get("content"))
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
