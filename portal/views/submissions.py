"""Submissions to review (staff): works sent from outside on the works template wait in the
registry clerks' queue. A clerk (or an admin) hands out the blank template, sends a filled one in
a submitter's name and reads the intake report; pages and searches the queue; accepts many at
once; and opens one submission: the work as sent beside its standardisation suggestions, to
accept it as sent, correct and accept it (a suggestion's value taken into the form in one
click), or reject it with a reason. Every decision goes through the API, which records it;
auditors read.

The part shown, the queue's filter, search and page, and the submission opened live in the URL,
so a refresh or a shared link shows the same view; a correction in progress is kept in the
session and, for the same login, on the portal's server, so it survives a refresh too."""

from __future__ import annotations

import streamlit as st

from portal import ui
from portal.pager import share
from portal.paging import page_from
from portal.submission_intake import blank_templates, send_template
from portal.submission_new_work import new_work
from portal.submission_queue import queue
from portal.submission_review import one
from portal.submission_view import STATUSES, SUBMISSION, View

st.title(ui.t("nav.submissions"))
st.write(ui.t("submissions.intro"))
if not ui.require_role("admin", "clerk", "auditor"):
    st.stop()
writes = st.session_state.get("role") in ("admin", "clerk")
if said := st.session_state.pop("submissions_said", None):
    st.success(said, icon=ui.ICON_OK)
if warned := st.session_state.pop("submissions_warned", None):
    st.warning(warned)

# --- the view in the URL ----------------------------------------------------------------------------
params = st.query_params
wanted_id = params.get("submission", "").strip().upper()
opened = wanted_id if SUBMISSION.fullmatch(wanted_id) else ""
wanted_status = params.get("status", "") if params.get("status", "") in STATUSES else ""
view: View = {"status": wanted_status, "q": params.get("q", ""), "submission": opened}
view["page"], view["size"] = page_from(params)


# --- the page ------------------------------------------------------------------------------------
def review() -> None:
    queue(view, opened, writes=writes)
    if opened:
        st.divider()
        one(opened, view, writes=writes)


if writes:
    # One part at a time (not tabs): only the part shown draws its forms, and the choice, kept in
    # the URL, survives a refresh.
    parts = {k: ui.t(f"submissions.tab.{k}") for k in ("queue", "send", "new")}
    wanted = params.get("part", "queue")
    part = st.radio(
        ui.t("submissions.part"),
        list(parts),
        index=list(parts).index(wanted) if wanted in parts else 0,
        format_func=parts.__getitem__,
        horizontal=True,
        label_visibility="collapsed",
        key=f"submissions_part_{wanted}_{st.session_state.get('submissions_round', 0)}",  # follows the URL
    )
    if part == "queue":
        view["part"] = ""
        review()
    elif part == "send":
        view["part"] = part
        share({"part": part})
        blank_templates()
        st.divider()
        send_template(view)
    else:
        view["part"] = part
        share({"part": part})
        new_work()
else:
    st.info(ui.t("submissions.auditor"))
    review()
