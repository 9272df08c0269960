"""`rightsledger licensees|tariffs|licenses ...`: the licensing department's commands.

Thin wiring: every rule lives in registry/services; each command runs in one transaction, so
bad input gives one error line and writes nothing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from registry.crypto import field_cipher
from registry.ledger_writer import history
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.licensees import (
    ContactInput,
    LicenseeInput,
    add_licensee,
    find_licensee,
    generate_signing_key,
    licensee_summary,
    list_licensees,
    register_signing_key,
)
from registry.services.licensing.licenses import (
    DEFAULT_SCOPE,
    DEFAULT_TERRITORY,
    LicenseInput,
    find_license,
    issue_license,
    license_summary,
    list_licenses,
    reinstate_license,
    revoke_license,
    suspend_license,
)
from registry.services.licensing.tariffs import TariffInput, add_tariff, list_tariffs, tariff_summary
from rightsledger.commands.errors import friendly
from rightsledger.commands.licensing_io import (
    day,
    err,
    fields,
    json_arg,
    print_json,
    required_day,
    table,
)
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings

licensees_app = typer.Typer(help="Licensees: karaoke venues, platforms, apps, broadcasters, shops, hotels.")
tariffs_app = typer.Typer(help="Tariffs: versioned fee formulas.")
licenses_app = typer.Typer(help="Licenses: issue, suspend, reinstate, revoke; each a public ledger entry.")

JsonOption = Annotated[bool, typer.Option("--json", help="print the result as JSON")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="the day it takes effect, YYYY-MM-DD (default today)")
]


# --- licensees --------------------------------------------------------------------------------


@licensees_app.command("add")
@friendly
def licensees_add(
    kind: Annotated[
        str,
        typer.Option(
            help="karaoke_venue, vod_platform, streaming_platform, chat_room_app, broadcaster, shop or hotel"
        ),
    ],
    name: Annotated[str, typer.Option(help="the licensee's registered name")],
    uscc: Annotated[str | None, typer.Option(help="unified social credit code (18 characters)")] = None,
    address: Annotated[str | None, typer.Option()] = None,
    city: Annotated[str | None, typer.Option()] = None,
    province: Annotated[str | None, typer.Option(help="ISO 3166-2:CN code (GD) or Chinese name")] = None,
    lat: Annotated[str | None, typer.Option(help="latitude, decimal degrees")] = None,
    lon: Annotated[str | None, typer.Option(help="longitude, decimal degrees")] = None,
    rooms: Annotated[int | None, typer.Option(help="karaoke rooms")] = None,
    area: Annotated[int | None, typer.Option(help="floor area in m2 (shops, hotels)")] = None,
    service: Annotated[str | None, typer.Option(help="platform, app or channel name")] = None,
    contact_role: Annotated[str, typer.Option(help="the contact person's role")] = "legal representative",
    contact_name: Annotated[str | None, typer.Option(help="contact person (sealed at rest)")] = None,
    contact_phone: Annotated[str | None, typer.Option()] = None,
    contact_email: Annotated[str | None, typer.Option()] = None,
    generate_key: Annotated[
        Path | None, typer.Option(help="generate the licensee's e-contract key; write its private PEM here")
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="register the licensee's own public key (PEM)"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Onboard a licensee (and optionally its contact person and e-contract key)."""
    if generate_key and public_key:
        raise LicensingError("give --generate-key or --public-key, not both")
    _check_new_file(generate_key)
    contacts = (
        [ContactInput(role=contact_role, name=contact_name, phone=contact_phone, email=contact_email)]
        if contact_name
        else []
    )
    settings = load_settings()
    cipher = field_cipher(settings.data_key_file)
    with unit_of_work(settings) as session:
        licensee = add_licensee(
            session,
            cipher,
            LicenseeInput(
                kind=kind,
                name=name,
                uscc=uscc,
                address=address,
                city=city,
                province=province,
                latitude=lat,
                longitude=lon,
                rooms=rooms,
                floor_area_m2=area,
                service=service,
                contacts=contacts,
            ),
        )
        pem = generate_signing_key(licensee) if generate_key else None
        if public_key:
            register_signing_key(licensee, public_key.read_bytes())
        summary = licensee_summary(licensee)
    if generate_key and pem:
        _write_private(generate_key, pem)
        err.print(f"private e-contract key of {summary['ref']} written to {generate_key}: hand it over")
    _show_licensee(summary, as_json)


@licensees_app.command("key")
@friendly
def licensees_key(
    licensee: Annotated[str, typer.Argument(help="LE-12, 12 or the USCC")],
    generate: Annotated[
        Path | None, typer.Option(help="generate a new key; write its private PEM here")
    ] = None,
    register: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="register the licensee's own public key (PEM)"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Give a licensee a new e-contract key, or register its own public key."""
    if (generate is None) == (register is None):
        raise LicensingError("give exactly one of --generate FILE or --register PEM")
    _check_new_file(generate)
    settings = load_settings()
    with unit_of_work(settings) as session:
        found = find_licensee(session, licensee)
        pem = generate_signing_key(found) if generate else None
        if register:
            register_signing_key(found, register.read_bytes())
        summary = licensee_summary(found)
    if generate and pem:
        _write_private(generate, pem)
    _show_licensee(summary, as_json)


@licensees_app.command("list")
@friendly
def licensees_list(
    kind: Annotated[str | None, typer.Option()] = None,
    city: Annotated[str | None, typer.Option()] = None,
    as_json: JsonOption = False,
) -> None:
    """Licensees, oldest first."""
    with unit_of_work(load_settings()) as session:
        rows = [licensee_summary(item) for item in list_licensees(session, kind=kind, city=city)]
    if as_json:
        print_json(rows)
        return
    table(
        f"{len(rows)} licensees",
        ("ref", "kind", "name", "USCC", "city", "province", "rooms", "m2"),
        [
            (
                r["ref"],
                r["kind"],
                r["name"],
                r["uscc"],
                r["city"],
                r["province"],
                r["rooms"],
                r["floor_area_m2"],
            )
            for r in rows
        ],
    )


@licensees_app.command("show")
@friendly
def licensees_show(
    licensee: Annotated[str, typer.Argument(help="LE-12, 12 or the USCC")],
    as_json: JsonOption = False,
) -> None:
    """A licensee with its contact persons (opened for staff) and licenses."""
    settings = load_settings()
    cipher = field_cipher(settings.data_key_file)
    with unit_of_work(settings) as session:
        found = find_licensee(session, licensee)
        summary = licensee_summary(found, cipher)
        summary["licenses"] = [
            {
                "number": lic.number,
                "status": license_summary(lic)["status"],
                "valid_to": lic.valid_to.isoformat(),
            }
            for lic in list_licenses(session, licensee=found.id)
        ]
    _show_licensee(summary, as_json)


def _show_licensee(summary: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(summary)
    else:
        fields(summary.items())


def _check_new_file(path: Path | None) -> None:
    """Refuse before anything is recorded: a key written nowhere would be a key lost."""
    if path is None:
        return
    if path.exists():
        raise LicensingError(f"{path} already exists: a private key is never overwritten")
    folder = next((p for p in path.absolute().parents if p.exists()), Path("/"))
    if not os.access(folder, os.W_OK):
        raise LicensingError(f"cannot write the private key to {path}: {folder} is not writable")


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


# --- tariffs ----------------------------------------------------------------------------------


@tariffs_app.command("add")
@friendly
def tariffs_add(
    code: Annotated[str, typer.Option(help="the tariff's code; an existing code gets its next version")],
    name: Annotated[str, typer.Option()],
    formula: Annotated[
        str,
        typer.Option(
            help="karaoke_room_day, karaoke_per_play, background_music, online_revenue or flat_annual"
        ),
    ],
    params: Annotated[
        str, typer.Option(help="parameters as JSON, or @FILE (amounts in fen: ints or strings)")
    ],
    valid_from: Annotated[str, typer.Option("--from", help="first day in force, YYYY-MM-DD")],
    valid_to: Annotated[
        str | None, typer.Option("--to", help="last day in force (default open-ended)")
    ] = None,
    applies_to: Annotated[
        list[str] | None, typer.Option("--applies-to", help="licensee kind it fits (repeatable)")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Add a tariff version."""
    parsed = json_arg(params, "tariff parameters")
    with unit_of_work(load_settings()) as session:
        tariff = add_tariff(
            session,
            TariffInput(
                code=code,
                name=name,
                formula=formula,
                params=parsed,
                valid_from=required_day(valid_from, "--from"),
                valid_to=day(valid_to, "--to"),
                applies_to=applies_to or (),
            ),
        )
        summary = tariff_summary(tariff)
    if as_json:
        print_json(summary)
    else:
        err.print(f"tariff {summary['code']} version {summary['version']} added")


@tariffs_app.command("list")
@friendly
def tariffs_list(as_json: JsonOption = False) -> None:
    """Every tariff version."""
    with unit_of_work(load_settings()) as session:
        rows = [tariff_summary(t) for t in list_tariffs(session)]
    if as_json:
        print_json(rows)
        return
    table(
        f"{len(rows)} tariff versions",
        ("code", "version", "formula", "applies to", "from", "to", "name"),
        [
            (
                r["code"],
                r["version"],
                r["formula"],
                ", ".join(r["applies_to"]),
                r["valid_from"],
                r["valid_to"],
                r["name"],
            )
            for r in rows
        ],
    )


# --- licenses ---------------------------------------------------------------------------------


@licenses_app.command("issue")
@friendly
def licenses_issue(
    licensee: Annotated[str, typer.Option(help="LE-12, 12 or the USCC")],
    tariff: Annotated[str, typer.Option(help="tariff code")],
    valid_from: Annotated[str, typer.Option("--from", help="first day, YYYY-MM-DD")],
    valid_to: Annotated[str, typer.Option("--to", help="last day, YYYY-MM-DD")],
    tariff_version: Annotated[
        int | None, typer.Option(help="default: the version in force on --from")
    ] = None,
    scope: Annotated[str, typer.Option(help="repertoire licensed")] = DEFAULT_SCOPE,
    territory: Annotated[
        str, typer.Option(help="ISO 3166 code (CN, CN-GD) or CISAC TIS code")
    ] = DEFAULT_TERRITORY,
    on: OnOption = None,
    as_json: JsonOption = False,
) -> None:
    """Issue a license (records its public `license` entry)."""
    with unit_of_work(load_settings()) as session:
        license = issue_license(
            session,
            LicenseInput(
                licensee=licensee,
                tariff=tariff,
                tariff_version=tariff_version,
                valid_from=required_day(valid_from, "--from"),
                valid_to=required_day(valid_to, "--to"),
                scope=scope,
                territory=territory,
                issued_on=day(on, "--on"),
            ),
        )
        summary = license_summary(license)
    _show_license(summary, as_json, "issued")


@licenses_app.command("suspend")
@friendly
def licenses_suspend(
    number: Annotated[str, typer.Argument()],
    reason: Annotated[str, typer.Option(help="why (public)")],
    on: OnOption = None,
    as_json: JsonOption = False,
) -> None:
    """Suspend an active license."""
    with unit_of_work(load_settings()) as session:
        summary = license_summary(suspend_license(session, number, reason, day(on, "--on")))
    _show_license(summary, as_json, "suspended")


@licenses_app.command("reinstate")
@friendly
def licenses_reinstate(
    number: Annotated[str, typer.Argument()],
    reason: Annotated[str | None, typer.Option(help="why (public)")] = None,
    on: OnOption = None,
    as_json: JsonOption = False,
) -> None:
    """Reinstate a suspended license."""
    with unit_of_work(load_settings()) as session:
        summary = license_summary(reinstate_license(session, number, reason, day(on, "--on")))
    _show_license(summary, as_json, "reinstated")


@licenses_app.command("revoke")
@friendly
def licenses_revoke(
    number: Annotated[str, typer.Argument()],
    reason: Annotated[str, typer.Option(help="why (public)")],
    on: OnOption = None,
    as_json: JsonOption = False,
) -> None:
    """Revoke a license for good."""
    with unit_of_work(load_settings()) as session:
        summary = license_summary(revoke_license(session, number, reason, day(on, "--on")))
    _show_license(summary, as_json, "revoked")


@licenses_app.command("show")
@friendly
def licenses_show(
    number: Annotated[str, typer.Argument()],
    on: Annotated[str | None, typer.Option("--on", help="status on this day (default today)")] = None,
    as_json: JsonOption = False,
) -> None:
    """A license, its status (expired when past its end) and its ledger versions."""
    with unit_of_work(load_settings()) as session:
        license = find_license(session, number)
        summary = license_summary(license, day(on, "--on"))
        summary["versions"] = [
            {
                "version": e.version,
                "at": e.at,
                "status": e.body["status"],
                "reason": e.body["reason"],
                "leaf_hash": e.leaf_hash().hex(),
            }
            for e in history(session, "license", license.number)
        ]
    _show_license(summary, as_json, None)


@licenses_app.command("list")
@friendly
def licenses_list(
    status: Annotated[str | None, typer.Option(help="active, suspended, revoked or expired")] = None,
    city: Annotated[str | None, typer.Option()] = None,
    name: Annotated[str | None, typer.Option(help="part of the licensee's name")] = None,
    on: Annotated[str | None, typer.Option("--on", help="status on this day (default today)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Licenses with their status computed on a day."""
    if status is not None and status not in ("active", "suspended", "revoked", "expired"):
        raise LicensingError(f"unknown status {status!r}; expected active, suspended, revoked or expired")
    when = day(on, "--on")
    with unit_of_work(load_settings()) as session:
        rows = [
            license_summary(lic, when)
            for lic in list_licenses(session, status=status, city=city, name=name, on=when)
        ]
    if as_json:
        print_json(rows)
        return
    table(
        f"{len(rows)} licenses",
        ("number", "licensee", "city", "tariff", "from", "to", "status"),
        [
            (
                r["number"],
                r["licensee"],
                r["city"],
                f"{r['tariff']['code']} v{r['tariff']['version']}",
                r["valid_from"],
                r["valid_to"],
                r["status"],
            )
            for r in rows
        ],
    )


def _show_license(summary: dict[str, Any], as_json: bool, done: str | None) -> None:
    if as_json:
        print_json(summary)
        return
    if done:
        err.print(
            f"{summary['number']} {done}; recorded as a license entry (anchored by `rightsledger anchor`)"
        )
    fields((k, v) for k, v in summary.items() if k != "versions")
    for version in summary.get("versions", []):
        fields(
            [
                (
                    f"version {version['version']}",
                    f"{version['status']} at {version['at']} ({version['reason'] or 'no reason'})",
                )
            ]
        )
