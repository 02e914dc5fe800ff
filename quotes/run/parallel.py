"""Extraction in worker processes: one parser per worker, documents streamed through a bounded window.

    from quotes.run.parallel import extract_parallel

    for doc, result in extract_parallel(documents, "stanza", {"models_dir": "../shared/models/stanza"}, jobs=2):
        if isinstance(result, InputError):
            print(result)               # this document failed; the others go on
        else:
            for record in result:       # dicts, exactly QuoteRecord.to_dict()
                ...

* **One pipeline per worker.** Each worker process builds its :class:`~quotes.pipeline.Extractor` once, in
  the pool's initializer (:mod:`quotes.run.worker`; the backends also cache their models per process), and
  keeps it for every document it is sent. Workers are started with the ``spawn`` method (``forkserver`` may
  be asked for): a forked copy of a process that already ran torch can deadlock. As with any ``spawn``
  pool, a script that calls this at import time must do so under ``if __name__ == "__main__":`` (workers
  re-import ``__main__``).
* **Threads.** With ``jobs > 1`` each worker runs torch with ``torch_threads`` threads (default 1, also
  set as ``OMP_NUM_THREADS``/``MKL_NUM_THREADS`` before the parser is imported): N workers with several
  threads each oversubscribe the cores, and stanza then gets several times slower (benchmarks/RESULTS.md).
* **Streaming.** Documents are read from the iterable only as work is handed out: at most ``in_flight``
  chunks (default ``2 * jobs``) are submitted and not yet yielded, so memory stays bounded however many
  documents come. A chunk is a run of consecutive documents of about :data:`CHUNK_WORDS` words, parsed
  with one ``parse_many`` call: the parser batches across its documents (stanza parses a few thousand
  words at once about a quarter faster than one document at a time), and the chunks stay small enough
  to keep every worker busy until the stream ends.
* **Order.** ``ordered=True`` (the default) yields documents in input order: results that finish early wait
  in the window (a reorder buffer of at most ``in_flight`` chunks) until those before them are yielded.
  ``ordered=False`` yields each chunk as soon as it is done (completion order): faster when documents vary
  in length, and the set of results is the same; every record still carries its ``doc_id`` and
  ``quote_id``, so a consumer can sort afterwards.
* **Errors.** A document whose parse or extraction fails comes back as an :class:`~quotes.errors.InputError`
  naming its source, in its place in the stream; the others are unaffected. A parser that cannot be
  loaded at all (unknown parser, missing model) raises :class:`~quotes.errors.BackendError` /
  :class:`~quotes.errors.ModelNotFoundError` from the iterator, as the single-process extractor does.
  Records cross the process boundary as plain dicts (``QuoteRecord.to_dict()``).

``jobs=1`` runs in this process, with no pool, and yields the very same results.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from quotes.errors import BackendError, InputError, ModelNotFoundError, QuotesError
from quotes.options import DEFAULT, Options
from quotes.pipeline import Extractor
from quotes.run.inputs import Document
from quotes.run.worker import RecordsFn, build_extractor, extract_chunk, init_worker, ping, work

Result = list[dict[str, Any]] | InputError
# A chunk (one task, one parse_many call) closes at this many words or documents. Stanza parses a
# batch of a few thousand words about a quarter faster than the same documents one by one (its
# sentence batches are fuller), and smaller chunks keep the workers evenly loaded near the stream's
# end: benchmarks/RESULTS.md.
CHUNK_WORDS = 3000
CHUNK_DOCS = 64


class ExtractionError(InputError):
    """A document that was read but could not be extracted: ``reason`` says why (the parser's message,
    or ``internal error: <type>: <message>`` for an unexpected exception); ``str()`` reads
    ``<source>: extraction failed: <reason>``."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.args = (f"{source}: extraction failed: {reason}",)


def loading_error(kind: str, message: str) -> QuotesError:
    if kind == "ModelNotFoundError":
        return ModelNotFoundError(message)
    if kind == "BackendError":
        return BackendError(message)
    return BackendError(f"the parser could not be loaded in a worker process: {kind}: {message}")


def chunk_units(items: Iterable[Any], size: int, words: int | None = None) -> Iterator[tuple[bool, Any]]:
    """``(True, [documents])`` runs of consecutive documents, and ``(False, item)`` for every other item
    (passed through in its place). A run ends at ``size`` documents or, when ``words`` is given, as soon
    as it holds ``words`` whitespace-separated words (a longer document makes a run of its own)."""
    chunk: list[Document] = []
    held = 0
    for item in items:
        if isinstance(item, Document):
            chunk.append(item)
            held += len(item.text.split()) if words is not None else 0
            if len(chunk) >= size or (words is not None and held >= words):
                yield True, chunk
                chunk, held = [], 0
            continue
        if chunk:
            yield True, chunk
            chunk, held = [], 0
        yield False, item
    if chunk:
        yield True, chunk


def _results(chunk: list[Document], outcome: tuple[str, Any]) -> list[tuple[Document, Result]]:
    status, payload = outcome
    if status == "fatal":
        raise loading_error(*payload)
    return [
        (doc, ExtractionError(doc.source, result) if isinstance(result, str) else result)
        for doc, result in zip(chunk, payload, strict=True)
    ]


class ParallelExtractor:
    """A pool of ``jobs`` worker processes, each with its own extractor, reusable for several streams.

    Documents go to a worker in chunks of consecutive documents that close at ``chunk_words`` words
    (default :data:`CHUNK_WORDS`; ``None``: count documents only) or ``chunk_size`` documents (default
    :data:`CHUNK_DOCS`), whichever comes first; ``jobs=1`` parses the same chunks in this process. At
    most ``in_flight`` chunks (default ``2 * jobs``) are out at once. See the module docstring.
    """

    def __init__(
        self,
        parser: str,
        parser_options: Mapping[str, Any] | None = None,
        jobs: int = 2,
        *,
        record_options: Options = DEFAULT,
        chunk_size: int | None = None,
        chunk_words: int | None = CHUNK_WORDS,
        in_flight: int | None = None,
        torch_threads: int | None = None,
        start_method: str = "spawn",
        records_fn: RecordsFn | None = None,
    ) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.parser = parser
        self.options = dict(parser_options or {})
        self.jobs = jobs
        self.record_options = record_options
        self.chunk_size = chunk_size or CHUNK_DOCS
        self.chunk_words = chunk_words
        self.in_flight = in_flight or 2 * jobs
        self.torch_threads = torch_threads if torch_threads is not None else (1 if jobs > 1 else None)
        self.start_method = start_method
        self.records_fn = records_fn
        self._pool: cf.ProcessPoolExecutor | None = None
        self._local: Extractor | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(kill=exc_type is not None)

    def close(self, kill: bool = False) -> None:
        """Stop the workers: after their current chunk, or at once with ``kill`` (on an error or Ctrl-C)."""
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=not kill, cancel_futures=True)
        if kill:
            for process in processes:
                if process.is_alive():
                    process.terminate()
            for process in processes:
                process.join(timeout=5)

    def _executor(self) -> cf.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = cf.ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context(self.start_method),
                initializer=init_worker,
                initargs=(self.parser, self.options, self.record_options, self.torch_threads, self.records_fn),
            )
        return self._pool

    def warm_up(self) -> list[int]:
        """Start every worker and wait until each has built its extractor; the workers' pids.

        Raises the parser's loading error, if any. With ``jobs=1`` it builds the local extractor.
        """
        if self.jobs == 1:
            self._local_extractor()
            return [os.getpid()]
        pool = self._executor()
        pids: set[int] = set()
        for _ in range(20):
            for pid, error in pool.map(ping, [0.2] * (2 * self.jobs)):
                if error is not None:
                    raise loading_error(*error)
                pids.add(pid)
            if len(pids) >= self.jobs:
                break
        return sorted(pids)

    def worker_pids(self) -> list[int]:
        """The pids of the worker processes now running (for memory sampling)."""
        if self._pool is None:
            return []
        return sorted(p.pid for p in getattr(self._pool, "_processes", {}).values() if p.pid)

    def _local_extractor(self) -> Extractor:
        if self._local is None:
            self._local = build_extractor(self.parser, self.options, self.record_options)
        return self._local

    # -- extraction --------------------------------------------------------------------------------

    def extract(self, documents: Iterable[Any], ordered: bool = True) -> Iterator[tuple[Any, Result | None]]:
        """``(document, records as dicts or ExtractionError)`` for every document (see the module
        docstring). Any item of ``documents`` that is not a Document comes back as ``(item, None)``, in its
        place when ordered, at once when not: a caller can thread its own markers (a read error, a
        document it skips) through the stream without losing their order."""
        units = chunk_units(documents, self.chunk_size, self.chunk_words)
        if self.jobs == 1:
            for is_chunk, unit in units:
                if not is_chunk:
                    yield unit, None
                    continue
                outcome = (
                    "ok",
                    extract_chunk(self._local_extractor(), [(d.doc_id, d.text) for d in unit], self.records_fn),
                )
                yield from _results(unit, outcome)
            return
        pool = self._executor()
        window: deque[tuple[cf.Future[tuple[str, Any]] | None, Any]] = deque()
        ready: deque[Any] = deque()  # pass-through items, when unordered

        def submit() -> bool:
            for is_chunk, unit in units:
                if is_chunk:
                    window.append((pool.submit(work, [(d.doc_id, d.text) for d in unit]), unit))
                    return True
                if ordered:
                    window.append((None, unit))
                    return True
                ready.append(unit)
            return False

        try:
            while len(window) < self.in_flight and submit():
                pass
            while window or ready:
                while ready:
                    yield ready.popleft(), None
                if not window:
                    break
                if ordered:
                    future, unit = window.popleft()
                else:
                    done, _ = cf.wait([f for f, _ in window if f is not None], return_when=cf.FIRST_COMPLETED)
                    k = next(i for i, (f, _) in enumerate(window) if f in done)
                    future, unit = window[k]
                    del window[k]
                submit()
                if future is None:
                    yield unit, None
                else:
                    yield from _results(unit, future.result())
        except BrokenProcessPool as exc:
            self.close()
            raise BackendError(
                "a worker process died (killed for memory, or crashed in the parser); "
                "try fewer --jobs or smaller inputs"
            ) from exc
        finally:
            for future, _ in window:
                if future is not None:
                    future.cancel()


def extract_parallel(
    documents: Iterable[Document],
    parser: str,
    parser_options: Mapping[str, Any] | None = None,
    jobs: int = 2,
    ordered: bool = True,
    record_options: Options = DEFAULT,
    **settings: Any,
) -> Iterator[tuple[Document, Result]]:
    """Extract from ``documents`` with ``jobs`` worker processes: ``(document, records as dicts or
    ExtractionError)`` pairs, in input order unless ``ordered=False``. ``settings`` go to
    :class:`ParallelExtractor` (``chunk_size``, ``in_flight``, ``torch_threads``, ``start_method``,
    ``records_fn``). Items that are not Documents pass through as ``(item, None)``. The pool lives as
    long as the iterator; leaving it early (``break``, an exception, Ctrl-C) stops the workers."""
    with ParallelExtractor(parser, parser_options, jobs, record_options=record_options, **settings) as pool:
        yield from pool.extract(documents, ordered=ordered)


def placeholder(error: InputError) -> Document:
    """The document that stands for an input that could not be read: the error's source (and line) as
    id and source, empty text."""
    where = f"{error.source}:{error.line}" if error.line is not None else error.source
    return Document(where, "", where)
