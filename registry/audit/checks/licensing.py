"""E-contracts: both signatures of every `contract` version verify over its payload (the
verification is the licensing service's; the comparison with the rows is the kind's own check,
registry/kinds/contract.py)."""

from __future__ import annotations

from ledger.entry import Entry
from registry.kinds.checks import Checks, EntryCheck
from registry.services.licensing.econtracts import verify_bundle


def contract_signatures(entry: Entry) -> list[str]:
    """Every contract version must carry two signatures over its own payload."""
    body = entry.body
    bundle = {"payload": body.get("payload"), "signatures": body.get("signatures")}
    try:
        verdict = verify_bundle(bundle, None)
    except Exception as exc:  # a malformed body is a finding, not a crash of the audit
        return [f"the contract cannot be verified: {exc}"]
    # The document itself lives in the data directory, not in the entry: its step is skipped.
    return [f"{step}: {detail}" for step, ok, detail in verdict.steps if not ok and step != "document"]


CHECKS = Checks(entry=(EntryCheck("contract", contract_signatures),))
