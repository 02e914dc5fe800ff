"""``quotes index``: load quote records (and their source texts) into a searchable SQLite archive."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from quotes.commands.common import report_errors
from quotes.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="load quote records and source texts into an SQLite archive (idempotent, incremental)",
        description="Load records from `quotes extract` into an archive for `quotes search` and `quotes check`. "
        "The same record twice is stored once; a changed source text is stored as a new version.",
    )
    p.add_argument("records", nargs="+", metavar="QUOTES.jsonl", help="records written by `quotes extract`")
    p.add_argument("--db", required=True, metavar="ARCHIVE.sqlite", help="the archive (created when missing)")
    p.add_argument(
        "--sources",
        nargs="+",
        default=[],
        metavar="SOURCE",
        help="the articles the records came from (text files or JSONL of {id, text}), to show context",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.workbench.archive import Archive
    from quotes.workbench.record_input import read_records

    failures = 0
    with Archive(args.db) as archive:
        added = unchanged = updated = 0
        for path in args.records:
            batch, failed = report_errors(read_records(path))
            failures += failed
            result = archive.add_records(batch)
            added, unchanged, updated = added + result.added, unchanged + result.unchanged, updated + result.updated
        print(
            f"records: {added + unchanged + updated} read, {added} added, {unchanged} already stored, {updated} updated"
        )
        sources: dict[str, int] = {}
        # All the texts in one transaction: a commit (a disk sync) per text costs more than storing it.
        with archive.batch():
            _add_sources(archive, args.sources, sources)
        failures += sources.pop("failed", 0)
        if args.sources:
            summary = ", ".join(f"{n} {status}" for status, n in sorted(sources.items()))
            print(f"sources: {sum(sources.values())} read ({summary or 'none stored'})")
        counts = archive.counts()
        print(
            f"{args.db}: {counts['documents']} documents ({counts['versions']} versions, {counts['texts']} with text), "
            f"{counts['quotes']} quotes, {counts['speakers']} speakers"
        )
    return 1 if failures else 0


def _add_sources(archive: Any, paths: list[str], sources: dict[str, int]) -> None:
    """Store the texts in ``paths``, printing a line each; counts by status (and "failed") into ``sources``."""
    from quotes.run.inputs import read_documents
    from quotes.text.digest import text_sha256

    for path in paths:
        for doc in read_documents(path):
            if isinstance(doc, InputError):
                sources["failed"] = sources.get("failed", 0) + 1
                print(f"quotes: error: {doc}", file=sys.stderr)
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
                f"{result.records} records, sha256 {result.text_sha256[:12]}{note}"
            )
