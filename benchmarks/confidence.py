"""Confidence that means what it says: each rule's base confidence from its measured precision on
PolNeAR's train compartment (the development set), and the reliability table (confidence band, records,
share right) that tells whether it worked.

    python benchmarks/confidence.py --train DIR --parses STORE [--parser spacy] [--write] [--json FILE]

A record is *right* when the scorer matches its content to a gold attribution and its speaker is right
(PolNeAR's speech set, scored piece by piece: benchmarks/polnear.py). A rule's base becomes what makes
its records' mean confidence equal to their share right: ``base * right / sum(confidence)``, the base
drawn toward the old one as if the old one had been seen :data:`PRIOR` more times (a rule with few
records moves little). Rules with fewer than :data:`MIN_RECORDS` records keep their base (they are
written into the table unchanged, and listed). The factors (speaker read off the surface, broken marks,
a pronoun's resolution) stay as they are: they are relative, and the base takes up the mean.

The reliability table is cross-fitted: the bases are learned on one half of the documents and the
table is counted on the other half, both ways round, so it does not grade its own fit. ``--write``
rewrites the ``[rule]`` lines of quotes/data/confidence.txt (comments kept); ``--json`` writes the
tables for benchmarks/tables.py (the README's reliability table).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from polnear import Run, check_output, check_train_dir, extractor_for, read_gold  # noqa: E402
from polnear_brat import is_speech  # noqa: E402

from quotes.data.lexicon import load as load_lexicon  # noqa: E402
from quotes.evaluation.scoring import items_from_records, score  # noqa: E402
from quotes.rules import confidence as table  # noqa: E402
from quotes.rules.engine import attribute  # noqa: E402

MIN_RECORDS = 20
PRIOR = 20.0
BANDS = ((0.9, 1.01), (0.8, 0.9), (0.7, 0.8), (0.6, 0.7), (0.5, 0.6), (0.0, 0.5))
TABLE_PATH = ROOT / "quotes" / "data" / "confidence.txt"

Key = tuple[str, str]


def predict(run: Run, extractor: Any) -> int:
    """Extract every text, keeping each record's rule and the confidence of its attribution *before*
    the speaker's name was resolved (PolNeAR marks the speaker's mention, not who a "he" is: a
    pronoun's lower confidence is about the name, which the speaker evaluations measure); returns how
    many records had no attribution of the same spans (they keep the record's confidence)."""
    unmatched = 0
    for doc_id, parse in zip(run.texts, extractor.backend.parse_many(run.texts.items()), strict=True):
        records = extractor.from_parse(parse, doc_id)
        atts = {
            (a.content.start, a.content.end, a.cue.start if a.cue else None): a.confidence
            for a in attribute(parse, extractor.lexicon, evidence=extractor.options.evidence)
        }
        for r in records:
            key = (r.content.start, r.content.end, r.cue.start if r.cue else None)
            unmatched += key not in atts
            run.rules[(doc_id, r.quote_id)] = r.evidence.rule
            run.confidence[(doc_id, r.quote_id)] = atts.get(key, r.confidence)
        run.predicted += items_from_records(records, doc_id=doc_id)
    return unmatched


def judged(run: Run) -> list[tuple[Key, str, float, bool]]:
    """Every predicted record of the speech set: (doc and id, rule, confidence, right)."""
    lexicon = load_lexicon(cognition=True)
    gold = [g for g in run.gold if g.speaker and is_speech(lexicon, g)]
    predicted = [p for p in run.predicted if is_speech(lexicon, p)]
    scores = score(gold, predicted)
    wrong = {(p.doc_id, p.ident) for p in scores.spurious} | {(p.doc_id, p.ident) for _, p in scores.wrong_speaker}
    return [
        (
            (p.doc_id, p.ident),
            run.rules[(p.doc_id, p.ident)],
            run.confidence[(p.doc_id, p.ident)],
            (p.doc_id, p.ident) not in wrong,
        )
        for p in predicted
    ]


def bases(records: Sequence[tuple[Key, str, float, bool]]) -> dict[str, float]:
    """The new base of each rule with enough records: its records' mean confidence brought to their
    share right, drawn toward the old base."""
    by_rule: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for _, rule, conf, right in records:
        by_rule[rule].append((conf, right))
    out = {}
    for rule, rows in by_rule.items():
        if len(rows) < MIN_RECORDS or rule not in table.RULES:
            continue
        old = table.RULES[rule]
        mean_conf = sum(c for c, _ in rows) / len(rows)
        share = sum(r for _, r in rows) / len(rows)
        measured = old * share / mean_conf if mean_conf else old
        out[rule] = round(min(1.0, (len(rows) * measured + PRIOR * old) / (len(rows) + PRIOR)), 2)
    return out


def rebased(conf: float, rule: str, new: dict[str, float]) -> float:
    return min(1.0, conf * new.get(rule, table.RULES.get(rule, 1.0)) / table.RULES.get(rule, 1.0))


def reliability(records: Sequence[tuple[Key, str, float, bool]]) -> list[tuple[str, int, float]]:
    """Cross-fitted: bases from one half of the documents, bands counted on the other, both ways."""
    docs = sorted({key[0] for key, *_ in records})
    half = {d: i % 2 for i, d in enumerate(docs)}
    counts = [[0, 0] for _ in BANDS]
    for side in (0, 1):
        learn = [r for r in records if half[r[0][0]] != side]
        new = bases(learn)
        for key, rule, conf, right in records:
            if half[key[0]] != side:
                continue
            c = rebased(conf, rule, new)
            band = next(i for i, (lo, hi) in enumerate(BANDS) if lo <= c < hi)
            counts[band][0] += 1
            counts[band][1] += right
    return [
        (f"{lo:.1f}-{min(hi, 1.0):.1f}", n, ok / n if n else 0.0)
        for (lo, hi), (n, ok) in zip(BANDS, counts, strict=True)
    ]


def monotone(rows: Sequence[tuple[str, int, float]]) -> bool:
    """Each band (from the top) is right at least as often as the one below it."""
    shares = [share for _, n, share in rows if n]
    return all(a >= b for a, b in pairwise(shares))


def write_table(new: dict[str, float]) -> int:
    """Rewrite the ``[rule]`` lines of confidence.txt with the new bases, keeping every comment."""
    lines = TABLE_PATH.read_text(encoding="utf-8").splitlines(keepends=True)
    section = None
    changed = 0
    for i, line in enumerate(lines):
        head = re.match(r"\[(\w[\w-]*)\]", line.strip())
        if head:
            section = head.group(1)
            continue
        m = re.match(r"(?P<rule>[\w-]+)(?P<gap>\s+)(?P<value>[0-9.]+)(?P<rest>.*)", line.rstrip("\n"))
        if section == "rule" and m and m.group("rule") in new:
            value = f"{new[m.group('rule')]:g}"
            rest = m.group("rest")
            comment = rest.lstrip()
            # The comment keeps its column: the spaces before it take up the value's change of width.
            pad = " " * max(1, len(rest) - len(comment) + len(m.group("value")) - len(value)) if comment else ""
            lines[i] = f"{m.group('rule')}{m.group('gap')}{value}{pad}{comment}\n"
            changed += value != m.group("value")
    TABLE_PATH.write_text("".join(lines), encoding="utf-8")
    return changed


def tables(records, new, rows) -> dict[str, Any]:
    by_rule: dict[str, list[bool]] = defaultdict(list)
    for _, rule, _, right in records:
        by_rule[rule].append(right)
    rule_rows = [
        [
            rule,
            str(len(v)),
            f"{sum(v) / len(v):.2f}",
            f"{table.RULES.get(rule, 0):g}",
            f"{new[rule]:g}" if rule in new else "kept",
        ]
        for rule, v in sorted(by_rule.items(), key=lambda kv: -len(kv[1]))
    ]
    return {
        "tables": {
            "reliability": {
                "columns": ["confidence", "records", "share right"],
                "align": ["left", "right", "right"],
                "rows": [[band, str(n), f"{share:.2f}" if n else "-"] for band, n, share in rows],
            },
            "rule-precision": {
                "columns": ["rule", "records", "share right", "base before", "base now"],
                "align": ["left", "right", "right", "right", "right"],
                "rows": rule_rows,
            },
        }
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, help="a local copy of PolNeAR's data/train")
    parser.add_argument("--parses", required=True, help="a parse store outside the repository")
    parser.add_argument("--parser", choices=("stanza", "spacy"), default="spacy")
    parser.add_argument("--write", action="store_true", help="rewrite the [rule] lines of confidence.txt")
    parser.add_argument("--json", help="write the tables here (benchmarks/tables.py renders them)")
    args = parser.parse_args(argv)
    run = read_gold(check_train_dir(args.train), None)
    unmatched = predict(run, extractor_for(args.parser, check_output(args.parses)))
    records = judged(run)
    print(f"{unmatched} records matched no attribution of the same spans (their record confidence is used)")
    new = bases(records)
    rows = reliability(records)
    print(f"{len(run.texts)} documents, {len(records)} records of the speech set, parser {args.parser}")
    print(f"{'confidence':<12}{'records':>8}{'right':>7}   (cross-fitted: bases from the other half)")
    for band, n, share in rows:
        print(f"{band:<12}{n:>8}{share:>7.2f}")
    print("monotone" if monotone(rows) else "NOT monotone")
    data = tables(records, new, rows)
    for row in data["tables"]["rule-precision"]["rows"]:
        print("  " + "  ".join(f"{c:>8}" if i else f"{c:<26}" for i, c in enumerate(row)))
    kept = sorted(set(table.RULES) - set(new))
    print(f"rules kept at their base (fewer than {MIN_RECORDS} records here): {', '.join(kept)}")
    if args.write:
        print(f"{write_table(new)} bases changed in {TABLE_PATH.relative_to(ROOT)}")
    if args.json:
        data |= {"documents": len(run.texts), "records": len(records), "parser": args.parser}
        Path(args.json).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
