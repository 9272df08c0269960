"""Standardisation suggestions shown beside a submission in the review queue: a tidier title,
identifiers missing or already held by another record, writers whose IPI we know, and probable
duplicates (a work we hold with the same title, stronger when a writer is shared).

Suggestions are data (`kind`, `field`, the values), never sentences: the portal words them in the
reader's language and the API adds an English `message`. They are worked out for a whole batch
with a few IN queries, so a file of 10,000 rows costs tens of queries, not tens of thousands.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.models import Party, Recording, Work, WorkRegistration, WorkShare
from registry.normalise import name_key, normalise_title

_CHUNK = 500
_MOST_DUPLICATES = 3
Suggestion = dict[str, Any]


def tidy_title(title: str) -> str:
    """The title as the registry would write it: full-width letters and digits made plain, spaces
    collapsed, and a Latin title in capitals put in title case."""
    text = " ".join(unicodedata.normalize("NFKC", title).split())
    if text.isascii() and text.isupper() and any(c.isalpha() for c in text):
        text = text.title()
    return text


def suggestions(
    session: Session, works: Sequence[Mapping[str, Any]], submitter: str
) -> list[list[Suggestion]]:
    """The suggestions for each of `works` (submitted JSON, identifiers normalised), in order."""
    held = _Held(session, works, submitter)
    return [_for(work, held) for work in works]


def _for(work: Mapping[str, Any], held: _Held) -> list[Suggestion]:
    out: list[Suggestion] = []
    title = str(work["title"])
    tidy = tidy_title(title)
    if tidy != title:
        out.append({"kind": "title", "field": "title", "value": tidy})
    iswc = work.get("iswc")
    if not iswc:
        out.append({"kind": "iswc_missing", "field": "iswc"})
    elif iswc in held.iswcs:
        out.append({"kind": "iswc_held", "field": "iswc", "work": held.iswcs[iswc]})
    known = held.registered.get(str(work["submitter_work_id"]))
    if known is not None:
        out.append({"kind": "update", "field": "submitter_work_id", "work": known})
    for n, writer in enumerate(work.get("writers") or (), start=1):
        party = held.parties.get(name_key(str(writer["name"])))
        field = f"writers[{n}].ipi_name"
        if not writer.get("ipi_name") and party is not None and party[1]:
            out.append({"kind": "ipi", "field": field, "value": party[1], "party": party[0]})
        elif writer.get("ipi_name") and writer["ipi_name"] in held.ipis:
            other = held.ipis[writer["ipi_name"]]
            if other[1] != name_key(str(writer["name"])):
                out.append({"kind": "ipi_other_name", "field": field, "party": other[0], "name": other[2]})
    for n, recording in enumerate(work.get("recordings") or (), start=1):
        if recording.get("isrc") and recording["isrc"] in held.isrcs:
            out.append(
                {
                    "kind": "isrc_held",
                    "field": f"recordings[{n}].isrc",
                    "recording": held.isrcs[recording["isrc"]],
                }
            )
    out += _duplicates(work, held, {s.get("work") for s in out})
    return out


def _duplicates(work: Mapping[str, Any], held: _Held, named: set[Any]) -> list[Suggestion]:
    writers = {name_key(str(w["name"])) for w in work.get("writers") or ()}
    found = []
    for work_id, title in held.titles.get(normalise_title(str(work["title"])), ()):
        if work_id in named:
            continue  # already said: the same ISWC or the submitter's own number
        shared = sorted(writers & held.writers.get(work_id, set()))
        found.append(
            {
                "kind": "duplicate",
                "field": "title",
                "work": work_id,
                "title": title,
                "writer": shared[0] if shared else None,
            }
        )
    found.sort(key=lambda s: s["writer"] is None)  # title and writer first: the stronger evidence
    return found[:_MOST_DUPLICATES]


class _Held:
    """What the registry already holds that the batch's works name, read in a few queries."""

    def __init__(self, session: Session, works: Sequence[Mapping[str, Any]], submitter: str) -> None:
        work_id = entity_ids.WORK.make
        iswcs = {w["iswc"] for w in works if w.get("iswc")}
        self.iswcs = {
            iswc: work_id(n)
            for chunk in _chunks(iswcs)
            for n, iswc in session.execute(
                select(Work.id, Work.iswc).where(Work.iswc.in_(chunk), Work.merged_into_id.is_(None))
            )
        }
        numbers = {str(w["submitter_work_id"]) for w in works}
        self.registered = {
            number: work_id(n)
            for chunk in _chunks(numbers)
            for n, number in session.execute(
                select(WorkRegistration.work_id, WorkRegistration.submitter_work_id).where(
                    WorkRegistration.submitter == submitter, WorkRegistration.submitter_work_id.in_(chunk)
                )
            )
        }
        names = {name_key(str(p["name"])) for w in works for p in w.get("writers") or ()}
        self.parties: dict[str, tuple[str, str | None]] = {}
        for chunk in _chunks(names):
            for n, key, ipi in session.execute(
                select(Party.id, Party.name_key, Party.ipi_name)
                .where(Party.name_key.in_(chunk))
                .order_by(Party.id)
            ):
                self.parties.setdefault(key, (entity_ids.MEMBER.make(n), ipi))
        ipis = {p["ipi_name"] for w in works for p in w.get("writers") or () if p.get("ipi_name")}
        self.ipis = {
            ipi: (entity_ids.MEMBER.make(n), key, name if first is None else f"{name}, {first}")
            for chunk in _chunks(ipis)
            for n, ipi, key, name, first in session.execute(
                select(Party.id, Party.ipi_name, Party.name_key, Party.name, Party.first_name).where(
                    Party.ipi_name.in_(chunk)
                )
            )
        }
        isrcs = {r["isrc"] for w in works for r in w.get("recordings") or () if r.get("isrc")}
        self.isrcs = {
            isrc: entity_ids.RECORDING.make(n)
            for chunk in _chunks(isrcs)
            for n, isrc in session.execute(
                select(Recording.id, Recording.isrc).where(Recording.isrc.in_(chunk))
            )
        }
        self.titles: dict[str, list[tuple[str, str]]] = defaultdict(list)
        ids: list[int] = []
        for chunk in _chunks({normalise_title(str(w["title"])) for w in works}):
            for n, key, title in session.execute(
                select(Work.id, Work.title_key, Work.title)
                .where(Work.title_key.in_(chunk), Work.merged_into_id.is_(None))
                .order_by(Work.id)
            ):
                self.titles[key].append((work_id(n), title))
                ids.append(n)
        self.writers: dict[str, set[str]] = defaultdict(set)
        for chunk in _chunks(ids):
            for n, key in session.execute(
                select(WorkShare.work_id, Party.name_key)
                .join(Party, Party.id == WorkShare.party_id)
                .where(WorkShare.work_id.in_(chunk))
                .distinct()
            ):
                self.writers[work_id(n)].add(key)


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    items = sorted(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def message(suggestion: Mapping[str, Any]) -> str:
    """The suggestion in English (the API's `message`; the portal words its own)."""
    kind = suggestion["kind"]
    if kind == "title":
        return f"tidy the title to {suggestion['value']!r}"
    if kind == "iswc_missing":
        return "no ISWC: ask the submitter, or register without one"
    if kind == "iswc_held":
        return f"this ISWC is {suggestion['work']}'s: accepting adds these claims to it"
    if kind == "update":
        return f"the submitter's number is {suggestion['work']}'s: accepting updates that work"
    if kind == "ipi":
        return f"the writer has no IPI; {suggestion['party']} of that name has {suggestion['value']}"
    if kind == "ipi_other_name":
        return f"this IPI is {suggestion['party']}'s, named {suggestion['name']!r}"
    if kind == "isrc_held":
        return f"this ISRC is {suggestion['recording']}'s already"
    writer = f" and writer {suggestion['writer']!r}" if suggestion.get("writer") else ""
    return f"probably a duplicate of {suggestion['work']} ({suggestion['title']!r}): same title{writer}"
