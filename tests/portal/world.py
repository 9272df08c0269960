"""A real anchored ledger for the portal's tests, made by the registry's services: a member with
two works, two karaoke venues (one license revoked, one expired), two months of karaoke
distribution, this month's transparency report, users per role; anchored in two checkpoints on
the embedded chain. The chain writer is closed when built, so the portal and the API read it.

Ids are those a fresh database gives: the member is M-1, the works W-1 and W-2."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import select

from ledger import ProofFile, dump_rlproof
from registry.business_time import business_time
from registry.crypto import field_cipher
from registry.cwr.generate import generate_cwr
from registry.identifiers import generate_isrc, generate_iswc
from registry.log_store import SqlLogStore
from registry.models import AnchorRecord, Checkpoint
from registry.services.anchoring.proofs import proof_for
from registry.services.distribution.runs import statement_id
from registry.services.licensing.licenses import revoke_license
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.cwr_import import import_cwr
from registry.services.repertoire.registration import RecordingInput, ShareInput, WorkInput, register_work
from registry.services.reporting.transparency import publish_report, report_id
from rightsledger.context import initialise, open_chain, publisher, sessions, unit_of_work
from rightsledger.settings import Settings, load_settings
from tests.society.access import add_users
from tests.society.anchoring import start_anchoring
from tests.society.licensing import karaoke_license, karaoke_tariff, karaoke_venue, usable_uscc
from tests.society.members import add_member, ref
from tests.society.repertoire import add_work, shares, sole_work
from tests.society.usage import REPORT_SHA256, distribute_karaoke, usage_frame

ORIGIN = "cmo.example/log"
MEMBER = "M-1"
MOON, SWEET = "W-1", "W-2"
PERIODS, SOURCE = ("2026-02", "2026-03"), "karaoke"
PERIOD = PERIODS[-1]
STATEMENT = statement_id(PERIOD, SOURCE, 1)
GOLDEN, SILVER = "LIC-2026-000001", "LIC-2020-000001"  # revoked; expired
REPORT_MONTH = PERIOD  # a closed month: its conflict, licenses and distribution
PASSWORDS = {
    role: f"{role}-password"
    for role in ("member", "licensee", "auditor", "admin", "clerk", "licensing", "finance", "approver")
}  # 12+ characters
WORKS = {MOON: ("月亮代表我的心", 1), SWEET: ("甜蜜蜜", 2)}


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
    settings: Settings
    versions: list[Version] = field(default_factory=list)
    leaves: list[str] = field(default_factory=list)
    checkpoints: list[dict[str, Any]] = field(default_factory=list)
    total_gas: int = 0
    statement_lines: int = 0  # lines of the member's statement of PERIOD
    moon_amount: int = 0  # fen: the member's line for MOON in that statement

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
        return dump_rlproof(self.version(entity_id, version).proof).encode()

    def tampered(self, entity_id: str) -> bytes:
        """The proof with the entry's body altered (a title, a licensee, an amount)."""
        doc = json.loads(self.rlproof(entity_id))
        body = doc["entry"]["body"]
        key = next(k for k in ("title", "licensee", "earned") if k in body)
        body[key] = body[key] + 1 if isinstance(body[key], int) else body[key] + "（改）"
        return json.dumps(doc, ensure_ascii=False).encode()


CWR_FILE = "CW260001PUB_000.V21"  # 2 works from sender PB 000000199


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
    cipher = field_cipher(settings.data_dir / "keys" / "data.key")
    facts: list[tuple[str, str]] = []
    with open_chain(settings) as conn:
        anchoring = start_anchoring(factory, conn, publisher(settings, conn), signer, ORIGIN)
        with unit_of_work(settings) as session:
            member = add_member(session, cipher, "Deng", first_name="Lijun", ipi=7001)
            recordings = []
            for ident, (title, n) in WORKS.items():
                work = sole_work(
                    session,
                    ref(member),
                    f"CMO-{n}",
                    title,
                    iswc=generate_iswc(8000 + n),
                    recording=RecordingInput(
                        title=title, isrc=generate_isrc("CN", "A12", 26, 50 + n), artist="邓丽君"
                    ),
                )
                assert work.ledger_id == ident, work.ledger_id
                recordings.append(work.recordings[0].id)
                facts.append(("work", ident))
            karaoke_tariff(session)
            venues: list[int] = []
            for n, (name, start, end) in enumerate(
                (
                    ("Golden Voice KTV", date(2026, 1, 1), date(2026, 12, 31)),
                    ("Silver Voice KTV", date(2020, 1, 1), date(2020, 12, 31)),
                ),
                1,
            ):
                licensee = karaoke_venue(session, cipher, name, usable_uscc(n), "Shanghai", "SH", 10)
                session.flush()
                karaoke_license(session, licensee, start, end)
                venues.append(licensee.id)
            facts += [("license", GOLDEN), ("license", SILVER)]
            add_users(
                session,
                PASSWORDS,
                members={"member": member.id},
                licensees={"licensee": venues[0]},  # Golden Voice KTV, whose license is revoked
                staff=("auditor", "admin", "clerk", "licensing", "finance", "approver"),
            )
        anchoring.anchor()
        with unit_of_work(settings) as session:
            revoke_license(session, GOLDEN, "unpaid invoice")
            for period, plays in zip(PERIODS, ([3, 1], [12, 8]), strict=True):
                usage = usage_frame([(r, None, p, True) for r, p in zip(recordings, plays, strict=True)])
                result = distribute_karaoke(
                    session, period, usage, 300_000, [(REPORT_SHA256, f"plays-{period}.csv", 2)]
                )
                facts += [("distribution_summary", result.summary_id)]
                mine = result.lines.filter(pl.col("party_id") == member.id)
                lines = mine.height
                moon = mine.filter((pl.col("subject") == "work") & (pl.col("subject_id") == 1))["amount"]
            facts.append(("distribution_line", STATEMENT))
            # Typed in today for PERIOD: two publishers claim 150% of a third work, a conflict of
            # PERIOD (the report counts it there).
            with business_time(session, datetime(2026, 3, 20, 10, tzinfo=UTC)):
                for submitter, company in (("PUB1", "Rock Records"), ("PUB2", "Golden Melody")):
                    register_work(
                        session,
                        WorkInput(
                            submitter=submitter,
                            submitter_work_id=f"{submitter}-1",
                            title="童年",
                            iswc=generate_iswc(8100),
                            shares=[
                                ShareInput(party=ref(member), role="CA", right_type="PR", share=5000),
                                ShareInput(
                                    party=PartyRef(name=company, kind="company"),
                                    role="E",
                                    right_type="PR",
                                    share=5000,
                                ),
                            ],
                        ),
                    )
            # The same song sent twice without an ISWC: a duplicate candidate for the review queue.
            writer = PartyRef(name="陈", first_name="淑桦", kind="person")
            for n in (1, 2):
                add_work(session, f"DUP-{n}", "小城故事", shares=shares(writer, "CA", ["PR"], 10_000))
            # A publisher's CWR file: the staff's CWR page lists it and writes its acknowledgement.
            import_cwr(session, generate_cwr(2, seed=11, version="2.1"), name=CWR_FILE)
            for month in PERIODS:  # REPORT_MONTH and the month before it, to compare with
                publish_report(session, month)
            facts.append(("transparency_report", report_id(REPORT_MONTH)))
        anchoring.anchor()
        chain_id = conn.chain_id

    world = World(
        settings.data_dir.resolve(), ORIGIN, signer.verifier().vkey, anchoring.contract, chain_id, settings
    )
    world.statement_lines = lines
    world.moon_amount = int(moon.sum())
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
        world.total_gas = sum(a.gas_used for a in anchors.values())
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
    factory.kw["bind"].dispose()
    return world
