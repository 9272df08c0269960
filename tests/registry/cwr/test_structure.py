"""A broken envelope refuses the whole file, naming the line: CwrStructureError."""

from __future__ import annotations

import pytest

from registry.cwr import CwrStructureError, parse_cwr
from tests.registry.cwr import join, lines_of, put, recount, sample

NWR_EXAMPLE = "nwrexample2.V21"  # HDR, GRH, NWR ... OWR (lines 3-10), GRT (11), TRL (12)


def base() -> list[str]:
    return lines_of(sample(NWR_EXAMPLE))


def refused(lines: list[str] | bytes) -> CwrStructureError:
    data = lines if isinstance(lines, bytes) else join(lines)
    with pytest.raises(CwrStructureError) as raised:
        parse_cwr(data, name="broken.V21")
    assert str(raised.value).startswith(f"broken.V21: line {raised.value.line}: ")
    return raised.value


def test_the_base_file_is_sound() -> None:
    assert len(parse_cwr(join(base())).accepted) == 1


def test_truncated_file_without_trl() -> None:
    error = refused(base()[:-1])
    assert error.line == 11
    assert "no TRL" in error.problem


def test_truncated_inside_a_group() -> None:
    error = refused(base()[:8])
    assert error.line == 8
    assert "ends inside the group opened at line 2" in error.problem


@pytest.mark.parametrize(
    ("position", "value", "problem"),
    [
        (9, "00000002", "GRT states 2 transactions, the group has 1"),
        (17, "00000011", "GRT states 11 records, the group has 10 (GRH and GRT included)"),
        (4, "00002", "GRT group ID 2 does not match the GRH's 1"),
    ],
)
def test_wrong_counts_in_grt(position: int, value: str, problem: str) -> None:
    lines = base()
    lines[10] = put(lines[10], position, value)
    error = refused(lines)
    assert (error.line, error.problem) == (11, problem)


@pytest.mark.parametrize(
    ("position", "value", "problem"),
    [
        (4, "00002", "TRL states 2 groups, the file has 1"),
        (9, "00000003", "TRL states 3 transactions, the file has 1"),
        (17, "00000013", "TRL states 13 records, the file has 12 (HDR and TRL included)"),
    ],
)
def test_wrong_counts_in_trl(position: int, value: str, problem: str) -> None:
    lines = base()
    lines[11] = put(lines[11], position, value)
    error = refused(lines)
    assert (error.line, error.problem) == (12, problem)


def test_lenient_counts_become_file_errors() -> None:
    lines = base()
    lines[10] = put(lines[10], 17, "00000011")
    cwr = parse_cwr(join(lines), strict_counts=False)
    assert [(i.line, i.severity) for i in cwr.issues] == [(11, "error")]
    assert len(cwr.accepted) == 1


def test_non_numeric_count_is_refused() -> None:
    lines = base()
    lines[11] = put(lines[11], 17, "0000001X")
    error = refused(lines)
    assert error.line == 12 and "record count '0000001X' is not a number" in error.problem


def test_record_cut_short() -> None:
    lines = base()
    lines[6] = lines[6][:100]  # the SWR, whose shares end at position 150
    error = refused(lines)
    assert error.line == 7
    assert (
        error.problem
        == "SWR record is 100 characters long, shorter than its mandatory part (150): cut short?"
    )


def test_work_header_cut_short() -> None:
    lines = base()
    lines[2] = lines[2][:130]
    error = refused(lines)
    assert error.line == 3 and "shorter than its mandatory part (145)" in error.problem


def test_trimmed_trailing_blanks_are_not_cut_short() -> None:
    """Real files trim trailing spaces: missing optional characters read as blanks."""
    data = sample("CW220001DMP_000.V21")
    trimmed = join([line.rstrip() for line in lines_of(data)])
    full, short = parse_cwr(data), parse_cwr(trimmed)
    assert short.transactions == full.transactions


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda h: put(h, 4, "XX"), "HDR sender type 'XX' is not PB, SO, AA, WR (or IPI digits)"),
        (lambda h: put(h, 60, "01.00"), "HDR EDI standard version '01.00' is not 01.10"),
        (lambda h: put(h, 65, "20181332"), "HDR creation date/time: date '20181332' does not exist"),
        (lambda h: put(h, 73, "256000"), "HDR creation date/time: time '256000' does not exist"),
        (lambda h: put(h, 79, "00000000"), "HDR transmission date is blank"),
        (lambda h: put(h, 15, " " * 45), "HDR sender name is blank"),
        (
            lambda h: h[:80],
            "HDR record is 80 characters long, shorter than its mandatory part (86): cut short?",
        ),
        (lambda h: put(h, 87, " " * 15 + "3.0"), "HDR CWR version '3.0': this parser reads CWR 2.1 and 2.2"),
    ],
)
def test_bad_hdr(edit: object, problem: str) -> None:
    lines = base()
    lines[0] = edit(lines[0])  # type: ignore[operator]
    error = refused(lines)
    assert (error.line, error.problem) == (1, problem)


def test_first_record_not_hdr() -> None:
    error = refused(base()[1:])
    assert (error.line, error.problem) == (1, "the first record must be HDR, not 'GRH'")


def test_second_hdr() -> None:
    lines = base()
    lines.insert(1, lines[0])
    error = refused(lines)
    assert (error.line, error.problem) == (2, "a second HDR record")


def test_empty_file() -> None:
    assert refused(b"\r\n  \r\n").line == 1


def test_unknown_record_type_between_groups() -> None:
    lines = base()
    lines.insert(11, "ZZZ0000000000000000SOMETHING")
    error = refused(recount(lines))
    assert error.line == 12
    assert "unknown record type 'ZZZ' outside a group" in error.problem


def test_unknown_record_type_where_a_transaction_header_must_come() -> None:
    lines = base()
    lines.insert(2, "ZZZ0000000000000000SOMETHING")
    error = refused(recount(lines))
    assert error.line == 3 and "unknown record type 'ZZZ'" in error.problem


def test_detail_record_before_any_transaction_header() -> None:
    lines = base()
    del lines[2]  # the NWR: the group now starts with an SPU
    error = refused(recount(lines))
    assert error.line == 3 and "SPU record before any transaction header" in error.problem


def test_group_not_closed_before_the_next_group() -> None:
    lines = base()
    del lines[10]  # the GRT
    lines.insert(10, lines[1])  # a second GRH
    error = refused(lines)
    assert error.line == 11 and "GRH before the GRT closing the group opened at line 2" in error.problem


def test_trl_inside_a_group() -> None:
    lines = base()
    del lines[10]
    error = refused(lines)
    assert error.line == 11 and "TRL before the GRT closing the group opened at line 2" in error.problem


def test_record_after_trl() -> None:
    lines = base()
    lines.append(lines[2])
    error = refused(lines)
    assert error.line == 13 and "NWR record after the TRL trailer" in error.problem


def test_bad_record_prefix() -> None:
    lines = base()
    lines[5] = put(lines[5], 4, "0000000A")
    error = refused(lines)
    assert error.line == 6 and "transaction and record sequence numbers must be 8 digits" in error.problem


def test_unknown_transaction_type_in_grh() -> None:
    lines = base()
    lines[1] = put(lines[1], 4, "XYZ")
    error = refused(lines)
    assert (error.line, error.problem) == (2, "GRH transaction type 'XYZ' is not a CWR transaction type")


@pytest.mark.parametrize(("byte", "name"), [(b"\x00", "0x00"), (b"\t", "0x09"), (b"\x1b", "0x1B")])
def test_control_characters_refuse_the_file(byte: bytes, name: str) -> None:
    lines = base()
    data = bytearray(join(lines))
    offset = data.index(b"THE WORK")
    data[offset + 3 : offset + 4] = byte
    error = refused(bytes(data))
    assert error.line == 3
    assert error.problem.startswith(f"control character {name} at column 23:")


def test_garbage_collector_is_restored() -> None:
    """parse_cwr pauses the cyclic garbage collector while it runs (speed), never longer."""
    import gc

    assert gc.isenabled()
    parse_cwr(join(base()))
    assert gc.isenabled()
    refused(base()[:-1])
    assert gc.isenabled()


def test_two_groups_each_numbering_its_transactions_from_zero() -> None:
    nwr = base()
    rev = lines_of(sample("revexample.V21"))
    rev_group = [put(rev[1], 7, "00002"), *rev[2:-2], put(rev[-2], 4, "00002")]
    lines = recount([*nwr[:-1], *rev_group, nwr[-1]])
    cwr = parse_cwr(join(lines))
    assert [(g.group_id, g.transaction_type, g.counted_transactions) for g in cwr.groups] == [
        (1, "NWR", 1),
        (2, "REV", 2),
    ]
    assert [(t.group_id, t.sequence, t.kind) for t in cwr.transactions] == [
        (1, 0, "NWR"),
        (2, 0, "REV"),
        (2, 1, "REV"),
    ]
    assert lines[-1][3:24] == "000020000000300000035"
    assert all(t.accepted and not t.issues for t in cwr.transactions) and not cwr.issues
