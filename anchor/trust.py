"""The one place a verification policy is built, from what the verifier pinned (its settings or
arguments): the CLI, the portal and the API all verify against the policy this returns."""

from __future__ import annotations

from collections.abc import Iterable

from ledger.errors import LedgerError
from ledger.note import Verifier
from ledger.policy import VerificationPolicy


class NoTrustedKey(LedgerError):
    """No verifier key of the log was pinned, or the one pinned is not a key."""


def verification_policy(
    vkeys: Iterable[str],
    *,
    origin: str | None = None,
    contract: str | None = None,
    contract_pinned: bool = True,
    chain_id: int | None = None,
    require_chain: bool = True,
    pin_hint: str = "pass the log's published key",
) -> VerificationPolicy:
    """The policy of these pinned values; NoTrustedKey when no key is given (`pin_hint` says
    where to pin one) or a key does not parse."""
    texts = [text.strip() for text in vkeys if text and text.strip()]
    if not texts:
        raise NoTrustedKey(f"no verifier key of the log: {pin_hint}")
    try:
        keys = tuple(Verifier.from_vkey(text) for text in texts)
    except LedgerError as exc:
        raise NoTrustedKey(f"the pinned verifier key is not valid: {exc}") from None
    return VerificationPolicy(
        verifier_keys=keys,
        origin=origin or None,
        contract=contract or None,
        contract_pinned=contract_pinned,
        chain_id=chain_id,
        require_chain=require_chain,
    )
