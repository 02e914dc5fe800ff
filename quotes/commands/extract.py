"""``quotes extract``: articles in, one JSON record per quote out."""

from __future__ import annotations

import argparse
import sys
import time

from quotes.commands.common import add_parser_options, parser_options
from quotes.errors import InputError
from quotes.inputs import Document, read_documents
from quotes.output import atomic_writer, record_writer


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract quote records from articles (text files or JSONL)")
    p.add_argument("paths", nargs="+", metavar="PATH", help='plain-text articles, or .jsonl files of {"id", "text"}')
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="write records here (default: standard output)")
    add_parser_options(p)
    p.add_argument(
        "--include-unattributed",
        action="store_true",
        help="also report quoted passages with no speaker found (speaker: null)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
    extractor = Extractor(args.parser, include_unattributed=args.include_unattributed, **parser_options(args))
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
