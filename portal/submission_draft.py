"""A clerk's correction of a submitted work, as the review page's form holds it: a draft of plain
values (title, ISWC, language, and the writers' and publishers' rows with their shares as typed
percentages) that can be kept in the session and, for a refresh, on the portal's server
(KeptDrafts) and restored, a suggestion's value taken into it,
and the corrected work it makes for the API, checked first so that a mistake is named by its
field before anything is sent.

Shares are typed in percent with at most 2 decimals ("50", "33.33", "12.5%") and sent as
hundredths of a percent (5000, 3333, 1250), read with Decimal: never a float."""

from __future__ import annotations

import copy
import dataclasses
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from payloads.submissions import SubmittedParty, SubmittedWork, SuggestionOut
from portal.submission_words import PUBLISHER_ROLES, RIGHTS, WRITER_ROLES, party_number

FULL = 10_000  # 100.00% in hundredths of a percent
COLUMNS = ("name", "ipi_name", "role", *RIGHTS)
GROUPS = {"writers": WRITER_ROLES, "publishers": PUBLISHER_ROLES}
Draft = dict[str, Any]


@dataclass(frozen=True)
class Fault:
    """What is wrong with the draft: the field (as the API names it: writers[2].pr_share), the
    kind of fault (a word of the page's catalogue: need, share, ipi, role, total, language) and the
    values its sentence shows."""

    field: str
    problem: str
    values: dict[str, str] = dataclasses.field(default_factory=dict)


def percent_text(hundredths: int) -> str:
    """5000 -> '50', 3333 -> '33.33', 1250 -> '12.5': a share as a clerk types it."""
    whole, cents = divmod(int(hundredths), 100)
    return f"{whole}.{cents:02d}".rstrip("0").rstrip(".") if cents else str(whole)


def typed_percent(text: object) -> int | None:
    """A typed share in hundredths of a percent: '' -> 0, '33.33' -> 3333, '50%' -> 5000; None
    when it is not a percent from 0 to 100 with at most two decimals. Decimal, never float."""
    typed = "".join(unicodedata.normalize("NFKC", _cell(text)).split()).removesuffix("%")
    if not typed:
        return 0
    try:
        amount = Decimal(typed)
        if not amount.is_finite() or not 0 <= amount <= 100:
            return None
        if amount != amount.quantize(Decimal("0.01")):
            return None
    except InvalidOperation:
        return None
    return int((amount * 100).to_integral_exact())


def _cell(value: object) -> str:
    """A table cell as text: nothing for None and for an empty cell's NaN."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def party_row(party: SubmittedParty) -> dict[str, str]:
    return {
        "name": party.name,
        "ipi_name": party.ipi_name or "",
        "role": party.role,
        **{right: percent_text(getattr(party, right)) for right in RIGHTS},
    }


def draft_of(work: SubmittedWork) -> Draft:
    """The correction form's values, as the work was sent."""
    return {
        "title": work.title,
        "iswc": work.iswc or "",
        "language": (work.language or "").upper(),  # as the page shows codes: ZH, EN
        "writers": [party_row(p) for p in work.writers],
        "publishers": [party_row(p) for p in work.publishers],
        "note": "",
    }


def rows(edited: Any) -> list[dict[str, str]]:
    """The rows of a table editor's answer (a DataFrame or a list of records), cells as text."""
    records: Iterable[Mapping[str, Any]] = (
        edited.to_dict("records") if hasattr(edited, "to_dict") else list(edited or [])
    )
    return [{column: _cell(record.get(column)) for column in COLUMNS} for record in records]


def changed(draft: Draft, work: SubmittedWork) -> bool:
    """Whether the draft differs from the work as sent."""
    fresh = draft_of(work)
    return any(_plain(draft.get(k)) != _plain(fresh[k]) for k in ("title", "iswc", "language")) or any(
        rows(draft.get(group) or []) != rows(fresh[group]) for group in GROUPS
    )


def _plain(value: object) -> str:
    return _cell(value)


def apply(draft: Draft, suggestion: SuggestionOut, work: SubmittedWork) -> bool:
    """Take a suggestion's value into the draft: a tidier title, or a writer's IPI name number
    (the row of that writer's name, else the row at the writer's place). False when it has none."""
    if not suggestion.value:
        return False
    if suggestion.kind == "title":
        draft["title"] = suggestion.value
        return True
    if suggestion.kind != "ipi":
        return False
    n = party_number(suggestion.field)
    if n is None or n > len(work.writers):
        return False
    writers = draft.setdefault("writers", [])
    name = work.writers[n - 1].name
    at = next((i for i, row in enumerate(writers) if _cell(row.get("name")) == name), None)
    if at is None and n <= len(writers):
        at = n - 1
    if at is None:
        return False
    writers[at] = {**writers[at], "ipi_name": suggestion.value}
    return True


def taken(draft: Draft, suggestion: SuggestionOut, work: SubmittedWork) -> bool:
    """Whether the draft already holds the suggestion's value (taking it in would change nothing)."""
    trial = copy.deepcopy(draft)
    return apply(trial, suggestion, work) and trial == draft


def corrected(draft: Draft, work: SubmittedWork) -> dict[str, Any] | list[Fault]:
    """The whole work as corrected (the API's SubmittedWork: what the form does not show is kept as
    sent), or the faults found, each naming its field."""
    faults: list[Fault] = []
    title = " ".join(_cell(draft.get("title")).split())
    if not title:
        faults.append(Fault("title", "need"))
    language = _cell(draft.get("language")).lower()
    if language and not (len(language) == 2 and language.isascii() and language.isalpha()):
        faults.append(Fault("language", "language", {"value": language}))
    parties: dict[str, list[dict[str, Any]]] = {}
    for group, roles in GROUPS.items():
        parties[group] = _parties(group, rows(draft.get(group) or []), roles, faults)
    if not faults:
        for right in RIGHTS:
            total = sum(int(p[right]) for group in parties.values() for p in group)
            if total not in (0, FULL):
                whole, cents = divmod(total, 100)
                faults.append(Fault(right, "total", {"total": f"{whole}.{cents:02d}%"}))
    if faults:
        return faults
    body = copy.deepcopy(work.model_dump())
    body.update(
        title=title,
        iswc=_cell(draft.get("iswc")) or None,
        language=language or None,
        writers=parties["writers"],
        publishers=parties["publishers"],
    )
    return body


def _parties(
    group: str, typed: list[dict[str, str]], roles: tuple[str, ...], faults: list[Fault]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    n = 0
    for row in typed:
        if not any(row.values()):
            continue  # a row added and left empty
        n += 1
        where = f"{group}[{n}]"
        party: dict[str, Any] = {"name": " ".join(row["name"].split())}
        if not party["name"]:
            faults.append(Fault(f"{where}.name", "need"))
        ipi = unicodedata.normalize("NFKC", row["ipi_name"]).replace(" ", "")
        if ipi and not (ipi.isascii() and ipi.isdigit() and 9 <= len(ipi) <= 11):
            faults.append(Fault(f"{where}.ipi_name", "ipi", {"value": row["ipi_name"]}))
        party["ipi_name"] = ipi.zfill(11) if ipi else None
        role = row["role"].upper()
        if role not in roles:
            faults.append(Fault(f"{where}.role", "role"))
        party["role"] = role
        for right in RIGHTS:
            share = typed_percent(row[right])
            if share is None:
                faults.append(Fault(f"{where}.{right}", "share", {"value": row[right]}))
            party[right] = share or 0
        out.append(party)
    return out


class KeptDrafts:
    """Corrections in progress on this portal server, by API, login and submission: a refresh
    starts a new session (and a new login) but finds the same login's draft here. The sessions
    run in threads of their own: one at a time. The oldest go first beyond `most`."""

    def __init__(self, most: int) -> None:
        self._most = most
        self._lock = threading.Lock()
        self._drafts: dict[str, Draft] = {}

    def get(self, key: str) -> Draft | None:
        with self._lock:
            found = self._drafts.get(key)
            return copy.deepcopy(found) if found is not None else None

    def put(self, key: str, draft: Draft) -> None:
        with self._lock:
            self._drafts.pop(key, None)
            self._drafts[key] = copy.deepcopy(draft)
            while len(self._drafts) > self._most:
                del self._drafts[next(iter(self._drafts))]

    def drop(self, key: str) -> None:
        with self._lock:
            self._drafts.pop(key, None)
