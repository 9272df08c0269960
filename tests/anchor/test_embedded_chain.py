"""The embedded chain: a py-evm chain in a SQLite file that survives the process, is readable by
other processes while one writer works, and refuses a second writer."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eth_abi import abi
from eth_account.signers.local import LocalAccount
from eth_typing import BlockNumber
from hexbytes import HexBytes
from web3 import Web3
from web3.exceptions import (
    ContractCustomError,
    ContractLogicError,
    ContractPanicError,
    TransactionNotFound,
    Web3RPCError,
)
from web3.types import TxReceipt, Wei

from anchor.accounts import publisher_account
from anchor.chain import ChainConnection, connect, require_code
from anchor.embedded import open_embedded
from anchor.embedded_backend import EmbeddedEVMChain
from anchor.errors import ChainError, NoContractCode
from anchor.kvstore import SqliteKV

REPO = Path(__file__).resolve().parents[2]
to_checksum_address = Web3.to_checksum_address

# A hand-assembled contract, so these tests need no compiler. On any call it stores the first
# calldata word in slot 0 and emits it as the topic of an anonymous LOG1:
#   PUSH1 0 CALLDATALOAD DUP1 PUSH1 0 SSTORE PUSH1 0 PUSH1 0 LOG1 STOP
RUNTIME = bytes.fromhex("6000358060005560006000a100")
# Init code: CODECOPY the 13 runtime bytes that follow it (at offset 11) to memory, RETURN them.
INIT = bytes.fromhex("600d80600b6000396000f3") + RUNTIME


# Reverts with its calldata as revert data:
#   CALLDATASIZE PUSH1 0 PUSH1 0 CALLDATACOPY CALLDATASIZE PUSH1 0 REVERT
REVERTER = bytes.fromhex("600a80600b6000396000f3") + bytes.fromhex("36600060003736" + "6000fd")
# Returns its calldata: the same with RETURN for REVERT.
ECHO = bytes.fromhex("600a80600b6000396000f3") + bytes.fromhex("36600060003736" + "6000f3")
# Runtime code of one INVALID opcode.
INVALID = bytes.fromhex("600180600b6000396000f3") + bytes.fromhex("fe")


def send(w3: Web3, account: LocalAccount, **fields: Any) -> TxReceipt:
    """Sign locally and send raw: the way the app publishes, on any chain."""
    tx: dict[str, Any] = {
        "from": account.address,
        "nonce": w3.eth.get_transaction_count(account.address),
        "chainId": w3.eth.chain_id,
        **fields,
    }
    tx.setdefault("gas", w3.eth.estimate_gas(tx))  # type: ignore[arg-type]
    tx.setdefault("maxFeePerGas", 2 * 10**9)
    tx.setdefault("maxPriorityFeePerGas", 10**9)
    signed = account.sign_transaction(tx)
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw_transaction))
    assert receipt["status"] == 1
    return receipt


def deploy_store(w3: Web3, account: LocalAccount, init: bytes = INIT) -> str:
    receipt = send(w3, account, data=init)
    address = receipt["contractAddress"]
    assert address is not None
    return str(address)


def store(w3: Web3, account: LocalAccount, address: str, value: int) -> TxReceipt:
    return send(w3, account, to=to_checksum_address(address), data=value.to_bytes(32, "big"))


def run_python(code: str, *args: str) -> Any:
    """Run `code` in a new interpreter; it prints one JSON value on its last line."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def writer(data_dir: Path) -> Iterator[ChainConnection]:
    conn = connect(None, data_dir)
    yield conn
    conn.close()


# -- the key-value store ---------------------------------------------------------------------


def test_kv_reads_writes_and_deletes(tmp_path: Path) -> None:
    kv = SqliteKV(tmp_path / "kv.sqlite3")
    kv[b"a"] = b"1"
    kv.set(b"b", b"2")
    kv[b"a"] = b"3"
    del kv[b"b"]
    assert kv[b"a"] == b"3"
    assert kv.exists(b"a") and b"a" in kv
    assert b"b" not in kv
    with pytest.raises(KeyError):
        kv[b"b"]
    with pytest.raises(KeyError):
        del kv[b"b"]
    kv.delete(b"b")  # no error: delete() tolerates a missing key, as py-evm's BaseDB does
    kv.close()


def test_kv_batch_is_all_or_nothing_and_invisible_until_committed(tmp_path: Path) -> None:
    path = tmp_path / "kv.sqlite3"
    kv = SqliteKV(path)
    kv[b"old"] = b"x"
    other = SqliteKV(path, read_only=True)  # another connection, as another process would have

    with kv.atomic_batch() as batch:
        batch[b"k1"] = b"v1"
        del batch[b"old"]
        assert batch[b"k1"] == b"v1" and b"old" not in batch  # the batch sees its own writes
        assert b"k1" not in kv and b"k1" not in other and other[b"old"] == b"x"  # nobody else does
        batch[b"k2"] = b"v2"
    assert (other[b"k1"], other[b"k2"], b"old" in other) == (b"v1", b"v2", False)

    with pytest.raises(RuntimeError), kv.atomic_batch() as batch:
        batch[b"k3"] = b"v3"
        batch[b"k1"] = b"changed"
        raise RuntimeError("abort")
    assert b"k3" not in other and other[b"k1"] == b"v1"

    with pytest.raises(ChainError, match="outside its atomic_batch"):
        batch[b"late"] = b"write"
    kv.close()
    other.close()


def test_kv_durable_syncs_the_commits_inside(tmp_path: Path) -> None:
    kv = SqliteKV(tmp_path / "kv.sqlite3")
    assert kv._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL: not synced
    with kv.durable():
        assert kv._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: fsync per commit
        kv[b"k"] = b"v"
    assert kv._conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    kv.close()


def test_kv_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "kv.sqlite3"
    SqliteKV(path).close()
    reader = SqliteKV(path, read_only=True)
    with pytest.raises(ChainError, match="read-only"):
        reader[b"k"] = b"v"
    with pytest.raises(ChainError, match="read-only"), reader.atomic_batch() as batch:
        batch[b"k"] = b"v"
    assert b"k" not in reader
    reader.close()


# -- the chain -------------------------------------------------------------------------------


def test_embedded_chain_speaks_web3(writer: ChainConnection) -> None:
    w3 = writer.w3
    assert writer.embedded and writer.url is None
    assert writer.chain_id == w3.eth.chain_id == 1337
    assert w3.eth.block_number == 0
    account = publisher_account(writer)
    assert w3.eth.get_balance(account.address) == 10**6 * 10**18  # eth-tester's genesis funding

    address = deploy_store(w3, account)
    assert require_code(writer, address) == RUNTIME
    receipt = store(w3, account, address, 42)
    assert w3.eth.block_number == receipt["blockNumber"] == 2  # one block per transaction
    assert int.from_bytes(w3.eth.get_storage_at(to_checksum_address(address), 0), "big") == 42
    logs = w3.eth.get_logs({"fromBlock": 0, "toBlock": "latest", "address": to_checksum_address(address)})
    assert [log["topics"][0] for log in logs] == [HexBytes((42).to_bytes(32, "big"))]


def test_transactions_are_found_by_index_not_by_scanning(
    writer: ChainConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    w3, account = writer.w3, publisher_account(writer)
    first = send(w3, account, to="0x" + "77" * 20, value=5)
    for _ in range(5):
        send(w3, account, to="0x" + "77" * 20, value=1)
    blocks_read: list[int] = []
    read_block = EmbeddedEVMChain.get_canonical_block_by_number

    def counting(chain: EmbeddedEVMChain, number: BlockNumber) -> Any:
        blocks_read.append(number)
        return read_block(chain, number)

    monkeypatch.setattr(EmbeddedEVMChain, "get_canonical_block_by_number", counting)
    receipt = w3.eth.get_transaction_receipt(first["transactionHash"])
    transaction = w3.eth.get_transaction(first["transactionHash"])
    assert receipt == first
    assert (transaction["blockNumber"], transaction["value"], transaction["from"]) == (1, 5, account.address)
    assert blocks_read == [1, 1]  # the block holding it, not the five above it
    with pytest.raises(TransactionNotFound):
        w3.eth.get_transaction_receipt(HexBytes("0x" + "00" * 32))


def test_failed_calls_raise_what_web3_raises_on_a_node(writer: ChainConnection) -> None:
    w3, account = writer.w3, publisher_account(writer)
    reverter = Web3.to_checksum_address(deploy_store(w3, account, REVERTER))
    invalid = Web3.to_checksum_address(deploy_store(w3, account, INVALID))
    custom = bytes.fromhex("e2517d3f") + bytes(12) + bytes.fromhex("7e5f4552091a69125d5dfcb7b8c2659029395bdf")
    error_string = bytes.fromhex("08c379a0") + abi.encode(["string"], ["not a publisher"])
    panic = bytes.fromhex("4e487b71") + (0x11).to_bytes(32, "big")

    for ask in (w3.eth.call, w3.eth.estimate_gas):
        with pytest.raises(ContractCustomError) as caught:
            ask({"from": account.address, "to": reverter, "data": HexBytes(custom)})
        assert caught.value.data == "0x" + custom.hex()
        with pytest.raises(ContractLogicError) as logic:
            ask({"from": account.address, "to": reverter, "data": HexBytes(error_string)})
        assert logic.value.message == "execution reverted: not a publisher"
        assert logic.value.data == "0x" + error_string.hex()
        with pytest.raises(ContractPanicError, match="overflow"):
            ask({"from": account.address, "to": reverter, "data": HexBytes(panic)})
        with pytest.raises(ContractLogicError, match="execution reverted"):
            ask({"from": account.address, "to": reverter, "data": HexBytes(b"")})
        with pytest.raises(Web3RPCError, match=r"(?i)invalid") as rpc_error:
            ask({"from": account.address, "to": invalid})
        assert not isinstance(rpc_error.value, ContractLogicError)
    # A call that succeeds still returns its output.
    echo = Web3.to_checksum_address(deploy_store(w3, account, ECHO))
    assert w3.eth.call({"from": account.address, "to": echo, "data": HexBytes(custom)}) == custom

    # Sent with its own gas limit (no estimate), a reverting transaction is mined with status 0.
    nonce = w3.eth.get_transaction_count(account.address)
    tx: dict[str, Any] = {"to": reverter, "data": custom, "gas": 100_000, "nonce": nonce, "chainId": 1337}
    tx |= {"maxFeePerGas": 2 * 10**9, "maxPriorityFeePerGas": 10**9}
    sent = w3.eth.send_raw_transaction(account.sign_transaction(tx).raw_transaction)
    assert w3.eth.wait_for_transaction_receipt(sent)["status"] == 0


def test_require_code_refuses_an_address_without_code(writer: ChainConnection) -> None:
    empty = "0x" + "ab" * 20
    with pytest.raises(NoContractCode) as caught:
        require_code(writer, empty)
    assert to_checksum_address(empty) in str(caught.value)
    assert "1337" in str(caught.value)
    with pytest.raises(ChainError, match="not an EVM address"):
        require_code(writer, "0x1234")


def test_each_mined_block_is_synced_to_disk(writer: ChainConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[SqliteKV] = []
    durable = SqliteKV.durable

    def counting(kv: SqliteKV) -> Any:
        synced.append(kv)
        return durable(kv)

    monkeypatch.setattr(SqliteKV, "durable", counting)
    account = publisher_account(writer)
    send(writer.w3, account, to="0x" + "22" * 20, value=1)
    send(writer.w3, account, to="0x" + "22" * 20, value=1)
    assert len(synced) == 2  # once per block, not once per write


def test_a_block_carries_the_time_it_was_sent(
    writer: ChainConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pending block is prepared when the previous one is mined; a transaction sent much
    # later must still get its own time (the anchor contract records block.timestamp).
    later = int(time.time()) + 3600
    monkeypatch.setattr("anchor.embedded_backend.time.time", lambda: later)
    receipt = send(writer.w3, publisher_account(writer), to="0x" + "22" * 20, value=1)
    assert writer.w3.eth.get_block(receipt["blockNumber"])["timestamp"] == later


def test_chain_survives_the_process(data_dir: Path) -> None:
    with connect(None, data_dir) as conn:
        w3 = conn.w3
        account = publisher_account(conn)
        address = deploy_store(w3, account)
        store(w3, account, address, 7)
        receipt = send(w3, account, to="0x" + "33" * 20, value=12345)
        genesis_hash = w3.eth.get_block(0)["hash"].hex()
        head = w3.eth.get_block("latest")
        tx_hash = receipt["transactionHash"].hex()

    # A new process sees the same blocks, state and logs, as a reader and then as the writer.
    code = """
import json, sys
from pathlib import Path
from eth_utils import to_checksum_address
from anchor.chain import connect
from anchor.accounts import publisher_account
data_dir, address, tx_hash = Path(sys.argv[1]), to_checksum_address(sys.argv[2]), sys.argv[3]
seen = {}
with connect(None, data_dir, read_only=True) as conn:
    w3 = conn.w3
    seen["reader"] = {
        "block_number": w3.eth.block_number,
        "head_hash": w3.eth.get_block("latest")["hash"].hex(),
        "genesis_hash": w3.eth.get_block(0)["hash"].hex(),
        "code": w3.eth.get_code(address).hex(),
        "slot0": int.from_bytes(w3.eth.get_storage_at(address, 0), "big"),
        "balance": w3.eth.get_balance(to_checksum_address("0x" + "33" * 20)),
        "logs": len(w3.eth.get_logs({"fromBlock": 0, "toBlock": "latest", "address": address})),
        "receipt_block": w3.eth.get_transaction_receipt(tx_hash)["blockNumber"],
    }
with connect(None, data_dir) as conn:
    account = publisher_account(conn)
    nonce = conn.w3.eth.get_transaction_count(account.address)
    tx = {"to": address, "data": (8).to_bytes(32, "big"), "nonce": nonce, "gas": 100000,
          "maxFeePerGas": 2 * 10**9, "maxPriorityFeePerGas": 10**9, "chainId": 1337}
    sent = conn.w3.eth.send_raw_transaction(account.sign_transaction(tx).raw_transaction)
    seen["writer"] = {"nonce": nonce, "status": conn.w3.eth.get_transaction_receipt(sent)["status"],
                      "block_number": conn.w3.eth.block_number}
print(json.dumps(seen))
"""
    seen = run_python(code, str(data_dir), address, tx_hash)
    assert seen["reader"] == {
        "block_number": head["number"],
        "head_hash": head["hash"].hex(),
        "genesis_hash": genesis_hash,
        "code": RUNTIME.hex(),
        "slot0": 7,
        "balance": 12345,
        "logs": 1,
        "receipt_block": receipt["blockNumber"],
    }
    assert seen["writer"] == {"nonce": 3, "status": 1, "block_number": head["number"] + 1}

    # And back here, a third opening sees the block the other process added.
    with connect(None, data_dir, read_only=True) as conn:
        assert conn.w3.eth.block_number == head["number"] + 1
        assert int.from_bytes(conn.w3.eth.get_storage_at(to_checksum_address(address), 0), "big") == 8
        assert conn.w3.eth.get_block(0)["hash"].hex() == genesis_hash


READER = """
import json, sys
from pathlib import Path
from eth_utils import to_checksum_address
from anchor.chain import connect
conn = connect(None, Path(sys.argv[1]), read_only=True)
def state():
    return {"block_number": conn.w3.eth.block_number,
            "balance": conn.w3.eth.get_balance(to_checksum_address("0x" + "44" * 20))}
print(json.dumps(state()), flush=True)
for line in sys.stdin:  # one refresh per line the test sends
    conn.refresh()
    print(json.dumps(state()), flush=True)
conn.close()
"""


def test_a_reader_process_sees_new_blocks_after_refresh(writer: ChainConnection, data_dir: Path) -> None:
    account = publisher_account(writer)
    send(writer.w3, account, to="0x" + "44" * 20, value=1)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(data_dir)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdin is not None and reader.stdout is not None and reader.stderr is not None
    try:
        assert json.loads(reader.stdout.readline()) == {"block_number": 1, "balance": 1}
        for _ in range(3):
            send(writer.w3, account, to="0x" + "44" * 20, value=10)
        reader.stdin.write("refresh\n")
        reader.stdin.flush()
        assert json.loads(reader.stdout.readline()) == {"block_number": 4, "balance": 31}
        reader.stdin.close()
        assert reader.wait(timeout=60) == 0, reader.stderr.read()
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait(timeout=30)
        for pipe in (reader.stdin, reader.stdout, reader.stderr):
            pipe.close()


def test_a_reader_cannot_write(writer: ChainConnection, data_dir: Path) -> None:
    with connect(None, data_dir, read_only=True) as reader:
        account = publisher_account(reader)
        with pytest.raises(ChainError, match="read-only"):
            send(reader.w3, account, to="0x" + "55" * 20, value=1)
        reader.refresh()
        assert reader.w3.eth.block_number == 0
    assert writer.w3.eth.block_number == 0


def test_a_second_writer_is_refused(writer: ChainConnection, data_dir: Path) -> None:
    # In another process...
    code = """
import json, sys
from pathlib import Path
from anchor.chain import connect
from anchor.errors import ChainError
try:
    connect(None, Path(sys.argv[1]))
except ChainError as exc:
    print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))
else:
    print(json.dumps({"error": None}))
"""
    refused = run_python(code, str(data_dir))
    assert refused["error"] == "ChainError"
    assert "already open for writing" in refused["message"] and str(data_dir) in refused["message"]
    # ...and in this one.
    with pytest.raises(ChainError, match="already open for writing"):
        connect(None, data_dir)
    # Readers are welcome; and once the writer closes, another may write.
    connect(None, data_dir, read_only=True).close()
    writer.close()
    connect(None, data_dir).close()


def test_a_reader_opening_first_creates_the_chain(data_dir: Path) -> None:
    with connect(None, data_dir, read_only=True) as reader:
        assert reader.w3.eth.block_number == 0
        genesis = reader.w3.eth.get_block(0)["hash"]
    with connect(None, data_dir) as writer:
        assert writer.w3.eth.get_block(0)["hash"] == genesis  # created once, not twice


def test_threads_share_one_writer(writer: ChainConnection) -> None:
    w3 = writer.w3
    accounts = w3.eth.accounts[:4]
    errors: list[BaseException] = []

    def pay(sender: str) -> None:
        try:
            for _ in range(3):
                w3.eth.send_transaction({"from": sender, "to": "0x" + "66" * 20, "value": Wei(1)})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=pay, args=(sender,)) for sender in accounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert w3.eth.block_number == 12
    assert [w3.eth.get_transaction_count(sender) for sender in accounts] == [3, 3, 3, 3]
    assert w3.eth.get_balance(to_checksum_address("0x" + "66" * 20)) == 12


def test_open_embedded_directly(tmp_path: Path) -> None:
    chain = open_embedded(tmp_path / "chain")
    assert chain.w3.eth.chain_id == 1337 and not chain.read_only
    assert "writer" in repr(chain)
    chain.close()
    assert (tmp_path / "chain" / "evm.sqlite3").is_file()
