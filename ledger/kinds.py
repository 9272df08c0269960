"""The kinds of ledger entries, their current schema version, and whether they are private.

Private kinds are published only as leaf hashes; their entries carry a 128-bit salt so nobody can
confirm a guess of their content from the hash. Public kinds are published whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger.errors import EntryError


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    schema: int
    private: bool
    description: str


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("member", 1, True, "a membership version of a rights holder"),
        Kind("work", 1, False, "a musical work registration: ISWC, titles, writers, shares"),
        Kind("recording", 1, False, "a sound recording: ISRC, artist, duration, shares"),
        Kind("conflict", 1, False, "a share conflict case and its resolution"),
        Kind("license", 1, False, "a license granted to a venue or platform, with status"),
        Kind("contract", 1, True, "a signed e-contract: document hash, parties, key terms"),
        Kind("usage_report", 1, False, "an ingested usage report: file SHA-256, line counts"),
        Kind("distribution_line", 1, True, "one payout line of a distribution to a member"),
        Kind("distribution_summary", 1, False, "the totals of one distribution run"),
        Kind("evidence", 1, False, "a document or fact the CMO commits to (hash and description)"),
        Kind("transparency_report", 1, False, "the published monthly figures of the CMO"),
        Kind("tariff", 1, False, "a tariff version: formula, parameters, validity"),
        Kind("invoice", 1, True, "an invoice issued to a licensee: amount, tariff applied, basis, lines"),
        Kind("payment", 1, True, "money received from a licensee against an invoice"),
        Kind("api_user", 1, True, "an API account: its role, whom it acts for, its keys (hashes only)"),
        Kind("licensee", 1, True, "a licensee as registered: name, code, place, size, signing key"),
        Kind("usage_claim", 1, True, "a member's claim of unidentified usage, and its decision"),
        Kind("duplicate_candidate", 1, True, "two works or recordings that may be one, and the decision"),
        Kind("cwr_file", 1, True, "a CWR file received: what it held and what became of it"),
        Kind("distribution_proposal", 1, True, "a distribution prepared, and a second person's decision"),
        Kind("submission", 1, True, "a work sent from outside for review, and the clerk's decision"),
        Kind("reminder", 1, True, "a payment reminder sent to a licensee for an overdue invoice"),
    )
}


def kind(name: object) -> Kind:
    """Look up a kind by name, or raise EntryError naming the known kinds."""
    if not isinstance(name, str) or name not in KINDS:
        raise EntryError(f"unknown entry kind {name!r}; known kinds: {', '.join(sorted(KINDS))}")
    return KINDS[name]
