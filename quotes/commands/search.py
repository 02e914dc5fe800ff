"""``quotes search``: find quotes in an archive by words, speaker and kind."""

from __future__ import annotations

import argparse
import textwrap

from quotes.commands.common import INT_MAX, add_wait_option, bounded_int, text_argument
from quotes.records import KINDS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="search an archive by words (bm25), speaker name and kind",
        description="Words are matched stemmed and case-insensitively, all of them (--any: any); --speaker "
        "matches canonical speaker names by parts ('Aliyev' finds 'Ilham Aliyev', whatever the mention was).",
    )
    p.add_argument(
        "words", nargs="*", type=text_argument, metavar="WORDS", help="words the quote must contain (word*: a prefix)"
    )
    p.add_argument("--db", required=True, metavar="ARCHIVE.sqlite", help="an archive built by `quotes index`")
    p.add_argument(
        "--speaker", type=text_argument, metavar="NAME", help="canonical speaker name or part of it, case-insensitive"
    )
    p.add_argument(
        "--for",
        dest="on_behalf_of",
        type=text_argument,
        metavar="NAME",
        help="only quotes spoken on NAME's behalf (by a spokesman, lawyer or aide), matched like --speaker",
    )
    p.add_argument("--kind", choices=KINDS, help="only quotes of this kind")
    p.add_argument("--doc", type=text_argument, metavar="DOC_ID", help="only quotes of this document")
    p.add_argument("--any", action="store_true", help="any of the words instead of all")
    p.add_argument("--all-versions", action="store_true", help="also records of older versions of a source")
    p.add_argument(
        "--limit", type=bounded_int(0, INT_MAX), default=20, metavar="N", help="at most N results (default 20; 0: all)"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per result")
    add_wait_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.run.output import dumps
    from quotes.workbench.archive import Archive

    with Archive(args.db, create=False, timeout=args.wait) as archive:
        hits = archive.search(
            args.words or None,
            speaker=args.speaker,
            on_behalf_of=args.on_behalf_of,
            kind=args.kind,
            doc_id=args.doc,
            any_word=args.any,
            all_versions=args.all_versions,
            limit=args.limit or None,
        )
    if args.json:
        for hit in hits:
            print(dumps(hit.to_dict()))
        return 0
    asked = " ".join(args.words) if args.words else "(any words)"
    who = f", speaker ~ {args.speaker!r}" if args.speaker else ""
    who += f", on behalf of ~ {args.on_behalf_of!r}" if args.on_behalf_of else ""
    kind = f", kind {args.kind}" if args.kind else ""
    print(f"{len(hits)} result{'s' * (len(hits) != 1)} for {asked}{who}{kind}")
    for n, hit in enumerate(hits, start=1):
        print()
        print(format_hit(n, hit))
    return 0


def format_hit(n: int, hit) -> str:
    """A search hit as a few readable lines."""
    mention = f'"{hit.speaker.text}"' if hit.speaker is not None else "no mention"
    cue = f'"{hit.cue.text}"' if hit.cue is not None else "no cue"
    score = f"  bm25 {hit.score:.2f}" if hit.score is not None else ""
    version = f"  version {hit.version} of {hit.versions}" if hit.versions > 1 else ""
    stale = "  SOURCE CHANGED since extraction" if hit.superseded else ""
    who = hit.speaker_label + (f" for {hit.on_behalf_of}" if hit.on_behalf_of else "")
    lines = [
        f"{n}. {who}  ({mention}, cue {cue})  {hit.kind}  confidence {hit.confidence:.2f}{score}",
        f"   {hit.doc_id} {hit.quote_id} [{hit.content.start}:{hit.content.end}]  rule {hit.rule}{version}{stale}",
    ]
    wrap = textwrap.TextWrapper(width=110, initial_indent="   quote:    ", subsequent_indent=" " * 13)
    lines.append(wrap.fill(" ".join(hit.content.text.split())))
    if hit.sentence is not None:
        wrap = textwrap.TextWrapper(width=110, initial_indent="   sentence: ", subsequent_indent=" " * 13)
        lines.append(wrap.fill(" ".join(hit.sentence.text.split())) + f"  [from the {hit.sentence_from}]")
    return "\n".join(lines)
