"""Admin: anchoring status that refreshes itself, the last anchoring runs, and run anchoring now
after a confirmation that shows the estimated gas and cost; every answer in words."""

from __future__ import annotations

from typing import Any

import streamlit as st

from payloads.log import AnchoringEstimateOut, AnchoringRun, AnchoringStatusOut
from portal import ui
from portal.units import ether, gwei

REFRESH_SECONDS = 10

st.title(ui.t("nav.admin"))
st.write(ui.t("admin.intro"))
if not ui.require_role("admin"):
    st.stop()


def status_rows(status: AnchoringStatusOut) -> list[dict[str, str]]:
    figure, value = ui.t("admin.col.figure"), ui.t("admin.col.value")
    latest = status.latest_anchor
    rows = [
        (ui.t("admin.pending_entries"), f"{status.pending_entries:,}"),
        (ui.t("admin.log_size"), f"{status.log_size:,}"),
        (
            ui.t("admin.latest_anchor"),
            ui.t(
                "admin.latest_anchor_is",
                index=latest.checkpoint_index,
                size=f"{latest.tree_size:,}",
                block=latest.block_number,
                at=latest.anchored_at,
            )
            if latest
            else ui.t("admin.never_anchored"),
        ),
        (ui.t("admin.anchors"), f"{status.anchors:,}"),
        (ui.t("admin.total_gas"), f"{status.total_gas:,}"),
        (ui.t("admin.total_cost"), ether(status.total_cost_wei)),
    ]
    return [{figure: name, value: shown} for name, shown in rows]


@st.fragment(run_every=REFRESH_SECONDS)
def status_panel() -> None:
    """Re-read on its own every few seconds, so a run made elsewhere shows up here."""
    st.subheader(ui.t("admin.pending"))
    status = ui.call(lambda c: c.anchoring_status())
    if status is None:
        return
    if status.pending_entries:
        st.info(ui.t("admin.waiting", n=f"{status.pending_entries:,}"))
    else:
        st.success(ui.t("admin.nothing_waiting"), icon=ui.ICON_OK)
    if status.unanchored_checkpoints or status.open_attempts:
        st.warning(
            ui.t("admin.unfinished", checkpoints=status.unanchored_checkpoints, attempts=status.open_attempts)
        )
    st.table(status_rows(status))
    st.caption(ui.t("admin.refreshes", seconds=REFRESH_SECONDS))

    st.subheader(ui.t("admin.runs"))
    runs = ui.call(lambda c: c.anchoring_history(limit=20))
    if runs is None:
        return
    if not runs.items:
        st.info(ui.t("admin.none"))
        return
    st.dataframe(
        [
            {
                "#": run.checkpoint_index,
                ui.t("col.tree_size"): run.tree_size,
                ui.t("col.anchored_at"): str(run.anchored_at),
                ui.t("col.block"): run.block_number,
                ui.t("admin.col.gas"): f"{run.gas_used:,}",
                ui.t("admin.col.gas_price"): gwei(run.gas_price_wei),
                ui.t("admin.col.cost"): ether(run.cost_wei),
                ui.t("col.tx"): run.tx_hash,
            }
            for run in runs.items
        ],
        hide_index=True,
        width="stretch",
    )


def estimate_words(estimate: AnchoringEstimateOut) -> str:
    if estimate.gas is None or estimate.gas_price_wei is None or estimate.cost_wei is None:
        return ui.t("admin.no_estimate", n=f"{estimate.pending_entries:,}")
    return ui.t(
        "admin.estimate",
        n=f"{estimate.pending_entries:,}",
        gas=f"{estimate.gas:,}",
        price=gwei(estimate.gas_price_wei),
        cost=ether(estimate.cost_wei),
        based_on=estimate.based_on,
    )


def run_words(result: AnchoringRun) -> str:
    """The run's answer in words: what was anchored, or that nothing was waiting."""
    if result.anchored is None:
        words = ui.t("admin.ran_nothing", size=f"{result.tree_size:,}")
    else:
        a: dict[str, Any] = result.anchored
        words = ui.t(
            "admin.ran_anchored",
            index=a.get("checkpoint_index"),
            size=f"{int(a.get('tree_size', 0)):,}",
            block=a.get("block_number"),
            gas=f"{int(a.get('gas_used', 0)):,}",
            cost=ether(str(a.get("cost_wei", "0"))),
            tx=a.get("tx_hash"),
        )
    if result.recovered:
        words += " " + ui.t("admin.ran_recovered", n=len(result.recovered))
    return words


status_panel()

st.subheader(ui.t("admin.run_title"))
if said := st.session_state.pop("admin_ran", None):
    st.success(said, icon=ui.ICON_OK)
if not st.session_state.get("admin_confirming"):
    if st.button(ui.t("admin.run_now"), type="primary", key="run_now"):
        st.session_state["admin_confirming"] = True
        st.rerun()
else:
    estimate = ui.call(lambda c: c.anchoring_estimate())
    if estimate is not None:
        st.info(estimate_words(estimate))
        if estimate.pending_entries == 0:
            st.caption(ui.t("admin.estimate_nothing"))
    send, cancel = st.columns(2)
    if cancel.button(ui.t("admin.cancel"), key="run_cancel"):
        st.session_state["admin_confirming"] = False
        st.rerun()
    if send.button(ui.t("admin.confirm"), type="primary", key="run_confirm", disabled=estimate is None):
        st.session_state["admin_confirming"] = False
        result = ui.call(lambda c: c.run_anchoring())
        if result is not None:
            st.session_state["admin_ran"] = run_words(result)
            st.rerun()  # the figures above, read again after the run
