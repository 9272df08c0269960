"""Distribution approvals (staff), four eyes: finance prepares a run (a dry run recorded as a
proposal); someone else with the approver role reads what it would publish beside the previous
period and approves it (the run is recorded) or refuses it with a reason. The page never offers
a person the decision on what they prepared; the API refuses it too."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from payloads.distribution import ProposalOut
from portal import ui
from portal.statements import format_money
from portal.units import typed_fen

MONEY = ("pool", "deduction", "allocated", "paid", "carried_forward")
COUNTS = ("members", "lines")
SOURCES = ("karaoke", "online", "background_music", "broadcast")

st.title(ui.t("nav.approvals"))
st.write(ui.t("approvals.intro"))
if not ui.require_role("admin", "finance", "approver", "auditor"):
    st.stop()
me, role = str(st.session_state.get("subject", "")), st.session_state.get("role")
if said := st.session_state.pop("approvals_said", None):
    st.success(said, icon=ui.ICON_OK)


if role in ("admin", "finance"):
    with st.form("prepare"):
        st.subheader(ui.t("approvals.prepare"))
        left, middle, right = st.columns(3)
        period = left.text_input(ui.t("approvals.period"), placeholder="2026-03", key="prepare_period")
        names = {s: ui.word("enum.source", s) for s in SOURCES}
        source = middle.selectbox(ui.t("approvals.source"), SOURCES, format_func=names.__getitem__)
        pool_text = right.text_input(ui.t("approvals.pool"), key="prepare_pool")
        adjustment = st.checkbox(ui.t("approvals.adjustment"))
        sent = st.form_submit_button(ui.t("approvals.submit"), type="primary")
    if sent:
        pool = typed_fen(pool_text) if pool_text.strip() else None  # empty: the period's collections
        if pool is None and pool_text.strip():
            pool = -1
        if not re.fullmatch(r"(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])", period.strip()):
            st.warning(ui.t("approvals.bad_period"))
        elif pool == -1:
            st.warning(ui.t("approvals.bad_pool"))
        else:
            made = ui.call(lambda c: c.prepare_distribution(period.strip(), source, pool, adjustment))
            if made is not None:
                st.session_state["approvals_said"] = ui.t("approvals.prepared", id=made.id)
                st.rerun()


def figures(item: ProposalOut) -> list[dict[str, str]]:
    """This run's figures beside the previous period's, and the change."""
    summary, previous, changes = item.summary, item.previous or {}, item.changes or {}
    currency = str(summary.get("currency", "CNY"))
    col = {k: ui.t(f"approvals.col.{k}") for k in ("figure", "now", "change")}
    col["previous"] = ui.t("approvals.col.previous", period=previous.get("period", "—"))

    def shown(key: str, value: Any) -> str:
        if not isinstance(value, int):
            return "—"
        return format_money(value, currency) if key in MONEY else f"{value:,}"

    rows = []
    for key in (*MONEY, *COUNTS):
        change = changes.get(key)
        rows.append(
            {
                col["figure"]: ui.t(f"approvals.fig.{key}"),
                col["now"]: shown(key, summary.get(key)),
                col["previous"]: shown(key, previous.get(key)),
                col["change"]: ("+" if isinstance(change, int) and change > 0 else "") + shown(key, change),
            }
        )
    reserve = summary.get("reserve")
    if isinstance(reserve, dict):
        total = sum(int(v) for v in reserve.values() if isinstance(v, int))
        rows.append(
            {
                col["figure"]: ui.t("approvals.fig.reserve"),
                col["now"]: format_money(total, currency),
                col["previous"]: "—",
                col["change"]: "—",
            }
        )
    return rows


waiting = ui.call(lambda c: c.proposals("prepared"))
decided_approved = ui.call(lambda c: c.proposals("approved"))
decided_refused = ui.call(lambda c: c.proposals("refused"))
if waiting is None or decided_approved is None or decided_refused is None:
    st.stop()
decided = sorted([*decided_approved.items, *decided_refused.items], key=lambda p: p.id, reverse=True)
tab_waiting, tab_decided = st.tabs(
    [ui.t("approvals.waiting", n=waiting.total), ui.t("approvals.decided", n=len(decided))]
)
with tab_waiting:
    if not waiting.items:
        st.info(ui.t("approvals.none_waiting"))
    else:
        by_id = {p.id: p for p in waiting.items}
        labels = {
            p.id: ui.t(
                "approvals.label",
                id=p.id,
                period=p.period,
                source=ui.word("enum.source", p.source),
                by=p.prepared_by,
            )
            for p in waiting.items
        }
        picked = st.selectbox(
            ui.t("approvals.pick"), list(by_id), format_func=labels.__getitem__, key="proposal"
        )
        item = by_id[picked]
        st.table(figures(item))
        if item.previous is None:
            st.caption(ui.t("approvals.no_previous"))
        if item.prepared_by == me:
            st.info(ui.t("approvals.own"))
        elif role in ("admin", "approver"):
            reason = st.text_input(ui.t("approvals.reason"), key=f"reason_{item.id}", max_chars=500)
            go, stop = st.columns(2)
            if go.button(ui.t("approvals.approve"), type="primary", key=f"approve_{item.id}"):
                done = ui.call(lambda c: c.approve_distribution(item.id), what=item.id)
                if done is not None:
                    summary = (done.run or {}).get("summary", "")
                    st.session_state["approvals_said"] = ui.t(
                        "approvals.approved", id=done.id, summary=summary
                    )
                    st.rerun()
            if stop.button(ui.t("approvals.refuse"), key=f"refuse_{item.id}"):
                if not reason.strip():
                    st.warning(ui.t("approvals.need_reason"))
                else:
                    done = ui.call(lambda c: c.refuse_distribution(item.id, reason.strip()), what=item.id)
                    if done is not None:
                        st.session_state["approvals_said"] = ui.t("approvals.refused", id=done.id)
                        st.rerun()
with tab_decided:
    if not decided:
        st.info(ui.t("approvals.none_decided"))
    else:
        col = {k: ui.t(f"approvals.col.{k}") for k in ("id", "status", "prepared_by", "decided_by", "reason")}
        st.dataframe(
            [
                {
                    col["id"]: p.id,
                    col["status"]: ui.word("approvals.status", p.status),
                    col["prepared_by"]: p.prepared_by,
                    col["decided_by"]: p.decided_by or "",
                    col["reason"]: p.reason or "",
                }
                for p in decided
            ],
            hide_index=True,
            width="stretch",
        )
