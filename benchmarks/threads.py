"""torch threads for the single-process ``quotes extract``: 1, 2 and auto, with and without a CPU hog beside it.

    python benchmarks/threads.py                  # the corpus, every setting, quiet and with 1 hog; JSON on stdout
    python benchmarks/threads.py --hogs 0         # only as the machine is (the idle-machine rows, on a quiet machine)
    python benchmarks/threads.py --rounds 3 --settings 1 auto

Each run is the real command, ``quotes extract corpus/articles/*.txt -o OUT`` (stanza, the bundled model),
in a fresh process: model load, parse, rules and writing included. The thread setting is ``QUOTES_THREADS``
(``auto``: not set, the default). A *hog* is a process that spins on one CPU for the whole run (started
a few seconds before, so that the load is there when the command looks); ``--hogs 1`` on a two-core machine
is "other work wants one of the cores". Settings and hog counts take turns within each round.

For each run: wall seconds, the command's CPU seconds (user + system of the child, ``RUSAGE_CHILDREN``), the
1-minute load average before and after, and the SHA-256 of the records written (every setting must write
the same bytes). The machine's other work is not controlled: read the load figures with the times.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _hog() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def run_once(setting: str, hogs: int, paths: list[str], out_dir: Path) -> dict:
    env = dict(os.environ)
    env.pop("QUOTES_THREADS", None)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.pop(var, None)
    if setting != "auto":
        env["QUOTES_THREADS"] = setting
    out = out_dir / f"records-{setting}-{hogs}.jsonl"
    out.unlink(missing_ok=True)
    hog_procs = [_hog() for _ in range(hogs)]
    try:
        if hogs:
            time.sleep(3.0)  # the hog is running when the command starts and looks
        before = os.getloadavg()[0]
        usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "quotes", "extract", *paths, "-o", str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - t0
        usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        after = os.getloadavg()[0]
    finally:
        for hog in hog_procs:
            hog.kill()
            hog.wait()
    cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    model_line = next((line for line in proc.stderr.splitlines() if "stanza model" in line), "")
    return {
        "setting": setting,
        "hogs": hogs,
        "rc": proc.returncode,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "load_before": round(before, 2),
        "load_after": round(after, 2),
        "records_sha256": hashlib.sha256(out.read_bytes()).hexdigest() if out.exists() else None,
        "threads_line": model_line.split("sha256 ", 1)[-1].partition("; ")[2],
        "stderr_tail": proc.stderr.strip().splitlines()[-1:] if proc.returncode else [],
    }


HEADING = "## Threads"


def render(runs: list[dict]) -> str:
    """The RESULTS.md section for one or more runs' JSON: every command run, in order."""
    lines = [
        HEADING,
        "",
        "Written by `python benchmarks/threads.py` ("
        + "; ".join(f"{run['started_utc']} UTC, {run['inputs']} inputs, {run['words']:,} words" for run in runs)
        + "): the real `quotes extract` of the corpus (stanza, bundled model; load, parse, rules, writing) in a "
        "fresh process per row, the thread setting by `QUOTES_THREADS` (*auto*: not set, the default).",
        "",
        "| threads | hogs | wall s | CPU s | load before / after | threads chosen (the model line) | same records |",
        "|---|---:|---:|---:|---|---|---|",
    ]
    digests = {r["records_sha256"] for run in runs for r in run["runs"] if r.get("records_sha256")}
    for run in runs:
        for r in run["runs"]:
            wall = f"{r['wall_s']:.1f}" if r.get("rc") == 0 else f"> {r['wall_s']:.0f} (stopped)"
            same = ("yes" if len(digests) == 1 else "no") if r.get("records_sha256") else "-"
            lines.append(
                f"| {r['setting']} | {r['hogs']} | {wall} | {r['cpu_s']:.1f} | {r['load_before']} / {r['load_after']} "
                f"| {r['threads_line']} | {same} |"
            )
    lines += [
        "",
        "- *same records*: every finished run wrote byte-identical records (SHA-256 of the output).",
        "- Wall time moves with the machine's other work (the load averages); CPU seconds much less. *auto* runs "
        "the count its model line names until the next batch's look at the machine.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", nargs="+", default=["1", "2", "auto"], help="QUOTES_THREADS values")
    parser.add_argument("--hogs", nargs="+", type=int, default=[0, 1], help="CPU hogs beside the command")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("paths", nargs="*", help="inputs (default: corpus/articles/*.txt)")
    parser.add_argument("--render", nargs="+", metavar="JSON", help="write the section of these runs into RESULTS.md")
    args = parser.parse_args(argv)
    if args.render:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from archive_scale import write_section

        write_section(render([json.loads(Path(p).read_text(encoding="utf-8")) for p in args.render]), heading=HEADING)
        return 0
    paths = args.paths or sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpus" / "articles").glob("*.txt"))
    runs = []
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for hogs in args.hogs:
                for setting in args.settings:
                    result = run_once(setting, hogs, paths, Path(tmp))
                    print(json.dumps(result), file=sys.stderr, flush=True)
                    runs.append(result)
    from quotes.parse.threads import cgroup_cpus, usable_cpus

    summary = {}
    for hogs in args.hogs:
        for setting in args.settings:
            walls = [r["wall_s"] for r in runs if r["hogs"] == hogs and r["setting"] == setting]
            cpus = [r["cpu_s"] for r in runs if r["hogs"] == hogs and r["setting"] == setting]
            summary[f"hogs={hogs} threads={setting}"] = {"wall_s_min": min(walls), "cpu_s_min": min(cpus)}
    print(
        json.dumps(
            {
                "benchmark": "threads",
                "started_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime(started)),
                "seconds": round(time.time() - started, 1),
                "inputs": len(paths),
                "words": sum(len((ROOT / p).read_text(encoding="utf-8").split()) for p in paths),
                "machine": {
                    "platform": platform.platform(),
                    "cpu_count": os.cpu_count(),
                    "usable_cpus": usable_cpus(),
                    "cgroup_quota_cpus": cgroup_cpus(),
                },
                "same_records": len({r["records_sha256"] for r in runs}) == 1,
                "summary": summary,
                "runs": runs,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
