"""The source texts a report shows: read from files, and keyed by the doc_id their records use."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def read_sources(paths: Iterable[str], **reading: str) -> tuple[dict[str, str], dict[str, str], list[Exception]]:
    """Texts of the given source files (``quotes.run.inputs`` rules): doc_id -> text, doc_id -> path, errors.
    ``reading`` holds the reader's options for standard input (``stdin_id``, ``stdin_format``)."""
    from quotes.errors import InputError
    from quotes.run.inputs import read_documents

    texts: dict[str, str] = {}
    names: dict[str, str] = {}
    errors: list[Exception] = []
    for path in paths:
        for doc in read_documents(path, **reading):
            if isinstance(doc, InputError):
                errors.append(doc)
            else:
                texts[doc.doc_id] = doc.text
                names[doc.doc_id] = doc.source
    return texts, names, errors


def match_sources(
    records: list[dict[str, Any]], texts: dict[str, str], names: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Re-key sources by the doc_id their records use when the paths differ.

    A source whose doc_id no record has is matched to the records of the same text hash, else to the
    records whose doc_id names the same file (same resolved path, else same file name).
    """
    from quotes.text.digest import text_sha256

    record_ids = list(dict.fromkeys(str(r["doc_id"]) for r in records))
    by_hash: dict[str, set[str]] = defaultdict(set)
    for r in records:
        by_hash[(r.get("provenance") or {}).get("text_sha256", "")].add(str(r["doc_id"]))
    out_texts: dict[str, str] = {}
    out_names: dict[str, str] = {}
    taken = set(texts) & set(record_ids)
    for doc_id, text in texts.items():
        target = doc_id
        if doc_id not in record_ids:
            owners = sorted(by_hash.get(text_sha256(text), set()) - taken)
            if len(owners) == 1:
                target = owners[0]
            else:
                same = [d for d in record_ids if d not in taken and _same_file(d, doc_id)]
                if len(same) == 1:
                    target = same[0]
        taken.add(target)
        out_texts[target] = text
        out_names[target] = names.get(doc_id, doc_id)
    return out_texts, out_names


def _same_file(a: str, b: str) -> bool:
    pa, pb = Path(a), Path(b)
    try:
        if pa.resolve() == pb.resolve():
            return True
    except OSError:
        pass
    return pa.name == pb.name
