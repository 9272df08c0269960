"""Times as SQLite stores them: text that SQLAlchemy reads leniently (any character between the
date and the time, for one), so a changed byte can read back as the same moment. Every DateTime
column must hold exactly the form SQLAlchemy writes (`YYYY-MM-DD HH:MM:SS.ffffff`) or SQLite's
CURRENT_TIMESTAMP (`YYYY-MM-DD HH:MM:SS`); PostgreSQL keeps times as times."""

from __future__ import annotations

from sqlalchemy import DateTime, text
from sqlalchemy.orm import Session

from registry.audit.findings import AuditReport, shown
from registry.models import Base

_DAY_TIME = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
_SHOWN = 5


def check_time_text(session: Session, report: AuditReport) -> None:
    if session.get_bind().dialect.name != "sqlite":
        return
    for table in Base.metadata.sorted_tables:
        keys = [c.name for c in table.primary_key.columns]
        for column in table.columns:
            if not isinstance(column.type, DateTime):
                continue
            report.count("stored times")
            # Identifiers from our own metadata, never from input.
            rows = session.execute(
                text(
                    f'SELECT {", ".join(keys)}, "{column.name}" FROM "{table.name}" '  # noqa: S608
                    f'WHERE "{column.name}" IS NOT NULL AND NOT ("{column.name}" GLOB :plain '
                    f'OR "{column.name}" GLOB :micro)'
                ),
                {"plain": _DAY_TIME, "micro": _DAY_TIME + ".[0-9][0-9][0-9][0-9][0-9][0-9]"},
            ).all()
            for *key, value in rows[:_SHOWN]:
                where = f"{table.name} {' '.join(str(k) for k in key)}"
                report.add("columns", f"{column.name} {shown(value)} is not a time as stored", where=where)
