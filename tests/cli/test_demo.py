"""`rightsledger demo --no-serve --scale small`, run once as a user runs it (its own process), then
checked from the outside: every entry in an anchored checkpoint, proofs of every kind verified
offline and on chain, the distributions conserve money, and the audit is clean."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchor.contract import AnchorContract
from anchor.trust import verification_policy
from anchor.verify import chain_checks
from ledger import dump_rlproof, load_proof, verify_proof
from ledger.entry import parse_entry
from ledger.kinds import KINDS
from registry.cwr import parse_cwr
from registry.kinds import DECLARATIONS
from registry.models import AnchorRecord, DistributionRun, entry_table, leaf_table
from registry.services.anchoring.job import contract_for_chain
from registry.services.anchoring.proofs import proof_for
from registry.services.distribution.runs import check_conservation, recorded_lines
from rightsledger.context import open_chain, sessions
from rightsledger.settings import Settings, load_settings
from tests.conftest import application_env

CHAIN_STEPS = ["on-chain checkpoint", "contract verifyInclusion", "anchor transaction"]
SAMPLE = 3  # proofs checked per kind (and per form: whole and hash only)


@dataclass
class Demo:
    target: Path
    out: str
    settings: Settings


def _cli(*args: str, data_dir: Path, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    env = application_env() | {"RIGHTS_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "rightsledger.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    home = tmp_path_factory.mktemp("demo")
    target = home / "demo"
    done = _cli(
        "demo", "--no-serve", "--scale", "small", "--data-dir", str(target), data_dir=home / "base", cwd=home
    )
    assert done.returncode == 0, f"stdout: {done.stdout}\nstderr: {done.stderr}"
    return Demo(target, done.stdout, load_settings(data_dir=target, database_url=None, log_key_path=None))


@pytest.fixture
def session(demo: Demo) -> Iterator[Session]:
    factory = sessions(demo.settings)
    with factory() as s:
        yield s
    factory.kw["bind"].dispose()


def test_the_demo_says_what_it_built_and_proved(demo: Demo) -> None:
    out = demo.out
    assert "the contract confirms append-only: True" in out
    assert "entries not in an anchored checkpoint: 0" in out
    assert "invalid at leaf hash" in out and out.count("valid") >= 12
    assert "20 of 20 registrations accepted" in out
    # the acknowledgement sent back to the publisher: one AS (or CO, DU) per transaction
    ack = parse_cwr((demo.target / "catalogue.ack.v22").read_bytes(), name="catalogue.ack.v22")
    statuses = [t.ack.status for t in ack.transactions if t.ack is not None]
    assert len(statuses) == 20 and set(statuses) <= {"AS", "CO", "DU"} and "catalogue.ack.v22" in out
    assert re.search(
        r"AI declarations: W-[0-9]+ AI-assisted \(Suno v4, human share 70%\), W-[0-9]+ made without AI", out
    )
    sent = re.search(r"the society's works as CWR for a sister society: ([0-9]+) works in (\S+)", out)
    assert sent is not None and int(sent[1]) >= 20
    assert len(parse_cwr(Path(sent[2]).read_bytes(), name=Path(sent[2]).name).transactions) == int(sent[1])
    assert re.search(r"members' roster: M-[0-9]+ applied with 2 mandates and was admitted", out)
    # finance imported the bank's statement: the part-paid licensees' remainders, one left to allocate
    banked = re.search(r"bank statement (\S+): ([0-9]+) payments recorded .*, 1 left to allocate", out)
    assert banked is not None and int(banked[2]) >= 1 and Path(banked[1]).stat().st_mode & 0o077 == 0
    # the licensing officer corrected a licensee and suspended and reinstated one of its licenses
    assert re.search(r"licensing officer: LE-[0-9]+ moved .* LIC-[0-9]{4}-[0-9]{6} suspended", out), out
    for role in ("admin", "auditor", "licensing", "member", "licensee"):
        assert f"\n  {role}" in out, role
    files = {p.name for p in (demo.target / "proofs").iterdir()}
    assert any(name.endswith(".tlog-proof") for name in files)
    assert any(name.endswith(".tampered.rlproof") for name in files)
    assert any(name.startswith("EV-") for name in files) and "statement.rlproof" in files


def test_every_entry_is_in_an_anchored_checkpoint(demo: Demo, session: Session) -> None:
    entries = session.scalar(select(func.count()).select_from(entry_table))
    unlogged = session.scalar(
        select(func.count())
        .select_from(entry_table.outerjoin(leaf_table, leaf_table.c.entry_seq == entry_table.c.seq))
        .where(leaf_table.c.leaf_index.is_(None))
    )
    latest = session.scalars(select(AnchorRecord).order_by(AnchorRecord.tree_size.desc())).first()
    assert entries and unlogged == 0 and latest is not None
    assert latest.tree_size == entries
    # The chain agrees: its latest checkpoint is that tree (size and root).
    with open_chain(demo.settings, read_only=True) as conn:
        row = contract_for_chain(session, conn.chain_id)
        assert row is not None
        contract = AnchorContract(conn.w3, row.address)
        count = contract.checkpoint_count()
        on_chain = contract.checkpoint(count - 1)
    assert count >= 2 and (on_chain.tree_size, on_chain.root) == (latest.tree_size, latest.root)


def test_a_sample_of_proofs_of_every_kind_verifies_offline_and_on_chain(demo: Demo, session: Session) -> None:
    vkey = demo.settings.verifier_key_file.read_text().strip()
    rng = random.Random(9)
    with open_chain(demo.settings, read_only=True) as conn:
        row = contract_for_chain(session, conn.chain_id)
        assert row is not None
        policy = verification_policy(vkeys=[vkey], origin=demo.settings.log_origin, contracts=[row.address])
        checks = chain_checks(conn, policy)
        for kind in KINDS:
            ids = sorted(
                session.scalars(select(entry_table.c.entry_id).where(entry_table.c.kind == kind).distinct())
            )
            assert ids, f"the demo recorded no {kind} entry"
            for entity_id in rng.sample(ids, min(SAMPLE, len(ids))):
                for whole in (True, False) if KINDS[kind].private else (True,):
                    proof = load_proof(dump_rlproof(proof_for(session, kind, entity_id, include_entry=whole)))
                    report = verify_proof(proof, policy, checks)
                    assert report.ok, (kind, entity_id, whole, report.to_dict())
                    assert [s.name for s in report.steps][-3:] == CHAIN_STEPS
        # The demo's own proof files too: all valid but the tampered one, which fails its hash.
        for path in sorted((demo.target / "proofs").iterdir()):
            report = verify_proof(load_proof(path.read_text()), policy, checks)
            if "tampered" in path.name:
                assert not report.ok and report.failed is not None and report.failed.name == "leaf hash"
            else:
                assert report.ok, (path.name, report.to_dict())


def test_every_body_field_is_declared_with_its_kind(session: Session) -> None:
    # docs/entries.md is written from the declarations: a field a body states must be described there.
    stated: dict[str, set[str]] = {}
    for kind, canonical in session.execute(select(entry_table.c.kind, entry_table.c.canonical)):
        stated.setdefault(kind, set()).update(parse_entry(bytes(canonical)).body)
    assert set(stated) == set(DECLARATIONS)  # the demo records every kind
    for kind, fields in stated.items():
        assert fields <= set(DECLARATIONS[kind].fields), f"{kind}: {fields - set(DECLARATIONS[kind].fields)}"


def test_the_distributions_conserve_money(session: Session) -> None:
    runs = session.scalars(select(DistributionRun)).all()
    assert {run.source for run in runs} == {"karaoke", "online"}
    for run in runs:
        assert check_conservation(session, run.id) == []
        canonical = session.scalars(
            select(entry_table.c.canonical)
            .where(
                entry_table.c.kind == "distribution_summary",
                entry_table.c.entry_id == f"DIST-{run.period}-{run.source}",
            )
            .order_by(entry_table.c.version.desc())
        ).first()
        assert canonical is not None
        summary = parse_entry(bytes(canonical)).body
        # From the members' statement entries (what was anchored), and from the recorded lines.
        lines = 0
        for (body_bytes,) in session.execute(
            select(entry_table.c.canonical).where(
                entry_table.c.kind == "distribution_line",
                entry_table.c.entry_id.like(f"DIST-{run.period}-{run.source}/%"),
            )
        ):
            statement = parse_entry(bytes(body_bytes)).body
            if statement["run"] == run.sequence:
                amount = list(statement["columns"]).index("amount")
                lines += sum(line[amount] for line in statement["lines"])
        assert lines == int(recorded_lines(session, [run.id])["amount"].sum())
        assert summary["pool"] > 0 and lines > 0
        assert lines + summary["deduction"] + sum(summary["reserve"].values()) == summary["pool"]


def test_the_audit_is_clean(demo: Demo) -> None:
    done = _cli("audit", "--json", data_dir=demo.target, cwd=demo.target, timeout=600)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["findings"] == [], done.stdout[-4000:] + done.stderr[-2000:]
    assert os.path.exists(demo.target / "rightsledger.db")


def _repertoire_entries(data_dir: Path, seed: int) -> list[tuple[str, str, int, str]]:
    from ledger.canonical import canonical_bytes
    from registry.crypto import field_cipher
    from rightsledger.context import initialise, unit_of_work
    from rightsledger.demodata.repertoire import review_examples, seed_repertoire

    settings = load_settings(data_dir=data_dir, database_url=None, log_key_path=None)
    initialise(settings)
    with unit_of_work(settings) as s:
        seed_repertoire(s, field_cipher(settings.data_key_file), seed=seed, members=12, works=120)
        review_examples(s)
    with unit_of_work(settings) as s:
        rows = s.execute(
            select(entry_table.c.kind, entry_table.c.canonical).order_by(entry_table.c.seq)
        ).all()
    out = []
    for kind, canonical in rows:
        entry = parse_entry(bytes(canonical))
        # Bodies only: the envelope's time and (private kinds) salt differ from run to run, and
        # so does the moment staff decided a duplicate pair.
        body = {k: v for k, v in entry.body.items() if k != "decided_at"}
        out.append((kind, entry.id, entry.version, canonical_bytes(body).decode()))
    return out


def test_the_same_seed_builds_the_same_repertoire(tmp_path: Path) -> None:
    first = _repertoire_entries(tmp_path / "a", seed=5)
    again = _repertoire_entries(tmp_path / "b", seed=5)
    other = _repertoire_entries(tmp_path / "c", seed=6)
    assert len(first) > 240 and any(kind == "conflict" for kind, *_ in first)
    assert first == again
    assert first != other


def test_the_demo_never_replaces_a_directory_it_did_not_make(tmp_path: Path) -> None:
    precious = tmp_path / "data"
    precious.mkdir()
    (precious / "rightsledger.db").write_text("a society's real database")
    done = _cli(
        "demo", "--no-serve", "--scale", "small", "--data-dir", str(precious), data_dir=tmp_path, cwd=tmp_path
    )
    assert done.returncode != 0 and "not made by the demo" in done.stdout + done.stderr
    assert (precious / "rightsledger.db").read_text() == "a society's real database"
