"""Nothing lost: interrupted runs resume, every document is accounted for, output appears whole or not at all.
Also the safety rules: no output path comes from document content, and no input is unpickled or evaluated."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.run.progress import ProgressBar, ProgressLog, progress_path
from tests.audit_helpers import SurfaceBackend, surface  # noqa: F401 - the fixture, used by name

pytestmark = pytest.mark.usefixtures("surface")


def _articles(tmp_path: Path, n: int = 4) -> list[Path]:
    paths = []
    for i in range(n):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f'"Story {i} is out," the mayor said.\n\nAliyev said: "Number {i}."\n', encoding="utf-8")
        paths.append(path)
    return paths


def _extract(paths: list[Path], out: Path, *extra: str) -> int:
    return main(["extract", *map(str, paths), "-o", str(out), "--parser", "surface", *extra])


def _parsed() -> list[str | None]:
    return [doc_id for doc_id, _ in SurfaceBackend.parsed]


def test_an_interrupted_run_resumes_where_it_stopped(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path)
    clean = tmp_path / "clean.jsonl"
    assert _extract(paths, clean) == 0
    assert not progress_path(clean).exists(), "a clean run leaves no sidecar"

    out = tmp_path / "out.jsonl"
    paths[2].write_text(paths[2].read_text(encoding="utf-8") + "CTRL-C\n", encoding="utf-8")
    SurfaceBackend.interrupt_on = "CTRL-C"
    SurfaceBackend.parsed.clear()
    assert _extract(paths, out) == 130
    err = capsys.readouterr().err
    assert "interrupted after 2 documents; no output file was written; rerun with --resume" in err
    assert not out.exists()
    assert progress_path(out).exists()

    SurfaceBackend.interrupt_on = None
    SurfaceBackend.parsed.clear()
    assert _extract(paths, out, "--resume") == 0
    assert _parsed() == [str(paths[2]), str(paths[3])], "the two finished documents are not extracted again"
    err = capsys.readouterr().err
    assert "4 documents, 8 quotes, 0 errors" in err and "2 resumed from an earlier run" in err
    assert not progress_path(out).exists()
    ours = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    theirs = [json.loads(line) for line in clean.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in ours] == [r["doc_id"] for r in theirs], "input order, not completion order"
    assert [r["content"] for r in ours if r["doc_id"] != str(paths[2])] == [
        r["content"] for r in theirs if r["doc_id"] != str(paths[2])
    ]


def test_a_half_written_tail_is_dropped(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    SurfaceBackend.interrupt_on = "Story 2"
    assert _extract(paths, out) == 130
    sidecar = progress_path(out)
    # The kill came while a document's records were being written: one whole line and half of another.
    with sidecar.open("ab") as stream:
        stream.write(b'{"doc_id": "x", "quote_id": "q1"}\n{"doc_id": "x", "quo')
    SurfaceBackend.interrupt_on = None
    SurfaceBackend.parsed.clear()
    assert _extract(paths, out, "--resume") == 0
    assert _parsed() == [str(paths[2])]
    assert "dropped the unfinished document" in capsys.readouterr().err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6 and "x" not in {r["doc_id"] for r in records}


def test_resume_redoes_a_document_whose_text_changed(tmp_path: Path) -> None:
    paths = _articles(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    SurfaceBackend.interrupt_on = "Story 2"
    assert _extract(paths, out) == 130
    paths[0].write_text('"Changed," she said.\n', encoding="utf-8")
    SurfaceBackend.interrupt_on = None
    SurfaceBackend.parsed.clear()
    assert _extract(paths, out, "--resume") == 0
    assert _parsed() == [str(paths[0]), str(paths[2])]
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["content"]["text"] == "Changed,"
    assert main(["verify", str(out), *map(str, paths)]) == 0


def test_resume_refuses_other_options(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    SurfaceBackend.interrupt_on = "Story 1"
    assert _extract(paths, out) == 130
    SurfaceBackend.interrupt_on = None
    assert _extract(paths, out, "--resume", "--include-unattributed") == 2
    err = capsys.readouterr().err
    assert "written by a run with other options" in err and "include_unattributed=False" in err
    assert not out.exists()
    assert _extract(paths, out, "--include-unattributed") == 0, "without --resume: start over"
    assert "starting over" in capsys.readouterr().err


def test_an_unwritable_output_is_one_clean_error_before_any_work(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path, 1)
    missing = tmp_path / "no" / "such" / "dir"
    assert _extract(paths, missing / "out.jsonl") == 2
    err = capsys.readouterr().err
    assert f"directory {missing} does not exist" in err and "Traceback" not in err
    target = tmp_path / "a-directory"
    target.mkdir()
    SurfaceBackend.parsed.clear()
    assert _extract(paths, target) == 2
    err = capsys.readouterr().err
    assert f"-o {target}: is a directory" in err
    assert _parsed() == [], "refused before any document was read"
    assert not Path(f"{target}.progress").exists()


def test_resume_needs_an_output_file(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(_articles(tmp_path, 1)[0]), "--parser", "surface", "--resume"]) == 2
    assert "--resume needs an output file" in capsys.readouterr().err


def test_resume_from_a_finished_output_adds_new_documents(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    assert _extract(paths[:2], out) == 0
    SurfaceBackend.parsed.clear()
    assert _extract(paths, out, "--resume") == 0
    assert _parsed() == [str(paths[2])]
    assert "resuming from the 2 documents with quotes in" in capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6


def test_failed_documents_keep_the_sidecar_for_a_retry(tmp_path: Path, capsys) -> None:
    paths = _articles(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    SurfaceBackend.fail_on = "Story 1"
    assert _extract(paths, out) == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4, "the others are published"
    assert "rerun with --resume to retry only the failed documents" in capsys.readouterr().err
    SurfaceBackend.fail_on = None
    SurfaceBackend.parsed.clear()
    assert _extract(paths, out, "--resume") == 0
    assert _parsed() == [str(paths[1])]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6
    assert not progress_path(out).exists()


def test_progress_log_blocks(tmp_path: Path) -> None:
    path = tmp_path / "x.progress"
    log = ProgressLog.create(path, {"parser": "p"})
    log.write_document("a", "h1", [{"doc_id": "a", "n": 1}, {"doc_id": "a", "n": 2}])
    log.write_document("b", "h2", [])
    log.write_document("a", "h3", [{"doc_id": "a", "n": 3}])
    log.close()
    again = ProgressLog.resume(path, {"parser": "p"})
    assert again.is_done("a", "h3") and not again.is_done("a", "h1") and again.is_done("b", "h2")
    assert [json.loads(line)["n"] for line in again.record_lines(["b", "a"])] == [3]
    again.close()


def test_progress_bar_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet = io.StringIO()
    bar = ProgressBar(quiet)
    bar.update("quotes: 1 docs", force=True)
    bar.clear()
    assert quiet.getvalue() == ""
    tty = Terminal()
    bar = ProgressBar(tty)
    bar.update("quotes: 1 docs", force=True)
    bar.update("quotes: 2", force=True)
    bar.clear()
    assert tty.getvalue() == "\rquotes: 1 docs\rquotes: 2     \r" + " " * 9 + "\r"


def test_no_progress_line_when_stderr_is_not_a_terminal(tmp_path: Path, capsys) -> None:
    assert _extract(_articles(tmp_path, 2), tmp_path / "out.jsonl") == 0
    err = capsys.readouterr().err
    assert "\r" not in err and err.count("\n") == 1, err


# -- safety ----------------------------------------------------------------------------------------------


def test_document_ids_never_become_paths(tmp_path: Path, monkeypatch) -> None:
    work = tmp_path / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    hostile = ["../../etc/x", "../../../x", "/tmp/quotes-test-x", "x/../../../escape", "..", "-o", "~/x", "x\x00y"]
    docs = work / "docs.jsonl"
    docs.write_text(
        "\n".join(json.dumps({"id": i, "text": '"Here," the mayor said.'}) for i in hostile) + "\n", encoding="utf-8"
    )
    before = sorted(p for p in tmp_path.rglob("*"))
    for fmt in ("jsonl", "webanno"):
        out = work / f"out.{fmt}"
        assert main(["extract", "docs.jsonl", "-o", str(out), "--parser", "surface", "--format", fmt]) == 0
        assert main(["convert", str(work / "out.jsonl"), "--to", "webanno", "-o", str(work / "c.json")]) == 0
    after = sorted(p for p in tmp_path.rglob("*"))
    created = {p.relative_to(tmp_path).as_posix() for p in set(after) - set(before)}
    assert created == {"a/b/work/out.jsonl", "a/b/work/out.webanno", "a/b/work/c.json"}
    assert not Path("/tmp/quotes-test-x").exists()
    records = [json.loads(line) for line in (work / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == hostile, "the ids are kept as data"


def test_no_pickle_or_eval_of_input() -> None:
    package = Path(__file__).resolve().parents[1] / "quotes"
    # Every module that reads records, sidecars or inputs back.
    folders = ("run", "audit", "commands")
    modules = (p for folder in folders for p in (package / folder).glob("*.py") if p.name != "__init__.py")
    audited = [*sorted(str(p.relative_to(package)) for p in modules), "records.py"]
    risky = re.compile(r"\b(pickle|marshal|shelve|eval|exec|yaml\.load|__import__)\b")
    for name in audited:
        source = (package / name).read_text(encoding="utf-8")
        assert not risky.search(source), f"{name}: {risky.search(source).group()}"
