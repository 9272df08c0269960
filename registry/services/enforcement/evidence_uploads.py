"""Evidence sent over the network: the document is kept in the data directory under its SHA-256
(so the same file is kept once) and recorded as an `evidence` entry
(registry.services.enforcement.evidence)."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.private_files import open_private
from registry.services.enforcement.evidence import record_evidence
from registry.staging import new_staging_dir

MAX_NAME = 200  # bytes of UTF-8: file systems limit a name to 255 bytes, not characters


def safe_filename(name: str | None) -> str:
    """The last path component, without control characters, at most 200 bytes of UTF-8."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(
        c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C"
    ).strip()
    cleaned = cleaned.lstrip(".") or "document"
    return cleaned.encode("utf-8")[:MAX_NAME].decode("utf-8", errors="ignore")


def record_uploaded_evidence(
    session: Session,
    stream: BinaryIO,
    name: str | None,
    documents: Path,
    *,
    case: str | None = None,
    note: str | None = None,
) -> Entry:
    folder = documents / "evidence"
    incoming = new_staging_dir(folder, ".incoming-")
    try:
        staged = incoming / safe_filename(name)
        with os.fdopen(open_private(staged, exclusive=True), "wb") as out:
            shutil.copyfileobj(stream, out, 1 << 20)
        entry = record_evidence(session, staged, case=case, note=note, kept=True)
        kept = folder / str(entry.body["sha256"])
        if not kept.exists():
            os.replace(staged, kept)
        return entry
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
