"""The README's accuracy tables, from a real run: corpus parts and parsers, then the construction suite.

    python benchmarks/accuracy.py [--parsers stanza,spacy,conllu] [--no-constructions]

Prints Markdown. The held-out half (corpus/heldout.txt) is scored in aggregate only: no error of it is
ever printed here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ROOT, make_backend, unavailable  # noqa: E402

from quotes.evaluation.construction_suite import THRESHOLD, load_suite  # noqa: E402
from quotes.evaluation.constructions import score_suite  # noqa: E402
from quotes.evaluation.evaluate import evaluate  # noqa: E402
from quotes.pipeline import Extractor  # noqa: E402

CORPUS = ROOT / "corpus"
PARTS = {
    "held-out (blind, never read)": "heldout.txt",
    "blind dev (blind until scored once)": "blind-dev.txt",
}


def ids(name: str) -> set[str]:
    return {line.strip() for line in (CORPUS / name).read_text().splitlines() if line.strip()}


def parts() -> dict[str, set[str]]:
    every = {p.stem for p in (CORPUS / "articles").glob("*.txt")}
    out = {label: ids(name) for label, name in PARTS.items()}
    out["all development (everything but held-out)"] = every - ids("heldout.txt")
    return out


def corpus_rows(parsers: list[str]) -> list[str]:
    lines = [
        "| part | parser | quotes P / R / F1 | attribution P / R / F1 | direct | indirect | mixed | gold |",
        "|---|---|---|---|---|---|---|---|",
    ]
    extractors = {p: Extractor(make_backend(p)) for p in parsers}
    for label, docs in parts().items():
        for parser, extractor in extractors.items():
            scores, _, skipped = evaluate(CORPUS / "gold.jsonl", extractor, docs)
            q, a, k = scores.quotes, scores.attribution, scores.by_kind
            kinds = " | ".join(f"{k[kind]['attribution'].f1:.3f}" for kind in ("direct", "indirect", "mixed"))
            note = f" ({len(docs) - len(skipped)} docs)"
            lines.append(
                f"| {label}{note} | {parser} | {q.precision:.3f} / {q.recall:.3f} / {q.f1:.3f} | "
                f"{a.precision:.3f} / {a.recall:.3f} / {a.f1:.3f} | {kinds} | {q.gold} |"
            )
    return lines


def construction_rows(parsers: list[str]) -> list[str]:
    docs = load_suite(ROOT / "tests" / "constructions")
    tables = {}
    for parser in parsers:
        if parser == "conllu":
            continue  # the suite has no gold trees
        extractor = Extractor(make_backend(parser), evidence=True)  # the suite has an evidence construction
        tables[parser] = score_suite(docs, dict(extractor.extract_many((d.doc_id, d.text) for d in docs)))
    names = list(tables)
    lines = ["| construction | docs | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
    first = tables[names[0]]
    for i, row in enumerate(first):
        cells = []
        for name in names:
            score = tables[name][i].score
            cells.append(f"{score:.3f}" + ("" if score >= THRESHOLD or row.construction == "all" else " ✗"))
        lines.append(f"| {row.construction} | {row.docs} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parsers", default="stanza,spacy,conllu")
    ap.add_argument("--no-constructions", action="store_true")
    args = ap.parse_args(argv)
    parsers = [p for p in args.parsers.split(",") if not unavailable(p)]
    print("\n".join(corpus_rows(parsers)))
    if not args.no_constructions:
        print()
        print("\n".join(construction_rows(parsers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
