"""The options that decide which records extraction writes: one frozen value for every entry point.

The CLI (``quotes extract``), the library (:class:`quotes.Extractor`), the worker processes of
``--jobs`` and of the Dask engine, the spaCy component and the stanza processor all take an
:class:`Options`, so an option added here reaches each of them (a worker gets the value itself, not a
flag copied onto its extractor). Parser options (``selective``, ``parses``, each parser's own) are not
here: they go to :func:`quotes.parse.store.load_backend`, which refuses, by name, one a parser lacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from attrs import define

from quotes.errors import QuotesError


@define(frozen=True)
class Options:
    """``include_unattributed``: also report quoted passages with no speaker found (speaker ``null``);
    ``evidence``: also report evidence sources ("a poll shows ...") as records of kind ``evidence``."""

    include_unattributed: bool = False
    evidence: bool = False

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in attrs.fields(cls))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str) -> Options:
        """The options a configuration names (a spaCy component's config, a stanza processor's); a key
        that is no option is an error naming it, ``where`` it was given and the options there are."""
        unknown = sorted(set(values) - set(cls.names()))
        if unknown:
            raise OptionsError(
                f"{where}: unknown option {', '.join(unknown)}; the options are {', '.join(cls.names())}"
            )
        return cls(**values)


class OptionsError(QuotesError, ValueError):
    """An option that does not exist, given where options are read from a configuration."""


# The defaults, for signatures (one shared frozen value).
DEFAULT = Options()
