"""``quotes report``: one self-contained HTML page to audit the records against their articles."""

from __future__ import annotations

import argparse
import sys

from quotes.commands.common import add_stdin_options, plural, report_errors, stdin_options, text_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write an HTML audit page: each article with its quotes highlighted, by speaker",
        description="One self-contained page (no network): each source's text with content, speaker and cue "
        "highlighted from the records' offsets, a panel of quotes by speaker, each quote's rule, path, "
        "confidence and provenance on hover or click, and whether each source still matches its record hash.",
    )
    p.add_argument("records", metavar="QUOTES.jsonl", help="records written by `quotes extract` (-: standard input)")
    p.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="the articles (text files or JSONL of {id, text}; -: stdin)"
    )
    p.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="write the page here")
    p.add_argument("--title", type=text_argument, default="Quote audit report", help="the page title")
    add_stdin_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.run.output import atomic_writer, check_outputs
    from quotes.workbench.record_input import read_records
    from quotes.workbench.report import build_report
    from quotes.workbench.report_sources import match_sources, read_sources

    reading = stdin_options(args, [args.records, *args.sources])
    check_outputs([("-o", args.output)], inputs=[args.records, *args.sources])
    records, failures = report_errors(read_records(args.records))
    texts, names, errors = read_sources(args.sources, **reading)
    for err in errors:
        failures += 1
        print(f"quotes: error: {err}", file=sys.stderr)
    texts, names = match_sources(records, texts, names)
    page = build_report(records, texts, title=args.title, source_names=names)
    with atomic_writer(args.output) as stream:
        stream.write(page)
    from quotes.workbench.report import summarize

    print(f"quotes: {args.output}: {summarize(records, texts)}, {plural(failures, 'error')}", file=sys.stderr)
    return 1 if failures else 0
