"""Read input documents: plain-text articles and JSONL files of ``{"id", "text"}``.

"The text" is the sequence of code points after decoding, nothing more: no newline translation, no
Unicode normalization, no stripping. A byte-order mark is an encoding signature, not text: it is
removed by decoding (UTF-8 with BOM, UTF-16/32 with BOM), and offsets count from the first character
after it. Every failure is an :class:`InputError` naming the file (and line) and the reason.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path

from attrs import define

from quotes.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@define(frozen=True)
class Document:
    doc_id: str
    text: str
    source: str  # the path as given, plus ":line" for JSONL records


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOM-declared UTF-8/16/32, else strict UTF-8; binary data is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(source, f"not valid {encoding.upper()} at byte {err.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not valid UTF-8 at byte {err.start} ({data[err.start : err.start + 1]!r})") from None


def read_bytes(path: Path, source: str, max_bytes: int = MAX_BYTES) -> bytes:
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_dir():
        raise InputError(source, "is a directory, not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(source, f"file is {size:,} bytes, over the limit of {max_bytes:,}")
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None


def read_documents(source: str, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    """The documents in one input path; errors are yielded in place so one bad line loses nothing else.

    A path ending in ``.jsonl`` holds one ``{"id": ..., "text": ...}`` object per line; anything else
    is one plain-text document whose id is the path as given.
    """
    path = Path(source)
    try:
        text = decode(read_bytes(path, source, max_bytes), source)
    except InputError as err:
        yield err
        return
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_documents(text, source)
        return
    if not text.strip():
        yield InputError(source, "empty file: no text to extract from")
        return
    yield Document(source, text, source)


def _jsonl_documents(text: str, source: str) -> Iterator[Document | InputError]:
    seen_any = False
    # Only a line feed ends a JSONL record; a stray CR or U+2028 belongs to the line it is on.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen_any = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(source, f"malformed JSON: {err.msg} at column {err.colno}", line=number)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
            yield InputError(source, 'expected an object with "id" and a string "text"', line=number)
            continue
        if not obj["text"].strip():
            yield InputError(source, f"document {obj['id']!r} has empty text", line=number)
            continue
        yield Document(str(obj["id"]), obj["text"], f"{source}:{number}")
    if not seen_any:
        yield InputError(source, "empty file: no JSONL records")
