"""Submissions from outside in the registry clerks' review queue: the work as sent (or corrected),
the standardisation suggestions beside it, the decision; a works template's intake report; the
answer to accepting many at once."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Share = Field(default=0, ge=0, le=10_000, description="hundredths of a percent: 5000 is 50%")


class SubmittedParty(BaseModel):
    name: str = Field(min_length=1, max_length=200, description='a writer "Last, First"; a publisher\'s name')
    ipi_name: str | None = Field(
        default=None, pattern=r"^[0-9]{11}$", description="IPI name number, 11 digits"
    )
    role: str = Field(
        min_length=1, max_length=3, description="writers CA, C, A, AR, AD; publishers E, SE, AM"
    )
    pr_share: int = Share
    mr_share: int = Share
    sr_share: int = Share


class SubmittedRecording(BaseModel):
    isrc: str | None = Field(default=None, max_length=20)
    title: str | None = Field(default=None, max_length=300)
    artist: str | None = Field(default=None, max_length=300)
    duration_seconds: int | None = Field(default=None, ge=1, le=86_400)


class SubmittedAi(BaseModel):
    involvement: Literal["none", "assisted", "generated"]
    tool: str | None = Field(default=None, max_length=200)
    human_share: int | None = Field(default=None, ge=0, le=10_000)


class SubmittedWork(BaseModel):
    submitter_work_id: str = Field(min_length=1, max_length=60, description="the submitter's own number")
    title: str = Field(min_length=1, max_length=300)
    iswc: str | None = Field(default=None, max_length=20)
    language: str | None = Field(default=None, pattern=r"^[a-zA-Z]{2}$")
    duration_seconds: int | None = Field(default=None, ge=1, le=86_400)
    alt_titles: list[str] = Field(default_factory=list, max_length=20)
    writers: list[SubmittedParty] = Field(default_factory=list, max_length=20)
    publishers: list[SubmittedParty] = Field(default_factory=list, max_length=10)
    recordings: list[SubmittedRecording] = Field(default_factory=list, max_length=10)
    ai: SubmittedAi | None = None


class SuggestionOut(BaseModel):
    kind: str = Field(
        description="title | iswc_missing | iswc_held | update | ipi | ipi_other_name | isrc_held | duplicate"
    )
    field: str = Field(description="the field it concerns (writers[1].ipi_name...)")
    message: str = Field(description="in English; the portal words it in the reader's language")
    value: str | None = Field(default=None, description="the suggested value (title, IPI)")
    work: str | None = Field(default=None, description="W-n it concerns")
    recording: str | None = None
    party: str | None = Field(default=None, description="M-n it concerns")
    name: str | None = None
    title: str | None = None
    writer: str | None = Field(default=None, description="a writer both share (duplicates)")


class SubmissionOut(BaseModel):
    id: str = Field(description="SUB-n")
    status: str = Field(description="pending | accepted | rejected")
    channel: str
    file_name: str
    file_sha256: str
    line: int
    submitter: str
    submitter_work_id: str
    title: str
    submitted_by: str
    submitted_at: datetime
    proposed: SubmittedWork
    accepted: SubmittedWork | None = Field(default=None, description="what was registered when corrected")
    suggestions: list[SuggestionOut]
    work: str | None = Field(default=None, description="W-n it became")
    reason: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None


class TemplateProblem(BaseModel):
    line: int
    field: str
    message: str


class IntakeOut(BaseModel):
    file: str
    sha256: str
    format: str
    rows: int
    received: int = Field(description="rows queued now")
    refused: int = Field(description="rows with a problem: not queued")
    already: int = Field(description="rows of this file queued before")
    first: str | None = None
    last: str | None = None
    problems: list[TemplateProblem]


class AcceptIn(BaseModel):
    corrected: SubmittedWork | None = Field(default=None, description="the work as the clerk corrected it")
    note: str | None = Field(default=None, max_length=300)


class RejectIn(BaseModel):
    reason: str = Field(min_length=1, max_length=300)


class BulkAcceptIn(BaseModel):
    ids: list[str] = Field(min_length=1, max_length=10_000, description="SUB-n, at most 10,000")


class BulkRefusal(BaseModel):
    submission: str
    message: str


class BulkAcceptOut(BaseModel):
    asked: int
    accepted: int
    works: list[str]
    refused: list[BulkRefusal]


class WorkFormIn(BaseModel):
    """A work a clerk enters by form: registered at once (the society's own by default)."""

    work: SubmittedWork
    submitter: str = Field(default="CMO", min_length=1, max_length=64, description="whose registration")


class WorkEditIn(SubmittedWork):
    """A work's facts and its first submitter's claims, as a clerk edits them (the submitter's
    number stays theirs)."""

    submitter_work_id: str = Field(default="", max_length=60, description="ignored: the registration's own")
