"""Distributions: every run conserves money to the fen (lines + deduction + reserve = pool, paid
+ carried = allocated + brought forward), its lines hash to the recorded root, and its ledger
entries state its figures (registry.services.distribution.runs.check_conservation)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.kinds.checks import Checks, RunCheck
from registry.models import DistributionRun
from registry.services.distribution.runs import check_conservation


def _run_ids(session: Session) -> Iterable[int]:
    return session.scalars(select(DistributionRun.id).order_by(DistributionRun.id))


CHECKS = Checks(run=(RunCheck("distribution conservation", runs=_run_ids, check=check_conservation),))
