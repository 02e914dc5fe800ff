"""The parts of a backend worker (benchmarks/run.py) that compare parsers beyond the corpus table.

* :func:`store_timing`: the parse store (quotes.parse.store): write every parse, then re-extract the
  corpus from the store (the parser never loaded) against parsing it;
* :func:`suite_scores`: the construction suite (tests/constructions) parsed and scored;
* :func:`ud_scores`: UAS/LAS end to end from raw text on UD English GUM test (../shared/ud), predicted
  words aligned to gold words by character offsets (:func:`attachment`).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT

SUITE = ROOT / "tests" / "constructions"
GUM_TEST = ROOT.parent / "shared" / "ud" / "en_gum-ud-test.conllu"


def attachment(pred: Any, gold: Any) -> tuple[int, int, int, int]:
    """(gold words, aligned, head right, head and base relation right), predicted tokens aligned to gold tokens by
    character offsets; a gold word with no predicted token of the same offsets counts as wrong."""
    by_span: dict[tuple[int, int], int] = {}
    for tok in pred.tokens:
        by_span.setdefault((tok.start, tok.end), tok.index)
    total = aligned = uas = las = 0
    for g in gold.tokens:
        total += 1
        p_index = by_span.get((g.start, g.end))
        if p_index is None:
            continue
        aligned += 1
        p = pred.tokens[p_index]
        if g.head is None:
            head_ok = p.head is None
        else:
            gh = gold.tokens[g.head]
            head_ok = p.head is not None and by_span.get((gh.start, gh.end)) == p.head
        if head_ok:
            uas += 1
            if p.rel == g.rel or (g.head is None and p.rel == "root"):
                las += 1
    return total, aligned, uas, las


def store_timing(backend: Any, docs: list[tuple[str, str]], parses: dict[str, Any], rules: Any) -> dict[str, Any]:
    """Write the parses to a fresh store, then re-extract every document from it (median of 3 rounds),
    through :class:`quotes.parse.store.StoredBackend` with a parser that must never be loaded; and check
    that the records from the stored parses are those from the parses themselves."""
    from quotes.parse.store import ParseStore, StoredBackend, identity_of

    lexicon, resolver, records_from_parse = rules
    ident = identity_of(backend)

    def never() -> Any:
        raise AssertionError("every parse is stored: the parser must not be loaded")

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        for parse in parses.values():
            ParseStore(tmp).put(parse, ident)
        write_s = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in Path(tmp).rglob("*.conllu"))
        rounds = []
        for _ in range(3):
            t0 = time.perf_counter()
            stored = StoredBackend(ParseStore(tmp), ident, never)
            records = [
                records_from_parse(parse, doc_id, lexicon, resolver)
                for (doc_id, _), parse in zip(docs, stored.parse_many(docs), strict=True)
            ]
            rounds.append(time.perf_counter() - t0)
    fresh = [records_from_parse(parses[doc_id], doc_id, lexicon, resolver) for doc_id, _ in docs]
    same = [[r.to_dict(t) for r in recs] for recs, (_, t) in zip(records, docs, strict=True)] == [
        [r.to_dict(t) for r in recs] for recs, (_, t) in zip(fresh, docs, strict=True)
    ]
    return {
        "store_write_s": write_s,
        "store_bytes": size,
        "reextract_s": statistics.median(rounds),
        "reextract_rounds": rounds,
        "store_same_records": same,
    }


def suite_scores(backend: Any, rules: Any) -> dict[str, Any]:
    """The construction suite through the backend (one ``parse_many`` call, timed) and its scores."""
    from quotes.evaluation.construction_suite import THRESHOLD, load_suite
    from quotes.evaluation.constructions import score_suite

    lexicon, resolver, records_from_parse = rules
    docs = load_suite(SUITE)
    t0 = time.perf_counter()
    parses = list(backend.parse_many((d.doc_id, d.text) for d in docs))
    parse_s = time.perf_counter() - t0
    records = {d.doc_id: records_from_parse(p, d.doc_id, lexicon, resolver) for d, p in zip(docs, parses, strict=True)}
    rows = score_suite(docs, records)
    overall = rows[-1]
    return {
        "docs": len(docs),
        "words": sum(len(d.text.split()) for d in docs),
        "parse_s": parse_s,
        "score": overall.score,
        "attribution": overall.scores.attribution.to_dict(),
        "constructions": len(rows) - 1,
        "below": sum(not r.passed for r in rows[:-1]),
        "threshold": THRESHOLD,
    }


def ud_scores(backend: Any) -> dict[str, Any] | None:
    """UAS/LAS on GUM test from raw text (the gold documents' text rebuilt from their ``# text`` lines);
    None without ../shared/ud."""
    if not GUM_TEST.exists():
        return None
    from quotes.parse.backends.conllu import parse_from_conllu
    from quotes.parse.backends.conllu_reader import read_conllu

    gold_docs = read_conllu(GUM_TEST)
    texts = [(doc.id or f"doc{k}", doc.text()) for k, doc in enumerate(gold_docs)]
    t0 = time.perf_counter()
    parses = list(backend.parse_many(texts))
    parse_s = time.perf_counter() - t0
    total = aligned = uas = las = 0
    for (_, text), doc, pred in zip(texts, gold_docs, parses, strict=True):
        t, a, u, la = attachment(pred, parse_from_conllu(text, doc))
        total, aligned, uas, las = total + t, aligned + a, uas + u, las + la
    return {
        "docs": len(texts),
        "words": total,
        "aligned": aligned,
        "uas": uas / total,
        "las": las / total,
        "parse_s": parse_s,
        "text_words": sum(len(t.split()) for _, t in texts),
    }
