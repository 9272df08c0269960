"""Verify: a proof file checked in the reader's own browser (the portal serves only the code and
the pinned log identity; the browser reads the chain itself), or, on the embedded development
chain that no browser reaches, on the portal's server, labelled as such. A proof can also be
fetched by entry id, or by fingerprint (leaf hash) for a private entry: a statement's QR code
opens that check, which needs no login and shows no content."""

from __future__ import annotations

import hashlib

import streamlit as st

from ledger import LedgerError, Report
from portal import ui
from portal.api_client import ApiClient, ApiUnavailable, NotFound
from portal.browser_verifier import STANDALONE_NAME, component_html, standalone_html, standalone_sha256
from portal.verification import browser_identity
from portal.widgets import file_uploader

st.title(ui.t("nav.verify"))
st.write(ui.t("verify.intro"))
params = st.query_params
expected = params.get("leaf")  # from a statement's QR code: the line this proof must be about
try:
    identity = browser_identity(ui.settings())
except LedgerError:  # a pinned value that does not parse: the server's check names it
    identity = None
checker = st.container()  # filled last, once a fetched proof is known


def verdict_for(data: bytes) -> tuple[Report, float]:
    """Check once per file (and expected leaf); reruns of the page reuse the report."""
    key = "verdict:" + hashlib.sha256(data).hexdigest() + ":" + (expected or "")
    if key not in st.session_state:
        with st.spinner(ui.t("verify.checking")):
            st.session_state[key] = ui.check_proof(data, expected_leaf=expected)
    checked: tuple[Report, float] = st.session_state[key]
    return checked


def fetch(client: ApiClient, entry_id: str, version: str) -> bytes:
    """The entry's proof by id; for an id with no public form, its fingerprint's proof when the
    link gave the leaf hash (the content withheld, open to anyone)."""
    try:
        return client.proof(
            entry_id, kind=params.get("kind"), version=int(version) if version.strip().isdigit() else None
        )
    except NotFound as exc:
        if exc.route_missing or not expected:
            raise
        return client.fingerprint(expected.strip().lower())


st.divider()
with st.form("by_id"):
    entry_id = st.text_input(ui.t("verify.entry_id"), value=params.get("entry", ""))
    version = st.text_input(ui.t("verify.version"), value=params.get("version", ""))
    submitted = st.form_submit_button(ui.t("verify.fetch"))
# A link (a statement's QR code) fetches once on arrival; the form fetches on each submit.
auto = "entry" in params and st.session_state.get("auto_fetched") != params.get("entry")
if (submitted or auto) and entry_id.strip():
    st.session_state["auto_fetched"] = params.get("entry")
    st.session_state.pop("fetched_proof", None)
    try:
        with st.spinner(ui.t("api.loading")), ui.api() as client:
            data = fetch(client, entry_id.strip(), version)
        st.session_state["fetched_proof"] = (entry_id.strip(), data)
    except ApiUnavailable as exc:
        st.error(ui.t("api.down", where=exc.where), icon=ui.ICON_DOWN)
    except NotFound as exc:
        if exc.route_missing:
            st.info(ui.t("api.not_available"), icon=ui.ICON_SOON)
        else:
            st.warning(ui.t("api.not_found", what=entry_id))
            st.caption(ui.t("verify.not_public"))
    except Exception as exc:  # any other refusal, in words
        st.error(ui.t("common.error", error=str(exc)))
fetched = st.session_state.get("fetched_proof")

with checker:
    if identity is not None:
        # The whole check in the reader's browser; a fetched proof is handed to it as text.
        html = component_html(
            ui.lang(),
            identity,
            proof_text=fetched[1].decode("utf-8", errors="replace") if fetched else None,
            expected_leaf=expected,
        )
        st.iframe(html, height=1100)
    else:
        embedded = ui.settings().chain_url in (None, "embedded")
        st.info(ui.t("browser.fallback" if embedded else "browser.fallback_node"), icon=":material/dns:")
        st.subheader(ui.t("browser.server_check"))
        uploaded = file_uploader(ui.t("verify.upload"), key="proof_upload")
        if uploaded is not None:
            ui.show_verdict(*verdict_for(uploaded.getvalue()), key="uploaded")
        # The fetched proof stays on the page across reruns (a download, a language switch).
        if fetched is not None:
            report, seconds = verdict_for(fetched[1])
            ui.show_fingerprint(report)
            ui.show_verdict(report, seconds, key="fetched")

if fetched is not None:
    st.download_button(
        ui.t("verify.download"),
        fetched[1],
        file_name=f"{fetched[0].replace('/', '_')}.rlproof",
        mime="application/json",
        key="download_fetched",
    )
    if b'"entry": null' in fetched[1]:
        st.info(ui.t("verify.login_for_full"))

st.divider()
st.download_button(
    ui.t("browser.download"),
    standalone_html().encode("utf-8"),
    file_name=STANDALONE_NAME,
    mime="text/html",
    key="download_verifier",
)
st.caption(ui.t("browser.download_note", sha=standalone_sha256()))
