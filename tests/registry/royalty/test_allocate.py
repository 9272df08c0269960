"""The allocation core: conservation to the fen over random pools, shares and usages; the
reserve's reasons; the split per side and right type; carry-forward; the canonical lines."""

from __future__ import annotations

import json

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import merkle
from ledger.canonical import canonical_bytes
from registry.royalty import DEFAULT_RULES, Repertoire, SourceRules, allocate
from registry.royalty.lines import canonical_lines, lines_root

KARAOKE = DEFAULT_RULES["karaoke"]


def _repertoire(
    recording_shares: list[tuple[int, int, int]],
    work_shares: list[tuple[int, str, int, int]],
    links: list[tuple[int, int]],
) -> Repertoire:
    return Repertoire(
        recording_holders=pl.LazyFrame(
            recording_shares,
            schema={"recording_id": pl.Int64, "party_id": pl.Int64, "share": pl.Int64},
            orient="row",
        ),
        work_holders=pl.LazyFrame(
            work_shares,
            schema={"work_id": pl.Int64, "right_type": pl.Utf8, "party_id": pl.Int64, "share": pl.Int64},
            orient="row",
        ),
        links=pl.LazyFrame(links, schema={"recording_id": pl.Int64, "work_id": pl.Int64}, orient="row"),
    )


def _usage(
    rows: list[tuple[int | None, int | None, int, bool]], revenue: list[int | None] | None = None
) -> pl.LazyFrame:
    frame = pl.LazyFrame(
        rows,
        schema={"recording_id": pl.Int64, "work_id": pl.Int64, "weight": pl.Int64, "matched": pl.Boolean},
        orient="row",
    )
    if revenue is not None:
        frame = frame.with_columns(pl.Series("revenue_minor", revenue, dtype=pl.Int64))
    return frame


def _conserved(a) -> None:  # type: ignore[no-untyped-def]
    f = a.figures()
    assert int(a.lines["amount"].sum()) + f["deduction"] + sum(f["reserve"].values()) == f["pool"]
    assert f["paid"] + f["carried_forward"] == f["allocated"] + f["brought_forward"]
    assert (a.lines["amount"] > 0).all()


recording_ids = st.integers(min_value=1, max_value=8)
work_ids = st.integers(min_value=1, max_value=8)
party_ids = st.integers(min_value=1, max_value=6)
shares = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=1000, deadline=None)
@given(
    pool=st.integers(min_value=0, max_value=10**12),
    usage=st.lists(
        st.tuples(
            st.one_of(st.none(), recording_ids),
            st.one_of(st.none(), work_ids),
            st.integers(min_value=0, max_value=10**6),
            st.booleans(),
        ),
        max_size=30,
    ),
    rec_shares=st.lists(st.tuples(recording_ids, party_ids, shares), max_size=15, unique_by=lambda t: t[:2]),
    work_shares=st.lists(
        st.tuples(work_ids, st.sampled_from(["performing", "mechanical"]), party_ids, shares),
        max_size=20,
        unique_by=lambda t: t[:3],
    ),
    links=st.lists(st.tuples(recording_ids, work_ids), max_size=10, unique=True),
    admin=st.integers(min_value=0, max_value=10_000),
    side=st.integers(min_value=0, max_value=10_000),
    minimum=st.integers(min_value=0, max_value=10**7),
    brought=st.lists(
        st.tuples(party_ids, st.integers(min_value=-(10**6), max_value=10**7)),
        max_size=4,
        unique_by=lambda t: t[0],
    ),
)
def test_every_fen_of_the_pool_is_accounted_for(
    pool: int,
    usage: list[tuple[int | None, int | None, int, bool]],
    rec_shares: list[tuple[int, int, int]],
    work_shares: list[tuple[int, str, int, int]],
    links: list[tuple[int, int]],
    admin: int,
    side: int,
    minimum: int,
    brought: list[tuple[int, int]],
) -> None:
    rules = SourceRules(admin, side, {"performing": 5000, "mechanical": 5000}, minimum_payout=minimum)
    allocation = allocate(
        period="2026-03",
        source="karaoke",
        pool=pool,
        usage=_usage(usage),
        repertoire=_repertoire(rec_shares, work_shares, links),
        rules=rules,
        brought_forward=pl.LazyFrame(
            brought, schema={"party_id": pl.Int64, "balance": pl.Int64}, orient="row"
        ),
    )
    _conserved(allocation)
    members = allocation.members
    below = members.filter(pl.col("payable") == 0)
    assert (below["carried_forward"] == below["earned"] + below["brought_forward"]).all()
    assert (members.filter(pl.col("payable") > 0)["payable"] >= minimum).all()
    # the same inputs, the same lines and root
    again = allocate(
        period="2026-03",
        source="karaoke",
        pool=pool,
        usage=_usage(usage),
        repertoire=_repertoire(rec_shares, work_shares, links),
        rules=rules,
        brought_forward=pl.LazyFrame(
            brought, schema={"party_id": pl.Int64, "balance": pl.Int64}, orient="row"
        ),
    )
    assert again.lines.equals(allocation.lines)
    root = lines_root(allocation.lines, period="2026-03", source="karaoke", run=0)
    assert lines_root(again.lines, period="2026-03", source="karaoke", run=0) == root


def test_a_worked_example_to_the_fen() -> None:
    # pool 1,000,000: 15% deduction -> 850,000; usage 30 plays of which 10 unidentified.
    usage = _usage([(1, None, 12, True), (2, None, 8, True), (None, None, 10, False)])
    repertoire = _repertoire(
        [(1, 11, 5000), (1, 12, 5000), (2, 11, 10000)],
        [(100, "performing", 13, 10000), (100, "mechanical", 13, 6000)],
        [(1, 100), (2, 100)],
    )
    a = allocate(
        period="2026-03", source="karaoke", pool=1_000_000, usage=usage, repertoire=repertoire, rules=KARAOKE
    )
    assert a.deduction == 150_000
    assert a.reserve["unidentified"] == 283_333  # 850,000 * 10/30, the remainder fen to the larger part
    identified = 850_000 - 283_333  # 566,667: 60% recordings 340,000 (.2), 40% works 226,667 (.8)
    assert identified == 566_667
    lines = {(p, s, i, r): amt for p, s, i, r, _, _, amt in a.lines.iter_rows()}
    # recordings: 340,000 by 12:8 -> 204,000 and 136,000; recording 1 halves between 11 and 12
    assert lines[(11, "recording", 1, "neighbouring")] == 102_000
    assert lines[(12, "recording", 1, "neighbouring")] == 102_000
    assert lines[(11, "recording", 2, "neighbouring")] == 136_000
    # works: 226,667 all to work 100 (both recordings link to it), half per right type
    assert lines[(13, "work", 100, "performing")] == 113_334  # 113,333.5: the tie to performing
    assert lines[(13, "work", 100, "mechanical")] == 68_000  # 60% of 113,333 -> 67,999.8
    assert a.reserve["unclaimed"] == 113_333 - 68_000
    assert a.reserve["disputed"] == 0
    _conserved(a)


def test_claims_above_the_whole_are_held_and_within_tolerance_are_the_whole() -> None:
    usage = _usage([(None, 1, 10, True), (None, 2, 10, True)])
    repertoire = _repertoire(
        [],
        [
            (1, "performing", 1, 6000),
            (1, "performing", 2, 6000),
            (2, "performing", 1, 5000),
            (2, "performing", 2, 5003),
        ],
        [],
    )
    rules = SourceRules(0, 0, {"performing": 10000}, minimum_payout=0)
    a = allocate(
        period="2026-03", source="background", pool=1000, usage=usage, repertoire=repertoire, rules=rules
    )
    assert a.reserve["disputed"] == 500  # work 1: 120% claimed
    assert a.lines.filter(pl.col("subject_id") == 2)["amount"].to_list() == [250, 250]
    assert a.reserve["unclaimed"] == 0
    _conserved(a)


def test_online_weighs_by_stated_revenue_only_when_every_line_states_it() -> None:
    repertoire = _repertoire([(1, 1, 10000), (2, 2, 10000)], [], [])
    rules = SourceRules(0, 10000, {"performing": 10000}, minimum_payout=0, weigh_by="revenue")
    usage = [(1, None, 1, True), (2, None, 3, True)]
    by_revenue = allocate(
        period="2026-03",
        source="online",
        pool=100,
        usage=_usage(usage, [90, 10]),
        repertoire=repertoire,
        rules=rules,
    )
    assert by_revenue.basis == "revenue"
    assert by_revenue.lines["amount"].to_list() == [90, 10]
    by_plays = allocate(
        period="2026-03",
        source="online",
        pool=100,
        usage=_usage(usage, [90, None]),
        repertoire=repertoire,
        rules=rules,
    )
    assert by_plays.basis == "plays"
    assert by_plays.lines["amount"].to_list() == [25, 75]


def test_usage_of_another_period_is_left_to_its_own_adjustment() -> None:
    repertoire = _repertoire([(1, 1, 10000)], [], [])
    usage = _usage([(1, None, 5, True), (1, None, 5, True)]).with_columns(
        pl.Series("adjustment_of_period", [None, "2026-01"], dtype=pl.Utf8)
    )
    rules = SourceRules(0, 10000, {"performing": 10000}, minimum_payout=0)
    a = allocate(period="2026-03", source="karaoke", pool=10, usage=usage, repertoire=repertoire, rules=rules)
    assert a.usage["other_period_lines"] == 1
    assert a.lines["weight"].to_list() == [5]


def test_canonical_lines_are_rfc8785_and_the_root_is_rfc9162() -> None:
    lines = pl.DataFrame(
        {
            "party_id": [3, 3, 10],
            "subject": ["recording", "work", "work"],
            "subject_id": [42, 7, 7],
            "right_type": ["neighbouring", "performing", "mechanical"],
            "weight": [1800, 20, 20],
            "share": [5000, 10000, 2500],
            "amount": [123, -4, 2**40],
        }
    )
    texts = canonical_lines(lines, period="2026-03", source="karaoke", run=2).to_list()
    for text, row in zip(texts, lines.iter_rows(named=True), strict=True):
        obj = {
            "amount": row["amount"],
            "id": ("R-" if row["subject"] == "recording" else "W-") + str(row["subject_id"]),
            "member": f"M-{row['party_id']}",
            "period": "2026-03",
            "right_type": row["right_type"],
            "run": 2,
            "share": row["share"],
            "source": "karaoke",
            "weight": row["weight"],
        }
        assert text.encode() == canonical_bytes(obj)
        assert json.loads(text) == obj
    leaves = [merkle.leaf_hash(canonical_bytes(json.loads(t))) for t in texts]
    assert lines_root(lines, period="2026-03", source="karaoke", run=2) == merkle.root(leaves).hex()
