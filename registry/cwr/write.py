"""Writing CWR records from records.py's layouts: each field at its position, numbers zero-filled,
text left-aligned and blank-padded. One definition of positions for the parser and every writer
(the test-file generator, the acknowledgements and the works files the society sends), and one
envelope (HDR, group, trailers) for the files the society sends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from registry.cwr import records as R

GROUP_VERSIONS = {"2.1": "02.10", "2.2": "02.20"}


def field_text(value: object, field: R.Field) -> str:
    """`value` as the field's characters; an empty value blank (zeros for numbers, dates, times)."""
    if value is None or value == "":
        return ("0" if field.fmt in "NDT" else " ") * field.size
    text = f"{value:0{field.size}d}" if isinstance(value, int) else str(value).ljust(field.size)
    if len(text) != field.size:
        raise ValueError(f"{field.name}: {value!r} does not fit {field.size} characters")
    return text


def render(layout: R.Layout, values: dict[str, object], prefix: str) -> str:
    """One record: the prefix (record type, and sequence numbers for transaction records), then
    every field of the layout at its position."""
    parts = [prefix]
    position = len(prefix) + 1
    for field in layout.fields:
        if field.start != position:
            raise AssertionError(f"{layout.record_type}.{field.name} starts at {field.start}, not {position}")
        parts.append(field_text(values.get(field.name), field))
        position = field.end + 1
    return "".join(parts)


def fit(text: str, size: int) -> str:
    """Free text on one line, cut to a field's size (CWR has no continuation for titles or
    messages)."""
    return " ".join(text.split())[:size]


def society_file(
    *,
    version: str,
    society_code: int,
    society_name: str,
    created: datetime,
    transaction_type: str,
    body: Sequence[str],
    transactions: int,
    unicode: bool,
) -> bytes:
    """A file a society sends (ACK or NWR): HDR, one group of the transactions' records (already
    rendered), GRT and TRL with their counts, CRLF-terminated; UTF-8 declared when `unicode`."""
    layouts = R.LAYOUTS[version]
    hdr: dict[str, object] = {
        "sender_type": "SO",
        "sender_id": society_code,
        "sender_name": fit(society_name.upper(), 45),
        "edi_version": "01.10",
        "creation_date": f"{created:%Y%m%d}",
        "creation_time": f"{created:%H%M%S}",
        "transmission_date": f"{created:%Y%m%d}",
        "character_set": "UTF-8" if unicode else "",
    }
    if version == "2.2":
        hdr.update(version="2.2", revision=2, software_package="RIGHTSLEDGER", software_version="1")
    group = {"transaction_type": transaction_type, "group_id": 1, "version_number": GROUP_VERSIONS[version]}
    group_records = len(body) + 2  # with GRH and GRT
    lines = [
        render(layouts["HDR"], hdr, "HDR"),
        render(layouts["GRH"], group, "GRH"),
        *body,
        render(
            layouts["GRT"],
            {"group_id": 1, "transaction_count": transactions, "record_count": group_records},
            "GRT",
        ),
        render(
            layouts["TRL"],
            {"group_count": 1, "transaction_count": transactions, "record_count": group_records + 2},
            "TRL",
        ),
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8" if unicode else "ascii")
