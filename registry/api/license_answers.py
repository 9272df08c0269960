"""Public license lookups rendered once per log epoch and day.

A license's public facts change only with a new `license` entry (a new epoch), and its status
only with the day (expiry), so the rendered JSON is remembered under both.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from registry.api import views
from registry.models import License
from registry.services.anchoring.log_epoch import LogEpoch, Remembered
from registry.services.licensing import lookups as licensing_lookups
from registry.services.reporting import lookups


class LicenseAnswers:
    def __init__(self, epoch: LogEpoch, size: int = 4096) -> None:
        self.epoch = epoch
        self._answers = Remembered(size)

    def from_memory(self, number: str) -> bytes | None:
        """The answer without the database when it is known for the current epoch and day."""
        epoch = self.epoch.recent()
        return None if epoch is None else self._answers.get((epoch, date.today(), number))

    def answer(self, session: Session, number: str) -> bytes | None:
        """The license as LicenseOut JSON, or None when there is no such license."""
        key = (self.epoch.read(session), date.today(), number)
        answer: bytes | None = self._answers.get(key)
        if answer is not None:
            return answer
        found = licensing_lookups.license_by_number(session, number)
        if found is None:
            return None  # not remembered: an unknown number may be issued soon
        rendered: bytes = self._answers.get_or_make(key, lambda: _json(session, found))
        return rendered


def _json(session: Session, found: License) -> bytes:
    stated = lookups.latest_stated(session, "license", [found.number])[found.number]
    return views.license(found, stated).model_dump_json().encode()
