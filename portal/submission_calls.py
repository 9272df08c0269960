"""The submissions page's calls to the API and its refusals in the reader's words: a refusal the
page can word itself (a 409, a 422 naming fields), else as every page words a failure; and a
table of refusals with their reasons."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from portal import ui
from portal.api_client import ApiClient, ApiError
from portal.submission_words import field_words, refusal_words

WRAPPED_ROWS = 100  # refusals shown whole (wrapped); more scroll in a table
T = TypeVar("T")


def send(fn: Callable[[ApiClient], T], *, what: str = "", refused: Callable[[ApiError], bool]) -> T | None:
    """ui.call, except that `refused` may word a refusal itself (a 409, a 422 naming fields) and
    return True; anything else is shown as every page shows a failure."""
    try:
        with st.spinner(ui.t("api.loading")), ui.api() as client:
            return fn(client)
    except ApiError as exc:
        if exc.status in (409, 422) and refused(exc):
            return None
        failure = exc

    def again(_: ApiClient) -> T:
        raise failure  # worded as every page words it; nothing is sent again

    return ui.call(again, what=what)


def refused_fields(exc: ApiError, intro: str) -> bool:
    """A 422's fields at fault, each named in the reader's words (with the registry's reason)."""
    if exc.status != 422:
        return False
    reason = refusal_words(exc.detail or exc.title, ui.lang())
    fields = [f for f in exc.fields if f not in ("body", "request")]
    if not fields:
        st.error(ui.t("submissions.refused", intro=intro, reason=reason))
    for name in fields:
        st.error(
            ui.t("submissions.refused_field", intro=intro, field=field_words(name, ui.lang()), reason=reason)
        )
    return True


def reasons(rows: list[dict[str, str]]) -> None:
    """Refusals with their reasons: a table whose long sentences wrap, read whole; a scrolling
    table when there are many."""
    if len(rows) <= WRAPPED_ROWS:
        st.table(pd.DataFrame(rows).set_index(next(iter(rows[0]))))
    else:
        st.dataframe(rows, hide_index=True, width="stretch")
