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
    about="The published figures of a closed month, one section per area. Facts count in the month "
    "their business dates fall in (a run's period, a license's issue and status dates, an invoice's "
    "billing period, a conflict's opening), not when they were typed in; registrations count when "
    "recorded, anchoring when the chain recorded it. A changed figure is published as the report's "
    "next version; a month not yet over has no report.",
    fields={
        "month": "YYYY-MM",
        "repertoire": "`works_registered`, `work_changes`, `recordings_registered`, `members_joined`, "
        "`members_total` (the figures of the work, recording and member kinds)",
        "conflicts": "`opened`, `resolved`, `open_at_end` by the conflict's opening and resolution "
        "dates (the conflict kind's figures)",
        "licensing": "`licenses_issued` (issue date in the month), `status_changes` (suspended, revoked: "
        "status date in the month), `licenses_at_month_end` by status, `active_by_province` (ISO "
        "3166-2:CN code, or `unknown`), `contracts_signed` (by the licensee), `currency`, "
        "`invoiced_fen`, `collected_fen` per source and `outstanding_fen` of the month's invoices",
        "distribution": "`currency`, `by_source`: per source the month's runs' `pool`, `deduction`, "
        "`reserve`, `allocated`, `brought_forward`, `paid`, `carried_forward` (fen), `members` paid and "
        "`runs`",
        "claims": "`unidentified_groups` and `unidentified_lines` of the month's usage, "
        "`claims_by_status` (the claims on it)",
        "anchoring": "`checkpoints`, `largest_tree_size`, `gas_used`, `cost_wei` as decimal text",
    },
    unchecked="A report states the figures of its month when it was published; late facts change "
    "them and are published as a next version, so a recomputation now need not equal it.",
)
