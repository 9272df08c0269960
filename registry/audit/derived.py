"""Rows derived from others, recomputed: the title keys of works, alternate titles and recordings
(registry.normalise.normalise_title of the title), the work match keys duplicate detection
looks works up by (each live work's writer x title key pairs, registry.services.repertoire.work_keys),
and the roles of external parties (members' roles are in their entries), which must include
every capacity their shares show them in; a role left from a share since replaced may stay.
The titles and shares they derive from are held to the ledger by the row checks; a key that is
not what its source gives would hide a duplicate or invent one."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.audit.findings import AuditReport, shown
from registry.models import (
    WRITER_ROLES,
    Party,
    PartyRole,
    Recording,
    RecordingShare,
    Work,
    WorkShare,
    WorkTitle,
    match_key_table,
)
from registry.normalise import normalise_title
from registry.services.repertoire.registration import party_roles_of
from registry.services.repertoire.work_keys import match_keys

_SHOWN = 5


def check_title_keys(session: Session, report: AuditReport) -> None:
    for model, table in ((Work, "work"), (WorkTitle, "work_title"), (Recording, "recording")):
        # Streamed: a million recordings are compared without holding them all.
        rows = session.execute(
            select(model.id, model.title, model.title_key).execution_options(yield_per=10_000)
        )
        for row_id, title, key in rows:
            report.count("title keys")
            if key != normalise_title(title):
                report.add(
                    "derived",
                    f"title_key {shown(key)} is not the key of its title",
                    where=f"{table} {row_id}",
                )


def check_match_keys(session: Session, report: AuditReport) -> None:
    titles: dict[int, set[str]] = defaultdict(set)
    for work_id, key in session.execute(select(Work.id, Work.title_key).where(Work.merged_into_id.is_(None))):
        titles[work_id].add(key)
    for work_id, key in session.execute(select(WorkTitle.work_id, WorkTitle.title_key)):
        if work_id in titles:  # a merged work keeps its titles but has no keys
            titles[work_id].add(key)
    writers: dict[int, set[int]] = defaultdict(set)
    shares = select(WorkShare.work_id, WorkShare.party_id).where(WorkShare.role.in_(WRITER_ROLES))
    for work_id, party_id in session.execute(shares):
        writers[work_id].add(party_id)
    wanted = {
        (key, work_id) for work_id, keys in titles.items() for key in match_keys(keys, writers[work_id])
    }
    columns = select(match_key_table.c.match_key, match_key_table.c.work_id)
    stored = {(key, work_id) for key, work_id in session.execute(columns)}
    report.count("work match keys", len(stored))
    for what, pairs in (
        ("missing", sorted(wanted - stored)),
        ("not derived from its work", sorted(stored - wanted)),
    ):
        for key, work_id in pairs[:_SHOWN]:
            report.add(
                "derived", f"match key {shown(key)} is {what}", where=f"work_match_key of work {work_id}"
            )
        if len(pairs) > _SHOWN:
            report.add("derived", f"{len(pairs) - _SHOWN} more match keys are {what}", where="work_match_key")


def check_external_roles(session: Session, report: AuditReport) -> None:
    external = select(Party.id).where(Party.status == "external")
    held: dict[int, set[str]] = defaultdict(set)
    for party_id, role in session.execute(select(PartyRole.party_id, PartyRole.role)):
        held[party_id].add(role)
    missing: set[tuple[int, str]] = set()
    for model in (WorkShare, RecordingShare):
        shares = select(model.party_id, model.role).where(model.party_id.in_(external)).distinct()
        for party_id, share_role in session.execute(shares):
            report.count("external party roles")
            missing |= {(party_id, r) for r in party_roles_of(share_role) if r not in held[party_id]}
    for party_id, role in sorted(missing):
        report.add(
            "derived", f"holds a share as {role} but not the role", where=f"party_role of party {party_id}"
        )
