"""`evidence`: a document or fact the CMO commits to, by its hash (public).

Evidence has no business rows: the entry is the fact. Each version must still be well formed:
its id is derived from the file's SHA-256, and it states the size and name of the file."""

from __future__ import annotations

import re
from typing import Any

from ledger.entry import Entry
from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import Checks, EntryCheck
from registry.kinds.declaration import Declaration

IDS = entity_ids.EVIDENCE
_SHA256 = re.compile(r"[0-9a-f]{64}")


def evidence_body(
    sha256: str, size: int, name: str, case: str | None = None, note: str | None = None, kept: bool = False
) -> dict[str, Any]:
    # `kept` only when the registry keeps the file itself (uploads): the audit then checks that file.
    body = {"sha256": sha256, "size": size, "name": name, "case": case, "note": note, "kept": kept or None}
    return {k: v for k, v in body.items() if v is not None}


def evidence_problems(entry: Entry) -> list[str]:
    body = entry.body
    sha = body.get("sha256")
    problems = []
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        problems.append(f"sha256 {sha!r} is not 64 lowercase hex digits")
    elif entry.id != IDS.make(sha):
        problems.append(f"id {entry.id!r} is not {IDS.make(sha)!r}, the id its sha256 gives")
    size = body.get("size")
    if type(size) is not int or size < 0:
        problems.append(f"size {size!r} is not a whole number of bytes")
    if not isinstance(body.get("name"), str) or not body.get("name"):
        problems.append("the file's name is missing")
    return problems


DECLARATION = Declaration(
    kind=Kind("evidence", 1, False, "a document or fact the CMO commits to (hash and description)"),
    ids=IDS,
    body=evidence_body,
    about="A document the CMO commits to (a recording of an infringing performance, a play log, a "
    "screenshot). Only the hash is on the ledger; the file stays with the CMO and proves itself by "
    "hashing to it.",
    fields={
        "sha256": "the file's SHA-256",
        "size": "its size in bytes",
        "name": "its file name",
        "case": "optional: the enforcement case it belongs to",
        "note": "optional: a note",
        "kept": "`true` when the registry keeps the file (uploaded through the API, under "
        "`<data dir>/documents/evidence/<sha256>`): the audit checks that file",
    },
    checks=Checks(entry=(EntryCheck("evidence", evidence_problems),)),
)
