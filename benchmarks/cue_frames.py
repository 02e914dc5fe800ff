"""Rebuild ``quotes/data/cue_frames.txt``: the shapes of content each cue lemma takes in PolNeAR train.

    python benchmarks/cue_frames.py --train DIR [--parser spacy|stanza] [--limit N] [--min-count 3]

DIR is a local copy of PolNeAR's ``data/train`` (see benchmarks/README.md; ``dev`` and ``test`` are refused,
as by ``polnear.py``). For every attribution with a cue and a content, the cue's head lemma (its first
verb, else noun, else preposition, as the parser reads it) and the shape of its content are counted:

- ``quote``: the content opens with a quotation mark (a direct or mixed quotation);
- ``that``: a complementizer ``that`` opens it; ``wh``: ``whether``, ``if`` or a wh-word opens it;
- ``to``: a to-infinitive (``to`` marking a verb);
- ``prep``: a preposition opens it (``spoke about the war``, ``called for an overhaul``: the cue span
  usually holds the preposition, so this column is small and ``np`` holds most of these);
- ``clause``: the content's top word is a verb with a subject or a finite form (a clause without ``that``);
- ``np``: anything else: a noun phrase (``denounced the merger``, ``hailed the treaty as ...``).

Only lemmas and counts are written, never text of the corpus, so the table may live in the repository
(the corpus' texts carry no licence for redistribution). Lemmas seen fewer than ``--min-count`` times are
left out: a single use says nothing about a verb's frames.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from content_shapes import content_shape  # noqa: E402
from polnear import Refused, check_train_dir, cue_lemma, extractor_for, spread  # noqa: E402
from polnear_brat import documents, read_ann  # noqa: E402

from quotes.data.lexicon import FRAME_SHAPES  # noqa: E402
from quotes.text.spans import Span  # noqa: E402

TABLE = ROOT / "quotes" / "data" / "cue_frames.txt"


def count(folder: Path, limit: int | None, extractor: Any) -> tuple[Counter[tuple[str, str, str]], int]:
    """``(lemma, upos, shape) -> count`` over the attributions of the compartment, and the number counted."""
    docs = spread(documents(folder), limit)
    texts = {doc_id: path.read_text(encoding="utf-8") for doc_id, path, _ in docs}
    relations = {doc_id: read_ann(ann.read_text(encoding="utf-8")) for doc_id, _, ann in docs}
    counts: Counter[tuple[str, str, str]] = Counter()
    seen = 0
    for doc_id, parse in zip(texts, extractor.backend.parse_many(texts.items()), strict=True):
        for rel in relations[doc_id]:
            if not rel.cue or not rel.content:
                continue
            cue = Span.of(parse.text, min(s for s, _ in rel.cue), max(e for _, e in rel.cue))
            shape = content_shape(parse, rel.content[0][0], rel.content[-1][1])
            if shape is None or not parse.tokens_in(cue.start, cue.end):
                continue
            lemma, upos = cue_lemma(parse, cue)
            if not lemma.isalpha():
                continue
            counts[(lemma, upos, shape)] += 1
            seen += 1
    return counts, seen


def table(counts: Counter[tuple[str, str, str]], min_count: int, header: str) -> str:
    by_cue: dict[tuple[str, str], Counter[str]] = {}
    for (lemma, upos, shape), n in counts.items():
        by_cue.setdefault((lemma, upos), Counter())[shape] += n
    rows = sorted(by_cue.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    lines = [header, "# lemma upos total " + " ".join(FRAME_SHAPES), "[frames]"]
    for (lemma, upos), shapes in rows:
        total = sum(shapes.values())
        if total >= min_count:
            lines.append(" ".join([lemma, upos, str(total), *(str(shapes[s]) for s in FRAME_SHAPES)]))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, help="a local copy of PolNeAR's data/train")
    parser.add_argument("--parser", choices=("stanza", "spacy"), default="spacy")
    parser.add_argument("--limit", type=int, help="count N documents, evenly spread over the compartment")
    parser.add_argument("--min-count", type=int, default=3, help="leave out lemmas seen fewer times")
    parser.add_argument("--out", default=str(TABLE), help=f"where to write the table (default {TABLE})")
    args = parser.parse_args(argv)
    try:
        folder = check_train_dir(args.train)
    except Refused as err:
        print(f"refused: {err}", file=sys.stderr)
        return 2
    extractor = extractor_for(args.parser)
    counts, seen = count(folder, args.limit, extractor)
    docs = len(spread(documents(folder), args.limit))
    header = (
        "# Content shapes of attributions by cue lemma, counted by benchmarks/cue_frames.py on PolNeAR's train\n"
        f"# compartment ({docs} documents, {seen} attributions with a cue and a content; parser {args.parser};\n"
        f"# lemmas seen at least {args.min_count} times). Lemmas and counts only: no text of the corpus.\n"
        "# The rules read which frames a cue takes from here (quotes.data.lexicon.Lexicon.frame)."
    )
    out = Path(args.out)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(table(counts, args.min_count, header), encoding="utf-8")
    tmp.replace(out)
    print(f"{seen} attributions from {docs} documents -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
