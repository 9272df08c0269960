"""A member's statement figures: gross - deduction = the lines, lines + brought - carried = net,
in integer fen, for positive and negative (clawed back) statements."""

from __future__ import annotations

from datetime import date

import pytest

from registry.royalty.rules import WHOLE
from registry.services.distribution.statement_figures import attributed_deduction, statement_figures

RUN = {
    "pool": 1_000_000,
    "deduction": 150_000,
    "reserve": {"unidentified": 70_000, "unclaimed": 5, "disputed": 0},
}


@pytest.mark.parametrize(
    ("earned", "rate", "deduction"),
    [
        (85_000, 1500, 15_000),  # 85% of 100,000: the 15% taken before was 15,000
        (1, 1500, 0),  # 0.176... rounds down
        (3, 1500, 1),  # 0.529... rounds up
        (17, 1500, 3),  # exactly 3.0
        (-85_000, 1500, -15_000),  # a claw-back bore a negative deduction
        (-3, 1500, -1),  # half away from zero, symmetric
        (123_456, 0, 0),
    ],
)
def test_the_deduction_the_lines_bore(earned: int, rate: int, deduction: int) -> None:
    assert attributed_deduction(earned, rate) == deduction


def test_the_deduction_is_within_half_a_fen_of_the_exact_share() -> None:
    for earned in range(-500, 5000, 7):
        for rate in (0, 1, 1200, 1500, 2000, 9999):
            exact = earned * rate / (WHOLE - rate)
            assert abs(attributed_deduction(earned, rate) - exact) <= 0.5


def test_a_rate_of_the_whole_pool_or_more_is_refused() -> None:
    with pytest.raises(ValueError, match="admin_rate"):
        attributed_deduction(100, WHOLE)
    with pytest.raises(ValueError, match="admin_rate"):
        attributed_deduction(100, -1)


def test_the_parts_add_up_to_the_whole() -> None:
    figures = statement_figures(
        earned=85_000,
        brought_forward=4_000,
        carried_forward=0,
        admin_rate=1500,
        run_figures=RUN,
        final_on=date(2026, 4, 2),
    )
    assert figures["gross"] - figures["deduction"] == 85_000
    assert figures["net"] == 85_000 + 4_000 - 0
    assert figures["payment_date"] == "2026-04-02"
    assert (figures["run_pool"], figures["run_deduction"], figures["run_reserve"]) == (
        1_000_000,
        150_000,
        70_005,
    )


def test_nothing_payable_or_not_final_has_no_payment_date() -> None:
    below = statement_figures(
        earned=5_000,
        brought_forward=0,
        carried_forward=5_000,
        admin_rate=1500,
        run_figures=RUN,
        final_on=date.today(),
    )
    assert below["net"] == 0 and below["payment_date"] is None
    pending = statement_figures(
        earned=50_000, brought_forward=0, carried_forward=0, admin_rate=1500, run_figures=RUN, final_on=None
    )
    assert pending["net"] == 50_000 and pending["payment_date"] is None
