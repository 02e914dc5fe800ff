"""Score the extractor on the train compartment of PolNeAR (Newell et al., LREC 2018), a development set.

    python benchmarks/polnear.py --train DIR [--parser stanza|spacy] [--limit N] [--errors FILE]

DIR is a local copy of PolNeAR's ``data/train`` (its ``text/`` and ``attributions/`` folders). Only the
train compartment may be read: a path that names ``dev`` or ``test`` is refused, and nothing of PolNeAR
(texts, annotations, derived files) belongs in this repository, so ``--errors`` refuses a file inside it.
How the brat standoff becomes gold items: benchmarks/polnear_brat.py.

Two gold sets are scored with :func:`quotes.evaluation.scoring.score`. **all**: every attribution, beliefs, stances
and evidence included. **speech**: an attribution that has a source and whose cue contains a
``[speech]`` or ``[claim]`` verb form of quotes/data/reporting_verbs.txt or a preposition or noun of
quotes/data/nominal_cues.txt (surface forms only, so the set does not depend on the parser); predictions
are held to the same cue test there, so a belief the extractor reports (``[cognition]``) is neither a
hit nor a false positive. **speech and acts** (printed, not kept in ``--json``): the speech set with the
verbs of judging and speaking the speech-act rules read ("denounced", "hailed", "talked about"), whose
content is mostly a noun phrase. ``--limit N`` scores N documents evenly spread over the sorted file names.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from attrs import define, field

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from content_shapes import content_shape  # noqa: E402
from polnear_brat import cue_class, documents, gold_items, is_speech, is_speech_or_act, read_ann  # noqa: E402

from quotes.data.lexicon import Lexicon  # noqa: E402
from quotes.data.lexicon import load as load_lexicon  # noqa: E402
from quotes.evaluation.scoring import Item, Scores, items_from_records, score  # noqa: E402
from quotes.text.spans import Span  # noqa: E402

FORBIDDEN = frozenset({"dev", "test"})


class Refused(ValueError):
    """A path the benchmark must not read from or write to."""


def check_train_dir(path: str | Path) -> Path:
    """The train folder, or :class:`Refused` when the path names dev or test or is not a compartment."""
    given = Path(path)
    for candidate in (given, given.resolve()):
        named = {part.lower() for part in candidate.parts} | set(re.split(r"[-_. ]", candidate.name.lower()))
        if named & FORBIDDEN:
            raise Refused(f"{path}: names a dev or test compartment; only PolNeAR's train compartment may be read")
    folder = given.resolve()
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise Refused(f"{path}: not a PolNeAR compartment (no text/ and attributions/ folders in it)")
    return folder


def check_output(path: str | Path) -> Path:
    """An errors file or parse store must lie outside the repository: it holds PolNeAR text, which may
    not be shared."""
    out = Path(path).resolve()
    if out.is_relative_to(ROOT):
        raise Refused(f"{path}: inside the repository; write PolNeAR-derived files outside it")
    return out


def spread(docs: Sequence[Any], limit: int | None) -> list[Any]:
    """``limit`` documents evenly spaced over the sorted list: file names start with the publisher, so
    the first N would all come from one or two publishers."""
    if limit is None or limit >= len(docs):
        return list(docs)
    return [docs[i * len(docs) // limit] for i in range(limit)]


def cue_lemma(parse: Any, cue: Span) -> tuple[str, str]:
    """The head word of a cue as the parser reads it, ``(lemma, upos)``: its first verb, else noun, else
    preposition, else first word."""
    toks = [parse.tokens[i] for i in parse.tokens_in(cue.start, cue.end)]
    for wanted in ("VERB", "NOUN", "ADP"):
        for tok in toks:
            if tok.upos == wanted:
                return tok.lemma.lower(), tok.upos
    return (toks[0].lemma.lower(), toks[0].upos) if toks else (cue.text.lower(), "?")


def extractor_for(parser: str, parses: Path | None = None, selective: bool = False) -> Any:
    """The extractor with ``parser``; with ``parses``, the parses are kept in (and reused from) that
    store, so a second run re-reads them instead of parsing again (a rule change needs no new parse).
    ``selective``: parse only the sentences that can hold an attribution (``quotes.parse.selective``)."""
    from quotes.pipeline import Extractor

    stored: dict[str, Any] = {"parses": str(parses)} if parses is not None else {}
    stored["selective"] = selective
    if parser == "stanza":
        from common import stanza_models_dir

        return Extractor("stanza", models_dir=stanza_models_dir(), **stored)
    return Extractor(parser, **stored)


def gold_shape(parse: Any, item: Item) -> str:
    """The shape of a gold item's content (benchmarks/cue_frames.py's shapes): a direct or mixed item is a
    quotation; the converter dropped an indirect item's leading "that", so the word before it is read."""
    if item.kind in ("direct", "mixed"):
        return "quote"
    if "." in item.ident:
        return "clause"  # a piece of a reported clause split by its cue ("The new rules, officials said, ...")
    if re.search(r"\bthat[\s,]*$", parse.text[max(0, item.content.start - 12) : item.content.start], re.IGNORECASE):
        return "that"
    return content_shape(parse, item.content.start, item.content.end) or "np"


def shape_table(gold: Sequence[Item], scores: Scores, shapes: dict[tuple[str, str], str]) -> str:
    """Recall of the gold items by the shape of their content: found, of how many, and the share of all."""
    missed = {(m.doc_id, m.ident) for m in scores.missed}
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for g in gold:
        shape = shapes.get((g.doc_id, g.ident), "?")
        total[shape] += 1
        found[shape] += (g.doc_id, g.ident) not in missed
    lines = [f"{'content':<9}{'gold':>7}{'share':>7}{'found':>7}{'recall':>8}"]
    for shape, n in total.most_common():
        lines.append(f"{shape:<9}{n:>7}{n / len(gold):>7.2f}{found[shape]:>7}{found[shape] / n:>8.3f}")
    return "\n".join(lines)


def _paragraph(text: str, start: int, end: int) -> str:
    """The lines of ``text`` that hold ``[start, end)``: enough context to classify an error by hand."""
    after = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1 : after if after >= 0 else len(text)]


@define
class Run:
    """What one run read and found: texts, gold and predicted items, and what the errors file needs."""

    texts: dict[str, str]
    relations: int
    gold: list[Item]
    predicted: list[Item] = field(factory=list)
    rules: dict[tuple[str, str], str] = field(factory=dict)  # (doc, quote id) -> the extractor's rule
    confidence: dict[tuple[str, str], float] = field(factory=dict)  # (doc, quote id) -> the record's
    lemmas: dict[tuple[str, int, int], tuple[str, str]] = field(factory=dict)  # gold cue -> (lemma, upos)
    shapes: dict[tuple[str, str], str] = field(factory=dict)  # (doc, gold ident) -> shape of its content
    seconds: float = 0.0

    def error_rows(self, label: str, scores: Scores, lexicon: Lexicon) -> list[dict[str, Any]]:
        def spans(item: Item) -> dict[str, Any]:
            out: dict[str, Any] = {
                "id": item.ident,
                "kind": item.kind,
                "rule": self.rules.get((item.doc_id, item.ident)),
            }
            for key in ("content", "speaker", "cue"):
                value = getattr(item, key)
                out[key] = value.to_dict() if value is not None else None
            if item.cue is not None:
                out["cue_class"] = cue_class(lexicon, item.cue.text)
                out["cue_lemma"] = self.lemmas.get((item.doc_id, item.cue.start, item.cue.end))
            return out

        def row(error: str, item: Item, other: Item | None = None) -> dict[str, Any]:
            parts = [s for s in (item.content, item.speaker, item.cue) if s is not None]
            where = _paragraph(self.texts[item.doc_id], min(s.start for s in parts), max(s.end for s in parts))
            out = {"set": label, "error": error, "doc_id": item.doc_id, **spans(item), "paragraph": where}
            return out | ({"predicted": spans(other)} if other is not None else {})

        rows = [row("missed", g) for g in scores.missed] + [row("spurious", p) for p in scores.spurious]
        return rows + [row("wrong_speaker", g, p) for g, p in scores.wrong_speaker]


def read_gold(folder: Path, limit: int | None) -> Run:
    docs = spread(documents(folder), limit)
    texts = {d: t.read_text(encoding="utf-8") for d, t, _ in docs}
    gold, relations = [], 0
    for doc_id, _, ann in docs:
        found = read_ann(ann.read_text(encoding="utf-8"))
        relations += len(found)
        gold += gold_items(doc_id, texts[doc_id], found)
    return Run(texts, relations, gold)


def predict(run: Run, extractor: Any) -> None:
    """Extract every text, keeping each record's rule and the parser's lemma of every gold cue."""
    cues: dict[str, set[Span]] = {}
    for g in run.gold:
        if g.cue is not None:
            cues.setdefault(g.doc_id, set()).add(g.cue)
    began = time.perf_counter()
    for doc_id, parse in zip(run.texts, extractor.backend.parse_many(run.texts.items()), strict=True):
        records = extractor.from_parse(parse, doc_id)
        run.rules |= {(doc_id, r.quote_id): r.evidence.rule for r in records}
        run.confidence |= {(doc_id, r.quote_id): r.confidence for r in records}
        run.predicted += items_from_records(records, doc_id=doc_id)
        run.lemmas |= {(doc_id, c.start, c.end): cue_lemma(parse, c) for c in cues.get(doc_id, ())}
        run.shapes |= {(doc_id, g.ident): gold_shape(parse, g) for g in run.gold if g.doc_id == doc_id}
    run.seconds = time.perf_counter() - began


def report(run: Run, lexicon: Lexicon, parser: str, shown: int) -> list[dict[str, Any]]:
    """Print the figures; the error rows of both sets."""
    words = sum(len(t.split()) for t in run.texts.values())
    print(f"PolNeAR train: {len(run.texts)} documents, {words} words, {run.relations} attributions")
    print(f"parser {parser}: {run.seconds:.0f} s ({words / max(run.seconds, 1e-9):.0f} words/s)")
    classes = Counter(cue_class(lexicon, g.cue.text if g.cue else None) for g in run.gold)
    sourceless = sum(not g.speaker for g in run.gold)
    print(f"gold items by cue class: {dict(classes.most_common())}; without a source: {sourceless}")
    speech = [g for g in run.gold if g.speaker and is_speech(lexicon, g)]
    acts = [g for g in run.gold if g.speaker and is_speech_or_act(lexicon, g)]
    sets = {
        "all": (run.gold, run.predicted),
        "speech": (speech, [p for p in run.predicted if is_speech(lexicon, p)]),
        "speech and acts": (acts, [p for p in run.predicted if is_speech_or_act(lexicon, p)]),
    }
    rows = []
    for label, (gold, predicted) in sets.items():
        scores = score(gold, predicted)
        print(f"\n== {label}: {len(gold)} gold items, {len(predicted)} predicted ==\n{scores.table()}")
        print(f"\nrecall by the shape of the content ({label}):\n{shape_table(gold, scores, run.shapes)}")
        if label != "speech and acts":  # its rows are the speech set's and a few more: not written twice
            rows += run.error_rows(label, scores, lexicon)
    # A cue none of the word lists matches: the lists' candidates, by the parser's lemma of its head.
    other = Counter(
        run.lemmas[(g.doc_id, g.cue.start, g.cue.end)]
        for g in {(g.doc_id, g.cue): g for g in run.gold if g.cue is not None}.values()
        if g.cue is not None and cue_class(lexicon, g.cue.text) == "other"
    )
    listed = ", ".join(f"{lemma}/{upos} {n}" for (lemma, upos), n in other.most_common(shown))
    print(f"\ncues no word list matches, by head lemma ({parser}) and count: {listed}")
    return rows


def summary(run: Run, lexicon: Lexicon, parser: str) -> dict[str, Any]:
    """The speech set's figures of a run (counts and rates only: no text of the corpus)."""
    speech = [g for g in run.gold if g.speaker and is_speech(lexicon, g)]
    predicted = [p for p in run.predicted if is_speech(lexicon, p)]
    scores = score(speech, predicted)
    missed = {(m.doc_id, m.ident) for m in scores.missed}
    shapes: dict[str, list[int]] = {}
    for g in speech:
        counts = shapes.setdefault(run.shapes.get((g.doc_id, g.ident), "?"), [0, 0])
        counts[0] += 1
        counts[1] += (g.doc_id, g.ident) not in missed
    return {
        "parser": parser,
        "documents": len(run.texts),
        "gold": len(speech),
        "quotes": scores.quotes.to_dict(),
        "attribution": scores.attribution.to_dict(),
        "shapes": {k: {"gold": n, "found": f} for k, (n, f) in shapes.items()},
    }


def record_run(path: Path, label: str, data: dict[str, Any]) -> None:
    """Keep the run under ``label`` in the JSON file (runs kept in the order first written) and the table
    of all its runs for benchmarks/tables.py."""
    book = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"runs": {}}
    book["runs"][label] = data

    def prf(c: dict[str, Any]) -> str:
        # From the counts: the stored rates are rounded to four places, and rounding twice can move a
        # third decimal (0.83947 is kept as 0.8395, which would print as 0.840).
        p = c["tp"] / c["predicted"] if c["predicted"] else 0.0
        r = c["tp"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{p:.3f} / {r:.3f} / {f:.3f}"

    def found(run: dict[str, Any], shape: str) -> str:
        got = run["shapes"].get(shape)
        return f"{got['found'] / got['gold']:.3f}" if got and got["gold"] else "-"

    rows = [
        [
            label,
            str(r["documents"]),
            str(r["gold"]),
            prf(r["quotes"]),
            prf(r["attribution"]),
            found(r, "np"),
            found(r, "clause"),
        ]
        for label, r in book["runs"].items()
    ]
    book["tables"] = {
        "polnear": {
            "columns": [
                "run",
                "docs",
                "gold pieces",
                "quotes P / R / F1",
                "attribution P / R / F1",
                "noun phrase found",
                "clause found",
            ],
            "align": ["left", "right", "right", "left", "left", "right", "right"],
            "rows": rows,
        }
    }
    path.write_text(json.dumps(book, indent=1) + "\n", encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    folder = check_train_dir(args.train)
    errors = check_output(args.errors) if args.errors else None
    parses = check_output(args.parses) if args.parses else None
    lexicon = load_lexicon(cognition=True)  # belief cues must be recognised to be left out
    found = read_gold(folder, args.limit)
    predict(found, extractor_for(args.parser, parses, args.selective))
    rows = report(found, lexicon, args.parser, args.cues)
    if args.json:
        record_run(Path(args.json), args.label or args.parser, summary(found, lexicon, args.parser))
    if errors is not None:
        with open(errors, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        print(f"{len(rows)} errors written to {errors}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, help="a local copy of PolNeAR's data/train")
    parser.add_argument("--parser", choices=("stanza", "spacy"), default="stanza")
    parser.add_argument("--limit", type=int, help="score N documents, evenly spread over the compartment")
    parser.add_argument("--errors", help="write every miss, false positive and wrong speaker here (JSONL)")
    parser.add_argument("--json", help="keep this run's speech-set figures in FILE (a table for benchmarks/tables.py)")
    parser.add_argument("--label", help="the run's name in --json (default: the parser)")
    parser.add_argument("--selective", action="store_true", help="parse selectively (quotes.parse.selective)")
    parser.add_argument("--parses", help="a parse store outside the repository: parse once, reuse after")
    parser.add_argument("--cues", type=int, default=60, help="how many missing cue lemmas to print")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except Refused as err:
        print(f"refused: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
