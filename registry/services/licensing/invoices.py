"""Invoicing: one invoice per license and billing period, computed from the tariff in force.

A run bills every license whose validity overlaps the period, for the days it covers (a revoked
license up to the day before its revocation; a suspended one still owes its fee: suspension is a
sanction, not the end of the contract). It uses the version of the license's tariff in force on
the first billed day, and stores a snapshot of it with the invoice: a later tariff version never
alters an issued invoice. Running a period again issues only what is missing.

Per-play karaoke and online tariffs are billed on what the licensee declares for the period; a
license whose declaration has not arrived is listed as awaiting, not billed at zero.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from registry.ledger_writer import Fact, record_many
from registry.models import SOURCE_OF_KIND, Invoice, InvoiceLine, License, Tariff
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.periods import day_before, days_in_year, overlap_days, parse_period
from registry.services.licensing.tariff_formulas import DECLARED, Basis, compute, decimal_text, whole
from registry.services.licensing.tariffs import tariff_in_force, tariff_snapshot

PAYMENT_TERM_DAYS = 30


@dataclass(frozen=True, kw_only=True)
class Declaration:
    """What a licensee declares for a period: revenue and streams, or plays per room-day."""

    revenue_fen: int | None = None
    streams: int | None = None
    room_day_plays: Sequence[int] = ()

    @classmethod
    def from_json(cls, number: str, data: Any) -> Declaration:
        if not isinstance(data, Mapping):
            raise LicensingError(f"declaration for {number} must be a JSON object")
        unknown = sorted(set(data) - {"revenue_fen", "streams", "room_day_plays"})
        if unknown:
            raise LicensingError(f"declaration for {number}: unknown field {unknown[0]!r}")
        plays = data.get("room_day_plays", [])
        if not isinstance(plays, list):
            raise LicensingError(f"declaration for {number}: room_day_plays must be a list of play counts")
        return cls(
            revenue_fen=_optional_whole(data.get("revenue_fen"), f"declaration for {number}: revenue_fen"),
            streams=_optional_whole(data.get("streams"), f"declaration for {number}: streams"),
            room_day_plays=tuple(
                whole(p, f"declaration for {number}: room_day_plays[{i}]") for i, p in enumerate(plays)
            ),
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"revenue_fen": self.revenue_fen, "streams": self.streams}
        if self.room_day_plays:
            out["room_day_plays"] = list(self.room_day_plays)
        return {k: v for k, v in out.items() if v is not None}


@dataclass
class InvoiceRun:
    period: str
    issued: list[Invoice] = field(default_factory=list)
    already_invoiced: list[str] = field(default_factory=list)  # invoice numbers
    awaiting_declaration: list[str] = field(default_factory=list)  # license numbers
    problems: list[tuple[str, str]] = field(default_factory=list)  # (license number, why)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "issued": [invoice_summary(i) for i in self.issued],
            "issued_total_fen": sum(i.amount_fen for i in self.issued),
            "already_invoiced": self.already_invoiced,
            "awaiting_declaration": self.awaiting_declaration,
            "problems": [{"license": n, "message": m} for n, m in self.problems],
        }


def run_invoices(
    session: Session,
    period: str,
    declarations: Mapping[str, Declaration] | None = None,
    *,
    issued_on: date | None = None,
) -> InvoiceRun:
    """Issue the period's missing invoices. Declarations are keyed by license number."""
    first, last = parse_period(period)
    period = first.strftime("%Y-%m")
    _lock_period(session, period)
    declarations = dict(declarations or {})
    licenses = _billable(session, first, last)
    known = {lic.number for lic in licenses}
    stray = sorted(set(declarations) - known)
    if stray:
        raise LicensingError(f"declaration for {stray[0]}, which is not a license billable in {period}")
    existing = dict(
        session.execute(select(Invoice.license_id, Invoice.number).where(Invoice.period == period)).all()
    )
    run = InvoiceRun(period)
    issued_on = issued_on or date.today()
    next_seq = _next_sequence(session, period)
    tariffs = _TariffsInForce(session)
    for license in licenses:
        if license.id in existing:
            run.already_invoiced.append(existing[license.id])
            continue
        invoice = _invoice(tariffs, license, first, last, declarations.get(license.number), run)
        if invoice is None:
            continue
        invoice.number = f"INV-{first:%Y%m}-{next_seq:06d}"
        invoice.period, invoice.issued_on = period, issued_on
        invoice.due_on = issued_on + timedelta(days=PAYMENT_TERM_DAYS)
        next_seq += 1
        run.issued.append(invoice)
    session.add_all(run.issued)  # one flush for the run: inserts go in batches
    try:
        session.flush()
    except IntegrityError:
        raise LicensingError(f"another invoice run for {period} got there first: run it again") from None
    record_many(session, [Fact("invoice", invoice.number, invoice_body(invoice)) for invoice in run.issued])
    return run


def invoice_body(invoice: Invoice) -> dict[str, Any]:
    """The private `invoice` entry: what was billed and how (registry.audit.checks.money compares)."""
    return {
        "number": invoice.number,
        "license": invoice.license.number,
        "period": invoice.period,
        "source": invoice.source,
        "currency": invoice.currency,
        "amount_fen": invoice.amount_fen,
        "tariff": invoice.tariff,
        "basis": invoice.basis,
        "issued_on": invoice.issued_on.isoformat(),
        "due_on": invoice.due_on.isoformat(),
        "lines": [
            {
                "position": line.position,
                "description": line.description,
                "quantity": line.quantity,
                "unit": line.unit,
                "rate": line.rate,
                "amount_fen": line.amount_fen,
            }
            for line in invoice.lines
        ],
    }


def _lock_period(session: Session, period: str) -> None:
    """Two runs of one period queue instead of racing: the second sees the first's invoices and
    issues nothing twice. On SQLite, take the single write lock before reading anything."""
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(f"invoices/{period}".encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        session.execute(text("DELETE FROM invoice WHERE 0"))  # a write touching no row


def _billable(session: Session, first: date, last: date) -> list[License]:
    """Licenses whose validity overlaps the period and that were not revoked before it began."""
    return list(
        session.scalars(
            select(License)
            .where(License.valid_from <= last, License.valid_to >= first)
            .where(
                or_(License.status != "revoked", and_(License.status == "revoked", License.status_on > first))
            )
            .order_by(License.number)
            .options(selectinload(License.licensee), selectinload(License.tariff))
        )
    )


class _TariffsInForce:
    """tariff_in_force, asked once per tariff code and day within a run."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[tuple[str, date], Tariff | None] = {}

    def __call__(self, code: str, day: date) -> Tariff | None:
        if (code, day) not in self.known:
            self.known[code, day] = tariff_in_force(self.session, code, day)
        return self.known[code, day]


def _invoice(
    tariffs: _TariffsInForce,
    license: License,
    first: date,
    last: date,
    declaration: Declaration | None,
    run: InvoiceRun,
) -> Invoice | None:
    end = day_before(license.status_on) if license.status == "revoked" else license.valid_to
    start = max(first, license.valid_from)
    days = overlap_days(license.valid_from, end, first, last)
    if days == 0:
        return None
    tariff = tariffs(license.tariff.code, start)
    if tariff is None:
        run.problems.append(
            (license.number, f"no version of tariff {license.tariff.code} is in force on {start}")
        )
        return None
    licensee = license.licensee
    if licensee.kind not in tariff.applies_to:
        run.problems.append(
            (license.number, f"tariff {tariff.code} v{tariff.version} does not apply to {licensee.kind}")
        )
        return None
    if tariff.formula in DECLARED and declaration is None:
        run.awaiting_declaration.append(license.number)
        return None
    declared = declaration or Declaration()
    basis = Basis(
        days=days,
        year_days=days_in_year(first.year),
        rooms=licensee.rooms,
        floor_area_m2=licensee.floor_area_m2,
        province=licensee.province,
        revenue_fen=declared.revenue_fen,
        streams=declared.streams,
        room_day_plays=declared.room_day_plays,
    )
    try:
        fee_lines = compute(tariff.formula, tariff.params, basis)
    except LicensingError as exc:
        raise LicensingError(f"{license.number}: {exc}") from None
    lines = [
        InvoiceLine(
            position=n,
            description=line.description[:200],
            quantity=decimal_text(line.quantity),
            unit=line.unit,
            rate=decimal_text(line.rate),
            amount_fen=line.amount_fen,
        )
        for n, line in enumerate(fee_lines, 1)
    ]
    billed_to = min(end, last)
    return Invoice(
        license=license,
        source=SOURCE_OF_KIND[licensee.kind],
        currency=tariff.currency,
        amount_fen=sum(line.amount_fen for line in lines),
        tariff=tariff_snapshot(tariff),
        basis={
            "from": start.isoformat(),
            "to": billed_to.isoformat(),
            "days": days,
            "year_days": basis.year_days,
            "rooms": licensee.rooms,
            "floor_area_m2": licensee.floor_area_m2,
            "province": licensee.province,
            "declared": declared.to_json(),
        },
        lines=lines,
    )


def find_invoice(session: Session, number: str) -> Invoice:
    invoice = session.scalars(select(Invoice).where(Invoice.number == number.strip().upper())).one_or_none()
    if invoice is None:
        raise LicensingError(f"unknown invoice {number!r}")
    return invoice


def invoice_for(session: Session, license_number: str, period: str) -> Invoice | None:
    return session.scalars(
        select(Invoice)
        .join(Invoice.license)
        .where(License.number == license_number, Invoice.period == period)
    ).one_or_none()


def paid_fen(invoice: Invoice) -> int:
    return sum(p.amount_fen for p in invoice.payments)


def balance_fen(invoice: Invoice) -> int:
    """What the licensee still owes on this invoice."""
    return invoice.amount_fen - paid_fen(invoice)


def invoice_summary(invoice: Invoice) -> dict[str, Any]:
    return {
        "number": invoice.number,
        "license": invoice.license.number,
        "licensee": invoice.license.licensee.name,
        "period": invoice.period,
        "source": invoice.source,
        "amount_fen": invoice.amount_fen,
        "paid_fen": paid_fen(invoice),
        "balance_fen": balance_fen(invoice),
        "currency": invoice.currency,
        "issued_on": invoice.issued_on.isoformat(),
        "due_on": invoice.due_on.isoformat(),
        "tariff": {"code": invoice.tariff["code"], "version": invoice.tariff["version"]},
        "basis": invoice.basis,
        "lines": [
            {
                "description": line.description,
                "quantity": line.quantity,
                "unit": line.unit,
                "rate_fen": line.rate,
                "amount_fen": line.amount_fen,
            }
            for line in invoice.lines
        ],
    }


def list_invoices(session: Session, *, period: str | None = None, unpaid: bool = False) -> list[Invoice]:
    query = select(Invoice).order_by(Invoice.number)
    if period is not None:
        first, _ = parse_period(period)
        query = query.where(Invoice.period == first.strftime("%Y-%m"))
    invoices = list(session.scalars(query))
    return [i for i in invoices if balance_fen(i) > 0] if unpaid else invoices


def _next_sequence(session: Session, period: str) -> int:
    prefix = f"INV-{period.replace('-', '')}-"
    last = session.scalar(
        select(Invoice.number)
        .where(Invoice.number.startswith(prefix))
        .order_by(Invoice.number.desc())
        .limit(1)
    )
    return int(last[len(prefix) :]) + 1 if last else 1


def _optional_whole(value: object, what: str) -> int | None:
    return None if value is None else whole(value, what)
