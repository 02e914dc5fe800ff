"""Every section of benchmarks/RESULTS.md from one run, on one machine state, one script after another.

    python benchmarks/refresh.py                 # the whole report (about an hour on 2 idle cores)
    python benchmarks/refresh.py --dry-run       # the commands it would run

Run it on an otherwise idle machine: the thread and parse-cost sections compare settings on the machine
as it is, and a job beside them moves their wall times (the thread section adds its own CPU hog for the
busy case). In order:

1. ``benchmarks/run.py``: backends, parser comparison, stored parses, worker processes, selective
   parsing, overhead, memory (it rewrites RESULTS.md and keeps the sections the other scripts write);
2. ``benchmarks/threads.py``: the real ``quotes extract`` of the corpus with 1, 2 and *auto* torch
   threads, on the idle machine and beside a CPU hog (``--rounds``), JSON to ``results/threads.json``;
3. ``benchmarks/parse_cost.py``: what a cheaper stanza parse costs in accuracy (int8, batch sizes,
   selective parsing), one configuration at a time, JSON to ``results/parse_cost.json``;
4. ``benchmarks/archive_scale.py``: the archive at 1.1M records, JSON to ``results/archive.json``.

Each step's command, start, seconds and load averages go to ``results/refresh.json``, and the report's
first lines name this run; a step that fails stops the run and says so (the report then holds what the
steps before it wrote, and its first lines say which step failed).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"
OUT = HERE / "results"
TITLE = "# Backend benchmarks"
# The parse-cost configurations of the report: each saving alone and together (the int8 of one processor
# at a time was measured once, 2026-12-07: no processor alone saved more than the noise).
COST_CONFIGS = ("full", "int8", "batch 1000", "selective", "int8 + selective")


def steps(rounds: int, docs: int) -> list[tuple[str, list[str], Path | None]]:
    """``(name, command, stdout file or None)`` of each step, in the order they run."""
    py = sys.executable
    return [
        ("run", [py, "benchmarks/run.py"], None),
        (
            "threads",
            [py, "benchmarks/threads.py", "--hogs", "0", "1", "--rounds", str(rounds)],
            OUT / "threads.json",
        ),
        ("threads-render", [py, "benchmarks/threads.py", "--render", str(OUT / "threads.json")], None),
        (
            "parse_cost",
            [py, "benchmarks/parse_cost.py", "--configs", *COST_CONFIGS, "--parallel", "2", "--ud-limit", "10"],
            OUT / "parse_cost.json",
        ),
        ("parse_cost-render", [py, "benchmarks/parse_cost.py", "--render", str(OUT / "parse_cost.json")], None),
        (
            "archive_scale",
            [py, "benchmarks/archive_scale.py", "--docs", str(docs), "--json", str(OUT / "archive.json")],
            None,
        ),
    ]


def run_step(name: str, cmd: list[str], stdout: Path | None) -> dict[str, object]:
    print(f"[{time.strftime('%H:%M:%S')}] {name}: {' '.join(cmd)}", flush=True)
    load = os.getloadavg()[0]
    started = time.time()
    if stdout is None:
        proc = subprocess.run(cmd, cwd=ROOT, check=False)
    else:
        partial = stdout.with_suffix(".json.part")
        with open(partial, "w", encoding="utf-8") as out:
            proc = subprocess.run(cmd, cwd=ROOT, stdout=out, check=False)
        if proc.returncode == 0:
            partial.replace(stdout)  # whole or not at all
    return {
        "step": name,
        "command": " ".join(Path(c).name if c == sys.executable else c for c in cmd),
        "started_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime(started)),
        "seconds": round(time.time() - started, 1),
        "load": [round(load, 2), round(os.getloadavg()[0], 2)],
        "returncode": proc.returncode,
    }


def stamp(log: list[dict[str, object]], failed: str | None) -> None:
    """Name this run in the report's first lines (under its title)."""
    text = RESULTS.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1] if text.startswith(TITLE) else text
    first = log[0]["started_utc"]
    minutes = sum(float(s["seconds"]) for s in log) / 60  # type: ignore[arg-type]
    names = ", ".join(f"`{s['step']}` {float(s['seconds']) / 60:.0f} min" for s in log)  # type: ignore[arg-type]
    line = (
        f"Every section below is from one run of `python benchmarks/refresh.py`, started {first} UTC, "
        f"{minutes:.0f} minutes on this machine, one script after another ({names}); each step's command, "
        "time and load average are in `benchmarks/results/refresh.json`."
    )
    if failed:
        line += f" **The step `{failed}` failed: the sections after it are not from this run.**"
    marker = "Every section below is from one run"
    lines = [ln for ln in body.split("\n") if not ln.startswith(marker)]
    RESULTS.write_text(f"{TITLE}\n\n{line}\n\n" + "\n".join(lines).lstrip("\n"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the thread settings (default 3)")
    parser.add_argument("--docs", type=int, default=100_000, help="archive documents (default 100,000: 1.1M records)")
    parser.add_argument("--dry-run", action="store_true", help="print the commands and stop")
    args = parser.parse_args(argv)
    plan = steps(args.rounds, args.docs)
    if args.dry_run:
        for name, cmd, stdout in plan:
            print(f"{name}: {' '.join(cmd)}" + (f" > {stdout}" if stdout else ""))
        return 0
    OUT.mkdir(exist_ok=True)
    log: list[dict[str, object]] = []
    failed = None
    for name, cmd, stdout in plan:
        log.append(run_step(name, cmd, stdout))
        if log[-1]["returncode"] != 0:
            failed = name
            print(f"refresh: {name} failed (exit {log[-1]['returncode']}); stopping", file=sys.stderr)
            break
    (OUT / "refresh.json").write_text(json.dumps({"steps": log, "failed": failed}, indent=1) + "\n", encoding="utf-8")
    stamp(log, failed)
    print(f"wrote {RESULTS}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
