"""The log descriptor: the log's identity, published once and pinned by every verifier. It names
the origin, the verifier key(s), the chain and the anchor contract(s) (a log may move to a later
contract), and the witnesses' keys, and is signed with the log key. A proof's own fields are only
claims to check against it."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from ledger.bounded_json import read_json
from ledger.canonical import canonical_bytes
from ledger.errors import DescriptorError, LedgerError, ProofFileError
from ledger.note import Signer, Verifier

DESCRIPTOR_FORMAT = "rightsledger-log-descriptor/v1"
DESCRIPTOR_FILE = "log-descriptor.json"  # its name in a data directory, and what the API serves
# Signed bytes: this line, then the canonical JSON. It never ends in a newline, so it can never be
# the body of a signed note (which the same key signs): a signature of one is no signature of the other.
_CONTEXT = (DESCRIPTOR_FORMAT + "\n").encode()
_FIELDS = {"format", "origin", "verifier_keys", "chain_id", "contracts", "witness_keys"}


@dataclass(frozen=True, slots=True)
class LogDescriptor:
    origin: str
    verifier_keys: tuple[str, ...]
    chain_id: int
    contracts: tuple[str, ...]  # oldest first; the last is where the log anchors now
    witness_keys: tuple[str, ...] = ()

    def body(self) -> dict[str, Any]:
        return {
            "format": DESCRIPTOR_FORMAT,
            "origin": self.origin,
            "verifier_keys": list(self.verifier_keys),
            "chain_id": self.chain_id,
            "contracts": list(self.contracts),
            "witness_keys": list(self.witness_keys),
        }

    def verifiers(self) -> tuple[Verifier, ...]:
        return tuple(Verifier.from_vkey(key) for key in self.verifier_keys)


def sign_descriptor(descriptor: LogDescriptor, signer: Signer) -> str:
    """The descriptor as a JSON document signed by `signer`, which must be one of its keys."""
    if signer.verifier().vkey not in descriptor.verifier_keys:
        raise DescriptorError("the signing key is not one of the descriptor's verifier keys")
    body = descriptor.body()
    signature = signer.sign(_CONTEXT + canonical_bytes(body))
    doc = {"descriptor": body, "signature": base64.b64encode(signature).decode()}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def read_descriptor(text: str | bytes) -> LogDescriptor:
    """Parse a signed descriptor, refusing any field of the wrong type (numbers must be JSON
    integers) and a signature that none of its own verifier keys makes."""
    try:
        doc = read_json(text, "not a JSON log descriptor")
    except ProofFileError as exc:
        raise DescriptorError(str(exc)) from None
    if not isinstance(doc, dict) or set(doc) != {"descriptor", "signature"}:
        raise DescriptorError("a log descriptor is an object with 'descriptor' and 'signature'")
    body = doc["descriptor"]
    if not isinstance(body, dict) or set(body) != _FIELDS or body["format"] != DESCRIPTOR_FORMAT:
        raise DescriptorError(f"descriptor must have exactly {sorted(_FIELDS)}, format {DESCRIPTOR_FORMAT!r}")
    if type(body["chain_id"]) is not int or body["chain_id"] <= 0:
        raise DescriptorError("chain_id must be a positive JSON integer")
    descriptor = LogDescriptor(
        origin=_text(body["origin"], "origin"),
        verifier_keys=_texts(body["verifier_keys"], "verifier_keys"),
        chain_id=body["chain_id"],
        contracts=_texts(body["contracts"], "contracts"),
        witness_keys=_texts(body["witness_keys"], "witness_keys"),
    )
    if not descriptor.verifier_keys:
        raise DescriptorError("verifier_keys must name at least one key")
    try:
        verifiers = descriptor.verifiers()
        for key in descriptor.witness_keys:
            Verifier.from_vkey(key)
        signature = base64.b64decode(_text(doc["signature"], "signature"), validate=True)
    except (LedgerError, binascii.Error, ValueError) as exc:
        raise DescriptorError(f"descriptor: {exc}") from None
    message = _CONTEXT + canonical_bytes(body)
    if not any(verifier.verify(message, signature) for verifier in verifiers):
        raise DescriptorError("the descriptor is not signed by any of its verifier keys")
    return descriptor


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise DescriptorError(f"{where} must be a non-empty string")
    return value


def _texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise DescriptorError(f"{where} must be a list of strings")
    return tuple(_text(item, f"{where}[{i}]") for i, item in enumerate(value))
