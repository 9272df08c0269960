"""The sections of the monthly transparency report (registry.services.reporting.transparency),
declared once: each is a key of the report's body and the function computing its figures from
the month's half-open time range [start, end) and the month itself (YYYY-MM, billing periods).

A new section is one more line here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from registry.services.reporting.activity import anchoring_section, conflicts_section, repertoire_section
from registry.services.reporting.licensing_section import licensing_section

Section = Callable[[Session, datetime, datetime, str], dict[str, Any]]

SECTIONS: Mapping[str, Section] = {
    "anchoring": anchoring_section,
    "conflicts": conflicts_section,
    "licensing": licensing_section,
    "repertoire": repertoire_section,
}
