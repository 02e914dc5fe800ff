"""``quotes evaluate``: precision, recall and F1 against gold annotations."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from quotes.commands.common import (
    add_parser_options,
    add_selective_option,
    add_store_option,
    announce_parser,
    check_inputs,
    parser_options,
    plural,
    selective_wanted,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score extraction against gold annotations (precision, recall, F1)")
    p.add_argument(
        "gold", metavar="GOLD.jsonl", nargs="?", help="gold quotes; articles are read from articles/ beside it"
    )
    p.add_argument(
        "--constructions",
        metavar="DIR",
        help="score the construction suite in DIR (e.g. tests/constructions) instead: one row per construction",
    )
    add_parser_options(p)
    add_selective_option(p, "parse")
    add_store_option(p)
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument(
        "--documents",
        metavar="ID_OR_FILE",
        nargs="+",
        help="score only these documents (ids, or files listing one id per line, e.g. corpus/heldout.txt)",
    )
    p.add_argument(
        "--include-unattributed", action="store_true", help="score with unattributed quoted passages included"
    )
    p.add_argument("--errors", action="store_true", help="also list missed, spurious and misattributed quotes")
    p.add_argument(
        "--evidence",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="report evidence sources ('a poll shows ...') as kind evidence; default: on with --constructions "
        "(the suite has an evidence construction), off for a gold corpus (its guidelines leave them out)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.errors import InputError
    from quotes.evaluation.evaluate import evaluate
    from quotes.parse.store import load_backend
    from quotes.pipeline import Extractor

    if (args.gold is None) == (args.constructions is None):
        raise InputError("quotes evaluate", "give either GOLD.jsonl or --constructions DIR")
    evidence = args.evidence if args.evidence is not None else args.constructions is not None
    # The gold file, or the suite's folder, can be read before a parser loads.
    if args.gold is not None:
        check_inputs([args.gold])
    elif not Path(args.constructions).is_dir():
        raise InputError(args.constructions, "no such folder (the construction suite); nothing was read")
    options = parser_options(args)
    options["selective"] = selective_wanted(args)  # what quotes extract parses by default is what is scored
    if args.parses:
        options["parses"] = args.parses
    announce_parser(args)
    backend = load_backend(args.parser, **options)
    extractor = Extractor(backend, include_unattributed=args.include_unattributed, evidence=evidence)
    if args.constructions is not None:
        return _constructions(args, extractor)
    scores, _, skipped = evaluate(args.gold, extractor, _documents(args.documents))
    if skipped:
        print(
            f"quotes: {args.parser} cannot parse {len(skipped)} documents (no gold trees): {', '.join(skipped)}",
            file=sys.stderr,
        )
    held_out = _held_out(args.gold)
    if args.errors:
        # The held-out documents' errors are never printed, whatever was asked: only how many there are.
        hidden = _hide_held_out(scores, held_out)
    if args.json:
        data = scores.to_dict()
        if not args.errors:
            for key in ("missed", "spurious", "wrong_speaker"):
                data.pop(key)
        else:
            data["held_out_errors"] = hidden
        print(json.dumps({"parser": args.parser, "skipped": skipped, **data}, indent=2, ensure_ascii=False))
        return 0
    print(f"parser: {args.parser}    gold: {args.gold}")
    print(scores.table())
    if args.errors:
        for label, items in (("missed", scores.missed), ("spurious", scores.spurious)):
            for item in items:
                print(f"{label:>9}: [{item.doc_id}] {item.kind}: {item.content.text[:70]!r} <- {item.speaker_name}")
        for gold, pred in scores.wrong_speaker:
            print(
                f"  speaker: [{gold.doc_id}] {gold.content.text[:50]!r}: gold {gold.speaker_name!r}, "
                f"got {pred.speaker_name!r}"
            )
        if hidden["documents"]:
            print(
                f"held out ({hidden['list']}): {plural(hidden['documents'], 'document')} with errors: "
                f"{hidden['missed']} missed, {hidden['spurious']} spurious, {hidden['wrong_speaker']} wrong speaker; "
                "their errors are never printed (only aggregate scores)"
            )
    return 0


def _held_out(gold: str) -> tuple[str, frozenset[str]]:
    """The held-out list beside the gold file (``heldout.txt``, one document id a line) and its ids."""
    path = Path(gold).parent / "heldout.txt"
    if not path.is_file():
        return str(path), frozenset()
    return str(path), frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _hide_held_out(scores, held_out: tuple[str, frozenset[str]]) -> dict[str, object]:
    """Take the held-out documents' errors out of ``scores`` and return how many there were."""
    path, ids = held_out

    def hidden(doc_id: str) -> bool:
        return doc_id in ids or Path(doc_id).stem in ids

    counts: dict[str, object] = {"list": path}
    seen: set[str] = set()
    for key in ("missed", "spurious", "wrong_speaker"):
        items = getattr(scores, key)
        kept = []
        count = 0
        for item in items:
            doc_id = (item[0] if isinstance(item, tuple) else item).doc_id
            if hidden(doc_id):
                count += 1
                seen.add(doc_id)
            else:
                kept.append(item)
        setattr(scores, key, kept)
        counts[key] = count
    counts["documents"] = len(seen)
    return counts


def _documents(values: list[str] | None) -> set[str] | None:
    """Document ids from the command line: each value an id, or a file of ids (one per line)."""
    if not values:
        return None
    ids: set[str] = set()
    for value in values:
        path = Path(value)
        if path.is_file():
            ids.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        else:
            ids.add(value)
    return ids


def _constructions(args: argparse.Namespace, extractor) -> int:
    from quotes.evaluation.construction_suite import THRESHOLD, load_suite
    from quotes.evaluation.constructions import render_table, score_suite
    from quotes.evaluation.speaker_forms import render_names, score_names

    docs = load_suite(args.constructions)
    records = dict(extractor.extract_many((d.doc_id, d.text) for d in docs))
    rows = score_suite(docs, records)
    names, wrong_names = score_names(docs, records)
    if args.json:
        data = [
            {"construction": r.construction, "docs": r.docs, "score": round(r.score, 4), **r.scores.to_dict()}
            for r in rows
        ]
        if not args.errors:
            for row in data:
                for key in ("missed", "spurious", "wrong_speaker"):
                    row.pop(key)
        result = {"parser": args.parser, "threshold": THRESHOLD, "rows": data}
        result["speakers_by_name"] = [r.to_dict() for r in names]
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    below = sum(not r.passed for r in rows if r.construction != "all")
    print(
        render_table(rows, title=f"parser: {args.parser}    {below} of {len(rows) - 1} constructions below {THRESHOLD}")
    )
    print("\n" + render_names(names))
    if args.errors:
        for row in rows:
            if row.construction != "all" and not row.passed:
                print(f"\n{row.construction} (score {row.score:.3f})")
                print("\n".join("  " + line for line in row.failures(limit=40)))
        if wrong_names:
            print("\nfiled under a wrong name")
            for gold, pred in wrong_names:
                print(f"  {gold.ident}: {gold.speaker.text!r} is {gold.speaker_name!r}, got {pred.speaker_name!r}")
    return 0
