"""The licensing side: licensees (karaoke venues), the karaoke room tariff, licenses, the month's
invoices and a payment, and e-contracts signed by the society and (or not yet) by the licensee."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session
from stdnum.cn import uscc

from registry.crypto import FieldCipher
from registry.models import Licensee
from registry.services.licensing.econtracts import (
    ContractInput,
    create_contract,
    sign_as_cmo,
    sign_as_licensee,
)
from registry.services.licensing.invoices import run_invoices
from registry.services.licensing.licensees import LicenseeInput, add_licensee
from registry.services.licensing.licenses import LicenseInput, issue_license
from registry.services.licensing.payments import PaymentInput, record_payment
from registry.services.licensing.tariffs import TariffInput, add_tariff

KARAOKE_TARIFF = "KTV-ROOM"


def usable_uscc(n: int) -> str:
    """The n-th unified social credit code with a valid check character (GB 32100-2015)."""
    body = f"91310000MA{n:07d}"
    return body + uscc.calc_check_digit(body)


def karaoke_tariff(session: Session) -> None:
    """1080 fen a room a day, since 2020."""
    add_tariff(
        session,
        TariffInput(
            code=KARAOKE_TARIFF,
            name="karaoke rooms",
            formula="karaoke_room_day",
            params={"rate_fen": 1080},
            valid_from=date(2020, 1, 1),
            valid_to=None,
        ),
    )


def karaoke_venue(
    session: Session, cipher: FieldCipher, name: str, uscc: str, city: str, province: str, rooms: int
) -> Licensee:
    return add_licensee(
        session,
        cipher,
        LicenseeInput(kind="karaoke_venue", name=name, uscc=uscc, city=city, province=province, rooms=rooms),
    )


def karaoke_license(session: Session, licensee: Licensee, start: date, end: date) -> str:
    """A karaoke tariff license issued on its first day; its number."""
    return issue_license(
        session,
        LicenseInput(
            licensee=licensee.ref, tariff=KARAOKE_TARIFF, valid_from=start, valid_to=end, issued_on=start
        ),
    ).number


def invoice_month(session: Session, period: str, issued_on: date) -> dict[str, str]:
    """The month's invoices: invoice number by license number."""
    run = run_invoices(session, period, issued_on=issued_on)
    return {i.license.number: i.number for i in run.issued}


def pay(session: Session, invoice: str, amount_fen: int, received_on: date, reference: str) -> None:
    record_payment(
        session,
        PaymentInput(invoice=invoice, amount_fen=amount_fen, received_on=received_on, reference=reference),
    )


def econtract(
    session: Session,
    data_dir: Path,
    cmo_key: Ed25519PrivateKey,
    licensee: Licensee,
    license: str,
    licensee_key: Ed25519PrivateKey | None,
) -> str:
    """A contract for `license` signed by the society, and by the licensee unless its key is None
    (then it awaits the licensee's signature); its number."""
    made = create_contract(
        session,
        data_dir,
        cmo_key.public_key().public_bytes_raw(),
        ContractInput(
            licensee=licensee.ref,
            document=f"contract of {licensee.name} for {license}".encode(),
            document_name="contract.pdf",
            terms={"annual_fee_fen": 120000},
            cmo_name="CMO",
            license=license,
        ),
    )
    sign_as_cmo(session, made.number, cmo_key)
    if licensee_key is not None:
        sign_as_licensee(session, made.number, licensee_key)
    return made.number
