"""Enforcement: evidence fixed in the log (a file's hash and size, the case it serves)."""

from __future__ import annotations

from pydantic import BaseModel


class EvidenceOut(BaseModel):
    id: str
    version: int
    sha256: str
    size: int
    name: str
    case: str | None
    note: str | None
    leaf_hash: str
