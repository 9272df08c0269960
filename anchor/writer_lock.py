"""One writer per embedded chain: an exclusive `flock` on a lock file next to the database.

Two writers on one py-evm database would both build on the same head and overwrite each other's
canonical chain; the lock turns that into a clear error. The kernel drops the lock when the
process dies, so a crash never leaves the chain locked.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from anchor.errors import ChainError


class WriterLock:
    """Held from `acquire()` to `release()`; a second holder (any process) gets ChainError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise ChainError(
                f"the embedded chain is already open for writing ({self.path} is locked{holder}); "
                "only one process may write to it at a time, others open it read-only"
            ) from None
        # The pid is only for the error message above: the flock is what excludes.
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" by pid {pid}" if pid.isdigit() else ""
