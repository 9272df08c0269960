"""`transparency_report`: the published monthly figures of the CMO (public)."""

from __future__ import annotations

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration

IDS = entity_ids.TRANSPARENCY_REPORT

DECLARATION = Declaration(
    kind=Kind("transparency_report", 1, False, "the published monthly figures of the CMO"),
    ids=IDS,
    # The body gathers the report's sections (registry/services/reporting/sections.py), some of
    # which are the kinds' own figures (Declaration.figures), so it is built by the service.
    body="`registry/services/reporting/transparency.py` `monthly_report`",
    about="The published monthly figures, one section per area. Registry figures count what was "
    "recorded in the month; billing figures are those of the month as a billing period. A changed "
    "figure is published as the report's next version.",
    fields={
        "month": "YYYY-MM",
        "repertoire": "`works_registered`, `work_changes`, `recordings_registered`, `members_joined`, "
        "`members_total` (the figures of the work, recording and member kinds)",
        "conflicts": "`opened`, `resolved`, `open_at_end` (the conflict kind's figures)",
        "licensing": "`licenses_issued`, `license_changes`, `licenses_at_month_end` by status, "
        "`contracts_signed`, `currency`, `invoiced_fen`, `collected_fen` and `outstanding_fen` per source",
        "anchoring": "`checkpoints`, `largest_tree_size`, `gas_used`, `cost_wei` as decimal text",
    },
    unchecked="A report states the figures of its month when it was published; late facts change "
    "them and are published as a next version, so a recomputation now need not equal it.",
)
