"""Usage: unidentified usage members may claim, their claims, and what a usage import did."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class UnidentifiedOut(BaseModel):
    id: int
    period: str
    source: str
    report: str
    isrc: str | None
    title: str | None
    artist: str | None
    duration_seconds: int | None
    lines: int
    weight: int
    revenue_minor: int | None
    claim_deadline: str
    open: bool
    status: str


class ClaimOut(BaseModel):
    id: int
    unidentified_id: int
    period: str
    source: str
    title: str | None
    artist: str | None
    weight: int
    recording_id: int | None
    work_id: int | None
    status: str
    note: str | None
    submitted_at: str
    decided_at: str | None
    reason: str | None
    payable_period: str | None


class UsageImportOut(BaseModel):
    report: dict[str, Any]
