"""Members, works and recordings of the demo CMO, built through the registry services.

Everything is drawn from one seeded random generator, so the same seed gives the same catalogue
(and, up to timestamps and salts, the same entries). Titles mix Chinese and Latin, the way a
Chinese karaoke catalogue does; a few works are registered twice by a second submitter to leave
share conflicts and duplicate candidates for staff to resolve.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.identifiers import (
    generate_ipi_base,
    generate_ipi_name,
    generate_isni,
    generate_isrc,
    generate_iswc,
)
from registry.kinds.conflict import OPEN
from registry.models import DuplicateCandidate, Party, ShareConflict, Work
from registry.services.members.membership import MandateInput, MemberInput, register_member
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.conflicts import ResolvedShare, resolve_conflict
from registry.services.repertoire.duplicates import PENDING, keep_apart, merge
from registry.services.repertoire.registration import (
    RecordingInput,
    RecordingShareInput,
    ShareInput,
    WorkInput,
    register_work,
)

_ZH = (
    "月亮", "星空", "海风", "故乡", "青春", "夜曲", "红豆", "花开", "雨后", "远方",
    "晴天", "心跳", "流年", "旧梦", "春风", "微光", "山河", "夏夜", "归途", "明天",
)  # fmt: skip
_ZH_END = ("之歌", "的心", "小夜曲", "情书", "回忆", "恋曲", "往事", "漫步", "约定", "告白")
_LATIN = (
    "Moon", "River", "Night", "Summer", "Heart", "Road", "Light", "Golden", "Silver", "Wind",
    "Ocean", "Dream", "City", "Rain", "Star", "Blue", "Midnight", "Echo", "Garden", "Dance",
)  # fmt: skip
_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "林", "邓", "何")
_GIVEN = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳",
    "杰", "涛", "明", "霞", "婷", "宇", "欣", "晨", "浩", "琳",
)  # fmt: skip
_COMPANIES = ("星辰音乐出版", "东方唱片", "滚石音乐", "海蝶音乐", "华语之声", "金曲版权")
_RIGHTS = ("PR", "MR")


@dataclass
class Catalogue:
    """What the builder made: enough for the later builders and for the demo's examples."""

    writers: list[Party] = field(default_factory=list)
    publishers: list[Party] = field(default_factory=list)
    performers: list[Party] = field(default_factory=list)
    labels: list[Party] = field(default_factory=list)
    works: int = 0
    recordings: int = 0
    isrcs: list[str] = field(default_factory=list)
    conflicts_seeded: int = 0
    duplicates_seeded: int = 0

    @property
    def members(self) -> list[Party]:
        return self.writers + self.publishers + self.performers + self.labels


def seed_repertoire(
    session: Session,
    cipher: FieldCipher,
    *,
    seed: int,
    members: int,
    works: int,
    progress: Callable[[int], None] | None = None,
) -> Catalogue:
    """Register `members` members and `works` works, each with one recording."""
    rng = random.Random(seed)  # noqa: S311  # demo data, reproducible on purpose
    out = Catalogue()
    n_publishers = max(2, members // 20)
    n_labels = max(2, members // 25)
    n_performers = max(4, members // 4)
    n_writers = max(4, members - n_publishers - n_labels - n_performers)
    number = 10_000
    for kind, count, bucket in (
        ("writer", n_writers, out.writers),
        ("publisher", n_publishers, out.publishers),
        ("performer", n_performers, out.performers),
        ("label", n_labels, out.labels),
    ):
        for i in range(count):
            number += 1
            bucket.append(register_member(session, cipher, _member(rng, kind, i, number)))
    works_done = 0
    for n in range(works):
        _one_work(session, rng, out, n)
        works_done += 1
        if progress and works_done % 50 == 0:
            progress(50)
    if progress:
        progress(works_done % 50)
    return out


def _member(rng: random.Random, kind: str, i: int, number: int) -> MemberInput:
    company = kind in ("publisher", "label")
    if company:
        series = i // len(_COMPANIES)
        name = _COMPANIES[i % len(_COMPANIES)] + (f" {series + 1}" if series else "")
    else:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.6 else "")
    roles = {
        "writer": ("composer", "lyricist") if rng.random() < 0.5 else ("composer",),
        "publisher": ("publisher",),
        "performer": ("performer",),
        "label": ("producer",),
    }[kind]
    return MemberInput(
        name=name,
        kind="company" if company else "person",
        roles=roles,
        ipi_name=generate_ipi_name(number),
        ipi_base=generate_ipi_base(number),
        isni=generate_isni(number),
        joined_on=date(2015 + rng.randrange(10), 1 + rng.randrange(12), 1),
        mandates=(MandateInput(right_type="performing", territory="CN"),)
        + ((MandateInput(right_type="mechanical", territory="CN"),) if kind != "performer" else ()),
        contact={"email": f"member{number}@example.cn", "phone": f"+86 10 {number:08d}"},
        bank={"account": f"6222 0000 {number:08d}"},  # sealed at rest, never in an entry
    )


def _ref(party: Party) -> PartyRef:
    return PartyRef(name=party.name, ipi_name=party.ipi_name, kind=party.kind)


def _title(rng: random.Random) -> tuple[str, str]:
    # Thousands of combinations: namesakes happen (as in any catalogue), but not by the dozen.
    zh = rng.choice(_ZH) + rng.choice(_ZH) + rng.choice(_ZH_END)
    latin = f"{rng.choice(_LATIN)} {rng.choice(_LATIN)} {rng.choice(_LATIN)}"
    return zh, latin


def _one_work(session: Session, rng: random.Random, out: Catalogue, n: int) -> None:
    zh, latin = _title(rng)
    title, alt = (zh, latin) if rng.random() < 0.7 else (latin, zh)
    writers = rng.sample(out.writers, 2 if rng.random() < 0.4 else 1)
    publisher = rng.choice(out.publishers)
    shares: list[ShareInput] = []
    writer_share = 5000 // len(writers)
    for right in _RIGHTS:
        for k, writer in enumerate(writers):
            part = writer_share + (5000 - writer_share * len(writers) if k == 0 else 0)
            shares.append(ShareInput(party=_ref(writer), role="CA", right_type=right, share=part))
        shares.append(ShareInput(party=_ref(publisher), role="E", right_type=right, share=5000))
    performer = rng.choice(out.performers)
    label = rng.choice(out.labels)
    isrc = generate_isrc("CN", "R01", 24 + n % 3, 10_000 + n)
    duration = 180 + rng.randrange(120)
    recording = RecordingInput(
        title=title,
        isrc=isrc,
        artist=performer.name,
        duration_seconds=duration,
        release_title=f"{performer.name} 精选",
        release_date=date(2024 + n % 3, 1 + n % 12, 1),
        label=label.name,
        shares=(
            RecordingShareInput(party=_ref(performer), role="performer", share=5000),
            RecordingShareInput(party=_ref(label), role="producer", share=5000),
        ),
    )
    work_id = f"CMO-{n + 1:06d}"
    register_work(
        session,
        WorkInput(
            submitter="CMO",
            submitter_work_id=work_id,
            title=title,
            iswc=generate_iswc(400_000_000 + n),
            language="ZH" if title == zh else "EN",
            alt_titles=[(alt, "AT", "EN" if alt == latin else "ZH")],
            duration_seconds=duration,
            shares=shares,
            recordings=[recording],
        ),
    )
    out.works += 1
    out.recordings += 1
    out.isrcs.append(isrc)
    if n % 97 == 13:
        # A second publisher claims the same work with its own 50%: the claims exceed 100%.
        other = out.publishers[(out.publishers.index(publisher) + 1) % len(out.publishers)]
        register_work(
            session,
            WorkInput(
                submitter="PUB2",
                submitter_work_id=f"P2-{n}",
                title=title,
                iswc=generate_iswc(400_000_000 + n),
                shares=[ShareInput(party=_ref(other), role="E", right_type="PR", share=5000)],
            ),
        )
        out.conflicts_seeded += 1
    elif n % 89 == 7:
        # The same song sent again without its ISWC under the writer's own id: a duplicate candidate.
        register_work(
            session,
            WorkInput(
                submitter="CMO",
                submitter_work_id=f"{work_id}-B",
                title=title,
                shares=[s for s in shares if s.role == "CA"]
                + [ShareInput(party=_ref(publisher), role="E", right_type=r, share=5000) for r in _RIGHTS],
            ),
        )
        out.duplicates_seeded += 1


@dataclass
class Review:
    """What staff decided in the demo, and what they left for the newcomer to decide."""

    conflict_resolved: str | None = None  # C-n
    duplicate_merged: str | None = None  # "W-a into W-b"
    duplicate_kept_apart: str | None = None  # "W-a and W-b"
    conflicts_open: int = 0
    duplicates_pending: int = 0


def review_examples(session: Session) -> Review:
    """Resolve one share conflict (the CMO's own claims stand, the second publisher's goes), merge
    one duplicate (the copy without ISWC into the registered work) and keep one pair apart; the
    rest stay open for staff."""
    out = Review()
    case = session.scalars(
        select(ShareConflict).where(ShareConflict.status == OPEN).order_by(ShareConflict.id)
    ).first()
    if case is not None:
        ours = [s for s in case.shares if s.stage == "claimed" and s.submitter == "CMO"]
        decided = [ResolvedShare(party_id=s.party_id, role=s.role, share=s.share) for s in ours]
        resolve_conflict(
            session,
            case.id,
            decided,
            "the second publisher holds no assignment: CMO claims stand",
            "demo staff",
        )
        out.conflict_resolved = case.ledger_id
    pending = list(
        session.scalars(
            select(DuplicateCandidate)
            .where(DuplicateCandidate.status == PENDING, DuplicateCandidate.subject == "work")
            .order_by(DuplicateCandidate.id)
        )
    )
    merged = False
    for candidate in pending:
        first, second = (session.get(Work, i) for i in candidate.pair)
        assert first is not None and second is not None
        copies = [w for w in (first, second) if w.iswc is None]
        if not merged and len(copies) == 1:
            survivor = second if copies[0] is first else first
            merge(session, candidate.id, survivor, "demo staff")
            out.duplicate_merged = f"{copies[0].ledger_id} into {survivor.ledger_id}"
            merged = True
        elif out.duplicate_kept_apart is None and first.iswc and second.iswc:
            keep_apart(session, candidate.id, "demo staff")  # two registered songs sharing a title
            out.duplicate_kept_apart = f"{first.ledger_id} and {second.ledger_id}"
        if merged and out.duplicate_kept_apart:
            break
    session.flush()
    out.conflicts_open = len(
        session.scalars(select(ShareConflict.id).where(ShareConflict.status == OPEN)).all()
    )
    out.duplicates_pending = len(
        session.scalars(select(DuplicateCandidate.id).where(DuplicateCandidate.status == PENDING)).all()
    )
    return out
