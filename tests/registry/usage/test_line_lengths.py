"""A usage file with a line over the limit is refused naming that line, read in chunks (a line
longer than a chunk, or cut by a chunk boundary, is measured whole)."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.usage.errors import UsageStructureError
from registry.usage.line_lengths import refuse_long_lines


@pytest.mark.parametrize(
    ("lines", "refused"),
    [
        ([b"a" * 100, b"b" * 100], None),
        ([b"a" * 100, b"b" * 101, b"c"], 2),
        ([b"h", b"x" * 3_000_000], 2),  # longer than a chunk, no line break at the end
        ([b"y" * 99] * 10_485 + [b"z" * 101], 10_486),  # across the first chunk's end
        ([b"y" * 99] * 10_485 + [b"z" * 100], None),
        ([b"h", b"y" * 100, b""], None),  # the limit exactly, then a final line break
    ],
)
def test_the_first_long_line_is_named(tmp_path: Path, lines: list[bytes], refused: int | None) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(b"\n".join(lines))
    if refused is None:
        refuse_long_lines(path, "log.csv", limit=100)
        return
    with pytest.raises(UsageStructureError, match=f"log.csv: line {refused}: the line is longer than"):
        refuse_long_lines(path, "log.csv", limit=100)
