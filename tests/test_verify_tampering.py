"""``quotes verify`` never calls an edited record intact: a table of the tampering cases of issue 24, each
with what the verdict must say, and a generated test that edits every field of a record one at a time."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from quotes.audit.verify import record_problems, verify_records
from quotes.cli import main
from quotes.pipeline import records_from_parse
from quotes.records import DIGEST_KEY, QuoteRecord, RecordFormatError, record_digest
from tests.audit_helpers import ARTICLE, surface  # noqa: F401 - the fixture, used by name
from tests.parse_helpers import parse_rows

TEXT = '"It is a disaster," said John Smith, a spokesman for the opposition. Jane Doe said the plan was "a failure".'
SPOKESMAN = [
    '" PUNCT 5 punct',
    "It PRON 5 nsubj",
    "is AUX 5 cop",
    "a DET 5 det",
    "disaster NOUN 8 ccomp",
    ", PUNCT 5 punct",
    '" PUNCT 5 punct',
    "said VERB 0 root",
    "John PROPN 8 nsubj",
    "Smith PROPN 9 flat",
    ", PUNCT 13 punct",
    "a DET 13 det",
    "spokesman NOUN 9 appos",
    "for ADP 16 case",
    "the DET 16 det",
    "opposition NOUN 13 nmod",
    ". PUNCT 8 punct",
]
MIXED = [
    "Jane PROPN 3 nsubj",
    "Doe PROPN 1 flat",
    "said VERB 0 root",
    "the DET 5 det",
    "plan NOUN 9 nsubj",
    "was AUX 9 cop",
    '" PUNCT 9 punct',
    "a DET 9 det",
    "failure NOUN 3 ccomp",
    '" PUNCT 9 punct',
    ". PUNCT 3 punct",
]


def written() -> list[dict[str, Any]]:
    """The two records as ``quotes extract`` writes them (with context and digest), through JSON."""
    records = records_from_parse(parse_rows(TEXT, SPOKESMAN, MIXED), "doc")
    return [json.loads(json.dumps(r.to_dict(TEXT))) for r in records]


def flagged(data: list[dict[str, Any]]) -> tuple[bool, str]:
    """Whether verify refuses or flags the records (as ``quotes verify`` does: a line that is not a record
    is an error, exit 1), and what it says."""
    try:
        records = [QuoteRecord.from_dict(d) for d in data]
    except RecordFormatError as err:
        return True, f"refused: {err}"
    verdicts = verify_records(records, {"doc": TEXT})
    bad = [v for v in verdicts if v.status != "intact"]
    return bool(bad), " | ".join(v.describe() for v in bad)


def test_the_records_as_written_are_intact() -> None:
    data = written()
    assert [d["kind"] for d in data] == ["direct", "mixed"]
    assert data[0]["on_behalf_of"] == "opposition" and data[0]["principal"]["text"] == "the opposition"
    assert data[0]["principal"]["prefix"].endswith("spokesman for "), "the principal carries its context"
    assert all(d[DIGEST_KEY] == record_digest(d) for d in data)
    assert all(QuoteRecord.from_dict(d).to_dict() == d for d in data), "the digest round-trips"
    assert flagged(data) == (False, "")


def _move(span: dict[str, Any], by: int) -> None:
    span["start"] += by
    span["end"] += by


def _set_span(data: dict[str, Any], name: str, start: int, end: int, *, context: bool = True) -> None:
    data[name] = {"start": start, "end": end, "text": TEXT[start:end]}
    if context:
        data[name]["prefix"] = TEXT[max(0, start - 32) : start]
        data[name]["suffix"] = TEXT[end : end + 32]


def _shorten_content(data: dict[str, Any]) -> None:
    # "It is a disaster," -> "It is a", with the suffix adjusted so the context agrees with the text.
    start = data["content"]["start"]
    _set_span(data, "content", start, start + len("It is a"))


def _speaker_to_other_mention(data: dict[str, Any]) -> None:
    start = TEXT.index("the opposition")
    _set_span(data, "speaker", start, start + len("the opposition"))


def _with_digest(change: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, Any]], None]:
    """The edit, with the record's digest recomputed: a forger who knows the format."""

    def edit(data: dict[str, Any]) -> None:
        change(data)
        data[DIGEST_KEY] = record_digest(data)

    return edit


# (which record, the edit, words the verdict must contain)
CASES: list[tuple[str, int, Callable[[dict[str, Any]], object], str]] = [
    ("principal moved inside the speaker", 0, lambda d: _move(d["principal"], -4), "principal"),
    ("principal moved past the end", 0, lambda d: _move(d["principal"], 500), "principal"),
    ("principal outside the speaker", 0, lambda d: _move(d["principal"], -50), "principal"),
    ("speaker_name replaced", 0, lambda d: d.update(speaker_name="Mary Major"), "speaker_name"),
    ("on_behalf_of replaced", 0, lambda d: d.update(on_behalf_of="government"), "record_sha256"),
    ("speaker removed", 1, lambda d: d.pop("speaker"), "speaker_name without a speaker mention"),
    ("speaker null", 1, lambda d: d.update(speaker=None), "speaker_name without a speaker mention"),
    ("speaker of a spokesman removed", 0, lambda d: d.pop("speaker"), "inside the speaker mention"),
    ("cue removed", 0, lambda d: d.pop("cue"), "record_sha256"),
    ("fragments removed", 1, lambda d: d.pop("fragments"), "mixed quote without fragments"),
    ("fragments emptied", 1, lambda d: d.update(fragments=[]), "mixed quote without fragments"),
    ("principal removed", 0, lambda d: d.pop("principal"), "go together"),
    ("on_behalf_of removed", 0, lambda d: d.pop("on_behalf_of"), "go together"),
    ("text_sha256 changed", 0, lambda d: d["provenance"].update(text_sha256="0" * 64), "text_sha256"),
    ("content shortened, suffix adjusted", 0, _shorten_content, "record_sha256"),
    ("speaker moved to another mention", 0, _speaker_to_other_mention, "speaker chain starts from"),
    ("digest removed", 0, lambda d: d.pop(DIGEST_KEY), "no record_sha256"),
    ("digest of another record", 0, lambda d: d.update({DIGEST_KEY: written()[1][DIGEST_KEY]}), "record_sha256"),
    ("content offsets moved", 0, lambda d: _move(d["content"], 1), "content"),
    ("cue moved", 0, lambda d: _move(d["cue"], 1), "cue"),
    ("stored context edited", 0, lambda d: d["cue"].update(prefix="x" + d["cue"]["prefix"][1:]), "context"),
    ("kind changed", 1, lambda d: d.update(kind="indirect"), "fragments in a indirect quote"),
    ("evidence sentence moved", 0, lambda d: _move(d["evidence"]["sentence"], 1), "evidence.sentence"),
    ("flag added", 0, lambda d: d["flags"].append("reviewed"), "unknown flags"),
    ("extra key added", 0, lambda d: d.update(reviewed=True), "record_sha256"),
    # A forger who recomputes the digest is still caught by what verify re-derives.
    ("forged: speaker_name replaced", 0, _with_digest(lambda d: d.update(speaker_name="Mary Major")), "speaker_name"),
    ("forged: speaker removed", 1, _with_digest(lambda d: d.pop("speaker")), "without a speaker mention"),
    ("forged: principal removed", 0, _with_digest(lambda d: d.pop("principal")), "go together"),
    ("forged: fragments removed", 1, _with_digest(lambda d: d.pop("fragments")), "without fragments"),
    (
        "forged: text_sha256 changed",
        0,
        _with_digest(lambda d: d["provenance"].update(text_sha256="0" * 64)),
        "text_sha256",
    ),
    ("forged: speaker moved", 0, _with_digest(_speaker_to_other_mention), "speaker chain starts from"),
    ("forged: principal moved", 0, _with_digest(lambda d: _move(d["principal"], -4)), "principal"),
]


@pytest.mark.parametrize(("case", "which", "edit", "says"), CASES, ids=[c[0] for c in CASES])
def test_every_tampering_case_is_flagged(case: str, which: int, edit, says: str) -> None:
    data = written()
    edit(data[which])
    is_flagged, why = flagged(data)
    assert is_flagged, f"{case}: verify says intact"
    assert says in why, why


def _edits(value: Any, path: str = "") -> Iterator[tuple[str, Callable[[Any], None]]]:
    """Every single edit of one field: each key removed, each scalar changed (a longer string, a character
    replaced, a number moved, a flag flipped, a null filled), each list shortened and lengthened."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key} removed", lambda root, k=key, p=path: _at(root, p).pop(k)
            yield from _edits(item, f"{path}.{key}")
    elif isinstance(value, list):
        if value:
            yield f"{path}[0] removed", lambda root, p=path: _at(root, p).pop(0)
            yield f"{path} doubled", lambda root, p=path: _at(root, p).append(copy.deepcopy(_at(root, p)[0]))
        else:
            yield f"{path} given an item", lambda root, p=path: _at(root, p).append("x")
        for i, item in enumerate(value):
            yield from _edits(item, f"{path}[{i}]")
    else:
        for how, new in _changed(value):
            yield f"{path} {how}", lambda root, p=path, n=new: _put(root, p, n)


def _changed(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, bool):
        return [("flipped", not value)]
    if isinstance(value, int):
        return [("+1", value + 1), ("-1", value - 1)]
    if isinstance(value, float):
        return [("changed", round(value / 2, 3))]
    if isinstance(value, str):
        swapped = value[:-1] + ("y" if value[-1:] != "y" else "z") if value else "z"
        return [("lengthened", value + "x"), ("last character replaced", swapped)]
    return [("filled", "x")]


def _parts(path: str) -> list[str | int]:
    out: list[str | int] = []
    for piece in path.replace("[", ".[").split(".")[1:]:
        out.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return out


def _at(root: Any, path: str) -> Any:
    for part in _parts(path):
        root = root[part]
    return root


def _put(root: Any, path: str, value: Any) -> None:
    *head, last = _parts(path)
    for part in head:
        root = root[part]
    root[last] = value


def test_every_single_field_edit_is_flagged() -> None:
    originals = written()
    total = 0
    missed = []
    for which, record in enumerate(originals):
        for name, edit in _edits(record):
            data = copy.deepcopy(originals)
            edit(data[which])
            if data == originals:  # e.g. a value set to itself: not an edit
                continue
            total += 1
            if not flagged(data)[0]:
                missed.append(f"record {which}: {name}")
    assert total > 350, total
    assert not missed, f"{len(missed)} of {total} single-field edits pass as intact: {missed[:10]}"


def test_forged_digests_of_every_span_move_are_caught_by_the_span_checks() -> None:
    """A forger who recomputes the digest after moving any span of the record by one character is caught
    by the span checks (every span, the evidence's included, slices the source whose hash is the record's)."""
    originals = written()
    total = 0
    for which, record in enumerate(originals):
        for name, _edit in _edits(record):
            if not name.endswith(".start +1"):
                continue
            path = name.removesuffix(".start +1")
            data = copy.deepcopy(originals)
            span = _at(data[which], path)
            _move(span, 1)
            data[which][DIGEST_KEY] = record_digest(data[which])
            total += 1
            assert flagged(data)[0], f"record {which}: {path} moved with its digest recomputed passes"
    assert total >= 15


def test_record_problems_are_empty_for_fresh_records() -> None:
    records = records_from_parse(parse_rows(TEXT, SPOKESMAN, MIXED), "doc")
    assert [record_problems(r, TEXT, unchanged=True) for r in records] == [[], []]


@pytest.mark.usefixtures("surface")
def test_verify_command_flags_an_edited_record(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "quotes.jsonl"
    assert main(["extract", str(article), "-o", str(out), "--parser", "surface"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[0])
    data["speaker_name"] = "Someone Else"
    out.write_text("\n".join([json.dumps(data), *lines[1:]]) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["verify", str(out), str(article)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("edited ") and "speaker_name" in captured.out
    assert "1 edited" in captured.err


@pytest.mark.usefixtures("surface")
def test_verify_finds_the_source_from_any_directory(tmp_path: Path, capsys, monkeypatch) -> None:
    """Issue 23: records extracted with a relative path are matched to their source given by another path
    (by the text's SHA-256, or by the path's tail when the source has changed), wherever verify runs."""
    work = tmp_path / "work"
    (work / "news").mkdir(parents=True)
    article = work / "news" / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(work)
    assert main(["extract", "news/article.txt", "-o", "out.jsonl", "--parser", "surface"]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    assert main(["verify", str(work / "out.jsonl"), str(article)]) == 0
    assert "3 intact, 0 moved, 0 lost" in capsys.readouterr().err
    article.write_text("A new first line.\n\n" + ARTICLE, encoding="utf-8")
    assert main(["verify", str(work / "out.jsonl"), str(article)]) == 1
    err = capsys.readouterr().err
    assert "0 intact, 3 moved, 0 lost" in err and "missing-source" not in err
