"""Demo data for licensing: tariffs, licensees in several provinces, licenses in every status,
a period's invoices and payments (some unpaid), and signed e-contracts.

Deterministic: the same seed gives the same names, codes, amounts and numbers in a fresh
database (ledger timestamps and salts differ, as they must). Licensees' demo keys are derived
from the seed; the CMO signs with its contract key in the data directory (created if missing).
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session
from stdnum.cn import uscc as stdnum_uscc

from registry.crypto import FieldCipher
from registry.models import Licensee
from registry.services.licensing.collections import collections_by_source
from registry.services.licensing.econtracts import (
    ContractInput,
    create_contract,
    sign_as_cmo,
    sign_as_licensee,
)
from registry.services.licensing.invoices import Declaration, balance_fen, run_invoices
from registry.services.licensing.licensees import ContactInput, LicenseeInput, add_licensee, set_signing_key
from registry.services.licensing.licenses import (
    LicenseInput,
    issue_license,
    license_status,
    reinstate_license,
    revoke_license,
    suspend_license,
)
from registry.services.licensing.payments import PaymentInput, outstanding_fen, record_payment
from registry.services.licensing.periods import parse_period
from registry.services.licensing.signing_keys import private_pem, public_pem, raw_public
from registry.services.licensing.tariffs import TariffInput, add_tariff
from rightsledger.contract_key import contract_key_file, load_or_create_contract_key

# (province, city, region code of the USCC, latitude, longitude) as decimal strings.
CITIES = [
    ("GD", "深圳", "440300", "22.543096", "114.057865"),
    ("SH", "上海", "310101", "31.230416", "121.473701"),
    ("BJ", "北京", "110105", "39.904211", "116.407395"),
    ("ZJ", "杭州", "330100", "30.274084", "120.155070"),
    ("SC", "成都", "510100", "30.572815", "104.066801"),
    ("GD", "广州", "440100", "23.129110", "113.264385"),
]
VENUE_BRANDS = ["金嗓子", "好乐迪", "麦乐迪", "星聚会", "温莎", "银乐迪", "纯K", "欢唱"]
PLATFORMS = [
    ("streaming_platform", "云听音乐"),
    ("chat_room_app", "语音派对"),
    ("vod_platform", "星河视频点播"),
    ("broadcaster", "东方广播电台"),
]
SHOP_NAMES = ["茶语咖啡", "悦来酒店", "优选超市", "云上书店", "锦江宾馆", "时尚服饰"]
TARIFFS: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "KTV-ROOM-DAY",
        "卡拉OK 按包房按日",
        "karaoke_room_day",
        {"rate_fen": 1080, "province_rates_fen": {"GD": 1200, "SH": 1300, "BJ": 1250, "ZJ": 1150}},
    ),
    (
        "KTV-PER-PLAY",
        "卡拉OK 按点播次数",
        "karaoke_per_play",
        {"base_fen": 600, "included_plays": 30, "per_play_fen": "25", "daily_cap_fen": 1600},
    ),
    (
        "BGM-AREA",
        "背景音乐 按面积",
        "background_music",
        {
            "bands": [
                {"up_to_m2": 100, "fen_per_m2_year": 600},
                {"up_to_m2": 500, "fen_per_m2_year": 400},
                {"up_to_m2": None, "fen_per_m2_year": 250},
            ],
            "minimum_fen_year": 30000,
        },
    ),
    ("ONLINE-REV", "网络传播 按收入", "online_revenue", {"rate_bp": 300, "min_per_stream_fen": "0.12"}),
    ("BROADCAST-FLAT", "广播 年费", "flat_annual", {"annual_fen": 12_000_000}),
]
FORMULA_TARIFF = {
    "streaming_platform": "ONLINE-REV",
    "chat_room_app": "ONLINE-REV",
    "vod_platform": "ONLINE-REV",
    "broadcaster": "BROADCAST-FLAT",
    "shop": "BGM-AREA",
    "hotel": "BGM-AREA",
}


def demo_uscc(n: int, region: str) -> str:
    """A valid unified social credit code (GB 32100-2015) for demo licensee n."""
    body = f"91{region}MA{n:07d}"
    return body + str(stdnum_uscc.calc_check_digit(body))


def seed_licensing(
    session: Session,
    cipher: FieldCipher,
    data_dir: Path,
    *,
    seed: int,
    venues: int,
    platforms: int,
    shops: int,
    period: str,
    society_name: str = "RightsLedger society",
    contract_key_passphrase: str | None = None,
) -> dict[str, Any]:
    """Build the licensing demo in `session` (the caller commits); return examples to show."""
    rng = random.Random(seed)  # noqa: S311 - demo data must be reproducible, not secret
    first, last = parse_period(period)
    # Licenses run from New Year to a year after the period, so the demo's default period (last
    # month) never leaves them all expired by the time anyone looks (run in January, say).
    year_start = date(first.year, 1, 1)
    year_end = date(first.year + 1, first.month, 1) - timedelta(days=1)
    for code, name, formula, params in TARIFFS:
        add_tariff(
            session,
            TariffInput(
                code=code, name=name, formula=formula, params=params, valid_from=date(first.year - 1, 1, 1)
            ),
        )

    licensees: list[Licensee] = []
    for n in range(venues):
        province, city, region, lat, lon = CITIES[n % len(CITIES)]
        licensees.append(
            add_licensee(
                session,
                cipher,
                LicenseeInput(
                    kind="karaoke_venue",
                    name=f"{VENUE_BRANDS[n % len(VENUE_BRANDS)]}KTV（{city}{n + 1}号店）",
                    uscc=demo_uscc(seed % 1000 * 10_000 + n, region),
                    address=f"{city}市中心路{rng.randint(1, 999)}号",
                    city=city,
                    province=province,
                    latitude=_jitter(lat, rng),
                    longitude=_jitter(lon, rng),
                    rooms=rng.randint(8, 40),
                    contacts=[
                        ContactInput(
                            role="legal representative",
                            name=f"联系人{n + 1}",
                            phone=f"+86 139 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                        )
                    ],
                ),
            )
        )
    for n in range(platforms):
        kind, name = PLATFORMS[n % len(PLATFORMS)]
        province, city, region, _, _ = CITIES[(n + 1) % len(CITIES)]
        licensees.append(
            add_licensee(
                session,
                cipher,
                LicenseeInput(
                    kind=kind,
                    name=f"{name}{'' if n < len(PLATFORMS) else n + 1}",
                    uscc=demo_uscc(seed % 1000 * 10_000 + 5000 + n, region),
                    city=city,
                    province=province,
                    service=name,
                ),
            )
        )
    for n in range(shops):
        province, city, region, lat, lon = CITIES[(n + 2) % len(CITIES)]
        licensees.append(
            add_licensee(
                session,
                cipher,
                LicenseeInput(
                    kind="hotel" if n % 3 == 1 else "shop",
                    name=f"{SHOP_NAMES[n % len(SHOP_NAMES)]}（{city}{n + 1}店）",
                    uscc=demo_uscc(seed % 1000 * 10_000 + 8000 + n, region),
                    city=city,
                    province=province,
                    latitude=_jitter(lat, rng),
                    longitude=_jitter(lon, rng),
                    floor_area_m2=rng.randint(60, 3000),
                ),
            )
        )

    # One license each; the first licensees show every status the public lookup can return.
    licenses = []
    for n, licensee in enumerate(licensees):
        code = FORMULA_TARIFF.get(licensee.kind) or ("KTV-PER-PLAY" if n % 4 == 3 else "KTV-ROOM-DAY")
        starts, ends = year_start, year_end
        if n == 3:  # ended the day before the period: reads as expired
            starts, ends = min(year_start, first - timedelta(days=60)), first - timedelta(days=1)
        licenses.append(
            issue_license(
                session,
                LicenseInput(
                    licensee=licensee.ref,
                    tariff=code,
                    valid_from=starts,
                    valid_to=ends,
                    issued_on=starts,
                ),
            )
        )
    mid = first + timedelta(days=14)
    if len(licenses) > 1:
        suspend_license(session, licenses[1].number, "licence fees overdue", on=first + timedelta(days=4))
    if len(licenses) > 2:
        revoke_license(session, licenses[2].number, "venue closed", on=mid)
    if len(licenses) > 4:  # a suspension lifted: three versions of one license
        suspend_license(session, licenses[4].number, "unlicensed rooms found", on=first + timedelta(days=2))
        reinstate_license(
            session, licenses[4].number, "rooms declared and licensed", on=first + timedelta(days=9)
        )

    declarations: dict[str, Declaration] = {}
    days = (last - first).days + 1
    for license in licenses:
        tariff_code = license.tariff.code
        if license.valid_to < first:  # ended before the period: nothing to bill or declare
            continue
        if tariff_code == "KTV-PER-PLAY":
            rooms = license.licensee.rooms or 1
            declarations[license.number] = Declaration(
                room_day_plays=[rng.randint(0, 80) for _ in range(rooms * days)]
            )
        elif tariff_code == "ONLINE-REV":
            declarations[license.number] = Declaration(
                revenue_fen=rng.randint(5_000_000, 500_000_000), streams=rng.randint(1_000_000, 400_000_000)
            )
    issued_on = last + timedelta(days=1)
    run = run_invoices(session, period, declarations, issued_on=issued_on)

    # Payments: most in full, some in part, some not yet (the outstanding balances).
    unpaid = []
    for n, invoice in enumerate(run.issued):
        received = issued_on + timedelta(days=rng.randint(1, 25))
        if n % 5 in (0, 1, 3):  # three in five pay in full
            amount = invoice.amount_fen
        elif n % 5 == 2:
            amount = invoice.amount_fen // 2
        else:
            unpaid.append(invoice.number)
            continue
        if amount > 0:
            record_payment(
                session,
                PaymentInput(
                    invoice=invoice.number,
                    amount_fen=amount,
                    received_on=received,
                    reference=f"DEMO-{seed}-{period}-{n + 1:05d}",
                ),
            )

    # Signed e-contracts with the first venues (their demo keys derived from the seed).
    cmo_key = load_or_create_contract_key(contract_key_file(data_dir), contract_key_passphrase)
    contracts = []
    for n, license in enumerate(licenses[: min(3, len(licenses))]):
        licensee = license.licensee
        key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"demo-key/{seed}/{n}".encode()).digest())
        set_signing_key(licensee, raw_public(key), "generated")
        document = _contract_text(society_name, licensee, license.number).encode()
        contract = create_contract(
            session,
            data_dir,
            raw_public(cmo_key),
            ContractInput(
                licensee=licensee.ref,
                license=license.number,
                document=document,
                document_name=f"{license.number}.txt",
                cmo_name=society_name,
                created_on=year_start,
                terms={
                    "tariff": f"{license.tariff.code} v{license.tariff.version}",
                    "valid_from": license.valid_from.isoformat(),
                    "valid_to": license.valid_to.isoformat(),
                    "payment_terms_days": 30,
                },
            ),
        )
        sign_as_cmo(session, contract.number, cmo_key)
        sign_as_licensee(session, contract.number, key)
        contracts.append(contract.number)
    # The demo licensee login's venue (the first) gets a renewal signed by the society only, and its
    # demo key in a file, so that signing in the portal can be tried (the key stays on this machine).
    draft, draft_key = None, None
    if licenses:
        license = licenses[0]
        draft = create_contract(
            session,
            data_dir,
            raw_public(cmo_key),
            ContractInput(
                licensee=license.licensee.ref,
                license=license.number,
                document=_contract_text(society_name, license.licensee, license.number).encode(),
                document_name=f"{license.number}-renewal.txt",
                cmo_name=society_name,
                created_on=year_start,
                terms={"tariff": f"{license.tariff.code} v{license.tariff.version}", "renewal": 1},
            ),
        ).number
        sign_as_cmo(session, draft, cmo_key)
        seed_bytes = hashlib.sha256(f"demo-key/{seed}/0".encode()).digest()  # as in the loop above
        venue_key = Ed25519PrivateKey.from_private_bytes(seed_bytes)
        draft_key = data_dir / "keys" / f"demo-licensee-{license.licensee.ref}.pem"
        draft_key.parent.mkdir(parents=True, exist_ok=True)
        draft_key.write_bytes(private_pem(venue_key))
        draft_key.chmod(0o600)
    session.flush()

    by_status: dict[str, list[str]] = {"active": [], "suspended": [], "revoked": [], "expired": []}
    for license in licenses:
        by_status[license_status(license, last)].append(license.number)
    return {
        "period": period,
        "tariffs": [code for code, *_ in TARIFFS],
        "licensees": len(licensees),
        "licenses": by_status,
        "example_license": licenses[0].number if licenses else None,
        "example_venue": licensees[0].name if licensees else None,
        "example_public_key_pem": public_pem(cmo_key.public_key()).decode(),
        "invoices": [i.number for i in run.issued],
        "invoiced_fen": sum(i.amount_fen for i in run.issued),
        "awaiting_declaration": run.awaiting_declaration,
        "unpaid_invoices": unpaid,
        "partly_paid_invoices": [i.number for i in run.issued if 0 < balance_fen(i) < i.amount_fen],
        "collected_fen": collections_by_source(session, period),
        "outstanding_fen": outstanding_fen(session, period),
        "contracts": contracts,
        "draft_contract": draft,  # awaiting the demo licensee's signature
        "draft_key": str(draft_key) if draft_key else None,  # the demo licensee's key (PEM)
    }


def _jitter(degrees: str, rng: random.Random) -> str:
    """A point a few kilometres from the city centre, in whole micro-degrees (no float)."""
    whole, _, frac = degrees.partition(".")
    micro = int(whole) * 1_000_000 + (1 if not whole.startswith("-") else -1) * int(frac.ljust(6, "0"))
    micro += rng.randint(-30_000, 30_000)
    sign = "-" if micro < 0 else ""
    return f"{sign}{abs(micro) // 1_000_000}.{abs(micro) % 1_000_000:06d}"


def _contract_text(society: str, licensee: Licensee, number: str) -> str:
    return (
        f"音乐作品著作权许可合同 / Music licence agreement\n\n"
        f"许可方 Licensor: {society}\n被许可方 Licensee: {licensee.name} ({licensee.uscc})\n"
        f"许可证编号 Licence: {number}\n"
        f"地址 Premises: {licensee.address or licensee.city}\n"
        f"包房数 Rooms: {licensee.rooms}\n\n"
        "被许可方按许可方公布的收费标准支付使用费。\n"
        "The licensee pays the fees of the licensor's published tariff, monthly, within 30 days.\n"
    )
