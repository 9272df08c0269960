"""The Node side: real Hardhat and Anvil nodes start, answer and stop; scripts/compile.js builds
stable artifacts; the committed anchor/artifacts match contracts_sol/."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from eth_account import Account
from web3 import Web3
from web3.types import TxParams, TxReceipt

from tests import chains
from tests.chains import (
    CHAIN_ID,
    DEV_ADDRESS,
    DEV_KEY,
    DEV_MNEMONIC,
    REPO,
    NodeUnavailable,
    RpcError,
    group_alive,
    rpc,
    running_node,
    unavailable,
)

COMPILE = REPO / "scripts" / "compile.js"
SOLC_SETTINGS = json.loads((REPO / "scripts" / "solc-settings.json").read_text())
SOLC_VERSION = json.loads((REPO / "package.json").read_text())["devDependencies"]["solc"]

BOX = """// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Twice} from "./Twice.sol";

contract Box is AccessControl {
    uint256 public value;
    event Stored(uint256 value);

    constructor() {
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
    }

    function store(uint256 v) external onlyRole(DEFAULT_ADMIN_ROLE) {
        value = Twice.doubled(v);
        emit Stored(v);
    }
}
"""
TWICE = """// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

library Twice {
    function doubled(uint256 v) internal pure returns (uint256) {
        return v * 2;
    }
}
"""


@pytest.fixture(params=["hardhat", "anvil"])
def chain_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(f"{request.param}_url"))


def _web3(url: str) -> Web3:
    return Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": 30}))


# --- nodes ------------------------------------------------------------------------------------


def test_chain_id(chain_url: str) -> None:
    assert int(rpc(chain_url, "eth_chainId"), 16) == CHAIN_ID
    assert _web3(chain_url).eth.chain_id == CHAIN_ID


def test_dev_key_is_mnemonic_account_0() -> None:
    Account.enable_unaudited_hdwallet_features()
    assert Account.from_mnemonic(DEV_MNEMONIC).address == DEV_ADDRESS
    assert Account.from_key(DEV_KEY).address == DEV_ADDRESS


def test_dev_account_is_funded(chain_url: str) -> None:
    assert _web3(chain_url).eth.get_balance(Web3.to_checksum_address(DEV_ADDRESS)) >= Web3.to_wei(
        1000, "ether"
    )


def test_signed_transfer_is_mined(chain_url: str) -> None:
    w3 = _web3(chain_url)
    sender = Account.from_key(DEV_KEY)
    recipient = Account.create().address
    base_fee = w3.eth.get_block("latest")["baseFeePerGas"]
    tx = {
        "chainId": CHAIN_ID,
        "nonce": w3.eth.get_transaction_count(sender.address, "pending"),
        "to": recipient,
        "value": 12_345,
        "gas": 21_000,
        "maxPriorityFeePerGas": 1,
        "maxFeePerGas": 2 * base_fee + 1,
    }
    signed = sender.sign_transaction(tx)
    tx_hash = w3.eth.send_raw_transaction(signed.raw_transaction)
    receipt = w3.eth.wait_for_transaction_receipt(tx_hash, timeout=30)
    assert receipt["status"] == 1
    assert receipt["blockNumber"] >= 1
    assert w3.eth.get_balance(recipient) == 12_345


def test_evm_mine_advances_the_chain(chain_url: str) -> None:
    before = int(rpc(chain_url, "eth_blockNumber"), 16)
    rpc(chain_url, "evm_mine")
    assert int(rpc(chain_url, "eth_blockNumber"), 16) == before + 1


def test_rpc_error_is_raised(anvil_url: str) -> None:
    with pytest.raises(RpcError, match="no_such_method"):
        rpc(anvil_url, "no_such_method")


@pytest.mark.parametrize("kind", ["hardhat", "anvil"])
def test_node_is_gone_after_stop(kind: str, tmp_path: Path) -> None:
    try:
        with running_node(kind, tmp_path) as node:
            assert int(rpc(node.url, "eth_chainId"), 16) == CHAIN_ID
            process = node.process
            print(f"{kind} answered after {node.startup_seconds:.1f} s")
    except NodeUnavailable as exc:
        unavailable(str(exc))
        return
    assert process.poll() is not None
    assert not group_alive(process.pid)
    with pytest.raises(RpcError):
        rpc(node.url, "eth_chainId", timeout=2.0)


def test_missing_binary_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(chains, "NODE_MODULES", tmp_path / "node_modules")
    with pytest.raises(NodeUnavailable, match="npm ci"):
        chains.start_node("anvil", tmp_path)
    with pytest.raises(NodeUnavailable, match="npm ci"):
        chains.start_node("hardhat", tmp_path)


def test_start_timeout_stops_the_node_and_shows_its_log(tmp_path: Path) -> None:
    if not chains.NODE_MODULES.is_dir():
        unavailable("node_modules missing: run `npm ci`")
    with pytest.raises(NodeUnavailable, match="did not answer eth_chainId") as caught:
        chains.start_node("anvil", tmp_path, timeout=0.0)
    assert "(tail)" in str(caught.value)
    (log,) = tmp_path.glob("anvil-*.log")
    port = log.stem.removeprefix("anvil-")
    assert not [cmd for cmd in _command_lines() if "--port\0" + port + "\0" in cmd], "anvil survived"


def _command_lines() -> list[str]:
    lines = []
    for entry in Path("/proc").iterdir():
        try:
            lines.append((entry / "cmdline").read_bytes().decode(errors="replace"))
        except OSError:
            continue
    return lines


@pytest.mark.parametrize("ci", ["true", ""])
def test_an_unavailable_node_fails_in_ci_and_elsewhere(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="anvil binary not found"):
        unavailable("anvil binary not found")


# --- compiler -----------------------------------------------------------------------------------


def _compile(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None or not (REPO / "node_modules" / "solc").is_dir():
        unavailable("node or node_modules/solc missing: install Node 20 and run `npm ci`")
    return subprocess.run(
        ["node", str(COMPILE), str(src), str(out)], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def _source_hash(units: list[str], contents: dict[str, str]) -> str:
    """The sourceHash framing documented in scripts/compile.js."""
    digest = hashlib.sha256()
    for unit in units:
        digest.update(unit.encode() + b"\0" + contents[unit].encode() + b"\0")
    return digest.hexdigest()


def _unit_file(unit: str, src: Path) -> Path:
    prefix = f"{src.name}/"
    if unit.startswith(prefix):
        return src / unit.removeprefix(prefix)
    return REPO / "node_modules" / unit


@pytest.fixture
def fixture_contracts(tmp_path: Path) -> Path:
    src = tmp_path / "contracts"
    src.mkdir()
    (src / "Box.sol").write_text(BOX)
    (src / "Twice.sol").write_text(TWICE)
    return src


def test_compile_writes_stable_artifacts(fixture_contracts: Path, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    first = _compile(fixture_contracts, out)
    assert first.returncode == 0, first.stderr
    assert sorted(p.name for p in out.iterdir()) == ["Box.json", "Twice.json"]
    text = (out / "Box.json").read_text()
    box = json.loads(text)

    assert text.endswith("}\n") and text == json.dumps(box, indent=2, sort_keys=True) + "\n"
    assert box["contractName"] == "Box"
    assert {"store", "value", "grantRole", "hasRole"} <= {i.get("name") for i in box["abi"]}
    assert box["bytecode"].startswith("0x6080") and box["deployedBytecode"].startswith("0x6080")
    assert box["compiler"].startswith(f"{SOLC_VERSION}+commit.")
    assert (
        box["settings"]
        == SOLC_SETTINGS
        == {
            "evmVersion": "cancun",
            "optimizer": {"enabled": True, "runs": 200},
            "viaIR": False,
        }
    )
    assert box["sources"] == sorted(box["sources"])
    assert "contracts/Box.sol" in box["sources"] and "contracts/Twice.sol" in box["sources"]
    assert "@openzeppelin/contracts/access/AccessControl.sol" in box["sources"]
    contents = {u: _unit_file(u, fixture_contracts).read_text() for u in box["sources"]}
    assert box["sourceHash"] == _source_hash(box["sources"], contents)

    before = {p.name: p.read_bytes() for p in out.iterdir()}
    second = _compile(fixture_contracts, out)
    assert second.returncode == 0, second.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    other = tmp_path / "elsewhere" / "contracts"
    shutil.copytree(fixture_contracts, other)
    assert _compile(other, tmp_path / "again").returncode == 0
    assert (tmp_path / "again" / "Box.json").read_bytes() == before["Box.json"], "depends on location"


def test_compile_detects_a_change_in_an_import(fixture_contracts: Path, tmp_path: Path) -> None:
    assert _compile(fixture_contracts, tmp_path / "a").returncode == 0
    (fixture_contracts / "Twice.sol").write_text(TWICE.replace("v * 2", "v + v"))
    assert _compile(fixture_contracts, tmp_path / "b").returncode == 0
    a = json.loads((tmp_path / "a" / "Box.json").read_text())
    b = json.loads((tmp_path / "b" / "Box.json").read_text())
    assert a["sourceHash"] != b["sourceHash"]


def test_compile_fails_on_an_error(tmp_path: Path) -> None:
    src = tmp_path / "contracts"
    src.mkdir()
    (src / "Bad.sol").write_text(
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\n"
        'import "@openzeppelin/contracts/NoSuchFile.sol";\n'
        "contract Bad { function f() public { return 1 } }\n"
    )
    result = _compile(src, tmp_path / "out")
    assert result.returncode != 0
    assert "Error" in result.stderr and "Bad.sol" in result.stderr
    assert not (tmp_path / "out").exists()


def test_compile_prints_warnings_but_succeeds(tmp_path: Path) -> None:
    src = tmp_path / "contracts"
    src.mkdir()
    (src / "Warn.sol").write_text(
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\n"
        "contract Warn { function f() public { uint256 unused = 1; } }\n"
    )
    result = _compile(src, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Warning" in result.stderr
    assert (tmp_path / "out" / "Warn.json").exists()


def test_compiled_contract_runs_on_the_nodes(chain_url: str, fixture_contracts: Path, tmp_path: Path) -> None:
    """The compiler's settings (Cancun) suit both development chains."""
    assert _compile(fixture_contracts, tmp_path / "out").returncode == 0
    box = json.loads((tmp_path / "out" / "Box.json").read_text())
    w3 = _web3(chain_url)
    account = Account.from_key(DEV_KEY)

    def send(tx: TxParams) -> TxReceipt:
        tx = {
            **tx,
            "from": account.address,
            "chainId": CHAIN_ID,
            "nonce": w3.eth.get_transaction_count(account.address, "pending"),
        }
        tx["gas"] = w3.eth.estimate_gas(tx)
        signed = account.sign_transaction(tx)
        receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw_transaction))
        assert receipt["status"] == 1
        return receipt

    factory = w3.eth.contract(abi=box["abi"], bytecode=box["bytecode"])
    address = send(factory.constructor().build_transaction({"from": account.address}))["contractAddress"]
    assert address is not None
    assert w3.eth.get_code(address).to_0x_hex() == box["deployedBytecode"]
    contract = w3.eth.contract(address=address, abi=box["abi"])
    send(contract.functions.store(21).build_transaction({"from": account.address}))
    assert contract.functions.value().call() == 42


# --- the committed artifacts ----------------------------------------------------------------------


def test_committed_artifacts_match_the_sources(tmp_path: Path) -> None:
    src = REPO / "contracts_sol"
    committed = REPO / "anchor" / "artifacts"
    assert any(src.glob("*.sol")), "no contracts_sol/*.sol"
    result = _compile(src, tmp_path / "fresh")
    assert result.returncode == 0, f"contracts_sol/ does not compile:\n{result.stderr}"
    fresh = {p.name: p.read_bytes() for p in sorted((tmp_path / "fresh").glob("*.json"))}
    old = {p.name: p.read_bytes() for p in sorted(committed.glob("*.json"))} if committed.is_dir() else {}
    stale = sorted(name for name in fresh.keys() | old.keys() if fresh.get(name) != old.get(name))
    assert not stale, f"anchor/artifacts is stale ({', '.join(stale)}): run npm run compile"


def test_hardhat_compiles_with_the_same_solc_offline(tmp_path: Path) -> None:
    """hardhat.config.js uses the local solc-js and the shared settings: same bytecode as ours."""
    assert any((REPO / "contracts_sol").glob("*.sol")), "no contracts_sol/*.sol"
    hardhat = REPO / "node_modules" / ".bin" / "hardhat"
    if not hardhat.exists():
        unavailable("node_modules/.bin/hardhat missing: run `npm ci`")
    env = {**os.environ, "HARDHAT_DISABLE_TELEMETRY_PROMPT": "true"}
    # Hardhat writes under .hardhat/ (gitignored).
    result = subprocess.run(
        [str(hardhat), "compile", "--quiet"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Downloading compiler" not in result.stdout + result.stderr
    ours = _compile(REPO / "contracts_sol", tmp_path / "ours")
    assert ours.returncode == 0, ours.stderr
    compared = 0
    for artifact in sorted((tmp_path / "ours").glob("*.json")):
        mine = json.loads(artifact.read_text())
        name = mine["contractName"]
        (theirs_path,) = (REPO / ".hardhat" / "artifacts" / "contracts_sol").glob(f"*.sol/{name}.json")
        theirs = json.loads(theirs_path.read_text())
        assert theirs["abi"] == mine["abi"], name
        assert theirs["bytecode"] == mine["bytecode"], f"{name}: Hardhat and compile.js disagree"
        compared += 1
    assert compared
