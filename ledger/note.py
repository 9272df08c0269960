"""C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys.

A note is UTF-8 text ending in a newline, a blank line, then signature lines
`— <key name> <base64(key id || signature)>`. A key id is the first 4 bytes of
SHA-256(name || "\\n" || 0x01 || public key). Verification ignores signatures from unknown keys
(as the spec says) but fails on a bad signature from a known key and when no trusted key signed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ledger.errors import NoteError

ED25519 = 0x01
MAX_SIGNATURES = 100
_DASH = "\u2014 "


def _key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([ED25519]) + public).digest()[:4]


def _check_name(name: str) -> None:
    if not name or any(c.isspace() or c == "+" for c in name) or not name.isprintable():
        raise NoteError(f"key name {name!r} must be non-empty, printable, with no spaces or '+'")


@dataclass(frozen=True, slots=True)
class Verifier:
    name: str
    key_id: bytes
    public_key: bytes

    @classmethod
    def from_vkey(cls, vkey: str) -> Verifier:
        """Parse a verifier key string `name+hexkeyid+base64(0x01 || public key)`."""
        parts = vkey.strip().split("+", 2)  # base64 may itself contain '+'
        if len(parts) != 3:
            raise NoteError(f"verifier key {vkey!r} is not name+keyid+key")
        name, hex_id, b64 = parts
        _check_name(name)
        try:
            key_id, raw = bytes.fromhex(hex_id), base64.b64decode(b64, validate=True)
        except (ValueError, binascii.Error):
            raise NoteError(f"verifier key for {name!r} has a malformed key id or base64") from None
        if len(key_id) != 4 or len(raw) != 33 or raw[0] != ED25519:
            raise NoteError(f"verifier key for {name!r} is not an Ed25519 key (type 0x01, 32 bytes)")
        if _key_id(name, raw[1:]) != key_id:
            raise NoteError(f"verifier key for {name!r}: key id does not match the key")
        return cls(name, key_id, raw[1:])

    @property
    def vkey(self) -> str:
        raw = base64.b64encode(bytes([ED25519]) + self.public_key).decode()
        return f"{self.name}+{self.key_id.hex()}+{raw}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    key_id: bytes
    _seed: bytes

    @classmethod
    def generate(cls, name: str) -> Signer:
        _check_name(name)
        seed = Ed25519PrivateKey.generate().private_bytes_raw()
        return cls._from_seed(name, seed)

    @classmethod
    def from_skey(cls, skey: str) -> Signer:
        """Parse a signer key `PRIVATE+KEY+name+hexkeyid+base64(0x01 || seed)`."""
        prefix, _, rest = skey.strip().partition("PRIVATE+KEY+")
        parts = rest.split("+", 2)  # base64 may itself contain '+'
        if prefix or len(parts) != 3:
            raise NoteError("signer key is not PRIVATE+KEY+name+keyid+key")  # never echo a secret
        name, hex_id, b64 = parts
        _check_name(name)
        try:
            raw = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):  # ValueError: non-ASCII text
            raise NoteError(f"signer key for {name!r} is not valid base64") from None
        if len(raw) != 33 or raw[0] != ED25519:
            raise NoteError(f"signer key for {name!r} is not an Ed25519 key")
        signer = cls._from_seed(name, raw[1:])
        if signer.key_id.hex() != hex_id:
            raise NoteError(f"signer key for {name!r}: key id does not match the key")
        return signer

    @classmethod
    def _from_seed(cls, name: str, seed: bytes) -> Signer:
        public = (
            Ed25519PrivateKey.from_private_bytes(seed)
            .public_key()
            .public_bytes(Encoding.Raw, PublicFormat.Raw)
        )
        return cls(name, _key_id(name, public), seed)

    @property
    def skey(self) -> str:
        raw = base64.b64encode(bytes([ED25519]) + self._seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.key_id.hex()}+{raw}"

    def verifier(self) -> Verifier:
        public = Ed25519PrivateKey.from_private_bytes(self._seed).public_key()
        return Verifier(self.name, self.key_id, public.public_bytes(Encoding.Raw, PublicFormat.Raw))

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self._seed).sign(message)

    def __repr__(self) -> str:  # keep the seed out of logs and tracebacks
        return f"Signer(name={self.name!r}, key_id={self.key_id.hex()})"


@dataclass(frozen=True, slots=True)
class Signature:
    name: str
    key_id: bytes
    signature: bytes


def generate_key(name: str) -> tuple[str, str]:
    """A new Ed25519 log key: (signer key string, verifier key string)."""
    signer = Signer.generate(name)
    return signer.skey, signer.verifier().vkey


def _check_body(body: str) -> None:
    if not body.endswith("\n"):
        raise NoteError("note text must end with a newline")
    if any(c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0) for c in body):
        raise NoteError("note text must not contain control characters other than newline")


def sign_note(body: str, signer: Signer | Sequence[Signer]) -> str:
    """Sign `body` (which must end in a newline) with one or more keys; return the note text."""
    _check_body(body)
    signers = [signer] if isinstance(signer, Signer) else list(signer)
    if not signers:
        raise NoteError("a note needs at least one signer")
    message = body.encode("utf-8")
    lines = [f"{_DASH}{s.name} {base64.b64encode(s.key_id + s.sign(message)).decode()}\n" for s in signers]
    return body + "\n" + "".join(lines)


def open_note(text: str) -> tuple[str, list[Signature]]:
    """Split a note into its body and its (unverified) signatures, checking the format."""
    split = text.rfind("\n\n")
    if split < 0:
        raise NoteError("note has no blank line before its signatures")
    body, sig_block = text[: split + 1], text[split + 2 :]
    _check_body(body)
    if not sig_block.endswith("\n"):
        raise NoteError("note signatures must end with a newline")
    signatures: list[Signature] = []
    for number, line in enumerate(sig_block[:-1].split("\n"), start=1):
        if not line.startswith(_DASH):
            raise NoteError(f"signature line {number} does not start with '— '")
        name, _, b64 = line[len(_DASH) :].rpartition(" ")
        try:
            raw = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):  # ValueError: non-ASCII text
            raise NoteError(f"signature line {number} ({name}) is not valid base64") from None
        if not name or len(raw) < 5:
            raise NoteError(f"signature line {number} is too short or has no key name")
        signatures.append(Signature(name, raw[:4], raw[4:]))
    if len(signatures) > MAX_SIGNATURES:
        raise NoteError(f"note has {len(signatures)} signatures; at most {MAX_SIGNATURES} are read")
    return body, signatures


def verify_note(text: str, verifier_keys: Iterable[Verifier | str]) -> str:
    """Return the note body if at least one trusted key signed it; raise NoteError otherwise."""
    verifiers = [v if isinstance(v, Verifier) else Verifier.from_vkey(v) for v in verifier_keys]
    body, signatures = open_note(text)
    message = body.encode("utf-8")
    trusted = {(v.name, v.key_id): v for v in verifiers}
    verified = 0
    for sig in signatures:
        verifier = trusted.get((sig.name, sig.key_id))
        if verifier is None:
            continue  # unknown signers are ignored: a note may carry witnesses we do not know
        if not verifier.verify(message, sig.signature):
            raise NoteError(f"signature by {sig.name} ({sig.key_id.hex()}) does not verify")
        verified += 1
    if not verified:
        known = ", ".join(f"{v.name}+{v.key_id.hex()}" for v in verifiers) or "none given"
        raise NoteError(f"no signature from a trusted key (trusted: {known})")
    return body
