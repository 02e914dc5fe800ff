"""Serialized quote records: reading them back field by field, and the digest each one carries.

The record classes are :mod:`quotes.records`' (which re-exports what is here); this module holds what reads
and checks their JSON form: :class:`RecordFormatError` naming the bad field, the span and mark-region
readers, :class:`StoredRegion` (a region read back), and :func:`record_digest`, the ``record_sha256`` of a
record as written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from attrs import define, field

from quotes.errors import QuotesError
from quotes.text.marks import MarkDecision, region_dict
from quotes.text.spans import Span

#: The key of a serialized record's digest: the SHA-256 of all its other keys (see :func:`record_digest`).
DIGEST_KEY = "record_sha256"


class RecordFormatError(QuotesError, ValueError):
    """A serialized record (a dict, e.g. a JSON line) is not a valid quote record; names the field."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}" if where else reason)


@define(frozen=True)
class StoredRegion:
    """A quotation-mark region read back from a record (``evidence.marks``).

    Records serialize a :class:`~quotes.text.marks.QuoteRegion` without its content span, so a region read
    from JSON is this lighter type: the same fields as that serialization, and the same ``to_dict``.
    Keys it does not know are kept in ``extra`` so a record from a newer version still round-trips.
    """

    open: Span | None
    close: Span | None
    style: str
    depth: int = 0
    flags: frozenset[str] = frozenset()
    decisions: tuple[MarkDecision, ...] = ()
    extra: dict[str, Any] = field(factory=dict, eq=False)

    def to_dict(self) -> dict[str, object]:
        return {**region_dict(self), **self.extra}


def record_digest(data: Mapping[str, Any]) -> str:
    """The SHA-256 of a serialized record's keys other than ``record_sha256``, as canonical JSON (sorted
    keys, ASCII escapes, no spaces): any edit to any field, its context included, changes it. It detects
    edits, not forgers: anyone can recompute it, so ``quotes verify`` also re-derives what it can."""
    body = {k: v for k, v in data.items() if k != DIGEST_KEY}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


# -- reading serialized records ------------------------------------------------------------------------


def parse_span(data: object, where: str, *, optional: bool = False) -> Span | None:
    """A :class:`Span` from ``{"start", "end", "text"}`` (extra keys such as prefix/suffix are allowed),
    checked: integer offsets, ``start <= end``, and a text exactly ``end - start`` characters long."""
    if data is None:
        if optional:
            return None
        raise RecordFormatError(where, "expected a span, got null")
    obj = as_mapping(data, where)
    offsets = []
    for key in ("start", "end"):
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RecordFormatError(f"{where}.{key}", f"expected a non-negative integer, got {value!r}")
        offsets.append(value)
    text = obj.get("text")
    if not isinstance(text, str):
        raise RecordFormatError(f"{where}.text", f"expected a string, got {type(text).__name__}")
    try:
        return Span(offsets[0], offsets[1], text)
    except ValueError as err:
        raise RecordFormatError(where, str(err)) from None


def parse_region(data: object, where: str) -> StoredRegion:
    """A serialized quotation-mark region (``evidence.marks[i]``) as a :class:`StoredRegion`."""
    obj = as_mapping(data, where)
    depth = obj.get("depth", 0)
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise RecordFormatError(f"{where}.depth", f"expected a non-negative integer, got {depth!r}")
    decisions = []
    for i, item in enumerate(as_list(obj.get("decisions", []), f"{where}.decisions")):
        at = f"{where}.decisions[{i}]"
        mark = parse_span(item, at)
        assert mark is not None
        decisions.append(MarkDecision(mark, str_field(item, "role", at), str_field(item, "reason", at)))
    known = {"open", "close", "style", "depth", "flags", "decisions"}
    return StoredRegion(
        open=parse_span(obj.get("open"), f"{where}.open", optional=True),
        close=parse_span(obj.get("close"), f"{where}.close", optional=True),
        style=str_field(obj, "style", where),
        depth=depth,
        flags=frozenset(str_list(obj.get("flags", []), f"{where}.flags")),
        decisions=tuple(decisions),
        extra={k: v for k, v in obj.items() if k not in known},
    )


def as_mapping(data: object, where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise RecordFormatError(where, f"expected an object, got {type(data).__name__}")
    return data


def as_list(data: object, where: str) -> list[Any]:
    if not isinstance(data, list):
        raise RecordFormatError(where, f"expected a list, got {type(data).__name__}")
    return data


def str_field(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        at = key if where == "record" else f"{where}.{key}"
        raise RecordFormatError(at, f"expected a string, got {'nothing' if value is None else type(value).__name__}")
    return value


def str_list(data: object, where: str) -> list[str]:
    items = as_list(data, where)
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise RecordFormatError(f"{where}[{i}]", f"expected a string, got {type(item).__name__}")
    return items
