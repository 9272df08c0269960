"""Staff's list of licensees, a page at a time: one search box (name, code, reference or city),
by kind, open or closed; and one licensee with the licenses it holds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from registry.models import License, Licensee
from registry.paging import Page, escape_like, page_of
from registry.services.licensing.cities import city_names

_REF = re.compile(r"(?:LE-?)?([0-9]{1,15})", re.IGNORECASE)


@dataclass(frozen=True)
class LicenseeQuery:
    q: str | None = None  # name (contains), USCC (starts with), LE-12, or a city in any spelling
    kind: str | None = None
    status: str | None = None  # open | closed


def search_licensees(session: Session, query: LicenseeQuery, limit: int, offset: int) -> Page[Licensee]:
    stmt = select(Licensee)
    text = (query.q or "").strip()
    if text:
        like = escape_like(text)
        found: list[ColumnElement[bool]] = [
            Licensee.name.like(f"%{like}%", escape="\\"),
            Licensee.uscc.like(f"{escape_like(text.upper())}%", escape="\\"),
            Licensee.city.like(f"%{like}%", escape="\\"),
            Licensee.city.in_(sorted(city_names(text))),
        ]
        ref = _REF.fullmatch(text)
        if ref:
            found.append(Licensee.id == int(ref[1]))
        stmt = stmt.where(or_(*found))
    if query.kind:
        stmt = stmt.where(Licensee.kind == query.kind)
    if query.status == "open":
        stmt = stmt.where(Licensee.closed_on.is_(None))
    elif query.status == "closed":
        stmt = stmt.where(Licensee.closed_on.is_not(None))
    items, total = page_of(session, stmt.order_by(Licensee.id), limit, offset)
    return Page(items, total)


def licensee_by_ref(session: Session, ref: str) -> Licensee | None:
    """A licensee by LE-12, 12 or its USCC; None when there is none."""
    text = ref.strip()
    match = _REF.fullmatch(text)
    if match:
        return session.get(Licensee, int(match[1]))
    return session.scalars(select(Licensee).where(Licensee.uscc == text.upper())).one_or_none()


def licenses_of(session: Session, licensee_id: int) -> list[License]:
    return list(
        session.scalars(select(License).where(License.licensee_id == licensee_id).order_by(License.number))
    )
