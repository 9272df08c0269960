"""A recorded signed transaction decodes to fields that sign to the very same bytes: what the job
needs to replace a stuck transaction (same nonce, call and gas; only the fees change)."""

from __future__ import annotations

import pytest
from eth_account import Account

from anchor.job import decode_transaction

KEY = Account.from_key("0x" + "42" * 32)
TO = "0x" + "11" * 20


@pytest.mark.parametrize(
    "fees",
    [
        {"maxFeePerGas": 3_000_000_000, "maxPriorityFeePerGas": 1_000_000_000, "type": 2},
        {"gasPrice": 2_000_000_000},
    ],
    ids=["eip1559", "legacy"],
)
def test_a_signed_transaction_decodes_to_what_was_signed(fees: dict[str, int]) -> None:
    tx = {
        "chainId": 1337,
        "nonce": 7,
        "to": TO,
        "value": 0,
        "data": b"\xaf\x16\xd2\xa3" + b"\x00" * 64,
        "gas": 90_000,
    }
    raw = "0x" + bytes(KEY.sign_transaction(tx | fees).raw_transaction).hex()
    fields = decode_transaction(raw)
    assert (fields["nonce"], fields["gas"], fields["to"].lower(), bytes(fields["data"])) == (
        7,
        90_000,
        TO,
        tx["data"],
    )
    if "gasPrice" in fees:
        assert fields["chainId"] == 1337  # legacy bytes carry it in v (EIP-155)
        assert fields["gasPrice"] == fees["gasPrice"]
    resigned = "0x" + bytes(KEY.sign_transaction(fields).raw_transaction).hex()
    assert resigned == raw


def test_bytes_that_are_not_a_transaction_are_refused() -> None:
    with pytest.raises(Exception):  # noqa: B017  # rlp or eth-account: either names the problem
        decode_transaction("0x02c0ffee")
