"""What makes usage the same usage, so that none is counted twice.

A file is the same file when its content is the same once normalised: without a UTF-8 byte
order mark, line endings as LF, trailing white space of each line and trailing blank lines
removed, one final LF (`content_sha256`; for a file already so written it is the SHA-256 of its
bytes). A line is the same line when its parsed values (`LINE_IDENTITY`: licensee, room,
recording, when, how much) are the same: two files of one period and source sharing lines
overlap (`overlapping_lines`)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import polars as pl

BOM = b"\xef\xbb\xbf"
CHUNK = 1 << 20
# The columns of LINE_SCHEMA that say what was used, where, when and how much: all but line_no.
LINE_IDENTITY = (
    "licensee",
    "room",
    "isrc",
    "title",
    "artist",
    "duration_s",
    "iswc",
    "played_at",
    "weight",
    "revenue_minor",
)
_TRAILING_SPACE = re.compile(rb"[ \t\r\x0b\x0c]+$", re.MULTILINE)


def content_sha256(path: Path) -> str:
    """The SHA-256 of the file's normalised content (see above), read in chunks."""
    digest = hashlib.sha256()
    pending = b""  # line breaks held back until more text follows: trailing blank lines drop
    rest = b""  # the last, unfinished line of what was read so far
    wrote = False
    with path.open("rb") as handle:
        first = True
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            if first:
                chunk, first = chunk.removeprefix(BOM), False
            data = rest + chunk
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            normalised = _TRAILING_SPACE.sub(b"", data[:cut])
            body = normalised.rstrip(b"\n")
            if body:
                digest.update(pending + body)
                pending, wrote = normalised[len(body) :], True
            else:
                pending += normalised
    last = _TRAILING_SPACE.sub(b"", rest)
    if last:
        digest.update(pending + last)
        wrote = True
    if wrote:
        digest.update(b"\n")
    return digest.hexdigest()


def overlapping_lines(lines: pl.LazyFrame, earlier: pl.LazyFrame) -> tuple[int, int | None]:
    """How many of `lines` are also in `earlier` (both of LINE_SCHEMA), and the first one's line."""
    shared = lines.join(
        earlier.select(LINE_IDENTITY).unique(), on=list(LINE_IDENTITY), how="semi", nulls_equal=True
    )
    count, first = shared.select(pl.len(), pl.col("line_no").min()).collect(engine="streaming").row(0)
    return int(count), first
