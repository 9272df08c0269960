"""End to end on the registry's own records: licensing collections -> usage import (a play log
and a DDEX DSR sample) -> distribution -> statements -> conservation audit; and a claim
accepted after the period's distribution paid as an adjustment of that period when the next
period is distributed (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher, field_cipher
from registry.ledger_writer import history
from registry.models import UnidentifiedUsage
from registry.services.distribution.period import distribute_period
from registry.services.distribution.runs import check_conservation, statements
from registry.services.licensing.invoices import Declaration, run_invoices
from registry.services.licensing.payments import PaymentInput, record_payment
from registry.services.usage.claims import accept_claim, submit_claim
from registry.services.usage.reports import import_usage
from tests.registry.licensing.builders import issue, tariff, venue
from tests.registry.usage.helpers import play_log
from tests.society.catalogue import Catalogue, build_catalogue

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "dsr"
DSR = SAMPLES / "DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv"
INGESTED = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def cipher(tmp_path: Path) -> FieldCipher:
    return field_cipher(tmp_path / "keys" / "data.key", environ={})


def _collect_march(session: Session, cipher: FieldCipher) -> None:
    """A karaoke venue pays 5,000.00 yuan and a streaming platform 600.00 for March."""
    tariff(session)
    tariff(session, "ONLINE", "online_revenue")
    ktv = issue(session, venue(session, cipher, 1))
    app = issue(session, venue(session, cipher, 3, kind="streaming_platform", rooms=None), code="ONLINE")
    run = run_invoices(
        session,
        "2026-03",
        {app.number: Declaration(revenue_fen=2_000_000, streams=10)},
        issued_on=date(2026, 4, 1),
    )
    invoices = {i.license.number: i for i in run.issued}
    for number, amount, ref in ((ktv.number, 500_000, "B1"), (app.number, 60_000, "B2")):
        record_payment(
            session,
            PaymentInput(
                invoice=invoices[number].number,
                amount_fen=amount,
                received_on=date(2026, 4, 10),
                reference=ref,
            ),
        )


def _import_march(session: Session, data_dir: Path, c: Catalogue) -> str:
    log = play_log(
        data_dir.parent / "ktv-2026-03.csv",
        [
            "KTV-1,A,CNA012600000,Song 0,,,2026-03-01 20:00,6",
            "KTV-1,B,CNA012600001,Song 1,,,2026-03-02 20:00,3",
            "KTV-2,A,CNA012600000,Song 0,,,2026-03-03 21:00,3",
            "KTV-2,C,,小幸运,田馥甄,265,2026-03-09 21:00,4",
        ],
    )
    report = import_usage(session, data_dir, log, "2026-03", "karaoke", claims_window_days=30, now=INGESTED)
    import_usage(session, data_dir, DSR, "2026-03", "online", claims_window_days=30, now=INGESTED)
    return report.sha256


def test_a_period_from_collections_and_imported_usage_then_a_claim_as_adjustment(
    session: Session, tmp_path: Path, cipher: FieldCipher
) -> None:
    data_dir = tmp_path / "data"
    c = build_catalogue(session)
    _collect_march(session, cipher)
    sha = _import_march(session, data_dir, c)

    march = distribute_period(session, data_dir, period="2026-03", source="karaoke")
    s = march.result.summary
    assert march.result.status == "recorded" and not march.adjustments
    assert s["pool"] == 500_000  # the collections, not a given figure
    assert [r["name"] for r in s["usage_reports"]] == ["ktv-2026-03.csv"]
    assert s["usage_reports"][0]["sha256"] == sha
    assert (s["usage"]["lines"], s["usage"]["weight"], s["usage"]["identified_weight"]) == (4, 16, 12)
    held = s["reserve"]["unidentified"]
    assert held == (500_000 - s["deduction"]) * 4 // 16
    assert check_conservation(session, march.result.run_id or 0) == []
    [stated] = statements(session, c.parties[2], "2026-03", "karaoke")
    assert stated["earned"] > 0 and {line["id"] for line in stated["lines"]} == {f"R-{c.recordings[1]}"}

    online = distribute_period(session, data_dir, period="2026-03", source="online")
    assert online.result.summary["pool"] == 60_000
    assert online.result.summary["usage_reports"][0]["name"] == DSR.name
    assert check_conservation(session, online.result.run_id or 0) == []

    # The unknown song is claimed as recording 1 after March was paid: payable in April.
    group = session.scalars(select(UnidentifiedUsage).where(UnidentifiedUsage.source == "karaoke")).one()
    claim = submit_claim(
        session, group.id, c.parties[2], recording_id=c.recordings[1], now=datetime(2026, 4, 20, tzinfo=UTC)
    )
    accepted = accept_claim(session, claim.id, decided_by="staff", now=datetime(2026, 4, 25, tzinfo=UTC))
    assert accepted.payable_period == "2026-04"

    april = distribute_period(session, data_dir, period="2026-04", source="karaoke")
    assert april.result.status == "recorded" and april.result.summary["pool"] == 0
    [adjusted] = april.adjustments
    a = adjusted.summary
    assert (adjusted.status, adjusted.period, a["kind"], a["run"]) == ("recorded", "2026-03", "adjustment", 1)
    assert a["pool"] == 0 and a["deduction"] == 0
    assert a["reserve"]["unidentified"] == -held  # the claimed usage was all of March's unidentified
    assert a["allocated"] == held - a["reserve"]["unclaimed"] - a["reserve"]["disputed"]
    assert a["allocated"] > 0
    assert check_conservation(session, adjusted.run_id or 0) == []
    assert check_conservation(session, april.result.run_id or 0) == []
    runs = statements(session, c.parties[2], "2026-03", "karaoke")
    assert [r["kind"] for r in runs] == ["regular", "adjustment"]
    assert runs[1]["lines"] and all(line["amount"] > 0 for line in runs[1]["lines"])
    assert len(history(session, "distribution_summary", "DIST-2026-03-karaoke")) == 2

    again = distribute_period(session, data_dir, period="2026-04", source="karaoke")
    assert again.result.status == "unchanged" and [x.status for x in again.adjustments] == ["unchanged"]
