"""The one place a verification policy is built, from what the verifier pinned: a log descriptor
(from the local installation, a file, the user), or its settings and arguments. The CLI, the
portal and the API all verify against the policy this returns; nothing in a proof pins anything."""

from __future__ import annotations

from collections.abc import Iterable

from ledger.descriptor import LogDescriptor
from ledger.errors import LedgerError
from ledger.note import Verifier
from ledger.policy import VerificationPolicy


class TrustError(LedgerError):
    """What was pinned does not parse, or contradicts the pinned descriptor."""


def verification_policy(
    *,
    descriptor: LogDescriptor | None = None,
    vkeys: Iterable[str] = (),
    origin: str | None = None,
    contracts: Iterable[str] = (),
    chain_id: int | None = None,
    require_chain: bool = True,
) -> VerificationPolicy:
    """The policy of the pinned `descriptor`, narrowed by the values given beside it (which must
    then be among the descriptor's), or of those values alone. No key at all gives a policy under
    which nothing is proven ("no trusted log identity"), never an open one."""
    keys = [text.strip() for text in vkeys if text and text.strip()]
    pinned = [address for address in contracts if address]
    if descriptor is not None:
        _within(keys, descriptor.verifier_keys, "verifier key")
        _within(pinned, descriptor.contracts, "contract")
        if origin and origin != descriptor.origin:
            raise TrustError(f"origin {origin!r} is not the pinned log's {descriptor.origin!r}")
        if chain_id is not None and chain_id != descriptor.chain_id:
            raise TrustError(f"chain id {chain_id} is not the pinned log's {descriptor.chain_id}")
        keys = keys or list(descriptor.verifier_keys)
        pinned = pinned or list(descriptor.contracts)
        origin, chain_id = descriptor.origin, descriptor.chain_id
    try:
        verifiers = tuple(Verifier.from_vkey(text) for text in keys)
    except LedgerError as exc:
        raise TrustError(f"the pinned verifier key is not valid: {exc}") from None
    return VerificationPolicy(
        verifier_keys=verifiers,
        origin=origin or None,
        contracts=tuple(pinned),
        chain_id=chain_id,
        require_chain=require_chain,
    )


def _within(given: list[str], pinned: tuple[str, ...], what: str) -> None:
    known = {value.lower() for value in pinned}
    for value in given:
        if value.lower() not in known:
            raise TrustError(f"{what} {value} is not one of the pinned log descriptor's")
