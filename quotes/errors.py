"""Errors a user can act on: each names what went wrong and where."""

from __future__ import annotations


class QuotesError(Exception):
    """Base class: the CLI prints these as one clean message, never a traceback."""


class InputError(QuotesError):
    """An input document could not be read as text (missing, binary, undecodable, empty, malformed)."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class ModelNotFoundError(QuotesError):
    """The parser's model files are not where we looked."""


class BackendError(QuotesError):
    """A parser backend is unknown, not installed, or cannot provide what the rules need."""


class OutputError(QuotesError):
    """An output location is unusable or would destroy evidence: it is an input, a directory, in a missing
    directory, a symlink planted where a sidecar goes, or a file quotes did not write."""

    def __init__(self, path: str, reason: str, option: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.option = option
        super().__init__(f"{option} {path}: {reason}" if option else f"{path}: {reason}")
