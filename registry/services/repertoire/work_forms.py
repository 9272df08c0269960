"""Works registered and edited by a registry clerk's form. Each goes the way of any submission so
the ledger keeps who entered what: the form becomes a submission (channel `form`) that its clerk
accepts at once, registering the work as the society's own (submitter CMO, or the submitter it is
entered for) and recording both versions of the submission beside the work's entry.

An edit is the registration of the work's first submitter, made again with the form's facts:
its title, language, duration and claims are replaced (the work's next version); an ISWC is
added if the work had none, and a different one is refused (that would be another work).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.errors import RegistryError
from registry.identifiers import normalise_iswc
from registry.kinds.submission import submission_body
from registry.ledger_writer import record
from registry.models import Submission, Work, WorkRegistration
from registry.normalise import normalise_title
from registry.services.repertoire.submission_decisions import accept
from registry.services.repertoire.submission_suggestions import suggestions
from registry.services.repertoire.submitted_work import SubmissionError, checked

SOCIETY = "CMO"  # the submitter of the society's own registrations (as CWR imports and the CLI)


class UnknownWork(RegistryError):
    """No work has that id."""


def register_by_form(
    session: Session, work: Mapping[str, Any], *, entered_by: str, submitter: str = SOCIETY
) -> Submission:
    """Register the work a clerk entered; the accepted submission (its `work_id` the work)."""
    submitter = " ".join(submitter.split()) or SOCIETY
    return _enter(session, checked(work), submitter, entered_by)


def edit_by_form(session: Session, work_id: str, work: Mapping[str, Any], *, entered_by: str) -> Submission:
    """Replace the work's facts and its first submitter's claims with the form's."""
    held = session.get(Work, entity_ids.WORK.parse(work_id))
    if held is None:
        raise UnknownWork(f"no work {work_id}")
    if held.merged_into_id is not None:
        raise SubmissionError(
            f"{work_id} was merged into {entity_ids.WORK.make(held.merged_into_id)}: edit that one",
            field="work",
        )
    number = session.scalars(
        select(WorkRegistration.submitter_work_id)
        .where(WorkRegistration.work_id == held.id, WorkRegistration.submitter == held.primary_submitter)
        .order_by(WorkRegistration.id)
    ).first()
    if number is None:
        raise SubmissionError(f"{work_id} has no registration of its first submitter to edit", field="work")
    facts = checked({**work, "submitter_work_id": number})
    if facts.get("iswc") and held.iswc and normalise_iswc(facts["iswc"]) != held.iswc:
        raise SubmissionError(f"{work_id}'s ISWC is {held.iswc}; another ISWC is another work", field="iswc")
    return _enter(session, facts, held.primary_submitter, entered_by)


def _enter(session: Session, work: dict[str, Any], submitter: str, entered_by: str) -> Submission:
    now = datetime.now(UTC)
    # A form is no file: its "file" is the digest of who entered what when, one line long.
    said = json.dumps([entered_by, now.isoformat(), work], sort_keys=True, ensure_ascii=False)
    row = Submission(
        channel="form",
        file_sha256=hashlib.sha256(said.encode()).hexdigest(),
        file_name="form",
        line=1,
        submitter=submitter[:64],
        submitter_work_id=str(work["submitter_work_id"])[:60],
        title=str(work["title"])[:300],
        title_key=normalise_title(str(work["title"]))[:300],
        proposed=work,
        suggestions=suggestions(session, [work], submitter)[0],
        status="pending",
        submitted_by=entered_by[:100],
    )
    session.add(row)
    session.flush()
    record(session, "submission", entity_ids.SUBMISSION.make(row.id), submission_body(row))
    return accept(session, entity_ids.SUBMISSION.make(row.id), decided_by=entered_by, note="entered by form")
