"""``quotes parse``: parse articles once into a parse store, for ``quotes extract --parses`` to reuse.

Each distinct text is parsed once per parser and stored as its normalized parse
(:mod:`quotes.parse.store`); a text already stored for the same parser is not parsed again. Bad inputs
and documents the parser fails on are named on stderr (exit 1) and the others are still stored.
"""

from __future__ import annotations

import argparse
import sys
import time

from quotes.commands.common import (
    add_parser_options,
    add_selective_option,
    announce_parser,
    check_inputs,
    parser_options,
    plural,
    selective_wanted,
)

# Documents go to the parser in chunks of about this many words: one batched call each.
CHUNK_WORDS = 5000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse articles into a parse store that extract and evaluate --parses reuse")
    p.add_argument("paths", nargs="+", metavar="PATH", help='plain-text articles, or .jsonl files of {"id", "text"}')
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the parse store (created when missing)")
    add_parser_options(p)
    add_selective_option(p, "parse and store")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.errors import InputError, QuotesError
    from quotes.parse.store import load_backend
    from quotes.run.inputs import Document, read_documents
    from quotes.run.progress import ProgressBar

    check_inputs(args.paths)  # every input can be read, before the parser loads
    options = parser_options(args)
    options["selective"] = selective_wanted(args)
    announce_parser(args)
    started = time.perf_counter()
    backend = load_backend(args.parser, parses=args.output, **options)
    bar = ProgressBar(sys.stderr)
    failures = 0
    documents = 0

    def parse_chunk(chunk: list[Document]) -> int:
        """Parse a chunk in one call; when that fails, each document alone, naming the ones that fail
        (a bug on one document must not cost the others their parse)."""
        try:
            for _ in backend.parse_many((d.doc_id, d.text) for d in chunk):
                pass
            return 0
        except Exception:
            failed = 0
            for doc in chunk:
                try:
                    backend.parse(doc.text, doc.doc_id)
                except Exception as err:
                    failed += 1
                    bug = not isinstance(err, QuotesError)
                    reason = f"internal error: {type(err).__name__}: {err}" if bug else str(err)
                    bar.clear()
                    print(f"quotes: error: {doc.source}: parsing failed: {reason}", file=sys.stderr)
            return failed

    chunk: list[Document] = []
    words = 0
    for index, path in enumerate(args.paths, start=1):
        for item in read_documents(path):
            bar.update(f"quotes: {documents} documents  [{index}/{len(args.paths)}] {path}")
            if isinstance(item, InputError):
                failures += 1
                bar.clear()
                print(f"quotes: error: {item}", file=sys.stderr)
                continue
            documents += 1
            chunk.append(item)
            words += len(item.text.split())
            if words >= CHUNK_WORDS:
                failures += parse_chunk(chunk)
                chunk, words = [], 0
    if chunk:
        failures += parse_chunk(chunk)
    bar.clear()
    for reason in dict.fromkeys(backend.store_errors):
        print(f"quotes: error: could not store a parse: {reason}", file=sys.stderr)
    folder = backend.store.folder(backend.ident)
    print(
        f"quotes: {plural(documents, 'document')}: {backend.parsed} parsed ({backend.stored} stored), "
        f"{backend.reused} already stored, {plural(failures, 'error')} in "
        f"{time.perf_counter() - started:.1f}s; {folder}",
        file=sys.stderr,
    )
    return 1 if failures or backend.store_errors else 0
