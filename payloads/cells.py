"""Cells of the CSV and XLSX files we hand out: a text that a spreadsheet program would take for
a formula (OWASP's CSV injection rule: it starts with = + - @, a tab or a carriage return) is
written with a single quote before it, so it shows as text and never runs. Only the file is
changed: what the registry stores and proves stays as it was received.

Here, beside the API's answers, because the CLI and the portal both write statement files and
both import payloads/."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")  # "-12.50" is an amount, not a formula


def safe_cell(value: Any) -> Any:
    """`value` as a spreadsheet cell: a text starting like a formula gets a leading quote;
    numbers, plain signed decimals and everything else stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]
