"""Works and recordings: search with a count and pages, then one work or recording: who holds
which share (a table), and its registration history, each version's changes against the one
before, anchoring status and proof. The URL holds the search, the page and the work opened, so
a copied link shows the same view."""

from __future__ import annotations

from typing import Any

import streamlit as st

from payloads.log import VersionOut
from portal import ui
from portal.pager import link, pager, share
from portal.paging import DEFAULT_SIZE, PageOf, page_from
from portal.widgets import verify_in_place
from portal.work_view import EMPTY, ai_text, changes, moment, shares_table, word

st.title(ui.t("nav.works"))
st.write(ui.t("works.intro"))
params = st.query_params
FIELDS = ("title", "iswc", "isrc", "member")

# Options as the words shown (a format_func would run outside the page's language in tests).
labels = {ui.t("works.works"): "works", ui.t("works.recordings"): "recordings"}
wanted_kind = "recordings" if params.get("what") == "recordings" else "works"
chosen = st.radio(
    ui.t("works.what"),
    list(labels),
    index=list(labels.values()).index(wanted_kind),
    horizontal=True,
    key=f"works_what_{wanted_kind}",
)
kind = labels[chosen]
with st.form("works_search"):
    cols = st.columns(4)
    typed = {
        "title": cols[0].text_input(ui.t("works.title"), value=params.get("title", "")),
        "iswc": cols[1].text_input(ui.t("works.iswc"), value=params.get("iswc", "")),
        "isrc": cols[2].text_input(ui.t("works.isrc"), value=params.get("isrc", "")),
        "member": cols[3].text_input(ui.t("works.member"), value=params.get("member", "")),
    }
    submitted = st.form_submit_button(ui.t("works.search"))
if submitted or kind != wanted_kind:
    query = {k: v.strip() for k, v in typed.items() if v.strip()}
    number, size = 1, page_from(params)[1]
    opened = None
else:
    query = {k: params[k].strip() for k in FIELDS if params.get(k, "").strip()}
    number, size = page_from(params)
    opened = params.get("id", "").strip() or None
share(
    {
        "what": kind if kind != "works" else None,
        **query,
        "page": number if number > 1 else None,
        "size": size if size != DEFAULT_SIZE else None,
        "id": opened,
    }
)


def summary_rows(items: list[Any]) -> list[dict[str, str]]:
    """The page's works or recordings as a table in the reader's language."""
    lang, rows = ui.lang(), []
    for item in items:
        row = {ui.t("works.col.id"): item.id}
        if kind == "works":
            row[ui.t("works.col.iswc")] = item.iswc or EMPTY
        else:
            row[ui.t("works.col.isrc")] = item.isrc or EMPTY
        row[ui.t("works.col.title")] = item.title
        if kind == "works":
            row[ui.t("works.col.alternate_titles")] = (
                "; ".join(t.title for t in item.alternate_titles) or EMPTY
            )
            row[ui.t("works.col.language")] = word("language", item.language, lang)
        else:
            row[ui.t("works.col.artist")] = item.artist or EMPTY
        seconds = item.duration_seconds
        row[ui.t("works.col.duration")] = EMPTY if seconds is None else f"{seconds // 60}:{seconds % 60:02d}"
        row[ui.t("works.col.status")] = word("status", item.status, lang)
        rows.append(row)
    return rows


def show_history(ident: str, history: list[VersionOut]) -> None:
    st.subheader(ui.t("works.history"))
    if not history:
        st.info(ui.t("works.no_history"))
    before: dict[str, Any] | None = None
    for version in history:
        number = version.version
        with st.container(border=True):
            st.markdown(f"**{ui.t('works.version', version=number, at=moment(version.at, ui.lang()))}**")
            if version.anchored:
                st.markdown(ui.MARK_OK + " " + ui.t("works.anchored", index=version.checkpoint_index))
            else:
                st.markdown(":orange[:material/schedule:] " + ui.t("works.pending"))
            diff = changes(before, version.body, ui.lang())
            st.markdown(ui.t("works.changes") if before is not None else ui.t("works.first_version"))
            if diff:
                st.dataframe(
                    [
                        {
                            ui.t("works.col.field"): c.field,
                            ui.t("works.col.before"): c.before,
                            ui.t("works.col.after"): c.after,
                        }
                        for c in diff
                    ],
                    width="stretch",
                    hide_index=True,
                )
            else:
                st.caption(ui.t("works.no_changes"))
            st.caption(ui.t("works.leaf", leaf=version.leaf_hash))
            if version.anchored:
                verify_in_place(
                    ident, number, expected_leaf=version.leaf_hash, key=f"{kind}:{ident}:{number}"
                )
        before = version.body


def show_one(ident: str) -> None:
    history = ui.call(lambda c: c.history(kind, ident), what=ident)
    if history is None:
        return
    latest = history[-1].body if history else {}
    st.subheader(ui.t("works.detail", id=ident, title=latest.get("title", "")))
    st.markdown(f"[{ui.t('works.share_link')}]({link({'what': kind, 'id': ident})})")
    if isinstance(latest.get("ai"), dict):
        st.markdown(f"**{ui.t('works.field.ai')}**: {ai_text(latest['ai'], ui.lang())}")
    else:
        st.caption(ui.t("works.ai.undeclared"))
    st.markdown(f"**{ui.t('works.shares')}**")
    rows = shares_table(latest, ui.lang())
    if rows:
        st.dataframe(rows, width="stretch", hide_index=True)
    else:
        st.caption(ui.t("works.no_shares"))
    show_history(ident, history)


if query:
    view = PageOf(number, size, 0)
    page = ui.call(
        lambda c: (
            c.works(**query, limit=view.size, offset=view.offset)
            if kind == "works"
            else c.recordings(**query, limit=view.size, offset=view.offset)
        )
    )
    if page is not None:
        view = PageOf(number, size, page.total)
        if not page.total:
            st.info(ui.t("works.none"))
        else:
            pager(view, "works_pager")
            st.dataframe(summary_rows(page.items), width="stretch", hide_index=True)
            titles = {item.id: item.title for item in page.items}
            if opened is not None and opened not in titles:
                titles = {opened: "", **titles}
            if titles:
                ids = list(titles)
                pick = st.selectbox(
                    ui.t("works.pick"),
                    ids,
                    index=ids.index(opened) if opened in ids else 0,
                    format_func=lambda i: f"{i} · {titles[i]}" if titles[i] else i,
                    key=f"works_pick_{opened}",
                )
                if pick != opened:
                    opened = pick
                    share(
                        {
                            "what": kind if kind != "works" else None,
                            **query,
                            "page": number if number > 1 else None,
                            "size": size if size != DEFAULT_SIZE else None,
                            "id": opened,
                        }
                    )
if opened is not None:
    show_one(opened)
