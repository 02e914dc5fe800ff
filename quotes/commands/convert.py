"""``quotes convert``: quote records to other formats (W3C Web Annotations, CSV, Parquet)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from quotes.commands.common import check_records_file, plural, report_errors, text_argument
from quotes.errors import QuotesError

TARGETS = ("webanno", "webanno-jsonl", "csv", "parquet")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert quote records to Web Annotations (JSON-LD), CSV or Parquet")
    p.add_argument("records", metavar="QUOTES.jsonl", help="records written by quotes extract (-: standard input)")
    p.add_argument(
        "--to",
        choices=TARGETS,
        required=True,
        help="webanno: one AnnotationCollection (JSON-LD); webanno-jsonl: one annotation per line; "
        "csv: one row per quote (columns in the README); parquet: the same table as Parquet (needs -o and "
        "the 'tables' extra)",
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
    from quotes.run.inputs import read_records
    from quotes.run.output import atomic_writer, check_outputs, dumps

    if args.to == "parquet" and args.output in (None, "-"):
        raise QuotesError("--to parquet writes a binary file: give it with -o OUT.parquet")
    check_outputs([("-o", args.output)], inputs=[args.records])
    check_records_file(args.records)
    records, errors = report_errors(read_records(args.records))
    if args.to in ("csv", "parquet"):
        count = _table(records, args.to, args.output)
        print(f"quotes: {plural(count, 'row')}, {plural(errors, 'error')}", file=sys.stderr)
        return 1 if errors else 0
    from quotes.audit.webanno import annotations, collection

    with atomic_writer(args.output) as stream:
        if args.to == "webanno":
            data = collection(records, source_base=args.source_base)
            stream.write(dumps(data, indent=2) + "\n")
        else:
            for annotation in annotations(records, source_base=args.source_base):
                stream.write(dumps(annotation) + "\n")
    print(f"quotes: {plural(len(records), 'annotation')}, {plural(errors, 'error')}", file=sys.stderr)
    return 1 if errors else 0


def _table(records: list, target: str, output: str | None) -> int:
    from quotes.integrations.tables import write_csv, write_parquet
    from quotes.run.output import atomic_writer

    if target == "csv":
        if output in (None, "-"):
            return write_csv(records, sys.stdout)
        with atomic_writer(output) as stream:
            # atomic_writer translates no newlines, so the CSV keeps its own CRLF row ends.
            return write_csv(records, stream)
    # Parquet: to a temporary file beside the target, renamed over it only once complete.
    target_path = Path(output or "")
    fd, tmp = tempfile.mkstemp(prefix=f".{target_path.name}.", suffix=".part", dir=target_path.parent or ".")
    os.close(fd)
    try:
        count = write_parquet(records, tmp)
        # mkstemp made it private; give it the mode a newly created file gets.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return count
