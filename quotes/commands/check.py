"""``quotes check``: look a claim up in an archive and say whether the person it names said those words."""

from __future__ import annotations

import argparse
import textwrap

from quotes.commands.common import add_wait_option, bounded_int, text_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check a claim ('X said ...') against the quotes in an archive",
        description="Finds the speaker the claim names among the archive's canonical names, then the quotes "
        "of that speaker closest to the claim's words, and compares what the claim and each close quote assert "
        "(negation, agent, subject, order, modality, numbers). Verdicts: 'direct quote', 'shares words', "
        "'contradicts', 'different proposition', 'attributed to someone else', 'not found' (in this archive), "
        "'nothing to check', each with its evidence.",
    )
    p.add_argument("claim", type=text_argument, help='the claim, e.g. "Aliyev said the occupation must never end"')
    p.add_argument("--db", required=True, metavar="ARCHIVE.sqlite", help="an archive built by `quotes index`")
    p.add_argument(
        "--speaker", type=text_argument, metavar="NAME", help="the speaker to check, instead of the one the claim names"
    )
    p.add_argument(
        "--limit", type=bounded_int(1, 10_000), default=3, metavar="N", help="quotes of evidence to show (default 3)"
    )
    p.add_argument(
        "--on-behalf",
        action="store_true",
        help="also count quotes spoken on the speaker's behalf (a spokesman's, a lawyer's) as the speaker's",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    add_wait_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.run.output import dumps
    from quotes.workbench.archive import Archive
    from quotes.workbench.claims import check_claim

    with Archive(args.db, create=False, timeout=args.wait) as archive:
        result = check_claim(archive, args.claim, speaker=args.speaker, limit=args.limit, on_behalf=args.on_behalf)
    if args.json:
        print(dumps(result.to_dict(), indent=2))
        return 0
    print(format_check(result))
    return 0


def _for(hit) -> str:
    return f" on behalf of {hit.on_behalf_of}" if hit.on_behalf_of else ""


def format_check(result) -> str:
    from quotes.workbench.claims import DIRECT_THRESHOLD, WORDS_THRESHOLD

    frame = f'   (frame "{result.frame.frame}" removed)' if result.frame.frame else "   (no reporting frame found)"
    if result.speaker.names:
        speaker = f'{" / ".join(result.speaker.names)}  ("{result.speaker.query}", matched by {result.speaker.how})'
    elif result.speaker.query:
        speaker = f'"{result.speaker.query}": no such speaker in the archive'
    else:
        speaker = "none named (pass --speaker NAME); all speakers searched"
    lines = [
        f"claim:    {result.claim}",
        f'checked:  "{result.frame.text}"{frame}',
        f"speaker:  {speaker}",
        f"verdict:  {result.verdict.upper()}: {result.reason}",
    ]
    sections = (("evidence", result.evidence), ("other speakers", result.others))
    for title, items in sections:
        if not items:
            continue
        lines.append("")
        lines.append(f"{title}:")
        for n, ev in enumerate(items, start=1):
            hit = ev.hit
            mention = f'"{hit.speaker.text}"' if hit.speaker is not None else "no mention"
            cue = f'"{hit.cue.text}"' if hit.cue is not None else "no cue"
            level = ev.level or "below thresholds"
            sim = ev.similarity
            lines.append(
                f" {n}. {level}: verbatim {sim.verbatim:.0f}, words {sim.words:.0f}"
                f"{'  (missing: ' + ', '.join(sim.missing) + ')' if sim.missing else ''}"
            )
            lines += [f"    differs:  {d.describe()}" for d in ev.differences]
            lines.append(
                f"    {hit.kind} quote by {hit.speaker_label}{_for(hit)} ({mention}, cue {cue}), "
                f"confidence {hit.confidence:.2f}, rule {hit.rule}"
            )
            stale = "  SOURCE CHANGED since extraction" if hit.superseded else ""
            lines.append(f"    {hit.doc_id} {hit.quote_id} [{hit.content.start}:{hit.content.end}]{stale}")
            wrap = textwrap.TextWrapper(width=110, initial_indent="    quote:    ", subsequent_indent=" " * 14)
            lines.append(wrap.fill(" ".join(hit.content.text.split())))
            if hit.sentence is not None:
                wrap = textwrap.TextWrapper(width=110, initial_indent="    sentence: ", subsequent_indent=" " * 14)
                lines.append(wrap.fill(" ".join(hit.sentence.text.split())))
    lines.append("")
    lines.append(
        f"thresholds: direct quote needs verbatim >= {DIRECT_THRESHOLD:.0f} in a direct quote; shares words needs "
        f"words >= {WORDS_THRESHOLD:.0f}; both need the same negation, agent, subject, order, modality and "
        f"numbers; {result.scored} quotes scored with {result.backend}"
    )
    if result.coverage:
        lines.append(f"not every quote was scored: {result.coverage}")
    return "\n".join(lines)
