"""Two invoice runs of one period at once (two clerks, or a retried job) bill each license once."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from registry.crypto import FieldCipher
from registry.models import Invoice
from registry.services.licensing.invoices import InvoiceRun, run_invoices
from tests.registry.licensing.builders import issue, tariff, venue


def test_a_second_run_waits_for_the_first_and_issues_nothing_twice(
    session_factory: sessionmaker[Session], cipher: FieldCipher
) -> None:
    with session_factory.begin() as session:
        tariff(session)
        issue(session, venue(session, cipher, 1))
        issue(session, venue(session, cipher, 2))
    results: list[InvoiceRun] = []
    errors: list[BaseException] = []

    def second_clerk() -> None:
        try:
            with session_factory.begin() as other:
                results.append(run_invoices(other, "2026-03"))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    with session_factory.begin() as first:
        issued = run_invoices(first, "2026-03").issued
        clerk = threading.Thread(target=second_clerk)
        clerk.start()
        time.sleep(0.5)
        assert clerk.is_alive()  # queued behind the first run, not racing it
    clerk.join(timeout=30)
    assert not errors, errors
    [second] = results
    assert len(issued) == 2 and second.issued == []
    assert sorted(second.already_invoiced) == sorted(i.number for i in issued)
    with session_factory() as session:
        assert session.execute(select(func.count()).select_from(Invoice)).scalar_one() == 2
