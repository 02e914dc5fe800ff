"""Resumable extraction runs, and a progress line for people watching one.

While ``quotes extract -o OUT`` runs, every finished document is appended to a sidecar ``OUT.progress``
(JSON lines): first a ``start`` line with the options that shape the records, then, per document, its
records (exactly the lines the output will hold) followed by a ``done`` marker naming the document, the
SHA-256 of its text and its number of quotes. Each document's block is flushed as soon as it is written
(and synced to disk at most once a second), so an interrupted run loses at most the document it was on.

At the end the records of every input document are read back from the sidecar, in input order, and
published to ``OUT`` atomically (temporary file + rename); the sidecar is then removed, or kept when some
input failed so that a rerun with ``--resume`` only retries those.

``--resume`` reopens the sidecar: blocks that end in a ``done`` marker are complete; whatever follows the
last one (a document cut off mid-way, a half-written line) is cut off the file. A complete document
is skipped when its text still has the hash in its marker, and extracted again when it changed. The
run's options must match the sidecar's. Without a sidecar, ``--resume`` takes the records already in a
JSONL ``OUT`` (written by a finished run), whose records must carry the run's options in their provenance
(``provenance.options``) equal to this run's: a document whose records are there, with its current text's
hash, is skipped; a document with no quotes in ``OUT`` leaves no trace there and is extracted again.

One writer per output: the run that owns the sidecar holds an exclusive lock on it (``flock``) for as
long as it runs. A second run for the same output, resuming or starting over, finds the lock taken and
is refused (one line, exit status 2) without touching the sidecar; a run that lost a race for a new
sidecar sees that the path no longer names the file it locked, and is refused too.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from attrs import define

from quotes.errors import OutputError, QuotesError
from quotes.run.output import create_exclusive, dumps, open_own

try:
    import fcntl
except ImportError:  # not POSIX: no lock (one writer per output is then the user's to ensure)
    fcntl = None  # type: ignore[assignment]

PROGRESS_KEY = "quotes_progress"
VERSION = 1
SYNC_EVERY_S = 1.0


def progress_path(output: str | os.PathLike[str]) -> Path:
    """The sidecar of an output file: ``OUT.progress`` beside it."""
    return Path(f"{os.fspath(output)}.progress")


@define
class Block:
    """One complete document in the sidecar: its records' byte range and its marker's facts."""

    doc_id: str
    start: int  # offset of its first record line
    end: int  # offset of its done marker
    text_sha256: str
    quotes: int


class ProgressError(QuotesError):
    """The sidecar cannot be resumed from (other options, not a progress file)."""


class ProgressLog:
    """The append-only sidecar of one run. Use :meth:`create` or :meth:`resume`, then
    :meth:`write_document` per document, then :meth:`records` to publish and :meth:`remove`."""

    def __init__(self, path: Path, stream: IO[bytes], blocks: dict[str, Block], options: dict[str, Any]) -> None:
        self.path = path
        self._stream = stream
        self.blocks = blocks
        self.options = options
        self._synced = time.monotonic()
        self.notes: list[str] = []

    # -- opening ---------------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, options: Mapping[str, Any], *, replace: bool = False) -> ProgressLog:
        """A new, empty sidecar. With ``replace``, a sidecar of an earlier run (:func:`check_sidecar`) is
        removed first; anything else at ``path`` (a file not ours, a symbolic link) is refused, never
        truncated or followed."""
        if replace and check_sidecar(path):
            # An earlier run's sidecar: replaced only when no run holds it (a live run keeps its lock).
            with open_own(path) as old:
                _lock(old, path)
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
        try:
            stream = create_exclusive(path)
        except FileExistsError:
            check_sidecar(path)  # says what is there: a link, a file not ours
            raise OutputError(str(path), "appeared while quotes was starting; is another run using it?") from None
        try:
            _lock(stream, path)
        except BaseException:
            stream.close()
            raise
        header = {PROGRESS_KEY: "start", "version": VERSION, "options": dict(options)}
        stream.write((dumps(header) + "\n").encode("utf-8"))
        stream.flush()
        return cls(path, stream, {}, dict(options))

    @classmethod
    def resume(cls, path: Path, options: Mapping[str, Any]) -> ProgressLog:
        """The sidecar at ``path``, with its complete documents; the incomplete tail is cut off. A sidecar
        cut off before its first line was written (the run was killed as it started) starts over."""
        blocks: dict[str, Block] = {}
        stream = open_own(path)
        try:
            _lock(stream, path)
            header_line = stream.readline()
            if not header_line.endswith(b"\n") and _header_prefix(header_line):
                path.unlink()
                stream.close()
                return cls.create(path, options)
            header = _load(header_line)
            if not isinstance(header, dict) or header.get(PROGRESS_KEY) != "start":
                raise ProgressError(f"{path}: not a quotes progress file; remove it or run without --resume")
            if header.get("version") != VERSION or header.get("options") != dict(options):
                raise ProgressError(
                    f"{path}: written by a run with other options ({_describe(header.get('options'))}, now "
                    f"{_describe(options)}); run with the same options, or without --resume to start over"
                )
            good_end = offset = len(header_line)
            block_start = offset
            count = 0
            for line in stream:
                obj = _load(line) if line.endswith(b"\n") else None
                if not isinstance(obj, dict):
                    break
                if PROGRESS_KEY not in obj:
                    count += 1
                elif obj[PROGRESS_KEY] == "done" and obj.get("quotes") == count and isinstance(obj.get("doc_id"), str):
                    # A later block for the same document (its text changed) replaces the earlier one.
                    blocks[obj["doc_id"]] = Block(
                        obj["doc_id"], block_start, offset, str(obj.get("text_sha256")), count
                    )
                    good_end = offset + len(line)
                    block_start = good_end
                    count = 0
                else:
                    break
                offset += len(line)
        except BaseException:
            stream.close()
            raise
        log = cls(path, stream, blocks, dict(options))
        if good_end < os.fstat(stream.fileno()).st_size:
            stream.truncate(good_end)
            log.notes.append(f"dropped the unfinished document at the end of {path}")
        stream.seek(good_end)
        return log

    @classmethod
    def seed_from_output(cls, path: Path, output: Path, options: Mapping[str, Any], parser: str) -> ProgressLog:
        """A new sidecar holding the documents of a finished JSONL output (records made by ``parser``)."""
        from quotes.records import QuoteRecord

        by_doc: dict[str, list[dict[str, Any]]] = {}
        hashes: dict[str, str] = {}
        skipped = 0
        with open(output, encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    data = json.loads(line)
                    record = QuoteRecord.from_dict(data)
                except (ValueError, RecursionError):
                    skipped += 1
                    continue
                if record.provenance.parser != parser:
                    skipped += 1
                    continue
                if record.provenance.options != dict(options):
                    made = record.provenance.options
                    how = "no record of its options (an older quotes)" if made is None else _describe(made)
                    raise ProgressError(
                        f"{output}:{number}: written by a run with other options ({how}, now {_describe(options)}); "
                        "run with the same options, or without --resume to start over"
                    )
                by_doc.setdefault(record.doc_id, []).append(data)
                hashes[record.doc_id] = record.provenance.text_sha256
        log = cls.create(path, options, replace=True)
        for doc_id, records in by_doc.items():
            log.write_document(doc_id, hashes[doc_id], records)
        log.notes.append(
            f"resuming from the {len(by_doc)} documents with quotes in {output} (no {path.name}); documents "
            "without quotes there are extracted again" + (f"; {skipped} records not reusable" if skipped else "")
        )
        return log

    # -- writing ---------------------------------------------------------------------------------------

    def is_done(self, doc_id: str, text_sha256: str) -> bool:
        block = self.blocks.get(doc_id)
        return block is not None and block.text_sha256 == text_sha256

    def write_document(self, doc_id: str, text_sha256: str, records: Iterable[Mapping[str, Any]]) -> None:
        """Append one finished document: its records, then its done marker; flushed at once."""
        start = self._stream.tell()
        parts = [dumps(r) + "\n" for r in records]
        end = start + sum(len(p.encode("utf-8")) for p in parts)
        marker = {PROGRESS_KEY: "done", "doc_id": doc_id, "text_sha256": text_sha256, "quotes": len(parts)}
        self._stream.write(("".join(parts) + dumps(marker) + "\n").encode("utf-8"))
        self._stream.flush()
        if time.monotonic() - self._synced >= SYNC_EVERY_S:
            self.sync()
        self.blocks[doc_id] = Block(doc_id, start, end, text_sha256, len(parts))

    def sync(self) -> None:
        with contextlib.suppress(OSError):
            os.fsync(self._stream.fileno())
        self._synced = time.monotonic()

    # -- publishing ------------------------------------------------------------------------------------

    def record_lines(self, doc_ids: Iterable[str]) -> Iterator[str]:
        """The record lines (JSON text, no newline) of the given documents, in that order."""
        for doc_id in doc_ids:
            block = self.blocks.get(doc_id)
            if block is None:
                continue
            for line in self._read(block).decode("utf-8").split("\n"):
                if line:
                    yield line

    def _read(self, block: Block) -> bytes:
        """A block's record lines, read through the log's own descriptor (never the path again, which
        someone could have replaced meanwhile)."""
        self._stream.flush()
        return os.pread(self._stream.fileno(), block.end - block.start, block.start)

    def block_problem(self, doc_id: str, text: str) -> str | None:
        """Why the records of a complete document cannot be republished for ``text`` as they are, or None.

        Each record must read back as a quote record of this document and this text, with its own digest
        (``record_sha256``), every span must slice the text, its stored context must be the text's, and its
        fragments must lie inside its content:
        what ``--resume`` copies into the output is checked as carefully as what it extracts."""
        from quotes.records import QuoteRecord
        from quotes.text.digest import text_sha256

        block = self.blocks[doc_id]
        lines = [line for line in self._read(block).split(b"\n") if line]
        if len(lines) != block.quotes:
            return f"{len(lines)} record lines where its marker counts {block.quotes}"
        digest = text_sha256(text)
        for n, line in enumerate(lines, start=1):
            data = _load(line)
            try:
                record = QuoteRecord.from_dict(data)
                fresh = record.to_dict(text)
            except (ValueError, RecursionError) as err:  # RecordFormatError is a ValueError
                return f"record {n}: {' '.join(str(err).split())[:200]}"
            if record.doc_id != doc_id or record.provenance.text_sha256 != digest:
                return f"record {n} belongs to another document or text"
            problems = record.inconsistencies()
            edited = record.digest_problem()
            if problems or edited:
                return f"record {n}: {problems[0] if problems else edited}"
            if fresh != data:
                return f"record {n} does not match the text around its spans"
        return None

    def close(self) -> None:
        if not self._stream.closed:
            self.sync()
            self._stream.close()

    def remove(self) -> None:
        # Unlinked while still locked: a run waiting for the lock then finds the path gone, not free.
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.close()


def check_sidecar(path: Path) -> bool:
    """Whether a sidecar of an earlier run is at ``path`` (False: nothing is). Anything else there is refused
    with :class:`~quotes.errors.OutputError`: a symbolic link (a planted link would make quotes write where it
    points), a directory or device, a file that is not a quotes progress file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as err:
        raise OutputError(str(path), f"cannot be checked: {getattr(err, 'strerror', None) or err}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            str(path), "is a symbolic link where quotes keeps its progress file; remove it (never followed)"
        )
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(str(path), "is in the place of quotes's progress file but is not a regular file")
    try:
        with open_own(path) as stream:
            head = stream.readline(65536)
    except OSError as err:
        raise OutputError(str(path), f"cannot be read: {err.strerror or err}") from None
    header = _load(head)
    if isinstance(header, dict) and header.get(PROGRESS_KEY) == "start":
        return True
    if not head.endswith(b"\n") and _header_prefix(head):
        return True  # a run killed as it created the file: nothing in it to lose
    raise OutputError(str(path), "is not a quotes progress file; move it away (quotes replaces only files it wrote)")


def _lock(stream: IO[bytes], path: Path) -> None:
    """Take the one-writer lock on a sidecar just opened, or refuse: another run holds it, or the path no
    longer names the file locked (another run replaced it meanwhile)."""
    if fcntl is None:
        return
    try:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputError(
            str(path), "is held by another quotes run writing the same output; wait for it to end"
        ) from None
    except OSError:  # a file system without locks: as before, one writer is the user's to ensure
        return
    held = os.fstat(stream.fileno())
    try:
        now = os.lstat(path)
    except FileNotFoundError:
        now = None
    if now is None or (now.st_dev, now.st_ino) != (held.st_dev, held.st_ino):
        raise OutputError(str(path), "was replaced by another quotes run writing the same output")


def _header_prefix(head: bytes) -> bool:
    """Whether ``head`` is the start of a header line cut off mid-way (or empty)."""
    start = ('{"' + PROGRESS_KEY + '"').encode("utf-8")
    return head.startswith(start) or start.startswith(head)


def _load(line: bytes) -> Any:
    try:
        return json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _describe(options: object) -> str:
    if not isinstance(options, Mapping):
        return "unknown options"
    return ", ".join(f"{k}={v}" for k, v in sorted(options.items()))


class ProgressBar:
    """One self-rewriting status line on a terminal (``\\r``); silent when the stream is not a terminal."""

    def __init__(self, stream: IO[str] | None = None, *, enabled: bool | None = None, every_s: float = 0.1) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.every_s = every_s
        self._last = 0.0
        self._width = 0

    def update(self, line: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.every_s:
            return
        self._last = now
        line = line[:119]
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)

    def clear(self) -> None:
        """Erase the line (before printing a message, and at the end)."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
            self._last = 0.0
