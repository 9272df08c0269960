"""The bulk path of the CWR import (registry.services.repertoire.new_works) changes nothing but the speed:
importing files with it gives, row for row and entry for entry, what registering each work
through register_work gives. On SQLite and PostgreSQL, with files that mix brand-new works with
re-registrations, repeats inside one file, another submitter's conflicting claims, writers
without IPI numbers and transactions the registry rejects."""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from registry.cwr import generate as G
from registry.cwr import records as R
from registry.db import make_engine, make_session_factory, transaction
from registry.identifiers import generate_ipi_name
from registry.services.repertoire import new_works
from registry.services.repertoire.cwr_import import import_cwr
from tests.databases import migrate, postgres_database

Mutation = Callable[[int, list[tuple[str, dict[str, object]]]], None]


def _cwr(works: list[int], seed: int, sender: int = 199, mutate: Mutation | None = None) -> bytes:
    """A CWR 2.2 file of generate_cwr's works number `works` (a number twice: the same ISWC,
    submitter work id and ISRC again, with other writers and titles)."""
    layouts = R.LAYOUTS["2.2"]
    rng = random.Random(seed)  # test data
    writers = [G._Writer(rng, n) for n in range(1, 201)]
    header = {
        "sender_type": "PB",
        "sender_id": sender,
        "sender_name": f"PUBLISHER {sender}",
        "edi_version": "01.10",
        "creation_date": "20250102",
        "creation_time": "030405",
        "transmission_date": "20250102",
        "version": "2.2",
        "revision": 2,
    }
    lines = [G._render(layouts["HDR"], header, "HDR")]
    lines.append(
        G._render(
            layouts["GRH"], {"transaction_type": "NWR", "group_id": 1, "version_number": "02.20"}, "GRH"
        )
    )
    records = 1
    for sequence, number in enumerate(works):
        work = G._work(rng, number, writers, generate_ipi_name(199), generate_ipi_name(297), "2.2")
        if mutate is not None:
            mutate(sequence, work)
        for r, (record_type, values) in enumerate(work):
            lines.append(G._render(layouts[record_type], values, f"{record_type}{sequence:08d}{r:08d}"))
        records += len(work)
    records += 1
    trailer: dict[str, object] = {"group_id": 1, "transaction_count": len(works), "record_count": records}
    lines.append(G._render(layouts["GRT"], trailer, "GRT"))
    total: dict[str, object] = {
        "group_count": 1,
        "transaction_count": len(works),
        "record_count": records + 2,
    }
    lines.append(G._render(layouts["TRL"], total, "TRL"))
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _awkward(sequence: int, work: list[tuple[str, dict[str, object]]]) -> None:
    """Writers known by name only or by IPI base number only, and an unknown writer role."""
    writers = [values for record_type, values in work if record_type in ("SWR", "OWR")]
    if sequence % 11 == 3:
        writers[0].update(ipi_name="", ipi_base="")
    if sequence % 13 == 4:
        writers[0].update(ipi_name="")
    if sequence % 7 == 2 and len(writers) > 1:
        writers[1].update(ipi_name="", ipi_base="", last_name="NONAME", first_name="X")
    if sequence % 37 == 5:
        writers[0].update(designation="ZZ")  # the parser keeps it; the registry rejects it


FILES: list[tuple[str, Callable[[], bytes]]] = [
    ("first.v22", lambda: _cwr(list(range(150)), 1, mutate=_awkward)),
    # another submitter claiming 30 of those works: updates and conflicts
    ("other.v22", lambda: _cwr(list(range(100, 130)), 5, sender=250, mutate=_awkward)),
    # new works, a re-registration of an earlier one, and one work twice in the file
    ("again.v22", lambda: _cwr([*range(140, 190), 145, 300, 300], 6, mutate=_awkward)),
]

QUERIES = {
    "work": "SELECT id, iswc, title, title_key, language, duration_seconds, status, primary_submitter, "
    "merged_into_id FROM work ORDER BY id",
    "work_title": "SELECT work_id, title, title_type, language, title_key FROM work_title ORDER BY id",
    "work_registration": "SELECT work_id, submitter, submitter_work_id, source FROM work_registration "
    "ORDER BY id",
    "work_share": "SELECT work_id, party_id, submitter, role, right_type, share, controlled FROM work_share "
    "ORDER BY work_id, party_id, role, right_type, submitter",
    "recording": "SELECT id, isrc, title, title_key, artist, artist_key, duration_seconds, release_title, "
    "release_date, label, status, merged_into_id FROM recording ORDER BY id",
    "recording_work": "SELECT recording_id, work_id FROM recording_work ORDER BY 1, 2",
    "party": "SELECT id, kind, name, first_name, name_key, ipi_name, ipi_base, status, society FROM party "
    "ORDER BY id",
    "party_role": "SELECT party_id, role FROM party_role ORDER BY 1, 2",
    "duplicate_candidate": "SELECT subject, first_work_id, second_work_id, first_recording_id, "
    "second_recording_id, reason, detail, status FROM duplicate_candidate ORDER BY id",
    "share_conflict": "SELECT work_id, right_type, status, claimed_total FROM share_conflict ORDER BY id",
    "conflict_share": "SELECT conflict_id, party_id, stage, submitter, role, share FROM conflict_share "
    "ORDER BY id",
    "work_match_key": "SELECT match_key, work_id FROM work_match_key ORDER BY 1, 2",
}


def _import_all(url: str) -> dict[str, Any]:
    """Import FILES into the database at `url`; the reports and every row and entry written."""
    migrate(url)
    engine = make_engine(url)
    try:
        reports = []
        for name, data in FILES:
            with transaction(make_session_factory(engine)) as session:
                report = import_cwr(session, data(), name=name).to_dict()
            reports.append({k: v for k, v in report.items() if k != "sha256"})
        out: dict[str, Any] = {"reports": reports}
        with engine.connect() as connection:
            for table, sql in QUERIES.items():
                out[table] = [tuple(map(str, row)) for row in connection.execute(text(sql))]
            # Entries: everything but the time stamp (and so the leaf hashes chained from it).
            entries = connection.execute(
                text("SELECT kind, entry_id, version, prev_hash, canonical FROM ledger_entry ORDER BY seq")
            )
            out["ledger_entry"] = [
                (kind, entry_id, version, prev is None, json.loads(bytes(canonical))["body"])
                for kind, entry_id, version, prev, canonical in entries
            ]
            # What became of each transaction, as the acknowledgement will say it.
            stored = connection.execute(text("SELECT report FROM cwr_import ORDER BY id")).scalars()
            out["outcomes"] = [(r if isinstance(r, dict) else json.loads(r))["outcomes"] for r in stored]
        return out
    finally:
        engine.dispose()


@pytest.fixture
def second_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database of the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    with contextlib.contextmanager(postgres_database)() as url:
        yield url


def _one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_works.NewWorks, "plan", lambda self, data: new_works.Verdict.USUAL)


def test_bulk_import_writes_what_one_by_one_registration_writes(
    db_url: str, second_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk = _import_all(db_url)
    with monkeypatch.context() as patch:
        _one_by_one(patch)
        single = _import_all(second_url)
    assert [r["works_created"] for r in bulk["reports"]] == [146, 1, 40]  # the bulk path was taken
    assert bulk["share_conflict"] and bulk["duplicate_candidate"]  # the files exercise both
    for table in single:
        assert bulk[table] == single[table], table


def test_a_batch_the_database_refuses_is_registered_one_by_one(
    db_url: str, second_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = new_works.NewWorks.write
    batches: list[int] = []

    def write_failing_twice(self: new_works.NewWorks) -> int:
        if self.planned:
            batches.append(len(self.planned))
            if len(batches) in (1, 3):  # after all its inserts: the savepoint must undo them
                written(self)
                raise OperationalError("INSERT", {}, Exception("refused"))
        return written(self)

    with monkeypatch.context() as patch:
        patch.setattr(new_works.NewWorks, "write", write_failing_twice)
        replayed = _import_all(db_url)
    with monkeypatch.context() as patch:
        _one_by_one(patch)
        single = _import_all(second_url)
    assert len(batches) >= 3 and min(batches[0], batches[2]) > 10  # real batches were refused
    # PostgreSQL hands out the ids a rolled-back savepoint used only once: the same rows and
    # entries, with gaps in the numbering.
    replayed, single = _renumbered(replayed), _renumbered(single)
    for table in single:
        assert replayed[table] == single[table], table


# (table, column) -> what the column numbers: W work, R recording, M party, C conflict
_IDS = {
    ("work", 0): "W",
    ("work", 8): "W",
    ("work_title", 0): "W",
    ("work_registration", 0): "W",
    ("work_share", 0): "W",
    ("work_share", 1): "M",
    ("recording", 0): "R",
    ("recording", 11): "R",
    ("recording_work", 0): "R",
    ("recording_work", 1): "W",
    ("party", 0): "M",
    ("party_role", 0): "M",
    ("duplicate_candidate", 1): "W",
    ("duplicate_candidate", 2): "W",
    ("duplicate_candidate", 3): "R",
    ("duplicate_candidate", 4): "R",
    ("share_conflict", 0): "W",
    ("conflict_share", 0): "C",
    ("conflict_share", 1): "M",
    ("work_match_key", 1): "W",
}


def _renumbered(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot with every id replaced by its rank among the ids of its kind."""
    seen: dict[str, set[int]] = {"W": set(), "R": set(), "M": set(), "C": set()}
    for (table, column), kind in _IDS.items():
        seen[kind].update(int(row[column]) for row in snapshot[table] if row[column] != "None")
    seen["C"].update(int(e[1][2:]) for e in snapshot["ledger_entry"] if e[1].startswith("C-"))
    seen["DUP"] = {int(e[1][4:]) for e in snapshot["ledger_entry"] if e[1].startswith("DUP-")}
    rank = {kind: {n: r for r, n in enumerate(sorted(ids), 1)} for kind, ids in seen.items()}

    def cell(table: str, column: int, value: str) -> str:
        kind = _IDS.get((table, column))
        if kind is None or value == "None":
            return value
        return str(rank[kind][int(value)])

    def ref(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("DUP-") and value[4:].isdigit():
            return f"DUP-{rank['DUP'][int(value[4:])]}"
        if (
            isinstance(value, str)
            and len(value) > 2
            and value[1] == "-"
            and value[0] in rank
            and value[2:].isdigit()
        ):
            return f"{value[0]}-{rank[value[0]][int(value[2:])]}"
        if isinstance(value, list):
            return [ref(v) for v in value]
        if isinstance(value, dict):
            return {k: ref(v) for k, v in value.items()}
        return value

    out = dict(snapshot)
    for table in QUERIES:
        out[table] = [tuple(cell(table, n, v) for n, v in enumerate(row)) for row in snapshot[table]]
    out["work_match_key"] = sorted(
        (f"{rank['M'][int(key.split(':', 1)[0])]}:{key.split(':', 1)[1]}", work)
        for key, work in out["work_match_key"]
    )
    out["ledger_entry"] = [
        (k, ref(i), v, p, ref(_undigested(k, b))) for k, i, v, p, b in snapshot["ledger_entry"]
    ]
    out["outcomes"] = ref(snapshot["outcomes"])
    return out


def _undigested(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    """A cwr_file body without the digest of its report: the report names works by number, and
    the numbers are compared renumbered (the outcomes) instead."""
    return {k: v for k, v in body.items() if k != "report_sha256"} if kind == "cwr_file" else body
