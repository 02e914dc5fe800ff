"""Write records so that a reader never sees a half-written file."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import jsonlines


@contextlib.contextmanager
def atomic_writer(path: str | None) -> Iterator[IO[str]]:
    """A text stream for ``path`` that appears under its name only when the block succeeds.

    The data goes to a temporary file in the same directory, is flushed to disk, then renamed over
    the target in one step; on any error the temporary file is removed and the target is untouched.
    ``None`` or ``"-"`` writes to standard output.
    """
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            # mkstemp makes the file private (0600); give it the mode a newly created file would have.
            os.chmod(stream.fileno(), _new_file_mode(target))
            os.fsync(stream.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _new_file_mode(target: Path) -> int:
    """The permissions for the published file: the replaced file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def dumps(obj: Any, indent: int | None = None) -> str:
    """Compact JSON (or indented, with ``indent``) that keeps quoted text readable; text with lone
    surrogates, which UTF-8 cannot encode, falls back to escapes."""
    line = json.dumps(obj, ensure_ascii=False, indent=indent)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(obj, ensure_ascii=True, indent=indent)
    return line


def record_writer(stream: IO[str]) -> jsonlines.Writer:
    return jsonlines.Writer(stream, dumps=dumps, flush=False)
