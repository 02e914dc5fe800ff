"""Rebuild ``quotes/data/np_readings.txt``: how often the noun-phrase reading (rule ``speech-act-object``)
says what was said, by verb lemma and frame, on PolNeAR's train compartment (the development set).

    python benchmarks/np_readings.py --train DIR --parses STORE [--parser spacy] [--write]

The reading is tried, before its gate, on every reporting verb the earlier rules left
(:func:`quotes.rules.np_content.noun_readings`), and a reading is right when a gold attribution of PolNeAR
has a cue that overlaps its cue and a content that overlaps its content: the question the table answers
is whether this verb's object (or phrase) is what was said at all; where the content should end is the
boundary rules' business, measured by the scorer in benchmarks/polnear.py. The
table keeps lemmas and counts only. It also prints what the gate would do on documents it was not
learned from: the table is learned on half the documents and the gated readings scored on the other
half, both ways round, so the printed precision is not the table grading itself.

``--parses`` is a parse store (outside the repository) such as ``benchmarks/polnear.py --parses`` fills;
documents not in it are parsed and stored.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from polnear import check_output, check_train_dir, extractor_for  # noqa: E402
from polnear_brat import documents, gold_items, read_ann  # noqa: E402

from quotes.data.lexicon import Lexicon  # noqa: E402
from quotes.evaluation.scoring import Item  # noqa: E402
from quotes.rules import np_content  # noqa: E402
from quotes.rules.base import Frame  # noqa: E402
from quotes.rules.engine import STEPS, Candidates  # noqa: E402
from quotes.text import marks  # noqa: E402

TABLE = ROOT / "quotes" / "data" / "np_readings.txt"
HEADER = """# How often the noun-phrase reading of a verb (rule speech-act-object) was right when tried on every
# reporting verb the earlier rules left, on PolNeAR's train compartment ({docs} documents, parser {parser}).
# Written by benchmarks/np_readings.py; lemmas and counts only, no text of the corpus.
# lemma frame tried right
[readings]
"""

CLASS_HEADER = """
# The same by frame class (obj, obj:person, obj+comp, prep): the prior each verb's share is drawn toward
# (obj:person, objects that name people, is also counted in obj).
# class tried right
[class]
"""

Key = tuple[str, str]


def tried(parse, lexicon: Lexicon, gold: Sequence[Item]) -> list[tuple[Key, bool]]:
    """Each ungated reading in one parsed document, ``((lemma, frame), right)``."""
    frame = Frame(parse, marks.scan(parse.text), lexicon)
    state = Candidates(frame, lexicon, False)
    for step in STEPS:
        if step.name == "np-content":
            break
        step.run(state)
    out = []
    for reading, att in np_content.noun_readings(frame, lexicon, set(state.taken), state.reported):
        right = any(
            g.cue is not None and g.cue.overlap(att.cue) > 0 and g.content.overlap(att.content) > 0 for g in gold
        )
        out.append(((reading.verb.lemma, reading.frame), right))
    return out


def table(rows: Iterable[tuple[Key, bool]]) -> dict[Key, tuple[int, int]]:
    """Tried and right by (lemma, frame); an object that names people counts among the verb's objects
    too (``obj:person`` is a subset of ``obj``)."""
    n: Counter[Key] = Counter()
    ok: Counter[Key] = Counter()
    for key, right in rows:
        for k in (key, (key[0], "obj")) if key[1] == np_content.PERSON_OBJECT else (key,):
            n[k] += 1
            ok[k] += right
    return {k: (n[k], ok[k]) for k in n}


def classes(counts: dict[Key, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Readings tried and right by frame class: each verb's prior."""
    out: dict[str, tuple[int, int]] = {}
    for (_, frame), (n, ok) in counts.items():
        tried_n, right = out.get(np_content.frame_class(frame), (0, 0))
        out[np_content.frame_class(frame)] = (tried_n + n, right + ok)
    return out


def passes(counts: dict[Key, tuple[int, int]], lexicon: Lexicon, key: Key) -> bool:
    """The gate of :func:`quotes.rules.np_content.reads_right`, over a table counted here."""
    return np_content.reads_right(lexicon, *key, counts, classes(counts))


def held_out(per_doc: list[list[tuple[Key, bool]]], lexicon: Lexicon) -> tuple[int, int, int]:
    """Learn on one half of the documents, gate the other half's readings; both ways round: (readings
    let through, of them right, right readings in all)."""
    halves = [per_doc[0::2], per_doc[1::2]]
    through = right = every_right = 0
    for learn, use in ((halves[0], halves[1]), (halves[1], halves[0])):
        counts = table(r for doc in learn for r in doc)
        for doc in use:
            for key, ok in doc:
                every_right += ok
                if passes(counts, lexicon, key):
                    through += 1
                    right += ok
    return through, right, every_right


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, help="a local copy of PolNeAR's data/train")
    parser.add_argument("--parses", required=True, help="a parse store outside the repository")
    parser.add_argument("--parser", choices=("stanza", "spacy"), default="spacy")
    parser.add_argument("--show", type=int, default=40, help="print the N frames tried most often")
    parser.add_argument("--write", action="store_true", help=f"write the table to {TABLE.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    folder = check_train_dir(args.train)
    store = check_output(args.parses)
    extractor = extractor_for(args.parser, store)
    docs = documents(folder)
    texts = {d: t.read_text(encoding="utf-8") for d, t, _ in docs}
    gold = {d: gold_items(d, texts[d], read_ann(a.read_text(encoding="utf-8"))) for d, _, a in docs}
    per_doc = [
        tried(parse, extractor.lexicon, gold[doc_id])
        for doc_id, parse in zip(texts, extractor.backend.parse_many(texts.items()), strict=True)
    ]
    counts = table(r for doc in per_doc for r in doc)
    readings = [r for doc in per_doc for r in doc]
    print(f"{len(per_doc)} documents: {len(readings)} readings tried, {sum(ok for _, ok in readings)} right")
    gated = [k for k in counts if passes(counts, extractor.lexicon, k)]
    print(f"frames the gate lets through: {len(gated)} of {len(counts)}")
    through, right, every_right = held_out(per_doc, extractor.lexicon)
    print(
        f"learned on one half, used on the other: {through} readings let through, precision "
        f"{right / max(through, 1):.3f}, {right} of {every_right} right readings kept"
    )
    for (lemma, frame), (n, ok) in sorted(counts.items(), key=lambda kv: -kv[1][0])[: args.show]:
        print(f"  {lemma:<14}{frame:<10}{n:>5}{ok:>5}{ok / n:>7.2f}{'  read' if (lemma, frame) in gated else ''}")
    if args.write:
        rows = [f"{lemma} {frame} {n} {ok}\n" for (lemma, frame), (n, ok) in sorted(counts.items())]
        prior = [f"{name} {n} {ok}\n" for name, (n, ok) in sorted(classes(counts).items())]
        head = HEADER.format(docs=len(per_doc), parser=args.parser)
        TABLE.write_text(head + "".join(rows) + CLASS_HEADER + "".join(prior), encoding="utf-8")
        print(f"wrote {TABLE.relative_to(ROOT)} ({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
