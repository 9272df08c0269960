"""Periods (YYYY-MM) of admin writes: within the society's business, from its first period
(ApiSettings.first_period) to the current month. A period outside answers 422 naming the field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError

from registry.api.config import ApiSettings
from registry.api.deps import PERIOD


def check_period(
    value: str, where: tuple[str, ...], settings: ApiSettings, now: datetime | None = None
) -> str:
    """`value` if it lies in the society's business; else a validation error at `where`."""
    current = f"{now or datetime.now(UTC):%Y-%m}"
    if value < settings.first_period:
        message = f"{value} is before the society's first period, {settings.first_period}"
    elif value > current:
        message = f"{value} is in the future: the latest period is the current month, {current}"
    else:
        return value
    raise RequestValidationError([{"loc": where, "msg": message, "type": "value_error", "input": value}])


async def query_period(
    request: Request,
    period: Annotated[str, Query(pattern=PERIOD, description="YYYY-MM: the first period to this month")],
) -> str:
    return check_period(period, ("query", "period"), request.app.state.rl.settings)


BusinessPeriod = Annotated[str, Depends(query_period)]
