"""A bank statement imported: receipts naming one invoice recorded as payments with their ledger
entries, everything else reported per line with the field at fault; imported again, nothing twice."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.models import Payment
from registry.services.licensing.bank_statement_csv import BankStatementError, read_statement
from registry.services.licensing.bank_statements import import_bank_statement
from registry.services.licensing.invoices import balance_fen, find_invoice, run_invoices
from tests.registry.licensing.builders import issue, tariff, venue


def _invoices(session: Session, cipher: FieldCipher) -> list[str]:
    tariff(session)
    for n in (1, 2):
        issue(session, venue(session, cipher, n))
    return sorted(i.number for i in run_invoices(session, "2026-03", issued_on=date(2026, 4, 1)).issued)


def test_receipts_are_recorded_and_the_rest_reported_by_line_and_field(
    session: Session, cipher: FieldCipher
) -> None:
    first, second = _invoices(session, cipher)
    statement = (
        "交易日期,金额,流水号,付款人,附言\n"
        f'2026-04-05,"1,000.00",B-1,星光KTV,付 {first} 三月\n'
        f"2026/04/06,¥500.5,B-2,月亮KTV,{second.lower()}\n"
        "20260407,300.00,B-3,someone,no invoice here\n"
        f"2026-04-08,-50.00,B-4,bank,fee {first}\n"
        f"2026-04-31,10.00,B-5,x,{first}\n"
        f"2026-04-09,10.001,B-6,x,{first}\n"
        f"2026-04-09,10.00,,x,{first}\n"
        f"2026-04-09,99999999.00,B-7,x,{first}\n"
        f"2026-04-09,10.00,B-8,x,{first} {second}\n"
        f"2026-04-09,10.00,B-9,x,INV-209912-000001\n"
    ).encode("gb18030")
    report = import_bank_statement(session, statement, "april.csv").to_dict()
    outcomes = {line["reference"] or f"line {line['line']}": line for line in report["outcomes"]}
    assert report["counts"] == {
        "recorded": 2,
        "already_recorded": 0,
        "unallocated": 2,
        "refused": 2,
        "invalid": 3,
        "not_a_receipt": 1,
    }
    assert report["lines"] == 10 and report["recorded_fen"] == 100_000 + 50_050
    assert (outcomes["B-1"]["invoice"], outcomes["B-1"]["outcome"]) == (first, "recorded")
    assert (outcomes["B-2"]["invoice"], outcomes["B-2"]["amount_fen"]) == (second, 50_050)
    assert outcomes["B-3"]["message"].startswith("remark: names no invoice")
    assert outcomes["B-4"]["outcome"] == "not_a_receipt"
    assert outcomes["B-5"]["message"].startswith("date:") and outcomes["B-6"]["message"].startswith("amount:")
    assert outcomes["line 8"]["message"].startswith("reference: empty")
    assert outcomes["B-7"]["outcome"] == "refused" and "balance" in outcomes["B-7"]["message"]
    assert outcomes["B-8"]["message"].startswith("remark: names 2 invoices")
    assert outcomes["B-9"]["outcome"] == "refused" and "unknown invoice" in outcomes["B-9"]["message"]
    reasons = {ref: line["reason"] for ref, line in outcomes.items()}
    assert reasons == {
        "B-1": None,
        "B-2": None,
        "B-3": "no_invoice",
        "B-4": "debit",
        "B-5": "bad_date",
        "B-6": "bad_amount",
        "line 8": "no_reference",
        "B-7": "refused",
        "B-8": "several_invoices",
        "B-9": "refused",
    }
    owed = find_invoice(session, first)
    assert balance_fen(owed) == owed.amount_fen - 100_000

    again = import_bank_statement(session, statement, "april.csv").to_dict()
    assert again["counts"]["recorded"] == 0 and again["counts"]["already_recorded"] == 2
    assert session.scalar(select(func.count()).select_from(Payment)) == 2


def test_a_statement_without_the_columns_is_refused_whole() -> None:
    with pytest.raises(BankStatementError, match=r"may.csv line 1: no column 'reference'"):
        read_statement(b"date,amount,payer\n2026-04-01,1.00,x\n", "may.csv")
    with pytest.raises(BankStatementError, match="empty file"):
        read_statement(b"", "may.csv")
    with pytest.raises(BankStatementError, match="neither UTF-8 nor GB18030"):
        read_statement(b"\xff\xfe\x00\x81\xff", "may.csv")


def test_english_headers_in_any_order_and_blank_lines() -> None:
    lines = read_statement(
        b"\xef\xbb\xbfRemark, Reference ,AMOUNT,Date\nINV-202603-000001,R1,12,2026-04-01\n\n"
    )
    [line] = lines
    assert (line.line, line.reference, line.amount_fen, line.invoices) == (
        2,
        "R1",
        1200,
        ["INV-202603-000001"],
    )


def test_within_one_statement_a_transfer_twice_counts_once_and_the_balance_holds(
    session: Session, cipher: FieldCipher
) -> None:
    first, _ = _invoices(session, cipher)
    whole = find_invoice(session, first).amount_fen
    half = f"{whole // 2 // 100}.{whole // 2 % 100:02d}"
    statement = (
        "date,amount,reference,remark\n"
        f"2026-04-05,{half},T-1,{first}\n"
        f"2026-04-05,{half},T-1,{first}\n"  # the bank listed the same transfer twice
        f"2026-04-06,1.00,T-1,{first}\n"  # its reference again, another amount
        f"2026-04-06,{half},T-2,{first}\n"
        f"2026-04-07,{half},T-3,{first}\n"  # more than is left
        f"2026-03-01,1.00,T-4,{first}\n"  # before the invoice was issued
    ).encode()
    lines = import_bank_statement(session, statement).to_dict()["outcomes"]
    assert [(x["reference"], x["outcome"]) for x in lines] == [
        ("T-1", "recorded"),
        ("T-1", "already_recorded"),
        ("T-1", "refused"),
        ("T-2", "recorded"),
        ("T-3", "refused"),
        ("T-4", "refused"),
    ]
    assert "already recorded" in lines[2]["message"] and "balance" in lines[4]["message"]
    assert "cannot precede" in lines[5]["message"]
    session.flush()
    session.expire_all()
    assert balance_fen(find_invoice(session, first)) == whole - 2 * (whole // 2)
