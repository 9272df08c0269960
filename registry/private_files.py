"""Files and folders holding private data (the database, usage reports, uploads, contract
documents, statements): created readable by their owner only (0600, folders 0700), whatever the
process's umask. Explicit modes, never the umask: it is per process, shared by the API's threads."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: Path) -> Path:
    """`path`, created if missing; each folder created here is 0700."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for folder in missing:
        os.chmod(folder, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """`path`, made 0600 (call it before the file is renamed into its place)."""
    os.chmod(path, FILE_MODE)
    return path


def open_private(path: Path, *, exclusive: bool = False) -> int:
    """A new file at `path` opened for writing, 0600 from its first byte; a descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    return os.open(path, flags, FILE_MODE)
