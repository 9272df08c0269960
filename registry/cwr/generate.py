"""Valid CWR files of any size, for tests and benchmarks: `generate_cwr(n_works, seed)`.

Each work is one NWR transaction with a controlled publisher chain (SPU + SPT), one to three
controlled writers (SWR + SWT + PWR), every third work a co-publisher (OPU) with its own writer
(OWR + PWR), an alternative title, a performer, a recording (REC) and, in CWR 2.2, a cross
reference to the recording's ISRC (XRF). Identifiers (ISWC, IPI name and base numbers, ISRC,
EAN) are valid; shares add up to 100% per right. The same arguments give the same bytes.
Records are laid out from records.py, so generator and parser share one definition of positions.
"""

from __future__ import annotations

import random
from datetime import datetime

from stdnum import ean as _ean

from registry.cwr import records as R
from registry.cwr.write import render as _render
from registry.identifiers import generate_ipi_base, generate_ipi_name, generate_isrc, generate_iswc

_WORDS = (
    "MOON", "RIVER", "NIGHT", "SUMMER", "HEART", "ROAD", "LIGHT", "GOLDEN", "SILVER", "WIND", "FIRE",
    "OCEAN", "DREAM", "CITY", "RAIN", "STAR", "BLUE", "MIDNIGHT", "ECHO", "SHADOW", "GARDEN", "DANCE",
    "SONG", "WINTER", "MORNING", "HOME", "WILD", "QUIET", "LONG", "LOVE",
)  # fmt: skip
_FIRST = (
    "ANNA", "JOHN", "MARIA", "WEI", "LI", "SARAH", "DAVID", "ELENA", "KENJI", "AMIR", "LUCIA", "PETER",
    "NADIA", "TOMAS", "MEI", "ZOE",
)  # fmt: skip
_LAST = (
    "SMITH", "WANG", "GARCIA", "MULLER", "ROSSI", "KOWALSKI", "TANAKA", "SILVA", "NOVAK", "DUBOIS", "CHEN",
    "BERG", "OKAFOR", "LEE",
)  # fmt: skip
_SOCIETIES = ("021", "010", "052", "035", "058")  # BMI, ASCAP, PRS, GEMA, SACEM
_CREATED = datetime(2025, 1, 2, 3, 4, 5)


class _Writer:
    def __init__(self, rng: random.Random, number: int) -> None:
        self.ip_id = f"W{number:08d}"
        self.last = rng.choice(_LAST)
        self.first = rng.choice(_FIRST)
        self.ipi_name = generate_ipi_name(100_000_000 + number)
        self.ipi_base = generate_ipi_base(200_000_000 + number)
        self.society = rng.choice(_SOCIETIES)


def generate_cwr(n_works: int, seed: int, version: str = "2.2") -> bytes:
    """A valid CWR `version` ("2.1" or "2.2") registration file of `n_works` NWR transactions."""
    if version not in R.LAYOUTS:
        raise ValueError(f"CWR version {version!r}: 2.1 or 2.2")
    if n_works < 0:
        raise ValueError("n_works must be >= 0")
    layouts = R.LAYOUTS[version]
    rng = random.Random(seed)  # noqa: S311  # test data, not secrets: reproducible on purpose
    writers = [_Writer(rng, n) for n in range(1, 201)]  # a catalogue's writers recur across works
    publisher_ipi = generate_ipi_name(199)
    co_publisher_ipi = generate_ipi_name(297)
    lines: list[str] = []

    hdr: dict[str, object] = {
        "sender_type": "PB",
        "sender_id": 199,
        "sender_name": "RIGHTSLEDGER DEMO PUBLISHING",
        "edi_version": "01.10",
        "creation_date": _CREATED.strftime("%Y%m%d"),
        "creation_time": _CREATED.strftime("%H%M%S"),
        "transmission_date": _CREATED.strftime("%Y%m%d"),
    }
    if version == "2.2":
        hdr.update(version="2.2", revision=2, software_package="RIGHTSLEDGER", software_version="0.1")
    lines.append(_render(layouts["HDR"], hdr, "HDR"))
    group_version = "02.20" if version == "2.2" else "02.10"
    lines.append(
        _render(
            layouts["GRH"], {"transaction_type": "NWR", "group_id": 1, "version_number": group_version}, "GRH"
        )
    )
    group_records = 1
    for t in range(n_works):
        work = _work(rng, t, writers, publisher_ipi, co_publisher_ipi, version)
        for r, (rt, values) in enumerate(work):
            lines.append(_render(layouts[rt], values, f"{rt}{t:08d}{r:08d}"))
        group_records += len(work)
    group_records += 1
    lines.append(
        _render(
            layouts["GRT"],
            {"group_id": 1, "transaction_count": n_works, "record_count": group_records},
            "GRT",
        )
    )
    lines.append(
        _render(
            layouts["TRL"],
            {"group_count": 1, "transaction_count": n_works, "record_count": group_records + 2},
            "TRL",
        )
    )
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _split(total: int, parts: int) -> list[int]:
    """`total` in `parts` integers that add up to it exactly."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _work(
    rng: random.Random,
    t: int,
    catalogue: list[_Writer],
    publisher_ipi: str,
    co_publisher_ipi: str,
    version: str,
) -> list[tuple[str, dict[str, object]]]:
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 4)))
    seconds = rng.randint(90, 420)
    records: list[tuple[str, dict[str, object]]] = [
        (
            "NWR",
            {
                "title": title,
                "language": "EN",
                "submitter_work_id": f"RL{t:09d}",
                "iswc": generate_iswc(300_000_000 + t),
                "distribution_category": "POP",
                "duration": f"{seconds // 3600:02d}{seconds % 3600 // 60:02d}{seconds % 60:02d}",
                "recorded": "Y",
                "text_music_relationship": "MTX",
                "version_type": "ORI",
                "grand_rights": "N",
                "exceptional_clause": "N",
                "priority": "N",
            },
        )
    ]
    co_published = t % 3 == 2
    # Writers own 50% of the performing right; publishers the other 50% and all of the
    # mechanical and synchronisation rights, split between two chains when co-published.
    chains = 2 if co_published else 1
    pub_pr, pub_mr = _split(5000, chains), _split(10000, chains)
    records.append(
        (
            "SPU",
            _publisher(
                1, "P00000001", "RIGHTSLEDGER DEMO PUBLISHING", publisher_ipi, pub_pr[0], pub_mr[0], "021"
            ),
        )
    )
    records.append(
        (
            "SPT",
            {
                "ip_id": "P00000001",
                "pr_share": pub_pr[0],
                "mr_share": pub_mr[0],
                "sr_share": pub_mr[0],
                "inclusion": "I",
                "tis_code": "2136",
                "shares_change": "N",
                "sequence": 1,
            },
        )
    )
    if co_published:
        records.append(
            (
                "OPU",
                _publisher(
                    2, "P00000002", "OTHER SONGS PUBLISHING", co_publisher_ipi, pub_pr[1], pub_mr[1], "010"
                ),
            )
        )
    controlled = rng.sample(catalogue, rng.randint(1, 3))
    other = rng.choice([w for w in catalogue if w not in controlled]) if co_published else None
    writer_pr = _split(5000, len(controlled) + (1 if other else 0))
    for number, (writer, pr) in enumerate(zip(controlled, writer_pr, strict=False)):
        records.append(("SWR", _writer(writer, "CA" if number == 0 else rng.choice(("C", "A", "CA")), pr)))
        records.append(
            (
                "SWT",
                {
                    "ip_id": writer.ip_id,
                    "pr_share": pr,
                    "mr_share": 0,
                    "sr_share": 0,
                    "inclusion": "I",
                    "tis_code": "2136",
                    "shares_change": "N",
                    "sequence": 1,
                },
            )
        )
        records.append(("PWR", _link(1, "P00000001", "RIGHTSLEDGER DEMO PUBLISHING", writer.ip_id, version)))
    if other is not None:
        records.append(("OWR", _writer(other, "CA", writer_pr[-1])))
        records.append(("PWR", _link(2, "P00000002", "OTHER SONGS PUBLISHING", other.ip_id, version)))
    records.append(("ALT", {"title": f"{title} (RADIO EDIT)"[:60], "title_type": "AT"}))
    records.append(("PER", {"last_name": f"THE {rng.choice(_WORDS)}S"}))
    isrc = generate_isrc("US", "RL1", 2024, t % 100_000)
    ean12 = f"{400_000_000_000 + t % 10**11:012d}"
    recording: dict[str, object] = {
        "release_date": f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
        "duration": f"{seconds // 3600:02d}{seconds % 3600 // 60:02d}{seconds % 60:02d}",
        "album_title": f"{rng.choice(_WORDS)} {rng.choice(_WORDS)}",
        "album_label": "RIGHTSLEDGER RECORDS",
        "catalogue_number": f"RLR{t:06d}",
        "ean": ean12 + _ean.calc_check_digit(ean12),
        "isrc": isrc,
        "recording_format": "A",
        "recording_technique": "D",
        "media_type": "CD",
    }
    if version == "2.2":
        recording.update(
            recording_title=title,
            display_artist=records[-1][1]["last_name"],
            record_label="RIGHTSLEDGER RECORDS",
            isrc_validity="Y",
            submitter_recording_id=f"RLR{t:09d}",
        )
    records.append(("REC", recording))
    if version == "2.2":
        records.append(
            ("XRF", {"organisation": "ISR", "identifier": isrc, "identifier_type": "R", "validity": "Y"})
        )
    return records


def _publisher(
    chain: int, ip_id: str, name: str, ipi: str, pr: int, mr: int, society: str
) -> dict[str, object]:
    return {
        "chain": chain, "ip_id": ip_id, "name": name, "role": "E", "ipi_name": ipi,
        "pr_society": society, "pr_share": pr, "mr_society": society, "mr_share": mr,
        "sr_society": society, "sr_share": mr, "first_recording_refusal": "N",
    }  # fmt: skip


def _writer(writer: _Writer, designation: str, pr: int) -> dict[str, object]:
    return {
        "ip_id": writer.ip_id, "last_name": writer.last, "first_name": writer.first,
        "designation": designation, "ipi_name": writer.ipi_name, "pr_society": writer.society,
        "pr_share": pr, "mr_share": 0, "sr_share": 0, "ipi_base": writer.ipi_base,
        "first_recording_refusal": "N", "work_for_hire": "N",
    }  # fmt: skip


def _link(chain: int, ip_id: str, name: str, writer_ip_id: str, version: str) -> dict[str, object]:
    values: dict[str, object] = {
        "publisher_ip_id": ip_id,
        "publisher_name": name,
        "writer_ip_id": writer_ip_id,
    }
    if version == "2.2":
        values["chain"] = chain
    return values
