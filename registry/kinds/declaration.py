"""What each entry kind declares, once (registry/kinds/<kind>.py): see registry/kinds/__init__.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry.kinds.checks import Checks

# Who a private entry belongs to: (member id "M-n" or None, licensee id or None).
OwnerOf = Callable[[Session, str], tuple[str | None, int | None]]


def society_only(_session: Session, _entity_id: str) -> tuple[str | None, int | None]:
    """The owner of the society's own records (its review queue, its intake): no member or
    licensee; staff and auditors prove them."""
    return None, None


# Figures of the monthly transparency report over [start, end) of `month` (YYYY-MM).
FigureFunction = Callable[[Session, datetime, datetime, str], dict[str, Any]]


class IdFormat(Protocol):
    """How the kind's ids are made and read back (registry.entity_ids)."""

    @property
    def shape(self) -> str: ...


@dataclass(frozen=True)
class Figures:
    """Figures a kind adds to a section (a key) of the monthly transparency report."""

    section: str
    compute: FigureFunction


@dataclass(frozen=True)
class Declaration:
    """One entry kind: the ledger's kind, its id format, where its body comes from and what each
    body field means, who owns a private entry, what the audit checks, and its report figures.

    `body` names the builder (for docs/entries.md); `fields` maps each body field to what it
    means. `checks` are empty only with `unchecked` saying why."""

    kind: Kind
    ids: IdFormat
    body: Callable[..., Mapping[str, Any]] | str
    about: str
    fields: Mapping[str, str]
    checks: Checks = field(default_factory=Checks)
    unchecked: str = ""
    owner: OwnerOf | None = None
    figures: tuple[Figures, ...] = ()
    notes: str = ""

    @property
    def name(self) -> str:
        return self.kind.name
