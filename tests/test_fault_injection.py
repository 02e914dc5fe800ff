"""kill -9 at random points: ``extract --resume`` and a second ``index`` end where an uninterrupted run ends.

Each test first times one uninterrupted run (the gold trees of a few GUM articles stand in for a parser,
so that a run is short), noting when its first file appears. Then, 20 times, it starts the same command,
kills it with SIGKILL (a quarter of them after a random delay while it starts up; for ``extract`` the rest
once its progress sidecar shows a random number of finished documents, so the kills land mid-run however
busy the machine is; for ``index`` after a random delay while it works), and runs it again to completion:
the records file must be byte-identical to the uninterrupted run's, and the archive must hold the same
rows and pass ``PRAGMA integrity_check``, also right after the kill.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
POINTS = 20
SEED = 20240915  # fixed, so that a failure can be replayed


def _articles(folder: Path, n: int = 6) -> list[str]:
    """The first ``n`` GUM news articles with their gold trees, copied into ``folder``."""
    names = sorted(p.stem for p in ARTICLES.glob("GUM_news_*.conllu"))[:n]
    for name in names:
        for suffix in (".txt", ".conllu"):
            shutil.copy(ARTICLES / f"{name}{suffix}", folder / f"{name}{suffix}")
    return [f"{name}.txt" for name in names]


def _start(cwd: Path, *argv: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "quotes", *argv], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _finish(cwd: Path, *argv: str) -> None:
    process = _start(cwd, *argv)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode("utf-8", "replace")
    assert b"Traceback" not in err


def _timed(cwd: Path, first: Path, *argv: str) -> tuple[float, float]:
    """One uninterrupted run: when ``first`` appeared, and how long the whole run took (seconds)."""
    started = time.monotonic()
    process = _start(cwd, *argv)
    appeared = None
    while process.poll() is None:
        if appeared is None and first.exists():
            appeared = time.monotonic() - started
        time.sleep(0.005)
    total = time.monotonic() - started
    assert process.returncode == 0, process.stderr.read().decode() if process.stderr else ""
    return (appeared if appeared is not None else total * 0.5), total


def _delays(rng: random.Random, first: float, total: float) -> list[float]:
    quarter = POINTS // 4
    starting = [rng.uniform(0, first) for _ in range(quarter)]
    return starting + [rng.uniform(first, total) for _ in range(POINTS - quarter)]


def _kill_after(process: subprocess.Popen[bytes], delay: float) -> None:
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def _kill_when_done(process: subprocess.Popen[bytes], sidecar: Path, documents: int) -> None:
    """SIGKILL as soon as the sidecar shows ``documents`` finished documents (or the run ends first)."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if sidecar.exists() and sidecar.read_bytes().count(b'"done"') >= documents:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.001)
    process.wait(timeout=60)


def test_extract_killed_anywhere_resumes_to_the_same_output(tmp_path: Path) -> None:
    paths = _articles(tmp_path)
    command = ("extract", *paths, "--parser", "conllu")
    first, total = _timed(tmp_path, tmp_path / "clean.jsonl.progress", *command, "-o", "clean.jsonl")
    clean = (tmp_path / "clean.jsonl").read_bytes()
    assert clean.count(b"\n") > 20
    rng = random.Random(SEED)
    mid_run = 0
    for i in range(POINTS):
        out = f"k{i}.jsonl"
        sidecar = tmp_path / f"{out}.progress"
        if i < POINTS // 4:
            delay = rng.uniform(0, first)
            _kill_after(_start(tmp_path, *command, "-o", out), delay)
            when = f"after {delay:.3f}s"
        else:
            documents = rng.randint(1, len(paths) - 1)
            _kill_when_done(_start(tmp_path, *command, "-o", out), sidecar, documents)
            when = f"after {documents} documents"
        if sidecar.exists() and not (tmp_path / out).exists() and b'"done"' in sidecar.read_bytes():
            mid_run += 1
        _finish(tmp_path, *command, "-o", out, "--resume")
        assert (tmp_path / out).read_bytes() == clean, f"kill {i} {when}: resume differs"
        assert not sidecar.exists()
    assert mid_run >= POINTS // 4, f"only {mid_run} kills landed mid-run (run took {total:.2f}s)"


def _rows(db: Path) -> dict[str, list[tuple]]:
    """What an archive holds, without row ids or the time each version was first seen."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not conn.execute("SELECT name FROM sqlite_master").fetchall():
            # Killed after SQLite made the file and before the schema's transaction committed: an empty
            # database, sound, which the next run sets up as new.
            return {}
        return {
            "meta": conn.execute("SELECT key, value FROM meta ORDER BY key").fetchall(),
            "versions": conn.execute(
                "SELECT doc_id, text_sha256, version, text FROM versions ORDER BY doc_id, version"
            ).fetchall(),
            "quotes": conn.execute(
                "SELECT q.doc_id, q.text_sha256, q.content_start, q.content_end, q.record, v.version, f.content, "
                "f.speaker FROM quotes q JOIN versions v ON v.id = q.version_id JOIN quotes_fts f ON f.rowid = q.id "
                "ORDER BY q.doc_id, q.text_sha256, q.content_start, q.content_end"
            ).fetchall(),
        }
    finally:
        conn.close()


def test_index_killed_anywhere_leaves_a_sound_archive(tmp_path: Path) -> None:
    paths = _articles(tmp_path)
    _finish(tmp_path, "extract", *paths, "--parser", "conllu", "-o", "all.jsonl")
    # One records file per document: each is a transaction of its own, so a kill can fall between them.
    by_doc: dict[str, list[str]] = {}
    for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines():
        by_doc.setdefault(json.loads(line)["doc_id"], []).append(line)
    files = []
    for n, lines in enumerate(by_doc.values()):
        (tmp_path / f"r{n}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(f"r{n}.jsonl")
    command = ("index", *files, "--sources", *paths)
    first, total = _timed(tmp_path, tmp_path / "clean.sqlite", *command, "--db", "clean.sqlite")
    clean = _rows(tmp_path / "clean.sqlite")
    assert len(clean["quotes"]) > 20 and len(clean["versions"]) == len(paths)
    rng = random.Random(SEED + 1)
    for i, delay in enumerate(_delays(rng, first, total)):
        db = tmp_path / f"k{i}.sqlite"
        _kill_after(_start(tmp_path, *command, "--db", db.name), delay)
        if db.exists():
            _rows(db)  # sound right after the kill (a hot journal is rolled back on opening)
        _finish(tmp_path, *command, "--db", db.name)
        assert _rows(db) == clean, f"kill {i} after {delay:.3f}s: the archive differs"


def test_an_interrupt_mid_run_resumes_too(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) is the polite kill: exit 130, the sidecar kept, and the resume identical."""
    paths = _articles(tmp_path)
    command = ("extract", *paths, "--parser", "conllu")
    _finish(tmp_path, *command, "-o", "clean.jsonl")
    process = _start(tmp_path, *command, "-o", "out.jsonl")
    deadline = time.monotonic() + 60
    while not (tmp_path / "out.jsonl.progress").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert process.returncode in (0, 130), err.decode()
    _finish(tmp_path, *command, "-o", "out.jsonl", "--resume")
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "clean.jsonl").read_bytes()


def test_concurrent_index_runs_store_everything_once(tmp_path: Path) -> None:
    """Two ``index`` runs into one new archive at once: both succeed, and the archive is what one run makes."""
    paths = _articles(tmp_path, 4)
    _finish(tmp_path, "extract", *paths, "--parser", "conllu", "-o", "all.jsonl")
    command = ("index", "all.jsonl", "--sources", *paths)
    _finish(tmp_path, *command, "--db", "one.sqlite")
    runs = [_start(tmp_path, *command, "--db", "both.sqlite") for _ in range(2)]
    for process in runs:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0 and b"Traceback" not in err, err.decode()
    assert _rows(tmp_path / "both.sqlite") == _rows(tmp_path / "one.sqlite")
