"""The PolNeAR converter (benchmarks/polnear_brat.py) and runner (benchmarks/polnear.py) on a brat sample
written for this test: invented sentences, annotated the way PolNeAR's files are laid out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import polnear
import polnear_brat as brat

from quotes.data.lexicon import load as load_lexicon
from quotes.evaluation.scoring import Item
from quotes.parse.model import Parse
from quotes.text.spans import Span

TEXT = (
    "Council Backs Bridge Plan\n\n"
    'The mayor said the bridge would reopen in May. "We are almost done," said Ana Ruiz, the city engineer. '
    'Critics believe the plan is "a fantasy" and too costly.\n\n'
    '"It works," Ruiz said, "and it is safe." The cost, she added, will stay below budget. '
    "It was reported that the cost doubled. "
    'Residents told reporters the closure had "hurt every shop on the street."\n\n'
    'A spokesman described the count as simple:\n\n"Every ballot was counted twice.\n\n"Every count was checked."\n'
    "Analysts suggested the mayor, under fire for the delays, would do better to keep quiet.\n"
)


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def entity(ident: str, label: str, *needles: tuple[str, int]) -> str:
    frags = [at(n, k) for n, k in needles]
    offsets = ";".join(f"{s} {e}" for s, e in frags)
    return f"{ident}\t{label} {offsets}\t{' '.join(TEXT[s:e] for s, e in frags)}"


ANN = "\n".join(
    [
        entity("T1", "Source", ("The mayor", 0)),
        entity("T2", "Cue", ("said", 0)),
        entity("T3", "Content", ("the bridge would reopen in May", 0)),
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        entity("T4", "Content", ("We are almost done,", 0)),  # the marks left outside, as annotators often do
        entity("T5", "Cue", ("said", 1)),
        entity("T6", "Source", ("Ana Ruiz, the city engineer", 0)),
        "E2\tAttribution:T5 Content:T4 Cue:T5 Source:T6",
        entity("T7", "Source", ("Critics", 0)),
        entity("T8", "Cue", ("believe", 0)),
        entity("T9", "Content", ('the plan is "a fantasy" and too costly', 0)),
        "E3\tAttribution:T8 Source:T7 Cue:T8 Content:T9",
        entity("T10", "Content", ('"It works,"', 0), ('"and it is safe."', 0)),
        entity("T11", "Cue", ("said", 2)),
        entity("T12", "Source", ("Ruiz", 1)),
        "E4\tAttribution:T11 Content:T10 Cue:T11 Source:T12",
        entity("T13", "Content", ("The cost", 0)),
        entity("T14", "Source", ("she", 0)),
        entity("T15", "Cue", ("added", 0)),
        entity("T16", "Content", ("will stay below budget", 0)),
        "E5\tAttribution:T15 Content:T13 Content2:T16 Cue:T15 Source:T14",
        entity("T17", "Cue", ("was reported", 0)),
        entity("T18", "Content", ("that the cost doubled", 0)),
        "E6\tAttribution-no-source:T17 Content:T18 Cue:T17",
        entity("T19", "Source", ("Residents", 0)),
        entity("T20", "Cue", ("told", 0)),
        entity("T21", "Content", ('the closure had "hurt every shop on the street."', 0)),
        "E7\tAttribution:T20 Source:T19 Cue:T20 Content:T21",
        entity("T24", "Source", ("A spokesman", 0)),
        entity("T25", "Cue", ("described", 0)),
        entity(
            "T26",
            "Content",
            ('the count as simple:\n\n"Every ballot was counted twice.\n\n"Every count was checked."', 0),
        ),
        "E8\tAttribution:T25 Source:T24 Cue:T25 Content:T26",
        entity("T27", "Source", ("Analysts", 0)),
        entity("T28", "Cue", ("suggested", 0)),
        entity("T29", "Content", ("the mayor", 0)),
        entity("T30", "Content", ("would do better to keep quiet", 0)),
        "E9\tAttribution:T28 Source:T27 Cue:T28 Content:T29 Content2:T30",
        # Working marks and an entity whose text ran over a line, as in the real files: all skipped.
        entity("T22", "Discuss", ("Council Backs Bridge Plan", 0)),
        "#1\tAnnotatorNotes T22\tIs a headline an attribution?",
        "T23\tDiscard 0 30\tCouncil Backs Bridge Plan",
        "",
        "The mayor",
    ]
)

# (kind, content, speaker, cue) per gold item, in annotation order, by the rules in polnear_brat's docstring.
EXPECTED = [
    ("E1", "indirect", "the bridge would reopen in May", "The mayor", "said"),
    ("E2", "direct", "We are almost done,", "Ana Ruiz, the city engineer", "said"),
    ("E3", "mixed", 'the plan is "a fantasy" and too costly', "Critics", "believe"),
    ("E4.1", "direct", "It works,", "Ruiz", "said"),
    ("E4.2", "direct", "and it is safe.", "Ruiz", "said"),
    ("E5.1", "indirect", "The cost", "she", "added"),
    ("E5.2", "indirect", "will stay below budget", "she", "added"),
    ("E6", "indirect", "the cost doubled", None, "was reported"),
    ("E7", "mixed", 'the closure had "hurt every shop on the street."', "Residents", "told"),
    # Cut at the paragraph break; the quotation over two paragraphs (no closing mark after "twice.") is one.
    ("E8.1", "indirect", "the count as simple", "A spokesman", "described"),
    ("E8.2", "direct", 'Every ballot was counted twice.\n\n"Every count was checked.', "A spokesman", "described"),
    # A narrator's aside inside an unquoted reported clause does not cut it.
    ("E9", "indirect", "the mayor, under fire for the delays, would do better to keep quiet", "Analysts", "suggested"),
]


@pytest.fixture
def train(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "train"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "paper_2016-01-01_bridge.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / "paper_2016-01-01_bridge_a1b2.ann").write_text(ANN, encoding="utf-8")
    # A second annotator of the same article, and an article whose name extends the first one's.
    (folder / "attributions" / "paper_2016-01-01_bridge_f9e8.ann").write_text("", encoding="utf-8")
    (folder / "attributions" / "paper_2016-01-01_bridge_2_a1b2.ann").write_text("", encoding="utf-8")
    return folder


def test_read_ann_ties_roles_to_their_attribution() -> None:
    relations = {r.ident: r for r in brat.read_ann(ANN)}
    assert sorted(relations) == [f"E{n}" for n in range(1, 10)]
    assert relations["E4"].content == (at('"It works,"'), at('"and it is safe."'))
    assert relations["E5"].content == (at("The cost"), at("will stay below budget"))
    assert not relations["E6"].has_source and relations["E6"].source == ()
    assert relations["E2"].source == (at("Ana Ruiz, the city engineer"),)


def test_gold_items_follow_the_project_conventions() -> None:
    items = brat.gold_items("doc", TEXT, brat.read_ann(ANN))
    got = [
        (i.ident, i.kind, i.content.text, i.speaker.text if i.speaker else None, i.cue.text if i.cue else None)
        for i in items
    ]
    assert got == EXPECTED
    for item in items:
        for span in (item.content, item.speaker, item.cue):
            assert span is None or TEXT[span.start : span.end] == span.text


def test_speech_set_keeps_speech_with_a_source() -> None:
    lexicon = load_lexicon(cognition=True)
    items = brat.gold_items("doc", TEXT, brat.read_ann(ANN))
    kept = [i.ident for i in items if i.speaker and brat.is_speech(lexicon, i)]
    assert kept == ["E1", "E2", "E4.1", "E4.2", "E5.1", "E5.2", "E7", "E8.1", "E8.2", "E9"]


@pytest.mark.parametrize(
    ("cue", "kept"),
    [("denounced", True), ("spoke about", True), ("has been talking about", True), ("said", True), ("pointed", False)],
)
def test_the_wider_set_adds_the_verbs_of_judging_and_speaking(cue: str, kept: bool) -> None:
    text = f"The mayor {cue} the merger."
    start = text.index(cue)
    item = Item(
        "doc",
        "indirect",
        Span.of(text, start + len(cue) + 1, len(text) - 1),
        speaker=Span.of(text, 0, 9),
        cue=Span.of(text, start, start + len(cue)),
    )
    lexicon = load_lexicon(cognition=True)
    assert brat.is_speech_or_act(lexicon, item) is kept
    assert brat.is_speech(lexicon, item) is (cue == "said")


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("said", "speech"),
        ("was first reported by", "claim"),
        ("believes", "cognition"),
        ("according to", "nominal"),
        ("in a statement", "nominal"),
        ("pointed", "other"),  # "point" reports speech only with its particle
        ("pointed out", "speech"),
        ("has been hammering away at", "other"),
    ],
)
def test_cue_class(cue: str, expected: str) -> None:
    assert brat.cue_class(load_lexicon(cognition=True), cue) == expected


def test_documents_take_the_first_annotator(train: Path) -> None:
    docs = brat.documents(train)
    assert [(d, a.name) for d, _, a in docs] == [("paper_2016-01-01_bridge", "paper_2016-01-01_bridge_a1b2.ann")]


@pytest.mark.parametrize("name", ["dev", "test", "DEV", "polnear-test"])
def test_refuses_dev_and_test(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data" / name
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    with pytest.raises(polnear.Refused):
        polnear.check_train_dir(folder)
    assert polnear.main(["--train", str(folder)]) == 2
    assert "dev or test" in capsys.readouterr().err


def test_refuses_errors_file_inside_the_repository(train: Path) -> None:
    with pytest.raises(polnear.Refused):
        polnear.check_output(polnear.ROOT / "benchmarks" / "errors.jsonl")
    with pytest.raises(polnear.Refused):
        polnear.check_train_dir(train.parent)  # the data folder holds dev and test: not a compartment


class _Silent:
    """An extractor stand-in that finds nothing, so every gold item is a miss."""

    class backend:  # the name Extractor gives its parser
        @staticmethod
        def parse_many(docs):
            for _, text in docs:
                yield Parse(text=text, tokens=(), sentences=())

    @staticmethod
    def from_parse(parse: Parse, doc_id: str) -> list:
        return []


def test_run_scores_and_writes_errors(
    train: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(polnear, "extractor_for", lambda parser, parses=None, selective=False: _Silent())
    errors = tmp_path / "out" / "errors.jsonl"
    errors.parent.mkdir()
    assert polnear.main(["--train", str(train), "--parser", "spacy", "--errors", str(errors)]) == 0
    out = capsys.readouterr().out
    assert "== all: 12 gold items, 0 predicted ==" in out
    assert "== speech: 10 gold items, 0 predicted ==" in out
    assert "== speech and acts: 10 gold items, 0 predicted ==" in out
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted((r["set"], r["error"]) for r in rows) == [("all", "missed")] * 12 + [("speech", "missed")] * 10
    for row in rows:
        assert row["content"]["text"] in row["paragraph"]
        assert TEXT[row["content"]["start"] : row["content"]["end"]] == row["content"]["text"]
