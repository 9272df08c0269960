"""Business rows against the ledger: the latest version of each thing must state what its rows
say now, and every row that must have an entry has one. Older versions are history: they are
checked by their bytes and their chaining (registry.audit.entries), never against today's rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from registry.audit.entries import Key, Latest
from registry.audit.findings import AuditReport, shown
from registry.audit.steps import failure, guarded
from registry.kinds.checks import BodyCheck, RunCheck

_BATCH = 500


def check_rows(
    session: Session, report: AuditReport, latest: dict[Key, Latest], checks: Iterable[BodyCheck]
) -> None:
    for check in checks:
        kind = check.kind
        stated = {entity_id: v for (k, entity_id), v in latest.items() if k == kind}
        ordered = sorted(stated)
        for start in range(0, len(ordered), _BATCH):
            batch = ordered[start : start + _BATCH]
            # Held until the batch is compared: the session keeps loaded rows only while referenced.
            held = check.prefetch(session, batch) if check.prefetch is not None else None
            for entity_id in batch:
                _compare(session, report, check, entity_id, stated[entity_id])
            del held
            session.expunge_all()  # a large registry is compared batch by batch, not held whole
        if check.ids is not None:
            for entity_id in check.ids(session):
                if entity_id not in stated:
                    report.add(
                        "rows",
                        "a row exists but no entry was ever recorded for it",
                        kind=kind,
                        entry_id=entity_id,
                    )


def _compare(
    session: Session, report: AuditReport, check: BodyCheck, entity_id: str, version: Latest
) -> None:
    report.count(f"{check.kind} rows")
    subject = {"kind": check.kind, "entry_id": entity_id, "version": version.version}
    try:
        expected = check.expected(session, entity_id)
    except Exception as exc:
        # Rows that no service could have written (a share of a party that does not exist, a
        # payload that is not UTF-8 JSON...): a finding, and the next thing is compared.
        problem = f"the rows cannot be read as a {check.kind}: {failure(exc)}"
        report.add("rows", problem, **subject)
        return
    if expected is None:
        report.add("rows", "no business row holds this thing any more", **subject)
        return
    body = {k: v for k, v in version.body.items() if k not in check.ignore}
    for problem in differences(body, {k: v for k, v in expected.items() if k not in check.ignore}):
        report.add("rows", problem, **subject)


def differences(entry: Mapping[str, Any], rows: Mapping[str, Any], path: str = "") -> list[str]:
    """What differs between the entry's body and the body the rows give, key by key."""
    out = []
    for key in sorted(set(entry) | set(rows), key=str):
        name = f"{path}{key}"
        if key not in rows:
            out.append(f"{name}: the entry says {shown(entry[key])}, the rows have no such fact")
        elif key not in entry:
            out.append(f"{name}: the rows say {shown(rows[key])}, the entry does not state it")
        elif isinstance(entry[key], Mapping) and isinstance(rows[key], Mapping):
            out += differences(entry[key], rows[key], f"{name}.")
        elif _same_length_lists(entry[key], rows[key]):
            out += differences(_indexed(entry[key]), _indexed(rows[key]), name)
        elif entry[key] != rows[key]:
            out.append(f"{name}: the entry says {shown(entry[key])}, the rows say {shown(rows[key])}")
    return out


def check_runs(session: Session, report: AuditReport, checks: Iterable[RunCheck]) -> None:
    for check in checks:
        name = check.name
        for run in check.runs(session):
            report.count(f"{name} runs")
            where = f"{name} {run}"
            problems: list[str] = guarded(report, "run", [], check.check, session, run, where=where)
            for problem in problems:
                report.add("run", problem, where=where)


def _same_length_lists(a: Any, b: Any) -> bool:
    return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and a != b


def _indexed(items: list[Any]) -> dict[str, Any]:
    return {f"[{n}]": item for n, item in enumerate(items)}
