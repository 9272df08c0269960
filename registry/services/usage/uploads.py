"""A usage report received over HTTP: spooled to a file under the data directory (the importer
reads files, possibly larger than memory), imported, and the spooled copy removed."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from registry.private_files import open_private, private_folder
from registry.services.enforcement.evidence_uploads import safe_filename
from registry.services.usage.reports import USAGE_DIR, UsageImportReport, import_usage


def import_uploaded_usage(
    session: Session,
    data_dir: Path,
    stream: BinaryIO,
    filename: str | None,
    period: str,
    source: str,
    *,
    lenient_counts: bool = False,
) -> UsageImportReport:
    name = safe_filename(filename)
    spool = data_dir / USAGE_DIR / "incoming"
    private_folder(spool)
    path = spool / f"{secrets.token_hex(8)}-{name}"
    try:
        with os.fdopen(open_private(path, exclusive=True), "wb") as handle:
            shutil.copyfileobj(stream, handle, 1 << 20)
        return import_usage(session, data_dir, path, period, source, name=name, lenient_counts=lenient_counts)
    finally:
        path.unlink(missing_ok=True)
