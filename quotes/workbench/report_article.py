"""One article of the audit report: its text with the quotes' spans highlighted, and its panel of quotes.

Spans may overlap (a speaker inside a mixed quote, two records over the same words): the text is cut at
every span boundary into flat segments, each carrying the keys of all spans over it, so the markup never
nests across spans.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from quotes.workbench.archive_search import NO_SPEAKER
from quotes.workbench.report_speakers import colour_style, speaker_key

_SURROGATES = re.compile("[\ud800-\udfff]")


def escape_html(text: Any) -> str:
    """Escape for HTML text and attributes; lone surrogates (not encodable) become U+FFFD, same length."""
    return html.escape(_SURROGATES.sub("\ufffd", str(text)), quote=True)


def slices(text: str, span: Mapping[str, Any] | None) -> bool:
    """True when the record span ``{start, end, text}`` is exactly ``text[start:end]``."""
    if not span:
        return False
    start, end = span.get("start"), span.get("end")
    return (
        isinstance(start, int)
        and isinstance(end, int)
        and 0 <= start <= end <= len(text)
        and text[start:end] == span.get("text")
    )


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


class ReportDoc:
    """One document of the report: its text (None when not given), its records, and their hash check."""

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
        self.shown = [text is not None and slices(text, r.get("content")) for r in records]

    def key(self, n: int) -> str:
        return f"{self.index}:{n}"

    def anchor(self, n: int) -> str:
        return f"q-{self.index}-{n}"


def badge_html(doc: ReportDoc) -> str:
    if doc.status == "matches":
        return '<span class="badge ok">✓ matches record hash</span>'
    if doc.status == "changed":
        had = ", ".join(h[:12] for h in doc.record_hashes)
        return (
            f'<span class="badge bad" title="records were made from text with sha256 {escape_html(had)}">'
            f"✗ text changed since extraction ({sum(doc.shown)} of {len(doc.records)} spans still match)</span>"
        )
    if doc.status == "no records":
        return '<span class="badge none">no records for this text</span>'
    return '<span class="badge none">source text not given</span>'


def article_html(doc: ReportDoc, hues: dict[str, int]) -> str:
    head = (
        f'<section class="doc" id="doc-{doc.index}" data-doc-id="{escape_html(doc.doc_id)}">'
        f'<h2>{escape_html(doc.doc_id)}</h2><p class="meta">{badge_html(doc)}'
        + (f" · read from <code>{escape_html(doc.source)}</code>" if doc.source and doc.source != doc.doc_id else "")
        + (f" · sha256 <code>{doc.sha}</code>" if doc.sha else "")
        + "</p>"
    )
    body = _text_html(doc, hues) if doc.text is not None else '<p class="missing">The source text was not given.</p>'
    return f'{head}<div class="cols"><div class="text-col">{body}</div>{_panel(doc, hues)}</div></section>'


def _text_html(doc: ReportDoc, hues: dict[str, int]) -> str:
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
            if not slices(text, span):
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
                f'data-quote-id="{escape_html(doc.records[n].get("quote_id"))}"></span>'
            )
        for role, key in empties.get(offset, ()):
            out.append(
                f'<span class="hl {role} empty" data-q="{key}" data-owner="{key}" '
                f'data-quote-id="{escape_html(records[key].get("quote_id"))}" style="{_style_of(records[key])}"></span>'
            )

    def _style_of(record: Mapping[str, Any]) -> str:
        return colour_style(hues.get(speaker_key(record), -1))

    for start, end, active in _segments(text, spans, [*anchors, *empties]):
        markers(start)
        piece = escape_html(text[start:end])
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
            f'data-quote-id="{escape_html(quote_ids)}" style="{_style_of(record)}" '
            f'title="{escape_html(_tooltip(record))}">{piece}</span>'
        )
    markers(len(text))
    out.append("</div>")
    return "".join(out)


def _panel(doc: ReportDoc, hues: dict[str, int]) -> str:
    groups: dict[str, list[int]] = defaultdict(list)
    for n, r in enumerate(doc.records):
        groups[speaker_key(r)].append(n)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == NO_SPEAKER, -len(kv[1]), kv[0].lower()))
    out = [
        f'<nav class="panel" aria-label="quotes in {escape_html(doc.doc_id)}">'
        f"<h3>{len(doc.records)} quotes by speaker</h3>"
    ]
    if not doc.records:
        out.append('<p class="missing">No records for this document.</p>')
    for key, ns in ordered:
        style = colour_style(hues.get(key, -1))
        out.append(
            f'<div class="group" style="{style}"><h4><span class="chip"></span>{escape_html(key)} '
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
                f"<li>{link}<b>{escape_html(r.get('quote_id'))}</b> <i>{escape_html(r.get('kind'))}</i>"
                + (f" <span class='how'>{escape_html(how)}</span>" if how else "")
                + f" {escape_html(short)}{end}"
                + ("" if doc.shown[n] else ' <em class="warn">not shown: offsets do not match this text</em>')
                + "</li>"
            )
        out.append("</ol></div>")
    out.append("</nav>")
    return "".join(out)
