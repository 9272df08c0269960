"""The AI policy of the distribution rules (ai_generated, ai_assisted): the defaults change
nothing; "exclude" moves a generated work's or recording's money to the side's other usage;
"human_share" pays an assisted one its human share; the money adds up to the fen; undeclared
counts as "none"; the registry's declarations reach the engine; bad values are refused."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from registry.models import Recording, Work
from registry.royalty import DEFAULT_RULES, Repertoire, SourceRules, allocate
from registry.royalty.allocate import AI_SCHEMA, Allocation
from registry.royalty.rules import WHOLE, RulesError, load_rules
from registry.services.distribution.inputs import load_repertoire
from registry.services.distribution.runs import check_conservation, distribute
from tests.society.catalogue import Catalogue, build_catalogue
from tests.society.usage import REPORTS, usage_frame

# All of the pool to the works side, one right type, nothing deducted: amounts are easy to follow.
WORKS_ONLY = SourceRules(0, 0, {"performing": WHOLE}, minimum_payout=0)
RECORDINGS_ONLY = SourceRules(0, WHOLE, {"performing": WHOLE}, minimum_payout=0)
Declaration = tuple[int, str, int | None]  # id, involvement, human_share


def _rules(base: SourceRules, **ai: str) -> SourceRules:
    return SourceRules(
        base.admin_rate, base.recording_side, base.work_rights, base.minimum_payout, base.weigh_by, **ai
    )


def _declared(rows: list[Declaration]) -> pl.LazyFrame:
    return pl.LazyFrame(rows, schema=AI_SCHEMA, orient="row")


def _repertoire(
    *,
    recording_shares: Sequence[tuple[int, int, int]] = (),  # recording, party, share
    work_shares: Sequence[tuple[int, int, int]] = (),  # work, party, performing share
    links: Sequence[tuple[int, int]] = (),
    recording_ai: Sequence[Declaration] = (),
    work_ai: Sequence[Declaration] = (),
) -> Repertoire:
    return Repertoire(
        recording_holders=pl.LazyFrame(
            list(recording_shares),
            schema={"recording_id": pl.Int64, "party_id": pl.Int64, "share": pl.Int64},
            orient="row",
        ),
        work_holders=pl.LazyFrame(
            [(w, "performing", p, s) for w, p, s in work_shares],
            schema={"work_id": pl.Int64, "right_type": pl.Utf8, "party_id": pl.Int64, "share": pl.Int64},
            orient="row",
        ),
        links=pl.LazyFrame(list(links), schema={"recording_id": pl.Int64, "work_id": pl.Int64}, orient="row"),
        recording_ai=_declared(list(recording_ai)),
        work_ai=_declared(list(work_ai)),
    )


def _usage(rows: list[tuple[int | None, int | None, int, bool]]) -> pl.LazyFrame:
    return pl.LazyFrame(
        rows,
        schema={"recording_id": pl.Int64, "work_id": pl.Int64, "weight": pl.Int64, "matched": pl.Boolean},
        orient="row",
    )


def _run(pool: int, usage: pl.LazyFrame, repertoire: Repertoire, rules: SourceRules) -> Allocation:
    allocation = allocate(
        period="2026-03", source="karaoke", pool=pool, usage=usage, repertoire=repertoire, rules=rules
    )
    # the parts always add up to the whole pool, to the fen
    assert allocation.allocated + allocation.deduction + allocation.reserve_total == pool
    return allocation


def _paid(allocation: Allocation, subject: str = "work") -> dict[int, int]:
    lines = allocation.lines.filter(pl.col("subject") == subject)
    totals = lines.group_by("subject_id").agg(pl.col("amount").sum()).sort("subject_id")
    return dict(zip(totals["subject_id"].to_list(), totals["amount"].to_list(), strict=True))


def _by_party(allocation: Allocation) -> dict[int, int]:
    totals = allocation.lines.group_by("party_id").agg(pl.col("amount").sum()).sort("party_id")
    return dict(zip(totals["party_id"].to_list(), totals["amount"].to_list(), strict=True))


# Works 1 (declared none), 2 (generated), 3 (undeclared), 4 (assisted, human share 25%); holders
# 1, 2, 3 + 4 (60/40), 5 + 6 (half each). Usage names the works directly.
WORKS = _repertoire(
    work_shares=[(1, 1, 10000), (2, 2, 10000), (3, 3, 6000), (3, 4, 4000), (4, 5, 5000), (4, 6, 5000)],
    work_ai=[(1, "none", 10000), (2, "generated", 0), (4, "assisted", 2500)],
)
WORK_USAGE = _usage([(None, 1, 100, True), (None, 2, 100, True), (None, 3, 200, True), (None, 4, 100, True)])


def test_the_defaults_are_pay_and_change_nothing() -> None:
    assert all(r.ai_generated == "pay" and r.ai_assisted == "pay" for r in DEFAULT_RULES.values())
    undeclared = _repertoire(
        work_shares=[(1, 1, 10000), (2, 2, 10000), (3, 3, 6000), (3, 4, 4000), (4, 5, 5000), (4, 6, 5000)]
    )
    plain = _run(100_000, WORK_USAGE, undeclared, WORKS_ONLY)
    for rules in (WORKS_ONLY, _rules(WORKS_ONLY, ai_generated="pay", ai_assisted="pay")):
        declared = _run(100_000, WORK_USAGE, WORKS, rules)
        assert declared.lines.equals(plain.lines)
        assert declared.figures() == plain.figures()
    assert _paid(plain) == {1: 20_000, 2: 20_000, 3: 40_000, 4: 20_000}


def test_exclude_moves_a_generated_works_money_to_the_other_usage() -> None:
    allocation = _run(100_000, WORK_USAGE, WORKS, _rules(WORKS_ONLY, ai_generated="exclude"))
    # work 2's 100 plays count as if they had not happened: 100_000 over 500 plays, not 400
    assert _paid(allocation) == {1: 25_000, 3: 50_000, 4: 25_000}
    assert _by_party(allocation) == {1: 25_000, 3: 30_000, 4: 20_000, 5: 12_500, 6: 12_500}
    assert allocation.reserve == {"unidentified": 0, "unclaimed": 0, "disputed": 0}
    without = _run(100_000, WORK_USAGE.filter(pl.col("work_id") != 2), WORKS, WORKS_ONLY)
    assert allocation.lines.equals(without.lines)


def test_exclude_adds_up_to_the_fen_with_remainders() -> None:
    usage = _usage([(None, 1, 7, True), (None, 2, 5, True), (None, 3, 11, True), (None, None, 3, False)])
    rules = SourceRules(1500, 0, {"performing": WHOLE}, minimum_payout=0)
    plain = _run(1_000_003, usage, WORKS, rules)
    excluded = _run(1_000_003, usage, WORKS, _rules(rules, ai_generated="exclude"))
    # what work 2 earned is shared by works 1 and 3, 7 : 11; the deduction and reserve stand
    assert (excluded.deduction, excluded.reserve) == (plain.deduction, plain.reserve)
    assert plain.allocated == excluded.allocated
    assert 2 not in _paid(excluded) and 2 not in _by_party(excluded)
    before, after = _paid(plain), _paid(excluded)
    assert after[1] + after[3] == before[1] + before[2] + before[3]
    assert abs(after[1] * 11 - after[3] * 7) <= 11 + 7  # proportional, to a fen of rounding each


def test_human_share_pays_the_declared_share_and_redistributes_the_rest() -> None:
    repertoire = _repertoire(
        work_shares=[(1, 1, 10000), (4, 5, 5000), (4, 6, 5000)], work_ai=[(4, "assisted", 2500)]
    )
    usage = _usage([(None, 1, 100, True), (None, 4, 100, True)])
    paid = _run(100_000, usage, repertoire, WORKS_ONLY)
    assert _paid(paid) == {1: 50_000, 4: 50_000}
    shared = _run(100_000, usage, repertoire, _rules(WORKS_ONLY, ai_assisted="human_share"))
    # work 4's writers keep 25% of their 50_000 (12_500); the other 37_500 go back to the works
    # side and are shared again by what each work keeps (50_000 : 12_500), so a play of work 4
    # pays exactly 25% of a play of work 1: 80_000 and 20_000.
    assert _paid(shared) == {1: 80_000, 4: 20_000}
    assert _by_party(shared) == {1: 80_000, 5: 10_000, 6: 10_000}
    assert _paid(shared)[4] * WHOLE == _paid(shared)[1] * 2500
    # a generated work is not assisted: "human_share" alone pays it in full
    alone = _run(100_000, WORK_USAGE, WORKS, _rules(WORKS_ONLY, ai_assisted="human_share"))
    assert abs(_paid(alone)[2] - _paid(alone)[1]) <= 1 and _paid(alone)[2] > 4 * _paid(alone)[4] - 4


def test_both_policies_together_add_up_to_the_pool() -> None:
    both = _run(
        100_000, WORK_USAGE, WORKS, _rules(WORKS_ONLY, ai_generated="exclude", ai_assisted="human_share")
    )
    # weights: work 1 100 plays, work 3 200, work 4 100 x 25% = 25; work 2 nothing
    assert _paid(both) == {1: 30_769, 3: 61_539, 4: 7_692}
    assert sum(_paid(both).values()) == 100_000


def test_undeclared_works_count_as_none() -> None:
    usage = _usage([(None, 1, 100, True), (None, 3, 100, True)])
    repertoire = _repertoire(work_shares=[(1, 1, 10000), (3, 3, 10000)], work_ai=[(1, "none", 10000)])
    rules = _rules(WORKS_ONLY, ai_generated="exclude", ai_assisted="human_share")
    assert _paid(_run(99_999, usage, repertoire, rules)) == {1: 50_000, 3: 49_999}


def test_a_generated_recording_earns_no_recording_rights_under_exclude() -> None:
    repertoire = _repertoire(
        recording_shares=[(10, 1, 10000), (11, 2, 5000), (11, 3, 5000), (12, 4, 10000)],
        work_shares=[(1, 5, 10000)],
        links=[(10, 1), (11, 1), (12, 1)],
        recording_ai=[(10, "generated", 0), (12, "assisted", 5000)],
    )
    usage = _usage([(10, None, 100, True), (11, None, 100, True), (12, None, 200, True)])
    assert _paid(_run(80_000, usage, repertoire, RECORDINGS_ONLY), "recording") == {
        10: 20_000,
        11: 20_000,
        12: 40_000,
    }
    excluded = _run(80_000, usage, repertoire, _rules(RECORDINGS_ONLY, ai_generated="exclude"))
    assert _paid(excluded, "recording") == {11: 26_667, 12: 53_333}
    assert _by_party(excluded) == {2: 13_334, 3: 13_333, 4: 53_333}
    # an assisted recording keeps its human share too: 100 + 200 x 50% plays
    shared = _run(80_000, usage, repertoire, _rules(RECORDINGS_ONLY, ai_assisted="human_share"))
    assert _paid(shared, "recording") == {10: 26_667, 11: 26_667, 12: 26_666}
    # the works side reads the works' declarations only: its work is paid as before (its
    # mechanical half nobody claims here)
    karaoke = _rules(DEFAULT_RULES["karaoke"], ai_generated="exclude")
    split = _run(100_000, usage, repertoire, karaoke)
    assert _paid(split) == _paid(_run(100_000, usage, repertoire, DEFAULT_RULES["karaoke"])) == {1: 17_000}


def test_a_side_whose_usage_is_all_excluded_is_held_as_unclaimed() -> None:
    repertoire = _repertoire(work_shares=[(2, 2, 10000)], work_ai=[(2, "generated", 0)])
    usage = _usage([(None, 2, 100, True), (None, None, 100, False)])
    allocation = _run(10_001, usage, repertoire, _rules(WORKS_ONLY, ai_generated="exclude"))
    assert allocation.lines.is_empty()
    assert allocation.reserve == {"unidentified": 5_001, "unclaimed": 5_000, "disputed": 0}


declarations = st.sampled_from(["none", "assisted", "generated"]).flatmap(
    lambda kind: st.tuples(
        st.just(kind),
        st.just(WHOLE)
        if kind == "none"
        else st.integers(min_value=1 if kind == "assisted" else 0, max_value=WHOLE),
    )
)


@settings(max_examples=300, deadline=None)
@given(
    pool=st.integers(min_value=0, max_value=10**12),
    usage=st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(1, 5)),
            st.one_of(st.none(), st.integers(1, 5)),
            st.integers(min_value=0, max_value=10**6),
            st.booleans(),
        ),
        max_size=20,
    ),
    work_ai=st.dictionaries(st.integers(1, 5), declarations),
    recording_ai=st.dictionaries(st.integers(1, 5), declarations),
    generated=st.sampled_from(["pay", "exclude"]),
    assisted=st.sampled_from(["pay", "human_share"]),
)
def test_any_policy_adds_up_and_pays_nothing_it_excludes(
    pool: int,
    usage: list[tuple[int | None, int | None, int, bool]],
    work_ai: dict[int, tuple[str, int]],
    recording_ai: dict[int, tuple[str, int]],
    generated: str,
    assisted: str,
) -> None:
    repertoire = _repertoire(
        recording_shares=[(r, r, 10000) for r in range(1, 6)],
        work_shares=[(w, 10 + w, 7000) for w in range(1, 6)] + [(w, 20, 3000) for w in range(1, 6)],
        links=[(r, w) for r in range(1, 6) for w in range(1, 6) if (r + w) % 3 == 0],
        recording_ai=[(i, kind, h) for i, (kind, h) in recording_ai.items()],
        work_ai=[(i, kind, h) for i, (kind, h) in work_ai.items()],
    )
    rules = _rules(DEFAULT_RULES["karaoke"], ai_generated=generated, ai_assisted=assisted)
    allocation = _run(pool, _usage(usage), repertoire, rules)
    plain = _run(pool, _usage(usage), repertoire, DEFAULT_RULES["karaoke"])
    assert allocation.deduction == plain.deduction
    assert allocation.reserve["unidentified"] == plain.reserve["unidentified"]
    assert (allocation.lines["amount"] > 0).all()
    if generated == "exclude":
        for subject, declared in (("work", work_ai), ("recording", recording_ai)):
            assert not set(_paid(allocation, subject)) & {
                i for i, (k, _) in declared.items() if k == "generated"
            }
    if generated == "pay" and assisted == "pay":
        assert allocation.lines.equals(plain.lines)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"ai_generated": "drop"}, "ai_generated must be one of pay, exclude, got 'drop'"),
        ({"ai_generated": True}, "ai_generated must be one of pay, exclude, got True"),
        ({"ai_assisted": "exclude"}, "ai_assisted must be one of pay, human_share, got 'exclude'"),
        ({"ai_assisted": "Human_Share"}, "ai_assisted must be one of pay, human_share"),
    ],
)
def test_bad_ai_policies_are_refused_naming_the_field(values: dict[str, object], message: str) -> None:
    with pytest.raises(RulesError, match=message):
        SourceRules(1500, 6000, **values)  # type: ignore[arg-type]


def test_a_toml_file_sets_the_ai_policy_per_source(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[karaoke]\nai_generated = "exclude"\nai_assisted = "human_share"\n')
    table = load_rules(path)
    assert (table["karaoke"].ai_generated, table["karaoke"].ai_assisted) == ("exclude", "human_share")
    assert table["karaoke"].admin_rate == DEFAULT_RULES["karaoke"].admin_rate
    assert table["online"].ai_generated == "pay"
    path.write_text('[online]\nai_assisted = "half"\n')
    with pytest.raises(RulesError, match=r"\[online\] ai_assisted must be one of pay, human_share"):
        load_rules(path)


def test_the_summary_states_the_ai_policy() -> None:
    assert DEFAULT_RULES["karaoke"].to_body()["ai_generated"] == "pay"
    assert DEFAULT_RULES["karaoke"].to_body()["ai_assisted"] == "pay"
    body = _rules(WORKS_ONLY, ai_generated="exclude", ai_assisted="human_share").to_body()
    assert (body["ai_generated"], body["ai_assisted"]) == ("exclude", "human_share")


@pytest.fixture
def catalogue(session: Session) -> Catalogue:
    return build_catalogue(session)


def test_the_registrys_declarations_reach_the_distribution(session: Session, catalogue: Catalogue) -> None:
    first, second = (session.get(Recording, r) for r in catalogue.recordings)
    work = session.get(Work, catalogue.works[0])
    assert first is not None and second is not None and work is not None
    first.ai_involvement, first.ai_tool, first.human_share = "generated", "Suno", 0
    second.ai_involvement, second.human_share = "assisted", 4000
    session.flush()
    repertoire = load_repertoire(session)
    assert repertoire.work_ai.collect().is_empty()
    assert repertoire.recording_ai.collect().sort("id").rows() == [
        (first.id, "generated", 0),
        (second.id, "assisted", 4000),
    ]
    karaoke = SourceRules(1500, 6000, {"performing": 5000, "mechanical": 5000}, minimum_payout=0)
    rules = {"karaoke": _rules(karaoke, ai_generated="exclude")}
    result = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=usage_frame([(first.id, None, 12, True), (second.id, None, 8, True)]),
        pool=1_000_000,
        reports=REPORTS,
        rules=rules,
    )
    assert result.summary["rules"]["ai_generated"] == "exclude"
    assert result.summary["rules"]["ai_assisted"] == "pay"
    recordings = result.lines.filter(pl.col("subject") == "recording")
    # recording 0 (holders 0 and 1) is generated: recording 1's producer takes the whole side
    assert recordings["subject_id"].unique().to_list() == [second.id]
    assert recordings["amount"].sum() == 510_000  # 1_000_000 - 15% = 850_000, 60% of it
    assert result.run_id is not None
    assert check_conservation(session, result.run_id) == []
