"""Builders shared by the licensing tests: valid USCCs, tariffs and licensees."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from stdnum.cn import uscc as stdnum_uscc

from registry.crypto import FieldCipher
from registry.models import License, Licensee, Tariff
from registry.services.licensing.licensees import ContactInput, LicenseeInput, add_licensee
from registry.services.licensing.licenses import LicenseInput, issue_license
from registry.services.licensing.tariffs import TariffInput, add_tariff

CONTACT = ContactInput(
    role="legal representative", name="王芳", phone="+86 139 1234 5678", email="wf@ktv.example"
)


def uscc(n: int, region: str = "440300") -> str:
    """A valid unified social credit code: 91 (enterprise), a region code, an organisation code."""
    body = f"91{region}{n:09d}"
    body = body[:8] + "MA" + body[10:17]  # organisation code with letters, as issued since 2015
    return body + stdnum_uscc.calc_check_digit(body)


ROOM_DAY = {"rate_fen": 1080, "province_rates_fen": {"GD": 1200, "SH": "1350.5"}}
PER_PLAY = {"base_fen": 500, "included_plays": 20, "per_play_fen": "30", "daily_cap_fen": 1500}
BANDS = {
    "bands": [
        {"up_to_m2": 100, "fen_per_m2_year": 600},
        {"up_to_m2": 500, "fen_per_m2_year": 400},
        {"up_to_m2": None, "fen_per_m2_year": "250"},
    ],
    "minimum_fen_year": 30000,
}
ONLINE = {"rate_bp": 300, "min_per_stream_fen": "0.12"}
FLAT = {"annual_fen": 3650000}


def tariff(
    session: Session,
    code: str = "KTV-ROOM",
    formula: str = "karaoke_room_day",
    params: dict | None = None,
    valid_from: date = date(2026, 1, 1),
    valid_to: date | None = None,
) -> Tariff:
    defaults = {
        "karaoke_room_day": ROOM_DAY,
        "karaoke_per_play": PER_PLAY,
        "background_music": BANDS,
        "online_revenue": ONLINE,
        "flat_annual": FLAT,
    }
    return add_tariff(
        session,
        TariffInput(
            code=code,
            name=f"{formula} tariff",
            formula=formula,
            params=params if params is not None else defaults[formula],
            valid_from=valid_from,
            valid_to=valid_to,
        ),
    )


def venue(session: Session, cipher: FieldCipher, n: int = 1, **overrides: object) -> Licensee:
    fields: dict[str, object] = {
        "kind": "karaoke_venue",
        "name": f"金嗓子KTV {n}号店",
        "uscc": uscc(n),
        "address": "深圳市福田区深南大道1号",
        "city": "深圳",
        "province": "GD",
        "latitude": "22.543096",
        "longitude": "114.057865",
        "rooms": 24,
        "contacts": [CONTACT],
    }
    fields.update(overrides)
    return add_licensee(session, cipher, LicenseeInput(**fields))  # type: ignore[arg-type]


def issue(
    session: Session,
    licensee: Licensee,
    code: str = "KTV-ROOM",
    valid_from: date = date(2026, 1, 1),
    valid_to: date = date(2026, 12, 31),
) -> License:
    return issue_license(
        session,
        LicenseInput(
            licensee=licensee.ref,
            tariff=code,
            valid_from=valid_from,
            valid_to=valid_to,
            issued_on=valid_from,
        ),
    )
