"""The licensing and royalty side of the API tests' CMO: two licensees with licenses (one
expired), invoices and a payment, e-contracts (signed, and one awaiting the licensee), a
distribution of March 2026 paying Alice and Bob, unidentified usage, and a published report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.models import Licensee
from registry.services.distribution.runs import distribute, statement_id
from registry.services.licensing.econtracts import (
    ContractInput,
    create_contract,
    sign_as_cmo,
    sign_as_licensee,
)
from registry.services.licensing.invoices import run_invoices
from registry.services.licensing.licensees import LicenseeInput, add_licensee, generate_signing_key
from registry.services.licensing.licenses import LicenseInput, issue_license
from registry.services.licensing.payments import PaymentInput, record_payment
from registry.services.licensing.signing_keys import load_private_pem
from registry.services.licensing.tariffs import TariffInput, add_tariff
from registry.services.reporting.transparency import publish_report, report_id
from registry.services.usage.reports import import_usage
from registry.usage.matched import MATCHED_SCHEMA

OTHER_USCC = "91310000MA00000020"
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


def _usable_uscc(n: int) -> str:
    from stdnum.cn import uscc

    body = f"91310000MA{n:07d}"
    return body + uscc.calc_check_digit(body)


def build_business(
    session: Session,
    cipher: FieldCipher,
    data_dir: Path,
    venue: Licensee,
    parties: tuple[int, int],
    recordings: tuple[int, int],
) -> Business:
    add_tariff(
        session,
        TariffInput(
            code="KTV-ROOM",
            name="karaoke rooms",
            formula="karaoke_room_day",
            params={"rate_fen": 1080},
            valid_from=date(2020, 1, 1),
            valid_to=None,
        ),
    )
    other = add_licensee(
        session,
        cipher,
        LicenseeInput(
            kind="karaoke_venue",
            name="银嗓子 KTV",
            uscc=_usable_uscc(21),
            city="北京",
            province="BJ",
            rooms=5,
        ),
    )
    venue_key = load_private_pem(generate_signing_key(venue))
    other_key = load_private_pem(generate_signing_key(other))
    session.flush()

    def license_for(who: Licensee, start: date, end: date) -> str:
        return issue_license(
            session,
            LicenseInput(
                licensee=who.ref, tariff="KTV-ROOM", valid_from=start, valid_to=end, issued_on=start
            ),
        ).number

    expired = license_for(venue, date(2020, 1, 1), date(2020, 12, 31))
    venue_license = license_for(venue, date(2026, 1, 1), date(2030, 12, 31))
    other_license = license_for(other, date(2026, 1, 1), date(2030, 12, 31))
    run = run_invoices(session, PERIOD, issued_on=date(2026, 4, 1))
    invoices = {i.license.number: i.number for i in run.issued}
    record_payment(
        session,
        PaymentInput(
            invoice=invoices[venue_license], amount_fen=1000, received_on=date(2026, 4, 2), reference="BANK-1"
        ),
    )

    cmo_key = Ed25519PrivateKey.generate()
    cmo_public = cmo_key.public_key().public_bytes_raw()

    def contract(who: Licensee, key: Ed25519PrivateKey | None, license: str) -> str:
        made = create_contract(
            session,
            data_dir,
            cmo_public,
            ContractInput(
                licensee=who.ref,
                document=f"contract of {who.name} for {license}".encode(),
                document_name="contract.pdf",
                terms={"annual_fee_fen": 120000},
                cmo_name="CMO",
                license=license,
            ),
        )
        sign_as_cmo(session, made.number, cmo_key)
        if key is not None:
            sign_as_licensee(session, made.number, key)
        return made.number

    venue_contract = contract(venue, venue_key, venue_license)
    venue_draft = contract(venue, None, venue_license)
    other_contract = contract(other, other_key, other_license)

    usage = pl.LazyFrame(
        {
            "report_sha256": ["ab" * 32] * 3,
            "line_no": [1, 2, 3],
            "recording_id": [recordings[0], recordings[1], None],
            "work_id": [None, None, None],
            "weight": [10, 5, 3],
            "revenue_minor": [None, None, None],
            "matched": [True, True, False],
            "adjustment_of_period": [None, None, None],
        },
        schema=MATCHED_SCHEMA,
    )
    result = distribute(
        session,
        period=PERIOD,
        source=SOURCE,
        usage=usage,
        pool=1_000_000,
        reports=[("ab" * 32, "plays.csv", 3)],
    )
    assert result.status == "recorded", result.messages

    log = data_dir / "plays-2026-04.csv"
    log.write_text(
        "licensee,room,isrc,title,artist,duration,played_at,plays\n"
        "LE-1,1,CN-Z99-26-99999,无名之歌,Nobody,180,2026-04-03T20:00:00+08:00,4\n",
        encoding="utf-8",
    )
    import_usage(session, data_dir, log, "2026-04", SOURCE)
    from registry.services.usage.claims import list_unidentified

    groups = list_unidentified(session, open_only=True)
    assert groups, "the unknown ISRC should leave unidentified usage"
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
        unidentified=groups[0].id,
    )
