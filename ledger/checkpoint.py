"""C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint): origin, size, root, extensions."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from ledger.errors import CheckpointError

_SIZE = re.compile(r"0|[1-9][0-9]{0,19}")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.origin or not self.origin.isprintable() or self.origin != self.origin.strip():
            raise CheckpointError(f"origin {self.origin!r} must be a non-empty printable line")
        if not 0 <= self.size < 2**64:
            raise CheckpointError(f"tree size {self.size} is outside 0..2**64-1")
        if len(self.root) != 32:
            raise CheckpointError(f"root is {len(self.root)} bytes, not 32")
        for line in self.extensions:
            if not line or "\n" in line or not line.isprintable():
                raise CheckpointError(f"extension line {line!r} must be a non-empty printable line")

    def body(self) -> str:
        lines = [self.origin, str(self.size), base64.b64encode(self.root).decode(), *self.extensions]
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, body: str) -> Checkpoint:
        if not body.endswith("\n"):
            raise CheckpointError("checkpoint body must end with a newline")
        lines = body[:-1].split("\n")
        if len(lines) < 3:
            raise CheckpointError("checkpoint needs origin, tree size and root lines")
        origin, size, root = lines[:3]
        if not _SIZE.fullmatch(size):
            raise CheckpointError(f"tree size {size!r} is not a decimal without leading zeros")
        try:
            raw = base64.b64decode(root, validate=True)
        except (binascii.Error, ValueError):  # ValueError: non-ASCII text
            raise CheckpointError(f"root {root!r} is not standard base64") from None
        return cls(origin, int(size), raw, tuple(lines[3:]))


def note_hash(note: str) -> bytes:
    """SHA-256 of the whole signed note: what goes on chain beside (size, root), so the chain
    commits to the exact signed checkpoint, signatures included."""
    return hashlib.sha256(note.encode("utf-8")).digest()
