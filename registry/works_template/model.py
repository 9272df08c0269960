"""What a works registration template says, as frozen dataclasses: the parser's output, free of
any database, and the parser's one error.

Shares are integers in hundredths of a percent (10000 = 100.00 %), as everywhere in the registry;
the file writes them in percent. Identifiers are in the registry's stored form (ISWC ``T0345246801``,
ISRC ``CNA012600001``, IPI name number of 11 digits).

A row with any problem has no work: every problem is an error, and the row goes back to the
submitter (or to a clerk) with all its problems listed, not just the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TemplateFormat = Literal["csv", "xlsx"]


class TemplateError(ValueError):
    """The file as a whole cannot be read as a works template (not CSV or Excel, unknown or
    missing columns, no data, too many rows), so none of it is taken. The message names the
    file and the problem."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one row."""

    line: int  # CSV: the row's line in the file (header = 1); Excel: the row number in the sheet
    field: str  # the column's canonical name, "writer_2_pr_share"; a total's right, "pr_share"; "" the row
    message: str  # names the value and what is expected

    def __str__(self) -> str:
        where = f", {self.field}" if self.field else ""
        return f"line {self.line}{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class TemplateParty:
    """A writer ("Last, First" or one name) or a publisher (a company name) and its shares."""

    name: str
    ipi_name: str | None  # 11 digits
    role: str  # writers: CA, C, A, AR, AD; publishers: E, SE, AM
    pr_share: int
    mr_share: int
    sr_share: int  # the mechanical share when the file gives none


@dataclass(frozen=True, slots=True)
class TemplateRecording:
    isrc: str | None
    title: str | None  # None: the work's title
    artist: str | None
    duration_seconds: int | None


@dataclass(frozen=True, slots=True)
class TemplateWork:
    line: int
    submitter_work_id: str
    title: str
    iswc: str | None
    language: str | None  # ISO 639-1, lower case
    duration_seconds: int | None
    alt_titles: tuple[str, ...]
    writers: tuple[TemplateParty, ...]
    publishers: tuple[TemplateParty, ...]
    recordings: tuple[TemplateRecording, ...]  # 0 or 1: a row has one set of recording columns
    ai_involvement: str | None  # none | assisted | generated; None when not declared
    ai_tool: str | None
    human_share: int | None  # hundredths of a percent, as declared (None when the cell is empty)


@dataclass(frozen=True, slots=True)
class TemplateRow:
    line: int
    work: TemplateWork | None  # None when the row has any problem
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class TemplateFile:
    name: str
    sha256: str  # of the bytes as received
    format: TemplateFormat
    rows: tuple[TemplateRow, ...]  # the non-empty data rows, in file order

    @property
    def works(self) -> tuple[TemplateWork, ...]:
        """The works of the rows without problems."""
        return tuple(row.work for row in self.rows if row.work is not None)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of every row, in file order."""
        return tuple(problem for row in self.rows for problem in row.problems)
