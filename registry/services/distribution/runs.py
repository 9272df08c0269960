"""Distribution runs: allocate a period's pool for a source, record the payout lines, the
members' statements (private `distribution_line` entries) and the public `distribution_summary`,
in one transaction; and check afterwards that the money adds up (`check_conservation`).

- Idempotent per (period, source): running again with inputs that give the same payout changes
  nothing and answers with the recorded run; inputs that give a different payout are refused,
  unless asked for as an adjustment.
- An adjustment (sequence 1, 2...) recomputes the period with today's inputs and records only the
  DIFFERENCES to what was recorded before, line by line and figure by figure (negative amounts
  claw back): corrections are new lines, never rewrites. Its entries are the next versions of the
  period's summary and statements.
- Minimum payout per member and source: a member whose total (earned + brought forward) stays
  below it has the total carried forward (table carry_forward) and paid in a later run once it
  reaches the threshold.
- Final once anchored: `run_state` says whether the summary entry is in an anchored checkpoint.

Entry ids: summary `DIST-<period>-<source>`, statement `DIST-<period>-<source>/<member ledger id>`
(e.g. DIST-2026-03-karaoke/M-7). Statement bodies hold the lines as rows under `columns`.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchor.faults import CrashPoint, crash_point
from ledger.entry import parse_entry
from registry.bulk import insert_rows
from registry.entity_ids import DISTRIBUTION_LINE, DISTRIBUTION_SUMMARY, MEMBER, RECORDING, WORK
from registry.errors import RegistryError
from registry.gc_pause import collector_paused
from registry.kinds.distribution_line import statement_body
from registry.kinds.distribution_summary import summary_body
from registry.ledger_writer import Fact, history, record_many
from registry.models import (
    AnchorRecord,
    DistributionRun,
    LogLeaf,
    Party,
    Recording,
    Work,
    carry_table,
    entry_table,
    line_table,
    lines_file_table,
    recording_table,
    work_table,
)
from registry.royalty.allocate import LINE_ORDER, LINE_SCHEMA, Allocation, allocate, member_totals
from registry.royalty.lines import SUBJECT_PREFIX, lines_root
from registry.royalty.rules import SourceRules, rules_for
from registry.services.distribution.inputs import balances, load_repertoire, read_frame

PERIOD = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
SOURCE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,29}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
_LINE_COLUMNS = ("run_id", "party_id", "subject", "subject_id", "right_type", "weight", "share", "amount")
_MEMBER_BATCH = 10_000  # statements built and recorded at a time

Progress = Callable[[str, int, int], None]


class DistributionError(RegistryError):
    """A distribution that cannot be run as asked: bad period or pool, already distributed..."""


@dataclass(frozen=True, slots=True)
class UsageReport:
    """A usage report the run used: its file's SHA-256, name and line count (usage_report entry)."""

    sha256: str
    name: str
    lines: int

    def to_body(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "name": self.name, "lines": self.lines}


@dataclass
class DistributionResult:
    period: str
    source: str
    status: str  # recorded | unchanged | dry-run | nothing-to-adjust
    sequence: int
    kind: str  # regular | adjustment
    summary: dict[str, Any]
    lines: pl.DataFrame
    members: pl.DataFrame
    run_id: int | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def summary_id(self) -> str:
        return summary_id(self.period, self.source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "run_id": self.run_id,
            "summary_id": self.summary_id,
            "messages": self.messages,
            **self.summary,
        }


def summary_id(period: str, source: str) -> str:
    return DISTRIBUTION_SUMMARY.make(period, source)


def statement_id(period: str, source: str, party_id: int) -> str:
    return DISTRIBUTION_LINE.make(period, source, party_id)


def distribute(
    session: Session,
    *,
    period: str,
    source: str,
    usage: pl.LazyFrame,
    pool: int,
    reports: Iterable[UsageReport | tuple[str, str, int]],
    rules: Mapping[str, SourceRules] | None = None,
    dry_run: bool = False,
    adjustment: bool = False,
    progress: Progress | None = None,
) -> DistributionResult:
    """Distribute `pool` (fen, the period's collections for `source`) over `usage` (the matched
    usage of the period: registry.usage columns), which comes from `reports`."""
    say = progress or (lambda _step, _done, _total: None)
    _check_names(period, source)
    if not isinstance(pool, int) or isinstance(pool, bool) or pool < 0:
        raise DistributionError(f"the pool must be a whole number of fen >= 0, got {pool!r}")
    source_rules = rules_for(source, rules)
    used = _reports(reports)
    runs = _runs(session, period, source)
    if adjustment and not runs:
        raise DistributionError(f"{period} {source} has not been distributed yet: nothing to adjust")
    say("loading repertoire", 0, 3)
    repertoire = load_repertoire(session)
    before = runs[0].id if runs and not adjustment else None
    brought = balances(session, source, before_run=before)
    say("allocating", 1, 3)
    try:
        allocation = allocate(
            period=period,
            source=source,
            pool=pool,
            usage=usage,
            repertoire=repertoire,
            rules=source_rules,
            brought_forward=brought,
        )
    except ValueError as exc:
        raise DistributionError(f"{period} {source}: {exc}") from None
    say("comparing with what was recorded" if runs else "hashing lines", 2, 3)
    crash_point(CrashPoint.DISTRIBUTION_ALLOCATED)
    if not runs:
        with collector_paused():
            return _finish(session, allocation, used, 0, dry_run, say)
    delta_lines, delta_figures = _difference(session, runs, allocation)
    if delta_lines.is_empty() and not any(delta_figures.values()):
        latest = runs[-1]
        return DistributionResult(
            period,
            source,
            "unchanged",
            latest.sequence,
            latest.kind,
            dict(latest.summary),
            allocation.lines,
            allocation.members,
            latest.id,
            [
                f"{period} {source} is already distributed with these figures (run {latest.id}): "
                "nothing recorded"
            ],
        )
    if not adjustment:
        raise DistributionError(
            f"{period} {source} was already distributed (run {runs[0].id}, root "
            f"{runs[0].lines_root[:16]}...) and these inputs give a different payout: "
            "record the correction as an adjustment"
        )
    adjusted = Allocation(
        period,
        source,
        source_rules,
        delta_figures["pool"],
        delta_figures["deduction"],
        {k: delta_figures[f"reserve.{k}"] for k in allocation.reserve},
        allocation.basis,
        allocation.usage,
        delta_lines,
        member_totals(delta_lines, brought, source_rules.minimum_payout),
    )
    with collector_paused():
        return _finish(session, adjusted, used, len(runs), dry_run, say, cumulative=allocation)


def _check_names(period: str, source: str) -> None:
    if not PERIOD.match(period):
        raise DistributionError(f"period {period!r} is not YYYY-MM")
    if not SOURCE.match(source):
        raise DistributionError(f"source {source!r} must be 1-30 of a-z, 0-9, '_' and '-'")


def _reports(reports: Iterable[UsageReport | tuple[str, str, int]]) -> list[UsageReport]:
    out = []
    for item in reports:
        report = item if isinstance(item, UsageReport) else UsageReport(*item)
        if not SHA256.match(report.sha256):
            raise DistributionError(
                f"usage report {report.name!r}: {report.sha256!r} is not a SHA-256 in hex"
            )
        out.append(report)
    return sorted(set(out), key=lambda r: (r.sha256, r.name))


def _runs(session: Session, period: str, source: str) -> list[DistributionRun]:
    return list(
        session.scalars(
            select(DistributionRun)
            .where(DistributionRun.period == period, DistributionRun.source == source)
            .order_by(DistributionRun.sequence)
        )
    )


def lines_file(lines: pl.DataFrame) -> bytes:
    """A run's lines (LINE_SCHEMA, in the lines order) as the Parquet file the database keeps."""
    out = io.BytesIO()
    lines.select([pl.col(k).cast(v) for k, v in LINE_SCHEMA.items()]).write_parquet(
        out, compression="zstd", statistics=False
    )
    return out.getvalue()


def recorded_lines(session: Session, run_ids: Sequence[int]) -> pl.DataFrame:
    """The recorded lines of these runs (LINE_SCHEMA plus run_id), in the documented order:
    each run's lines file, and any rows of the distribution_line table (runs recorded before the
    lines files; for a newer run there are none, and the audit counts any that appear)."""
    schema = {"run_id": pl.Int64, **LINE_SCHEMA}
    parts = [
        pl.read_parquet(io.BytesIO(bytes(content))).select(
            pl.lit(run_id, pl.Int64).alias("run_id"), *LINE_SCHEMA
        )
        for run_id, content in session.execute(
            select(lines_file_table.c.run_id, lines_file_table.c.content).where(
                lines_file_table.c.run_id.in_(run_ids)
            )
        ).all()
    ]
    query = select(*(line_table.c[c] for c in _LINE_COLUMNS)).where(line_table.c.run_id.in_(run_ids))
    parts.append(read_frame(session, query, schema))
    frame = pl.concat([p.cast(schema) for p in parts])  # type: ignore[arg-type]
    return frame.sort(["run_id", *LINE_ORDER])


def _difference(
    session: Session, runs: list[DistributionRun], allocation: Allocation
) -> tuple[pl.DataFrame, dict[str, int]]:
    """What `allocation` changes to the runs recorded so far: lines and figures."""
    keys = LINE_ORDER
    before = (
        recorded_lines(session, [r.id for r in runs])
        .group_by(keys)
        .agg(pl.col("amount").sum().alias("_before"))
    )
    joined = allocation.lines.join(before, on=keys, how="full", coalesce=True)
    delta = (
        joined.with_columns(
            pl.col("weight").fill_null(0),
            pl.col("share").fill_null(0),
            (pl.col("amount").fill_null(0) - pl.col("_before").fill_null(0)).alias("amount"),
        )
        .filter(pl.col("amount") != 0)
        .select([pl.col(k).cast(v) for k, v in LINE_SCHEMA.items()])
        .sort(keys)
    )
    figures = {
        "pool": allocation.pool - sum(r.pool for r in runs),
        "deduction": allocation.deduction - sum(r.deduction for r in runs),
    }
    for bucket, amount in allocation.reserve.items():
        figures[f"reserve.{bucket}"] = amount - sum(int(r.summary["reserve"].get(bucket, 0)) for r in runs)
    return delta, figures


def _finish(
    session: Session,
    allocation: Allocation,
    reports: list[UsageReport],
    sequence: int,
    dry_run: bool,
    say: Progress,
    *,
    cumulative: Allocation | None = None,
) -> DistributionResult:
    period, source = allocation.period, allocation.source
    kind = "regular" if sequence == 0 else "adjustment"
    root = lines_root(allocation.lines, period=period, source=source, run=sequence)
    body = summary_body(allocation, [r.to_body() for r in reports], sequence, kind, root, cumulative)
    if dry_run:
        return DistributionResult(
            period, source, "dry-run", sequence, kind, body, allocation.lines, allocation.members
        )
    figures = allocation.figures()
    run = DistributionRun(
        period=period,
        source=source,
        sequence=sequence,
        kind=kind,
        status="final",
        currency=allocation.rules.currency,
        pool=allocation.pool,
        deduction=allocation.deduction,
        reserve=allocation.reserve_total,
        allocated=figures["allocated"],
        brought_forward=figures["brought_forward"],
        carried_forward=figures["carried_forward"],
        paid=figures["paid"],
        line_count=figures["lines"],
        member_count=figures["members"],
        lines_root=root,
        summary_entry_id=summary_id(period, source),
        summary=body,
    )
    session.add(run)
    session.flush()
    crash_point(CrashPoint.DISTRIBUTION_RUN_ROW)
    _check_parties(session, allocation.members)
    say("recording lines", 0, allocation.lines.height)
    content = lines_file(allocation.lines)
    insert_rows(
        session,
        lines_file_table,
        ("run_id", "line_count", "sha256", "content"),
        [(run.id, allocation.lines.height, hashlib.sha256(content).hexdigest(), content)],
    )
    del content
    crash_point(CrashPoint.DISTRIBUTION_LINES)
    carried = allocation.members.filter((pl.col("brought_forward") != 0) | (pl.col("carried_forward") != 0))
    insert_rows(
        session,
        carry_table,
        ("run_id", "party_id", "source", "brought_forward", "carried_forward"),
        carried.select(
            pl.lit(run.id).alias("run_id"), "party_id", pl.lit(source), "brought_forward", "carried_forward"
        ).rows(),
    )
    crash_point(CrashPoint.DISTRIBUTION_CARRY_FORWARD)
    done = 0
    for facts in _statements(allocation, sequence, kind):
        say("recording statements", done, allocation.members.height)
        record_many(session, facts)
        crash_point(CrashPoint.DISTRIBUTION_STATEMENTS)
        done += len(facts)
    record_many(session, [Fact("distribution_summary", summary_id(period, source), body)])
    session.flush()
    crash_point(CrashPoint.DISTRIBUTION_SUMMARY)
    say("recording statements", allocation.members.height, allocation.members.height)
    return DistributionResult(
        period, source, "recorded", sequence, kind, body, allocation.lines, allocation.members, run.id
    )


def _check_parties(session: Session, members: pl.DataFrame) -> None:
    ids = members["party_id"].to_list()
    known = 0
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        known += session.execute(
            select(func.count()).select_from(Party).where(Party.id.in_(chunk))
        ).scalar_one()
    if known != len(ids):
        raise DistributionError(f"{len(ids) - known} right holder(s) in the shares are not parties")


def _statements(allocation: Allocation, sequence: int, kind: str) -> Iterator[list[Fact]]:
    """The members' statement entries, a batch of members at a time (bounded memory)."""
    period, source = allocation.period, allocation.source
    ids = (
        pl.when(pl.col("subject") == "recording").then(pl.lit(RECORDING.lead)).otherwise(pl.lit(WORK.lead))
        + pl.col("subject_id").cast(pl.Utf8)
    ).alias("id")
    members = allocation.members
    for start in range(0, members.height, _MEMBER_BATCH):
        batch = members.slice(start, _MEMBER_BATCH)
        first, last = batch["party_id"][0], batch["party_id"][-1]
        # The lines are in member order (LINE_ORDER): each member's lines are one run of rows.
        lines = allocation.lines.filter(pl.col("party_id").is_between(first, last))
        if not lines["party_id"].is_sorted():
            raise DistributionError("internal: payout lines are not in member order")
        rows = lines.select(ids, "right_type", "weight", "share", "amount").rows()
        runs = lines.group_by("party_id", maintain_order=True).len()
        per_member: dict[int, list[list[Any]]] = {}
        at = 0
        for party_id, count in runs.iter_rows():
            per_member[party_id] = [list(row) for row in rows[at : at + count]]
            at += count
        facts = []
        for member in batch.iter_rows(named=True):
            party_id = member["party_id"]
            facts.append(
                Fact(
                    "distribution_line",
                    statement_id(period, source, party_id),
                    statement_body(allocation, sequence, kind, member, per_member.get(party_id, [])),
                )
            )
        yield facts


# ------------------------------------------------------------------------------------------
# reading runs back


def run_state(session: Session, run: DistributionRun) -> str:
    """recorded | in log | anchored: a distribution is final only once anchored."""
    leaf = session.execute(
        select(LogLeaf.leaf_index)
        .join(entry_table, entry_table.c.seq == LogLeaf.entry_seq)
        .where(
            entry_table.c.kind == "distribution_summary",
            entry_table.c.entry_id == run.summary_entry_id,
            entry_table.c.version == run.sequence + 1,
        )
    ).scalar_one_or_none()
    if leaf is None:
        return "recorded"
    anchored = session.execute(select(func.max(AnchorRecord.tree_size))).scalar_one_or_none()
    return "anchored" if anchored is not None and anchored > leaf else "in log"


def check_conservation(session: Session, run_id: int) -> list[str]:
    """Findings (empty when the money adds up) for one run: its lines against its figures, the
    figures against the pool, carried balances, the lines root, and its ledger entries."""
    run = session.get(DistributionRun, run_id)
    if run is None:
        return [f"distribution run {run_id} does not exist"]
    what = f"run {run.id} ({run.period} {run.source} #{run.sequence})"
    findings: list[str] = []

    def expect(label: str, found: int, wanted: int) -> None:
        if found != wanted:
            findings.append(f"{what}: {label} is {found}, expected {wanted}")

    stored = session.execute(
        select(lines_file_table.c.line_count, lines_file_table.c.sha256, lines_file_table.c.content).where(
            lines_file_table.c.run_id == run.id
        )
    ).one_or_none()
    if stored is not None:
        if hashlib.sha256(bytes(stored.content)).hexdigest() != stored.sha256:
            # Its lines cannot be trusted (nor, often, read): nothing more is checked from them.
            return [f"{what}: its lines file does not match its SHA-256 {stored.sha256}"]
        expect("its lines file's line count", int(stored.line_count), run.line_count)
    lines = recorded_lines(session, [run.id]).drop("run_id")
    reserve = run.summary.get("reserve", {})
    expect("the sum of its lines", int(lines["amount"].sum()), run.allocated)
    expect("lines + deduction + reserve", run.allocated + run.deduction + run.reserve, run.pool)
    expect("the reserve's parts", sum(int(v) for v in reserve.values()), run.reserve)
    expect("paid + carried forward", run.paid + run.carried_forward, run.allocated + run.brought_forward)
    expect("its line count", lines.height, run.line_count)
    expect("its member count", lines["party_id"].n_unique(), run.member_count)
    carries = session.execute(
        select(
            func.coalesce(func.sum(carry_table.c.brought_forward), 0),
            func.coalesce(func.sum(carry_table.c.carried_forward), 0),
        ).where(carry_table.c.run_id == run.id)
    ).one()
    expect("brought forward in carry_forward", int(carries[0]), run.brought_forward)
    expect("carried forward in carry_forward", int(carries[1]), run.carried_forward)
    for label, key in (("pool", "pool"), ("deduction", "deduction"), ("allocated", "allocated")):
        expect(f"its summary's {label}", int(run.summary.get(key, -1)), getattr(run, key))
    root = lines_root(lines, period=run.period, source=run.source, run=run.sequence)
    if root != run.lines_root or root != run.summary.get("lines_root"):
        findings.append(f"{what}: its lines hash to root {root}, recorded {run.lines_root}")
    versions = history(session, "distribution_summary", run.summary_entry_id)
    if len(versions) <= run.sequence or dict(versions[run.sequence].body) != run.summary:
        findings.append(f"{what}: the ledger's summary {run.summary_entry_id} v{run.sequence + 1} differs")
    findings += _check_statements(session, run, lines)
    return findings


def _check_statements(session: Session, run: DistributionRun, lines: pl.DataFrame) -> list[str]:
    """Each member's statement entry for this run states the member's recorded lines."""
    prefix = f"{run.summary_entry_id}/"
    earned = dict(lines.group_by("party_id").agg(pl.col("amount").sum()).iter_rows())
    stated: dict[int, int] = {}
    stated_carry: dict[int, tuple[int, int]] = {}
    rows = session.execute(
        select(entry_table.c.canonical).where(
            entry_table.c.kind == "distribution_line",
            entry_table.c.entry_id.startswith(prefix, autoescape=True),
            entry_table.c.version <= run.sequence + 1,  # a member's statement of run n: version <= n + 1
        )
    ).scalars()
    findings = []
    for canonical in rows:
        body = parse_entry(bytes(canonical)).body
        party = int(str(body["member"]).removeprefix(MEMBER.lead))
        if body["run"] != run.sequence:
            continue
        stated[party] = int(body["earned"])
        balances = (int(body.get("brought_forward", 0)), int(body.get("carried_forward", 0)))
        if balances != (0, 0):
            stated_carry[party] = balances
        if sum(int(line[-1]) for line in body["lines"]) != stated[party]:
            findings.append(f"run {run.id}: statement of M-{party} does not add up to its earned amount")
    if stated != earned:
        wrong = sorted(set(stated.items()) ^ set(earned.items()))[:5]
        findings.append(f"run {run.id}: member statements differ from the recorded lines, e.g. {wrong}")
    # Balances member by member: sums alone would miss a balance moved from one member to another.
    carried = {
        int(party): (int(brought), int(carried))
        for party, brought, carried in session.execute(
            select(
                carry_table.c.party_id, carry_table.c.brought_forward, carry_table.c.carried_forward
            ).where(carry_table.c.run_id == run.id)
        )
    }
    if carried != stated_carry:
        wrong_carry = sorted(set(carried.items()) ^ set(stated_carry.items()))[:5]
        findings.append(
            f"run {run.id}: balances in carry_forward differ from the member statements "
            f"(member, brought forward, carried forward), e.g. {wrong_carry}"
        )
    return findings


def statements(
    session: Session, party_id: int, period: str, source: str | None = None, *, named: bool = True
) -> list[dict[str, Any]]:
    """A member's statements of a period (one per run: the distribution and its adjustments),
    with each line's recording or work named (`named`: else codes and titles are None, for an
    index that only counts the lines)."""
    _check_names(period, source or "x")
    query = select(DistributionRun).where(DistributionRun.period == period)
    if source is not None:
        query = query.where(DistributionRun.source == source)
    out = []
    for run in session.scalars(query.order_by(DistributionRun.source, DistributionRun.sequence)):
        rows = _member_lines(session, run, party_id)
        carry = session.execute(
            select(carry_table.c.brought_forward, carry_table.c.carried_forward).where(
                carry_table.c.run_id == run.id, carry_table.c.party_id == party_id
            )
        ).one_or_none()
        if not rows and carry is None:
            continue
        # Codes and titles as plain columns: loading 5,000 ORM works (and their eager relations)
        # took seconds; these selects take milliseconds.
        names = {
            "recording": _names(session, Recording.id, Recording.isrc, Recording.title, rows, "recording")
            if named
            else {},
            "work": _names(session, Work.id, Work.iswc, Work.title, rows, "work") if named else {},
        }
        lines = []
        for subject, subject_id, right, weight, share, amount in rows:
            code, title = names[subject].get(subject_id, (None, None))
            lines.append(
                {
                    "id": f"{SUBJECT_PREFIX[subject]}{subject_id}",
                    "subject": subject,
                    "code": code,
                    "title": title,
                    "right_type": right,
                    "weight": weight,
                    "share": share,
                    "amount": amount,
                }
            )
        earned = sum(line["amount"] for line in lines)
        brought, carried = (int(carry[0]), int(carry[1])) if carry else (0, 0)
        out.append(
            {
                "period": run.period,
                "source": run.source,
                "run": run.sequence,
                "kind": run.kind,
                "entry_id": statement_id(run.period, run.source, party_id),
                "currency": run.currency,
                "lines": lines,
                "earned": earned,
                "brought_forward": brought,
                "carried_forward": carried,
                "payable": earned + brought - carried,
                "state": run_state(session, run),
            }
        )
    return out


def _names(
    session: Session, key: Any, code: Any, title: Any, rows: list[tuple[Any, ...]], subject: str
) -> dict[int, tuple[str | None, str | None]]:
    """id -> (code, title) of the rows' recordings or works, read in chunks of ids."""
    ids = sorted({row[1] for row in rows if row[0] == subject})
    out: dict[int, tuple[str | None, str | None]] = {}
    for start in range(0, len(ids), 5_000):
        chunk = ids[start : start + 5_000]
        out.update({i: (c, t) for i, c, t in session.execute(select(key, code, title).where(key.in_(chunk)))})
    return out


def _member_lines(session: Session, run: DistributionRun, party_id: int) -> list[tuple[Any, ...]]:
    """A member's lines of a run (subject, subject_id, right_type, weight, share, amount): from
    the member's statement entry of the run (the run's lines file is read whole only by the
    audit and the export), or from distribution_line for runs recorded before lines files."""
    has_file = session.execute(
        select(lines_file_table.c.run_id).where(lines_file_table.c.run_id == run.id)
    ).first()
    if has_file is None:
        return list(
            session.execute(
                select(*(line_table.c[c] for c in _LINE_COLUMNS[2:]))
                .where(line_table.c.run_id == run.id, line_table.c.party_id == party_id)
                .order_by(line_table.c.subject, line_table.c.subject_id, line_table.c.right_type)
            ).all()
        )
    subjects = {prefix: subject for subject, prefix in SUBJECT_PREFIX.items()}
    for entry in reversed(
        history(session, "distribution_line", statement_id(run.period, run.source, party_id))
    ):
        if entry.body.get("run") == run.sequence and entry.body.get("summary") == run.summary_entry_id:
            return [
                (subjects[str(ident)[:2]], int(str(ident)[2:]), right, int(weight), int(share), int(amount))
                for ident, right, weight, share, amount in entry.body["lines"]
            ]
    return []


def export_statements(session: Session, run_id: int) -> pl.DataFrame:
    """Every member's statement lines of a run at once (for mailing or a bank file): member,
    recording ISRC or work ISWC and title, right type, usage, share, amount; in the lines order."""
    lines = recorded_lines(session, [run_id]).drop("run_id")
    ids = lines.select("subject", "subject_id").unique()
    named = []
    schema = {"subject_id": pl.Int64, "code": pl.Utf8, "title": pl.Utf8}
    for subject, table, code in (("recording", recording_table, "isrc"), ("work", work_table, "iswc")):
        wanted = ids.filter(pl.col("subject") == subject).select("subject_id")
        if wanted.is_empty():
            continue
        # One range scan, then a join: far cheaper than IN lists of hundreds of thousands of ids.
        low, high = int(wanted["subject_id"].min()), int(wanted["subject_id"].max())  # type: ignore[arg-type]
        query = select(table.c.id, table.c[code], table.c.title).where(table.c.id.between(low, high))
        named.append(
            read_frame(session, query, schema)
            .join(wanted, on="subject_id", how="semi")
            .with_columns(pl.lit(subject).alias("subject"))
        )
    if not named:
        named.append(pl.DataFrame(schema=schema).with_columns(pl.lit("").alias("subject")))
    names = pl.concat(named).select("subject", "subject_id", "code", "title")
    return (
        lines.join(names, on=["subject", "subject_id"], how="left")
        .with_columns(
            (MEMBER.lead + pl.col("party_id").cast(pl.Utf8)).alias("member"),
            (
                pl.when(pl.col("subject") == "recording")
                .then(pl.lit(RECORDING.lead))
                .otherwise(pl.lit(WORK.lead))
                + pl.col("subject_id").cast(pl.Utf8)
            ).alias("id"),
        )
        .select("member", "id", "code", "title", "right_type", "weight", "share", "amount")
    )
