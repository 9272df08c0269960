"""The business time of a unit of work: when the facts it records happened in the society's
business, as opposed to the moment they were typed in.

A clerk entering last month's registrations today, or the demo building a past period, states the
business time on the session (`business_time`); services stamp their business dates with
`business_now`, which is the wall clock when nothing was stated. The transparency report counts
facts in the period of their business dates."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy.orm import Session

KEY = "business_time"


def business_now(session: Session) -> datetime:
    """The stated business time of this session, else now (UTC)."""
    stated = session.info.get(KEY)
    return stated if isinstance(stated, datetime) else datetime.now(UTC)


@contextmanager
def business_time(session: Session, when: datetime) -> Iterator[None]:
    """Facts recorded inside happened at `when` (a time-zone aware instant)."""
    if when.tzinfo is None:
        raise ValueError(f"business time {when!r} has no time zone")
    before = session.info.get(KEY)
    session.info[KEY] = when.astimezone(UTC)
    try:
        yield
    finally:
        if before is None:
            session.info.pop(KEY, None)
        else:
            session.info[KEY] = before
