"""Integrity of the gold corpus: corpus/gold.jsonl, corpus/articles/, corpus/LICENSE.md, corpus/README.md."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
ARTICLES = CORPUS / "articles"
GOLD = CORPUS / "gold.jsonl"
SEED_NAME = "000_a59417acd8045365.txt"

KINDS = {"direct", "indirect", "mixed"}
REQUIRED = {"doc_id", "gold_id", "kind", "content", "speaker", "speaker_name", "cue", "fragments", "flags", "rule"}
OPTIONAL = {"note"}


def read_article(doc_id: str) -> str:
    with (ARTICLES / f"{doc_id}.txt").open(encoding="utf-8", newline="") as handle:
        return handle.read()


def load_gold() -> list[dict]:
    records = []
    with GOLD.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, 1):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise AssertionError(f"gold.jsonl line {number} does not parse: {error}: {line!r}") from None
    return records


GOLD_RECORDS = load_gold()
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))
CONLLU_FILES = sorted(ARTICLES.glob("*.conllu"))


def load_script(name: str):
    """Import corpus/<name>.py (corpus/ is not a package)."""
    module_name = f"corpus_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, CORPUS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
    return sys.modules[module_name]


def record_id(record: dict) -> str:
    return record.get("gold_id", "?")


def test_corpus_is_not_empty():
    assert GOLD_RECORDS
    assert (ARTICLES / SEED_NAME).exists()
    assert len(CONLLU_FILES) >= 6


@pytest.mark.parametrize("record", GOLD_RECORDS, ids=record_id)
def test_record_has_the_gold_format(record):
    keys = set(record)
    assert keys >= REQUIRED, f"missing keys {sorted(REQUIRED - keys)}"
    assert keys <= REQUIRED | OPTIONAL, f"unknown keys {sorted(keys - REQUIRED - OPTIONAL)}"
    assert record["kind"] in KINDS
    assert (ARTICLES / f"{record['doc_id']}.txt").exists(), "no article for this doc_id"
    assert re.fullmatch(re.escape(record["doc_id"]) + r"#g\d{2,}", record["gold_id"])
    assert isinstance(record["rule"], str) and record["rule"]
    assert isinstance(record["flags"], list) and all(isinstance(f, str) for f in record["flags"])
    assert (record["speaker"] is None) == (record["speaker_name"] is None)
    assert record["cue"] is not None, "every quote has a cue (continuations inherit theirs)"
    if record["kind"] == "mixed":
        assert record["fragments"], "a mixed quote has at least one fragment"
    else:
        assert record["fragments"] == []


@pytest.mark.parametrize("record", GOLD_RECORDS, ids=record_id)
def test_every_span_slices_its_article(record):
    text = read_article(record["doc_id"])
    spans = [("content", record["content"]), ("speaker", record["speaker"]), ("cue", record["cue"])]
    spans += [(f"fragment {i}", f) for i, f in enumerate(record["fragments"])]
    for name, span in spans:
        if span is None:
            continue
        assert set(span) == {"start", "end", "text"}, name
        start, end = span["start"], span["end"]
        assert isinstance(start, int) and isinstance(end, int), name
        assert 0 <= start < end <= len(text), f"{name} offsets out of range"
        assert text[start:end] == span["text"], f"{name}: {text[start:end]!r} != {span['text']!r}"
        assert span["text"] == span["text"].strip(), f"{name} has surrounding whitespace"


@pytest.mark.parametrize("record", GOLD_RECORDS, ids=record_id)
def test_fragments_lie_inside_the_content(record):
    content = record["content"]
    for fragment in record["fragments"]:
        assert content["start"] <= fragment["start"] and fragment["end"] <= content["end"]


def test_gold_ids_are_unique():
    duplicates = [i for i, n in Counter(r["gold_id"] for r in GOLD_RECORDS).items() if n > 1]
    assert not duplicates


def test_gold_is_up_to_date_with_the_annotations():
    """gold.jsonl is exactly what corpus/annotate.py writes (nobody edited it by hand)."""
    module = load_script("annotate")
    assert module.dumps(module.build_records()) == GOLD.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.name)
def test_every_article_has_a_licence_entry(path):
    licence = (CORPUS / "LICENSE.md").read_text(encoding="utf-8")
    rows = [line for line in licence.splitlines() if line.startswith("|") and f"articles/{path.name}" in line]
    assert rows, f"no row for articles/{path.name} in corpus/LICENSE.md"
    conllu = path.with_suffix(".conllu")
    if conllu.exists():
        match = re.search(r"^# meta::sourceURL = (\S+)", conllu.read_text(encoding="utf-8"), re.M)
        assert match, "the .conllu has no sourceURL"
        assert match.group(1) in rows[0], "the licence row does not give the article's source URL"
        assert "CC BY 2.5" in rows[0]


def test_seed_copy_is_byte_identical():
    original = shared_path("seed", SEED_NAME)
    assert (ARTICLES / SEED_NAME).read_bytes() == original.read_bytes()


def conllu_sentences(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [line[len("# text = ") :].rstrip("\r\n") for line in handle if line.startswith("# text = ")]


@pytest.mark.parametrize("path", CONLLU_FILES, ids=lambda p: p.name)
def test_conllu_sentences_occur_in_order_in_the_text(path):
    text = read_article(path.stem)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# newdoc id = {path.stem}", "the block must start with its own newdoc line"
    sentences = conllu_sentences(path)
    assert sentences
    position = 0
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found != -1, f"sentence not found (in order): {sentence[:80]!r}"
        between = text[position:found]
        allowed = ("",) if position == 0 else (" ", "\n\n")
        assert between in allowed, f"unexpected gap {between!r} before {sentence[:40]!r}"
        position = found + len(sentence)
    assert text[position:] == "\n"


def test_readme_counts_match_the_gold():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    counts: dict[str, Counter] = {}
    for record in GOLD_RECORDS:
        counts.setdefault(record["doc_id"], Counter())[record["kind"]] += 1
    table = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] in counts:
            table[cells[0]] = [int(c) for c in cells[2:6]]
    for doc_id, c in counts.items():
        expected = [c["direct"], c["indirect"], c["mixed"], sum(c.values())]
        assert table.get(doc_id) == expected, f"README counts for {doc_id}: {table.get(doc_id)} != {expected}"


def test_gum_files_match_a_rebuild_from_the_treebank():
    shared_path("ud", "en_gum-ud-test.conllu")
    module = load_script("build_gum")
    for path, content in module.outputs().items():
        assert path.read_bytes() == content.encode("utf-8"), f"{path.name} differs from a rebuild"
