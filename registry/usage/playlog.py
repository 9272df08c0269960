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
the other lines are. A play log has no trailer: a file whose last line has no line break and is
short or invalid was cut there, and is refused whole. A file whose lines are all regular is
read by Polars, streaming; any other by Python's CSV reader in batches (see read_play_log);
Polars checks and converts the columns either way, never a Python loop per value. Memory stays
flat however long the file.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import polars as pl

from registry.usage.errors import UsageStructureError
from registry.usage.parts import BATCH_LINES, LineBatches
from registry.usage.schema import MAX_ISSUES, Issues

COLUMNS = ("licensee", "room", "isrc", "title", "artist", "duration", "played_at", "plays")
ALIASES = {"venue": "licensee", "venue_id": "licensee", "licensee_id": "licensee"}
MAX_PLAYS = 1_000_000
HEADER_DOC = ",".join(COLUMNS)

_CHECKED = ("licensee", "isrc", "title", "duration", "played_at", "plays")
_ERROR_COLUMNS = [f"{c}_error" for c in _CHECKED]
_ISRC = r"^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$"
_TAIL_BYTES = 64 * 1024  # the last line of a play log is far shorter
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
    Raises UsageStructureError when the file cannot be read as a play log at all.

    A file whose every line is one complete record with the header's number of fields (the
    usual case, checked by one vectorised pass over its raw lines) is parsed by Polars' CSV
    reader, streaming; any other file by Python's CSV reader in batches, which can say which
    line is ragged, blank or split over several lines. Both check the values the same way."""
    issues = Issues()
    header = _header(path, name)
    positions = _columns(header, name, issues)
    _refuse_cut(path, len(header), positions, period, name)
    if _regular(path, len(header)):
        data_lines = _read_fast(path, header, positions, period, batches, issues)
    else:
        data_lines = _read_slow(path, len(header), positions, period, batches, issues, progress, name=name)
    if progress is not None:
        progress(path.stat().st_size)
    return data_lines, issues


def _decoded(raw: Iterable[bytes], name: str) -> Iterator[str]:
    """The file's lines as text, line endings kept (as the CSV reader wants them); a line that
    is not UTF-8 refuses the file, naming it."""
    for number, line in enumerate(raw, start=1):
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageStructureError(name, number, f"not UTF-8 at byte {exc.start}") from None


def _refuse_cut(path: Path, width: int, positions: dict[str, int], period: str, name: str) -> None:
    """A play log has no trailer to say where it ends: a file whose last line has no line break
    and is short or invalid was cut in the middle of that line (a copy or upload stopped), and
    is refused whole, since what else it lost cannot be told."""
    size = path.stat().st_size
    with path.open("rb") as raw:
        raw.seek(max(0, size - _TAIL_BYTES))
        tail = raw.read()
    start = tail.rfind(b"\n")
    if tail.endswith(b"\n") or start < 0:  # ends whole, or the header alone (or a huge line)
        return
    last = tail[start + 1 :].rstrip(b"\r")
    try:
        fields = next(csv.reader([last.decode("utf-8")]), [])
    except (UnicodeDecodeError, csv.Error):
        fields = []
    problem = f"{len(fields)} fields, the header has {width}" if len(fields) != width else None
    if problem is None:
        row = pl.DataFrame(
            {"line_no": [0], **{c: [fields[i]] for c, i in positions.items()}},
            schema={"line_no": pl.Int64, **dict.fromkeys(positions, pl.Utf8)},
        )
        checked = _checked(row.lazy(), positions, period).collect()
        errors = [m for m in checked.select(_ERROR_COLUMNS).row(0) if m is not None]
        problem = errors[0] if errors else None
    if problem is not None:
        raise UsageStructureError(
            name,
            _count_lines(path),
            f"the file ends inside this line ({problem}), with no line break: it was cut short; "
            "refused whole",
        )


def _count_lines(path: Path) -> int:
    with path.open("rb") as raw:
        return 1 + sum(chunk.count(b"\n") for chunk in iter(lambda: raw.read(1 << 20), b""))


def _header(path: Path, name: str) -> list[str]:
    with path.open("rb") as raw:
        try:
            header = next(csv.reader(_decoded(raw, name), strict=True), None)
        except csv.Error as exc:
            raise UsageStructureError(name, 1, f"cannot read the header: {exc}") from None
    if not header:
        raise UsageStructureError(name, 1, f"no header line; expected {HEADER_DOC}")
    return header


def _regular(path: Path, width: int) -> bool:
    """Whether every line after the header is one record of `width` fields: no blank line, no
    quoted line break, no ragged line (commas counted outside double quotes)."""
    try:
        raw = pl.scan_csv(
            path,
            has_header=False,
            separator="\x1f",
            quote_char=None,
            schema={"line": pl.Utf8},
            skip_rows=1,
            empty_string_is_null=False,
        )
        line = pl.col("line")
        quoted = pl.when(line.str.contains('"', literal=True)).then(line)
        unquoted = pl.coalesce(quoted.str.replace_all(r'"[^"]*"', ""), line)
        bad = raw.select(
            (
                line.is_null()
                | (line.str.strip_chars("\r") == "")
                | (quoted.str.count_matches('"').fill_null(0) % 2 == 1)
                | (unquoted.str.count_matches(",", literal=True) != width - 1)
            ).sum()
        ).collect(engine="streaming")
    except pl.exceptions.PolarsError:  # not UTF-8, a 0x1f inside a line...: let Python say where
        return False
    return int(bad.item()) == 0


def _read_fast(
    path: Path,
    header: list[str],
    positions: dict[str, int],
    period: str,
    batches: LineBatches,
    issues: Issues,
) -> int:
    names = [f"c{i}" for i in range(len(header))]
    scan = pl.scan_csv(
        path,
        has_header=False,
        skip_rows=1,
        new_columns=names,
        schema=dict.fromkeys(names, pl.Utf8),
        row_index_name="line_no",
        row_index_offset=2,
        empty_string_is_null=False,
        encoding="utf8",
    ).select(
        pl.col("line_no").cast(pl.Int64),
        *[pl.col(f"c{i}").alias(c) for c, i in positions.items()],
    )
    checked = _checked(scan, positions, period)
    failures = batches.folder / "failures.arrow"
    # One pass over the file: the good lines to a part, the failed checks beside them.
    batches.sink(_good(checked), also=_failures(checked).sink_ipc(failures, compression="lz4", lazy=True))
    _report_failures(pl.scan_ipc(failures), issues)
    return batches.lines + int(pl.scan_ipc(failures).select(pl.len()).collect().item())


def _read_slow(
    path: Path,
    width: int,
    positions: dict[str, int],
    period: str,
    batches: LineBatches,
    issues: Issues,
    progress: Callable[[int], None] | None,
    *,
    name: str | None = None,
) -> int:
    name = name or path.name  # errors name the file as the caller knows it (an upload's name)
    with path.open("rb") as raw:
        reader = csv.reader(_decoded(raw, name), strict=True)
        next(reader)
        rows: list[list[str]] = []
        numbers: list[int] = []
        data_lines = 0
        last = reader.line_num
        while True:
            try:
                fields = next(reader, None)
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
    return data_lines


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
    checked = _checked(raw.lazy(), positions, period).collect().lazy()
    batches.write(_good(checked).collect())
    _report_failures(_failures(checked), issues)


def _checked(raw: pl.LazyFrame, positions: dict[str, int], period: str) -> pl.LazyFrame:
    """The raw text columns with their parsed values and one error column per checked field."""
    missing = [pl.lit(None, pl.Utf8).alias(c) for c in COLUMNS if c not in positions]
    return (
        raw.with_columns(missing)
        .with_columns(_trimmed(pl.col(c)).alias(c) for c in COLUMNS)
        .with_columns(_parsed())
        .with_columns(_errors(period))
        .with_columns(pl.any_horizontal(pl.col(_ERROR_COLUMNS).is_not_null()).alias("bad"))
    )


def _trimmed(text: pl.Expr) -> pl.Expr:
    """Without surrounding white space; null when blank. Only padded values are stripped."""
    padded = text.str.starts_with(" ") | text.str.ends_with(" ") | text.str.contains("\t", literal=True)
    value = pl.coalesce(pl.when(padded).then(text).str.strip_chars(), text)
    return pl.when(value.str.len_bytes() > 0).then(value)


def _good(checked: pl.LazyFrame) -> pl.LazyFrame:
    return checked.filter(~pl.col("bad")).select(
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


def _failures(checked: pl.LazyFrame) -> pl.LazyFrame:
    return checked.filter(pl.col("bad")).select("line_no", *_ERROR_COLUMNS)


def _report_failures(failures: pl.LazyFrame, issues: Issues) -> None:
    """Count every failed check; keep the first ones, by line, in detail."""
    total = int(
        failures.select(pl.sum_horizontal(pl.col(_ERROR_COLUMNS).is_not_null().sum())).collect().item() or 0
    )
    if not total:
        return
    room = max(0, MAX_ISSUES - len(issues.kept))
    first = (
        failures.sort("line_no")
        .head(room)
        .unpivot(index="line_no", on=_ERROR_COLUMNS, variable_name="field", value_name="message")
        .drop_nulls("message")
        .sort("line_no", "field")
        .head(room)
        .collect()
    )
    for number, field_name, message in first.iter_rows():
        issues.error(number, "csv", field_name.removesuffix("_error"), message)
    issues.errors += total - first.height


def _parsed() -> list[pl.Expr]:
    """Parsed values; null where a value does not parse. The common spellings take the cheap
    paths, and the general patterns only see the values that need them (a when() whose input is
    null elsewhere), so ten million lines stay fast."""
    raw_isrc = pl.col("isrc")
    spelled = pl.when(raw_isrc.str.len_bytes() != 12).then(raw_isrc)
    isrc = pl.coalesce(spelled.str.replace_all(r"[\s\-.]", ""), raw_isrc).str.to_uppercase()
    duration = pl.col("duration")
    plain = duration.str.to_integer(strict=False)
    clock = pl.when(plain.is_null()).then(duration).str.extract_groups(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")
    seconds = pl.coalesce(
        plain,
        clock.struct.field("1").cast(pl.Int64, strict=False).fill_null(0) * 3600
        + clock.struct.field("2").cast(pl.Int64, strict=False) * 60
        + clock.struct.field("3").cast(pl.Int64, strict=False),
    )
    played = pl.col("played_at")
    usual = played.str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us")
    stamp = pl.when(usual.is_null()).then(played).str.extract_groups(_STAMP)
    other_text = (
        stamp.struct.field("1") + " " + stamp.struct.field("2") + stamp.struct.field("3").fill_null(":00")
    )
    other = other_text.str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us")
    zone = stamp.struct.field("4").str.replace(":", "")
    offset_minutes = (
        pl.when(zone.is_null() | (zone == "Z"))
        .then(0)
        .otherwise(
            (
                zone.str.slice(1, 2).cast(pl.Int64, strict=False) * 60
                + zone.str.slice(3, 2).cast(pl.Int64, strict=False)
            )
            * pl.when(zone.str.starts_with("-")).then(-1).otherwise(1)
        )
    )
    local = pl.coalesce(usual, other)
    plays = pl.col("plays").str.strip_prefix("+").str.to_integer(strict=False)
    return [
        isrc.alias("isrc_compact"),
        pl.when(duration.is_not_null()).then(seconds).alias("duration_value"),
        local.alias("played_local"),
        pl.when(usual.is_not_null())
        .then(usual)
        .otherwise(other - pl.duration(minutes=offset_minutes))
        .alias("played_utc"),
        played.str.slice(0, 10).alias("played_date"),
        plays.alias("plays_value"),
    ]


def _quoted(column: str) -> pl.Expr:
    return pl.lit(f"{column} ") + pl.col(column).fill_null("")


def _errors(period: str) -> list[pl.Expr]:
    def message(condition: pl.Expr, text: pl.Expr | str) -> pl.Expr:
        value = pl.lit(text) if isinstance(text, str) else text
        return pl.when(condition).then(value).otherwise(pl.lit(None, pl.Utf8))

    return [
        message(pl.col("licensee").is_null(), "missing: the venue or licensee id is required").alias(
            "licensee_error"
        ),
        message(
            pl.col("isrc").is_not_null() & ~pl.col("isrc_compact").str.contains(_ISRC),
            _quoted("isrc") + pl.lit(" is not an ISRC (CC-XXX-YY-NNNNN)"),
        ).alias("isrc_error"),
        message(
            pl.col("isrc").is_null() & pl.col("title").is_null(), "missing: a line needs an ISRC or a title"
        ).alias("title_error"),
        message(
            pl.col("duration").is_not_null() & pl.col("duration_value").is_null(),
            _quoted("duration") + pl.lit(" is not seconds, m:ss or h:mm:ss"),
        ).alias("duration_error"),
        pl.when(pl.col("played_at").is_null())
        .then(pl.lit("missing: when the song was played"))
        .when(pl.col("played_local").is_null())
        .then(_quoted("played_at") + pl.lit(" is not YYYY-MM-DD HH:MM[:SS][±HH:MM]"))
        .when(~pl.col("played_date").str.starts_with(period))
        .then(_quoted("played_at") + pl.lit(f" is outside the period {period}"))
        .otherwise(pl.lit(None, pl.Utf8))
        .alias("played_at_error"),
        pl.when(pl.col("plays").is_null())
        .then(pl.lit("missing: the number of plays"))
        .when(
            pl.col("plays_value").is_null()
            | (pl.col("plays_value") < 1)
            | (pl.col("plays_value") > MAX_PLAYS)
        )
        .then(_quoted("plays") + pl.lit(f" is not a whole number from 1 to {MAX_PLAYS:,}"))
        .otherwise(pl.lit(None, pl.Utf8))
        .alias("plays_error"),
    ]
