"""Proof files: `.rlproof` (JSON) and C2SP `tlog-proof@v1` text, and their verification.

A proof holds the entry (with its salt when private and the holder is entitled to it, otherwise
only its leaf hash), its leaf index, the inclusion proof, the signed checkpoint note, and the
anchor on chain. Verification needs only the file, the log's verifier key and, for the chain step,
a chain node: `verify_proof` reports each step so a reader sees exactly what failed and why.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ledger.checkpoint import Checkpoint
from ledger.entry import Entry, parse_entry
from ledger.errors import LedgerError, ProofFileError
from ledger.merkle import verify_inclusion
from ledger.note import Verifier, open_note, verify_note

RLPROOF_FORMAT = "rightsledger-proof/v1"
TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1"
MAX_PROOF_HASHES = 64  # a tree of 2**64 leaves needs at most 64; anything longer is hostile
MAX_JSON_DEPTH = 64  # a proof nests a few levels (an entry body a few more): deeper is hostile
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where the checkpoint was anchored: enough to find it on any node of that chain."""

    chain_id: int
    contract: str
    checkpoint_index: int
    tx_hash: str
    block_number: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "chain_id": self.chain_id,
            "contract": self.contract,
            "checkpoint_index": self.checkpoint_index,
            "tx_hash": self.tx_hash,
            "block_number": self.block_number,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Anchor:
        try:
            anchor = cls(
                int(raw["chain_id"]),
                str(raw["contract"]),
                int(raw["checkpoint_index"]),
                str(raw["tx_hash"]),
                int(raw["block_number"]),
            )
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise ProofFileError(f"anchor: missing or malformed field {exc}") from None
        return anchor


@dataclass(frozen=True, slots=True)
class ProofFile:
    leaf_index: int
    inclusion: tuple[bytes, ...]
    checkpoint_note: str
    entry: Entry | None = None
    leaf_hash: bytes | None = None
    anchor: Anchor | None = None

    def __post_init__(self) -> None:
        if self.entry is None and self.leaf_hash is None:
            raise ProofFileError("a proof needs the entry or at least its leaf hash")
        if self.leaf_index < 0:
            raise ProofFileError(f"leaf_index {self.leaf_index} is negative")
        if len(self.inclusion) > MAX_PROOF_HASHES:
            raise ProofFileError(f"inclusion proof has {len(self.inclusion)} hashes; at most 64")

    @property
    def claimed_leaf_hash(self) -> bytes:
        if self.entry is not None:
            return self.entry.leaf_hash()
        assert self.leaf_hash is not None
        return self.leaf_hash

    def checkpoint(self) -> Checkpoint:
        """The checkpoint inside the note, parsed without checking its signatures."""
        body, _ = open_note(self.checkpoint_note)
        return Checkpoint.parse(body)

    # --- .rlproof -------------------------------------------------------------------------
    def to_json(self) -> str:
        doc: dict[str, Any] = {
            "format": RLPROOF_FORMAT,
            # From the hashed bytes, not the live object: what is written is what was hashed.
            "entry": json.loads(self.entry.canonical()) if self.entry else None,
            "leaf_hash": self.claimed_leaf_hash.hex(),
            "leaf_index": self.leaf_index,
            "inclusion_proof": [base64.b64encode(h).decode() for h in self.inclusion],
            "checkpoint": self.checkpoint_note,
            "anchor": self.anchor.to_dict() if self.anchor else None,
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> ProofFile:
        if _too_deep(text):
            raise ProofFileError(f"not a JSON proof file: nested deeper than {MAX_JSON_DEPTH} levels")
        try:
            doc = json.loads(text)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: deep nesting
            raise ProofFileError(f"not a JSON proof file: {exc}") from None
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
        return cls(
            leaf_index=index,
            inclusion=tuple(_b64_hash(h, f"inclusion_proof[{i}]") for i, h in enumerate(hashes)),
            checkpoint_note=note,
            entry=entry,
            leaf_hash=leaf_hash,
            anchor=Anchor.from_dict(anchor) if anchor else None,
        )

    # --- c2sp.org/tlog-proof@v1 -------------------------------------------------------------
    def to_tlog_proof(self) -> str:
        """The C2SP text form. `extra` carries the canonical entry bytes when the entry is known
        (unauthenticated by the format, so the verifier re-hashes them)."""
        lines = [TLOG_PROOF_HEADER]
        if self.entry is not None:
            lines.append("extra " + base64.b64encode(self.entry.canonical()).decode())
        lines.append(f"index {self.leaf_index}")
        lines.extend(base64.b64encode(h).decode() for h in self.inclusion)
        return "\n".join(lines) + "\n\n" + self.checkpoint_note

    @classmethod
    def from_tlog_proof(
        cls, text: str, *, leaf_hash: bytes | None = None, anchor: Anchor | None = None
    ) -> ProofFile:
        head, sep, note = text.partition("\n\n")
        if not sep:
            raise ProofFileError("tlog-proof: no blank line before the checkpoint")
        lines = head.split("\n")
        if lines[0] != TLOG_PROOF_HEADER:
            raise ProofFileError(f"tlog-proof: first line must be {TLOG_PROOF_HEADER!r}")
        position, entry = 1, None
        if position < len(lines) and lines[position].startswith("extra "):
            raw = _b64(lines[position][6:], "tlog-proof extra")
            if _too_deep(raw):
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
        return cls(
            leaf_index=index,
            inclusion=tuple(_b64_hash(h, f"tlog-proof hash {i}") for i, h in enumerate(hashes)),
            checkpoint_note=note,
            entry=entry,
            leaf_hash=leaf_hash,
            anchor=anchor,
        )


def load_proof(data: bytes | str) -> ProofFile:
    """Read either format, recognised by its content."""
    try:
        text = data.decode("utf-8", errors="strict") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise ProofFileError(f"not UTF-8 at byte {exc.start}: not a proof file") from None
    if text.lstrip().startswith("{"):
        return ProofFile.from_json(text)
    return ProofFile.from_tlog_proof(text)


# --- verification ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Step:
    name: str
    ok: bool
    detail: str


@dataclass
class Report:
    steps: list[Step] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.ok for step in self.steps)

    @property
    def failed(self) -> Step | None:
        return next((step for step in self.steps if not step.ok), None)

    def to_dict(self) -> dict[str, Any]:
        return {"valid": self.ok, "steps": [vars_of(s) for s in self.steps]}


def vars_of(step: Step) -> dict[str, Any]:
    return {"step": step.name, "ok": step.ok, "detail": step.detail}


# A later check (the on-chain step from anchor/) receives the proof and its parsed checkpoint.
ExtraCheck = Callable[[ProofFile, Checkpoint], Step]


def verify_proof(
    proof: ProofFile,
    verifier_keys: Iterable[Verifier | str],
    *,
    origin: str | None = None,
    extra_checks: Sequence[ExtraCheck] = (),
) -> Report:
    """Check a proof step by step: leaf hash, inclusion, note signature, then any extra checks.
    Every step runs that can, so the report shows all that is wrong, not only the first."""
    report = Report()
    leaf = _step_leaf_hash(proof, report)
    try:
        checkpoint = proof.checkpoint()
    except LedgerError as exc:
        report.steps.append(Step("checkpoint", False, f"the checkpoint note cannot be read: {exc}"))
        return report
    try:
        verify_inclusion(leaf, proof.leaf_index, checkpoint.size, proof.inclusion, checkpoint.root)
        report.steps.append(
            Step(
                "inclusion",
                True,
                f"leaf {proof.leaf_index} is in the tree of {checkpoint.size} "
                f"with root {checkpoint.root.hex()}",
            )
        )
    except LedgerError as exc:
        report.steps.append(Step("inclusion", False, str(exc)))
    report.steps.append(_step_signature(proof, checkpoint, verifier_keys, origin))
    for check in extra_checks:
        try:
            report.steps.append(check(proof, checkpoint))
        except Exception as exc:  # a failing check is a finding, never a crash of the verifier
            report.steps.append(Step(getattr(check, "step_name", "extra check"), False, str(exc)))
    return report


def _step_leaf_hash(proof: ProofFile, report: Report) -> bytes:
    if proof.entry is None:
        assert proof.leaf_hash is not None
        report.steps.append(
            Step("leaf hash", True, f"{proof.leaf_hash.hex()} (entry not included: hash taken as given)")
        )
        return proof.leaf_hash
    computed = proof.entry.leaf_hash()
    if proof.leaf_hash is not None and proof.leaf_hash != computed:
        report.steps.append(
            Step(
                "leaf hash",
                False,
                f"the entry hashes to {computed.hex()} but the file states "
                f"{proof.leaf_hash.hex()}: the entry was altered",
            )
        )
    else:
        report.steps.append(
            Step(
                "leaf hash",
                True,
                f"{computed.hex()} = SHA-256(0x00 || canonical entry "
                f"{proof.entry.kind} {proof.entry.id} v{proof.entry.version})",
            )
        )
    return computed


def _step_signature(
    proof: ProofFile, checkpoint: Checkpoint, verifier_keys: Iterable[Verifier | str], origin: str | None
) -> Step:
    try:
        verify_note(proof.checkpoint_note, verifier_keys)
    except LedgerError as exc:
        return Step("note signature", False, str(exc))
    if origin is not None and checkpoint.origin != origin:
        return Step("note signature", False, f"checkpoint is from log {checkpoint.origin!r}, not {origin!r}")
    return Step(
        "note signature",
        True,
        f"checkpoint of {checkpoint.origin!r} at size {checkpoint.size} is signed by a trusted log key",
    )


def _too_deep(text: str | bytes) -> bool:
    """Whether the JSON nests deeper than MAX_JSON_DEPTH: the C decoder recurses per level, and a
    process that raised its recursion limit would overflow its stack on a hostile file."""
    raw = text.encode("utf-8", "replace") if isinstance(text, str) else text
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return False
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


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
