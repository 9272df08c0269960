"""Failed calls on the embedded chain answer as a node's JSON-RPC error, with the revert data.

eth-tester reports a revert as `TransactionFailed` with the revert data turned into text, so a
Solidity custom error could not be decoded. Geth, Anvil and Hardhat answer
`{"code": 3, "message": "execution reverted[: reason]", "data": "0x<revert data>"}`; answering
the same lets web3 raise what it raises on any node (ContractCustomError, ContractLogicError,
ContractPanicError), so callers handle one set of exceptions whatever the chain.
"""

from __future__ import annotations

from eth.exceptions import Revert, VMError
from eth_abi.abi import decode
from eth_abi.exceptions import DecodingError
from web3.types import RPCError

ERROR_STRING_SELECTOR = bytes.fromhex("08c379a0")  # Error(string), what `require(c, "reason")` reverts with


class ExecutionFailed(Exception):
    """An eth_call or eth_estimateGas stopped on an EVM error (revert, invalid opcode...)."""

    def __init__(self, error: VMError) -> None:
        super().__init__(str(error))
        self.error = error

    def rpc_error(self) -> RPCError:
        if not isinstance(self.error, Revert):
            return {"code": -32000, "message": str(self.error)}
        data = bytes(self.error.args[0]) if self.error.args else b""
        reason = _error_string(data)
        message = "execution reverted" if reason is None else f"execution reverted: {reason}"
        return {"code": 3, "message": message, "data": "0x" + data.hex()}


def _error_string(data: bytes) -> str | None:
    if not data.startswith(ERROR_STRING_SELECTOR):
        return None
    try:
        (reason,) = decode(["string"], data[4:])
    except DecodingError:
        return None
    return str(reason)
