"""Verify: a proof file uploaded, or fetched from the API by entry id, checked here step by step."""

from __future__ import annotations

import hashlib

import streamlit as st

from ledger import Report
from portal import ui
from portal.api_client import ApiUnavailable, NotFound

st.title(ui.t("nav.verify"))
st.write(ui.t("verify.intro"))
params = st.query_params
expected = params.get("leaf")  # from a statement's QR code: the line this proof must be about


def verdict_for(data: bytes) -> tuple[Report, float]:
    """Check once per file (and expected leaf); reruns of the page reuse the report."""
    key = "verdict:" + hashlib.sha256(data).hexdigest() + ":" + (expected or "")
    if key not in st.session_state:
        with st.spinner(ui.t("verify.checking")):
            st.session_state[key] = ui.check_proof(data, expected_leaf=expected)
    checked: tuple[Report, float] = st.session_state[key]
    return checked


uploaded = st.file_uploader(ui.t("verify.upload"), key="proof_upload")
if uploaded is not None:
    ui.show_verdict(*verdict_for(uploaded.getvalue()))

st.divider()
with st.form("by_id"):
    entry_id = st.text_input(ui.t("verify.entry_id"), value=params.get("entry", ""))
    version = st.text_input(ui.t("verify.version"), value=params.get("version", ""))
    fetch = st.form_submit_button(ui.t("verify.fetch"))
# A link (a statement's QR code) fetches once on arrival; the form fetches on each submit.
auto = "entry" in params and st.session_state.get("auto_fetched") != params.get("entry")
if (fetch or auto) and entry_id.strip():
    st.session_state["auto_fetched"] = params.get("entry")
    st.session_state.pop("fetched_proof", None)
    try:
        with st.spinner(ui.t("api.loading")), ui.api() as client:
            data = client.proof(
                entry_id.strip(),
                kind=params.get("kind"),
                version=int(version) if version.strip().isdigit() else None,
            )
        st.session_state["fetched_proof"] = (entry_id.strip(), data)
    except ApiUnavailable as exc:
        st.error(ui.t("api.down", where=exc.where), icon=ui.ICON_DOWN)
    except NotFound as exc:
        if exc.route_missing:
            st.info(ui.t("api.not_available"), icon=ui.ICON_SOON)
        elif expected:
            st.warning(ui.t("verify.private_hint", leaf=expected))
        else:
            st.warning(ui.t("api.not_found", what=entry_id))
    except Exception as exc:  # any other refusal, in words
        st.error(ui.t("common.error", error=str(exc)))
# The fetched proof stays on the page across reruns (a download, a language switch).
if "fetched_proof" in st.session_state:
    fetched_id, data = st.session_state["fetched_proof"]
    ui.show_verdict(*verdict_for(data))
    st.download_button(
        ui.t("verify.download"),
        data,
        file_name=f"{fetched_id}.rlproof",
        mime="application/json",
        key="download_fetched",
    )
