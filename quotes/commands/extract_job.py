"""One ``quotes extract`` run: read the inputs, extract, log progress, publish the output, report.

:class:`Job` accounts for every input document (records, or an error entry), skips duplicate ids and,
with ``--resume``, the documents the progress log already holds; :func:`worker_records` is what each
document goes through, here or in a worker process. The command's options and its exit codes are
:mod:`quotes.commands.extract`'s.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from attrs import define

from quotes.errors import InputError, QuotesError
from quotes.parse.selection import SELECTION_VERSION
from quotes.run.inputs import Document, read_documents
from quotes.run.output import atomic_writer, dumps, record_writer


def run_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options of a run that shape its records: the progress sidecar's header, and each record's
    ``provenance.options``, so that ``--resume`` continues only a run made the same way."""
    options: dict[str, Any] = {
        "parser": args.parser,
        "include_unattributed": bool(args.include_unattributed),
        "chunk_chars": args.chunk_chars,
    }
    if getattr(args, "evidence", False):  # only when on, so that earlier runs' sidecars still resume
        options["evidence"] = True
    if args.selective:  # only when on, so that earlier runs' sidecars still resume
        options["selective"] = f"context=0, standins, selection {SELECTION_VERSION}"  # resume only like with like
    return options


def worker_records(
    extractor: Any,
    doc_id: str,
    text: str,
    *,
    chunk_chars: int,
    on_piece: Any = None,
    options: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """A document's records as written (pieces of at most ``chunk_chars``, spans with their context, the
    run's ``options`` in their provenance); module-level, so that worker processes can run it too (their
    extractors carry the run's record options)."""
    import attrs

    from quotes.run.chunking import extract_chunked

    limit = chunk_chars or len(text) or 1
    records = extract_chunked(extractor, text, doc_id, limit, on_piece=on_piece)
    if options is not None:
        records = (attrs.evolve(r, provenance=attrs.evolve(r.provenance, options=dict(options))) for r in records)
    return [r.to_dict(text) for r in records]


def _first_name(path: str, files: dict[tuple[int, int], str]) -> str | None:
    """The earlier input path that names the same file as ``path`` (``a.txt`` and ``./a.txt``), if any;
    ``path`` is remembered otherwise. Paths that cannot be looked at are left to the reader to explain."""
    if path == "-":
        return None
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    key = (info.st_dev, info.st_ino)
    if key in files:
        return files[key]
    files[key] = path
    return None


@define(frozen=True)
class Skip:
    """A document read but not extracted: a duplicate id (``first`` is where the id was first read) or,
    with ``first`` None, one already complete in the progress log."""

    doc: Document
    first: str | None = None


class Job:
    """One extraction run: reads the inputs, extracts, logs progress, publishes, reports."""

    def __init__(self, args: argparse.Namespace, extractor: Any, bar: Any, stream: Any = None) -> None:
        self.args = args
        self.extractor = extractor
        self.stream = stream  # with --jobs > 1 or dask: items in, (item, result) pairs out
        self.bar = bar
        self.log: Any = None
        self.documents = 0
        self.quotes = 0
        self.resumed = 0
        self.errors: list[dict[str, Any]] = []
        self.order: list[str] = []
        self.seen: dict[str, str] = {}  # doc id -> where it was first read
        self.buffered: list[dict[str, Any]] = []  # webanno to standard output: records until the end

    # -- the run ---------------------------------------------------------------------------------------

    def run(self, to_file: bool) -> int:
        from quotes.run.progress import ProgressLog, check_sidecar, progress_path

        args = self.args
        options = run_options(args)
        stdout_writer = None
        if to_file:
            sidecar = progress_path(args.output)
            ours = check_sidecar(sidecar)  # a symbolic link or a file not ours is refused, never followed
            if args.resume and ours:
                self.log = ProgressLog.resume(sidecar, options)
            elif args.resume and Path(args.output).is_file() and args.format == "jsonl":
                self.log = ProgressLog.seed_from_output(sidecar, Path(args.output), options, args.parser)
            else:
                self.log = ProgressLog.create(sidecar, options, replace=ours)  # refused while another run holds it
                if ours:
                    self._note(f"starting over: replaced {sidecar} of an earlier run (--resume continues it)")
            for note in self.log.notes:
                self._note(note)
        elif args.format == "jsonl":
            stdout_writer = record_writer(sys.stdout)

        if self.stream is None:
            for item in self._items():
                if isinstance(item, Document):
                    self._document(item, stdout_writer)
                else:
                    self._settle(item, None, stdout_writer)
        else:
            for item, result in self.stream(self._items()):
                self._settle(item, result, stdout_writer)
        self.bar.clear()

        if to_file:
            self._publish()
        elif args.format == "webanno":
            self._write_webanno(sys.stdout, self.buffered)
        else:
            sys.stdout.flush()
        if args.errors_jsonl:
            with atomic_writer(args.errors_jsonl) as stream:
                for entry in self.errors:
                    stream.write(dumps(entry) + "\n")
        if self.log is not None:
            if self.errors:
                self.log.close()
                self._note(f"kept {self.log.path}: rerun with --resume to retry only the failed documents")
            else:
                self.log.remove()
        return 1 if self.errors else 0

    def _items(self) -> Iterator[Any]:
        """Every input in order: a Document to extract, or what is settled without extracting (an
        InputError, a Skip). Duplicates and resumed documents are decided here, as they are read."""
        from quotes.text.digest import text_sha256

        args = self.args
        files: dict[tuple[int, int], str] = {}  # (device, inode) -> the path it was first read by
        for index, path in enumerate(args.paths, start=1):
            first_name = _first_name(path, files)
            if first_name is not None:
                yield InputError(path, f"same file as {first_name}, already read")
                continue
            for item in read_documents(path, **getattr(args, "stdin", {})):
                self._show(f"[{index}/{len(args.paths)}] {path}")
                if isinstance(item, InputError):
                    yield item
                    continue
                first = self.seen.get(item.doc_id)
                if first is not None:
                    yield Skip(item, first)
                    continue
                self.seen[item.doc_id] = item.source
                if self.log is not None and self.log.is_done(item.doc_id, text_sha256(item.text)):
                    problem = self.log.block_problem(item.doc_id, item.text)
                    if problem is None:
                        yield Skip(item)
                        continue
                    self._note(f"{item.source}: extracting again: its records in {self.log.path} fail ({problem})")
                yield item

    def _settle(self, item: Any, result: Any, stdout_writer: Any) -> None:
        """One item of :meth:`_items` with its result (records as dicts, or an ExtractionError), in order."""
        from quotes.run.parallel import ExtractionError

        if isinstance(item, InputError):
            self._fail(item.source, item.line, None, "read", item.reason)
        elif isinstance(item, Skip) and item.first is not None:
            doc = item.doc
            reason = f"duplicate document id {doc.doc_id!r} (first read at {item.first})"
            self._fail(doc.source, None, doc.doc_id, "read", reason)
        elif isinstance(item, Skip):
            self.documents += 1
            self.resumed += 1
            self.quotes += self.log.blocks[item.doc.doc_id].quotes
            self.order.append(item.doc.doc_id)
        elif isinstance(result, ExtractionError):
            self._fail(item.source, None, item.doc_id, "extract", result.reason)
        else:
            self._finish(item, result, stdout_writer)

    def _document(self, doc: Document, stdout_writer: Any) -> None:
        def on_piece(i: int, n: int) -> None:
            if n > 1:
                self._show(f"{doc.source}: piece {i + 1}/{n}", force=True)

        try:
            records = worker_records(
                self.extractor,
                doc.doc_id,
                doc.text,
                chunk_chars=self.args.chunk_chars,
                on_piece=on_piece,
                options=run_options(self.args),
            )
        except QuotesError as err:
            self._fail(doc.source, None, doc.doc_id, "extract", str(err))
            return
        except Exception as err:  # a bug on one document must not cost the rest of the run
            self._fail(doc.source, None, doc.doc_id, "extract", f"internal error: {type(err).__name__}: {err}")
            return
        self._finish(doc, records, stdout_writer)

    def _finish(self, doc: Document, records: list[dict[str, Any]], stdout_writer: Any) -> None:
        from quotes.text.digest import text_sha256

        digest = text_sha256(doc.text)
        self.documents += 1
        self.quotes += len(records)
        self.order.append(doc.doc_id)
        if self.log is not None:
            self.log.write_document(doc.doc_id, digest, records)
        elif stdout_writer is not None:
            for record in records:
                stdout_writer.write(record)
        else:
            self.buffered.extend(records)

    # -- output ----------------------------------------------------------------------------------------

    def _publish(self) -> None:
        lines = self.log.record_lines(self.order)
        with atomic_writer(self.args.output) as stream:
            if self.args.format == "jsonl":
                for line in lines:
                    stream.write(line + "\n")
            else:
                self._write_webanno(stream, (json.loads(line) for line in lines))

    def _write_webanno(self, stream: IO[str], records: Any) -> None:
        from quotes.audit.webanno import collection
        from quotes.records import QuoteRecord

        data = collection((QuoteRecord.from_dict(r) for r in records), source_base=self.args.source_base)
        stream.write(dumps(data, indent=2) + "\n")

    # -- messages --------------------------------------------------------------------------------------

    def _fail(self, source: str, line: int | None, doc_id: str | None, stage: str, reason: str) -> None:
        where = f"{source}:{line}" if line is not None else source
        self.errors.append({"source": source, "line": line, "doc_id": doc_id, "stage": stage, "reason": reason})
        self.bar.clear()
        message = reason if stage == "read" else f"extraction failed: {reason}"
        print(f"quotes: error: {where}: {message}", file=sys.stderr)

    def _note(self, text: str) -> None:
        self.bar.clear()
        print(f"quotes: {text}", file=sys.stderr)

    def _show(self, where: str, *, force: bool = False) -> None:
        self.bar.update(
            f"quotes: {self.documents} docs, {self.quotes} quotes, {len(self.errors)} errors  {where}", force=force
        )

    def close(self) -> None:
        if self.log is not None:
            self.log.close()
