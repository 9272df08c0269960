"""Every kind of ledger entry, declared once: registry/kinds/<kind>.py holds its ledger kind (name,
schema, private), its id format (registry.entity_ids), the builder of its body and what each body
field means, who owns a private entry, what the audit checks, and its transparency figures.

Proof access, the audit, the transparency report and docs/entries.md (`python -m
registry.kinds.docs`) read DECLARATIONS; tests/registry/test_kinds.py holds it equal to
ledger.KINDS. The kinds sit below the services: they import models and ledger, never services.
"""

from __future__ import annotations

from collections.abc import Mapping

from registry.kinds import (
    api_user,
    conflict,
    contract,
    cwr_file,
    distribution_line,
    distribution_proposal,
    distribution_summary,
    duplicate_candidate,
    evidence,
    invoice,
    license,
    licensee,
    member,
    payment,
    recording,
    reminder,
    submission,
    tariff,
    transparency_report,
    usage_claim,
    usage_report,
    work,
)
from registry.kinds.checks import Checks
from registry.kinds.declaration import Declaration, OwnerOf

DECLARATIONS: Mapping[str, Declaration] = {
    d.name: d
    for d in (
        member.DECLARATION,
        work.DECLARATION,
        recording.DECLARATION,
        conflict.DECLARATION,
        license.DECLARATION,
        contract.DECLARATION,
        usage_report.DECLARATION,
        distribution_line.DECLARATION,
        distribution_summary.DECLARATION,
        evidence.DECLARATION,
        transparency_report.DECLARATION,
        tariff.DECLARATION,
        invoice.DECLARATION,
        payment.DECLARATION,
        api_user.DECLARATION,
        licensee.DECLARATION,
        usage_claim.DECLARATION,
        duplicate_candidate.DECLARATION,
        cwr_file.DECLARATION,
        distribution_proposal.DECLARATION,
        submission.DECLARATION,
        reminder.DECLARATION,
    )
}

# Who owns a private entry, per kind: proof access reads this.
OWNERS: Mapping[str, OwnerOf] = {d.name: d.owner for d in DECLARATIONS.values() if d.owner is not None}


def kind_checks() -> Checks:
    """Every kind's own audit checks, added up."""
    total = Checks()
    for declaration in DECLARATIONS.values():
        total += declaration.checks
    return total
