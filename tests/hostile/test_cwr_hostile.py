"""Hostile CWR files: hundreds of damaged copies of a valid file (truncated, flipped, inserted and
foreign-encoded bytes, lines dropped, doubled, swapped, cut and oversized). Each either parses or
is refused with one CwrStructureError naming the file and a real line; none crashes. Refused files
write nothing to the database; a bad value inside a transaction rejects that transaction alone."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from registry.cwr import parse_cwr
from registry.cwr.errors import CwrStructureError
from registry.cwr.generate import generate_cwr
from registry.db import transaction
from registry.models import CwrImport, LedgerEntry, Work
from registry.services.repertoire.cwr_import import import_cwr
from tests.hostile.mutations import damaged

VALID = generate_cwr(4, seed=11)
NAME = "hostile.v22"


def _line_of(message: str) -> int:
    match = re.match(rf"{re.escape(NAME)}: line (\d+): \S", message)
    assert match, f"the error does not name the file and line: {message!r}"
    return int(match.group(1))


def test_damaged_files_parse_or_are_refused_naming_the_line() -> None:
    refused = parsed = 0
    for label, data in damaged(VALID, runs=400, seed=1):
        try:
            result = parse_cwr(data, name=NAME)
        except CwrStructureError as exc:
            refused += 1
            line = _line_of(str(exc))
            assert 1 <= line <= data.count(b"\n") + 2, (label, str(exc))
            assert exc.line == line and exc.problem
        else:
            parsed += 1
            for issue in result.issues:
                assert issue.line >= 0, label
    assert refused > 200 and parsed > 0  # both paths taken: the damage is real, the parser tolerant


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"\n\r\n\x1a", "empty"),
        (b"\xff\xfe" + "HDR".encode("utf-16-le"), "control character"),
        (b"GRH" + b"X" * 5_000_000, "HDR"),
        (VALID.replace(b"\n", b"\x00\n", 1), "control character 0x00"),
        (VALID[: len(VALID) // 2], "truncated"),
        (b"HDR" + b"\xe6\x9c\x88" * 100_000 + b"\n", "line 1"),
    ],
    ids=["empty", "blank", "utf16", "huge-no-newline", "nul", "half", "huge-hdr"],
)
def test_classic_hostile_files_name_their_problem(data: bytes, problem: str) -> None:
    with pytest.raises(CwrStructureError) as caught:
        parse_cwr(data, name=NAME)
    assert problem in str(caught.value) and _line_of(str(caught.value)) >= 1


def _counts(factory: sessionmaker[Session]) -> tuple[int, int, int]:
    with factory() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (CwrImport, Work, LedgerEntry)
        )


def test_a_refused_file_writes_nothing(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        import_cwr(session, generate_cwr(2, seed=3), name="first.v22")
    before = _counts(session_factory)
    refused = 0
    for label, data in damaged(VALID, runs=40, seed=2):
        try:
            with transaction(session_factory) as session:
                import_cwr(session, data, name=NAME)
        except CwrStructureError as exc:
            refused += 1
            _line_of(str(exc))
            assert _counts(session_factory) == before, label
        else:
            before = _counts(session_factory)  # a tolerated mutation imports what it can
    assert refused >= 20


def test_a_bad_value_rejects_its_transaction_alone_naming_line_and_field(
    session_factory: sessionmaker[Session],
) -> None:
    lines = VALID.decode("ascii").split("\n")
    swr = next(i for i, line in enumerate(lines) if line.startswith("SWR"))
    # The writer's PR ownership share (SWR positions 130-134) becomes letters.
    lines[swr] = lines[swr][:129] + "ABCDE" + lines[swr][134:]
    with transaction(session_factory) as session:
        report = import_cwr(session, "\n".join(lines).encode("ascii"), name=NAME)
    assert report.rejected == 1 and report.accepted == report.transactions - 1
    [issue] = [i for i in report.issues if i["severity"] == "error" and i["line"] == swr + 1]
    assert issue["record_type"] == "SWR" and issue["field"]
