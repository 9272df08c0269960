"""Staging folders for files on their way in (usage reports, uploaded evidence).

A process killed mid-import leaves its staging folder behind (the database is never
half-written: nothing refers to it). Each folder is named after the host and process that made
it (`<prefix><host>-<pid>-<random>`): the next import on the same host removes at once the
leftovers of its processes that are gone, whatever their age; any other leftover (another
host's, on a shared data directory) once it is old enough that no import still running could
own it. Folders are 0700: what is staged is private.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import time
from pathlib import Path

from registry.private_files import FOLDER_MODE, private_folder

STALE_AFTER_SECONDS = 24 * 3600  # far longer than any import: its folder changes as it works


def new_staging_dir(parent: Path, prefix: str, now: float | None = None) -> Path:
    """A fresh folder `parent/<prefix><host>-<pid>-<random>`, after removing this prefix's leftovers."""
    private_folder(parent)
    sweep_stale(parent, prefix, now)
    folder = parent / f"{prefix}{_host()}-{os.getpid()}-{secrets.token_hex(8)}"
    folder.mkdir(mode=FOLDER_MODE)
    return folder


def sweep_stale(parent: Path, prefix: str, now: float | None = None) -> list[Path]:
    """Remove `parent/<prefix>*` folders whose process is gone, or untouched for
    STALE_AFTER_SECONDS; return them."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed = []
    for leftover in parent.glob(f"{prefix}*"):
        try:
            stale = leftover.is_dir() and (
                _owner_gone(leftover.name[len(prefix) :]) or leftover.stat().st_mtime < cutoff
            )
        except FileNotFoundError:  # another import removed it first
            continue
        if stale:
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed


def _host() -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c == ".") else "_" for c in socket.gethostname())[:64]


def _owner_gone(suffix: str) -> bool:
    """Whether the folder names this host and a process id (`<host>-<pid>-<random>`) that no
    process has now. Folders of older versions name neither: only their age tells."""
    host, _, rest = suffix.partition("-")
    pid, dash, _ = rest.partition("-")
    if host != _host() or not dash or not pid.isdigit() or pid.startswith("0"):
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):  # someone else's process, or no pid at all
        return False
    return False
