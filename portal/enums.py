"""Values that come from the data, in the reader's language: a source ("karaoke" -> 卡拉OK), a
right type, a role, a status, a kind of licensee or of entry, a license's reason, a field name
used as a column heading, and a whole table of rows with its headings and values translated.

A value not known here is shown as it is (a new source must not break a page); the words live in
portal/strings/enums.py. Pages call these rather than spelling a value out themselves."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from portal.i18n import STRINGS, translate

GROUPS = (
    "source",
    "right_type",
    "role",
    "work_status",
    "conflict_status",
    "candidate_status",
    "license_status",
    "claim_status",
    "membership_status",
    "licensee_kind",
    "kind",
    "reason",
    "province",
)
# A column whose values are an enumeration: its values are translated with the group named.
VALUE_GROUPS = {
    "source": "source",
    "right_type": "right_type",
    "role": "role",
    "kind": "kind",
    "status": "status",  # a status: whichever status group knows the word
    "recorded_status": "license_status",
    "reason": "reason",
    "province": "province",
}
# A column named "status" or "kind" holds the values of whichever of these knows the word.
FALLBACKS = {
    "status": ("license_status", "work_status", "claim_status", "conflict_status", "membership_status"),
    "kind": ("kind", "licensee_kind"),
}


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", value.strip().lower()).strip("_")


def word(group: str, value: object, lang: str) -> str:
    """`value` of `group` in `lang`; the value itself when it is not known."""
    if value is None:
        return translate("enum.none", lang)
    text = str(value)
    for known in FALLBACKS.get(group, (group,)):  # "status", "kind": several enumerations
        key = f"enum.{known}.{_slug(text)}"
        if key in STRINGS:
            return translate(key, lang)
    return text


def source(value: object, lang: str) -> str:
    return word("source", value, lang)


def right_type(value: object, lang: str) -> str:
    return word("right_type", value, lang)


def status(value: object, lang: str) -> str:
    return word("status", value, lang)


def reason(value: object, lang: str) -> str:
    """A reason staff wrote: the usual ones in the reader's language, any other as written."""
    return word("reason", value, lang)


def province(code: object, lang: str) -> str:
    """A province by its ISO 3166-2:CN code (SH -> 上海市 / Shanghai)."""
    return word("province", code, lang)


def field(name: str, lang: str) -> str:
    """A field name as a column heading: its words, else the name with spaces for underscores."""
    key = f"enum.field.{name}"
    return translate(key, lang) if key in STRINGS else name.replace("_", " ")


def label(name: str, lang: str) -> str:
    """A mapping's key: a field's name, or a value of an enumeration (figures by source, by
    status...), in words; else the name with spaces for underscores."""
    if f"enum.field.{name}" in STRINGS:
        return field(name, lang)
    for group in GROUPS:
        key = f"enum.{group}.{_slug(name)}"
        if key in STRINGS:
            return translate(key, lang)
    return name.replace("_", " ")


def value_text(value: Any, lang: str, group: str | None = None) -> Any:
    """A cell: an enumeration's value in words, a list joined, a mapping as 'key: value' pairs,
    yes/no for booleans, a dash for nothing; numbers and other text as they are."""
    if value is None:
        return translate("enum.none", lang)
    if isinstance(value, bool):
        return translate(f"enum.bool.{str(value).lower()}", lang)
    if isinstance(value, Mapping):
        pairs = (
            f"{label(str(k), lang)}: {value_text(v, lang, VALUE_GROUPS.get(str(k)))}"
            for k, v in value.items()
        )
        return "; ".join(pairs)
    if isinstance(value, (list, tuple, set)):
        return ("、" if lang == "zh" else ", ").join(str(value_text(v, lang, group)) for v in value)
    if group is not None and isinstance(value, str):
        return word(group, value, lang)
    return value


def table(rows: Iterable[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Rows as shown: headings in words, enumerated values translated, lists and mappings as text."""
    return [
        {field(name, lang): value_text(value, lang, VALUE_GROUPS.get(name)) for name, value in row.items()}
        for row in rows
    ]
