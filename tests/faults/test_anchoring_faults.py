"""Fault injection (issue 10): the anchoring job killed at each of its steps, many times over
random data, and a CWR import killed mid-way; after a restart nothing is lost, nothing is
anchored twice, nothing is half-written, and the database and the chain agree (the audit).

A killed run is a forked child process (the application already imported: a fresh interpreter
costs seconds on a busy machine) that dies by SIGKILL at a named crash point (anchor/faults.py,
RIGHTS_CRASH_AT) or at a chosen transaction of an import: no cleanup, no rollback, no flush, as
in a power cut. The parent holds no open database connection or chain while a child runs.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from anchor.accounts import publisher_account
from anchor.chain import connect
from anchor.contract import AnchorContract
from anchor.faults import ANCHORING
from registry.audit.run import ChainView, audit
from registry.cwr.generate import generate_cwr
from registry.ledger_writer import Fact, record_many
from registry.models import (
    AnchorContractRow,
    AnchorRecord,
    Checkpoint,
    CwrImport,
    Party,
    Recording,
    Work,
    WorkShare,
    entry_table,
    leaf_table,
)
from registry.services.anchoring.job import ensure_contract
from registry.services.enforcement.evidence import evidence_id
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.cwr_import import import_cwr
from registry.services.repertoire.registration import ShareInput, WorkInput, register_work
from rightsledger.context import initialise, log_key, sessions, unit_of_work
from rightsledger.settings import load_settings

CRASH_POINTS = ANCHORING
SEEDS = (11, 23, 47)
ROUNDS = 9  # per seed: every point once, then random ones (or a run that is not killed)
WORKS = 12  # registrations in the CWR file killed mid-way
fork = multiprocessing.get_context("fork")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(data))
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    initialise(settings)
    with connect(None, data) as conn:
        ensure_contract(sessions(settings), conn, publisher_account(conn), settings.log_origin)
    return data


# --- children ---------------------------------------------------------------------------------------


def _anchor_child(crash_at: str | None) -> None:
    """`rightsledger anchor` in a forked child; killed at `crash_at` when given."""
    if crash_at:
        os.environ["RIGHTS_CRASH_AT"] = crash_at
    from rightsledger.commands.anchoring import anchor

    anchor(watch=False, interval=60.0, as_json=True)


def in_child(target: Callable[..., None], *args: Any, kill_after: float | None = None) -> int:
    """Run `target(*args)` in a forked child; return its exit code (-9: killed)."""
    child = fork.Process(target=target, args=args)
    child.start()
    child.join(kill_after)
    if child.is_alive():
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join()
    child.join(120)
    assert child.exitcode is not None, "the child did not finish"
    return int(child.exitcode)


def anchor_crashing_at(point: str) -> None:
    code = in_child(_anchor_child, point)
    assert code == -signal.SIGKILL, f"`anchor` with RIGHTS_CRASH_AT={point} exited {code}, expected SIGKILL"


def recover() -> None:
    """Runs until a run has nothing left to do (the first finishes what a crash left)."""
    for _ in range(3):
        assert in_child(_anchor_child, None) == 0, "a recovery run failed"
        with sessions(load_settings())() as session:
            size = session.scalar(select(func.count()).select_from(leaf_table))
            entries = session.scalar(select(func.count()).select_from(entry_table))
            anchored = session.scalar(select(func.max(AnchorRecord.tree_size)))
        if size == entries == anchored:
            return
    raise AssertionError(f"not up to date after 3 runs: log {size}, entries {entries}, anchored {anchored}")


# --- random data -------------------------------------------------------------------------------------


def record_random(rng: random.Random, tag: str) -> int:
    """Evidence, works (with shares) and new versions of earlier works, in random amounts; returns
    how many entries were recorded."""
    facts = []
    for n in range(rng.randint(1, 4)):  # at least one: every crash point is then reached
        sha = rng.randbytes(32).hex()
        facts.append(
            Fact(
                "evidence",
                evidence_id(sha),
                {"sha256": sha, "size": rng.randint(1, 10**6), "name": f"{tag}-{n}.log"},
            )
        )
    with unit_of_work(load_settings()) as session:
        before = session.scalar(select(func.count()).select_from(entry_table)) or 0
        record_many(session, facts)
        for n in range(rng.randint(0, 3)):
            number = rng.randint(1, 12)  # a work seen again gets a new version
            writer = PartyRef(name=f"Writer {rng.randint(1, 5)}")
            register_work(
                session,
                WorkInput(
                    submitter="CMO",
                    submitter_work_id=f"CMO-{number}",
                    title=f"Song {number} ({tag}.{n})",
                    shares=[
                        ShareInput(party=writer, role="CA", right_type="PR", share=rng.choice([5000, 10000]))
                    ],
                ),
            )
        after = session.scalar(select(func.count()).select_from(entry_table)) or 0
    return after - before


# --- the whole-state check --------------------------------------------------------------------------


def assert_consistent(data_dir: Path) -> None:
    """No lost entry, no checkpoint twice, database and chain agree (the full audit is clean)."""
    settings = load_settings()
    with sessions(settings)() as session:
        entries = session.scalar(select(func.count()).select_from(entry_table))
        leaves = session.scalars(select(leaf_table.c.leaf_index).order_by(leaf_table.c.leaf_index)).all()
        records = session.scalars(select(AnchorRecord).order_by(AnchorRecord.checkpoint_index)).all()
        contract = session.scalars(select(AnchorContractRow)).one()
        signed_sizes = session.scalars(select(Checkpoint.tree_size)).all()
        session.expunge_all()
    assert list(leaves) == list(range(entries or 0)), "an entry is missing from the log"
    assert [r.checkpoint_index for r in records] == list(range(len(records)))
    sizes = [r.tree_size for r in records]
    assert sizes == sorted(set(sizes)) and sizes[-1] == entries, f"anchored sizes {sizes}, {entries} entries"
    assert len(signed_sizes) == len(set(signed_sizes)), "a tree size was signed twice"
    with connect(None, data_dir, read_only=True) as conn:
        on_chain = AnchorContract(conn.w3, contract.address)
        count = on_chain.checkpoint_count()
        assert count == len(records), f"{count} checkpoints on chain, {len(records)} recorded"
        # One transaction per checkpoint: nothing was anchored twice (a second try would revert).
        sent = conn.w3.eth.get_transaction_count(publisher_account(conn).address)
        assert sent == 1 + count, f"{sent - 1} anchor transactions for {count} checkpoints"
        with sessions(settings)() as session:
            report = audit(
                session,
                verifier=log_key(settings).verifier(),
                origin=settings.log_origin,
                chain=ChainView(on_chain, conn.chain_id),
            )
    assert report.clean, [f.line() for f in report.findings]


# --- the anchoring job -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_anchoring_killed_at_random_steps_loses_nothing(data_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    points = list(CRASH_POINTS)
    rng.shuffle(points)
    plan = points + [rng.choice([*CRASH_POINTS, None]) for _ in range(ROUNDS - len(points))]
    recorded = 0
    for round_number, point in enumerate(plan):
        recorded += record_random(rng, f"s{seed}r{round_number}")
        if point is None:
            assert in_child(_anchor_child, None) == 0
        else:
            anchor_crashing_at(point)
    recorded += record_random(rng, f"s{seed}-last")
    recover()
    assert_consistent(data_dir)


# --- a CWR import -----------------------------------------------------------------------------------


def _import_child(data: bytes, die_at: int | None) -> None:
    """Import in a forked child; SIGKILL at transaction `die_at` (0: after the import, before the
    commit)."""

    def progress(done: int, _total: int) -> None:
        if done == die_at:
            os.kill(os.getpid(), signal.SIGKILL)

    with unit_of_work(load_settings()) as session:
        import_cwr(session, data, name="catalogue.v22", progress=progress)
        if die_at == 0:
            os.kill(os.getpid(), signal.SIGKILL)


def business_counts() -> dict[str, int]:
    with sessions(load_settings())() as session:
        return {
            model.__name__ if hasattr(model, "__name__") else str(model): int(
                session.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in (CwrImport, Work, WorkShare, Party, Recording, entry_table)
        }


def test_a_cwr_import_killed_mid_way_leaves_nothing_half_written(data_dir: Path) -> None:
    rng = random.Random(2026)
    record_random(rng, "before")
    data = generate_cwr(WORKS, seed=7)
    before = business_counts()
    for die_at in [0, 1, WORKS, *rng.sample(range(2, WORKS), 2)]:
        code = in_child(_import_child, data, die_at)
        assert code == -signal.SIGKILL, f"the import meant to die at {die_at} exited {code}"
        assert business_counts() == before, f"killed at transaction {die_at}: something was written"
    # Killed from outside at random moments (which may fall during the commit): all or nothing.
    for delay in (rng.uniform(0.05, 1.5) for _ in range(2)):
        in_child(_import_child, data, None, kill_after=delay)
        now = business_counts()
        if now != before:
            break  # it committed before the kill: check it is whole below
    imported = in_child(_import_child, data, None) == 0
    assert imported
    after = business_counts()
    assert after["CwrImport"] == before["CwrImport"] + 1
    assert after["Work"] - before["Work"] == WORKS, "the import is not whole"
    with sessions(load_settings())() as session:
        report = session.scalars(select(CwrImport)).one().report
    assert report["accepted"] == WORKS and report["works_created"] == WORKS, report
    recover()
    assert_consistent(data_dir)


def test_the_harness_notices_a_lost_entry(data_dir: Path) -> None:
    """The checks can fail: an entry recorded after the last anchor is reported missing."""
    record_random(random.Random(1), "x")
    recover()
    assert_consistent(data_dir)
    with unit_of_work(load_settings()) as session:
        sha = "ab" * 32
        record_many(session, [Fact("evidence", evidence_id(sha), {"sha256": sha, "size": 1, "name": "late"})])
    with pytest.raises(AssertionError, match="an entry is missing from the log"):
        assert_consistent(data_dir)
