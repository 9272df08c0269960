"""The anchoring job in-process: rounds, recovery of a transaction sent but not recorded or
recorded but not sent, and refusal to mix a database with another log's contract."""

from __future__ import annotations

import pytest

from anchor.accounts import publisher_account
from anchor.chain import connect
from anchor.job import AnchoringError, JobSettings
from ledger import merkle
from ledger.note import Signer
from registry.db import make_engine, make_session_factory, transaction
from registry.ledger_writer import record_many
from registry.services.anchoring.job import SqlCheckpointBook, anchoring_job, ensure_contract
from tests.databases import migrate

ORIGIN = "cmo.example/log"


@pytest.fixture
def world(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    migrate(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    conn = connect(None, tmp_path)
    account = publisher_account(conn)
    signer = Signer.generate(ORIGIN)
    ensure_contract(sessions, conn, account, ORIGIN)
    job = anchoring_job(sessions, conn, account, signer, JobSettings(ORIGIN, poll_interval=0.01))
    yield sessions, conn, account, signer, job
    conn.close()
    engine.dispose()


def _record(sessions, start: int, count: int) -> None:
    with transaction(sessions) as session:
        record_many(
            session,
            [("evidence", f"EV-{n:06d}", {"sha256": f"{n:064x}"}) for n in range(start, start + count)],
        )


def test_rounds_anchor_each_new_tree_once(world) -> None:
    sessions, _, _, _, job = world
    assert job.run_once().status == "up to date"  # empty log: nothing to anchor
    _record(sessions, 0, 5)
    first = job.run_once()
    assert (
        first.status == "anchored" and first.anchored.tree_size == 5 and first.anchored.checkpoint_index == 0
    )
    assert job.run_once().status == "up to date"
    _record(sessions, 5, 8)
    second = job.run_once()
    assert (second.anchored.tree_size, second.anchored.checkpoint_index) == (13, 1)
    assert (
        second.anchored.gas_used > 21_000
        and second.anchored.cost_wei == second.anchored.gas_used * second.anchored.gas_price_wei
    )
    book = SqlCheckpointBook(sessions)
    on_chain = job.contract.checkpoint(1)
    assert (on_chain.tree_size, on_chain.root, on_chain.note_hash) == (
        13,
        book.signed(13).checkpoint.root,
        book.signed(13).note_hash,
    )
    assert [a.tree_size for a in book.anchored(job.chain_id, job.contract.address)] == [5, 13]


def test_a_transaction_sent_but_never_recorded_is_recovered_from_the_chain(world) -> None:
    sessions, conn, _, signer, job = world
    _record(sessions, 0, 3)
    book = SqlCheckpointBook(sessions)
    size = book.integrate_pending()
    signed = book.sign(ORIGIN, signer, size)
    attempt = job._signed_attempt(size, signed.checkpoint.root, [], signed.note_hash)
    book.record_attempt(attempt)
    conn.w3.eth.send_raw_transaction(attempt.raw_tx)  # ...and the process dies here
    result = job.run_once()
    assert [a.tree_size for a in result.recovered] == [3]
    assert result.status == "up to date"
    assert job.contract.checkpoint_count() == 1


def test_a_transaction_recorded_but_never_sent_is_broadcast_again(world) -> None:
    sessions, _, _, signer, job = world
    _record(sessions, 0, 4)
    book = SqlCheckpointBook(sessions)
    size = book.integrate_pending()
    signed = book.sign(ORIGIN, signer, size)
    book.record_attempt(job._signed_attempt(size, signed.checkpoint.root, [], signed.note_hash))
    _record(sessions, 4, 2)  # arrives after the crash: goes into the next checkpoint
    result = job.run_once()
    assert [a.tree_size for a in result.recovered] == [4]
    assert result.anchored.tree_size == 6 and result.anchored.checkpoint_index == 1


def test_a_contract_of_another_log_is_refused(world, tmp_path) -> None:
    sessions, _, account, _, job = world
    _record(sessions, 0, 2)
    job.run_once()
    other_url = f"sqlite:///{tmp_path / 'other.sqlite'}"
    migrate(other_url)
    other_sessions = make_session_factory(make_engine(other_url))
    with transaction(other_sessions) as session:
        record_many(session, [("evidence", "EV-x", {"n": 1}), ("evidence", "EV-y", {"n": 2})])
    from anchor.job import AnchoringJob

    stranger = AnchoringJob(
        SqlCheckpointBook(other_sessions), job.contract, account, Signer.generate(ORIGIN), job.settings
    )
    with pytest.raises(AnchoringError, match="was not signed by this log"):
        stranger.run_once()
    assert job.contract.checkpoint_count() == 1


def test_the_anchored_root_is_the_log_root(world) -> None:
    sessions, _, _, _, job = world
    _record(sessions, 0, 9)
    anchored = job.run_once().anchored
    from registry.log_store import SqlLogStore

    with sessions() as session:
        leaves = SqlLogStore(session).leaf_hashes(0, 9)
    assert anchored.root == merkle.root(leaves)
