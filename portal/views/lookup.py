"""Log search, as crt.sh and Rekor do it: one box takes an entry id (W-12, LIC-2026-000001), a
leaf hash (64 hex digits) or a log index, and shows what the log holds there: a public entry
whole, with its facts and its proof checked in place; a private entry as its fingerprint only,
which anyone may check is in the log and anchored. The search is in the URL (?q=...), so a
link to it can be shared."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from payloads.log import LogEntryOut
from payloads.paging import Page
from portal import ui
from portal.api_client import ApiClient, NotFound
from portal.pager import link, pager, share
from portal.paging import DEFAULT_SIZE, PageOf, page_from
from portal.widgets import verify_in_place
from portal.work_view import facts, moment

HEX64 = re.compile(r"[0-9a-fA-F]{64}")
INDEX = re.compile(r"[0-9]{1,18}")
ENTRY_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:/-]{0,199}")

st.title(ui.t("nav.lookup"))
st.write(ui.t("lookup.intro"))
params = st.query_params
with st.form("log_search"):
    typed = st.text_input(ui.t("lookup.query"), value=params.get("q", ""))
    submitted = st.form_submit_button(ui.t("lookup.search"))
text = typed.strip() if submitted else params.get("q", "").strip()
number, size = (1, page_from(params)[1]) if submitted else page_from(params)
share({"q": text, "page": number if number > 1 else None, "size": size if size != DEFAULT_SIZE else None})


def understood(text: str) -> tuple[str, Any] | None:
    """('leaf_hash', hex) | ('index', n) | ('entry', id), or None for what is none of them."""
    if HEX64.fullmatch(text):
        return "leaf_hash", text.lower()
    if INDEX.fullmatch(text):
        return "index", int(text)
    if ENTRY_ID.fullmatch(text):
        return "entry", text
    return None


def kind_word(kind: str) -> str:
    return ui.t(f"lookup.kind.{kind}")


def show_public(found: LogEntryOut, entry: dict[str, Any]) -> None:
    kind, ident, version = str(entry.get("kind")), str(entry.get("id")), int(entry.get("version", 0))
    with st.container(border=True):
        st.markdown(
            "**"
            + ui.t("lookup.entry_title", index=found.index, kind=kind_word(kind), id=ident, version=version)
            + "**"
        )
        at, leaf = ui.t("lookup.col.at"), ui.t("lookup.col.leaf_hash")
        st.caption(f"{at}: {moment(str(entry.get('at', '')), ui.lang())} · {leaf}: {found.leaf_hash}")
        if kind in ("work", "recording"):
            what = "works" if kind == "work" else "recordings"
            st.markdown(f"[{ui.t('lookup.open_work')}](works{link({'what': what, 'id': ident})})")
        elif kind == "license":
            st.markdown(f"[{ui.t('lookup.open_license')}](licenses{link({'license': ident})})")
        body = entry.get("body")
        if isinstance(body, dict):
            with st.expander(ui.t("lookup.facts")):
                rows = [
                    {ui.t("works.col.field"): field, ui.t("lookup.facts"): value}
                    for field, value in facts(body, ui.lang()).items()
                ]
                st.dataframe(rows, width="stretch", hide_index=True)
        verify_in_place(
            ident, version, kind=kind, expected_leaf=found.leaf_hash, key=f"lookup:{found.leaf_hash}"
        )


def show_private(found: LogEntryOut) -> None:
    with st.container(border=True):
        st.markdown("**" + ui.t("lookup.private_title", index=found.index) + "**")
        st.caption(f"{ui.t('lookup.col.leaf_hash')}: {found.leaf_hash}")
        st.info(ui.t("lookup.private_note"), icon=":material/lock:")
        state = f"fingerprint:{found.leaf_hash}"
        if st.button(ui.t("lookup.check_fingerprint"), key=f"btn:{state}"):
            st.session_state[state] = True
        if st.session_state.get(state):
            data = ui.call(lambda c: c.fingerprint(found.leaf_hash), what=found.leaf_hash)
            if data is not None:
                with st.spinner(ui.t("verify.checking")):
                    report, seconds = ui.check_proof(data, expected_leaf=found.leaf_hash)
                ui.show_fingerprint(report)
                ui.show_verdict(report, seconds, key=state)


if text:
    asked = understood(text)
    if asked is None:
        st.error(ui.t("lookup.bad"))
    else:
        by, value = asked
        view = PageOf(number, size, 0)

        def search(client: ApiClient) -> Page[LogEntryOut]:
            try:
                return client.log_search(**{by: value}, limit=view.size, offset=view.offset)
            except NotFound as exc:
                if exc.route_missing:
                    raise
                return Page[LogEntryOut](items=[], total=0, limit=view.size, offset=view.offset)

        page = ui.call(search)
        if page is not None and not page.total:
            st.info(ui.t("lookup.none"))
        elif page is not None:
            view = PageOf(number, size, page.total)
            st.caption(ui.t("lookup.found", by=ui.t(f"lookup.by.{by}"), count=page.total))
            if page.total > view.size:
                pager(view, "lookup_pager")
            rows = [
                {
                    ui.t("lookup.col.index"): item.index,
                    ui.t("lookup.col.kind"): kind_word(str(item.entry.get("kind"))) if item.entry else "—",
                    ui.t("lookup.col.id"): str(item.entry.get("id")) if item.entry else "—",
                    ui.t("lookup.col.version"): str(item.entry.get("version")) if item.entry else "—",
                    ui.t("lookup.col.visibility"): ui.t(
                        "lookup.private" if item.private else "lookup.public"
                    ),
                    ui.t("lookup.col.leaf_hash"): item.leaf_hash,
                }
                for item in page.items
            ]
            st.dataframe(rows, width="stretch", hide_index=True)
            for item in page.items:
                if item.private or item.entry is None:
                    show_private(item)
                else:
                    show_public(item, item.entry)
            st.markdown(f"[{ui.t('lookup.share_link')}]({link({'q': text})})")
