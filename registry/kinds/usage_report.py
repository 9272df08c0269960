"""`usage_report`: an ingested usage report (public)."""

from __future__ import annotations

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration

IDS = entity_ids.USAGE_REPORT

DECLARATION = Declaration(
    kind=Kind("usage_report", 1, False, "an ingested usage report: file SHA-256, line counts"),
    ids=IDS,
    # The body is built from the import's result (UsageImportReport), which the usage service
    # owns; the claims service adds `claims_accepted`.
    body="`registry/services/usage/reports.py` `report_entry_body` (+ `claims.py`)",
    about="An ingested usage file (DDEX DSR or play log).",
    fields={
        "sha256": "the SHA-256 of the file's normalised content (no byte-order mark, LF line endings, "
        "no trailing white space or blank lines): a re-saved copy is the same file",
        "name": "the file's name",
        "parquet_sha256": "the SHA-256 of the Parquet file its lines are kept in (the audit checks the "
        "file against it)",
        "format": "the file format",
        "period": "the usage period, YYYY-MM",
        "source": "the usage source",
        "lines": "`read`, `ingested`, `rejected`, `matched`, `unidentified`",
        "weight": "`total`, `matched`, `unidentified`",
        "revenue": "null or `amount_minor`, `currency`",
        "unidentified_groups": "the number of groups of unidentified lines open to claims",
        "foot_counts": "only for a DSR imported with `--lenient-counts` whose FOOT line counts were off "
        "by one: per FOOT field, `stated` and `actual`",
        "claims_accepted": "added by the next version when a member's claim of its unidentified "
        "usage is accepted: each `claim`, `group`, `lines`, `weight`, `recording`, `work`, "
        "`payable_period`",
    },
    unchecked="The usage rows are the file's own lines (kept as Parquet), not rows the entry "
    "restates; the distribution audit checks what the runs used (`usage_reports` of a summary).",
)
