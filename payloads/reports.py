"""The monthly transparency report, as published (and anchored) by the society."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ReportOut(BaseModel):
    """A month's published transparency report (its `transparency_report` entry)."""

    month: str
    id: str
    version: int
    at: str
    leaf_hash: str
    body: dict[str, Any]
