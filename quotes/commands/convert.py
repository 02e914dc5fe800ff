"""``quotes convert``: quote records to other formats (W3C Web Annotations)."""

from __future__ import annotations

import argparse
import sys

from quotes.commands.common import report_errors, text_argument

TARGETS = ("webanno", "webanno-jsonl")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert quote records to W3C Web Annotations (JSON-LD)")
    p.add_argument("records", metavar="QUOTES.jsonl", help="records written by quotes extract (-: standard input)")
    p.add_argument(
        "--to",
        choices=TARGETS,
        required=True,
        help="webanno: one AnnotationCollection (JSON-LD); webanno-jsonl: one annotation per line",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here (default: standard output)")
    p.add_argument(
        "--source-base",
        type=text_argument,
        metavar="URL",
        help="document IRIs are URL/<doc id, percent-encoded> (default: urn:quotes:doc:)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.audit.webanno import annotations, collection
    from quotes.run.inputs import read_records
    from quotes.run.output import atomic_writer, check_outputs, dumps

    check_outputs([("-o", args.output)], inputs=[args.records])
    records, errors = report_errors(read_records(args.records))
    with atomic_writer(args.output) as stream:
        if args.to == "webanno":
            data = collection(records, source_base=args.source_base)
            stream.write(dumps(data, indent=2) + "\n")
        else:
            for annotation in annotations(records, source_base=args.source_base):
                stream.write(dumps(annotation) + "\n")
    print(f"quotes: {len(records)} annotations, {errors} errors", file=sys.stderr)
    return 1 if errors else 0
