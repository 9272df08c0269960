"""Turn the named errors of the lower layers into one red line and exit code 1, not a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console
from sqlalchemy.exc import OperationalError

from ledger.errors import LedgerError
from registry.errors import RegistryError
from rightsledger.context import NotInitialised
from rightsledger.keys import KeyFileError

F = TypeVar("F", bound=Callable[..., Any])
_EXPECTED = (LedgerError, RegistryError, KeyFileError, NotInitialised, LookupError, OperationalError)


def friendly(command: F) -> F:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except _EXPECTED as exc:
            Console(stderr=True).print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]
