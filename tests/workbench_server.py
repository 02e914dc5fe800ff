"""A quotes archive and a real ``datasette`` server over it, for the workbench tests.

The archive holds the GUM articles' records (``quotes extract --parser conllu``: gold trees, no model)
and their texts, plus one hostile document whose text, name and id are HTML and script, to show that
every page escapes what it renders. The server is ``python -m datasette serve ARCHIVE --port N`` with
no ``--host``, as a user starts it, finding the plugin through this checkout's entry points
(:func:`tests.entry_points.plugin_env`); it is waited for with a deadline and stopped at the end.
"""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quotes.cli import main
from quotes.text.digest import text_sha256
from tests.entry_points import plugin_env

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"
GUM = sorted(str(p) for p in ARTICLES.glob("GUM_news_*.txt"))

HOSTILE_DOC = 'hostile/"><script>alert("doc")</script>.txt'
HOSTILE_NAME = '<script>alert("name")</script> Mallory'
HOSTILE_TEXT = 'Critics said "<img src=x onerror=alert(1)> is <b>bold</b>" on Monday.\n'


def hostile_record(template: dict) -> dict:
    """A record over HOSTILE_TEXT: a direct quote whose words, speaker name and document id are markup."""
    record = copy.deepcopy(template)
    text = HOSTILE_TEXT
    start = text.index('"') + 1
    end = text.index('"', start)

    def span(a: int, b: int) -> dict:
        return {"start": a, "end": b, "text": text[a:b]}

    record.update(
        doc_id=HOSTILE_DOC,
        quote_id="q1",
        kind="direct",
        content=span(start, end),
        speaker=span(0, 7),
        speaker_name=HOSTILE_NAME,
        cue=span(8, 12),
        fragments=[],
        flags=[],
    )
    record["evidence"] = {**record["evidence"], "sentence": span(0, len(text) - 1), "marks": [], "speaker_chain": []}
    record["provenance"] = {**record["provenance"], "text_sha256": text_sha256(text)}
    return record


def build_archive(folder: Path) -> tuple[Path, list[dict]]:
    """The archive file and the records in it (GUM's, then the hostile one)."""
    jsonl = folder / "gum.jsonl"
    assert main(["extract", "--parser", "conllu", *GUM, "-o", str(jsonl)]) == 0
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    # Documents named as in the repository (corpus/articles/...), whatever the checkout's path.
    for record in records:
        record["doc_id"] = f"corpus/articles/{Path(record['doc_id']).name}"
    records.append(hostile_record(records[0]))
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    texts = [(f"corpus/articles/{Path(p).name}", Path(p).read_text(encoding="utf-8")) for p in GUM]
    texts.append((HOSTILE_DOC, HOSTILE_TEXT))
    sources = folder / "texts.jsonl"
    sources.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in texts), encoding="utf-8")
    db = folder / "archive.sqlite"
    assert main(["index", str(jsonl), "--db", str(db), "--sources", str(sources)]) == 0
    return db, records


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, timeout: float = 30) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


@contextmanager
def datasette_server(db: Path, folder: Path, start_timeout: float = 90) -> Iterator[tuple[str, Path, int]]:
    """``datasette serve DB`` on a free loopback port: (its root URL, its log file, its pid), stopped on exit."""
    port = free_port()
    log = folder / "datasette.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", str(db), "--port", str(port)],
            env=plugin_env(folder),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                if get(f"{root}/-/versions.json", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"datasette did not start on port {port}:\n{log.read_text(encoding='utf-8')}")
            time.sleep(0.3)
        yield root, log, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
