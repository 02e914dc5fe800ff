"""Records coming into the workbench: read from a JSONL file, and checked as quote records the archive can key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from quotes.errors import InputError
from quotes.run.inputs import MAX_BYTES, STDIN, STDIN_LABEL, numbered_records


def read_records(path: str, max_bytes: int = MAX_BYTES) -> Iterator[dict[str, Any] | InputError]:
    """The records in a JSONL file as ``quotes extract`` writes it, validated by
    :func:`quotes.run.inputs.read_records` and handed on as dicts; a bad line, or an unreadable file, is
    yielded as an error in place so the other files of a run are still read. A record holding a lone
    surrogate (a ``\\ud800`` escape, which no UTF-8 file or SQLite text can hold) is refused with its line."""
    label = STDIN_LABEL if path == STDIN else path
    try:
        for number, item in numbered_records(path, max_bytes):
            if isinstance(item, InputError):
                yield item
                continue
            data = item.to_dict()
            problem = surrogate_problem(data)
            yield data if problem is None else InputError(label, f"{problem}; record skipped", line=number)
    except InputError as err:
        yield err


def surrogate_problem(obj: Any) -> str | None:
    """Why ``obj`` (a record, a text) cannot be stored as UTF-8 text, or None: a lone surrogate in it."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as err:
        return f"holds a lone surrogate (U+{ord(err.object[err.start]):04X}), which UTF-8 text cannot store"
    return None


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
