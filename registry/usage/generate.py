"""Synthetic usage for benchmarks, demos and tests: play logs (CSV) and small DSR files.

Deterministic for a seed. The play log is built column-wise with numpy and written by Polars,
so ten million lines take seconds: popular songs are played far more often than the rest (a
skewed draw over the recordings given), a share of lines carry no ISRC (matched by title,
artist and duration) and a share are songs nobody registered (unidentified usage).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import polars as pl

from registry.usage.playlog import COLUMNS
from registry.usage.schema import parse_period

CHUNK_LINES = 1_000_000


def generate_play_log(
    path: Path,
    *,
    lines: int,
    isrcs: Sequence[str | None],
    titles: Sequence[str],
    artists: Sequence[str | None] | None = None,
    durations: Sequence[int | None] | None = None,
    period: str = "2026-03",
    seed: int = 0,
    without_isrc_share: float = 0.1,
    unknown_share: float = 0.02,
    venues: int = 500,
) -> Path:
    """Write a play log of `lines` lines over the recordings described by the parallel lists
    `isrcs`, `titles`, `artists`, `durations` (seconds). Returns `path`."""
    parse_period(period)
    count = len(titles)
    if count == 0 or len(isrcs) != count:
        raise ValueError("isrcs and titles must be parallel lists of at least one recording")
    artists = artists if artists is not None else [None] * count
    durations = durations if durations is not None else [None] * count
    rng = np.random.default_rng(seed)
    catalogue = pl.DataFrame(
        {
            "isrc": list(isrcs),
            "title": list(titles),
            "artist": list(artists),
            "duration": list(durations),
        },
        schema={"isrc": pl.Utf8, "title": pl.Utf8, "artist": pl.Utf8, "duration": pl.Int64},
    ).with_row_index("pick")
    with path.open("wb") as out:
        # In chunks, so memory stays flat for ten million lines.
        for start in range(0, lines, CHUNK_LINES):
            size = min(CHUNK_LINES, lines - start)
            chunk = _play_chunk(rng, size, catalogue, period, without_isrc_share, unknown_share, venues)
            chunk.write_csv(out, include_header=start == 0, null_value="")
        if lines == 0:
            out.write((",".join(COLUMNS) + "\n").encode())
    return path


def _play_chunk(
    rng: np.random.Generator,
    lines: int,
    catalogue: pl.DataFrame,
    period: str,
    without_isrc_share: float,
    unknown_share: float,
    venues: int,
) -> pl.DataFrame:
    count = catalogue.height
    # Skewed popularity: the square of a uniform draw favours the first recordings.
    pick = (rng.random(lines) ** 2 * count).astype(np.int64)
    unknown = rng.random(lines) < unknown_share
    bare = rng.random(lines) < without_isrc_share
    year, month = int(period[:4]), int(period[5:])
    seconds_in_month = calendar.monthrange(year, month)[1] * 86_400
    return (
        pl.DataFrame(
            {
                "pick": pick,
                "unknown": unknown,
                "bare": bare,
                "venue": rng.integers(1, venues + 1, lines),
                "room": rng.integers(1, 41, lines),
                "offset": rng.integers(0, seconds_in_month, lines),
                "plays": 1 + rng.poisson(0.3, lines),
                "stranger": rng.integers(0, 5_000, lines),
            }
        )
        .join(
            catalogue.with_columns(pl.col("pick").cast(pl.Int64)),
            on="pick",
            how="left",
            maintain_order="left",
        )
        .with_columns(
            pl.format("KTV-{}", pl.col("venue").cast(pl.Utf8).str.zfill(5)).alias("licensee"),
            pl.format("R{}", pl.col("room").cast(pl.Utf8).str.zfill(2)).alias("room"),
            (pl.datetime(year, month, 1) + pl.duration(seconds=pl.col("offset")))
            .dt.strftime("%Y-%m-%d %H:%M:%S")
            .alias("played_at"),
        )
        .with_columns(
            pl.when(pl.col("unknown") | pl.col("bare")).then(None).otherwise(pl.col("isrc")).alias("isrc"),
            pl.when(pl.col("unknown"))
            .then(pl.format("Unregistered Song {}", pl.col("stranger")))
            .otherwise(pl.col("title"))
            .alias("title"),
            pl.when(pl.col("unknown"))
            .then(pl.format("Unknown Band {}", pl.col("stranger") % 97))
            .otherwise(pl.col("artist"))
            .alias("artist"),
            pl.when(pl.col("unknown"))
            .then(200 + pl.col("stranger") % 100)
            .otherwise(pl.col("duration"))
            .alias("duration"),
        )
        .select(COLUMNS)
    )


@dataclass(frozen=True)
class DsrResource:
    isrc: str | None
    title: str
    artist: str
    duration_seconds: int | None = None
    iswc: str | None = None


def generate_dsr(
    path: Path,
    resources: Sequence[DsrResource],
    *,
    period: str = "2026-03",
    seed: int = 0,
    service: str = "StreamCo",
    currency: str = "CNY",
    max_streams: int = 50_000,
) -> Path:
    """Write a DSR flat file (dsrf/30, UGC profile layout) with one block per resource: AS01,
    MW01 when it has an ISWC, one SU03 sales record, and a FOOT whose counts are right."""
    parse_period(period)
    rng = np.random.default_rng(seed)
    year, month = int(period[:4]), int(period[5:])
    last_day = calendar.monthrange(year, month)[1]
    start, end = f"{period}-01", f"{period}-{last_day:02d}"
    streams = rng.integers(1, max_streams + 1, len(resources))
    # Revenue per 1000 streams in hundredths of the currency: exact decimals, never float.
    rates = rng.integers(50, 400, len(resources))
    revenue = [Decimal(int(s) * int(r)) / Decimal(100_000) for s, r in zip(streams, rates, strict=True)]
    net = sum(revenue, Decimal(0)).quantize(Decimal("0.01"))
    body: list[str] = []
    for block, (resource, usage, amount) in enumerate(zip(resources, streams, revenue, strict=True), start=1):
        duration = f"PT{(resource.duration_seconds or 0) // 60}M{(resource.duration_seconds or 0) % 60}S"
        body.append(
            _tsv(
                "AS01",
                block,
                f"RES{block}",
                f"DSP{block:08d}",
                resource.isrc or "",
                _escape(resource.title),
                "",
                _escape(resource.artist),
                "",
                duration,
                "SoundRecording",
            )
        )
        if resource.iswc:
            body.append(
                _tsv("MW01.01", block, f"W{block:08d}", resource.iswc, _escape(resource.title), "", "")
            )
        body.append(_tsv("SU03.01", block, f"S{block}", 1, f"DSP{block:08d}", int(usage), amount, start, end))
    head = [
        _tsv(
            "HEAD",
            "dsrf/30",
            "UGCProfile",
            "1.0",
            f"MSG{seed:08d}",
            f"{end}T23:59:59Z",
            1,
            1,
            start,
            end,
            "PADPIDA2013020802I",
            service,
            "Music",
            "PADPIDA20070627029",
            "CMO",
            "Residual",
        ),
        "#SY02.01\tSummaryRecordId\tDistributionChannel\tDistributionChannelDPID\tCommercialModel\tUseType"
        "\tTerritory\tServiceDescription\tUsages\tUsers\tCurrency\tNetRevenue",
        "#AS01\tBlockId\tResourceReference\tDspResourceId\tISRC\tTitle\tSubTitle\tDisplayArtistName"
        "\tDisplayArtistPartyId\tDuration\tResourceType",
        "#MW01.01\tBlockId\tDspWorkId\tISWC\tTitle\tSubTitle\tComposerAuthor",
        "#SU03.01\tBlockId\tSalesTransactionId\tSummaryRecordId\tDspReleaseId\tUsages\tNetRevenue"
        "\tValidityPeriodStart\tValidityPeriodEnd",
        _tsv(
            "SY02.01",
            1,
            "",
            "",
            "SubscriptionModel",
            "Stream",
            "CN",
            "Music",
            int(streams.sum()),
            "",
            currency,
            net,
        ),
    ]
    total = len(head) + len(body) + 1
    foot = _tsv("FOOT", total, total, 1, len(resources), len(resources))
    path.write_text("\n".join([*head, *body, foot]) + "\n", encoding="utf-8")
    return path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\t", " ")


def _tsv(*cells: object) -> str:
    return "\t".join(str(cell) for cell in cells)
