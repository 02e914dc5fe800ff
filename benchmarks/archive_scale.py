"""The archive at scale: build an archive of about a million quote records and time what a fact-checker does.

    python benchmarks/archive_scale.py                   # 100,000 documents, ~1M records; writes RESULTS.md
    python benchmarks/archive_scale.py --docs 2000 --out -   # a small run, printed only

Documents are generated from the corpus: the GUM news articles' texts and the records that
``Extractor("conllu")`` (gold trees) finds in them. Each generated document is one article, or two
joined by a blank line (a third of them, so that documents hold ten records on average), under a
header line of its own ("Story 004711 · 2019-03-02"), so every document has a text and a hash of its
own and every record's offsets are moved by the header, exactly. Canonical speaker names are remapped
per document onto a pool of names recombined from the corpus's own name parts, drawn with a Zipf
law (a few speakers are quoted very often, most rarely), as in a news archive. The mentions in the text
stay what they are.

What is measured, each in the way the tool is used:

* ``quotes index``: the records as JSONL files and the texts as JSONL ``{id, text}`` files, loaded by
  the command itself (``quotes.cli.main``), timed end to end; then the file size;
* ``Archive.search`` latency, median and p95 over many queries of each kind: a speaker (a name or
  surname of the pool, frequent and rare alike), a word, a phrase (three or four consecutive words of
  a quote: all must occur), limit 20 as ``quotes search`` does;
* the workbench (``datasette`` with the plugin, on a loopback port): the time to the last byte of its
  search page for the same kinds of queries, of an article page and of a claim-check page.

The figures go into ``benchmarks/RESULTS.md`` as the section ``## Archive at scale``, replacing an
earlier one; the rest of the file (``benchmarks/run.py``'s) is kept.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.records import CONTEXT_CHARS, KINDS  # noqa: E402
from quotes.text.digest import text_sha256  # noqa: E402

ARTICLES = ROOT / "corpus" / "articles"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## Archive at scale"
NAME_POOL = 20_000
# The top name gets about 3% of the named quotes, as a head of government might in a national archive.
ZIPF_S = 0.8
# quotes index reads files of at most 64 MiB (quotes.run.inputs.MAX_BYTES): about 46 MiB of records each.
DOCS_PER_FILE = 2_500


def corpus() -> list[tuple[str, list[dict[str, Any]]]]:
    """(text, records as dicts) of every GUM news article that has records, from the gold trees."""
    from quotes.pipeline import Extractor

    extractor = Extractor("conllu", path=str(ARTICLES))
    out = []
    for path in sorted(ARTICLES.glob("GUM_news_*.txt")):
        text = path.read_text(encoding="utf-8")
        records = [r.to_dict() for r in extractor.extract(text, str(path))]
        if records:
            out.append((text, records))
    return out


def _shift(obj: Any, delta: int) -> Any:
    """A copy of a record's data with every span's start and end moved by ``delta``."""
    if isinstance(obj, dict):
        moved = {k: _shift(v, delta) for k, v in obj.items()}
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and "text" in obj:
            moved["start"], moved["end"] = obj["start"] + delta, obj["end"] + delta
        return moved
    if isinstance(obj, list):
        return [_shift(v, delta) for v in obj]
    return obj


def name_pool(articles: list[tuple[str, list[dict[str, Any]]]], size: int, rng: random.Random) -> list[str]:
    """``size`` distinct person names recombined from the corpus's first names and surnames."""
    firsts, lasts = set(), set()
    for _, records in articles:
        for r in records:
            parts = (r.get("speaker_name") or "").split()
            if len(parts) >= 2 and all(p[:1].isupper() and p.isalpha() for p in parts):
                firsts.add(parts[0])
                lasts.add(parts[-1])
    firsts_l, lasts_l = sorted(firsts), sorted(lasts)
    names: set[str] = set()
    while len(names) < min(size, len(firsts_l) * len(lasts_l) * 26):
        initial = f" {chr(65 + rng.randrange(26))}." if rng.random() < 0.5 else ""
        names.add(f"{rng.choice(firsts_l)}{initial} {rng.choice(lasts_l)}")
    return sorted(names)


def documents(articles: list[tuple[str, list[dict[str, Any]]]], docs: int, pool: list[str], seed: int = 17):
    """``docs`` generated documents, lazily, as (doc_id, text, records) (see the module docstring)."""
    rng = random.Random(seed)
    cum = list(itertools.accumulate(1 / (rank**ZIPF_S) for rank in range(1, len(pool) + 1)))
    for n in range(docs):
        picked = [rng.choice(articles)]
        if rng.random() < 1 / 3:
            picked.append(rng.choice(articles))
        day = f"20{10 + n % 12:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        text = f"Story {n:06d} · {day}\n\n"
        records = []
        names: dict[str, str] = {}
        for k, (body, recs) in enumerate(picked):
            if k:
                text += "\n\n"
            delta = len(text)
            text += body
            for r in recs:
                moved = _shift(r, delta)
                if moved.get("speaker_name"):
                    key = moved["speaker_name"]
                    if key not in names:
                        names[key] = rng.choices(pool, cum_weights=cum)[0]
                    moved["speaker_name"] = names[key]
                records.append(moved)
        doc_id = f"archive/{n:06d}.txt"
        sha = text_sha256(text)
        for i, r in enumerate(records, start=1):
            r["doc_id"], r["quote_id"] = doc_id, f"q{i}"
            r["provenance"] = {**r["provenance"], "text_sha256": sha}
            for key in ("content", "speaker", "cue"):
                span = r.get(key)
                if span:
                    span["prefix"] = text[max(0, span["start"] - CONTEXT_CHARS) : span["start"]]
                    span["suffix"] = text[span["end"] : span["end"] + CONTEXT_CHARS]
                    assert text[span["start"] : span["end"]] == span["text"]
        yield doc_id, text, records


def write_inputs(docs, folder: Path) -> tuple[list[str], list[str], int, int]:
    """The records and the texts as JSONL files of DOCS_PER_FILE documents each (what ``quotes index``
    reads): the record files, the text files, and the numbers of documents and records written."""
    record_files: list[str] = []
    text_files: list[str] = []
    n_docs = n_records = 0
    rec_out = src_out = None
    for doc_id, text, recs in docs:
        if n_docs % DOCS_PER_FILE == 0:
            for stream in (rec_out, src_out):
                if stream is not None:
                    stream.close()
            part = n_docs // DOCS_PER_FILE
            record_files.append(str(folder / f"quotes-{part:03d}.jsonl"))
            text_files.append(str(folder / f"texts-{part:03d}.jsonl"))
            rec_out = open(record_files[-1], "w", encoding="utf-8")  # noqa: SIM115 - one file per part
            src_out = open(text_files[-1], "w", encoding="utf-8")  # noqa: SIM115
        assert rec_out is not None and src_out is not None
        for r in recs:
            rec_out.write(json.dumps(r, ensure_ascii=False) + "\n")
        src_out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        n_docs += 1
        n_records += len(recs)
    for stream in (rec_out, src_out):
        if stream is not None:
            stream.close()
    return record_files, text_files, n_docs, n_records


def queries(articles: list[tuple[str, list[dict[str, Any]]]], pool: list[str], n: int, rng: random.Random):
    """``n`` queries of each kind: speaker, word, phrase (see the module docstring)."""
    cum = list(itertools.accumulate(1 / (rank**ZIPF_S) for rank in range(1, len(pool) + 1)))
    speakers = []
    for k in range(n):
        # Half drawn as the archive's quotes are (the often quoted come up often), half uniformly (the
        # rarely quoted); one in three by surname only.
        name = rng.choices(pool, cum_weights=cum)[0] if k % 2 == 0 else rng.choice(pool)
        speakers.append(name.split()[-1] if k % 3 == 0 else name)
    contents = [r["content"]["text"] for _, recs in articles for r in recs]
    words_in = [w for c in contents for w in re.findall(r"[A-Za-z]{5,}", c)]
    words = [rng.choice(words_in) for _ in range(n)]
    phrases: list[str] = []
    while len(phrases) < n:
        tokens = re.findall(r"\w+", rng.choice(contents))
        if len(tokens) >= 5:
            size = rng.choice((3, 4))
            start = rng.randrange(len(tokens) - size + 1)
            phrases.append(" ".join(tokens[start : start + size]))
    return {"speaker": speakers, "word": words, "phrase": phrases}


def _stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": 1000 * statistics.median(ordered), "p95_ms": 1000 * p95, "max_ms": 1000 * ordered[-1]}


def time_search(db: Path, kinds: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """``Archive.search`` (limit 20, as ``quotes search``) per query kind: latency and how many quotes match."""
    from quotes.workbench.archive import Archive
    from quotes.workbench.archive_search import match_sql

    out = {}
    with Archive(db, read_only=True) as archive:
        archive.search("said", limit=20)  # the first query reads the schema
        for kind, items in kinds.items():
            times, cpu, matches = [], [], []
            for q in items:
                started, started_cpu = time.perf_counter(), time.process_time()
                _ = archive.search(speaker=q, limit=20) if kind == "speaker" else archive.search(q, limit=20)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            for q in items[:50]:
                built = match_sql(None, q, None, None, None, False, False) if kind == "speaker" else None
                built = built or match_sql(q, None, None, None, None, False, False)
                source, where, params, _ = built
                matches.append(archive.conn.execute(f"SELECT COUNT(*) FROM {source} {where}", params).fetchone()[0])
            cpu_ms = {f"cpu_{k}": v for k, v in _stats(cpu).items()}
            out[kind] = {**_stats(times), **cpu_ms, "queries": len(items), "median_matches": statistics.median(matches)}
    return out


def _get(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        status = response.status
    return time.perf_counter() - started, status


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc (0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_workbench(db: Path, kinds: dict[str, list[str]], n_docs: int, n_pages: int) -> dict[str, Any]:
    """Time to the last byte of the workbench's pages, from a ``datasette`` server on a loopback port, and
    the server's CPU time per page (its /proc counters over the pages of a kind, divided by their number)."""
    from tests.workbench_server import datasette_server

    out: dict[str, Any] = {}
    folder = Path(tempfile.mkdtemp(prefix="quotes-wb-"))
    try:
        with datasette_server(db, folder, start_timeout=300) as (root, _, pid):
            base = f"{root}/-/quotes/{db.stem}"

            def pages(name: str, urls: list[str]) -> None:
                before = _cpu_s(pid)
                times = [_get(url)[0] for url in urls]
                cpu = 1000 * (_cpu_s(pid) - before) / len(urls)
                out[name] = {**_stats(times), "pages": len(times), "cpu_mean_ms": cpu}

            _get(f"{base}?q=said")
            for kind, items in kinds.items():
                param = "speaker" if kind == "speaker" else "q"
                pages(f"search page, {kind}", [f"{base}?{urllib.parse.urlencode({param: q})}" for q in items[:n_pages]])
            pages("search page, a kind only (a third of the archive)", [f"{base}?kind={k}" for k in KINDS * 3])
            pages("search page, no search yet (the form)", [base] * 5)
            sample = random.Random(5).sample(range(n_docs), min(n_pages, n_docs))
            docs = [urllib.parse.urlencode({"doc": f"archive/{k:06d}.txt"}) for k in sample]
            pages("article page", [f"{base}/article?{doc}" for doc in docs])
            claims = [f"{name} said the government would not change its plans" for name in kinds["speaker"][:10]]
            pages("claim-check page", [f"{base}/check?{urllib.parse.urlencode({'claim': c})}" for c in claims])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def build(folder: Path, n_docs: int) -> dict[str, Any]:
    """Generate the documents, write them as JSONL, index them with ``quotes index``; what it took."""
    from quotes.cli import main

    started = time.perf_counter()
    articles = corpus()
    pool = name_pool(articles, NAME_POOL, random.Random(17))
    record_files, text_files, docs, records = write_inputs(documents(articles, n_docs, pool), folder)
    generated = time.perf_counter() - started
    db = folder / "archive.sqlite"
    empty = folder / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    quiet = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(quiet):
        assert main(["index", *record_files, "--db", str(db)]) == 0
    records_s = time.perf_counter() - started
    started = time.perf_counter()
    with contextlib.redirect_stdout(quiet):
        assert main(["index", str(empty), "--db", str(db), "--sources", *text_files]) == 0
    sources_s = time.perf_counter() - started
    inputs = sum(os.path.getsize(f) for f in record_files + text_files)
    figures = {
        "docs": docs,
        "records": records,
        "generate_s": generated,
        "index_records_s": records_s,
        "index_sources_s": sources_s,
        "input_mb": inputs / 2**20,
        "db_mb": db.stat().st_size / 2**20,
        "summary": quiet.getvalue().strip().splitlines()[-1],
        "built": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load": os.getloadavg()[0],
    }
    (folder / "build.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return {**figures, "db": db, "articles": articles, "pool": pool}


# The parts of a record's row that part_costs weighs, as SQL on the quotes table.
ROW_PARTS = {
    "record (the whole record as JSON)": "record",
    "content (copy of the quoted text)": "content",
    "sentence (copy of the evidence sentence)": "sentence",
    "speaker, speaker_name, cue": "COALESCE(speaker, '') || COALESCE(speaker_name, '') || COALESCE(cue, '')",
    "doc_id, text_sha256, quote_id, kind, rule, parser": "doc_id || text_sha256 || quote_id || kind || "
    "COALESCE(rule, '') || COALESCE(parser, '')",
}


def part_costs(db: Path) -> dict[str, Any]:
    """What each part of the archive costs per quote record: every table and index (SQLite's ``dbstat``:
    pages in use, of which unused bytes), and the main parts of a quote's row (bytes of its values)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        (records,) = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        objects = {
            name: {"bytes_per_record": size / records, "unused_per_record": unused / records}
            for name, size, unused in conn.execute(
                "SELECT name, SUM(pgsize), SUM(unused) FROM dbstat GROUP BY name ORDER BY 2 DESC"
            )
        }
        sample = min(records, 50_000)  # the rows are generated alike: a sample weighs the parts
        row = {}
        for label, expr in ROW_PARTS.items():
            (avg,) = conn.execute(
                f"SELECT AVG(LENGTH(CAST({expr} AS BLOB))) FROM (SELECT * FROM quotes LIMIT {sample})"
            ).fetchone()
            row[label] = avg or 0.0
        (text,) = conn.execute("SELECT SUM(LENGTH(CAST(text AS BLOB))) FROM versions").fetchone()
        row["source texts (versions.text), per record"] = (text or 0) / records
    finally:
        conn.close()
    return {"records": records, "page_size": page_size, "objects": objects, "row_parts": row}


def reuse(folder: Path) -> dict[str, Any]:
    """An archive built by an earlier run into ``folder`` (``--dir``), with that run's build figures."""
    figures = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    articles = corpus()
    pool = name_pool(articles, NAME_POOL, random.Random(17))
    return {**figures, "db": folder / "archive.sqlite", "articles": articles, "pool": pool}


def render_parts(parts: dict[str, Any]) -> list[str]:
    lines = [
        "",
        f"What a record costs (page size {parts['page_size']:,} bytes; `dbstat`: each table and index, per "
        "record; *of which unused*: the free bytes of its pages):",
        "",
        "| table or index | bytes per record | of which unused |",
        "|---|---:|---:|",
    ]
    for name, row in parts["objects"].items():
        if row["bytes_per_record"] >= 1:
            lines.append(f"| {name} | {row['bytes_per_record']:,.0f} | {row['unused_per_record']:,.0f} |")
    lines += ["", "| part of a quote's row (its values) | bytes per record |", "|---|---:|"]
    for label, size in parts["row_parts"].items():
        lines.append(f"| {label} | {size:,.0f} |")
    return lines


def render(built: dict[str, Any], search: dict[str, Any], pages: dict[str, Any], took: float, load: list[float]) -> str:
    from quotes.workbench.claims import SPEAKER_CANDIDATES

    index_s = built["index_records_s"] + built["index_sources_s"]
    lines = [
        HEADING,
        "",
        f"Written by `python benchmarks/archive_scale.py --docs {built['docs']}` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} in {took:.0f} s; 1-minute load average "
        f"{min(load):.1f}-{max(load):.1f} on {os.cpu_count()} cores (other work shared the machine).",
        "",
        f"Archive: {built['docs']:,} documents, {built['records']:,} quote records, generated from the corpus "
        f"(the GUM articles and their gold-tree records; speaker names recombined from the corpus's, Zipf s={ZIPF_S} "
        f"over {len(built['pool']):,} names; see the script's docstring) in {built['generate_s']:.0f} s, and "
        f"indexed on {built['built']} (load average {built['load']:.1f} then).",
        "",
        "| step | figure |",
        "|---|---:|",
        f"| `quotes index` records ({built['records']:,}, JSONL files of {DOCS_PER_FILE:,} documents) | "
        f"{built['index_records_s']:.0f} s ({built['records'] / built['index_records_s']:,.0f} records/s) |",
        f"| `quotes index --sources` texts ({built['docs']:,}, one transaction) | {built['index_sources_s']:.0f} s |",
        f"| index time, total | {index_s:.0f} s |",
        f"| input JSONL | {built['input_mb']:,.0f} MiB |",
        f"| archive file | {built['db_mb']:,.0f} MiB "
        f"({built['db_mb'] * 2**20 / built['records']:,.0f} bytes per record) |",
        *(render_parts(built["parts"]) if "parts" in built else []),
        "",
        "| `Archive.search`, limit 20 | queries | median ms | p95 ms | max ms | CPU median ms | CPU p95 ms "
        "| median matches | p95 < 100 ms (wall / CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for kind, row in search.items():
        ok = f"{_met(row['p95_ms'], 100)} / {_met(row['cpu_p95_ms'], 100)}"
        lines.append(
            f"| {kind} | {row['queries']} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} | {row['max_ms']:.1f} | "
            f"{row['cpu_median_ms']:.1f} | {row['cpu_p95_ms']:.1f} | {row['median_matches']:,.0f} | {ok} |"
        )
    lines += [
        "",
        "| workbench page (`datasette`, time to last byte) | pages | median ms | p95 ms | max ms | server CPU ms "
        "per page | p95 < 1 s |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in pages.items():
        target = _met(row["p95_ms"], 1000)
        lines.append(
            f"| {name} | {row['pages']} | {row['median_ms']:.0f} | {row['p95_ms']:.0f} | {row['max_ms']:.0f} "
            f"| {row['cpu_mean_ms']:.0f} | {target} |"
        )
    lines += [
        "",
        "- Queries: *speaker* a name of the pool or its surname (half drawn as often as the archive quotes them, "
        "half uniformly), through the FTS speaker column then the exact match by name parts; *word* one word of "
        "five letters or more from a quote; *phrase* three or four consecutive words of a quote, all required. "
        "*median matches* counts the current records a query matches (of its first 50 queries): the generated "
        "archive repeats 21 articles, so a word matches far more quotes than in an archive of distinct articles, "
        "and the latencies here are pessimistic for word and phrase queries.",
        "- Search pages count their facets (speaker, kind, document) over all matches, for at most "
        "`FACET_TIME_LIMIT_S` (0.4 s); past it the page shows the best 50 quotes and says the facets were not "
        "counted. A kind alone (every direct quote) is the case that reaches the limit; its best quotes come "
        "from the `quotes_kind_rank` index (the kind's quotes in confidence order), so the page reads 50 rows.",
        "- *CPU* is the process's CPU time for `Archive.search` (SQLite runs in it) and the server process's "
        "for a page: what the query costs, apart from waiting for a core. The load averages "
        "above say whether other work shared the machine; where it did, wall-clock times are longer.",
        "- The claim check scores the quotes of every name the claim's speaker can match "
        f"(`quotes.workbench.claims`), at most `SPEAKER_CANDIDATES` ({SPEAKER_CANDIDATES}): a speaker with more "
        "has those closest in words scored (the full-text index, bm25 on the quote's words), and the page says "
        "how many of how many. The generated name pool makes that common: a surname alone is shared by "
        "hundreds of the pool's recombined names (a real archive has a few people per surname). The claims "
        "are those of the speaker queries: '<name> said the government would not change its plans'.",
        f"- Last lines of `quotes index`: {built['summary']}",
        "",
    ]
    return "\n".join(lines)


def _met(value: float, limit: float) -> str:
    return "met" if value < limit else "missed"


def write_section(section: str, path: Path = RESULTS, heading: str = HEADING) -> None:
    """Put ``section`` in RESULTS.md in place of an earlier one (at the end when there is none)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if heading in text:
        before, _, after = text.partition(heading)
        rest = after.split("\n## ", 1)
        text = before.rstrip("\n") + "\n\n" + section + ("\n## " + rest[1] if len(rest) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000, help="documents to generate (default 100,000)")
    parser.add_argument("--queries", type=int, default=200, help="search queries of each kind (default 200)")
    parser.add_argument("--pages", type=int, default=50, help="workbench pages of each kind (default 50)")
    parser.add_argument("--dir", type=Path, help="build here and keep it (default: a temporary folder, removed)")
    parser.add_argument("--out", default=str(RESULTS), help="RESULTS.md to update, or - to print only")
    parser.add_argument("--reuse", action="store_true", help="time the archive an earlier run built in --dir")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load = [os.getloadavg()[0]]
    folder = args.dir or Path(tempfile.mkdtemp(prefix="quotes-archive-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        built = reuse(folder) if args.reuse and args.dir else build(folder, args.docs)
        built["parts"] = part_costs(built["db"])
        print(
            f"built {built['records']:,} records in {built['index_records_s'] + built['index_sources_s']:.0f} s",
            flush=True,
        )
        load.append(os.getloadavg()[0])
        kinds = queries(built["articles"], built["pool"], args.queries, random.Random(23))
        search = time_search(built["db"], kinds)
        print(json.dumps(search), flush=True)
        load.append(os.getloadavg()[0])
        pages = time_workbench(built["db"], kinds, built["docs"], args.pages)
        print(json.dumps(pages), flush=True)
        load.append(os.getloadavg()[0])
    finally:
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    section = render(built, search, pages, time.perf_counter() - started, load)
    print(section)
    if args.json:
        keep = {k: v for k, v in built.items() if k not in ("articles", "pool", "db")}
        figures = {"benchmark": "archive_scale", "built": keep, "search": search, "pages": pages, "load": load}
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    if args.out != "-":
        write_section(section, Path(args.out))
        print(f"updated {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
