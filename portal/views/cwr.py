"""CWR files (staff): the files publishers sent, the latest first, paged; and for a registration
file, the acknowledgement (CWR ACK file) to send back, fetched when asked and kept for the session."""

from __future__ import annotations

import re

import streamlit as st

from payloads.repertoire import CwrFileOut
from portal import ui
from portal.pager import pager, share
from portal.paging import PageOf, page_from

st.title(ui.t("nav.cwr"))
st.write(ui.t("cwr.intro"))
if not ui.require_role("admin", "clerk"):
    st.stop()


def works_export() -> None:
    """The society's works as a CWR file, for a publisher or a sister society."""
    st.subheader(ui.t("cwr.export"))
    st.caption(ui.t("cwr.export_help"))
    left, right = st.columns([3, 1])
    member = left.text_input(ui.t("cwr.export_member"), max_chars=20, key="cwr_export_member").strip()
    version = right.radio(ui.t("cwr.col.version"), ("2.2", "2.1"), horizontal=True, key="cwr_export_version")
    if st.button(ui.t("cwr.export_prepare"), key="cwr_export_prepare"):
        if member and not re.fullmatch(r"[Mm]-[0-9]{1,18}", member):
            st.warning(ui.t("cwr.export_bad_member"))
        else:
            made = ui.call(lambda c: c.cwr_export(member.upper() or None, version), what=member)
            if made is not None:
                st.session_state["cwr_export"] = made
    if (made := st.session_state.get("cwr_export")) is not None:
        name, data = made
        st.download_button(
            ui.t("cwr.download", name=name), data, file_name=name, mime="text/plain", on_click="ignore"
        )
    st.divider()


works_export()

number, size = page_from(st.query_params)
view = PageOf(number, size, 0)
page = ui.call(lambda c: c.cwr_files(limit=view.size, offset=view.offset))
if page is None:
    st.stop()
share({"page": number if number > 1 else None, "size": size})
if not page.total:
    st.info(ui.t("cwr.none"))
    st.stop()
pager(PageOf(number, size, page.total), "cwr_pager")


def row(item: CwrFileOut) -> dict[str, object]:
    col = {k: ui.t(f"cwr.col.{k}") for k in ("received", "file", "sender", "type", "version")}
    col |= {k: ui.t(f"cwr.col.{k}") for k in ("transactions", "accepted", "rejected", "ack")}
    return {
        col["received"]: f"{item.received_at:%Y-%m-%d %H:%M}",
        col["file"]: item.name,
        col["sender"]: item.sender,
        col["type"]: ui.word("cwr.type", item.file_type),
        col["version"]: item.version,
        col["transactions"]: item.transactions,
        col["accepted"]: item.accepted,
        col["rejected"]: item.rejected,
        col["ack"]: ui.t("cwr.ack.yes" if item.acknowledgeable else "cwr.ack.no"),
    }


st.dataframe([row(item) for item in page.items], hide_index=True, width="stretch")

ready = [item for item in page.items if item.acknowledgeable]
if not ready:
    st.info(ui.t("cwr.none_acknowledgeable"))
    st.stop()
names = {
    item.sha256: f"{item.name} · {item.received_at:%Y-%m-%d %H:%M} · {item.sha256[:12]}" for item in ready
}
picked = st.selectbox(ui.t("cwr.pick"), list(names), format_func=names.__getitem__, key="cwr_pick")
kept = f"cwr_ack:{picked}"
if kept not in st.session_state and st.button(ui.t("cwr.prepare"), type="primary", key="cwr_prepare"):
    answer = ui.call(lambda c: c.cwr_acknowledgement(picked), what=names[picked])
    if answer is not None:
        st.session_state[kept] = answer
if kept in st.session_state:
    name, data = st.session_state[kept]
    chosen = next(item for item in ready if item.sha256 == picked)
    st.success(ui.t("cwr.ready", n=chosen.transactions), icon=ui.ICON_OK)
    st.download_button(
        ui.t("cwr.download", name=name),
        data,
        file_name=name,
        mime="text/plain",
        key="cwr_download",
        on_click="ignore",
    )
