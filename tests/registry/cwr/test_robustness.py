"""Whatever the bytes, the parser answers with a CwrFile or a CwrStructureError, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.cwr import CwrFile, CwrStructureError, parse_cwr
from registry.cwr.generate import generate_cwr
from tests.registry.cwr import sample

SOURCES = [
    sample("CW220001DMP_000.V21"),
    sample("revexample.V21"),
    sample("demo_cwr_cleaned.v22"),
    generate_cwr(3, seed=4),
]
# Bytes a damaged file holds: printable ASCII, digits and blanks in fields, line breaks, Latin-1.
BYTES = st.sampled_from([*b"0123456789 ANWRSPUTEIYX-.", 0x0A, 0x0D, 0xB2, 0xE9])


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            data.extend(b"HDR")
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete", "cut"]))
        if action == "replace":
            data[at] = draw(BYTES)
        elif action == "insert":
            data.insert(at, draw(BYTES))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=300, deadline=None)
@given(damaged())
def test_damaged_files_never_crash(data: bytes) -> None:
    for strict in (True, False):
        try:
            result = parse_cwr(data, name="damaged", strict_counts=strict)
        except CwrStructureError as error:
            assert error.line >= 1
        else:
            assert isinstance(result, CwrFile)
            for tx in result.transactions:
                assert tx.accepted == (not any(i.severity == "error" for i in tx.issues))
