"""The service's own state: alive, and ready (its database and chain answer)."""

from __future__ import annotations

from pydantic import BaseModel


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    chain: str
