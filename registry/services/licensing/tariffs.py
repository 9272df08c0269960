"""Tariffs: versioned, never edited. Adding a tariff under an existing code makes its next version,
which replaces the earlier ones from its own valid_from; invoices keep a snapshot of the version
they were computed with, so no tariff change alters an issued invoice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.ledger_writer import record
from registry.models import LICENSEE_KINDS, Tariff
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.tariff_formulas import CURRENCY, FORMULA_KINDS, ROUNDING, validate_params


@dataclass(frozen=True, kw_only=True)
class TariffInput:
    code: str
    name: str
    formula: str
    params: Mapping[str, Any]
    valid_from: date
    valid_to: date | None = None
    applies_to: Sequence[str] = ()  # licensee kinds; default: the kinds the formula fits


def add_tariff(session: Session, data: TariffInput) -> Tariff:
    """Add a tariff, or the next version of one with the same code."""
    code = data.code.strip().upper()
    if not code or len(code) > 40:
        raise LicensingError("a tariff needs a code of 1 to 40 characters")
    if not data.name.strip():
        raise LicensingError(f"tariff {code} needs a name")
    params = validate_params(data.formula, data.params)
    if data.valid_to is not None and data.valid_to < data.valid_from:
        raise LicensingError(f"tariff {code} ends ({data.valid_to}) before it starts ({data.valid_from})")
    kinds = sorted(set(data.applies_to or FORMULA_KINDS[data.formula]))
    unknown = [k for k in kinds if k not in LICENSEE_KINDS]
    if unknown:
        raise LicensingError(
            f"tariff {code} names unknown licensee kinds {', '.join(unknown)}; "
            f"expected some of {', '.join(LICENSEE_KINDS)}"
        )
    latest = session.scalar(select(func.max(Tariff.version)).where(Tariff.code == code)) or 0
    tariff = Tariff(
        code=code,
        version=latest + 1,
        name=data.name.strip(),
        formula=data.formula,
        applies_to=kinds,
        params=params,
        currency=CURRENCY,
        rounding=ROUNDING,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
    )
    session.add(tariff)
    session.flush()
    record(session, "tariff", tariff_entry_id(tariff), tariff_body(tariff))
    return tariff


def tariff_entry_id(tariff: Tariff) -> str:
    """One entry per tariff row: each version of a tariff is a row of its own, never edited."""
    return entity_ids.TARIFF.make(tariff.id)


def tariff_body(tariff: Tariff) -> dict[str, Any]:
    """The public `tariff` entry: the version as billed (registry.audit.checks.money compares)."""
    return {**tariff_snapshot(tariff), "applies_to": list(tariff.applies_to)}


def tariff_in_force(session: Session, code: str, day: date) -> Tariff | None:
    """The version of tariff `code` in force on `day`: the newest one valid that day."""
    return session.scalars(
        select(Tariff)
        .where(Tariff.code == code.strip().upper(), Tariff.valid_from <= day)
        .where(or_(Tariff.valid_to.is_(None), Tariff.valid_to >= day))
        .order_by(Tariff.version.desc())
        .limit(1)
    ).first()


def find_tariff(session: Session, code: str, version: int | None = None, *, on: date | None = None) -> Tariff:
    """A given version of a tariff, or the one in force on `on`, or else its newest version."""
    code = code.strip().upper()
    query = select(Tariff).where(Tariff.code == code)
    if version is not None:
        tariff = session.scalars(query.where(Tariff.version == version)).one_or_none()
        if tariff is None:
            raise LicensingError(f"tariff {code} has no version {version}")
        return tariff
    if on is not None:
        found = tariff_in_force(session, code, on)
        if found is not None:
            return found
    tariff = session.scalars(query.order_by(Tariff.version.desc()).limit(1)).first()
    if tariff is None:
        raise LicensingError(f"no tariff with code {code!r}")
    return tariff


def list_tariffs(session: Session) -> list[Tariff]:
    return list(session.scalars(select(Tariff).order_by(Tariff.code, Tariff.version)))


def tariff_snapshot(tariff: Tariff) -> dict[str, Any]:
    """Everything an invoice needs to show how it was computed, frozen at issue."""
    return {
        "code": tariff.code,
        "version": tariff.version,
        "name": tariff.name,
        "formula": tariff.formula,
        "params": tariff.params,
        "currency": tariff.currency,
        "rounding": tariff.rounding,
        "valid_from": tariff.valid_from.isoformat(),
        "valid_to": tariff.valid_to.isoformat() if tariff.valid_to else None,
    }


def tariff_summary(tariff: Tariff) -> dict[str, Any]:
    return tariff_snapshot(tariff) | {"applies_to": list(tariff.applies_to)}
