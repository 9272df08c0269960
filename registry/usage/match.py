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

from registry.models import Work
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
    # The registry's own spellings and their keys: a usage title written exactly as a recording's
    # title needs no normalising again.
    title_keys: pl.DataFrame  # title, title_key
    artist_keys: pl.DataFrame  # artist, artist_key


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
    # Plain driver rows, not ORM objects: a million recordings load in seconds.
    rows = (
        session.connection()
        .exec_driver_sql(
            "SELECT id, isrc, title, title_key, artist, artist_key, duration_seconds, merged_into_id"
            " FROM recording"
        )
        .fetchall()
    )
    raw = pl.DataFrame(
        rows,
        schema={
            "recording_id": pl.Int64,
            "isrc": pl.Utf8,
            "title": pl.Utf8,
            "title_key": pl.Utf8,
            "artist": pl.Utf8,
            "artist_key": pl.Utf8,
            "rec_duration": pl.Int64,
            "merged_into": pl.Int64,
        },
        orient="row",
    )
    to_survivor = survivors(
        raw.filter(pl.col("merged_into").is_not_null()).select("recording_id", "merged_into").rows()
    )
    recordings = raw.select(
        pl.col("recording_id").replace(to_survivor) if to_survivor else pl.col("recording_id"),
        "isrc",
        "title_key",
        "artist_key",
        "rec_duration",
    )
    work_rows = session.execute(select(Work.id, Work.iswc, Work.merged_into_id)).all()
    to_work = survivors([(r[0], r[2]) for r in work_rows])
    works = pl.DataFrame(
        [(to_work.get(r[0], r[0]), r[1]) for r in work_rows if r[1]],
        schema={"work_id": pl.Int64, "iswc": pl.Utf8},
        orient="row",
    )
    return Repertoire(
        recordings,
        works,
        raw.select("title", "title_key").unique("title"),
        raw.select("artist", "artist_key").drop_nulls("artist").unique("artist"),
    )


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
    keys = _text_keys(keys, repertoire)
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
    keys = keys.join(groups, on=GROUP, how="left", nulls_equal=True).with_columns(
        # A matched key may share its title and artist with unmatched ones: it is in no group.
        pl.when(pl.col("match_method").is_null()).then(pl.col("group_no")).alias("group_no")
    )
    return keys.select(
        *KEY, "first_line", "recording_id", "work_id", "match_method", "group_no", "title_key", "artist_key"
    )


def _text_keys(keys: pl.DataFrame, repertoire: Repertoire) -> pl.DataFrame:
    """Adds title_key and artist_key to the keys no ISRC matched (null and "" elsewhere, which
    need none): the registry's keys for spellings it holds, Python normalisation once per other
    distinct value."""
    needed = keys.filter(pl.col("isrc_recording").is_null())
    titles = needed.select("title").drop_nulls().unique().join(repertoire.title_keys, on="title", how="left")
    fresh = titles.filter(pl.col("title_key").is_null())["title"].to_list()
    titles = pl.concat(
        [
            titles.drop_nulls("title_key"),
            pl.DataFrame(
                {"title": fresh, "title_key": [normalise_title(t) or None for t in fresh]},
                schema={"title": pl.Utf8, "title_key": pl.Utf8},
            ),
        ]
    )
    artists = (
        needed.select("artist").drop_nulls().unique().join(repertoire.artist_keys, on="artist", how="left")
    )
    fresh = artists.filter(pl.col("artist_key").is_null())["artist"].to_list()
    artists = pl.concat(
        [
            artists.drop_nulls("artist_key"),
            pl.DataFrame(
                {"artist": fresh, "artist_key": [name_key(a) for a in fresh]},
                schema={"artist": pl.Utf8, "artist_key": pl.Utf8},
            ),
        ]
    )
    keyed = (
        keys.join(titles, on="title", how="left")
        .join(artists, on="artist", how="left")
        .with_columns(
            pl.when(pl.col("isrc_recording").is_null()).then(pl.col("title_key")).alias("title_key"),
            pl.when(pl.col("isrc_recording").is_null())
            .then(pl.col("artist_key"))
            .fill_null("")
            .alias("artist_key"),
        )
    )
    return keyed


def match_lines(lines: pl.LazyFrame, repertoire: Repertoire) -> tuple[pl.LazyFrame, pl.DataFrame]:
    """The lines with their match columns (STORED_SCHEMA; not in line order) and the key table."""
    keys = lines.group_by(KEY).agg(pl.col("line_no").min().alias("first_line")).collect(engine="streaming")
    matched = match_keys(keys, repertoire)
    result = lines.join(
        matched.lazy().select(*KEY, "recording_id", "work_id", "match_method", "group_no"),
        on=KEY,
        how="left",
        nulls_equal=True,
        # The key table is the hash side: the lines stream past it, so memory stays flat (a
        # build on the lines side grows with them). Lines keep their line_no, not their order.
        build_side="force_right",
    ).with_columns(pl.col("match_method").is_not_null().alias("matched"))
    return result.select(pl.col(n).cast(t) for n, t in STORED_SCHEMA.items()), matched
