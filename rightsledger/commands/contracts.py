"""`rightsledger contracts create|sign|verify|show`: e-contracts signed by the CMO and the licensee."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from registry.services.licensing.econtracts import (
    ContractInput,
    add_signature,
    contract_bundle,
    contract_summary,
    create_contract,
    find_contract,
    verify_bundle,
    verify_stored,
)
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.signing_keys import b64, load_private_pem, unb64
from rightsledger.commands.errors import friendly
from rightsledger.commands.licensing_io import day, err, fields, json_arg, out, print_json, read_json
from rightsledger.context import unit_of_work
from rightsledger.contract_key import (
    contract_key_file,
    contract_public_key,
    load_contract_key,
    settings_passphrase,
)
from rightsledger.settings import load_settings

contracts_app = typer.Typer(help="E-contracts: document hash, parties, key terms, Ed25519 signatures.")
JsonOption = Annotated[bool, typer.Option("--json", help="print the result as JSON")]


@contracts_app.command("create")
@friendly
def contracts_create(
    licensee: Annotated[str, typer.Option(help="LE-12, 12 or the USCC")],
    document: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="the contract document")],
    license: Annotated[str | None, typer.Option(help="the license number it grants")] = None,
    term: Annotated[
        list[str] | None, typer.Option(help="a key term KEY=VALUE (repeatable; digits = integer)")
    ] = None,
    terms: Annotated[str | None, typer.Option(help="key terms as a JSON object, or @FILE")] = None,
    on: Annotated[str | None, typer.Option("--on", help="date of the contract, YYYY-MM-DD")] = None,
    as_json: JsonOption = False,
) -> None:
    """Draft a contract: keep the document by its SHA-256 and fix the payload both parties sign."""
    key_terms: dict[str, Any] = dict(json_arg(terms, "key terms")) if terms else {}
    for item in term or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise LicensingError(f"--term {item!r} is not KEY=VALUE")
        key_terms[key.strip()] = int(value) if value.strip().isdigit() else value.strip()
    settings = load_settings()
    cmo_key = contract_public_key(contract_key_file(settings.data_dir), settings_passphrase(settings))
    with unit_of_work(settings) as session:
        contract = create_contract(
            session,
            settings.data_dir,
            cmo_key,
            ContractInput(
                licensee=licensee,
                license=license,
                document=document.read_bytes(),
                document_name=document.name,
                terms=key_terms,
                cmo_name=settings.society_name,
                created_on=day(on, "--on"),
            ),
        )
        summary = contract_summary(contract)
    _show(summary, as_json)


@contracts_app.command("sign")
@friendly
def contracts_sign(
    number: Annotated[str, typer.Argument()],
    party: Annotated[str, typer.Option("--as", help="cmo or licensee")],
    key: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="the licensee's private key (PEM)")
    ] = None,
    key_passphrase: Annotated[str | None, typer.Option(help="passphrase of --key, if encrypted")] = None,
    signature: Annotated[
        str | None, typer.Option(help="a signature made elsewhere over the payload: base64, or @FILE")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Sign as the CMO (its contract key) or as the licensee (--key PEM, or --signature made elsewhere).
    A signature that does not verify over the contract's payload is refused."""
    if party not in ("cmo", "licensee"):
        raise LicensingError(f"--as {party!r}: expected cmo or licensee")
    settings = load_settings()
    with unit_of_work(settings) as session:
        contract = find_contract(session, number)
        payload = bytes(contract.payload)
        if signature is not None:
            text = Path(signature[1:]).read_text() if signature.startswith("@") else signature
            sig = unb64(text, where="--signature")
        elif party == "cmo":
            sig = load_contract_key(contract_key_file(settings.data_dir), settings_passphrase(settings)).sign(
                payload
            )
        elif key is not None:
            sig = load_private_pem(key.read_bytes(), key_passphrase, where=str(key)).sign(payload)
        else:
            raise LicensingError("signing as the licensee needs --key PEM or --signature")
        add_signature(session, contract, party, sig)
        summary = contract_summary(contract)
    if not as_json:
        done = " both parties have signed: contract entry recorded" if all(summary["signed"].values()) else ""
        err.print(f"{summary['number']} signed by the {party};{done or ' waiting for the other party'}")
    _show(summary, as_json)


@contracts_app.command("sign-payload")
@friendly
def contracts_sign_payload(
    payload: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="the payload file, as downloaded unchanged")
    ],
    key: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="your private key (PEM)")],
    key_passphrase: Annotated[str | None, typer.Option(help="passphrase of --key, if encrypted")] = None,
    output: Annotated[
        Path | None, typer.Option("--out", help="write the signature (base64) here; else print it")
    ] = None,
) -> None:
    """Sign a contract's payload on your own machine, with no database and no network: the
    licensee downloads the payload from the portal, signs it here and uploads the signature.
    The key never leaves this machine; the signature is Ed25519 over the file's exact bytes."""
    data = payload.read_bytes()
    try:
        number = json.loads(data)["number"]
    except (ValueError, KeyError, TypeError):
        raise LicensingError(f"{payload} is not a contract payload (JSON naming its number)") from None
    signature = b64(load_private_pem(key.read_bytes(), key_passphrase, where=str(key)).sign(data))
    if output is None:
        print(signature)
    else:
        output.write_text(signature + "\n", encoding="ascii")
        where = escape(str(output))
        err.print(f"{escape(str(number))}: signature written to {where}; upload it in the portal")


@contracts_app.command("verify")
@friendly
def contracts_verify(
    number: Annotated[str | None, typer.Argument(help="a contract of this registry")] = None,
    bundle: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="a contract bundle (contracts show --export)"),
    ] = None,
    document: Annotated[Path | None, typer.Option(exists=True, dir_okay=False, help="the document")] = None,
    as_json: JsonOption = False,
) -> None:
    """Verify a contract: the document's hash and both signatures over the canonical payload.
    With --bundle and --document it needs no database. Exit 0 valid, 1 not."""
    if (number is None) == (bundle is None):
        raise LicensingError("give a contract number, or --bundle FILE --document FILE")
    if bundle is not None:
        report = verify_bundle(
            read_json(bundle, "contract bundle"), document.read_bytes() if document else None
        )
    else:
        settings = load_settings()
        with unit_of_work(settings) as session:
            contract = find_contract(session, str(number))
            if document is not None:
                report = verify_bundle(contract_bundle(contract), document.read_bytes())
            else:
                report = verify_stored(contract, settings.data_dir)
    result = report.to_dict()
    if as_json:
        print_json(result)
    else:
        for step in result["steps"]:
            mark = "[green]ok[/green]" if step["ok"] else "[red]FAILED[/red]"
            out.print(f"{mark} {escape(step['step'])}: {escape(step['detail'])}")
        out.print("[green]VALID[/green]" if report.valid else "[red]INVALID[/red]")
    raise typer.Exit(0 if report.valid else 1)


@contracts_app.command("show")
@friendly
def contracts_show(
    number: Annotated[str, typer.Argument()],
    export: Annotated[Path | None, typer.Option(help="write the bundle (payload + signatures) here")] = None,
    payload_out: Annotated[
        Path | None, typer.Option(help="write the exact payload bytes to sign here")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """A contract: parties, terms, document hash and who has signed."""
    with unit_of_work(load_settings()) as session:
        contract = find_contract(session, number)
        summary = contract_summary(contract)
        bundle = contract_bundle(contract)
        payload = bytes(contract.payload)
    if export is not None:
        export.write_text(json.dumps(bundle, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if payload_out is not None:
        payload_out.write_bytes(payload)
    _show(summary, as_json)


def _show(summary: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(summary)
    else:
        fields(summary.items())
