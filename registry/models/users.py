"""Who may use the API: user accounts (password hashed with Argon2) and API keys for machine
clients (only a SHA-256 of each key is kept; the key itself is shown once, when it is made).

A user acts in one role. A member's user is linked to their party; a licensee's user
to their licensee. Business state, updated in place (a user is disabled, a key revoked).
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Table, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base

USER_TABLES = ("api_user", "api_key")
# public needs no account: it is what an anonymous caller is; the others log in.
USER_ROLES = ("member", "licensee", "auditor", "admin", "clerk", "licensing", "finance", "approver")
# The society's staff, each to their own work: the registry (works, CWR files, review queues),
# licensing (licenses), finance (invoices, payments, usage, distributions prepared) and the
# approval of distributions (a second person). Admin may do all of it; auditors only read.
STAFF_ROLES = ("admin", "clerk", "licensing", "finance", "approver")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ApiUser(Base):
    __tablename__ = "api_user"
    __table_args__ = (
        CheckConstraint(_one_of("role", USER_ROLES), name="role_known"),
        # A member's account names its member; nobody else's does.
        CheckConstraint("(role = 'member') = (party_id IS NOT NULL)", name="member_has_party"),
        # A licensee's account names its licensee; nobody else's does.
        CheckConstraint("(role = 'licensee') = (licensee_id IS NOT NULL)", name="licensee_has_licensee"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))  # Argon2 PHC string; None: keys only
    role: Mapped[str] = mapped_column(String(12))
    party_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("party.id"), index=True)
    licensee_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("licensee.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )

    api_keys: Mapped[list[ApiKey]] = relationship(back_populates="user", order_by="ApiKey.id")


class ApiKey(Base):
    """An API key `rl_<prefix>_<secret>`: found by its prefix, checked against its SHA-256."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("api_user.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[ApiUser] = relationship(back_populates="api_keys", lazy="joined")


user_table = cast(Table, ApiUser.__table__)
api_key_table = cast(Table, ApiKey.__table__)
