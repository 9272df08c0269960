"""The id formats of the ledger's entries (`W-12`, `DIST-2026-09-dsp/M-4`...), each spelled once.

Each entry kind's declaration (registry/kinds/) names its format; the models use them for their
`ledger_id`, which is why they live here, below the models, and not in registry/kinds/ (whose
declarations read the models). `make` builds an id, `parse` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_ROW = -1  # what `parse` answers for an id of another shape: no row has it


@dataclass(frozen=True)
class Numbered:
    """`<prefix>-<row id>`: the row's number after a fixed prefix."""

    prefix: str
    names: str  # what the number is, for docs/entries.md

    @property
    def shape(self) -> str:
        return f"{self.prefix}-<{self.names}>"

    @property
    def lead(self) -> str:
        """What every id starts with (`W-`): bulk code (Polars) glues it to the numbers."""
        return f"{self.prefix}-"

    def make(self, row_id: int) -> str:
        return f"{self.lead}{row_id}"

    def parse(self, entity_id: str) -> int:
        """The row id in `W-12` (prefix "W"); NO_ROW for an id of another shape."""
        head, _, number = entity_id.partition("-")
        if head != self.prefix or not number.isdigit() or len(number) > 18:
            return NO_ROW
        return int(number)


WORK = Numbered("W", "work id")
RECORDING = Numbered("R", "recording id")
MEMBER = Numbered("M", "party id")
CONFLICT = Numbered("C", "case id")
TARIFF = Numbered("T", "tariff row id")  # one per tariff version
PAYMENT = Numbered("P", "payment id")
API_USER = Numbered("USER", "account id")
LICENSEE = Numbered("LE", "licensee id")
CLAIM = Numbered("CL", "claim id")
DUPLICATE = Numbered("DUP", "candidate id")
SUBMISSION = Numbered("SUB", "submission id")
REMINDER = Numbered("RM", "reminder id")


@dataclass(frozen=True)
class Prefixed:
    """`<prefix>-<text>`: a natural key (a hash, a month) after a fixed prefix."""

    prefix: str
    names: str
    length: int | None = None  # how many characters of the key the id keeps (None: all)

    @property
    def shape(self) -> str:
        return f"{self.prefix}-<{self.names}>"

    def make(self, key: str) -> str:
        return f"{self.prefix}-{key if self.length is None else key[: self.length]}"

    def parse(self, entity_id: str) -> str | None:
        head, _, key = entity_id.partition("-")
        return key if head == self.prefix and key else None


USAGE_REPORT = Prefixed("U", "file SHA-256")
EVIDENCE = Prefixed("EV", "first 16 hex of SHA-256", length=16)
TRANSPARENCY_REPORT = Prefixed("TR", "YYYY-MM")
CWR_FILE = Prefixed("CWR", "file SHA-256")
DISTRIBUTION_PROPOSAL = Prefixed("DP", "YYYY-MM-source-n")
INVOICE = Prefixed("INV", "YYYYMM-nnnnnn")  # the invoice number itself


@dataclass(frozen=True)
class Yearly:
    """`<prefix>-<year>-<nnnnnn>`: a number counted per year (a license or contract number, which
    is also the row's own key)."""

    prefix: str

    @property
    def shape(self) -> str:
        return f"{self.prefix}-YYYY-nnnnnn"

    def of_year(self, year: int) -> str:
        """What every number of `year` starts with."""
        return f"{self.prefix}-{year}-"

    def make(self, year: int, n: int) -> str:
        return f"{self.of_year(year)}{n:06d}"

    def parse(self, entity_id: str) -> tuple[int, int] | None:
        """(year, n); None for an id of another shape."""
        head, _, rest = entity_id.partition("-")
        year, _, n = rest.partition("-")
        if head != self.prefix or not (year.isdigit() and len(year) == 4 and n.isdigit()):
            return None
        return int(year), int(n)


LICENSE = Yearly("LIC")
CONTRACT = Yearly("CT")


@dataclass(frozen=True)
class Summary:
    """`DIST-<period>-<source>`: one distribution run's summary."""

    shape: str = "DIST-<period>-<source>"

    def make(self, period: str, source: str) -> str:
        return f"DIST-{period}-{source}"

    def parse(self, entity_id: str) -> tuple[str, str] | None:
        """(period, source); None for an id of another shape. A period is YYYY-MM."""
        head, _, rest = entity_id.partition("-")
        period, source = rest[:7], rest[8:]
        if head != "DIST" or "/" in rest or len(rest) < 9 or rest[7] != "-" or not source:
            return None
        return period, source


@dataclass(frozen=True)
class Statement:
    """`DIST-<period>-<source>/M-<party id>`: one member's statement of a run."""

    shape: str = "DIST-<period>-<source>/M-<party id>"

    def make(self, period: str, source: str, party_id: int) -> str:
        return f"{DISTRIBUTION_SUMMARY.make(period, source)}/{MEMBER.make(party_id)}"

    def parse(self, entity_id: str) -> tuple[str, str] | None:
        """(summary id, member id) of a statement id; None for an id of another shape."""
        summary, slash, member = entity_id.rpartition("/")
        if not slash or DISTRIBUTION_SUMMARY.parse(summary) is None or MEMBER.parse(member) == NO_ROW:
            return None
        return summary, member


DISTRIBUTION_SUMMARY = Summary()
DISTRIBUTION_LINE = Statement()
