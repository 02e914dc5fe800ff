"""How often the resolver names the right speaker, against GUM's gold coreference (no model needed).

The figure is printed and reported in the README; the floor guards against regressions.
"""

from __future__ import annotations

from pathlib import Path

from quotes.evaluation.speakers import gold_mentions, measure_files
from quotes.parse.backends.conllu_reader import read_conllu

UD = Path(__file__).resolve().parents[2] / "shared" / "ud"


def test_gold_mentions_are_read_from_misc() -> None:
    block = (
        "# newdoc id = d\n# text = Ilham Aliyev said he would go.\n"
        "1\tIlham\tIlham\tPROPN\t_\t_\t3\tnsubj\t_\tEntity=(1-person-new\n"
        "2\tAliyev\tAliyev\tPROPN\t_\t_\t1\tflat\t_\tEntity=1)\n"
        "3\tsaid\tsay\tVERB\t_\t_\t0\troot\t_\t_\n"
        "4\the\the\tPRON\t_\t_\t6\tnsubj\t_\tEntity=(1-person-giv)\n"
        "5\twould\twould\tAUX\t_\t_\t6\taux\t_\t_\n"
        "6\tgo\tgo\tVERB\t_\t_\t3\tccomp\t_\tSpaceAfter=No\n"
        "7\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n"
    )
    [doc] = read_conllu(block)
    assert sorted(gold_mentions(doc)) == [(0, 1, "1"), (3, 3, "1")]


def test_speaker_names_against_gold_coreference(capsys) -> None:
    files = [UD / f"en_gum-ud-{split}.conllu" for split in ("train", "dev", "test")]
    score = measure_files(files)
    with capsys.disabled():
        print("\n" + score.summary())
    assert score.documents > 150
    assert score.resolved_total > 150
    assert score.resolved_accuracy >= 0.55
    assert score.overall_accuracy >= 0.78
