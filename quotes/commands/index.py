"""``quotes index``: load quote records (and their source texts) into a searchable SQLite archive."""

from __future__ import annotations

import argparse
import sys

from quotes.commands.common import add_wait_option, check_records_file, plural, report_errors
from quotes.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="load quote records and source texts into an SQLite archive (idempotent, incremental)",
        description="Load records from `quotes extract` into an archive for `quotes search` and `quotes check`. "
        "The same record twice is stored once; a changed source text is stored as a new version.",
    )
    p.add_argument(
        "records", nargs="+", metavar="QUOTES.jsonl", help="records written by `quotes extract` (-: standard input)"
    )
    p.add_argument("--db", required=True, metavar="ARCHIVE.sqlite", help="the archive (created when missing)")
    p.add_argument(
        "--sources",
        nargs="+",
        default=[],
        metavar="SOURCE",
        help="the articles the records came from (text files or JSONL of {id, text}), to show context",
    )
    add_wait_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.commands.common import stdin_options
    from quotes.run.inputs import read_documents
    from quotes.run.output import check_outputs
    from quotes.text.digest import text_sha256
    from quotes.workbench.archive import Archive
    from quotes.workbench.record_input import read_records, surrogate_problem

    reading = stdin_options(args, [*args.records, *args.sources])  # standard input is read once
    check_outputs([("--db", args.db)], inputs=[*args.records, *args.sources])
    for path in args.records:
        check_records_file(path)
    failures = 0
    with Archive(args.db, timeout=args.wait) as archive:
        added = unchanged = updated = 0
        for path in args.records:
            batch, failed = report_errors(read_records(path))
            failures += failed
            result = archive.add_records(batch)
            added, unchanged, updated = added + result.added, unchanged + result.unchanged, updated + result.updated
        print(
            f"records: {added + unchanged + updated} read, {added} added, {unchanged} already stored, {updated} updated"
            + (f", {plural(failures, 'error')}" if failures else "")
        )
        sources: dict[str, int] = {}
        # All the texts in one transaction: a commit (a disk sync) per text costs more than storing it.
        with archive.batch():
            for path in args.sources:
                for doc in read_documents(path, **reading):
                    if isinstance(doc, InputError):
                        failures += 1
                        print(f"quotes: error: {doc}", file=sys.stderr)
                        continue
                    problem = surrogate_problem(doc.text)
                    if problem:  # that one document is refused; the rest of the file is still read
                        failures += 1
                        print(
                            f"quotes: error: {doc.source}: document {doc.doc_id!r} {problem}; skipped", file=sys.stderr
                        )
                        continue
                    doc_id = doc.doc_id
                    note = ""
                    if not archive.has_document(doc_id):
                        # The records may name the file by another path: find them by the text's hash.
                        owners = archive.doc_ids_for_hash(text_sha256(doc.text))
                        if len(owners) == 1:
                            doc_id = owners[0]
                            note = f" (stored as {doc_id!r}: its records have this text's hash)"
                        else:
                            note = " (no records of this document yet)"
                    result = archive.add_source(doc_id, doc.text)
                    sources[result.status] = sources.get(result.status, 0) + 1
                    print(
                        f"source: {doc.source}: version {result.version}, {result.status}, "
                        f"{plural(result.records, 'record')}, sha256 {result.text_sha256[:12]}{note}"
                    )
        if args.sources:
            summary = ", ".join(f"{n} {status}" for status, n in sorted(sources.items()))
            print(f"sources: {sum(sources.values())} read ({summary or 'none stored'})")
        counts = archive.counts()
        print(
            f"{args.db}: {plural(counts['documents'], 'document')} ({plural(counts['versions'], 'version')}, "
            f"{counts['texts']} with text), {plural(counts['quotes'], 'quote')}, "
            f"{plural(counts['speakers'], 'speaker')}"
        )
    return 1 if failures else 0
