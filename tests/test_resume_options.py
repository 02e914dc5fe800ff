"""``--resume`` continues only a run made with the same options, from a sidecar or from a finished output;
and one output has one writer: a second run is refused while the first holds it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.errors import OutputError
from quotes.run.progress import ProgressLog, progress_path
from tests.audit_helpers import SurfaceBackend, surface  # noqa: F401 - the fixture, used by name

pytestmark = pytest.mark.usefixtures("surface")

ROOT = Path(__file__).resolve().parents[1]


def _articles(tmp_path: Path) -> list[Path]:
    paths = []
    for i in range(3):
        path = tmp_path / f"a{i}.txt"
        # Each has an attributed quote and an unattributed one (kept only with --include-unattributed).
        path.write_text(
            f'"Nobody knows {i}."\n\nOfficials met.\n\n"Story {i} is out," the mayor said.\n', encoding="utf-8"
        )
        paths.append(path)
    return paths


def _extract(paths: list[Path], out: Path, *extra: str) -> int:
    return main(["extract", *map(str, paths), "-o", str(out), "--parser", "surface", *extra])


def test_records_carry_the_options_of_their_run(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert _extract(_articles(tmp_path), out, "--include-unattributed") == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["speaker"] is None for r in records)
    assert {json.dumps(r["provenance"]["options"], sort_keys=True) for r in records} == {
        json.dumps({"parser": "surface", "include_unattributed": True, "chunk_chars": 200000}, sort_keys=True)
    }


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (["--include-unattributed"], []),
        ([], ["--include-unattributed"]),
        ([], ["--chunk-chars", "1000"]),
        ([], ["--evidence"]),
    ],
    ids=["unattributed-dropped", "unattributed-added", "chunk-chars", "evidence"],
)
def test_resume_from_a_finished_output_with_other_options_is_refused(
    tmp_path: Path, capsys, first: list[str], then: list[str]
) -> None:
    paths = _articles(tmp_path)
    out = tmp_path / "out.jsonl"
    assert _extract(paths, out, *first) == 0
    before = out.read_bytes()
    capsys.readouterr()
    assert _extract(paths, out, "--resume", *then) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "written by a run with other options" in err[0] and str(out) in err[0], err
    assert out.read_bytes() == before, "the finished output is untouched"
    assert not progress_path(out).exists()


def test_resume_from_a_finished_output_with_the_same_options_reuses_it(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path)
    out = tmp_path / "out.jsonl"
    assert _extract(paths, out, "--include-unattributed") == 0
    before = out.read_bytes()
    SurfaceBackend.parsed.clear()
    assert _extract(paths, out, "--resume", "--include-unattributed") == 0
    assert SurfaceBackend.parsed == [], "every document came from the finished output"
    assert out.read_bytes() == before


def test_resume_from_an_older_output_without_options_is_refused(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path)
    out = tmp_path / "out.jsonl"
    assert _extract(paths, out) == 0
    lines = []
    for line in out.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        del data["provenance"]["options"]
        lines.append(json.dumps(data))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert _extract(paths, out, "--resume") == 2
    assert "no record of its options" in capsys.readouterr().err


def test_resume_from_a_sidecar_with_other_options_is_refused(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path)
    out = tmp_path / "out.jsonl"
    SurfaceBackend.interrupt_on = "Story 2"
    assert _extract(paths, out, "--include-unattributed") == 130
    SurfaceBackend.interrupt_on = None
    capsys.readouterr()
    assert _extract(paths, out, "--resume") == 2
    assert "written by a run with other options" in capsys.readouterr().err


@pytest.mark.parametrize("resume", [False, True], ids=["starting-over", "resuming"])
def test_a_second_writer_is_refused_while_the_first_holds_the_output(tmp_path: Path, capsys, resume: bool) -> None:
    paths = _articles(tmp_path)
    out = tmp_path / "out.jsonl"
    sidecar = progress_path(out)
    options = {"parser": "surface", "include_unattributed": False, "chunk_chars": 200000}
    first = ProgressLog.create(sidecar, options)  # a live run: holds its sidecar's lock
    try:
        first.write_document("x", "0" * 64, [])
        before = sidecar.read_bytes()
        capsys.readouterr()
        assert _extract(paths, out, *(["--resume"] if resume else [])) == 2
        err = capsys.readouterr().err.strip().splitlines()
        held = "is held by another quotes run writing the same output; wait for it to end"
        assert err == [f"quotes: error: {sidecar}: {held}"]
        assert sidecar.read_bytes() == before and not out.exists(), "the first run's files are untouched"
        assert SurfaceBackend.parsed == [], "refused before any document was read"
    finally:
        first.remove()
    assert _extract(paths, out) == 0, "once the first run is over, the output is free"


def test_a_run_that_loses_the_race_for_a_new_sidecar_is_refused(tmp_path: Path) -> None:
    from quotes.run.output import create_exclusive
    from quotes.run.progress import _lock

    sidecar = tmp_path / "out.jsonl.progress"
    # A first run has created its sidecar and not yet locked it when a second run replaces it ...
    first = create_exclusive(sidecar)
    first.write(b'{"quotes_progress": "start", "version": 1, "options": {}}\n')
    first.flush()
    second = ProgressLog.create(sidecar, {"parser": "surface"}, replace=True)
    try:
        # ... so the first, locking the file it created, finds that the path names another: refused.
        with pytest.raises(OutputError, match="replaced by another quotes run"):
            _lock(first, sidecar)
    finally:
        first.close()
        second.remove()


def test_two_processes_writing_one_output(tmp_path: Path) -> None:
    """Two real ``quotes extract`` processes to the same -o: the second exits 2 at once with one line while
    the first is live (held on its second input, standard input); the output is the first run's, whole."""
    articles = ROOT / "corpus" / "articles"
    name = "GUM_news_nasa"
    for suffix in (".txt", ".conllu"):
        (tmp_path / f"{name}{suffix}").write_bytes((articles / f"{name}{suffix}").read_bytes())
    sidecar = tmp_path / "out.jsonl.progress"
    base = [sys.executable, "-m", "quotes", "extract", f"{name}.txt"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    first = subprocess.Popen(
        [*base, "-", "--parser", "conllu", "-o", "out.jsonl"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while b'"done"' not in (sidecar.read_bytes() if sidecar.exists() else b"") and time.monotonic() < deadline:
            assert first.poll() is None, first.stderr.read().decode() if first.stderr else ""
            time.sleep(0.01)
        second = subprocess.run(
            [*base, "--parser", "conllu", "-o", "out.jsonl"], cwd=tmp_path, env=env, capture_output=True, timeout=120
        )
    finally:
        first.communicate(b"", timeout=120)  # standard input ends (empty: one failed document)
    err = second.stderr.decode().strip().splitlines()
    assert second.returncode == 2 and len(err) == 1 and "held by another quotes run" in err[0], err
    assert first.returncode == 1  # its standard input was empty
    alone = tmp_path / "alone.jsonl"
    subprocess.run(
        [*base, "--parser", "conllu", "-o", str(alone)], cwd=tmp_path, env=env, check=True, capture_output=True
    )
    assert (tmp_path / "out.jsonl").read_bytes() == alone.read_bytes() != b""


def test_a_sidecar_record_edited_with_its_context_is_extracted_again(tmp_path: Path, capsys) -> None:
    """An edit that keeps every span and context true (the speaker's name) is seen by the record's digest."""
    paths = _articles(tmp_path)
    out = tmp_path / "out.jsonl"
    SurfaceBackend.interrupt_on = "Story 2"
    assert _extract(paths, out) == 130
    SurfaceBackend.interrupt_on = None
    sidecar = progress_path(out)
    lines = sidecar.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    assert record["speaker_name"] == "mayor"
    record["speaker_name"] = "governor"
    lines[1] = json.dumps(record)
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")
    SurfaceBackend.parsed.clear()
    capsys.readouterr()
    assert _extract(paths, out, "--resume") == 0
    assert "extracting again: its records in" in capsys.readouterr().err
    assert str(paths[0]) in [doc_id for doc_id, _ in SurfaceBackend.parsed]
    assert "governor" not in out.read_text(encoding="utf-8")
