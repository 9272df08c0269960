"""A small CMO behind the API: two members (Alice, Bob) with works and recordings, a CWR
catalogue, evidence, anchored on the embedded chain; a user per role; a TestClient. The society is
built once per backend and test session (tests/society/ steps) and each test module gets a copy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from anchor.accounts import publisher_account
from anchor.chain import ChainConnection, connect
from anchor.job import AnchoringJob
from ledger.note import Signer
from registry.api import ApiSettings, create_app
from registry.crypto import field_cipher
from registry.cwr.generate import generate_cwr
from registry.db import make_engine, make_session_factory, transaction
from registry.identifiers import generate_isrc, generate_iswc
from registry.ledger_writer import record
from registry.services.access.users import issue_api_key
from registry.services.repertoire.cwr_import import import_cwr
from registry.services.repertoire.registration import RecordingInput
from tests.api.business import Business, build_business
from tests.databases import migrate, postgres_database
from tests.society.access import add_users, log_in
from tests.society.anchoring import start_anchoring
from tests.society.evidence import play_log_evidence
from tests.society.licensing import karaoke_venue, usable_uscc
from tests.society.members import add_member, ref
from tests.society.repertoire import sole_work

ORIGIN = "cmo.example/log"
PASSWORD = "correct horse battery staple"
DATABASE = "rightsledger.db"  # in the data directory, so that copying the one copies the other
ROLES = ("public", "member", "licensee", "auditor", "admin")


@dataclass
class World:
    data_dir: Path
    settings: ApiSettings
    app: FastAPI
    client: TestClient
    sessions: sessionmaker[Session]
    conn: ChainConnection
    job: AnchoringJob
    vkey: str
    contract: str
    alice: str  # M-n
    bob: str
    alice_work: str  # W-n: Alice holds shares, anchored, second version pending
    bob_work: str
    alice_recording: str
    evidence: str
    business: Business
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # per user: Authorization
    api_keys: dict[str, str] = field(default_factory=dict)

    def as_(self, who: str) -> dict[str, str]:
        return self.headers.get(who, {})


@dataclass(frozen=True)
class Society:
    """The society as built once per backend and test session, closed: its data directory
    (embedded chain, keys, documents; the SQLite database too) and database, copied for each
    world; and what the tests name in it."""

    data_dir: Path
    db_url: str
    signer: Signer
    contract: str
    ids: dict[str, str]  # alice, bob (M-n), alice_work, bob_work (W-n), alice_recording, evidence
    business: Business
    api_keys: dict[str, str]
    users: tuple[str, ...]


def build_society(data_dir: Path, db_url: str) -> Society:
    """Two members with a work and a recording each, a CWR catalogue, a venue, evidence, the
    licensing and royalty side (tests/api/business.py), anchored; then a second version of Alice's
    work, not anchored yet, and a user per role (Argon2: the slow part) with an API key each."""
    data_dir.mkdir(parents=True, exist_ok=True)
    migrate(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    conn = connect(None, data_dir)
    signer = Signer.generate(ORIGIN)
    vkey_file = data_dir / "keys" / "log.vkey"
    vkey_file.parent.mkdir(parents=True, exist_ok=True)
    vkey_file.write_text(signer.verifier().vkey + "\n")
    anchoring = start_anchoring(sessions, conn, publisher_account(conn), signer, ORIGIN, poll_interval=0.01)
    cipher = field_cipher(data_dir / "keys" / "data.key")
    with transaction(sessions) as session:
        alice = add_member(
            session,
            cipher,
            "Wang",
            first_name="Alice",
            ipi=5001,
            joined_on=date(2021, 3, 1),
            contact={"email": "alice@example.cn"},
            bank={"iban": "CN00 ALICE"},
        )
        bob = add_member(
            session,
            cipher,
            "Li",
            first_name="Bob",
            roles=("lyricist",),
            ipi=5002,
            contact={"email": "bob@example.cn"},
        )
        works = {}
        for who, party, n in (("alice", alice, 1), ("bob", bob, 2)):
            works[who] = sole_work(
                session,
                ref(party),
                f"CMO-{n}",
                f"月亮 Song {n}",
                iswc=generate_iswc(7000 + n),
                alt_titles=[(f"Moon Song {n}", "AT", "EN")],
                recording=RecordingInput(
                    title=f"月亮 Song {n}",
                    isrc=generate_isrc("CN", "A12", 26, n),
                    artist=f"{party.first_name} Band",
                    duration_seconds=200 + n,
                ),
            )
        import_cwr(session, generate_cwr(5, seed=7), name="catalogue.v22")
        venue = karaoke_venue(session, cipher, "金嗓子 KTV", usable_uscc(1), "上海", "SH", 12)
        evidence = play_log_evidence(session, data_dir, "api")
        session.flush()
        alice_recording, bob_recording = (works[who].recordings[0] for who in ("alice", "bob"))
        business = build_business(
            session, cipher, data_dir, venue, (alice.id, bob.id), (alice_recording.id, bob_recording.id)
        )
        ids = {
            "alice": alice.ledger_id,
            "bob": bob.ledger_id,
            "alice_work": works["alice"].ledger_id,
            "bob_work": works["bob"].ledger_id,
            "alice_recording": alice_recording.ledger_id,
        }
        alice_id, bob_id, venue_id = alice.id, bob.id, venue.id
    anchoring.anchor()
    with transaction(sessions) as session:  # a second version of Alice's work, not anchored yet
        record(session, "work", ids["alice_work"], {"title": "月亮 Song 1", "note": "pending version"})
        users = add_users(
            session,
            PASSWORD,
            members={"alice": alice_id, "bob": bob_id},
            licensees={"venue": venue_id},
            staff=("auditor", "admin", "clerk", "licensing", "finance", "approver"),
        )
        api_keys = {name: issue_api_key(session, user) for name, user in users.items()}
    conn.close()
    engine.dispose()  # nobody stays connected: PostgreSQL copies only an unused template
    ids["evidence"] = evidence.id
    return Society(data_dir, db_url, signer, anchoring.contract, ids, business, api_keys, tuple(users))


def open_world(society: Society, tmp_path: Path, db_url: str) -> Iterator[World]:
    """A world on a copy of the society: its data directory copied under `tmp_path`, its
    database at `db_url` (a copy too); the API on them, and every user logged in."""
    data_dir = tmp_path / "data"
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    conn = connect(None, data_dir)
    signer = society.signer
    anchoring = start_anchoring(sessions, conn, publisher_account(conn), signer, ORIGIN, poll_interval=0.01)
    job = anchoring.job

    def run_anchoring() -> dict[str, Any]:
        return job.run_once().to_dict()

    settings = ApiSettings(
        db_url=db_url,
        data_dir=data_dir,
        log_origin=ORIGIN,
        verifier_key_file=data_dir / "keys" / "log.vkey",
        rate_per_second=0,
        proof_epoch_seconds=0,  # every proof checks the log (tests/api/test_proofs.py tests the delay)
        run_anchoring=run_anchoring,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        world = World(
            data_dir=data_dir,
            settings=settings,
            app=app,
            client=client,
            sessions=sessions,
            conn=conn,
            job=job,
            vkey=signer.verifier().vkey,
            contract=society.contract,
            alice=society.ids["alice"],
            bob=society.ids["bob"],
            alice_work=society.ids["alice_work"],
            bob_work=society.ids["bob_work"],
            alice_recording=society.ids["alice_recording"],
            evidence=society.ids["evidence"],
            business=society.business,
            api_keys=dict(society.api_keys),
        )
        for name in society.users:
            world.headers[name] = log_in(client, name, PASSWORD)
        yield world
    conn.close()
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_society(tmp_path_factory: pytest.TempPathFactory) -> Society:
    data_dir = tmp_path_factory.mktemp("api-society") / "data"
    return build_society(data_dir, f"sqlite:///{data_dir / DATABASE}")


@pytest.fixture(scope="session")
def postgres_society(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Society]:
    for url in postgres_database():
        yield build_society(tmp_path_factory.mktemp("api-society") / "data", url)


def world_on_copy(society: Society, tmp_path: Path) -> Iterator[World]:
    shutil.copytree(society.data_dir, tmp_path / "data")
    if make_url(society.db_url).get_backend_name() == "sqlite":
        yield from open_world(society, tmp_path, f"sqlite:///{tmp_path / 'data' / DATABASE}")
        return
    for url in postgres_database(template=make_url(society.db_url).database):
        yield from open_world(society, tmp_path, url)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world per test module and backend, on its own copy of the society (built once per
    backend and session: building hashes passwords with Argon2 and deploys a contract, seconds).
    Tests that change it say so and assert only what they add."""
    society = request.getfixturevalue(f"{request.param}_society")
    yield from world_on_copy(society, tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def sqlite_world(sqlite_society: Society, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield from world_on_copy(sqlite_society, tmp_path_factory.mktemp("api"))
