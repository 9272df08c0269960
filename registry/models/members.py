"""Parties: our members and the other interested parties we know from registrations.

These rows are business state and may be updated; their history is the ledger (`member`
entries). Contact and bank details are sealed by registry.crypto before they reach a column.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.entity_ids import MEMBER
from registry.models.base import Base

MEMBER_TABLES = ("party", "party_role", "mandate")

PARTY_KINDS = ("person", "company")
PARTY_ROLES = ("composer", "lyricist", "arranger", "publisher", "performer", "producer")
# `external`: an interested party named in registrations who is not our member (their society
# represents them); every other status is a stage of membership with us.
MEMBERSHIP_STATUSES = ("applicant", "member", "suspended", "terminated", "external")
# The rights a member can mandate us to administer, per territory.
MANDATE_RIGHTS = (
    "performing",
    "mechanical",
    "reproduction",
    "synchronisation",
    "broadcasting",
    "making_available",
    "rental",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Party(Base):
    """A person or company holding rights: a member of ours, or an external interested party."""

    __tablename__ = "party"
    __table_args__ = (
        UniqueConstraint("ipi_name"),
        CheckConstraint(_one_of("kind", PARTY_KINDS), name="kind_known"),
        CheckConstraint(_one_of("status", MEMBERSHIP_STATUSES), name="status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))  # surname, or the company's name
    first_name: Mapped[str | None] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(400), index=True)  # registry.normalise.name_key
    ipi_name: Mapped[str | None] = mapped_column(String(20))
    ipi_base: Mapped[str | None] = mapped_column(String(20), index=True)
    isni: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12))
    society: Mapped[str | None] = mapped_column(String(10))  # CISAC society code of affiliation
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    # AES-GCM sealed JSON (registry.crypto), bound to this table, column and row id.
    contact_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    bank_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Counted in the member entry, so a change of bank details leaves a trace without its content.
    contact_revision: Mapped[int] = mapped_column(Integer, default=0)
    bank_revision: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )

    roles: Mapped[list[PartyRole]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="PartyRole.role"
    )
    mandates: Mapped[list[Mandate]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="Mandate.id"
    )

    @property
    def ledger_id(self) -> str:
        return MEMBER.make(self.id)

    @property
    def is_member(self) -> bool:
        return self.status != "external"

    @property
    def role_names(self) -> list[str]:
        return sorted(r.role for r in self.roles)


class PartyRole(Base):
    """A capacity a party acts in (composer, publisher...); a party may hold several."""

    __tablename__ = "party_role"
    __table_args__ = (CheckConstraint(_one_of("role", PARTY_ROLES), name="role_known"),)

    party_id: Mapped[int] = mapped_column(Integer, ForeignKey("party.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(12), primary_key=True)

    party: Mapped[Party] = relationship(back_populates="roles")


class Mandate(Base):
    """A member mandates us to administer one right in one territory, for a period."""

    __tablename__ = "mandate"
    __table_args__ = (
        UniqueConstraint("party_id", "right_type", "territory"),
        CheckConstraint(_one_of("right_type", MANDATE_RIGHTS), name="right_type_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party_id: Mapped[int] = mapped_column(Integer, ForeignKey("party.id"))
    right_type: Mapped[str] = mapped_column(String(20))
    territory: Mapped[str] = mapped_column(String(10))  # CISAC TIS code ("2136" world) or ISO alpha-2
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)

    party: Mapped[Party] = relationship(back_populates="mandates")


party_table = cast(Table, Party.__table__)
