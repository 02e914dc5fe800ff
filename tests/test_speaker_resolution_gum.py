"""How often the resolver names the right speaker, against GUM's gold coreference (no model needed).

The figures are printed and reported in the README; the floors guard against regressions. The
documents are split: development (``quotes/data/gum_speaker_dev.txt``, whose errors may be read) and
held out (all the others: only their totals are looked at, never their errors).
"""

from __future__ import annotations

from pathlib import Path

from conftest import needs_shared

from quotes.evaluation.speakers import dev_documents, gold_mentions, measure_split
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


@needs_shared("ud", "en_gum-ud-test.conllu")
def test_speaker_names_against_gold_coreference(capsys) -> None:
    files = [UD / f"en_gum-ud-{split}.conllu" for split in ("train", "dev", "test")]
    dev, held_out = measure_split(files)
    with capsys.disabled():
        print("\n" + dev.summary("development") + "\n" + held_out.summary("held-out"))
    assert dev.documents >= 70 and held_out.documents >= 145
    assert held_out.resolved_total >= 100 and not held_out.errors  # nobody reads the held-out errors
    assert dev.resolved_accuracy >= 0.89
    assert dev.overall_accuracy >= 0.92
    assert held_out.resolved_accuracy >= 0.57
    assert held_out.overall_accuracy >= 0.82
    # Few quotes filed under the wrong person at high confidence: a pronoun's name never gets there,
    # a surname several people bear neither (measured: dev 2 of 84, held out 1 of 13).
    for split in (dev, held_out):
        wrong, total = split.confident
        assert total >= 10 and wrong <= 0.1 * total


def test_development_list_holds_the_corpus_articles() -> None:
    from pathlib import Path

    corpus = {p.stem for p in (Path(__file__).resolve().parents[1] / "corpus" / "articles").glob("GUM_*.txt")}
    assert corpus <= dev_documents()
    assert len(dev_documents()) == 73
