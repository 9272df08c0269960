"""Works sent from outside, in the reader's words: the fields of a submitted work and of the works
template (as the API and the template's problems name them: `writers[2].ipi_name`,
`writer_2_pr_share`, `body.corrected.writers.1.role`), the codes of writers' and publishers'
roles, the standardisation suggestions (worded from their `kind` and values, never from the
API's English `message`), and the registry's refusals of a template row or a submission.

In English a refusal is shown as the registry said it (it is English and exact); in Chinese the
kinds of refusal the template and the registry give are worded in Chinese with their values,
and anything else is said generally, never in English."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from payloads.submissions import SuggestionOut
from portal.i18n import STRINGS, translate

WRITER_ROLES = ("CA", "C", "A", "AR", "AD", "SA", "SR", "TR")
PUBLISHER_ROLES = ("E", "SE", "AM", "PA", "ES")
RIGHTS = ("pr_share", "mr_share", "sr_share")
KINDS = ("title", "iswc_missing", "iswc_held", "update", "ipi", "ipi_other_name", "isrc_held", "duplicate")
# Suggestions whose value the clerk can take into the correction form.
APPLICABLE = ("title", "ipi")

_PARTY_FIELD = re.compile(
    r"^(?P<group>writers|publishers|recordings)(?:\[(?P<one>[0-9]+)\]|\.(?P<zero>[0-9]+))(?:\.(?P<attr>\w+))?$"
)
_TEMPLATE_PARTY = re.compile(r"^(?P<kind>writer|publisher)_(?P<n>[0-9]+)_(?P<attr>\w+)$")
_WHO = {"writers": "writer", "publishers": "publisher", "recordings": "recording"}
_ATTRS = {"ipi": "ipi_name"}  # the template's column suffix -> the work's field


def _t(key: str, lang: str, **values: object) -> str:
    return translate(key, lang, **values)


def role_words(code: object, lang: str) -> str:
    """A writer's or publisher's role code in words, with the code: 'composer (C)', '作曲（C）'."""
    text = str(code or "")
    key = f"submissions.role.{text}"
    if key not in STRINGS:
        return text
    return _t("submissions.role_with_code", lang, words=_t(key, lang), code=text)


def language_words(code: object, lang: str) -> str:
    """A two-letter language code in words when the portal knows it: zh -> Chinese (ZH)."""
    text = str(code or "")
    key = f"works.language.{text.upper()}"
    if not text or key not in STRINGS:
        return text
    return _t("submissions.role_with_code", lang, words=_t(key, lang), code=text.upper())


def field_words(field: str, lang: str) -> str:
    """The field a problem or a suggestion names, in the reader's words: 'Writer 2 · IPI name
    number', '第 2 位词曲作者 · IPI 名称号'. A field the portal has no words for shows as it is."""
    name = field.strip()
    for prefix in ("body.", "corrected."):
        name = name.removeprefix(prefix)
    if not name:
        return _t("submissions.field.file", lang)
    found = _PARTY_FIELD.match(name)
    if found:
        n = int(found["one"]) if found["one"] else int(found["zero"]) + 1
        who = _t(f"submissions.field.{_WHO[found['group']]}_n", lang, n=n)
        return _joined(who, found["attr"], lang)
    found = _TEMPLATE_PARTY.match(name)
    if found:
        who = _t(f"submissions.field.{found['kind']}_n", lang, n=int(found["n"]))
        return _joined(who, _ATTRS.get(found["attr"], found["attr"]), lang)
    if name.startswith("ai."):
        name = "ai_" + name.removeprefix("ai.")
    key = f"submissions.field.{name}"
    return _t(key, lang) if key in STRINGS else name


def _joined(who: str, attr: str | None, lang: str) -> str:
    if not attr:
        return who
    key = f"submissions.party.{attr}"
    return f"{who} · {_t(key, lang) if key in STRINGS else attr}"


def party_number(field: str) -> int | None:
    """The writer's (or recording's) number, from 1, in a suggestion's field: writers[2].ipi_name -> 2."""
    found = _PARTY_FIELD.match(field)
    if not found:
        return None
    return int(found["one"]) if found["one"] else int(found["zero"]) + 1


def name_key(name: str) -> str:
    """A name's order-free key, as the registry matches names: 'Deng, Lijun' -> 'deng lijun'."""
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", unicodedata.normalize("NFKC", name).casefold()).split()))


def suggestion_words(
    s: SuggestionOut, lang: str, work: Callable[[str], str] = str, writers: Sequence[str] = ()
) -> str:
    """One suggestion as a sentence in the reader's language; `work` writes a W-n (as a link).
    A writer both works share is named as the submission wrote it (`writers`), else by its key."""
    n = party_number(s.field) or 1
    writer = next((name for name in writers if s.writer and name_key(name) == name_key(s.writer)), s.writer)
    named = {
        "value": s.value or "",
        "work": work(s.work) if s.work else "",
        "party": s.party or "",
        "name": s.name or "",
        "title": s.title or "",
        "writer": writer or "",
        "recording": s.recording or "",
        "n": n,
    }
    kind = s.kind if s.kind in KINDS else ""
    if kind == "duplicate" and s.writer:
        return _t("submissions.suggest.duplicate_writer", lang, **named)
    if kind:
        return _t(f"submissions.suggest.{kind}", lang, **named)
    return _t("submissions.suggest.other", lang, field=field_words(s.field, lang))


def kind_words(kind: str, lang: str) -> str:
    key = f"submissions.kind.{kind}"
    return _t(key, lang) if key in STRINGS else kind


# The registry's refusals (a template row's problem, a submission it would not accept), by kind.
_REFUSALS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), key)
    for pattern, key in (
        (r"this file was sent before; nothing new", "sent_before"),
        (r"^(?P<id>SUB-[0-9]+) is already (?P<status>pending|accepted|rejected)", "already"),
        (r"^no submission (?P<id>\S+)", "unknown"),
        (r"is not a submission id", "not_an_id"),
        (r"every work needs your own work number|submitter's work number is missing", "need_number"),
        (r"every work needs its title|the work has no title", "need_title"),
        (r"^'(?P<value>.*)' is also the work on line (?P<line>[0-9]+)", "number_twice"),
        (r"add up to (?P<total>[0-9.]+%)", "total"),
        (r"^'(?P<value>.*)' is not an ISWC", "iswc"),
        (r"^'(?P<value>.*)' is not an ISRC", "isrc"),
        (r"^'(?P<value>.*)' is not an IPI name number|IPI '(?P<ipi>.*)' is not 11 digits", "ipi"),
        (r"^'(?P<value>.*)' (?:has more than 2 decimals|is not a share|is not between 0 and 100)", "share"),
        (r"hundredths of a percent", "share_whole"),
        (r"is not a duration|is no duration", "duration"),
        (r"is not a language code", "language"),
        (r"is not a (?:writer|publisher)'s role|role .* is not one of", "role"),
        (r"is not an AI involvement|AI involvement .* is not one of", "ai"),
        (r"given without ai_involvement|for a generated work|for a work made without AI", "human_share"),
        (r"but ai_tool is|given but ai_involvement is none", "ai_tool"),
        (r"but no name|has no name", "no_name"),
        (r"say why the submission is rejected", "need_reason"),
    )
)


def refusal_words(message: str, lang: str) -> str:
    """The registry's reason for refusing a row or a submission, in the reader's language."""
    if lang != "zh":
        return message[:1].upper() + message[1:]
    for pattern, key in _REFUSALS:
        found = pattern.search(message)
        if found is None:
            continue
        values = {k: v for k, v in found.groupdict().items() if v is not None}
        if "ipi" in values:
            values["value"] = values.pop("ipi")
        if "status" in values:
            values["status"] = _t(f"submissions.status.{values['status'].lower()}", lang)
        return _t(f"submissions.refusal.{key}", lang, **values)
    return _t("submissions.refusal.other", lang)
