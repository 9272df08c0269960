"""Brand-new works registered in bulk: what a large CWR file of new registrations mostly is.

`register_work` (registry.services.repertoire.registration) handles any registration, one at a time, through
the ORM: about twenty queries and flushes per work. Most works of a large file are new to us,
and for those the outcome is known in advance: a new work, its titles, its submitter id, its
claims, its new recordings, version 1 of each entry, and the duplicate candidates they form.
`NewWorks` takes such registrations (`plan`), then writes a whole batch of them at once
(`write`): a few multi-row inserts, one `record_many` for their ledger entries, and duplicate
detection probed for the batch together. The rows, the entries and the candidates are the ones
`register_work` would make, in the same order; tests compare the two.

Anything else goes back to the caller to register the usual way (`plan` returns False): a
registration naming a work, a submitter id or a recording we already hold (or one planned in
this batch), claims that exceed the whole (a conflict to open), recording shares, or any
registration `register_work` would refuse: it gives the reason.

`plan` writes nothing unless a claim names a party that must be created or completed (a new
writer); that happens in a savepoint of its own, undone if the registration goes back. The
caller runs a batch in a savepoint: if `write` fails, it rolls back and registers the batch's
works one by one, so that each gets its own verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, NamedTuple, cast

from sqlalchemy import ARRAY, String, Table, bindparam, func, select, text
from sqlalchemy.orm import Session

from registry.bulk import insert_rows
from registry.entity_ids import DUPLICATE, RECORDING, WORK
from registry.errors import RegistryError
from registry.identifiers import normalise_isrc, normalise_iswc
from registry.kinds.duplicate_candidate import pair_body
from registry.kinds.recording import recording_facts
from registry.kinds.work import share_fact, work_facts
from registry.ledger_writer import Fact, record_many
from registry.log_store import lock_log
from registry.models import (
    FULL_SHARE,
    WRITER_ROLES,
    DuplicateCandidate,
    Party,
    Recording,
    WorkRegistration,
    WorkShare,
    WorkTitle,
    match_key_table,
    recording_table,
    recording_work,
    work_table,
)
from registry.normalise import name_key, normalise_title
from registry.services.parties.parties import PartyCache
from registry.services.repertoire.duplicates import (
    PENDING,
    TITLE_AND_WRITER,
    TITLE_ARTIST_DURATION,
    RecordingProbe,
    WorkProbe,
    Writer,
    recording_detail,
    title_and_writer_matches,
    title_artist_duration_matches,
    work_detail,
)
from registry.services.repertoire.entries import (
    AltTitle,
    _duration,
    _required,
    _title,
    _title_type,
)
from registry.services.repertoire.registration import (
    _PARTY_ROLES,
    RecordingInput,
    ShareInput,
    WorkInput,
    _claims,
)
from registry.services.repertoire.work_keys import match_keys
from registry.shares import (
    check_share,
    exceeded,
    right_type,
    share_role,
    shares_complete,
)

_CHUNK = 500  # values per IN list
_WRITERS = frozenset(WRITER_ROLES)
_work_title = cast(Table, WorkTitle.__table__)
_registration = cast(Table, WorkRegistration.__table__)
_work_share = cast(Table, WorkShare.__table__)
_candidate = cast(Table, DuplicateCandidate.__table__)


class Verdict(Enum):
    """What NewWorks.plan made of a registration."""

    TAKEN = "taken"  # planned: written with the batch
    USUAL = "usual"  # register it the usual way (register_work), which has the last word
    AFTER_WRITE = "after_write"  # write the batch planned so far, then plan it again


@dataclass(slots=True)
class _NewRecording:
    isrc: str | None
    title: str
    title_key: str
    artist: str | None
    artist_key: str
    duration_seconds: int | None
    release_title: str | None
    release_date: date | None
    label: str | None
    source: str | None
    has_shares: bool = False  # performers' or producers' shares: not taken here
    id: int = 0


@dataclass(slots=True)
class _NewWork:
    submitter: str
    submitter_work_id: str
    iswc: str | None
    title: str
    title_key: str
    language: str | None
    duration_seconds: int | None
    titles: list[tuple[str, str, str | None, str]]  # (title, type, language, key)
    lines: list[tuple[str, str, int]]  # each share line's (role, right type, share), checked
    claims: dict[tuple[int, str, str], tuple[int, bool]]
    parties: dict[int, Party]
    source: str | None
    recordings: list[_NewRecording]
    id: int = 0
    status: str = "incomplete"
    per_right: dict[str, int] = field(default_factory=dict)


class NewWorks:
    """A batch of brand-new works: `look_ahead`, then `plan` each registration (in file order,
    registering the refused ones the usual way and telling `taken`), then `write`."""

    def __init__(self, session: Session, parties: PartyCache) -> None:
        self.session = session
        self.parties = parties
        self.planned: list[_NewWork] = []
        self.written: list[int] = []  # the ids of the works the last `write` made, in plan order
        self._words: dict[tuple[str, str], tuple[str, str]] = {}  # (role, right type) as given -> in words
        self._normal: dict[tuple[str, str], str] = {}  # (kind, identifier as given) -> normal form
        # Identifiers in the database (as of look_ahead) or claimed since: a registration naming
        # one is no brand-new work. Only ever grows, so it may say "taken" too often, never too
        # rarely: a wrong "taken" costs speed (the usual way), never correctness.
        self._iswcs: set[str] = set()
        self._work_ids: set[tuple[str, str]] = set()
        self._isrcs: set[str] = set()
        self._plain: set[tuple[str, str, int | None]] = set()  # recordings without ISRC

    # --- planning ------------------------------------------------------------------------------

    def look_ahead(self, inputs: Sequence[WorkInput]) -> None:
        """Learn which identifiers of these coming registrations the database already holds."""
        self._normal.clear()  # only these registrations' identifiers are asked for until the next call
        iswcs, work_ids, isrcs, plain_titles = set(), set(), set(), set()
        for data in inputs:
            try:
                if data.iswc:
                    iswcs.add(self._iswc(data.iswc))
                work_ids.add(
                    (_required(data.submitter, "submitter"), _required(data.submitter_work_id, "id"))
                )
                for recording in data.recordings:
                    if recording.isrc:
                        isrcs.add(self._isrc(recording.isrc))
                    else:
                        plain_titles.add(self._title_key(_title(recording.title)))
            except (RegistryError, ValueError):
                continue  # refused later, the usual way
        self._iswcs.update(self._held(work_table.c.iswc, iswcs))
        self._isrcs.update(self._held(recording_table.c.isrc, isrcs))
        by_submitter: dict[str, set[str]] = {}
        for submitter, work_id in work_ids:
            by_submitter.setdefault(submitter, set()).add(work_id)
        column = _registration.c.submitter_work_id
        for submitter, ids in by_submitter.items():
            held = self._held(column, ids, _registration.c.submitter == submitter)
            self._work_ids.update((submitter, work_id) for work_id in held)
        wanted = sorted(plain_titles)
        for start in range(0, len(wanted), _CHUNK):
            rows = self.session.execute(
                select(
                    Recording.title_key,
                    Recording.artist_key,
                    Recording.duration_seconds,
                    Recording.merged_into_id,
                ).where(Recording.isrc.is_(None), Recording.title_key.in_(wanted[start : start + _CHUNK]))
            )
            self._plain.update((t, a, d) for t, a, d, merged in rows if merged is None)

    def _held(self, column: Any, values: Iterable[str], *where: Any) -> set[str]:
        """The `values` found in `column` (a column with an index that leads with it)."""
        wanted = sorted(values)
        out: set[str] = set()
        postgres = self.session.get_bind().dialect.name == "postgresql"
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            if postgres:
                # An index probe per value, as registry.services.repertoire.work_keys._BY_KEY_PG: the tables
                # grow inside this transaction, where an IN list may get a scan of the whole table.
                probe = (
                    func.unnest(bindparam("wanted", chunk, type_=ARRAY(String)))
                    .table_valued("value")
                    .render_derived(name="wanted")
                )
                query = select(column).select_from(probe).join(column.table, column == probe.c.value)
                out.update(self.session.scalars(query.where(*where)))
            else:
                out.update(self.session.scalars(select(column).where(column.in_(chunk), *where)))
        return out

    def taken(self, data: WorkInput) -> None:
        """`data` was registered the usual way: its identifiers now lead to what it registered."""
        try:
            if data.iswc:
                self._iswcs.add(normalise_iswc(data.iswc))
            self._work_ids.add(
                (_required(data.submitter, "submitter"), _required(data.submitter_work_id, "id"))
            )
            for recording in data.recordings:
                planned = self._recording(recording, None)
                if planned.isrc:
                    self._isrcs.add(planned.isrc)
                else:
                    self._plain.add((planned.title_key, planned.artist_key, planned.duration_seconds))
        except (RegistryError, ValueError):
            return  # refused: it registered nothing, and later ones stay on the safe side anyway

    def plan(self, data: WorkInput) -> Verdict:
        """Take `data` into the batch if it registers a brand-new work (TAKEN); else say what
        to do instead (nothing was changed)."""
        try:
            work = self._describe(data)
        except (RegistryError, ValueError):
            return Verdict.USUAL  # register_work refuses it, with the reason
        if work is None:
            return Verdict.USUAL
        verdict = self._claims(data, work)
        if verdict is not Verdict.TAKEN:
            return verdict
        work.status = "complete" if shares_complete(work.per_right) else "incomplete"
        self.planned.append(work)
        if work.iswc is not None:
            self._iswcs.add(work.iswc)
        self._work_ids.add((work.submitter, work.submitter_work_id))
        for recording in work.recordings:
            if recording.isrc:
                self._isrcs.add(recording.isrc)
            else:
                self._plain.add((recording.title_key, recording.artist_key, recording.duration_seconds))
        return Verdict.TAKEN

    def _describe(self, data: WorkInput) -> _NewWork | None:
        """The new work `data` describes, as register_work would make it; None if it is not new
        (or not plain: recording shares). Raises what register_work would raise first."""
        submitter = _required(data.submitter, "submitter")
        submitter_work_id = _required(data.submitter_work_id, "submitter_work_id")
        # register_work's checks (_check, then _claims' per line), in an order that may differ:
        # anything refused goes back to register_work, which says why.
        iswc = self._iswc(data.iswc) if data.iswc else None
        lines = [self._line(line) for line in data.shares]  # what _claims checks first
        if (iswc is not None and iswc in self._iswcs) or (submitter, submitter_work_id) in self._work_ids:
            return None
        recordings = [self._recording(r, data.source) for r in data.recordings]
        seen: set[tuple[str, str, int | None] | str] = set()
        for recording in recordings:
            key = recording.isrc or (recording.title_key, recording.artist_key, recording.duration_seconds)
            if recording.has_shares or key in seen or key in (self._isrcs if recording.isrc else self._plain):
                return None  # a recording we hold, or one named twice: it gets a second link
            seen.add(key)
        title = _title(data.title)
        title_key = self._title_key(title)
        language = data.language.strip().upper() if data.language else None
        titles: list[tuple[str, str, str | None, str]] = []
        keys = {title_key}
        for alt in (AltTitle(*alt) for alt in data.alt_titles):  # as add_alternate_title
            alt_title = _title(alt.title)
            alt_key = self._title_key(alt_title)
            if not alt_key or alt_key in keys:
                continue
            keys.add(alt_key)
            alt_language = alt.language.strip().upper() if alt.language else None
            titles.append((alt_title, _title_type(alt.type), alt_language, alt_key))
        return _NewWork(
            submitter=submitter,
            submitter_work_id=submitter_work_id,
            iswc=iswc,
            title=title,
            title_key=title_key,
            language=language or None,
            duration_seconds=_duration(data.duration_seconds) if data.duration_seconds is not None else None,
            titles=titles,
            lines=lines,
            claims={},
            parties={},
            source=data.source,
            recordings=recordings,
        )

    def _recording(self, data: RecordingInput, source: str | None) -> _NewRecording:
        """A recording registration, normalised as register_recording does it."""
        title = _title(data.title)
        artist = (data.artist or "").strip() or None
        return _NewRecording(
            isrc=self._isrc(data.isrc) if data.isrc else None,
            title=title,
            title_key=self._title_key(title),
            artist=artist,
            artist_key=self._artist_key(artist) if artist else "",
            duration_seconds=_duration(data.duration_seconds) if data.duration_seconds is not None else None,
            release_title=(data.release_title or "").strip() or None,
            release_date=data.release_date,
            label=(data.label or "").strip() or None,
            source=data.source or source,
            has_shares=bool(data.shares),
        )

    def _title_key(self, title: str) -> str:
        found = self._normal.get(("title", title))
        if found is None:
            found = self._normal[("title", title)] = normalise_title(title)
        return found

    def _artist_key(self, artist: str) -> str:
        found = self._normal.get(("artist", artist))
        if found is None:
            found = self._normal[("artist", artist)] = name_key(artist)
        return found

    def _iswc(self, text: str) -> str:
        found = self._normal.get(("iswc", text))
        if found is None:
            found = self._normal[("iswc", text)] = normalise_iswc(text)
        return found

    def _isrc(self, text: str) -> str:
        found = self._normal.get(("isrc", text))
        if found is None:
            found = self._normal[("isrc", text)] = normalise_isrc(text)
        return found

    def _line(self, line: ShareInput) -> tuple[str, str, int]:
        """(role, right type, share) of a share line, checked as _claims does."""
        key = (line.role, line.right_type)
        words = self._words.get(key)
        if words is None:
            words = self._words[key] = (share_role(line.role), right_type(line.right_type))
        return (*words, check_share(line.share))

    def _claims(self, data: WorkInput, work: _NewWork) -> Verdict:
        """Fill in the work's claims as register_work states them (TAKEN); USUAL (nothing
        changed) if they exceed the whole or register_work would refuse them."""
        known = self._peek(data.shares, work.lines)
        found = [party for party in known if party is not None]
        savepoint = None
        if len(found) == len(known):
            claims = _sum_claims(data.shares, found, work.lines)  # no look-up needed
        else:
            savepoint = self.session.begin_nested()  # parties to make or complete
            filled = self.parties.bases_filled
            try:
                claims = _claims(self.session, data.shares, self.parties)
            except (RegistryError, ValueError):
                claims = None
            if claims is not None and self.parties.bases_filled != filled and self.planned:
                # A party's IPI base number filled in changes what duplicate detection sees:
                # the works planned before it are probed as things stood before.
                savepoint.rollback()
                self.parties.clear()
                return Verdict.AFTER_WRITE
        per_right = {} if claims is None else _totals(claims)
        if claims is None or exceeded(per_right):  # refused, or a conflict case to open
            if savepoint is not None:
                savepoint.rollback()  # the parties made or completed for it
                self.parties.clear()
            return Verdict.USUAL
        if savepoint is not None:
            savepoint.commit()
            found = [self._party(party_id) for party_id, _, _ in claims]
        work.claims, work.per_right = claims, per_right
        work.parties = {party.id: party for party in found}
        return Verdict.TAKEN

    def _peek(self, shares: Sequence[ShareInput], lines: list[tuple[str, str, int]]) -> list[Party | None]:
        """PartyCache.peek of each line's party in its role. A party has a line per right type,
        with one PartyRef (the CWR importer makes them once): it is looked up once."""
        out: list[Party | None] = []
        peeked: dict[tuple[int, tuple[str, ...]], Party | None] = {}
        for line, (role, _, _) in zip(shares, lines, strict=True):
            roles = _PARTY_ROLES.get(role, ("publisher",))
            key = (id(line.party), roles)  # the lines hold their parties for the whole call
            if key not in peeked:
                peeked[key] = self.parties.peek(line.party, roles)
            out.append(peeked[key])
        return out

    def _party(self, party_id: int) -> Party:
        party = self.session.get(Party, party_id)
        assert party is not None  # _claims just found or made it
        return party

    # --- writing -------------------------------------------------------------------------------

    def discard(self) -> None:
        """Forget the planned works (their savepoint was rolled back)."""
        self.planned = []

    def write(self) -> int:
        """Write the planned works, their entries and their duplicate candidates; return how many."""
        works, self.planned = self.planned, []
        self.written = []
        if not works:
            return 0
        session = self.session
        session.flush()
        recordings = [r for work in works for r in work.recordings]
        for work, work_id in zip(works, reserve_ids(session, work_table, len(works)), strict=True):
            work.id = work_id
        for recording, recording_id in zip(
            recordings, reserve_ids(session, recording_table, len(recordings)), strict=True
        ):
            recording.id = recording_id
        self._insert(works, recordings)
        # The parties' facts, read once per batch (ORM attribute reads add up over ten claims a work).
        # Parties change only between batches (Verdict.AFTER_WRITE).
        parties = {party_id: party for work in works for party_id, party in work.parties.items()}
        named = {
            party_id: _Party(party.name, party.first_name, party.ipi_name, _writer(party))
            for party_id, party in parties.items()
        }
        pairs = self._candidates(works, recordings, named)
        ids = iter(reserve_ids(session, _candidate, sum(len(g) for groups in pairs for g in groups)))
        queued: list[tuple[Any, ...]] = []
        facts: list[Fact] = []
        # register_work's order: the work, its pairs, then each recording followed by its pairs.
        for work, groups in zip(works, pairs, strict=True):
            for fact, group in zip(_facts(work, named), groups, strict=True):
                facts.append(fact)
                for row in group:
                    queued.append((next(ids), *row))
                    facts.append(_candidate_fact(queued[-1]))
        record_many(session, facts)
        self._queue(queued)
        self.written = [work.id for work in works]
        return len(works)

    def _insert(self, works: list[_NewWork], recordings: list[_NewRecording]) -> None:
        session = self.session
        insert_rows(
            session,
            work_table,
            (
                "id",
                "iswc",
                "title",
                "title_key",
                "language",
                "duration_seconds",
                "status",
                "primary_submitter",
            ),
            [
                (w.id, w.iswc, w.title, w.title_key, w.language, w.duration_seconds, w.status, w.submitter)
                for w in works
            ],
        )
        insert_rows(
            session,
            _work_title,
            ("work_id", "title", "title_type", "language", "title_key"),
            [(w.id, *title) for w in works for title in w.titles],
        )
        insert_rows(
            session,
            _registration,
            ("work_id", "submitter", "submitter_work_id", "source"),
            [(w.id, w.submitter, w.submitter_work_id, w.source) for w in works],
        )
        insert_rows(
            session,
            _work_share,
            ("work_id", "party_id", "submitter", "role", "right_type", "share", "controlled"),
            [
                (w.id, party_id, w.submitter, role, right, share, controlled)
                for w in works
                for (party_id, role, right), (share, controlled) in sorted(w.claims.items())
            ],
        )
        insert_rows(
            session,
            match_key_table,
            ("match_key", "work_id"),
            [(key, w.id) for w in works for key in sorted(_match_keys(w))],
        )
        insert_rows(
            session,
            recording_table,
            (
                "id",
                "isrc",
                "title",
                "title_key",
                "artist",
                "artist_key",
                "duration_seconds",
                "release_title",
                "release_date",
                "label",
                "status",
            ),
            [
                (
                    r.id,
                    r.isrc,
                    r.title,
                    r.title_key,
                    r.artist,
                    r.artist_key,
                    r.duration_seconds,
                    r.release_title,
                    r.release_date.isoformat() if r.release_date else None,
                    r.label,
                    "incomplete",  # recording_status: no performer or producer shares yet
                )
                for r in recordings
            ],
        )
        insert_rows(
            session,
            recording_work,
            ("recording_id", "work_id"),
            [(r.id, w.id) for w in works for r in w.recordings],
        )

    def _candidates(
        self, works: list[_NewWork], recordings: list[_NewRecording], named: dict[int, _Party]
    ) -> list[list[list[tuple[Any, ...]]]]:
        """The pairs register_work would queue: each work (recording) with the works
        (recordings) registered before it, in registration order. Per work: its own pairs,
        then each of its recordings' pairs, as duplicate_candidate rows without their ids."""
        session = self.session
        probes = [
            WorkProbe(
                w.id,
                w.title,
                frozenset({w.title_key, *(key for *_, key in w.titles)}),
                tuple(sorted({named[party_id].writer for party_id, role, _ in w.claims if role in _WRITERS})),
            )
            for w in works
        ]
        work_matches = title_and_writer_matches(session, probes, {w.id: n for n, w in enumerate(works)})
        recording_probes = [
            RecordingProbe(r.id, r.title_key, r.artist_key, r.duration_seconds) for r in recordings
        ]
        recording_matches = iter(
            title_artist_duration_matches(
                session, recording_probes, {r.id: n for n, r in enumerate(recordings)}
            )
        )
        out: list[list[list[tuple[Any, ...]]]] = []
        probe_of = iter(recording_probes)
        for work, probe, matches in zip(works, probes, work_matches, strict=True):
            own: list[tuple[Any, ...]] = []
            for match in matches:
                first, second = sorted((work.id, match.other_id))
                detail = work_detail(probe, match)[:300] or None
                own.append(("work", first, second, None, None, TITLE_AND_WRITER, detail, PENDING))
            groups = [own]
            for recording in work.recordings:
                recording_probe = next(probe_of)
                pairs: list[tuple[Any, ...]] = []
                for other_id, other_duration in next(recording_matches):
                    first, second = sorted((recording.id, other_id))
                    detail = recording_detail(
                        recording.title, recording.artist, recording_probe, other_duration
                    )
                    pairs.append(
                        (
                            "recording",
                            None,
                            None,
                            first,
                            second,
                            TITLE_ARTIST_DURATION,
                            detail[:300] or None,
                            PENDING,
                        )
                    )
                groups.append(pairs)
            out.append(groups)
        return out

    def _queue(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert the pairs (with their ids first), as propose would have."""
        insert_rows(
            self.session,
            _candidate,
            (
                "id",
                "subject",
                "first_work_id",
                "second_work_id",
                "first_recording_id",
                "second_recording_id",
                "reason",
                "detail",
                "status",
            ),
            rows,
        )


def _writer(party: Party) -> Writer:
    return Writer(party.id, party.ipi_name, party.ipi_base, party.name_key)


def _match_keys(work: _NewWork) -> set[str]:
    writers = {party_id for party_id, role, _ in work.claims if role in _WRITERS}
    return match_keys([work.title_key, *(key for *_, key in work.titles)], writers)


class _Party(NamedTuple):
    name: str
    first_name: str | None
    ipi_name: str | None
    writer: Writer


def _facts(work: _NewWork, named: dict[int, _Party]) -> list[Fact]:
    """Version 1 of the work's entry, then of each of its recordings' (register_work's order)."""
    claims = sorted(work.claims.items())
    body = work_facts(
        iswc=work.iswc,
        title=work.title,
        titles=[(title, kind, language) for title, kind, language, _ in work.titles],
        language=work.language,
        duration_seconds=work.duration_seconds,
        status=work.status,
        registrations=[(work.submitter, work.submitter_work_id)],
        shares=[
            share_fact(work.submitter, named[party_id], role, right, share, controlled)
            for (party_id, role, right), (share, controlled) in claims
        ],
        per_right=work.per_right,
        open_conflicts=[],
    )
    facts = [Fact("work", WORK.make(work.id), _sourced(body, work.source))]
    for recording in work.recordings:
        body = recording_facts(
            isrc=recording.isrc,
            title=recording.title,
            artist=recording.artist,
            duration_seconds=recording.duration_seconds,
            release_title=recording.release_title,
            release_date=recording.release_date,
            label=recording.label,
            shares=[],
            works=[WORK.make(work.id)],
            status="incomplete",
        )
        facts.append(Fact("recording", RECORDING.make(recording.id), _sourced(body, recording.source)))
    return facts


def _candidate_fact(row: tuple[Any, ...]) -> Fact:
    """The queued pair's first version (registry.kinds.duplicate_candidate), as propose records it."""
    candidate_id, subject, first_work, second_work, first_rec, second_rec, reason, detail, status = row
    pair = (first_work, second_work) if subject == "work" else (first_rec, second_rec)
    body = pair_body(candidate_id, subject, pair, reason, detail, status)
    return Fact("duplicate_candidate", DUPLICATE.make(candidate_id), body)


def _sum_claims(
    shares: Sequence[ShareInput], parties: list[Party], lines: list[tuple[str, str, int]]
) -> dict[tuple[int, str, str], tuple[int, bool]] | None:
    """repertoire._claims once the parties are known; None where it would refuse (a party's
    lines in one role and right type adding up to more than the whole)."""
    out: dict[tuple[int, str, str], tuple[int, bool]] = {}
    for line, party, (role, right, share) in zip(shares, parties, lines, strict=True):
        key = (party.id, role, right)
        held, controlled = out.get(key, (0, False))
        if held + share > FULL_SHARE:
            return None
        out[key] = (held + share, controlled or line.controlled)
    return out


def _totals(claims: dict[tuple[int, str, str], tuple[int, bool]]) -> dict[str, int]:
    """registry.shares.totals of one submitter's claims: with one submitter and no
    decided shares, what counts per right type is simply the sum of its claims."""
    out: dict[str, int] = {}
    for (_, _, right), (share, _) in claims.items():
        out[right] = out.get(right, 0) + share
    return out


def _sourced(body: dict[str, Any], source: str | None) -> dict[str, Any]:
    return {**body, "source": source} if source else body


def reserve_ids(session: Session, table: Any, count: int) -> list[int]:
    """`count` fresh primary keys of `table`, for rows this transaction inserts itself."""
    if count == 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        # From the table's own sequence, so the ORM's later inserts never collide with them.
        return list(
            session.scalars(
                text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
                {"table": table.name, "count": count},
            )
        )
    # SQLite: this transaction holds the database's only write lock, so nobody else inserts
    # until it commits; rowids continue from the largest.
    lock_log(session)
    largest = session.scalar(select(table.c.id).order_by(table.c.id.desc()).limit(1)) or 0
    return list(range(largest + 1, largest + 1 + count))
