"""Fault injection: the anchoring job is SIGKILLed (RIGHTS_CRASH_AT, anchor/faults.py) at each of
its steps, in a real `rightsledger anchor` subprocess on the embedded chain; a plain rerun must
recover with no entry lost and no tree size anchored twice (DESIGN.md, data flow step 2).

After recovery each test checks the whole state: every recorded entry is in the log and proven by
an anchored checkpoint (its proof exports and `rightsledger verify --chain embedded` passes), the
contract's checkpoints grow strictly, one per anchor record and one transaction each, and the
database and the chain agree on every root and note hash.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from anchor.accounts import publisher_account
from anchor.chain import connect
from anchor.contract import AnchorContract
from anchor.faults import ANCHORING, CrashPoint
from registry.ledger_writer import record
from registry.models import (
    AnchorAttempt,
    AnchorContractRow,
    AnchorRecord,
    Checkpoint,
    entry_table,
    leaf_table,
)
from rightsledger.cli import app
from rightsledger.context import sessions, unit_of_work
from rightsledger.settings import load_settings
from tests.chains import rpc, running_node
from tests.conftest import application_env

CRASH_POINTS = ANCHORING
# Points at which the anchor transaction was already signed and recorded: the rerun must find it
# (re-broadcast or on chain) and anchor exactly that tree size, before any later entries.
SENT_OR_SIGNED_TX = {CrashPoint.AFTER_ATTEMPT, CrashPoint.AFTER_SEND, CrashPoint.AFTER_RECEIPT}
SUBPROCESS_TIMEOUT = 120

runner = CliRunner()


@dataclass
class Ledger:
    """A data directory under test: commands run in this process (fast) or as subprocesses."""

    root: Path
    data_dir: Path
    chain_url: str | None = None  # None: the embedded chain
    database_url: str | None = None  # None: SQLite in the data directory
    base_nonce: int = 0  # the publisher's transactions before the first anchor
    files: int = 0

    # --- commands ---------------------------------------------------------------------------------
    def invoke(self, *args: str) -> Any:
        """`rightsledger ARGS` in this process (environment from monkeypatch)."""
        return runner.invoke(app, list(args))

    def env(self, **extra: str) -> dict[str, str]:
        env = application_env()
        env["RIGHTS_DATA_DIR"] = str(self.data_dir)
        if self.chain_url is not None:
            env["RIGHTS_CHAIN_URL"] = self.chain_url
        if self.database_url is not None:
            env["RIGHTS_DATABASE_URL"] = self.database_url
        return env | extra

    def run(self, *args: str, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
        """`rightsledger ARGS` as a separate process, optionally killed at `crash_at`."""
        extra = {} if crash_at is None else {"RIGHTS_CRASH_AT": crash_at}
        return subprocess.run(
            [sys.executable, "-m", "rightsledger.cli", *args],
            cwd=self.root,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_TIMEOUT,
            check=False,
        )

    def start(self, *args: str, **extra: str) -> subprocess.Popen[str]:
        """`rightsledger ARGS` started in the background."""
        return subprocess.Popen(
            [sys.executable, "-m", "rightsledger.cli", *args],
            cwd=self.root,
            env=self.env(**extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def crash(self, point: str) -> None:
        done = self.run("anchor", "--json", crash_at=point)
        assert done.returncode == -signal.SIGKILL, (
            f"`rightsledger anchor` with RIGHTS_CRASH_AT={point} exited {done.returncode}, expected to be "
            f"killed\nstdout: {done.stdout}\nstderr: {done.stderr}"
        )
        assert done.stdout == "", "a killed run printed a result"

    def recover(self, max_runs: int = 3) -> list[dict[str, Any]]:
        """Rerun `rightsledger anchor --json` with no crash until it is up to date: first as a fresh
        process (as an operator would after the crash), then in this process (faster)."""
        done = self.run("anchor", "--json")
        assert done.returncode == 0, f"recovery run failed\nstdout: {done.stdout}\nstderr: {done.stderr}"
        results: list[dict[str, Any]] = [json.loads(done.stdout)]
        while results[-1]["status"] != "up to date":
            if len(results) == max_runs:
                raise AssertionError(f"not up to date after {max_runs} runs: {results}")
            result = self.invoke("anchor", "--json")
            assert result.exit_code == 0, result.output
            results.append(json.loads(result.stdout))
        return results

    # --- recording ----------------------------------------------------------------------------------
    def add_evidence(self, case: str) -> str:
        self.files += 1
        path = self.root / f"evidence-{self.files}.txt"
        path.write_text(f"play log {self.files} for {case}\n")
        result = self.invoke("evidence", "add", str(path), "--case", case)
        assert result.exit_code == 0, result.output
        entry_id = str(result.stdout).strip()
        assert entry_id.startswith("EV-"), result.stdout
        return entry_id

    def add_batch(self, tag: str) -> int:
        """Two evidence entries and, in one transaction, a new version of work W-1 and a member
        (private). Returns how many entries were recorded (4)."""
        self.add_evidence(f"CASE-{tag}-a")
        self.add_evidence(f"CASE-{tag}-b")
        with unit_of_work(load_settings()) as session:
            record(session, "work", "W-1", {"title": f"甜蜜蜜 ({tag})", "iswc": "T-070.027.416-3"})
            record(session, "member", f"M-{tag}", {"name": f"member {tag}", "ipi_name": "00014107338"})
        return 4

    # --- reads ------------------------------------------------------------------------------------------
    def scalar(self, query: Any) -> Any:
        with sessions(load_settings())() as session:
            return session.execute(query).scalar_one()

    def entries(self) -> list[tuple[str, str, int, int | None]]:
        """(kind, id, version, leaf index) of every recorded entry, in recording order."""
        query = (
            select(entry_table.c.kind, entry_table.c.entry_id, entry_table.c.version, leaf_table.c.leaf_index)
            .outerjoin(leaf_table, leaf_table.c.entry_seq == entry_table.c.seq)
            .order_by(entry_table.c.seq)
        )
        with sessions(load_settings())() as session:
            return [tuple(row) for row in session.execute(query).all()]

    def attempts(self) -> list[AnchorAttempt]:
        with sessions(load_settings())() as session:
            rows = list(session.scalars(select(AnchorAttempt).order_by(AnchorAttempt.id)))
            session.expunge_all()
            return rows

    def records(self) -> list[AnchorRecord]:
        with sessions(load_settings())() as session:
            rows = list(session.scalars(select(AnchorRecord).order_by(AnchorRecord.checkpoint_index)))
            session.expunge_all()
            return rows


def make_ledger(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chain_url: str | None = None,
    database_url: str | None = None,
) -> Ledger:
    """A fresh data directory, initialised (contract deployed) on the embedded chain or a node."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(data_dir))
    if chain_url is not None:
        monkeypatch.setenv("RIGHTS_CHAIN_URL", chain_url)
    if database_url is not None:
        monkeypatch.setenv("RIGHTS_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert "deployed" in result.stdout, result.stdout
    with connect(chain_url, data_dir, read_only=True) as conn:
        nonce = conn.w3.eth.get_transaction_count(publisher_account(conn).address)
    return Ledger(tmp_path, data_dir, chain_url, database_url, nonce)


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """A fresh data directory on the embedded chain, initialised (contract deployed)."""
    led = make_ledger(tmp_path, monkeypatch)
    assert led.base_nonce == 1  # the deployment
    return led


# --- the whole-state check ----------------------------------------------------------------------


def assert_recovered(ledger: Ledger) -> None:
    """No loss, no duplicate, database and chain agree, every entry proven on chain."""
    entries = ledger.entries()
    leaves = sorted(leaf for *_, leaf in entries if leaf is not None)
    # Every recorded entry is in the log, once: leaves 0..n-1 hold exactly the recorded entries.
    assert [e for e in entries if e[3] is None] == [], "entries recorded but never appended to the log"
    assert leaves == list(range(len(entries)))
    assert [leaf for *_, leaf in entries] == leaves, "the log is not in recording order"

    records = ledger.records()
    assert records, "nothing anchored"
    indices = [r.checkpoint_index for r in records]
    sizes = [r.tree_size for r in records]
    assert indices == list(range(len(records))), f"checkpoint indices {indices}"
    assert sizes == sorted(set(sizes)), f"anchored tree sizes not strictly increasing: {sizes}"
    assert sizes[-1] == len(entries), "the latest anchored checkpoint does not cover every entry"

    with sessions(load_settings())() as session:
        contracts = list(session.scalars(select(AnchorContractRow)))
        checkpoints = {cp.tree_size: cp for cp in session.scalars(select(Checkpoint))}
        session.expunge_all()
    assert len(contracts) == 1
    address = contracts[0].address

    with connect(ledger.chain_url, ledger.data_dir, read_only=True) as conn:
        chain_id = conn.chain_id
        contract = AnchorContract(conn.w3, address)
        count = contract.checkpoint_count()
        assert count == len(records), f"{count} checkpoints on chain, {len(records)} anchor records"
        on_chain = [contract.checkpoint(i) for i in range(count)]
        chain_sizes = [c.tree_size for c in on_chain]
        assert chain_sizes == sorted(set(chain_sizes)), f"on-chain sizes {chain_sizes}"
        for record_row, checkpoint in zip(records, on_chain, strict=True):
            signed = checkpoints[record_row.tree_size]
            assert checkpoint.tree_size == record_row.tree_size
            assert checkpoint.root == bytes(record_row.root) == bytes(signed.root)
            assert checkpoint.note_hash == bytes(record_row.note_hash) == bytes(signed.note_hash)
        events = contract.anchored_events(from_block=contracts[0].deploy_block)
        assert [e.index for e in events] == list(range(count)), "one CheckpointAnchored event per checkpoint"
        assert {e.tx_hash for e in events} == {r.tx_hash for r in records}
        # One transaction per checkpoint: no duplicate (reverted) anchor was ever sent.
        publisher = publisher_account(conn).address
        assert conn.w3.eth.get_transaction_count(publisher) == ledger.base_nonce + count

    # `rightsledger checkpoints --json` tells the same story.
    result = ledger.invoke("checkpoints", "--json")
    assert result.exit_code == 0, result.output
    listed = [item for item in json.loads(result.stdout) if item["checkpoint_index"] is not None]
    assert [(i["checkpoint_index"], i["tree_size"]) for i in listed] == list(zip(indices, sizes, strict=True))
    for item, checkpoint in zip(listed, on_chain, strict=True):
        assert (item["root"], item["note_hash"]) == (checkpoint.root.hex(), checkpoint.note_hash.hex())
        assert item["contract"] == address and item["chain_id"] == chain_id

    # Each entry (every version) is provable, and its proof verifies on the chain.
    for n, (kind, entry_id, version, _) in enumerate(entries):
        out = ledger.root / f"proof-{n}.rlproof"
        result = ledger.invoke("proof", entry_id, "--kind", kind, "--version", str(version), "-o", str(out))
        assert result.exit_code == 0, result.output
        assert "NOT anchored" not in result.output
        result = ledger.invoke("verify", str(out), "--chain", ledger.chain_url or "embedded", "--json")
        report = json.loads(result.stdout)
        assert result.exit_code == 0 and report["valid"], f"{kind} {entry_id} v{version}: {report}"
        assert [s["step"] for s in report["steps"]][-3:] == [
            "on-chain checkpoint",
            "contract verifyInclusion",
            "anchor transaction",
        ]

    # And a run now has nothing to do.
    result = ledger.invoke("anchor", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "status": "up to date",
        "tree_size": len(entries),
        "anchored": None,
        "recovered": [],
    }


def anchored_sizes(results: list[dict[str, Any]]) -> list[int]:
    return [r["anchored"]["tree_size"] for r in results if r["anchored"]]


def recovered_sizes(results: list[dict[str, Any]]) -> list[int]:
    return [a["tree_size"] for r in results for a in r["recovered"]]


# --- one crash ----------------------------------------------------------------------------------


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_crash_then_rerun_loses_nothing_and_anchors_nothing_twice(ledger: Ledger, point: str) -> None:
    before = ledger.add_batch("before")
    ledger.crash(point)
    after = ledger.add_batch("after")  # arrives while the job is down
    results = ledger.recover()
    assert_recovered(ledger)

    sizes = [r.tree_size for r in ledger.records()]
    if point in SENT_OR_SIGNED_TX:
        # The transaction signed before the crash is the first checkpoint; the later entries
        # go into the next one.
        assert recovered_sizes(results) == [before]
        assert sizes == [before, before + after]
    elif point == CrashPoint.AFTER_RECORD:
        assert recovered_sizes(results) == []
        assert sizes == [before, before + after]
    else:  # nothing was sent: everything goes into one checkpoint
        assert recovered_sizes(results) == []
        assert sizes == [before + after]
    # The recovery itself anchors one checkpoint: everything recorded so far.
    assert anchored_sizes(results) == [before + after]


@pytest.mark.parametrize(
    "point",
    [CrashPoint.AFTER_SIGN, CrashPoint.AFTER_ATTEMPT, CrashPoint.AFTER_SEND, CrashPoint.AFTER_RECEIPT],
)
def test_crash_then_rerun_with_no_new_entries(ledger: Ledger, point: str) -> None:
    """The rerun finishes the interrupted checkpoint itself (reusing its signed note), nothing more."""
    size = ledger.add_batch("only")
    with sessions(load_settings())() as session:
        assert session.scalar(select(func.count()).select_from(AnchorAttempt)) == 0
    ledger.crash(point)
    with sessions(load_settings())() as session:
        notes = list(session.scalars(select(Checkpoint.note)))
    assert len(notes) == 1, "the crashed run signed its checkpoint"
    results = ledger.recover()
    assert_recovered(ledger)
    assert [r.tree_size for r in ledger.records()] == [size]
    with sessions(load_settings())() as session:
        assert list(session.scalars(select(Checkpoint.note))) == notes, "the checkpoint was signed again"
        attempts = session.scalar(select(func.count()).select_from(AnchorAttempt))
    if point == CrashPoint.AFTER_SIGN:
        assert anchored_sizes(results) == [size] and recovered_sizes(results) == []
        assert attempts == 1
    else:
        # The signed transaction is re-broadcast (after_attempt) or found on chain: never re-signed.
        assert anchored_sizes(results) == [] and recovered_sizes(results) == [size]
        assert results[0]["status"] == "up to date"
        assert attempts == 1


# --- two crashes in a row -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [(CrashPoint.AFTER_ATTEMPT, CrashPoint.AFTER_SEND), (CrashPoint.AFTER_SIGN, CrashPoint.AFTER_RECEIPT)],
)
def test_two_crashes_in_a_row_then_recovery(ledger: Ledger, first: str, second: str) -> None:
    n1 = ledger.add_batch("one")
    ledger.crash(first)
    n2 = ledger.add_batch("two")
    ledger.crash(second)  # this run first settles what the first crash left, then crashes again
    n3 = ledger.add_batch("three")
    results = ledger.recover()
    assert_recovered(ledger)

    sizes = [r.tree_size for r in ledger.records()]
    expected = []
    if first in SENT_OR_SIGNED_TX:
        expected.append(n1)
    if second in SENT_OR_SIGNED_TX:
        expected.append(n1 + n2)
    expected.append(n1 + n2 + n3)
    assert sizes == expected
    # Whatever the second run had sent is recovered from the chain by the last run.
    if second in SENT_OR_SIGNED_TX:
        assert recovered_sizes(results) == [n1 + n2]
    assert anchored_sizes(results) == [n1 + n2 + n3]


def test_three_crashes_in_a_row_on_each_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    """The same recovery whether the registry lives in SQLite or PostgreSQL (tests/conftest.py
    gives a throwaway database of each)."""
    ledger = make_ledger(tmp_path, monkeypatch, database_url=db_url)
    sizes = [ledger.add_batch("one")]
    ledger.crash(CrashPoint.AFTER_INTEGRATE)
    sizes.append(sizes[-1] + ledger.add_batch("two"))
    ledger.crash(CrashPoint.AFTER_ATTEMPT)  # anchors nothing: integrates batch two, signs, records, dies
    sizes.append(sizes[-1] + ledger.add_batch("three"))
    ledger.crash(CrashPoint.AFTER_SEND)  # re-broadcasts the attempt, then anchors batch three and dies
    results = ledger.recover()
    assert_recovered(ledger)
    assert [r.tree_size for r in ledger.records()] == sizes[1:]
    assert recovered_sizes(results) == [sizes[2]] and anchored_sizes(results) == []


# --- on a real node: a transaction still pending at the crash, and confirmations ---------------


@pytest.fixture(scope="module")
def private_anvil(anvil_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Anvil of this module's own (`anvil_url` first: the session fixture decides whether Anvil
    is available at all), so switching its mining off cannot disturb other tests."""
    with running_node("anvil", tmp_path_factory.mktemp("private-anvil")) as node:
        yield node.url


@pytest.fixture
def node_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_anvil: str) -> Iterator[Ledger]:
    led = make_ledger(tmp_path, monkeypatch, private_anvil)
    try:
        yield led
    finally:
        rpc(private_anvil, "evm_setAutomine", [True])


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
    return value


def finish(process: subprocess.Popen[str], timeout: float = 60.0) -> dict[str, Any]:
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        raise AssertionError(
            f"`rightsledger anchor` did not finish\nstdout: {stdout}\nstderr: {stderr}"
        ) from None
    assert process.returncode == 0, f"exit {process.returncode}\nstdout: {stdout}\nstderr: {stderr}"
    result: dict[str, Any] = json.loads(stdout)
    return result


@pytest.mark.parametrize("point", [CrashPoint.AFTER_ATTEMPT, CrashPoint.AFTER_SEND])
def test_crash_with_the_transaction_unmined_on_a_node(node_ledger: Ledger, point: str) -> None:
    """Mining is off: at the crash the signed transaction is unsent (after_attempt) or waits in the
    node's pool (after_send). The rerun must send it (once) or wait for it, never sign another."""
    ledger, url = node_ledger, node_ledger.chain_url
    assert url is not None
    size = ledger.add_batch("pending")
    rpc(url, "evm_setAutomine", [False])
    ledger.crash(point)
    [attempt] = ledger.attempts()
    pooled = rpc(url, "eth_getTransactionByHash", [attempt.tx_hash])
    if point == CrashPoint.AFTER_SEND:
        assert pooled is not None and pooled["blockNumber"] is None, pooled
    else:
        assert pooled is None, "sent before the crash point after_attempt"

    rerun = ledger.start("anchor", "--json")
    try:
        wait_for(
            lambda: rpc(url, "eth_getTransactionByHash", [attempt.tx_hash]),
            "the recorded transaction in the pool",
        )
        time.sleep(0.5)
        assert rerun.poll() is None, "the rerun finished although its transaction is not mined"
        # Exactly one transaction of the publisher is pending: the recorded one, not a new one.
        publisher = (
            pooled["from"] if pooled else rpc(url, "eth_getTransactionByHash", [attempt.tx_hash])["from"]
        )
        pending = int(rpc(url, "eth_getTransactionCount", [publisher, "pending"]), 16)
        latest = int(rpc(url, "eth_getTransactionCount", [publisher, "latest"]), 16)
        assert pending - latest == 1
        rpc(url, "evm_mine")
        result = finish(rerun)
    finally:
        if rerun.poll() is None:
            rerun.kill()
            rerun.wait()
    assert result["status"] == "up to date" and result["anchored"] is None
    assert [a["tree_size"] for a in result["recovered"]] == [size]
    assert result["recovered"][0]["tx_hash"] == attempt.tx_hash
    rpc(url, "evm_setAutomine", [True])
    assert_recovered(ledger)
    assert len(ledger.attempts()) == 1


def test_killed_while_waiting_for_confirmations_on_a_node(node_ledger: Ledger) -> None:
    """RIGHTS_CONFIRMATIONS=3: the job waits for two blocks after its own; killed while waiting,
    the rerun finds the anchor on chain and records it once it has its confirmations."""
    ledger, url = node_ledger, node_ledger.chain_url
    assert url is not None
    size = ledger.add_batch("confirm")
    first = ledger.start("anchor", "--json", RIGHTS_CONFIRMATIONS="3")
    try:
        attempt = wait_for(lambda: next(iter(ledger.attempts()), None), "the anchor attempt to be recorded")
        receipt = wait_for(
            lambda: rpc(url, "eth_getTransactionReceipt", [attempt.tx_hash]),
            "the anchor transaction to be mined",
        )
        time.sleep(1.0)
        assert first.poll() is None, f"did not wait for confirmations: {first.communicate()}"
        assert ledger.records() == []
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert first.returncode == -signal.SIGKILL

    rerun = ledger.start("anchor", "--json", RIGHTS_CONFIRMATIONS="3")
    try:
        time.sleep(2.5)
        assert rerun.poll() is None, f"recorded with too few confirmations: {rerun.communicate()}"
        assert ledger.records() == []
        rpc(url, "evm_mine")
        rpc(url, "evm_mine")
        result = finish(rerun)
    finally:
        if rerun.poll() is None:
            rerun.kill()
            rerun.wait()
    assert result["status"] == "up to date" and [a["tree_size"] for a in result["recovered"]] == [size]
    [anchored] = ledger.records()
    assert anchored.tx_hash == attempt.tx_hash and anchored.block_number == int(receipt["blockNumber"], 16)
    assert_recovered(ledger)
