"""The database itself refuses to change or remove anything the ledger has recorded."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ledger.store import tree_root
from registry.checkpoints import save_checkpoint
from registry.ledger_writer import integrate_pending, record_many
from registry.log_store import SqlLogStore
from registry.models import (
    APPEND_ONLY_TABLES,
    AnchorAttempt,
    AnchorContractRow,
    AnchorRecord,
    CarryForward,
    DistributionLine,
    DistributionLinesFile,
    DistributionRun,
    Party,
)

# One harmless-looking change per table: even rewriting a value with itself is refused.
UPDATES = {
    "ledger_entry": "UPDATE ledger_entry SET private = private",
    "log_leaf": "UPDATE log_leaf SET leaf_index = leaf_index",
    "log_node": "UPDATE log_node SET hash = hash",
    "checkpoint": "UPDATE checkpoint SET note = 'edited'",
    "anchor_contract": "UPDATE anchor_contract SET address = address",
    "anchor_attempt": "UPDATE anchor_attempt SET raw_tx = 'x'",
    "anchor_record": "UPDATE anchor_record SET gas_used = 0",
    "distribution_run": "UPDATE distribution_run SET pool = pool",
    "distribution_line": "UPDATE distribution_line SET amount = amount",
    "carry_forward": "UPDATE carry_forward SET carried_forward = 0",
    "distribution_lines_file": "UPDATE distribution_lines_file SET line_count = line_count",
}


@pytest.fixture
def filled(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """A database with a row in every append-only table."""
    with session_factory.begin() as session:
        record_many(session, [("work", f"W{n}", {"n": n}) for n in range(4)])
        integrate_pending(session)
        root = tree_root(SqlLogStore(session), 4)
        note_hash = hashlib.sha256(b"note").digest()
        save_checkpoint(session, 4, root, "note", note_hash)
        address = "0x" + "11" * 20
        session.add(AnchorContractRow(chain_id=1337, address=address, origin="o", deploy_block=1))
        session.add(
            AnchorAttempt(chain_id=1337, contract=address, tree_size=4, tx_hash="0x01", nonce=0, raw_tx="0x")
        )
        session.add(
            AnchorRecord(
                chain_id=1337,
                contract=address,
                checkpoint_index=0,
                tree_size=4,
                root=root,
                note_hash=note_hash,
                tx_hash="0x01",
                block_number=2,
                gas_used=1,
                gas_price_wei="1",
                cost_wei="1",
            )
        )
        party = Party(kind="person", name="Holder", name_key="holder", status="member")
        run = DistributionRun(
            period="2026-03",
            source="karaoke",
            sequence=0,
            kind="regular",
            status="final",
            currency="CNY",
            pool=10,
            deduction=1,
            reserve=1,
            allocated=8,
            brought_forward=0,
            carried_forward=8,
            paid=0,
            line_count=1,
            member_count=1,
            lines_root="00" * 32,
            summary_entry_id="DIST-2026-03-karaoke",
            summary={},
        )
        session.add_all([party, run])
        session.flush()
        session.add(
            DistributionLine(
                run_id=run.id,
                party_id=party.id,
                subject="work",
                subject_id=1,
                right_type="performing",
                weight=1,
                share=10000,
                amount=8,
            )
        )
        session.add(DistributionLinesFile(run_id=run.id, line_count=1, sha256="00" * 32, content=b"x"))
        session.add(
            CarryForward(
                run_id=run.id, party_id=party.id, source="karaoke", brought_forward=0, carried_forward=8
            )
        )
    return session_factory


def test_every_ledger_table_is_covered() -> None:
    assert set(UPDATES) == set(APPEND_ONLY_TABLES)


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_update_is_refused(filled: sessionmaker[Session], table: str) -> None:
    with filled() as session, pytest.raises(DBAPIError, match=f"{table} is append-only"):
        session.execute(text(UPDATES[table]))


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_delete_is_refused(filled: sessionmaker[Session], table: str) -> None:
    with filled() as session, pytest.raises(DBAPIError, match=f"{table} is append-only"):
        session.execute(text(f"DELETE FROM {table}"))


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_truncate_is_refused_on_postgresql(filled: sessionmaker[Session], table: str) -> None:
    with filled() as session, pytest.raises(DBAPIError, match=f"{table} is append-only"):
        session.execute(text(f"TRUNCATE {table} CASCADE"))


def test_rows_survive_the_attempts(filled: sessionmaker[Session]) -> None:
    for table in APPEND_ONLY_TABLES:
        with filled() as session:
            with pytest.raises(DBAPIError):
                session.execute(text(f"DELETE FROM {table}"))
            session.rollback()
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() > 0
