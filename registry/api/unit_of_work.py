"""The unit of work of the API's write routes: one writing transaction (SQLite's write lock
taken up front, SERIALIZABLE on PostgreSQL), run again when it lost to a concurrent writer
(bounded attempts, random back-off), and refused with 503 once those are spent."""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from registry.api.problems import ApiProblem
from registry.db import begin_writing, is_transient

ATTEMPTS = 6
BACKOFF_SECONDS = 0.05  # the first wait is up to this; each later one up to twice the last
RETRY_AFTER_SECONDS = 1

Route = TypeVar("Route", bound=Callable[..., Any])


def unit_of_work(route: Route) -> Route:
    """Wrap a sync write route that takes its session as `db` and commits it."""

    @functools.wraps(route)
    def run(*args: Any, **kwargs: Any) -> Any:
        db: Session = kwargs["db"]
        for attempt in range(1, ATTEMPTS + 1):
            try:
                begin_writing(db, serializable=True)
                return route(*args, **kwargs)
            except DBAPIError as exc:
                db.rollback()
                if not is_transient(exc):
                    raise
                if attempt == ATTEMPTS:
                    raise ApiProblem(
                        503,
                        f"the database stayed busy with concurrent writes ({ATTEMPTS} attempts); "
                        "nothing was changed: try again",
                        slug="database-busy",
                        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
                    ) from exc
                _rewind(kwargs)
                time.sleep(random.uniform(0, BACKOFF_SECONDS * 2 ** (attempt - 1)))  # noqa: S311 (jitter)
        raise AssertionError("unreachable")  # pragma: no cover

    return run  # type: ignore[return-value]


def _rewind(arguments: dict[str, Any]) -> None:
    """Uploaded files are read again from their start by the next attempt."""
    for value in arguments.values():
        if isinstance(value, UploadFile):
            value.file.seek(0)
