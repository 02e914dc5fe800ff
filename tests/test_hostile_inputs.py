"""Every command, used as a hostile or careless user would: one table row per (command, bad case).

Each row builds its case in a fresh copy of a small world (two GUM articles with their gold trees, the
records ``quotes extract --parser conllu`` finds in them, an archive of both), runs the command, and
asserts four things: the exit status; the message, on exactly one line; no traceback anywhere; and that
every file that was there before is byte-identical afterwards (sha256), links included. A refused run
(status 2) also leaves no new file behind. Most rows run ``quotes.cli.main`` in this process; the ones
about pipes, redirections and other processes run ``python -m quotes``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from attrs import define, field

from quotes.cli import main
from tests.audit_helpers import ARTICLE, surface  # noqa: F401 - the fixture, used by name

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
NAMES = ("GUM_news_afghan", "GUM_news_asylum")


@define
class World:
    root: Path
    cleanup: list[Callable[[], None]] = field(factory=list)

    def records(self) -> list[dict]:
        return [json.loads(line) for line in (self.root / "recs.jsonl").read_text(encoding="utf-8").splitlines()]

    def write_records(self, name: str, records: list[dict]) -> str:
        (self.root / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return name

    def mixed(self) -> dict:
        """A record of article a with a fragment (a mixed quote)."""
        return next(r for r in self.records() if r["fragments"])


@define
class Case:
    argv: list[str]
    status: int
    message: str
    stdin: bytes | None = None
    shell: str | None = None  # run through the shell (pipes, redirections) instead of in process
    process: bool = False  # run as python -m quotes
    cwd: str = "."
    changes: tuple[str, ...] = ()  # files the run may change (an archive a partly good run adds to)
    check: Callable[[World, str, str], None] | None = None


CASES: dict[tuple[str, str], Callable[[World], Case]] = {}


def case(command: str, name: str) -> Callable[[Callable[[World], Case]], Callable[[World], Case]]:
    def register(build: Callable[[World], Case]) -> Callable[[World], Case]:
        CASES[(command, name)] = build
        return build

    return register


def row(command: str, name: str, argv: list[str], status: int, message: str, **kw: object) -> None:
    """A case that needs nothing built: the command line, the status and the message."""
    CASES[(command, name)] = lambda w: Case(argv, status, message, **kw)  # type: ignore[arg-type]


A, B = (f"{n}.txt" for n in NAMES)
CONLLU = ["--parser", "conllu"]
INPUT = "is one of the inputs"

# -- extract: outputs -----------------------------------------------------------------------------------

row("extract", "output is the article", ["extract", A, *CONLLU, "-o", A], 2, f"-o {A}: {INPUT}")
row("extract", "output is the JSONL input", ["extract", "docs.jsonl", *CONLLU, "-o", "docs.jsonl"], 2, INPUT)
row("extract", "output is the input named otherwise", ["extract", A, *CONLLU, "-o", f"./{A}"], 2, INPUT)
row("extract", "output is a directory", ["extract", A, *CONLLU, "-o", "adir"], 2, "-o adir: is a directory")
row("extract", "output in a missing directory", ["extract", A, *CONLLU, "-o", "no/out.jsonl"], 2, "does not exist")
row("extract", "output under a file", ["extract", A, *CONLLU, "-o", f"{B}/out.jsonl"], 2, "is not a directory")
row("extract", "output is a FIFO", ["extract", A, *CONLLU, "-o", "fifo"], 2, "is not a regular file")
row("extract", "errors file in a missing directory", ["extract", A, *CONLLU, "--errors-jsonl", "no/e.jsonl"], 2,
    "--errors-jsonl no/e.jsonl: directory no does not exist")  # fmt: skip
row("extract", "errors file is the output", ["extract", A, *CONLLU, "-o", "o.jsonl", "--errors-jsonl", "o.jsonl"], 2,
    "is also the file of -o")  # fmt: skip
row("extract", "errors file is an input", ["extract", A, *CONLLU, "--errors-jsonl", A], 2, INPUT)
row("extract", "errors file is a directory", ["extract", A, *CONLLU, "--errors-jsonl", "adir"], 2, "is a directory")


@case("extract", "progress file is an input")
def _progress_input(w: World) -> Case:
    (w.root / "o.jsonl.progress").write_text("An article someone named oddly.\n", encoding="utf-8")
    return Case(
        ["extract", "o.jsonl.progress", *CONLLU, "-o", "o.jsonl"], 2, f"progress file of -o o.jsonl.progress: {INPUT}"
    )


@case("extract", "output is a hard link to the input")
def _hardlink(w: World) -> Case:
    os.link(w.root / A, w.root / "linked.jsonl")
    return Case(["extract", A, *CONLLU, "-o", "linked.jsonl"], 2, INPUT)


@case("extract", "output is a symlink to the input")
def _symlink_out(w: World) -> Case:
    (w.root / "out.jsonl").symlink_to(A)
    return Case(["extract", A, *CONLLU, "-o", "out.jsonl"], 2, INPUT)


@case("extract", "progress file is a planted symlink")
def _planted(w: World) -> Case:
    (w.root / "out.jsonl.progress").symlink_to("victim.txt")
    return Case(["extract", A, *CONLLU, "-o", "out.jsonl"], 2, "is a symbolic link")


@case("extract", "progress file is a dangling symlink")
def _dangling(w: World) -> Case:
    (w.root / "out.jsonl.progress").symlink_to("nowhere/at/all")
    return Case(["extract", A, *CONLLU, "-o", "out.jsonl", "--resume"], 2, "is a symbolic link")


@case("extract", "progress file is not ours")
def _not_ours(w: World) -> Case:
    (w.root / "out.jsonl.progress").write_text("my notes, not a progress log\n", encoding="utf-8")
    return Case(["extract", A, *CONLLU, "-o", "out.jsonl"], 2, "is not a quotes progress file")


@case("extract", "progress file is a directory")
def _progress_dir(w: World) -> Case:
    (w.root / "out.jsonl.progress").mkdir()
    return Case(["extract", A, *CONLLU, "-o", "out.jsonl"], 2, "is a directory")


@case("extract", "appending standard output onto the input")
def _append(w: World) -> Case:
    return Case([], 2, "standard output: is the input", shell=f"python -m quotes extract {A} --parser conllu >> {A}")


@case("extract", "standard output closed early")
def _pipe_extract(w: World) -> Case:
    # The reader is gone before the first record is written (``true`` reads nothing), so the write fails.
    return Case([], 141, "", shell=f"python -m quotes extract {A} {B} --parser conllu | true")


@case("extract", "resume over a tampered progress file")
def _tampered(w: World) -> Case:
    # A sidecar kept by a run with a failed document, then one of its records shifted by hand.
    assert main(["extract", A, B, "empty.txt", *CONLLU, "-o", "out.jsonl"]) == 1
    sidecar = w.root / "out.jsonl.progress"
    lines = sidecar.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["content"]["start"] += 1
    record["content"]["end"] += 1
    record["content"]["text"] = (w.root / A).read_text(encoding="utf-8")[
        record["content"]["start"] : record["content"]["end"]
    ]
    lines[1] = json.dumps(record)
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (w.root / "out.jsonl").unlink()

    def check(w: World, out: str, err: str) -> None:
        assert (w.root / "out.jsonl").read_bytes() == (w.root / "recs.jsonl").read_bytes()

    argv = ["extract", A, B, *CONLLU, "-o", "out.jsonl", "--resume"]
    message = f"{A}: extracting again: its records in out.jsonl.progress fail"
    return Case(argv, 0, message, changes=("out.jsonl.progress",), check=check)


# -- extract: options -----------------------------------------------------------------------------------

row("extract", "resume without an output", ["extract", A, *CONLLU, "--resume"], 2, "--resume needs an output file")
row("extract", "no workers", ["extract", A, *CONLLU, "--jobs", "0"], 2, "argument --jobs: 0 is out of range")
row("extract", "absurd workers", ["extract", A, *CONLLU, "--jobs", "99999999999999999999"], 2, "--jobs")
row("extract", "negative chunk", ["extract", A, *CONLLU, "--chunk-chars", "-1"], 2, "--chunk-chars: -1 is out")
row("extract", "absurd chunk", ["extract", A, *CONLLU, "--chunk-chars", "9" * 30], 2, "is out of range")
row("extract", "fractional chunk", ["extract", A, *CONLLU, "--chunk-chars", "1.5"], 2, "expected a whole number")
row("extract", "zero batch", ["extract", A, "--batch-size", "0"], 2, "--batch-size: 0 is out of range")
row("extract", "unknown parser", ["extract", A, "--parser", "nope"], 2, "unknown parser 'nope'")
row("extract", "unknown stdin format", ["extract", "-", "--stdin-format", "xml"], 2, "--stdin-format")
row("extract", "standard input twice", ["extract", "-", "-", *CONLLU], 2, "can be read only once")
row("extract", "scheduler without dask", ["extract", A, "--scheduler", "tcp://x:1"], 2, "--scheduler needs")

# -- extract: bad inputs (the others are still extracted) ---------------------------------------------

# A path that cannot be opened stops the command before the parser loads (exit 2, nothing written).
row("extract", "missing file", ["extract", A, "missing.txt", *CONLLU], 2, "missing.txt: no such file; nothing was")
row("extract", "missing file, output", ["extract", "missing.txt", "-o", "x.jsonl"], 2, "missing.txt: no such file")
row("extract", "directory input", ["extract", A, "adir", *CONLLU], 2, "adir: is a directory, not a file")
row("extract", "FIFO input", ["extract", A, "fifo", *CONLLU], 2, "fifo: not a regular file")
row("extract", "binary input", ["extract", A, "image.bin", *CONLLU], 1, "image.bin: binary file")
row("extract", "NUL after 8 KiB", ["extract", A, "late-nul.txt", *CONLLU], 1, "late-nul.txt: binary file")
row("extract", "not UTF-8", ["extract", A, "latin1.txt", *CONLLU], 1, "latin1.txt: not valid UTF-8 at byte 3")
row("extract", "bad BOM text", ["extract", A, "bad16.txt", *CONLLU], 1, "not valid UTF-16 LE")
row("extract", "empty file", ["extract", A, "empty.txt", *CONLLU], 1, "empty.txt: empty file")
row("extract", "malformed JSONL line", ["extract", "broken.jsonl", *CONLLU], 1, "broken.jsonl:2: malformed JSON")
row("extract", "JSONL without text", ["extract", "notext.jsonl", *CONLLU], 1, 'expected an object with "id"')
row("extract", "duplicate ids", ["extract", A, "dup.jsonl", *CONLLU], 1, "duplicate document id")
row("extract", "same file twice", ["extract", A, f"./{A}", *CONLLU], 1, f"./{A}: same file as {A}")
row("extract", "empty standard input", ["extract", "-", *CONLLU], 1, "<stdin>: empty", stdin=b"  \n")
row("extract", "binary standard input", ["extract", "-", *CONLLU], 1, "<stdin>: binary", stdin=b"ab\x00cd")
row("extract", "malformed JSONL on standard input", ["extract", "-", "--stdin-format", "jsonl", *CONLLU], 1,
    "<stdin>:1: malformed JSON", stdin=b"{oops\n")  # fmt: skip


@case("extract", "gold trees outside the JSONL's directory")
def _traversal(w: World) -> Case:
    # The id climbs to a real article with its real gold tree: reading it would make the run succeed.
    (w.root / "elsewhere").mkdir()
    shutil.copy(w.root / B, w.root / "elsewhere" / "secret.txt")
    shutil.copy(w.root / f"{NAMES[1]}.conllu", w.root / "elsewhere" / "secret.conllu")
    (w.root / "data").mkdir()
    doc = {"id": "../elsewhere/secret.txt", "text": (w.root / B).read_text(encoding="utf-8")}
    (w.root / "data" / "docs.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return Case(["extract", "docs.jsonl", *CONLLU], 1, "no gold trees for document ../elsewhere/secret.txt", cwd="data")


# -- verify ---------------------------------------------------------------------------------------------


def _edited(w: World, edit: Callable[[dict], None]) -> str:
    record = w.mixed()
    edit(record)
    return w.write_records("edited.jsonl", [record])


def _shift(r: dict) -> None:
    r["fragments"][0]["start"] += 1
    r["fragments"][0]["end"] += 1


def _reword(r: dict) -> None:
    r["fragments"][0]["text"] = "X" + r["fragments"][0]["text"][1:]


def _elsewhere(r: dict) -> None:
    r["fragments"][0] = {"start": 0, "end": 5, "text": "After"}  # the article's first word, outside the quote


def _content(r: dict) -> None:
    r["content"]["start"] += 2
    r["content"]["end"] += 2


def _context(r: dict) -> None:
    r["content"]["prefix"] = "words that were never there"


for label, edit, message in (
    ("fragment shifted", _shift, "fragment[0] 'Better Idea of Afghan Girls,' does not match its own quote"),
    ("fragment reworded", _reword, "fragment[0] 'Xetter"),
    ("fragment pointed at other words", _elsewhere, "fragment[0] 'After' does not match its own quote"),
    ("content offsets edited", _content, "the record was edited"),
    ("stored context edited", _context, "its stored context edited"),
):
    CASES[("verify", label)] = lambda w, e=edit, m=message: Case(["verify", _edited(w, e), A], 1, m)

row("verify", "records missing", ["verify", "missing.jsonl", A], 2, "missing.jsonl: no such file")
row("verify", "records binary", ["verify", "image.bin", A], 2, "image.bin: binary file")
row("verify", "records are articles", ["verify", A, B], 1, f"{A}:1: malformed JSON")
row("verify", "standard input twice", ["verify", "-", "-"], 2, "can be read only once")
row("verify", "source missing", ["verify", "recs.jsonl", A, "missing.txt"], 1, "missing.txt: no such file")


@case("verify", "records from standard input, source edited")
def _verify_stdin(w: World) -> Case:
    text = (w.root / A).read_text(encoding="utf-8")
    (w.root / A).write_text(text.replace("Afghan", "Afghanistan's"), encoding="utf-8")
    data = (w.root / "recs.jsonl").read_bytes()
    return Case(["verify", "-", A], 1, "(1 of 2 sources changed since extraction)", stdin=data)


# -- report ---------------------------------------------------------------------------------------------

row("report", "page over the records", ["report", "recs.jsonl", A, "-o", "recs.jsonl"], 2, INPUT)
row("report", "page over the article", ["report", "recs.jsonl", A, "-o", A], 2, f"-o {A}: {INPUT}")
row("report", "page in a missing directory", ["report", "recs.jsonl", "-o", "no/r.html"], 2, "does not exist")
row("report", "page is a directory", ["report", "recs.jsonl", "-o", "adir"], 2, "-o adir: is a directory")
row("report", "records missing", ["report", "missing.jsonl", "-o", "r.html"], 1, "missing.jsonl: no such file")


@case("report", "markup in ids and names")
def _markup(w: World) -> Case:
    record = w.records()[0]
    record["doc_id"] = "<script>alert(1)</script>"
    record["speaker_name"] = '<img src=x onerror="alert(2)">'
    name = w.write_records("evil.jsonl", [record])

    def check(w: World, out: str, err: str) -> None:
        page = (w.root / "r.html").read_text(encoding="utf-8")
        assert "<script>alert" not in page and "<img src=x" not in page

    return Case(["report", name, "-o", "r.html"], 0, "1 quote, 0 highlighted", check=check)


@case("report", "a source with a lone surrogate")
def _report_surrogate(w: World) -> Case:
    (w.root / "src.jsonl").write_text(json.dumps({"id": "z", "text": '"Hi \ud800," she said.'}) + "\n", "utf-8")

    def check(w: World, out: str, err: str) -> None:
        assert "Hi \ufffd," in (w.root / "r.html").read_text(encoding="utf-8")

    return Case(["report", "recs.jsonl", "src.jsonl", "-o", "r.html"], 0, "1 source (record hash", check=check)


# -- convert --------------------------------------------------------------------------------------------

row("convert", "output is the records", ["convert", "recs.jsonl", "--to", "webanno", "-o", "recs.jsonl"], 2, INPUT)
row("convert", "output in a missing directory", ["convert", "recs.jsonl", "--to", "webanno", "-o", "no/x"], 2, "exist")
row("convert", "output is a directory", ["convert", "recs.jsonl", "--to", "webanno", "-o", "adir"], 2, "a directory")
row("convert", "records missing", ["convert", "missing.jsonl", "--to", "webanno"], 2, "no such file")
row("convert", "unknown target", ["convert", "recs.jsonl", "--to", "rdf"], 2, "argument --to: invalid choice")


@case("convert", "ids that climb out of the base IRI")
def _climb(w: World) -> Case:
    records = w.records()[:2]
    records[0]["doc_id"] = "../../../etc/passwd"
    records[1]["doc_id"] = ".."
    name = w.write_records("climb.jsonl", records)

    def check(w: World, out: str, err: str) -> None:
        sources = [json.loads(line)["target"]["source"] for line in out.splitlines()]
        assert sources[0] == "https://news.example/a/..%2F..%2F..%2Fetc%2Fpasswd"
        assert sources[1] == "urn:quotes:doc:.."
        assert all(part not in (".", "..") for s in sources for part in s.partition("://")[2].split("/"))

    argv = ["convert", name, "--to", "webanno-jsonl", "--source-base", "https://news.example/a/"]
    return Case(argv, 0, "2 annotations", check=check)


@case("convert", "a record with a lone surrogate")
def _convert_surrogate(w: World) -> Case:
    records = w.records()[:1]
    records[0]["speaker_name"] = "Ali\ud800"
    name = w.write_records("sur.jsonl", records)

    def check(w: World, out: str, err: str) -> None:
        assert json.loads(out)["body"][1]["speaker_name"] == "Ali\ud800", "kept, as a JSON escape"

    return Case(["convert", name, "--to", "webanno-jsonl"], 0, "1 annotation, 0 errors", check=check)


@case("convert", "standard output onto the records")
def _convert_append(w: World) -> Case:
    return Case(
        [], 2, "is the input recs.jsonl", shell="python -m quotes convert recs.jsonl --to webanno >> recs.jsonl"
    )


# -- index ----------------------------------------------------------------------------------------------

row("index", "archive is the records", ["index", "recs.jsonl", "--db", "recs.jsonl"], 2, f"--db recs.jsonl: {INPUT}")
row("index", "archive is a source", ["index", "recs.jsonl", "--db", "x.sqlite", "--sources", "x.sqlite"], 2, INPUT)
row("index", "archive is a directory", ["index", "recs.jsonl", "--db", "adir"], 2, "--db adir: is a directory")
row("index", "archive in a missing directory", ["index", "recs.jsonl", "--db", "no/a.sqlite"], 2, "does not exist")
row("index", "archive is an article", ["index", "recs.jsonl", "--db", "notes.txt"], 2, "not a quotes archive")
row("index", "absurd wait", ["index", "recs.jsonl", "--db", "n.sqlite", "--wait", "nan"], 2, "--wait: nan is out")


def _damage(w: World) -> None:
    """Overwrite the middle of every page but the first: the header reads, the tables do not."""
    path = w.root / "archive.sqlite"
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096 + 64 : page * 4096 + 512] = b"\xa5" * 448
    path.write_bytes(bytes(data))


def _garble_schema(w: World) -> None:
    with sqlite3.connect(w.root / "archive.sqlite") as conn:
        conn.execute("UPDATE meta SET value = 'one-ish' WHERE key = 'schema_version'")
    conn.close()


# Where the damage is met first depends on what the command reads (a page's structure, or a text in it).
DAMAGED = "archive.sqlite: the archive is damaged ("
GARBLED = "not a quotes archive (schema version 'one-ish'; this quotes reads 1)"
for command, argv in (
    ("index", ["index", "recs.jsonl", "--db", "archive.sqlite"]),
    ("search", ["search", "--db", "archive.sqlite"]),
    ("check", ["check", "Noori said girls deserve schools", "--db", "archive.sqlite"]),
):
    CASES[(command, "archive damaged in the middle")] = lambda w, a=argv: (_damage(w), Case(a, 2, DAMAGED))[1]
    CASES[(command, "schema version garbage")] = lambda w, a=argv: (_garble_schema(w), Case(a, 2, GARBLED))[1]


@case("index", "a record with a lone surrogate")
def _surrogate_record(w: World) -> Case:
    records = w.records()
    records[1]["speaker_name"] = "Ali\ud800"  # json.dumps escapes it: valid JSON, not valid UTF-8 text
    name = w.write_records("sur.jsonl", records)

    def check(w: World, out: str, err: str) -> None:
        assert f"records: {len(records) - 1} read" in out, "only that record is refused"

    return Case(["index", name, "--db", "new.sqlite"], 1, "sur.jsonl:2: holds a lone surrogate (U+D800)", check=check)


@case("index", "a source with a lone surrogate")
def _surrogate_source(w: World) -> Case:
    lines = [json.dumps({"id": "z", "text": '"Hi \ud800," she said.'}), json.dumps({"id": "y", "text": "Plain."})]
    (w.root / "src.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["index", "recs.jsonl", "--db", "archive.sqlite", "--sources", "src.jsonl"]
    return Case(argv, 1, "src.jsonl:1: document 'z' holds a lone surrogate", changes=("archive.sqlite",))


@case("index", "another process holds the write lock")
def _locked(w: World) -> Case:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(w.root / "archive.sqlite")], stdout=subprocess.PIPE, text=True
    )
    w.cleanup.append(holder.kill)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    records = w.records()
    for r in records:
        r["doc_id"] = "other.txt"  # new records: this run has to write
    name = w.write_records("new.jsonl", records)
    argv = ["index", name, "--db", "archive.sqlite", "--wait", "0.5"]
    return Case(argv, 2, f"locked by process {holder.pid} (", process=True)


_HOLD = (
    "import sqlite3, sys, time\n"
    "conn = sqlite3.connect(sys.argv[1])\n"
    "conn.execute('BEGIN IMMEDIATE')\n"
    "print('holding', flush=True)\n"
    "time.sleep(60)\n"
)

# -- search and check -----------------------------------------------------------------------------------

row("search", "absurd limit", ["search", "--db", "archive.sqlite", "--limit", "99999999999999999999"], 2,
    "argument --limit: 99999999999999999999 is out of range")  # fmt: skip
row("search", "negative limit", ["search", "--db", "archive.sqlite", "--limit", "-1"], 2, "--limit: -1 is out")
row("search", "words for a limit", ["search", "--db", "archive.sqlite", "--limit", "ten"], 2, "expected a whole")
row("search", "archive missing", ["search", "x", "--db", "none.sqlite"], 2, "none.sqlite: no archive there")
row("search", "archive is an article", ["search", "x", "--db", A], 2, "not a quotes archive (file is not a database)")
row("search", "FTS5 syntax", ["search", '"unbalanced', "NEAR(", "--db", "archive.sqlite"], 0, "0 results")
row("search", "SQL in the words", ["search", "'; DROP TABLE quotes; --", "--db", "archive.sqlite"], 0, "0 results")
row("search", "undecodable bytes in a word", ["search", "caf\udce9", "--db", "archive.sqlite"], 2, "is not valid text")
row("search", "standard output closed early", [], 141, "", shell="python -m quotes search --db archive.sqlite | true")
row("check", "archive missing", ["check", "X said y", "--db", "none.sqlite"], 2, "no archive there")
row("check", "no evidence asked for", ["check", "X said y", "--db", "archive.sqlite", "--limit", "0"], 2, "--limit")
row("check", "undecodable bytes in the claim", ["check", "X said \udcff", "--db", "archive.sqlite"], 2, "not valid")
row("evaluate", "gold file missing", ["evaluate", "nothere.jsonl", *CONLLU], 2, "nothere.jsonl")


@case("evaluate", "a gold id that climbs out of articles/")
def _gold_climb(w: World) -> Case:
    gold = json.loads((ROOT / "corpus" / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    gold["doc_id"] = "../elsewhere/secret"
    (w.root / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return Case(["evaluate", "gold.jsonl", *CONLLU], 2, "not '../elsewhere/secret'")


# -- the runner -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("seed")
    for name in NAMES:
        for suffix in (".txt", ".conllu"):
            shutil.copy(ARTICLES / f"{name}{suffix}", root / f"{name}{suffix}")
    cwd = Path.cwd()
    os.chdir(root)
    try:
        # Records name the articles by their path in this world, as a user in it would (extracted there:
        # a record edited afterwards, even its doc_id, no longer matches its digest).
        assert main(["extract", *CONLLU, A, B, "-o", "recs.jsonl"]) == 0
        assert main(["index", "recs.jsonl", "--db", "archive.sqlite", "--sources", A, B]) == 0
    finally:
        os.chdir(cwd)
    (root / "docs.jsonl").write_text(json.dumps({"id": "d1", "text": '"Yes," he said.'}) + "\n", encoding="utf-8")
    (root / "dup.jsonl").write_text(json.dumps({"id": A, "text": "Again."}) + "\n", encoding="utf-8")
    (root / "broken.jsonl").write_text('{"id": "x", "text": "ok"}\nnot json\n', encoding="utf-8")
    (root / "notext.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    (root / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "late-nul.txt").write_bytes(b"Words. " * 2000 + b"\x00 and then more words.")
    (root / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (root / "bad16.txt").write_bytes(b"\xff\xfeA\x00\x00\xd8")  # a UTF-16 BOM, then a lone high surrogate
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.txt").write_text("Notes, not an archive.\n", encoding="utf-8")
    (root / "victim.txt").write_text("A file a planted link points at.\n", encoding="utf-8")
    (root / "adir").mkdir()
    return root


@pytest.fixture
def world(seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "world"
    shutil.copytree(seed, root, symlinks=True)
    os.mkfifo(root / "fifo")
    monkeypatch.chdir(root)
    w = World(root)
    yield w
    for stop in w.cleanup:
        stop()


def snapshot(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``; a link is its target's name, not what it points at."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            found[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            found[rel] = "dir"
        else:
            found[rel] = "special"
    return found


def _run(spec: Case, w: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    cwd = w.root / spec.cwd
    if spec.shell is not None or spec.process:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        if spec.shell is not None:  # the status of the pipeline's first command, as bash sees it
            command = ["bash", "-c", f'{spec.shell}; echo "{STATUS_MARK}${{PIPESTATUS[0]}}" >&2']
        else:
            command = [sys.executable, "-m", "quotes", *spec.argv]
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, input=spec.stdin, timeout=60)
        out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
        status = done.returncode
        if spec.shell is not None:
            err, _, tail = err.rpartition(STATUS_MARK)
            status = int(tail.strip())
        return status, out, err
    monkeypatch.chdir(cwd)
    if spec.stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(spec.stdin)))
    try:
        status = main(spec.argv)
    except SystemExit as exc:  # argparse
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


STATUS_MARK = "__quotes_test_status="


@pytest.mark.parametrize(("command", "name"), sorted(CASES), ids=[f"{c}: {n}" for c, n in sorted(CASES)])
def test_hostile_input(command: str, name: str, world: World, capsys, monkeypatch) -> None:
    spec = CASES[(command, name)](world)
    before = snapshot(world.root)
    status, out, err = _run(spec, world, capsys, monkeypatch)
    shown = f"status {status}\nstdout: {out[-800:]}\nstderr: {err[-800:]}"
    assert "Traceback" not in out + err and "Exception ignored" not in err, shown
    assert status == spec.status, shown
    if spec.message:
        lines = [line for line in (err + out).splitlines() if spec.message in line]
        assert len(lines) == 1, shown
    if status == 2:
        assert len(err.strip().splitlines()) == 1, "a refusal is one line: " + shown
    elif status == 141:
        assert err.strip() == "", "a closed pipe ends quietly: " + shown
    after = snapshot(world.root)
    for rel, digest in before.items():
        if rel not in spec.changes:
            assert after.get(rel) == digest, f"{rel} was modified\n{shown}"
    if status == 2:
        assert sorted(set(after) - set(before)) == [], "a refused run leaves nothing behind"
    if spec.check is not None:
        spec.check(world, out, err)


def test_the_table_is_large() -> None:
    assert len(CASES) >= 60
    assert {c for c, _ in CASES} >= {"extract", "verify", "report", "convert", "index", "search", "check"}


# -- what must work, beside what must be refused --------------------------------------------------------


@pytest.mark.usefixtures("surface")
def test_extract_reads_standard_input(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    assert main(["extract", "-", "--parser", "surface"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and {r["doc_id"] for r in records} == {"-"}
    for r in records:
        assert ARTICLE[r["content"]["start"] : r["content"]["end"]] == r["content"]["text"]

    lines = [json.dumps({"id": f"d{i}", "text": ARTICLE}) for i in range(2)]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode("utf-8"))))
    assert main(["extract", "-", "--parser", "surface", "--stdin-format", "jsonl"]) == 0
    assert {json.loads(line)["doc_id"] for line in capsys.readouterr().out.splitlines()} == {"d0", "d1"}

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    out = tmp_path / "named.jsonl"
    assert main(["extract", "-", "--parser", "surface", "--stdin-id", "wire/42", "-o", str(out)]) == 0
    assert {json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()} == {"wire/42"}


def test_gold_trees_beside_the_jsonl_that_names_them(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(ARTICLES / f"{NAMES[0]}.conllu", tmp_path / "data" / "inside.conllu")
    doc = {"id": "inside", "text": (ARTICLES / A).read_text(encoding="utf-8")}
    (tmp_path / "data" / "docs.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "data" / "docs.jsonl"), *CONLLU, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('"doc_id": "inside"') > 0


def test_a_slow_lock_holder_is_waited_for(tmp_path: Path, capsys) -> None:
    """--wait is a real wait: a writer that finishes within it does not fail the run."""
    from quotes.workbench.archive import Archive

    db = tmp_path / "a.sqlite"
    Archive(db).close()
    (tmp_path / "none.jsonl").write_text("", encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD.replace("60", "1.5"), str(db)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"holding"
        started = time.monotonic()
        argv = ["index", str(tmp_path / "none.jsonl"), "--db", str(db), "--sources", str(ARTICLES / A), "--wait", "30"]
        assert main(argv) == 0
        assert time.monotonic() - started < 30
    finally:
        holder.kill()
    assert "1 first version" in capsys.readouterr().out
