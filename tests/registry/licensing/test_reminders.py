"""Payment reminders as finance records them: the stage due (never before it is due, never for a
paid invoice, each stage once), the day's run sending every stage reached and nothing twice, the
receivables showing what was sent and what is still due, each reminder a private entry of the
licensee's, and a reminder row changed behind the ledger's back named by the audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from ledger.note import Signer
from registry.audit.run import audit
from registry.crypto import FieldCipher
from registry.kinds import OWNERS
from registry.ledger_writer import latest_entry
from registry.models import InvoiceReminder, License
from registry.services.licensing.receivables import receivables_page
from registry.services.licensing.reminders import (
    AlreadySent,
    ReminderError,
    UnknownInvoice,
    send_due_reminders,
    send_reminder,
)
from tests.registry.licensing.test_receivables import _three_invoices

VERIFIER = Signer.generate("reminders.test/log").verifier()


def _findings(session: Session) -> list[str]:
    session.expire_all()
    return [f.line() for f in audit(session, verifier=VERIFIER).findings]


def test_a_reminder_is_sent_once_when_due(session: Session, cipher: FieldCipher) -> None:
    paid_whole, paid_part, unpaid = _three_invoices(session, cipher)  # due 2026-05-01
    with pytest.raises(ReminderError) as early:
        send_reminder(session, unpaid, today=date(2026, 4, 20), sent_by="fin1")
    assert early.value.field == "stage"
    with pytest.raises(ReminderError) as paid:
        send_reminder(session, paid_whole, today=date(2026, 6, 5), sent_by="fin1")
    assert paid.value.field == "invoice"
    with pytest.raises(ReminderError) as not_yet:
        send_reminder(session, unpaid, today=date(2026, 5, 10), sent_by="fin1", stage="final_notice")
    assert not_yet.value.field == "stage" and "61 days" in str(not_yet.value)
    with pytest.raises(ReminderError) as channel:
        send_reminder(session, unpaid, today=date(2026, 5, 10), sent_by="fin1", channel="pigeon")
    assert channel.value.field == "channel"
    with pytest.raises(UnknownInvoice):
        send_reminder(session, "INV-209901-000001", today=date(2026, 5, 10), sent_by="fin1")

    first = send_reminder(
        session, paid_part, today=date(2026, 5, 10), sent_by="fin1", channel="email", note=" call  back "
    )
    session.flush()
    assert (first.stage, first.days_overdue, first.note) == ("first_reminder", 9, "call back")
    assert first.balance_fen == first.invoice.amount_fen - 100_00
    with pytest.raises(AlreadySent):
        send_reminder(session, paid_part, today=date(2026, 5, 12), sent_by="fin1")
    entry = latest_entry(session, "reminder", f"RM-{first.id}")
    assert (
        entry is not None and entry.body["invoice"] == paid_part and entry.body["stage"] == "first_reminder"
    )
    assert entry.body["balance_fen"] == first.balance_fen and entry.body["sent_by"] == "fin1"
    licensee = session.get(License, first.invoice.license_id)
    assert licensee is not None and OWNERS["reminder"](session, f"RM-{first.id}") == (
        None,
        licensee.licensee_id,
    )

    page = {
        i["number"]: i for i in receivables_page(session, status="overdue", today=date(2026, 5, 10)).items
    }
    assert page[paid_part]["reminder"] is None  # sent: not due any more
    assert page[paid_part]["last_reminder"] == {"stage": "first_reminder", "sent_on": "2026-05-10"}
    assert page[unpaid]["reminder"] == "first_reminder" and page[unpaid]["last_reminder"] is None
    assert _findings(session) == []


def test_the_days_run_sends_each_stage_reached_once(session: Session, cipher: FieldCipher) -> None:
    _, paid_part, unpaid = _three_invoices(session, cipher)
    assert send_due_reminders(session, today=date(2026, 4, 20), sent_by="fin1").sent == 0
    first = send_due_reminders(session, today=date(2026, 5, 5), sent_by="fin1")
    assert (first.sent, first.by_stage["first_reminder"]) == (2, 2) and len(first.reminders) == 2
    again = send_due_reminders(session, today=date(2026, 5, 6), sent_by="fin1")
    assert again.sent == 0
    second = send_due_reminders(session, today=date(2026, 6, 5), sent_by="fin1", channel="email")
    assert second.by_stage == {"first_reminder": 0, "second_reminder": 2, "final_notice": 0}
    owed = {i["number"]: i["balance_fen"] for i in receivables_page(session, today=date(2026, 6, 5)).items}
    assert second.balance_fen == owed[paid_part] + owed[unpaid]
    # Past 61 days: the final notice.
    late = send_due_reminders(session, today=date(2026, 8, 1), sent_by="fin1")
    assert late.by_stage["final_notice"] == 2
    assert session.query(InvoiceReminder).count() == 6
    assert _findings(session) == []


@pytest.mark.parametrize(
    ("column", "value"), [("balance_fen", "1"), ("stage", "'final_notice'"), ("sent_on", "'2026-01-01'")]
)
def test_a_reminder_changed_behind_the_ledgers_back_is_found(
    session: Session, cipher: FieldCipher, column: str, value: str
) -> None:
    _three_invoices(session, cipher)
    run = send_due_reminders(session, today=date(2026, 5, 5), sent_by="fin1")
    session.flush()
    target = run.reminders[0]
    session.execute(
        text(f"UPDATE invoice_reminder SET {column} = {value} WHERE id = :id"), {"id": int(target[3:])}
    )
    found = _findings(session)
    assert any(target in line for line in found), found
