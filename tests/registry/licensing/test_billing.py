"""Invoices per license and period (idempotent, frozen against later tariff versions), payments,
balances and the collections per period and source that feed the royalty pools."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.models import Invoice, Payment
from registry.services.licensing.collections import collected, collections_by_source
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.invoices import Declaration, balance_fen, invoice_for, run_invoices
from registry.services.licensing.licenses import revoke_license, suspend_license
from registry.services.licensing.payments import PaymentInput, outstanding, outstanding_fen, record_payment
from registry.services.reporting.transparency import monthly_report
from tests.registry.licensing.builders import ROOM_DAY, issue, tariff, venue


def _count(session: Session, model: type) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_run_bills_each_license_once_per_period(session: Session, cipher: FieldCipher) -> None:
    tariff(session)
    gd = issue(session, venue(session, cipher, 1))  # Guangdong rate 1200
    bj = issue(session, venue(session, cipher, 2, province="BJ", rooms=10))  # no Beijing rate
    run = run_invoices(session, "2026-03", issued_on=date(2026, 4, 1))
    amounts = {i.license.number: i.amount_fen for i in run.issued}
    assert amounts == {gd.number: 24 * 31 * 1200, bj.number: 10 * 31 * 1080}
    [first] = [i for i in run.issued if i.license is gd]
    assert first.number == "INV-202603-000001" and first.currency == "CNY" and first.source == "karaoke"
    assert first.due_on == date(2026, 5, 1)
    assert [(line.quantity, line.unit, line.rate, line.amount_fen) for line in first.lines] == [
        ("744", "room-day", "1200", 892800)
    ]
    assert first.tariff["params"] == {
        "rate_fen": "1080",
        "province_rates_fen": {"GD": "1200", "SH": "1350.5"},
    }

    again = run_invoices(session, "2026-03", issued_on=date(2026, 4, 2))
    assert again.issued == [] and sorted(again.already_invoiced) == ["INV-202603-000001", "INV-202603-000002"]
    assert _count(session, Invoice) == 2
    assert ROOM_DAY["rate_fen"] == 1080  # the builder's table is not mutated by storing it


def test_a_later_tariff_version_never_alters_an_issued_invoice(session: Session, cipher: FieldCipher) -> None:
    tariff(session)
    license = issue(session, venue(session, cipher))
    march = run_invoices(session, "2026-03", issued_on=date(2026, 4, 1)).issued[0]
    v2 = tariff(
        session, params={"rate_fen": 1500, "province_rates_fen": {"GD": 1600}}, valid_from=date(2026, 4, 1)
    )
    assert v2.version == 2
    assert run_invoices(session, "2026-03").issued == []
    session.expire_all()
    stored = invoice_for(session, license.number, "2026-03")
    assert stored is not None and stored.id == march.id
    assert (stored.amount_fen, stored.tariff["version"]) == (24 * 31 * 1200, 1)
    april = run_invoices(session, "2026-04", issued_on=date(2026, 5, 1)).issued[0]
    assert (april.amount_fen, april.tariff["version"]) == (24 * 30 * 1600, 2)


def test_days_billed_follow_validity_and_revocation(session: Session, cipher: FieldCipher) -> None:
    tariff(session)
    starts_mid_month = issue(session, venue(session, cipher, 1), valid_from=date(2026, 3, 10))
    revoked = issue(session, venue(session, cipher, 2))
    revoke_license(session, revoked.number, "closed", on=date(2026, 3, 21))
    suspended = issue(session, venue(session, cipher, 3))
    suspend_license(session, suspended.number, "late payment", on=date(2026, 3, 5))
    gone = issue(session, venue(session, cipher, 4))
    revoke_license(session, gone.number, "closed", on=date(2026, 2, 1))
    run = run_invoices(session, "2026-03", issued_on=date(2026, 4, 1))
    days = {i.license.number: i.basis["days"] for i in run.issued}
    assert days == {starts_mid_month.number: 22, revoked.number: 20, suspended.number: 31}
    assert run_invoices(session, "2027-01").issued == []  # all ended in 2026


def test_declared_tariffs_wait_for_their_declaration(session: Session, cipher: FieldCipher) -> None:
    tariff(session, "KTV-PLAY", "karaoke_per_play")
    tariff(session, "ONLINE", "online_revenue")
    ktv = issue(session, venue(session, cipher, 1, rooms=2), code="KTV-PLAY")
    app = issue(
        session, venue(session, cipher, 2, kind="chat_room_app", uscc=None, rooms=None), code="ONLINE"
    )
    run = run_invoices(session, "2026-03", issued_on=date(2026, 4, 1))
    assert run.issued == [] and run.awaiting_declaration == [ktv.number, app.number]
    with pytest.raises(LicensingError, match="LIC-2099-000001, which is not a license billable"):
        run_invoices(session, "2026-03", {"LIC-2099-000001": Declaration(revenue_fen=1)})
    declarations = {
        ktv.number: Declaration(room_day_plays=[54, 21]),
        app.number: Declaration(revenue_fen=1_000_000, streams=500_000),
    }
    run = run_invoices(session, "2026-03", declarations, issued_on=date(2026, 4, 1))
    amounts = {i.license.number: i.amount_fen for i in run.issued}
    assert amounts == {ktv.number: 2 * 31 * 500 + 1000 + 30, app.number: 60_000}
    [ktv_invoice] = [i for i in run.issued if i.license is ktv]
    assert ktv_invoice.basis["declared"] == {"room_day_plays": [54, 21]}
    assert app.licensee.kind == "chat_room_app" and {i.source for i in run.issued} == {"karaoke", "online"}


def test_bad_period_writes_nothing(session: Session, cipher: FieldCipher) -> None:
    tariff(session)
    issue(session, venue(session, cipher))
    for period in ("2026-13", "2026-3", "March"):
        with pytest.raises(LicensingError, match="YYYY-MM"):
            run_invoices(session, period)
    with pytest.raises(LicensingError, match="before year 1"):  # no date has year 0
        run_invoices(session, "0000-01")
    assert _count(session, Invoice) == 0


def test_payments_balances_and_collections(session: Session, cipher: FieldCipher) -> None:
    tariff(session)
    tariff(session, "BGM", "background_music")
    tariff(session, "ONLINE", "online_revenue")
    tariff(session, "TV", "flat_annual")
    ktv = issue(session, venue(session, cipher, 1))
    shop = issue(session, venue(session, cipher, 2, kind="shop", rooms=None, floor_area_m2=300), code="BGM")
    app = issue(session, venue(session, cipher, 3, kind="streaming_platform", rooms=None), code="ONLINE")
    tv = issue(session, venue(session, cipher, 4, kind="broadcaster", rooms=None), code="TV")
    run = run_invoices(
        session,
        "2026-03",
        {app.number: Declaration(revenue_fen=2_000_000, streams=10)},
        issued_on=date(2026, 4, 1),
    )
    by_license = {i.license.number: i for i in run.issued}
    assert {n: i.amount_fen for n, i in by_license.items()} == {
        ktv.number: 892_800,
        shop.number: 11_890,  # 140000 x 31 / 365 = 11890.41
        app.number: 60_000,
        tv.number: 310_000,
    }
    ktv_inv, shop_inv = by_license[ktv.number], by_license[shop.number]

    payment, new = record_payment(
        session,
        PaymentInput(
            invoice=ktv_inv.number, amount_fen=500_000, received_on=date(2026, 4, 10), reference="B1"
        ),
    )
    assert new and balance_fen(ktv_inv) == 392_800
    _, new = record_payment(  # the same bank transfer twice: recorded once
        session,
        PaymentInput(
            invoice=ktv_inv.number, amount_fen=500_000, received_on=date(2026, 4, 10), reference="B1"
        ),
    )
    assert not new and _count(session, Payment) == 1
    record_payment(
        session,
        PaymentInput(
            invoice=shop_inv.number, amount_fen=11_890, received_on=date(2026, 5, 2), reference="B2"
        ),
    )
    record_payment(
        session,
        PaymentInput(
            invoice=by_license[tv.number].number,
            amount_fen=10_000,
            received_on=date(2026, 4, 3),
            reference="B3",
            method="alipay",
        ),
    )
    for bad, message in [
        (dict(amount_fen=392_801, reference="B4"), "balance of 392800 fen"),
        (dict(amount_fen=0, reference="B5"), "above 0"),
        (dict(amount_fen=100, reference="B1"), "already recorded"),
        (dict(amount_fen=100, reference="B6", received_on=date(2026, 3, 1)), "cannot precede"),
        (dict(amount_fen=100, reference="B7", invoice="INV-202603-999999"), "unknown invoice"),
    ]:
        fields = dict(invoice=ktv_inv.number, received_on=date(2026, 4, 11)) | bad
        with pytest.raises(LicensingError, match=message):
            record_payment(session, PaymentInput(**fields))  # type: ignore[arg-type]
    assert _count(session, Payment) == 3

    assert collections_by_source(session, "2026-03") == {
        "karaoke": 500_000,
        "online": 0,
        "background_music": 11_890,
        "broadcast": 10_000,
    }
    assert collected(session, "2026-03", "karaoke") == 500_000
    assert collected(session, "2026-04", "karaoke") == 0
    with pytest.raises(LicensingError, match="unknown source"):
        collected(session, "2026-03", "radio")
    assert [i.number for i in outstanding(session, "2026-03")] == sorted(
        [ktv_inv.number, by_license[app.number].number, by_license[tv.number].number]
    )
    assert outstanding_fen(session, "2026-03") == 392_800 + 60_000 + 300_000
    assert payment.invoice is ktv_inv


def test_the_transparency_report_has_a_licensing_section(session: Session, cipher: FieldCipher) -> None:
    """Each fact counts in its business period: a license in the month it was issued, a
    suspension in the month it took effect, an invoice in the period it bills."""
    year = 2025
    month = f"{year}-01"
    tariff(session, valid_from=date(year - 1, 1, 1))
    active = issue(
        session, venue(session, cipher, 1), valid_from=date(year, 1, 1), valid_to=date(year, 12, 31)
    )
    ended = issue(
        session, venue(session, cipher, 2), valid_from=date(year - 1, 1, 1), valid_to=date(year - 1, 12, 31)
    )
    suspend_license(session, active.number, "late", on=date(year, 1, 2))
    [invoice] = run_invoices(session, month, issued_on=date(year, 1, 1)).issued
    record_payment(
        session,
        PaymentInput(invoice=invoice.number, amount_fen=1234, received_on=date(year, 1, 1), reference="T1"),
    )
    figures = monthly_report(session, month)["licensing"]
    assert figures["licenses_issued"] == 1  # `ended` was issued a year before
    assert figures["status_changes"] == {"suspended": 1, "revoked": 0}
    assert figures["licenses_at_month_end"] == {"active": 0, "suspended": 1, "revoked": 0, "expired": 1}
    assert figures["invoiced_fen"] == invoice.amount_fen > 0
    assert figures["collected_fen"]["karaoke"] == 1234
    assert figures["outstanding_fen"] == invoice.amount_fen - 1234
    assert monthly_report(session, f"{year - 1}-01")["licensing"]["licenses_issued"] == 1  # `ended`
    assert ended.number != active.number
