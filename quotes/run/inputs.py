"""Read input documents: plain-text articles and JSONL files of ``{"id", "text"}``.

"The text" is the sequence of code points after decoding, nothing more: no newline translation, no
Unicode normalization, no stripping. A byte-order mark is an encoding signature, not text: it is
removed by decoding (UTF-8 with BOM, UTF-16/32 with BOM), and offsets count from the first character
after it. Every failure is an :class:`InputError` naming the file (and line) and the reason.

An input named ``-`` is standard input (read once, to its end, under the same size limit): one plain-text
document whose doc_id is ``-`` (or ``stdin_id``), or JSONL with ``stdin_format="jsonl"``. Errors name it
``<stdin>``.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import define

from quotes.errors import InputError

if TYPE_CHECKING:
    from quotes.records import QuoteRecord

MAX_BYTES = 64 * 1024 * 1024
STDIN = "-"
STDIN_LABEL = "<stdin>"
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


@define(frozen=True)
class Document:
    doc_id: str
    text: str
    source: str  # the path as given, plus ":line" for JSONL records


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOM-declared UTF-8/16/32, else strict UTF-8; binary data is refused."""
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-32-le":
                # FF FE 00 00 is also UTF-16 LE text starting with U+0000: if it is not UTF-32, try that.
                with contextlib.suppress(UnicodeDecodeError):
                    return data[len(bom) :].decode(encoding)
                with contextlib.suppress(UnicodeDecodeError):
                    return data[len(codecs.BOM_UTF16_LE) :].decode("utf-16-le")
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                # The byte offset counts from the start of the file, byte-order mark included.
                at = err.start + len(bom)
                raise InputError(source, f"not valid {name} (declared by its byte-order mark) at byte {at}") from None
    # The whole file, not its head: a NUL anywhere is binary (or UTF-16/32 without a byte-order mark).
    if b"\x00" in data:
        raise InputError(source, "binary file (NUL bytes), not text; UTF-16/32 text needs a byte-order mark")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not valid UTF-8 at byte {err.start} ({data[err.start : err.start + 1]!r})") from None


def read_bytes(path: Path, source: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``; anything else is an :class:`InputError`."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except NotADirectoryError:
        raise InputError(source, "no such file (a part of the path is not a directory)") from None
    except ValueError as err:  # an embedded NUL byte in the name
        raise InputError(source, f"not a usable file name ({err})") from None
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        # FIFOs, sockets and devices (/dev/zero would never end): refused rather than read.
        raise InputError(source, "not a regular file")
    if info.st_size > max_bytes:
        raise InputError(source, f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,}")
    try:
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    if len(data) > max_bytes:  # grew while we looked
        raise InputError(source, f"file is over the limit of {max_bytes:,} bytes")
    return data


def read_stdin(max_bytes: int = MAX_BYTES) -> bytes:
    """All of standard input, at most ``max_bytes``; an :class:`InputError` when there is none or more."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(STDIN_LABEL, "no standard input to read")
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, ValueError) as err:  # closed, or a terminal gone away
        raise InputError(STDIN_LABEL, f"cannot read: {getattr(err, 'strerror', None) or err}") from None
    if len(data) > max_bytes:
        raise InputError(STDIN_LABEL, f"over the limit of {max_bytes:,} bytes")
    return data


def read_documents(
    source: str, max_bytes: int = MAX_BYTES, *, stdin_id: str = STDIN, stdin_format: str = "text"
) -> Iterator[Document | InputError]:
    """The documents in one input path; errors are yielded in place so one bad line loses nothing else.

    A path ending in ``.jsonl`` holds one ``{"id": ..., "text": ...}`` object per line; anything else
    is one plain-text document whose id is the path as given. ``-`` is standard input: one plain-text
    document with the id ``stdin_id``, or JSONL when ``stdin_format`` is ``"jsonl"``.
    """
    path = Path(source)
    label = STDIN_LABEL if source == STDIN else source
    try:
        data = read_stdin(max_bytes) if source == STDIN else read_bytes(path, source, max_bytes)
        text = decode(data, label)
    except InputError as err:
        yield err
        return
    if source == STDIN:
        if stdin_format == "jsonl":
            yield from _jsonl_documents(text, label)
        elif not text.strip():
            yield InputError(label, "empty: no text to extract from")
        else:
            yield Document(stdin_id, text, label)
        return
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_documents(text, source)
        return
    if not text.strip():
        yield InputError(source, "empty file: no text to extract from")
        return
    yield Document(source, text, source)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(number, line)`` for each line of ``text``, split at line feeds only, without copying it all."""
    start = 0
    number = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        number += 1
        yield number, text[start:end]
        start = end + 1


def _jsonl_documents(text: str, source: str) -> Iterator[Document | InputError]:
    seen_any = False
    # Only a line feed ends a JSONL record; a stray CR or U+2028 belongs to the line it is on.
    for number, line in _lines(text):
        if not line.strip():
            continue
        seen_any = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(source, f"malformed JSON: {err.msg} at column {err.colno}", line=number)
            continue
        except RecursionError:
            yield InputError(source, "malformed JSON: nested too deeply", line=number)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
            yield InputError(source, 'expected an object with "id" and a string "text"', line=number)
            continue
        doc_id = obj["id"]
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or doc_id == "":
            yield InputError(source, f'"id" must be a non-empty string or an integer, got {doc_id!r}', line=number)
            continue
        if not obj["text"].strip():
            yield InputError(source, f"document {doc_id!r} has empty text", line=number)
            continue
        yield Document(str(doc_id), obj["text"], f"{source}:{number}")
    if not seen_any:
        yield InputError(source, "empty file: no JSONL records")


def read_records(source: str, max_bytes: int = MAX_BYTES) -> Iterator[QuoteRecord | InputError]:
    """The quote records in a JSONL file that ``quotes extract`` wrote, each validated
    (:meth:`QuoteRecord.from_dict`); a bad line is yielded as an :class:`InputError` naming it.
    An unreadable file raises the :class:`InputError` (nothing can be checked without it). ``-`` reads
    standard input."""
    for _, item in numbered_records(source, max_bytes):
        yield item


def numbered_records(source: str, max_bytes: int = MAX_BYTES) -> Iterator[tuple[int, QuoteRecord | InputError]]:
    """:func:`read_records` with the line number of each record (for readers that refuse one record)."""
    from quotes.records import QuoteRecord, RecordFormatError

    if source == STDIN:
        text = decode(read_stdin(max_bytes), STDIN_LABEL)
        source = STDIN_LABEL
    else:
        text = decode(read_bytes(Path(source), source, max_bytes), source)
    for number, line in _lines(text):
        if not line.strip():
            continue
        try:
            yield number, QuoteRecord.from_dict(json.loads(line))
        except json.JSONDecodeError as err:
            yield number, InputError(source, f"malformed JSON: {err.msg} at column {err.colno}", line=number)
        except (RecordFormatError, RecursionError, ValueError) as err:
            yield number, InputError(source, f"not a quote record: {err}", line=number)
