"""Score the extractor on the annotated corpus and print the figures.

The floors are regression guards set just under the scores measured when the rules last changed
(README, "Accuracy"); they are not targets. A change that lowers a score below its floor must say why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.errors import BackendError
from quotes.evaluation.evaluate import evaluate
from quotes.pipeline import Extractor

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold.jsonl"


def _report(name: str, scores) -> None:
    print(f"\n== {name} ==\n{scores.table()}")


def test_gold_trees_score(capsys) -> None:
    scores, _, skipped = evaluate(GOLD, Extractor("conllu"))
    with capsys.disabled():
        _report("conllu (gold trees; GUM documents only)", scores)
    assert skipped == ["000_a59417acd8045365"]  # the seed has no gold trees
    assert scores.quotes.f1 >= 0.89
    assert scores.attribution.f1 >= 0.88


@pytest.fixture(scope="module")
def stanza_scores(stanza_backend):
    """The corpus parsed and scored once for all the stanza checks below."""
    scores, _, _ = evaluate(GOLD, Extractor(stanza_backend))
    return scores


@pytest.mark.stanza
def test_stanza_scores(stanza_scores, capsys) -> None:
    scores = stanza_scores
    with capsys.disabled():
        _report("stanza (bundled GloVe model)", scores)
    # Lowered (0.83 / 0.79 / 0.84) when the bundled GloVe model became the default: on the 24 articles it
    # measured 0.799 / 0.762 / 0.826 (the small model it replaced: 0.784 / 0.741 / 0.818).
    assert scores.quotes.f1 >= 0.79
    assert scores.attribution.f1 >= 0.75
    assert scores.by_kind["direct"]["attribution"].f1 >= 0.82


@pytest.mark.stanza
def test_every_seed_attribution_has_the_right_speaker(stanza_scores) -> None:
    scores = stanza_scores
    seed_missed = [g for g in scores.missed if g.doc_id == "000_a59417acd8045365" and g.kind == "direct"]
    seed_wrong = [(g, p) for g, p in scores.wrong_speaker if g.doc_id == "000_a59417acd8045365"]
    assert not seed_missed, [g.content.text for g in seed_missed]
    assert not seed_wrong, [(g.content.text, p.speaker_name) for g, p in seed_wrong]


def test_spacy_scores(capsys) -> None:
    try:
        extractor = Extractor("spacy")
    except BackendError as err:  # the test extra installs spaCy and its model; say so if it is missing
        pytest.skip(f"spaCy backend unavailable: {err}")
    scores, _, _ = evaluate(GOLD, extractor)
    with capsys.disabled():
        _report("spacy (en_core_web_sm 3.8.0)", scores)
    assert scores.quotes.f1 >= 0.88
    assert scores.attribution.f1 >= 0.86
