"""The README as a user meets it: every example it gives is run, every table it shows comes from a run.

Every fenced block is one of:

* ``console``: ``$ command`` lines, each followed by the output it must print (standard error and
  standard output in one stream, as a terminal shows them). ``...`` in an expected line stands for any text; a line that
  is only ``...`` for any number of lines. The commands run with ``bash`` in one scratch folder, block
  after block, so a later block uses what an earlier one wrote; ``corpus/`` there is the repository's.
* ``bash``: commands run the same way; they must succeed, their output is not compared.
* ``python``: run in one namespace, block after block, in the same folder (a user's session).
* ``json`` (a record as ``quotes extract`` writes it: the directive ``<!-- readme: record FILE QUOTE_ID -->``
  before it names the record it must equal), ``text`` (a drawing, not a command) or ``toml``.

A block that is not run says why in a directive right before it, ``<!-- readme: not run: REASON -->``,
and the reason names what runs it instead (CI, or a test). The environment is a new user's: an empty
HOME, no ``STANZA_RESOURCES_DIR`` (so stanza uses the model bundled with quotes), ``quotes`` the
command of this checkout.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.M | re.S)
DIRECTIVE = re.compile(r"<!-- readme: (?P<what>.+?) -->\s*$")
RUN = {"console", "bash", "python"}
SHOWN = {"json", "text", "toml"}

sys.path.insert(0, str(ROOT / "benchmarks"))
import tables  # noqa: E402


def blocks(text: str) -> list[tuple[str, str, str | None, int]]:
    """``(lang, body, directive, line)`` of every fenced block, in order."""
    out = []
    end = 0
    for match in FENCE.finditer(text):
        before = text[end : match.start()].rstrip("\n").splitlines()
        directive = DIRECTIVE.search(before[-1]) if before else None
        out.append(
            (match["lang"], match["body"], directive["what"] if directive else None, text.count("\n", 0, match.start()))
        )
        end = match.end()
    return out


def expected_pattern(expected: str) -> re.Pattern[str]:
    parts = []
    for line in expected.splitlines():
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(piece) for piece in line.split("...")) + r"[ \t\r]*\n")
    return re.compile("".join(parts))


def console_steps(body: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` pairs; a command may continue on lines ending with a backslash."""
    steps: list[tuple[str, list[str]]] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("$ "):
            command = [line[2:]]
            while command[-1].endswith("\\") and i + 1 < len(lines):
                i += 1
                command.append(lines[i])
            steps.append(("\n".join(command), []))
        else:
            assert steps, f"output before any command: {line!r}"
            steps[-1][1].append(line)
        i += 1
    return [(command, "\n".join(out)) for command, out in steps]


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> dict[str, object]:
    """The scratch folder, with ``corpus/`` and a ``quotes`` command of this checkout, and a new user's env."""
    work = tmp_path_factory.mktemp("readme")
    (work / "corpus").symlink_to(ROOT / "corpus")
    bin_dir = work.parent / f"{work.name}-bin"
    bin_dir.mkdir()
    shim = bin_dir / "quotes"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m quotes "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    home = work.parent / f"{work.name}-home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("STANZA_RESOURCES_DIR", "QUOTES_DEBUG")}
    env.update(
        HOME=str(home),
        PATH=f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=f"{ROOT}{os.pathsep}{env.get('PYTHONPATH', '')}".rstrip(os.pathsep),
        COLUMNS="120",
        PYTHONUNBUFFERED="1",
    )
    return {"work": work, "env": env}


def run_shell(command: str, session: dict[str, object]) -> subprocess.CompletedProcess[str]:
    """``command`` in bash, standard error and output in one stream in the order written (as on a terminal)."""
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"exec 2>&1\n{command}"],
        cwd=session["work"],
        env=session["env"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_every_block_is_run_or_says_why():
    for lang, _, directive, line in blocks(README.read_text(encoding="utf-8")):
        assert lang in RUN | SHOWN, f"README line {line + 1}: a block needs a language ({sorted(RUN | SHOWN)})"
        if directive and directive.startswith("not run"):
            reason = directive.partition(":")[2].strip()
            assert lang in RUN and len(reason) > 15, f"README line {line + 1}: 'not run' needs its reason"
        if lang == "json":
            assert directive and directive.startswith("record "), f"README line {line + 1}: which record is this?"


def test_the_install_block_is_what_ci_runs():
    """The block that is not run here (it installs and runs the tests) is what .ci/fresh-machine runs."""
    fresh = (ROOT / ".ci" / "fresh-machine").read_text(encoding="utf-8")
    skipped = [body for lang, body, d, _ in blocks(README.read_text(encoding="utf-8")) if d and ".ci/" in d]
    assert skipped
    for body in skipped:
        for command in (c.split("#")[0].strip() for c in body.splitlines()):
            if command:
                assert command in fresh, f"{command!r} is not run by .ci/fresh-machine"


@pytest.mark.stanza
def test_readme_examples_run_as_shown(session):
    namespace: dict[str, object] = {"__name__": "__readme__"}
    for lang, body, directive, line in blocks(README.read_text(encoding="utf-8")):
        where = f"README line {line + 1}"
        if directive and directive.startswith("not run"):
            continue
        if lang == "console":
            for command, expected in console_steps(body):
                result = run_shell(command, session)
                shown = result.stdout  # standard error joins it (exec 2>&1)
                assert expected_pattern(expected).fullmatch(
                    shown if shown.endswith("\n") or not shown else shown + "\n"
                ), f"{where}: $ {command}\n--- expected:\n{expected}\n--- got (exit {result.returncode}):\n{shown}"
        elif lang == "bash":
            result = run_shell(body, session)
            assert result.returncode == 0, f"{where}: exit {result.returncode}\n{result.stderr}{result.stdout}"
        elif lang == "python":
            cwd = Path.cwd()
            saved = {k: os.environ.get(k) for k in ("HOME", "STANZA_RESOURCES_DIR")}
            try:
                os.chdir(session["work"])
                os.environ["HOME"] = session["env"]["HOME"]
                os.environ.pop("STANZA_RESOURCES_DIR", None)
                exec(compile(body, where, "exec"), namespace)  # a user's session: block after block
            finally:
                os.chdir(cwd)
                for key, value in saved.items():
                    if value is None:
                        os.environ.pop(key, None)
                    else:
                        os.environ[key] = value
        elif lang == "json" and directive and directive.startswith("record "):
            _, path, quote_id = directive.split()
            written = [json.loads(x) for x in (session["work"] / path).read_text(encoding="utf-8").splitlines()]
            record = next(r for r in written if r["quote_id"] == quote_id)
            shown = json.loads(body)
            # The versions of stanza and torch are the machine's; everything else is the record as written.
            for r in (record, shown):
                r["provenance"].pop("versions")
            assert shown == record, f"{where}: the record shown is not {path} {quote_id}"


def test_readme_tables_come_from_their_runs():
    """Every table block is what its run's JSON gives, and no table of figures stands outside a block."""
    for path in (README, ROOT / "benchmarks" / "RESULTS.md"):
        assert tables.stale(path) == [], "rewrite them: python benchmarks/tables.py"
    text = README.read_text(encoding="utf-8")
    assert {name for name, _, _ in tables.blocks(text)} >= {"accuracy-corpus", "accuracy-constructions"}
    outside = tables.BLOCK.sub("", text)
    outside = FENCE.sub("", outside)
    figures = re.compile(r"\|\s*[0-9]+\.[0-9]{2,}\s*[|×x%]|\| 0\.[0-9]{3} ")
    rows = [line for line in outside.splitlines() if line.startswith("|") and figures.search(line)]
    assert rows == [], "a table of figures outside a <!-- table:... from:RUN.json --> block"


def test_table_blocks_fail_when_edited(tmp_path):
    text = README.read_text(encoding="utf-8")
    name, source, body = tables.blocks(text)[0]
    edited = tmp_path / "README.md"
    lines = body.splitlines()
    lines[2] = lines[2].replace("0.", "9.", 1)
    edited.write_text(text.replace(body, "\n".join(lines) + "\n", 1), encoding="utf-8")
    assert tables.stale(edited, base=ROOT) == [f"README.md: table {name} (from {source}) differs from its JSON"]
    assert tables.rewrite(edited.read_text(encoding="utf-8")) == text
