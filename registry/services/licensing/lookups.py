"""Read-side queries of licensing for the API: the public license lookup (status computed on the
day, so a license past its end reads expired) and a licensee's own licenses, invoices and
contracts. Every list is a page; another licensee's numbers answer None, like unknown ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from registry.models import Invoice, License, LicenseContract, Licensee
from registry.paging import Page, escape_like, page_of
from registry.services.licensing.cities import city_names

LICENSE_STATUSES = ("active", "suspended", "revoked", "expired")
_SHOWN = (joinedload(License.licensee), joinedload(License.tariff))  # one query per lookup, not three


@dataclass(frozen=True)
class LicenseQuery:
    number: str | None = None  # starts with (LIC-2026- finds the year's)
    name: str | None = None  # the licensee's name, contains
    city: str | None = None  # in Chinese, pinyin or English (Beijing, bei jing, 北京市)
    status: str | None = None  # active | suspended | revoked | expired, on `on`
    licensee_id: int | None = None


def search_licenses(
    session: Session, query: LicenseQuery, limit: int, offset: int, on: date | None = None
) -> Page[License]:
    stmt = select(License).join(License.licensee).options(*_SHOWN)
    if query.number:
        stmt = stmt.where(License.number.like(escape_like(query.number.strip().upper()) + "%", escape="\\"))
    if query.name:
        stmt = stmt.where(Licensee.name.like("%" + escape_like(query.name.strip()) + "%", escape="\\"))
    if query.city:
        stmt = stmt.where(Licensee.city.in_(sorted(city_names(query.city))))
    if query.status:
        stmt = stmt.where(License.status_on_day(on or date.today()) == query.status)
    if query.licensee_id is not None:
        stmt = stmt.where(License.licensee_id == query.licensee_id)
    items, total = page_of(session, stmt.order_by(License.number), limit, offset)
    return Page(items, total)


def license_by_number(session: Session, number: str, licensee_id: int | None = None) -> License | None:
    stmt = select(License).options(*_SHOWN).where(License.number == number.strip().upper())
    if licensee_id is not None:
        stmt = stmt.where(License.licensee_id == licensee_id)
    return session.scalars(stmt).one_or_none()


def licensee_invoices(
    session: Session, licensee_id: int, limit: int, offset: int, period: str | None = None
) -> Page[Invoice]:
    stmt = select(Invoice).join(Invoice.license).where(License.licensee_id == licensee_id)
    if period:
        stmt = stmt.where(Invoice.period == period)
    items, total = page_of(session, stmt.order_by(Invoice.number), limit, offset)
    return Page(items, total)


def invoice_of(session: Session, licensee_id: int, number: str) -> Invoice | None:
    return session.scalars(
        select(Invoice)
        .join(Invoice.license)
        .where(Invoice.number == number.strip().upper(), License.licensee_id == licensee_id)
    ).one_or_none()


def licensee_contracts(session: Session, licensee_id: int, limit: int, offset: int) -> Page[LicenseContract]:
    stmt = select(LicenseContract).where(LicenseContract.licensee_id == licensee_id)
    items, total = page_of(session, stmt.order_by(LicenseContract.number), limit, offset)
    return Page(items, total)


def contract_of(session: Session, licensee_id: int, number: str) -> LicenseContract | None:
    return session.scalars(
        select(LicenseContract).where(
            LicenseContract.number == number.strip().upper(), LicenseContract.licensee_id == licensee_id
        )
    ).one_or_none()
