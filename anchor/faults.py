"""Named crash points for fault-injection tests: RIGHTS_CRASH_AT=<name> kills the process there,
as a power cut would. Unset in normal operation; costs one dictionary lookup.

Every point is declared here once; the jobs name them, and the crash tests walk the groups below,
so a point added to a job is crashed at by its test."""

from __future__ import annotations

import os
import signal
from enum import StrEnum


class CrashPoint(StrEnum):
    # The anchoring job (anchor/job.py), in the order it passes them.
    BEFORE_INTEGRATE = "before_integrate"
    AFTER_INTEGRATE = "after_integrate"
    AFTER_SIGN = "after_sign"
    AFTER_ATTEMPT = "after_attempt"
    AFTER_SEND = "after_send"
    AFTER_RECEIPT = "after_receipt"
    AFTER_RECORD = "after_record"
    # A CWR import (registry/services/repertoire/cwr_import.py).
    CWR_PARSED = "cwr.parsed"
    CWR_IMPORT_ROW = "cwr.import_row"
    CWR_BATCH_WRITTEN = "cwr.batch_written"
    CWR_FIRST_TRANSACTION = "cwr.first_transaction"
    CWR_TRANSACTION = "cwr.transaction"
    CWR_TRANSACTIONS_DONE = "cwr.transactions_done"
    CWR_REPORT_FLUSHED = "cwr.report_flushed"
    # A usage import (registry/services/usage/reports.py).
    USAGE_PARSED = "usage.parsed"
    USAGE_STAGED = "usage.staged"
    USAGE_PARQUET_IN_PLACE = "usage.parquet_in_place"
    USAGE_REPORT_ROW = "usage.report_row"
    USAGE_GROUPS = "usage.groups"
    USAGE_RECORDED = "usage.recorded"
    # A distribution run (registry/services/distribution/runs.py).
    DISTRIBUTION_ALLOCATED = "distribution.allocated"
    DISTRIBUTION_RUN_ROW = "distribution.run_row"
    DISTRIBUTION_LINES = "distribution.lines"
    DISTRIBUTION_CARRY_FORWARD = "distribution.carry_forward"
    DISTRIBUTION_STATEMENTS = "distribution.statements"
    DISTRIBUTION_SUMMARY = "distribution.summary"
    # Just after a unit of work committed: the crash tests' own child processes stop there.
    AFTER_COMMIT = "after_commit"


_P = CrashPoint
ANCHORING = (
    _P.BEFORE_INTEGRATE, _P.AFTER_INTEGRATE, _P.AFTER_SIGN, _P.AFTER_ATTEMPT, _P.AFTER_SEND,
    _P.AFTER_RECEIPT, _P.AFTER_RECORD,
)  # fmt: skip
CWR_IMPORT = tuple(p for p in CrashPoint if p.startswith("cwr."))
USAGE_IMPORT = tuple(p for p in CrashPoint if p.startswith("usage."))
DISTRIBUTION = tuple(p for p in CrashPoint if p.startswith("distribution."))


def crash_point(point: CrashPoint) -> None:
    if os.environ.get("RIGHTS_CRASH_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
