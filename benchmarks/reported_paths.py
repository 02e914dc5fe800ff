"""How each reported clause was found (issue 13, item 2): tree, misattached tree, surface, inverted, ...

    python benchmarks/reported_paths.py                  # stanza and spaCy
    python benchmarks/reported_paths.py --parser spacy

For every indirect, mixed and evidence record on the construction suite and on the development articles
(the corpus minus corpus/heldout.txt, whose records nobody reads), the path that found it, how many
records took it and how many of those match a gold quote with the right speaker (the scorer's matching,
quotes.evaluation.scoring): that share is the path's precision. Two more rows count records whose first
clause was cut at a second cue and records whose speaker was shared from another cue. The path is read
from the rules' codes (``Attribution.found``, quotes.rules.base.FOUND), never from the notes' words.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ARTICLES, GOLD, ROOT, make_backend, unavailable  # noqa: E402

sys.path.insert(0, str(ROOT))

from quotes.evaluation import scoring  # noqa: E402
from quotes.evaluation.construction_suite import load_suite  # noqa: E402
from quotes.pipeline import Extractor  # noqa: E402
from quotes.rules.base import FOUND  # noqa: E402
from quotes.rules.engine import attribute  # noqa: E402

SUITE = ROOT / "tests" / "constructions"
HELDOUT = ROOT / "corpus" / "heldout.txt"

# The code of each reported path (Attribution.found) and the row it counts in.
PATHS = {
    "content:tree": "tree: the cue's clausal complement",
    "content:tree-misattached": "tree, misattached: the cue hung under the reported verb",
    "content:surface-that": "surface: after 'that'",
    "content:surface-subject": "surface: a subject and a finite verb",
    "content:surface-runs-on": "surface: a noun phrase that runs on after 'say'",
    "content:inverted-comma": "inverted: clause, X said",
    "content:inverted-bare": "inverted, no comma: clause X said",
    "content:parenthetical": "parenthetical: the plan, X said, would",
    "content:wh-tree": "question (tree): X asked whether",
    "content:wh-surface": "question (surface): X asked whether",
}
assert set(PATHS) < FOUND, set(PATHS) - FOUND


def path_of(record, att) -> str:
    return next((PATHS[code] for code in att.found if code in PATHS), f"other rule: {record.evidence.rule}")


def extracted(extractor: Extractor, docs: list[tuple[str, str]]) -> dict[str, list[tuple[Any, Any]]]:
    """``doc_id -> [(record, attribution)]``: each record beside the attribution it was made from (the
    engine's readings that have a cue or a speaker, in order, as records_from_parse makes records)."""
    out = {}
    ids = [doc_id for doc_id, _ in docs]
    for doc_id, parse in zip(ids, extractor.backend.parse_many(docs), strict=True):
        records = extractor.from_parse(parse, doc_id)
        found = attribute(parse, extractor.lexicon, evidence=extractor.evidence)
        atts = [a for a in found if a.cue is not None or a.speaker is not None]
        out[doc_id] = list(zip(records, atts, strict=True))
    return out


def measure(pairs: list[tuple[list, list[scoring.Item]]]) -> dict[str, list[int]]:
    """``row -> [records, right]`` over documents given as ([(record, attribution)], gold items) pairs."""
    rows: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for made, gold in pairs:
        records = [record for record, _ in made]
        items = scoring.items_from_records(records)
        right = {id(p) for g, p in scoring.match(gold, items) if scoring.speaker_right(g, p)}
        for (record, att), item in zip(made, items, strict=True):
            if record.kind == "direct":
                continue
            hit = int(id(item) in right)
            keys = [path_of(record, att)]
            if "content:cut-at-second-cue" in att.found:
                keys.append("(also) first clause cut at a second cue")
            if "speaker:shared" in att.found:
                keys.append("(also) speaker shared from another cue")
            if record.kind == "evidence":
                keys.append("(also) kind evidence")
            for key in keys:
                rows[key][0] += 1
                rows[key][1] += hit
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parser", nargs="+", default=["stanza", "spacy"], choices=["stanza", "spacy"])
    args = parser.parse_args(argv)
    suite = load_suite(SUITE)
    held = set(HELDOUT.read_text(encoding="utf-8").split())
    gold = scoring.load_gold(GOLD)
    dev = [p for p in sorted(ARTICLES.glob("*.txt")) if p.stem not in held]
    for name in args.parser:
        why = unavailable(name)
        if why:
            print(f"{name}: skipped ({why})\n")
            continue
        extractor = Extractor(make_backend(name), evidence=True)
        suite_records = extracted(extractor, [(d.doc_id, d.text) for d in suite])
        on_suite = measure([(suite_records[d.doc_id], list(d.gold)) for d in suite])
        dev_records = extracted(extractor, [(p.stem, p.read_text(encoding="utf-8")) for p in dev])
        on_dev = measure([(dev_records[p.stem], [g for g in gold if g.doc_id == p.stem]) for p in dev])
        print(f"### {name}: reported records by path (right = matches a gold quote with the right speaker)\n")
        print("| path | suite records | suite right | dev records | dev right |")
        print("|---|---|---|---|---|")
        for key in sorted(set(on_suite) | set(on_dev), key=lambda k: (k.startswith("("), k.startswith("other"), k)):
            s, d = on_suite.get(key, [0, 0]), on_dev.get(key, [0, 0])
            print(f"| {key} | {s[0]} | {_share(s)} | {d[0]} | {_share(d)} |")
        print()
    return 0


def _share(counts: list[int]) -> str:
    return f"{counts[1]} ({counts[1] / counts[0]:.0%})" if counts[0] else "-"


if __name__ == "__main__":
    raise SystemExit(main())
