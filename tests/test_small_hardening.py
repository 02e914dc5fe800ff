"""The smaller items of issue 24, each with its test: a full disk on standard output, a lone surrogate and
a str subclass with spaCy, clear TypeErrors from the library, doc ids that are not text, records that
contradict themselves, and a --chunk-chars too small to find anything."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import quotes
from quotes.cli import main
from quotes.pipeline import records_from_parse
from quotes.records import QuoteRecord, RecordFormatError
from tests.audit_helpers import ARTICLE, surface  # noqa: F401 - the fixture, used by name
from tests.test_extract_properties import surface_parse

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_standard_output_on_a_full_disk_names_standard_output(tmp_path: Path) -> None:
    for suffix in (".txt", ".conllu"):
        shutil.copy(ARTICLES / f"GUM_news_nasa{suffix}", tmp_path / f"a{suffix}")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "quotes", "extract", "a.txt", "--parser", "conllu"],
            cwd=tmp_path,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    err = done.stderr.decode().strip().splitlines()
    assert done.returncode == 2
    assert err == ["quotes: error: cannot write standard output: No space left on device"], err


@pytest.fixture(scope="module")
def spacy_backend():
    pytest.importorskip("spacy", reason="spaCy is not installed (pip install 'quotes-audit[spacy]')")
    from quotes.parse.backends.spacy_backend import SpacyBackend, peek

    if peek() is None:
        pytest.skip("no spaCy English model installed")
    return SpacyBackend()


def test_spacy_keeps_a_lone_surrogate(spacy_backend, tmp_path: Path, capsys) -> None:
    text = '"Yes \ud800 it is," the mayor said.'
    parse = spacy_backend.parse(text, "d")
    assert parse.text == text and "\ud800" in "".join(t.form for t in parse.tokens)
    records = records_from_parse(parse, "d")
    assert records and records[0].content.text == "Yes \ud800 it is,"
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d", "text": text}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(docs), "--parser", "spacy", "-o", str(out)]) == 0
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["content"]["text"] == "Yes \ud800 it is,"
    assert main(["verify", str(out), str(docs)]) == 0


def test_spacy_takes_a_str_subclass(spacy_backend) -> None:
    class Article(str):
        pass

    text = '"It is done," the minister said.'
    assert spacy_backend.parse(Article(text), "d") == spacy_backend.parse(text, "d")
    assert list(spacy_backend.parse_many([("d", Article(text))])) == [spacy_backend.parse(text, "d")]


@pytest.mark.parametrize("text", [None, 10**400, b"bytes", 3.5])
def test_extract_refuses_what_is_not_text_with_a_type_error(text: object) -> None:
    # The parser named does not exist: the TypeError comes first, before any parser is looked for.
    with pytest.raises(TypeError, match=f"quotes.extract: text must be a str, got {type(text).__name__}"):
        quotes.extract(text, parser="no-such-parser")  # type: ignore[arg-type]


@pytest.mark.parametrize("doc_id", [None, 7, b"doc"])
def test_a_doc_id_that_is_not_text_is_refused(doc_id: object) -> None:
    with pytest.raises(TypeError, match=f"doc_id must be a str, got {type(doc_id).__name__}"):
        quotes.extract("Text.", doc_id, parser="no-such-parser")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=f"doc_id must be a str, got {type(doc_id).__name__}"):
        records_from_parse(surface_parse(ARTICLE), doc_id)  # type: ignore[arg-type]


def test_a_str_subclass_doc_id_is_read_as_its_str() -> None:
    class Name(str):
        pass

    records = records_from_parse(surface_parse(ARTICLE), Name("doc"))
    data = json.loads(json.dumps(records[0].to_dict(ARTICLE)))
    assert QuoteRecord.from_dict(data).to_dict() == data


def _written() -> list[dict]:
    from tests.test_verify_tampering import written

    return written()


def test_from_dict_refuses_a_principal_outside_the_speaker_mention() -> None:
    data = _written()[0]
    assert data["principal"]["text"] == "the opposition"
    data["principal"] = {"start": 1, "end": 3, "text": "It"}
    with pytest.raises(RecordFormatError) as info:
        QuoteRecord.from_dict(data)
    assert info.value.where == "principal" and "inside the speaker mention" in info.value.reason


def test_from_dict_refuses_unknown_flags() -> None:
    data = _written()[0]
    data["flags"] = ["unbalanced", "checked-by-editor"]
    with pytest.raises(RecordFormatError) as info:
        QuoteRecord.from_dict(data)
    assert info.value.where == "flags" and "checked-by-editor" in info.value.reason
    data["flags"] = ["unbalanced", "inferred-open"]
    QuoteRecord.from_dict(data)


@pytest.mark.usefixtures("surface")
@pytest.mark.parametrize(("value", "status"), [("1", 2), ("999", 2), ("0", 0), ("1000", 0)])
def test_chunk_chars_too_small_to_find_anything_is_refused(tmp_path: Path, capsys, value: str, status: int) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    try:
        code = main(["extract", str(article), "--parser", "surface", "--chunk-chars", value, "-o", str(out)])
    except SystemExit as exit:  # argparse refuses the value
        code = exit.code
    assert code == status
    err = capsys.readouterr().err
    if status:
        assert f"--chunk-chars: {value} is too small" in err and not out.exists()
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == 3
