"""Finance over HTTP: what licensees owe, paged and aged, and a bank statement imported as
payments line by line; on SQLite and PostgreSQL. This module's world gains the payments it
imports, and asserts only what it adds."""

from __future__ import annotations

import json

from sqlalchemy import select

from registry.models.ledger import LedgerEntry
from tests.api.conftest import World

STATEMENT = "/v1/admin/payments/bank-statement"


def test_receivables_list_balances_and_the_reminder_due(world: World) -> None:
    b = world.business
    finance = world.as_("finance")
    page = world.client.get("/v1/admin/receivables", params={"as_of": "2026-04-20"}, headers=finance).json()
    by_number = {i["number"]: i for i in page["items"]}
    assert page["total"] == len(page["items"]) >= 2
    venue = by_number[b.venue_invoice]
    assert venue["paid_fen"] == 1000 and venue["balance_fen"] == venue["amount_fen"] - 1000
    assert (venue["days_overdue"], venue["reminder"]) == (0, None)
    late = world.client.get(
        "/v1/admin/receivables", params={"as_of": "2026-07-15", "status": "overdue"}, headers=finance
    ).json()
    assert {i["reminder"] for i in late["items"]} == {"final_notice"} and late["total"] == page["total"]
    one = world.client.get(
        "/v1/admin/receivables", params={"q": b.venue_invoice.lower(), "as_of": "2026-04-20"}, headers=finance
    ).json()
    assert [i["number"] for i in one["items"]] == [b.venue_invoice]
    aged = world.client.get(
        "/v1/admin/receivables/ageing", params={"as_of": "2026-05-20"}, headers=finance
    ).json()
    assert aged["balance_fen"] == sum(i["balance_fen"] for i in page["items"])
    assert aged["balance_fen"] == sum(x["balance_fen"] for x in aged["buckets"])
    assert [x["bucket"] for x in aged["buckets"] if x["invoices"]] == ["days_1_30"]


def test_bad_filters_are_refused_naming_the_parameter(world: World) -> None:
    finance = world.as_("finance")
    for params, name in (
        ({"status": "late"}, "status"),
        ({"period": "2026-13"}, "period"),
        ({"as_of": "x"}, "as_of"),
    ):
        answer = world.client.get("/v1/admin/receivables", params=params, headers=finance)
        assert answer.status_code == 422 and name in answer.text


def test_a_bank_statement_records_payments_and_reports_every_other_line(world: World) -> None:
    b = world.business
    finance = world.as_("finance")
    statement = (
        "date,amount,reference,payer,remark\n"
        f"2026-04-10,5.00,STMT-1,金嗓子 KTV,{b.venue_invoice}\n"
        "2026-04-10,7.00,STMT-2,someone,thanks\n"
        f"2026-04-10,abc,STMT-3,x,{b.venue_invoice}\n"
    )
    files = {"file": ("april.csv", statement.encode(), "text/csv")}
    answer = world.client.post(STATEMENT, files=files, headers=finance)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["counts"]["recorded"] == 1 and report["recorded_fen"] == 500
    assert [(o["line"], o["outcome"]) for o in report["outcomes"]] == [
        (2, "recorded"),
        (3, "unallocated"),
        (4, "invalid"),
    ]
    assert report["outcomes"][2]["message"].startswith("amount:")
    owed = world.client.get(
        "/v1/admin/receivables", params={"q": b.venue_invoice, "status": "all"}, headers=finance
    )
    assert owed.json()["items"][0]["paid_fen"] == 1000 + 500
    again = world.client.post(STATEMENT, files=files, headers=finance).json()
    assert again["counts"]["recorded"] == 0 and again["counts"]["already_recorded"] == 1
    with world.sessions() as session:  # the payment's ledger entry, written with its row
        payments = session.scalars(select(LedgerEntry).where(LedgerEntry.kind == "payment")).all()
        bodies = [json.loads(e.canonical)["body"] for e in payments]
    assert [(x["reference"], x["amount_fen"]) for x in bodies if x["invoice"] == b.venue_invoice][-1] == (
        "STMT-1",
        500,
    )


def test_a_file_that_is_not_a_statement_is_refused_whole(world: World) -> None:
    files = {"file": ("notes.csv", b"when,how much\n2026-04-01,1\n", "text/csv")}
    answer = world.client.post(STATEMENT, files=files, headers=world.as_("finance"))
    assert answer.status_code == 422 and "notes.csv line 1: no column 'date'" in answer.json()["detail"]
