"""The pager of the public lists and their shareable URLs: what a reader sees and types lives in
the query string (search, page, size, the thing opened, the language), so a copied link opens
the same view for anyone."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import streamlit as st

from portal import ui
from portal.paging import SIZES, PageOf


def share(values: Mapping[str, object]) -> None:
    """The URL's query string becomes `values` (empty ones left out) and the language."""
    wanted = {k: str(v) for k, v in values.items() if v not in (None, "")}
    wanted["lang"] = ui.lang()
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def link(values: Mapping[str, object]) -> str:
    """A relative link to this page with `values` and the language in its query string."""
    wanted = {k: str(v) for k, v in values.items() if v not in (None, "")}
    return "?" + urlencode({**wanted, "lang": ui.lang()})


def pager(view: PageOf, key: str) -> None:
    """'1–50 of 62', and when there is more than one page: previous, page number, next, size."""
    st.caption(view.words(ui.lang()))
    if view.number > view.pages:
        st.warning(ui.t("pager.beyond", page=view.number, pages=view.pages))
    if view.total <= min(SIZES) and view.number == 1:
        return
    cols = st.columns([1, 1, 1, 1])
    if cols[0].button(ui.t("pager.previous"), key=f"{key}_prev", disabled=view.number <= 1):
        _go(page=min(view.number - 1, view.pages))
    number = cols[1].number_input(
        ui.t("pager.page", pages=view.pages),
        min_value=1,
        max_value=max(view.pages, view.number),
        value=view.number,
        step=1,
        key=f"{key}_page_{view.number}",
    )
    if cols[2].button(ui.t("pager.next"), key=f"{key}_next", disabled=view.number >= view.pages):
        _go(page=view.number + 1)
    size = cols[3].selectbox(
        ui.t("pager.size"), SIZES, index=SIZES.index(view.size), key=f"{key}_size_{view.size}"
    )
    if int(number) != view.number:
        _go(page=int(number))
    if size != view.size:
        _go(page=1, size=size)


def _go(**changes: object) -> None:
    params = dict(st.query_params)
    params.update({k: str(v) for k, v in changes.items()})
    st.query_params.from_dict(params)
    st.rerun()
