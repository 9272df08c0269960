"""What a distribution reads from the registry, as Polars frames: who holds which share of each
recording and work, the recordings' works, merged rows, the AI declarations made, and members'
balances carried forward.

Read with one query per table (no ORM objects): the repertoire can hold millions of rows.
"""

from __future__ import annotations

import io
from typing import Any

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import (
    Recording,
    RecordingShare,
    Work,
    WorkShare,
    carry_table,
    recording_work,
)
from registry.royalty.allocate import AI_SCHEMA, Repertoire
from registry.shares import RESOLUTION

_BATCH = 100_000  # rows turned into a frame at a time: Python tuples of only so many are alive


def read_frame(session: Session, query: Any, schema: dict[str, Any]) -> pl.DataFrame:
    """The rows of a Core SELECT as a frame with `schema` (its columns in order), read through
    the driver without SQLAlchemy's per-row processing: PostgreSQL sends them with COPY as CSV,
    SQLite's cursor hands over batches of tuples."""
    connection = session.connection()
    driver: Any = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        sql = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
        buffer = io.BytesIO()
        with driver.cursor() as cursor, cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                buffer.write(block)
        if not buffer.tell():
            return pl.DataFrame(schema=schema)
        buffer.seek(0)
        return pl.read_csv(buffer, has_header=False, new_columns=list(schema), schema=schema)
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    cursor = driver.cursor()
    try:
        cursor.execute(str(compiled), params)
        parts = []
        while rows := cursor.fetchmany(_BATCH):
            parts.append(pl.DataFrame(rows, schema=schema, orient="row"))
    finally:
        cursor.close()
    return pl.concat(parts) if parts else pl.DataFrame(schema=schema)


def load_repertoire(session: Session) -> Repertoire:
    recording_shares = read_frame(
        session,
        select(RecordingShare.recording_id, RecordingShare.party_id, RecordingShare.share),
        {"recording_id": pl.Int64, "party_id": pl.Int64, "share": pl.Int64},
    )
    work_shares = read_frame(
        session,
        select(
            WorkShare.work_id, WorkShare.right_type, WorkShare.submitter, WorkShare.party_id, WorkShare.share
        ),
        {
            "work_id": pl.Int64,
            "right_type": pl.Utf8,
            "submitter": pl.Utf8,
            "party_id": pl.Int64,
            "share": pl.Int64,
        },
    )
    links = read_frame(
        session,
        select(recording_work.c.recording_id, recording_work.c.work_id),
        {"recording_id": pl.Int64, "work_id": pl.Int64},
    )
    return Repertoire(
        recording_holders=recording_shares.lazy()
        .group_by("recording_id", "party_id")
        .agg(pl.col("share").sum()),  # a performer who also produced holds both shares
        work_holders=effective_work_shares(work_shares.lazy()),
        links=links.lazy(),
        merged_recordings=_merges(session, Recording),
        merged_works=_merges(session, Work),
        recording_ai=_ai_declarations(session, Recording),
        work_ai=_ai_declarations(session, Work),
    )


def effective_work_shares(claims: pl.LazyFrame) -> pl.LazyFrame:
    """registry.shares.effective_shares for every work at once: per right type,
    resolved shares replace the submitted ones; per submitter a party's roles add up; across
    submitters the largest claim for a party counts."""
    keys = ["work_id", "right_type"]
    decided = claims.group_by(keys).agg((pl.col("submitter") == RESOLUTION).any().alias("_decided"))
    return (
        claims.join(decided, on=keys)
        .filter(~pl.col("_decided") | (pl.col("submitter") == RESOLUTION))
        .group_by(*keys, "submitter", "party_id")
        .agg(pl.col("share").sum())
        .group_by(*keys, "party_id")
        .agg(pl.col("share").max())
    )


def _ai_declarations(session: Session, model: type[Recording] | type[Work]) -> pl.LazyFrame:
    """The current rows that made an AI declaration (registry.royalty.allocate.AI_SCHEMA)."""
    query = select(model.id, model.ai_involvement, model.human_share).where(
        model.ai_involvement.is_not(None), model.merged_into_id.is_(None)
    )
    return read_frame(session, query, AI_SCHEMA).lazy()


def _merges(session: Session, model: type[Recording] | type[Work]) -> pl.LazyFrame:
    into: dict[int, int] = {
        row_id: int(target)
        for row_id, target in session.execute(
            select(model.id, model.merged_into_id).where(model.merged_into_id.is_not(None))
        ).all()
        if target is not None
    }
    final: dict[int, int] = {}
    for start in into:
        seen, at = {start}, into[start]
        while at in into and at not in seen:  # follow a merge of a merged row to the survivor
            seen.add(at)
            at = into[at]
        final[start] = at
    return pl.LazyFrame(
        {"id": list(final), "into": list(final.values())}, schema={"id": pl.Int64, "into": pl.Int64}
    )


def balances(session: Session, source: str, *, before_run: int | None = None) -> pl.LazyFrame:
    """Each member's balance carried forward for `source`: the carried amount of their latest
    carry row (before run `before_run`, when given). party_id, balance."""
    latest = select(carry_table.c.party_id, func.max(carry_table.c.run_id).label("run_id")).where(
        carry_table.c.source == source
    )
    if before_run is not None:
        latest = latest.where(carry_table.c.run_id < before_run)
    last = latest.group_by(carry_table.c.party_id).subquery()
    query = select(carry_table.c.party_id, carry_table.c.carried_forward).join(
        last, (last.c.party_id == carry_table.c.party_id) & (last.c.run_id == carry_table.c.run_id)
    )
    frame = read_frame(session, query, {"party_id": pl.Int64, "balance": pl.Int64})
    return frame.lazy().filter(pl.col("balance") != 0)
