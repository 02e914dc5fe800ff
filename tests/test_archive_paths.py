"""The archive's fast paths give what the slow ones gave, and a read-only archive cannot be written.

Speaker search narrows rows by the FTS speaker column before the exact test by name parts; claim checks
read only the names that share a part with the claim's speaker. Both must find exactly what a pass over
every row finds, tricky names included (accents, curly apostrophes, possessives, case).
"""

from __future__ import annotations

import copy
import json
import re
import sqlite3
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.workbench.archive import Archive, ArchiveError
from quotes.workbench.archive_plan import speakers_sharing
from quotes.workbench.archive_search import name_matches
from quotes.workbench.claim_frame import match_speaker

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"
GUM = sorted(str(p) for p in ARTICLES.glob("GUM_news_*.txt"))[:8]
TRICKY = ["José Núñez", "Seán O’Brien", "Azerbaijan's army", "MARIA de la CRUZ", "Anne-Marie Duval", "Li Wei"]


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("paths")
    jsonl = folder / "gum.jsonl"
    assert main(["extract", "--parser", "conllu", "--include-unattributed", *GUM, "-o", str(jsonl)]) == 0
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    # Some records get tricky canonical names (the mentions in the text stay as written).
    named = [r for r in records if r["speaker_name"]]
    for name, record in zip(TRICKY, named[::3], strict=False):
        record["speaker_name"] = name
    # A second version of one document with records: the first version's records are no longer current.
    stale = [copy.deepcopy(r) for r in records if r["doc_id"] == GUM[0]]
    for r in stale:
        r["provenance"]["text_sha256"] = "0" * 64
    db = folder / "archive.sqlite"
    with Archive(db) as archive:
        archive.add_records(stale)
        archive.add_records(records)
    return db


def _brute_force(archive: Archive, query: str) -> list[tuple[str, str]]:
    hits = archive.search(limit=None)
    return sorted(
        (h.doc_id, h.quote_id)
        for h in hits
        if name_matches(query, h.speaker_name, h.record["speaker"] and h.record["speaker"]["text"])
    )


def test_speaker_search_finds_what_every_row_would(archive_path):
    with Archive(archive_path, read_only=True) as archive:
        hits = archive.search(limit=None)
        queries = set(TRICKY) | {"josé", "o'brien", "O’BRIEN", "azerbaijan’s", "de la cruz", "Duval", "anne marie"}
        for hit in hits:
            if hit.speaker_name:
                queries |= {hit.speaker_name, hit.speaker_name.split()[-1], hit.speaker_name.upper()}
            if hit.speaker is not None:
                queries |= {hit.speaker.text, hit.speaker.text.split()[-1]}
        queries |= {"nobody-at-all", "Ali", "'s"}
        found_any = 0
        for query in sorted(queries):
            fast = sorted((h.doc_id, h.quote_id) for h in archive.search(speaker=query, limit=None))
            assert fast == _brute_force(archive, query), query
            found_any += bool(fast)
        assert found_any > 30


def test_current_records_only_by_default(archive_path):
    with Archive(archive_path, read_only=True) as archive:
        current = archive.search(doc_id=GUM[0], limit=None)
        every = archive.search(doc_id=GUM[0], all_versions=True, limit=None)
        assert current and len(every) == 2 * len(current)
        assert {h.version for h in current} == {2} and all(h.versions == 2 for h in every)


def test_claim_speakers_are_the_full_lists(archive_path):
    with Archive(archive_path, read_only=True) as archive:
        every = [name for name, _ in archive.speakers()]
        assert set(TRICKY) <= set(every)
        tried = 0
        for who in [*every, "President José Núñez", "the army of Azerbaijan", "officials", "Mr. Duval", "nobody"]:
            for given in (False, True):
                full = match_speaker(who, every, given=given)
                assert match_speaker(who, speakers_sharing(archive.conn, who), given=given) == full, who
                tried += bool(full.names)
        assert tried > 20


def test_read_only_archive_refuses_writes(archive_path, tmp_path):
    before = archive_path.stat().st_mtime_ns
    with Archive(archive_path, read_only=True) as archive:
        assert archive.counts()["quotes"] > 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            archive.add_source("new-doc", "A text.")
    assert archive_path.stat().st_mtime_ns == before
    with pytest.raises(ArchiveError, match="no archive there"):
        Archive(tmp_path / "missing.sqlite", read_only=True)
    assert not (tmp_path / "missing.sqlite").exists()


def test_batch_is_one_transaction(tmp_path):
    db = tmp_path / "a.sqlite"
    with Archive(db) as archive:
        with archive.batch():
            for n in range(3):
                archive.add_source(f"d{n}", f"text {n}")
        assert archive.counts()["texts"] == 3
        with pytest.raises(RuntimeError), archive.batch():
            archive.add_source("d9", "text 9")
            raise RuntimeError("stop")
        assert archive.counts()["texts"] == 3
        assert archive.source("d9") is None


def test_word_search_fast_path_is_the_full_ranking(archive_path, monkeypatch):
    """A word search ranks a few candidates by bm25 alone first; the hits must be the full ranking's."""
    import re

    import quotes.workbench.archive_plan as plan

    monkeypatch.setattr(plan, "MIN_CANDIDATES", 2)
    monkeypatch.setattr(plan, "RANK_CANDIDATES", 1)
    with Archive(archive_path, read_only=True) as archive:
        contents = [h.content.text for h in archive.search(limit=None)]
        words = sorted({w.lower() for c in contents for w in re.findall(r"[A-Za-z]{4,}", c)})[::4]
        queries = [*words[:120], "said the", "government officials", "people would"]
        compared = 0
        for query in queries:
            for filters in ({}, {"kind": "indirect"}, {"any_word": True}, {"speaker": "Eastman"}):
                full = [(h.doc_id, h.quote_id) for h in archive.search(query, limit=None, **filters)]
                for limit in (1, 3):
                    fast = [(h.doc_id, h.quote_id) for h in archive.search(query, limit=limit, **filters)]
                    assert fast == full[:limit], (query, filters, limit)
                    compared += len(full) > limit
        assert compared > 50


def test_speaker_search_in_rank_order_is_the_same(archive_path, monkeypatch):
    """A much-quoted name is read in the rank index's order; the hits must be those of the other plan."""
    import quotes.workbench.archive_plan as plan

    with Archive(archive_path, read_only=True) as archive:
        names = [*[name for name, _ in archive.speakers()][:25], "Eastman", "officials", "the"]
        expected = {n: [(h.doc_id, h.quote_id) for h in archive.search(speaker=n, limit=5)] for n in names}
    monkeypatch.setattr(plan, "SCAN_IN_ORDER", 0)
    with Archive(archive_path, read_only=True) as archive:
        assert plan.frequent(archive.conn, names[0])
        for name in names:
            assert [(h.doc_id, h.quote_id) for h in archive.search(speaker=name, limit=5)] == expected[name], name
            assert [(h.doc_id, h.quote_id) for h in archive.search(speaker=name, kind="direct", limit=3)] == [
                (h.doc_id, h.quote_id) for h in archive.search(speaker=name, kind="direct", limit=None)
            ][:3]


def test_one_version_each_skips_the_versions_until_a_second_comes(tmp_path, monkeypatch):
    """Where no document has a second version every record is current, and a search reads no versions to
    tell; a second version added by another connection is seen by a reader open all along."""
    from quotes.workbench.archive_plan import search_rows

    jsonl = tmp_path / "two.jsonl"
    assert main(["extract", "--parser", "conllu", *GUM[:2], "-o", str(jsonl)]) == 0
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    db = tmp_path / "a.sqlite"
    with Archive(db) as writer:
        writer.add_records(records)
    with Archive(db, read_only=True) as reader:
        assert reader.every_record_current()
        contents = " ".join(r["content"]["text"] for r in records)
        for words in sorted({w.lower() for w in re.findall(r"[A-Za-z]{5,}", contents)})[::7]:
            hits = [(h.doc_id, h.quote_id) for h in reader.search(words, limit=None)]
            telling = search_rows(reader.conn, (words, None, None, None, None, False, False), None)
            assert hits == [(r["doc_id"], r["quote_id"]) for r in telling] and hits, words
            assert [(h.doc_id, h.quote_id) for h in reader.search(words, limit=2)] == hits[:2]
        # A much-quoted speaker read through the rank index: the same hits, with no versions joined.
        import quotes.workbench.archive_plan as plan

        names = [name for name, _ in reader.speakers()][:5]
        expected = {n: [(h.doc_id, h.quote_id) for h in reader.search(speaker=n, limit=3)] for n in names}
        monkeypatch.setattr(plan, "SCAN_IN_ORDER", 0)
        for name in names:
            assert [(h.doc_id, h.quote_id) for h in reader.search(speaker=name, limit=3)] == expected[name], name
        assert any(expected.values())
        first = records[0]["doc_id"]
        newer = [copy.deepcopy(r) for r in records if r["doc_id"] == first]
        for r in newer:
            r["provenance"]["text_sha256"] = "1" * 64
        with Archive(db) as writer:
            writer.add_records(newer)
        assert not reader.every_record_current()
        seen = {h.text_sha256 for h in reader.search(doc_id=first, limit=None)}
        assert seen == {"1" * 64}


def test_count_is_what_a_search_gives(archive_path):
    """The count of a speaker's quotes (the claim check's "of M") is the number of quotes a search gives:
    current ones only, in an archive where a document has two versions."""
    with Archive(archive_path, read_only=True) as archive:
        names = [name for name, _ in archive.speakers()]
        old = {h.speaker_name for h in archive.search(doc_id=GUM[0], all_versions=True, limit=None)} - {None}
        assert old and set(names) & old
        for some in ([names[0]], names[:3], sorted(old), names):
            assert archive.count(speaker_names=some) == len(archive.search(speaker_names=some, limit=None)), some
            every = archive.search(speaker_names=some, all_versions=True, limit=None)
            assert archive.count(speaker_names=some, all_versions=True) == len(every)
        assert archive.count(speaker_names=sorted(old)) < archive.count(speaker_names=sorted(old), all_versions=True)
