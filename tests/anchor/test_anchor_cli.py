"""The anchoring commands as a user meets them: bad input gives one clear message, a non-zero exit
and nothing recorded; the happy paths of `evidence add`, `proof`, `checkpoints`, `anchor`, `init`.

Commands run in this process through Typer's runner (the settings come from the environment, set
per test); the chain is the embedded one unless a test points RIGHTS_CHAIN_URL at a node: the
session Anvil (chain id 31337), a free port nobody listens on, or an Anvil of chain id 4242 (not a
development chain) started by this module.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from anchor.accounts import create_keystore
from anchor.chain import connect
from anchor.contract import AnchorContract
from anchor.embedded_backend import EMBEDDED_CHAIN_ID
from registry.ledger_writer import record
from registry.models import AnchorAttempt, AnchorContractRow, AnchorRecord, Checkpoint, LogLeaf
from rightsledger.cli import app
from rightsledger.context import sessions, unit_of_work
from rightsledger.settings import load_settings
from tests.chains import DEV_KEY, RpcError, anvil_binary, free_port, log_tail, rpc, stop_group

runner = CliRunner()

OTHER_CHAIN_ID = 4242  # not a development chain: the publisher key must come from a keystore
PASSPHRASE = "correct horse battery staple"
FAST_SCRYPT = 2**10  # tests only; operators get eth-account's default cost
NO_CODE = "0x00000000000000000000000000000000DeaDBeef"


# --- helpers ------------------------------------------------------------------------------------


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def flat(text: str) -> str:
    """The text on one line, whitespace normalised."""
    return " ".join(text.split())


def assert_one_clear_error(result: Any, *fragments: str) -> str:
    """Exit 1, one `error:` line on stderr holding every fragment (progress lines may precede it),
    no traceback, and no claim on stdout that anything was deployed or anchored."""
    assert result.exit_code == 1, f"exit {result.exit_code}: {result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "╭" not in result.output, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    message = flat(errors[0])
    assert "anchor contract" not in result.stdout and "anchored" not in result.stdout, result.stdout
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def counts() -> dict[str, int]:
    """Rows of each anchoring table (and log leaves) in the configured database."""
    with sessions(load_settings())() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (AnchorContractRow, AnchorAttempt, AnchorRecord, Checkpoint, LogLeaf)
        }


NOTHING = {"anchor_contract": 0, "anchor_attempt": 0, "anchor_record": 0, "checkpoint": 0, "log_leaf": 0}


def record_some(n: int = 2, tag: str = "x") -> None:
    with unit_of_work(load_settings()) as session:
        for i in range(n):
            record(session, "work", f"W-{tag}-{i}", {"title": f"work {tag} {i}"})


def write_file(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data directory (not initialised) on the embedded chain; returns the working dir."""
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    # Rich wraps (and folds long paths) at 80 columns when not on a terminal: keep messages whole.
    monkeypatch.setenv("COLUMNS", "1000")
    return tmp_path


@pytest.fixture
def initialised(env: Path) -> Path:
    result = invoke("init")
    assert result.exit_code == 0, result.output
    return env


def contract_row() -> AnchorContractRow:
    with sessions(load_settings())() as session:
        rows = list(session.scalars(select(AnchorContractRow)))
        session.expunge_all()
    assert len(rows) == 1, rows
    return rows[0]


# --- a node of another chain id -----------------------------------------------------------------


@pytest.fixture(scope="module")
def other_chain_url(anvil_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Anvil serving chain id 4242. (`anvil_url` first: the session fixture decides whether
    Anvil is available at all; tests.chains.start_node insists on chain id 31337, so this one is
    started here, the same way.)"""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("anvil-4242") / "anvil.log"
    command = [
        str(anvil_binary()),
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
        "--chain-id",
        str(OTHER_CHAIN_ID),
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                chain_id = int(rpc(url, "eth_chainId", timeout=2.0), 16)
                break
            except RpcError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"anvil --chain-id {OTHER_CHAIN_ID} did not start:\n{log_tail(log_path)}")
                time.sleep(0.1)
        assert chain_id == OTHER_CHAIN_ID
        yield url
    finally:
        stop_group(process)


@pytest.fixture
def keystore(tmp_path: Path) -> tuple[Path, str]:
    """A keystore of a fresh (not well-known) key."""
    path = tmp_path / "keys" / "publisher.json"
    return path, create_keystore(path, PASSPHRASE, iterations=FAST_SCRYPT)


# --- bad input: the chain -----------------------------------------------------------------------


def test_init_with_an_unreachable_node(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("RIGHTS_CHAIN_URL", url)
    started = time.monotonic()
    result = invoke("init")
    assert time.monotonic() - started < 15, "an unreachable node must fail fast"
    assert_one_clear_error(result, f"chain node {url} is unreachable")
    assert counts() == NOTHING


def test_anchor_with_an_unreachable_node(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record_some()
    before = contract_row()
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("RIGHTS_CHAIN_URL", url)
    assert_one_clear_error(invoke("anchor"), f"chain node {url} is unreachable")
    assert_one_clear_error(invoke("anchor", "--json"), f"chain node {url} is unreachable")
    assert counts() == {**NOTHING, "anchor_contract": 1}, "nothing was appended, signed or sent"
    assert contract_row().address == before.address


def test_a_url_that_is_not_http(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIGHTS_CHAIN_URL", "ws://127.0.0.1:8545")
    assert_one_clear_error(invoke("init"), "unsupported chain URL", "http(s)://")
    assert counts() == NOTHING


def test_anchor_on_a_chain_without_our_contract_says_run_init(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, anvil_url: str
) -> None:
    """The database knows the contract on the embedded chain (1337); the node serves 31337."""
    record_some()
    assert contract_row().chain_id == EMBEDDED_CHAIN_ID
    monkeypatch.setenv("RIGHTS_CHAIN_URL", anvil_url)
    assert_one_clear_error(invoke("anchor"), "no anchor contract for chain id 31337", "rightsledger init")
    assert counts() == {**NOTHING, "anchor_contract": 1}


def test_verify_against_a_node_of_another_chain_names_both_chain_ids(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, anvil_url: str
) -> None:
    record_some(1)
    assert invoke("anchor").exit_code == 0
    assert invoke("proof", "W-x-0", "-o", "w.rlproof").exit_code == 0
    assert invoke("verify", "w.rlproof", "--chain", "embedded").exit_code == 0

    result = invoke("verify", "w.rlproof", "--chain", anvil_url, "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["valid"] is False
    steps = {step["step"]: step for step in report["steps"]}
    assert all(steps[name]["ok"] for name in ("leaf hash", "inclusion", "note signature"))
    detail = steps["on-chain checkpoint"]["detail"]
    assert not steps["on-chain checkpoint"]["ok"]
    assert f"chain id {EMBEDDED_CHAIN_ID}" in detail and "chain id 31337" in detail and anvil_url in detail, (
        detail
    )
    assert not steps["contract verifyInclusion"]["ok"]

    result = invoke("verify", "w.rlproof", "--chain", anvil_url)
    assert result.exit_code == 1
    assert "INVALID at step: on-chain checkpoint" in flat(result.stdout)


def test_verify_against_an_unreachable_node(initialised: Path) -> None:
    record_some(1)
    assert invoke("anchor").exit_code == 0
    assert invoke("proof", "W-x-0", "-o", "w.rlproof").exit_code == 0
    url = f"http://127.0.0.1:{free_port()}"
    assert_one_clear_error(invoke("verify", "w.rlproof", "--chain", url), f"chain node {url} is unreachable")


# --- bad input: the contract address ------------------------------------------------------------


def test_init_with_a_contract_address_that_has_no_code(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIGHTS_CONTRACT_ADDRESS", NO_CODE)
    message = assert_one_clear_error(
        invoke("init"), "no contract code at", f"on chain id {EMBEDDED_CHAIN_ID}"
    )
    assert NO_CODE.lower() in message.lower()
    assert counts() == NOTHING


def test_init_with_a_contract_address_that_is_not_an_address(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIGHTS_CONTRACT_ADDRESS", "0x1234")
    assert_one_clear_error(invoke("init"), "'0x1234' is not an EVM address")
    assert counts() == NOTHING


def test_init_with_the_contract_of_another_log(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from anchor.accounts import publisher_account

    data_dir = env / "data"
    with connect(None, data_dir) as conn:
        other, _ = AnchorContract.deploy(conn.w3, publisher_account(conn), "another.example/log")
    monkeypatch.setenv("RIGHTS_CONTRACT_ADDRESS", other.address)
    assert_one_clear_error(invoke("init"), f"contract {other.address} anchors log 'another.example/log'")
    assert counts() == NOTHING


def test_init_with_a_configured_contract_adopts_it_without_deploying(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The positive side of RIGHTS_CONTRACT_ADDRESS: a contract of this log is used as it is."""
    from anchor.accounts import publisher_account

    with connect(None, env / "data") as conn:
        mine, _ = AnchorContract.deploy(conn.w3, publisher_account(conn), load_settings().log_origin)
        nonce = conn.w3.eth.get_transaction_count(publisher_account(conn).address)
    monkeypatch.setenv("RIGHTS_CONTRACT_ADDRESS", mine.address)
    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert "anchor contract in use" in flat(result.stdout) and mine.address in flat(result.stdout)
    assert contract_row().address == mine.address
    with connect(None, env / "data", read_only=True) as conn:
        assert conn.w3.eth.get_transaction_count(publisher_account(conn).address) == nonce, "deployed anyway"
    # A different address later on is refused: the chain already has this log's contract.
    monkeypatch.setenv("RIGHTS_CONTRACT_ADDRESS", NO_CODE)
    assert_one_clear_error(invoke("init"), f"already uses contract {mine.address}")


# --- bad input: keys on a chain that is not a development chain ---------------------------------


def test_a_non_development_chain_needs_a_keystore(
    env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str
) -> None:
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    assert_one_clear_error(
        invoke("init"), f"chain id {OTHER_CHAIN_ID}", "not a development chain", "must come from a keystore"
    )
    assert counts() == NOTHING


def test_a_keystore_without_passphrase_names_the_variables(
    env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str, keystore: tuple[Path, str]
) -> None:
    path, _ = keystore
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(path))
    message = assert_one_clear_error(
        invoke("init"),
        f"no passphrase for keystore {path}",
        "RIGHTS_KEYSTORE_PASSPHRASE",
        "RIGHTS_KEYSTORE_PASSPHRASE_FILE",
    )
    assert PASSPHRASE not in message
    assert counts() == NOTHING
    # An empty passphrase file is no passphrase either: still nothing deployed.
    monkeypatch.setenv("RIGHTS_KEYSTORE_PASSPHRASE_FILE", str(write_file(env / "empty", "")))
    result = invoke("init")
    assert result.exit_code == 1 and "deployed" not in result.stdout
    assert counts() == NOTHING


def test_a_wrong_passphrase_is_named_never_shown(
    env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str, keystore: tuple[Path, str]
) -> None:
    path, _ = keystore
    wrong = "not-the-passphrase-4242"
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(path))
    monkeypatch.setenv("RIGHTS_KEYSTORE_PASSPHRASE", wrong)
    result = invoke("init")
    message = assert_one_clear_error(result, f"wrong passphrase for keystore {path}")
    assert wrong not in result.output and PASSPHRASE not in message
    assert counts() == NOTHING
    # The same from a passphrase file.
    monkeypatch.delenv("RIGHTS_KEYSTORE_PASSPHRASE")
    monkeypatch.setenv("RIGHTS_KEYSTORE_PASSPHRASE_FILE", str(write_file(env / "pass.txt", wrong + "\n")))
    result = invoke("init")
    assert_one_clear_error(result, f"wrong passphrase for keystore {path}")
    assert wrong not in result.output
    assert counts() == NOTHING


def test_a_missing_keystore_file(env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str) -> None:
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(env / "nowhere.json"))
    monkeypatch.setenv("RIGHTS_KEYSTORE_PASSPHRASE", PASSPHRASE)
    assert_one_clear_error(invoke("init"), f"keystore {env / 'nowhere.json'} does not exist")
    assert counts() == NOTHING


def test_the_development_key_is_refused_on_a_non_development_chain(
    env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str
) -> None:
    """Even from a keystore: Anvil funds it on 4242 too, but on a real network bots would empty it."""
    path = env / "dev.json"
    address = create_keystore(
        path, PASSPHRASE, private_key=bytes.fromhex(DEV_KEY[2:]), iterations=FAST_SCRYPT
    )
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(path))
    monkeypatch.setenv("RIGHTS_KEYSTORE_PASSPHRASE", PASSPHRASE)
    nonce = int(rpc(other_chain_url, "eth_getTransactionCount", [address, "latest"]), 16)
    message = assert_one_clear_error(
        invoke("init"), address, "well-known development account", f"chain id {OTHER_CHAIN_ID}"
    )
    assert PASSPHRASE not in message
    assert counts() == NOTHING
    assert int(rpc(other_chain_url, "eth_getTransactionCount", [address, "latest"]), 16) == nonce, "it signed"


def test_a_keystore_key_anchors_on_a_non_development_chain(
    env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str, keystore: tuple[Path, str]
) -> None:
    """The control for the refusals above: the same chain works with a real (funded) key."""
    path, address = keystore
    rpc(other_chain_url, "anvil_setBalance", [address, hex(10**20)])
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(path))
    monkeypatch.setenv(
        "RIGHTS_KEYSTORE_PASSPHRASE_FILE", str(write_file(env / "pass.txt", PASSPHRASE + "\n"))
    )
    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert PASSPHRASE not in result.output
    assert contract_row().chain_id == OTHER_CHAIN_ID
    record_some(3)
    result = invoke("anchor", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["anchored"]["tree_size"] == 3
    assert invoke("proof", "W-x-1", "-o", "w.rlproof").exit_code == 0
    result = invoke("verify", "w.rlproof", "--chain", other_chain_url)
    assert result.exit_code == 0, result.output
    tx = json.loads(invoke("checkpoints", "--json").stdout)[0]["tx_hash"]
    assert rpc(other_chain_url, "eth_getTransactionByHash", [tx])["from"].lower() == address.lower()


# --- bad input: the order of things and the proof ----------------------------------------------


def test_commands_before_init_say_so(env: Path) -> None:
    for args in (("anchor",), ("checkpoints",), ("proof", "W-1")):
        assert_one_clear_error(invoke(*args), "not initialised", "rightsledger init")
    result = invoke("evidence", "add", str(write_file(env / "a.txt", "a")))
    assert_one_clear_error(result, "rightsledger init")


def test_proof_of_unknown_or_unanchored_entries(initialised: Path) -> None:
    assert_one_clear_error(invoke("proof", "EV-0000000000000000"), "no entry with id 'EV-0000000000000000'")
    record_some(1)
    assert_one_clear_error(invoke("proof", "W-x-0"), "W-x-0", "not in the log yet")
    assert_one_clear_error(
        invoke("proof", "W-x-0", "--version", "7"), "no work 'W-x-0' version 7 was recorded"
    )
    assert invoke("anchor").exit_code == 0
    assert invoke("proof", "W-x-0").exit_code == 0


def test_evidence_add_of_a_missing_file(initialised: Path) -> None:
    result = invoke("evidence", "add", "missing.mp4")
    assert result.exit_code == 2 and "does not exist" in flat(result.output)
    assert counts()["log_leaf"] == 0
    with sessions(load_settings())() as session:
        assert session.scalar(select(func.count()).select_from(LogLeaf)) == 0


# --- happy paths --------------------------------------------------------------------------------


def test_init_is_idempotent(env: Path) -> None:
    first = invoke("init")
    assert first.exit_code == 0, first.output
    assert "anchor contract deployed" in flat(first.stdout)
    address = contract_row().address
    vkey = (env / "data" / "keys" / "log.vkey").read_text()
    with connect(None, env / "data", read_only=True) as conn:
        height = conn.w3.eth.block_number
    second = invoke("init")
    assert second.exit_code == 0, second.output
    assert f"anchor contract in use: {address}" in flat(second.stdout)
    assert contract_row().address == address
    assert (env / "data" / "keys" / "log.vkey").read_text() == vkey, "the log key was replaced"
    with connect(None, env / "data", read_only=True) as conn:
        assert conn.w3.eth.block_number == height, "the second init sent a transaction"


def test_evidence_add_prints_the_entry_id_and_versions_a_repeat(initialised: Path) -> None:
    content = "2026-03-14T21:05:00+08:00 room 7 月亮代表我的心 (unlicensed)\n"
    path = write_file(initialised / "playlog.txt", content)
    sha = hashlib.sha256(content.encode()).hexdigest()
    result = invoke("evidence", "add", str(path), "--case", "CASE-2026-017", "--note", "venue 0001")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"EV-[0-9a-f]{16}\n", result.stdout), result.stdout
    entry_id = result.stdout.strip()
    assert entry_id == f"EV-{sha[:16]}"
    assert "version 1" in flat(result.stderr) and sha in flat(result.stderr)

    again = invoke("evidence", "add", str(path), "--case", "CASE-2026-018")
    assert again.exit_code == 0, again.output
    assert again.stdout.strip() == entry_id
    assert "version 2" in flat(again.stderr)

    assert invoke("anchor").exit_code == 0
    for version, case in ((1, "CASE-2026-017"), (2, "CASE-2026-018")):
        result = invoke("proof", entry_id, "--version", str(version))
        assert result.exit_code == 0, result.output
        doc = json.loads(result.stdout)
        assert doc["entry"]["kind"] == "evidence" and doc["entry"]["version"] == version
        body = doc["entry"]["body"]
        assert (
            body["sha256"] == sha and body["size"] == len(content.encode()) and body["name"] == "playlog.txt"
        )
        assert body["case"] == case
    assert doc["entry"]["prev"] is not None  # version 2 links to version 1


def test_proof_as_tlog_proof_verifies_on_chain(initialised: Path) -> None:
    entry_id = invoke("evidence", "add", str(write_file(initialised / "a.txt", "a"))).stdout.strip()
    record_some(4)
    assert invoke("anchor").exit_code == 0
    result = invoke("proof", entry_id, "--format", "tlog-proof", "-o", "a.tlog-proof")
    assert result.exit_code == 0, result.output
    assert "anchored" in flat(result.stderr) and "NOT anchored" not in result.stderr
    text = (initialised / "a.tlog-proof").read_text()
    assert text.startswith("c2sp.org/tlog-proof@v1\n")
    assert invoke("proof", entry_id, "--format", "tlog-proof").stdout == text
    assert invoke("verify", "a.tlog-proof").exit_code == 2  # not proven: no chain given
    assert invoke("verify", "a.tlog-proof", "--offline").exit_code == 0
    # A tlog-proof carries no anchor: the on-chain steps find the checkpoint by its tree size.
    result = invoke("verify", "a.tlog-proof", "--chain", "embedded", "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and report["valid"], report
    assert "found by tree size" in report["steps"][3]["detail"]


def test_checkpoints_json_and_anchor_json(initialised: Path) -> None:
    result = invoke("anchor", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "status": "up to date",
        "tree_size": 0,
        "anchored": None,
        "recovered": [],
    }
    assert json.loads(invoke("checkpoints", "--json").stdout) == []

    address = contract_row().address
    sizes = []
    for n in (3, 2):
        record_some(n, tag=str(n))
        result = invoke("anchor", "--json")
        assert result.exit_code == 0, result.output
        run = json.loads(result.stdout)
        assert run["status"] == "anchored" and run["recovered"] == []
        sizes.append(run["tree_size"])
        assert run["anchored"]["tree_size"] == run["tree_size"]
    assert sizes == [3, 5]

    result = invoke("anchor", "--json")
    assert json.loads(result.stdout) == {
        "status": "up to date",
        "tree_size": 5,
        "anchored": None,
        "recovered": [],
    }
    assert result.stderr == ""  # --json: nothing but the JSON

    items = json.loads(invoke("checkpoints", "--json").stdout)
    assert [i["tree_size"] for i in items] == [3, 5]
    fields = {
        "tree_size",
        "root",
        "note_hash",
        "checkpoint_index",
        "chain_id",
        "contract",
        "tx_hash",
        "block_number",
        "gas_used",
    }
    with connect(None, initialised / "data", read_only=True) as conn:
        contract = AnchorContract(conn.w3, address)
        for index, item in enumerate(items):
            assert fields <= item.keys()
            assert item["checkpoint_index"] == index and item["chain_id"] == EMBEDDED_CHAIN_ID
            assert item["contract"] == address
            assert re.fullmatch(r"[0-9a-f]{64}", item["root"]) and re.fullmatch(
                r"[0-9a-f]{64}", item["note_hash"]
            )
            on_chain = contract.checkpoint(index)
            assert (on_chain.tree_size, on_chain.root.hex(), on_chain.note_hash.hex()) == (
                item["tree_size"],
                item["root"],
                item["note_hash"],
            )
            receipt = conn.w3.eth.get_transaction_receipt(item["tx_hash"])
            assert (
                receipt["blockNumber"] == item["block_number"] and receipt["gasUsed"] == item["gas_used"] > 0
            )
    # The human table prints too.
    result = invoke("checkpoints")
    assert result.exit_code == 0 and "checkpoints" in result.stdout


# --- bad input: the wrong contract, a reset node, a second writer, not a node --------------------


def test_anchor_after_the_node_lost_the_contract(
    env: Path, monkeypatch: pytest.MonkeyPatch, anvil_url: str
) -> None:
    """A development node restarted since `init` has no code at the recorded address any more
    (simulated by clearing this test's own contract with anvil_setCode)."""
    monkeypatch.setenv("RIGHTS_CHAIN_URL", anvil_url)
    assert invoke("init").exit_code == 0
    address = contract_row().address
    record_some(2)
    rpc(anvil_url, "anvil_setCode", [address, "0x"])
    message = assert_one_clear_error(
        invoke("anchor"), f"no contract code at {address} on chain id 31337", anvil_url
    )
    assert "fresh data directory (RIGHTS_DATA_DIR)" in message
    assert counts() == {**NOTHING, "anchor_contract": 1}
    # init says the same, rather than deploying a second contract under the same log
    assert_one_clear_error(invoke("init"), f"no contract code at {address}", "fresh data directory")
    assert counts() == {**NOTHING, "anchor_contract": 1}


def test_a_contract_holding_another_logs_checkpoints(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two databases (two logs with their own keys) on one contract: the second must refuse to
    anchor rather than build on checkpoints it never signed."""
    assert invoke("init").exit_code == 0
    record_some(2)
    assert invoke("anchor").exit_code == 0
    shared = contract_row().address
    monkeypatch.setenv("RIGHTS_DATABASE_URL", f"sqlite:///{env / 'other.db'}")
    monkeypatch.setenv("RIGHTS_LOG_KEY_PATH", str(env / "other-log.key"))
    monkeypatch.setenv("RIGHTS_CONTRACT_ADDRESS", shared)
    assert invoke("init").exit_code == 0  # same origin: the contract is adopted
    record_some(3, tag="other")
    message = assert_one_clear_error(
        invoke("anchor"), "checkpoint 0 on chain (size 2", "was not signed by this log"
    )
    assert "wrong database or wrong contract" in message
    assert counts() == {**NOTHING, "anchor_contract": 1}


def test_a_second_writer_of_the_embedded_chain_is_told_so(initialised: Path) -> None:
    record_some(1)
    with connect(None, initialised / "data"):  # another process anchoring right now
        assert_one_clear_error(invoke("anchor"), "already open for writing")
    assert counts() == {**NOTHING, "anchor_contract": 1}
    assert invoke("anchor").exit_code == 0  # once it is done


def test_a_url_that_is_not_a_json_rpc_node(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import http.server
    import threading

    class NotANode(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = b"<html>welcome to nginx</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), NotANode)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        monkeypatch.setenv("RIGHTS_CHAIN_URL", url)
        assert_one_clear_error(invoke("init"), f"chain node {url} is unreachable")
    finally:
        server.shutdown()
        server.server_close()
    assert counts() == NOTHING


def test_a_credential_in_the_url_is_never_shown(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://operator:s3cret-pw@127.0.0.1:{free_port()}/v1?apikey=k3y-123"
    monkeypatch.setenv("RIGHTS_CHAIN_URL", url)
    result = invoke("init")
    assert_one_clear_error(result, "is unreachable", "operator:***@127.0.0.1")
    assert "s3cret-pw" not in result.output and "k3y-123" not in result.output


@pytest.mark.parametrize(
    "key",
    [DEV_KEY[2:], "00" * 31 + "01"],  # Hardhat's/Anvil's account #0, eth-tester's first key
    ids=["hardhat-anvil-0", "eth-tester-0"],
)
def test_every_well_known_key_is_refused_on_a_non_development_chain(
    env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str, key: str
) -> None:
    path = env / "dev.json"
    address = create_keystore(path, PASSPHRASE, private_key=bytes.fromhex(key), iterations=FAST_SCRYPT)
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(path))
    monkeypatch.setenv("RIGHTS_KEYSTORE_PASSPHRASE", PASSPHRASE)
    assert_one_clear_error(invoke("init"), address, "well-known development account")
    assert counts() == NOTHING


# --- verification pins the log's contract -------------------------------------------------------


def test_verify_with_contract_rejects_a_proof_anchored_on_another_contract(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The log's key also signs a second history, anchored on a second contract on the same
    chain (a split view: the very thing anchoring exists to expose). A verifier who names the
    log's contract (--contract) must not accept a proof that was anchored elsewhere."""
    assert invoke("init").exit_code == 0
    record_some(2)
    assert invoke("anchor").exit_code == 0
    official = contract_row().address
    # The same data directory (same log key, same embedded chain), a second database.
    monkeypatch.setenv("RIGHTS_DATABASE_URL", f"sqlite:///{env / 'shadow.db'}")
    assert invoke("init").exit_code == 0
    shadow = contract_row().address
    assert shadow != official
    with unit_of_work(load_settings()) as session:
        record(session, "license", "LIC-1", {"licensee": "Golden Voice KTV", "status": "active"})
    assert invoke("anchor").exit_code == 0
    assert invoke("proof", "LIC-1", "-o", "shadow.rlproof").exit_code == 0
    assert json.loads((env / "shadow.rlproof").read_text())["anchor"]["contract"] == shadow

    monkeypatch.delenv("RIGHTS_DATABASE_URL")
    result = invoke("verify", "shadow.rlproof", "--chain", "embedded", "--contract", official, "--json")
    report = json.loads(result.stdout)
    assert not report["valid"], (
        f"a proof anchored on contract {shadow} passed `verify --contract {official}`: {report['steps'][3]}"
    )
    assert result.exit_code == 1


# --- more bad input: settings, funds, roles, a chain reset under the database -------------------


@pytest.mark.parametrize("value", ["0", "two"])
def test_a_bad_confirmations_setting_is_one_clear_message(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    record_some(1)
    monkeypatch.setenv("RIGHTS_CONFIRMATIONS", value)
    message = assert_one_clear_error(invoke("anchor"))
    assert "confirmations" in message.lower() and value in message, message
    monkeypatch.delenv("RIGHTS_CONFIRMATIONS")
    assert counts() == {**NOTHING, "anchor_contract": 1}


def test_the_anchoring_jobs_settings_come_from_the_environment(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rightsledger.context import job_settings
    from rightsledger.settings import load_settings

    for name, value in {
        "RIGHTS_ANCHOR_RETRIES": "7",
        "RIGHTS_ANCHOR_RECEIPT_TIMEOUT_SECONDS": "30",
        "RIGHTS_ANCHOR_STUCK_AFTER_SECONDS": "90",
        "RIGHTS_ANCHOR_FEE_BUMP_PERCENT": "40",
        "RIGHTS_ANCHOR_MAX_FEE_BUMPS": "2",
        "RIGHTS_CONFIRMATIONS": "3",
    }.items():
        monkeypatch.setenv(name, value)
    job = job_settings(load_settings())
    assert (job.retries, job.receipt_timeout, job.stuck_after) == (7, 30.0, 90.0)
    assert (job.fee_bump_percent, job.max_fee_bumps, job.confirmations) == (40, 2, 3)


def test_a_fee_bump_below_what_nodes_accept_is_one_clear_message(
    initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_some(1)
    monkeypatch.setenv("RIGHTS_ANCHOR_FEE_BUMP_PERCENT", "5")
    message = assert_one_clear_error(invoke("anchor"))
    assert "anchor_fee_bump_percent" in message.lower() and "10" in message, message
    monkeypatch.delenv("RIGHTS_ANCHOR_FEE_BUMP_PERCENT")
    assert counts() == {**NOTHING, "anchor_contract": 1}


def test_a_publisher_without_funds_gets_one_clear_message(
    env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str, keystore: tuple[Path, str]
) -> None:
    """A real key with no ether on the chain: the deployment cannot pay for gas. The message must
    name the account (anchor/errors.py: messages name the address concerned), not be a traceback."""
    path, address = keystore
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(path))
    monkeypatch.setenv("RIGHTS_KEYSTORE_PASSPHRASE", PASSPHRASE)
    result = invoke("init")
    message = assert_one_clear_error(result, address)
    assert "funds" in message.lower()
    assert counts() == NOTHING


def test_a_key_without_the_publisher_role_is_refused_by_the_contract(
    env: Path, monkeypatch: pytest.MonkeyPatch, other_chain_url: str, keystore: tuple[Path, str]
) -> None:
    publisher_path, publisher = keystore
    intruder_path = env / "keys" / "intruder.json"
    intruder = create_keystore(intruder_path, PASSPHRASE, iterations=FAST_SCRYPT)
    for address in (publisher, intruder):
        rpc(other_chain_url, "anvil_setBalance", [address, hex(10**20)])
    monkeypatch.setenv("RIGHTS_CHAIN_URL", other_chain_url)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(publisher_path))
    monkeypatch.setenv("RIGHTS_KEYSTORE_PASSPHRASE", PASSPHRASE)
    assert invoke("init").exit_code == 0
    record_some(2)
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(intruder_path))
    assert_one_clear_error(
        invoke("anchor"), "the anchor contract refused", "AccessControlUnauthorizedAccount"
    )
    assert int(rpc(other_chain_url, "eth_getTransactionCount", [intruder, "latest"]), 16) == 0, (
        "it sent a transaction"
    )
    with sessions(load_settings())() as session:
        assert session.scalar(select(func.count()).select_from(AnchorAttempt)) == 0
        assert session.scalar(select(func.count()).select_from(AnchorRecord)) == 0
    monkeypatch.setenv("RIGHTS_KEYSTORE", str(publisher_path))
    result = invoke("anchor", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["anchored"]["tree_size"] == 2, result.output


def test_a_reset_chain_with_another_contract_at_the_recorded_address(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedded chain is reset (its directory deleted, as anchor/embedded_backend.py advises)
    and another database of the CMO deploys its contract: same deployer, same nonce 0, so the same
    address as the one this database recorded. A development node restarted and reused (Hardhat,
    Anvil) does the same. The contract at the recorded address holds none of the checkpoints this
    database recorded there: `anchor` must stop with one clear message and send nothing, not
    anchor into the other contract and leave the database behind."""
    import shutil

    from anchor.accounts import publisher_account

    assert invoke("init").exit_code == 0
    for n in (2, 1):
        record_some(n, tag=str(n))
        assert invoke("anchor").exit_code == 0
    recorded = contract_row().address
    shutil.rmtree(env / "data" / "chain")
    monkeypatch.setenv("RIGHTS_DATABASE_URL", f"sqlite:///{env / 'other.db'}")
    assert invoke("init").exit_code == 0
    assert contract_row().address == recorded  # another contract, at the very same address
    monkeypatch.delenv("RIGHTS_DATABASE_URL")

    record_some(1, tag="late")
    with connect(None, env / "data", read_only=True) as conn:
        nonce = conn.w3.eth.get_transaction_count(publisher_account(conn).address)
    result = invoke("anchor", "--json")
    with connect(None, env / "data", read_only=True) as conn:
        sent = conn.w3.eth.get_transaction_count(publisher_account(conn).address) - nonce
        on_chain = AnchorContract(conn.w3, recorded).checkpoint_count()
    assert (sent, on_chain) == (0, 0), (
        f"anchored into the other database's contract: {result.output} {result.exception!r}"
    )
    assert_one_clear_error(result, recorded)
    assert counts()["anchor_record"] == 2


# --- the watching job -----------------------------------------------------------------------------


def test_a_watcher_outlives_a_node_outage(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`anchor --watch` warns when the node stayed away through the job's retries and tries again
    at the next interval; a single `anchor` stops with the error (tested above)."""
    from types import SimpleNamespace

    from anchor.errors import ChainUnreachable
    from rightsledger.commands import anchoring

    real = anchoring.anchoring_job
    runs: list[str] = []

    def flaky_job(*args: Any, **kwargs: Any) -> Any:
        job = real(*args, **kwargs)
        run_once = job.run_once

        def first_run_fails() -> Any:
            runs.append("run")
            if len(runs) == 1:
                raise ChainUnreachable("the chain node stopped answering (ConnectionError)")
            return run_once()

        job.run_once = first_run_fails
        return job

    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt  # the operator stops the watcher

    monkeypatch.setattr(anchoring, "anchoring_job", flaky_job)
    monkeypatch.setattr(anchoring, "time", SimpleNamespace(sleep=sleep))
    record_some(2)
    result = invoke("anchor", "--watch", "--interval", "7", "--json")
    assert "stopped answering" in flat(result.stderr) and "next try in 7 s" in flat(result.stderr)
    assert len(runs) == 2 and sleeps == [7.0, 7.0]
    [anchored] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert anchored["status"] == "anchored" and anchored["anchored"]["tree_size"] == 2


def test_anchor_watch_anchors_new_entries_while_readers_verify(initialised: Path) -> None:
    """`anchor --watch --json` keeps the embedded chain open for writing; entries recorded
    meanwhile are anchored on its next run, and another process reads and verifies meanwhile."""
    import os
    import queue
    import sys
    import threading

    watcher = subprocess.Popen(
        [sys.executable, "-m", "rightsledger.cli", "anchor", "--watch", "--interval", "0.2", "--json"],
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert watcher.stdout is not None
        for line in watcher.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()

    def next_anchored(timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                run = json.loads(lines.get(timeout=0.5))
            except queue.Empty:
                assert watcher.poll() is None, watcher.stderr.read()  # type: ignore[union-attr]
                continue
            if run["status"] == "anchored":
                return run  # type: ignore[no-any-return]
        raise AssertionError("the watcher anchored nothing")

    try:
        assert json.loads(lines.get(timeout=30))["status"] == "up to date"
        first = invoke("evidence", "add", str(write_file(initialised / "a.txt", "a"))).stdout.strip()
        assert next_anchored()["tree_size"] == 1
        record_some(2)
        assert next_anchored()["anchored"]["checkpoint_index"] == 1
        # Readers while the writer runs: a proof, and its on-chain verification.
        assert invoke("proof", first, "-o", "a.rlproof").exit_code == 0
        result = invoke("verify", "a.rlproof", "--chain", "embedded")
        assert result.exit_code == 0, result.output
        assert_one_clear_error(invoke("anchor"), "already open for writing")
    finally:
        watcher.kill()
        watcher.wait()
    assert [i["tree_size"] for i in json.loads(invoke("checkpoints", "--json").stdout)] == [1, 3]


@pytest.mark.parametrize("entry_id", ["EV-[draft]", "EV-[/draft]"])
def test_an_error_message_shows_the_input_as_given(initialised: Path, entry_id: str) -> None:
    """Messages quote user input (ids, paths, URLs); Rich must not read it as markup (swallowing
    `[draft]`, or failing with a MarkupError traceback on `[/draft]`)."""
    assert_one_clear_error(invoke("proof", entry_id), f"no entry with id {entry_id!r} was recorded")


def test_a_chain_url_is_shown_as_given(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{free_port()}/rpc[/]"
    monkeypatch.setenv("RIGHTS_CHAIN_URL", url)
    assert_one_clear_error(invoke("init"), f"chain node {url} is unreachable")
    assert counts() == NOTHING
