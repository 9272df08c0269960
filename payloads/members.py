"""The members' roster over HTTP: a member as staff read it, and what staff send to register a
member or change a membership (a new `member` entry each time the facts change)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

Right = Literal[
    "performing",
    "mechanical",
    "reproduction",
    "synchronisation",
    "broadcasting",
    "making_available",
    "rental",
]
Role = Literal["composer", "lyricist", "arranger", "publisher", "performer", "producer"]
Status = Literal["applicant", "member", "suspended", "terminated"]
_TEXT = r"^[^\x00]*$"


class MandateIO(BaseModel):
    right_type: Right
    territory: str = Field(
        min_length=1, max_length=10, pattern=r"^[0-9A-Za-z]+$", description="TIS code or ISO alpha-2"
    )
    starts_on: date | None = None
    ends_on: date | None = None


class MemberOut(BaseModel):
    member: str = Field(description="M-n")
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
    mandates: list[MandateIO]
    contact_revision: int
    bank_revision: int
    contact: dict[str, Any] | None = Field(
        default=None, description="sealed; opened for admin and clerk only"
    )
    bank: dict[str, Any] | None = Field(default=None, description="sealed; opened for admin and clerk only")


class ContactIn(BaseModel):
    email: str | None = Field(default=None, max_length=200, pattern=_TEXT)
    phone: str | None = Field(default=None, max_length=40, pattern=_TEXT)
    address: str | None = Field(default=None, max_length=400, pattern=_TEXT)


class BankIn(BaseModel):
    holder: str | None = Field(default=None, max_length=200, pattern=_TEXT)
    account: str = Field(min_length=4, max_length=40, pattern=r"^[0-9A-Za-z ]+$")
    bank: str | None = Field(default=None, max_length=200, pattern=_TEXT)


class MemberIn(BaseModel):
    name: str = Field(
        min_length=1, max_length=200, pattern=_TEXT, description="surname, or the company's name"
    )
    kind: Literal["person", "company"] = "person"
    first_name: str | None = Field(default=None, max_length=200, pattern=_TEXT)
    roles: list[Role] = Field(default_factory=list, max_length=6)
    ipi_name: str | None = Field(default=None, max_length=20, pattern=_TEXT)
    ipi_base: str | None = Field(default=None, max_length=20, pattern=_TEXT)
    isni: str | None = Field(default=None, max_length=20, pattern=_TEXT)
    status: Literal["applicant", "member"] = "member"
    society: str | None = Field(default=None, max_length=10, pattern=_TEXT)
    joined_on: date | None = None
    mandates: list[MandateIO] = Field(default_factory=list, max_length=100)
    contact: ContactIn | None = None
    bank: BankIn | None = None


class MemberChangeIn(BaseModel):
    """Fields left out stay as they are; roles and mandates, when given, replace the whole set.
    Suspending is status "suspended"; ending a membership is "terminated" with left_on."""

    name: str | None = Field(default=None, min_length=1, max_length=200, pattern=_TEXT)
    first_name: str | None = Field(default=None, max_length=200, pattern=_TEXT)
    roles: list[Role] | None = Field(default=None, max_length=6)
    ipi_name: str | None = Field(default=None, max_length=20, pattern=_TEXT)
    ipi_base: str | None = Field(default=None, max_length=20, pattern=_TEXT)
    isni: str | None = Field(default=None, max_length=20, pattern=_TEXT)
    status: Status | None = None
    society: str | None = Field(default=None, max_length=10, pattern=_TEXT)
    joined_on: date | None = None
    left_on: date | None = None
    mandates: list[MandateIO] | None = Field(default=None, max_length=100)
    contact: ContactIn | None = None
    bank: BankIn | None = None
