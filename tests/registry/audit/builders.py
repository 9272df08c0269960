"""A small but complete ledger for audit tests: members (with sealed details and mandates), works
with writer and publisher shares and alternate titles, recordings, a conflict opened and
resolved, evidence, several versions of things, three anchored checkpoints on the embedded chain
and a few entries recorded after the last one."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from anchor.chain import ChainConnection
from anchor.contract import AnchorContract
from anchor.job import JobSettings
from ledger.note import Signer
from registry.audit.run import ChainView
from registry.crypto import FieldCipher
from registry.db import transaction
from registry.identifiers import generate_ipi_name, generate_isni, generate_isrc, generate_iswc
from registry.models import Party, entry_table
from registry.services.anchoring.job import anchoring_job, contract_for_chain, ensure_contract
from registry.services.enforcement.evidence import record_evidence
from registry.services.members.membership import (
    MandateInput,
    MemberInput,
    MemberUpdate,
    register_member,
    update_member,
)
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.conflicts import ResolvedShare, list_conflicts, resolve_conflict
from registry.services.repertoire.registration import (
    RecordingInput,
    RecordingShareInput,
    ShareInput,
    WorkInput,
    register_work,
)

ORIGIN = "audit.test/log"
TITLES = ["月亮代表我的心", "甜蜜蜜", "童年", "Moonlight Café", "夜来香", "Blue Lotus", "橄榄树", "Cloud 9"]


@dataclass
class Built:
    anchored_sizes: list[int]
    entries: int


def build_ledger(
    sessions: sessionmaker[Session],
    conn: ChainConnection,
    account: object,
    signer: Signer,
    files: Path,
    seed: int = 7,
) -> Built:
    """Record and anchor the ledger; deterministic for a seed."""
    rng = random.Random(seed)
    cipher = FieldCipher(bytes(range(32)))
    ensure_contract(sessions, conn, account, ORIGIN)  # type: ignore[arg-type]
    job = anchoring_job(sessions, conn, account, signer, JobSettings(ORIGIN))  # type: ignore[arg-type]
    files.mkdir(parents=True, exist_ok=True)
    sizes: list[int] = []
    writers = [
        PartyRef(name=f"Writer{n}", first_name=f"W{n}", ipi_name=generate_ipi_name(500 + n)) for n in range(4)
    ]

    with transaction(sessions) as session:
        pub = register_member(
            session,
            cipher,
            MemberInput(
                name="滚石 Music Publishing",
                kind="company",
                roles=("publisher",),
                ipi_name=generate_ipi_name(401),
                joined_on=date(2020, 1, 1),
                mandates=(MandateInput(right_type="performing", territory="CN"),),
                contact={"email": "rights@example.cn"},
                bank={"iban": "CN00 0001"},
            ),
        )
        member2 = register_member(
            session,
            cipher,
            MemberInput(
                name="Teng",
                first_name="Li-chun",
                roles=("composer", "performer"),
                ipi_name=writers[0].ipi_name,
                isni=generate_isni(77),
                society="CMO",
                mandates=(
                    MandateInput(right_type="performing", territory="2136"),
                    MandateInput(right_type="mechanical", territory="TW"),
                ),
            ),
        )
        publisher = PartyRef(name=pub.name, ipi_name=pub.ipi_name, kind="company")
        writers[0] = PartyRef(name=member2.name, first_name=member2.first_name, ipi_name=member2.ipi_name)
        for n, title in enumerate(TITLES):
            writer = rng.choice(writers)
            shares = [ShareInput(party=writer, role="CA", right_type=r, share=5000) for r in ("PR", "MR")]
            shares += [
                ShareInput(party=publisher, role="E", right_type=r, share=5000, controlled=True)
                for r in ("PR", "MR")
            ]
            register_work(
                session,
                WorkInput(
                    submitter="CMO",
                    submitter_work_id=f"CMO-{n}",
                    title=title,
                    iswc=generate_iswc(1000 + n),
                    language=rng.choice(["ZH", "EN", None]),
                    alt_titles=[(f"{title} (alt {n})", "AT", "EN")],
                    duration_seconds=180 + n,
                    shares=shares,
                    recordings=[
                        RecordingInput(
                            title=title,
                            isrc=generate_isrc("TW", "A26", 26, n),
                            artist=f"Artist {n}",
                            duration_seconds=181 + n,
                            release_title=f"Album {n}",
                            label="Rock Records",
                            shares=[
                                RecordingShareInput(
                                    party=PartyRef(name=f"Artist {n}", ipi_name=generate_ipi_name(600 + n)),
                                    role="performer",
                                    share=5000,
                                ),
                                RecordingShareInput(party=publisher, role="producer", share=5000),
                            ],
                        )
                    ],
                ),
            )
        _evidence(session, files, "a")
    sizes.append(_anchor(job))

    with transaction(sessions) as session:
        # A second publisher claims the same share of work 0: a conflict opens (and a new version).
        rival = PartyRef(name="Golden Melody Music", kind="company", ipi_name=generate_ipi_name(402))
        register_work(
            session,
            WorkInput(
                submitter="GOLDEN",
                submitter_work_id="G-1",
                title=TITLES[0],
                iswc=generate_iswc(1000 + 0),
                shares=[ShareInput(party=rival, role="E", right_type="PR", share=5000)],
            ),
        )
        update_member(
            session, cipher, member2.id, MemberUpdate(status="suspended", bank={"iban": "TW00 0002"})
        )
        # The primary submitter renames a work: its next version.
        register_work(
            session,
            WorkInput(
                submitter="CMO",
                submitter_work_id="CMO-3",
                title="Moonlight Cafe",
                iswc=generate_iswc(1000 + 3),
            ),
        )
        _evidence(session, files, "b")
    sizes.append(_anchor(job))

    with transaction(sessions) as session:
        [case] = list_conflicts(session)
        writer_id = case.work.shares[0].party_id
        pub_id = session.query(Party).filter(Party.ipi_name == pub.ipi_name).one().id
        resolve_conflict(
            session,
            case.id,
            [
                ResolvedShare(party_id=writer_id, role="CA", share=5000),
                ResolvedShare(party_id=pub_id, role="E", share=5000),
            ],
            "publisher agreement of 2019 prevails",
            decided_by="staff:li",
        )
        _evidence(session, files, "c")
    sizes.append(_anchor(job))

    with transaction(sessions) as session:  # recorded after the last checkpoint: pending
        _evidence(session, files, "d")
        register_work(
            session, WorkInput(submitter="CMO", submitter_work_id="CMO-99", title="新歌", iswc=None)
        )
    with sessions() as session:
        total = session.scalar(select(func.count()).select_from(entry_table)) or 0
    return Built(sizes, total)


def chain_view(sessions: sessionmaker[Session], conn: ChainConnection) -> ChainView:
    with sessions() as session:
        row = contract_for_chain(session, conn.chain_id)
        assert row is not None
        address = row.address
    return ChainView(AnchorContract(conn.w3, address), conn.chain_id)


def _anchor(job: object) -> int:
    result = job.run_once()  # type: ignore[attr-defined]
    assert result.anchored is not None, result
    return int(result.anchored.tree_size)


def _evidence(session: Session, files: Path, tag: str) -> None:
    path = files / f"playlog-{tag}.txt"
    path.write_text(f"venue {tag}: room 7, unlicensed play\n")
    record_evidence(session, path, case=f"CASE-{tag}", note=f"play log {tag}")
