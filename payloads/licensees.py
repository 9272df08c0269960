"""Licensees as staff see them: the registered facts (those of the private `licensee` entry),
open or closed, and, for the licensing officer and admins only, the sealed contact persons."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ContactOut(BaseModel):
    role: str
    name: str | None = None
    phone: str | None = None
    email: str | None = None


class LicenseeLicense(BaseModel):
    """One license the licensee holds, with its status today."""

    number: str
    status: str
    valid_from: str
    valid_to: str


class LicenseeOut(BaseModel):
    ref: str = Field(description="LE-n: the id of its `licensee` entry")
    kind: str
    source: str = Field(description="the royalty pool its fees go to")
    name: str
    uscc: str | None
    address: str | None
    city: str | None
    province: str | None
    province_name: str | None
    latitude: str | None = Field(description="decimal degrees as text (never a float)")
    longitude: str | None
    rooms: int | None
    floor_area_m2: int | None
    service: str | None
    signing_key: str | None = Field(description="the fingerprint of its e-contract key")
    signing_key_origin: str | None
    closed_on: str | None = Field(description="the day it stopped trading; null while it trades")
    closed_reason: str | None
    version: int = Field(description="its latest `licensee` entry's version")
    contacts: list[ContactOut] | None = Field(
        default=None, description="contact persons, opened: for admins and licensing officers only"
    )
    licenses: list[LicenseeLicense] | None = Field(default=None, description="in the detail only")
