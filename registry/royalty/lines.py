"""The canonical form of payout lines and the Merkle root over them (`lines_root`).

Each line is the RFC 8785 (JCS) canonical JSON object

    {"amount":123,"id":"R-42","member":"M-7","period":"2026-03","right_type":"neighbouring",
     "run":0,"share":5000,"source":"karaoke","weight":1800}

(`id`: R-<recording id> or W-<work id>; `run`: 0 for the distribution, n for its n-th
adjustment), WITHOUT a salt, so anyone holding the lines can recompute the root. The leaf hash
is RFC 9162's SHA-256(0x00 || canonical bytes); the leaves are in this order: member id, then
recordings before works, then recording or work id, then right type (all ascending, ids as
numbers); `lines_root` is the RFC 9162 Merkle tree hash over them, in hex.

The JSON text is built by Polars for millions of lines at once; every value in it is an integer
or an ASCII identifier ([a-z0-9_-], checked by the service), for which JCS is exactly this text
(tests compare it with ledger.canonical, the general serialiser).
"""

from __future__ import annotations

from hashlib import sha256

import polars as pl

from ledger import merkle
from registry.entity_ids import MEMBER, RECORDING, WORK

SUBJECT_PREFIX = {"recording": RECORDING.lead, "work": WORK.lead}
_HASH_CHUNK = 200_000  # lines


def canonical_lines(lines: pl.DataFrame, *, period: str, source: str, run: int) -> pl.Series:
    """The canonical JSON text of each line (registry.royalty.allocate.LINE_SCHEMA frame)."""
    prefix = (
        pl.when(pl.col("subject") == "recording").then(pl.lit(RECORDING.lead)).otherwise(pl.lit(WORK.lead))
    )
    text = pl.concat_str(
        pl.lit('{"amount":'),
        pl.col("amount").cast(pl.Utf8),
        pl.lit(',"id":"'),
        prefix,
        pl.col("subject_id").cast(pl.Utf8),
        pl.lit(f'","member":"{MEMBER.lead}'),
        pl.col("party_id").cast(pl.Utf8),
        pl.lit(f'","period":"{period}","right_type":"'),
        pl.col("right_type"),
        pl.lit(f'","run":{run},"share":'),
        pl.col("share").cast(pl.Utf8),
        pl.lit(f',"source":"{source}","weight":'),
        pl.col("weight").cast(pl.Utf8),
        pl.lit("}"),
    )
    return lines.select(text.alias("line")).to_series()


def line_leaf_hashes(lines: pl.DataFrame, *, period: str, source: str, run: int) -> list[bytes]:
    hashes: list[bytes] = []
    # A slice at a time: the texts of millions of lines as Python bytes would take gigabytes.
    for start in range(0, lines.height, _HASH_CHUNK):
        texts = canonical_lines(lines.slice(start, _HASH_CHUNK), period=period, source=source, run=run)
        # RFC 9162's 0x00 leaf prefix is added by Polars too: one bytes object per line, no copies.
        prefixed = pl.select(pl.lit("\x00") + texts).to_series().cast(pl.Binary).to_list()
        hashes += [sha256(data).digest() for data in prefixed]
    return hashes


def lines_root(lines: pl.DataFrame, *, period: str, source: str, run: int) -> str:
    """RFC 9162 root (hex) of the lines, which must be in the documented order."""
    return merkle.root(line_leaf_hashes(lines, period=period, source=source, run=run)).hex()
