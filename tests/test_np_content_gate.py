"""The gate of noun-phrase content (quotes/rules/np_content.py) and the calibration of rule bases
(benchmarks/confidence.py), on tables written here: what each decides, by the rules their docstrings give."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quotes.rules import np_content

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

READINGS = {
    ("hail", "obj"): (10, 9),
    ("write", "about"): (8, 6),
    ("report", "obj"): (10, 2),
    ("rebut", "obj+for"): (1, 1),
}
CLASSES = {"obj": (100, 70), "obj+comp": (20, 16), "prep": (40, 28)}


def test_a_share_is_drawn_toward_its_class() -> None:
    share = np_content.right_share(READINGS, CLASSES, "hail", "obj")
    w = np_content.PRIOR_WEIGHT
    assert share == pytest.approx((9 + w * 0.7) / (10 + w))
    # A verb never tried has its class's share.
    assert np_content.right_share(READINGS, CLASSES, "laud", "obj") == pytest.approx(0.7)


def test_an_unseen_frame_of_a_seen_verb_is_not_read_but_an_unseen_verb_is_judged_by_its_class() -> None:
    assert np_content.seen_enough(READINGS, "write", "about")
    assert not np_content.seen_enough(READINGS, "write", "for")  # "written for the Post"
    assert np_content.seen_enough(READINGS, "deride", "obj")  # never tried: its class decides
    # Seen once, in another frame: too little to say which frames the verb takes.
    assert np_content.seen_enough(READINGS, "rebut", "obj")


def test_the_shipped_gate_reads_what_the_counts_say() -> None:
    from quotes.data.lexicon import load

    lexicon = load()
    # Each answer follows from quotes/data/np_readings.txt: "begin" + object was almost never speech there.
    assert not np_content.reads_right(lexicon, "begin", "obj")
    assert np_content.reads_right(lexicon, "describe", "obj+as")
    # A complement the data never showed with the verb is judged by the verb's bare object.
    assert np_content.reads_right(lexicon, "describe", "obj+zzz") == np_content.reads_right(lexicon, "describe", "obj")


def test_frame_classes() -> None:
    assert [np_content.frame_class(f) for f in ("obj", "obj+as", "obj+predicate", "about")] == [
        "obj",
        "obj+comp",
        "obj+comp",
        "prep",
    ]


def test_bases_bring_a_rules_mean_confidence_to_its_share_right() -> None:
    import confidence as calibration

    old = calibration.table.RULES["quote-cue"]
    many = [(("d", f"q{i}"), "quote-cue", old, i % 2 == 0) for i in range(400)]  # right half the time
    few = [(("d", f"r{i}"), "split", 0.9, False) for i in range(calibration.MIN_RECORDS - 1)]
    new = calibration.bases(many + few)
    measured = old * 0.5 / old
    expected = (400 * measured + calibration.PRIOR * old) / (400 + calibration.PRIOR)
    assert new["quote-cue"] == pytest.approx(round(expected, 2))
    assert "split" not in new  # too few records: its base is kept


def test_reliability_is_monotone_only_when_each_band_beats_the_one_below() -> None:
    import confidence as calibration

    assert calibration.monotone(
        [("0.9-1.0", 10, 0.95), ("0.8-0.9", 10, 0.85), ("0.7-0.8", 0, 0.0), ("0.6-0.7", 5, 0.6)]
    )
    assert not calibration.monotone([("0.9-1.0", 10, 0.8), ("0.8-0.9", 10, 0.85)])


def test_writing_the_table_keeps_comments_and_columns(tmp_path, monkeypatch) -> None:
    import confidence as calibration

    table = tmp_path / "confidence.txt"
    table.write_text(
        '# a comment\n[rule]\nquote-cue 0.95              # "...," X said\nsplit 0.9 # B\n[factor]\nsurface-link 0.9\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(calibration, "TABLE_PATH", table)
    assert calibration.write_table({"quote-cue": 0.98, "surface-link": 0.5}) == 1
    lines = table.read_text(encoding="utf-8").splitlines()
    assert lines[2] == 'quote-cue 0.98              # "...," X said'
    assert lines[3] == "split 0.9 # B"
    assert lines[5] == "surface-link 0.9"  # only [rule] lines are rewritten
