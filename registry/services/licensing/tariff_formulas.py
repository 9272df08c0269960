"""Tariff arithmetic: pure functions from a formula, its parameters and a billing basis to fee lines.

Parameters are integers or decimal strings (never floats), in fen unless named otherwise. Every
line is computed exactly with Decimal and rounded once, ROUND_HALF_UP to the fen; an invoice's
amount is the sum of its lines. The formulas:

karaoke_room_day   rooms x days x rate per room per day; `province_rates_fen` overrides
                   `rate_fen` for the venue's province (ISO 3166-2:CN code).
karaoke_per_play   rooms x days x `base_fen`, which covers `included_plays` plays per room per
                   day; each further play costs `per_play_fen`, and a room's fee for one day
                   (base included) never exceeds `daily_cap_fen`. The venue declares its plays
                   per room-day; room-days not declared pay the base fee only.
background_music   an annual fee per m2 in progressive bands (each slice of the floor area at its
                   band's rate, like tax brackets), at least `minimum_fen_year`; billed pro rata
                   for the days of the period (a 365- or 366-day year).
online_revenue     `rate_bp` basis points of the declared revenue, but at least
                   `min_per_stream_fen` per declared stream.
flat_annual        `annual_fen` a year, pro rata for the days of the period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from typing import Any

from registry.services.licensing.errors import LicensingError
from registry.services.licensing.provinces import normalise_province

ROUNDING = "ROUND_HALF_UP"
CURRENCY = "CNY"
FORMULA_KINDS: dict[str, tuple[str, ...]] = {  # the licensee kinds each formula fits by default
    "karaoke_room_day": ("karaoke_venue",),
    "karaoke_per_play": ("karaoke_venue",),
    "background_music": ("shop", "hotel"),
    "online_revenue": ("vod_platform", "streaming_platform", "chat_room_app"),
    "flat_annual": ("broadcaster",),
}
_EXACT = Context(prec=60)


@dataclass(frozen=True, kw_only=True)
class Basis:
    """What a period's fee depends on: days licensed, the venue's size, the declared figures."""

    days: int
    year_days: int = 365
    rooms: int | None = None
    floor_area_m2: int | None = None
    province: str | None = None
    revenue_fen: int | None = None
    streams: int | None = None
    room_day_plays: Sequence[int] = field(default_factory=tuple)


@dataclass(frozen=True)
class FeeLine:
    description: str
    quantity: Decimal
    unit: str
    rate: Decimal  # fen per unit
    amount_fen: int


def to_fen(amount: Decimal) -> int:
    """Round an exact amount of fen to a whole fen, half up (the tariffs' stated rounding)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def decimal_text(value: Decimal, places: int = 6) -> str:
    """A decimal for display: at most `places` decimals, no exponent, no trailing zeros."""
    text = format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(value: object, what: str, *, positive: bool = False) -> Decimal:
    """A non-negative amount from an int or a decimal string; floats are refused (they are not exact)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise LicensingError(f"{what} must be an integer or a decimal string, not {value!r}")
    try:
        number = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise LicensingError(f"{what} {value!r} is not a decimal number") from None
    if not number.is_finite() or number < 0 or (positive and number == 0):
        raise LicensingError(f"{what} must be {'greater than' if positive else 'at least'} 0, got {value!r}")
    return number


def whole(value: object, what: str, *, positive: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < (1 if positive else 0):
        raise LicensingError(f"{what} must be a whole number {'above' if positive else 'of at least'} 0")
    return value


# --- parameters ------------------------------------------------------------------------------


def validate_params(formula: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of a formula, checked and in their stored form (amounts as strings)."""
    if formula not in _VALIDATORS:
        raise LicensingError(f"unknown tariff formula {formula!r}; expected one of {', '.join(_VALIDATORS)}")
    if not isinstance(params, Mapping):
        raise LicensingError(f"{formula} parameters must be a JSON object")
    required, optional = _KEYS[formula]
    missing = [k for k in required if k not in params]
    unknown = sorted(set(params) - set(required) - set(optional))
    if missing:
        raise LicensingError(f"{formula} parameters lack {', '.join(missing)}")
    if unknown:
        raise LicensingError(f"{formula} parameters do not take {', '.join(unknown)}")
    return _VALIDATORS[formula](params)


def _money_text(value: object, what: str, *, positive: bool = False) -> str:
    return str(amount(value, what, positive=positive))


def _room_day_params(params: Mapping[str, Any]) -> dict[str, Any]:
    rates = params.get("province_rates_fen", {})
    if not isinstance(rates, Mapping):
        raise LicensingError("province_rates_fen must map province codes to rates")
    return {
        "rate_fen": _money_text(params["rate_fen"], "rate_fen", positive=True),
        "province_rates_fen": {
            normalise_province(code): _money_text(rate, f"province_rates_fen[{code}]", positive=True)
            for code, rate in sorted(rates.items())
        },
    }


def _per_play_params(params: Mapping[str, Any]) -> dict[str, Any]:
    base = amount(params["base_fen"], "base_fen", positive=True)
    cap = amount(params["daily_cap_fen"], "daily_cap_fen", positive=True)
    if cap < base:
        raise LicensingError(
            f"daily_cap_fen {params['daily_cap_fen']} is below base_fen {params['base_fen']}"
        )
    return {
        "base_fen": str(base),
        "included_plays": whole(params["included_plays"], "included_plays"),
        "per_play_fen": _money_text(params["per_play_fen"], "per_play_fen", positive=True),
        "daily_cap_fen": str(cap),
    }


def _background_params(params: Mapping[str, Any]) -> dict[str, Any]:
    bands = params["bands"]
    if not isinstance(bands, Sequence) or isinstance(bands, str) or not bands:
        raise LicensingError("bands must be a non-empty list of {up_to_m2, fen_per_m2_year}")
    out, previous = [], 0
    for n, band in enumerate(bands, 1):
        if not isinstance(band, Mapping) or set(band) != {"up_to_m2", "fen_per_m2_year"}:
            raise LicensingError(f"band {n} must have exactly up_to_m2 and fen_per_m2_year")
        last = n == len(bands)
        limit = band["up_to_m2"]
        if last and limit is not None:
            raise LicensingError(
                f"the last band must be open-ended (up_to_m2 null), band {n} ends at {limit}"
            )
        if not last:
            limit = whole(limit, f"band {n} up_to_m2", positive=True)
            if limit <= previous:
                raise LicensingError(f"band {n} up_to_m2 {limit} does not rise above {previous}")
            previous = limit
        rate = _money_text(band["fen_per_m2_year"], f"band {n} fen_per_m2_year")
        out.append({"up_to_m2": limit, "fen_per_m2_year": rate})
    result: dict[str, Any] = {"bands": out}
    result["minimum_fen_year"] = _money_text(params.get("minimum_fen_year", 0), "minimum_fen_year")
    return result


def _online_params(params: Mapping[str, Any]) -> dict[str, Any]:
    rate = whole(params["rate_bp"], "rate_bp (basis points)", positive=True)
    if rate > 10000:
        raise LicensingError(f"rate_bp {rate} is more than 100%")
    return {
        "rate_bp": rate,
        "min_per_stream_fen": _money_text(params["min_per_stream_fen"], "min_per_stream_fen"),
    }


def _flat_params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {"annual_fen": _money_text(params["annual_fen"], "annual_fen", positive=True)}


_VALIDATORS = {
    "karaoke_room_day": _room_day_params,
    "karaoke_per_play": _per_play_params,
    "background_music": _background_params,
    "online_revenue": _online_params,
    "flat_annual": _flat_params,
}
_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "karaoke_room_day": (("rate_fen",), ("province_rates_fen",)),
    "karaoke_per_play": (("base_fen", "included_plays", "per_play_fen", "daily_cap_fen"), ()),
    "background_music": (("bands",), ("minimum_fen_year",)),
    "online_revenue": (("rate_bp", "min_per_stream_fen"), ()),
    "flat_annual": (("annual_fen",), ()),
}
# Formulas billed on what the licensee declares for the period, and the figures it declares.
DECLARED: dict[str, tuple[str, ...]] = {
    "karaoke_per_play": ("room_day_plays",),
    "online_revenue": ("revenue_fen", "streams"),
}


# --- arithmetic ------------------------------------------------------------------------------


def compute(formula: str, params: Mapping[str, Any], basis: Basis) -> list[FeeLine]:
    """The fee lines of one period (an empty list when no day of the period is licensed)."""
    if basis.days <= 0:
        return []
    with localcontext(_EXACT):
        return _COMPUTE[formula](params, basis)


def _room_day(params: Mapping[str, Any], basis: Basis) -> list[FeeLine]:
    rooms = _needs(basis.rooms, "the number of rooms")
    rates = params.get("province_rates_fen", {})
    province = basis.province
    rate = Decimal(rates[province] if province in rates else params["rate_fen"])
    where = f"{province} rate" if province in rates else "national rate"
    room_days = Decimal(rooms * basis.days)
    return [
        FeeLine(
            f"karaoke, {rooms} rooms x {basis.days} days ({where})",
            room_days,
            "room-day",
            rate,
            to_fen(room_days * rate),
        )
    ]


def _per_play(params: Mapping[str, Any], basis: Basis) -> list[FeeLine]:
    rooms = _needs(basis.rooms, "the number of rooms")
    base, cap = Decimal(params["base_fen"]), Decimal(params["daily_cap_fen"])
    included, per_play = int(params["included_plays"]), Decimal(params["per_play_fen"])
    room_days = rooms * basis.days
    if len(basis.room_day_plays) > room_days:
        raise LicensingError(
            f"{len(basis.room_day_plays)} room-days of plays declared, but {rooms} rooms x "
            f"{basis.days} days make only {room_days}"
        )
    extra_plays, extra, capped = 0, Decimal(0), 0
    for plays in basis.room_day_plays:
        beyond = max(0, whole(plays, "plays of a room-day") - included)
        fee = beyond * per_play
        if fee > cap - base:
            fee, capped = cap - base, capped + 1
        extra_plays += beyond
        extra += fee
    lines = [
        FeeLine(
            f"karaoke base fee, {rooms} rooms x {basis.days} days, {included} plays per room-day included",
            Decimal(room_days),
            "room-day",
            base,
            to_fen(room_days * base),
        )
    ]
    if extra_plays:
        note = f", daily cap of {decimal_text(cap)} fen reached on {capped} room-days" if capped else ""
        lines.append(
            FeeLine(
                f"plays beyond {included} per room-day{note}",
                Decimal(extra_plays),
                "play",
                per_play,
                to_fen(extra),
            )
        )
    return lines


def annual_band_fee(params: Mapping[str, Any], area: int) -> Decimal:
    """The annual background-music fee of a floor area: progressive bands, then the minimum."""
    fee, lower = Decimal(0), 0
    for band in params["bands"]:
        upper = band["up_to_m2"]
        top = area if upper is None else min(area, upper)
        if top > lower:
            fee += (top - lower) * Decimal(band["fen_per_m2_year"])
        if upper is None or area <= upper:
            break
        lower = upper
    return max(fee, Decimal(params.get("minimum_fen_year", "0")))


def _background(params: Mapping[str, Any], basis: Basis) -> list[FeeLine]:
    area = _needs(basis.floor_area_m2, "the floor area")
    annual = annual_band_fee(params, area)
    return [_pro_rata(f"background music, {area} m2, {decimal_text(annual)} fen a year", annual, basis)]


def _online(params: Mapping[str, Any], basis: Basis) -> list[FeeLine]:
    revenue = _needs(basis.revenue_fen, "the declared revenue (revenue_fen)")
    streams = _needs(basis.streams, "the declared streams")
    share = Decimal(params["rate_bp"]) / 10000
    per_stream = Decimal(params["min_per_stream_fen"])
    by_revenue, minimum = revenue * share, streams * per_stream
    percent = decimal_text(share * 100, 2)
    if by_revenue >= minimum:
        return [
            FeeLine(
                f"{percent}% of declared revenue",
                Decimal(revenue),
                "fen revenue",
                share,
                to_fen(by_revenue),
            )
        ]
    return [
        FeeLine(
            f"minimum of {decimal_text(per_stream)} fen per stream (above {percent}% of revenue)",
            Decimal(streams),
            "stream",
            per_stream,
            to_fen(minimum),
        )
    ]


def _flat(params: Mapping[str, Any], basis: Basis) -> list[FeeLine]:
    annual = Decimal(params["annual_fen"])
    return [_pro_rata(f"flat annual fee of {decimal_text(annual)} fen", annual, basis)]


def _pro_rata(description: str, annual: Decimal, basis: Basis) -> FeeLine:
    per_day = annual / basis.year_days
    return FeeLine(
        f"{description}, {basis.days}/{basis.year_days} of a year",
        Decimal(basis.days),
        "day",
        per_day,
        to_fen(annual * basis.days / basis.year_days),
    )


def _needs(value: int | None, what: str) -> int:
    if value is None:
        raise LicensingError(f"the tariff needs {what}, which is not known")
    return value


_COMPUTE = {
    "karaoke_room_day": _room_day,
    "karaoke_per_play": _per_play,
    "background_music": _background,
    "online_revenue": _online,
    "flat_annual": _flat,
}
