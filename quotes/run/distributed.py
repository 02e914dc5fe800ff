"""Extraction on a Dask cluster: a bag of input partitions, one parser per worker process.

    from quotes.run.distributed import extract_dask

    for doc, result in extract_dask(["news-1.jsonl", "news-2.jsonl"], "spacy", partitions=8):
        ...                                   # as quotes.run.parallel.extract_parallel

Needs the ``dask`` extra (``pip install 'quotes-audit[dask]'``: ``dask[bag]`` and ``distributed``).

* **Input.** Paths (JSONL files of ``{"id", "text"}``, or plain-text articles, as ``quotes extract`` takes
  them) become a bag of ``(path, piece, pieces)`` partitions: each worker reads its file itself with
  :func:`quotes.run.inputs.read_documents` (so decoding, byte-order marks, error messages and JSONL line
  numbers are exactly the local ones) and keeps its share of the records. The workers must see the same
  paths (a local cluster does; on a real cluster use a shared file system). ``partitions`` (default: one
  per file) splits the files into that many pieces in all, each file into about ``partitions / files``
  contiguous runs of records. :class:`~quotes.run.inputs.Document` objects can be given instead (any
  iterable, read lazily): each run of ``DOCS_PER_PARTITION`` documents (or ``len / partitions`` for a
  list) becomes a one-partition bag shipped from this process, and only the records come back. Items
  that are not Documents pass through as ``(item, None)``, as in :func:`quotes.run.parallel.extract_parallel`.
* **One pipeline per worker.** A worker builds its extractor on its first partition and keeps it in a
  per-process cache (keyed by parser and options; the backends cache their models too), so every later
  partition on that worker reuses the loaded model. Torch runs with ``torch_threads`` threads (default 1)
  in each worker.
* **Cluster.** With no ``scheduler`` a small local cluster is started for the call (``workers`` processes
  with one thread each; its HTTP server on a free port) and shut down afterwards. ``scheduler="tcp://host:8786"`` uses a
  running cluster instead (its workers need quotes and the parser installed).
* **Streaming.** At most ``in_flight`` partitions (default ``2 * workers``) are computed and not yet
  yielded; results come back in input order unless ``ordered=False`` (completion order, by partition).
* **Errors.** As in :mod:`quotes.run.parallel`: a document that fails comes back as an InputError; a file that
  cannot be read (or a bad JSONL line) comes back as ``(placeholder document, InputError)``, where the
  placeholder has the error's source as id and source and an empty text; a parser that cannot be loaded
  raises BackendError / ModelNotFoundError.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from quotes.errors import BackendError, InputError
from quotes.options import DEFAULT, Options
from quotes.parse.selective import options_key
from quotes.pipeline import Extractor
from quotes.run.inputs import Document, read_documents
from quotes.run.parallel import ExtractionError, Result, chunk_units, loading_error, placeholder
from quotes.run.worker import THREAD_VARS, RecordsFn, build_extractor, extract_chunk

DOCS_PER_PARTITION = 16
_END = object()

_EXTRACTORS: dict[tuple[Any, ...], Extractor] = {}
_FAILED: dict[tuple[Any, ...], tuple[str, str]] = {}
_LOCK = threading.Lock()


def _worker_extractor(
    parser: str, options: dict[str, Any], record_options: Options, torch_threads: int | None
) -> Extractor | tuple[str, str]:
    """This worker process's extractor for the settings (built once), or why it could not be built."""
    key = (parser, options_key(options), record_options)
    with _LOCK:
        if key in _EXTRACTORS:
            return _EXTRACTORS[key]
        if key in _FAILED:
            return _FAILED[key]
        if torch_threads is not None:
            for var in THREAD_VARS:
                os.environ[var] = str(torch_threads)
        try:
            extractor = build_extractor(parser, options, record_options)
        except Exception as exc:
            _FAILED[key] = (type(exc).__name__, str(exc))
            return _FAILED[key]
        if torch_threads is not None and "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(torch_threads)
        _EXTRACTORS[key] = extractor
        return extractor


def _read_piece(path: str, piece: int, pieces: int) -> list[Document | InputError]:
    items = list(read_documents(path))
    n = len(items)
    return items[piece * n // pieces : (piece + 1) * n // pieces]


def _run_partition(
    units: list[Any],
    parser: str,
    options: dict[str, Any],
    record_options: Options,
    torch_threads: int | None,
    records_fn: RecordsFn | None = None,
) -> list[tuple[str, Any]]:
    """One partition: ``units`` are ``(path, piece, pieces)`` triples or ``(doc_id, text, source)`` triples
    (marked by a leading "path"/"doc"). Returns ``("fatal", (kind, message))`` alone when the parser cannot
    be loaded, else per item ``("ok", (fields, records))``, ``("failed", (fields, reason))`` or ``("input",
    (source, reason, line))``, where ``fields`` is ``(doc_id, text, source)`` for a document read from a
    path and None for one the client sent (it still has it)."""
    items: list[Document | InputError] = []
    shipped: set[int] = set()  # documents sent by the client, which keeps them: only results go back
    for unit in units:
        if unit[0] == "path":
            items.extend(_read_piece(*unit[1:]))
        else:
            items.append(Document(*unit[1:]))
            shipped.add(id(items[-1]))
    docs = [item for item in items if isinstance(item, Document)]
    results: dict[int, Any] = {}
    if docs:
        extractor = _worker_extractor(parser, options, record_options, torch_threads)
        if isinstance(extractor, tuple):
            return [("fatal", extractor)]
        pairs = [(d.doc_id, d.text) for d in docs]
        for doc, result in zip(docs, extract_chunk(extractor, pairs, records_fn), strict=True):
            results[id(doc)] = result
    out: list[tuple[str, Any]] = []
    for item in items:
        if isinstance(item, InputError):
            out.append(("input", (item.source, item.reason, item.line)))
            continue
        result = results[id(item)]
        status = "failed" if isinstance(result, str) else "ok"
        fields = None if id(item) in shipped else (item.doc_id, item.text, item.source)
        out.append((status, (fields, result)))
    return out


def _decode(payload: list[tuple[str, Any]], sent: list[Document] | None = None) -> list[tuple[Document, Result]]:
    out: list[tuple[Document, Result]] = []
    shipped = iter(sent or ())
    for status, value in payload:
        if status == "fatal":
            raise loading_error(*value)
        if status == "input":
            source, reason, line = value
            err = InputError(source, reason, line=line)
            out.append((placeholder(err), err))
            continue
        fields, result = value
        doc = next(shipped) if fields is None else Document(*fields)
        out.append((doc, ExtractionError(doc.source, result) if status == "failed" else result))
    return out


def _path_units(paths: list[str], partitions: int | None) -> list[list[Any]]:
    pieces = max(1, (partitions or len(paths)) // max(1, len(paths)))
    return [[("path", path, k, pieces)] for path in paths for k in range(pieces)]


def extract_dask(
    source: Iterable[str | os.PathLike[str]] | Iterable[Document],
    parser: str,
    options: Mapping[str, Any] | None = None,
    scheduler: str | None = None,
    partitions: int | None = None,
    *,
    record_options: Options = DEFAULT,
    workers: int = 2,
    ordered: bool = True,
    in_flight: int | None = None,
    torch_threads: int | None = 1,
    records_fn: RecordsFn | None = None,
) -> Iterator[tuple[Document, Result]]:
    """``(document, records as dicts or InputError)`` for every document of ``source`` (paths, or
    Documents), extracted on a Dask cluster; see the module docstring. With Documents, other items pass
    through as ``(item, None)`` (as in :func:`quotes.run.parallel.extract_parallel`), and ``records_fn`` works
    as there."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        hint = "pip install 'quotes-audit[dask]'"
        raise BackendError(f"the dask engine needs dask and distributed ({exc}); install them with: {hint}") from exc
    items = iter(source)
    first = next(items, _END)
    if first is _END:
        return
    items = itertools.chain([first], items)
    settings = (parser, dict(options or {}), record_options, torch_threads, records_fn)

    def task(units: list[Any]) -> Any:
        bag = db.from_sequence(units, npartitions=1).map_partitions(_run_partition, *settings)
        return bag.to_delayed()[0]

    tasks: Iterator[tuple[bool, Any]]
    if isinstance(first, (str, os.PathLike)):
        units = _path_units([os.fspath(p) for p in items], partitions)  # type: ignore[arg-type]
        bag = db.from_sequence(units, npartitions=len(units)).map_partitions(_flatten_partition, *settings)
        tasks = ((True, (part, None)) for part in bag.to_delayed())
    else:
        if partitions and isinstance(source, Sequence):
            size = max(1, -(-len(source) // partitions))
        else:
            size = DOCS_PER_PARTITION
        tasks = (
            (True, (task([("doc", d.doc_id, d.text, d.source) for d in unit]), unit)) if is_chunk else (False, unit)
            for is_chunk, unit in chunk_units(items, size)
        )

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: never clash with a running cluster
            silence_logs=logging.ERROR,
        )
    client = Client(cluster if cluster is not None else scheduler, set_as_default=False)
    window: deque[tuple[Any, Any]] = deque()  # (future, documents sent) or (None, pass-through item)
    sent: dict[Any, list[Document] | None] = {}  # unordered: a future's documents
    finished = as_completed(loop=client.loop)  # completion order, for ordered=False
    ready: deque[Any] = deque()
    try:
        limit = in_flight or 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)

        def submit() -> bool:
            for is_task, value in tasks:
                if is_task:
                    delayed, docs = value
                    future = client.compute(delayed)
                    if ordered:
                        window.append((future, docs))
                    else:
                        sent[future.key] = docs
                        finished.add(future)
                    return True
                if ordered:
                    window.append((None, value))
                    return True
                ready.append(value)
            return False

        started = 0
        while started < limit and submit():
            started += 1
        while True:
            while ready:
                yield ready.popleft(), None
            if ordered and window:
                future, item = window.popleft()
            elif not ordered and finished.count():
                future = next(finished)
                item = sent.pop(future.key)
            else:
                break
            if future is None:
                submit()
                yield item, None
                continue
            payload = future.result()
            future.release()
            submit()
            yield from _decode(payload, item)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _flatten_partition(
    partition: list[list[Any]],
    parser: str,
    options: dict[str, Any],
    record_options: Options,
    torch_threads: Any,
    records_fn: Any,
) -> list[tuple[str, Any]]:
    """A bag partition of path units, run as one partition."""
    units = [unit for group in partition for unit in group]
    return _run_partition(units, parser, options, record_options, torch_threads, records_fn)
