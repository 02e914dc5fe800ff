"""Score extracted records against gold annotations: precision, recall and F1.

Matching rule (documented in corpus/README.md and the README):

* a predicted quote matches a gold quote of the same document when their content spans overlap by at
  least half of EACH span (so a missing trailing comma or a "that" counts as the same quote, but a
  quote half the size of the gold one does not); pairs are matched one to one, best overlap first;
* a matched pair's **attribution** is right when the speaker is right: the predicted speaker span
  overlaps the gold speaker span, or the normalized speaker names are equal (a pronoun resolved to
  the right person counts); a gold quote without a speaker is right only without one;
* a matched pair's **cue** is right when the cue spans overlap (both null counts as right);
* per kind, a match counts only when the predicted kind equals the gold kind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import define, field

from quotes.errors import InputError
from quotes.text.spans import Span

MIN_OVERLAP = 0.5
KINDS = ("direct", "indirect", "mixed", "evidence")
# The kinds every score reports; the others (evidence: `A poll shows ...`, used by the construction
# suite) get a by_kind entry only when a gold or predicted quote has them, so existing reports keep their shape.
CORE_KINDS = ("direct", "indirect", "mixed")


@define(frozen=True)
class Item:
    """What the scorer needs from a gold or predicted quote."""

    doc_id: str
    kind: str
    content: Span
    speaker: Span | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    ident: str = ""
    on_behalf_of: str | None = None  # whom a spokesperson speaks for (read by the by-name scores only)


@define
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@define
class Scores:
    quotes: Counts = field(factory=Counts)
    attribution: Counts = field(factory=Counts)
    cue: Counts = field(factory=Counts)
    by_kind: dict[str, dict[str, Counts]] = field(factory=dict)
    missed: list[Item] = field(factory=list)
    spurious: list[Item] = field(factory=list)
    wrong_speaker: list[tuple[Item, Item]] = field(factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotes": self.quotes.to_dict(),
            "attribution": self.attribution.to_dict(),
            "cue": self.cue.to_dict(),
            "by_kind": {k: {m: c.to_dict() for m, c in v.items()} for k, v in self.by_kind.items()},
            "missed": [_item_dict(i) for i in self.missed],
            "spurious": [_item_dict(i) for i in self.spurious],
            "wrong_speaker": [{"gold": _item_dict(g), "predicted": _item_dict(p)} for g, p in self.wrong_speaker],
        }

    def table(self) -> str:
        rows = [("all", "quotes", self.quotes), ("all", "attribution", self.attribution), ("all", "cue", self.cue)]
        for kind in KINDS:
            for metric in ("quotes", "attribution"):
                counts = self.by_kind.get(kind, {}).get(metric)
                if counts is not None and (counts.gold or counts.predicted):
                    rows.append((kind, metric, counts))
        lines = [f"{'kind':<9}{'metric':<13}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}"]
        for kind, metric, c in rows:
            lines.append(
                f"{kind:<9}{metric:<13}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.predicted:>6}{c.gold:>6}"
            )
        return "\n".join(lines)


def overlaps(a: Span, b: Span) -> bool:
    shared = a.overlap(b)
    if len(a) == 0 or len(b) == 0:
        return a.start == b.start and a.end == b.end
    return shared >= MIN_OVERLAP * len(a) and shared >= MIN_OVERLAP * len(b)


def normalize_name(name: str | None) -> str:
    if not name:
        return ""
    words = [w.strip(".,'’\"").lower() for w in name.split()]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    return " ".join(w for w in words if w and w not in {"the", "a", "an"})


def speaker_right(gold: Item, pred: Item) -> bool:
    if gold.speaker is None and not gold.speaker_name:
        return pred.speaker is None
    if pred.speaker is None:
        return False
    if gold.speaker is not None and pred.speaker.overlap(gold.speaker) > 0:
        return True
    return bool(gold.speaker_name) and normalize_name(gold.speaker_name) == normalize_name(pred.speaker_name)


def cue_right(gold: Item, pred: Item) -> bool:
    if gold.cue is None or pred.cue is None:
        return gold.cue is None and pred.cue is None
    return gold.cue.overlap(pred.cue) > 0


def match(gold: Sequence[Item], predicted: Sequence[Item]) -> list[tuple[Item, Item]]:
    """One-to-one pairs of gold and predicted quotes of the same document, best overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g.doc_id == p.doc_id and overlaps(g.content, p.content):
                share = g.content.overlap(p.content) / max(len(g.content), len(p.content), 1)
                candidates.append((-share, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def score(gold: Sequence[Item], predicted: Sequence[Item]) -> Scores:
    scores = Scores()
    pairs = match(gold, predicted)
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    for counts in (scores.quotes, scores.attribution, scores.cue):
        counts.gold, counts.predicted = len(gold), len(predicted)
    scores.quotes.tp = len(pairs)
    for g, p in pairs:
        if speaker_right(g, p):
            scores.attribution.tp += 1
        else:
            scores.wrong_speaker.append((g, p))
        scores.cue.tp += cue_right(g, p)
    for kind in KINDS:
        q = Counts(gold=sum(g.kind == kind for g in gold), predicted=sum(p.kind == kind for p in predicted))
        if kind not in CORE_KINDS and not (q.gold or q.predicted):
            continue
        a = Counts(gold=q.gold, predicted=q.predicted)
        for g, p in pairs:
            if g.kind == kind and p.kind == kind:
                q.tp += 1
                a.tp += speaker_right(g, p)
        scores.by_kind[kind] = {"quotes": q, "attribution": a}
    scores.missed = [g for g in gold if id(g) not in matched_gold]
    scores.spurious = [p for p in predicted if id(p) not in matched_pred]
    return scores


def item_from_dict(data: Mapping[str, Any], doc_id: str | None = None) -> Item:
    def span(key: str) -> Span | None:
        value = data.get(key)
        return None if value is None else Span(int(value["start"]), int(value["end"]), str(value["text"]))

    content = span("content")
    if content is None:
        raise ValueError("a quote needs a content span")
    return Item(
        doc_id=doc_id if doc_id is not None else str(data["doc_id"]),
        kind=str(data.get("kind", "direct")),
        content=content,
        speaker=span("speaker"),
        speaker_name=data.get("speaker_name"),
        cue=span("cue"),
        ident=str(data.get("gold_id") or data.get("quote_id") or ""),
        on_behalf_of=data.get("on_behalf_of"),
    )


def load_gold(path: str | Path) -> list[Item]:
    """Gold quotes from a JSONL file; a bad line is an error naming the file and line."""
    return [item for _, item, _ in load_gold_lines(path)]


def load_gold_lines(path: str | Path) -> list[tuple[int, Item, dict[str, Any]]]:
    """Gold quotes with the line each is on and its data as read (for checks that name the line)."""
    items = []
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                items.append((number, item_from_dict(data), data))
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                raise InputError(str(path), f"bad gold record: {err}", line=number) from None
    return items


def gold_span_problem(data: Mapping[str, Any], text: str) -> str | None:
    """Which span of a gold quote (content, speaker, cue, fragments) does not slice its article's ``text``
    exactly, or None: scores against spans that point elsewhere would be wrong without a word."""
    spans = [(key, data.get(key)) for key in ("content", "speaker", "cue")]
    spans += [(f"fragments[{i}]", f) for i, f in enumerate(data.get("fragments") or [])]
    for name, span in spans:
        if span is None:
            continue
        try:
            start, end, words = int(span["start"]), int(span["end"]), str(span["text"])
        except (KeyError, TypeError, ValueError):
            return f"{name} is not a span"
        if not 0 <= start <= end <= len(text) or text[start:end] != words:
            found = text[start:end] if 0 <= start <= end <= len(text) else "(outside the text)"
            return f"{name} {start}-{end} {words[:40]!r} is not the article's text there: {found[:40]!r}"
    return None


def items_from_records(records: Iterable[Any], doc_id: str | None = None) -> list[Item]:
    """Scorer items from :class:`~quotes.records.QuoteRecord` objects (or their dicts)."""
    out = []
    for record in records:
        data = record.to_dict() if hasattr(record, "to_dict") else record
        out.append(item_from_dict(data, doc_id=doc_id))
    return out


def _item_dict(item: Item) -> dict[str, Any]:
    return {
        "doc_id": item.doc_id,
        "id": item.ident,
        "kind": item.kind,
        "content": item.content.text,
        "speaker": item.speaker.text if item.speaker else None,
        "speaker_name": item.speaker_name,
        "cue": item.cue.text if item.cue else None,
    }
