"""The audit's declarations: a kind is checked with one function (its expected latest body),
whole-run checks such as a distribution's conservation report each problem, and only the latest
version of a thing is compared with its rows (older ones by their bytes and chaining)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from ledger.note import Signer
from registry.audit.checks import CHECKS
from registry.audit.run import audit
from registry.kinds.checks import BodyCheck, Checks, RunCheck
from registry.ledger_writer import record
from tests.registry.audit.tamper import bypass_triggers

VERIFIER = Signer.generate("plugins.test/log").verifier()
KIND = "transparency_report"


ROWS: dict[str, dict[str, Any]] = {}  # stand-in rows of `KIND`, filled by the test using them


def _expected(_session: Session, entity_id: str) -> dict[str, Any] | None:
    return ROWS.get(entity_id)


# The areas' checks, and one for a kind no area checks yet (the transparency report), declared
# as an area's module would.
STAND_IN = CHECKS + Checks(body=(BodyCheck(KIND, _expected, ids=lambda _session: list(ROWS)),))


@pytest.fixture
def licenses() -> Iterator[dict[str, dict[str, Any]]]:
    """The stand-in rows, emptied after the test."""
    assert KIND not in CHECKS.body_kinds(), "the kind has its own check now: pick another"
    try:
        yield ROWS
    finally:
        ROWS.clear()


def findings(session: Session) -> list[str]:
    return [f.line() for f in audit(session, verifier=VERIFIER, checks=STAND_IN).findings]


def test_only_the_latest_version_is_compared_with_the_rows(
    session: Session, licenses: dict[str, Any]
) -> None:
    record(session, KIND, "LIC-1", {"venue": "KTV Moon", "status": "active"})
    record(session, KIND, "LIC-1", {"venue": "KTV Moon", "status": "suspended"})
    licenses["LIC-1"] = {"venue": "KTV Moon", "status": "suspended"}
    assert findings(session) == []
    licenses["LIC-1"]["status"] = "active"  # the rows went back without a new version
    assert findings(session) == [
        "[rows] transparency_report LIC-1 v2: status: the entry says 'suspended', the rows say 'active'"
    ]


def test_rows_without_an_entry_and_entries_without_rows_are_named(
    session: Session, licenses: dict[str, Any]
) -> None:
    record(session, KIND, "LIC-1", {"status": "active"})
    licenses["LIC-2"] = {"status": "active"}
    assert findings(session) == [
        "[rows] transparency_report LIC-1 v1: no business row holds this thing any more",
        "[rows] transparency_report LIC-2: a row exists but no entry was ever recorded for it",
    ]


def test_a_run_check_reports_each_problem_of_each_run(session: Session) -> None:
    def conservation(_session: Session, run_id: Any) -> list[str]:
        return (
            [] if run_id == "2026-Q1" else [f"lines add up to 999,999 fen, the pool is 1,000,000 ({run_id})"]
        )

    test_run = RunCheck("conservation test", runs=lambda _s: ["2026-Q1", "2026-Q2"], check=conservation)
    report = audit(session, verifier=VERIFIER, checks=CHECKS + Checks(run=(test_run,)))
    assert [f.line() for f in report.findings] == [
        "[run] (conservation test 2026-Q2): lines add up to 999,999 fen, the pool is 1,000,000 (2026-Q2)"
    ]
    assert report.counts["conservation test runs"] == 2


def test_a_missing_version_breaks_the_chain(session: Session) -> None:
    record(
        session, "evidence", "EV-0123456789abcdef", {"sha256": "0123456789abcdef" * 4, "size": 1, "name": "a"}
    )
    record(
        session, "evidence", "EV-0123456789abcdef", {"sha256": "0123456789abcdef" * 4, "size": 1, "name": "b"}
    )
    assert findings(session) == []
    bypass_triggers(session.connection())
    session.execute(text("DELETE FROM ledger_entry WHERE version = 1"))
    assert findings(session) == [
        "[prev_chain] evidence EV-0123456789abcdef v2 (ledger_entry seq 2): version 2 follows no earlier "
        "version (expected version 1)"
    ]
