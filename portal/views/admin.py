"""Admin: pending entries, the last anchoring runs, and run anchoring now (the API's admin
anchoring endpoints: status, history with gas and cost, run now)."""

from __future__ import annotations

import streamlit as st

from portal import ui

st.title(ui.t("nav.admin"))
st.write(ui.t("admin.intro"))
if not ui.require_role("admin"):
    st.stop()

st.subheader(ui.t("admin.pending"))
status = ui.call(lambda c: c.anchoring_status())
if status is not None:
    figures = {
        "pending_entries": status.pending_entries,
        "log_size": status.log_size,
        "anchors": status.anchors,
        "total_gas": status.total_gas,
    }
    for column, (name, value) in zip(st.columns(len(figures)), figures.items(), strict=True):
        column.metric(ui.t(f"admin.{name}"), f"{value:,}")
    with st.expander(ui.t("common.details")):
        st.json(status.model_dump(mode="json"))

st.subheader(ui.t("admin.runs"))
runs = ui.call(lambda c: c.anchoring_history(limit=20))
if runs is not None:
    if runs.items:
        rows = [run.model_dump(mode="json") for run in runs.items]
        st.dataframe(rows, hide_index=True, use_container_width=True)
    else:
        st.info(ui.t("admin.none"))

if st.button(ui.t("admin.run_now"), type="primary", key="run_now"):
    result = ui.call(lambda c: c.run_anchoring())
    if result is not None:
        st.success(ui.t("admin.ran", result=result.status))
        st.json(result.model_dump(mode="json"))
