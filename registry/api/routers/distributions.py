"""Public figures: distribution summaries (one per run, as recorded in their public entries) and
the monthly transparency report as published in the log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from payloads.distribution import DistributionOut
from payloads.paging import Page
from payloads.reports import ReportOut
from registry.api import views
from registry.api.deps import PERIOD, Db, Pages, rate_limited
from registry.api.problems import not_found, problem_responses
from registry.services.distribution import lookups as distribution_lookups
from registry.services.reporting.transparency import published_report

router = APIRouter(prefix="/v1", tags=["distributions"], dependencies=[Depends(rate_limited)])


@router.get("/distributions", response_model=Page[DistributionOut], responses=problem_responses(422, 429))
def distributions(
    db: Db,
    pages: Pages,
    period: Annotated[str | None, Query(pattern=PERIOD, description="YYYY-MM")] = None,
    source: Annotated[str | None, Query(pattern=r"^[a-z0-9][a-z0-9_-]{0,29}$")] = None,
) -> Page[DistributionOut]:
    """Distribution runs (regular and adjustments), newest period first, with their summaries."""
    page = distribution_lookups.summaries(db, pages.limit, pages.offset, period=period, source=source)
    return Page(
        items=[views.distribution(run, state) for run, state in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/reports/{month}", response_model=ReportOut, responses=problem_responses(404, 422, 429))
def report(month: Annotated[str, Path(pattern=PERIOD, description="YYYY-MM")], db: Db) -> ReportOut:
    """The month's transparency report, as last published (a public `transparency_report` entry)."""
    entry = published_report(db, month)
    if entry is None:
        raise not_found(f"no transparency report for {month} has been published")
    return ReportOut(
        month=month,
        id=entry.id,
        version=entry.version,
        at=entry.at,
        leaf_hash=entry.leaf_hash().hex(),
        body=dict(entry.body),
    )
