"""The ``quotes`` command line: a dispatcher over the modules in ``quotes.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from quotes.errors import QuotesError
from quotes.version import __version__

# Each module registers one subcommand; add a module here to add a command.
COMMANDS = ("extract", "parse", "evaluate", "index", "search", "check", "report", "verify", "convert")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description="Find quotations in news text and who said them.")
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(f"quotes.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except QuotesError as err:
        print(f"quotes: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quotes: interrupted; no output file was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
