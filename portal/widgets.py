"""Shared by the pages that list ledger entries: fetch one version's proof, verify it in place,
offer it for download."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ledger import Report
from portal import ui
from portal.api_client import ApiClient


def verify_in_place(
    entry_id: str, version: int | None, *, kind: str | None = None, expected_leaf: str | None = None, key: str
) -> bytes | None:
    """A button; once pressed, the proof is fetched, checked here, and shown with its download.
    Returns the proof once verified as valid (None before, or when it is not)."""
    checked = proof_in_place(entry_id, version, kind=kind, expected_leaf=expected_leaf, key=key)
    if checked is None:
        return None
    data, report = checked
    return data if report.ok else None


def proof_in_place(
    entry_id: str,
    version: int | None,
    *,
    kind: str | None = None,
    expected_leaf: str | None = None,
    key: str,
    explain: Callable[[Report], None] | None = None,
) -> tuple[bytes, Report] | None:
    """As `verify_in_place`, returning the proof and its report (None before the button, or when
    the proof cannot be fetched). `explain` says what the report means for the page's fact,
    above the verdict's steps."""
    state = f"inplace:{key}"
    if st.button(ui.t("verify.in_place"), key=f"btn:{key}"):
        st.session_state[state] = True
    if not st.session_state.get(state):
        return None

    def fetch(client: ApiClient) -> bytes:
        return client.proof(entry_id, kind=kind, version=version)

    data = ui.call(fetch, what=f"{entry_id} v{version}" if version else entry_id)
    if data is None:
        return None
    with st.spinner(ui.t("verify.checking")):
        report, seconds = ui.check_proof(data, expected_leaf=expected_leaf)
    if explain is not None:
        explain(report)
    ui.show_verdict(report, seconds, key=key)
    st.download_button(
        ui.t("verify.download"),
        data,
        file_name=f"{entry_id}{'-v' + str(version) if version else ''}.rlproof",
        mime="application/json",
        key=f"dl:{key}",
    )
    return data, report
