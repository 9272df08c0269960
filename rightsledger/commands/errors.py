"""Turn the named errors of the lower layers into one red line and exit code 1, not a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from sqlalchemy.exc import OperationalError

from anchor.contract import AnchorReverted
from anchor.errors import ChainError
from anchor.job import AnchoringError
from ledger.errors import LedgerError
from registry.cwr.errors import CwrStructureError
from registry.errors import RegistryError
from registry.works_template import TemplateError
from rightsledger.context import NotInitialised
from rightsledger.keys import KeyFileError

F = TypeVar("F", bound=Callable[..., Any])
_EXPECTED = (
    LedgerError,
    RegistryError,
    KeyFileError,
    NotInitialised,
    LookupError,
    OperationalError,
    ChainError,
    AnchoringError,
    AnchorReverted,
    CwrStructureError,
    TemplateError,
)


def friendly(command: F) -> F:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except _EXPECTED as exc:
            # The message may quote user input (ids, paths, URLs): never let Rich read it as markup.
            Console(stderr=True).print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(1) from None
        except ValidationError as exc:  # a bad RIGHTS_* setting
            problems = "; ".join(
                f"RIGHTS_{'_'.join(map(str, e['loc'])).upper()}={e.get('input')!r}: {e['msg']}"
                for e in exc.errors()
            )
            Console(stderr=True).print(f"[red]error:[/red] invalid setting {escape(problems)}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]
