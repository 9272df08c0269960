"""A real anchored ledger for the portal's tests: a data directory with the embedded chain, the
anchor contract, two checkpoints, and the proofs of its entries (built by the registry services,
as the API will serve them). The chain writer is closed when built, so the portal reads it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from anchor.job import JobSettings
from ledger import ProofFile
from registry.ledger_writer import record
from registry.log_store import SqlLogStore
from registry.models import AnchorRecord, Checkpoint
from registry.services.anchoring import anchoring_job, ensure_contract
from registry.services.proofs import proof_for
from rightsledger.context import initialise, open_chain, publisher, sessions, unit_of_work
from rightsledger.settings import load_settings

ORIGIN = "cmo.example/log"
MEMBER = "M-0001"
PERIOD, SOURCE = "2026-03", "karaoke"

WORKS = {
    "W-0001": {"title": "月亮代表我的心", "iswc": "T0345246801", "member": MEMBER},
    "W-0002": {"title": "甜蜜蜜", "iswc": "T0700274163", "member": MEMBER},
}
LICENSE_V1 = {
    "number": "LIC-2026-0001",
    "licensee": "Golden Voice KTV",
    "city": "Shanghai",
    "valid_from": "2026-01-01",
    "valid_until": "2026-12-31",
    "status": "active",
}
LICENSE_V2 = {**LICENSE_V1, "status": "revoked", "reason": "unpaid invoice"}
OLD_LICENSE = {
    "number": "LIC-2020-0007",
    "licensee": "Silver Voice KTV",
    "city": "Shanghai",
    "valid_from": "2020-01-01",
    "valid_until": "2020-12-31",
    "status": "active",
}
LINES = [  # distribution lines of one statement: private entries
    (
        "DL-2026-03-karaoke-0001",
        {
            "member": MEMBER,
            "work_id": "W-0001",
            "title": "月亮代表我的心",
            "usage": 120,
            "share": 5000,
            "amount_minor": 12345,
            "currency": "CNY",
        },
    ),
    (
        "DL-2026-03-karaoke-0002",
        {
            "member": MEMBER,
            "work_id": "W-0002",
            "title": "甜蜜蜜",
            "usage": 80,
            "share": 5000,
            "amount_minor": 6789,
            "currency": "CNY",
        },
    ),
]
SUMMARY = {
    "period": PERIOD,
    "source": SOURCE,
    "currency": "CNY",
    "pool_minor": 30000,
    "deduction_minor": 3000,
    "lines_total_minor": 19134,
    "reserve_minor": 7866,
    "carried_minor": 1000,
}
# 3000 + 19134 + 7866 + 1000 = 31000: NOT 30000 -> the second summary is the conserved one.
SUMMARY_OK = {**SUMMARY, "source": "online", "reserve_minor": 6866}


@dataclass
class Version:
    kind: str
    entity_id: str
    version: int
    body: dict[str, Any]
    at: str
    leaf_hash: str
    leaf_index: int
    checkpoint_index: int
    proof: ProofFile


@dataclass
class World:
    data_dir: Path
    origin: str
    vkey: str
    contract: str
    chain_id: int
    versions: list[Version] = field(default_factory=list)
    leaves: list[str] = field(default_factory=list)
    checkpoints: list[dict[str, Any]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        """The portal's pinned settings for this ledger."""
        return {
            "RIGHTS_PORTAL_DATA_DIR": str(self.data_dir),
            "RIGHTS_PORTAL_CONTRACT_ADDRESS": self.contract,
            "RIGHTS_PORTAL_LOG_VKEY": self.vkey,
            "RIGHTS_PORTAL_LOG_ORIGIN": self.origin,
            "RIGHTS_PORTAL_EXPLORER_TX_URL": "https://explorer.example/tx/{tx}",
        }

    def version(self, entity_id: str, version: int | None = None) -> Version:
        matches = [v for v in self.versions if v.entity_id == entity_id]
        return matches[-1] if version is None else next(v for v in matches if v.version == version)

    def rlproof(self, entity_id: str, version: int | None = None) -> bytes:
        return self.version(entity_id, version).proof.to_json().encode()

    def tampered(self, entity_id: str) -> bytes:
        """The proof with the entry's body altered (a title, a licensee, an amount)."""
        doc = json.loads(self.rlproof(entity_id))
        body = doc["entry"]["body"]
        key = next(k for k in ("title", "licensee", "amount_minor") if k in body)
        body[key] = body[key] + 1 if isinstance(body[key], int) else body[key] + "（改）"
        return json.dumps(doc, ensure_ascii=False).encode()


def build_world(base: Path) -> World:
    settings = load_settings(
        data_dir=base / "data",
        database_url=None,
        log_key_path=None,
        chain_url=None,
        contract_address=None,
        log_vkey=None,
        log_origin=ORIGIN,
    )
    signer = initialise(settings)
    factory = sessions(settings)
    facts: list[tuple[str, str]] = []
    with open_chain(settings) as conn:
        account = publisher(settings, conn)
        row, _ = ensure_contract(factory, conn, account, ORIGIN)
        job = anchoring_job(factory, conn, account, signer, JobSettings(ORIGIN))
        with unit_of_work(settings) as session:
            for ident, body in WORKS.items():
                record(session, "work", ident, body)
                facts.append(("work", ident))
            record(session, "license", "LIC-2026-0001", LICENSE_V1)
            facts.append(("license", "LIC-2026-0001"))
            record(session, "license", "LIC-2020-0007", OLD_LICENSE)
            facts.append(("license", "LIC-2020-0007"))
        assert job.run_once().anchored is not None
        with unit_of_work(settings) as session:
            record(session, "license", "LIC-2026-0001", LICENSE_V2)
            for ident, body in LINES:
                record(session, "distribution_line", ident, body)
                facts.append(("distribution_line", ident))
            record(session, "distribution_summary", f"DS-{PERIOD}-{SOURCE}", SUMMARY)
            record(session, "distribution_summary", f"DS-{PERIOD}-online", SUMMARY_OK)
        assert job.run_once().anchored is not None
        chain_id = conn.chain_id

    world = World(settings.data_dir.resolve(), ORIGIN, signer.verifier().vkey, row.address, chain_id)
    with factory() as session:
        for kind, ident in facts:
            for number in (1, 2):
                try:
                    proof = proof_for(session, kind, ident, number)
                except Exception:
                    continue
                assert proof.entry is not None and proof.anchor is not None
                world.versions.append(
                    Version(
                        kind,
                        ident,
                        number,
                        dict(proof.entry.body),
                        proof.entry.at,
                        proof.claimed_leaf_hash.hex(),
                        proof.leaf_index,
                        proof.anchor.checkpoint_index,
                        proof,
                    )
                )
        store = SqlLogStore(session)
        world.leaves = [h.hex() for h in store.leaf_hashes(0, store.size())]
        anchors = {a.tree_size: a for a in session.scalars(select(AnchorRecord))}
        for index, cp in enumerate(session.scalars(select(Checkpoint).order_by(Checkpoint.tree_size))):
            anchor = anchors[cp.tree_size]
            world.checkpoints.append(
                {
                    "index": index,
                    "tree_size": cp.tree_size,
                    "root": cp.root.hex(),
                    "note": cp.note,
                    "note_hash": cp.note_hash.hex(),
                    "tx_hash": anchor.tx_hash,
                    "block_number": anchor.block_number,
                    "anchored_at": anchor.anchored_at.isoformat(),
                }
            )
    return world
