"""Importing CWR files into the registry, on SQLite and PostgreSQL: every sample, re-imports that
change nothing, broken files refused whole, transactions rejected alone, acknowledgements kept."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from ledger.canonical import canonical_bytes
from registry.cwr.errors import CwrStructureError
from registry.cwr.generate import generate_cwr
from registry.db import transaction
from registry.kinds.cwr_file import cwr_file_body
from registry.ledger_writer import history, latest_entry
from registry.models import CwrImport, Work, WorkAcknowledgement, entry_table
from registry.services.repertoire.cwr_import import import_cwr
from tests.paths import SAMPLES

CWR = SAMPLES / "cwr"
# file -> (transactions, accepted, works created); demo_cwr_cleaned.v22 holds an ACK file trimmed
# from a larger one: its trailers still state the original counts (39 transactions).
EXPECTED = {
    "CW220001DMP_000.V21": (1, 1, 1),
    "nwrexample2.V21": (1, 1, 1),
    "revexample.V21": (2, 2, 2),
    "demo_cwr_cleaned.v22": (9, 8, 7),
}


def _import(factory: sessionmaker[Session], name: str, data: bytes | None = None, **options):
    with transaction(factory) as session:
        return import_cwr(
            session, data if data is not None else (CWR / name).read_bytes(), name=name, **options
        )


def _count(factory: sessionmaker[Session], table: str) -> int:
    with factory() as session:
        return session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sample_imports_with_its_transaction_counts(session_factory, name: str) -> None:
    report = _import(session_factory, name, lenient_counts=name.startswith("demo"))
    transactions, accepted, created = EXPECTED[name]
    assert (report.transactions, report.accepted, report.works_created) == (transactions, accepted, created)
    assert report.rejected == transactions - accepted
    assert _count(session_factory, "work") >= created
    with session_factory() as session:
        row = session.scalars(select(CwrImport)).one()
        assert (row.name, row.transactions, row.accepted) == (name, transactions, accepted)


def test_a_sample_becomes_a_work_with_shares_and_a_public_ledger_entry(session_factory) -> None:
    _import(session_factory, "CW220001DMP_000.V21")
    with session_factory() as session:
        work = session.scalars(select(Work).where(Work.iswc == "T1234567894")).one()
        assert work.title == "MUSIC PUB CARTOONS"
        [entry] = history(session, "work", work.ledger_id)
        assert entry.body["iswc"] == "T1234567894"
        assert not entry.private and entry.salt is None
        assert "MUSIC PUB CARTOONS" in str(entry.body)


def test_the_same_file_again_changes_nothing_and_says_so(session_factory) -> None:
    _import(session_factory, "revexample.V21")
    entries = _count(session_factory, "ledger_entry")
    again = _import(session_factory, "revexample.V21")
    assert again.already_imported and "already imported" in again.issues[0]["message"]
    assert _count(session_factory, "ledger_entry") == entries
    assert _count(session_factory, "cwr_import") == 1


def test_the_same_registrations_in_another_file_record_nothing_new(session_factory) -> None:
    data = (CWR / "nwrexample2.V21").read_bytes()
    _import(session_factory, "nwrexample2.V21", data)
    entries = _count(session_factory, "ledger_entry")
    resent = data + b"\r\n"  # a blank line more: other bytes, the same registrations
    report = _import(session_factory, "nwrexample2-resent.V21", resent)
    assert report.works_unchanged == 1 and report.works_created == report.works_updated == 0
    # No work or recording changed: the one new entry is the file received.
    with session_factory() as session:
        kinds = session.scalars(select(entry_table.c.kind).where(entry_table.c.seq > entries)).all()
    assert kinds == ["cwr_file"]


def test_each_file_received_is_an_entry_with_digests_of_its_report_and_acknowledgements(
    session_factory,
) -> None:
    report = _import(session_factory, "demo_cwr_cleaned.v22", lenient_counts=True)
    with session_factory() as session:
        [row] = session.scalars(select(CwrImport)).all()
        entry = latest_entry(session, "cwr_file", f"CWR-{report.sha256}")
        assert entry is not None and entry.private
        body = dict(entry.body)
        assert body["transactions"] == {"total": 9, "accepted": 8, "rejected": 1}
        assert body["acknowledgements"]["count"] == 1
        assert body["report_sha256"] == hashlib.sha256(canonical_bytes(row.report)).hexdigest()
        assert body == cwr_file_body(session, row)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda lines: lines[:-1], "TRL"),  # truncated: no trailer
        (lambda lines: [lines[0][:20], *lines[1:]], "HDR"),  # header cut short
        (lambda lines: [lines[0], "ZZZ" + lines[1][3:], *lines[2:]], "line 2"),  # unknown record
    ],
)
def test_a_broken_file_is_refused_whole_and_nothing_is_written(session_factory, damage, message) -> None:
    lines = (CWR / "revexample.V21").read_bytes().decode("latin-1").splitlines()
    broken = "\r\n".join(damage(lines)).encode("latin-1") + b"\r\n"
    tables = ("work", "ledger_entry", "party", "cwr_import")
    before = {table: _count(session_factory, table) for table in tables}
    with pytest.raises(CwrStructureError, match=message):
        _import(session_factory, "broken.V21", broken)
    assert {table: _count(session_factory, table) for table in tables} == before


def test_trimmed_trailers_are_refused_unless_lenient(session_factory) -> None:
    with pytest.raises(CwrStructureError, match="GRT states 39 transactions"):
        _import(session_factory, "demo_cwr_cleaned.v22")
    report = _import(session_factory, "demo_cwr_cleaned.v22", lenient_counts=True)
    assert any(
        "GRT states 39" in issue["message"] and issue["severity"] == "error" for issue in report.issues
    )


def test_a_bad_transaction_is_rejected_alone_with_its_line(session_factory) -> None:
    report = _import(session_factory, "demo_cwr_cleaned.v22", lenient_counts=True)
    assert report.rejected == 1 and report.accepted == 8
    rejected = [
        issue for issue in report.issues if issue["severity"] == "error" and issue["record_type"] != "GRT"
    ]
    rejected = [issue for issue in rejected if issue["record_type"] not in ("TRL",)]
    assert rejected and all(issue["line"] > 1 for issue in rejected)


def test_acknowledgements_keep_the_societys_status_and_messages(session_factory) -> None:
    _import(session_factory, "demo_cwr_cleaned.v22", lenient_counts=True)
    with session_factory() as session:
        [ack] = session.scalars(select(WorkAcknowledgement)).all()
        assert ack.status and ack.messages and all("text" in message for message in ack.messages)


def test_generated_file_with_recordings(session_factory) -> None:
    report = _import(session_factory, "generated.v22", generate_cwr(25, seed=7))
    assert (report.transactions, report.accepted, report.works_created) == (25, 25, 25)
    assert report.recordings >= 25
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Work)) == 25
        assert _count(session_factory, "recording") >= 25
