"""What became of each work transaction of a CWR file received, kept in the file's import report
so that the society's acknowledgement can be written at any time after: the transaction as sent
(group, sequence, type, title, submitter's number), its status and the society's work number,
and the messages about it.

Kept as short lists (`Outcome` names the positions): a 100,000-work file keeps 100,000 of them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.cwr.ack import (
    ACCEPTED_WITH_CHANGES,
    ALREADY_HELD,
    IN_CONFLICT,
    REGISTERED,
    REJECTED,
    AckMessage,
    AckTransaction,
)
from registry.cwr.model import Issue, Transaction
from registry.models import ShareConflict, WorkRegistration
from registry.services.repertoire.registration import Outcome as Registration

_LOOKUP = 900  # registration keys per query (below SQLite's bound-parameter limit)


class Outcome(NamedTuple):
    group_id: int
    sequence: int
    transaction_type: str
    title: str
    sent_id: str  # the submitter's work number as sent ('' when none)
    key: str  # the number the work is registered under (a made-up one when none was sent)
    status: str
    work: str | None  # the society's work number, W-n
    messages: list[list[Any]]  # [record sequence, record type, level, message type, text]


_KEY, _STATUS, _WORK = (Outcome._fields.index(name) for name in ("key", "status", "work"))


def received(
    transaction: Transaction,
    key: str,
    registration: Registration | None,
    error: str | None = None,
) -> list[Any]:
    """One transaction's outcome: `registration` None means refused (by the parser, or `error`)."""
    messages = [_message(transaction, issue) for issue in transaction.issues]
    if error is not None:
        messages.append([0, transaction.kind, "T", "T", f"transaction rejected: {error}"])
    if registration is None:
        status = REJECTED
    elif registration is Registration.UNCHANGED:
        status = ALREADY_HELD
    else:
        status = ACCEPTED_WITH_CHANGES if transaction.issues else REGISTERED
    work = transaction.work
    return list(
        Outcome(
            transaction.group_id,
            transaction.sequence,
            transaction.kind,
            work.title or "",
            work.submitter_work_id or "",
            key,
            status,
            None,
            messages,
        )
    )


def _message(transaction: Transaction, issue: Issue) -> list[Any]:
    # Records of a transaction are consecutive lines: the sequence is the distance to its header.
    sequence = max(0, issue.line - transaction.line)
    level = "F" if issue.field else "R"
    caused = "T" if issue.severity == "error" else level
    return [sequence, issue.record_type, level, caused, issue.message]


def settle(session: Session, outcomes: list[list[Any]], submitter: str, conflicts_after: int) -> None:
    """Name each accepted transaction's work (W-n) and mark those whose claims opened a share
    conflict (ids above `conflicts_after`) as in conflict."""
    accepted = [o for o in outcomes if o[_STATUS] != REJECTED]
    keys = sorted({o[_KEY] for o in accepted})
    works: dict[str, int] = {}
    for start in range(0, len(keys), _LOOKUP):
        rows = session.execute(
            select(WorkRegistration.submitter_work_id, WorkRegistration.work_id)
            .where(
                WorkRegistration.submitter == submitter,
                WorkRegistration.submitter_work_id.in_(keys[start : start + _LOOKUP]),
            )
            .order_by(WorkRegistration.id)
        ).all()
        works.update({key: work_id for key, work_id in rows})  # the latest registration of a key
    disputed = set(session.scalars(select(ShareConflict.work_id).where(ShareConflict.id > conflicts_after)))
    for outcome in accepted:
        work_id = works.get(outcome[_KEY])
        if work_id is None:
            continue
        outcome[_WORK] = entity_ids.WORK.make(work_id)
        if work_id in disputed and outcome[_STATUS] != ALREADY_HELD:
            outcome[_STATUS] = IN_CONFLICT


def ack_transactions(outcomes: Iterable[Sequence[Any]]) -> list[AckTransaction]:
    """The stored outcomes as the ACK file's transactions."""
    out = []
    for row in outcomes:
        o = Outcome(*row)
        out.append(
            AckTransaction(
                group_id=o.group_id,
                sequence=o.sequence,
                transaction_type=o.transaction_type,
                title=o.title,
                submitter_work_id=o.sent_id,
                society_work_id=o.work or "",
                status=o.status,
                messages=tuple(AckMessage(*m) for m in o.messages),
            )
        )
    return out


def last_conflict(session: Session) -> int:
    """The highest share-conflict id so far (0 when none): those above it open during an import."""
    found = session.scalars(select(ShareConflict.id).order_by(ShareConflict.id.desc()).limit(1)).first()
    return int(found or 0)
