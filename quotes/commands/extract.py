"""``quotes extract``: articles in, one JSON record per quote out.

Every input document is accounted for: it yields records, or an error entry (printed at once as one
line, counted in the summary, and with ``--errors-jsonl`` written as JSON lines). With ``-o OUT`` the run
is resumable (``--resume``; see :mod:`quotes.run.progress`) and ``OUT`` appears only when complete.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from quotes.commands.common import (
    INT_MAX,
    add_parser_options,
    add_selective_option,
    add_stdin_options,
    add_store_option,
    announce_parser,
    bounded_int,
    check_inputs,
    jobs_argument,
    parser_options,
    plural,
    selective_wanted,
    stdin_options,
    text_argument,
)
from quotes.commands.extract_job import Job, run_options, worker_records

FORMATS = ("jsonl", "webanno")
#: More worker processes than this is a typo, not a plan: each loads its own parser.
MAX_JOBS = 1024


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract quote records from articles (text files or JSONL)")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help='plain-text articles, or .jsonl files of {"id", "text"}; - reads standard input',
    )
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="write records here (default: standard output)")
    add_parser_options(p)
    add_store_option(p)
    p.add_argument(
        "--include-unattributed",
        action="store_true",
        help="also report quoted passages with no speaker found (speaker: null)",
    )
    p.add_argument(
        "--evidence",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also report evidence sources ('a poll shows ...', 'the study found ...') as records of kind "
        "evidence (default: off; README, 'Evidence sources')",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="jsonl",
        help="jsonl: one record per line (default); webanno: a W3C Web Annotation collection (JSON-LD)",
    )
    p.add_argument("--source-base", type=text_argument, metavar="URL", help="webanno: document IRIs are URL/<doc id>")
    add_stdin_options(p)
    p.add_argument(
        "--chunk-chars",
        type=_chunk_chars,
        default=200_000,
        metavar="N",
        help="extract documents longer than N characters in pieces cut at paragraph breaks (0: never; else at "
        "least 1000; default 200000)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run: skip the documents already complete in OUT.progress (or OUT)",
    )
    p.add_argument("--errors-jsonl", metavar="FILE", help="also write one JSON line per failed document here")
    p.add_argument(
        "--jobs",
        type=jobs_argument(MAX_JOBS),
        default=1,
        metavar="N",
        help="worker processes, each with its own parser and one torch thread (default 1: this process; auto: "
        "one per usable CPU); "
        "with --engine dask, the local cluster's workers",
    )
    p.add_argument(
        "--unordered",
        action="store_true",
        help="with --jobs > 1 or dask: handle each document as soon as it is done (completion order) instead of "
        "in input order; the records are the same, the order of documents in the output may differ",
    )
    add_selective_option(p, "parse")
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: worker processes on this machine (default); dask: a Dask cluster (the dask extra)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a running scheduler (tcp://host:8786); default: a local cluster of --jobs workers",
    )
    p.set_defaults(func=run)


def _chunk_chars(value: str) -> int:
    """``--chunk-chars``: 0 (never cut) or at least ``quotes.run.chunking.MIN_CHUNK_CHARS``; a smaller piece cuts quotes
    from their cues and speakers, and would give fewer quotes (none, at 1) without a word."""
    from quotes.run.chunking import MIN_CHUNK_CHARS

    number = bounded_int(0, INT_MAX)(value)
    if 0 < number < MIN_CHUNK_CHARS:
        raise argparse.ArgumentTypeError(
            f"{number} is too small: pieces under {MIN_CHUNK_CHARS:,} characters cut quotes from their cues "
            "(0: never cut)"
        )
    return number


def run(args: argparse.Namespace) -> int:
    from quotes.parse.store import load_backend
    from quotes.pipeline import Extractor
    from quotes.run.output import check_outputs
    from quotes.run.progress import ProgressBar, check_sidecar, progress_path

    to_file = args.output not in (None, "-")
    if args.resume and not to_file:
        print("quotes: error: --resume needs an output file (-o OUT)", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("quotes: error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    args.stdin = stdin_options(args, args.paths)
    check_inputs(args.paths)  # every input can be read, before a parser loads or an output is opened
    # Every output location is checked before the parser loads: nothing is read, parsed or written first.
    outputs = [("-o", args.output), ("--errors-jsonl", args.errors_jsonl)]
    if to_file:
        outputs.insert(1, ("the progress file of -o", str(progress_path(args.output))))
    check_outputs(outputs, inputs=args.paths)
    if to_file:
        check_sidecar(progress_path(args.output))
    options = parser_options(args)
    if args.parser == "conllu":
        # Gold trees are read only beside the input that names the document (quotes.parse.backends.conllu).
        options["inputs"] = list(args.paths)
    args.selective = selective_wanted(args)
    options["selective"] = args.selective
    if args.parses:
        options["parses"] = args.parses
    announce_parser(args)
    started = time.perf_counter()
    pool = None
    if args.engine == "local" and args.jobs == 1:
        # Fails (exit 2, nothing written) when the parser cannot start: before any file is touched.
        extractor = Extractor(load_backend(args.parser, **options), options=record_options(args))
        job = Job(args, extractor, ProgressBar(sys.stderr))
    else:
        # Local workers start, and load their parsers, before any file is touched (exit 2 if they cannot).
        pool = _Pool(args, options)
        job = Job(args, None, ProgressBar(sys.stderr), stream=pool)
    try:
        status = job.run(to_file)
    except KeyboardInterrupt:
        if pool is not None:
            pool.close(kill=True)  # stop the workers now, not after their current document
        job.bar.clear()
        job.close()
        where = f"; rerun with --resume to continue from {job.log.path}" if job.log is not None else ""
        print(
            f"quotes: interrupted after {job.documents} documents; no output file was written{where}", file=sys.stderr
        )
        return 130
    except BrokenPipeError:
        raise  # the reader of standard output went away: quotes.cli exits quietly
    except OSError as err:  # the output (or its sidecar) cannot be written: one line, not a traceback
        job.bar.clear()
        job.close()
        target = err.filename or (args.output if to_file else "standard output")
        kept = f"; the finished documents are kept in {job.log.path}" if job.log is not None else ""
        print(f"quotes: error: cannot write {target}: {err.strerror or err}{kept}", file=sys.stderr)
        return 2
    finally:
        if pool is not None:
            pool.close()
    elapsed = time.perf_counter() - started
    resumed = f"; {job.resumed} resumed from an earlier run" if job.resumed else ""
    print(
        f"quotes: {plural(job.documents, 'document')}, {plural(job.quotes, 'quote')}, "
        f"{plural(len(job.errors), 'error')} in {elapsed:.1f}s{resumed}",
        file=sys.stderr,
    )
    _store_note(job.extractor)
    return status


def record_options(args: argparse.Namespace) -> Any:
    """The options value of this run (the same in this process and in every worker)."""
    from quotes.options import Options

    return Options(include_unattributed=bool(args.include_unattributed), evidence=bool(args.evidence))


def _store_note(extractor: Any) -> None:
    """With --parses in this process: how many parses were reused, and why any could not be stored."""
    backend = getattr(extractor, "backend", None)
    if not hasattr(backend, "store_errors"):
        return
    for reason in dict.fromkeys(backend.store_errors):
        print(f"quotes: warning: a parse could not be stored: {reason}", file=sys.stderr)
    print(
        f"quotes: parses: {backend.reused} reused from {backend.store.root}, {backend.parsed} parsed "
        f"({backend.stored} stored)",
        file=sys.stderr,
    )


class _Pool:
    """``--jobs N`` / ``--engine dask``: a callable from the job's items to ``(item, result)`` pairs."""

    def __init__(self, args: argparse.Namespace, options: dict[str, Any]) -> None:
        import functools

        from quotes.run.parallel import ParallelExtractor

        self.args = args
        self.options = options
        self.records_fn = functools.partial(worker_records, chunk_chars=args.chunk_chars, options=run_options(args))
        self.local = None
        if args.engine == "local":
            self.local = ParallelExtractor(
                args.parser,
                options,
                args.jobs,
                record_options=record_options(self.args),
                records_fn=self.records_fn,
            )
            try:
                self.local.warm_up()  # BackendError / ModelNotFoundError when the parser cannot load
            except BaseException:
                self.local.close(kill=True)
                raise

    def __call__(self, items: Any) -> Any:
        if self.local is not None:
            return self.local.extract(items, ordered=not self.args.unordered)
        from quotes.run.distributed import extract_dask

        return extract_dask(
            items,
            self.args.parser,
            self.options,
            scheduler=self.args.scheduler,
            workers=self.args.jobs,
            ordered=not self.args.unordered,
            record_options=record_options(self.args),
            records_fn=self.records_fn,
        )

    def close(self, kill: bool = False) -> None:
        if self.local is not None:
            self.local.close(kill=kill)
