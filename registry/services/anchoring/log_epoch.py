"""The log's epoch (newest entry, checkpoint and anchor) and answers remembered under it.

Anything recorded, signed or anchored makes a new epoch, so an answer remembered under the
current epoch is the one the database would give now. Reading the epoch is itself a database
trip: it is trusted for `seconds` (0: read on every call), which is how long a public lookup may
lag the newest checkpoint.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import AnchorRecord, Checkpoint, entry_table

Epoch = tuple[Any, ...]


def log_epoch(session: Session) -> Epoch:
    """Changes whenever an entry is recorded, a checkpoint signed or an anchor recorded."""
    return tuple(
        session.execute(
            select(
                select(func.max(entry_table.c.seq)).scalar_subquery(),
                select(func.max(Checkpoint.id)).scalar_subquery(),
                select(func.max(AnchorRecord.id)).scalar_subquery(),
            )
        ).one()
    )


class LogEpoch:
    """The epoch as last read, shared by everything that remembers answers under it."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self._known: tuple[Epoch, float] | None = None
        self._refreshing = False

    def read(self, session: Session) -> Epoch:
        """The epoch, from the database unless it was read less than `seconds` ago."""
        known = self._known
        if known is not None and time.monotonic() - known[1] < self.seconds:
            return known[0]
        self._refreshing = True
        try:
            value = log_epoch(session)
        finally:
            self._refreshing = False
        self._known = (value, time.monotonic())
        return value

    def recent(self) -> Epoch | None:
        """The epoch if it may still be trusted without the database, else None."""
        known = self._known
        if known is None:
            return None
        age = time.monotonic() - known[1]
        # While one request reads the new epoch, the others keep the one just past (briefly):
        # otherwise every request in flight would queue on the database at each expiry.
        if age >= self.seconds and not (self._refreshing and age < 3 * self.seconds):
            return None
        return known[0]


class Remembered:
    """A bounded, thread-safe map of answers (least recently used goes first); keys start with
    the epoch they were computed under, so a new epoch simply stops finding the old ones."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any:
        with self._lock:
            return self._items.get(key)

    def get_or_make(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # errors are not remembered: the next call asks the database again
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value
