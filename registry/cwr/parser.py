"""Read a CWR 2.1 or 2.2 file: the envelope (HDR, GRH/GRT groups, TRL), the transaction boundaries
and sequence numbers. The records inside each transaction go to transaction.WorkBuilder.

Structure is all or nothing: a file whose envelope is broken (no or bad HDR, a group not closed,
no TRL, a record shorter than its mandatory part, a record type unknown outside a transaction,
trailer counts that disagree with the records) raises CwrStructureError naming the line. Inside a
transaction, problems are Issues and each transaction is accepted or rejected on its own.

Encoding: CWR is ASCII, with other character sets only when declared in the HDR, and field
positions count characters. A file with bytes above 0x7F is read as UTF-8 when it is valid UTF-8
(multi-byte sequences essentially never occur by chance in Latin-1 text), otherwise as ISO-8859-1
(one byte, one character: decoding never fails). Either way the records holding such characters
are kept and get a warning, and the file gets one saying which decoding was used. Control
characters (tab, NUL, ...) are not text: the file is refused, naming the line and column. A UTF-8
byte order mark and a trailing DOS end-of-file mark (0x1A) are tolerated; blank lines are skipped
with a warning.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice

from registry.cwr import records as R
from registry.cwr import values as V
from registry.cwr.errors import CwrStructureError
from registry.cwr.model import (
    AckMessage,
    CwrFile,
    FileType,
    Group,
    ParsedWork,
    Transaction,
    WorkKind,
)
from registry.cwr.transaction import HANDLERS, Issues, WorkBuilder, build_ack, build_message
from registry.gc_pause import collector_paused

_CONTROL = re.compile(rb"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")
_BOM = b"\xef\xbb\xbf"
_PLAIN_CHARSETS = frozenset(
    {"", "ASCII", "US-ASCII", "ISO-8859-1", "ISO8859-1", "LATIN-1", "LATIN1", "UTF-8", "UTF8"}
)
_GROUP_VERSION = {"2.1": "02.10", "2.2": "02.20"}


def parse_cwr(data: bytes, *, name: str = "<file>", strict_counts: bool = True) -> CwrFile:
    """Parse a whole CWR file. Raises CwrStructureError when its structure is broken.

    `strict_counts=False` turns disagreeing GRT/TRL control counts into file-level error issues
    instead of refusing the file (for reading damaged or hand-edited files; never for import)."""
    # The parse allocates millions of small objects and no reference cycles: the cyclic garbage
    # collector would only rescan them, repeatedly (a quarter of the time on large files).
    with collector_paused():
        return _Parser(data, name, strict_counts).parse()


@dataclass(frozen=True, slots=True)
class _Header:
    sender_type: str
    sender_id: str
    sender_name: str
    created: datetime
    transmitted: date
    revision: int | None
    character_set: str | None
    software: str | None


@dataclass(slots=True)
class _GroupState:
    line: int
    group_id: int
    transaction_type: str
    version: str
    records: int = 1  # the GRH itself
    transactions: int = 0
    last_header_sequence: int | None = None


@dataclass(slots=True)
class _TransactionState:
    header_type: str  # ACK, AGR, NWR, REV, ISW, EXC
    line: int
    sequence: int
    group_id: int
    issues: Issues = field(default_factory=Issues)
    records: int = 1
    current_sequence: int = 0  # transaction sequence # of the latest header (wrapped ones too)
    last_record_sequence: int = 0
    sequence_warned: bool = False
    skip: bool = False  # AGR: counted, not imported
    ack_line: int = 0
    ack_fields: dict[str, str] | None = None
    messages: list[AckMessage] = field(default_factory=list)
    work: WorkBuilder | None = None
    conflict: WorkBuilder | None = None

    @property
    def target(self) -> WorkBuilder | None:
        return self.conflict or self.work


class _Parser:
    def __init__(self, data: bytes, name: str, strict_counts: bool) -> None:
        self.data = data
        self.name = name
        self.strict_counts = strict_counts
        self.issues = Issues()
        self.non_ascii: set[int] = set()
        self.transactions: list[Transaction] = []
        self.groups: list[Group] = []
        self.skipped = 0
        self.version = "2.1"
        self.encoding = "ASCII"

    def fail(self, line: int, problem: str) -> CwrStructureError:
        return CwrStructureError(self.name, line, problem)

    # -- lines ---------------------------------------------------------------------------------

    def _lines(self) -> list[str]:
        """The file's lines (line i + 1 at index i), decoded; blank lines stay, to keep numbers."""
        body = self.data
        if body.startswith(_BOM):
            body = body[len(_BOM) :]
            self.issues.warn(1, "HDR", None, "UTF-8 byte order mark before the HDR ignored")
        body = body.rstrip(b"\x1a\r\n")  # a DOS end-of-file mark and the final line break
        if not body.strip():
            raise self.fail(1, "the file is empty: no HDR record")
        bad = _CONTROL.search(body)
        if bad is not None:
            line = body.count(b"\n", 0, bad.start()) + 1
            column = bad.start() - (body.rfind(b"\n", 0, bad.start()) + 1) + 1
            raise self.fail(
                line,
                f"control character 0x{body[bad.start()]:02X} at column {column}: "
                "CWR records are printable text (is this a CWR file?)",
            )
        if body.isascii():
            text = body.decode("ascii")
        else:
            try:
                text, self.encoding = body.decode("utf-8"), "UTF-8"
            except UnicodeDecodeError:
                text, self.encoding = body.decode("latin-1"), "ISO-8859-1"
            self.issues.warn(1, "HDR", None, f"non-ASCII characters: the file is read as {self.encoding}")
        if body.isascii():
            # The same cut as below in one pass: of the other breaks splitlines knows, the ASCII
            # ones (VT, FF, FS, GS, RS) were refused above as control characters.
            lines = text.splitlines()
        else:
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            lines = text.split("\n")
        if not body.isascii():
            self.non_ascii = {number for number, line in enumerate(lines, 1) if not line.isascii()}
        return lines

    def _length(self, line: int, text: str, layout: R.Layout | None) -> None:
        if layout is None:
            if len(text) < R.PREFIX_LENGTH:
                raise self.fail(
                    line, f"{text[:3]} record is {len(text)} characters long, shorter than its prefix (19)"
                )
            return
        if len(text) < layout.min_length:
            raise self.fail(
                line,
                f"{text[:3]} record is {len(text)} characters long, shorter than its mandatory part "
                f"({layout.min_length}): cut short?",
            )

    # -- the file ------------------------------------------------------------------------------

    def parse(self) -> CwrFile:
        digest = hashlib.sha256(self.data).hexdigest()
        lines = self._lines()
        first = 0
        while lines[first].isspace() or not lines[first]:  # the body is not blank: this ends
            self.issues.warn(first + 1, "", None, "blank line skipped")
            first += 1
        first_line, hdr = first + 1, lines[first]
        if not hdr.startswith("HDR"):
            raise self.fail(first_line, f"the first record must be HDR, not {hdr[:3]!r}")
        next_text = next((t for t in islice(lines, first + 1, None) if t and not t.isspace()), "")
        header = self._header(first_line, hdr, next_text)
        layouts = R.LAYOUTS[self.version]
        if first_line in self.non_ascii:
            self.issues.warn(first_line, "HDR", None, f"non-ASCII characters ({self.encoding})")

        group: _GroupState | None = None
        tx: _TransactionState | None = None
        trailer_seen = False
        total_records = 1
        expected_group_id = 1
        group_types: set[str] = set()

        non_ascii = self.non_ascii
        last_line = first_line
        for number, text in enumerate(islice(lines, first + 1, None), first_line + 1):
            if (not text or text[0] == " ") and (not text or text.isspace()):  # records never start blank
                self.issues.warn(number, "", None, "blank line skipped")
                continue
            last_line = number
            rt = text[:3]
            # Fast path: an imported detail record inside a work transaction, in sequence, of a
            # plausible length and plain ASCII (nearly every record of a file). Anything else
            # takes the full path below, which makes every check and reports every problem.
            if tx is not None and rt in HANDLERS and (layout := layouts.get(rt)) is not None:
                numbers = text[3:19]
                target = tx.target
                if (
                    layout.min_length <= len(text) <= layout.length
                    and numbers.isdigit()
                    and numbers.isascii()
                    and int(numbers[:8]) == tx.current_sequence
                    and (record_sequence := int(numbers[8:])) == tx.last_record_sequence + 1
                    and target is not None
                    and not tx.skip
                    and (not non_ascii or number not in non_ascii)
                ):
                    total_records += 1
                    group.records += 1  # type: ignore[union-attr]  # tx is only open inside a group
                    tx.records += 1
                    tx.last_record_sequence = record_sequence
                    HANDLERS[rt](target, number, rt, layout.cut(text))
                    continue
            if trailer_seen:
                raise self.fail(number, f"{rt} record after the TRL trailer")
            total_records += 1
            if rt == "GRH":
                if group is not None:
                    raise self.fail(
                        number, f"GRH before the GRT closing the group opened at line {group.line}"
                    )
                group = self._group_header(number, text, expected_group_id, group_types)
                expected_group_id = group.group_id + 1
            elif rt == "GRT":
                if group is None:
                    raise self.fail(number, "GRT without a group to close (no GRH before it)")
                self._close(tx)
                tx = None
                group.records += 1
                self._group_trailer(number, text, group)
                group = None
            elif rt == "TRL":
                if group is not None:
                    raise self.fail(
                        number, f"TRL before the GRT closing the group opened at line {group.line}"
                    )
                self._trailer(number, text, total_records)
                trailer_seen = True
            elif rt == "HDR":
                raise self.fail(number, "a second HDR record")
            else:
                if group is None:
                    known = rt in layouts or rt in R.NOT_IMPORTED or rt in R.TRANSACTION_HEADERS
                    what = f"{rt} record" if known else f"unknown record type {rt!r}"
                    raise self.fail(number, f"{what} outside a group (records must lie between GRH and GRT)")
                group.records += 1
                tx = self._record(number, text, rt, group, tx, layouts)

        if not trailer_seen:
            last = last_line
            if group is not None:
                raise self.fail(
                    last, f"no TRL: the file ends inside the group opened at line {group.line} (truncated?)"
                )
            raise self.fail(last, "no TRL trailer at the end of the file (truncated?)")

        file_type: FileType = (
            "acknowledgement"
            if any(g.transaction_type == "ACK" for g in self.groups) or any(t.ack for t in self.transactions)
            else "registration"
        )
        return CwrFile(
            name=self.name,
            version=self.version,
            revision=header.revision,
            sender_type=header.sender_type,
            sender_id=header.sender_id,
            sender_name=header.sender_name,
            created=header.created,
            transmitted=header.transmitted,
            character_set=header.character_set,
            software=header.software,
            file_type=file_type,
            transactions=tuple(self.transactions),
            issues=tuple(sorted(self.issues.items, key=lambda i: i.line)),
            groups=tuple(self.groups),
            record_count=total_records,
            sha256=digest,
            skipped_transactions=self.skipped,
        )

    # -- control records -----------------------------------------------------------------------

    def _header(self, line: int, text: str, next_text: str) -> _Header:
        self._length(line, text, R.HDR_21)
        f = R.HDR_22.cut(text)
        sender_type = f["sender_type"]
        if sender_type not in R.SENDER_TYPES and not (len(sender_type) == 2 and V.digits(sender_type)):
            raise self.fail(line, f"HDR sender type {sender_type!r} is not PB, SO, AA, WR (or IPI digits)")
        sender_id = f["sender_id"]
        if not sender_id:
            raise self.fail(line, "HDR sender ID is blank")
        if not V.digits(sender_id):
            self.issues.warn(line, "HDR", "sender_id", f"sender ID {sender_id!r} is not numeric")
        if V.digits(sender_type):  # an 11-digit IPI name number split over both fields (CWR 2.2 rev. 2)
            sender_id = sender_type + text[5:14]
        if not f["sender_name"]:
            raise self.fail(line, "HDR sender name is blank")
        if f["edi_version"] != "01.10":
            raise self.fail(line, f"HDR EDI standard version {f['edi_version']!r} is not 01.10")
        try:
            created = V.timestamp(f["creation_date"], f["creation_time"])
        except ValueError as exc:
            raise self.fail(line, f"HDR creation date/time: {exc}") from None
        try:
            transmitted = V.cwr_date(f["transmission_date"])
        except ValueError as exc:
            raise self.fail(line, f"HDR transmission date: {exc}") from None
        if transmitted is None:
            raise self.fail(line, "HDR transmission date is blank")

        version = f["version"]
        if version in ("2.1", "2.2"):
            self.version = version
        elif version:
            raise self.fail(line, f"HDR CWR version {version!r}: this parser reads CWR 2.1 and 2.2")
        else:  # optional in 2.2: the GRH version number ("02.20") tells
            self.version = "2.2" if next_text.startswith("GRH") and next_text[11:16] == "02.20" else "2.1"
        revision: int | None = None
        if f["revision"]:
            if V.digits(f["revision"]):
                revision = int(f["revision"])
            else:
                self.issues.warn(line, "HDR", "revision", f"CWR revision {f['revision']!r} is not a number")
        charset = f["character_set"]
        if charset.upper() not in _PLAIN_CHARSETS:
            self.issues.warn(
                line,
                "HDR",
                "character_set",
                f"character set {charset!r} declared; the file is read as {self.encoding}",
            )
        software = " ".join(part for part in (f["software_package"], f["software_version"]) if part)
        return _Header(
            sender_type=sender_type,
            sender_id=sender_id,
            sender_name=f["sender_name"],
            created=created,
            transmitted=transmitted,
            revision=revision,
            character_set=charset or None,
            software=software or None,
        )

    def _numbers(self, line: int, rt: str, f: dict[str, str], names: tuple[str, ...]) -> list[int]:
        out = []
        for name in names:
            if not V.digits(f[name]):
                raise self.fail(line, f"{rt} {name.replace('_', ' ')} {f[name]!r} is not a number")
            out.append(int(f[name]))
        return out

    def _group_header(self, line: int, text: str, expected_id: int, seen: set[str]) -> _GroupState:
        self._length(line, text, R.GRH)
        f = R.GRH.cut(text)
        kind = f["transaction_type"]
        if kind not in R.TRANSACTION_TYPES:
            raise self.fail(line, f"GRH transaction type {kind!r} is not a CWR transaction type")
        (group_id,) = self._numbers(line, "GRH", f, ("group_id",))
        if group_id != expected_id:
            self.issues.warn(line, "GRH", "group_id", f"group ID {group_id}, expected {expected_id}")
        if kind in seen:
            self.issues.warn(line, "GRH", "transaction_type", f"a second {kind} group in the file")
        seen.add(kind)
        if f["version_number"] != _GROUP_VERSION[self.version]:
            self.issues.warn(
                line,
                "GRH",
                "version_number",
                f"group version {f['version_number']!r} in a CWR {self.version} file "
                f"(expected {_GROUP_VERSION[self.version]})",
            )
        return _GroupState(line, group_id, kind, f["version_number"])

    def _control_count(self, line: int, rt: str, message: str) -> None:
        if self.strict_counts:
            raise self.fail(line, message)
        self.issues.error(line, rt, None, message)

    def _group_trailer(self, line: int, text: str, group: _GroupState) -> None:
        self._length(line, text, R.GRT)
        f = R.GRT.cut(text)
        group_id, transactions, records = self._numbers(
            line, "GRT", f, ("group_id", "transaction_count", "record_count")
        )
        if group_id != group.group_id:
            self._control_count(
                line, "GRT", f"GRT group ID {group_id} does not match the GRH's {group.group_id}"
            )
        if transactions != group.transactions:
            self._control_count(
                line, "GRT", f"GRT states {transactions} transactions, the group has {group.transactions}"
            )
        if records != group.records:
            self._control_count(
                line,
                "GRT",
                f"GRT states {records} records, the group has {group.records} (GRH and GRT included)",
            )
        self.groups.append(
            Group(
                group_id=group.group_id,
                transaction_type=group.transaction_type,
                version=group.version,
                line=group.line,
                stated_transactions=transactions,
                stated_records=records,
                counted_transactions=group.transactions,
                counted_records=group.records,
            )
        )

    def _trailer(self, line: int, text: str, total_records: int) -> None:
        self._length(line, text, R.TRL)
        f = R.TRL.cut(text)
        groups, transactions, records = self._numbers(
            line, "TRL", f, ("group_count", "transaction_count", "record_count")
        )
        counted = sum(g.counted_transactions for g in self.groups)
        if groups != len(self.groups):
            self._control_count(line, "TRL", f"TRL states {groups} groups, the file has {len(self.groups)}")
        if transactions != counted:
            self._control_count(
                line, "TRL", f"TRL states {transactions} transactions, the file has {counted}"
            )
        if records != total_records:
            self._control_count(
                line,
                "TRL",
                f"TRL states {records} records, the file has {total_records} (HDR and TRL included)",
            )

    # -- transactions --------------------------------------------------------------------------

    def _prefix(self, line: int, text: str) -> tuple[int, int]:
        numbers = text[3:19]
        if not (V.digits(numbers) and len(numbers) == 16):
            raise self.fail(
                line,
                f"{text[:3]} record prefix {numbers!r}: transaction and record sequence numbers "
                "must be 8 digits each",
            )
        return int(numbers[:8]), int(numbers[8:])

    def _record(
        self,
        line: int,
        text: str,
        rt: str,
        group: _GroupState,
        tx: _TransactionState | None,
        layouts: dict[str, R.Layout],
    ) -> _TransactionState | None:
        layout = layouts.get(rt)
        if rt in R.TRANSACTION_HEADERS:
            self._length(line, text, layout)
            sequence, record_sequence = self._prefix(line, text)
            tx = self._transaction_header(line, text, rt, layout, sequence, record_sequence, group, tx)
        elif layout is not None or rt in R.NOT_IMPORTED:
            if tx is None:
                raise self.fail(
                    line, f"{rt} record before any transaction header (GRH must be followed by one)"
                )
            self._detail(line, text, rt, layout, tx)
        else:
            if tx is None:
                raise self.fail(line, f"unknown record type {rt!r} where a transaction header must come")
            tx.records += 1
            later = " (a CWR 2.2 record in a 2.1 file)" if rt in R.LAYOUTS["2.2"] else ""
            tx.issues.warn(line, rt, None, f"unknown record type {rt!r}{later}; skipped")
            return tx
        if self.non_ascii and line in self.non_ascii and tx is not None:
            tx.issues.warn(line, rt, None, f"non-ASCII characters ({self.encoding})")
        if layout is not None and len(text) > layout.length and text[layout.length :].strip():
            tx_issues = tx.issues if tx is not None else self.issues
            tx_issues.warn(line, rt, None, f"characters after position {layout.length} ignored")
        return tx

    def _detail(self, line: int, text: str, rt: str, layout: R.Layout | None, tx: _TransactionState) -> None:
        """A detail record (the hot path: most records of a file come here)."""
        if layout is None:
            self._length(line, text, None)
        elif len(text) < layout.min_length:
            self._length(line, text, layout)
        sequence, record_sequence = self._prefix(line, text)
        tx.records += 1
        if sequence == tx.current_sequence and record_sequence == tx.last_record_sequence + 1:
            tx.last_record_sequence = record_sequence
        else:
            self._check_sequence(line, rt, tx, sequence, record_sequence)
        target = tx.target
        function = HANDLERS.get(rt)
        if function is not None and target is not None and not tx.skip and layout is not None:
            function(target, line, rt, layout.cut(text))
        elif rt == "MSG":
            assert layout is not None
            if tx.header_type == "ACK":
                tx.messages.append(build_message(line, layout.cut(text), tx.issues))
            else:
                tx.issues.warn(line, rt, None, "MSG record outside an acknowledgement; skipped")
        elif tx.skip:
            return
        elif target is None:
            tx.issues.warn(line, rt, None, f"{rt} record before the acknowledged work's NWR/REV; skipped")
        elif rt in R.NOT_IMPORTED:
            target.not_imported(rt)
        else:  # ACK inside a transaction cannot reach here (headers are handled apart)
            tx.issues.warn(line, rt, None, f"{rt} record not expected inside a work transaction; skipped")

    def _check_sequence(self, line: int, rt: str, tx: _TransactionState, sequence: int, record: int) -> None:
        if tx.sequence_warned:
            tx.last_record_sequence = record
            return
        if sequence != tx.current_sequence:
            tx.issues.warn(
                line,
                rt,
                None,
                f"transaction sequence number {sequence} differs from its header's {tx.current_sequence}",
            )
            tx.sequence_warned = True
        elif record != tx.last_record_sequence + 1:
            tx.issues.warn(
                line, rt, None, f"record sequence number {record}, expected {tx.last_record_sequence + 1}"
            )
            tx.sequence_warned = True
        tx.last_record_sequence = record

    def _transaction_header(
        self,
        line: int,
        text: str,
        rt: str,
        layout: R.Layout | None,
        sequence: int,
        record_sequence: int,
        group: _GroupState,
        tx: _TransactionState | None,
    ) -> _TransactionState:
        in_ack = tx is not None and tx.header_type == "ACK"
        if tx is not None and in_ack and tx.work is None and not tx.skip and rt != "ACK":
            # The NWR/REV (or AGR) an ACK acknowledges: the same transaction (spec 2, note [1]).
            tx.records += 1
            if sequence != tx.sequence:
                tx.issues.warn(
                    line,
                    rt,
                    None,
                    f"the {rt} acknowledged by the ACK at line {tx.line} has transaction sequence number "
                    f"{sequence}, not the ACK's {tx.sequence}",
                )
            elif record_sequence != tx.last_record_sequence + 1:
                tx.issues.warn(
                    line,
                    rt,
                    None,
                    f"record sequence number {record_sequence}, expected {tx.last_record_sequence + 1} "
                    "(the acknowledged transaction continues the ACK's numbering)",
                )
            tx.current_sequence = sequence
            tx.last_record_sequence = record_sequence
            group.last_header_sequence = sequence
            if rt == "AGR":
                tx.skip = True
            else:
                tx.work = self._work(line, text, rt, layout, tx, lenient=False)
            return tx
        if tx is not None and in_ack and tx.work is not None and rt == "EXC" and tx.conflict is None:
            tx.records += 1
            self._check_sequence(line, rt, tx, sequence, record_sequence)
            tx.conflict = self._work(line, text, rt, layout, tx, lenient=True)
            return tx

        self._close(tx)
        expected = 0 if group.last_header_sequence is None else group.last_header_sequence + 1
        tx = _TransactionState(rt, line, sequence, group.group_id, current_sequence=sequence)
        group.transactions += 1
        group.last_header_sequence = sequence
        if sequence != expected:
            tx.issues.warn(line, rt, None, f"transaction sequence number {sequence}, expected {expected}")
        if record_sequence != 0:
            tx.issues.warn(
                line,
                rt,
                None,
                f"a transaction header's record sequence number must be 0, not {record_sequence}",
            )
        if rt != group.transaction_type:
            tx.issues.warn(line, rt, None, f"{rt} transaction in a {group.transaction_type} group")
        if rt == "ACK":
            assert layout is not None
            tx.ack_line = line
            tx.ack_fields = layout.cut(text)
        elif rt == "AGR":
            tx.skip = True
        else:
            tx.work = self._work(line, text, rt, layout, tx, lenient=False)
        return tx

    def _work(
        self, line: int, text: str, rt: str, layout: R.Layout | None, tx: _TransactionState, *, lenient: bool
    ) -> WorkBuilder:
        assert layout is not None
        kind: WorkKind = rt  # type: ignore[assignment]
        builder = WorkBuilder(kind, tx.issues, lenient=lenient)
        builder.work_header(line, rt, layout.cut(text))
        return builder

    def _close(self, tx: _TransactionState | None) -> None:
        if tx is None:
            return
        if tx.skip:
            self.skipped += 1
            self.issues.warn(tx.line, tx.header_type, None, "agreement (AGR) transaction not imported")
            return
        ack = None
        if tx.ack_fields is not None:
            ack = build_ack(tx.ack_line, tx.ack_fields, tx.messages, tx.issues)
        if tx.work is not None:
            kind = tx.work.kind
            work = tx.work.finish()
            if ack is not None and ack.original_transaction_type != kind:
                tx.issues.warn(
                    tx.line,
                    "ACK",
                    "original_transaction_type",
                    f"the ACK is for a {ack.original_transaction_type} transaction, the work is a {kind}",
                )
        elif ack is not None and ack.original_transaction_type in R.WORK_HEADERS:
            kind = ack.original_transaction_type  # type: ignore[assignment]
            tx.issues.warn(
                tx.line,
                "ACK",
                None,
                "the ACK carries no work records: the work is known by its title and number only",
            )
            work = ParsedWork(
                submitter_work_id=ack.submitter_work_id,
                title=ack.creation_title,
                iswc=None,
                language=None,
                duration_seconds=None,
                version_type=None,
                distribution_category=None,
                recorded=None,
                text_music_relationship=None,
                excerpt_type=None,
                composite_type=None,
                cwr_work_type=None,
                copyright_date=None,
                opus_number=None,
                catalogue_number=None,
                priority=False,
            )
        else:
            what = ack.original_transaction_type if ack is not None else tx.header_type
            self.skipped += 1
            self.issues.warn(
                tx.line, tx.header_type, None, f"acknowledgement of a {what!r} transaction not imported"
            )
            return
        conflict = tx.conflict.finish() if tx.conflict is not None else None
        self.transactions.append(
            Transaction(
                kind=kind,
                line=tx.line,
                sequence=tx.sequence,
                group_id=tx.group_id,
                work=work,
                ack=ack,
                conflict=conflict,
                issues=tuple(sorted(tx.issues.items, key=lambda i: i.line)),
                record_count=tx.records,
            )
        )
