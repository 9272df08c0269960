"""The portal world of tests/portal/world.py, plus what the member's and the licensee's own pages
show: a karaoke venue with an active license, an invoice of March 2026 partly paid, a contract
signed by both and a draft awaiting the venue's signature, the venue's login, the venue's key
(PEM, as the society handed it over), and unidentified usage the member may claim.

Built apart from the shared `world` (its own data directory and API), so the claims and the
signature these tests make change nobody else's world."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from registry.api import create_app
from registry.crypto import field_cipher
from registry.services.licensing.licensees import generate_signing_key
from registry.services.licensing.signing_keys import load_private_pem
from registry.services.usage.claims import list_unidentified
from registry.services.usage.reports import import_usage
from rightsledger.commands.serve import api_settings
from rightsledger.context import unit_of_work
from tests.portal.world import World, build_world
from tests.serving import api_in_thread
from tests.society.access import add_users
from tests.society.licensing import econtract, invoice_month, karaoke_license, karaoke_venue, pay, usable_uscc

VENUE, VENUE_PASSWORD = "venue", "venue-password"  # the licensee's login (12+ characters)
PAID_FEN = 1234  # paid of the venue's invoice: the rest is owed
UNKNOWN_TITLE = "无名之歌"  # the heaviest unidentified usage, the one claimed
OTHER_UNKNOWN = 29


@dataclass
class Accounts:
    world: World
    venue_license: str
    invoice: str
    signed_contract: str
    draft: str  # signed by the society only: the venue signs it in the portal (CLI signature)
    browser_draft: str  # the same, signed in the browser (WebCrypto)
    key_pem: Path  # the venue's private key, on "its machine"
    unidentified: int


def build_accounts(base: Path) -> Accounts:
    world = build_world(base)
    settings = world.settings
    cipher = field_cipher(settings.data_dir / "keys" / "data.key")
    with unit_of_work(settings) as session:
        venue = karaoke_venue(session, cipher, "Bright Voice KTV", usable_uscc(7), "Hangzhou", "ZJ", 8)
        session.flush()
        pem = generate_signing_key(venue)
        venue_key = load_private_pem(pem)
        license = karaoke_license(session, venue, date(2026, 1, 1), date(2026, 12, 31))
        invoices = invoice_month(session, "2026-03", issued_on=date(2026, 4, 1))
        pay(session, invoices[license], PAID_FEN, date(2026, 4, 2), "BANK-ACCOUNTS-1")
        cmo_key = Ed25519PrivateKey.generate()
        signed = econtract(session, settings.data_dir, cmo_key, venue, license, venue_key)
        draft = econtract(session, settings.data_dir, cmo_key, venue, license, None)
        browser_draft = econtract(session, settings.data_dir, cmo_key, venue, license, None)
        add_users(session, VENUE_PASSWORD, licensees={VENUE: venue.id})
        log = base / "plays-unknown.csv"
        others = "".join(  # lighter unknown songs: more than a page of unidentified usage
            f"{venue.ref},2,CN-Z99-26-{n:05d},Unknown song {n},Someone,200,2026-04-04T20:00:00+08:00,1\n"
            for n in range(1, OTHER_UNKNOWN + 1)
        )
        log.write_text(
            "licensee,room,isrc,title,artist,duration,played_at,plays\n"
            f"{venue.ref},1,CN-Z99-26-99999,{UNKNOWN_TITLE},Nobody,180,2026-04-03T20:00:00+08:00,4\n"
            + others,
            encoding="utf-8",
        )
        import_usage(session, settings.data_dir, log, "2026-04", "karaoke")
        groups = list_unidentified(session, open_only=True)
        assert len(groups) == OTHER_UNKNOWN + 1 and groups[0].title == UNKNOWN_TITLE  # heaviest first
        unidentified = groups[0].id
    key_pem = base / "venue-key.pem"
    key_pem.write_bytes(pem)
    return Accounts(world, license, invoices[license], signed, draft, browser_draft, key_pem, unidentified)


@contextmanager
def serve_api(world: World) -> Iterator[str]:
    """The real API on the world's data directory (uvicorn in a thread); yields its URL."""
    settings = api_settings(world.settings).model_copy(
        update={"rate_per_second": 0, "proof_epoch_seconds": 0}
    )
    with api_in_thread(create_app(settings)) as url:
        yield url
