"""Distribution runs on SQLite and PostgreSQL: recorded lines, statements and summary entries,
idempotence, refusal and adjustments, carry-forward across periods, the audit's conservation."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.ledger_writer import history, latest_entry
from registry.models import DistributionLine, DistributionLinesFile, DistributionRun, WorkShare
from registry.royalty import DEFAULT_RULES, SourceRules
from registry.services.distribution.runs import (
    DistributionError,
    check_conservation,
    distribute,
    recorded_lines,
    statement_id,
    statements,
    summary_id,
)
from tests.society.catalogue import Catalogue, build_catalogue
from tests.society.usage import REPORTS, usage_frame

RULES = {"karaoke": SourceRules(1500, 6000, {"performing": 5000, "mechanical": 5000}, minimum_payout=0)}


@pytest.fixture
def catalogue(session: Session) -> Catalogue:
    return build_catalogue(session)


def _usage(c: Catalogue, plays: tuple[int, int, int] = (12, 8, 10)):  # type: ignore[no-untyped-def]
    return usage_frame(
        [
            (c.recordings[0], None, plays[0], True),
            (c.recordings[1], None, plays[1], True),
            (None, None, plays[2], False),
        ]
    )


def test_a_run_records_lines_statements_and_summary(session: Session, catalogue: Catalogue) -> None:
    result = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
    )
    assert result.status == "recorded"
    run = session.get(DistributionRun, result.run_id)
    assert run is not None
    assert run.allocated + run.deduction + run.reserve == 1_000_000
    assert check_conservation(session, run.id) == []
    summary = latest_entry(session, "distribution_summary", summary_id("2026-03", "karaoke"))
    assert isinstance(summary, Entry) and not summary.private
    assert summary.body["lines_root"] == run.lines_root
    assert summary.body["usage_reports"] == [
        {"sha256": "ab" * 32, "name": "venue-log-2026-03.csv", "lines": 3}
    ]
    assert summary.body["reserve"]["unidentified"] == 283_333
    p0 = catalogue.parties[0]
    statement = latest_entry(session, "distribution_line", statement_id("2026-03", "karaoke", p0))
    assert statement is not None and statement.private and statement.salt
    assert statement.id == f"DIST-2026-03-karaoke/M-{p0}"
    lines = recorded_lines(session, [run.id]).filter(pl.col("party_id") == p0)
    assert lines["amount"].sum() == statement.body["earned"] == statement.body["payable"]
    # the lines are one Parquet file in the database, not rows of distribution_line
    assert session.execute(select(func.count()).select_from(DistributionLine)).scalar_one() == 0
    stored = session.get(DistributionLinesFile, run.id)
    assert stored is not None and stored.line_count == run.line_count
    shown = statements(session, p0, "2026-03")
    assert [s["earned"] for s in shown] == [statement.body["earned"]]
    assert {line["code"] for line in shown[0]["lines"] if line["subject"] == "recording"} == {"CNA012600000"}


def test_the_same_inputs_again_change_nothing_and_different_ones_are_refused(
    session: Session, catalogue: Catalogue
) -> None:
    first = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
    )
    entries = session.execute(text("SELECT count(*) FROM ledger_entry")).scalar_one()
    dry = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
        dry_run=True,
    )
    again = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
    )
    assert again.status == dry.status == "unchanged"
    assert again.run_id == first.run_id
    assert again.summary["lines_root"] == first.summary["lines_root"]
    assert session.execute(text("SELECT count(*) FROM ledger_entry")).scalar_one() == entries
    with pytest.raises(DistributionError, match="adjustment"):
        distribute(
            session,
            period="2026-03",
            source="karaoke",
            usage=_usage(catalogue),
            pool=1_000_001,
            reports=REPORTS,
            rules=RULES,
        )


def test_a_dry_run_gives_the_root_the_real_run_records(session: Session, catalogue: Catalogue) -> None:
    dry = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=777_777,
        reports=REPORTS,
        rules=RULES,
        dry_run=True,
    )
    assert dry.status == "dry-run" and dry.run_id is None
    assert session.execute(select(func.count()).select_from(DistributionRun)).scalar_one() == 0
    real = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=777_777,
        reports=REPORTS,
        rules=RULES,
    )
    assert real.summary["lines_root"] == dry.summary["lines_root"]


def test_an_adjustment_records_the_differences_as_new_versions(
    session: Session, catalogue: Catalogue
) -> None:
    first = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
    )
    # the unidentified usage is claimed: recording 1 had 10 more plays
    claimed = _usage(catalogue, (12, 18, 0))
    with pytest.raises(DistributionError, match="adjustment"):
        distribute(
            session,
            period="2026-03",
            source="karaoke",
            usage=claimed,
            pool=1_000_000,
            reports=REPORTS,
            rules=RULES,
        )
    adj = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=claimed,
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
        adjustment=True,
    )
    assert adj.status == "recorded" and adj.sequence == 1 and adj.kind == "adjustment"
    assert adj.summary["pool"] == 0
    assert adj.summary["reserve"]["unidentified"] == -283_333
    assert adj.summary["allocated"] == 283_333
    # recording 0's part is unchanged (12 of 20 identified plays before, 12 of 30 of a larger whole)
    assert catalogue.parties[1] not in adj.lines["party_id"].to_list()
    assert check_conservation(session, adj.run_id) == [] == check_conservation(session, first.run_id)
    versions = history(session, "distribution_summary", summary_id("2026-03", "karaoke"))
    assert [v.body["run"] for v in versions] == [0, 1]
    assert versions[1].prev == versions[0].leaf_hash().hex()
    # the corrected whole equals a fresh distribution of the corrected inputs
    total = recorded_lines(session, [first.run_id, adj.run_id])["amount"].sum()
    assert total == adj.summary["corrected"]["allocated"]
    again = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=claimed,
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
        adjustment=True,
    )
    assert again.status == "unchanged"


def test_a_share_change_is_an_adjustment_too(session: Session, catalogue: Catalogue) -> None:
    distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
    )
    share = session.scalars(select(WorkShare).where(WorkShare.party_id == catalogue.parties[3])).one()
    share.share = 2000  # the publisher's mechanical share was 40%, is 20%: 20% now unclaimed
    session.flush()
    adj = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
        adjustment=True,
    )
    assert adj.lines["party_id"].to_list() == [catalogue.parties[3]]
    assert adj.lines["amount"].to_list()[0] < 0  # paid too much: clawed back from the next payout
    assert adj.summary["reserve"]["unclaimed"] == -int(adj.lines["amount"].sum())


def test_below_the_minimum_payout_is_carried_until_reached(session: Session, catalogue: Catalogue) -> None:
    rules = {"karaoke": SourceRules(0, 6000, {"performing": 5000, "mechanical": 5000}, minimum_payout=30_000)}
    p3 = catalogue.parties[3]  # 40% of the mechanical half of the works side
    usage = usage_frame([(catalogue.recordings[0], None, 1, True)])
    # works side 40% of 100,000 = 40,000; mechanical 20,000; p3: 8,000 a period
    results = []
    for month in ("2026-01", "2026-02", "2026-03", "2026-04"):
        results.append(
            distribute(
                session,
                period=month,
                source="karaoke",
                usage=usage,
                pool=100_000,
                reports=REPORTS,
                rules=rules,
            )
        )
    mine = [r.members.filter(r.members["party_id"] == p3).row(0, named=True) for r in results]
    assert [m["earned"] for m in mine] == [8_000] * 4
    assert [m["brought_forward"] for m in mine] == [0, 8_000, 16_000, 24_000]
    assert [m["payable"] for m in mine] == [0, 0, 0, 32_000]
    assert [m["carried_forward"] for m in mine] == [8_000, 16_000, 24_000, 0]
    for r in results:
        assert check_conservation(session, r.run_id) == []
    # a re-run of February still sees what January carried (balances before its own run)
    again = distribute(
        session, period="2026-02", source="karaoke", usage=usage, pool=100_000, reports=REPORTS, rules=rules
    )
    assert again.status == "unchanged"


def test_the_audit_finds_a_tampered_line(session: Session, catalogue: Catalogue) -> None:
    result = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
    )
    # the table refuses changes; a line slipped in (an INSERT) is what could still happen
    session.execute(
        text(
            "INSERT INTO distribution_line"
            " (run_id, party_id, subject, subject_id, right_type, weight, share, amount) VALUES"
            f" ({result.run_id}, {catalogue.parties[2]}, 'work', {catalogue.works[0]}, 'performing',"
            " 1, 1, 500)"
        )
    )
    findings = check_conservation(session, result.run_id)
    assert any("sum of its lines" in f for f in findings)
    assert any("root" in f for f in findings)
    assert check_conservation(session, 999) == ["distribution run 999 does not exist"]


def test_bad_requests_are_refused_with_their_reason(session: Session, catalogue: Catalogue) -> None:
    for kwargs, message in (
        ({"period": "2026-13"}, "YYYY-MM"),
        ({"source": "Karaoke!"}, "source"),
        ({"pool": -1}, "pool"),
        ({"source": "cinema"}, "no distribution rules"),
        ({"adjustment": True}, "nothing to adjust"),
        ({"reports": [("xyz", "f.csv", 1)]}, "SHA-256"),
    ):
        args = {
            "period": "2026-03",
            "source": "karaoke",
            "usage": _usage(catalogue),
            "pool": 10,
            "reports": REPORTS,
            "rules": RULES,
            **kwargs,
        }
        with pytest.raises(Exception, match=message):
            distribute(session, **args)  # type: ignore[arg-type]
    assert DEFAULT_RULES["karaoke"].recording_side == 6000


def test_all_statements_of_a_run_export_at_once(session: Session, catalogue: Catalogue) -> None:
    result = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
    )
    from registry.services.distribution.runs import export_statements

    exported = export_statements(session, result.run_id)
    assert exported.height == result.lines.height
    assert int(exported["amount"].sum()) == result.summary["allocated"]
    first = exported.filter(exported["id"] == f"R-{catalogue.recordings[0]}")
    assert set(first["code"].to_list()) == {"CNA012600000"}
    assert set(first["member"].to_list()) == {f"M-{catalogue.parties[0]}", f"M-{catalogue.parties[1]}"}


def test_a_run_is_final_only_once_anchored(session: Session, catalogue: Catalogue) -> None:
    from registry.ledger_writer import integrate_pending
    from registry.models import AnchorRecord
    from registry.services.distribution.runs import run_state

    result = distribute(
        session,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
        rules=RULES,
    )
    run = session.get(DistributionRun, result.run_id)
    assert run is not None and run_state(session, run) == "recorded"
    _, size = integrate_pending(session)
    assert run_state(session, run) == "in log"
    session.add(
        AnchorRecord(
            chain_id=1337,
            contract="0x" + "11" * 20,
            checkpoint_index=0,
            tree_size=size,
            root=b"\0" * 32,
            note_hash=b"\0" * 32,
            tx_hash="0x01",
            block_number=1,
            gas_used=1,
            gas_price_wei="1",
            cost_wei="1",
        )
    )
    session.flush()
    assert run_state(session, run) == "anchored"


def test_the_demo_helper_distributes_and_writes_a_statement(
    session: Session, catalogue: Catalogue, tmp_path: Path
) -> None:
    from rightsledger.demodata.distribution import seed_distribution

    shown = seed_distribution(
        session,
        tmp_path,
        period="2026-03",
        source="karaoke",
        usage=_usage(catalogue),
        pool=1_000_000,
        reports=REPORTS,
    )
    assert shown["status"] == "recorded" and shown["conservation_findings"] == []
    assert shown["summary"]["pool"] == 1_000_000
    text = Path(shown["statement_csv"]).read_text(encoding="utf-8")
    assert "CNA012600000" in text
    assert sum(line["amount"] for line in shown["statement"]["lines"]) == shown["statement"]["earned"]


_periods = iter(f"{2000 + n // 12}-{n % 12 + 1:02d}" for n in range(10_000))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pool=st.integers(min_value=0, max_value=10**12),
    plays=st.tuples(*(st.integers(min_value=0, max_value=10**6) for _ in range(3))),
    minimum=st.integers(min_value=0, max_value=10**6),
)
def test_recorded_runs_add_up_whatever_the_pool_and_usage(
    session: Session, catalogue: Catalogue, pool: int, plays: tuple[int, int, int], minimum: int
) -> None:
    rules = {
        "karaoke": SourceRules(1500, 6000, {"performing": 5000, "mechanical": 5000}, minimum_payout=minimum)
    }
    result = distribute(
        session,
        period=next(_periods),
        source="karaoke",
        usage=_usage(catalogue, plays),
        pool=pool,
        reports=REPORTS,
        rules=rules,
    )
    assert result.status == "recorded"
    assert check_conservation(session, result.run_id) == []
