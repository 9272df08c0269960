"""A work a clerk registers by form (clerks and admins): the submitter's number, title, ISWC,
language, and the writers' and publishers' rows with their shares in percent, checked by field as a
correction is (portal.submission_draft) before anything is sent. Registered at once in the
submitter's name (the society's own, CMO, unless another is given); the ledger keeps it as a
submission the clerk accepted. The form's values survive a rerun in the session."""

from __future__ import annotations

import streamlit as st

from payloads.submissions import SubmittedWork
from portal import ui
from portal.submission_calls import refused_fields, send
from portal.submission_decision import fault_words, party_editors, work_fields
from portal.submission_draft import Fault, corrected
from portal.submission_view import work_link
from portal.work_view import EMPTY

KEY = "new_work_draft"
SOCIETY = "CMO"


def _blank() -> dict[str, object]:
    return {
        "number": "",
        "submitter": SOCIETY,
        "title": "",
        "iswc": "",
        "language": "",
        "writers": [],
        "publishers": [],
    }


def new_work() -> None:
    draft = st.session_state.setdefault(KEY, _blank())
    turn = st.session_state.get("new_work_round", 0)
    st.subheader(ui.t("submissions.new_work"))
    st.caption(ui.t("submissions.new_work_help"))
    a, b = st.columns(2)
    draft["number"] = a.text_input(
        ui.t("submissions.field.submitter_work_id"),
        value=draft["number"],
        max_chars=60,
        key=f"new_number_{turn}",
    )
    draft["submitter"] = b.text_input(
        ui.t("submissions.new_submitter"), value=draft["submitter"], max_chars=64, key=f"new_submitter_{turn}"
    )
    work_fields(draft, f"new_{{}}_{turn}")
    party_editors(draft, f"new_{{}}_{turn}_{ui.lang()}")
    st.caption(ui.t("submissions.shares_help"))
    if not st.button(ui.t("submissions.new_work_go"), type="primary", key="new_work_go"):
        return
    number, submitter = " ".join(str(draft["number"]).split()), " ".join(str(draft["submitter"]).split())
    # The form's rows over a blank work: what it does not show (recordings, AI) stays empty.
    body = corrected(draft, SubmittedWork(submitter_work_id=number or EMPTY, title=EMPTY))
    faults = body if isinstance(body, list) else []
    if not number:
        faults.insert(0, Fault("submitter_work_id", "need"))
    for fault in faults:
        st.warning(fault_words(fault))
    if faults or isinstance(body, list):
        return
    made = send(
        lambda c: c.register_work(body, submitter or SOCIETY),
        what=number,
        refused=lambda exc: refused_fields(exc, ui.t("submissions.refused_new_work")),
    )
    if made is not None and made.work:
        st.session_state[KEY] = _blank()
        st.session_state["new_work_round"] = turn + 1  # fresh inputs for the next work
        st.session_state["submissions_said"] = ui.t("submissions.new_work_done", work=work_link(made.work))
        st.rerun()
