"""Batches of parsed lines written as Arrow IPC parts (quick to write and read back) in a temporary
folder, so a parser's memory stays constant however long the file; read back lazily as one frame."""

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

    def sink(self, lines: pl.LazyFrame, also: pl.LazyFrame | None = None) -> None:
        """Stream a lazy frame of lines (LINE_SCHEMA columns) into the next part; `also`, another
        lazy sink of the same query, runs in the same pass."""
        self.flush()
        path = self.folder / f"part-{len(self.parts):06d}.arrow"
        sink = lines.select(pl.col(n).cast(t) for n, t in LINE_SCHEMA.items()).sink_ipc(
            path, compression="lz4", lazy=True
        )
        pl.collect_all([sink] if also is None else [sink, also], engine="streaming")
        self.parts.append(path)
        self.lines += pl.scan_ipc(path).select(pl.len()).collect().item()

    def flush(self) -> None:
        if not self.columns["line_no"]:
            return
        self._write(pl.DataFrame(self.columns, schema=LINE_SCHEMA))
        self.columns = {name: [] for name in LINE_SCHEMA}

    def _write(self, frame: pl.DataFrame) -> None:
        path = self.folder / f"part-{len(self.parts):06d}.arrow"
        frame.write_ipc(path, compression="lz4")
        self.parts.append(path)

    def scan(self) -> pl.LazyFrame:
        self.flush()
        if not self.parts:
            return pl.LazyFrame(schema=LINE_SCHEMA)
        return pl.scan_ipc(self.parts)
