"""Input and output shared by the licensing commands: dates, money, JSON and tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from registry.services.licensing.errors import LicensingError

out = Console()
err = Console(stderr=True)


def day(text: str | None, option: str) -> date | None:
    """A date given as YYYY-MM-DD, or None."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise LicensingError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def required_day(text: str, option: str) -> date:
    value = day(text, option)
    assert value is not None
    return value


def yuan_to_fen(text: str, option: str = "--amount") -> int:
    """An amount in yuan with at most two decimals (1234.56) as integer fen; never a float."""
    try:
        value = Decimal(text.strip().replace(",", "").removeprefix("¥"))
    except InvalidOperation:
        raise LicensingError(f"{option} {text!r} is not an amount in yuan (e.g. 1234.56)") from None
    fen = value.scaleb(2)
    if not value.is_finite() or fen != fen.to_integral_value():
        raise LicensingError(f"{option} {text!r} has more than two decimals (fen)")
    return int(fen)


def fen_text(fen: int) -> str:
    """Integer fen as yuan for people: 123456 -> 1,234.56."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LicensingError(f"{path}: cannot read the {what}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise LicensingError(f"{path}: the {what} is not JSON (line {exc.lineno}: {exc.msg})") from None


def json_arg(text: str, what: str) -> Any:
    """JSON given inline, or @FILE."""
    if text.startswith("@"):
        return read_json(Path(text[1:]), what)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LicensingError(f"the {what} is not JSON: {exc.msg}") from None


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    grid = Table(*columns, title=title)
    for row in rows:
        grid.add_row(*(escape("" if cell is None else str(cell)) for cell in row))
    out.print(grid)


def fields(pairs: Iterable[tuple[str, Any]]) -> None:
    for key, value in pairs:
        out.print(f"[bold]{escape(key)}[/bold]: {escape('' if value is None else str(value))}")
