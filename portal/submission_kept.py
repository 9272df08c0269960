"""A clerk's correction in progress on the submissions page: kept in the session and, for the same
login, on the portal's server (one store for every session), so that it survives a refresh."""

from __future__ import annotations

import streamlit as st

from payloads.submissions import SubmissionOut
from portal import ui
from portal.submission_draft import Draft, KeptDrafts, draft_of

KEPT_DRAFTS = 500  # corrections in progress kept on the server, for a refresh


@st.cache_resource
def kept_drafts() -> KeptDrafts:
    """Corrections in progress on this portal server (one store for every session)."""
    return KeptDrafts(KEPT_DRAFTS)


def _kept_key(ident: str) -> str:
    return f"{ui.settings().api_url}|{st.session_state.get('subject', '')}|{ident}"


def drafts() -> dict[str, Draft]:
    found: dict[str, Draft] = st.session_state.setdefault("submissions_drafts", {})
    return found


def draft_for(item: SubmissionOut) -> Draft:
    """This session's draft of the submission, else the one kept for this login, else a new one."""
    draft = drafts().get(item.id)
    if draft is None:
        kept = kept_drafts().get(_kept_key(item.id))
        draft = kept if kept is not None else {**draft_of(item.proposed), "mode": "accept", "round": 0}
        drafts()[item.id] = draft
    return draft


def keep(ident: str, draft: Draft) -> None:
    kept_drafts().put(_kept_key(ident), draft)


def renew(ident: str, draft: Draft) -> None:
    """The form is drawn afresh from the draft (after a suggestion was taken in, or a reset)."""
    draft["round"] = int(draft.get("round", 0)) + 1
    keep(ident, draft)


def forget(ident: str) -> None:
    drafts().pop(ident, None)
    kept_drafts().drop(_kept_key(ident))
