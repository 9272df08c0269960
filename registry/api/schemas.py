"""The API's request models: what clients send, validated at the edge. Only the API reads them,
so they stay here; the answers it gives are the shared payloads (the `payloads` package)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


# --- licensing -----------------------------------------------------------------------------------
class PaymentIn(BaseModel):
    invoice: str = Field(max_length=24, pattern=r"^[^\x00]*$")
    amount_fen: int = Field(gt=0, le=10**15)
    received_on: date
    reference: str = Field(min_length=1, max_length=80, pattern=r"^[^\x00]*$")
    method: str = Field(default="bank_transfer", max_length=20, pattern=r"^[^\x00]*$")


class LicenseIssueIn(BaseModel):
    licensee: str = Field(max_length=40, pattern=r"^[^\x00]*$", description="LE-12, 12 or the USCC")
    tariff: str = Field(max_length=40, pattern=r"^[^\x00]*$")
    valid_from: date
    valid_to: date
    tariff_version: int | None = Field(default=None, ge=1, le=2**31 - 1)
    territory: str = Field(default="CN", max_length=10, pattern=r"^[^\x00]*$")


class StatusChangeIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500, pattern=r"^[^\x00]*$")


# Licensees: text within the columns' sizes; what a kind requires the service checks, by field.
_Text200 = Field(default=None, max_length=200, pattern=r"^[^\x00]*$")
_Degrees = Field(default=None, max_length=20, pattern=r"^-?[0-9]{1,3}(\.[0-9]{1,12})?$")
_Count = Field(default=None, ge=1, le=2**31 - 1)


class ContactIn(BaseModel):
    role: str = Field(min_length=1, max_length=60, pattern=r"^[^\x00]*$")
    name: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    phone: str | None = Field(default=None, max_length=40, pattern=r"^[^\x00]*$")
    email: str | None = Field(default=None, max_length=200, pattern=r"^[^\x00]*$")


class LicenseeEditIn(BaseModel):
    """Only the fields sent change; null clears one (as far as the kind allows)."""

    name: str | None = Field(default=None, min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    uscc: str | None = Field(default=None, max_length=30, pattern=r"^[^\x00]*$")
    address: str | None = Field(default=None, max_length=400, pattern=r"^[^\x00]*$")
    city: str | None = Field(default=None, max_length=100, pattern=r"^[^\x00]*$")
    province: str | None = Field(default=None, max_length=20, pattern=r"^[^\x00]*$")
    latitude: str | None = _Degrees
    longitude: str | None = _Degrees
    rooms: int | None = _Count
    floor_area_m2: int | None = _Count
    service: str | None = _Text200
    contacts: list[ContactIn] | None = Field(default=None, max_length=20, description="replaces them all")


class LicenseeIn(LicenseeEditIn):
    kind: str = Field(max_length=20, pattern=r"^[a-z_]+$")
    name: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    contacts: list[ContactIn] = Field(default_factory=list, max_length=20)


class LicenseeCloseIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500, pattern=r"^[^\x00]*$")
    closed_on: date | None = Field(default=None, description="default: today")


class SignatureIn(BaseModel):
    signature: str = Field(
        max_length=200, pattern=r"^[A-Za-z0-9+/=]+$", description="Ed25519 over the payload, base64"
    )


# --- distribution --------------------------------------------------------------------------------
class DistributionRunIn(BaseModel):
    period: str = Field(pattern=r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$")
    source: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,29}$")
    pool_fen: int | None = Field(default=None, ge=0, le=10**15, description="default: the collections")
    adjustment: bool = False


# --- usage and claims ----------------------------------------------------------------------------
class ClaimIn(BaseModel):
    unidentified_id: int = Field(ge=1, le=2**62)
    recording: str | None = Field(default=None, max_length=40, pattern=r"^[^\x00]*$", description="R-12")
    work: str | None = Field(default=None, max_length=40, pattern=r"^[^\x00]*$", description="W-12")
    note: str | None = Field(default=None, max_length=500, pattern=r"^[^\x00]*$")


class RefusalIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500, pattern=r"^[^\x00]*$", description="why, in words")
