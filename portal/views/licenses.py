"""Public license lookup: is this venue or platform licensed? Status and validity, with proof."""

from __future__ import annotations

import streamlit as st

from payloads.licensing import LicenseOut
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


def status_text(item: LicenseOut) -> str:
    status = item.status.lower()
    if status not in COLOUR:
        return status
    return f":{COLOUR[status]}-badge[{ui.t(f'status.{status}')}]"


def validity(item: LicenseOut) -> str:
    return f"{item.valid_from} – {item.valid_to}"


query: dict[str, str] | None = st.session_state.get("license_query")
if query:
    params = {k: v.strip() for k, v in query.items() if v.strip()}
    page = ui.call(lambda c: c.licenses(**params))
    if page is not None:
        if not page.items:
            st.info(ui.t("licenses.none"))
        for item in page.items:
            with st.container(border=True):
                st.markdown(f"### {item.number} · {item.licensee}")
                cols = st.columns(3)
                cols[0].markdown(f"**{ui.t('licenses.status')}**: {status_text(item)}")
                cols[1].markdown(f"**{ui.t('licenses.validity')}**: {validity(item)}")
                cols[2].markdown(f"**{ui.t('licenses.city')}**: {item.city or ''}")
                if item.reason:
                    st.caption(f"{ui.t('licenses.reason')}: {item.reason}")
                with st.expander(ui.t("common.details")):
                    st.json(item.model_dump(mode="json"))
                # The proof must be of the license entry the API states now: its latest version.
                verify_in_place(
                    item.number,
                    item.version,
                    kind="license",
                    expected_leaf=item.leaf_hash,
                    key=f"license:{item.number}",
                )
