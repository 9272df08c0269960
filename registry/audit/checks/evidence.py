"""Evidence has no business rows: the entry is the fact. Each version must still be well formed:
its id is derived from the file's SHA-256, and it states the size and name of the file."""

from __future__ import annotations

import re

from ledger.entry import Entry
from registry.audit.declarations import Checks, EntryCheck
from registry.services.enforcement.evidence import evidence_id

_SHA256 = re.compile(r"[0-9a-f]{64}")


def evidence_problems(entry: Entry) -> list[str]:
    body = entry.body
    sha = body.get("sha256")
    problems = []
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        problems.append(f"sha256 {sha!r} is not 64 lowercase hex digits")
    elif entry.id != evidence_id(sha):
        problems.append(f"id {entry.id!r} is not {evidence_id(sha)!r}, the id its sha256 gives")
    size = body.get("size")
    if type(size) is not int or size < 0:
        problems.append(f"size {size!r} is not a whole number of bytes")
    if not isinstance(body.get("name"), str) or not body.get("name"):
        problems.append("the file's name is missing")
    return problems


CHECKS = Checks(entry=(EntryCheck("evidence", evidence_problems),))
