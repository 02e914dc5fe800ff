"""Who holds the lock on an archive: so that "database is locked" can name the process that holds it."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def lock_holder(path: Path) -> str:
    """Who holds SQLite's lock on ``path``: "process N (its command line)" where the system says (Linux's
    F_GETLK on SQLite's lock bytes), else "another process"."""
    pid = _lock_pid(path)
    if pid is None:
        return "another process"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as stream:
            command = stream.read(400).replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        command = ""
    return f"process {pid}" + (f" ({command[:80]})" if command else "")


def _lock_pid(path: Path) -> int | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import fcntl
        import struct

        fd = os.open(path, os.O_RDONLY)
    except (ImportError, OSError):
        return None
    try:
        # SQLite's rollback-journal locks: the reserved byte (a writer), the pending byte, the shared range.
        pending = 0x40000000
        for start, length in ((pending + 1, 1), (pending, 1), (pending + 2, 510)):
            query = struct.pack("@hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, start, length, 0)
            kind, _, _, _, pid = struct.unpack("@hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, query))
            if kind != fcntl.F_UNLCK and pid > 0:
                return pid
    except (OSError, struct.error, AttributeError):
        return None
    finally:
        os.close(fd)
    return None
