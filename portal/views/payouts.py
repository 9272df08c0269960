"""My payouts: a member's statements per period, a chart, the lines each verifiable in place, and
the downloads (CSV, PDF statement with QR codes, the proofs)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from portal import ui
from portal.api_client import ApiClient, ApiError
from portal.statement_pdf import statement_pdf
from portal.statements import (
    PayoutLine,
    chart_rows,
    format_money,
    line_listed,
    lines_csv,
    payout_lines,
    proofs_zip,
)
from portal.verification import verify_bytes
from portal.widgets import verify_in_place

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

rows = chart_rows(statements)
st.subheader(ui.t("payouts.over_periods"))
chart = (
    alt.Chart(pd.DataFrame(rows))
    .mark_bar()
    .encode(
        x=alt.X("period:O", title=ui.t("payouts.period"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("amount:Q", title=ui.t("payouts.amount")),
        color=alt.Color("source:N", title=ui.t("payouts.source")),
        tooltip=["period:O", "source:N", "amount:Q"],
    )
)
st.altair_chart(chart, use_container_width=True)
st.dataframe(
    [
        {
            ui.t("payouts.period"): r["period"],
            ui.t("payouts.source"): r["source"],
            ui.t("payouts.amount"): format_money(r["amount_minor"], r["currency"]),
        }
        for r in rows
    ],
    hide_index=True,
    use_container_width=True,
)

# The latest statement first: what a member opens the page for.
choices = sorted({(s.period, s.source) for s in statements}, reverse=True)
period, source = st.selectbox(
    ui.t("payouts.pick"), choices, format_func=lambda c: f"{c[0]} · {c[1]}", key="payouts_pick"
)
st.subheader(f"{ui.t('payouts.lines')} · {period} · {source}")
fetched = ui.call(lambda c: c.statement(period, source), what=f"{period} {source}")
if fetched is None:
    st.stop()
lines: list[PayoutLine] = payout_lines(fetched)
if not lines:
    st.info(ui.t("payouts.no_lines"))
    st.stop()

s = ui.settings()
downloads = st.columns(3)
downloads[0].download_button(
    ui.t("payouts.csv"),
    lines_csv(period, source, lines),
    file_name=f"statement-{period}-{source}.csv",
    mime="text/csv",
    key="dl_csv",
)
words = {
    k: ui.t(v)
    for k, v in {
        "title": "pdf.title",
        "member": "pdf.member",
        "period": "payouts.period",
        "source": "payouts.source",
        "total": "pdf.total",
        "what": "works.works",
        "amount": "payouts.amount",
        "scan": "pdf.scan",
    }.items()
}
downloads[1].download_button(
    ui.t("payouts.pdf"),
    statement_pdf(
        member=str(st.session_state.get("subject", "")),
        period=period,
        source=source,
        lines=lines,
        public_url=s.public_url,
        words=words,
    ),
    file_name=f"statement-{period}-{source}.pdf",
    mime="application/pdf",
    key="dl_pdf",
)


def fetch_all(client: ApiClient) -> dict[str, bytes]:
    """One proof per statement entry: every line it lists is proven by it."""
    files = {}
    for item in lines:
        ident, version = item.statement.entry_id, item.statement.version
        name = f"{ident.replace('/', '_')}-v{version}.rlproof"
        if name not in files:
            files[name] = client.proof(ident, version=version)
    return files


if downloads[2].button(ui.t("payouts.proofs"), key="build_zip"):
    files = ui.call(fetch_all, what=f"{period} {source}")
    if files is not None:
        st.session_state["proofs_zip"] = proofs_zip(files)
if "proofs_zip" in st.session_state:
    downloads[2].download_button(
        ui.t("payouts.zip_ready"),
        st.session_state["proofs_zip"],
        file_name=f"proofs-{period}-{source}.zip",
        mime="application/zip",
        key="dl_zip",
    )

if st.button(ui.t("payouts.verify_all"), key="verify_all"):
    bad = 0
    progress = st.progress(0.0)
    try:
        with ui.api() as client:
            for number, item in enumerate(lines, 1):
                statement = item.statement
                data = client.proof(statement.entry_id, version=statement.version)
                verdict = verify_bytes(data, s, expected_leaf=statement.leaf_hash)
                bad += 0 if verdict.ok else 1
                progress.progress(number / len(lines))
    except ApiError as exc:
        st.error(ui.t("common.error", error=str(exc)))
    else:
        if bad:
            st.error(ui.t("payouts.some_invalid", bad=bad, n=len(lines)))
        else:
            st.success(ui.t("payouts.all_valid", n=len(lines)))

for number, item in enumerate(lines):
    statement, line = item.statement, item.line
    amount = format_money(line.amount, statement.currency)
    with st.expander(ui.t("payouts.line", what=item.what, amount=amount)):
        facts = {
            ui.t("payouts.usage"): line.weight,
            ui.t("payouts.share"): f"{line.share / 100:.2f} %",
            ui.t("payouts.amount"): amount,
            ui.t("verify.entry_id"): f"{statement.entry_id} v{statement.version}",
        }
        st.markdown("  \n".join(f"**{k}**: {v}" for k, v in facts.items()))
        st.caption(f"leaf hash {statement.leaf_hash}")
        proven = verify_in_place(
            statement.entry_id,
            statement.version,
            kind="distribution_line",
            expected_leaf=statement.leaf_hash,
            key=f"line:{period}:{source}:{number}",
        )
        if proven is not None:  # the statement verified: is this line the one it lists?
            if line_listed(proven, item):
                st.success(ui.t("payouts.line_listed"))
            else:
                st.error(ui.t("payouts.line_missing"))
