"""The sections of the monthly transparency report (registry.services.reporting.transparency),
declared once: each is a key of the report's body and the function computing its figures from
the month's half-open time range [start, end) and the month itself (YYYY-MM): each counts facts in
the period they belong to by their business dates (a run's period, a license's issue and status
dates, an invoice's period, a conflict's opening), not when they were typed in.

The entry kinds declare their own figures (registry.kinds, Declaration.figures): a section they
name gathers the figures of every kind naming it. The other sections are listed here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from registry.kinds import DECLARATIONS
from registry.kinds.declaration import Figures
from registry.services.reporting.activity import anchoring_section
from registry.services.reporting.distribution_section import claims_section, distribution_section
from registry.services.reporting.licensing_section import licensing_section

Section = Callable[[Session, datetime, datetime, str], dict[str, Any]]


def _gathered(figures: list[Figures]) -> Section:
    def section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for each in figures:
            out.update(each.compute(session, start, end, month))
        return out

    return section


def _kind_sections() -> dict[str, Section]:
    by_section: dict[str, list[Figures]] = {}
    for declaration in DECLARATIONS.values():
        for figures in declaration.figures:
            by_section.setdefault(figures.section, []).append(figures)
    return {name: _gathered(figures) for name, figures in by_section.items()}


SECTIONS: Mapping[str, Section] = {
    "anchoring": anchoring_section,
    "licensing": licensing_section,
    "distribution": distribution_section,
    "claims": claims_section,
    **_kind_sections(),
}
