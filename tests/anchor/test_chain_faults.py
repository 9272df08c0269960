"""Chain faults against a real Anvil (issue 10): the node stops answering (timeouts) or goes
down (connection refused) mid-run, an anchor transaction reverts, one is stuck in the pool, a
reorganisation drops an anchored checkpoint, and a node serves the wrong chain id.

Each test runs the anchoring job in this process over its own SQLite database and its own
contract, on an Anvil of this module (automine and SIGSTOP would disturb other tests), and ends
with the audit: the database and the chain agree, nothing is recorded as anchored that is not.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from web3 import Web3

from anchor.accounts import publisher_account
from anchor.chain import ChainConnection, connect
from anchor.contract import PUBLISHER_ROLE, AnchorContract
from anchor.errors import ChainUnreachable
from anchor.job import AnchoringError, AnchoringJob, JobSettings, decode_transaction
from ledger.note import Signer
from registry.audit.run import ChainView, audit
from registry.db import make_engine, make_session_factory, transaction
from registry.ledger_writer import record_many
from registry.models import AnchorAttempt, AnchorRecord
from registry.services.anchoring.job import anchoring_job, contract_for_chain, ensure_contract
from registry.services.enforcement.evidence import evidence_id
from tests.chains import RunningNode, anvil_binary, free_port, rpc, running_node, stop_group
from tests.databases import migrate

ORIGIN = "faults.example/log"
SECOND = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"  # Anvil's account #1 (unlocked on the node)


@pytest.fixture(scope="module")
def anvil(anvil_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningNode]:
    """This module's own Anvil (`anvil_url` first: the session fixture decides whether Anvil is
    available at all)."""
    with running_node("anvil", tmp_path_factory.mktemp("faults-anvil")) as node:
        yield node


@dataclass
class World:
    url: str
    node: RunningNode
    tmp: Path
    sessions: Any
    conn: ChainConnection
    account: Any
    signer: Signer
    said: list[str] = field(default_factory=list)
    recorded: int = 0

    def job(self, **settings: Any) -> AnchoringJob:
        options = {"poll_interval": 0.05, "retry_backoff": 0.2, **settings}
        return anchoring_job(
            self.sessions,
            self.conn,
            self.account,
            self.signer,
            JobSettings(ORIGIN, **options),
            self.said.append,
        )

    def record(self, count: int = 3) -> None:
        with transaction(self.sessions) as session:
            shas = [
                hashlib.sha256(f"play log {n}".encode()).hexdigest()
                for n in range(self.recorded, self.recorded + count)
            ]
            record_many(
                session,
                [
                    (("evidence", evidence_id(sha), {"sha256": sha, "size": 100, "name": "log.txt"}))
                    for sha in shas
                ],
            )
        self.recorded += count

    def count(self, model: Any) -> int:
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

    def contract(self) -> AnchorContract:
        with self.sessions() as session:
            row = contract_for_chain(session, self.conn.chain_id)
            assert row is not None
            address = row.address
        return AnchorContract(self.conn.w3, address)

    def audit_clean(self) -> list[str]:
        """The audit of database and chain finds nothing; returns its notes."""
        with self.sessions() as session:
            report = audit(
                session,
                verifier=self.signer.verifier(),
                origin=ORIGIN,
                chain=ChainView(self.contract(), self.conn.chain_id),
            )
        assert report.clean, [f.line() for f in report.findings]
        return report.notes


@pytest.fixture
def world(anvil: RunningNode, tmp_path: Path) -> Iterator[World]:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    migrate(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    conn = connect(anvil.url, tmp_path, timeout=2.0)
    account = publisher_account(conn)
    ensure_contract(sessions, conn, account, ORIGIN)
    try:
        yield World(anvil.url, anvil, tmp_path, sessions, conn, account, Signer.generate(ORIGIN))
    finally:
        os.kill(anvil.pid, signal.SIGCONT)  # whatever a test left stopped
        rpc(anvil.url, "evm_setAutomine", [True])
        conn.close()
        engine.dispose()


def in_thread(run: Callable[[], Any]) -> Callable[[float], Any]:
    """Start `run` in a thread; the returned function waits for it and returns or raises."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = run()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()

    def wait(timeout: float) -> Any:
        thread.join(timeout)
        assert not thread.is_alive(), "the job did not finish"
        if "error" in box:
            raise box["error"]
        return box["value"]

    return wait


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return value


# --- the node stops answering ---------------------------------------------------------------------


def test_a_node_that_times_out_is_retried_then_reported_with_nothing_anchored(world: World) -> None:
    world.record()
    job = world.job(retries=2)
    os.kill(world.node.pid, signal.SIGSTOP)  # accepts connections, answers nothing: timeouts
    started = time.monotonic()
    try:
        with pytest.raises(ChainUnreachable) as caught:
            job.run_once()
    finally:
        os.kill(world.node.pid, signal.SIGCONT)
    elapsed = time.monotonic() - started
    message = str(caught.value)
    assert "stopped answering (ReadTimeout)" in message and "after 3 tries" in message, message
    assert "nothing more was recorded as anchored" in message
    assert [line for line in world.said if "try" in line] == [
        "chain node not answering (ReadTimeout); try 2 of 3 in 0.2 s",
        "chain node not answering (ReadTimeout); try 3 of 3 in 0.4 s",
    ]
    assert 3 * 2.0 <= elapsed < 30, elapsed  # three timeouts of 2 s, with backoff between them
    assert world.count(AnchorRecord) == 0 and world.contract().checkpoint_count() == 0

    result = job.run_once()  # the node is back: the same job carries on
    assert result.status == "anchored" and result.anchored is not None
    assert result.anchored.tree_size == world.recorded
    world.audit_clean()


def test_a_node_back_during_the_backoff_lets_the_run_finish(world: World) -> None:
    world.record()
    job = world.job(retries=5, retry_backoff=0.5)
    os.kill(world.node.pid, signal.SIGSTOP)
    wait = in_thread(job.run_once)
    time.sleep(2.5)  # the first try has timed out
    os.kill(world.node.pid, signal.SIGCONT)
    result = wait(60)
    assert result.status == "anchored" and result.anchored.tree_size == world.recorded
    assert any("try 2 of 6" in line for line in world.said), world.said
    world.audit_clean()


class Proxy:
    """A TCP relay in front of the node that can go down (connection refused) and come back on
    the same port, as a node behind a load balancer does when it restarts."""

    def __init__(self, target_port: int) -> None:
        self.port, self.target = free_port(), target_port
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def up(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self) -> None:
        """Refuse new connections and cut the open ones (kept alive by the HTTP client)."""
        if self.listener is not None:
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close alone does not
            self.listener.close()
            self.listener = None
        for s in self.open:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)


def test_a_node_that_goes_down_is_retried_and_its_return_resumes_the_run(world: World) -> None:
    proxy = Proxy(int(world.url.rsplit(":", 1)[1]))
    proxy.up()
    conn = connect(proxy.url, world.tmp, timeout=2.0)
    job = anchoring_job(
        world.sessions,
        conn,
        world.account,
        world.signer,
        JobSettings(ORIGIN, poll_interval=0.05, retries=2, retry_backoff=0.2),
        world.said.append,
    )
    world.record()
    proxy.down()
    with pytest.raises(ChainUnreachable, match=r"stopped answering \(ConnectionError\)"):
        job.run_once()
    assert world.count(AnchorRecord) == 0 and world.count(AnchorAttempt) == 0
    proxy.up()
    result = job.run_once()
    assert result.status == "anchored" and result.anchored.tree_size == world.recorded
    proxy.down()
    world.audit_clean()


# --- a reverted transaction ---------------------------------------------------------------------------


def test_a_reverted_anchor_is_reported_and_the_next_run_anchors_again(world: World) -> None:
    """A second admin revokes the publisher's role in the very block that mines its anchor (the
    revocation pays a higher tip, so it comes first): the anchor reverts on chain."""
    contract = world.contract().contract
    w3 = world.conn.w3
    publisher = world.account.address
    admin_role = contract.functions.DEFAULT_ADMIN_ROLE().call()
    mined = w3.eth.wait_for_transaction_receipt(
        contract.functions.grantRole(admin_role, SECOND).transact({"from": publisher})
    )
    assert mined["status"] == 1
    world.record()
    job = world.job(stuck_after=600)
    rpc(world.url, "evm_setAutomine", [False])
    wait = in_thread(job.run_once)
    wait_for(lambda: world.count(AnchorAttempt) == 1, "the anchor transaction")
    pending = lambda: rpc(world.url, "txpool_content")["pending"]  # noqa: E731
    wait_for(lambda: any(k.lower() == publisher.lower() for k in pending()), "the anchor in the pool")
    contract.functions.revokeRole(PUBLISHER_ROLE, publisher).transact(
        {
            "from": SECOND,
            "maxPriorityFeePerGas": Web3.to_wei(50, "gwei"),
            "maxFeePerGas": Web3.to_wei(100, "gwei"),
        }
    )
    rpc(world.url, "evm_mine")
    with pytest.raises(AnchoringError) as caught:
        wait(60)
    message = str(caught.value)
    assert "reverted in block" in message and "AccessControlUnauthorizedAccount" in message, message
    assert "nothing was recorded as anchored" in message
    assert world.count(AnchorRecord) == 0 and world.contract().checkpoint_count() == 0

    rpc(world.url, "evm_setAutomine", [True])
    contract.functions.grantRole(PUBLISHER_ROLE, publisher).transact({"from": SECOND})
    result = job.run_once()
    assert result.status == "anchored" and result.anchored.tree_size == world.recorded
    assert world.count(AnchorAttempt) == 2  # the reverted one, and the new one
    world.audit_clean()


# --- a transaction stuck in the pool ------------------------------------------------------------------


def test_a_stuck_transaction_is_replaced_with_the_same_nonce_and_higher_fees(world: World) -> None:
    world.record()
    job = world.job(stuck_after=1.0, max_fee_bumps=1)
    publisher = world.account.address
    nonce = world.conn.w3.eth.get_transaction_count(publisher)
    rpc(world.url, "evm_setAutomine", [False])
    wait = in_thread(job.run_once)
    wait_for(lambda: world.count(AnchorAttempt) == 2, "the replacement transaction", timeout=30)
    with world.sessions() as session:
        first, second = session.scalars(select(AnchorAttempt).order_by(AnchorAttempt.id)).all()
        session.expunge_all()
    assert first.nonce == second.nonce == nonce and first.tx_hash != second.tx_hash
    replaced = wait_for(
        lambda: rpc(world.url, "eth_getTransactionByHash", [second.tx_hash]), "it in the pool"
    )
    assert rpc(world.url, "eth_getTransactionByHash", [first.tx_hash]) is None, "the original is still pooled"
    assert int(replaced["maxPriorityFeePerGas"], 16) > int(_fees(first.raw_tx)["maxPriorityFeePerGas"])
    assert int(replaced["maxFeePerGas"], 16) > int(_fees(first.raw_tx)["maxFeePerGas"])
    rpc(world.url, "evm_mine")
    result = wait(60)
    assert result.status == "anchored" and result.anchored.tx_hash == second.tx_hash
    assert world.conn.w3.eth.get_transaction_count(publisher) == nonce + 1, "one transaction mined"
    assert any("replaced by" in line for line in world.said), world.said
    rpc(world.url, "evm_setAutomine", [True])
    world.audit_clean()


# --- a reorganisation drops an anchored checkpoint ------------------------------------------------


@pytest.mark.parametrize("how", ["evm_revert", "anvil_reorg"])
def test_a_checkpoint_dropped_by_a_reorganisation_is_anchored_again(world: World, how: str) -> None:
    job = world.job()
    world.record()
    first = job.run_once().anchored
    snapshot = rpc(world.url, "evm_snapshot")
    world.record()
    second = job.run_once().anchored
    assert first is not None and second is not None and second.checkpoint_index == 1
    if how == "evm_revert":
        assert rpc(world.url, "evm_revert", [snapshot]) is True
    else:
        head = int(rpc(world.url, "eth_blockNumber"), 16)
        rpc(world.url, "anvil_reorg", [head - first.block_number, []])
    assert world.contract().checkpoint_count() == 1, "the reorganisation kept checkpoint 1"
    assert world.count(AnchorRecord) == 2  # the database recorded it: it must notice

    world.record()
    result = job.run_once()
    assert [a.checkpoint_index for a in result.recovered] == [1]
    assert result.recovered[0].tx_hash == second.tx_hash, "not the same signed transaction"
    assert result.anchored is not None and result.anchored.checkpoint_index == 2
    assert any("dropped by a chain reorganisation" in line for line in world.said), world.said
    contract = world.contract()
    assert [contract.checkpoint(i).tree_size for i in range(contract.checkpoint_count())] == [3, 6, 9]
    world.audit_clean()


# --- a node on the wrong chain id ---------------------------------------------------------------------


def test_a_node_of_another_chain_id_is_refused_with_both_ids_named(world: World) -> None:
    world.record()
    assert world.job().run_once().status == "anchored"
    port = free_port()
    log = (world.tmp / "anvil-1337.log").open("wb")
    process = subprocess.Popen(
        [str(anvil_binary()), "--port", str(port), "--host", "127.0.0.1", "--chain-id", "1337"],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: _answers(url), "anvil --chain-id 1337")
        other = connect(url, world.tmp, timeout=2.0)
        world.record()
        with pytest.raises(AnchoringError) as caught:
            anchoring_job(world.sessions, other, publisher_account(other), world.signer, JobSettings(ORIGIN))
        message = str(caught.value)
        assert "no anchor contract for chain id 1337" in message and "anchors on chain id 31337" in message
        assert "Wrong node?" in message and "Nothing was sent" in message
        assert int(rpc(url, "eth_blockNumber"), 16) == 0, "something was sent to the wrong chain"
        other.close()
    finally:
        stop_group(process)
        log.close()
    assert world.count(AnchorRecord) == 1
    world.audit_clean()


def _answers(url: str) -> bool:
    try:
        return int(rpc(url, "eth_chainId", timeout=1.0), 16) == 1337
    except Exception:
        return False


def _fees(raw_tx: str) -> dict[str, Any]:
    return decode_transaction(raw_tx)
