"""Identifiers: real valid ones pass, broken ones fail with a reason, generators make valid ones.

Where the valid examples come from:
- ISWC T-034.524.680-1: the worked example of the ISO 15707 check digit; T-000.000.001-0 (the
  first ISWC) and T-101.914.232-4: MusicBrainz's validation tests; T1234567894 and T0123456789:
  the CWR sample files in shared/samples/cwr.
- IPI name 00014107338: CWR-DataApi's documentation and MusicBrainz's tests; 00087038166 and
  00494248817: the examples of Wikidata's property P1828; 00000000199/297/395/591: the test
  data of django-music-publisher; 09000000020: the sender of a CWR sample.
- IPI base I-000000229-7: CWR-DataApi's documentation; I-123456789-3: a CWR sample.
- ISRC: python-stdnum's and MusicBrainz's examples. ISNI: python-stdnum's, the isni gem's and
  Crossref's examples. USCC: python-stdnum's example.
"""

from __future__ import annotations

import pickle
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.errors import RegistryError
from registry.identifiers import (
    InvalidIdentifier,
    _compact,
    _is_separator,
    format_ipi_name,
    format_isni,
    format_isrc,
    format_iswc,
    generate_ipi_base,
    generate_ipi_name,
    generate_isni,
    generate_isrc,
    generate_iswc,
    ipi_base_check_digit,
    ipi_base_valid,
    ipi_name_check_digits,
    ipi_name_valid,
    isni_valid,
    isrc_valid,
    iswc_check_digit,
    iswc_valid,
    normalise_ipi_base,
    normalise_ipi_name,
    normalise_isni,
    normalise_isrc,
    normalise_iswc,
    normalise_uscc,
    uscc_valid,
)
from tests.paths import SAMPLES

# --- ISWC -------------------------------------------------------------------------------------

VALID_ISWC = [
    ("T-034.524.680-1", "T0345246801"),
    ("T0345246801", "T0345246801"),
    ("t-034.524.680-1", "T0345246801"),
    ("T 034 524 680 1", "T0345246801"),
    ("  T-034524680-1 ", "T0345246801"),
    ("ISWC T-034.524.680-1", "T0345246801"),
    ("iswc: T0345246801", "T0345246801"),
    ("Ｔ－０３４．５２４．６８０－１", "T0345246801"),  # full width
    ("T\u2010034\u2010524\u2010680\u20101", "T0345246801"),  # Unicode hyphens
    ("T\u2212034.524.680\u22121", "T0345246801"),  # minus signs
    ("T-000.000.001-0", "T0000000010"),
    ("T- 101.914.232-4", "T1019142324"),
    ("T1234567894", "T1234567894"),
    ("T0123456789", "T0123456789"),
]

INVALID_ISWC = [
    ("T-034.524.680-2", "check digit is 2, expected 1"),
    ("T-034.524.680-0", "check digit is 0, expected 1"),
    ("T0000000000", "check digit is 0, expected 9"),  # the CWR filler
    ("T-034.524.680", "got 9"),
    ("T03452468011", "got 11"),
    ("T", "got 0"),
    ("X0345246801", "prefix T"),
    ("0345246801", "prefix T"),
    ("T-034.524.68O-1", "digits 0-9 only"),
    ("T_0345246801", "digits 0-9 only"),
    ("T-034.524.680-١", "digits 0-9 only"),  # an Arabic-Indic digit
    ("", "empty"),
    ("  - . ", "empty"),
    (None, "expected a string, got NoneType"),
    (345246801, "expected a string, got int"),
]


@pytest.mark.parametrize(("text", "compact"), VALID_ISWC)
def test_iswc_valid(text: str, compact: str) -> None:
    assert normalise_iswc(text) == compact
    assert iswc_valid(text)
    assert normalise_iswc(compact) == compact
    assert normalise_iswc(format_iswc(text)) == compact


@pytest.mark.parametrize(("text", "reason"), INVALID_ISWC)
def test_iswc_invalid(text: object, reason: str) -> None:
    assert not iswc_valid(text)
    with pytest.raises(InvalidIdentifier, match="ISWC") as info:
        normalise_iswc(text)  # type: ignore[arg-type]
    assert reason in info.value.reason
    assert info.value.kind == "ISWC" and info.value.value == text
    assert repr(text) in str(info.value)


def test_iswc_format() -> None:
    assert format_iswc("T0345246801") == "T-034.524.680-1"
    assert format_iswc("t 000 000 001 0") == "T-000.000.001-0"
    with pytest.raises(InvalidIdentifier):
        format_iswc("T0345246802")


def test_iswc_check_digit_worked_example() -> None:
    # S = 1 + 1*0 + 2*3 + 3*4 + 4*5 + 5*2 + 6*4 + 7*6 + 8*8 + 9*0 = 179; C = (10 - 9) % 10 = 1
    assert iswc_check_digit("034524680") == "1"
    assert iswc_check_digit("000000000") == "9"
    with pytest.raises(ValueError, match="9 digits"):
        iswc_check_digit("12345678")


# --- IPI name number --------------------------------------------------------------------------

VALID_IPI_NAME: list[tuple[str | int, str]] = [
    ("00014107338", "00014107338"),
    ("014107338", "00014107338"),  # 9 digits, as written without the leading zeros
    ("0014107338", "00014107338"),
    ("000 141 073 38", "00014107338"),
    ("000.141.073.38", "00014107338"),
    ("０００１４１０７３３８", "00014107338"),
    (14107338, "00014107338"),  # an int from a numeric column
    ("00087038166", "00087038166"),
    ("00494248817", "00494248817"),
    ("00000000199", "00000000199"),
    ("00000000297", "00000000297"),
    ("00000000395", "00000000395"),
    ("00000000591", "00000000591"),
    ("09000000020", "09000000020"),
]

INVALID_IPI_NAME: list[tuple[object, str]] = [
    ("00014107339", "check digits are 39, expected 38"),
    ("00014107383", "check digits are 83, expected 38"),
    ("00014107438", "check digits are 38, expected 36"),
    ("00854632549", "check digits are 49, expected 21"),  # made up in a CWR sample
    ("00000000000", "all zeros"),  # the CWR filler
    (0, "all zeros"),
    ("14107338", "got 8"),  # a string shorter than 9 digits is not padded
    ("000141073380", "got 12"),
    ("I-000000229-7", "digits 0-9 only"),
    ("0001410733A", "digits 0-9 only"),
    ("", "empty"),
    (None, "expected a string, got NoneType"),
    (True, "expected a string, got bool"),
    (-14107338, "at most 11 digits"),
    (10**11, "at most 11 digits"),
]


@pytest.mark.parametrize(("text", "digits"), VALID_IPI_NAME)
def test_ipi_name_valid(text: str | int, digits: str) -> None:
    assert normalise_ipi_name(text) == digits
    assert format_ipi_name(text) == digits
    assert ipi_name_valid(text)
    assert normalise_ipi_name(digits) == digits


@pytest.mark.parametrize(("text", "reason"), INVALID_IPI_NAME)
def test_ipi_name_invalid(text: object, reason: str) -> None:
    assert not ipi_name_valid(text)
    with pytest.raises(InvalidIdentifier, match="IPI name number") as info:
        normalise_ipi_name(text)  # type: ignore[arg-type]
    assert reason in info.value.reason


def _ipi_name_remainder(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 101


def test_ipi_name_check_digits() -> None:
    # Weights 10 down to 2: 1*7 + 4*6 + 1*5 + 0*4 + 7*3 + 3*2 = 63, and 101 - 63 = 38.
    assert _ipi_name_remainder("000141073") == 63
    assert ipi_name_check_digits("000141073") == "38"
    assert ipi_name_check_digits("000000000") == "00"
    with pytest.raises(ValueError, match="9 digits"):
        ipi_name_check_digits("0001410733")


def test_ipi_name_check_of_100_is_00() -> None:
    # A remainder of 1 gives 101 - 1 = 100, written 00 (as is a remainder of 0).
    n = next(n for n in range(1, 10_000) if _ipi_name_remainder(f"{n:09d}") == 1)
    assert ipi_name_check_digits(f"{n:09d}") == "00"
    assert ipi_name_valid(f"{n:09d}00")
    assert not ipi_name_valid(f"{n:09d}01")


# --- IPI base number --------------------------------------------------------------------------

VALID_IPI_BASE = [
    ("I-000000229-7", "I-000000229-7"),
    ("I0000002297", "I-000000229-7"),
    ("i-000000229-7", "I-000000229-7"),
    ("I 000000229 7", "I-000000229-7"),
    ("Ｉ－００００００２２９－７", "I-000000229-7"),
    ("I-123456789-3", "I-123456789-3"),
]

INVALID_IPI_BASE = [
    ("I-000000229-8", "check digit is 8, expected 7"),
    ("I-000000230-7", "check digit is 7, expected 0"),  # made up in CWR-DataApi's tests
    ("I-00000229-7", "got 9"),
    ("I-0000000229-7", "got 11"),
    ("J-000000229-7", "header I"),
    ("000000229-7", "header I"),
    ("I-00000022X-7", "digits 0-9 only"),
    ("", "empty"),
    (None, "expected a string"),
]


@pytest.mark.parametrize(("text", "canonical"), VALID_IPI_BASE)
def test_ipi_base_valid(text: str, canonical: str) -> None:
    assert normalise_ipi_base(text) == canonical
    assert ipi_base_valid(text)
    assert normalise_ipi_base(canonical) == canonical


@pytest.mark.parametrize(("text", "reason"), INVALID_IPI_BASE)
def test_ipi_base_invalid(text: object, reason: str) -> None:
    assert not ipi_base_valid(text)
    with pytest.raises(InvalidIdentifier, match="IPI base number") as info:
        normalise_ipi_base(text)  # type: ignore[arg-type]
    assert reason in info.value.reason


def test_ipi_base_check_digit() -> None:
    # S = 2 + 7*2 + 8*2 + 9*9 = 113; C = (10 - 3) % 10 = 7
    assert ipi_base_check_digit("000000229") == "7"
    with pytest.raises(ValueError, match="9 digits"):
        ipi_base_check_digit("00000022")


# --- ISRC -------------------------------------------------------------------------------------

VALID_ISRC = [
    ("US-SKG-19-12345", "USSKG1912345", "US-SKG-19-12345"),
    ("USSKG1912345", "USSKG1912345", "US-SKG-19-12345"),
    ("usskg1912345", "USSKG1912345", "US-SKG-19-12345"),
    ("US SKG 19 12345", "USSKG1912345", "US-SKG-19-12345"),
    ("ISRC US-SKG-19-12345", "USSKG1912345", "US-SKG-19-12345"),
    ("USPR37300012", "USPR37300012", "US-PR3-73-00012"),
    ("USRC17607839", "USRC17607839", "US-RC1-76-07839"),
    ("GB-AJY-12-34567", "GBAJY1234567", "GB-AJY-12-34567"),
    ("QMDA71418090", "QMDA71418090", "QM-DA7-14-18090"),  # an agency code, not a country
    ("CN-A12-24-00001", "CNA122400001", "CN-A12-24-00001"),
    ("ＵＳ－ＳＫＧ－１９－１２３４５", "USSKG1912345", "US-SKG-19-12345"),
]

INVALID_ISRC = [
    ("XX-SKG-19-12345", "unknown country code XX"),
    ("12PR37300012", "2 letters"),
    ("US-SKG-1A-12345", "2-digit year"),
    ("US-SK!-19-12345", "2 letters"),
    ("US-SKG-19-1234", "got 11"),
    ("US-SKG-19-123456", "got 13"),
    ("", "empty"),
    (None, "expected a string"),
]


@pytest.mark.parametrize(("text", "compact", "shown"), VALID_ISRC)
def test_isrc_valid(text: str, compact: str, shown: str) -> None:
    assert normalise_isrc(text) == compact
    assert isrc_valid(text)
    assert format_isrc(text) == shown
    assert normalise_isrc(shown) == compact


@pytest.mark.parametrize(("text", "reason"), INVALID_ISRC)
def test_isrc_invalid(text: object, reason: str) -> None:
    assert not isrc_valid(text)
    with pytest.raises(InvalidIdentifier, match="ISRC") as info:
        normalise_isrc(text)  # type: ignore[arg-type]
    assert reason in info.value.reason


def test_generate_isrc_arguments() -> None:
    assert generate_isrc("CN", "A12", 2024, 1) == "CNA122400001"
    assert generate_isrc("cn", "a12", 24, 1) == "CNA122400001"
    assert generate_isrc("GB", "AJY", 12, 34567) == "GBAJY1234567"
    with pytest.raises(InvalidIdentifier, match="unknown country code"):
        generate_isrc("XX", "A12", 24, 1)
    with pytest.raises(InvalidIdentifier):
        generate_isrc("CN", "A1", 24, 1)
    with pytest.raises(ValueError, match="year"):
        generate_isrc("CN", "A12", 100, 1)
    with pytest.raises(ValueError, match="n must be in"):
        generate_isrc("CN", "A12", 24, 100_000)


# --- ISNI -------------------------------------------------------------------------------------

VALID_ISNI = [
    ("0000 0001 2281 955X", "000000012281955X", "0000 0001 2281 955X"),
    ("000000012281955x", "000000012281955X", "0000 0001 2281 955X"),
    ("0000-0001-2281-955X", "000000012281955X", "0000 0001 2281 955X"),
    ("ISNI 0000 0001 2281 955X", "000000012281955X", "0000 0001 2281 955X"),
    ("000000029534656X", "000000029534656X", "0000 0002 9534 656X"),
    ("0000000114559647", "0000000114559647", "0000 0001 1455 9647"),
]

INVALID_ISNI = [
    ("0000 0001 2281 9550", "check character is 0, expected X"),
    ("0000000114559648", "check character is 8, expected 7"),
    ("0000 0001 2281", "got 12"),
    ("0000 0001 2281 955X 1", "15 digits"),
    ("000000012281955A", "15 digits"),
    ("00000001228195X5", "15 digits"),
    ("", "empty"),
    (None, "expected a string"),
]


@pytest.mark.parametrize(("text", "compact", "shown"), VALID_ISNI)
def test_isni_valid(text: str, compact: str, shown: str) -> None:
    assert normalise_isni(text) == compact
    assert isni_valid(text)
    assert format_isni(text) == shown
    assert normalise_isni(shown) == compact


@pytest.mark.parametrize(("text", "reason"), INVALID_ISNI)
def test_isni_invalid(text: object, reason: str) -> None:
    assert not isni_valid(text)
    with pytest.raises(InvalidIdentifier, match="ISNI") as info:
        normalise_isni(text)  # type: ignore[arg-type]
    assert reason in info.value.reason


# --- USCC -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "91110000600037341L",
        "9111 0000 6000 3734 1L",
        "91110000600037341l",
        "９１１１００００６０００３７３４１Ｌ",
    ],
)
def test_uscc_valid(text: str) -> None:
    assert normalise_uscc(text) == "91110000600037341L"
    assert uscc_valid(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("91110000600037341M", "check character is M, expected L"),
        ("A1110000600037341L", "8 digits"),
        ("91110000600037341I", "8 digits"),  # I is not in the alphabet
        ("9111000060003734", "got 16"),
        ("", "empty"),
    ],
)
def test_uscc_invalid(text: str, reason: str) -> None:
    assert not uscc_valid(text)
    with pytest.raises(InvalidIdentifier, match="USCC") as info:
        normalise_uscc(text)
    assert reason in info.value.reason


# --- the error --------------------------------------------------------------------------------


def test_invalid_identifier_is_a_named_value_error() -> None:
    error = InvalidIdentifier("ISWC", "T1", "must have 10 digits")
    assert isinstance(error, RegistryError) and isinstance(error, ValueError)
    assert str(error) == "invalid ISWC 'T1': must have 10 digits"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.kind, copy.value, copy.reason, str(copy)) == (
        error.kind,
        error.value,
        error.reason,
        str(error),
    )


# --- the CWR samples: real numbers pass, the made-up ones of the demo file fail ----------------

CWR = SAMPLES / "cwr"
# 0-based slices of CWR 2.x fixed-width fields.
ISWC_FIELD = slice(95, 106)  # NWR/REV/EXC: ISWC
SPU_IPI_NAME = slice(87, 98)  # SPU/OPU: publisher IPI name #
SWR_IPI_NAME = slice(115, 126)  # SWR/OWR: writer IPI name #
SWR_IPI_BASE = slice(154, 167)  # SWR/OWR: writer IPI base #


def _fields(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"iswc": set(), "ipi_name": set(), "ipi_base": set()}
    for line in path.read_text(encoding="latin-1").splitlines():
        kind = line[:3]
        values: list[tuple[str, str]] = []
        if kind in ("NWR", "REV", "EXC"):
            values.append(("iswc", line[ISWC_FIELD]))
        if kind in ("SPU", "OPU"):
            values.append(("ipi_name", line[SPU_IPI_NAME]))
        if kind in ("SWR", "OWR"):
            values += [("ipi_name", line[SWR_IPI_NAME]), ("ipi_base", line[SWR_IPI_BASE])]
        if kind == "HDR" and line[3:14].isdigit():  # a numeric sender is an IPI name number
            values.append(("ipi_name", line[3:14]))
        for field, value in values:
            if value.strip(" 0"):  # blank or zero-filled means absent
                found[field].add(value.strip())
    return found


@pytest.mark.parametrize("name", ["CW220001DMP_000.V21", "nwrexample2.V21", "revexample.V21"])
def test_cwr_sample_identifiers_are_valid(name: str) -> None:
    path = CWR / name
    assert path.is_file(), f"missing sample {path}"
    fields = _fields(path)
    assert fields["iswc"] or fields["ipi_name"], f"no identifiers read from {name}"
    assert all(iswc_valid(v) for v in fields["iswc"]), fields["iswc"]
    assert all(ipi_name_valid(v) for v in fields["ipi_name"]), fields["ipi_name"]
    assert all(ipi_base_valid(v) for v in fields["ipi_base"]), fields["ipi_base"]


def test_cwr_demo_file_has_made_up_ipi_numbers() -> None:
    path = CWR / "demo_cwr_cleaned.v22"
    assert path.is_file(), f"missing sample {path}"
    fields = _fields(path)
    assert fields["iswc"] == {"T0123456789"} and iswc_valid("T0123456789")
    assert fields["ipi_name"] and not any(ipi_name_valid(v) for v in fields["ipi_name"])


# --- generators -------------------------------------------------------------------------------

NINE_DIGITS = st.integers(min_value=0, max_value=10**9 - 1)


def _substitutions(text: str, positions: range) -> list[str]:
    """Every string that differs from ``text`` in one digit at one of ``positions``."""
    return [text[:i] + d + text[i + 1 :] for i in positions for d in "0123456789" if d != text[i]]


@settings(max_examples=500, deadline=None)
@given(NINE_DIGITS)
def test_generated_iswc(n: int) -> None:
    iswc = generate_iswc(n)
    assert len(iswc) == 11 and iswc == f"T{n:09d}{iswc[-1]}"
    assert iswc_valid(iswc) and normalise_iswc(format_iswc(iswc)) == iswc
    assert not any(iswc_valid(wrong) for wrong in _substitutions(iswc, range(10, 11)))


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=1, max_value=10**9 - 1))
def test_generated_ipi_name(n: int) -> None:
    ipi = generate_ipi_name(n)
    assert len(ipi) == 11 and ipi[:9] == f"{n:09d}"
    assert ipi_name_valid(ipi) and normalise_ipi_name(int(ipi)) == ipi
    # Weights 2..10 times a change of 1..9 never reach 101: every one-digit error is caught.
    assert not any(ipi_name_valid(wrong) for wrong in _substitutions(ipi, range(11)))


@settings(max_examples=500, deadline=None)
@given(NINE_DIGITS)
def test_generated_ipi_base(n: int) -> None:
    ipi = generate_ipi_base(n)
    assert ipi_base_valid(ipi) and normalise_ipi_base(ipi.replace("-", "")) == ipi
    assert not any(ipi_base_valid(wrong) for wrong in _substitutions(ipi, range(12, 13)))


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["CN", "HK", "TW", "JP", "KR", "US", "GB", "FR", "DE", "QM", "ZZ"]),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=3, max_size=3),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=99_999),
)
def test_generated_isrc(country: str, registrant: str, year: int, n: int) -> None:
    isrc = generate_isrc(country, registrant, year, n)
    assert isrc == f"{country}{registrant}{year:02d}{n:05d}"
    assert isrc_valid(isrc) and normalise_isrc(format_isrc(isrc)) == isrc


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_generated_isni(n: int) -> None:
    isni = generate_isni(n)
    assert len(isni) == 16 and isni[:15] == f"{n:015d}"
    assert isni_valid(isni) and normalise_isni(format_isni(isni)) == isni
    # ISO 7064 MOD 11-2 catches every one-character error.
    assert not any(isni_valid(wrong) for wrong in _substitutions(isni, range(15)))


def test_generators_are_deterministic_and_distinct() -> None:
    assert [generate_iswc(n) for n in range(3)] == ["T0000000009", "T0000000010", "T0000000021"]
    assert generate_iswc(345246801) == "T3452468014"
    assert generate_ipi_name(141073) == "00014107338"
    assert generate_ipi_base(229) == "I-000000229-7"
    assert generate_isni(12281955) == "000000012281955X"
    assert len({generate_iswc(n) for n in range(1000)}) == 1000


@pytest.mark.parametrize(
    ("generate", "bad"),
    [
        (generate_iswc, -1),
        (generate_iswc, 10**9),
        (generate_ipi_name, 0),
        (generate_ipi_name, 10**9),
        (generate_ipi_base, -1),
        (generate_isni, 10**15),
    ],
)
def test_generators_refuse_out_of_range(generate: object, bad: int) -> None:
    assert callable(generate)
    with pytest.raises(ValueError, match="must be in"):
        generate(bad)


def test_generators_refuse_non_integers() -> None:
    with pytest.raises(TypeError):
        generate_iswc("1")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        generate_ipi_name(True)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), min_size=1, max_size=20))
def test_ascii_identifiers_compact_as_the_full_rules_say(text: str) -> None:
    folded = unicodedata.normalize("NFKC", text).strip().upper()
    expected = "".join(char for char in folded if not _is_separator(char))
    try:
        assert _compact("ISRC", text) == expected
    except InvalidIdentifier:
        assert expected == ""
