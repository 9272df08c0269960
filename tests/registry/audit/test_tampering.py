"""1,000 random single-byte tamperings of the database, each one detected by the audit.

One ledger is built per backend (members, works, recordings, a conflict, evidence, three
checkpoints anchored on the embedded chain). Each round opens a transaction, switches the
append-only triggers off inside it, changes one byte of one value the ledger vouches for (an
entry's bytes or columns, a log leaf or cached node, a checkpoint, an anchor record, a work's
title, a share...), audits, and rolls back. Controls: the untouched ledger audits clean, and so
does a round whose "tampering" writes the same value back.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from anchor.accounts import publisher_account
from anchor.chain import ChainConnection, connect
from ledger.note import Signer
from registry.audit.run import ChainView, audit
from registry.db import make_engine, make_session_factory
from tests.databases import migrate, postgres_database
from tests.registry.audit.builders import ORIGIN, build_ledger
from tests.registry.audit.tamper import TARGETS, Tampering, bypass_triggers, tamper_once
from tests.society.anchoring import chain_view

ROUNDS = {"sqlite": 1000, "postgres": 150}


@dataclass
class Audited:
    engine: Engine
    signer: Signer
    chain: ChainView
    conn: ChainConnection


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def audited(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Audited]:
    root = tmp_path_factory.mktemp(f"tamper-{request.param}")
    databases = (
        postgres_database() if request.param == "postgres" else iter([f"sqlite:///{root / 'db.sqlite'}"])
    )
    url = next(databases)
    migrate(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    signer = Signer.generate(ORIGIN)
    try:
        with connect(None, root) as conn:
            build_ledger(sessions, conn, publisher_account(conn), signer, root / "files")
            yield Audited(engine, signer, chain_view(sessions, conn), conn)
    finally:
        engine.dispose()
        for _ in databases:  # drops the PostgreSQL database
            pass


def run_audit(audited: Audited, connection: object) -> list[str]:
    with Session(bind=connection) as session:  # type: ignore[arg-type]
        report = audit(session, verifier=audited.signer.verifier(), origin=ORIGIN, chain=audited.chain)
    return [f.line() for f in report.findings]


def test_the_untouched_ledger_audits_clean(audited: Audited) -> None:
    with audited.engine.connect() as connection:
        assert run_audit(audited, connection) == []


def test_every_single_byte_tampering_is_detected(audited: Audited) -> None:
    backend = audited.engine.dialect.name
    rounds = ROUNDS["postgres" if backend == "postgresql" else "sqlite"]
    rng = random.Random(20261121)
    caught: Counter[str] = Counter()
    missed: list[tuple[Tampering, list[str]]] = []
    done = controls = 0
    while done < rounds:
        target = rng.choice(TARGETS)
        with audited.engine.connect() as connection:
            transaction = connection.begin()
            try:
                bypass_triggers(connection)
                if done % 100 == 0 and controls <= done // 100:
                    controls += 1
                    _same_value_written_back(connection, target)
                    assert run_audit(audited, connection) == [], "a no-op write was reported"
                tampering = tamper_once(connection, rng, target)
                if tampering is None:
                    continue  # refused by a constraint: not a tampering, pick again
                findings = run_audit(audited, connection)
            finally:
                transaction.rollback()
        done += 1
        if findings:
            caught[findings[0].split("]")[0] + "]"] += 1
        else:
            missed.append((tampering, findings))
    assert not missed, "undetected tamperings:\n" + "\n".join(str(t) for t, _ in missed[:20])
    # Every kind of target was hit, and the audit's steps each caught something.
    print(f"\n{rounds} tamperings on {backend}, first finding by check: {dict(caught)}")
    assert len(caught) >= (6 if rounds >= 1000 else 4), caught


def _same_value_written_back(connection: object, target: object) -> None:
    t = target
    key = ", ".join(t.key)  # type: ignore[attr-defined]
    row = connection.execute(text(f"SELECT {key}, {t.column} FROM {t.table} LIMIT 1")).first()  # type: ignore[attr-defined]
    if row is None:
        return
    *keys, value = row
    match = " AND ".join(f"{k} = :k{n}" for n, k in enumerate(t.key))  # type: ignore[attr-defined]
    connection.execute(  # type: ignore[attr-defined]
        text(f"UPDATE {t.table} SET {t.column} = :v WHERE {match}"),  # type: ignore[attr-defined]
        {f"k{n}": k for n, k in enumerate(keys)} | {"v": value},
    )


def test_a_tampered_work_title_is_named_with_what_differs(audited: Audited) -> None:
    with audited.engine.connect() as connection:
        transaction = connection.begin()
        try:
            bypass_triggers(connection)
            work_id = connection.execute(text("SELECT id FROM work WHERE title = '甜蜜蜜'")).scalar_one()
            connection.execute(text("UPDATE work SET title = '甜蜜密' WHERE id = :id"), {"id": work_id})
            findings = run_audit(audited, connection)
        finally:
            transaction.rollback()
    assert len(findings) == 1, findings
    assert f"work W-{work_id} v1" in findings[0]
    assert "title: the entry says '甜蜜蜜', the rows say '甜蜜密'" in findings[0]


def test_a_recorded_transaction_hash_in_another_letter_case_is_found(audited: Audited) -> None:
    """The chain finds the transaction whatever the case of its hex, so the audit holds the
    record to the one spelling the job writes (0x and lowercase)."""
    with audited.engine.connect() as connection:
        transaction = connection.begin()
        try:
            bypass_triggers(connection)
            record_id, tx_hash = connection.execute(
                text("SELECT id, tx_hash FROM anchor_record ORDER BY id LIMIT 1")
            ).one()
            connection.execute(
                text("UPDATE anchor_record SET tx_hash = :h WHERE id = :id"),
                {"h": "0x" + tx_hash[2:].upper(), "id": record_id},
            )
            findings = run_audit(audited, connection)
        finally:
            transaction.rollback()
    assert len(findings) == 1, findings
    assert "the transaction hash is not stored as it was written" in findings[0]


def test_an_altered_entry_is_named_by_id_kind_and_version(audited: Audited) -> None:
    with audited.engine.connect() as connection:
        transaction = connection.begin()
        try:
            bypass_triggers(connection)
            seq, entry_id, version, raw = connection.execute(
                text(
                    "SELECT seq, entry_id, version, canonical FROM ledger_entry"
                    " WHERE kind = 'work' ORDER BY seq LIMIT 1"
                )
            ).one()
            altered = bytes(raw).replace(b'"status":"complete"', b'"status":"complet3"')
            assert altered != bytes(raw)
            connection.execute(
                text("UPDATE ledger_entry SET canonical = :c WHERE seq = :s"), {"c": altered, "s": seq}
            )
            findings = run_audit(audited, connection)
        finally:
            transaction.rollback()
    assert any(f.startswith(f"[leaf_hash] work {entry_id} v{version}") for f in findings), findings
    assert any(f.startswith("[log_leaf]") for f in findings), findings
