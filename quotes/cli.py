"""The ``quotes`` command line."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from quotes import __version__
from quotes.errors import InputError, QuotesError
from quotes.inputs import Document, read_documents
from quotes.output import atomic_writer, record_writer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description="Find quotations in news text and who said them.")
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="extract quote records from articles (text files or JSONL)")
    ext.add_argument("paths", nargs="+", metavar="PATH", help='plain-text articles, or .jsonl files of {"id", "text"}')
    ext.add_argument("-o", "--output", metavar="OUT.jsonl", help="write records here (default: standard output)")
    ext.add_argument("--parser", default="stanza", help="parser backend (default: stanza)")
    ext.add_argument(
        "--models",
        metavar="DIR",
        help="stanza resource directory (default: $STANZA_RESOURCES_DIR, else stanza's own home)",
    )
    ext.add_argument(
        "--include-unattributed",
        action="store_true",
        help="also report quoted passages with no speaker found (speaker: null)",
    )
    ext.set_defaults(func=cmd_extract)

    ev = sub.add_parser("evaluate", help="score extraction against gold annotations (precision, recall, F1)")
    ev.add_argument("gold", metavar="GOLD.jsonl", help="gold quotes; articles are read from articles/ beside it")
    ev.add_argument("--parser", default="stanza", help="parser backend (default: stanza)")
    ev.add_argument("--models", metavar="DIR", help="stanza resource directory")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--errors", action="store_true", help="also list missed, spurious and misattributed quotes")
    ev.set_defaults(func=cmd_evaluate)
    return parser


def _parser_options(args: argparse.Namespace) -> dict[str, object]:
    return {"models_dir": args.models} if args.parser == "stanza" and args.models else {}


def cmd_extract(args: argparse.Namespace) -> int:
    from quotes.extractor import Extractor

    documents: list[Document] = []
    failures: list[InputError] = []
    for path in args.paths:
        for item in read_documents(path):
            if isinstance(item, InputError):
                failures.append(item)
                print(f"quotes: error: {item}", file=sys.stderr)
            else:
                documents.append(item)
    started = time.perf_counter()
    extractor = Extractor(args.parser, include_unattributed=args.include_unattributed, **_parser_options(args))
    count = 0
    with atomic_writer(args.output) as stream:
        writer = record_writer(stream)
        for doc in documents:
            for record in extractor.extract(doc.text, doc.doc_id):
                writer.write(record.to_dict())
                count += 1
    elapsed = time.perf_counter() - started
    print(
        f"quotes: {len(documents)} documents, {count} quotes, {len(failures)} errors in {elapsed:.1f}s",
        file=sys.stderr,
    )
    return 1 if failures else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from quotes.evaluate import evaluate
    from quotes.extractor import Extractor

    extractor = Extractor(args.parser, **_parser_options(args))
    scores, _, skipped = evaluate(args.gold, extractor)
    if skipped:
        print(
            f"quotes: {args.parser} cannot parse {len(skipped)} documents (no gold trees): {', '.join(skipped)}",
            file=sys.stderr,
        )
    if args.json:
        data = scores.to_dict()
        if not args.errors:
            for key in ("missed", "spurious", "wrong_speaker"):
                data.pop(key)
        print(json.dumps({"parser": args.parser, **data}, indent=2, ensure_ascii=False))
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
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except QuotesError as err:
        print(f"quotes: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quotes: interrupted; no output file was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
