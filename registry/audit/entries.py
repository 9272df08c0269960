"""The recorded entries: each one's canonical bytes parse, give its stored leaf hash, agree with
the columns it is looked up by, and chain to the previous version of the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import Entry, parse_entry
from ledger.errors import LedgerError
from registry.audit.findings import AuditReport, shown
from registry.kinds.checks import Checks
from registry.models import entry_table

_BATCH = 5_000  # rows fetched at a time: a large ledger is streamed, never loaded whole


@dataclass(frozen=True, slots=True)
class Latest:
    """The newest version of a thing, as its entry states it."""

    version: int
    seq: int
    body: dict[str, Any]


Key = tuple[str, str]


def check_entries(session: Session, report: AuditReport, checks: Checks) -> dict[Key, Latest]:
    """Check every entry (and run the entry checks); return the latest version of each thing of
    the kinds whose rows are compared (the body checks')."""
    wanted_kinds = checks.body_kinds()
    entry_problems = checks.entry_problems()
    chain: dict[Key, tuple[int, bytes]] = {}  # (kind, id) -> (version, leaf hash of its bytes)
    latest: dict[Key, Latest] = {}
    t = entry_table.c
    rows = session.execute(
        select(t.seq, t.kind, t.entry_id, t.version, t.prev_hash, t.leaf_hash, t.canonical, t.private)
        .order_by(t.seq)
        .execution_options(yield_per=_BATCH)
    )
    for seq, kind, entry_id, version, prev_hash, stored_hash, canonical, private in rows:
        report.count("entries")
        where = f"ledger_entry seq {seq}"
        subject = {"kind": kind, "entry_id": entry_id, "version": version, "where": where}
        raw = bytes(canonical)
        digest = sha256(b"\x00" + raw).digest()
        if digest != bytes(stored_hash):
            report.add(
                "leaf_hash",
                f"stored leaf hash {bytes(stored_hash).hex()} but the canonical bytes hash to {digest.hex()}",
                **subject,
            )
        try:
            entry = parse_entry(raw)
        except (LedgerError, ValueError) as exc:
            report.add("canonical", f"the stored bytes are not a valid canonical entry: {exc}", **subject)
            continue
        subject = {"kind": entry.kind, "entry_id": entry.id, "version": entry.version, "where": where}
        _columns(report, entry, (kind, entry_id, version, prev_hash, private), subject)
        _chained(report, entry, chain, digest, subject)
        for check in entry_problems.get(entry.kind, ()):
            for problem in check(entry):
                report.add("entry", problem, **subject)
        key = (entry.kind, entry.id)
        if entry.kind in wanted_kinds and (key not in latest or latest[key].version < entry.version):
            latest[key] = Latest(entry.version, seq, dict(entry.body))
    return latest


def _columns(report: AuditReport, entry: Entry, columns: tuple[Any, ...], subject: dict[str, Any]) -> None:
    """The columns services look entries up by must say what the bytes say."""
    stated = {
        "kind": entry.kind,
        "entry_id": entry.id,
        "version": entry.version,
        "prev_hash": entry.prev,
        "private": entry.private,
    }
    for (name, says), column in zip(stated.items(), columns, strict=True):
        if (bool(column) if name == "private" else column) != says:
            report.add(
                "columns",
                f"column {name} is {shown(column)} but the entry's bytes say {shown(says)}",
                **subject,
            )


def _chained(
    report: AuditReport,
    entry: Entry,
    chain: dict[Key, tuple[int, bytes]],
    digest: bytes,
    subject: dict[str, Any],
) -> None:
    """Version n follows version n-1 and names its leaf hash as prev."""
    key = (entry.kind, entry.id)
    before = chain.get(key)
    expected_version = 1 if before is None else before[0] + 1
    if entry.version != expected_version:
        found = "no earlier version" if before is None else f"version {before[0]} before it"
        report.add(
            "prev_chain",
            f"version {entry.version} follows {found} (expected version {expected_version})",
            **subject,
        )
    elif before is not None and entry.prev != before[1].hex():
        report.add(
            "prev_chain",
            f"prev is {entry.prev} but version {before[0]} has leaf hash {before[1].hex()}",
            **subject,
        )
    if before is None or entry.version > before[0]:
        chain[key] = (entry.version, digest)
