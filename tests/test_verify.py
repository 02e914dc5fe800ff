"""``quotes verify`` and :func:`quotes.audit.verify.verify_records`: intact, moved, lost, missing-source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quotes.audit.verify import context_agreement, summarize, verify_record, verify_records
from quotes.cli import main
from quotes.pipeline import records_from_parse
from quotes.records import QuoteRecord, RecordFormatError, SpanContext
from tests.audit_helpers import ARTICLE, surface  # noqa: F401 - the fixture, used by name
from tests.conftest import stanza_models_dir
from tests.test_extract_properties import surface_parse

SEED = Path(__file__).resolve().parents[1] / "corpus" / "articles" / "000_a59417acd8045365.txt"


def extract(text: str, doc_id: str = "doc") -> list[QuoteRecord]:
    """Records as verify reads them: serialized with their source's context, then read back."""
    records = records_from_parse(surface_parse(text), doc_id)
    return [QuoteRecord.from_dict(json.loads(json.dumps(r.to_dict(text)))) for r in records]


def by_id(verdicts):
    return {v.quote_id: v for v in verdicts}


# -- serialization ---------------------------------------------------------------------------------------


def test_to_dict_with_source_adds_context_and_round_trips() -> None:
    fresh = records_from_parse(surface_parse(ARTICLE), "doc")
    assert fresh
    for record in fresh:
        plain = record.to_dict()
        assert set(plain["content"]) == {"start", "end", "text"}, "no source, no context: the old schema"
        data = json.loads(json.dumps(record.to_dict(ARTICLE)))
        for name in ("content", "speaker", "cue"):
            span = data[name]
            if span is not None:
                assert span["prefix"] == ARTICLE[max(0, span["start"] - 32) : span["start"]]
                assert span["suffix"] == ARTICLE[span["end"] : span["end"] + 32]
        again = QuoteRecord.from_dict(data)
        assert again.to_dict() == data
        assert again.to_dict(ARTICLE) == record.to_dict(ARTICLE)
        assert (again.content, again.speaker, again.cue) == (record.content, record.speaker, record.cue)
        assert QuoteRecord.from_dict(plain).to_dict() == plain


def test_to_dict_refuses_a_source_the_spans_do_not_slice() -> None:
    record = records_from_parse(surface_parse(ARTICLE), "doc")[0]
    with pytest.raises(ValueError, match="do not slice"):
        record.to_dict("something else entirely")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("content"), "content"),
        (lambda d: d["content"].update(start="3"), "content.start"),
        (lambda d: d["content"].update(start=True), "content.start"),
        (lambda d: d["content"].update(text="x"), "content"),
        (lambda d: d.update(kind="rumour"), "kind"),
        (lambda d: d.update(confidence=True), "confidence"),
        (lambda d: d.update(confidence=1.5), "confidence"),
        (lambda d: d["provenance"].update(text_sha256="abc"), "provenance.text_sha256"),
        (lambda d: d["evidence"].update(marks=[{"style": 3}]), "evidence.marks[0].style"),
        (lambda d: d.update(flags="unbalanced"), "flags"),
        (lambda d: d["content"].update(prefix=3), "content.prefix"),
    ],
)
def test_from_dict_names_the_bad_field(change, where: str) -> None:
    data = records_from_parse(surface_parse(ARTICLE), "doc")[0].to_dict(ARTICLE)
    change(data)
    with pytest.raises(RecordFormatError) as info:
        QuoteRecord.from_dict(data)
    assert info.value.where == where


# -- verify_records ----------------------------------------------------------------------------------------


def test_fresh_records_are_intact() -> None:
    records = extract(ARTICLE)
    verdicts = verify_records(records, {"doc": ARTICLE})
    assert [v.status for v in verdicts] == ["intact"] * len(records)
    assert all(v.source == "unchanged" for v in verdicts)
    assert all(check.method == "hash" for v in verdicts for check in v.spans)


def test_text_inserted_before_moves_every_span_by_its_length() -> None:
    records = extract(ARTICLE)
    inserted = "A new first paragraph.\n\n"
    edited = inserted + ARTICLE
    for verdict in verify_records(records, {"doc": edited}):
        assert verdict.status == "moved", verdict
        assert verdict.source == "changed"
        for check in verdict.spans:
            assert check.shift == len(inserted)
            assert edited[check.new.start : check.new.end] == check.old.text


def test_edit_after_a_quote_leaves_it_intact_and_moves_the_rest() -> None:
    records = extract(ARTICLE)
    edited = ARTICLE.replace("She said that", "She also said that")
    verdicts = by_id(verify_records(records, {"doc": edited}))
    assert verdicts["q1"].status == "intact" and verdicts["q1"].source == "changed"
    assert {c.method for c in verdicts["q1"].spans} == {"context"}
    assert verdicts["q3"].status == "moved"
    assert verdicts["q3"].span("content").shift == len("also ")
    assert verdicts["q3"].span("speaker").shift == 0, "the speaker did not move, only its context"


def test_a_changed_word_inside_the_quote_loses_it() -> None:
    records = extract(ARTICLE)
    edited = ARTICLE.replace("rebuild the bridge", "rebuild the tunnel")
    verdict = by_id(verify_records(records, {"doc": edited}))["q1"]
    assert verdict.status == "lost"
    assert verdict.span("content").status == "lost" and verdict.span("content").new is None
    assert "not found" in verdict.describe()


def test_a_replaced_cue_is_lost_not_reanchored_to_another_said() -> None:
    records = extract(ARTICLE)
    edited = ARTICLE.replace("the mayor said.", "the mayor claimed.")
    verdict = by_id(verify_records(records, {"doc": edited}))["q1"]
    assert verdict.status == "lost"
    assert verdict.span("content").shift == 0, "found in place (its suffix changed, so: moved by 0)"
    assert verdict.span("cue").status == "lost", "the 'said' of the next paragraph is not this quote's cue"


def test_paragraphs_swapped_are_found_by_context() -> None:
    records = extract(ARTICLE)
    paragraphs = ARTICLE.split("\n\n")
    edited = "\n\n".join([paragraphs[0], paragraphs[2], paragraphs[1], paragraphs[3]])
    verdicts = by_id(verify_records(records, {"doc": edited}))
    for quote_id in ("q1", "q2"):
        verdict = verdicts[quote_id]
        assert verdict.status == "moved", verdict
        for check in verdict.spans:
            assert edited[check.new.start : check.new.end] == check.old.text
    # Same offsets, but the paragraph before it changed within its context: moved by 0.
    assert verdicts["q3"].status == "moved"
    assert {c.shift for c in verdicts["q3"].spans} == {0}


def test_duplicate_quote_is_told_apart_by_its_context() -> None:
    text = 'Intro.\n\n"Yes," Aliyev said.\n\nMiddle part of the story.\n\n"Yes," the mayor said.\n'
    records = extract(text)
    mayor = next(r for r in records if r.speaker is not None and r.speaker.text == "mayor")
    edited = "Breaking news up top.\n\n" + text
    verdict = verify_record(mayor, edited)
    assert verdict.status == "moved"
    content = verdict.span("content")
    assert content.new.start == mayor.content.start + len("Breaking news up top.\n\n")


def test_several_occurrences_and_no_context_left_is_ambiguous() -> None:
    text = 'Intro.\n\n"Yes," Aliyev said.\n'
    record = extract(text)[0]
    edited = "Yes, Yes,"
    verdict = verify_record(record, edited)
    assert verdict.span("content").status == "lost"
    assert verdict.span("content").method == "ambiguous"


def test_records_without_context_fall_back_to_position() -> None:
    fresh = records_from_parse(surface_parse(ARTICLE), "doc")
    edited = ARTICLE + "\nA last line.\n"
    verdicts = verify_records(fresh, {"doc": edited})
    assert all(v.status == "intact" for v in verdicts)
    assert {c.method for v in verdicts for c in v.spans} == {"position"}
    moved = verify_records(fresh, {"doc": "Top.\n" + ARTICLE})
    assert all(v.status == "moved" for v in moved)


def test_hash_matches_but_offsets_were_edited() -> None:
    data = extract(ARTICLE)[0].to_dict()
    data["content"]["start"] += 1
    data["content"]["end"] += 1
    record = QuoteRecord.from_dict(data)
    verdict = verify_record(record, ARTICLE)
    assert verdict.status == "edited"
    assert verdict.span("content").shift == -1, "found back where the text really is"
    assert any("record was edited" in note for note in verdict.notes)


def test_missing_source_and_summary() -> None:
    records = extract(ARTICLE, "a") + extract(ARTICLE, "b")
    verdicts = verify_records(records, {"a": ARTICLE})
    counts = summarize(verdicts)
    assert counts == {"intact": 3, "moved": 0, "edited": 0, "lost": 0, "missing-source": 3}
    assert verdicts[-1].to_dict()["status"] == "missing-source"


def test_context_agreement_counts_characters_next_to_the_span() -> None:
    text = "abcXYZdef"
    assert context_agreement(text, 3, 6, SpanContext("abc", "def")) == 6
    assert context_agreement(text, 3, 6, SpanContext("zbc", "dez")) == 4
    assert context_agreement(text, 3, 6, None) == 0


# -- the command ---------------------------------------------------------------------------------------------


def _extract_to(tmp_path: Path, text: str, name: str = "article.txt") -> tuple[Path, Path]:
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "quotes.jsonl"
    assert main(["extract", str(article), "-o", str(out), "--parser", "surface"]) == 0
    return article, out


@pytest.mark.usefixtures("surface")
def test_verify_command_intact_then_edited(tmp_path: Path, capsys) -> None:
    article, out = _extract_to(tmp_path, ARTICLE)
    capsys.readouterr()
    assert main(["verify", str(out), str(article)]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == "quotes: 3 intact, 0 moved, 0 lost"
    assert captured.out == ""

    article.write_text("New lead paragraph.\n\n" + ARTICLE.replace("rebuild", "repair"), encoding="utf-8")
    assert main(["verify", str(out), str(article)]) == 1
    captured = capsys.readouterr()
    assert "quotes: 0 intact, 2 moved, 1 lost (1 of 1 sources changed since extraction)" in captured.err
    lines = captured.out.splitlines()
    assert any(line.startswith("lost") and " q1: content " in line for line in lines)
    assert any(line.startswith("moved") and " q2: content " in line and "(+20)" in line for line in lines)

    assert main(["verify", str(out), str(article), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["moved"] == 2 and report["summary"]["lost"] == 1
    q2 = next(v for v in report["verdicts"] if v["quote_id"] == "q2")
    assert q2["spans"]["content"]["new"]["start"] == q2["spans"]["content"]["old"]["start"] + 20


@pytest.mark.usefixtures("surface")
def test_verify_command_missing_source_bad_lines_and_path_spelling(tmp_path: Path, capsys, monkeypatch) -> None:
    article, out = _extract_to(tmp_path, ARTICLE)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    # The records say tmp/article.txt; "./article.txt" from the same folder is the same file.
    assert main(["verify", str(out), "./article.txt"]) == 0
    assert main(["verify", str(out)]) == 1
    assert "3 missing-source" in capsys.readouterr().err
    with out.open("a", encoding="utf-8") as stream:
        stream.write("not json\n")
        stream.write('{"doc_id": "x"}\n')
    assert main(["verify", str(out), str(article)]) == 1
    err = capsys.readouterr().err
    assert f"{out}:4: malformed JSON" in err
    assert f"{out}:5: not a quote record: content: missing" in err
    assert "3 intact, 0 moved, 0 lost, 2 errors" in err
    assert main(["verify", str(tmp_path / "nope.jsonl"), str(article)]) == 2


@pytest.mark.usefixtures("surface")
def test_verify_reads_sources_as_extract_does(tmp_path: Path, capsys) -> None:
    # UTF-16 with a byte-order mark and CRLF line ends: offsets are into the decoded text.
    text = ARTICLE.replace("\n", "\r\n")
    article = tmp_path / "utf16.txt"
    article.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    out = tmp_path / "quotes.jsonl"
    assert main(["extract", str(article), "-o", str(out), "--parser", "surface"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(text[r["content"]["start"] : r["content"]["end"]] == r["content"]["text"] for r in records)
    assert main(["verify", str(out), str(article)]) == 0


@pytest.mark.stanza
def test_audit_trail_on_the_seed_article(tmp_path: Path, stanza_backend, capsys) -> None:
    article = tmp_path / "article.txt"
    shutil.copyfile(SEED, article)
    out = tmp_path / "quotes.jsonl"
    models = str(stanza_models_dir())
    assert main(["extract", str(article), "-o", str(out), "--models", models]) == 0
    assert main(["verify", str(out), str(article)]) == 0
    n = len(out.read_text(encoding="utf-8").splitlines())
    assert f"{n} intact, 0 moved, 0 lost" in capsys.readouterr().err
    text = article.read_text(encoding="utf-8")
    edited = text.replace("We showed patience.", "We showed great patience.", 1)
    assert edited != text
    article.write_text(edited, encoding="utf-8")
    assert main(["verify", str(out), str(article), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    statuses = {v["quote_id"]: v["status"] for v in report["verdicts"]}
    assert "lost" in statuses.values() and "moved" in statuses.values() and "intact" in statuses.values()
