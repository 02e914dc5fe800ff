"""What a worker does, whichever engine runs it: build its extractor once, and extract chunks of documents.

:func:`build_extractor` and :func:`extract_chunk` serve both the local pool (:mod:`quotes.run.parallel`)
and the Dask engine (:mod:`quotes.run.distributed`), and ``jobs=1`` in this process. :func:`init_worker`,
:func:`work` and :func:`ping` run in a pool's worker processes, which keep their extractor in this
module's per-process state.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from quotes.errors import QuotesError
from quotes.options import DEFAULT, Options
from quotes.pipeline import Extractor

# Set to the worker's torch thread count before the parser is imported (torch reads them when it loads;
# the stanza backend reads QUOTES_THREADS: quotes.parse.threads).
THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "QUOTES_THREADS")


def build_extractor(
    parser: str, parser_options: Mapping[str, Any] | None = None, options: Options = DEFAULT
) -> Extractor:
    """The extractor a worker uses: ``parser`` with its options, ``selective=True`` and ``parses=DIR``
    honoured (:func:`quotes.parse.store.load_backend`), making records as ``options`` say."""
    from quotes.parse.store import load_backend

    backend = load_backend(parser, **dict(parser_options or {}))
    return Extractor(backend, options=options)


RecordsFn = Callable[[Extractor, str, str], list[dict[str, Any]]]


def _reason(exc: BaseException) -> str:
    message = " ".join(str(exc).split())[:500]
    return message if isinstance(exc, QuotesError) else f"internal error: {type(exc).__name__}: {message}"


def extract_chunk(
    extractor: Extractor, chunk: list[tuple[str, str]], records_fn: RecordsFn | None = None
) -> list[list[dict[str, Any]] | str]:
    """Records (as dicts) for each ``(doc_id, text)`` of ``chunk``, or the reason it failed (a string).

    By default the chunk is parsed in one ``parse_many`` call and each record is ``to_dict()``; when that
    call fails, each document is retried alone so that one bad document does not take the others with
    it. ``records_fn(extractor, doc_id, text)`` replaces all of that, one document at a time (for
    callers that make records their own way, e.g. in pieces; it must be picklable: a module-level
    function or a ``functools.partial`` of one).
    """
    out: list[list[dict[str, Any]] | str] = []
    if records_fn is not None:
        for doc_id, text in chunk:
            try:
                out.append(records_fn(extractor, doc_id, text))
            except Exception as exc:
                out.append(_reason(exc))
        return out
    try:
        parses: list[Any] | None = list(extractor.backend.parse_many(chunk))
    except Exception:
        parses = None
    for k, (doc_id, text) in enumerate(chunk):
        try:
            parse = parses[k] if parses is not None else extractor.backend.parse(text, doc_id)
            out.append([record.to_dict() for record in extractor.from_parse(parse, doc_id)])
        except Exception as exc:
            out.append(_reason(exc))
    return out


_WORKER: dict[str, Any] = {}


def init_worker(
    parser: str,
    options: dict[str, Any],
    record_options: Options,
    torch_threads: int | None,
    records_fn: RecordsFn | None,
) -> None:
    _WORKER["records_fn"] = records_fn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _watch_parent(os.getppid())
    if torch_threads is not None:
        for var in THREAD_VARS:
            os.environ[var] = str(torch_threads)
    try:
        _WORKER["extractor"] = build_extractor(parser, options, record_options)
    except Exception as exc:  # reported to the parent with the first result, never raised here
        _WORKER["error"] = (type(exc).__name__, str(exc))
        return
    if torch_threads is not None and "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(torch_threads)


def _watch_parent(parent: int, every_s: float = 1.0) -> None:
    """Exit when the parent process is gone (killed without a chance to stop the pool): an orphaned
    worker would otherwise wait forever for work, as it holds both ends of the task queue."""

    def watch() -> None:
        while True:
            time.sleep(every_s)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="quotes-parent-watch", daemon=True).start()


def work(chunk: list[tuple[str, str]]) -> tuple[str, Any]:
    if "error" in _WORKER:
        return "fatal", _WORKER["error"]
    return "ok", extract_chunk(_WORKER["extractor"], chunk, _WORKER["records_fn"])


def ping(seconds: float) -> tuple[int, tuple[str, str] | None]:
    """Used by :meth:`quotes.run.parallel.ParallelExtractor.warm_up`: the worker's pid once its extractor
    is ready, and why it could not be built (None when it was)."""
    time.sleep(seconds)
    return os.getpid(), _WORKER.get("error")
