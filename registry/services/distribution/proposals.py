"""Four eyes on every distribution. Finance prepares a run as a dry run (the summary it would
publish, its lines' Merkle root, the change from the previous period); someone else with the
approver role approves it, which runs it for real with the prepared pool, or refuses it with a
reason. Nobody decides their own. Each step is the proposal's next `distribution_proposal` entry.

An approval whose run would differ from what was prepared (usage imported or corrected since,
a balance carried in between) records nothing: it is prepared again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.entry import Entry, parse_entry
from registry.errors import RegistryError
from registry.kinds.distribution_proposal import IDS
from registry.ledger_writer import latest_entry, record
from registry.models import entry_table
from registry.services.distribution.lookups import run_distribution
from registry.services.distribution.runs import DistributionResult, summary_id

PREPARED, APPROVED, REFUSED = "prepared", "approved", "refused"
COMPARED = ("pool", "deduction", "allocated", "paid", "carried_forward", "members", "lines")
KIND = "distribution_proposal"


class ProposalError(RegistryError):
    """A proposal cannot be made or decided as asked; the message says why."""


class OwnProposal(ProposalError):
    """The person who prepared a distribution may not decide it."""


class AlreadyDecided(ProposalError):
    """The proposal was approved or refused already."""


class AlreadyPrepared(ProposalError):
    """A proposal of the same run awaits its decision."""


class UnknownProposal(ProposalError):
    """No proposal has that id."""


def prepare(
    session: Session,
    data_dir: Path,
    period: str,
    source: str,
    *,
    prepared_by: str,
    pool: int | None = None,
    adjustment: bool = False,
) -> Entry:
    """The dry run of the period's distribution for the source, recorded as a new proposal."""
    result = run_distribution(
        session, data_dir, period, source, pool=pool, adjustment=adjustment, dry_run=True
    )
    if result.status != "dry-run":
        raise ProposalError(
            f"{period} {source}: {'; '.join(result.messages) or result.status}: nothing to prepare"
        )
    summary = result.summary
    waiting = _same_waiting(session, period, source, adjustment, summary)
    if waiting is not None:  # the same run prepared twice: one proposal to decide, not two
        raise AlreadyPrepared(f"{waiting} prepares this same {period} {source} run and awaits a decision")
    previous = _previous(session, period, source)
    body = {
        "period": period,
        "source": source,
        "adjustment": adjustment,
        "pool": int(summary["pool"]),
        "status": PREPARED,
        "prepared_by": prepared_by,
        "summary": summary,
        "previous": previous,
        "changes": _changes(summary, previous),
    }
    number = _count(session, period, source) + 1
    return record(session, KIND, IDS.make(f"{period}-{source}-{number}"), body)


def approve(
    session: Session, data_dir: Path, proposal_id: str, *, decided_by: str
) -> tuple[Entry, DistributionResult]:
    """Run the prepared distribution (the caller commits both, or neither when this raises)."""
    body = _open(session, proposal_id, decided_by)
    result = run_distribution(
        session, data_dir, body["period"], body["source"], pool=body["pool"], adjustment=body["adjustment"]
    )
    if result.status != "recorded":
        raise ProposalError(
            f"{proposal_id}: the run was not recorded ({'; '.join(result.messages) or result.status})"
        )
    if result.summary.get("lines_root") != body["summary"].get("lines_root"):
        raise ProposalError(
            f"{proposal_id}: the run now would differ from what was prepared (its lines changed since: "
            "usage or balances moved): nothing was recorded; prepare it again"
        )
    decided = body | {
        "status": APPROVED,
        "decided_by": decided_by,
        "run": {"summary": summary_id(body["period"], body["source"]), "number": result.sequence},
    }
    return record(session, KIND, proposal_id, decided), result


def refuse(session: Session, proposal_id: str, *, decided_by: str, reason: str) -> Entry:
    body = _open(session, proposal_id, decided_by)
    if not reason.strip():
        raise ProposalError("say why the distribution is refused")
    return record(
        session, KIND, proposal_id, body | {"status": REFUSED, "decided_by": decided_by, "reason": reason}
    )


def proposal(session: Session, proposal_id: str) -> Entry:
    found = latest_entry(session, KIND, proposal_id)
    if found is None:
        raise UnknownProposal(f"no distribution proposal {proposal_id}")
    return found


def proposals(session: Session, status: str | None, limit: int, offset: int) -> tuple[list[Entry], int]:
    """The proposals (their latest versions), newest first; `status` None for all."""
    newest = (
        select(entry_table.c.entry_id, func.max(entry_table.c.version).label("version"))
        .where(entry_table.c.kind == KIND)
        .group_by(entry_table.c.entry_id)
        .subquery()
    )
    rows = session.execute(  # each proposal's latest version in the one query
        select(entry_table.c.canonical)
        .join(
            newest,
            (newest.c.entry_id == entry_table.c.entry_id) & (newest.c.version == entry_table.c.version),
        )
        .where(entry_table.c.kind == KIND)
        .order_by(entry_table.c.seq.desc())
    ).scalars()
    entries = [parse_entry(bytes(canonical)) for canonical in rows]
    if status is not None:
        entries = [e for e in entries if e.body.get("status") == status]
    return entries[offset : offset + limit], len(entries)


def _open(session: Session, proposal_id: str, decided_by: str) -> dict[str, Any]:
    body = dict(proposal(session, proposal_id).body)
    if body["status"] != PREPARED:
        raise AlreadyDecided(f"{proposal_id} is already {body['status']} (by {body.get('decided_by')})")
    if body["prepared_by"] == decided_by:
        raise OwnProposal(f"{proposal_id} was prepared by {decided_by}: someone else decides it (four eyes)")
    return body


def _same_waiting(
    session: Session, period: str, source: str, adjustment: bool, summary: dict[str, Any]
) -> str | None:
    """A proposal awaiting its decision that would publish exactly this run (the same pool and
    lines), if any; one prepared before the usage changed is another run."""
    prefix = IDS.make(f"{period}-{source}-")
    ids = session.scalars(
        select(func.distinct(entry_table.c.entry_id)).where(
            entry_table.c.kind == KIND, entry_table.c.entry_id.startswith(prefix)
        )
    ).all()
    for entry_id in ids:
        body = proposal(session, entry_id).body
        same = (body.get("pool"), body.get("summary", {}).get("lines_root")) == (
            int(summary["pool"]),
            summary.get("lines_root"),
        )
        if body.get("status") == PREPARED and bool(body.get("adjustment")) == adjustment and same:
            return str(entry_id)
    return None


def _count(session: Session, period: str, source: str) -> int:
    prefix = IDS.make(f"{period}-{source}-")
    found = session.scalar(
        select(func.count(func.distinct(entry_table.c.entry_id))).where(
            entry_table.c.kind == KIND, entry_table.c.entry_id.startswith(prefix)
        )
    )
    return int(found or 0)


def _previous(session: Session, period: str, source: str) -> dict[str, Any] | None:
    year, month = int(period[:4]), int(period[5:])
    before = f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
    entry = latest_entry(session, "distribution_summary", summary_id(before, source))
    if entry is None:
        return None
    return {"period": before, **{k: entry.body.get(k) for k in COMPARED}}


def _changes(summary: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, int] | None:
    if previous is None:
        return None
    return {
        k: int(summary[k]) - int(previous[k])
        for k in COMPARED
        if isinstance(summary.get(k), int) and isinstance(previous.get(k), int)
    }
