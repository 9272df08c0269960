"""Proof files: `.rlproof` (JSON) and C2SP `tlog-proof@v1` text, read with bounds on hostile input
(hash counts, JSON depth) and written from the hashed bytes."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Any

from ledger.bounded_json import MAX_JSON_DEPTH, read_json, too_deep
from ledger.entry import parse_entry
from ledger.errors import LedgerError, ProofFileError
from ledger.proof import MAX_PROOF_HASHES, Anchor, ProofFile

RLPROOF_FORMAT = "rightsledger-proof/v1"
TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1"
_HEX64 = re.compile(r"[0-9a-f]{64}")


def load_proof(data: bytes | str) -> ProofFile:
    """Read either format, recognised by its content."""
    try:
        text = data.decode("utf-8", errors="strict") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise ProofFileError(f"not UTF-8 at byte {exc.start}: not a proof file") from None
    if text.lstrip().startswith("{"):
        return read_rlproof(text)
    return read_tlog_proof(text)


# --- .rlproof -------------------------------------------------------------------------------
def dump_rlproof(proof: ProofFile) -> str:
    doc: dict[str, Any] = {
        "format": RLPROOF_FORMAT,
        # From the hashed bytes, not the live object: what is written is what was hashed.
        "entry": json.loads(proof.entry.canonical()) if proof.entry else None,
        "leaf_hash": proof.claimed_leaf_hash.hex(),
        "leaf_index": proof.leaf_index,
        "inclusion_proof": [base64.b64encode(h).decode() for h in proof.inclusion],
        "checkpoint": proof.checkpoint_note,
        "anchor": anchor_to_dict(proof.anchor) if proof.anchor else None,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def read_rlproof(text: str | bytes) -> ProofFile:
    doc = read_json(text, "not a JSON proof file")
    if not isinstance(doc, dict) or doc.get("format") != RLPROOF_FORMAT:
        raise ProofFileError(f"format must be {RLPROOF_FORMAT!r}")
    entry = None
    if doc.get("entry") is not None:
        try:
            entry = parse_entry(doc["entry"])
        except LedgerError as exc:
            raise ProofFileError(f"entry: {exc}") from None
    leaf_hash = _hex32(doc.get("leaf_hash"), "leaf_hash") if doc.get("leaf_hash") else None
    index = doc.get("leaf_index")
    if type(index) is not int:
        raise ProofFileError("leaf_index must be an integer")
    hashes = doc.get("inclusion_proof")
    if not isinstance(hashes, list):
        raise ProofFileError("inclusion_proof must be a list of base64 hashes")
    if len(hashes) > MAX_PROOF_HASHES:
        raise ProofFileError(f"inclusion_proof has {len(hashes)} hashes; at most 64")
    note = doc.get("checkpoint")
    if not isinstance(note, str):
        raise ProofFileError("checkpoint must be the signed note text")
    anchor = doc.get("anchor")
    if anchor is not None and not isinstance(anchor, dict):
        raise ProofFileError("anchor must be an object or null")
    return ProofFile(
        leaf_index=index,
        inclusion=tuple(_b64_hash(h, f"inclusion_proof[{i}]") for i, h in enumerate(hashes)),
        checkpoint_note=note,
        entry=entry,
        leaf_hash=leaf_hash,
        anchor=anchor_from_dict(anchor) if anchor else None,
    )


def anchor_to_dict(anchor: Anchor) -> dict[str, Any]:
    return {
        "chain_id": anchor.chain_id,
        "contract": anchor.contract,
        "checkpoint_index": anchor.checkpoint_index,
        "tx_hash": anchor.tx_hash,
        "block_number": anchor.block_number,
    }


def anchor_from_dict(raw: Mapping[str, Any]) -> Anchor:
    """The anchor's fields as they are: numbers must be JSON integers ("1337", 1.9 or true are
    refused, never converted), addresses and hashes strings."""
    numbers = [raw.get(name) for name in ("chain_id", "checkpoint_index", "block_number")]
    texts = [raw.get(name) for name in ("contract", "tx_hash")]
    for name, value in zip(("chain_id", "checkpoint_index", "block_number"), numbers, strict=True):
        if type(value) is not int or value < 0:
            raise ProofFileError(f"anchor: {name} must be a non-negative JSON integer")
    for name, value in zip(("contract", "tx_hash"), texts, strict=True):
        if not isinstance(value, str):
            raise ProofFileError(f"anchor: {name} must be a string")
    chain_id, index, block = (int(value) for value in numbers)  # type: ignore[arg-type]
    return Anchor(chain_id, str(texts[0]), index, str(texts[1]), block)


# --- c2sp.org/tlog-proof@v1 -----------------------------------------------------------------
def dump_tlog_proof(proof: ProofFile) -> str:
    """The C2SP text form. `extra` carries the canonical entry bytes when the entry is known
    (unauthenticated by the format, so the verifier re-hashes them)."""
    lines = [TLOG_PROOF_HEADER]
    if proof.entry is not None:
        lines.append("extra " + base64.b64encode(proof.entry.canonical()).decode())
    lines.append(f"index {proof.leaf_index}")
    lines.extend(base64.b64encode(h).decode() for h in proof.inclusion)
    return "\n".join(lines) + "\n\n" + proof.checkpoint_note


def read_tlog_proof(text: str, *, leaf_hash: bytes | None = None, anchor: Anchor | None = None) -> ProofFile:
    head, sep, note = text.partition("\n\n")
    if not sep:
        raise ProofFileError("tlog-proof: no blank line before the checkpoint")
    lines = head.split("\n")
    if lines[0] != TLOG_PROOF_HEADER:
        raise ProofFileError(f"tlog-proof: first line must be {TLOG_PROOF_HEADER!r}")
    position, entry = 1, None
    if position < len(lines) and lines[position].startswith("extra "):
        raw = _b64(lines[position][6:], "tlog-proof extra")
        if too_deep(raw):
            raise ProofFileError(f"tlog-proof extra nests deeper than {MAX_JSON_DEPTH} levels")
        try:
            entry = parse_entry(raw)
        except LedgerError as exc:
            raise ProofFileError(f"tlog-proof extra is not a ledger entry: {exc}") from None
        position += 1
    if position >= len(lines) or not re.fullmatch(r"index (0|[1-9][0-9]*)", lines[position]):
        raise ProofFileError("tlog-proof: expected 'index N' (decimal, no leading zeros)")
    index = int(lines[position][6:])
    hashes = lines[position + 1 :]
    if len(hashes) > MAX_PROOF_HASHES:
        raise ProofFileError(f"tlog-proof has {len(hashes)} hashes; at most 64")
    return ProofFile(
        leaf_index=index,
        inclusion=tuple(_b64_hash(h, f"tlog-proof hash {i}") for i, h in enumerate(hashes)),
        checkpoint_note=note,
        entry=entry,
        leaf_hash=leaf_hash,
        anchor=anchor,
    )


def _b64(value: object, where: str) -> bytes:
    if not isinstance(value, str):
        raise ProofFileError(f"{where}: expected a base64 string")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):  # ValueError: characters outside ASCII
        raise ProofFileError(f"{where}: not valid base64") from None


def _b64_hash(value: object, where: str) -> bytes:
    raw = _b64(value, where)
    if len(raw) != 32:
        raise ProofFileError(f"{where}: hash is {len(raw)} bytes, not 32")
    return raw


def _hex32(value: object, where: str) -> bytes:
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise ProofFileError(f"{where}: expected 64 lowercase hex characters")
    return bytes.fromhex(value)
