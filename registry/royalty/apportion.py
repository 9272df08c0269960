"""Largest remainder apportionment: parts in whole fen that add up to the total exactly.

Each part first gets floor(total * weight / sum of weights); the fen left over go one each to
the parts with the largest remainders. THE TIE-BREAK (documented, and the same everywhere in the
engine): among equal remainders the part with the smaller key wins, where a key orders like
Python's tuple comparison and a missing key (None / null: the reserve's pseudo-holder "nobody")
comes after every real key. So between two holders with equal remainders the lower party id
gets the fen, and a real holder always beats the reserve on a tie.

`split` serves the few small splits (pool -> deduction / net...), `apportion` the large grouped
ones in Polars (per recording, per work, per right type), with 128-bit intermediate products so
a pool of any realistic size times any weight cannot overflow.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import polars as pl

from registry.errors import RegistryError


class ApportionError(RegistryError):
    """Weights that cannot share a total: negative, or all zero while the total is not."""


def split(total: int, weights: Sequence[int], keys: Sequence[Hashable] | None = None) -> list[int]:
    """`total` in parts proportional to `weights`; ties go to the smaller key (default: the
    position, so the earlier part)."""
    if any(w < 0 for w in weights):
        raise ApportionError(f"negative weight in {list(weights)}")
    whole = sum(weights)
    if whole == 0:
        if total == 0:
            return [0] * len(weights)
        raise ApportionError(f"cannot share {total} over weights that are all zero")
    order_keys: Sequence[Hashable] = keys if keys is not None else range(len(weights))
    parts = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(parts)  # 0 <= left < len(weights) (also for a negative total)
    ranked = sorted(range(len(weights)), key=lambda i: (-remainders[i], _sortable(order_keys[i])))
    for i in ranked[:left]:
        parts[i] += 1
    return parts


def _sortable(key: Hashable) -> tuple[int, Hashable]:
    return (1, 0) if key is None else (0, key)


def apportion(
    frame: pl.LazyFrame,
    *,
    group: Sequence[str],
    total: str,
    weight: str,
    key: Sequence[str],
    out: str = "amount",
) -> pl.LazyFrame:
    """Within each `group`, share the group's `total` (the same value on each of its rows) over
    its rows by `weight`; the rows' `key` columns order ties (nulls last). Adds column `out`.

    A group whose weights sum to zero must have a zero total, or ApportionError is raised when
    the frame is collected and checked by `check_apportionable` (callers build groups so this
    cannot happen: every group has a positive weight or a zero total)."""
    wide = pl.Int128
    whole = frame.group_by(group).agg(pl.col(weight).cast(wide).sum().alias("_whole"))
    framed = frame.join(whole, on=list(group), how="left", nulls_equal=True)
    safe = pl.when(pl.col("_whole") == 0).then(1).otherwise(pl.col("_whole"))
    product = pl.col(total).cast(wide) * pl.col(weight).cast(wide)
    framed = framed.with_columns((product // safe).alias("_base"), (product % safe).alias("_remainder"))
    # Rank within the group by remainder (largest first), then by key (smallest first, nulls last):
    # sorted, a row's rank is its position minus its group's first position (an aggregation
    # over the group, much cheaper than a running count per group).
    ranked = framed.sort(
        [*group, "_remainder", *key],
        descending=[False] * len(group) + [True] + [False] * len(key),
        nulls_last=True,
    ).with_columns(
        pl.int_range(pl.len()).alias("_at"),
        (pl.col(total).cast(wide) - pl.col("_base").sum().over(group)).alias("_left"),
    )
    ranked = ranked.with_columns((pl.col("_at") - pl.col("_at").min().over(group)).alias("_rank"))
    return ranked.with_columns(
        (pl.col("_base") + (pl.col("_rank") < pl.col("_left")).cast(wide)).cast(pl.Int64).alias(out)
    ).drop("_whole", "_base", "_remainder", "_left", "_at", "_rank")
