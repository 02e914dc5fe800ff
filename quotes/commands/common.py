"""Options shared by several subcommands."""

from __future__ import annotations

import argparse


def add_parser_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--parser", default="stanza", help="parser backend: stanza (default), spacy, conllu")
    parser.add_argument(
        "--models",
        metavar="DIR",
        help="stanza resource directory (default: $STANZA_RESOURCES_DIR, else stanza's own home)",
    )


def parser_options(args: argparse.Namespace) -> dict[str, object]:
    """Keyword options for the chosen backend from the command line."""
    return {"models_dir": args.models} if args.parser == "stanza" and args.models else {}
