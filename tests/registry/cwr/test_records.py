"""The record layouts follow the spec's positions: contiguous fields and the documented lengths."""

from __future__ import annotations

import pytest

from registry.cwr import records as R
from registry.cwr import values as V
from registry.cwr.ids import ean_or_none, ipi_base_or_none, ipi_name_or_none, isrc_or_none, iswc_or_none

# Full record lengths in the CWR 2.1 rev. 7 and 2.2 rev. 2 functional specifications.
LENGTHS = {
    "2.1": {"HDR": 101, "GRH": 28, "GRT": 37, "TRL": 24, "NWR": 260, "ACK": 159, "MSG": 185, "SPU": 183,
            "SPT": 58, "SWR": 180, "SWT": 52, "PWR": 110, "ALT": 83, "PER": 118, "REC": 266, "ORN": 301,
            "VER": 364},
    "2.2": {"HDR": 167, "PWR": 112, "REC": 540, "ORN": 348, "XRF": 38},
}  # fmt: skip


@pytest.mark.parametrize("version", sorted(R.LAYOUTS))
def test_fields_are_contiguous(version: str) -> None:
    for record_type, layout in R.LAYOUTS[version].items():
        position = 4 if record_type in R.CONTROL_RECORDS else 20
        for field in layout.fields:
            assert field.start == position, f"{version} {record_type}.{field.name}"
            position = field.end + 1
        assert layout.length == position - 1
        assert layout.min_length <= layout.length


@pytest.mark.parametrize("version", sorted(R.LAYOUTS))
def test_record_lengths(version: str) -> None:
    expected = {**LENGTHS["2.1"], **LENGTHS[version]}
    layouts = R.LAYOUTS[version]
    assert {rt: layouts[rt].length for rt in expected} == expected
    assert "XRF" in layouts if version == "2.2" else "XRF" not in layouts


def test_cut_strips_and_reads_missing_characters_as_blank() -> None:
    line = "ALT0000000100000002" + "  A TITLE".ljust(60) + "AT"
    assert R.ALT.cut(line) == {"title": "A TITLE", "title_type": "AT", "language": ""}


def test_values() -> None:
    assert V.share("05000") == 5000 and V.share("") == 0
    with pytest.raises(ValueError, match="not a number"):
        V.share("5.000")
    assert V.duration("000330") == 210 and V.duration("000000") is None
    with pytest.raises(ValueError):
        V.duration("006100")
    assert V.cwr_date("00000000") is None
    with pytest.raises(ValueError, match="does not exist"):
        V.cwr_date("20230230")


def test_identifier_checks() -> None:
    assert iswc_or_none("T0345246801") == "T0345246801"
    assert iswc_or_none("T-034.524.680-1") == "T0345246801"
    assert iswc_or_none("T0345246802") is None
    assert iswc_or_none("T0000000000") is None
    assert ipi_name_or_none("00014107338") == "00014107338"
    assert ipi_name_or_none("00014107339") is None
    assert ipi_name_or_none("00000000000") is None
    assert ipi_base_or_none("I-000000229-7") == "I-000000229-7"
    assert ipi_base_or_none("I0000002297") == "I-000000229-7"
    assert ipi_base_or_none("I-000000229-8") is None
    assert isrc_or_none("USRC17607839") == "USRC17607839"
    assert isrc_or_none("US-RC1-76-07839") == "USRC17607839"
    assert isrc_or_none("QQRC17607839") is None
    assert ean_or_none("4006381333931") == "4006381333931"
    assert ean_or_none("4006381333932") is None
    assert ean_or_none("400638133393") is None
