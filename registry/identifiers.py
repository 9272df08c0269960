"""The identifiers of the registry: validation, normal forms and generators.

Pure functions, no I/O. Each ``normalise_*`` returns the one stored form of an identifier or
raises :class:`InvalidIdentifier`; each ``*_valid`` says the same as a bool; each ``generate_*``
makes a valid identifier from an integer, deterministically (demo data and tests).

Every parser first applies Unicode NFKC (full-width ``ＴＯ３４…`` becomes ``TO34…``), strips
surrounding space, and drops the separators people write inside identifiers: white space,
``.``, and dashes (any Unicode dash, and the minus sign). An optional label (``ISWC``,
``ISRC``, ``ISNI``) before the value is accepted.

ISWC (ISO 15707), form ``T-DDD.DDD.DDD-C``, stored compact ``T0345246801``.
    The prefix T counts 1; with d1..d9 the digits of the work identifier, left to right,
    ``S = 1 + sum(i * d_i for i = 1..9)`` and ``C = (10 - S mod 10) mod 10``.
    T-034.524.680-1 (the worked example of the standard's descriptions), T-000.000.001-0 (the
    first ISWC) and T-101.914.232-4 all pass. T0000000000, the CWR filler for "no ISWC", fails.

IPI name number (CISAC IPI system), 11 digits, leading zeros significant.
    The last two digits are check digits over the first nine, weighted 10 down to 2:
    ``r = sum(d_i * (11 - i) for i = 1..9) mod 101``; the check is ``00`` when r is 0,
    else ``(101 - r) mod 100`` written with two digits. CWR fields carry the number
    zero-padded; 9 to 11 digits are accepted and padded on the left to 11. An ``int`` is
    accepted too (zeros lost by a numeric column are restored). 00000000000, the CWR filler
    for "no IPI", is refused.

IPI base number, form ``I-NNNNNNNNN-C`` (header, nine digits, check digit), stored so.
    The same modulus-10 scheme as the ISWC, the header I counting 2:
    ``S = 2 + sum(i * d_i for i = 1..9)``, ``C = (10 - S mod 10) mod 10``. Only the header
    I is defined. I-000000229-7 passes.

ISRC (ISO 3901) through :mod:`stdnum.isrc`: ``CC XXX YY NNNNN``, stored compact
    ``CCXXXYYNNNNN``; the country code must be an ISO 3166 code or one the ISRC agency
    allocated. There is no check digit.

ISNI (ISO 27729) through :mod:`stdnum.isni`: 16 characters, the last an ISO 7064 MOD 11-2
    check character (0-9 or X), stored compact, shown in groups of four.

USCC, China's 18-character Unified Social Credit Code, through :mod:`stdnum.cn.uscc`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from importlib import import_module
from types import ModuleType
from typing import Any

from stdnum import isni as _isni
from stdnum import isrc as _isrc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as _StdnumError
from stdnum.iso7064 import mod_11_2

from registry.errors import RegistryError

__all__ = [
    "USCC_AVAILABLE",
    "IdentifierUnavailable",
    "InvalidIdentifier",
    "format_ipi_name",
    "format_isni",
    "format_isrc",
    "format_iswc",
    "generate_ipi_base",
    "generate_ipi_name",
    "generate_isni",
    "generate_isrc",
    "generate_iswc",
    "ipi_base_check_digit",
    "ipi_base_valid",
    "ipi_name_check_digits",
    "ipi_name_valid",
    "isni_valid",
    "isrc_valid",
    "iswc_check_digit",
    "iswc_valid",
    "normalise_ipi_base",
    "normalise_ipi_name",
    "normalise_isni",
    "normalise_isrc",
    "normalise_iswc",
    "normalise_uscc",
    "uscc_valid",
]

ISWC = "ISWC"
IPI_NAME = "IPI name number"
IPI_BASE = "IPI base number"
ISRC = "ISRC"
ISNI = "ISNI"
USCC = "USCC"


class InvalidIdentifier(RegistryError, ValueError):
    """A value is not a valid identifier of its kind. The message names the kind, the value
    as given and the reason."""

    def __init__(self, kind: str, value: object, reason: str) -> None:
        self.kind = kind
        self.value = value
        self.reason = reason
        super().__init__(f"invalid {kind} {value!r}: {reason}")

    def __reduce__(self) -> tuple[type[InvalidIdentifier], tuple[str, object, str]]:
        return (type(self), (self.kind, self.value, self.reason))


class IdentifierUnavailable(RegistryError):
    """The installed python-stdnum lacks the module that checks this kind of identifier."""


# --- shared parsing ---------------------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]+")
_MINUS = "\u2212"


def _is_separator(char: str) -> bool:
    return char.isspace() or char == "." or char == _MINUS or unicodedata.category(char) == "Pd"


def _compact(kind: str, text: object, label: str | None = None) -> str:
    """The characters of an identifier, upper-case, without separators (see the module doc)."""
    if not isinstance(text, str):
        raise InvalidIdentifier(kind, text, f"expected a string, got {type(text).__name__}")
    # NFKC changes no ASCII character, and ASCII letters and digits are no separators: the
    # compact form most identifiers already come in needs no character-by-character look.
    folded = (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip().upper()
    if label is not None and folded.startswith(label):
        rest = folded[len(label) :]
        if rest[:1] == ":" or rest[:1].isspace():
            folded = rest.lstrip(": \t")
    if folded.isascii() and folded.isalnum():
        return folded
    compact = "".join(char for char in folded if not _is_separator(char))
    if not compact:
        raise InvalidIdentifier(kind, text, "empty")
    return compact


def _digits_only(kind: str, value: object, digits: str, what: str) -> None:
    if digits and not _DIGITS.fullmatch(digits):
        raise InvalidIdentifier(kind, value, f"{what} must be digits 0-9 only")


def _check_range(name: str, n: int, low: int, high: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"{name} must be an int, got {type(n).__name__}")
    if not low <= n <= high:
        raise ValueError(f"{name} must be in {low}..{high}, got {n}")


# --- ISWC -------------------------------------------------------------------------------------


def iswc_check_digit(digits: str) -> str:
    """The check digit of the nine digits of an ISWC's work identifier."""
    if len(digits) != 9 or not _DIGITS.fullmatch(digits):
        raise ValueError(f"an ISWC check digit is computed over 9 digits, got {digits!r}")
    total = 1 + sum(i * int(d) for i, d in enumerate(digits, start=1))
    return str((10 - total % 10) % 10)


def normalise_iswc(text: str) -> str:
    """The compact form ``T0345246801`` of an ISWC written in any usual way."""
    compact = _compact(ISWC, text, label=ISWC)
    if compact[0] != "T":
        raise InvalidIdentifier(ISWC, text, "must start with the prefix T")
    body = compact[1:]
    _digits_only(ISWC, text, body, "the part after T")
    if len(body) != 10:
        raise InvalidIdentifier(
            ISWC, text, f"must have 10 digits after T (9 and a check digit), got {len(body)}"
        )
    expected = iswc_check_digit(body[:9])
    if body[9] != expected:
        raise InvalidIdentifier(ISWC, text, f"check digit is {body[9]}, expected {expected}")
    return compact


def format_iswc(text: str) -> str:
    """The display form ``T-034.524.680-1`` of a valid ISWC."""
    c = normalise_iswc(text)
    return f"T-{c[1:4]}.{c[4:7]}.{c[7:10]}-{c[10]}"


def iswc_valid(text: object) -> bool:
    """Whether ``text`` is a valid ISWC in any form :func:`normalise_iswc` accepts."""
    return _valid(normalise_iswc, text)


def generate_iswc(n: int) -> str:
    """The valid ISWC whose work identifier is ``n`` (0 <= n < 10**9), compact."""
    _check_range("n", n, 0, 10**9 - 1)
    digits = f"{n:09d}"
    return f"T{digits}{iswc_check_digit(digits)}"


# --- IPI name number --------------------------------------------------------------------------


def ipi_name_check_digits(digits: str) -> str:
    """The two check digits of the first nine digits of an IPI name number."""
    if len(digits) != 9 or not _DIGITS.fullmatch(digits):
        raise ValueError(f"IPI name check digits are computed over 9 digits, got {digits!r}")
    remainder = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 101
    check = 0 if remainder == 0 else (101 - remainder) % 100
    return f"{check:02d}"


def normalise_ipi_name(text: str | int) -> str:
    """The 11-digit form ``00014107338`` of an IPI name number.

    A string must hold 9 to 11 digits (CWR pads with zeros on the left); an int, as read from
    a numeric column, is padded to 11 digits."""
    if isinstance(text, int) and not isinstance(text, bool):
        if not 0 <= text < 10**11:
            raise InvalidIdentifier(IPI_NAME, text, "must be a non-negative number of at most 11 digits")
        digits = f"{text:011d}"
    else:
        digits = _compact(IPI_NAME, text)
        _digits_only(IPI_NAME, text, digits, "an IPI name number")
        if not 9 <= len(digits) <= 11:
            raise InvalidIdentifier(
                IPI_NAME, text, f"must have 11 digits (9 to 11 accepted), got {len(digits)}"
            )
        digits = digits.zfill(11)
    if digits == "0" * 11:
        raise InvalidIdentifier(IPI_NAME, text, "all zeros is the CWR filler for no IPI name number")
    expected = ipi_name_check_digits(digits[:9])
    if digits[9:] != expected:
        raise InvalidIdentifier(IPI_NAME, text, f"check digits are {digits[9:]}, expected {expected}")
    return digits


def format_ipi_name(text: str | int) -> str:
    """The display form of an IPI name number: its 11 digits (as CWR writes it)."""
    return normalise_ipi_name(text)


def ipi_name_valid(text: object) -> bool:
    """Whether ``text`` is a valid IPI name number (string of 9 to 11 digits, or int)."""
    return _valid(normalise_ipi_name, text)


def generate_ipi_name(n: int) -> str:
    """The valid IPI name number whose first nine digits are ``n`` (1 <= n < 10**9)."""
    _check_range("n", n, 1, 10**9 - 1)
    digits = f"{n:09d}"
    return digits + ipi_name_check_digits(digits)


# --- IPI base number --------------------------------------------------------------------------


def ipi_base_check_digit(digits: str) -> str:
    """The check digit of the nine digits of an IPI base number with the header I."""
    if len(digits) != 9 or not _DIGITS.fullmatch(digits):
        raise ValueError(f"an IPI base check digit is computed over 9 digits, got {digits!r}")
    total = 2 + sum(i * int(d) for i, d in enumerate(digits, start=1))
    return str((10 - total % 10) % 10)


def normalise_ipi_base(text: str) -> str:
    """The form ``I-000000229-7`` of an IPI base number."""
    compact = _compact(IPI_BASE, text)
    if compact[0] != "I":
        raise InvalidIdentifier(IPI_BASE, text, "must start with the header I")
    body = compact[1:]
    _digits_only(IPI_BASE, text, body, "the part after I")
    if len(body) != 10:
        raise InvalidIdentifier(
            IPI_BASE, text, f"must have 10 digits after I (9 and a check digit), got {len(body)}"
        )
    expected = ipi_base_check_digit(body[:9])
    if body[9] != expected:
        raise InvalidIdentifier(IPI_BASE, text, f"check digit is {body[9]}, expected {expected}")
    return f"I-{body[:9]}-{body[9]}"


def ipi_base_valid(text: object) -> bool:
    """Whether ``text`` is a valid IPI base number."""
    return _valid(normalise_ipi_base, text)


def generate_ipi_base(n: int) -> str:
    """The valid IPI base number whose nine digits are ``n`` (0 <= n < 10**9)."""
    _check_range("n", n, 0, 10**9 - 1)
    digits = f"{n:09d}"
    return f"I-{digits}-{ipi_base_check_digit(digits)}"


# --- ISRC -------------------------------------------------------------------------------------


def normalise_isrc(text: str) -> str:
    """The compact form ``CCXXXYYNNNNN`` (12 characters) of an ISRC."""
    compact = _compact(ISRC, text, label=ISRC)
    try:
        return str(_isrc.validate(compact))
    except InvalidLength:
        raise InvalidIdentifier(ISRC, text, f"must have 12 characters, got {len(compact)}") from None
    except InvalidComponent:
        raise InvalidIdentifier(ISRC, text, f"unknown country code {compact[:2]}") from None
    except InvalidFormat:
        reason = "must be 2 letters, 3 letters or digits, a 2-digit year and a 5-digit designation"
        raise InvalidIdentifier(ISRC, text, reason) from None
    except _StdnumError as exc:
        raise InvalidIdentifier(ISRC, text, str(exc)) from None


def format_isrc(text: str) -> str:
    """The display form ``CC-XXX-YY-NNNNN`` of a valid ISRC."""
    return str(_isrc.format(normalise_isrc(text)))


def isrc_valid(text: object) -> bool:
    """Whether ``text`` is a valid ISRC."""
    return _valid(normalise_isrc, text)


def generate_isrc(country: str, registrant: str, year: int, n: int) -> str:
    """The valid ISRC ``country registrant year n``, compact.

    ``year`` is the two-digit year of reference (0..99) or a four-digit year, whose last two
    digits are used; ``n`` is the designation code, 0 <= n < 100000. Raises
    :class:`InvalidIdentifier` when the country or registrant code is not allowed."""
    if not isinstance(year, int) or isinstance(year, bool) or not (0 <= year <= 99 or 1000 <= year <= 9999):
        raise ValueError(f"year must be in 0..99 or a four-digit year, got {year!r}")
    _check_range("n", n, 0, 99_999)
    return normalise_isrc(f"{country}{registrant}{year % 100:02d}{n:05d}")


# --- ISNI -------------------------------------------------------------------------------------


def normalise_isni(text: str) -> str:
    """The compact form (16 characters, last 0-9 or X) of an ISNI."""
    compact = _compact(ISNI, text, label=ISNI)
    try:
        return str(_isni.validate(compact))
    except InvalidLength:
        raise InvalidIdentifier(ISNI, text, f"must have 16 characters, got {len(compact)}") from None
    except InvalidFormat:
        reason = "must be 15 digits and a check character 0-9 or X"
        raise InvalidIdentifier(ISNI, text, reason) from None
    except InvalidChecksum:
        expected = mod_11_2.calc_check_digit(compact[:-1])
        reason = f"check character is {compact[-1]}, expected {expected}"
        raise InvalidIdentifier(ISNI, text, reason) from None
    except _StdnumError as exc:
        raise InvalidIdentifier(ISNI, text, str(exc)) from None


def format_isni(text: str) -> str:
    """The display form ``0000 0001 2281 955X`` of a valid ISNI."""
    return str(_isni.format(normalise_isni(text)))


def isni_valid(text: object) -> bool:
    """Whether ``text`` is a valid ISNI."""
    return _valid(normalise_isni, text)


def generate_isni(n: int) -> str:
    """The valid ISNI whose first 15 digits are ``n`` (0 <= n < 10**15), compact."""
    _check_range("n", n, 0, 10**15 - 1)
    digits = f"{n:015d}"
    return digits + str(mod_11_2.calc_check_digit(digits))


# --- USCC -------------------------------------------------------------------------------------


def _optional_module(name: str) -> ModuleType | None:
    try:
        return import_module(name)
    except ImportError:  # pragma: no cover - a python-stdnum without the module
        return None


_uscc: Any = _optional_module("stdnum.cn.uscc")
USCC_AVAILABLE = _uscc is not None


def normalise_uscc(text: str) -> str:
    """The compact form (18 characters) of a Unified Social Credit Code.

    Raises :class:`IdentifierUnavailable` if the installed python-stdnum has no cn.uscc."""
    if _uscc is None:  # pragma: no cover - python-stdnum>=1.20 has it
        raise IdentifierUnavailable("USCC validation needs python-stdnum with stdnum.cn.uscc")
    compact = _compact(USCC, text)
    try:
        return str(_uscc.validate(compact))
    except InvalidLength:
        raise InvalidIdentifier(USCC, text, f"must have 18 characters, got {len(compact)}") from None
    except InvalidFormat:
        reason = "must be 8 digits then 10 of 0-9 and A-Z without I, O, S, V, Z"
        raise InvalidIdentifier(USCC, text, reason) from None
    except InvalidChecksum:
        expected = _uscc.calc_check_digit(compact)
        reason = f"check character is {compact[-1]}, expected {expected}"
        raise InvalidIdentifier(USCC, text, reason) from None
    except _StdnumError as exc:
        raise InvalidIdentifier(USCC, text, str(exc)) from None


def uscc_valid(text: object) -> bool:
    """Whether ``text`` is a valid Unified Social Credit Code."""
    return _valid(normalise_uscc, text)


# --- helpers ----------------------------------------------------------------------------------


def _valid(normalise: Callable[[Any], str], text: object) -> bool:
    try:
        normalise(text)
    except InvalidIdentifier:
        return False
    return True
