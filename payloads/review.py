"""The staff's review queues: share conflicts (both claims side by side, the decision) and
duplicate candidates (the pair, the evidence of the match, the decision)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class ClaimedShare(BaseModel):
    party: str = Field(description="M-n")
    name: str
    ipi_name: str | None = None
    submitter: str = Field(description="who claimed it (a CWR sender, CMO for staff, RESOLUTION decided)")
    role: str
    share: int = Field(description="basis points: 5000 is 50%")


class ConflictOut(BaseModel):
    id: str = Field(description="C-n")
    work: str = Field(description="W-n")
    title: str
    iswc: str | None
    right_type: str
    status: str = Field(description="open or resolved")
    claimed_total: int = Field(description="basis points claimed in all")
    opened_at: datetime
    claims: list[ClaimedShare]
    resolved: list[ClaimedShare] = Field(default_factory=list)
    note: str | None = None
    decided_by: str | None = None


class DecidedShare(BaseModel):
    party: str = Field(pattern=r"^M-[0-9]{1,18}$", description="M-n")
    role: str = Field(min_length=1, max_length=24)
    share: int = Field(ge=0, le=10_000, description="basis points")
    controlled: bool = False


class ResolveIn(BaseModel):
    shares: list[DecidedShare] = Field(min_length=1, max_length=200)
    note: str = Field(min_length=1, max_length=500, description="why, in the staff's words")


class PairedRecord(BaseModel):
    id: str = Field(description="W-n or R-n")
    title: str
    code: str | None = Field(description="ISWC or ISRC")
    merged_into: str | None = None


class DuplicateOut(BaseModel):
    id: str = Field(description="DUP-n")
    subject: str = Field(description="work or recording")
    first: PairedRecord
    second: PairedRecord
    reason: str
    detail: str | None
    status: str = Field(description="pending, merged or kept_apart")
    proposed_at: datetime
    decided_by: str | None = None


class MergeIn(BaseModel):
    survivor: str = Field(pattern=r"^[WR]-[0-9]{1,18}$", description="the record that stays: W-n or R-n")
