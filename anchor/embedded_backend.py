"""eth-tester's py-evm backend on a database that outlives the process.

`PyEVMBackend` always builds a fresh chain in memory. `PersistentPyEVMBackend` builds the same
kind of chain (post-merge, Prague rules, eth-tester's ten funded accounts) on any py-evm
database: the first time from genesis, afterwards from the stored canonical head.
"""

from __future__ import annotations

import time
from typing import Any

from eth.abc import AtomicDatabaseAPI, BlockHeaderAPI, VirtualMachineAPI
from eth.chains.base import MiningChain
from eth.db.chain import ChainDB
from eth.exceptions import CanonicalHeadNotFound, VMError
from eth.exceptions import TransactionNotFound as EVMTransactionNotFound
from eth.vm.forks.prague import PragueVM
from eth.vm.spoof import SpoofTransaction
from eth_tester import PyEVMBackend
from eth_tester.backends.pyevm.main import (
    _execute_and_revert_transaction,
    generate_genesis_state_for_keys,
    get_default_account_keys,
    get_default_genesis_params,
)
from eth_tester.backends.pyevm.serializers import serialize_transaction, serialize_transaction_receipt
from eth_tester.exceptions import TransactionFailed, TransactionNotFound
from eth_typing import BlockNumber, Hash32

from anchor.embedded_reverts import ExecutionFailed
from anchor.kvstore import SqliteKV

# A development chain id (also Ganache's): tools treat it as a test chain, never as mainnet.
EMBEDDED_CHAIN_ID = 1337


class EmbeddedEVMChain(MiningChain):
    """eth-tester's tester chain class, with our chain id."""

    chain_id = EMBEDDED_CHAIN_ID
    vm_configuration: tuple[tuple[BlockNumber, type[VirtualMachineAPI]], ...] = ((BlockNumber(0), PragueVM),)

    def create_header_from_parent(
        self, parent_header: BlockHeaderAPI, **header_params: Any
    ) -> BlockHeaderAPI:
        # Like eth-tester: keep the gas limit constant instead of letting it drift per block.
        header_params["gas_limit"] = parent_header.gas_limit
        return super().create_header_from_parent(parent_header, **header_params)

    def get_transaction_builder(self) -> Any:
        return self.get_vm().get_transaction_builder()


def has_chain(db: AtomicDatabaseAPI) -> bool:
    try:
        ChainDB(db).get_canonical_head()
    except CanonicalHeadNotFound:
        return False
    return True


def create_genesis(db: AtomicDatabaseAPI) -> None:
    """Write the genesis block and state: eth-tester's default accounts, each funded."""
    genesis_state = generate_genesis_state_for_keys(get_default_account_keys())
    EmbeddedEVMChain.from_genesis(db, get_default_genesis_params(), genesis_state)


class PersistentPyEVMBackend(PyEVMBackend):  # type: ignore[misc]  # eth-tester is untyped
    """A `PyEVMBackend` whose chain lives in `db`; `db` must already hold a genesis block."""

    def __init__(self, db: SqliteKV) -> None:
        # Not calling PyEVMBackend.__init__: it would build a throwaway chain in memory.
        self.db = db
        self.account_keys = get_default_account_keys()
        self.chain = EmbeddedEVMChain(db)

    def reset_to_genesis(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError("the embedded chain is persistent: delete its directory to reset it")

    def refresh(self) -> None:
        """Re-read the canonical head, to see blocks another process has written since."""
        self.chain = EmbeddedEVMChain(self.db)

    # eth-tester finds a transaction by scanning every block back from the head: seconds on a
    # chain of some thousand blocks. py-evm keeps an index of canonical transactions: use it.

    def get_transaction_by_hash(self, transaction_hash: bytes) -> Any:
        block, transaction, index = self._find_transaction(transaction_hash)
        if block is None:
            return super().get_transaction_by_hash(transaction_hash)
        return serialize_transaction(block, transaction, index, False)

    def get_transaction_receipt(self, transaction_hash: bytes) -> Any:
        block, transaction, index = self._find_transaction(transaction_hash)
        if block is None:
            return super().get_transaction_receipt(transaction_hash)
        receipts = block.get_receipts(self.chain.chaindb)
        return serialize_transaction_receipt(block, receipts, transaction, index, False, self.chain.get_vm())

    def _find_transaction(self, transaction_hash: bytes) -> tuple[Any, Any, int]:
        """(block, transaction, index) of a mined transaction; (None, None, 0) when it is in the
        pending block (eth-tester's own lookup serves it); TransactionNotFound otherwise."""
        try:
            number, index = self.chain.chaindb.get_transaction_index(Hash32(transaction_hash))
        except EVMTransactionNotFound:
            if any(tx.hash == transaction_hash for tx in self.chain.get_block().transactions):
                return None, None, 0
            raise TransactionNotFound(f"no transaction 0x{transaction_hash.hex()}") from None
        block = self.chain.get_canonical_block_by_number(number)
        return block, block.transactions[index], index

    # Calls and estimates keep the EVM's error, revert data included (see embedded_reverts).

    def call(self, transaction: dict[str, Any], block_number: Any = "latest") -> bytes:
        transaction = {"gas": self._max_available_gas(), **transaction}
        unsigned = self._get_normalized_and_unsigned_evm_transaction(transaction, block_number)
        spoofed = SpoofTransaction(unsigned, from_=transaction["from"])
        computation = _execute_and_revert_transaction(self.chain, spoofed, block_number)
        if computation.is_error:
            raise ExecutionFailed(computation.error)
        return bytes(computation.output)

    def estimate_gas(self, transaction: dict[str, Any], block_number: Any = "latest") -> int:
        try:
            return int(super().estimate_gas(transaction, block_number))
        except TransactionFailed as failed:
            if failed.args and isinstance(failed.args[0], VMError):
                raise ExecutionFailed(failed.args[0]) from None
            raise

    def mine_blocks(self, num_blocks: int = 1, coinbase: bytes = bytes(20)) -> Any:
        with self.db.durable():
            return super().mine_blocks(num_blocks, coinbase)

    # The pending block's header is made when the previous block is mined, possibly long ago;
    # a transaction must see the time it is sent (block.timestamp is the anchor's anchoredAt).

    def send_raw_transaction(self, raw_transaction: bytes) -> Any:
        self._stamp_pending_block()
        return super().send_raw_transaction(raw_transaction)

    def send_signed_transaction(self, signed_transaction: Any, block_number: Any = "latest") -> Any:
        self._stamp_pending_block()
        return super().send_signed_transaction(signed_transaction, block_number)

    def send_transaction(self, transaction: Any) -> Any:
        self._stamp_pending_block()
        return super().send_transaction(transaction)

    def _stamp_pending_block(self) -> None:
        header = self.chain.header
        now = int(time.time())
        if header.gas_used == 0 and now > header.timestamp:  # still empty: no tx saw the old time
            self.chain.set_header_timestamp(now)
