"""The compiled contract, committed under anchor/artifacts/ by `npm run compile`: Python never
needs Node or a compiler at run time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@dataclass(frozen=True)
class Artifact:
    name: str
    abi: list[dict[str, Any]]
    bytecode: str
    compiler: str
    source_hash: str


@cache
def load_artifact(name: str = "RightsLedgerAnchor") -> Artifact:
    path = ARTIFACTS / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `npm run compile`")
    doc = json.loads(path.read_text())
    return Artifact(name, doc["abi"], doc["bytecode"], doc["compiler"], doc["sourceHash"])
