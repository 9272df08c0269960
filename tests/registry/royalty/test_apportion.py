"""Largest remainder: parts add up to the whole, ties go to the smaller key, nulls last."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.royalty.apportion import ApportionError, apportion, split


def test_a_fen_left_over_goes_to_the_largest_remainder() -> None:
    assert split(10, [1, 2]) == [3, 7]  # 3.33 / 6.67: the larger remainder is the second
    assert split(100, [1, 1, 1]) == [34, 33, 33]


def test_ties_go_to_the_smaller_key_and_none_comes_last() -> None:
    assert split(1, [1, 1], keys=[7, 3]) == [0, 1]
    assert split(1, [1, 1], keys=[None, 3]) == [0, 1]
    assert split(2, [1, 1, 1], keys=[None, 9, 2]) == [0, 1, 1]


def test_weights_must_make_sense() -> None:
    assert split(0, [0, 0]) == [0, 0]
    with pytest.raises(ApportionError):
        split(5, [0, 0])
    with pytest.raises(ApportionError):
        split(5, [1, -1])


@settings(max_examples=2000, deadline=None)
@given(
    st.integers(min_value=-(10**12), max_value=10**15),
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=20).filter(any),
)
def test_split_conserves_and_stays_within_one_fen(total: int, weights: list[int]) -> None:
    parts = split(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = total * weight / whole
        assert exact - 1 < part < exact + 1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=5),  # group
            st.one_of(st.none(), st.integers(min_value=1, max_value=50)),  # key
            st.integers(min_value=0, max_value=10**6),  # weight
        ),
        min_size=1,
        max_size=60,
        unique_by=lambda t: (t[0], t[1]),
    ),
    st.integers(min_value=0, max_value=10**13),
)
def test_polars_apportion_equals_split_per_group(rows: list[tuple[int, int | None, int]], total: int) -> None:
    groups = {g for g, _, _ in rows}
    rows = [r for r in rows if any(w for g, _, w in rows if g == r[0])]  # no all-zero group
    frame = pl.LazyFrame(
        {
            "g": [g for g, _, _ in rows],
            "k": [k for _, k, _ in rows],
            "w": [w for _, _, w in rows],
            "t": [total + g for g, _, _ in rows],
        },
        schema={"g": pl.Int64, "k": pl.Int64, "w": pl.Int64, "t": pl.Int64},
    )
    out = apportion(frame, group=["g"], total="t", weight="w", key=["k"]).collect()
    got = {(g, k): a for g, k, a in out.select("g", "k", "amount").iter_rows()}
    for group in groups:
        members = [(k, w) for g, k, w in rows if g == group]
        if not members:
            continue
        expected = split(total + group, [w for _, w in members], keys=[k for k, _ in members])
        assert [got[(group, k)] for k, _ in members] == expected
