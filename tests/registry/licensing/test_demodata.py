"""The licensing demo data: every license status, unpaid invoices, signed contracts, and the
same data again from the same seed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.db import make_engine, make_session_factory, transaction
from registry.ledger_writer import history
from registry.models import Payment
from registry.services.licensing.econtracts import find_contract, verify_stored
from registry.services.licensing.invoices import find_invoice
from registry.services.licensing.licenses import find_license
from rightsledger.demodata.licensing import seed_licensing
from tests.databases import migrate

SIZES = {"seed": 7, "venues": 8, "platforms": 4, "shops": 3, "period": "2026-03"}


def _facts(result: dict) -> dict:
    """The seeded facts; the demo licensee's key file by name (each run has its own folder)."""
    facts = {k: v for k, v in result.items() if k != "example_public_key_pem"}
    if facts.get("draft_key"):
        facts["draft_key"] = Path(facts["draft_key"]).name
    return facts


def test_the_demo_has_every_status_payments_and_signed_contracts(
    session: Session, cipher: FieldCipher, tmp_path: Path
) -> None:
    result = seed_licensing(session, cipher, tmp_path / "data", **SIZES)
    assert result["licensees"] == 15
    assert all(result["licenses"][status] for status in ("active", "suspended", "revoked", "expired"))
    assert result["unpaid_invoices"] and result["partly_paid_invoices"]
    assert set(result["collected_fen"]) == {"karaoke", "online", "background_music", "broadcast"}
    paid = session.execute(select(func.coalesce(func.sum(Payment.amount_fen), 0))).scalar_one()
    assert sum(result["collected_fen"].values()) == paid > 0
    assert result["invoiced_fen"] == paid + result["outstanding_fen"]
    assert find_invoice(session, result["unpaid_invoices"][0]).payments == []
    assert len(result["contracts"]) == 3
    for number in result["contracts"]:
        assert verify_stored(find_contract(session, number), tmp_path / "data").valid
        assert len(history(session, "contract", number)) == 1
    assert len(history(session, "license", result["licenses"]["suspended"][0])) == 2


def test_the_same_seed_gives_the_same_data(session: Session, cipher: FieldCipher, tmp_path: Path) -> None:
    first = seed_licensing(session, cipher, tmp_path / "a", **SIZES)
    engine = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    migrate(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        with transaction(make_session_factory(engine)) as other:
            second = seed_licensing(other, cipher, tmp_path / "b", **SIZES)
    finally:
        engine.dispose()
    assert _facts(first) == _facts(second)
    different = seed_licensing(session, cipher, tmp_path / "a", **(SIZES | {"seed": 8, "period": "2026-04"}))
    assert different["invoiced_fen"] != first["invoiced_fen"]


def test_a_december_period_leaves_licenses_active_in_the_new_year(
    session: Session, cipher: FieldCipher, tmp_path: Path
) -> None:
    result = seed_licensing(session, cipher, tmp_path / "data", **{**SIZES, "period": "2026-12"})
    active = [find_license(session, n) for n in result["licenses"]["active"]]
    assert active and all(lic.status_on_day(date(2027, 1, 15)) == "active" for lic in active)
