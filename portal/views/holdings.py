"""My works and recordings: the member's repertoire, one row per share they hold (role, right
type, share), searched by title and a page at a time."""

from __future__ import annotations

import streamlit as st

from payloads.paging import Page
from payloads.repertoire import MyRecording, MyWork
from portal import ui
from portal.accounts import PAGE_SIZE, page_bounds, pages_of, share_percent

st.title(ui.t("nav.holdings"))
st.write(ui.t("holdings.intro"))
if not ui.require_role("member"):
    st.stop()


def controlled(value: bool | None) -> str:
    return "" if value is None else ui.t("acct.yes" if value else "acct.no")


def works_table(page: Page[MyWork]) -> list[dict[str, object]]:
    return [
        {
            ui.t("holdings.col.id"): w.id,
            ui.t("holdings.col.iswc"): w.iswc or "",
            ui.t("holdings.col.title"): w.title,
            ui.t("holdings.col.status"): ui.word("acct.work", w.status),
            ui.t("holdings.col.role"): ui.word("acct.role", s.role),
            ui.t("holdings.col.right"): ui.word("acct.right", s.right_type),
            ui.t("holdings.col.share"): share_percent(s.share),
            ui.t("holdings.col.controlled"): controlled(s.controlled),
        }
        for w in page.items
        for s in w.shares
    ]


def recordings_table(page: Page[MyRecording]) -> list[dict[str, object]]:
    return [
        {
            ui.t("holdings.col.id"): r.id,
            ui.t("holdings.col.isrc"): r.isrc or "",
            ui.t("holdings.col.title"): r.title,
            ui.t("holdings.col.artist"): r.artist or "",
            ui.t("holdings.col.status"): ui.word("acct.work", r.status),
            ui.t("holdings.col.role"): ui.word("acct.role", s.role),
            ui.t("holdings.col.right"): ui.t("acct.right.neighbouring"),
            ui.t("holdings.col.share"): share_percent(s.share),
        }
        for r in page.items
        for s in r.shares
    ]


def section(what: str) -> None:
    q = st.text_input(
        ui.t("holdings.search"),
        key=f"holdings_q_{what}",
        on_change=lambda: st.session_state.update({f"holdings_page_{what}": 1}),  # a new search: page 1
    ).strip()
    number = int(st.session_state.get(f"holdings_page_{what}", 1))
    offset = page_bounds(number, 10**9)[0]
    page: Page[MyWork] | Page[MyRecording] | None
    if what == "works":
        page = works = ui.call(lambda c: c.my_works(q=q, limit=PAGE_SIZE, offset=offset))
        rows = works_table(works) if works is not None else []
    else:
        page = recordings = ui.call(lambda c: c.my_recordings(q=q, limit=PAGE_SIZE, offset=offset))
        rows = recordings_table(recordings) if recordings is not None else []
    if page is None:
        return
    if not page.items:
        st.info(ui.t(f"holdings.none.{what}"))
        return
    _, first, last = page_bounds(number, page.total)
    st.caption(ui.t("acct.showing", total=page.total, first=first, last=last))
    st.dataframe(rows, hide_index=True, width="stretch")
    if page.total > PAGE_SIZE:
        st.number_input(
            ui.t("acct.page"),
            min_value=1,
            max_value=pages_of(page.total),
            step=1,
            key=f"holdings_page_{what}",
        )


works_tab, recordings_tab = st.tabs([ui.t("holdings.works"), ui.t("holdings.recordings")])
with works_tab:
    section("works")
with recordings_tab:
    section("recordings")
