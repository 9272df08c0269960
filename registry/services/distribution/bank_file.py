"""The payment file for the society's bank after a run: one transfer per member paid, the amount
the member's statement states as paid in this run (net: earned + brought forward − carried
forward), to the account the member gave (opened from its sealed column here and nowhere else).
Members paid without bank details are listed apart, their amounts held. Parts add up to the
run's `paid`.

The file holds bank details: whoever writes it creates it readable by its owner only."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from payloads.cells import safe_row
from registry import entity_ids
from registry.crypto import FieldCipher
from registry.errors import RegistryError
from registry.models import DistributionRun, Party, carry_table
from registry.services.distribution.runs import recorded_lines, statement_id
from registry.services.members.membership import member_bank

COLUMNS = ("member", "payee", "account", "bank", "amount", "currency", "reference")


@dataclass(frozen=True, slots=True)
class Transfer:
    member: str  # M-n
    payee: str
    account: str | None
    bank: str | None
    amount: int  # minor units
    reference: str  # the member's statement entry: DIST-<period>-<source>/M-n


@dataclass
class BankFile:
    period: str
    source: str
    run: int
    currency: str
    paid: int  # the run's total paid, as its summary states it
    transfers: list[Transfer] = field(default_factory=list)
    held: list[Transfer] = field(default_factory=list)  # paid but no bank details: not sent

    @property
    def total(self) -> int:
        return sum(t.amount for t in self.transfers)


def bank_file(
    session: Session, cipher: FieldCipher, period: str, source: str, run: int | None = None
) -> BankFile:
    """The transfers of the run (`run` number, default the latest) of `period` and `source`."""
    query = select(DistributionRun).where(DistributionRun.period == period, DistributionRun.source == source)
    runs = list(session.scalars(query.order_by(DistributionRun.sequence)))
    if not runs:
        raise RegistryError(f"{period} {source} has not been distributed")
    chosen = runs[-1] if run is None else next((r for r in runs if r.sequence == run), None)
    if chosen is None:
        raise RegistryError(
            f"{period} {source} has no run {run} (runs: {', '.join(str(r.sequence) for r in runs)})"
        )
    lines = recorded_lines(session, [chosen.id])
    earned = dict(lines.group_by("party_id").agg(pl.col("amount").sum()).iter_rows()) if lines.height else {}
    balances = {
        party: (int(brought), int(carried))
        for party, brought, carried in session.execute(
            select(
                carry_table.c.party_id, carry_table.c.brought_forward, carry_table.c.carried_forward
            ).where(carry_table.c.run_id == chosen.id)
        )
    }
    out = BankFile(period, source, chosen.sequence, chosen.currency, int(chosen.paid))
    parties = {
        p.id: p for p in session.scalars(select(Party).where(Party.id.in_(sorted({*earned, *balances}))))
    }
    for party_id in sorted({*earned, *balances}):
        brought, carried = balances.get(party_id, (0, 0))
        amount = int(earned.get(party_id, 0)) + brought - carried
        if amount == 0:
            continue
        party = parties[party_id]
        details = member_bank(cipher, party) or {}
        transfer = Transfer(
            member=entity_ids.MEMBER.make(party_id),
            payee=str(details.get("holder") or _name(party)),
            account=details.get("account"),
            bank=details.get("bank"),
            amount=amount,
            reference=statement_id(period, source, party_id),
        )
        (out.transfers if transfer.account else out.held).append(transfer)
    return out


def bank_csv(payments: BankFile) -> bytes:
    """The transfers as CSV (UTF-8 with BOM, for spreadsheet software), amounts in yuan to the fen."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for t in payments.transfers:
        amount = Decimal(t.amount).scaleb(-2).quantize(Decimal("0.01"))
        # A name or account starting with = + - @ is not run as a formula by a spreadsheet.
        row = (t.member, t.payee, t.account, t.bank or "", f"{amount}", payments.currency, t.reference)
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _name(party: Party) -> str:
    return f"{party.name}, {party.first_name}" if party.first_name else party.name
