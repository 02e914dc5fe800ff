"""textacy's rule-based direct-quotation extractor as a peer row of the backend benchmark.

``textacy.extract.triples.direct_quotations`` runs over spaCy docs parsed with the model quotes' spaCy
backend uses; its (speaker, cue, content) triples become ``quotes.evaluation.scoring.Item`` objects (kind "direct")
and are scored with ``quotes.evaluation.scoring.score`` against ``corpus/gold.jsonl``:

* content: the content tokens' character offsets with the surrounding quotation marks and whitespace
  left out (textacy's content includes the marks; quotes' convention is the text between them);
* speaker and cue: first to last token (textacy gives token lists), ``speaker_name`` the speaker's text.

textacy bails out of a whole document with an odd number of quotation marks ("unclosed quotation");
such a document is counted as refused: no predictions for it, its name and the reason are reported.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from common import GOLD, SPACY_MODELS, corpus

from quotes.evaluation.scoring import Item, load_gold, score
from quotes.text.spans import Span, strip_span


def load_nlp() -> tuple[str, Any]:
    """The spaCy pipeline quotes' spaCy backend would load: the first of SPACY_MODELS that loads."""
    import spacy

    failures = []
    for name in SPACY_MODELS:
        try:
            return name, spacy.load(name)
        except OSError as exc:
            failures.append(f"{name}: {exc}")
    raise RuntimeError("no spaCy model could be loaded: " + "; ".join(failures))


def _token_span(text: str, tokens: Sequence[Any]) -> Span:
    first, last = tokens[0], tokens[-1]
    return Span.of(text, first.idx, last.idx + len(last.text))


def _content_span(text: str, content: Any) -> Span:
    """textacy's content (a doc slice from the opening to the closing mark) without the marks."""
    tokens = list(content)
    if tokens and tokens[0].is_quote:
        tokens = tokens[1:]
    if tokens and tokens[-1].is_quote:
        tokens = tokens[:-1]
    if not tokens:
        return Span.of(text, content.start_char, content.start_char)
    return strip_span(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def quote_items(doc: Any, doc_id: str) -> list[Item]:
    """textacy's direct quotations of one parsed document as scorer items; raises what textacy raises
    (ValueError for an unclosed quotation)."""
    from textacy.extract.triples import direct_quotations

    text = doc.text
    items = []
    for triple in direct_quotations(doc):
        speaker = _token_span(text, triple.speaker)
        items.append(
            Item(
                doc_id=doc_id,
                kind="direct",
                content=_content_span(text, triple.content),
                speaker=speaker,
                speaker_name=speaker.text,
                cue=_token_span(text, triple.cue),
            )
        )
    return items


def extract(parsed: Iterable[tuple[str, Any]]) -> tuple[list[Item], dict[str, str]]:
    """Items for every ``(doc_id, spaCy doc)``, and ``{doc_id: reason}`` for the documents textacy refused
    (they contribute no predictions)."""
    items: list[Item] = []
    refused: dict[str, str] = {}
    for doc_id, doc in parsed:
        try:
            items.extend(quote_items(doc, doc_id))
        except Exception as exc:  # textacy bails out of the whole document (unclosed quotation)
            refused[doc_id] = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
    return items, refused


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(quick: bool = False) -> dict[str, Any]:
    """The benchmark row: the same fields as run.worker's where they make sense, plus textacy's refusals
    and the direct-only scores."""
    docs = [(Path(path).stem, text) for path, text in corpus()]
    if quick:
        docs = docs[:2]
    rss_before = _rss_mib()
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    import textacy

    name, nlp = load_nlp()
    load_s = time.perf_counter() - t0
    nlp("The mayor said it was fine.")  # warm-up, as for the backends

    t0 = time.perf_counter()
    parsed = [(doc_id, doc) for doc, doc_id in nlp.pipe(((t, d) for d, t in docs), as_tuples=True, batch_size=16)]
    parse_s = time.perf_counter() - t0
    rss_after = _rss_mib()

    rounds = []
    for _ in range(1 if quick else 3):
        t0 = time.perf_counter()
        items, refused = extract(parsed)
        rounds.append(time.perf_counter() - t0)

    meta = nlp.meta or {}
    import spacy

    result: dict[str, Any] = {
        "docs": len(docs),
        "tokens": sum(len(doc) for _, doc in parsed),
        "words": sum(len(t.split()) for _, t in docs),
        "chars": sum(len(t) for _, t in docs),
        "load_s": load_s,
        "parse_s": parse_s,
        "extract_s": statistics.median(rounds),
        "extract_rounds": rounds,
        "rss_peak_mib": rss_after,
        "rss_delta_mib": rss_after - rss_before,
        "model": f"{meta.get('lang', 'xx')}_{meta.get('name', name)}-{meta.get('version', '?')}",
        "versions": {"textacy": textacy.__version__, "spacy": spacy.__version__},
        "threads": None,
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "refused": refused,
        "predicted": len(items),
    }
    if not quick:
        gold = load_gold(GOLD)
        gold_docs = {g.doc_id for g in gold}
        # Like quotes.evaluation.evaluate: only documents with gold quotes are scored (an article without gold yet
        # would turn every prediction in it into a false positive).
        scores = score(gold, [i for i in items if i.doc_id in gold_docs])
        result["unscored"] = sorted({d for d, _ in docs} - gold_docs)
        result["attribution"] = scores.attribution.to_dict()
        result["quotes"] = scores.quotes.to_dict()
        result["direct"] = {m: c.to_dict() for m, c in scores.by_kind["direct"].items()}
        result["skipped"] = []
    return result
