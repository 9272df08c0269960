"""The licensing and royalty side of the API tests' CMO: two licensees with licenses (one
expired), invoices and a payment, e-contracts (signed, and one awaiting the licensee), a
distribution of March 2026 paying Alice and Bob, unidentified usage, and a published report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.models import Licensee
from registry.services.distribution.runs import statement_id
from registry.services.licensing.licensees import generate_signing_key
from registry.services.licensing.signing_keys import load_private_pem
from registry.services.reporting.transparency import publish_report, report_id
from tests.society.licensing import (
    econtract,
    invoice_month,
    karaoke_license,
    karaoke_tariff,
    karaoke_venue,
    pay,
    usable_uscc,
)
from tests.society.usage import REPORT_SHA256, distribute_karaoke, unknown_plays, usage_frame

PERIOD, SOURCE = "2026-03", "karaoke"


@dataclass
class Business:
    venue_license: str
    expired_license: str
    other_license: str
    venue_invoice: str
    other_invoice: str
    venue_contract: str  # signed by both: a private contract entry
    venue_draft: str  # signed by the society only: the venue signs it over the API
    other_contract: str
    venue_key: Ed25519PrivateKey
    alice_statement: str  # DIST-2026-03-karaoke/M-n
    bob_statement: str
    summary: str
    report: str
    unidentified: int


def build_business(
    session: Session,
    cipher: FieldCipher,
    data_dir: Path,
    venue: Licensee,
    parties: tuple[int, int],
    recordings: tuple[int, int],
) -> Business:
    karaoke_tariff(session)
    other = karaoke_venue(session, cipher, "银嗓子 KTV", usable_uscc(21), "北京", "BJ", 5)
    venue_key = load_private_pem(generate_signing_key(venue))
    other_key = load_private_pem(generate_signing_key(other))
    session.flush()

    expired = karaoke_license(session, venue, date(2020, 1, 1), date(2020, 12, 31))
    venue_license = karaoke_license(session, venue, date(2026, 1, 1), date(2030, 12, 31))
    other_license = karaoke_license(session, other, date(2026, 1, 1), date(2030, 12, 31))
    invoices = invoice_month(session, PERIOD, issued_on=date(2026, 4, 1))
    pay(session, invoices[venue_license], 1000, date(2026, 4, 2), "BANK-1")

    cmo_key = Ed25519PrivateKey.generate()
    venue_contract = econtract(session, data_dir, cmo_key, venue, venue_license, venue_key)
    venue_draft = econtract(session, data_dir, cmo_key, venue, venue_license, None)
    other_contract = econtract(session, data_dir, cmo_key, other, other_license, other_key)

    usage = usage_frame(
        [(recordings[0], None, 10, True), (recordings[1], None, 5, True), (None, None, 3, False)]
    )
    result = distribute_karaoke(session, PERIOD, usage, 1_000_000, [(REPORT_SHA256, "plays.csv", 3)])
    unidentified = unknown_plays(session, data_dir, "2026-04", SOURCE)
    publish_report(session, PERIOD)
    session.flush()
    return Business(
        venue_license=venue_license,
        expired_license=expired,
        other_license=other_license,
        venue_invoice=invoices[venue_license],
        other_invoice=invoices[other_license],
        venue_contract=venue_contract,
        venue_draft=venue_draft,
        other_contract=other_contract,
        venue_key=venue_key,
        alice_statement=statement_id(PERIOD, SOURCE, parties[0]),
        bob_statement=statement_id(PERIOD, SOURCE, parties[1]),
        summary=result.summary_id,
        report=report_id(PERIOD),
        unidentified=unidentified.id,
    )
