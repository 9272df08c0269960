"""The publisher account: development keys on development chains only, a keystore elsewhere, and
no key or passphrase ever shown."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from web3 import Web3

from anchor.accounts import (
    DEV_CHAIN_IDS,
    PublisherAccount,
    create_keystore,
    dev_account,
    is_dev_address,
    publisher_account,
)
from anchor.chain import ChainConnection, connect
from anchor.errors import DevKeyRefused, KeystoreError
from anchor.keystore import PASSPHRASE_ENV, PASSPHRASE_FILE_ENV

PASSPHRASE = "correct horse battery staple"
FAST = 2**10  # scrypt cost for tests; the default (2**18) is what operators get
HARDHAT_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
HARDHAT_9 = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"
TESTER_0 = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"  # eth-tester's key 0x...01


def node(chain_id: int) -> ChainConnection:
    """A connection to some node of `chain_id`; the account policy never talks to it."""
    return ChainConnection(Web3(), chain_id, "https://rpc.example.net/", False)


@pytest.fixture(autouse=True)
def no_passphrase_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    monkeypatch.delenv(PASSPHRASE_FILE_ENV, raising=False)


@pytest.fixture
def keystore(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "keys" / "publisher.json"
    return path, create_keystore(path, PASSPHRASE, iterations=FAST)


def test_embedded_chain_uses_the_first_funded_tester_key(tmp_path: Path) -> None:
    with connect(None, tmp_path) as conn:
        account = publisher_account(conn)
        assert account.address == TESTER_0 == conn.w3.eth.accounts[0]
        assert conn.w3.eth.get_balance(account.address) > 0


@pytest.mark.parametrize("chain_id", sorted(DEV_CHAIN_IDS))
def test_development_nodes_use_the_mnemonic_account_0(chain_id: int) -> None:
    assert publisher_account(node(chain_id)).address == HARDHAT_0


def test_the_development_accounts_are_the_well_known_ones() -> None:
    assert dev_account(0).address == HARDHAT_0
    assert dev_account(9).address == HARDHAT_9
    assert all(is_dev_address(dev_account(i).address) for i in range(10))
    assert is_dev_address(TESTER_0.lower())
    assert not is_dev_address(dev_account(10).address)
    assert not is_dev_address(Account.create().address)


def test_other_chains_need_a_keystore() -> None:
    with pytest.raises(KeystoreError, match=r"chain id 1 .*keystore") as caught:
        publisher_account(node(1))
    assert "rpc.example.net" in str(caught.value)


def test_a_keystore_key_signs_on_any_chain(keystore: tuple[Path, str]) -> None:
    path, address = keystore
    for chain_id in (1, 8453, 31337):
        account = publisher_account(node(chain_id), keystore=path, passphrase=PASSPHRASE)
        assert isinstance(account, PublisherAccount)
        assert account.address == address
    tx: dict[str, Any] = {"to": HARDHAT_0, "value": 1, "gas": 21000, "gasPrice": 1, "nonce": 0, "chainId": 1}
    signed = account.sign_transaction(tx)
    assert Account.recover_transaction(signed.raw_transaction) == address


@pytest.mark.parametrize(
    "dev_key",
    [dev_account(3).key, (1).to_bytes(32, "big"), (7).to_bytes(32, "big")],
    ids=["hardhat-3", "tester-0", "tester-6"],
)
def test_development_keys_are_refused_on_other_chains(tmp_path: Path, dev_key: bytes) -> None:
    path = tmp_path / "dev.json"
    address = create_keystore(path, PASSPHRASE, private_key=dev_key, iterations=FAST)
    with pytest.raises(DevKeyRefused) as caught:
        publisher_account(node(137), keystore=path, passphrase=PASSPHRASE)
    message = str(caught.value)
    assert address in message and "137" in message
    assert dev_key.hex() not in message and PASSPHRASE not in message
    # On a development chain the same keystore is fine.
    assert publisher_account(node(31337), keystore=path, passphrase=PASSPHRASE).address == address


def test_missing_keystore(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(KeystoreError, match="does not exist") as caught:
        publisher_account(node(1), keystore=path, passphrase=PASSPHRASE)
    assert str(path) in str(caught.value)


def test_missing_passphrase(keystore: tuple[Path, str]) -> None:
    path, _ = keystore
    with pytest.raises(KeystoreError, match="no passphrase") as caught:
        publisher_account(node(1), keystore=path)
    assert str(path) in str(caught.value) and PASSPHRASE_ENV in str(caught.value)


def test_wrong_passphrase_names_the_file_not_the_passphrase(keystore: tuple[Path, str]) -> None:
    path, _ = keystore
    with pytest.raises(KeystoreError, match="wrong passphrase") as caught:
        publisher_account(node(1), keystore=path, passphrase="Tr0ub4dor&3")
    assert str(path) in str(caught.value)
    assert "Tr0ub4dor" not in str(caught.value) and PASSPHRASE not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_file_that_is_not_a_keystore(tmp_path: Path) -> None:
    path = tmp_path / "garbage.json"
    for content in ("not json", json.dumps({"version": 3}), json.dumps([1, 2])):
        path.write_text(content)
        with pytest.raises(KeystoreError, match=r"garbage\.json"):
            publisher_account(node(1), keystore=path, passphrase=PASSPHRASE)


def test_passphrase_from_the_environment(
    keystore: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, address = keystore
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    assert publisher_account(node(1), keystore=path).address == address

    monkeypatch.delenv(PASSPHRASE_ENV)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")  # as `echo ... > file` writes it
    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(secret))
    assert publisher_account(node(1), keystore=path).address == address

    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(tmp_path / "absent.txt"))
    with pytest.raises(KeystoreError, match=r"absent\.txt"):
        publisher_account(node(1), keystore=path)


def test_create_keystore_writes_a_private_v3_file(tmp_path: Path) -> None:
    path = tmp_path / "ops" / "publisher.json"
    address = create_keystore(path, PASSPHRASE, iterations=FAST)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(path.parent) == ["publisher.json"]  # no temporary file left behind
    document = json.loads(path.read_text())
    assert document["version"] == 3 and document["crypto"]["kdf"] == "scrypt"
    assert document["address"].lower() == address[2:].lower()
    assert Account.from_key(Account.decrypt(document, PASSPHRASE)).address == address
    assert PASSPHRASE not in path.read_text()


def test_create_keystore_with_the_default_cost(tmp_path: Path) -> None:
    path = tmp_path / "publisher.json"
    address = create_keystore(path, PASSPHRASE)
    assert json.loads(path.read_text())["crypto"]["kdfparams"]["n"] == 2**18
    assert publisher_account(node(1), keystore=path, passphrase=PASSPHRASE).address == address


def test_create_keystore_never_overwrites_nor_accepts_an_empty_passphrase(keystore: tuple[Path, str]) -> None:
    path, _ = keystore
    before = path.read_bytes()
    with pytest.raises(KeystoreError, match="already exists"):
        create_keystore(path, PASSPHRASE, iterations=FAST)
    assert path.read_bytes() == before
    with pytest.raises(KeystoreError, match="empty passphrase"):
        create_keystore(path.with_name("other.json"), "", iterations=FAST)
    assert not path.with_name("other.json").exists()


def test_the_account_never_shows_its_key(keystore: tuple[Path, str]) -> None:
    path, address = keystore
    account = publisher_account(node(1), keystore=path, passphrase=PASSPHRASE)
    key_hex = account.key.hex().removeprefix("0x")
    for shown in (repr(account), str(account), f"{account}", repr([account]), repr({"a": account})):
        assert key_hex not in shown.lower()
        assert address in shown
