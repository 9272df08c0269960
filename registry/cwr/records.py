"""CWR 2.1 and 2.2 record layouts: every field's start (1-based, as printed in the CISAC functional
specification "Common Works Registration Version 2.2 - Revision 2", CWR19-1070), size and format.
The 2.1 layouts are the 2.2 ones without the fields and records that document marks as new in
2.2: the HDR version/revision/software fields, the PWR publisher sequence #, the REC recording
fields from position 267, the ORN ISAN/EIDR fields from 302, and the XRF record.

`Layout.min_length` is the record's mandatory part: the last position a valid record cannot leave
blank. Real files trim trailing spaces, so a record may be shorter than its full length; missing
characters read as blanks. A record shorter than its mandatory part is a structural error. The
mandatory part ends at the last mandatory fixed-size field (codes, zero-filled numbers, dates,
share fields, which CWR zero-fills rather than blanks), or at the first character of a trailing
mandatory free-text field. Records whose fields are all optional need their first field only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Final


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    start: int  # 1-based, as in the spec
    size: int
    fmt: str = "A"  # A alphanumeric, N numeric, D date, T time/duration, L lookup, B boolean, F flag
    read: bool = True  # False: part of the layout, not imported (constants, fillers, unused fields)

    @property
    def end(self) -> int:
        """1-based position of the field's last character."""
        return self.start + self.size - 1


@dataclass(frozen=True, slots=True)
class Layout:
    record_type: str
    fields: tuple[Field, ...]
    min_length: int
    length: int  # the full record length
    names: tuple[str, ...]  # the fields the parser reads
    slicer: Callable[[str], tuple[str, ...]]  # their raw text, in one C-level call

    def cut(self, line: str) -> dict[str, str]:
        """The read fields of `line`, stripped of surrounding blanks ('' when blank or missing)."""
        return dict(zip(self.names, map(str.strip, self.slicer(line)), strict=False))  # same length


def _layout(record_type: str, min_length: int, *fields: Field) -> Layout:
    read = [f for f in fields if f.read]
    getter = itemgetter(*(slice(f.start - 1, f.end) for f in read))
    slicer: Callable[[str], tuple[str, ...]] = getter
    if len(read) == 1:  # itemgetter with one item returns the item, not a tuple

        def slicer(line: str) -> tuple[str, ...]:
            return (getter(line),)

    names = tuple(f.name for f in read)
    return Layout(record_type, fields, min_length, fields[-1].end, names, slicer)


PREFIX_LENGTH: Final = 19  # record type (3), transaction sequence # (8), record sequence # (8)

# Control records carry no transaction prefix.
HDR_21 = _layout(
    "HDR",
    86,
    Field("sender_type", 4, 2, "A"),
    Field("sender_id", 6, 9, "N"),
    Field("sender_name", 15, 45, "A"),
    Field("edi_version", 60, 5, "A"),
    Field("creation_date", 65, 8, "D"),
    Field("creation_time", 73, 6, "T"),
    Field("transmission_date", 79, 8, "D"),
    Field("character_set", 87, 15, "L"),
)
HDR_22 = _layout(
    "HDR",
    86,
    *HDR_21.fields,
    Field("version", 102, 3, "A"),
    Field("revision", 105, 3, "N"),
    Field("software_package", 108, 30, "A"),
    Field("software_version", 138, 30, "A"),
)
GRH = _layout(
    "GRH",
    16,
    Field("transaction_type", 4, 3, "L"),
    Field("group_id", 7, 5, "N"),
    Field("version_number", 12, 5, "A"),
    Field("batch_request", 17, 10, "N", read=False),
    Field("sd_type", 27, 2, "L", read=False),
)
GRT = _layout(
    "GRT",
    24,
    Field("group_id", 4, 5, "N"),
    Field("transaction_count", 9, 8, "N"),
    Field("record_count", 17, 8, "N"),
    Field("currency", 25, 3, "L", read=False),
    Field("total_monetary_value", 28, 10, "N", read=False),
)
TRL = _layout(
    "TRL",
    24,
    Field("group_count", 4, 5, "N"),
    Field("transaction_count", 9, 8, "N"),
    Field("record_count", 17, 8, "N"),
)

# NWR, REV, ISW and EXC share one layout.
WORK = _layout(
    "NWR",
    145,  # through Version Type, the last mandatory code
    Field("title", 20, 60, "A"),
    Field("language", 80, 2, "L"),
    Field("submitter_work_id", 82, 14, "A"),
    Field("iswc", 96, 11, "A"),
    Field("copyright_date", 107, 8, "D"),
    Field("copyright_number", 115, 12, "A", read=False),
    Field("distribution_category", 127, 3, "L"),
    Field("duration", 130, 6, "T"),
    Field("recorded", 136, 1, "F"),
    Field("text_music_relationship", 137, 3, "L"),
    Field("composite_type", 140, 3, "L"),
    Field("version_type", 143, 3, "L"),
    Field("excerpt_type", 146, 3, "L"),
    Field("music_arrangement", 149, 3, "L"),
    Field("lyric_adaptation", 152, 3, "L"),
    Field("contact_name", 155, 30, "A", read=False),
    Field("contact_id", 185, 10, "A", read=False),
    Field("cwr_work_type", 195, 2, "L"),
    Field("grand_rights", 197, 1, "B", read=False),
    Field("composite_count", 198, 3, "N", read=False),
    Field("printed_edition_date", 201, 8, "D", read=False),
    Field("exceptional_clause", 209, 1, "F", read=False),
    Field("opus_number", 210, 25, "A"),
    Field("catalogue_number", 235, 25, "A"),
    Field("priority", 260, 1, "F"),
)
ACK = _layout(
    "ACK",
    159,
    Field("creation_date", 20, 8, "D"),
    Field("creation_time", 28, 6, "T"),
    Field("original_group_id", 34, 5, "N"),
    Field("original_transaction_sequence", 39, 8, "N"),
    Field("original_transaction_type", 47, 3, "L"),
    Field("creation_title", 50, 60, "A"),
    Field("submitter_creation_id", 110, 20, "A"),
    Field("recipient_creation_id", 130, 20, "A"),
    Field("processing_date", 150, 8, "D"),
    Field("status", 158, 2, "L"),
)
MSG = _layout(
    "MSG",
    35,  # through Validation Number; a blank message text is reported, not refused
    Field("message_type", 20, 1, "L"),
    Field("original_record_sequence", 21, 8, "N"),
    Field("record_type", 29, 3, "A"),
    Field("level", 32, 1, "L"),
    Field("validation_number", 33, 3, "A"),
    Field("text", 36, 150, "A"),
)
PUBLISHER = _layout(  # SPU and OPU
    "SPU",
    136,  # through SR Ownership Share (zero-filled)
    Field("chain", 20, 2, "N"),
    Field("ip_id", 22, 9, "A"),
    Field("name", 31, 45, "A"),
    Field("unknown", 76, 1, "F"),
    Field("role", 77, 2, "L"),
    Field("tax_id", 79, 9, "A", read=False),
    Field("ipi_name", 88, 11, "L"),
    Field("submitter_agreement", 99, 14, "A"),
    Field("pr_society", 113, 3, "L"),
    Field("pr_share", 116, 5, "N"),
    Field("mr_society", 121, 3, "L"),
    Field("mr_share", 124, 5, "N"),
    Field("sr_society", 129, 3, "L"),
    Field("sr_share", 132, 5, "N"),
    Field("special_agreements", 137, 1, "L", read=False),
    Field("first_recording_refusal", 138, 1, "F", read=False),
    Field("filler", 139, 1, "A", read=False),
    Field("ipi_base", 140, 13, "L"),
    Field("isac", 153, 14, "A", read=False),
    Field("society_agreement", 167, 14, "A"),
    Field("agreement_type", 181, 2, "L"),
    Field("usa_license", 183, 1, "L", read=False),
)
PUBLISHER_TERRITORY = _layout(  # SPT (and OPT, not imported)
    "SPT",
    54,  # through TIS Numeric Code; a missing Sequence # only drops that number (RR)
    Field("ip_id", 20, 9, "A"),
    Field("constant", 29, 6, "A", read=False),
    Field("pr_share", 35, 5, "N"),
    Field("mr_share", 40, 5, "N"),
    Field("sr_share", 45, 5, "N"),
    Field("inclusion", 50, 1, "L"),
    Field("tis_code", 51, 4, "L"),
    Field("shares_change", 55, 1, "B"),
    Field("sequence", 56, 3, "N"),
)
WRITER = _layout(  # SWR and OWR
    "SWR",
    150,  # through SR Ownership Share (zero-filled)
    Field("ip_id", 20, 9, "A"),
    Field("last_name", 29, 45, "A"),
    Field("first_name", 74, 30, "A"),
    Field("unknown", 104, 1, "F"),
    Field("designation", 105, 2, "L"),
    Field("tax_id", 107, 9, "A", read=False),
    Field("ipi_name", 116, 11, "L"),
    Field("pr_society", 127, 3, "L"),
    Field("pr_share", 130, 5, "N"),
    Field("mr_society", 135, 3, "L"),
    Field("mr_share", 138, 5, "N"),
    Field("sr_society", 143, 3, "L"),
    Field("sr_share", 146, 5, "N"),
    Field("reversionary", 151, 1, "F", read=False),
    Field("first_recording_refusal", 152, 1, "B", read=False),
    Field("work_for_hire", 153, 1, "B", read=False),
    Field("filler", 154, 1, "A", read=False),
    Field("ipi_base", 155, 13, "L"),
    Field("personal_number", 168, 12, "N", read=False),
    Field("usa_license", 180, 1, "L", read=False),
)
WRITER_TERRITORY = _layout(  # SWT (and OWT, not imported)
    "SWT",
    48,  # through TIS Numeric Code
    Field("ip_id", 20, 9, "A"),
    Field("pr_share", 29, 5, "N"),
    Field("mr_share", 34, 5, "N"),
    Field("sr_share", 39, 5, "N"),
    Field("inclusion", 44, 1, "L"),
    Field("tis_code", 45, 4, "L"),
    Field("shares_change", 49, 1, "B"),
    Field("sequence", 50, 3, "N"),
)
PWR_21 = _layout(
    "PWR",
    20,  # every 2.1 field is conditional or optional: the Publisher IP # must start
    Field("publisher_ip_id", 20, 9, "A"),
    Field("publisher_name", 29, 45, "A"),
    Field("submitter_agreement", 74, 14, "A"),
    Field("society_agreement", 88, 14, "A"),
    Field("writer_ip_id", 102, 9, "A"),
)
# 2.2 adds the mandatory Publisher Sequence #, but acknowledgements need not carry 2.2 fields:
# a missing one is reported on the transaction, so the mandatory part stays the 2.1 one.
PWR_22 = _layout("PWR", 20, *PWR_21.fields, Field("chain", 111, 2, "N"))
ALT = _layout(
    "ALT",
    81,  # through Title Type
    Field("title", 20, 60, "A"),
    Field("title_type", 80, 2, "L"),
    Field("language", 82, 2, "L"),
)
PER = _layout(
    "PER",
    20,
    Field("last_name", 20, 45, "A"),
    Field("first_name", 65, 30, "A"),
    Field("ipi_name", 95, 11, "L"),
    Field("ipi_base", 106, 13, "L"),
)
REC_21 = _layout(
    "REC",
    27,  # all optional; the release date is zero-filled when absent
    Field("release_date", 20, 8, "D"),
    Field("constant_1", 28, 60, "A", read=False),
    Field("duration", 88, 6, "T"),
    Field("constant_2", 94, 5, "A", read=False),
    Field("album_title", 99, 60, "A"),
    Field("album_label", 159, 60, "A"),
    Field("catalogue_number", 219, 18, "A"),
    Field("ean", 237, 13, "L"),
    Field("isrc", 250, 12, "L"),
    Field("recording_format", 262, 1, "L"),
    Field("recording_technique", 263, 1, "L"),
    Field("media_type", 264, 3, "L"),
)
REC_22 = _layout(
    "REC",
    27,
    *REC_21.fields,
    Field("recording_title", 267, 60, "A"),
    Field("version_title", 327, 60, "A"),
    Field("display_artist", 387, 60, "A"),
    Field("record_label", 447, 60, "A"),
    Field("isrc_validity", 507, 20, "L"),
    Field("submitter_recording_id", 527, 14, "A"),
)
ORN_21 = _layout(
    "ORN",
    22,  # through Intended Purpose
    Field("intended_purpose", 20, 3, "L"),
    Field("production_title", 23, 60, "A"),
    Field("cd_identifier", 83, 15, "A"),
    Field("cut_number", 98, 4, "N"),
    Field("library", 102, 60, "A"),
    Field("bltvr", 162, 1, "A"),
    Field("reserved", 163, 25, "A", read=False),  # V-ISAN in 2.1, a filler from 2.2 on
    Field("production_number", 188, 12, "A"),
    Field("episode_title", 200, 60, "A"),
    Field("episode_number", 260, 20, "A"),
    Field("year_of_production", 280, 4, "N"),
    Field("avi_society", 284, 3, "N"),
    Field("avi_number", 287, 15, "A"),
)
ORN_22 = _layout(
    "ORN",
    22,
    *ORN_21.fields,
    Field("isan", 302, 12, "A", read=False),
    Field("isan_episode", 314, 4, "A", read=False),
    Field("isan_check_1", 318, 1, "A", read=False),
    Field("isan_version", 319, 8, "A", read=False),
    Field("isan_check_2", 327, 1, "A", read=False),
    Field("eidr", 328, 21, "A", read=False),
)
VER = _layout(
    "VER",
    20,
    Field("title", 20, 60, "A"),
    Field("iswc", 80, 11, "A"),
    Field("language", 91, 2, "L"),
    Field("writer_1_last_name", 93, 45, "A"),
    Field("writer_1_first_name", 138, 30, "A"),
    Field("source", 168, 60, "A"),
    Field("writer_1_ipi_name", 228, 11, "L"),
    Field("writer_1_ipi_base", 239, 13, "L"),
    Field("writer_2_last_name", 252, 45, "A"),
    Field("writer_2_first_name", 297, 30, "A"),
    Field("writer_2_ipi_name", 327, 11, "L"),
    Field("writer_2_ipi_base", 338, 13, "L"),
    Field("submitter_work_id", 351, 14, "A"),
)
XRF = _layout(  # new in 2.2
    "XRF",
    38,
    Field("organisation", 20, 3, "L"),
    Field("identifier", 23, 14, "A"),
    Field("identifier_type", 37, 1, "L"),
    Field("validity", 38, 1, "F"),
)

_COMMON: Final[dict[str, Layout]] = {
    "GRH": GRH,
    "GRT": GRT,
    "TRL": TRL,
    "NWR": WORK,
    "REV": WORK,
    "ISW": WORK,
    "EXC": WORK,
    "ACK": ACK,
    "MSG": MSG,
    "SPU": PUBLISHER,
    "OPU": PUBLISHER,
    "SPT": PUBLISHER_TERRITORY,
    "SWR": WRITER,
    "OWR": WRITER,
    "SWT": WRITER_TERRITORY,
    "ALT": ALT,
    "PER": PER,
    "VER": VER,
}
LAYOUTS: Final[dict[str, dict[str, Layout]]] = {
    "2.1": {**_COMMON, "HDR": HDR_21, "PWR": PWR_21, "REC": REC_21, "ORN": ORN_21},
    "2.2": {**_COMMON, "HDR": HDR_22, "PWR": PWR_22, "REC": REC_22, "ORN": ORN_22, "XRF": XRF},
}

CONTROL_RECORDS: Final = frozenset({"HDR", "GRH", "GRT", "TRL"})
WORK_HEADERS: Final = frozenset({"NWR", "REV", "ISW", "EXC"})
TRANSACTION_HEADERS: Final = WORK_HEADERS | {"ACK", "AGR"}
# Valid CWR detail records this parser reads past without importing them (agreements, non-Roman
# alphabet names and titles, non-controlled collection, excerpts, instrumentation, components,
# notes). OPT/OWT were added in 2.2 but occur in 2.1-labelled files too; they are skipped alike.
NOT_IMPORTED: Final = frozenset(
    {
        "TER", "IPA", "NPA", "NPN", "OPT", "NWN", "OWT", "NAT", "EWT", "NET", "NVT", "NOW", "NPR",
        "INS", "IND", "COM", "NCT", "ARI",
    }
)  # fmt: skip

# Lookup tables (CISAC CWR Validation and Lookup Tables) that decide acceptance.
TRANSACTION_TYPES: Final = frozenset({"AGR", "NWR", "REV", "ISW", "EXC", "ACK"})
PUBLISHER_TYPES: Final = frozenset({"AQ", "AM", "PA", "E", "ES", "SE"})
WRITER_DESIGNATIONS: Final = frozenset({"A", "AD", "AR", "C", "CA", "PA", "SA", "SR", "TR"})
AUTHOR_DESIGNATIONS: Final = frozenset({"A", "C", "CA"})
ARRANGER_DESIGNATIONS: Final = frozenset({"AR", "AD", "SR", "SA", "TR"})
TITLE_TYPES: Final = frozenset({"AL", "AT", "ET", "FT", "IT", "OL", "OT", "PT", "RT", "TE", "TT"})
VERSION_TYPES: Final = frozenset({"ORI", "MOD"})
DISTRIBUTION_CATEGORIES: Final = frozenset({"JAZ", "POP", "SER", "UNC"})
TRANSACTION_STATUSES: Final = frozenset({"AC", "AS", "CO", "DU", "NP", "RA", "RC", "RJ"})
SENDER_TYPES: Final = frozenset({"PB", "SO", "AA", "WR"})
XRF_IDENTIFIER_TYPES: Final = frozenset({"W", "R", "P", "V"})
