"""Staging folders for files on their way in (usage reports, uploaded evidence).

A process killed mid-import leaves its staging folder behind (the database is never
half-written: nothing refers to it). The next import in the same place removes such leftovers
once they are old enough that no import still running could own them.
"""

from __future__ import annotations

import secrets
import shutil
import time
from pathlib import Path

STALE_AFTER_SECONDS = 24 * 3600  # far longer than any import: its folder changes as it works


def new_staging_dir(parent: Path, prefix: str, now: float | None = None) -> Path:
    """A fresh folder `parent/<prefix><random>`, after removing this prefix's stale leftovers."""
    parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(parent, prefix, now)
    folder = parent / f"{prefix}{secrets.token_hex(8)}"
    folder.mkdir()
    return folder


def sweep_stale(parent: Path, prefix: str, now: float | None = None) -> list[Path]:
    """Remove `parent/<prefix>*` folders untouched for STALE_AFTER_SECONDS; return them."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed = []
    for leftover in parent.glob(f"{prefix}*"):
        try:
            stale = leftover.is_dir() and leftover.stat().st_mtime < cutoff
        except FileNotFoundError:  # another import removed it first
            continue
        if stale:
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed
