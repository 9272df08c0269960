"""DDEX DSR flat files (Digital Sales Reports, tab-separated), read one line at a time.

A file is HEAD, summary records (SYxx), blocks of body records sharing a BlockId, and FOOT.
Each block describes what was used: resources (AS01/AS02: ISRC, title, artist, duration), the
musical work (MW01: ISWC), the usage and sales (SU0x per sales transaction, RU01 per release)
and the society allocations (LI01). Each SU0x record becomes one usage line (weight = usages,
revenue = net revenue in minor units of its summary's currency); a block without SU0x records
gives one line per RU01 (weight = the sum of its usages, no revenue).

Columns are found by name: the standard layouts below, replaced by the file's own ``#XXXX``
comment lines when it has them (DSR files describe themselves that way). HEAD is read by
position (message version, profile, profile version first), as the DSR library does.

Structure is all or nothing: a record before HEAD or after FOOT, a second HEAD, a summary after
the first block, a record type that is not a DSR record type at all, a BlockId that is not an
integer or that comes back after another block, invalid UTF-8, an empty line, a file without
FOOT (truncated), or FOOT counts that disagree with the file raise UsageStructureError (FOOT
line counts off by one are accepted with ``lenient_counts``, as some platforms write them, and
recorded). A well-formed DSR record type this reader does not use is skipped with a warning.

FOOT counts (lines, summary records and blocks in the file; in the report, for a report of one
file) are checked for the DSR flat-file standard's message versions (``dsrf/NN``...). Older
pre-standard files (message version such as ``ID1``) have no defined FOOT layout: their FOOT is
reported as not checked, a warning.

DDEX party ids (``PADPIDA`` + ten characters + an ISO 7064 MOD 37-36 check character) in the
file name, HEAD and summaries are checked; placeholders that fail (``PADPIDA2014999999Z``) are
warnings, not errors. Amounts are Decimal, then integer minor units: never float.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from stdnum.iso7064 import mod_37_36

from registry.identifiers import iswc_valid
from registry.usage.errors import UsageStructureError
from registry.usage.schema import Issues, parse_decimal, to_minor

_RECORD_TYPE = re.compile(r"([A-Z]{2}[0-9]{2})(?:\.([0-9]{2}))?")
_DPID = re.compile(r"PADPIDA[0-9A-Z]{11}")
_ISRC = re.compile(r"[A-Z]{2}[A-Z0-9]{3}[0-9]{7}")
_DURATION = re.compile(r"P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.\d+)?S)?")
_STANDARD_VERSION = re.compile(r"dsrf/\d+", re.IGNORECASE)

_SALES = ("BlockId", "SalesTransactionId", "SummaryRecordId", "DspReleaseId", "Usages", "NetRevenue")
_RESOURCE = (
    "BlockId",
    "ResourceReference",
    "DspResourceId",
    "ISRC",
    "Title",
    "SubTitle",
    "DisplayArtistName",
    "DisplayArtistPartyId",
    "Duration",
    "ResourceType",
    "ISWC",
)
# The standard layouts (field names after the record type); a file's '#XXXX' comments win.
LAYOUTS: dict[str, tuple[str, ...]] = {
    "SY02": (
        "SummaryRecordId",
        "DistributionChannel",
        "DistributionChannelDPID",
        "CommercialModel",
        "UseType",
        "Territory",
        "ServiceDescription",
        "Usages",
        "Users",
        "Currency",
        "NetRevenue",
        "RightsController",
        "RightsControllerPartyId",
        "AllocatedUsages",
        "AllocatedRevenue",
        "AllocatedNetRevenue",
        "RightsType",
    ),
    "SY03": ("CommercialModel", "UseType", "Territory", "ServiceDescription", "NumberOfUsages"),
    "AS01": _RESOURCE,
    "AS02": _RESOURCE,
    "MW01": ("BlockId", "DspWorkId", "ISWC", "Title", "SubTitle", "ComposerAuthor", "ComposerAuthorPartyId"),
    "RE01": ("BlockId", "ReleaseReference", "DspReleaseId"),
    "RU01": ("BlockId", "SummaryRecordId", "DspReleaseId", "Usages"),
    "RU02": ("BlockId", "SummaryRecordId", "DspReleaseId", "Usages"),
    "SU01": _SALES,
    "SU02": _SALES,
    "SU03": _SALES,
    "LI01": (
        "BlockId",
        "SummaryRecordId",
        "RightsController",
        "RightsControllerProprietaryID",
        "RightsControllerWorkID",
        "RightShare%",
        "RightType",
        "AllocatedNetRevenue",
        "AllocatedAmount",
    ),
    "FOOT": (
        "NumberOfLinesInFile",
        "NumberOfLinesInReport",
        "NumberOfSummaryRecords",
        "NumberOfBlocksInFile",
        "NumberOfBlocksInReport",
    ),
}
_HEAD = (
    "MessageVersion",
    "Profile",
    "ProfileVersion",
    "MessageId",
    "MessageCreatedDateTime",
    "FileNumber",
    "NumberOfFiles",
    "UsageStartDate",
    "UsageEndDate",
    "SenderPartyId",
    "SenderName",
    "ServiceDescription",
    "RecipientPartyId",
    "RecipientName",
    "RepresentedRepertoire",
)
_USED = {"AS01", "AS02", "MW01", "RE01", "RU01", "RU02", "SU01", "SU02", "SU03", "LI01"}


def dpid_valid(text: str) -> bool:
    """Whether a DDEX party id's last character is its ISO 7064 MOD 37-36 check character."""
    return bool(_DPID.fullmatch(text)) and mod_37_36.is_valid(text)


def split_fields(line: str) -> list[str]:
    """The tab-separated fields of a line; a backslash escapes the next character and is kept
    (multi-value cells split on unescaped '|' later, see :func:`values`)."""
    if "\\" not in line:
        return line.split("\t")
    fields, current, escaped = [], [], False
    for char in line:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == "\t":
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text) if "\\" in text else text


def values(text: str) -> list[str]:
    """The values of a multi-value cell ('|'-separated, '\\|' a literal bar)."""
    if "\\" not in text:
        return text.split("|") if text else []
    return [unescape(part) for part in re.split(r"(?<!\\)\|", text)] if text else []


def duration_seconds(text: str) -> int | None:
    """ISO 8601 ``PT1H2M3S`` as whole seconds; None when absent or zero (unknown)."""
    match = _DURATION.fullmatch(text.strip()) if text else None
    if not match or not any(match.groups()):
        return None
    days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    return total or None


# FOOT counts that real platforms sometimes state one off (whether FOOT counts itself).
_LINE_COUNTS = ("NumberOfLinesInFile", "NumberOfLinesInReport")


@dataclass
class DsrSummary:
    """What a DSR file says about itself, and what was read."""

    message_version: str = ""
    profile: str = ""
    profile_version: str = ""
    sender: str = ""
    service: str = ""
    usage_start: str = ""
    usage_end: str = ""
    file_number: int | None = None
    number_of_files: int | None = None
    lines_in_file: int = 0
    summary_records: int = 0
    blocks: int = 0
    resources: int = 0
    works: int = 0
    sales_records: int = 0
    allocations: int = 0
    usage_lines: int = 0
    summary_usages: int = 0
    currency: str | None = None
    revenue_exact: Decimal = Decimal(0)
    issues: Issues = field(default_factory=Issues)
    # FOOT line counts off by one, accepted with lenient_counts: per FOOT field, stated and actual.
    foot_counts: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class _Block:
    number: int
    line: int
    resources: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    works: list[dict[str, str]] = field(default_factory=list)
    sales: list[tuple[int, str, dict[str, str]]] = field(default_factory=list)
    releases: list[tuple[int, dict[str, str]]] = field(default_factory=list)


class DsrParser:
    """Reads one DSR file from an iterable of its byte lines. Iterate :meth:`rows` for the
    usage lines (dicts of :data:`registry.usage.schema.LINE_SCHEMA` columns); afterwards
    :attr:`summary` holds the counts and issues."""

    def __init__(self, lines: Iterable[bytes], *, name: str, lenient_counts: bool = False) -> None:
        self._lines = lines
        self.name = name
        self._lenient_counts = lenient_counts
        self.summary = DsrSummary()
        self._layouts: dict[str, tuple[str, ...]] = dict(LAYOUTS)
        self._currencies: dict[str, str] = {}
        self._seen_blocks: set[int] = set()
        self._dpids: set[str] = set()

    # --- the walk ------------------------------------------------------------------------------

    def rows(self) -> Iterator[dict[str, Any]]:
        s = self.summary
        self._check_dpids(self.name, 0, "file name")
        foot: list[str] | None = None
        head_seen = False
        foot_line = 0
        block: _Block | None = None
        number = 0
        for number, raw in enumerate(self._lines, start=1):
            text = self._decode(raw, number)
            if foot is not None:
                raise self._broken(number, "a record after FOOT")
            if text.startswith("#"):
                self._layout_comment(text)
                continue
            if not text.strip():
                raise self._broken(number, "an empty line (DSR records may not be empty)")
            fields = split_fields(text)
            record, base = self._record_type(fields[0], number)
            if base == "HEAD":
                if head_seen:
                    raise self._broken(number, "a second HEAD")
                head_seen = True
                self._head(fields, number)
                continue
            if not head_seen:
                raise self._broken(number, f"{record} before HEAD: the file must start with HEAD")
            if base == "FOOT":
                if block is not None:
                    yield from self._close(block)
                    block = None
                foot, foot_line = fields, number
                continue
            if base.startswith("SY"):
                if s.blocks:
                    raise self._broken(number, f"summary record {record} after the first block")
                self._summary_record(base, fields, number)
                continue
            block_id = self._block_id(fields, record, number)
            if block is None or block.number != block_id:
                if block is not None:
                    yield from self._close(block)
                if block_id in self._seen_blocks:
                    raise self._broken(number, f"block {block_id} continues after another block")
                self._seen_blocks.add(block_id)
                s.blocks += 1
                block = _Block(block_id, number)
            self._body_record(block, base, record, fields, number)
        s.lines_in_file = number
        if foot is None:
            raise self._broken(number + 1, "the file ends without FOOT: truncated?")
        self._check_foot(foot, foot_line)

    # --- records -------------------------------------------------------------------------------

    def _decode(self, raw: bytes, number: int) -> str:
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise self._broken(number, f"not UTF-8 at byte {exc.start}") from None
        return text.rstrip("\r\n")

    def _record_type(self, cell: str, number: int) -> tuple[str, str]:
        record = cell.strip().upper()
        if record in ("HEAD", "FOOT"):
            return record, record
        match = _RECORD_TYPE.fullmatch(record)
        if not match:
            raise self._broken(number, f"unknown record type {cell[:20]!r}")
        return record, match.group(1)

    def _layout_comment(self, text: str) -> None:
        fields = split_fields(text[1:])
        record = fields[0].strip().upper()
        match = _RECORD_TYPE.fullmatch(record)
        if match and len(fields) > 1:
            self._layouts[match.group(1)] = tuple(f.strip() for f in fields[1:])
        elif record == "FOOT" and len(fields) > 1:
            self._layouts["FOOT"] = tuple(f.strip() for f in fields[1:])

    def _head(self, fields: list[str], number: int) -> None:
        s = self.summary
        head = dict(zip(_HEAD, fields[1:], strict=False))
        s.message_version = head.get("MessageVersion", "").strip()
        s.profile = head.get("Profile", "").strip()
        s.profile_version = head.get("ProfileVersion", "").strip()
        s.sender = unescape(head.get("SenderName", "")).strip()
        s.service = unescape(head.get("ServiceDescription", "")).strip()
        s.usage_start = head.get("UsageStartDate", "").strip()
        s.usage_end = head.get("UsageEndDate", "").strip()
        s.file_number = _int(head.get("FileNumber", ""))
        s.number_of_files = _int(head.get("NumberOfFiles", ""))
        if not s.message_version or not s.profile:
            s.issues.warning(number, "HEAD", "Profile", "HEAD names no message version or profile")
        for cell in fields[1:]:
            self._check_dpids(cell, number, "HEAD")

    def _summary_record(self, base: str, fields: list[str], number: int) -> None:
        s = self.summary
        s.summary_records += 1
        row = self._named(base, fields)
        currency = row.get("Currency", "").strip().upper()
        if currency:
            self._currencies[row.get("SummaryRecordId", "").strip()] = currency
            if s.currency is None:
                s.currency = currency
            elif s.currency != currency:
                s.issues.warning(
                    number, base, "Currency", f"a second currency {currency} besides {s.currency}"
                )
        usages = _int(row.get("Usages", row.get("NumberOfUsages", "")).strip())
        s.summary_usages += usages or 0
        for cell in fields[1:]:
            self._check_dpids(cell, number, base)

    def _block_id(self, fields: list[str], record: str, number: int) -> int:
        cell = fields[1].strip() if len(fields) > 1 else ""
        value = _int(cell)
        if value is None:
            raise self._broken(number, f"{record}: BlockId {cell!r} is not an integer")
        return value

    def _body_record(self, block: _Block, base: str, record: str, fields: list[str], number: int) -> None:
        s = self.summary
        if base not in _USED:
            s.issues.warning(number, record, None, f"record type {record} is not used here; skipped")
            return
        row = self._named(base, fields)
        if base in ("AS01", "AS02"):
            s.resources += 1
            block.resources.append((number, row))
        elif base == "MW01":
            s.works += 1
            block.works.append(row)
        elif base in ("RU01", "RU02"):
            block.releases.append((number, row))
        elif base.startswith("SU"):
            s.sales_records += 1
            block.sales.append((number, record, row))
        elif base == "LI01":
            s.allocations += 1

    def _close(self, block: _Block) -> Iterator[dict[str, Any]]:
        """The usage lines of a finished block."""
        s = self.summary
        by_id = {row.get("DspResourceId", "").strip(): (line, row) for line, row in block.resources}
        iswc = self._iswc(block)
        if block.sales:
            for number, record, row in block.sales:
                usages = _int(row.get("Usages", "").strip())
                if usages is None or usages < 0:
                    s.issues.error(
                        number, record, "Usages", f"usages {row.get('Usages', '')!r} is not a count"
                    )
                    continue
                revenue_text = row.get("NetRevenue", "").strip()
                revenue = parse_decimal(revenue_text) if revenue_text else None
                if revenue_text and revenue is None:
                    s.issues.error(
                        number, record, "NetRevenue", f"net revenue {revenue_text!r} is not a number"
                    )
                    continue
                currency = self._currencies.get(row.get("SummaryRecordId", "").strip(), s.currency)
                resource = self._resource(block, by_id, row.get("DspReleaseId", "").strip())
                line = self._line(number, resource, iswc, usages)
                if revenue is not None:
                    s.revenue_exact += revenue
                    line["revenue_minor"] = to_minor(revenue, currency)
                s.usage_lines += 1
                yield line
            return
        for number, row in block.releases:
            counts = [_int(v.strip()) for v in values(row.get("Usages", ""))]
            if not counts or any(c is None or c < 0 for c in counts):
                s.issues.error(number, "RU01", "Usages", f"usages {row.get('Usages', '')!r} are not counts")
                continue
            resource = block.resources[0][1] if len(block.resources) == 1 else None
            s.usage_lines += 1
            yield self._line(number, resource, iswc, sum(c for c in counts if c is not None))

    def _resource(
        self, block: _Block, by_id: dict[str, tuple[int, dict[str, str]]], dsp_id: str
    ) -> dict[str, str] | None:
        if dsp_id in by_id:
            return by_id[dsp_id][1]
        return block.resources[0][1] if len(block.resources) == 1 else None

    def _iswc(self, block: _Block) -> str | None:
        for row in block.works:
            iswc = row.get("ISWC", "").strip().upper().replace("-", "").replace(".", "")
            if iswc and iswc_valid(iswc):
                return iswc
            if iswc:
                self.summary.issues.warning(block.line, "MW01", "ISWC", f"invalid ISWC {iswc!r} ignored")
        return None

    def _line(
        self, number: int, resource: dict[str, str] | None, iswc: str | None, weight: int
    ) -> dict[str, Any]:
        line: dict[str, Any] = {
            "line_no": number,
            "licensee": self.summary.sender or None,
            "iswc": iswc,
            "weight": weight,
        }
        if resource is not None:
            isrc = resource.get("ISRC", "").strip().upper().replace("-", "")
            if isrc and not _ISRC.fullmatch(isrc):
                self.summary.issues.warning(number, "AS01", "ISRC", f"invalid ISRC {isrc!r} ignored")
                isrc = ""
            line["isrc"] = isrc or None
            line["title"] = unescape(resource.get("Title", "")).strip() or None
            line["artist"] = " / ".join(values(resource.get("DisplayArtistName", "").strip())) or None
            line["duration_s"] = duration_seconds(resource.get("Duration", ""))
            if not line["iswc"]:
                work_iswc = resource.get("ISWC", "").strip().upper()
                line["iswc"] = work_iswc if work_iswc and iswc_valid(work_iswc) else None
        return line

    def _check_foot(self, foot: list[str], number: int) -> None:
        s = self.summary
        if not _STANDARD_VERSION.fullmatch(s.message_version):
            s.issues.warning(
                number,
                "FOOT",
                None,
                f"FOOT not checked: message version {s.message_version!r} is not a DSR flat-file "
                "standard version (dsrf/NN), so its FOOT layout is not defined",
            )
            return
        row = self._named("FOOT", foot)
        one_file = (s.number_of_files or 1) == 1
        expected = {
            "NumberOfLinesInFile": s.lines_in_file,
            "NumberOfSummaryRecords": s.summary_records,
            "NumberOfBlocksInFile": s.blocks,
        }
        if one_file:
            expected["NumberOfLinesInReport"] = s.lines_in_file
            expected["NumberOfBlocksInReport"] = s.blocks
        for name, actual in expected.items():
            stated = _int(row.get(name, "").strip())
            if stated is None:
                raise self._broken(number, f"FOOT {name} is missing or not a number")
            if stated == actual:
                continue
            problem = f"FOOT {name} is {stated}, the file has {actual}"
            if name in _LINE_COUNTS and abs(stated - actual) == 1:
                if self._lenient_counts:
                    s.foot_counts[name] = {"stated": stated, "actual": actual}
                    s.issues.warning(number, "FOOT", name, f"{problem}: imported as asked (lenient counts)")
                    continue
                problem += " (a line count off by one is imported with --lenient-counts)"
            raise self._broken(number, problem)

    # --- helpers -------------------------------------------------------------------------------

    def _named(self, base: str, fields: list[str]) -> dict[str, str]:
        return dict(zip(self._layouts.get(base, ()), fields[1:], strict=False))

    def _check_dpids(self, text: str, number: int, where: str) -> None:
        for dpid in _DPID.findall(text):
            if dpid in self._dpids:
                continue
            self._dpids.add(dpid)
            if not mod_37_36.is_valid(dpid):
                self.summary.issues.warning(
                    number,
                    where,
                    "PartyId",
                    f"DDEX party id {dpid} fails its check character (expected "
                    f"{mod_37_36.calc_check_digit(dpid[:-1])}): a placeholder?",
                )

    def _broken(self, number: int, problem: str) -> UsageStructureError:
        return UsageStructureError(self.name, number, problem)


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() or (text[:1] == "-" and text[1:].isdigit()) else None
