"""`rightsledger users`: API accounts and API keys."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from registry.entity_ids import MEMBER
from registry.models import USER_ROLES
from registry.services.access.users import (
    UserError,
    create_user,
    find_user,
    issue_api_key,
    list_users,
    revoke_api_key,
)
from registry.services.reporting.lookups import ledger_number
from rightsledger.commands.errors import friendly
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings

users_app = typer.Typer(
    help="API accounts (roles: " + ", ".join(USER_ROLES) + ") and API keys.", no_args_is_help=True
)
err = Console(stderr=True)


@users_app.command("add")
@friendly
def add(
    username: Annotated[str, typer.Argument(help="the login name")],
    role: Annotated[str, typer.Option(help=" | ".join(USER_ROLES))],
    member: Annotated[str | None, typer.Option(help="the member this account acts for: M-12 or 12")] = None,
    licensee: Annotated[
        str | None, typer.Option(help="the licensee this account acts for: LE-7 or 7")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="read the password from stdin")
    ] = False,
    no_password: Annotated[bool, typer.Option("--no-password", help="API keys only")] = False,
) -> None:
    """Create an API account; asks for its password (never shown, never stored in clear)."""
    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not no_password:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    party_id = ledger_number(member, "M") if member else None
    if member and party_id is None:
        raise UserError(f"--member {member!r} is not a member id like M-12")
    licensee_id = ledger_number(licensee, "LE") if licensee else None
    if licensee and licensee_id is None:
        raise UserError(f"--licensee {licensee!r} is not a licensee id like LE-7")
    with unit_of_work(load_settings()) as session:
        user = create_user(
            session, username, role, password=password, party_id=party_id, licensee_id=licensee_id
        )
        err.print(f"user {user.username} ({user.role}) created")


@users_app.command("apikey")
@friendly
def apikey(
    username: Annotated[str, typer.Argument()],
    name: Annotated[str | None, typer.Option(help="what the key is for")] = None,
    revoke: Annotated[str | None, typer.Option(help="revoke the key with this prefix instead")] = None,
) -> None:
    """Issue an API key for a user (printed once: keep it), or revoke one by its prefix."""
    with unit_of_work(load_settings()) as session:
        user = find_user(session, username)
        if revoke:
            revoke_api_key(session, revoke)
            err.print(f"API key {revoke} of {user.username} revoked")
            return
        key = issue_api_key(session, user, name)
    err.print(f"API key for {username} (shown once; send it as the X-API-Key header):")
    print(key)


@users_app.command("list")
@friendly
def list_accounts() -> None:
    """Accounts, their role, member, and API keys (prefixes only)."""
    table = Table("user", "role", "member", "licensee", "active", "API keys")
    with unit_of_work(load_settings()) as session:
        for user in list_users(session):
            keys = ", ".join(k.prefix + (" (revoked)" if k.revoked_at else "") for k in user.api_keys)
            table.add_row(
                user.username,
                user.role,
                MEMBER.make(user.party_id) if user.party_id else "",
                str(user.licensee_id or ""),
                "yes" if user.active else "no",
                keys,
            )
    Console().print(table)
