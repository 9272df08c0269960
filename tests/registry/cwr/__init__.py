"""Tests of the CWR parser. Helpers to read the shared sample files and to edit them line by line
(fixed-width fields, 1-based positions as in the CWR specification)."""

from __future__ import annotations

from pathlib import Path

from tests.paths import SAMPLES

CWR_SAMPLES = SAMPLES / "cwr"


def sample(name: str) -> bytes:
    return (CWR_SAMPLES / name).read_bytes()


def sample_paths() -> list[Path]:
    return sorted(p for p in CWR_SAMPLES.iterdir() if p.suffix.upper() in (".V21", ".V22"))


def lines_of(data: bytes) -> list[str]:
    return data.decode("latin-1").splitlines()


def join(lines: list[str], ending: str = "\r\n") -> bytes:
    return (ending.join(lines) + ending).encode("latin-1")


def put(line: str, start: int, value: str) -> str:
    """`line` with `value` written from 1-based position `start` (padding the line if needed)."""
    line = line.ljust(start - 1 + len(value))
    return line[: start - 1] + value + line[start - 1 + len(value) :]


def recount(lines: list[str]) -> list[str]:
    """Rewrite the GRT and TRL control counts to match the records (files without ACKs)."""
    out: list[str] = []
    group_records = transactions = total_transactions = groups = 0
    for line in lines:
        rt = line[:3]
        if rt == "GRH":
            group_records, transactions = 0, 0
        if rt in ("NWR", "REV", "ISW", "EXC", "AGR", "ACK"):
            transactions += 1
        group_records += 1
        if rt == "GRT":
            groups += 1
            total_transactions += transactions
            line = put(line, 9, f"{transactions:08d}{group_records:08d}")
        if rt == "TRL":
            line = put(line, 4, f"{groups:05d}{total_transactions:08d}{len(out) + 1:08d}")
        out.append(line)
    return out
