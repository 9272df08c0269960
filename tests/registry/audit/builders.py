"""A small but complete ledger for audit tests: members (with sealed details and mandates), works
with writer and publisher shares and alternate titles, recordings, a conflict opened and
resolved, evidence, several versions of things, three anchored checkpoints on the embedded chain
and a few entries recorded after the last one."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from anchor.chain import ChainConnection
from ledger.note import Signer
from registry.crypto import FieldCipher
from registry.db import transaction
from registry.identifiers import generate_ipi_name, generate_isni, generate_isrc, generate_iswc
from registry.models import Party, Recording, Work, entry_table
from registry.services.access.users import create_user, issue_api_key
from registry.services.enforcement.evidence_uploads import record_uploaded_evidence
from registry.services.members.membership import (
    MandateInput,
    MemberUpdate,
    update_member,
)
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.cwr_import import import_cwr
from registry.services.repertoire.duplicates import keep_apart, list_candidates, merge
from registry.services.repertoire.registration import (
    RecordingInput,
    RecordingShareInput,
)
from registry.services.usage.claims import accept_claim, list_unidentified, reject_claim, submit_claim
from registry.services.usage.reports import import_usage
from rightsledger.demodata.licensing import seed_licensing
from tests.paths import SAMPLES
from tests.society.anchoring import start_anchoring
from tests.society.evidence import play_log_evidence
from tests.society.members import add_member, ref
from tests.society.repertoire import add_work, open_conflict, resolve, shares
from tests.society.usage import REPORTS, distribute_karaoke, usage_frame

ORIGIN = "audit.test/log"
CIPHER = FieldCipher(bytes(range(32)))  # the data key sealing members' and licensees' details
CWR_SAMPLES = SAMPLES / "cwr"
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
    cipher = CIPHER
    anchoring = start_anchoring(sessions, conn, account, signer, ORIGIN)  # type: ignore[arg-type]
    files.mkdir(parents=True, exist_ok=True)
    sizes: list[int] = []
    writers = [
        PartyRef(name=f"Writer{n}", first_name=f"W{n}", ipi_name=generate_ipi_name(500 + n)) for n in range(4)
    ]

    with transaction(sessions) as session:
        pub = add_member(
            session,
            cipher,
            "滚石 Music Publishing",
            kind="company",
            roles=("publisher",),
            ipi=401,
            joined_on=date(2020, 1, 1),
            mandates=(MandateInput(right_type="performing", territory="CN"),),
            contact={"email": "rights@example.cn"},
            bank={"iban": "CN00 0001"},
        )
        member2 = add_member(
            session,
            cipher,
            "Teng",
            first_name="Li-chun",
            roles=("composer", "performer"),
            ipi=500,  # Writer0's
            isni=generate_isni(77),
            society="CMO",
            mandates=(
                MandateInput(right_type="performing", territory="2136"),
                MandateInput(right_type="mechanical", territory="TW"),
            ),
        )
        publisher = ref(pub)
        writers[0] = ref(member2)
        for n, title in enumerate(TITLES):
            writer = rng.choice(writers)
            add_work(
                session,
                f"CMO-{n}",
                title,
                iswc=generate_iswc(1000 + n),
                language=rng.choice(["ZH", "EN", None]),
                alt_titles=[(f"{title} (alt {n})", "AT", "EN")],
                duration_seconds=180 + n,
                shares=shares(writer, "CA", ("PR", "MR"), 5000)
                + shares(publisher, "E", ("PR", "MR"), 5000, controlled=True),
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
            )
        play_log_evidence(session, files, "a")
    sizes.append(anchoring.anchor())

    with transaction(sessions) as session:
        # A second publisher claims the same share of work 0: a conflict opens (and a new version).
        rival = PartyRef(name="Golden Melody Music", kind="company", ipi_name=generate_ipi_name(402))
        add_work(
            session,
            "G-1",
            TITLES[0],
            submitter="GOLDEN",
            iswc=generate_iswc(1000 + 0),
            shares=shares(rival, "E", ("PR",), 5000),
        )
        update_member(
            session, cipher, member2.id, MemberUpdate(status="suspended", bank={"iban": "TW00 0002"})
        )
        # The primary submitter renames a work: its next version.
        add_work(session, "CMO-3", "Moonlight Cafe", iswc=generate_iswc(1000 + 3))
        play_log_evidence(session, files, "b")
    sizes.append(anchoring.anchor())

    with transaction(sessions) as session:
        case = open_conflict(session)
        writer_id = case.work.shares[0].party_id
        pub_id = session.query(Party).filter(Party.ipi_name == pub.ipi_name).one().id
        resolve(
            session,
            case,
            [(writer_id, "CA", 5000), (pub_id, "E", 5000)],
            "publisher agreement of 2019 prevails",
        )
        play_log_evidence(session, files, "c")
        _money_usage_and_accounts(session, cipher, files)
        _queues(session, writers[1])
    sizes.append(anchoring.anchor())

    with transaction(sessions) as session:  # recorded after the last checkpoint: pending
        play_log_evidence(session, files, "d")
        add_work(session, "CMO-99", "新歌", iswc=None)
    with sessions() as session:
        total = session.scalar(select(func.count()).select_from(entry_table)) or 0
    return Built(sizes, total)


def _money_usage_and_accounts(session: Session, cipher: FieldCipher, files: Path) -> None:
    """Every other table and stored file: tariffs, licensees, licenses, invoices, payments and
    signed contracts (their documents in files/contracts), a usage report (its Parquet file in
    files/usage, an unidentified group), a distribution run (its lines file), an API account
    with a key, and evidence kept by the registry (files/documents/evidence)."""
    seed_licensing(session, cipher, files, seed=3, venues=2, platforms=1, shops=1, period="2026-03")
    log = files / "plays-2026-03.csv"
    log.write_text(
        "licensee,room,isrc,title,artist,duration,played_at,plays\n"
        f"LE-1,1,{generate_isrc('TW', 'A26', 26, 1)},{TITLES[1]},Artist 1,182,2026-03-03T20:00:00+08:00,3\n"
        "LE-1,2,CN-Z99-26-99999,无名之歌,Nobody,180,2026-03-03T21:00:00+08:00,4\n",
        encoding="utf-8",
    )
    import_usage(session, files, log, "2026-03", "karaoke")
    recording_id = session.scalars(select(Recording.id).order_by(Recording.id)).first()
    distribute_karaoke(
        session,
        "2026-03",
        usage_frame([(recording_id, None, 12, True), (None, None, 3, False)]),
        1_000_000,
        REPORTS,
    )
    # A small pool: members' totals stay below the minimum payout and are carried forward
    # (carry_forward rows), then brought forward and paid by the next period's run.
    for period, pool in (("2026-04", 15_000), ("2026-05", 1_000_000)):
        distribute_karaoke(session, period, usage_frame([(recording_id, None, 12, True)]), pool, REPORTS)
    _claims(session, recording_id)
    auditor = create_user(session, "auditor1", "auditor", password="correct horse battery")
    issue_api_key(session, auditor, "nightly audit")
    record_uploaded_evidence(
        session, io.BytesIO(b"room 9, 22:10, unlicensed\n"), "clip.txt", files / "documents"
    )


def _claims(session: Session, recording_id: int | None) -> None:
    """Claims of the unidentified group in every state: one rejected with a reason, one rejected
    because another claim of the same usage was accepted, and the accepted one."""
    group = list_unidentified(session, open_only=True)[0]
    member = session.scalars(select(Party.id).where(Party.status == "member").order_by(Party.id)).first()
    work_id = session.scalars(select(Work.id).order_by(Work.id)).first()
    assert member is not None and recording_id is not None
    wrong = submit_claim(session, group.id, member, recording_id=recording_id, note="our live version")
    reject_claim(session, wrong.id, decided_by="clerk1", reason="the ISRC is another label's")
    submit_claim(session, group.id, member, recording_id=recording_id)
    right = submit_claim(session, group.id, member, work_id=work_id, note="written by our writer")
    accept_claim(session, right.id, decided_by="clerk1")


def _queues(session: Session, writer: PartyRef) -> None:
    """The review queues in every state: a CWR acknowledgement file received, and duplicate
    pairs merged, kept apart, withdrawn (a merge made the pair pointless) and pending."""
    import_cwr(
        session, (CWR_SAMPLES / "demo_cwr_cleaned.v22").read_bytes(), name="ack.v22", lenient_counts=True
    )
    for n in range(3):
        add_work(
            session, f"TWIN-{n}", "Twin Song", submitter="TWINS", shares=shares(writer, "CA", ("PR",), 10000)
        )
    for n in range(2):
        add_work(
            session, f"ECHO-{n}", "Echo Song", submitter="TWINS", shares=shares(writer, "CA", ("PR",), 10000)
        )
    twins = [c for c in list_candidates(session) if "twin song" in (c.detail or "").lower()]
    assert len(twins) == 3, [c.detail for c in list_candidates(session)]
    first = twins[0]
    merge(session, first.id, first.pair[0], decided_by="clerk1")  # (b, c) becomes (a, c): withdrawn
    [left] = [c for c in list_candidates(session) if "twin song" in (c.detail or "").lower()]
    keep_apart(session, left.id, decided_by="clerk1")
