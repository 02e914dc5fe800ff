"""``quotes verify``: check quote records against their sources, and say where moved spans went."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from quotes.commands.common import add_stdin_options, plural, report_errors, stdin_options
from quotes.errors import InputError
from quotes.text.digest import text_sha256


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help="check that quote records still match their source texts (intact, moved or lost)",
        description="Re-read the sources (decoded as extract decodes them), match each record to its source by "
        "doc_id, check the text's SHA-256 and that every span slices it, and re-anchor the spans of changed "
        "sources from their text and context. Exit status 0 when every record is intact, 1 otherwise.",
    )
    p.add_argument("records", metavar="QUOTES.jsonl", help="records written by quotes extract (-: standard input)")
    p.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help='the articles: text files, or .jsonl files of {"id", "text"}; -: standard input',
    )
    p.add_argument("--json", action="store_true", help="print a JSON report of every record on standard output")
    add_stdin_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.audit.verify import summarize, verify_records
    from quotes.run.inputs import read_documents, read_records
    from quotes.run.output import check_outputs, dumps

    reading = stdin_options(args, [args.records, *args.sources])
    check_outputs([("standard output", None)], inputs=[args.records, *args.sources])
    records, errors = report_errors(read_records(args.records))
    texts: dict[str, str] = {}
    by_path: dict[Path, str] = {}
    by_hash: dict[str, str] = {}
    for source in args.sources:
        for doc in read_documents(source, **reading):
            if isinstance(doc, InputError):
                errors += 1
                print(f"quotes: error: {doc}", file=sys.stderr)
                continue
            texts.setdefault(doc.doc_id, doc.text)
            by_hash.setdefault(text_sha256(doc.text), doc.text)
            if doc.source == doc.doc_id:  # a plain-text file: also known by its resolved path
                with contextlib.suppress(OSError, ValueError):
                    by_path.setdefault(Path(doc.doc_id).resolve(), doc.text)
    for record in records:
        if record.doc_id not in texts:
            text = _match_source(record.doc_id, record.provenance.text_sha256, by_path, by_hash)
            if text is not None:
                texts[record.doc_id] = text

    verdicts = verify_records(records, texts)
    counts = summarize(verdicts)
    changed = sorted({v.doc_id for v in verdicts if v.source == "changed"})
    if args.json:
        report = {
            "summary": {**counts, "errors": errors, "changed_sources": changed},
            "verdicts": [v.to_dict() for v in verdicts],
        }
        print(dumps(report, indent=2))
    else:
        for verdict in verdicts:
            if verdict.status != "intact":
                print(verdict.describe())
    line = f"{counts['intact']} intact, {counts['moved']} moved, {counts['lost']} lost"
    if counts["edited"]:
        line += f", {counts['edited']} edited"
    if counts["missing-source"]:
        line += f", {counts['missing-source']} missing-source"
    if errors:
        line += f", {plural(errors, 'error')}"
    if changed:
        line += f" ({len(changed)} of {len({v.doc_id for v in verdicts})} sources changed since extraction)"
    print(f"quotes: {line}", file=sys.stderr)
    return 0 if counts["intact"] == len(verdicts) and not errors else 1


def _match_source(doc_id: str, digest: str, by_path: dict[Path, str], by_hash: dict[str, str]) -> str | None:
    """The source text of a record whose ``doc_id`` is not a source's name as given, wherever verify runs from:
    the same file named another way (``./a.txt``, an absolute path); else the text with the record's own
    SHA-256 (the very text it was made from); else the one source whose path ends with the ``doc_id``'s
    parts (a relative ``doc_id`` written in another folder, its source changed since)."""
    with contextlib.suppress(OSError, ValueError):
        text = by_path.get(Path(doc_id).resolve())
        if text is not None:
            return text
    if digest in by_hash:
        return by_hash[digest]
    parts = [p for p in Path(doc_id).parts if p not in ("", ".")]
    if not parts or Path(doc_id).is_absolute() or ".." in parts:
        return None
    found = [text for path, text in by_path.items() if list(path.parts[-len(parts) :]) == parts]
    return found[0] if len(found) == 1 else None
