"""Proofs of recorded entries: the entry, its inclusion proof and the signed checkpoint."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import parse_entry
from ledger.proof import Anchor, ProofFile
from ledger.store import tree_consistency_proof, tree_inclusion_proof
from registry.errors import RegistryError
from registry.log_store import SqlLogStore
from registry.models import AnchorRecord, Checkpoint, checkpoint_table, entry_table, leaf_table


class NotYetProvable(RegistryError):
    """The entry exists but no checkpoint covers it yet."""


class UnknownEntry(RegistryError, LookupError):
    """No such entry (or version) was recorded."""


def proof_for(
    session: Session,
    kind: str,
    entity_id: str,
    version: int | None = None,
    *,
    include_entry: bool = True,
    tree_size: int | None = None,
    chain_id: int | None = None,
) -> ProofFile:
    """A proof of `kind` `entity_id` (latest version unless given) against the latest anchored
    checkpoint that covers it (on `chain_id` if given), else the latest signed one, or the one of
    `tree_size`. Without `include_entry` only its leaf hash is given: what someone not entitled
    to a private entry may see."""
    query = (
        select(entry_table.c.canonical, entry_table.c.version, leaf_table.c.leaf_index)
        .outerjoin(leaf_table, leaf_table.c.entry_seq == entry_table.c.seq)
        .where(entry_table.c.kind == kind, entry_table.c.entry_id == entity_id)
    )
    query = (
        query.where(entry_table.c.version == version)
        if version
        else query.order_by(entry_table.c.version.desc())
    )
    row = session.execute(query.limit(1)).first()
    if row is None:
        what = f"{kind} {entity_id!r}" + (f" version {version}" if version else "")
        raise UnknownEntry(f"no {what} was recorded")
    entry = parse_entry(bytes(row.canonical))
    if row.leaf_index is None:
        raise NotYetProvable(
            f"{kind} {entity_id!r} v{entry.version} is not in the log yet: publish a checkpoint"
        )
    anchored = _covering_anchor(session, row.leaf_index, tree_size, chain_id)
    checkpoint = _covering_checkpoint(session, row.leaf_index, anchored.tree_size if anchored else tree_size)
    proof = tree_inclusion_proof(SqlLogStore(session), row.leaf_index, checkpoint.tree_size)
    return ProofFile(
        leaf_index=row.leaf_index,
        inclusion=tuple(proof),
        checkpoint_note=checkpoint.note,
        entry=entry if include_entry else None,
        leaf_hash=entry.leaf_hash(),
        anchor=None
        if anchored is None
        else Anchor(
            anchored.chain_id,
            anchored.contract,
            anchored.checkpoint_index,
            anchored.tx_hash,
            anchored.block_number,
        ),
    )


def consistency_proof(session: Session, old_size: int, new_size: int) -> list[bytes]:
    """The log's RFC 9162 consistency proof from its tree of `old_size` to that of `new_size`."""
    return tree_consistency_proof(SqlLogStore(session), old_size, new_size)


def fingerprint_proof(session: Session, leaf_hash: bytes) -> ProofFile:
    """The proof that the entry with this leaf hash is in the log and anchored, with the entry
    withheld: anyone may check a fingerprint (the public log publishes every leaf hash, private
    ones too) without learning the content or even the id."""
    row = session.execute(
        select(entry_table.c.kind, entry_table.c.entry_id, entry_table.c.version).where(
            entry_table.c.leaf_hash == leaf_hash
        )
    ).first()
    if row is None:
        raise UnknownEntry(f"no entry with leaf hash {leaf_hash.hex()} was recorded")
    return proof_for(session, row.kind, row.entry_id, row.version, include_entry=False)


def kinds_of(session: Session, entity_id: str) -> list[str]:
    """The kinds under which `entity_id` was recorded (ids are meant to be unique across kinds)."""
    rows = session.execute(select(entry_table.c.kind).where(entry_table.c.entry_id == entity_id).distinct())
    return sorted(rows.scalars())


def kind_of(session: Session, entity_id: str) -> str:
    """The one kind `entity_id` was recorded under; UnknownEntry if none, or several (then the
    caller names the kind: `--kind` on the command line)."""
    kinds = kinds_of(session, entity_id)
    if not kinds:
        raise UnknownEntry(f"no entry with id {entity_id!r} was recorded")
    if len(kinds) > 1:
        raise UnknownEntry(f"{entity_id!r} names entries of kinds {', '.join(kinds)}: add --kind")
    return kinds[0]


def _covering_anchor(
    session: Session, leaf_index: int, tree_size: int | None, chain_id: int | None
) -> AnchorRecord | None:
    query = select(AnchorRecord).where(AnchorRecord.tree_size > leaf_index)
    if tree_size is not None:
        query = query.where(AnchorRecord.tree_size == tree_size)
    if chain_id is not None:
        query = query.where(AnchorRecord.chain_id == chain_id)
    return session.scalars(
        query.order_by(AnchorRecord.tree_size.desc(), AnchorRecord.id.desc()).limit(1)
    ).first()


def _covering_checkpoint(session: Session, leaf_index: int, tree_size: int | None) -> Checkpoint:
    query = select(Checkpoint).where(checkpoint_table.c.tree_size > leaf_index)
    if tree_size is not None:
        query = query.where(checkpoint_table.c.tree_size == tree_size)
    checkpoint = session.scalars(query.order_by(checkpoint_table.c.tree_size.desc()).limit(1)).first()
    if checkpoint is None:
        raise NotYetProvable(
            f"no checkpoint covers leaf {leaf_index}" + (f" at size {tree_size}" if tree_size else "")
        )
    return checkpoint
