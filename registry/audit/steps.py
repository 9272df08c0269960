"""Each step of the audit runs guarded: whatever it raises on a damaged row or file (a Parquet
file out of specification, a payload that is not JSON...) becomes a finding naming the step and
the error, and the audit goes on with the next step. An audit that stops on the first damage
would hide every other discrepancy, and print no report at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from registry.audit.findings import AuditReport

_SHOWN = 200  # characters of an error's message quoted in a finding

T = TypeVar("T")


def guarded(
    report: AuditReport, check: str, fallback: T, step: Callable[..., T], *args: Any, **subject: Any
) -> T:
    """`step(*args)`, or `fallback` after adding a finding when it raises."""
    try:
        return step(*args)
    except Exception as exc:  # any failure to read is a finding, never a crash of the audit
        report.add(check, f"could not be checked: {failure(exc)}", **subject)
        return fallback


def failure(exc: BaseException) -> str:
    """The error, in one line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else "(no message)"
    return f"{type(exc).__name__}: {first if len(first) <= _SHOWN else first[: _SHOWN - 1] + '…'}"
