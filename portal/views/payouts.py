"""My payouts: a member's statements per period, a chart, then one statement at a time: its
figures (gross, deduction, net, payment date), its lines as a table (filtered, searched, sorted),
every line verified at once (one proof per statement entry, checked once) or one line in full,
and the downloads (CSV, Excel, the PDF statement built once per version, the proofs)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from ledger import Report
from payloads.distribution import StatementDetail, StatementSummary
from portal import ui
from portal.api_client import ApiClient, ApiError
from portal.i18n import STRINGS
from portal.statement_pdf import WORDS, Holder, cache_key, cached_file, cached_pdf, statement_pdf
from portal.statements import (
    CSV_COLUMNS,
    SORT_KEYS,
    EntryCheck,
    LineVerdict,
    PayoutLine,
    chart_rows,
    check_entries,
    filter_lines,
    format_money,
    line_verdicts,
    lines_csv,
    lines_xlsx,
    payout_lines,
    proofs_zip,
    share_text,
    sort_lines,
)
from portal.verification import verify_bytes

SUBJECTS = ("recording", "work")
RIGHT_TYPES = ("neighbouring", "performing", "mechanical", "synchronisation")


def label(kind: str, value: str) -> str:
    """A value from the data (source, right type, subject, state) in the reader's language; an
    unknown one as it is."""
    key = f"payouts.{kind}.{value}"
    return ui.t(key) if key in STRINGS else value


st.title(ui.t("nav.payouts"))
st.write(ui.t("payouts.intro"))
if not ui.require_role("member"):
    st.stop()

statements = ui.call(lambda c: c.statements())
if statements is None:
    st.stop()
if not statements:
    st.info(ui.t("payouts.none"))
    st.stop()


def over_periods(shown: list[StatementSummary]) -> None:
    """Every statement's net per period and source: drawn last, under the statement the member
    opened the page for (the chart costs the browser half a second)."""
    rows = chart_rows(shown)
    st.subheader(ui.t("payouts.over_periods"))
    chart = (
        alt.Chart(
            pd.DataFrame(
                [
                    {
                        "period": r["period"],
                        "source": label("source", r["source"]),
                        "amount": r["amount"],
                        "text": format_money(r["amount_minor"], r["currency"]),
                    }
                    for r in rows
                ]
            )
        )
        .mark_bar()
        .encode(
            x=alt.X("period:O", title=ui.t("payouts.period"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("amount:Q", title=ui.t("payouts.amount_yuan")),
            color=alt.Color("source:N", title=ui.t("payouts.source")),
            tooltip=[
                alt.Tooltip("period:O", title=ui.t("payouts.period")),
                alt.Tooltip("source:N", title=ui.t("payouts.source")),
                alt.Tooltip("text:N", title=ui.t("payouts.net")),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


# The latest statement first: what a member opens the page for. ?period=&source= opens one.
choices = sorted({(s.period, s.source) for s in statements}, reverse=True)
asked = (st.query_params.get("period"), st.query_params.get("source"))
start = choices.index(asked) if asked in choices else 0
# Format functions look names up in dicts made now: widgets may call them outside this run.
choice_names = {c: f"{c[0]} · {label('source', c[1])}" for c in choices}
period, source = st.selectbox(
    ui.t("payouts.pick"), choices, index=start, format_func=choice_names.__getitem__, key="payouts_pick"
)
st.query_params["period"], st.query_params["source"] = period, source
st.subheader(f"{ui.t('payouts.lines')} · {period} · {label('source', source)}")

# Fetched once per statement and session: sorting, filtering and downloads rerun the page.
fetched_key = f"statement:{period}:{source}"
if fetched_key not in st.session_state:
    got = ui.call(lambda c: c.statement(period, source), what=f"{period} {source}")
    if got is None:
        st.stop()
    st.session_state[fetched_key] = got
fetched: list[StatementDetail] = st.session_state[fetched_key]
lines: list[PayoutLine] = payout_lines(fetched)
version_key = ":".join(f"{s.entry_id}@{s.version}@{s.leaf_hash}" for s in fetched)
currency = fetched[0].currency if fetched else "CNY"


def memo(name: str, build: Callable[[], bytes]) -> bytes:
    """A file of this statement version (and language) built once per session, not per rerun."""
    key = f"file:{name}:{ui.lang()}:{version_key}"
    if key not in st.session_state:
        st.session_state[key] = build()
    data: bytes = st.session_state[key]
    return data


def total(field: str) -> int:
    return sum(int(getattr(s, field)) for s in fetched)


# --- the statement's figures ------------------------------------------------------------------
figures = st.columns(4)
figures[0].metric(ui.t("payouts.gross"), format_money(total("gross"), currency))
figures[1].metric(
    ui.t("payouts.deduction"),
    format_money(total("deduction"), currency),
    help=ui.t("payouts.deduction_help", rate=share_text(fetched[0].admin_rate) if fetched else ""),
)
figures[2].metric(ui.t("payouts.earned"), format_money(total("earned"), currency))
figures[3].metric(ui.t("payouts.net"), format_money(total("net"), currency))
more = st.columns(4)
more[0].metric(ui.t("payouts.brought"), format_money(total("brought_forward"), currency))
more[1].metric(ui.t("payouts.carried"), format_money(total("carried_forward"), currency))
dates = sorted({s.payment_date for s in fetched if s.payment_date})
more[2].metric(ui.t("payouts.payment_date"), ", ".join(dates) if dates else ui.t("payouts.not_final"))
more[3].metric(
    ui.t("payouts.state"),
    ", ".join(sorted({label("state", s.state) for s in fetched})),
    help=ui.t("payouts.state_help"),
)
st.caption(
    ui.t(
        "payouts.run_figures",
        pool=format_money(total("run_pool"), currency),
        deduction=format_money(total("run_deduction"), currency),
        reserve=format_money(total("run_reserve"), currency),
    )
)
if len(fetched) > 1:
    st.dataframe(
        [
            {
                ui.t("payouts.col.entry"): f"{s.entry_id} v{s.version}",
                ui.t("payouts.col.kind_run"): label("kind", s.kind),
                ui.t("payouts.earned"): format_money(s.earned, s.currency),
                ui.t("payouts.net"): format_money(s.net, s.currency),
            }
            for s in fetched
        ],
        hide_index=True,
        width="stretch",
    )
if not lines:
    st.info(ui.t("payouts.no_lines"))
    over_periods(statements)
    st.stop()

# --- verification: every line at once, or one in full -----------------------------------------
checks_key = f"checks:{version_key}"


def run_checks(wanted: list[PayoutLine]) -> dict[tuple[str, int], EntryCheck] | None:
    """Each statement entry of `wanted` checked once per session (kept for later reruns)."""
    known: dict[tuple[str, int], EntryCheck] = st.session_state.setdefault(checks_key, {})
    missing = [item for item in wanted if (item.statement.entry_id, item.statement.version) not in known]
    if missing:
        s = ui.settings()

        def verify(data: bytes, leaf: str) -> Report:
            return verify_bytes(data, s, expected_leaf=leaf)

        try:
            with st.spinner(ui.t("verify.checking")), ui.api() as client:
                fetch = partial(client.proof, kind="distribution_line")
                known.update(check_entries(missing, lambda e, v: fetch(e, version=v), verify))
        except ApiError as exc:  # raised before any proof: the API itself
            st.error(ui.t("common.error", error=str(exc)))
            return None
    return known


if st.button(ui.t("payouts.verify_all"), key="verify_all", type="primary"):
    run_checks(lines)
checks: dict[tuple[str, int], EntryCheck] = st.session_state.get(checks_key, {})
verdicts: list[LineVerdict | None] = [None] * len(lines)
if checks:
    for number, verdict in enumerate(line_verdicts(lines, checks)):
        if (verdict.entry_id, verdict.version) in checks:
            verdicts[number] = verdict
    done = [v for v in verdicts if v is not None]
    good = sum(1 for v in done if v.outcome == "verified")
    if len(done) == len(lines) and good == len(lines):
        entries = ", ".join(f"{c.entry_id} v{c.version}" for c in checks.values())
        st.success(ui.t("payouts.all_valid", n=len(lines), entries=entries), icon=ui.ICON_OK)
    elif done and good < len(done):
        st.error(ui.t("payouts.some_invalid", bad=len(done) - good, n=len(done)), icon=ui.ICON_FAIL)


def verdict_text(verdict: LineVerdict | None) -> str:
    if verdict is None:
        return ui.t("payouts.verdict.none")
    return ui.t(
        f"payouts.verdict.{verdict.outcome}",
        entry=verdict.entry_id,
        version=verdict.version,
        step=ui.t(f"step.{verdict.detail}") if verdict.outcome == "not_proven" else verdict.detail,
    )


# --- the lines table --------------------------------------------------------------------------
bar = st.columns([2, 2, 3, 2, 1.5])
subject_names = {v: label("subject", v) for v in SUBJECTS}
subjects = bar[0].multiselect(
    ui.t("payouts.filter_subject"),
    SUBJECTS,
    format_func=subject_names.__getitem__,
    key="f_subject",
    placeholder=ui.t("payouts.all"),
)
present = sorted({item.line.right_type for item in lines})
right_names = {v: label("right", v) for v in present}
rights = bar[1].multiselect(
    ui.t("payouts.filter_right"),
    [r for r in RIGHT_TYPES if r in present] + [r for r in present if r not in RIGHT_TYPES],
    format_func=right_names.__getitem__,
    key="f_right",
    placeholder=ui.t("payouts.all"),
)
text = bar[2].text_input(ui.t("payouts.search"), key="f_text", placeholder=ui.t("payouts.search_hint"))
sort_names = {k: ui.t(f"payouts.sort.{k}") for k in SORT_KEYS}
sort_by = bar[3].selectbox(  # the largest amounts first: what a member looks for
    ui.t("payouts.sort"),
    SORT_KEYS,
    index=SORT_KEYS.index("amount"),
    format_func=sort_names.__getitem__,
    key="f_sort",
)
descending = bar[4].toggle(ui.t("payouts.descending"), key="f_desc", value=sort_by == "amount")
kept = filter_lines(lines, subjects=subjects, right_types=rights, text=text)
shown = sort_lines(lines, kept, sort_by, descending)
st.caption(ui.t("payouts.shown", shown=len(shown), n=len(lines)))

col = {k: ui.t(f"payouts.col.{k}") for k in ("line", "subject", "code", "title", "right", "source")}
col |= {k: ui.t(f"payouts.col.{k}") for k in ("usage", "share", "verdict")}
col["amount"] = ui.t("payouts.col.amount_in", currency=currency)
# Each word looked up once per distinct value: a look-up reads the session's language, and
# 20,000 of them (5,000 lines) took a third of a second.
looked_up: dict[tuple[str, str], str] = {}


def word(kind: str, value: str) -> str:
    if (kind, value) not in looked_up:
        looked_up[kind, value] = label(kind, value)
    return looked_up[kind, value]


said: dict[LineVerdict | None, str] = {}
for seen in verdicts:
    if seen not in said:
        said[seen] = verdict_text(seen)
table = pd.DataFrame(
    {
        col["line"]: [n + 1 for n in shown],
        col["subject"]: [word("subject", lines[n].line.subject) for n in shown],
        col["code"]: [lines[n].line.code or lines[n].line.id for n in shown],
        col["title"]: [lines[n].what for n in shown],
        col["right"]: [word("right", lines[n].line.right_type) for n in shown],
        col["source"]: [word("source", lines[n].statement.source) for n in shown],
        col["usage"]: [lines[n].line.weight for n in shown],
        col["share"]: [share_text(lines[n].line.share) for n in shown],
        # Exact yuan (Decimal of the fen), so a click on the heading sorts by value, not as text.
        col["amount"]: [Decimal(lines[n].line.amount).scaleb(-2) for n in shown],
        col["verdict"]: [said[verdicts[n]] for n in shown],
    }
)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * max(len(shown), 1), 560),
    column_config={
        col["line"]: st.column_config.NumberColumn(format="%d", width="small"),
        col["usage"]: st.column_config.NumberColumn(format="%d"),
        col["amount"]: st.column_config.NumberColumn(format="accounting"),  # clawbacks in brackets
    },
    key="lines_table",
)

with st.expander(ui.t("payouts.verify_one")):
    picked = st.selectbox(
        ui.t("payouts.pick_line"),
        shown or [0],
        format_func=lambda n: f"{n + 1} · {lines[n].what} · {format_money(lines[n].line.amount, currency)}",
        key="one_line",
    )
    if st.button(ui.t("payouts.verify_line"), key="verify_one_btn"):
        st.session_state["one_line_checked"] = picked
    if st.session_state.get("one_line_checked") == picked:
        item = lines[picked]
        done_checks = run_checks([item])
        check = done_checks.get((item.statement.entry_id, item.statement.version)) if done_checks else None
        if check is not None:
            verdict = line_verdicts(lines, {(check.entry_id, check.version): check})[picked]
            good = verdict.outcome == "verified"
            (st.success if good else st.error)(verdict_text(verdict))
            if check.report is not None:
                ui.show_verdict(check.report, 0.0, key=f"one:{picked}")

# --- downloads --------------------------------------------------------------------------------
s = ui.settings()
downloads = st.columns(4)
downloads[0].download_button(
    ui.t("payouts.csv"),
    memo("csv", lambda: lines_csv(period, source, lines)),
    file_name=f"statement-{period}-{source}.csv",
    mime="text/csv",
    key="dl_csv",
    on_click="ignore",  # a download needs no rerun (which could drop the file mid-download)
)
# Excel and the PDF take a second or more at 5,000 lines: built when asked (never while the page
# shows the table), then kept: the Excel file for the session, the PDF on disk for everyone.
xlsx_key = f"file:xlsx:{ui.lang()}:{version_key}"
if xlsx_key not in st.session_state and downloads[1].button(ui.t("payouts.xlsx_prepare"), key="build_xlsx"):
    with st.spinner(ui.t("payouts.preparing")):
        headings = [ui.t(f"payouts.csv.{c}") for c in CSV_COLUMNS] + [ui.t("payouts.csv.amount_yuan")]
        st.session_state[xlsx_key] = lines_xlsx(period, source, lines, headings)
if xlsx_key in st.session_state:
    downloads[1].download_button(
        ui.t("payouts.xlsx"),
        st.session_state[xlsx_key],
        file_name=f"statement-{period}-{source}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_xlsx",
        on_click="ignore",
    )

me_key = "payouts_holder"
if me_key not in st.session_state:
    me = ui.call(lambda c: c.me())
    profile = me.member if me is not None else None
    if profile is not None:
        name = " ".join(p for p in (profile.first_name, profile.name) if p)
        st.session_state[me_key] = Holder(name, profile.id)
holder: Holder | None = st.session_state.get(me_key)
pdf: bytes | None = None
if holder is not None:
    words = {w: ui.t(f"pdf.{w}") for w in WORDS}
    labels = {v: label("source", v) for v in {source}} | {v: label("right", v) for v in present}
    pdf_key = cache_key(holder, fetched, words | labels, s.public_url)
    pdf_dir = s.files_cache() / "statements"
    pdf = cached_file(pdf_dir, pdf_key)
    if pdf is None and downloads[2].button(ui.t("payouts.pdf_prepare"), key="build_pdf"):
        with st.spinner(ui.t("payouts.preparing")):
            pdf, built = cached_pdf(
                pdf_dir,
                pdf_key,
                partial(
                    statement_pdf,
                    holder=holder,
                    statements=fetched,
                    lines=lines,
                    public_url=s.public_url,
                    words=words,
                    labels=labels,
                ),
            )
        if built:
            print(f"portal: statement PDF built {period} {source} {len(lines)} lines", flush=True)
if holder is not None and pdf is not None:
    downloads[2].download_button(
        ui.t("payouts.pdf"),
        pdf,
        file_name=f"statement-{period}-{source}-{holder.number}.pdf",
        mime="application/pdf",
        key="dl_pdf",
        on_click="ignore",
    )


def fetch_all(client: ApiClient) -> dict[str, bytes]:
    """One proof per statement entry: every line it lists is proven by it."""
    files = {}
    for item in fetched:
        name = f"{item.entry_id.replace('/', '_')}-v{item.version}.rlproof"
        files[name] = client.proof(item.entry_id, kind="distribution_line", version=item.version)
    return files


zip_key = f"proofs_zip:{version_key}"
if downloads[3].button(ui.t("payouts.proofs"), key="build_zip"):
    files = ui.call(fetch_all, what=f"{period} {source}")
    if files is not None:
        st.session_state[zip_key] = proofs_zip(files)
if zip_key in st.session_state:
    downloads[3].download_button(
        ui.t("payouts.zip_ready"),
        st.session_state[zip_key],
        file_name=f"proofs-{period}-{source}.zip",
        mime="application/zip",
        key="dl_zip",
        on_click="ignore",
    )

over_periods(statements)
