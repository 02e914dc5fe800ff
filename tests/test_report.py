"""The HTML audit report, read as HTML and opened in a real headless Chromium.

Chromium comes from Debian (``apt-get install -y chromium``); without a chromium binary the browser
tests skip and say so, the others still run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.text.digest import text_sha256
from quotes.workbench.report import build_report

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"
GUM = sorted(str(p) for p in ARTICLES.glob("GUM_news_*.txt"))
SEED = ARTICLES / "000_a59417acd8045365.txt"
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source", "area", "base", "embed", "param", "track"}
SVG_EMPTY = {"rect", "path", "circle", "line"}


class Page(HTMLParser):
    """The elements of a page (tag, attributes), the text inside each ``.text`` div, and nesting errors."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.texts: dict[str, str] = {}  # doc_id -> the text of its .text div, unescaped
        self._doc: str | None = None
        self._in_text = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attrs))
        if tag == "section" and "data-doc-id" in attrs:
            self._doc = attrs["data-doc-id"]
        if self._in_text:
            self._in_text += 1
        elif tag == "div" and attrs.get("class") == "text":
            self._in_text = 1
            self.texts[self._doc] = ""
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        if self._in_text:
            self._in_text -= 1

    def handle_data(self, data):
        if self._in_text:
            self.texts[self._doc] += data

    def find(self, tag=None, **attrs) -> list[dict[str, str]]:
        out = []
        for t, a in self.elements:
            if tag is not None and t != tag:
                continue
            if all(a.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                out.append(a)
        return out


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    binary = chromium()
    if binary is None:
        pytest.skip("no chromium binary on PATH (install Debian's chromium: apt-get install -y chromium)")
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,2000",
        *extra,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def gum_records(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "gum.jsonl"
    assert main(["extract", "--parser", "conllu", *GUM, "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def gum_report(gum_records, tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("page") / "report.html"
    assert main(["report", str(gum_records), *GUM, "-o", str(page)]) == 0
    return page


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def keys_by_record(page: Page) -> dict[tuple[str, str], str]:
    """(doc_id, quote_id) -> the report's key for that record, from the anchors."""
    out = {}
    doc = None
    for tag, attrs in page.elements:
        if tag == "section" and "data-doc-id" in attrs:
            doc = attrs["data-doc-id"]
        if attrs.get("class") == "qa":
            out[(doc, attrs["data-quote-id"])] = attrs["data-key"]
    return out


def assert_every_quote_highlighted(page: Page, records: list[dict]) -> None:
    keys = keys_by_record(page)
    highlights = [a for _, a in page.elements if "hl" in a.get("class", "").split()]
    for record in records:
        key = keys.get((record["doc_id"], record["quote_id"]))
        assert key is not None, f"no anchor for {record['doc_id']} {record['quote_id']}"
        mine = [a for a in highlights if key in a["data-q"].split()]
        assert mine, f"no highlight for {record['quote_id']}"
        assert any(record["quote_id"] in a["data-quote-id"].split() for a in mine)
        roles = {c for a in mine for c in a["class"].split()}
        assert "content" in roles
        assert ("speaker" in roles) == (
            record["speaker"] is not None and record["speaker"]["end"] > record["speaker"]["start"]
        )
        assert ("cue" in roles) == (record["cue"] is not None)


def test_report_shows_every_quote_in_its_text(gum_records, gum_report, capsys):
    records = load(gum_records)
    html = gum_report.read_text(encoding="utf-8")
    page = Page(html)
    assert page.errors == [] and page.stack == []
    # Each article's text, read back from the page, is the source text exactly (escaping undone).
    for path in GUM:
        assert page.texts[path] == Path(path).read_text(encoding="utf-8")
    assert_every_quote_highlighted(page, records)
    assert html.count("✓ matches record hash") >= len(GUM)
    # A panel entry per quote, linking to its anchor.
    anchors = {a["id"] for a in page.find("span", **{"class": "qa"})}
    links = [a for a in page.find("a") if a.get("data-key")]
    assert len(links) == len(records) and {a["href"][1:] for a in links} == anchors
    # One colour per canonical speaker: every highlight of a speaker has the same style.
    styles: dict[str, set[str]] = {}
    data = json.loads(re.search(r'<script id="quote-data" type="application/json">(.*?)</script>', html, re.S)[1])
    for attrs in page.elements:
        a = attrs[1]
        if "hl" in a.get("class", "").split():
            q = data[a["data-owner"]]
            styles.setdefault(q["speaker_name"] or q["speaker"] or "", set()).add(a["style"])
    assert all(len(s) == 1 for s in styles.values())
    # The chart: one bar per speaker shown.
    assert "<svg" in html and "Quotes per speaker" in html
    assert len(page.find("rect")) >= 5


def test_report_is_self_contained(gum_report):
    html = gum_report.read_text(encoding="utf-8")
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"\bsrc\s*=", html)
    assert not re.search(r"url\(|@import", html)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert re.findall(r"https?://[^\s\"'<]+", html.split("<main>")[0]) == ["http://www.w3.org/2000/svg"]


def test_overlapping_spans_and_markup_in_the_text():
    text = 'He said <b>"A & B" are </script> "fine"</b> & she said: "no, not <i>fine</i>," said Ann Lee.\n'
    sha = text_sha256(text)

    def span(sub, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(sub, start + 1)
        return {"start": start, "end": start + len(sub), "text": sub}

    def record(qid, content, speaker=None, cue=None, name=None):
        return {
            "doc_id": "doc<1>",
            "quote_id": qid,
            "kind": "direct",
            "content": content,
            "speaker": speaker,
            "speaker_name": name,
            "cue": cue,
            "confidence": 0.9,
            "evidence": {"rule": "quote-cue", "path": ["ccomp(said, fine)"], "notes": ["<script>alert(1)</script>"]},
            "provenance": {"parser": "test", "model": "none", "quotes_version": "0", "text_sha256": sha},
        }

    records = [
        record("q1", span('<b>"A & B" are </script> "fine"</b> & she'), span("He"), span("said"), "Ann Lee"),
        record("q2", span('"fine"</b> & she said: "no'), span("she"), span("said", 1), "Bo <Ng>"),  # overlaps q1
        record("q3", span("not <i>fine</i>,"), span("Ann Lee"), span("said", 2), "Ann Lee"),
        record("q4", {"start": 5, "end": 5, "text": ""}, None, None, None),  # zero-length
    ]
    html = build_report(records, {"doc<1>": text})
    page = Page(html)
    assert page.errors == [] and page.stack == []
    assert page.texts["doc<1>"] == text
    assert (
        "<script>alert" not in html and "</script> " not in html.split("<main>")[1].split('<script id="quote-data"')[0]
    )
    assert_every_quote_highlighted(page, records)
    overlap = [a for _, a in page.elements if "overlap" in a.get("class", "").split()]
    assert overlap and all(len(a["data-q"].split()) > 1 for a in overlap)


def test_speakers_differing_only_in_case_are_one_speaker():
    text = 'City officials spoke. "We will reopen," the city said. "Soon," the City said. "No," Ann said.'
    sha = text_sha256(text)

    def record(qid, content, name):
        start = text.index(content)
        return {
            "doc_id": "d",
            "quote_id": qid,
            "kind": "direct",
            "content": {"start": start, "end": start + len(content), "text": content},
            "speaker": None,
            "speaker_name": name,
            "cue": None,
            "confidence": 0.9,
            "evidence": {"rule": "quote-cue", "path": [], "notes": []},
            "provenance": {"parser": "test", "model": "none", "quotes_version": "0", "text_sha256": sha},
        }

    records = [record("q1", "We will reopen,", "city"), record("q2", "Soon,", "City"), record("q3", "No,", "Ann")]
    html = build_report(records, {"d": text})
    assert "2 speakers" in html  # not three: "City" and "city" are one
    panel = html.split('aria-label="quotes in d"')[1]
    assert "City" in panel and not re.search(r">city\b", panel)
    # The records themselves are shown as written.
    data = json.loads(html.split('<script id="quote-data" type="application/json">')[1].split("</script>")[0])
    assert sorted(v["speaker_name"] for v in data.values()) == ["Ann", "City", "city"]


def test_changed_source_is_flagged_and_stale_spans_are_not_highlighted(gum_records, tmp_path, capsys):
    korea = str(ARTICLES / "GUM_news_korea.txt")
    records = [r for r in load(gum_records) if r["doc_id"] == korea]
    text = Path(korea).read_text(encoding="utf-8")
    cut = records[-1]["content"]["start"] - 1
    changed = tmp_path / "GUM_news_korea.txt"
    changed.write_text(text[:cut] + " [inserted]" + text[cut:], encoding="utf-8")
    jsonl = tmp_path / "korea.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    page_path = tmp_path / "report.html"
    assert main(["report", str(jsonl), str(changed), "-o", str(page_path)]) == 0
    assert "(record hash: 1 changed)" in capsys.readouterr().err
    html = page_path.read_text(encoding="utf-8")
    assert "✗ text changed since extraction" in html and "✓ matches record hash" not in html
    page = Page(html)
    shown = {k[1] for k in keys_by_record(page)}
    assert records[-1]["quote_id"] not in shown and records[0]["quote_id"] in shown
    assert "not shown: offsets do not match this text" in html


def test_report_in_chromium(gum_records, gum_report, tmp_path):
    records = load(gum_records)
    dom = run_chromium(tmp_path, gum_report.as_uri(), "--dump-dom").stdout
    page = Page(dom)
    assert page.errors == []
    assert_every_quote_highlighted(page, records)
    # The details box, opened on a quote by its link, shows its evidence (the script ran in the browser).
    first = records[0]
    key = keys_by_record(page)[(first["doc_id"], first["quote_id"])]
    anchor = "q-" + key.replace(":", "-")
    dom = run_chromium(tmp_path, f"{gum_report.as_uri()}#{anchor}", "--dump-dom").stdout
    details = re.search(r'<aside id="details"([^>]*)>(.*?)</aside>', dom, re.S)
    assert details and "hidden" not in details[1]
    assert first["quote_id"] in details[2] and first["evidence"]["rule"] in details[2]
    assert "text sha256" in details[2]
    # A screenshot is taken and is a real picture.
    png = tmp_path / "report.png"
    run_chromium(tmp_path, gum_report.as_uri(), f"--screenshot={png}")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


@pytest.mark.stanza
def test_seed_report_in_chromium(stanza_backend, tmp_path):
    from quotes.pipeline import Extractor

    text = SEED.read_text(encoding="utf-8")
    records = [r.to_dict() for r in Extractor(stanza_backend).extract(text, str(SEED))]
    jsonl = tmp_path / "seed.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    page_path = tmp_path / "seed.html"
    assert main(["report", str(jsonl), str(SEED), "-o", str(page_path)]) == 0
    page = Page(run_chromium(tmp_path, page_path.as_uri(), "--dump-dom").stdout)
    assert page.texts[str(SEED)] == text
    assert_every_quote_highlighted(page, records)
    assert any(name == "Ilham Aliyev" for name in (r["speaker_name"] for r in records))
