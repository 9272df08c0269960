"""The submissions page's view and its words for what it shows: the part, the queue's filter,
search and page, and the submission opened live in the URL (a refresh or a shared link shows the
same view); data shown in markdown as typed, a work as a link, a status in the reader's words."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from portal import ui
from portal.pager import link, share

STATUSES = ("pending", "accepted", "rejected", "all")
SUBMISSION = re.compile(r"SUB-[0-9]{1,18}")
View = dict[str, Any]


def md(text: object) -> str:
    """Data shown in markdown as typed: its punctuation is not markup (nor LaTeX, nor an icon)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", str(text))


def work_link(work: str) -> str:
    """A W-n as a link to the public works page, opened on that work."""
    return f"[{work}](works{link({'id': work})})"


def status_word(status: str) -> str:
    return ui.t(f"submissions.status.{status}") if status in STATUSES else status


def go(view: View, **changes: Any) -> None:
    """The URL becomes the queue's view with `changes`; the page is drawn again from it."""
    view.update(changes)
    share({**view, "page": view["page"] if view["page"] > 1 else None, "size": view["size"]})
    st.session_state["submissions_round"] = st.session_state.get("submissions_round", 0) + 1
    st.rerun()
