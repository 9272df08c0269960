"""The log descriptor: signed by the log key it names, every field of its type, nothing else."""

from __future__ import annotations

import json

import pytest

from ledger.descriptor import LogDescriptor, read_descriptor, sign_descriptor
from ledger.errors import DescriptorError
from ledger.note import Signer

ORIGIN = "cmo.example/log"
SIGNER = Signer.generate(ORIGIN)
DESCRIPTOR = LogDescriptor(
    origin=ORIGIN,
    verifier_keys=(SIGNER.verifier().vkey,),
    chain_id=31337,
    contracts=("0x" + "ab" * 20, "0x" + "cd" * 20),
)


def test_a_signed_descriptor_reads_back_the_same() -> None:
    text = sign_descriptor(DESCRIPTOR, SIGNER)
    assert read_descriptor(text) == DESCRIPTOR
    assert read_descriptor(text.encode()).verifiers()[0].vkey == SIGNER.verifier().vkey


def test_only_one_of_its_own_keys_may_sign_it() -> None:
    stranger = Signer.generate(ORIGIN)
    with pytest.raises(DescriptorError, match="not one of"):
        sign_descriptor(DESCRIPTOR, stranger)
    # A stranger who swaps in their own key must sign it: the signature no longer matches the body.
    doc = json.loads(sign_descriptor(DESCRIPTOR, SIGNER))
    doc["descriptor"]["verifier_keys"] = [stranger.verifier().vkey]
    with pytest.raises(DescriptorError, match="not signed"):
        read_descriptor(json.dumps(doc))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("chain_id", "31337", "JSON integer"),
        ("chain_id", 31337.0, "JSON integer"),
        ("chain_id", True, "JSON integer"),
        ("contracts", "0xab", "list"),
        ("contracts", [1], "string"),
        ("origin", "", "non-empty"),
        ("verifier_keys", [], "at least one"),
        ("witness_keys", ["not a key"], "descriptor"),
        ("extra", 1, "exactly"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_not_converted(field: str, value: object, message: str) -> None:
    doc = json.loads(sign_descriptor(DESCRIPTOR, SIGNER))
    doc["descriptor"][field] = value
    with pytest.raises(DescriptorError, match=message):
        read_descriptor(json.dumps(doc))


def test_a_changed_contract_breaks_the_signature() -> None:
    doc = json.loads(sign_descriptor(DESCRIPTOR, SIGNER))
    doc["descriptor"]["contracts"].append("0x" + "ee" * 20)
    with pytest.raises(DescriptorError, match="not signed"):
        read_descriptor(json.dumps(doc))
