"""The ``quotes`` command line: a dispatcher over the modules in ``quotes.commands``.

Every failure of every command ends here as one line on standard error, never a traceback: a usage error
(exit 2), a :class:`~quotes.errors.QuotesError` (exit 2), a file the system refuses (exit 2), Ctrl-C
(130), and anything unforeseen (70, with ``QUOTES_DEBUG=1`` to see the traceback). A reader of standard
output that goes away (``quotes search ... | head``) ends the command quietly, as it ends other Unix tools
(exit 141, the status of a process killed by SIGPIPE).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from quotes.errors import QuotesError
from quotes.version import __version__

# Each module registers one subcommand; add a module here to add a command.
COMMANDS = ("extract", "parse", "evaluate", "index", "search", "check", "report", "verify", "convert")

#: Exit statuses: a usage error or an unusable input/output, an unforeseen error, a closed pipe, Ctrl-C.
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_BROKEN_PIPE = 141
EXIT_INTERRUPTED = 130


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (the usage itself is one ``--help`` away)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="quotes", description="Find quotations in news text and who said them.")
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(f"quotes.commands.{name}").register(sub)
    parser.set_defaults(_subcommands=sub.choices)
    return parser


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; an option the subcommand does not know is its usage error, naming it ("quotes extract:
    error: unrecognized arguments: --bogus (see quotes extract --help)"), not the top level's."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        subparser = getattr(args, "_subcommands", {}).get(getattr(args, "command", None), parser)
        subparser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def one_line(text: str) -> str:
    """A message on one line: what follows a newline in an error's text joins it after a space."""
    return " ".join(str(text).split())


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(build_parser(), argv)
    # Text that the terminal's encoding cannot show is escaped rather than ending the command.
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        status = int(args.func(args))
        sys.stdout.flush()  # here, so that a closed pipe is seen now and not by the interpreter at exit
        return status
    except BrokenPipeError:
        return broken_pipe()
    except QuotesError as err:
        print(f"quotes: error: {one_line(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("quotes: interrupted; no output file was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"quotes: error: {where}{one_line(err.strerror or str(err))}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as err:
        if os.environ.get("QUOTES_DEBUG"):
            raise
        print(
            f"quotes: internal error: {type(err).__name__}: {one_line(str(err))[:300]} "
            "(a bug in quotes; QUOTES_DEBUG=1 shows where)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def broken_pipe() -> int:
    """Standard output's reader has gone: stop quietly. What is still buffered for it is dropped, and the
    descriptor is pointed at /dev/null so that the interpreter's last flush finds nowhere to fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
