"""What licensees owe, read in SQL: balances after payments, days past due, the reminder due and
the ageing buckets adding up to the total."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.services.licensing.invoices import run_invoices
from registry.services.licensing.payments import PaymentInput, record_payment
from registry.services.licensing.receivables import ageing, receivables_page, reminder_due
from tests.registry.licensing.builders import issue, tariff, venue


def _three_invoices(session: Session, cipher: FieldCipher) -> list[str]:
    tariff(session)
    for n in (1, 2, 3):
        issue(session, venue(session, cipher, n))
    run = run_invoices(session, "2026-03", issued_on=date(2026, 4, 1))  # due 2026-05-01
    numbers = sorted(i.number for i in run.issued)
    paid_whole, paid_part, _ = numbers
    whole = next(i for i in run.issued if i.number == paid_whole)
    record_payment(
        session,
        PaymentInput(
            invoice=paid_whole, amount_fen=whole.amount_fen, received_on=date(2026, 4, 10), reference="B-1"
        ),
    )
    record_payment(
        session,
        PaymentInput(invoice=paid_part, amount_fen=100_00, received_on=date(2026, 4, 10), reference="B-2"),
    )
    return numbers


def test_the_reminder_ladder() -> None:
    assert [reminder_due(d) for d in (0, 1, 30, 31, 60, 61, 400)] == [
        None,
        "first_reminder",
        "first_reminder",
        "second_reminder",
        "second_reminder",
        "final_notice",
        "final_notice",
    ]


def test_outstanding_and_overdue_invoices_with_their_balance(session: Session, cipher: FieldCipher) -> None:
    paid_whole, paid_part, unpaid = _three_invoices(session, cipher)
    before_due = receivables_page(session, today=date(2026, 4, 20))
    assert before_due.total == 2 and [i["number"] for i in before_due.items] == [paid_part, unpaid]
    part = before_due.items[0]
    assert part["balance_fen"] == part["amount_fen"] - 100_00 and part["paid_fen"] == 100_00
    assert (part["days_overdue"], part["reminder"]) == (0, None)
    assert receivables_page(session, status="overdue", today=date(2026, 4, 20)).total == 0

    late = receivables_page(session, status="overdue", today=date(2026, 6, 5))
    assert late.total == 2
    assert {(i["days_overdue"], i["reminder"]) for i in late.items} == {(35, "second_reminder")}
    everything = receivables_page(session, status="all", today=date(2026, 6, 5))
    assert everything.total == 3
    settled = next(i for i in everything.items if i["number"] == paid_whole)
    assert (settled["balance_fen"], settled["days_overdue"], settled["reminder"]) == (0, 0, None)


def test_search_period_and_paging(session: Session, cipher: FieldCipher) -> None:
    _, paid_part, unpaid = _three_invoices(session, cipher)
    today = date(2026, 6, 5)
    assert [i["number"] for i in receivables_page(session, today=today, q=unpaid.lower()).items] == [unpaid]
    assert receivables_page(session, today=today, period="2026-04").total == 0
    first = receivables_page(session, today=today, limit=1)
    second = receivables_page(session, today=today, limit=1, offset=1)
    assert first.total == second.total == 2
    assert [first.items[0]["number"], second.items[0]["number"]] == [paid_part, unpaid]
    name = first.items[0]["licensee_name"]
    assert receivables_page(session, today=today, q=name.upper()).items[0]["licensee_name"] == name
    assert receivables_page(session, today=today, q="%").total == 0  # wildcards are text here


def test_ageing_buckets_add_up_to_what_is_owed(session: Session, cipher: FieldCipher) -> None:
    _three_invoices(session, cipher)
    owed = sum(i["balance_fen"] for i in receivables_page(session, today=date(2026, 4, 20)).items)
    for today, bucket in (
        (date(2026, 4, 20), "not_due"),
        (date(2026, 5, 31), "days_1_30"),
        (date(2026, 6, 30), "days_31_60"),
        (date(2026, 7, 20), "days_61_90"),
        (date(2026, 9, 1), "days_over_90"),
    ):
        aged = ageing(session, today=today)
        assert (aged["invoices"], aged["balance_fen"]) == (2, owed)
        by_name = {b["bucket"]: b for b in aged["buckets"]}
        assert by_name[bucket] == {"bucket": bucket, "invoices": 2, "balance_fen": owed}
        assert sum(b["balance_fen"] for b in aged["buckets"]) == owed
