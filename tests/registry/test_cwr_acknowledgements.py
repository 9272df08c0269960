"""The acknowledgements the society sends back for CWR files, on SQLite and PostgreSQL: the ACK and
MSG records laid out exactly as a society's own (the sample's BMI acknowledgement), every sample
registration acknowledged and read back by the project's own parser, statuses for a file with
accepted, rejected, unchanged and conflicting transactions, and files that cannot be acknowledged."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from registry.cwr import parse_cwr
from registry.cwr.ack import AckHeader, AckMessage, AckTransaction, acknowledgement_file
from registry.cwr.generate import generate_cwr
from registry.db import transaction
from registry.identifiers import generate_ipi_name
from registry.services.repertoire.cwr_acknowledgements import (
    NotAcknowledgeable,
    Society,
    UnknownCwrFile,
    acknowledgement,
    received_files,
)
from registry.services.repertoire.cwr_import import import_cwr
from tests.paths import SAMPLES

CWR = SAMPLES / "cwr"
REGISTRATIONS = ("CW220001DMP_000.V21", "nwrexample2.V21", "revexample.V21")
SOCIETY = Society(code=999, name="RightsLedger society")
NOW = datetime(2026, 12, 7, 10, 30, 0, tzinfo=UTC)


def _import(factory: sessionmaker[Session], name: str, data: bytes) -> str:
    with transaction(factory) as session:
        import_cwr(session, data, name=name)
    return hashlib.sha256(data).hexdigest()


def _ack(factory: sessionmaker[Session], sha: str) -> bytes:
    with factory() as session:
        return acknowledgement(session, sha, SOCIETY, NOW).data


def test_ack_and_msg_records_are_laid_out_as_the_society_sample_lays_them_out() -> None:
    """demo_cwr_cleaned.v22 holds a society's ACK and MSG records: written from the same values,
    ours are the same characters."""
    lines = (CWR / "demo_cwr_cleaned.v22").read_text("ascii").splitlines()
    ack_line = next(line for line in lines if line.startswith("ACK"))
    msg_line = next(line for line in lines if line.startswith("MSG"))
    parsed = parse_cwr((CWR / "demo_cwr_cleaned.v22").read_bytes(), name="sample", strict_counts=False)
    ack = next(t.ack for t in parsed.transactions if t.ack is not None)
    message = ack.messages[0]
    header = AckHeader(21, "BMI", "2.2", ack.original_created, ack.processing_date, NOW)
    sent = AckTransaction(
        group_id=ack.original_group_id,
        sequence=ack.original_transaction_sequence,
        transaction_type=ack.original_transaction_type,
        title=ack.creation_title,
        submitter_work_id=ack.submitter_work_id or "",
        society_work_id=ack.society_work_id or "",
        status=ack.status,
        messages=(
            AckMessage(
                message.original_record_sequence,
                message.record_type,
                message.level,
                message.message_type,
                message.text,
                message.validation_number,
            ),
        ),
    )
    ours = acknowledgement_file(header, [sent]).decode("ascii").split("\r\n")
    # The society writes its own work number (positions 130-149) after three blanks; we write
    # ours from the field's start. Every other character is the same.
    number = slice(129, 149)
    assert ours[2][: number.start] == ack_line[: number.start]
    assert ours[2][number].strip() == ack_line[number].strip() == "795145CV"
    assert ours[2][number.stop :].rstrip() == ack_line[number.stop :].rstrip()
    assert ours[3].rstrip() == msg_line.rstrip()


@pytest.mark.parametrize("name", REGISTRATIONS)
def test_every_sample_registration_is_acknowledged_and_reads_back(session_factory, name: str) -> None:
    data = (CWR / name).read_bytes()
    sha = _import(session_factory, name, data)
    sent = parse_cwr(data, name=name)
    back = parse_cwr(_ack(session_factory, sha), name=f"{name}.ack")
    assert back.file_type == "acknowledgement"
    assert (back.sender_type, back.sender_id) == ("SO", "000000999")
    assert back.version == sent.version
    assert len(back.transactions) == len(sent.transactions)
    for original, answer in zip(sent.transactions, back.transactions, strict=True):
        ack = answer.ack
        assert ack is not None
        assert (ack.original_group_id, ack.original_transaction_sequence) == (
            original.group_id,
            original.sequence,
        )
        assert ack.original_transaction_type == original.kind
        assert ack.creation_title == original.work.title
        assert ack.submitter_work_id == original.work.submitter_work_id
        assert ack.original_created == sent.created
        assert ack.status in ("AS", "AC")
        assert ack.society_work_id is not None and ack.society_work_id.startswith("W-")
        # a field the import dropped (a warning) is said in a message about that record
        assert (ack.status == "AC") == bool(original.issues)
        assert len(ack.messages) == len(original.issues)


def test_statuses_say_what_became_of_each_transaction(session_factory) -> None:
    """Accepted (AS), rejected with the reason (RJ), already held (DU), in conflict (CO)."""
    base = generate_cwr(3, seed=5, version="2.1")
    _import(session_factory, "first.V21", base)
    text = base.decode("ascii")
    lines = text.split("\r\n")
    # The same file again under a new name (new bytes: one more blank at the header's end) holds
    # the same registrations: each one is already on file.
    again = "\r\n".join([lines[0] + " ", *lines[1:]]).encode("ascii")
    sha = _import(session_factory, "again.V21", again)
    statuses = [t.ack.status for t in parse_cwr(_ack(session_factory, sha), name="a").transactions if t.ack]
    assert statuses == ["DU", "DU", "DU"]

    # A writer's IPI name number broken: that transaction is rejected, the others registered.
    broken = generate_cwr(3, seed=6, version="2.1").decode("ascii").split("\r\n")
    target = next(n for n, line in enumerate(broken) if line.startswith("SWR00000001"))
    record = broken[target]
    broken[target] = record[:115] + "12345678901" + record[126:]  # IPI name # at 116-126: bad check digit
    sha = _import(session_factory, "broken.V21", "\r\n".join(broken).encode("ascii"))
    back = parse_cwr(_ack(session_factory, sha), name="b")
    acks = [t.ack for t in back.transactions if t.ack is not None]
    assert [a.status for a in acks] == ["AS", "AC", "AS"]  # the IPI dropped, the work registered
    [message] = acks[1].messages
    assert (message.record_type, message.level, message.message_type) == ("SWR", "F", "F")
    assert "IPI" in message.text


def test_a_publisher_claiming_more_than_is_left_gets_a_conflict(session_factory) -> None:
    first = generate_cwr(1, seed=7, version="2.1")
    _import(session_factory, "p1.V21", first)
    # Another publisher (another sender, another IPI) registers the same work (same ISWC) with
    # its own publisher shares: with the first publisher's, the claims exceed the whole.
    text = first.decode("ascii").replace(generate_ipi_name(199), generate_ipi_name(555))
    lines = text.split("\r\n")
    lines[0] = lines[0][:5] + "000000299" + "OTHER MUSIC PUBLISHING".ljust(45) + lines[0][59:]
    sha = _import(session_factory, "p2.V21", "\r\n".join(lines).encode("ascii"))
    back = parse_cwr(_ack(session_factory, sha), name="c")
    assert [t.ack.status for t in back.transactions if t.ack] == ["CO"]


def test_files_that_cannot_be_acknowledged_say_why(session_factory) -> None:
    with session_factory() as session, pytest.raises(UnknownCwrFile, match="no CWR file received"):
        acknowledgement(session, "ab" * 32, SOCIETY, NOW)
    data = (CWR / "demo_cwr_cleaned.v22").read_bytes()
    with transaction(session_factory) as session:
        import_cwr(session, data, name="demo_cwr_cleaned.v22", lenient_counts=True)
    with session_factory() as session, pytest.raises(NotAcknowledgeable, match="only registrations"):
        acknowledgement(session, hashlib.sha256(data).hexdigest(), SOCIETY, NOW)
    with session_factory() as session:
        page = received_files(session, 10, 0)
        assert page.total == 1 and page.items[0].name == "demo_cwr_cleaned.v22"


def test_a_title_beyond_ascii_is_written_in_utf8_and_read_back() -> None:
    header = AckHeader(
        999, "RightsLedger society", "2.1", datetime(2025, 1, 2, 3, 4, 5), date(2026, 12, 7), NOW
    )
    data = acknowledgement_file(header, [AckTransaction(1, 0, "NWR", "月亮代表我的心", "S1", "W-1", "AS")])
    back = parse_cwr(data, name="u.V21")
    assert back.transactions[0].ack is not None
    assert back.transactions[0].ack.creation_title == "月亮代表我的心"
    with pytest.raises(ValueError, match="not a CWR transaction status"):
        acknowledgement_file(header, [AckTransaction(1, 0, "NWR", "X", "S1", "W-1", "OK")])
