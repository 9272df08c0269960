"""Works and recordings as registered, and what a CWR import did."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class TitleOut(BaseModel):
    title: str
    type: str
    language: str | None


class AiDeclarationOut(BaseModel):
    """Whether and how AI was involved, as the rights holder declared it."""

    involvement: Literal["none", "assisted", "generated"]
    tool: str | None = Field(default=None, description="the AI tool named, if any")
    human_share: int = Field(description="the human authors' share, hundredths of a percent")


class AiDeclarationIn(BaseModel):
    involvement: Literal["none", "assisted", "generated"]
    tool: str | None = Field(default=None, max_length=200, pattern=r"^[^\x00]*$")
    human_share: int | None = Field(
        default=None, description="hundredths of a percent; none: 10000, generated: 0 unless stated"
    )


class AiDeclared(BaseModel):
    subject: str = Field(description="W-n or R-n")
    ai: AiDeclarationOut
    version: int | None = Field(description="the version of the entry now stating it; null: it stood already")
    recorded: bool = Field(description="false: the same declaration was made before")


class WorkSummary(BaseModel):
    id: str
    iswc: str | None
    title: str
    alternate_titles: list[TitleOut]
    language: str | None
    duration_seconds: int | None
    status: str


class WorkDetail(WorkSummary):
    merged_into: str | None
    ai: AiDeclarationOut | None = Field(default=None, description="the AI declaration; none made: null")
    recordings: list[str]
    version: int | None = Field(description="the latest recorded version")
    stated: dict[str, Any] | None = Field(
        description="the body of the latest ledger entry: what the CMO states"
    )


class RecordingSummary(BaseModel):
    id: str
    isrc: str | None
    title: str
    artist: str | None
    duration_seconds: int | None
    status: str


class RecordingDetail(RecordingSummary):
    merged_into: str | None
    ai: AiDeclarationOut | None = Field(default=None, description="the AI declaration; none made: null")
    works: list[str]
    version: int | None
    stated: dict[str, Any] | None


class CwrFileOut(BaseModel):
    """A CWR file received: from whom, when, what became of its transactions."""

    sha256: str
    name: str
    sender: str
    file_type: str = Field(description="registration, or a society's acknowledgement")
    version: str
    received_at: datetime
    transactions: int
    accepted: int
    rejected: int
    acknowledgeable: bool = Field(
        description="whether the society's acknowledgement (ACK file) can be written"
    )


class CwrImportReport(BaseModel):
    file: str
    sha256: str
    version: str
    sender: str
    file_type: str
    created: str = Field("", description="the file's own creation date and time (its HDR)")
    transactions: int
    accepted: int
    rejected: int
    works_created: int
    works_updated: int
    works_unchanged: int
    recordings: int
    conflicts_opened: int
    acknowledgements: int
    already_imported: bool
    issues: list[dict[str, Any]]


class HeldShare(BaseModel):
    """One share a member holds in a work or recording."""

    role: str
    right_type: str | None = Field(
        description="performing, mechanical or synchronisation; none for a recording"
    )
    share: int = Field(description="basis points: 10000 = 100 %")
    controlled: bool | None = Field(
        default=None, description="for a work: whether the society administers it"
    )


class MyWork(WorkSummary):
    """A work in which the caller holds a share, with the caller's shares (not the co-owners')."""

    shares: list[HeldShare]


class MyRecording(RecordingSummary):
    """A recording in which the caller holds a share, with the caller's shares."""

    shares: list[HeldShare]
