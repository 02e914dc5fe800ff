"""Tables in Markdown files written from a run's JSON, between markers, and checked against it.

A table in README.md or benchmarks/RESULTS.md that reports a run is never typed by hand. It stands
between two markers naming the table and the JSON file of the run it comes from::

    <!-- table:accuracy-corpus from:benchmarks/results/accuracy.json -->
    | part | parser | ... |
    <!-- /table -->

``python benchmarks/tables.py`` rewrites every such block from its JSON; ``--check`` changes nothing and
exits 1 naming each block that differs from what its JSON gives (``tests/test_readme.py`` runs the check,
so a table edited by hand, or a JSON rerun without rewriting the tables, fails the tests).

A table is rendered by the function registered for its name below (``RENDERERS``), or, for a name not
registered, from the JSON's own ``"tables"`` entry: ``{"tables": {"NAME": {"columns": [...], "align":
["left" | "right", ...], "rows": [[cell, ...], ...]}}}``, cells already formatted as they are to be shown.
That second form lets a benchmark script (benchmarks/run.py) hand over any table of its run as data.

    python benchmarks/tables.py [--check] [FILE.md ...]     # default: README.md benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FILES = (ROOT / "README.md", ROOT / "benchmarks" / "RESULTS.md")
BLOCK = re.compile(
    r"(?P<open><!-- table:(?P<name>[\w.-]+) from:(?P<source>\S+) -->\n)(?P<body>.*?)(?P<close><!-- /table -->)",
    re.S,
)


def _prf(counts: dict[str, Any]) -> str:
    return f"{counts['precision']:.3f} / {counts['recall']:.3f} / {counts['f1']:.3f}"


def accuracy_corpus(data: dict[str, Any]) -> list[str]:
    """Every part of the corpus with every parser (benchmarks/accuracy.py's ``corpus``)."""
    lines = [
        "| part | docs | parser | quotes P / R / F1 | attribution P / R / F1 | direct | indirect | mixed | gold |",
        "|---|---:|---|---|---|---:|---:|---:|---:|",
    ]
    for row in data["corpus"]:
        kinds = " | ".join(f"{row['by_kind'][k]['f1']:.3f}" for k in ("direct", "indirect", "mixed"))
        lines.append(
            f"| {row['part']} | {row['documents']} | {row['parser']} | {_prf(row['quotes'])} | "
            f"{_prf(row['attribution'])} | {kinds} | {row['quotes']['gold']} |"
        )
    return lines


def accuracy_summary(data: dict[str, Any]) -> list[str]:
    """Attribution F1 per parser on the held-out part, the development part and the construction suite."""
    parts = {"held-out": "held-out (blind, never read)", "development": "all development (everything but held-out)"}
    parsers = list(dict.fromkeys(row["parser"] for row in data["corpus"]))
    suite = {row["construction"]: row for row in data.get("constructions", {}).get("rows", [])}.get("all")
    lines = [
        "| parser | held-out articles | development articles | construction suite |",
        "|---|---:|---:|---:|",
    ]
    for parser in parsers:
        cells = []
        for label in parts.values():
            row = next(r for r in data["corpus"] if r["part"] == label and r["parser"] == parser)
            cells.append(f"{row['attribution']['f1']:.3f} ({row['documents']} docs, {row['quotes']['gold']} quotes)")
        score = suite["scores"].get(parser) if suite else None
        cells.append(f"{score:.3f} ({suite['docs']} docs)" if score is not None else "-")
        lines.append(f"| {parser} | " + " | ".join(cells) + " |")
    return lines


def accuracy_constructions(data: dict[str, Any]) -> list[str]:
    """The construction suite's score per construction and parser; ✗ marks one below the threshold."""
    suite = data["constructions"]
    names = suite["parsers"]
    lines = ["| construction | docs | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
    for row in suite["rows"]:
        cells = []
        for name in names:
            score = row["scores"][name]
            low = score < suite["threshold"] and row["construction"] != "all"
            cells.append(f"{score:.3f}" + (" ✗" if low else ""))
        lines.append(f"| {row['construction']} | {row['docs']} | " + " | ".join(cells) + " |")
    return lines


def run_line(data: dict[str, Any]) -> list[str]:
    """Where a run's figures come from, in one line."""
    run = data["run"]
    dirty = " (with uncommitted changes)" if run.get("uncommitted_changes") else ""
    versions = ", ".join(f"{k} {v}" for k, v in run.get("versions", {}).items())
    return [f"Run: `{run['script']}` on {run['date']}, commit {run['commit']}{dirty}; {versions}."]


def parse_cost(data: dict[str, Any]) -> list[str]:
    """What each cheaper stanza parse saves and costs (benchmarks/parse_cost.py's run): words per CPU second
    against the full parse's, attribution F1 on the corpus's development and held-out parts and on the
    construction suite, and speaker names (the suite's cases, GUM's development documents)."""
    results = [r for r in data["results"] if "failed" not in r]
    full = next(r for r in results if r["config"] == "full")
    lines = [
        "| configuration | corpus words / CPU s | suite words / CPU s | development F1 | held-out F1 | suite F1 "
        "| suite names right | GUM speakers right | of them resolved |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        corpus, suite, gum = r.get("corpus", {}), r.get("suite", {}), r.get("gum_speakers", {})
        names = suite.get("names", {})

        def speed(part: dict[str, Any], base: dict[str, Any]) -> str:
            if "words_per_cpu_s" not in part:
                return "-"
            return f"{part['words_per_cpu_s']:,.0f} ({part['words_per_cpu_s'] / base['words_per_cpu_s']:.2f}x)"

        gum_cells = (
            [f"{gum['right']} of {gum['speakers']}", f"{gum['resolved_right']} of {gum['resolved']}"]
            if isinstance(gum, dict) and "right" in gum
            else ["-", "-"]
        )
        cells = [
            r["config"],
            speed(corpus, full["corpus"]),
            speed(suite, full["suite"]),
            f"{corpus['dev_attribution_f1']:.4f}" if corpus else "-",
            f"{corpus['heldout_attribution_f1']:.4f}" if corpus else "-",
            f"{suite['attribution_f1']:.4f}" if suite else "-",
            f"{names['right']} of {names['matched_named']}" if names else "-",
            *gum_cells,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def threads(data: dict[str, Any]) -> list[str]:
    """The real ``quotes extract`` of the corpus by thread setting, on the idle machine and beside a CPU hog
    (benchmarks/threads.py's run): median and best wall time over the rounds, against the best setting."""
    import statistics

    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for run in data["runs"]:
        if run["rc"] == 0:
            groups.setdefault((run["hogs"], run["setting"]), []).append(run)
    lines = [
        "| machine | torch threads | rounds | wall s, median (best) | CPU s, median | vs the best setting's median |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for hogs in sorted({h for h, _ in groups}):
        medians = {s: statistics.median(r["wall_s"] for r in runs) for (h, s), runs in groups.items() if h == hogs}
        best = min(medians.values())
        for (h, setting), runs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if h != hogs:
                continue
            walls = [r["wall_s"] for r in runs]
            cpu = statistics.median(r["cpu_s"] for r in runs)
            machine = "idle" if hogs == 0 else f"busy ({hogs} CPU hog{'s' if hogs > 1 else ''} beside it)"
            label = "auto (the default)" if setting == "auto" else setting
            lines.append(
                f"| {machine} | {label} | {len(runs)} | {medians[setting]:.1f} ({min(walls):.1f}) | {cpu:.1f} | "
                f"{medians[setting] / best - 1:+.1%} |"
            )
    return lines


# The targets for the archive at 1.1M records (issue 22): search p95 and every page under 1 s.
SEARCH_TARGET_MS = 100
PAGE_TARGET_MS = 1000


def archive_targets(data: dict[str, Any]) -> list[str]:
    """The archive at scale against its targets (benchmarks/archive_scale.py's run)."""
    built = data["built"]
    lines = [
        f"| at {built['records']:,} records ({built['docs']:,} documents) | median ms | p95 ms | target | met |",
        "|---|---:|---:|---:|---|",
    ]
    for kind in ("speaker", "word", "phrase"):
        row = data["search"][kind]
        met = "yes" if row["p95_ms"] < SEARCH_TARGET_MS else "no"
        lines.append(
            f"| `Archive.search`, {kind} | {row['median_ms']:.0f} | {row['p95_ms']:.0f} | p95 < {SEARCH_TARGET_MS} "
            f"| {met} |"
        )
    for name, row in data["pages"].items():
        met = "yes" if row["p95_ms"] < PAGE_TARGET_MS else "no"
        lines.append(f"| {name} | {row['median_ms']:.0f} | {row['p95_ms']:.0f} | p95 < {PAGE_TARGET_MS} | {met} |")
    return lines


RENDERERS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "accuracy-corpus": accuracy_corpus,
    "accuracy-summary": accuracy_summary,
    "accuracy-constructions": accuracy_constructions,
    "accuracy-run": run_line,
    "parse-cost": parse_cost,
    "threads": threads,
    "archive-targets": archive_targets,
}


def generic(name: str, data: dict[str, Any]) -> list[str]:
    """A table the run's JSON carries itself (``"tables": {name: {"columns", "align", "rows"}}``)."""
    try:
        table = data["tables"][name]
    except KeyError:
        raise KeyError(f"no renderer for table {name!r} and no such entry in the JSON's 'tables'") from None
    columns = table["columns"]
    align = table.get("align") or ["left"] * len(columns)
    rule = "|" + "|".join("---:" if a == "right" else "---" for a in align) + "|"
    lines = ["| " + " | ".join(columns) + " |", rule]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in table["rows"]]
    return lines


def render(name: str, source: str, base: Path = ROOT) -> str:
    """The block's body: the table ``name`` from the JSON file ``source`` (relative to the repository)."""
    data = json.loads((base / source).read_text(encoding="utf-8"))
    lines = RENDERERS[name](data) if name in RENDERERS else generic(name, data)
    return "\n".join(lines) + "\n"


def blocks(text: str) -> list[tuple[str, str, str]]:
    """``(name, source, body)`` of every table block in a Markdown text."""
    return [(m["name"], m["source"], m["body"]) for m in BLOCK.finditer(text)]


def rewrite(text: str, base: Path = ROOT) -> str:
    """``text`` with every table block written from its JSON."""
    return BLOCK.sub(lambda m: m["open"] + render(m["name"], m["source"], base) + m["close"], text)


def stale(path: Path, base: Path = ROOT) -> list[str]:
    """The blocks of ``path`` whose table is not what their JSON gives: ``"FILE: table NAME (from SOURCE)"``."""
    text = path.read_text(encoding="utf-8")
    return [
        f"{path.name}: table {name} (from {source}) differs from its JSON"
        for name, source, body in blocks(text)
        if body != render(name, source, base)
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 when a table differs from its JSON")
    ap.add_argument("files", nargs="*", type=Path, help="Markdown files (default: README.md, benchmarks/RESULTS.md)")
    args = ap.parse_args(argv)
    files = args.files or list(FILES)
    if args.check:
        problems = [p for path in files for p in stale(path)]
        print("\n".join(problems) or f"tables: {sum(len(blocks(f.read_text())) for f in files)} up to date")
        return 1 if problems else 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
