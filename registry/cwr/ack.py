"""The acknowledgement file a society sends back for a CWR registration file: one ACK transaction
per work transaction received (its group, sequence, type, title and submitter's number as sent,
the society's work number, the status) with MSG records saying what was dropped or refused.

Laid out from records.py (the parser's own positions) in the version of the file acknowledged.
Text that is not ASCII (a Chinese title) is written in UTF-8 and the header says so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from registry.cwr import records as R
from registry.cwr.write import fit, render, society_file

# CWR Transaction Status lookup values this society answers with.
REGISTERED = "AS"  # registration accepted
ACCEPTED_WITH_CHANGES = "AC"  # accepted, some fields or records dropped (see the MSG records)
ALREADY_HELD = "DU"  # duplicate: the same registration is already on file
IN_CONFLICT = "CO"  # accepted, but the claims conflict with another's: held for review
REJECTED = "RJ"


@dataclass(frozen=True, slots=True)
class AckMessage:
    record_sequence: int  # the record's sequence number within the acknowledged transaction
    record_type: str
    level: str  # where the check applied: F field, R record, T transaction
    message_type: str  # what it caused: F field dropped, R record dropped, T transaction rejected
    text: str
    validation_number: str = ""  # the society's number for the check (none of ours are numbered)


@dataclass(frozen=True, slots=True)
class AckTransaction:
    group_id: int
    sequence: int
    transaction_type: str  # NWR, REV, ISW
    title: str
    submitter_work_id: str
    society_work_id: str  # blank when rejected
    status: str
    messages: tuple[AckMessage, ...] = ()


@dataclass(frozen=True, slots=True)
class AckHeader:
    society_code: int  # the society's CISAC code: the sender of an acknowledgement
    society_name: str
    version: str  # "2.1" or "2.2": the version of the file acknowledged
    original_created: datetime  # the acknowledged file's creation date and time
    processed: date
    created: datetime


def acknowledgement_file(header: AckHeader, transactions: Sequence[AckTransaction]) -> bytes:
    """The whole ACK file, CRLF-terminated records."""
    if header.version not in R.LAYOUTS:
        raise ValueError(f"CWR version {header.version!r}: 2.1 or 2.2")
    layouts = R.LAYOUTS[header.version]
    body: list[str] = []
    for number, tx in enumerate(transactions):
        if tx.status not in R.TRANSACTION_STATUSES:
            raise ValueError(f"transaction {tx.sequence}: {tx.status!r} is not a CWR transaction status")
        ack = {
            "creation_date": f"{header.original_created:%Y%m%d}",
            "creation_time": f"{header.original_created:%H%M%S}",
            "original_group_id": tx.group_id,
            "original_transaction_sequence": tx.sequence,
            "original_transaction_type": tx.transaction_type,
            "creation_title": fit(tx.title, 60),
            "submitter_creation_id": fit(tx.submitter_work_id, 20),
            "recipient_creation_id": fit(tx.society_work_id, 20),
            "processing_date": f"{header.processed:%Y%m%d}",
            "status": tx.status,
        }
        body.append(render(layouts["ACK"], ack, f"ACK{number:08d}{0:08d}"))
        for record, message in enumerate(tx.messages, start=1):
            msg = {
                "message_type": message.message_type,
                "original_record_sequence": message.record_sequence,
                "record_type": message.record_type,
                "level": message.level,
                "validation_number": message.validation_number,
                "text": fit(message.text, 150),
            }
            body.append(render(layouts["MSG"], msg, f"MSG{number:08d}{record:08d}"))
    text_fields = [tx.title for tx in transactions] + [m.text for tx in transactions for m in tx.messages]
    unicode = not all(text.isascii() for text in text_fields)
    return society_file(
        version=header.version,
        society_code=header.society_code,
        society_name=header.society_name,
        created=header.created,
        transaction_type="ACK",
        body=body,
        transactions=len(transactions),
        unicode=unicode,
    )
