"""Usage files are line records of a few hundred bytes: a line longer than MAX_LINE_BYTES is
no usage line, and the file is refused naming it before anything else reads it. Every later
reader (the content digest, the CSV readers, Polars) holds a whole line at a time, so without
this check one 200 MB line would take a gigabyte or more of the server's memory."""

from __future__ import annotations

from pathlib import Path

from registry.usage.errors import UsageStructureError

MAX_LINE_BYTES = 1 << 20  # room for a title of a few hundred thousand characters (capped on import)
_CHUNK = 1 << 20


def refuse_long_lines(path: Path, name: str, limit: int = MAX_LINE_BYTES) -> None:
    """Raise UsageStructureError naming the first line over `limit` bytes (its line break not
    counted); reads the file in chunks, so memory stays flat however long the line."""
    line, length = 1, 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            start = 0
            while (end := chunk.find(b"\n", start)) >= 0:
                if length + end - start > limit:
                    _refuse(name, line, limit)
                line, length, start = line + 1, 0, end + 1
            length += len(chunk) - start
            if length > limit:
                _refuse(name, line, limit)


def _refuse(name: str, line: int, limit: int) -> None:
    raise UsageStructureError(
        name, line, f"the line is longer than {limit} bytes: not a usage line; the file is refused whole"
    )
