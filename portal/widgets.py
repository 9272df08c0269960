"""Shared by the pages that list ledger entries: fetch one version's proof, verify it in place,
offer it for download."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def streamlit_words() -> None:
    """Streamlit's own texts in the reader's language, on every page (portal/app.py calls it).
    Streamlit writes its file uploader's "Upload" and "200MB per file" and its running indicator's
    "Stop" in English whatever the page's language, and offers no setting for them: those texts
    are hidden by CSS and the reader's words drawn in their place (the upload limit is the one the
    server applies, server.maxUploadSize). The widgets themselves are unchanged."""
    css = uploader_css(ui.t("upload.button"), ui.t("upload.limit", mb=upload_limit_mb()))
    st.html(f"<style>{css}{stop_css(ui.t('app.stop'))}</style>")


def file_uploader(label: str, *, key: str, types: list[str] | None = None) -> Any:
    """Streamlit's file uploader (its own texts are in the reader's words: streamlit_words)."""
    return st.file_uploader(label, key=key, type=types)


def upload_limit_mb() -> int:
    return int(st.get_option("server.maxUploadSize"))


def uploader_css(button: str, limit: str) -> str:
    """The CSS that puts `button` and `limit` in place of Streamlit's English texts."""
    dropzone = '[data-testid="stFileUploaderDropzone"]'
    instructions = '[data-testid="stFileUploaderDropzoneInstructions"]'
    return (
        f'{dropzone} button [data-testid="stMarkdownContainer"] p,'
        f"{instructions} span {{visibility: hidden; font-size: 0}}"
        f'{dropzone} button [data-testid="stMarkdownContainer"] p::after'
        f"{{content: {_css_string(button)}; visibility: visible; font-size: 1rem}}"
        f"{instructions} span::after"
        f"{{content: {_css_string(limit)}; visibility: visible; font-size: 0.875rem}}"
    )


def stop_css(stop: str) -> str:
    """The CSS that puts `stop` in place of the running indicator's "Stop" button text."""
    button = '[data-testid="stStatusWidget"] button'
    return f"{button} {{font-size: 0}}{button}::after {{content: {_css_string(stop)}; font-size: 0.875rem}}"


def _css_string(text: str) -> str:
    escaped = "".join(ch if ch.isalnum() or ch in " .,()（）：:-" else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'
