"""Public license lookup: is this venue or platform licensed? Status and validity, with proof."""

from __future__ import annotations

from typing import Any

import streamlit as st

from portal import ui
from portal.widgets import verify_in_place

st.title(ui.t("nav.licenses"))
st.write(ui.t("licenses.intro"))

COLOUR = {"active": "green", "expired": "gray", "revoked": "red", "suspended": "orange", "pending": "blue"}

with st.form("license_search"):
    cols = st.columns(3)
    number = cols[0].text_input(ui.t("licenses.number"))
    name = cols[1].text_input(ui.t("licenses.name"))
    city = cols[2].text_input(ui.t("licenses.city"))
    if st.form_submit_button(ui.t("licenses.search")):
        st.session_state["license_query"] = {"number": number, "name": name, "city": city}


def status_text(item: dict[str, Any]) -> str:
    status = str(item.get("status", "")).lower()
    if status not in COLOUR:
        return status
    return f":{COLOUR[status]}-badge[{ui.t(f'status.{status}')}]"


def validity(item: dict[str, Any]) -> str:
    start = item.get("valid_from") or ""
    end = item.get("valid_to") or ""
    return f"{start} – {end}" if start or end else ""


query: dict[str, str] | None = st.session_state.get("license_query")
if query:
    params = {k: v.strip() for k, v in query.items() if v.strip()}
    page = ui.call(lambda c: c.licenses(**params))
    if page is not None:
        if not page.items:
            st.info(ui.t("licenses.none"))
        for item in page.items:
            ident = str(item.get("number") or item.get("id") or "")
            with st.container(border=True):
                head = item.get("licensee") or item.get("name") or ""
                st.markdown(f"### {ident} · {head}")
                cols = st.columns(3)
                cols[0].markdown(f"**{ui.t('licenses.status')}**: {status_text(item)}")
                cols[1].markdown(f"**{ui.t('licenses.validity')}**: {validity(item)}")
                cols[2].markdown(f"**{ui.t('licenses.city')}**: {item.get('city', '')}")
                if item.get("reason"):
                    st.caption(f"{ui.t('licenses.reason')}: {item['reason']}")
                with st.expander(ui.t("common.details")):
                    st.json(item)
                verify_in_place(
                    ident,
                    item.get("version"),
                    kind="license",
                    expected_leaf=item.get("leaf_hash"),
                    key=f"license:{ident}",
                )
