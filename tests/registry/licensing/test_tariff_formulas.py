"""Tariff arithmetic, by table: each formula, the per-play cap, province rates, pro rata days and
the stated rounding (ROUND_HALF_UP to the fen)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from registry.services.licensing.errors import LicensingError
from registry.services.licensing.tariff_formulas import Basis, compute, to_fen, validate_params
from tests.registry.licensing.builders import BANDS, FLAT, ONLINE, PER_PLAY, ROOM_DAY


def fee(formula: str, params: dict, **basis: object) -> int:
    lines = compute(formula, validate_params(formula, params), Basis(**basis))  # type: ignore[arg-type]
    return sum(line.amount_fen for line in lines)


@pytest.mark.parametrize(
    ("province", "rooms", "days", "expected"),
    [
        ("GD", 24, 31, 24 * 31 * 1200),  # Guangdong's own rate
        ("BJ", 10, 30, 10 * 30 * 1080),  # no Beijing rate: the national one
        (None, 1, 1, 1080),
        ("SH", 1, 1, 1351),  # 1350.5 rounds half up, not to even
        ("SH", 3, 1, 4052),  # 4051.5 -> 4052
        ("SH", 2, 1, 2701),  # 2701.0 exactly
    ],
)
def test_karaoke_per_room_per_day_with_province_rates(province, rooms, days, expected) -> None:
    assert fee("karaoke_room_day", ROOM_DAY, days=days, rooms=rooms, province=province) == expected


@pytest.mark.parametrize(
    ("rooms", "days", "plays", "expected"),
    [
        (2, 1, [], 1000),  # base only: 2 room-days x 500
        (2, 1, [20, 25], 1000 + 5 * 30),  # 20 included, 5 beyond
        (1, 1, [53], 500 + 33 * 30),  # 990: just under the cap
        (1, 1, [54], 1500),  # 34 x 30 = 1020 > 1000: capped at 1500 for the day
        (1, 1, [500], 1500),  # far beyond: still the cap
        (2, 2, [100, 0, 21, 54], 4 * 500 + 1000 + 0 + 30 + 1000),
        (24, 31, [40] * 744, 744 * 500 + 744 * 600),
    ],
)
def test_karaoke_per_play_base_then_per_play_up_to_the_daily_cap(rooms, days, plays, expected) -> None:
    assert fee("karaoke_per_play", PER_PLAY, days=days, rooms=rooms, room_day_plays=plays) == expected


def test_per_play_fractions_round_once_per_line() -> None:
    params = {"base_fen": 100, "included_plays": 0, "per_play_fen": "0.5", "daily_cap_fen": 10000}
    # 3 room-days with one play each: 3 x 0.5 = 1.5 fen -> 2 (rounded once, not 1 per play)
    assert fee("karaoke_per_play", params, days=3, rooms=1, room_day_plays=[1, 1, 1]) == 300 + 2


def test_per_play_refuses_more_room_days_than_exist() -> None:
    with pytest.raises(LicensingError, match="make only 2"):
        fee("karaoke_per_play", PER_PLAY, days=1, rooms=2, room_day_plays=[1, 2, 3])


@pytest.mark.parametrize(
    ("area", "days", "year_days", "expected"),
    [
        (50, 365, 365, 30000),  # 50 x 600 = 30000 = the minimum
        (40, 365, 365, 30000),  # 24000 raised to the minimum
        (300, 365, 365, 100 * 600 + 200 * 400),  # progressive bands
        (1000, 365, 365, 100 * 600 + 400 * 400 + 500 * 250),
        (1000, 31, 365, 29301),  # 345000 x 31 / 365 = 29301.37
        (300, 29, 366, 11093),  # leap year: 140000 x 29 / 366 = 11092.90
        (500, 1, 365, 603),  # 100 x 600 + 400 x 400 = 220000 a year; one day = 602.74
    ],
)
def test_background_music_in_bands_pro_rata(area, days, year_days, expected) -> None:
    assert fee("background_music", BANDS, days=days, year_days=year_days, floor_area_m2=area) == expected


@pytest.mark.parametrize(
    ("revenue", "streams", "expected"),
    [
        (1_000_000, 100_000, 30_000),  # 3% of revenue beats 0.12 fen x streams (12000)
        (1_000_000, 500_000, 60_000),  # the per-stream minimum applies
        (50, 0, 2),  # 1.5 fen -> 2
        (0, 5, 1),  # 0.6 fen -> 1
        (0, 0, 0),
    ],
)
def test_online_percentage_with_a_minimum_per_stream(revenue, streams, expected) -> None:
    assert fee("online_revenue", ONLINE, days=31, revenue_fen=revenue, streams=streams) == expected


@pytest.mark.parametrize(
    ("days", "year_days", "expected"), [(31, 365, 310000), (365, 365, 3650000), (1, 366, 9973)]
)
def test_flat_annual_fee_pro_rata(days, year_days, expected) -> None:
    assert fee("flat_annual", FLAT, days=days, year_days=year_days) == expected


def test_no_licensed_day_no_fee() -> None:
    assert compute("flat_annual", validate_params("flat_annual", FLAT), Basis(days=0)) == []


@pytest.mark.parametrize(
    ("exact", "fen"), [("0.5", 1), ("1.5", 2), ("2.5", 3), ("2.4999", 2), ("10.50", 11), ("7", 7)]
)
def test_rounding_is_half_up_to_the_fen(exact: str, fen: int) -> None:
    assert to_fen(Decimal(exact)) == fen


@pytest.mark.parametrize(
    ("formula", "params", "message"),
    [
        ("karaoke_room_day", {"rate_fen": 10.8}, "integer or a decimal string"),  # floats refused
        ("karaoke_room_day", {"rate_fen": "abc"}, "not a decimal number"),
        ("karaoke_room_day", {"rate_fen": 100, "province_rates_fen": {"XX": 1}}, "unknown province"),
        ("karaoke_room_day", {"rate": 100}, "lack rate_fen"),
        ("karaoke_per_play", PER_PLAY | {"daily_cap_fen": 400}, "below base_fen"),
        ("karaoke_per_play", PER_PLAY | {"bonus": 1}, "do not take bonus"),
        ("background_music", {"bands": [{"up_to_m2": 100, "fen_per_m2_year": 1}]}, "open-ended"),
        (
            "background_music",
            {
                "bands": [
                    {"up_to_m2": 100, "fen_per_m2_year": 1},
                    {"up_to_m2": 50, "fen_per_m2_year": 1},
                    {"up_to_m2": None, "fen_per_m2_year": 1},
                ]
            },
            "does not rise",
        ),
        ("online_revenue", {"rate_bp": 20000, "min_per_stream_fen": 0}, "more than 100%"),
        ("flat_annual", {"annual_fen": -5}, "greater than 0"),
        ("per_minute", {}, "unknown tariff formula"),
    ],
)
def test_bad_parameters_are_refused_with_the_field(formula, params, message) -> None:
    with pytest.raises(LicensingError, match=message):
        validate_params(formula, params)
