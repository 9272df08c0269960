"""Admin: pending entries, the last anchoring runs, and run anchoring now.

The API's admin endpoints are being built alongside (issue 7: "anchoring: run now, status, history
with gas and cost"); the paths below are this page's reading of them (ADMIN_* constants), to align
when the API lands. Until then the page says the service is not available."""

from __future__ import annotations

import streamlit as st

from portal import ui

ADMIN_STATUS = "/v1/anchoring"  # {"pending": N, "tree_size": N, ...}
ADMIN_RUNS = "/v1/anchoring/runs"  # list of runs
ADMIN_RUN_NOW = "/v1/anchoring/run"  # POST

st.title(ui.t("nav.admin"))
st.write(ui.t("admin.intro"))
if not ui.require_role("admin"):
    st.stop()

st.subheader(ui.t("admin.pending"))
status = ui.call(lambda c: c.get_json(ADMIN_STATUS))
if status is not None:
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
