"""How big the demo CMO is: `--scale small|medium|large`.

Medium is the CMO the README describes (a few hundred members and venues, several thousand works);
small is a tenth of it, for tests; large ten times it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    members: int
    works: int  # each with one recording
    catalogue_works: int  # a publisher's CWR file, imported like any
    venues: int  # karaoke venues
    platforms: int  # streaming, VOD, chat-room apps, broadcasters
    shops: int  # shops and hotels playing background music
    plays: int  # lines of the month's karaoke play logs


SCALES = {
    "small": Scale(
        "small", members=30, works=300, catalogue_works=20, venues=30, platforms=4, shops=6, plays=5_000
    ),
    "medium": Scale(
        "medium",
        members=300,
        works=3_000,
        catalogue_works=200,
        venues=300,
        platforms=8,
        shops=60,
        plays=50_000,
    ),
    "large": Scale(
        "large",
        members=3_000,
        works=30_000,
        catalogue_works=2_000,
        venues=3_000,
        platforms=20,
        shops=600,
        plays=500_000,
    ),
}
