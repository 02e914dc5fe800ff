"""Write outputs so that a reader never sees a half-written file, and no input is ever written over.

:func:`check_outputs` is the one check every command that writes runs before doing any work: no output
may be one of the inputs (by real path or by inode), a directory, a device, or in a directory that is
missing. :func:`create_exclusive` and :func:`open_own` are how files beside an output (sidecars) are
opened: never through a symbolic link, never truncating what is there.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import jsonlines

from quotes.errors import OutputError

STDIO = "-"


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


# -- checks before any work --------------------------------------------------------------------------


def _identity(path: str) -> tuple[str, tuple[int, int] | None]:
    """A path's real path and, when it exists, its (device, inode): two names of one file share either."""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        real = os.path.abspath(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return real, None
    return real, (info.st_dev, info.st_ino)


def _stdio_identity(fd: int) -> tuple[str, tuple[int, int] | None] | None:
    """Standard input or output, when it is a regular file (a shell redirection): its identity."""
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return f"<fd {fd}>", (info.st_dev, info.st_ino)


def _same(a: tuple[str, tuple[int, int] | None], b: tuple[str, tuple[int, int] | None]) -> bool:
    return a[0] == b[0] or (a[1] is not None and a[1] == b[1])


def check_outputs(outputs: Iterable[tuple[str, str | None]], inputs: Iterable[str] = ()) -> None:
    """Refuse, before any work is done, an output that would destroy evidence or could only fail at the end.

    ``outputs`` are ``(option, path)`` pairs as given (``("-o", "out.jsonl")``, ``("--db", ...)``); a path of
    None or ``-`` is standard output, checked only for being an input (``>> input.jsonl``). ``inputs`` are
    the paths the command reads (``-``: standard input). Raises :class:`~quotes.errors.OutputError` (one line,
    exit status 2) naming the option, the path and the reason. Commands added later call this too.
    """
    named: list[tuple[str, tuple[str, tuple[int, int] | None]]] = []
    for source in inputs:
        if source == STDIO:
            ident = _stdio_identity(0)
            if ident is not None:
                named.append(("standard input", ident))
        elif source:
            named.append((source, _identity(source)))
    seen: list[tuple[str, tuple[str, tuple[int, int] | None]]] = []
    for option, path in outputs:
        if path is None or path == STDIO:
            ident = _stdio_identity(1)
            for source, other in named:
                if ident is not None and _same(ident, other):
                    raise OutputError(
                        "standard output", f"is the input {source} (a shell redirection onto it); write elsewhere"
                    )
            continue
        _check_location(option, path)
        ident = _identity(path)
        for source, other in named:
            if _same(ident, other):
                raise OutputError(path, f"is one of the inputs ({source}); quotes never writes over an input", option)
        for earlier, other in seen:
            if _same(ident, other):
                raise OutputError(path, f"is also the file of {earlier}; give each output its own file", option)
        seen.append((option, ident))


def _check_location(option: str, path: str) -> None:
    """The output can be published at ``path``: not a directory or device, in a directory that exists."""
    if not path or "\x00" in path:
        raise OutputError(repr(path), "not a usable file name", option)
    parent = os.path.dirname(path) or "."
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise OutputError(path, f"{parent} is not a directory", option) from None
    except OSError as err:
        raise OutputError(path, f"cannot be checked: {err.strerror or err}", option) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(path, "is a directory; name a file (inside it, for instance)", option)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(path, "is not a regular file (outputs are replaced whole; - is standard output)", option)
    try:
        parent_info = os.stat(parent)
    except FileNotFoundError:
        raise OutputError(path, f"directory {parent} does not exist", option) from None
    except OSError as err:
        raise OutputError(path, f"directory {parent} cannot be used: {err.strerror or err}", option) from None
    if not stat.S_ISDIR(parent_info.st_mode):
        raise OutputError(path, f"{parent} is not a directory", option)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(path, f"directory {parent} is not writable", option)


# -- files beside an output ----------------------------------------------------------------------------

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def create_exclusive(path: str | os.PathLike[str]) -> IO[bytes]:
    """A new file at ``path`` (read-write): fails (``FileExistsError``) when anything is there, a symbolic link
    included, so that nothing is followed and nothing is truncated."""
    # Read and write: a progress log reads its own blocks back through this descriptor.
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666)
    return os.fdopen(fd, "wb")


def open_own(path: str | os.PathLike[str]) -> IO[bytes]:
    """An existing regular file opened for reading and writing, never through a symbolic link (it is refused
    with :class:`~quotes.errors.OutputError`, as is anything but a regular file)."""
    try:
        fd = os.open(path, os.O_RDWR | _NOFOLLOW | _CLOEXEC)
    except OSError:
        if os.path.islink(path):
            raise OutputError(os.fspath(path), "is a symbolic link; quotes never writes through one") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OutputError(os.fspath(path), "is not a regular file")
    return os.fdopen(fd, "r+b")
