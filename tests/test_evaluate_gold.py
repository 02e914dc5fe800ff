"""``quotes evaluate`` checks its gold: every span must slice the article text, or the run stops naming the
gold file and line (scores against spans that point elsewhere are wrong without a word)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.evaluation.scoring import gold_span_problem

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
NAME = "GUM_news_nasa"


def _corpus(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    (tmp_path / "articles").mkdir()
    for suffix in (".txt", ".conllu"):
        shutil.copy(ARTICLES / f"{NAME}{suffix}", tmp_path / "articles" / f"{NAME}{suffix}")
    lines = [
        line
        for line in (ROOT / "corpus" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["doc_id"] == NAME
    ]
    assert len(lines) >= 2
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold, tmp_path / "articles" / f"{NAME}.txt", lines


def test_the_gold_as_it_is_scores(tmp_path: Path, capsys) -> None:
    gold, _, _ = _corpus(tmp_path)
    assert main(["evaluate", str(gold), "--parser", "conllu", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["quotes"]["f1"] > 0.5  # scored, not refused


def _shift(lines: list[str], which: int, key: str, by: int) -> list[str]:
    data = json.loads(lines[which])
    data[key]["start"] += by
    data[key]["end"] += by
    return [*lines[:which], json.dumps(data), *lines[which + 1 :]]


@pytest.mark.parametrize(
    ("case", "key"),
    [("content shifted", "content"), ("speaker shifted", "speaker"), ("cue shifted", "cue")],
)
def test_gold_offsets_that_do_not_slice_the_article_are_refused(tmp_path: Path, capsys, case: str, key: str) -> None:
    gold, article, lines = _corpus(tmp_path)
    gold.write_text("\n".join(_shift(lines, 1, key, 3)) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", str(gold), "--parser", "conllu"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"quotes: error: {gold}:2: {key} "), err
    assert str(article) in err[0] and "is not the article's text there" in err[0]


def test_an_article_converted_to_crlf_is_refused(tmp_path: Path, capsys) -> None:
    gold, article, _ = _corpus(tmp_path)
    text = article.read_text(encoding="utf-8")
    assert "\n" in text[:-1]
    article.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    capsys.readouterr()
    assert main(["evaluate", str(gold), "--parser", "conllu"]) != 0
    err = capsys.readouterr().err
    assert f"{gold}:" in err and "is not the article's text there" in err


def test_gold_span_problem_names_fragments_and_spans_outside_the_text() -> None:
    text = "Hello world"
    good = {"content": {"start": 0, "end": 5, "text": "Hello"}, "fragments": [{"start": 6, "end": 11, "text": "world"}]}
    assert gold_span_problem(good, text) is None
    bad = {**good, "fragments": [{"start": 6, "end": 11, "text": "World"}]}
    assert gold_span_problem(bad, text).startswith("fragments[0] 6-11")
    outside = {"content": {"start": 5, "end": 50, "text": "x" * 45}}
    assert "(outside the text)" in gold_span_problem(outside, text)
