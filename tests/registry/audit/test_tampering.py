"""1,000 random single-byte tamperings of the database, each one detected by the audit.

One ledger is built per backend (members, works, recordings, a conflict, evidence, three
checkpoints anchored on the embedded chain). Each round opens a transaction, switches the
append-only triggers off inside it, changes one byte of one value the ledger vouches for (an
entry's bytes or columns, a log leaf or cached node, a checkpoint, an anchor record, a work's
title, a share...), audits, and rolls back. Controls: the untouched ledger audits clean, and so
does a round whose "tampering" writes the same value back.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from anchor.accounts import publisher_account
from anchor.chain import ChainConnection, connect
from ledger.note import Signer
from registry.audit.run import AuditReport, ChainView, audit
from registry.db import make_engine, make_session_factory
from tests.databases import migrate, postgres_database
from tests.registry.audit.builders import CIPHER, ORIGIN, build_ledger
from tests.registry.audit.tamper import (
    DELETABLE,
    FILE_KINDS,
    INSERTABLE,
    TARGETS,
    FileTampering,
    Tampering,
    Target,
    bypass_triggers,
    delete_once,
    insert_once,
    tamper_once,
)
from tests.society.anchoring import chain_view

ROUNDS = {"sqlite": 1000, "postgres": 150}


@dataclass
class Audited:
    engine: Engine
    signer: Signer
    chain: ChainView
    conn: ChainConnection
    files: Path


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
            yield Audited(engine, signer, chain_view(sessions, conn), conn, root / "files")
    finally:
        engine.dispose()
        for _ in databases:  # drops the PostgreSQL database
            pass


def run_audit(audited: Audited, connection: object) -> list[str]:
    return [f.line() for f in run_report(audited, connection).findings]


def run_report(audited: Audited, connection: object) -> AuditReport:
    with Session(bind=connection) as session:  # type: ignore[arg-type]
        return audit(
            session,
            verifier=audited.signer.verifier(),
            origin=ORIGIN,
            chain=audited.chain,
            data_dir=audited.files,
            cipher=CIPHER,
        )


def test_the_untouched_ledger_audits_clean(audited: Audited) -> None:
    with audited.engine.connect() as connection:
        report = run_report(audited, connection)
    assert report.findings == []
    # Every kind of row and file the tamperings below aim at is there and was checked.
    checked = (
        "usage files",
        "contract documents",
        "evidence files",
        "sealed values",
        "distribution conservation runs",
    )
    checked += tuple(f"{kind} rows" for kind in ("tariff", "invoice", "payment", "api_user", "usage_report"))
    assert all(report.counts.get(what, 0) >= 1 for what in checked), report.counts


def test_every_single_byte_tampering_is_detected(audited: Audited) -> None:
    backend = audited.engine.dialect.name
    rounds = ROUNDS["postgres" if backend == "postgresql" else "sqlite"]
    rng = random.Random(20261121)
    caught: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    by_table: Counter[str] = Counter()
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
        tried[target.table] += 1
        if findings:
            caught[findings[0].split("]")[0] + "]"] += 1
            by_table[target.table] += 1
        else:
            missed.append((tampering, findings))
    print(f"\n{rounds} single-byte tamperings on {backend}, tried/caught by table:")
    print(", ".join(f"{table} {tried[table]}/{by_table[table]}" for table in sorted(tried)))
    assert not missed, "undetected tamperings:\n" + "\n".join(str(t) for t, _ in missed[:20])
    # Every kind of target was hit, and the audit's steps each caught something.
    print(f"first finding by check: {dict(caught)}")
    assert len(caught) >= (6 if rounds >= 1000 else 4), caught


def test_every_deleted_or_inserted_row_is_detected(audited: Audited) -> None:
    backend = audited.engine.dialect.name
    rng = random.Random(20261207)
    tries = 3 if backend == "sqlite" else 2
    tried: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    missed: list[str] = []
    plan = [("deleted", table) for table in DELETABLE] + [("inserted", table) for table in INSERTABLE]
    for how, table in plan:
        for _ in range(tries):
            with audited.engine.connect() as connection:
                transaction = connection.begin()
                try:
                    bypass_triggers(connection)
                    change = (delete_once if how == "deleted" else insert_once)(connection, rng, table)
                    findings = run_audit(audited, connection) if change is not None else []
                finally:
                    transaction.rollback()
            if change is None:
                refused[f"{table} {how}"] += 1  # every row is referenced: the database refuses
                continue
            tried[f"{table} {how}"] += 1
            if findings:
                caught[f"{table} {how}"] += 1
            else:
                missed.append(change)
    print(f"\nrows deleted or inserted on {backend}, tried/caught:")
    print(", ".join(f"{what} {tried[what]}/{caught[what]}" for what in tried))
    print(f"refused by the database's constraints: {dict(refused)}")
    assert not missed, "undetected:\n" + "\n".join(missed)
    assert len(tried) >= len(plan) * 2 // 3, refused  # most changes were possible, and caught


def test_every_stored_file_changed_deleted_or_slipped_in_is_detected(audited: Audited) -> None:
    backend = audited.engine.dialect.name
    rng = random.Random(20261208)
    tried: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    missed: list[str] = []
    for kind in FILE_KINDS:
        for how in ["byte"] * 10 + ["deleted", "slipped in"]:
            tampering = FileTampering(audited.files, kind, how, rng)
            try:
                with audited.engine.connect() as connection:
                    findings = run_audit(audited, connection)
            finally:
                tampering.undo()
            tried[f"{kind.kind} {how}"] += 1
            if any(f.startswith("[files]") for f in findings):
                caught[f"{kind.kind} {how}"] += 1
            else:
                missed.append(tampering.description)
    print(f"\nstored files on {backend}, tried/caught:")
    print(", ".join(f"{what} {tried[what]}/{caught[what]}" for what in tried))
    assert not missed, "undetected:\n" + "\n".join(missed)
    with audited.engine.connect() as connection:
        assert run_audit(audited, connection) == [], "the files were not restored"


def _same_value_written_back(connection: Connection, target: Target) -> None:
    t = target
    key = ", ".join(t.key)
    column = f"CAST({t.column} AS TEXT)" if t.json else t.column
    row = connection.execute(text(f"SELECT {key}, {column} FROM {t.table} LIMIT 1")).first()
    if row is None:
        return
    *keys, value = row
    match = " AND ".join(f"{k} = :k{n}" for n, k in enumerate(t.key))
    new_value = "CAST(:v AS JSON)" if t.json and connection.dialect.name == "postgresql" else ":v"
    connection.execute(
        text(f"UPDATE {t.table} SET {t.column} = {new_value} WHERE {match}"),
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
    # The row against its entry, and its title key (no longer the key of the title).
    assert len(findings) == 2, findings
    assert f"work W-{work_id} v1" in findings[0]
    assert "title: the entry says '甜蜜蜜', the rows say '甜蜜密'" in findings[0]
    assert findings[1].startswith("[derived]") and f"work {work_id}" in findings[1], findings


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


def _findings_after(audited: Audited, sql: str) -> list[str]:
    with audited.engine.connect() as connection:
        transaction = connection.begin()
        try:
            bypass_triggers(connection)
            connection.execute(text(sql))
            return run_audit(audited, connection)
        finally:
            transaction.rollback()


def test_an_api_account_raised_to_admin_is_named(audited: Audited) -> None:
    findings = _findings_after(audited, "UPDATE api_user SET role = 'admin' WHERE username = 'auditor1'")
    assert len(findings) == 1 and findings[0].startswith("[rows] api_user USER-"), findings
    assert findings[0].endswith("role: the entry says 'auditor', the rows say 'admin'")


def test_a_tariff_rate_changed_in_place_is_named(audited: Audited) -> None:
    with audited.engine.connect() as connection:
        tariff_id, params = connection.execute(
            text("SELECT id, CAST(params AS TEXT) FROM tariff WHERE CAST(params AS TEXT) LIKE '%rate_fen%'")
        ).first()  # type: ignore[misc]
    changed = json.loads(params)
    changed["rate_fen"] = "9999"  # a decimal string, as params are stored
    value = "CAST(:p AS JSON)" if audited.engine.dialect.name == "postgresql" else ":p"
    with audited.engine.connect() as connection:
        transaction = connection.begin()
        try:
            bypass_triggers(connection)
            connection.execute(
                text(f"UPDATE tariff SET params = {value} WHERE id = :i"),
                {"p": json.dumps(changed), "i": tariff_id},
            )
            findings = run_audit(audited, connection)
        finally:
            transaction.rollback()
    assert any(f"tariff T-{tariff_id}" in f and "params.rate_fen: the entry says" in f for f in findings), (
        findings
    )


def test_a_payment_changed_deleted_or_slipped_in_is_named(audited: Audited) -> None:
    changed = _findings_after(audited, "UPDATE payment SET amount_fen = amount_fen - 1 WHERE id = 1")
    assert changed == [f for f in changed if f.startswith("[rows] payment P-1 v1: amount_fen")] != [], changed
    deleted = _findings_after(audited, "DELETE FROM payment WHERE id = 1")
    assert deleted == ["[rows] payment P-1 v1: no business row holds this thing any more"], deleted
    inserted = _findings_after(
        audited,
        "INSERT INTO payment (id, invoice_id, amount_fen, currency, received_on, reference, method)"
        " SELECT 999, invoice_id, 1, currency, received_on, 'FORGED-1', method FROM payment WHERE id = 1",
    )
    assert inserted == ["[rows] payment P-999: a row exists but no entry was ever recorded for it"], inserted
