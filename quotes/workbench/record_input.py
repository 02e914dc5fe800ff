"""Records coming into the workbench: read from a JSONL file, and checked as quote records the archive can key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quotes.errors import InputError
from quotes.run.inputs import MAX_BYTES
from quotes.run.inputs import read_records as _read_validated


def read_records(path: str, max_bytes: int = MAX_BYTES) -> Iterator[dict[str, Any] | InputError]:
    """The records in a JSONL file as ``quotes extract`` writes it, validated by
    :func:`quotes.run.inputs.read_records` and handed on as dicts; a bad line, or an unreadable file, is
    yielded as an error in place so the other files of a run are still read."""
    try:
        for item in _read_validated(path, max_bytes):
            yield item if isinstance(item, InputError) else item.to_dict()
    except InputError as err:
        yield err


def record_problem(obj: Any) -> str | None:
    """Why ``obj`` is not a quote record the archive can key, or None when it is."""
    if not isinstance(obj, dict):
        return "expected a JSON object (a quote record)"
    for key in ("doc_id", "quote_id", "kind"):
        if not isinstance(obj.get(key), str):
            return f"not a quote record: no string {key!r}"
    content = obj.get("content")
    if not _is_span(content):
        return "not a quote record: 'content' is not a {start, end, text} span"
    for key in ("speaker", "cue"):
        if obj.get(key) is not None and not _is_span(obj[key]):
            return f"not a quote record: {key!r} is not a span or null"
    provenance = obj.get("provenance")
    if not isinstance(provenance, dict) or not isinstance(provenance.get("text_sha256"), str):
        return "not a quote record: no provenance.text_sha256 (the source hash the archive keys on)"
    if not isinstance(obj.get("confidence", 0.0), (int, float)):
        return "not a quote record: 'confidence' is not a number"
    return None


def _is_span(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("start"), int)
        and isinstance(value.get("end"), int)
        and isinstance(value.get("text"), str)
    )
