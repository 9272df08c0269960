"""The figures of one member's statement, as a member reads them on a society's statement:

    gross       = earned + deduction          (before the administrative deduction)
    deduction   = the part of the source's administrative deduction that the member's lines bore
    earned      = the sum of the lines         (what the member's usage earned, after the deduction)
    payable     = earned + brought_forward - carried_forward   (net: what is paid in this run)

The deduction is taken from the pool before anything is allocated (registry.royalty.allocate), so
a member's part of it is attributed, not recorded: at the source's rate r (basis points of the
pool), lines that earned `earned` bore `earned * r / (10000 - r)`, rounded half away from zero.
The reserve for unidentified usage is the run's (held for whoever claims it), stated beside the
member's figures with the run's pool, never mixed into them.

The payment date is the day the run became final: a distribution is paid once its summary is in
an anchored checkpoint; none while it is not, or when nothing is payable.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from registry.royalty.rules import WHOLE


def attributed_deduction(earned: int, admin_rate: int) -> int:
    """The administrative deduction that lines earning `earned` (fen) bore at `admin_rate` (basis
    points of the pool), rounded half away from zero; integers only."""
    if not 0 <= admin_rate < WHOLE:
        raise ValueError(f"admin_rate must be 0..{WHOLE - 1} basis points, got {admin_rate}")
    numerator, denominator = abs(earned) * admin_rate, WHOLE - admin_rate
    whole, rest = divmod(numerator, denominator)
    rounded = whole + (1 if 2 * rest >= denominator else 0)
    return rounded if earned >= 0 else -rounded


def statement_figures(
    *,
    earned: int,
    brought_forward: int,
    carried_forward: int,
    admin_rate: int,
    run_figures: dict[str, Any],
    final_on: date | None,
) -> dict[str, Any]:
    """The statement's summary: the member's figures (adding up as the module says) and the run's
    pool, deduction and reserve for context. `run_figures`: the run's summary body."""
    deduction = attributed_deduction(earned, admin_rate)
    payable = earned + brought_forward - carried_forward
    reserve = run_figures.get("reserve", {})
    return {
        "gross": earned + deduction,
        "deduction": deduction,
        "admin_rate": admin_rate,
        "net": payable,
        "payment_date": final_on.isoformat() if final_on is not None and payable > 0 else None,
        "run_pool": int(run_figures.get("pool", 0)),
        "run_deduction": int(run_figures.get("deduction", 0)),
        "run_reserve": sum(int(v) for v in reserve.values()) if isinstance(reserve, dict) else 0,
    }
