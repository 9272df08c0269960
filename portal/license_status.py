"""A license's two statements, kept apart: what the license states today (active, revoked on a
date for a reason, expired...) and whether that statement is proven (its latest version,
anchored, at checkpoint N). A license that is not active never reads as valid: its own words,
colour and icon, and a line saying the venue is not licensed now, in both languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger import Report
from payloads.licensing import LicenseOut
from portal import enums
from portal.i18n import translate

# status -> (colour, Material icon). Only an active license is green or has a tick.
LOOKS = {
    "active": ("green", ":material/check_circle:"),
    "pending": ("blue", ":material/schedule:"),
    "suspended": ("orange", ":material/pause_circle:"),
    "revoked": ("red", ":material/block:"),
    "expired": ("gray", ":material/event_busy:"),
}
UNKNOWN = ("gray", ":material/help:")


@dataclass(frozen=True)
class Stated:
    """What the license states: a badge (colour, icon, word), a sentence, and whether the venue
    is licensed now (only an active license)."""

    colour: str
    icon: str
    word: str
    sentence: str
    licensed_now: bool

    @property
    def badge(self) -> str:
        return f":{self.colour}-badge[{self.icon} {self.word}]"


@dataclass(frozen=True)
class Proven:
    """Whether the statement is proven: 'success', 'warning' or 'error', and the words."""

    level: str
    text: str


def day(iso: str, lang: str) -> str:
    """A date in the reader's language (2026-11-15, 2026年11月15日)."""
    try:
        value = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def stated(item: LicenseOut, lang: str) -> Stated:
    status = item.status.lower()
    colour, icon = LOOKS.get(status, UNKNOWN)
    word = translate(f"status.{status}", lang) if status in LOOKS else status
    reason = enums.reason(item.reason, lang) if item.reason else translate("licenses.no_reason", lang)
    values = {
        "start": day(item.valid_from, lang),
        "end": day(item.valid_to, lang),
        "on": day(item.status_on, lang),
        "reason": reason,
    }
    key = f"licenses.states.{status}" if status in LOOKS else "licenses.states.other"
    sentence = translate(key, lang, status=word, **values)
    return Stated(colour, icon, word, sentence, licensed_now=status == "active")


def proven(item: LicenseOut, report: Report, lang: str) -> Proven:
    """What the verified proof says of the status shown: the latest version proven at checkpoint
    N, or a newer version not yet anchored, or not proven at all."""
    proof = report.proof
    entry = proof.entry if proof is not None else None
    if proof is None or entry is None or not report.ok:
        return Proven("error", translate("licenses.not_proven", lang, version=item.version))
    anchor = proof.anchor
    if entry.version < item.version:
        return Proven(
            "warning",
            translate("licenses.newer_unanchored", lang, version=item.version, proven=entry.version),
        )
    if anchor is None:
        return Proven(
            "warning",
            translate("licenses.found_by_size", lang, status=stated(item, lang).word, version=entry.version),
        )
    # Proven is not "valid": a proven revocation is blue information, never a green tick.
    words = stated(item, lang)
    return Proven(
        "success" if words.licensed_now else "info",
        translate(
            "licenses.proven_at",
            lang,
            status=words.word,
            version=entry.version,
            index=anchor.checkpoint_index,
            chain=anchor.chain_id,
        ),
    )
