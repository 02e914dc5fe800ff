"""The claim check of a much-quoted speaker: at most ``SPEAKER_CANDIDATES`` of the speaker's quotes are scored,
the closest in words, and the result says so.

A small archive made here: two people who share a surname, quoted often on other things, and one quote, the
least confident of all, that holds the claim's words. The cap is lowered so the archive has more quotes than it.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.text.digest import text_sha256
from quotes.workbench import claims
from quotes.workbench.archive import Archive
from quotes.workbench.claims import DIRECT, NOT_FOUND, check_claim

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"
MATCHING = "The old bridge will reopen to traffic in March, once the repairs are done"
# (speaker name, quote, how many documents quote it, confidence): the matching quote is the least confident,
# so a speaker's quotes read in confidence order would come to it last.
QUOTED = [
    ("Maria Lopez", "Harbour traffic rose by {n} percent over the spring season", 20, 0.95),
    ("Daniel Lopez", "The council approved the budget for the bridge after debate number {n}", 12, 0.9),
    ("Maria Lopez", MATCHING, 1, 0.5),
    ("Tom Reyes", "Ferries will keep their winter timetable until April {n}", 5, 0.9),
]
CLAIM = "Lopez said the old bridge will reopen to traffic in March"


def _record(template: dict, doc_id: str, name: str, quote: str, confidence: float) -> tuple[dict, str]:
    """A direct quote record over a one-line document ``Lopez said: "<quote>"``, and that text."""
    mention = name.split()[-1]
    text = f'{mention} said: "{quote}"\n'
    start = text.index('"') + 1
    end = text.index('"', start)

    def span(a: int, b: int) -> dict:
        return {"start": a, "end": b, "text": text[a:b]}

    record = copy.deepcopy(template)
    record.update(
        doc_id=doc_id,
        quote_id="q1",
        kind="direct",
        content=span(start, end),
        speaker=span(0, len(mention)),
        speaker_name=name,
        cue=span(len(mention) + 1, len(mention) + 5),
        fragments=[],
        flags=[],
        confidence=confidence,
    )
    record.pop("on_behalf_of", None)
    record["evidence"] = {**record["evidence"], "sentence": span(0, len(text) - 1), "marks": [], "speaker_chain": []}
    record["provenance"] = {**record["provenance"], "text_sha256": text_sha256(text)}
    return record, text


@pytest.fixture(scope="module")
def lopez_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("cap")
    gum = tmp / "gum.jsonl"
    assert main(["extract", "--parser", "conllu", str(ARTICLES / "GUM_news_korea.txt"), "-o", str(gum)]) == 0
    template = json.loads(gum.read_text(encoding="utf-8").splitlines()[0])
    records, texts = [], []
    for name, quote, copies, confidence in QUOTED:
        for n in range(copies):
            doc_id = f"news/{name.split()[0].lower()}-{len(records):03d}.txt"
            record, text = _record(template, doc_id, name, quote.format(n=n + 1), confidence)
            records.append(record)
            texts.append({"id": doc_id, "text": text})
    jsonl, sources = tmp / "records.jsonl", tmp / "texts.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    sources.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
    db = tmp / "archive.sqlite"
    assert main(["index", str(jsonl), "--db", str(db), "--sources", str(sources)]) == 0
    return db


def lopez_quotes() -> int:
    return sum(copies for name, _, copies, _ in QUOTED if name.endswith("Lopez"))


def test_every_quote_is_scored_below_the_cap(lopez_db):
    with Archive(lopez_db, create=False) as archive:
        result = check_claim(archive, CLAIM)
    assert result.speaker.names == ("Daniel Lopez", "Maria Lopez")
    assert result.verdict == DIRECT and result.evidence[0].hit.content.text == MATCHING
    assert result.speaker_quotes == result.speaker_checked == lopez_quotes()
    assert not result.capped and result.coverage == ""
    assert result.to_dict()["coverage"] is None


@pytest.mark.parametrize("cap", [1, 5])
def test_the_best_quote_is_found_past_the_cap_and_the_cap_is_said(lopez_db, monkeypatch, cap):
    monkeypatch.setattr(claims, "SPEAKER_CANDIDATES", cap)
    with Archive(lopez_db, create=False) as archive:
        result = check_claim(archive, CLAIM)
    # The least confident of 33 quotes is the one that holds the words: the full-text rank puts it first.
    assert result.verdict == DIRECT, result.reason
    assert result.evidence[0].hit.content.text == MATCHING
    assert result.evidence[0].hit.speaker_name == "Maria Lopez"
    assert result.speaker_quotes == lopez_quotes() and result.speaker_checked == cap
    assert result.capped
    assert f"the speaker has {lopez_quotes()} quotes; the {cap} closest in words" in result.coverage
    assert f"at most {cap}" in result.coverage
    data = result.to_dict()
    assert (data["speaker_quotes"], data["speaker_quotes_scored"]) == (lopez_quotes(), cap)
    assert data["coverage"] == result.coverage


def test_not_found_past_the_cap_says_how_many_were_checked(lopez_db, monkeypatch, capsys):
    monkeypatch.setattr(claims, "SPEAKER_CANDIDATES", 5)
    claim = "Lopez said the council budget was approved without debate for the harbour"
    with Archive(lopez_db, create=False) as archive:
        capped = check_claim(archive, claim)
    monkeypatch.setattr(claims, "SPEAKER_CANDIDATES", 500)
    with Archive(lopez_db, create=False) as archive:
        full = check_claim(archive, claim)
    # The same verdict and the same best quote with every quote scored and with the five closest in words.
    assert capped.verdict == full.verdict
    assert capped.evidence[0].hit.content.text == full.evidence[0].hit.content.text
    assert capped.evidence[0].similarity == full.evidence[0].similarity
    assert capped.speaker_checked == 5 and full.speaker_checked == lopez_quotes()

    monkeypatch.setattr(claims, "SPEAKER_CANDIDATES", 5)
    unrelated = "Lopez said the tunnel collapsed overnight"
    with Archive(lopez_db, create=False) as archive:
        result = check_claim(archive, unrelated)
    assert result.verdict == NOT_FOUND
    # None of the speaker's quotes holds these words: none was scored, and the reason says of how many.
    assert result.speaker_checked == 0 and result.speaker_quotes == lopez_quotes()
    assert f"among the 0 quotes closest in words (of {lopez_quotes()})" in result.reason
    assert main(["check", unrelated, "--db", str(lopez_db)]) == 0
    out = capsys.readouterr().out
    assert f"not every quote was scored: the speaker has {lopez_quotes()} quotes; the 0 closest in words" in out
