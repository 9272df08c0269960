"""The repertoire: works, sound recordings, the shares claimed in them, share conflicts and the
duplicate review queue.

Business state, updated in place; the history of each work, recording and conflict is its chain
of ledger entries. Shares are integers in hundredths of a percent (10000 = 100.00%).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.entity_ids import CONFLICT, RECORDING, WORK
from registry.models.base import Base
from registry.models.members import Party

REPERTOIRE_TABLES = (
    "work",
    "work_title",
    "work_registration",
    "work_share",
    "recording",
    "recording_share",
    "recording_work",
    "share_conflict",
    "conflict_share",
    "duplicate_candidate",
    "work_match_key",
)

SHARE_RIGHT_TYPES = ("performing", "mechanical", "synchronisation")
# CWR writer designations and publisher types, in words.
WRITER_ROLES = (
    "composer_lyricist",
    "composer",
    "lyricist",
    "arranger",
    "adapter",
    "translator",
    "sub_arranger",
    "sub_author",
)
PUBLISHER_ROLES = (
    "publisher",
    "administrator",
    "sub_publisher",
    "substituted_publisher",
    "acquirer",
    "income_participant",
)
RECORDING_ROLES = ("performer", "producer")
WORK_STATUSES = ("complete", "incomplete", "in_conflict", "merged")
RECORDING_STATUSES = ("complete", "incomplete", "merged")
CONFLICT_STATUSES = ("open", "resolved")
CANDIDATE_STATUSES = ("pending", "merged", "kept_apart")
FULL_SHARE = 10_000


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _any_of(column: str, values: tuple[str, ...]) -> str:
    """_one_of spelled as ORs, for tables written in bulk: SQLite builds a temporary index for
    a constant IN list at every row it inserts (migration 0009)."""
    return " OR ".join(f"{column} = {value!r}" for value in values)


_SHARE_RANGE = f"share >= 0 AND share <= {FULL_SHARE}"


def _created() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.current_timestamp())


def _updated() -> Mapped[datetime]:
    return mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


recording_work = Table(
    "recording_work",
    Base.metadata,
    Column("recording_id", Integer, ForeignKey("recording.id"), primary_key=True),
    Column("work_id", Integer, ForeignKey("work.id"), primary_key=True, index=True),
)


class Work(Base):
    """A musical work: one row however many submitters registered it."""

    __tablename__ = "work"
    __table_args__ = (
        UniqueConstraint("iswc"),
        CheckConstraint(_one_of("status", WORK_STATUSES), name="status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    iswc: Mapped[str | None] = mapped_column(String(20))  # compact: T0345246801
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)  # registry.normalise.normalise_title
    language: Mapped[str | None] = mapped_column(String(8))
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    # The submitter who first registered the work: only they change its title, language, duration.
    primary_submitter: Mapped[str] = mapped_column(String(50))
    # The AI declaration (registry.services.repertoire.ai_declarations); null: none made.
    ai_involvement: Mapped[str | None] = mapped_column(String(10))  # none, assisted, generated
    ai_tool: Mapped[str | None] = mapped_column(String(200))
    human_share: Mapped[int | None] = mapped_column(Integer)  # hundredths of a percent
    merged_into_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("work.id"), index=True)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()

    titles: Mapped[list[WorkTitle]] = relationship(
        back_populates="work", cascade="all, delete-orphan", lazy="selectin", order_by="WorkTitle.id"
    )
    registrations: Mapped[list[WorkRegistration]] = relationship(
        back_populates="work", cascade="all, delete-orphan", lazy="selectin", order_by="WorkRegistration.id"
    )
    shares: Mapped[list[WorkShare]] = relationship(
        back_populates="work", cascade="all, delete-orphan", lazy="selectin", order_by="WorkShare.id"
    )
    conflicts: Mapped[list[ShareConflict]] = relationship(
        back_populates="work", lazy="selectin", order_by="ShareConflict.id"
    )
    recordings: Mapped[list[Recording]] = relationship(
        secondary=recording_work, back_populates="works", order_by="Recording.id"
    )

    @property
    def ledger_id(self) -> str:
        return WORK.make(self.id)


class WorkTitle(Base):
    """An alternate title (CWR title type: AT, OT, TE...), in any script."""

    __tablename__ = "work_title"
    __table_args__ = (UniqueConstraint("work_id", "title_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    work_id: Mapped[int] = mapped_column(Integer, ForeignKey("work.id"))
    title: Mapped[str] = mapped_column(String(300))
    title_type: Mapped[str] = mapped_column(String(2))
    language: Mapped[str | None] = mapped_column(String(8))
    title_key: Mapped[str] = mapped_column(String(300), index=True)

    work: Mapped[Work] = relationship(back_populates="titles")


class WorkMatchKey(Base):
    """One (writer, title key) pair of a live work: what duplicate detection looks works up by
    (registry.services.repertoire.work_keys). One indexed equality per pair finds the works sharing a
    title and a writer, however many works share the title alone. Derived from the work's
    titles and writer shares and kept in step whenever a work version is recorded."""

    __tablename__ = "work_match_key"

    match_key: Mapped[str] = mapped_column(String(400), primary_key=True)  # "<party id>:<title key>"
    work_id: Mapped[int] = mapped_column(Integer, ForeignKey("work.id"), primary_key=True, index=True)


class WorkRegistration(Base):
    """A submitter's own id for a work: how a re-registration finds the work again."""

    __tablename__ = "work_registration"
    # Leading (submitter, submitter_work_id): the unique index serves the lookup too. Not unique
    # on that pair alone: a submitter whose id names two works points at a duplicate to review.
    __table_args__ = (UniqueConstraint("submitter", "submitter_work_id", "work_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    work_id: Mapped[int] = mapped_column(Integer, ForeignKey("work.id"), index=True)
    submitter: Mapped[str] = mapped_column(String(50))  # CWR sender id, or "CMO" for staff entry
    submitter_work_id: Mapped[str] = mapped_column(String(50))
    source: Mapped[str | None] = mapped_column(String(100))  # e.g. cwr:<sha256> of the last change
    registered_at: Mapped[datetime] = _created()

    work: Mapped[Work] = relationship(back_populates="registrations")


class WorkShare(Base):
    """One share claimed in a work by one submitter, for one right type."""

    __tablename__ = "work_share"
    __table_args__ = (
        UniqueConstraint("work_id", "submitter", "party_id", "role", "right_type"),
        CheckConstraint(_SHARE_RANGE, name="share_range"),
        CheckConstraint(_any_of("right_type", SHARE_RIGHT_TYPES), name="right_type_known"),
        CheckConstraint(_any_of("role", WRITER_ROLES + PUBLISHER_ROLES), name="role_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    work_id: Mapped[int] = mapped_column(Integer, ForeignKey("work.id"))
    party_id: Mapped[int] = mapped_column(Integer, ForeignKey("party.id"), index=True)
    # Who claims it: a submitter, or "@resolution" for shares decided by staff in a conflict.
    submitter: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(24))
    right_type: Mapped[str] = mapped_column(String(16))
    share: Mapped[int] = mapped_column(Integer)
    controlled: Mapped[bool] = mapped_column(Boolean)

    work: Mapped[Work] = relationship(back_populates="shares")
    party: Mapped[Party] = relationship(lazy="joined")


class Recording(Base):
    """A sound recording, identified by its ISRC when it has one."""

    __tablename__ = "recording"
    __table_args__ = (
        UniqueConstraint("isrc"),
        Index(None, "title_key", "artist_key"),
        CheckConstraint(_one_of("status", RECORDING_STATUSES), name="status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    isrc: Mapped[str | None] = mapped_column(String(20))  # compact: CCXXXYYNNNNN
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300))
    artist: Mapped[str | None] = mapped_column(String(300))  # display artist
    artist_key: Mapped[str] = mapped_column(String(300))
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    release_title: Mapped[str | None] = mapped_column(String(300))
    release_date: Mapped[date | None] = mapped_column(Date)
    label: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12))
    ai_involvement: Mapped[str | None] = mapped_column(String(10))  # as on Work
    ai_tool: Mapped[str | None] = mapped_column(String(200))
    human_share: Mapped[int | None] = mapped_column(Integer)
    merged_into_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("recording.id"), index=True)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()

    shares: Mapped[list[RecordingShare]] = relationship(
        back_populates="recording",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="RecordingShare.id",
    )
    works: Mapped[list[Work]] = relationship(
        secondary=recording_work, back_populates="recordings", lazy="selectin", order_by="Work.id"
    )

    @property
    def ledger_id(self) -> str:
        return RECORDING.make(self.id)


class RecordingShare(Base):
    """A performer's or producer's (record company's) share in a recording's neighbouring rights."""

    __tablename__ = "recording_share"
    __table_args__ = (
        UniqueConstraint("recording_id", "party_id", "role"),
        CheckConstraint(_SHARE_RANGE, name="share_range"),
        CheckConstraint(_one_of("role", RECORDING_ROLES), name="role_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recording_id: Mapped[int] = mapped_column(Integer, ForeignKey("recording.id"))
    party_id: Mapped[int] = mapped_column(Integer, ForeignKey("party.id"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    share: Mapped[int] = mapped_column(Integer)

    recording: Mapped[Recording] = relationship(back_populates="shares")
    party: Mapped[Party] = relationship(lazy="joined")


class ShareConflict(Base):
    """Claims in one right type of a work that together exceed 100%: a case for staff."""

    __tablename__ = "share_conflict"
    __table_args__ = (
        Index(None, "work_id", "status"),
        Index(None, "status"),
        CheckConstraint(_one_of("status", CONFLICT_STATUSES), name="status_known"),
        CheckConstraint(_one_of("right_type", SHARE_RIGHT_TYPES), name="right_type_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    work_id: Mapped[int] = mapped_column(Integer, ForeignKey("work.id"))
    right_type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(10))
    claimed_total: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)  # the resolution, in the staff's words
    decided_by: Mapped[str | None] = mapped_column(String(100))
    opened_at: Mapped[datetime] = _created()
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    work: Mapped[Work] = relationship(back_populates="conflicts")
    shares: Mapped[list[ConflictShare]] = relationship(
        back_populates="conflict", cascade="all, delete-orphan", lazy="selectin", order_by="ConflictShare.id"
    )

    @property
    def ledger_id(self) -> str:
        return CONFLICT.make(self.id)


class ConflictShare(Base):
    """A share in a conflict: claimed by a submitter when it opened, or decided when resolved."""

    __tablename__ = "conflict_share"
    __table_args__ = (
        CheckConstraint(_SHARE_RANGE, name="share_range"),
        CheckConstraint("stage IN ('claimed', 'resolved')", name="stage_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conflict_id: Mapped[int] = mapped_column(Integer, ForeignKey("share_conflict.id"), index=True)
    party_id: Mapped[int] = mapped_column(Integer, ForeignKey("party.id"), index=True)
    stage: Mapped[str] = mapped_column(String(10))
    submitter: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(24))
    share: Mapped[int] = mapped_column(Integer)

    conflict: Mapped[ShareConflict] = relationship(back_populates="shares")
    party: Mapped[Party] = relationship(lazy="joined")


class DuplicateCandidate(Base):
    """Two works (or two recordings) that may be one: waits for staff to merge or keep apart.

    The pair is stored lowest id first and is unique, so a decided pair is never proposed again.
    """

    __tablename__ = "duplicate_candidate"
    __table_args__ = (
        UniqueConstraint("first_work_id", "second_work_id"),
        UniqueConstraint("first_recording_id", "second_recording_id"),
        Index(None, "status"),
        CheckConstraint(_one_of("status", CANDIDATE_STATUSES), name="status_known"),
        CheckConstraint(
            "(subject = 'work' AND first_work_id < second_work_id"
            " AND first_recording_id IS NULL AND second_recording_id IS NULL)"
            " OR (subject = 'recording' AND first_recording_id < second_recording_id"
            " AND first_work_id IS NULL AND second_work_id IS NULL)",
            name="one_ordered_pair",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(String(10))  # work | recording
    first_work_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("work.id"))
    second_work_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("work.id"), index=True)
    first_recording_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("recording.id"))
    second_recording_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("recording.id"), index=True)
    reason: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(12))
    proposed_at: Mapped[datetime] = _created()
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def pair(self) -> tuple[int, int]:
        if self.subject == "work":
            return cast(int, self.first_work_id), cast(int, self.second_work_id)
        return cast(int, self.first_recording_id), cast(int, self.second_recording_id)


work_table = cast(Table, Work.__table__)
match_key_table = cast(Table, WorkMatchKey.__table__)
recording_table = cast(Table, Recording.__table__)
