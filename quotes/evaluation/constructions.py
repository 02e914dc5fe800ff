"""Per-construction scores of the construction suite (``quotes evaluate --constructions``).

The scorer is :mod:`quotes.evaluation.scoring` unchanged; a construction's row adds what a suite needs
on top: a precision-trap construction (no gold at all) is scored by the share of its documents left
clean. The documents and their gold come from :mod:`quotes.evaluation.construction_suite`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from attrs import define

from quotes.evaluation import scoring
from quotes.evaluation.construction_suite import THRESHOLD, ConstructionDoc
from quotes.text.spans import Span


@define
class ConstructionRow:
    """One construction's scores over its documents (all families that use the construction id)."""

    construction: str
    families: tuple[str, ...]
    docs: int
    traps: int
    clean_traps: int
    scores: scoring.Scores

    @property
    def gold(self) -> int:
        return self.scores.quotes.gold

    @property
    def score(self) -> float:
        """Attribution F1; for a construction of precision traps only, the share of clean documents."""
        if self.gold:
            return self.scores.attribution.f1
        return self.clean_traps / self.traps if self.traps else 0.0

    @property
    def passed(self) -> bool:
        return self.score >= THRESHOLD

    def failures(self, limit: int = 12) -> list[str]:
        """What went wrong, one readable line each: the start of a bug report."""
        s = self.scores
        lines = [f"missed    {i.ident}: {i.content.text!r}" for i in s.missed]
        lines += [f"spurious  {i.doc_id}: {i.content.text!r} (speaker {_text(i.speaker)})" for i in s.spurious]
        lines += [
            f"speaker   {g.ident}: gold {_text(g.speaker)} / {g.speaker_name!r}, got {_text(p.speaker)} / "
            f"{p.speaker_name!r}"
            for g, p in s.wrong_speaker
        ]
        return lines[:limit] + ([f"... and {len(lines) - limit} more"] if len(lines) > limit else [])


def score_suite(docs: Sequence[ConstructionDoc], records_by_doc: Mapping[str, Iterable[Any]]) -> list[ConstructionRow]:
    """Per-construction scores, in the order constructions first appear, then an ``all`` row.

    ``records_by_doc`` maps each document's ``doc_id`` to what the extractor returned for it
    (:class:`~quotes.records.QuoteRecord` objects, their dicts, or scorer items); a document with no
    entry is an error, so a run that skipped documents cannot pass for a clean one.
    """
    missing = [d.doc_id for d in docs if d.doc_id not in records_by_doc]
    if missing:
        raise ValueError(f"no records for {len(missing)} document(s), e.g. {missing[0]}")
    predicted = {d.doc_id: items_for(records_by_doc[d.doc_id], d.doc_id) for d in docs}
    groups: dict[str, list[ConstructionDoc]] = {}
    for doc in docs:
        groups.setdefault(doc.construction, []).append(doc)
    rows = [_row(name, group, predicted) for name, group in groups.items()]
    return [*rows, _row("all", list(docs), predicted)]


def _row(name: str, docs: list[ConstructionDoc], predicted: dict[str, list[scoring.Item]]) -> ConstructionRow:
    gold = [g for d in docs for g in d.gold]
    found = [p for d in docs for p in predicted[d.doc_id]]
    traps = [d for d in docs if d.is_trap]
    return ConstructionRow(
        construction=name,
        families=tuple(dict.fromkeys(d.family for d in docs)),
        docs=len(docs),
        traps=len(traps),
        clean_traps=sum(not predicted[d.doc_id] for d in traps),
        scores=scoring.score(gold, found),
    )


def items_for(records: Iterable[Any], doc_id: str) -> list[scoring.Item]:
    items = []
    for record in records:
        items.append(record if isinstance(record, scoring.Item) else scoring.items_from_records([record], doc_id)[0])
    return items


def _text(span: Span | None) -> str:
    return repr(span.text) if span is not None else "none"


def render_table(rows: Sequence[ConstructionRow], title: str = "") -> str:
    """A plain-text table: one line per construction; ``score`` is what the suite's test holds to 0.9.

    Each column is as wide as its widest cell, with two spaces between columns, so no two cells run together
    ("101/101" clean traps beside a cue F1)."""
    head = [
        "construction",
        "family",
        "docs",
        "traps",
        "gold",
        "pred",
        "quote-F1",
        "attr-F1",
        "cue-F1",
        "clean",
        "score",
    ]
    body = []
    for row in rows:
        s = row.scores
        family = row.families[0] if len(row.families) == 1 else f"{len(row.families)} files"
        body.append(
            [
                row.construction,
                family,
                str(row.docs),
                str(row.traps),
                str(s.quotes.gold),
                str(s.quotes.predicted),
                f"{s.quotes.f1:.3f}",
                f"{s.attribution.f1:.3f}",
                f"{s.cue.f1:.3f}",
                f"{row.clean_traps}/{row.traps}" if row.traps else "-",
                f"{row.score:.3f}" + ("" if row.passed or row.construction == "all" else "  < 0.9"),
            ]
        )
    widths = [max(len(r[c]) for r in [head, *body]) for c in range(len(head) - 1)]

    def line(cells: list[str]) -> str:
        # Names to the left, figures to the right; the last column (score and its flag) is left as it is.
        out = [cells[c].ljust(widths[c]) if c < 2 else cells[c].rjust(widths[c]) for c in range(len(widths))]
        return "  ".join([*out, cells[-1]])

    lines = [title] if title else []
    header = line(head)
    lines += [header, "-" * len(header)]
    lines += [line(cells) for cells in body]
    return "\n".join(lines)
