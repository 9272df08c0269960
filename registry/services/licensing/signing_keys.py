"""Ed25519 keys for e-contracts: PEM in and out, raw public keys, fingerprints, signatures.

A licensee's key is generated at onboarding (the private key handed over once as a PEM file,
never stored by us) or the licensee registers its own public key. We keep public keys only."""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from registry.services.licensing.errors import LicensingError

ALGORITHM = "Ed25519"


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_pem(key: Ed25519PrivateKey, passphrase: str | None = None) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def raw_public(key: Ed25519PublicKey | Ed25519PrivateKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def load_private_pem(data: bytes, passphrase: str | None = None, *, where: str = "key") -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode() if passphrase else None)
    except TypeError as exc:  # encrypted without a passphrase, or a passphrase for a clear key
        raise LicensingError(f"{where}: {exc}") from None
    except (ValueError, UnsupportedAlgorithm):
        raise LicensingError(f"{where} is not a PEM private key (or the passphrase is wrong)") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise LicensingError(f"{where} is not an Ed25519 key")
    return key


def load_public_pem(data: bytes, *, where: str = "public key") -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise LicensingError(f"{where} is not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise LicensingError(f"{where} is not an Ed25519 public key")
    return key


def public_from_raw(raw: bytes, *, where: str = "public key") -> Ed25519PublicKey:
    if len(raw) != 32:
        raise LicensingError(f"{where} must be 32 bytes, got {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str, *, where: str) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (ValueError, AttributeError):
        raise LicensingError(f"{where} is not base64") from None


def fingerprint(raw_public_key: bytes) -> str:
    """SHA-256 of the raw public key, hex: how people compare keys by eye."""
    return hashlib.sha256(raw_public_key).hexdigest()


def signature_valid(raw_public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        public_from_raw(raw_public_key).verify(signature, message)
    except (InvalidSignature, LicensingError, ValueError):
        return False
    return True
