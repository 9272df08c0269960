"""The CMO's own play logs (karaoke VOD systems, background music and broadcast logs): CSV.

The header (first line) names the columns, in any order, case and surrounding space ignored::

    licensee,room,isrc,title,artist,duration,played_at,plays

- ``licensee``: the venue's or licensee's id (``venue`` is accepted as its name). Required.
- ``room``: the room or channel, free text. Optional.
- ``isrc``: the recording's ISRC, any usual spelling (``CN-A01-24-00001``). Optional.
- ``title``, ``artist``: as the system shows them, any script. A line needs an ISRC or a title.
- ``duration``: seconds (``245``), ``m:ss`` or ``h:mm:ss``. Optional.
- ``played_at``: ``YYYY-MM-DD HH:MM[:SS]`` (or with ``T``), optionally ``Z`` or ``+08:00``;
  the date as written must fall in the report's period. Stored in UTC when an offset is given,
  as written otherwise. Required.
- ``plays``: a whole number, 1 to 1,000,000. Required.

Columns licensee, played_at, plays and title or isrc must be in the header, or the file is
refused whole; other columns are ignored with a warning. Fields follow RFC 4180 (commas and
quotes inside double quotes). A bad line (wrong number of fields, a field over several lines,
a missing or malformed value) is not ingested and is reported with its line number and field;
the other lines are. The file is read in batches: Python's C CSV reader splits the lines,
Polars checks and converts each batch's columns at once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
import polars as pl

from registry.usage.errors import UsageStructureError
from registry.usage.parts import BATCH_LINES, LineBatches
from registry.usage.schema import MAX_ISSUES, Issues

COLUMNS = ("licensee", "room", "isrc", "title", "artist", "duration", "played_at", "plays")
ALIASES = {"venue": "licensee", "venue_id": "licensee", "licensee_id": "licensee"}
MAX_PLAYS = 1_000_000
HEADER_DOC = ",".join(COLUMNS)

_ISRC = r"^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$"
_STAMP = r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$"


def read_play_log(
    path: Path,
    batches: LineBatches,
    *,
    name: str,
    period: str,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, Issues]:
    """Parse the play log at `path` into `batches`; return (data lines read, issues).
    Raises UsageStructureError when the file cannot be read as a play log at all."""
    issues = Issues()
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        try:
            header = next(reader, None)
        except (UnicodeDecodeError, csv.Error) as exc:
            raise UsageStructureError(name, 1, f"cannot read the header: {exc}") from None
        if not header:
            raise UsageStructureError(name, 1, f"no header line; expected {HEADER_DOC}")
        positions = _columns(header, name, issues)
        width = len(header)
        rows: list[list[str]] = []
        numbers: list[int] = []
        data_lines = 0
        last = reader.line_num
        while True:
            try:
                fields = next(reader, None)
            except UnicodeDecodeError:
                raise UsageStructureError(name, last + 1, "not UTF-8") from None
            except csv.Error as exc:
                # An unterminated quote and similar: the reader cannot find where lines end.
                raise UsageStructureError(name, last + 1, f"unreadable CSV: {exc}") from None
            if fields is None:
                break
            first, last = last + 1, reader.line_num
            if not fields:
                issues.warning(first, "csv", None, "blank line skipped")
                continue
            data_lines += 1
            if last != first:
                issues.error(first, "csv", None, f"a field spans lines {first} to {last}")
            elif len(fields) != width:
                issues.error(first, "csv", None, f"{len(fields)} fields, the header has {width}")
            else:
                rows.append(fields)
                numbers.append(first)
            if len(rows) >= BATCH_LINES:
                _check_batch(rows, numbers, positions, period, batches, issues)
                rows, numbers = [], []
                if progress is not None:
                    progress(raw.tell())
        _check_batch(rows, numbers, positions, period, batches, issues)
        if progress is not None:
            progress(raw.tell())
    return data_lines, issues


def _columns(header: list[str], name: str, issues: Issues) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = cell.strip().lower()
        column = ALIASES.get(column, column)
        if column not in COLUMNS:
            issues.warning(1, "csv", cell, f"column {cell!r} is not one of {HEADER_DOC}; ignored")
            continue
        if column in positions:
            raise UsageStructureError(name, 1, f"column {column!r} appears twice in the header")
        positions[column] = index
    missing = [c for c in ("licensee", "played_at", "plays") if c not in positions]
    if missing or not ({"isrc", "title"} & positions.keys()):
        need = missing + ([] if {"isrc", "title"} & positions.keys() else ["isrc or title"])
        raise UsageStructureError(name, 1, f"the header lacks {', '.join(need)}; expected {HEADER_DOC}")
    return positions


def _check_batch(
    rows: list[list[str]],
    numbers: list[int],
    positions: dict[str, int],
    period: str,
    batches: LineBatches,
    issues: Issues,
) -> None:
    if not rows:
        return
    columns = list(zip(*rows, strict=True))
    raw = pl.DataFrame(
        {"line_no": numbers, **{c: columns[i] for c, i in positions.items()}},
        schema={"line_no": pl.Int64, **dict.fromkeys(positions, pl.Utf8)},
    )
    for column in COLUMNS:
        if column not in positions:
            raw = raw.with_columns(pl.lit(None, pl.Utf8).alias(column))
    frame = raw.with_columns(
        pl.col(c).str.strip_chars().replace("", None).alias(c) for c in COLUMNS
    ).with_columns(_parsed())
    frame = frame.with_columns(_errors(period))
    error_columns = [f"{c}_error" for c in _CHECKED]
    bad = pl.any_horizontal(pl.col(error_columns).is_not_null())
    good = frame.filter(~bad)
    batches.write(
        good.select(
            "line_no",
            "licensee",
            "room",
            pl.col("isrc_compact").alias("isrc"),
            "title",
            "artist",
            pl.col("duration_value").alias("duration_s"),
            pl.lit(None, pl.Utf8).alias("iswc"),
            pl.col("played_utc").alias("played_at"),
            pl.col("plays_value").alias("weight"),
            pl.lit(None, pl.Int64).alias("revenue_minor"),
        )
    )
    failures = frame.filter(bad).select("line_no", *error_columns)
    if failures.height:
        long = failures.unpivot(index="line_no", on=error_columns, variable_name="field", value_name="message")
        long = long.drop_nulls("message").sort("line_no", "field")
        # Counted exactly; only the first issues are kept in detail.
        room = max(0, MAX_ISSUES - len(issues.kept))
        for number, field_name, message in long.head(room).iter_rows():
            issues.error(number, "csv", field_name.removesuffix("_error"), message)
        issues.errors += max(0, long.height - room)


_CHECKED = ("licensee", "isrc", "title", "duration", "played_at", "plays")


def _parsed() -> list[pl.Expr]:
    isrc = pl.col("isrc").str.to_uppercase().str.replace_all(r"[\s\-.]", "")
    duration = pl.col("duration")
    parts = duration.str.extract_groups(r"^(?:(?:(\d+):)?(\d{1,2}):)?(\d+)$")
    seconds = (
        parts.struct.field("1").cast(pl.Int64, strict=False).fill_null(0) * 3600
        + parts.struct.field("2").cast(pl.Int64, strict=False).fill_null(0) * 60
        + parts.struct.field("3").cast(pl.Int64, strict=False)
    )
    stamp = pl.col("played_at").str.extract_groups(_STAMP)
    local_text = stamp.struct.field("1") + " " + stamp.struct.field("2") + stamp.struct.field("3").fill_null(":00")
    local = local_text.str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us")
    zone = stamp.struct.field("4").str.replace(":", "")
    offset_minutes = (
        pl.when(zone.is_null() | (zone == "Z"))
        .then(0)
        .otherwise(
            (zone.str.slice(1, 2).cast(pl.Int64, strict=False) * 60 + zone.str.slice(3, 2).cast(pl.Int64, strict=False))
            * pl.when(zone.str.starts_with("-")).then(-1).otherwise(1)
        )
    )
    plays = pl.col("plays").str.replace_all(r"^\+", "").cast(pl.Int64, strict=False)
    return [
        isrc.alias("isrc_compact"),
        pl.when(duration.str.contains(r"^(?:(?:\d+:)?\d{1,2}:)?\d+$")).then(seconds).alias("duration_value"),
        local.alias("played_local"),
        (local - pl.duration(minutes=offset_minutes)).alias("played_utc"),
        stamp.struct.field("1").alias("played_date"),
        plays.alias("plays_value"),
    ]


def _errors(period: str) -> list[pl.Expr]:
    def message(condition: pl.Expr, text: pl.Expr | str) -> pl.Expr:
        value = pl.lit(text) if isinstance(text, str) else text
        return pl.when(condition).then(value).otherwise(pl.lit(None, pl.Utf8))

    quoted = lambda c: pl.lit(f"{c} ") + pl.col(c).fill_null("")  # noqa: E731
    return [
        message(pl.col("licensee").is_null(), "missing: the venue or licensee id is required").alias(
            "licensee_error"
        ),
        message(
            pl.col("isrc").is_not_null() & ~pl.col("isrc_compact").str.contains(_ISRC),
            quoted("isrc") + pl.lit(" is not an ISRC (CC-XXX-YY-NNNNN)"),
        ).alias("isrc_error"),
        message(
            pl.col("isrc").is_null() & pl.col("title").is_null(), "missing: a line needs an ISRC or a title"
        ).alias("title_error"),
        message(
            pl.col("duration").is_not_null() & pl.col("duration_value").is_null(),
            quoted("duration") + pl.lit(" is not seconds, m:ss or h:mm:ss"),
        ).alias("duration_error"),
        pl.when(pl.col("played_at").is_null())
        .then(pl.lit("missing: when the song was played"))
        .when(pl.col("played_local").is_null())
        .then(quoted("played_at") + pl.lit(" is not YYYY-MM-DD HH:MM[:SS][±HH:MM]"))
        .when(~pl.col("played_date").str.starts_with(period))
        .then(quoted("played_at") + pl.lit(f" is outside the period {period}"))
        .otherwise(pl.lit(None, pl.Utf8))
        .alias("played_at_error"),
        pl.when(pl.col("plays").is_null())
        .then(pl.lit("missing: the number of plays"))
        .when(pl.col("plays_value").is_null() | (pl.col("plays_value") < 1) | (pl.col("plays_value") > MAX_PLAYS))
        .then(quoted("plays") + pl.lit(f" is not a whole number from 1 to {MAX_PLAYS:,}"))
        .otherwise(pl.lit(None, pl.Utf8))
        .alias("plays_error"),
    ]
