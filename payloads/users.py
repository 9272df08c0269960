"""Who is asking: the login's token, and the caller with their member profile."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_in: int = Field(description="seconds")
    role: str
    subject: str = Field(description="the username")


class MandateOut(BaseModel):
    right_type: str
    territory: str
    starts_on: str | None
    ends_on: str | None


class MemberProfile(BaseModel):
    id: str
    kind: str
    name: str
    first_name: str | None
    roles: list[str]
    ipi_name: str | None
    ipi_base: str | None
    isni: str | None
    status: str
    society: str | None
    joined_on: str | None
    left_on: str | None
    mandates: list[MandateOut]
    contact: dict[str, Any] | None = Field(description="decrypted for this member only")
    bank_details_on_file: bool


class Me(BaseModel):
    subject: str | None
    role: str
    member: MemberProfile | None
    licensee_id: int | None
