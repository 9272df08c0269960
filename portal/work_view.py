"""A work or recording entry as people read it: who holds which share (writers, publishers,
performers, with their IPI name numbers), and what each version changed against the one
before (field, before, after), never a raw JSON body. Shares are integers in hundredths of a
percent (10000 = 100.00%); they are shown as such, exactly, with no float."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from portal.i18n import STRINGS, translate

WRITER_ROLES = frozenset(
    (
        "composer_lyricist",
        "composer",
        "lyricist",
        "arranger",
        "adapter",
        "translator",
        "sub_arranger",
        "sub_author",
    )
)
EMPTY = "—"


def moment(at: str, lang: str) -> str:
    """An entry's RFC 3339 time to the minute, in UTC: '2026-12-07 12:41 UTC', '2026年12月7日 12:41 UTC'."""
    try:
        value = datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return at
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M} UTC"
    return f"{value:%Y-%m-%d %H:%M} UTC"


def percent(share: object) -> str:
    """10000 -> '100.00%', 3333 -> '33.33%' (integer arithmetic)."""
    if not isinstance(share, int) or isinstance(share, bool):
        return str(share)
    sign = "-" if share < 0 else ""
    whole, hundredths = divmod(abs(share), 100)
    return f"{sign}{whole}.{hundredths:02d}%"


def word(group: str, value: object, lang: str) -> str:
    """An enumeration's value in the reader's language (works.role.composer ...), or the value
    itself when it has no words yet (a new code from the data)."""
    if value is None or value == "":
        return EMPTY
    key = f"works.{group}.{value}"
    return translate(key, lang) if key in STRINGS else str(value)


def party(share: Mapping[str, Any]) -> str:
    first = share.get("first_name")
    return f"{share.get('name', '')}, {first}" if first else str(share.get("name", ""))


def shares_table(body: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
    """One row per claim: party, writer or publisher (or performer...), role, IPI, right, share."""
    rows = []
    for share in body.get("shares") or []:
        role = share.get("role")
        side = "writer" if role in WRITER_ROLES else "publisher" if "right_type" in share else "artist"
        row = {
            translate("works.col.party", lang): party(share),
            translate("works.col.side", lang): translate(f"works.side.{side}", lang),
            translate("works.col.role", lang): word("role", role, lang),
            translate("works.col.ipi", lang): share.get("ipi_name") or EMPTY,
        }
        if "right_type" in share:
            row[translate("works.col.right", lang)] = word("right", share.get("right_type"), lang)
        row[translate("works.col.share", lang)] = percent(share.get("share"))
        if "controlled" in share:
            row[translate("works.col.controlled", lang)] = translate(
                "works.yes" if share.get("controlled") else "works.no", lang
            )
        if "submitter" in share:
            row[translate("works.col.submitter", lang)] = str(share.get("submitter"))
        rows.append(row)
    return rows


def _text(field: str, value: object, lang: str) -> str:
    if value is None or value == [] or value == {}:
        return EMPTY
    if field == "status":
        return word("status", value, lang)
    if field == "duration_seconds" and isinstance(value, int):
        return f"{value // 60}:{value % 60:02d}"
    if field == "alternate_titles" and isinstance(value, list):
        return "; ".join(f"{t.get('title')} ({word('title_type', t.get('type'), lang)})" for t in value)
    if field == "ai" and isinstance(value, dict):
        return ai_text(value, lang)
    if field == "registrations" and isinstance(value, list):
        return "; ".join(f"{r.get('submitter')} {r.get('work_id')}" for r in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def ai_text(declared: Mapping[str, Any], lang: str) -> str:
    """'AI-assisted · tool: Suno · human authors' share 70.00%', in the reader's language."""
    parts = [word("ai", declared.get("involvement"), lang)]
    if declared.get("tool"):
        parts.append(translate("works.ai.tool", lang, tool=declared["tool"]))
    if isinstance(declared.get("human_share"), int):
        parts.append(translate("works.ai.human", lang, share=percent(declared["human_share"])))
    return " · ".join(parts)


def facts(body: Mapping[str, Any], lang: str) -> dict[str, str]:
    """A body as readable (field label -> value) pairs; shares and totals one pair per claim."""
    out: dict[str, str] = {}
    for field, value in body.items():
        if field == "shares":
            for share in value or []:
                right = share.get("right_type")
                what = [party(share), word("role", share.get("role"), lang)]
                if right:
                    what.insert(0, word("right", right, lang))
                if share.get("submitter"):
                    what.append(translate("works.by", lang, submitter=share["submitter"]))
                out[translate("works.field.shares", lang) + " · " + " · ".join(what)] = percent(
                    share.get("share")
                )
        elif field == "totals" and isinstance(value, dict):
            for right, total in value.items():
                label = translate("works.field.totals", lang) + " · " + word("right", right, lang)
                out[label] = percent(total)
        else:
            out[field_label(field, lang)] = _text(field, value, lang)
    return out


def field_label(field: str, lang: str) -> str:
    key = f"works.field.{field}"
    return translate(key, lang) if key in STRINGS else field


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any], lang: str) -> list[Change]:
    """What `after` changed against `before` (None: the first version, every fact is new)."""
    old = facts(before, lang) if before is not None else {}
    new = facts(after, lang)
    out = []
    for field in [*new, *(f for f in old if f not in new)]:
        was, now = old.get(field, EMPTY), new.get(field, EMPTY)
        if was != now:
            out.append(Change(field, was, now))
    return out
