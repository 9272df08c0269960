"""Read a works registration template, CSV or Excel, into checked rows: one work per row.

The file as a whole is all or nothing: bytes that are no CSV text and no .xlsx workbook, a header
naming an unknown column (or one twice, or missing a required one), no data rows, or more than
MAX_ROWS of them raise TemplateError, and nothing is taken. Inside, each row is checked fully and
gets every Problem found, not just the first; a row with problems has no work. Empty rows are
skipped (their lines still count).

CSV: UTF-8 with or without byte order mark, else GB18030 (what Chinese Excel saves as "CSV");
UTF-16 with a byte order mark ("Unicode text"). The delimiter is the comma, semicolon or tab
that the header line holds most of (comma on a tie). Line numbers are the file's lines, the
header being line 1 (a row with a line break inside a quoted cell starts on its first line).

Excel (.xlsx, told by the zip signature or the name): the first sheet, the header in row 1,
formulas read as their saved values. A number in a cell is taken as written: an IPI name
number 14107338 gets its zeros back, a share 50 is 50 % (so 5000); a cell formatted as a
percentage holds 0.5 for "50%" and cannot be told from a typed 0.5, which is why the template
asks for shares as plain numbers of percent. Fractional numbers are read to Excel's own
precision of 15 significant digits, so a float's binary noise does not count as a third decimal.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Generator, Sequence
from contextlib import closing
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple, TypeVar

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from registry.identifiers import InvalidIdentifier, normalise_ipi_name, normalise_isrc, normalise_iswc
from registry.works_template.columns import (
    AI_INVOLVEMENT,
    CHINESE_AI_INVOLVEMENT,
    CHINESE_ROLES,
    DEFAULT_PUBLISHER_ROLE,
    DEFAULT_WRITER_ROLE,
    PUBLISHER_ROLES,
    PUBLISHERS,
    WRITER_ROLES,
    WRITERS,
    column_positions,
    header_key,
)
from registry.works_template.model import (
    Problem,
    TemplateError,
    TemplateFile,
    TemplateFormat,
    TemplateParty,
    TemplateRecording,
    TemplateRow,
    TemplateWork,
)

MAX_ROWS = 200_000
_LONGEST_CODE = 100  # characters of a cell read as an identifier, share, duration or code
FULL_SHARE = 10_000  # 100.00 %
_ZIP = b"PK\x03\x04"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # the binary .xls of Excel 97-2003 (an OLE compound file)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A decimal comma too (semicolon files from Europe), but "1,000" is a thousand, not 1.
_PERCENT = re.compile(r"([0-9]{1,3})(?:\.([0-9]+)|,([0-9]{1,2}))?%?")
_ALT_TITLES = re.compile(r"[|｜]")
_RIGHTS = (("pr_share", "performing"), ("mr_share", "mechanical"), ("sr_share", "synchronisation"))
_AI_WORDS = {
    **{word: word for word in AI_INVOLVEMENT},
    **{header_key(word): value for word, value in CHINESE_AI_INVOLVEMENT.items()},
}

Cells = Sequence[object]
T = TypeVar("T")


def parse_works_template(data: bytes, *, name: str) -> TemplateFile:
    """Parse a whole template file; `name` (the file's name) says what errors are about.

    Raises TemplateError when the file as a whole cannot be read (see the module doc)."""
    fmt: TemplateFormat
    if data[:4] == _ZIP or name.lower().endswith(".xlsx"):
        fmt, lines = "xlsx", _xlsx_lines(data, name)
    else:
        fmt, lines = "csv", _csv_lines(data, name)
    with closing(lines):
        first = next(lines, None)
        if first is None:
            raise TemplateError(name, "empty file: the first line must name the columns")
        if _blank(first[1]):
            raise TemplateError(name, "line 1 is empty: the first line must name the columns")
        columns = tuple(column_positions(first[1], name).items())
        values_of = _text_values if fmt == "csv" else _cell_values
        seen: dict[str, int] = {}  # submitter_work_id -> line, to catch one work given twice
        rows: list[TemplateRow] = []
        for line, cells in lines:
            values = values_of(cells, columns)
            if not values:
                continue  # an empty row (or one with cells only under no header)
            if len(rows) == MAX_ROWS:
                raise TemplateError(name, f"more than {MAX_ROWS:,} data rows; split the file")
            rows.append(_Row(line, values).check(seen))
    if not rows:
        raise TemplateError(name, "no data rows: the file has a header but no work")
    return TemplateFile(name=name, sha256=hashlib.sha256(data).hexdigest(), format=fmt, rows=tuple(rows))


# --- reading the file -------------------------------------------------------------------------


def _csv_lines(data: bytes, name: str) -> Generator[tuple[int, Cells], None, None]:
    text = _decoded(data, name)
    header_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise TemplateError(name, f"line {line}: not readable as CSV: {exc}") from None


def _decoded(data: bytes, name: str) -> str:
    if data[:4] == _OLD_EXCEL:
        raise TemplateError(name, "an Excel 97-2003 workbook (.xls); save it as .xlsx or as CSV UTF-8")
    encodings = ("utf-16",) if data[:2] in _UTF16_BOMS else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TemplateError(name, "neither an Excel workbook nor CSV text in UTF-8 or GB18030")


def _xlsx_lines(data: bytes, name: str) -> Generator[tuple[int, Cells], None, None]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise TemplateError(name, f"not a readable Excel workbook (.xlsx): {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        if not hasattr(sheet, "reset_dimensions"):
            raise TemplateError(name, f"the first sheet {sheet.title!r} is a chart, not a table")
        # The dimension a workbook declares may be wrong; reading by it would drop rows.
        sheet.reset_dimensions()
        try:
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except (KeyError, OSError, ValueError, SyntaxError, zipfile.BadZipFile) as exc:
            raise TemplateError(name, f"the first sheet cannot be read: {exc}") from None
    finally:
        workbook.close()


def _text_values(cells: Cells, columns: Sequence[tuple[str, int]]) -> dict[str, object]:
    """The non-empty cells of a CSV row (all text) by column, stripped."""
    count = len(cells)
    return {column: text for column, at in columns if at < count and (text := str(cells[at]).strip())}


def _cell_values(cells: Cells, columns: Sequence[tuple[str, int]]) -> dict[str, object]:
    """The non-empty cells of a sheet's row by column: text stripped, numbers and times as they are."""
    values: dict[str, object] = {}
    count = len(cells)
    for column, at in columns:
        value = cells[at] if at < count else None
        if isinstance(value, str):
            value = value.strip()
        if value is not None and value != "":
            values[column] = value
    return values


def _blank(cells: Cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


# --- checking a row ---------------------------------------------------------------------------


class _Bad(ValueError):
    """A value that cannot be taken; the message names it and says what is expected."""


class _Slot(NamedTuple):
    """The columns of one writer or publisher of a row ("writer_2_name", ...)."""

    who: str  # "writer 2"
    name: str
    ipi: str
    role: str
    pr_share: str
    mr_share: str
    sr_share: str
    default_role: str
    read_role: Callable[[object], str]

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.name, self.ipi, self.role, self.pr_share, self.mr_share, self.sr_share)


def _slots(kind: str, count: int, roles: dict[str, str], default_role: str) -> tuple[_Slot, ...]:
    def read_role(value: object) -> str:
        return _role(value, kind, roles)

    return tuple(
        _Slot(
            who=f"{kind} {n}",
            name=f"{kind}_{n}_name",
            ipi=f"{kind}_{n}_ipi",
            role=f"{kind}_{n}_role",
            pr_share=f"{kind}_{n}_pr_share",
            mr_share=f"{kind}_{n}_mr_share",
            sr_share=f"{kind}_{n}_sr_share",
            default_role=default_role,
            read_role=read_role,
        )
        for n in range(1, count + 1)
    )


class _Row:
    """One data row being checked: its cells by column, and the problems found so far."""

    def __init__(self, line: int, values: dict[str, object]) -> None:
        self.line = line
        self.values = values  # the non-empty cells by column
        self.problems: list[Problem] = []
        self.failed: set[str] = set()  # columns whose value was refused

    def raw(self, column: str) -> object:
        """The cell's value, None when the column is absent or the cell empty."""
        return self.values.get(column)

    def text(self, column: str) -> str | None:
        value = self.raw(column)
        return None if value is None else _as_text(value)

    def read(self, column: str, reader: Callable[[object], T]) -> T | None:
        """The cell read by `reader`; None when empty or refused (then a problem is noted)."""
        value = self.raw(column)
        if value is None:
            return None
        if isinstance(value, str) and len(value) > _LONGEST_CODE:
            # no code, number or duration is this long; the message need not repeat it all
            self.problem(
                column, f"{value[:20]!r}... is {len(value):,} characters long, not a value of this column"
            )
            return None
        try:
            return reader(value)
        except _Bad as bad:
            self.problem(column, str(bad))
            return None

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.line, column, message))
        self.failed.add(column)

    def check(self, seen: dict[str, int]) -> TemplateRow:
        work_id = self.text("submitter_work_id")
        title = self.text("title")
        if work_id is None:
            self.problem("submitter_work_id", "empty; every work needs your own work number")
        elif work_id in seen:
            self.problem("submitter_work_id", f"{work_id!r} is also the work on line {seen[work_id]}")
        else:
            seen[work_id] = self.line
        if title is None:
            self.problem("title", "empty; every work needs its title")
        iswc = self.read("iswc", _iswc)
        language = self.read("language", _language)
        duration = self.read("duration", _duration)
        alt_titles = _alt_titles(self.text("alternate_titles"))
        writers = self._parties(_WRITER_SLOTS)
        publishers = self._parties(_PUBLISHER_SLOTS)
        self._totals(writers + publishers)
        recordings = self._recordings()
        involvement, tool, human_share = self._ai()
        if self.problems or work_id is None or title is None:
            return TemplateRow(self.line, None, tuple(self.problems))
        work = TemplateWork(
            line=self.line,
            submitter_work_id=work_id,
            title=title,
            iswc=iswc,
            language=language,
            duration_seconds=duration,
            alt_titles=alt_titles,
            writers=tuple(p for p, _ in writers),
            publishers=tuple(p for p, _ in publishers),
            recordings=recordings,
            ai_involvement=involvement,
            ai_tool=tool,
            human_share=human_share,
        )
        return TemplateRow(self.line, work, ())

    def _parties(self, slots: tuple[_Slot, ...]) -> list[tuple[TemplateParty, _Slot]]:
        """The named parties of one kind (writers or publishers), each with its columns."""
        parties: list[tuple[TemplateParty, _Slot]] = []
        values = self.values
        for slot in slots:
            given = [column for column in slot.columns if column in values]
            if not given:
                continue
            name = self.text(slot.name)
            if name is None:
                said = ", ".join(f"{column} {_as_text(values[column])!r}" for column in given)
                self.problem(slot.name, f"{slot.who} has {said} but no name; give the name or clear them")
                continue
            ipi = self.read(slot.ipi, _ipi)
            role = self.read(slot.role, slot.read_role) or slot.default_role
            pr = self.read(slot.pr_share, _share) or 0
            mr = self.read(slot.mr_share, _share) or 0
            sr = self.read(slot.sr_share, _share)
            parties.append((TemplateParty(name, ipi, role, pr, mr, mr if sr is None else sr), slot))
        return parties

    def _totals(self, parties: list[tuple[TemplateParty, _Slot]]) -> None:
        """Per right, the writers' and publishers' shares make the whole work or nothing."""
        for right, meaning in _RIGHTS:
            columns = [getattr(slot, right) for _, slot in parties]
            # synchronisation shares default to the mechanical ones: a refused one counts for both
            refusable = columns + [slot.mr_share for _, slot in parties] if right == "sr_share" else columns
            if any(column in self.failed for column in refusable):
                continue  # a refused share already says what is wrong; a total would mislead
            if right == "sr_share" and not any(column in self.values for column in columns):
                continue  # no synchronisation shares given: they are the mechanical ones
            total = sum(getattr(party, right) for party, _ in parties)
            if total not in (0, FULL_SHARE):
                self.problem(
                    right,
                    f"the {meaning} right shares (writers and publishers) add up to {_percent(total)}; "
                    "expected 100% (or 0 when the right is not claimed)",
                )

    def _recordings(self) -> tuple[TemplateRecording, ...]:
        isrc = self.read("isrc", _isrc)
        title = self.text("recording_title")
        artist = self.text("artist")
        duration = self.read("recording_duration", _duration)
        if isrc is None and title is None and artist is None and duration is None:
            return ()
        return (TemplateRecording(isrc, title, artist, duration),)

    def _ai(self) -> tuple[str | None, str | None, int | None]:
        """The AI declaration: involvement, tool and the human share, each as declared."""
        declared = self.raw("ai_involvement") is not None
        involvement = self.read("ai_involvement", _ai_involvement)
        tool = self.text("ai_tool")
        human_share = self.read("human_share", _share)
        if human_share is not None:
            shown = _percent(human_share)
            if not declared:
                self.problem("human_share", f"{shown} given without ai_involvement; declare assisted")
            elif involvement == "generated" and human_share != 0:
                self.problem("human_share", f"{shown} for a generated work; expected empty or 0")
            elif involvement == "none" and human_share != FULL_SHARE:
                self.problem("human_share", f"{shown} for a work made without AI; expected empty or 100")
        if tool is not None:
            if not declared:
                self.problem(
                    "ai_involvement", f"empty, but ai_tool is {tool!r}: declare assisted or generated"
                )
            elif involvement == "none":
                self.problem("ai_tool", f"{tool!r} given but ai_involvement is none")
        return involvement, tool, human_share


# --- reading one value ------------------------------------------------------------------------


def _as_text(value: object) -> str:
    """A cell as text: Excel numbers as written (14107338, not 14107338.0)."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, datetime | time):
        return value.isoformat()
    return str(value)


def _whole_number(value: object) -> int | None:
    """An Excel number holding a whole number, as int; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _iswc(value: object) -> str:
    number = _whole_number(value)
    # A number cannot hold the prefix T (nor leading zeros): the check digit guards the guess.
    text = f"T{number:010d}" if number is not None and 0 <= number < 10**10 else _as_text(value)
    try:
        return normalise_iswc(text)
    except InvalidIdentifier as exc:
        raise _Bad(f"{_as_text(value)!r} is not an ISWC: {exc.reason} (e.g. T-034.524.680-1)") from None


def _isrc(value: object) -> str:
    try:
        return normalise_isrc(_as_text(value))
    except InvalidIdentifier as exc:
        raise _Bad(f"{_as_text(value)!r} is not an ISRC: {exc.reason} (e.g. CN-A01-26-00001)") from None


def _ipi(value: object) -> str:
    number = _whole_number(value)
    try:
        return normalise_ipi_name(number if number is not None else _as_text(value))
    except InvalidIdentifier as exc:
        raise _Bad(f"{_as_text(value)!r} is not an IPI name number: {exc.reason}") from None


def _share(value: object) -> int:
    """A share in percent, as hundredths of a percent: "33.33" -> 3333, 50 -> 5000."""
    shown = _as_text(value)
    expected = "expected a percent from 0 to 100 with at most 2 decimals, e.g. 50 or 33.33"
    if isinstance(value, bool):
        raise _Bad(f"{shown!r} is not a share; {expected}")
    if isinstance(value, str) and len(value) <= 3 and value.isascii() and value.isdigit():
        whole = int(value)  # the usual "50" or "100", the quick way
        if whole <= 100:
            return whole * 100
        amount = Decimal(whole)
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float) and math.isfinite(value):
        amount = Decimal(format(value, ".15g"))
    elif isinstance(value, str):
        match = _PERCENT.fullmatch("".join(unicodedata.normalize("NFKC", value).split()))
        if match is None:
            raise _Bad(f"{shown!r} is not a share; {expected}")
        amount = Decimal(f"{match[1]}.{match[2] or match[3] or '0'}")
    else:
        raise _Bad(f"{shown!r} is not a share; {expected}")
    hundredths = amount * 100
    if hundredths != hundredths.to_integral_value():
        raise _Bad(f"{shown!r} has more than 2 decimals; {expected}")
    if not 0 <= amount <= 100:
        raise _Bad(f"{shown!r} is not between 0 and 100; {expected}")
    return int(hundredths)


def _percent(hundredths: int) -> str:
    return f"{hundredths // 100}.{hundredths % 100:02d}%"


def _duration(value: object) -> int:
    """Seconds from 245, "4:05" or "0:04:05" (or an Excel time or duration cell)."""
    expected = "expected seconds (245), m:ss (4:05) or h:mm:ss (0:04:05)"
    number = _whole_number(value)
    if number is not None:
        seconds = number
    elif isinstance(value, time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
    elif isinstance(value, timedelta):
        seconds = int(value.total_seconds())
    elif isinstance(value, str) and len(value) <= 12:
        parts = unicodedata.normalize("NFKC", value).split(":")
        digits = all(part.isascii() and part.isdigit() for part in parts)
        sixty = all(len(part) == 2 and int(part) < 60 for part in parts[1:]) if digits else False
        if len(parts) > 3 or not digits or not sixty:
            raise _Bad(f"{value!r} is not a duration; {expected}")
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + int(part)
    else:
        raise _Bad(f"{_as_text(value)!r} is not a duration; {expected}")
    if seconds <= 0:
        raise _Bad(f"{_as_text(value)!r} is no duration; leave the cell empty when it is not known")
    return seconds


def _language(value: object) -> str:
    code = unicodedata.normalize("NFKC", _as_text(value)).strip().lower()
    if len(code) != 2 or not (code.isascii() and code.isalpha()):
        expected = "expected ISO 639-1, 2 letters such as zh or en"
        raise _Bad(f"{_as_text(value)!r} is not a language code; {expected}")
    return code


def _role(value: object, kind: str, roles: dict[str, str]) -> str:
    text = unicodedata.normalize("NFKC", _as_text(value)).strip()
    code = CHINESE_ROLES.get(text, text.upper())
    if code not in roles:
        known = ", ".join(f"{c} ({meaning})" for c, meaning in roles.items())
        raise _Bad(f"{text!r} is not a {kind}'s role; expected one of {known}")
    return code


def _ai_involvement(value: object) -> str:
    involvement = _AI_WORDS.get(header_key(_as_text(value)))
    if involvement is None:
        raise _Bad(f"{_as_text(value)!r} is not an AI involvement; expected none, assisted or generated")
    return involvement


_WRITER_SLOTS = _slots("writer", WRITERS, WRITER_ROLES, DEFAULT_WRITER_ROLE)
_PUBLISHER_SLOTS = _slots("publisher", PUBLISHERS, PUBLISHER_ROLES, DEFAULT_PUBLISHER_ROLE)


def _alt_titles(text: str | None) -> tuple[str, ...]:
    if text is None:
        return ()
    return tuple(title.strip() for title in _ALT_TITLES.split(text) if title.strip())
