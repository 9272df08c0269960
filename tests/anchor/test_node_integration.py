"""End to end against real development chains: a Hardhat node and Anvil (tests/chains.py starts
one of each per session, chain id 31337). Each test has its own data directory, so `init` deploys
its own contract on the shared node: tests never see each other's checkpoints.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from eth_typing import HexStr
from sqlalchemy import select
from typer.testing import CliRunner
from web3 import Web3

from anchor.contract import AnchorContract
from ledger.store import tree_consistency_proof
from registry.ledger_writer import record
from registry.log_store import SqlLogStore
from registry.models import AnchorContractRow
from rightsledger.cli import app
from rightsledger.context import sessions, unit_of_work
from rightsledger.settings import load_settings
from tests.chains import CHAIN_ID, DEV_ADDRESS
from tests.conftest import application_env

runner = CliRunner()

CHAIN_STEPS = ["on-chain checkpoint", "contract verifyInclusion", "anchor transaction"]


@pytest.fixture(params=["hardhat", "anvil"])
def chain_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chain_url: str) -> Path:
    """A fresh data directory whose chain is the node."""
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RIGHTS_CHAIN_URL", chain_url)
    monkeypatch.setenv("COLUMNS", "1000")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """`rightsledger ARGS` as its own process (by default with this process's environment)."""
    return subprocess.run(
        [sys.executable, "-m", "rightsledger.cli", *args],
        env=dict(os.environ) if env is None else env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def verify(path: Path, chain: str) -> dict[str, Any]:
    result = invoke("verify", str(path), "--chain", chain, "--json")
    report: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == (0 if report["valid"] else 1), result.output
    return report


def steps(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {step["step"]: step for step in report["steps"]}


def w3(url: str) -> Web3:
    return Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": 30}))


def the_contract() -> AnchorContractRow:
    with sessions(load_settings())() as session:
        rows = list(session.scalars(select(AnchorContractRow)))
        session.expunge_all()
    assert len(rows) == 1
    return rows[0]


def init_deploys(chain_url: str) -> AnchorContractRow:
    result = invoke("init")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "anchor contract deployed" in text and f"on chain id {CHAIN_ID}" in text, text
    row = the_contract()
    assert row.chain_id == CHAIN_ID and row.deploy_tx is not None
    node = w3(chain_url)
    assert node.eth.get_code(Web3.to_checksum_address(row.address)), "no code at the deployed address"
    assert node.eth.get_transaction_receipt(HexStr(row.deploy_tx))["blockNumber"] == row.deploy_block
    assert AnchorContract(node, row.address).is_publisher(DEV_ADDRESS)
    return row


def test_rounds_of_anchoring_and_proofs_verified_on_the_node(env: Path, chain_url: str) -> None:
    row = init_deploys(chain_url)
    again = invoke("init")  # idempotent on a node too
    assert again.exit_code == 0 and f"anchor contract in use: {row.address}" in " ".join(again.stdout.split())

    evidence: list[str] = []
    sizes: list[int] = []
    proofs: dict[int, Path] = {}
    for n in range(3):
        path = env / f"playlog-{n}.txt"
        path.write_text(f"venue {n}: unlicensed play of W-{n}\n")
        result = invoke("evidence", "add", str(path), "--case", f"CASE-{n}")
        assert result.exit_code == 0, result.output
        evidence.append(result.stdout.strip())
        with unit_of_work(load_settings()) as session:
            for i in range(n + 1):
                record(session, "work", f"W-{n}-{i}", {"title": f"round {n} work {i}"})
            record(session, "member", f"M-{n}", {"name": f"member {n}"})
        if n == 1:  # one round as the operator runs it: its own process
            done = run("anchor", "--json")
            assert done.returncode == 0, done.stderr
            outcome = json.loads(done.stdout)
        else:
            result = invoke("anchor", "--json")
            assert result.exit_code == 0, result.output
            outcome = json.loads(result.stdout)
        assert outcome["status"] == "anchored" and outcome["anchored"]["checkpoint_index"] == n
        sizes.append(outcome["tree_size"])
        # Proof of this round's evidence, exported now: pinned to this round's checkpoint.
        proofs[n] = env / f"round-{n}.rlproof"
        assert invoke("proof", evidence[n], "-o", str(proofs[n])).exit_code == 0
    assert sizes == sorted(set(sizes)) and sizes[-1] == 3 + 2 + 3 + 4

    result = invoke("anchor", "--json")
    assert json.loads(result.stdout)["status"] == "up to date"

    # The database and the contract agree, checkpoint by checkpoint.
    node = w3(chain_url)
    contract = AnchorContract(node, row.address)
    assert contract.checkpoint_count() == 3
    items = json.loads(invoke("checkpoints", "--json").stdout)
    assert [i["tree_size"] for i in items] == sizes
    for index, item in enumerate(items):
        on_chain = contract.checkpoint(index)
        assert (
            item["checkpoint_index"] == index
            and item["chain_id"] == CHAIN_ID
            and item["contract"] == row.address
        )
        assert (on_chain.tree_size, on_chain.root.hex(), on_chain.note_hash.hex()) == (
            item["tree_size"],
            item["root"],
            item["note_hash"],
        )
        receipt = node.eth.get_transaction_receipt(item["tx_hash"])
        assert receipt["status"] == 1 and receipt["blockNumber"] == item["block_number"]
        assert receipt["gasUsed"] == item["gas_used"]
    # The contract itself confirms the log only grew.
    with sessions(load_settings())() as session:
        consistency = tree_consistency_proof(SqlLogStore(session), sizes[0], sizes[2])
    assert contract.verify_consistency(0, 2, consistency)

    # Proofs of entries from each round verify on the node, both chain steps included; the ones
    # exported in earlier rounds stay valid after later checkpoints.
    for n, path in proofs.items():
        report = verify(path, chain_url)
        assert report["valid"], report
        assert [s["step"] for s in report["steps"]][-3:] == CHAIN_STEPS
        assert (
            f"checkpoint {n} of contract {row.address} on chain id {CHAIN_ID}"
            in steps(report)[CHAIN_STEPS[0]]["detail"]
        )
    for entry_id in ("W-0-0", "M-1", "W-2-2"):  # one entry of each round, latest checkpoint
        path = env / f"{entry_id}.rlproof"
        assert invoke("proof", entry_id, "-o", str(path)).exit_code == 0
        report = verify(path, chain_url)
        assert report["valid"] and all(s["ok"] for s in report["steps"]), report
    # A C2SP tlog-proof has no anchor: found on the recorded contract by its tree size.
    tlog = env / "W-1-1.tlog-proof"
    assert invoke("proof", "W-1-1", "--format", "tlog-proof", "-o", str(tlog)).exit_code == 0
    report = verify(tlog, chain_url)
    assert report["valid"] and "found by tree size" in steps(report)[CHAIN_STEPS[0]]["detail"], report


def test_tampered_proofs_fail_on_the_node(env: Path, chain_url: str) -> None:
    row = init_deploys(chain_url)
    for n in range(2):
        with unit_of_work(load_settings()) as session:
            record(session, "license", f"LIC-{n}", {"licensee": f"KTV {n}", "status": "active"})
            record(session, "work", f"W-{n}", {"title": f"work {n}"})
        assert invoke("anchor").exit_code == 0
    good = env / "lic.rlproof"
    assert invoke("proof", "LIC-0", "-o", str(good)).exit_code == 0
    doc = json.loads(good.read_text())
    assert doc["anchor"]["checkpoint_index"] == 1 and verify(good, chain_url)["valid"]

    def variant(name: str, change: Any) -> Path:
        altered = json.loads(good.read_text())
        change(altered)
        path = env / f"{name}.rlproof"
        path.write_text(json.dumps(altered, ensure_ascii=False))
        return path

    # 1. The entry altered: the leaf hash fails offline, and the contract rejects the inclusion.
    body = variant("body", lambda d: d["entry"]["body"].__setitem__("status", "revoked"))
    report = verify(body, chain_url)
    assert not report["valid"] and not steps(report)["leaf hash"]["ok"]
    assert not steps(report)["contract verifyInclusion"]["ok"]
    assert "rejects" in steps(report)["contract verifyInclusion"]["detail"]

    # 2. Pointed at another checkpoint of the same contract: every offline step still passes,
    #    only the chain can tell (its checkpoint 0 has another size, root and note hash).
    index = variant("index", lambda d: d["anchor"].__setitem__("checkpoint_index", 0))
    report = verify(index, chain_url)
    assert not report["valid"]
    assert all(steps(report)[s]["ok"] for s in ("leaf hash", "inclusion", "note signature")), report
    detail = steps(report)["on-chain checkpoint"]["detail"]
    assert not steps(report)["on-chain checkpoint"]["ok"] and "differs" in detail and "tree size" in detail
    result = invoke("verify", str(index), "--chain", chain_url)
    assert result.exit_code == 1 and "INVALID at step: on-chain checkpoint" in " ".join(result.stdout.split())

    # 3. A checkpoint index the contract does not have.
    beyond = variant("beyond", lambda d: d["anchor"].__setitem__("checkpoint_index", 7))
    report = verify(beyond, chain_url)
    assert not report["valid"] and not steps(report)["on-chain checkpoint"]["ok"]

    # 4. Another contract (an address without code on this node).
    elsewhere = "0x000000000000000000000000000000000000bEEF"
    other = variant("contract", lambda d: d["anchor"].__setitem__("contract", elsewhere))
    report = verify(other, chain_url)
    assert (
        not report["valid"] and "not on the log's contract" in steps(report)["on-chain checkpoint"]["detail"]
    )
    assert row.address != elsewhere


def test_demo_on_the_node(tmp_path: Path, chain_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "demo"
    env = application_env()
    env |= {"RIGHTS_DATA_DIR": str(tmp_path / "base"), "COLUMNS": "200"}
    done = run(
        "demo", "--chain", chain_url, "--data-dir", str(target), "--scale", "small", "--no-serve",
        env=env, cwd=tmp_path, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, f"stdout: {done.stdout}\nstderr: {done.stderr}"
    out = done.stdout
    assert f"on chain id {CHAIN_ID}" in out and chain_url in out
    assert "the contract confirms append-only: True" in out
    assert "invalid at leaf hash" in out and out.count("valid") >= 12
    # Its proofs verify on the node with the plain CLI, from that data directory.
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(target))
    monkeypatch.chdir(tmp_path)
    proofs = sorted((target / "proofs").iterdir())
    valid = [p for p in proofs if "tampered" not in p.name]
    assert len(valid) >= 11  # one of each kind, and a tlog-proof
    for path in valid:
        report = verify(path, chain_url)
        assert report["valid"] and [s["step"] for s in report["steps"]][-3:] == CHAIN_STEPS, path.name
    (tampered,) = [p for p in proofs if "tampered" in p.name]
    report = verify(tampered, chain_url)
    assert not report["valid"] and not steps(report)["contract verifyInclusion"]["ok"]
