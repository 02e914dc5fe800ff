"""Options shared by several subcommands: which parser and its settings, bounded numbers, standard input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import TypeVar

from quotes.errors import InputError, QuotesError

T = TypeVar("T")


class UsageError(QuotesError):
    """The command line asks for something that cannot be done (exit status 2, one line)."""


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``0 errors``: a count with its noun in the number it takes."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def check_inputs(paths: Iterable[str]) -> None:
    """Every input path names a regular file this process can read, before any parser loads or any output is
    opened: otherwise an :class:`InputError` naming the first one that does not (``-`` is standard input).

    What a file holds (its encoding, its size, its lines) is read later, document by document; what cannot
    be opened at all is an error of the command line, found before the work starts."""
    import os
    import stat
    from pathlib import Path

    bad: list[InputError] = []
    for path in paths:
        if path == "-":
            continue
        try:
            info = Path(path).stat()
        except FileNotFoundError:
            bad.append(InputError(path, "no such file"))
            continue
        except NotADirectoryError:
            bad.append(InputError(path, "no such file (a part of the path is not a directory)"))
            continue
        except (OSError, ValueError) as err:
            bad.append(InputError(path, f"cannot read: {getattr(err, 'strerror', None) or err}"))
            continue
        if stat.S_ISDIR(info.st_mode):
            bad.append(InputError(path, "is a directory, not a file"))
        elif not stat.S_ISREG(info.st_mode):
            bad.append(InputError(path, "not a regular file"))
        elif not os.access(path, os.R_OK):
            bad.append(InputError(path, "cannot read: permission denied"))
    if bad:
        more = f" (and {plural(len(bad) - 1, 'other input')} that cannot be read)" if len(bad) > 1 else ""
        raise InputError(bad[0].source, f"{bad[0].reason}{more}; nothing was read or written")


def check_records_file(path: str) -> None:
    """A records file (the JSONL ``quotes extract`` writes) starts with a record: a file whose first line is not
    JSON, or not a quote record, is named as what it is not before any line of it is reported as malformed.
    Standard input, an empty file and a file that cannot be opened are left to the reader."""
    import json

    if path == "-":
        return
    try:
        with open(path, "rb") as stream:
            for number, raw in enumerate(stream, start=1):
                if raw.strip():
                    break
                if number > 1000:
                    return
            else:
                return
    except (OSError, ValueError):
        return
    try:
        first = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError:
        raise InputError(path, f"not a records file (line {number} is not JSON)") from None
    if not isinstance(first, dict) or not {"quote_id", "content"} <= set(first):
        what = "a JSON object without quote_id and content" if isinstance(first, dict) else "JSON, not an object"
        raise InputError(path, f"not a records file (line {number} is {what}: not a quote record)")


def add_parser_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--parser", default="stanza", help="parser backend: stanza (default), spacy, conllu")
    stanza = parser.add_argument_group("stanza options")
    stanza.add_argument(
        "--models",
        metavar="DIR",
        help="stanza resource directory (default: $STANZA_RESOURCES_DIR, else stanza's own home when it holds "
        "models for the language, else the model bundled with quotes)",
    )
    stanza.add_argument("--package", default=None, help="stanza model package (default: default)")
    stanza.add_argument(
        "--processors", default=None, help="stanza processors (default: tokenize,mwt,pos,lemma,depparse)"
    )
    stanza.add_argument("--gpu", action="store_true", help="run stanza on the GPU when one is available")
    stanza.add_argument(
        "--int8",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="run stanza's tokenizer, tagger and parser with int8 weights (torch dynamic quantization; CPU only; "
        "benchmarks/RESULTS.md, 'Cheaper stanza parses'); its parses are stored apart from full ones",
    )
    stanza.add_argument(
        "--threads",
        type=threads_argument,
        default=None,
        metavar="N",
        help="torch threads for stanza in this process (default: auto, or $QUOTES_THREADS: as many as there are "
        "usable CPUs that other work leaves free, re-checked before each batch)",
    )
    stanza.add_argument(
        "--batch-size", type=bounded_int(1, 100_000), default=None, metavar="N", help="stanza pos/depparse batch size"
    )
    spacy = parser.add_argument_group("spaCy options")
    spacy.add_argument(
        "--spacy-model", default=None, metavar="NAME", help="spaCy pipeline (default: en_core_web_sm, or its re-upload)"
    )


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--parses",
        metavar="DIR",
        help="reuse the parses stored in DIR (by quotes parse, or an earlier run) when the text and the parser "
        "match; parse, and store there, the rest",
    )


def announce_parser(args: argparse.Namespace) -> None:
    """Name the stanza model on stderr, once per command: where it lies, how it was chosen, its hash."""
    if args.parser != "stanza":
        return
    from quotes.errors import QuotesError
    from quotes.parse.backends.stanza_backend import model_choice

    try:
        choice = model_choice(**parser_options(args))
    except QuotesError:  # loading the parser says what is missing, in full
        return
    parse = ""
    if hasattr(args, "selective"):
        parse = "; selective parse (--full-parse for every sentence)" if selective_wanted(args) else "; full parse"
    print(f"quotes: stanza model: {choice.description}; {threads_line(args)}{parse}", file=sys.stderr)


def threads_line(args: argparse.Namespace) -> str:
    """How many torch threads stanza runs with, and why (for the model line)."""
    from quotes.parse.threads import ThreadPolicy

    jobs = getattr(args, "jobs", 1)
    if getattr(args, "engine", "local") == "local" and jobs != 1:
        threads = args.threads if isinstance(args.threads, int) else 1
        return f"{jobs} worker processes, {threads} torch thread{'s' if threads != 1 else ''} each"
    if getattr(args, "engine", "local") != "local":
        return "1 torch thread per worker"
    return ThreadPolicy.from_options(args.threads).describe()


def jobs_argument(high: int) -> Callable[[str], int]:
    """An argparse ``type`` for ``--jobs``: ``auto`` (one worker process per usable CPU: affinity and cgroup
    quota, :func:`quotes.parse.threads.usable_cpus`) or a whole number from 1 to ``high``."""

    def parse(value: str) -> int:
        if value.strip().lower() == "auto":
            from quotes.parse.threads import usable_cpus

            return usable_cpus()
        return bounded_int(1, high)(value)

    parse.__name__ = "number"
    return parse


def threads_argument(value: str) -> int | str:
    """An argparse ``type`` for ``--threads``: ``auto`` or a whole number from 1."""
    if value.strip().lower() == "auto":
        return "auto"
    return bounded_int(1, 4096)(value)


def add_selective_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--selective`` (the default for the parsers of raw text) and ``--full-parse``: which sentences
    ``what`` parses (one option, so extract and parse store and reuse the same parses)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--selective",
        dest="selective",
        action="store_true",
        default=None,
        help=f"{what} only the sentences that can hold an attribution (quotation marks, reporting verbs, cues, "
        "colons), with the words of quotes that stand as speech read as one stand-in word; the default for stanza "
        "and spacy: more words per CPU second at the same F1 (README, 'Performance')",
    )
    group.add_argument(
        "--full-parse",
        dest="selective",
        action="store_false",
        help=f"{what} every sentence: a real tree for each, as a reader auditing one article may want",
    )


def selective_wanted(args: argparse.Namespace) -> bool:
    """Whether the run parses selectively: as asked, else as the parser does by default
    (:func:`quotes.parse.selection.selective_default`: stanza and spaCy do, the gold trees of conllu not)."""
    from quotes.parse.selection import selective_default

    if args.selective is not None:
        return bool(args.selective)
    return selective_default(args.parser)


def parser_options(args: argparse.Namespace) -> dict[str, object]:
    """Keyword options for the chosen backend from the command line (only those given)."""
    if args.parser == "stanza":
        options: dict[str, object] = {
            "models_dir": args.models,
            "package": args.package,
            "processors": args.processors,
            "batch_size": args.batch_size,
        }
        options = {k: v for k, v in options.items() if v is not None}
        if getattr(args, "threads", None) is not None:
            options["threads"] = args.threads
        if getattr(args, "int8", None) is not None:
            options["quantize"] = args.int8
        if args.gpu:
            options["use_gpu"] = True
        return options
    if args.parser == "spacy" and args.spacy_model:
        return {"model": args.spacy_model}
    return {}


def report_errors(items: Iterable[T | InputError]) -> tuple[list[T], int]:
    """The good items of a reader that yields errors in place, and how many errors it printed."""
    good: list[T] = []
    failures = 0
    for item in items:
        if isinstance(item, InputError):
            failures += 1
            print(f"quotes: error: {item}", file=sys.stderr)
        else:
            good.append(item)
    return good, failures


#: The default of ``--wait`` (:data:`quotes.workbench.archive.BUSY_TIMEOUT_S`, not imported at start-up).
BUSY_TIMEOUT_S = 60.0

#: The largest count any option takes: SQLite's and the OS's integers are 64-bit.
INT_MAX = 2**63 - 1


def bounded_int(low: int, high: int = INT_MAX) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number from ``low`` to ``high``: anything else (a fraction, a number
    too large for SQLite or the OS) is refused by argparse in one line instead of failing deep inside."""

    def parse(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value[:40]!r}") from None
        if not low <= number <= high:
            shown = value if len(value) <= 24 else value[:20] + "..."
            raise argparse.ArgumentTypeError(f"{shown} is out of range (from {low:,} to {high:,})")
        return number

    parse.__name__ = "number"
    return parse


def bounded_float(low: float, high: float) -> Callable[[str], float]:
    """An argparse ``type`` for a finite number of seconds (or other amount) from ``low`` to ``high``."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {value[:40]!r}") from None
        if not low <= number <= high:  # also refuses nan
            raise argparse.ArgumentTypeError(f"{value[:24]} is out of range (from {low:g} to {high:g})")
        return number

    parse.__name__ = "number"
    return parse


def text_argument(value: str) -> str:
    """An argparse ``type`` for words given on the command line: bytes that are not text in the locale's
    encoding (lone surrogates after decoding) are refused, since SQLite and UTF-8 output cannot hold them."""
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise argparse.ArgumentTypeError(f"{value.encode('utf-8', 'backslashreplace').decode()!r} is not valid text")
    return value


def add_wait_option(parser: argparse.ArgumentParser) -> None:
    """``--wait SECONDS``: how long an archive command waits for another process's write to finish."""
    parser.add_argument(
        "--wait",
        type=bounded_float(0, 86_400),
        default=BUSY_TIMEOUT_S,
        metavar="SECONDS",
        help=f"wait this long for another process writing to the archive (default {BUSY_TIMEOUT_S:g})",
    )


def add_stdin_options(parser: argparse.ArgumentParser, what: str = "document") -> None:
    """``--stdin-id`` and ``--stdin-format``: how a ``-`` among the inputs is read."""
    parser.add_argument(
        "--stdin-id",
        default="-",
        type=text_argument,
        metavar="NAME",
        help=f"the doc_id of the {what} read from standard input (an input named -; default: -)",
    )
    parser.add_argument(
        "--stdin-format",
        choices=("text", "jsonl"),
        default="text",
        help='standard input holds one plain-text document (default) or JSONL of {"id", "text"}',
    )


def stdin_options(args: argparse.Namespace, inputs: Iterable[str]) -> dict[str, str]:
    """The reader options for standard input; refuses ``-`` named twice (it can be read only once)."""
    if list(inputs).count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    return {"stdin_id": getattr(args, "stdin_id", "-"), "stdin_format": getattr(args, "stdin_format", "text")}
