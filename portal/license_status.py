"""A license's two statements, kept apart: what the license states today (active, revoked on a
date for a reason, expired...) and whether that statement is proven (its latest version,
anchored, at checkpoint N). A license that is not active never reads as valid: its own words,
colour and icon, and a line saying the venue is not licensed now, in both languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger import Report
from payloads.licensing import LicenseOut
from portal.i18n import STRINGS, translate

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


def reason_words(reason: str | None, lang: str) -> str:
    """A status change's reason in the reader's language: the reasons staff give are a short
    list (venue closed, licence fees overdue...), each with its words; any other reason is
    shown as it was recorded."""
    if not reason or not reason.strip():
        return translate("licenses.no_reason", lang)
    key = "licenses.reason." + " ".join(reason.strip().lower().split())
    return translate(key, lang) if key in STRINGS else reason.strip()


def enumeration(group: str, value: str | None, lang: str) -> str:
    """licenses.kind.karaoke_venue and the like in the reader's language, else the value."""
    if value is None:
        return "—"
    key = f"licenses.{group}.{value}"
    return translate(key, lang) if key in STRINGS else value


def facts(item: LicenseOut, lang: str) -> list[dict[str, str]]:
    """The license's facts as (field, value) rows in the reader's language: no raw JSON."""

    def row(field: str, value: object) -> dict[str, str]:
        shown = "—" if value is None or value == "" else str(value)
        return {
            translate("licenses.col.field", lang): translate(f"licenses.field.{field}", lang),
            translate("licenses.col.value", lang): shown,
        }

    scope = item.scope
    if scope == "the society's repertoire of musical works and audio-visual recordings":
        scope = translate("licenses.scope.default", lang)
    status = item.status.lower()
    return [
        row("number", item.number),
        row("licensee", item.licensee),
        row("kind", enumeration("kind", item.kind, lang)),
        row("address", item.address),
        row("city", item.city),
        row("province", enumeration("province", item.province, lang) if item.province else None),
        row("rooms", item.rooms),
        row("floor_area_m2", item.floor_area_m2),
        row("tariff", translate("licenses.tariff", lang, code=item.tariff.code, version=item.tariff.version)),
        row("scope", scope),
        row("territory", enumeration("territory", item.territory, lang)),
        row("validity", f"{day(item.valid_from, lang)} – {day(item.valid_to, lang)}"),
        row("issued_on", day(item.issued_on, lang)),
        row("status", translate(f"status.{status}", lang) if status in LOOKS else status),
        row("status_on", day(item.status_on, lang)),
        row("reason", reason_words(item.reason, lang) if item.reason else None),
        row("version", item.version),
        row("leaf_hash", item.leaf_hash),
    ]


def facts_markdown(item: LicenseOut, lang: str) -> str:
    """`facts` as a Markdown table: drawn as plain HTML, so fifty license cards on a page stay
    light (a data grid per card costs the browser seconds)."""
    rows = facts(item, lang)
    field, value = translate("licenses.col.field", lang), translate("licenses.col.value", lang)
    lines = [f"| {field} | {value} |", "|---|---|"]
    for row in rows:
        lines.append(f"| {_cell(row[field])} | {_cell(row[value])} |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """A table cell's text with Markdown's own characters escaped (names may hold them)."""
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def stated(item: LicenseOut, lang: str) -> Stated:
    status = item.status.lower()
    colour, icon = LOOKS.get(status, UNKNOWN)
    word = translate(f"status.{status}", lang) if status in LOOKS else status
    reason = reason_words(item.reason, lang)
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
