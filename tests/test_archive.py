"""The archive as a fact-checker uses it: extract, index (twice, and again after the article changed), search.

Records come from ``quotes extract --parser conllu`` on the GUM articles (gold trees, no model), and,
for the seed article, from the offline stanza model (``@pytest.mark.stanza``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.workbench.archive import Archive
from quotes.workbench.archive_search import fts_query, name_matches, name_parts
from quotes.workbench.record_input import read_records

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"
GUM = sorted(str(p) for p in ARTICLES.glob("GUM_news_*.txt"))
SEED = ARTICLES / "000_a59417acd8045365.txt"


@pytest.fixture(scope="module")
def gum_jsonl(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gum") / "gum.jsonl"
    assert main(["extract", "--parser", "conllu", *GUM, "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def gum_db(tmp_path_factory, gum_jsonl) -> Path:
    db = tmp_path_factory.mktemp("db") / "archive.sqlite"
    assert main(["index", str(gum_jsonl), "--db", str(db), "--sources", *GUM]) == 0
    return db


def test_index_twice_stores_each_record_once(tmp_path, gum_jsonl, capsys):
    records = [r for r in read_records(str(gum_jsonl))]
    db = tmp_path / "a.sqlite"
    assert main(["index", str(gum_jsonl), "--db", str(db), "--sources", *GUM]) == 0
    first = capsys.readouterr().out
    assert f"records: {len(records)} read, {len(records)} added, 0 already stored" in first
    assert main(["index", str(gum_jsonl), str(gum_jsonl), "--db", str(db), "--sources", *GUM]) == 0
    second = capsys.readouterr().out
    assert f"records: {2 * len(records)} read, 0 added, {2 * len(records)} already stored, 0 updated" in second
    assert "already stored" in second.split("sources:")[1]
    with Archive(db) as archive:
        counts = archive.counts()
        assert counts["quotes"] == len(records)
        assert counts["documents"] == counts["versions"] == counts["texts"] == len(GUM)


def test_changed_source_is_a_new_version_not_an_overwrite(tmp_path, capsys):
    # The article as first published, extracted and indexed.
    for suffix in (".txt", ".conllu"):
        shutil.copy(ARTICLES / f"GUM_news_korea{suffix}", tmp_path / f"korea{suffix}")
    article = tmp_path / "korea.txt"
    doc_id = str(article)
    v1_text = article.read_text(encoding="utf-8")
    db = str(tmp_path / "a.sqlite")
    assert main(["extract", "--parser", "conllu", doc_id, "-o", str(tmp_path / "v1.jsonl")]) == 0
    assert main(["index", str(tmp_path / "v1.jsonl"), "--db", db, "--sources", doc_id]) == 0
    # The article is corrected: same document, different text; extracted and indexed again.
    v2_text = v1_text.replace("the broadcasts will continue.", "the broadcasts will continue for now.")
    assert v2_text != v1_text
    article.write_text(v2_text, encoding="utf-8")
    assert main(["extract", "--parser", "conllu", doc_id, "-o", str(tmp_path / "v2.jsonl")]) == 0
    assert main(["index", str(tmp_path / "v2.jsonl"), "--db", db, "--sources", doc_id]) == 0
    assert "version 2, text added" in capsys.readouterr().out

    with Archive(db) as archive:
        versions = archive.documents()
        assert [(v["doc_id"], v["version"], v["has_text"], v["records"]) for v in versions] == [
            (doc_id, 1, 1, 7),
            (doc_id, 2, 1, 7),
        ]
        hashes = [v["text_sha256"] for v in versions]
        assert archive.source(doc_id, hashes[0]) == v1_text  # the old text is kept, not overwritten
        assert archive.source(doc_id) == v2_text
        # By default a search sees the current version; with all_versions both.
        current = archive.search("loudspeakers")
        assert [(h.version, h.superseded) for h in current] == [(2, False)]
        both = archive.search("loudspeakers", all_versions=True)
        assert sorted(h.version for h in both) == [1, 2]
        assert {h.content.start for h in both} == {2067, 2075}  # the offsets of each version hold in its text
        for hit in both:
            text = archive.source(doc_id, hit.text_sha256)
            assert text[hit.content.start : hit.content.end] == hit.content.text
            assert hit.sentence_from == "source" and hit.sentence.text in text

        # A third text indexed without new records: the current records are marked as superseded.
        result = archive.add_source(doc_id, v2_text + "\nCorrection appended.\n")
        assert (result.version, result.status, result.records) == (3, "new version", 0)
        assert [(h.version, h.versions, h.superseded) for h in archive.search("loudspeakers")] == [(2, 3, True)]


def test_same_key_with_other_fields_is_updated(tmp_path, gum_jsonl):
    records = list(read_records(str(gum_jsonl)))[:3]
    with Archive(tmp_path / "a.sqlite") as archive:
        assert archive.add_records(records).added == 3
        changed = dict(records[0], speaker_name="Someone Else", confidence=0.5)
        result = archive.add_records([changed, records[1]])
        assert (result.added, result.unchanged, result.updated) == (0, 1, 1)
        assert archive.counts()["quotes"] == 3
        assert [h.speaker_name for h in archive.search(speaker="someone else")] == ["Someone Else"]


def test_search_finds_a_speaker_by_canonical_name_whatever_the_mention(gum_db, capsys):
    with Archive(gum_db, create=False) as archive:
        hits = archive.search(speaker="eastman", limit=None)
        assert all(name_matches("eastman", h.speaker_name, h.speaker.text) for h in hits)
        # Quotes whose mention is only "he" are found by the canonical name the mention resolved to.
        by_pronoun = [h for h in hits if h.speaker.text.lower() == "he"]
        assert by_pronoun and all("eastman" in name_parts(h.speaker_name) for h in by_pronoun)
        assert [h.confidence for h in hits] == sorted((h.confidence for h in hits), reverse=True)
        name = by_pronoun[0].speaker_name
        assert archive.search(speaker=name.upper(), limit=None) == archive.search(speaker=name.lower(), limit=None)
        assert archive.search(speaker=" ".join(reversed(name.split())), limit=None) == archive.search(
            speaker=name, limit=None
        )
        assert archive.search(speaker="East") == []  # whole name parts only

    # The command line, as a person runs it.
    assert main(["search", "--db", str(gum_db), "--speaker", "Eastman", "iodine", "--json"]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert results and all("iodine" in r["content"]["text"].lower() for r in results)
    assert [r["score"] for r in results] == sorted(r["score"] for r in results)  # bm25: lower is better
    assert "he" in {r["speaker"]["text"] for r in results}
    assert main(["search", "--db", str(gum_db), "--speaker", "Eastman", "iodine"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"{len(results)} results for iodine, speaker ~ 'Eastman'")
    assert re.search(r'^1\. .*Eastman  \(".+", cue ".+"\)  (direct|indirect|mixed)  confidence', text, re.M)
    assert '("he", cue "said")  direct' in text
    assert "[from the source]" in text


def test_search_by_words_kind_and_document(gum_db):
    with Archive(gum_db, create=False) as archive:
        hits = archive.search("iodised salt")  # stemmed: "iodisation of all edible salt" is found too
        assert hits and all("iodis" in h.content.text.lower() and "salt" in h.content.text.lower() for h in hits)
        assert [h.score for h in hits] == sorted(h.score for h in hits)
        stemmed = archive.search("broadcast")  # porter stemming: "broadcasts", "broadcasting"
        assert {h.speaker_name for h in stemmed} >= {"South Korea", "North Korea"}
        assert all(h.kind == "direct" for h in archive.search(kind="direct", limit=None))
        korea = [h for h in archive.search(limit=None) if h.doc_id.endswith("GUM_news_korea.txt")]
        assert archive.search(doc_id=korea[0].doc_id, limit=None) == korea
        assert archive.search("¿?") == []  # no words: nothing, not everything
        assert archive.search("loudspeakers OR NOT") == []  # FTS syntax is taken as plain words
        for hit in hits:
            assert hit.sentence is not None and hit.content.text in hit.sentence.text


def test_fts_query_quotes_every_word():
    assert fts_query('occupation never* "ends" AND') == '"occupation" "never"* "ends" "AND"'
    assert fts_query(["a", "b"], any_word=True) == '"a" OR "b"'
    assert fts_query("...") is None


def test_a_sources_other_path_is_matched_by_its_hash(tmp_path, gum_jsonl, capsys):
    copy = tmp_path / "elsewhere.txt"
    shutil.copy(ARTICLES / "GUM_news_nasa.txt", copy)
    db = tmp_path / "a.sqlite"
    assert main(["index", str(gum_jsonl), "--db", str(db), "--sources", str(copy)]) == 0
    out = capsys.readouterr().out
    assert f"stored as {str(ARTICLES / 'GUM_news_nasa.txt')!r}" in out
    with Archive(db) as archive:
        assert archive.source(str(ARTICLES / "GUM_news_nasa.txt")) == copy.read_text(encoding="utf-8")


def test_bad_input_is_reported_and_the_rest_indexed(tmp_path, gum_jsonl, capsys):
    lines = gum_jsonl.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], "{not json", '{"doc_id": "x"}', lines[1]]) + "\n", encoding="utf-8")
    db = tmp_path / "a.sqlite"
    assert main(["index", str(bad), "--db", str(db), "--sources", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: malformed JSON" in err
    assert f"{bad}:3: not a quote record" in err
    assert "missing.txt: no such file" in err
    with Archive(db) as archive:
        assert archive.counts()["quotes"] == 2


def test_search_needs_an_existing_archive(tmp_path, capsys):
    assert main(["search", "--db", str(tmp_path / "nope.sqlite"), "x"]) == 2
    assert "no archive there" in capsys.readouterr().err
    assert not (tmp_path / "nope.sqlite").exists()
    other = tmp_path / "other.sqlite"
    import sqlite3

    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert main(["search", "--db", str(other), "x"]) == 2
    assert "not a quotes archive" in capsys.readouterr().err


@pytest.mark.stanza
def test_seed_article_aliyev_by_name_whatever_the_mention(stanza_backend, tmp_path):
    from quotes.pipeline import Extractor

    text = SEED.read_text(encoding="utf-8")
    records = Extractor(stanza_backend).extract(text, str(SEED))
    with Archive(tmp_path / "a.sqlite") as archive:
        archive.add_records(records)
        archive.add_source(str(SEED), text)
        hits = archive.search(speaker="Aliyev", limit=None)
        assert hits and {h.speaker_name for h in hits} == {"Ilham Aliyev"}
        mentions = {h.speaker.text for h in hits}
        assert "the president" in mentions  # found by the canonical name, not by the words of the mention
        occupation = archive.search("occupation", speaker="aliyev")
        assert [h.speaker.text for h in occupation] == ["the president"]
        assert "the president said" in occupation[0].sentence.text
