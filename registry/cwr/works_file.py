"""A registration file of the society's works, as a society sends its repertoire to a publisher or
a sister society: one NWR transaction per work with its interested parties and their shares per
right (our members as SPU/SWR with their territory, others as OPU/OWR), links from our writers to
our publisher when there is one, alternative titles and recordings (REC, with XRF in 2.2).

Laid out from records.py (the parser's own positions). Text that is not ASCII (a Chinese title)
is written in UTF-8 and the header says so, as in our acknowledgements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from registry.cwr import records as R
from registry.cwr.write import fit, render, society_file

WORLD = "2136"  # CISAC TIS: the world


@dataclass(frozen=True, slots=True)
class Holder:
    """An interested party of a work and its ownership shares (hundredths of a percent)."""

    ip_id: str  # 9 characters at most, unique within the file
    name: str  # a writer's last name, or the publisher's name
    role: str  # CWR writer designation (CA, C, A...) or publisher type (E, AM, SE...)
    writer: bool
    controlled: bool  # our member: SPU/SWR with a territory record; otherwise OPU/OWR
    first_name: str = ""
    ipi_name: str = ""
    ipi_base: str = ""
    society: str = ""  # the CISAC code of the society collecting its shares
    pr: int = 0
    mr: int = 0
    sr: int = 0


@dataclass(frozen=True, slots=True)
class Track:
    isrc: str = ""
    title: str = ""
    artist: str = ""
    label: str = ""
    release_title: str = ""
    release_date: date | None = None
    duration_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class WorkToSend:
    work_id: str  # our number (W-123): the submitter's work number in the file
    title: str
    iswc: str = ""
    language: str = ""
    duration_seconds: int | None = None
    holders: Sequence[Holder] = ()
    other_titles: Sequence[tuple[str, str]] = ()  # (title, CWR title type)
    tracks: Sequence[Track] = ()


@dataclass(frozen=True, slots=True)
class Sender:
    society_code: int
    society_name: str
    created: datetime
    version: str = "2.2"


def works_file(sender: Sender, works: Sequence[WorkToSend]) -> bytes:
    """The whole file, CRLF-terminated records."""
    if sender.version not in R.LAYOUTS:
        raise ValueError(f"CWR version {sender.version!r}: 2.1 or 2.2")
    layouts = R.LAYOUTS[sender.version]
    body: list[str] = []
    texts: list[str] = []
    for number, work in enumerate(works):
        records = _transaction(work, sender.version)
        texts += [str(v) for _, values in records for v in values.values() if isinstance(v, str)]
        body += [
            render(layouts[rt], values, f"{rt}{number:08d}{seq:08d}")
            for seq, (rt, values) in enumerate(records)
        ]
    return society_file(
        version=sender.version,
        society_code=sender.society_code,
        society_name=sender.society_name,
        created=sender.created,
        transaction_type="NWR",
        body=body,
        transactions=len(works),
        unicode=not all(text.isascii() for text in texts),
    )


def _transaction(work: WorkToSend, version: str) -> list[tuple[str, dict[str, object]]]:
    records: list[tuple[str, dict[str, object]]] = [
        (
            "NWR",
            {
                "title": fit(work.title, 60),
                "language": work.language[:2].upper(),
                "submitter_work_id": fit(work.work_id, 14),
                "iswc": work.iswc,
                "distribution_category": "UNC",  # unclassified: we hold no genre
                "duration": _hhmmss(work.duration_seconds),
                "recorded": "Y" if work.tracks else "U",
                "version_type": "ORI",
                "priority": "N",
            },
        )
    ]
    publishers = [h for h in work.holders if not h.writer]
    ours = [h for h in publishers if h.controlled]
    for chain, holder in enumerate(publishers, start=1):
        records.append(("SPU" if holder.controlled else "OPU", _publisher(holder, chain)))
        if holder.controlled:
            records.append(("SPT", _territory(holder)))
    for holder in (h for h in work.holders if h.writer):
        records.append(("SWR" if holder.controlled else "OWR", _writer(holder)))
        if holder.controlled:
            records.append(("SWT", _territory(holder)))
            if len(ours) == 1:  # the one publisher of ours administers our writers' shares
                link: dict[str, object] = {
                    "publisher_ip_id": ours[0].ip_id,
                    "publisher_name": fit(ours[0].name, 45),
                    "writer_ip_id": holder.ip_id,
                }
                if version == "2.2":
                    link["chain"] = publishers.index(ours[0]) + 1
                records.append(("PWR", link))
    for title, title_type in work.other_titles:
        records.append(("ALT", {"title": fit(title, 60), "title_type": title_type}))
    for track in work.tracks:
        records.append(("REC", _recording(track, version)))
        if version == "2.2" and track.isrc:
            records.append(
                (
                    "XRF",
                    {
                        "organisation": "ISR",
                        "identifier": track.isrc,
                        "identifier_type": "R",
                        "validity": "Y",
                    },
                )
            )
    return records


def _publisher(holder: Holder, chain: int) -> dict[str, object]:
    return {
        "chain": chain,
        "ip_id": holder.ip_id,
        "name": fit(holder.name, 45),
        "role": holder.role,
        "ipi_name": holder.ipi_name,
        "pr_society": holder.society,
        "pr_share": holder.pr,
        "mr_society": holder.society,
        "mr_share": holder.mr,
        "sr_society": holder.society,
        "sr_share": holder.sr,
        "ipi_base": holder.ipi_base,
    }


def _writer(holder: Holder) -> dict[str, object]:
    return {
        "ip_id": holder.ip_id,
        "last_name": fit(holder.name, 45),
        "first_name": fit(holder.first_name, 30),
        "designation": holder.role,
        "ipi_name": holder.ipi_name,
        "pr_society": holder.society,
        "pr_share": holder.pr,
        "mr_society": holder.society,
        "mr_share": holder.mr,
        "sr_society": holder.society,
        "sr_share": holder.sr,
        "ipi_base": holder.ipi_base,
    }


def _territory(holder: Holder) -> dict[str, object]:
    """Our members' shares are collected world-wide (their mandates say which rights)."""
    return {
        "ip_id": holder.ip_id,
        "pr_share": holder.pr,
        "mr_share": holder.mr,
        "sr_share": holder.sr,
        "inclusion": "I",
        "tis_code": WORLD,
        "shares_change": "N",
        "sequence": 1,
    }


def _recording(track: Track, version: str) -> dict[str, object]:
    values: dict[str, object] = {
        "release_date": f"{track.release_date:%Y%m%d}" if track.release_date else "",
        "duration": _hhmmss(track.duration_seconds),
        "album_title": fit(track.release_title, 60),
        "album_label": fit(track.label, 60),
        "isrc": track.isrc,
    }
    if version == "2.2":
        values.update(
            recording_title=fit(track.title, 60),
            display_artist=fit(track.artist, 60),
            record_label=fit(track.label, 60),
            isrc_validity="Y" if track.isrc else "",
        )
    return values


def _hhmmss(seconds: int | None) -> str:
    if not seconds:
        return ""
    return f"{seconds // 3600:02d}{seconds % 3600 // 60:02d}{seconds % 60:02d}"
