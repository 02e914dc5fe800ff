"""The ``quotes`` command: both input kinds, errors, and a missing model directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.cli import main
from tests.conftest import stanza_models_dir

SEED = Path(__file__).resolve().parents[1] / "corpus" / "articles" / "000_a59417acd8045365.txt"

pytestmark = pytest.mark.stanza


@pytest.fixture
def models(stanza_backend) -> str:
    # Depends on the session fixture so the pipeline is loaded once and shared with the CLI runs.
    return str(stanza_models_dir())


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_seed_to_file(tmp_path: Path, models: str, capsys) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(SEED), "-o", str(out), "--models", models]) == 0
    text = SEED.read_text(encoding="utf-8")
    records = _records(out)
    assert records, "the seed has quotes"
    for rec in records:
        assert rec["doc_id"] == str(SEED)
        for key in ("content", "speaker", "cue"):
            span = rec[key]
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
        assert rec["provenance"]["parser"] == "stanza"
        assert len(rec["provenance"]["text_sha256"]) == 64
    direct = {r["content"]["text"]: r for r in records if r["kind"] == "direct"}
    harutyunyan = next(r for t, r in direct.items() if t.startswith("From now on"))
    assert harutyunyan["speaker_name"] == "Arayik Harutyunyan" and harutyunyan["cue"]["text"] == "told"
    for start in ("The Armenian leadership", "Apart from that", "We wanted", "For thirty years"):
        rec = next(r for t, r in direct.items() if t.startswith(start))
        assert rec["speaker_name"] == "Ilham Aliyev", start
    flagged = [r for r in records if "unbalanced" in r["flags"]]
    assert flagged, "the seed's broken quotation mark is flagged"
    assert all(len(r["content"]["text"]) < 400 for r in flagged), "an unclosed quote never swallows the article"
    assert "quotes: 1 document, " in capsys.readouterr().err


def test_extract_jsonl_input_to_stdout(tmp_path: Path, models: str, capsys) -> None:
    src = tmp_path / "docs.jsonl"
    docs = [
        {"id": "a", "text": '"We will rebuild the bridge," the mayor said on Monday.'},
        {"id": "b", "text": "Nothing quoted here.\r\nJust CRLF text."},
    ]
    src.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    assert main(["extract", str(src), "--models", models]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["doc_id"] for r in lines] == ["a"]
    assert lines[0]["content"]["text"] == "We will rebuild the bridge,"
    assert lines[0]["speaker"]["text"] == "the mayor"


def test_bad_inputs_are_named_and_fail_the_run(tmp_path: Path, models: str, capsys) -> None:
    good = tmp_path / "good.txt"
    good.write_text('"It works," she said.', encoding="utf-8")
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": "ok"}\nnot json\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    # A path that cannot be opened at all stops the command before the model loads: one line, no output.
    for unusable, reason in ((tmp_path / "missing.txt", "no such file"), (tmp_path, "is a directory, not a file")):
        assert main(["extract", str(good), str(unusable), "-o", str(out), "--models", models]) == 2
        err = capsys.readouterr().err.splitlines()
        assert err == [f"quotes: error: {unusable}: {reason}; nothing was read or written"]
        assert not out.exists() and not Path(f"{out}.progress").exists()
    # What a readable file holds is its document's error: the others are extracted.
    paths = [good, binary, latin, empty, broken]
    assert main(["extract", *map(str, paths), "-o", str(out), "--models", models]) == 1
    err = capsys.readouterr().err
    assert f"{binary}: binary file" in err
    assert f"{latin}: not valid UTF-8" in err
    assert f"{empty}: empty file" in err
    assert f"{broken}:2: malformed JSON" in err
    assert "quotes: 2 documents, 1 quote, 4 errors in " in err
    # The good documents are still extracted, and the output is complete.
    assert [r["doc_id"] for r in _records(out)] == [str(good)]


def test_missing_model_directory_is_one_clean_error(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text('"Hello," he said.', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    missing = tmp_path / "no-models"
    assert main(["extract", str(article), "-o", str(out), "--models", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err
    assert "STANZA_RESOURCES_DIR" in err
    assert "Traceback" not in err
    assert not out.exists(), "no output file when extraction cannot start"


def test_evaluate_prints_scores_as_json(models: str, capsys) -> None:
    gold = Path(__file__).resolve().parents[1] / "corpus" / "gold.jsonl"
    assert main(["evaluate", str(gold), "--parser", "conllu", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["parser"] == "conllu"
    assert set(scores["by_kind"]) == {"direct", "indirect", "mixed"}
    assert 0.0 <= scores["attribution"]["f1"] <= 1.0


def test_evaluate_a_subset_of_documents(capsys) -> None:
    gold = Path(__file__).resolve().parents[1] / "corpus" / "gold.jsonl"
    assert main(["evaluate", str(gold), "--parser", "conllu", "--json", "--documents", "GUM_news_nasa"]) == 0
    scores = json.loads(capsys.readouterr().out)
    expected = sum(1 for line in gold.read_text(encoding="utf-8").splitlines() if '"GUM_news_nasa"' in line)
    assert scores["quotes"]["gold"] == expected > 0


def test_evaluate_errors_never_show_held_out_documents(capsys) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    held_out = [line.strip() for line in (corpus / "heldout.txt").read_text().splitlines() if line.strip()]
    gold = str(corpus / "gold.jsonl")
    assert main(["evaluate", gold, "--parser", "conllu", "--errors", "--documents", str(corpus / "heldout.txt")]) == 0
    out = capsys.readouterr().out
    assert "held out (" in out and "their errors are never printed" in out
    assert not any(doc_id in out for doc_id in held_out), "a held-out document's error was printed"
    assert main(["evaluate", gold, "--parser", "conllu", "--errors", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    listed = [item["doc_id"] for key in ("missed", "spurious") for item in data[key]]
    assert listed and not set(listed) & set(held_out)  # the development documents' errors are still listed
    assert data["held_out_errors"]["missed"] + data["held_out_errors"]["spurious"] > 0
