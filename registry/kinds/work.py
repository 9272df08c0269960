"""`work`: a musical work registration (public)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.ai import FIELD_DOC as AI_DOC
from registry.kinds.ai import ai_fact
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration, Figures
from registry.kinds.figures import first_versions, versions
from registry.kinds.rows import batch_loader
from registry.models import Work, WorkShare
from registry.shares import claims_of, totals

IDS = entity_ids.WORK


def work_body(session: Session, work: Work) -> dict[str, Any]:
    """The public facts of a work version: identifiers, titles, claims per right type, status."""
    body = work_facts(
        iswc=work.iswc,
        title=work.title,
        titles=[(t.title, t.title_type, t.language) for t in work.titles],
        language=work.language,
        duration_seconds=work.duration_seconds,
        status=work.status,
        registrations=[(r.submitter, r.submitter_work_id) for r in work.registrations],
        shares=[_share_fact(s) for s in work.shares],
        per_right=totals(claims_of(work)),
        open_conflicts=[c.ledger_id for c in work.conflicts if c.status == "open"],
    )
    if (declared := ai_fact(work)) is not None:
        body["ai"] = declared
    if work.merged_into_id is not None:
        body["merged_into"] = IDS.make(work.merged_into_id)
    absorbed = session.scalars(select(Work.id).where(Work.merged_into_id == work.id).order_by(Work.id)).all()
    if absorbed:
        body["merged_from"] = [IDS.make(n) for n in absorbed]
    return body


def work_facts(
    *,
    iswc: str | None,
    title: str,
    titles: Iterable[tuple[str, str, str | None]],
    language: str | None,
    duration_seconds: int | None,
    status: str,
    registrations: Iterable[tuple[str, str]],
    shares: Iterable[dict[str, Any]],
    per_right: Mapping[str, int],
    open_conflicts: list[str],
) -> dict[str, Any]:
    """work_body from plain values (also for works written in bulk, never loaded as objects);
    `per_right`: the totals that count per right type (registry.shares.totals)."""
    return {
        "iswc": iswc,
        "title": title,
        "alternate_titles": sorted(
            ({"title": t, "type": kind, "language": lang} for t, kind, lang in titles),
            key=lambda t: (t["type"], t["title"]),
        ),
        "language": language,
        "duration_seconds": duration_seconds,
        "status": status,
        "registrations": sorted(
            ({"submitter": submitter, "work_id": work_id} for submitter, work_id in registrations),
            key=lambda r: (r["submitter"], r["work_id"]),
        ),
        "shares": sorted(shares, key=_share_order),
        "totals": {right: per_right[right] for right in sorted(per_right)},
        "open_conflicts": open_conflicts,
    }


def _share_fact(share: WorkShare) -> dict[str, Any]:
    return share_fact(
        share.submitter, share.party, share.role, share.right_type, share.share, share.controlled
    )


class Named(Protocol):
    """What a work entry states of a party: a Party, or its facts copied out."""

    @property
    def name(self) -> str: ...
    @property
    def first_name(self) -> str | None: ...
    @property
    def ipi_name(self) -> str | None: ...


def share_fact(
    submitter: str, party: Named, role: str, right: str, share: int, controlled: bool
) -> dict[str, Any]:
    """One claim as a work entry states it: the party by name and IPI name number only."""
    return {
        "submitter": submitter,
        "name": party.name,
        "first_name": party.first_name,
        "ipi_name": party.ipi_name,
        "role": role,
        "right_type": right,
        "share": share,
        "controlled": controlled,
    }


def _share_order(fact: dict[str, Any]) -> tuple[str, ...]:
    return (
        fact["right_type"],
        fact["submitter"],
        fact["ipi_name"] or "",
        fact["name"],
        fact["first_name"] or "",
        fact["role"],
    )


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    work = session.get(Work, IDS.parse(entity_id))
    return None if work is None else work_body(session, work)


def _ids(session: Session) -> Iterable[str]:
    return (IDS.make(n) for n in session.scalars(select(Work.id)))


def _figures(session: Session, start: Any, end: Any, month: str) -> dict[str, Any]:
    return {
        "works_registered": first_versions(session, "work", start, end),
        "work_changes": versions(session, "work", start, end),
    }


DECLARATION = Declaration(
    kind=Kind("work", 1, False, "a musical work registration: ISWC, titles, writers, shares"),
    ids=IDS,
    body=work_body,
    about="A musical work as the CMO registers it, with every submitter's claims.",
    fields={
        "iswc": "the ISWC, compact (`T0345246801`), or null",
        "title": "the original title",
        "alternate_titles": "each `title`, `type` (CWR title type), `language`",
        "language": "the language code of the original title, or null",
        "duration_seconds": "the duration, or null",
        "status": "complete | incomplete | in_conflict | merged",
        "registrations": "each `submitter`, `work_id`: who registered it under which id",
        "shares": "each `submitter`, `name`, `first_name`, `ipi_name`, `role` (CA, E...), "
        "`right_type`, `share`, `controlled`; a staff resolution of a conflict appears as shares "
        "whose submitter is the resolution",
        "totals": "the claimed total per right type",
        "open_conflicts": "the open conflict cases (`C-n` ids)",
        "ai": AI_DOC,
        "merged_into": "after a merge, on the absorbed work: the survivor (`W-n`)",
        "merged_from": "after a merge, on the survivor: the absorbed works (`W-n`)",
        "source": "optional: the file the version came from (e.g. `cwr:<sha256>`); not a fact of the rows",
    },
    checks=Checks(
        body=(
            BodyCheck(
                "work",
                expected,
                ids=_ids,
                ignore=frozenset({"source"}),
                prefetch=batch_loader(Work, IDS),
            ),
        )
    ),
    figures=(Figures("repertoire", _figures),),
)
