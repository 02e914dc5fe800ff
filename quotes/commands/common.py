"""Options shared by several subcommands: which parser, and its settings."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TypeVar

from quotes.errors import InputError

T = TypeVar("T")


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
    stanza.add_argument("--batch-size", type=int, default=None, metavar="N", help="stanza pos/depparse batch size")
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
    print(f"quotes: stanza model: {choice.description}", file=sys.stderr)


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
