"""Who signs the anchoring transactions: the publisher account.

- Embedded chain: eth-tester's first funded account.
- Development nodes (chain id 31337 or 1337: Hardhat node, Anvil): account #0 of their
  well-known mnemonic, funded by those nodes at start.
- Any other chain: a key from an encrypted keystore. The well-known keys are public, so any key
  of theirs on a real network would be emptied by bots: they are refused there (DevKeyRefused).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from eth_account import Account
from eth_account.hdaccount import key_from_seed, seed_from_mnemonic
from eth_account.signers.local import LocalAccount
from eth_keys.datatypes import PrivateKey
from eth_tester.backends.pyevm.main import get_default_account_keys

from anchor.chain import ChainConnection
from anchor.errors import DevKeyRefused, KeystoreError
from anchor.keystore import create_keystore, decrypt_keystore, read_passphrase

__all__ = [
    "DEV_CHAIN_IDS",
    "DEV_MNEMONIC",
    "PublisherAccount",
    "create_keystore",
    "dev_account",
    "is_dev_address",
    "publisher_account",
]

DEV_CHAIN_IDS = frozenset({31337, 1337})
DEV_MNEMONIC = "test test test test test test test test test test test junk"  # Hardhat's and Anvil's


class PublisherAccount(LocalAccount):
    """A LocalAccount whose repr shows its address only, so logs and tracebacks never carry the key."""

    def __repr__(self) -> str:
        return f"PublisherAccount({self.address})"

    __str__ = __repr__


def publisher_account(
    conn: ChainConnection, *, keystore: Path | None = None, passphrase: str | None = None
) -> PublisherAccount:
    """The account that signs on `conn`. With a `keystore`, its key (passphrase: the argument,
    else the environment, see anchor.keystore); without one, the chain's development key, which
    only development chains accept."""
    if keystore is not None:
        if passphrase is None:
            passphrase = read_passphrase()
        account = _wrap(decrypt_keystore(keystore, passphrase))
    elif conn.embedded:
        account = _wrap(get_default_account_keys()[0].to_bytes())
    elif conn.chain_id in DEV_CHAIN_IDS:
        account = dev_account(0)
    else:
        raise KeystoreError(
            f"chain id {conn.chain_id} ({conn.where}) is not a development chain: "
            "the publisher key must come from a keystore"
        )
    if conn.chain_id not in DEV_CHAIN_IDS and is_dev_address(account.address):
        raise DevKeyRefused(
            f"{account.address} is a well-known development account; refusing to use it on "
            f"chain id {conn.chain_id} ({conn.where}), which is not a development chain"
        )
    return account


def dev_account(index: int) -> PublisherAccount:
    """Account `index` of the development mnemonic (BIP-44 path m/44'/60'/0'/0/index)."""
    return _wrap(key_from_seed(_dev_seed(), f"m/44'/60'/0'/0/{index}"))


def is_dev_address(address: str) -> bool:
    """True for the first ten accounts of the development mnemonic and eth-tester's ten keys."""
    return address.lower() in _dev_addresses()


@cache
def _dev_seed() -> bytes:
    return seed_from_mnemonic(DEV_MNEMONIC, "")


@cache
def _dev_addresses() -> frozenset[str]:
    hardhat = (dev_account(i).address for i in range(10))
    tester = (key.public_key.to_checksum_address() for key in get_default_account_keys())
    return frozenset(address.lower() for address in (*hardhat, *tester))


def _wrap(private_key: bytes) -> PublisherAccount:
    return PublisherAccount(PrivateKey(private_key), Account())
