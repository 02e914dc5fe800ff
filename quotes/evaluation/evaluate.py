"""Run the extractor over a gold corpus and score it (the ``quotes evaluate`` command)."""

from __future__ import annotations

from pathlib import Path

from quotes.errors import InputError
from quotes.evaluation.scoring import Item, Scores, gold_span_problem, items_from_records, load_gold_lines, score
from quotes.pipeline import Extractor
from quotes.run.inputs import decode, read_bytes


def article_path(gold_path: Path, doc_id: str) -> Path:
    """Gold files name documents by id; the text lies in ``articles/<doc_id>.txt`` beside the gold file."""
    return gold_path.parent / "articles" / f"{doc_id}.txt"


def check_gold(gold_path: Path, article: Path, text: str, lines: list[tuple[int, dict]]) -> None:
    """Refuse gold whose spans do not slice its article (an article converted to CRLF, offsets shifted):
    :class:`InputError` naming the gold file and line, the span and the article."""
    for number, data in lines:
        problem = gold_span_problem(data, text)
        if problem is not None:
            raise InputError(str(gold_path), f"{problem} in {article}", line=number)


def evaluate(
    gold_path: str | Path, extractor: Extractor, documents: set[str] | None = None
) -> tuple[Scores, list[Item], list[str]]:
    """Scores of ``extractor`` against the gold file, the predicted items, and the documents skipped.

    The gold-tree backend can only parse documents that have a ``.conllu`` beside their text; the
    others are skipped (and named), and the scores cover the rest.
    """
    gold_path = Path(gold_path)
    lines = load_gold_lines(gold_path)
    gold = [item for _, item, _ in lines]
    # Ids come from data: each names a file inside articles/, never a path that climbs out of it.
    climbing = sorted({g.doc_id for g in gold if "/" in g.doc_id or "\\" in g.doc_id or g.doc_id.strip(".") == ""})
    if climbing:
        raise InputError(str(gold_path), f"document ids must be file names in articles/, not {climbing[0]!r}")
    # The corpus is every article beside the gold file, quotes or none: an article without a gold
    # quote still counts what is extracted from it as spurious.
    corpus = {p.stem for p in (gold_path.parent / "articles").glob("*.txt")} | {g.doc_id for g in gold}
    if documents is not None:
        unknown = documents - corpus
        if unknown:
            raise InputError(str(gold_path), f"no article or gold quotes for document(s) {', '.join(sorted(unknown))}")
        corpus = set(documents)
        gold = [g for g in gold if g.doc_id in documents]
    needs_trees = getattr(extractor.backend, "name", "") == "conllu"
    skipped = sorted(
        doc_id
        for doc_id in corpus
        if needs_trees and not article_path(gold_path, doc_id).with_suffix(".conllu").exists()
    )
    gold = [g for g in gold if g.doc_id not in skipped]
    doc_ids = sorted(corpus - set(skipped))
    predicted: list[Item] = []
    for doc_id in doc_ids:
        path = article_path(gold_path, doc_id)
        if not path.exists():
            raise InputError(str(gold_path), f"gold names document {doc_id!r} but {path} does not exist")
        text = decode(read_bytes(path, str(path)), str(path))
        check_gold(gold_path, path, text, [(n, data) for n, item, data in lines if item.doc_id == doc_id])
        # The path is the parser's doc id, so a gold-tree backend finds the .conllu beside the text.
        records = extractor.extract(text, str(path))
        predicted.extend(items_from_records(records, doc_id=doc_id))
    return score(gold, predicted), predicted, skipped
