"""The auditor's signed report: it verifies with the portal's audit key and fails, saying why, when
anything is changed, signed by another key or not a report; the PDF is made; the key file is made
once, owner-only; and the report page's figures and chain units are exact."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from ledger.note import Signer
from portal import audit_report, report_figures
from portal.units import ether, gwei

REPORT = {
    "generated_at": "2026-12-07T12:00:00+00:00",
    "log": {"origin": "cmo.example/log", "contract": "0x" + "ab" * 20},
    "checkpoints": [
        {
            "index": 0,
            "tree_size": 9,
            "anchored_at": "2026-12-07T11:00:00+00:00",
            "block": 2,
            "tx": "0x" + "cd" * 32,
        }
    ],
    "checks": [{"name": "roots", "title": "Roots", "passed": True, "problems": [], "detail": "ok"}],
    "registry_counts": {"entries_per_kind": {"work": 3}},
    "passed": True,
}


def test_a_signed_report_verifies_and_any_change_is_caught(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "audit.skey"
    signer = audit_report.signing_key(key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert audit_report.signing_key(key_file).verifier().vkey == signer.verifier().vkey  # made once
    vkey = signer.verifier().vkey
    doc = audit_report.sign_report(REPORT, signer)
    assert audit_report.verify_signed(doc, vkey) == doc["sha256"]

    changed = {**doc, "report": {**REPORT, "passed": False}}
    with pytest.raises(audit_report.AuditReportError, match="the report hashes to"):
        audit_report.verify_signed(changed, vkey)
    other = Signer.generate(audit_report.KEY_NAME).verifier().vkey
    with pytest.raises(audit_report.AuditReportError, match="the signature does not verify"):
        audit_report.verify_signed(doc, other)
    with pytest.raises(audit_report.AuditReportError, match="not an audit report"):
        audit_report.verify_signed({**doc, "format": "x"}, vkey)
    with pytest.raises(audit_report.AuditReportError, match="no report or no signature note"):
        audit_report.verify_signed({**doc, "note": None}, vkey)


def test_the_pdf_is_made_in_the_readers_words(tmp_path: Path) -> None:
    doc = audit_report.sign_report(REPORT, audit_report.signing_key(tmp_path / "k.skey"))
    words = {
        w: w.upper() for w in ("title", "generated_at", "log", "contract", "verdict", "passed", "failed")
    }
    words |= {
        w: w for w in ("checks", "check", "result", "detail", "checkpoints", "counts", "kind", "entries")
    }
    words |= {w: w for w in ("signature", "key", "tree_size", "anchored_at", "block", "tx")}
    pdf = audit_report.report_pdf(doc, words)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


@pytest.mark.parametrize(
    ("wei", "shown"),
    [
        (0, "0 ETH"),
        (127_760 * 10**9, "0.00012776 ETH"),
        (3 * 10**18 + 1, "3.000000000000000001 ETH"),
        (-5, "-0.000000000000000005 ETH"),
    ],
)
def test_ether_keeps_every_wei(wei: int, shown: str) -> None:
    assert ether(wei) == shown


def test_gwei() -> None:
    assert (gwei(1_500_000_000), gwei("1000000000"), gwei(7)) == ("1.5 gwei", "1 gwei", "0.000000007 gwei")


def test_report_months_and_figures() -> None:
    today = dt.date(2026, 12, 7)
    assert report_figures.last_closed_month(today) == "2026-11"
    assert report_figures.closed("2026-11", today) and not report_figures.closed("2026-12", today)
    assert report_figures.first_day_after("2026-12") == dt.date(2027, 1, 1)
    assert report_figures.previous_month("2026-01") == "2025-12"
    assert report_figures.parse_month("2026-13") is None
    body = {
        "month": "2026-11",
        "licensing": {"currency": "CNY", "invoiced_fen": 386_462_060, "licenses_at_month_end": {"active": 2}},
        "distribution": {"by_source": {"karaoke": {"pool": 100, "members": 3}}},
        "anchoring": {"cost_wei": "127760000000000", "checkpoints": 1},
    }
    found = {(f.section, f.path): (f.value, f.kind) for f in report_figures.figures(body)}
    assert found == {
        ("licensing", ("invoiced_fen",)): (386_462_060, "money"),
        ("licensing", ("licenses_at_month_end", "active")): (2, "count"),
        ("distribution", ("by_source", "karaoke", "pool")): (100, "money"),
        ("distribution", ("by_source", "karaoke", "members")): (3, "count"),
        ("anchoring", ("cost_wei",)): (127_760_000_000_000, "wei"),
        ("anchoring", ("checkpoints",)): (1, "count"),
    }
    assert report_figures.change(5, 3) == 2 and report_figures.change(5, None) is None
