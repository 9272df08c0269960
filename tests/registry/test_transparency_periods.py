"""The transparency report counts facts in their business period: a fact typed in today for last
month counts in last month; a run in its period; licenses by issue and status dates and province;
claims on the month's unidentified usage; and a month not yet over is never published."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from registry.business_time import business_now, business_time
from registry.crypto import field_cipher
from registry.identifiers import generate_isrc, generate_iswc
from registry.services.licensing.licenses import revoke_license, suspend_license
from registry.services.repertoire.registration import RecordingInput
from registry.services.reporting.transparency import (
    ReportError,
    closed,
    monthly_report,
    previous_month,
    publish_report,
)
from tests.registry.test_transparency import PUB_A, PUB_B, _work
from tests.society.licensing import (
    invoice_month,
    karaoke_license,
    karaoke_tariff,
    karaoke_venue,
    pay,
    usable_uscc,
)
from tests.society.members import add_member, ref
from tests.society.repertoire import sole_work
from tests.society.usage import REPORT_SHA256, distribute_karaoke, unknown_plays, usage_frame

LAST_MONTH = previous_month(datetime.now(UTC).strftime("%Y-%m"))
THIS_MONTH = datetime.now(UTC).strftime("%Y-%m")


def _conflict(session: Session) -> None:
    _work(session, "ROCK", PUB_A, 10, iswc="T-101.914.232-4")
    _work(session, "GOLDEN", PUB_B, 11, iswc="T-101.914.232-4")  # claims 150%: a conflict
    session.flush()


def test_a_conflict_typed_in_today_for_last_month_counts_in_last_month(session: Session) -> None:
    year, month = map(int, LAST_MONTH.split("-"))
    with business_time(session, datetime(year, month, 20, 9, tzinfo=UTC)):
        _conflict(session)
    assert monthly_report(session, LAST_MONTH)["conflicts"] == {"opened": 1, "resolved": 0, "open_at_end": 1}
    assert monthly_report(session, THIS_MONTH)["conflicts"] == {"opened": 0, "resolved": 0, "open_at_end": 1}


def test_without_a_stated_business_time_a_conflict_opens_now(session: Session) -> None:
    _conflict(session)
    assert monthly_report(session, THIS_MONTH)["conflicts"]["opened"] == 1
    assert monthly_report(session, LAST_MONTH)["conflicts"]["opened"] == 0


def test_business_time_needs_a_time_zone_and_is_restored(session: Session) -> None:
    with pytest.raises(ValueError, match="time zone"), business_time(session, datetime(2026, 3, 1)):
        pass
    stated = datetime(2026, 3, 1, tzinfo=UTC)
    with business_time(session, stated):
        assert business_now(session) == stated
    assert business_now(session) != stated


def test_distribution_licenses_claims_and_collections_by_period(session: Session, tmp_path: Path) -> None:
    cipher = field_cipher(tmp_path / "data.key")
    member = add_member(session, cipher, "Deng", first_name="Lijun", ipi=7001)
    recordings = []
    for n in (1, 2):
        work = sole_work(
            session,
            ref(member),
            f"CMO-{n}",
            f"歌 {n}",
            iswc=generate_iswc(8000 + n),
            recording=RecordingInput(
                title=f"歌 {n}", isrc=generate_isrc("CN", "A12", 26, 50 + n), artist="邓丽君"
            ),
        )
        recordings.append(work.recordings[0].id)
    karaoke_tariff(session)
    shanghai = karaoke_venue(session, cipher, "金嗓子 KTV", usable_uscc(1), "上海", "SH", 10)
    beijing = karaoke_venue(session, cipher, "银嗓子 KTV", usable_uscc(2), "北京", "BJ", 5)
    session.flush()
    kept = karaoke_license(session, shanghai, date(2026, 3, 5), date(2030, 12, 31))
    late = karaoke_license(session, beijing, date(2026, 3, 10), date(2030, 12, 31))
    karaoke_license(session, beijing, date(2026, 4, 2), date(2030, 12, 31))  # April's
    suspend_license(session, kept, "unpaid invoice", on=date(2026, 3, 20))
    revoke_license(session, late, "venue closed", on=date(2026, 4, 15))  # after March: active then
    invoices = invoice_month(session, "2026-03", issued_on=date(2026, 4, 1))
    pay(session, invoices[late], 1234, date(2026, 4, 2), "BANK-1")
    usage = usage_frame([(recordings[0], None, 10, True), (recordings[1], None, 5, True)])
    distribute_karaoke(session, "2026-03", usage, 1_000_000, [(REPORT_SHA256, "plays.csv", 2)])
    unknown_plays(session, tmp_path, "2026-03", "karaoke")
    session.flush()

    march = monthly_report(session, "2026-03")
    licensing = march["licensing"]
    assert licensing["licenses_issued"] == 2
    assert licensing["status_changes"] == {"suspended": 1, "revoked": 0}
    assert licensing["licenses_at_month_end"] == {"active": 1, "suspended": 1, "revoked": 0, "expired": 0}
    assert licensing["active_by_province"] == {"BJ": 1}
    assert licensing["collected_fen"]["karaoke"] == 1234
    karaoke = march["distribution"]["by_source"]["karaoke"]
    assert karaoke["pool"] == 1_000_000 and karaoke["runs"] == 1 and karaoke["members"] == 1
    assert karaoke["pool"] == karaoke["deduction"] + karaoke["reserve"] + karaoke["allocated"]
    assert karaoke["paid"] + karaoke["carried_forward"] == karaoke["allocated"] + karaoke["brought_forward"]
    assert march["claims"]["unidentified_groups"] == 1 and march["claims"]["unidentified_lines"] >= 1
    assert march["claims"]["claims_by_status"] == {"submitted": 0, "accepted": 0, "rejected": 0}

    april = monthly_report(session, "2026-04")
    assert april["licensing"]["licenses_issued"] == 1
    assert april["licensing"]["status_changes"]["revoked"] == 1
    assert april["licensing"]["active_by_province"] == {"BJ": 1}
    assert april["distribution"]["by_source"] == {} and april["claims"]["unidentified_groups"] == 0


def test_a_month_not_yet_over_is_not_published(session: Session) -> None:
    with pytest.raises(ReportError, match=f"month {THIS_MONTH} is not closed yet"):
        publish_report(session, THIS_MONTH)
    assert not closed("2026-03", today=date(2026, 3, 31)) and closed("2026-03", today=date(2026, 4, 1))
    _, entry = publish_report(session, "2026-03", today=date(2026, 4, 1))
    assert entry is not None and entry.id == "TR-2026-03"


@pytest.mark.parametrize(("month", "before"), [("2026-03", "2026-02"), ("2026-01", "2025-12")])
def test_previous_month(month: str, before: str) -> None:
    assert previous_month(month) == before
