"""Matching usage lines to the repertoire, vectorised with Polars.

1. ISRC -> recording (a merged recording leads to its survivor).
2. Else the normalised title (registry.normalise.normalise_title: NFKC, case and width folded,
   punctuation removed, Chinese and Latin alike) and the artist's name key
   (registry.normalise.name_key) -> recordings with that title and artist, whose duration is
   within DURATION_TOLERANCE seconds when both durations are known; the closest duration wins,
   then the lowest id.
3. Else the ISWC a DSR gives -> work.
4. What is left is unidentified, grouped by (ISRC, title key, artist key); groups are numbered in
   the order of their first line.

The repertoire is read from the database once per run into small frames. Matching works on the
distinct (ISRC, title, artist, duration, ISWC) combinations of a report, never per line, so the
Python-level normalisation of titles runs once per distinct title; the lines themselves only
meet the result in one streaming join.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Recording, Work
from registry.normalise import name_key, normalise_title
from registry.usage.schema import STORED_SCHEMA

DURATION_TOLERANCE = 2  # seconds
KEY = ["isrc", "title", "artist", "duration_s", "iswc"]
GROUP = ["isrc", "title_key", "artist_key"]


@dataclass(frozen=True)
class Repertoire:
    """What matching needs of the registry, read once: recordings and works with an ISWC."""

    recordings: pl.DataFrame  # recording_id, isrc, title_key, artist_key, rec_duration
    works: pl.DataFrame  # work_id, iswc


def survivors(pairs: list[tuple[int, int | None]]) -> dict[int, int]:
    """id -> the id it was (eventually) merged into, for merged ids only."""
    merged = {i: m for i, m in pairs if m is not None}
    result: dict[int, int] = {}
    for start in merged:
        seen, current = {start}, merged[start]
        while current in merged and current not in seen:  # a cycle cannot happen; never loop on one
            seen.add(current)
            current = merged[current]
        result[start] = current
    return result


def load_repertoire(session: Session) -> Repertoire:
    rows = session.execute(
        select(
            Recording.id,
            Recording.isrc,
            Recording.title_key,
            Recording.artist_key,
            Recording.duration_seconds,
            Recording.merged_into_id,
        )
    ).all()
    to_survivor = survivors([(r[0], r[5]) for r in rows])
    recordings = pl.DataFrame(
        [(to_survivor.get(r[0], r[0]), r[1], r[2], r[3], r[4]) for r in rows],
        schema={
            "recording_id": pl.Int64,
            "isrc": pl.Utf8,
            "title_key": pl.Utf8,
            "artist_key": pl.Utf8,
            "rec_duration": pl.Int64,
        },
        orient="row",
    )
    work_rows = session.execute(select(Work.id, Work.iswc, Work.merged_into_id)).all()
    to_work = survivors([(r[0], r[2]) for r in work_rows])
    works = pl.DataFrame(
        [(to_work.get(r[0], r[0]), r[1]) for r in work_rows if r[1]],
        schema={"work_id": pl.Int64, "iswc": pl.Utf8},
        orient="row",
    )
    return Repertoire(recordings, works)


def match_keys(keys: pl.DataFrame, repertoire: Repertoire) -> pl.DataFrame:
    """For each distinct key (KEY columns + first_line): recording_id, work_id, match_method,
    title_key, artist_key, and group_no for the unmatched."""
    keys = keys.with_row_index("key_id")
    recordings = repertoire.recordings
    by_isrc = (
        recordings.filter(pl.col("isrc").is_not_null())
        .sort("recording_id")
        .unique("isrc", keep="first")
        .select("isrc", pl.col("recording_id").alias("isrc_recording"))
    )
    keys = keys.join(by_isrc, on="isrc", how="left")
    keys = keys.with_columns(_text_keys(keys))
    candidates = (
        keys.filter(pl.col("isrc_recording").is_null() & pl.col("title_key").is_not_null())
        .select("key_id", "title_key", "artist_key", "duration_s")
        .join(recordings.drop("isrc"), on=["title_key", "artist_key"], how="inner")
        .with_columns((pl.col("duration_s") - pl.col("rec_duration")).abs().alias("gap"))
        .filter(pl.col("gap").is_null() | (pl.col("gap") <= DURATION_TOLERANCE))
        .sort("key_id", "gap", "recording_id", nulls_last=True)
        .unique("key_id", keep="first")
        .select("key_id", pl.col("recording_id").alias("title_recording"))
    )
    keys = keys.join(candidates, on="key_id", how="left")
    by_iswc = repertoire.works.sort("work_id").unique("iswc", keep="first")
    keys = keys.join(by_iswc.rename({"work_id": "iswc_work"}), on="iswc", how="left")
    recording = pl.coalesce("isrc_recording", "title_recording")
    keys = keys.with_columns(
        recording.alias("recording_id"),
        pl.when(recording.is_null()).then(pl.col("iswc_work")).alias("work_id"),
        pl.when(pl.col("isrc_recording").is_not_null())
        .then(pl.lit("isrc"))
        .when(pl.col("title_recording").is_not_null())
        .then(pl.lit("title"))
        .when(pl.col("iswc_work").is_not_null())
        .then(pl.lit("iswc"))
        .alias("match_method"),
    )
    unmatched = keys.filter(pl.col("match_method").is_null())
    groups = (
        unmatched.group_by(GROUP)
        .agg(pl.col("first_line").min())
        .sort("first_line")
        .with_row_index("group_no", offset=1)
        .select(*GROUP, pl.col("group_no").cast(pl.Int64))
    )
    keys = keys.join(groups, on=GROUP, how="left", nulls_equal=True)
    return keys.select(
        *KEY, "first_line", "recording_id", "work_id", "match_method", "group_no", "title_key", "artist_key"
    )


def _text_keys(keys: pl.DataFrame) -> list[pl.Series]:
    """title_key and artist_key: Python normalisation, once per distinct value."""
    titles = keys["title"].unique().drop_nulls().to_list()
    artists = keys["artist"].unique().drop_nulls().to_list()
    title_map = {t: normalise_title(t) or None for t in titles}
    artist_map = {a: name_key(a) for a in artists}
    title_key = keys["title"].replace_strict(title_map, default=None, return_dtype=pl.Utf8).alias("title_key")
    artist_key = (
        keys["artist"].replace_strict(artist_map, default="", return_dtype=pl.Utf8).fill_null("").alias("artist_key")
    )
    return [title_key, artist_key]


def match_lines(lines: pl.LazyFrame, repertoire: Repertoire) -> tuple[pl.LazyFrame, pl.DataFrame]:
    """The lines with their match columns (STORED_SCHEMA, in line order) and the key table."""
    keys = lines.group_by(KEY).agg(pl.col("line_no").min().alias("first_line")).collect(engine="streaming")
    matched = match_keys(keys, repertoire)
    result = lines.join(
        matched.lazy().select(*KEY, "recording_id", "work_id", "match_method", "group_no"),
        on=KEY,
        how="left",
        nulls_equal=True,
        maintain_order="left",
    ).with_columns(pl.col("match_method").is_not_null().alias("matched"))
    return result.select(pl.col(n).cast(t) for n, t in STORED_SCHEMA.items()), matched
