"""Admin: pending entries, the last anchoring runs, and run anchoring now.

The API's admin anchoring endpoints (issue 7: run now, status, history with gas and cost) answer
under /v1/admin/anchoring; until they are served the page says the service is not available."""

from __future__ import annotations

import streamlit as st

from portal import ui

ADMIN_STATUS = "/v1/admin/anchoring/status"  # {"log_size", "pending_entries", "anchors", "total_gas", ...}
ADMIN_RUNS = "/v1/admin/anchoring/history"  # a page of anchors, each with its gas and cost
ADMIN_RUN_NOW = "/v1/admin/anchoring/run"  # POST -> {"status", "tree_size", "anchored", "recovered"}
STATUS_FIGURES = ("pending_entries", "log_size", "anchors", "total_gas")

st.title(ui.t("nav.admin"))
st.write(ui.t("admin.intro"))
if not ui.require_role("admin"):
    st.stop()

st.subheader(ui.t("admin.pending"))
status = ui.call(lambda c: c.get_json(ADMIN_STATUS))
if isinstance(status, dict):
    figures = [name for name in STATUS_FIGURES if isinstance(status.get(name), int)]
    for column, name in zip(st.columns(max(1, len(figures))), figures, strict=False):
        column.metric(ui.t(f"admin.{name}"), f"{status[name]:,}")
    with st.expander(ui.t("common.details")):
        st.json(status)

st.subheader(ui.t("admin.runs"))
runs = ui.call(lambda c: c.get_page(ADMIN_RUNS, {"limit": 20}))
if runs is not None:
    if runs.items:
        st.dataframe(runs.items, hide_index=True, use_container_width=True)
    else:
        st.info(ui.t("admin.none"))

if st.button(ui.t("admin.run_now"), type="primary", key="run_now"):
    result = ui.call(lambda c: c.post_json(ADMIN_RUN_NOW))
    if result is not None:
        st.success(ui.t("admin.ran", result=result.get("status", "") if isinstance(result, dict) else result))
        st.json(result)
