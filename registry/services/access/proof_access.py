"""Who may have which proof, and the proofs themselves served from a cache.

Public kinds are proven to anyone. A private entry (a membership, a payout line, a contract) is
proven, with its salt, only to the member or licensee it belongs to; auditors and admins get its
proof with the leaf hash only unless they ask for the entry. To anyone else a private entry does
not exist: the answer is the one for an unknown id, so ids do not leak.

A proof depends only on the entry and the checkpoints, so rendered proofs are cached under the
log's epoch (newest entry, checkpoint and anchor): anything recorded, signed or anchored since
makes a new epoch, and the cache never serves a proof the database would not give now.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ledger.kinds import KINDS
from ledger.proof_formats import dump_rlproof, dump_tlog_proof
from registry.kinds import OWNERS
from registry.services.access.users import Principal
from registry.services.anchoring.log_epoch import Epoch, LogEpoch, Remembered
from registry.services.anchoring.proofs import UnknownEntry, kinds_of, proof_for

OVERSEERS = ("auditor", "admin")
FORMATS = ("rlproof", "tlog-proof")


class AmbiguousEntry(UnknownEntry):
    """The id names entries of several kinds: the caller must say which."""


def owns(session: Session, principal: Principal, kind: str, entity_id: str) -> bool:
    owner_of = OWNERS.get(kind)
    if owner_of is None or principal.role not in ("member", "licensee"):
        return False
    member, licensee = owner_of(session, entity_id)
    if principal.role == "member":
        return member is not None and member == principal.member_id
    return licensee is not None and licensee == principal.licensee_id


def may_prove(session: Session, principal: Principal, kind: str, entity_id: str) -> bool:
    if kind in KINDS and not KINDS[kind].private:
        return True
    return principal.role in OVERSEERS or owns(session, principal, kind, entity_id)


@dataclass(frozen=True)
class ProofDocument:
    kind: str
    text: str
    media_type: str
    filename: str


class ProofService:
    """Proofs for callers, with their access rules, cached per log epoch."""

    def __init__(self, cache_size: int = 4096, epoch: LogEpoch | None = None) -> None:
        self._cache = Remembered(cache_size)
        # A proof served within the epoch's trusted time may name the checkpoint before the
        # newest: still a valid proof.
        self.log_epoch = epoch or LogEpoch()

    def epoch(self, session: Session) -> Epoch:
        return self.log_epoch.read(session)

    def from_memory(
        self,
        principal: Principal,
        entity_id: str,
        *,
        kind: str | None = None,
        version: int | None = None,
        fmt: str = "rlproof",
        full: bool = False,
    ) -> ProofDocument | None:
        """The answer without the database when it is known for the current epoch (a fresh epoch,
        a public entry or an overseer's request answered before); None: ask `proof`."""
        epoch = self.log_epoch.recent()
        if epoch is None:
            return None
        kinds = self._cache.get((epoch, "kinds", entity_id))
        if not kinds:
            return None
        candidates = [k for k in kinds if kind is None or k == kind]
        if len(candidates) != 1:
            return None
        chosen = candidates[0]
        private = KINDS[chosen].private if chosen in KINDS else True
        if private and principal.role not in OVERSEERS:
            return None  # the owner's check may need the database
        include_entry = not private or full
        document: ProofDocument | None = self._cache.get(
            (epoch, "proof", chosen, entity_id, version, include_entry, fmt)
        )
        return document

    def proof(
        self,
        session: Session,
        principal: Principal,
        entity_id: str,
        *,
        kind: str | None = None,
        version: int | None = None,
        fmt: str = "rlproof",
        full: bool = False,
    ) -> ProofDocument:
        """The proof of `entity_id` for `principal`. UnknownEntry (also when the caller may not
        see it), NotYetProvable when no checkpoint covers it yet."""
        epoch = self.epoch(session)
        kinds = self._cache.get_or_make((epoch, "kinds", entity_id), lambda: kinds_of(session, entity_id))
        visible = [k for k in kinds if may_prove(session, principal, k, entity_id)]
        if kind is not None:
            visible = [k for k in visible if k == kind]
        if not visible:
            raise UnknownEntry(f"no {kind or 'entry'} {entity_id!r} was recorded")
        if len(visible) > 1:
            raise AmbiguousEntry(f"{entity_id!r} names entries of kinds {', '.join(visible)}: give kind")
        chosen = visible[0]
        include_entry = (
            (not KINDS[chosen].private if chosen in KINDS else False)
            or owns(session, principal, chosen, entity_id)
            or (full and principal.role in OVERSEERS)
        )
        key = (epoch, "proof", chosen, entity_id, version, include_entry, fmt)

        def render() -> ProofDocument:
            proof = proof_for(session, chosen, entity_id, version, include_entry=include_entry)
            if fmt == "tlog-proof":
                text, media, suffix = dump_tlog_proof(proof), "text/plain; charset=utf-8", "tlog-proof"
            else:
                text, media, suffix = dump_rlproof(proof), "application/json", "rlproof"
            return ProofDocument(chosen, text, media, f"{entity_id}.{suffix}")

        document: ProofDocument = self._cache.get_or_make(key, render)
        return document
