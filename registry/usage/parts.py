"""Batches of parsed lines written as Parquet parts in a temporary folder, so a parser's memory
stays constant however long the file; the parts are read back lazily as one frame."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from registry.usage.schema import LINE_SCHEMA

BATCH_LINES = 200_000


class LineBatches:
    """Collects parsed lines (column lists) and writes a part every BATCH_LINES lines."""

    def __init__(self, folder: Path, batch_lines: int = BATCH_LINES) -> None:
        self.folder = folder
        self.batch_lines = batch_lines
        self.columns: dict[str, list[Any]] = {name: [] for name in LINE_SCHEMA}
        self.parts: list[Path] = []
        self.lines = 0

    def append(self, row: dict[str, Any]) -> None:
        for name, values in self.columns.items():
            values.append(row.get(name))
        self.lines += 1
        if len(self.columns["line_no"]) >= self.batch_lines:
            self.flush()

    def write(self, frame: pl.DataFrame) -> None:
        """Write an already built batch (its columns in LINE_SCHEMA, any order)."""
        if frame.height:
            self.flush()
            self._write(frame.select(pl.col(n).cast(t) for n, t in LINE_SCHEMA.items()))
            self.lines += frame.height

    def flush(self) -> None:
        if not self.columns["line_no"]:
            return
        self._write(pl.DataFrame(self.columns, schema=LINE_SCHEMA))
        self.columns = {name: [] for name in LINE_SCHEMA}

    def _write(self, frame: pl.DataFrame) -> None:
        path = self.folder / f"part-{len(self.parts):06d}.parquet"
        frame.write_parquet(path, compression="lz4", statistics=False)
        self.parts.append(path)

    def scan(self) -> pl.LazyFrame:
        self.flush()
        if not self.parts:
            return pl.LazyFrame(schema=LINE_SCHEMA)
        return pl.scan_parquet(self.parts)
