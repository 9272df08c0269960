"""Distribution: runs as their public summaries state them, and a member's statements (each a
private `distribution_line` entry the member can prove) with their lines."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class DistributionOut(BaseModel):
    """One distribution run as its public `distribution_summary` entry states it."""

    summary_id: str
    period: str
    source: str
    run: int
    kind: str = Field(description="regular, or adjustment")
    state: str = Field(description="recorded, in log, or anchored (final)")
    version: int = Field(description="the summary entry's version (run + 1): its proof")
    body: dict[str, Any]


class DistributionRunOut(BaseModel):
    status: str
    run_id: int | None
    summary_id: str
    messages: list[str]
    summary: dict[str, Any]


class StatementLineOut(BaseModel):
    id: str
    subject: str
    code: str | None
    title: str | None
    right_type: str
    weight: int
    share: int = Field(description="basis points")
    amount: int = Field(description="minor units (fen); negative in an adjustment")


class StatementOut(BaseModel):
    period: str
    source: str
    run: int
    kind: str
    entry_id: str = Field(description="the private distribution_line entry: its proof")
    version: int
    leaf_hash: str
    currency: str
    earned: int
    brought_forward: int
    carried_forward: int
    payable: int
    state: str
    gross: int = Field(0, description="earned + deduction: the member's lines before the deduction")
    deduction: int = Field(0, description="the administrative deduction the member's lines bore")
    admin_rate: int = Field(0, description="the run's administrative deduction, basis points of the pool")
    net: int = Field(0, description="earned + brought_forward - carried_forward: paid in this run")
    payment_date: str | None = Field(None, description="the day the run became final (anchored), if payable")
    run_pool: int = Field(0, description="the run's pool")
    run_deduction: int = Field(0, description="the run's administrative deduction")
    run_reserve: int = Field(0, description="the run's reserve for unidentified, unclaimed, disputed usage")


class StatementSummary(StatementOut):
    lines: int


class StatementDetail(StatementOut):
    lines: list[StatementLineOut]


class ProposalOut(BaseModel):
    """A distribution prepared (a dry run) and the second person's decision."""

    id: str = Field(description="DP-<period>-<source>-<n>")
    version: int
    period: str
    source: str
    adjustment: bool
    pool: int = Field(description="minor units")
    status: str = Field(description="prepared, approved or refused")
    prepared_by: str
    decided_by: str | None = None
    reason: str | None = None
    summary: dict[str, Any] = Field(description="the distribution_summary it publishes once run")
    previous: dict[str, Any] | None = Field(default=None, description="the previous period's figures")
    changes: dict[str, int] | None = Field(default=None, description="this one minus the previous period's")
    run: dict[str, Any] | None = Field(
        default=None, description="after approval: summary entry id, run number"
    )
