"""The allocation of one period's pool for one source, in fen, with Polars (no per-line Python).

    pool -> administrative deduction (rules.admin_rate)
         -> reserve for unidentified usage (its share of the usage weight)
         -> identified money: recording side / works side (rules.recording_side)
         -> recordings and works by usage weight (plays, or stated revenue)
         -> the AI policy (rules.ai_generated, rules.ai_assisted): each side re-shared by what
            its recordings / works are paid after it (docs/royalty.md)
         -> works: per right type (rules.work_rights)
         -> right holders by their shares
         -> per member totals; below rules.minimum_payout, carried forward

Every split is `apportion`'s largest remainder with its documented tie-break, so

    sum(lines) + deduction + reserve == pool
    sum(lines) + brought_forward == paid + carried_forward

hold exactly. Money nobody can be paid goes to the reserve, by reason: `unidentified` (usage not
matched), `unclaimed` (usage of a work without a known recording or vice versa, a recording with
no linked work, shares below 100% beyond CWR's tolerance, right types nobody claims, a side whose
usage the AI policy pays nothing at all) and
`disputed` (claims above 100% beyond the tolerance: held until the conflict is resolved).
Within the tolerance (99.94% to 100.06%) the shares are taken as the whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from registry.royalty.apportion import apportion, split
from registry.royalty.rules import WHOLE, WORK_RIGHTS, SourceRules

TOLERANCE = 6  # CWR's 0.06%, as registry.shares
NEIGHBOURING = "neighbouring"  # the right type of the recording side's lines
USAGE_COLUMNS = {
    "recording_id": pl.Int64,
    "work_id": pl.Int64,
    "weight": pl.Int64,
    "revenue_minor": pl.Int64,
    "matched": pl.Boolean,
    "adjustment_of_period": pl.Utf8,
}
AI_SCHEMA = {  # a work's or recording's AI declaration (registry.kinds.ai); only the declared ones
    "id": pl.Int64,
    "involvement": pl.Utf8,  # none | assisted | generated
    "human_share": pl.Int64,  # hundredths of a percent (basis points); null: not stated
}
LINE_SCHEMA = {
    "party_id": pl.Int64,
    "subject": pl.Utf8,  # recording | work
    "subject_id": pl.Int64,
    "right_type": pl.Utf8,  # neighbouring | performing | mechanical | synchronisation
    "weight": pl.Int64,  # the subject's usage weight (plays, or revenue in fen)
    "share": pl.Int64,  # the holder's share, basis points
    "amount": pl.Int64,  # fen
}
LINE_ORDER = ["party_id", "subject", "subject_id", "right_type"]
# Codes that sort like the names (alphabetical), so sorting by them gives LINE_ORDER: integers
# make the joins, windows and sorts over millions of rows much cheaper than strings.
RIGHT_CODES = {"mechanical": 0, "neighbouring": 1, "performing": 2, "synchronisation": 3}
SUBJECT_CODES = {"recording": 0, "work": 1}


@dataclass(frozen=True)
class Repertoire:
    """Who holds what, as frames (registry.services.distribution.inputs loads them):

    recording_holders: recording_id, party_id, share (a party's roles summed)
    work_holders: work_id, right_type, party_id, share (the shares that count)
    links: recording_id, work_id
    merged_recordings / merged_works: id, into (the surviving row, followed to its end)
    recording_ai / work_ai: AI_SCHEMA, the declared rows (undeclared ones count as "none")
    """

    recording_holders: pl.LazyFrame
    work_holders: pl.LazyFrame
    links: pl.LazyFrame
    merged_recordings: pl.LazyFrame = field(
        default_factory=lambda: pl.LazyFrame(schema={"id": pl.Int64, "into": pl.Int64})
    )
    merged_works: pl.LazyFrame = field(
        default_factory=lambda: pl.LazyFrame(schema={"id": pl.Int64, "into": pl.Int64})
    )
    recording_ai: pl.LazyFrame = field(default_factory=lambda: pl.LazyFrame(schema=AI_SCHEMA))
    work_ai: pl.LazyFrame = field(default_factory=lambda: pl.LazyFrame(schema=AI_SCHEMA))


@dataclass
class Allocation:
    period: str
    source: str
    rules: SourceRules
    pool: int
    deduction: int
    reserve: dict[str, int]  # unidentified, unclaimed, disputed
    basis: str  # plays | revenue
    usage: dict[str, int]  # lines, weight, identified_lines, identified_weight, other_period_lines
    lines: pl.DataFrame  # LINE_SCHEMA, in LINE_ORDER
    members: pl.DataFrame  # party_id, lines, earned, brought_forward, payable, carried_forward

    @property
    def allocated(self) -> int:
        return int(self.lines["amount"].sum())

    @property
    def reserve_total(self) -> int:
        return sum(self.reserve.values())

    @property
    def brought_forward(self) -> int:
        return int(self.members["brought_forward"].sum())

    @property
    def paid(self) -> int:
        return int(self.members["payable"].sum())

    @property
    def carried_forward(self) -> int:
        return int(self.members["carried_forward"].sum())

    def figures(self) -> dict[str, Any]:
        return {
            "pool": self.pool,
            "deduction": self.deduction,
            "reserve": dict(self.reserve),
            "allocated": self.allocated,
            "brought_forward": self.brought_forward,
            "paid": self.paid,
            "carried_forward": self.carried_forward,
            "lines": self.lines.height,
            "members": self.members.height,
        }


def allocate(
    *,
    period: str,
    source: str,
    pool: int,
    usage: pl.LazyFrame,
    repertoire: Repertoire,
    rules: SourceRules,
    brought_forward: pl.LazyFrame | None = None,
) -> Allocation:
    """Allocate `pool` (fen) over `usage` (the matched usage of the period, registry.usage
    columns). `brought_forward`: party_id, balance (fen carried from earlier runs)."""
    if pool < 0:
        raise ValueError(f"the pool must be >= 0 fen, got {pool}")
    lines_in = _usage(usage, repertoire)
    in_period = pl.col("adjustment_of_period").is_null() | (pl.col("adjustment_of_period") == period)
    stats = _stats(lines_in, in_period)
    basis = (
        "revenue" if rules.weigh_by == "revenue" and stats["lines"] and not stats["no_revenue"] else "plays"
    )
    weighted = lines_in.filter(in_period).select(
        "recording_id",
        "work_id",
        "identified",
        pl.col("revenue_minor" if basis == "revenue" else "weight").alias("w"),
    )
    deduction, net = split(pool, [rules.admin_rate, WHOLE - rules.admin_rate])
    unidentified_w, identified_w = stats[f"unidentified_{basis}"], stats[f"identified_{basis}"]
    if unidentified_w + identified_w == 0:
        unidentified, identified = net, 0  # no usage at all: nothing can be paid, all is held
    else:
        unidentified, identified = split(net, [unidentified_w, identified_w])
    recording_side, works_side = split(identified, [rules.recording_side, WHOLE - rules.recording_side])
    # The usage is read once more, down to one row per (recording, work): all else works on that.
    known = (
        weighted.filter(pl.col("identified"))
        .group_by("recording_id", "work_id")
        .agg(pl.col("w").sum())
        .collect()
        .lazy()
    )

    recording_amounts, no_recording = _recording_side(known, recording_side)
    work_amounts, no_work = _works_side(known, works_side, repertoire.links)
    recording_amounts, no_recording_ai = _ai_policy(recording_amounts, repertoire.recording_ai, rules)
    work_amounts, no_work_ai = _ai_policy(work_amounts, repertoire.work_ai, rules)
    rec_lines, rec_unclaimed, rec_disputed = _to_holders(
        recording_amounts.with_columns(pl.lit(NEIGHBOURING).alias("right_type")),
        repertoire.recording_holders.select(
            pl.col("recording_id").alias("subject_id"),
            pl.lit(NEIGHBOURING).alias("right_type"),
            "party_id",
            "share",
        ),
        "recording",
    )
    work_rights = _per_right(work_amounts, rules)
    work_lines, work_unclaimed, work_disputed = _to_holders(
        work_rights,
        repertoire.work_holders.select(
            pl.col("work_id").alias("subject_id"), "right_type", "party_id", "share"
        ),
        "work",
    )
    names = {code: name for name, code in RIGHT_CODES.items()}
    lines = (
        pl.concat([rec_lines, work_lines])
        .filter(pl.col("amount") != 0)
        .sort(["party_id", "_s", "subject_id", "_r"])
        .with_columns(
            pl.when(pl.col("_s") == 0).then(pl.lit("recording")).otherwise(pl.lit("work")).alias("subject"),
            pl.col("_r").replace_strict(names, return_dtype=pl.Utf8).alias("right_type"),
        )
        .select([pl.col(k).cast(v) for k, v in LINE_SCHEMA.items()])
        .collect()
    )
    members = member_totals(lines, brought_forward, rules.minimum_payout)
    reserve = {
        "unidentified": unidentified,
        "unclaimed": no_recording + no_work + no_recording_ai + no_work_ai + rec_unclaimed + work_unclaimed,
        "disputed": rec_disputed + work_disputed,
    }
    usage_figures = {
        "lines": stats["lines"],
        "weight": stats[f"unidentified_{basis}"] + stats[f"identified_{basis}"],
        "identified_lines": stats["identified_lines"],
        "identified_weight": stats[f"identified_{basis}"],
        "other_period_lines": stats["other_period_lines"],
    }
    return Allocation(period, source, rules, pool, deduction, reserve, basis, usage_figures, lines, members)


def member_totals(lines: pl.DataFrame, brought_forward: pl.LazyFrame | None, minimum: int) -> pl.DataFrame:
    """Per member: earned this run, brought forward, and either payable (the total reaches the
    minimum payout) or carried forward (the whole total, also when negative after a correction)."""
    earned = (
        lines.lazy().group_by("party_id").agg(pl.len().alias("lines"), pl.col("amount").sum().alias("earned"))
    )
    if brought_forward is None:
        earned = earned.with_columns(pl.lit(0, pl.Int64).alias("brought_forward"))
    else:
        earned = earned.join(
            brought_forward.select("party_id", pl.col("balance").cast(pl.Int64).alias("brought_forward")),
            on="party_id",
            how="left",
        ).with_columns(pl.col("brought_forward").fill_null(0))
    total = pl.col("earned") + pl.col("brought_forward")
    payable = pl.when((total >= minimum) & (total > 0)).then(total).otherwise(0)
    return (
        earned.with_columns(pl.col("lines").cast(pl.Int64), payable.cast(pl.Int64).alias("payable"))
        .with_columns((total - pl.col("payable")).cast(pl.Int64).alias("carried_forward"))
        .sort("party_id")
        .collect()
    )


def _usage(usage: pl.LazyFrame, repertoire: Repertoire) -> pl.LazyFrame:
    names = usage.collect_schema().names()
    missing = [c for c in ("weight", "matched") if c not in names]
    if missing:
        raise ValueError(f"the usage lacks column(s) {', '.join(missing)}")
    frame = usage.select(
        [(pl.col(c) if c in names else pl.lit(None)).cast(t).alias(c) for c, t in USAGE_COLUMNS.items()]
    )
    frame = _follow_merges(frame, "recording_id", repertoire.merged_recordings)
    frame = _follow_merges(frame, "work_id", repertoire.merged_works)
    identified = pl.col("matched").fill_null(False) & (
        pl.col("recording_id").is_not_null() | pl.col("work_id").is_not_null()
    )
    return frame.with_columns(identified.alias("identified"))


def _follow_merges(frame: pl.LazyFrame, column: str, merged: pl.LazyFrame) -> pl.LazyFrame:
    return (
        frame.join(merged.select(pl.col("id").alias(column), "into"), on=column, how="left")
        .with_columns(pl.coalesce("into", column).alias(column))
        .drop("into")
    )


def _stats(lines: pl.LazyFrame, in_period: pl.Expr) -> dict[str, int]:
    ident = pl.col("identified")
    row = (
        lines.select(
            (~in_period).sum().alias("other_period_lines"),
            in_period.sum().alias("lines"),
            (in_period & (pl.col("weight").is_null() | (pl.col("weight") < 0))).sum().alias("bad_weight"),
            (in_period & (pl.col("revenue_minor") < 0)).sum().alias("bad_revenue"),
            (in_period & pl.col("revenue_minor").is_null()).sum().alias("no_revenue"),
            (in_period & ident).sum().alias("identified_lines"),
            pl.col("weight").filter(in_period & ident).sum().alias("identified_plays"),
            pl.col("weight").filter(in_period & ~ident).sum().alias("unidentified_plays"),
            pl.col("revenue_minor").filter(in_period & ident).sum().alias("identified_revenue"),
            pl.col("revenue_minor").filter(in_period & ~ident).sum().alias("unidentified_revenue"),
        )
        .collect()
        .row(0, named=True)
    )
    stats = {k: int(v or 0) for k, v in row.items()}
    if stats["bad_weight"] or stats["bad_revenue"]:
        raise ValueError(
            f"{stats['bad_weight']} usage line(s) without a weight or with a negative one, "
            f"{stats['bad_revenue']} with a negative revenue"
        )
    return stats


def _recording_side(known: pl.LazyFrame, total: int) -> tuple[pl.LazyFrame, int]:
    """Amount per recording by weight; usage known only by its work keeps its recording part
    in the reserve. Returns (subject_id, weight, amount) and the amount held."""
    groups = known.group_by("recording_id").agg(pl.col("w").sum().alias("weight"))
    shared = apportion(
        groups.with_columns(pl.lit(total, pl.Int64).alias("_total"), pl.lit(0).alias("_g")),
        group=["_g"],
        total="_total",
        weight="weight",
        key=["recording_id"],
    ).collect()
    held = int(shared.filter(pl.col("recording_id").is_null())["amount"].sum())
    per_recording = shared.filter(pl.col("recording_id").is_not_null()).select(
        pl.col("recording_id").alias("subject_id"), "weight", "amount"
    )
    return per_recording.lazy(), held


def _works_side(known: pl.LazyFrame, total: int, links: pl.LazyFrame) -> tuple[pl.LazyFrame, int]:
    """Amount per work by weight: usage names its work, or its recording's linked works share
    the recording's part equally. A recording with no linked work keeps it in the reserve."""
    direct = pl.col("work_id").is_not_null()
    groups = (
        known.with_columns(
            pl.when(direct).then(0).otherwise(1).alias("_via"),
            pl.when(direct).then(pl.col("work_id")).otherwise(pl.col("recording_id")).alias("_id"),
        )
        .group_by("_via", "_id")
        .agg(pl.col("w").sum().alias("weight"))
    )
    shared = apportion(
        groups.with_columns(pl.lit(total, pl.Int64).alias("_total"), pl.lit(0).alias("_g")),
        group=["_g"],
        total="_total",
        weight="weight",
        key=["_via", "_id"],
    )
    by_work = shared.filter(pl.col("_via") == 0).select(pl.col("_id").alias("work_id"), "weight", "amount")
    via = shared.filter(pl.col("_via") == 1).select(
        pl.col("_id").alias("recording_id"), "weight", pl.col("amount").alias("_total")
    )
    linked = via.join(links.select("recording_id", "work_id"), on="recording_id", how="left")
    no_work = int(
        linked.filter(pl.col("work_id").is_null()).select(pl.col("_total").sum()).collect().item() or 0
    )
    through = apportion(
        linked.filter(pl.col("work_id").is_not_null()).with_columns(pl.lit(1).alias("_one")),
        group=["recording_id"],
        total="_total",
        weight="_one",
        key=["work_id"],
    ).select("work_id", "weight", "amount")
    per_work = (
        pl.concat([by_work, through])
        .group_by("work_id")
        .agg(pl.col("weight").sum(), pl.col("amount").sum())
        .select(pl.col("work_id").alias("subject_id"), "weight", "amount")
    )
    return per_work, no_work


def _ai_policy(amounts: pl.LazyFrame, declared: pl.LazyFrame, rules: SourceRules) -> tuple[pl.LazyFrame, int]:
    """The AI policy on one side's amounts (subject_id, weight, amount): a subject declared
    `generated` keeps 0 of its amount (ai_generated = "exclude"), one declared `assisted` its human
    share h (ai_assisted = "human_share"), any other its whole amount; the side's total is then
    shared again over the subjects by what each keeps (amount x kept basis points), so the money
    not paid goes to the side's other usage in proportion to its weight: as if the AI part of
    those plays had not happened (to a fen of rounding). Returns the new amounts and what nobody
    can be paid (every subject of the side keeps 0: the reserve's `unclaimed`). The defaults
    change nothing and cost nothing."""
    if rules.ai_generated == "pay" and rules.ai_assisted == "pay":
        return amounts, 0
    kept = pl.lit(WHOLE, pl.Int64)  # basis points of its amount a subject keeps
    if rules.ai_assisted == "human_share":
        share = pl.col("human_share").fill_null(WHOLE).clip(0, WHOLE)
        kept = pl.when(pl.col("involvement") == "assisted").then(share).otherwise(kept)
    if rules.ai_generated == "exclude":
        kept = pl.when(pl.col("involvement") == "generated").then(0).otherwise(kept)
    reduced = (
        declared.select(pl.col("id").alias("subject_id"), kept.cast(pl.Int64).alias("_kept"))
        .filter(pl.col("_kept") < WHOLE)
        .collect()
    )
    if reduced.is_empty():  # nothing declared that the policy touches: the amounts stand
        return amounts, 0
    framed = (
        amounts.join(reduced.lazy(), on="subject_id", how="left")
        .with_columns(
            pl.lit(0).alias("_g"),
            (pl.col("amount").cast(pl.Int128) * pl.col("_kept").fill_null(WHOLE)).alias("_w"),
        )
        .collect()
    )
    total, weight = int(framed["amount"].sum()), int(framed["_w"].sum())
    if weight == 0:  # the policy pays none of the side's usage: held, nobody else to share it
        return framed.lazy().select("subject_id", "weight", pl.lit(0, pl.Int64).alias("amount")), total
    shared = apportion(
        framed.lazy().with_columns(pl.lit(total, pl.Int64).alias("_total")),
        group=["_g"],
        total="_total",
        weight="_w",
        key=["subject_id"],
    )
    return shared.select("subject_id", "weight", "amount").collect().lazy(), 0


def _per_right(work_amounts: pl.LazyFrame, rules: SourceRules) -> pl.LazyFrame:
    rights = pl.LazyFrame(
        {
            "right_type": [r for r in WORK_RIGHTS if rules.work_rights.get(r)],
            "_bp": [rules.work_rights[r] for r in WORK_RIGHTS if rules.work_rights.get(r)],
            "_order": [i for i, r in enumerate(WORK_RIGHTS) if rules.work_rights.get(r)],
        },
        schema={"right_type": pl.Utf8, "_bp": pl.Int64, "_order": pl.Int64},
    )
    per_right = apportion(
        work_amounts.rename({"amount": "_total"}).join(rights, how="cross"),
        group=["subject_id"],
        total="_total",
        weight="_bp",
        key=["_order"],
    )
    return per_right.select("subject_id", "right_type", "weight", "amount")


def _to_holders(amounts: pl.LazyFrame, holders: pl.LazyFrame, subject: str) -> tuple[pl.LazyFrame, int, int]:
    """Each (subject, right type)'s amount to its holders by share. Returns the lines and the
    amounts held as unclaimed (shares missing) and disputed (shares above the whole)."""
    keys = ["subject_id", "_r"]
    code = pl.col("right_type").replace_strict(RIGHT_CODES, return_dtype=pl.Int8).alias("_r")
    amounts = amounts.with_columns(code).drop("right_type")
    holders = holders.with_columns(code).drop("right_type")
    counted = holders.filter(pl.col("share") > 0).collect().lazy()
    totals = counted.group_by(keys).agg(pl.col("share").sum().alias("_claimed"))
    framed = amounts.join(totals, on=keys, how="left").with_columns(pl.col("_claimed").fill_null(0))
    framed = framed.collect().lazy()  # used twice below: compute the upstream chain once
    disputed_rows = pl.col("_claimed") > WHOLE + TOLERANCE
    payable = framed.filter(~disputed_rows)
    rows = pl.concat(
        [
            payable.join(counted, on=keys, how="inner").select(
                *keys, "weight", "amount", "party_id", "share"
            ),
            # the part nobody claims: a pseudo-holder (party null) that loses every tie
            payable.filter(pl.col("_claimed") < WHOLE - TOLERANCE).select(
                *keys,
                "weight",
                "amount",
                pl.lit(None, pl.Int64).alias("party_id"),
                (WHOLE - pl.col("_claimed")).cast(pl.Int64).alias("share"),
            ),
        ]
    )
    shared = apportion(
        rows.rename({"amount": "_total"}), group=keys, total="_total", weight="share", key=["party_id"]
    ).collect()
    held = framed.filter(disputed_rows).select(pl.col("amount").sum()).collect().item()
    unclaimed = int(shared.filter(pl.col("party_id").is_null())["amount"].sum())
    lines = shared.filter(pl.col("party_id").is_not_null()).select(
        "party_id",
        pl.lit(SUBJECT_CODES[subject], pl.Int8).alias("_s"),
        "subject_id",
        "_r",
        "weight",
        "share",
        "amount",
    )
    return lines.lazy(), unclaimed, int(held or 0)
