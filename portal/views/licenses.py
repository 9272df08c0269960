"""Public license lookup: is this venue or platform licensed? Two things said apart: what the
license states (its status, with date and reason), and whether that status is proven (the
latest version, anchored, at checkpoint N; or a newer version not anchored yet)."""

from __future__ import annotations

import streamlit as st

from ledger import Report
from payloads.licensing import LicenseOut
from portal import ui
from portal.license_status import proven, stated
from portal.widgets import proof_in_place

st.title(ui.t("nav.licenses"))
st.write(ui.t("licenses.intro"))

with st.form("license_search"):
    cols = st.columns(3)
    number = cols[0].text_input(ui.t("licenses.number"))
    name = cols[1].text_input(ui.t("licenses.name"))
    city = cols[2].text_input(ui.t("licenses.city"))
    if st.form_submit_button(ui.t("licenses.search")):
        st.session_state["license_query"] = {"number": number, "name": name, "city": city}


def show_states(item: LicenseOut) -> None:
    words = stated(item, ui.lang())
    cols = st.columns(3)
    cols[0].markdown(f"**{ui.t('licenses.status')}**: {words.badge}")
    cols[1].markdown(f"**{ui.t('licenses.validity')}**: {item.valid_from} – {item.valid_to}")
    cols[2].markdown(f"**{ui.t('licenses.city')}**: {item.city or ''}")
    if words.licensed_now:
        st.markdown(f":green[{words.sentence}]")
    else:
        st.markdown(f":{words.colour}[{words.icon} **{words.sentence}**]")
        st.markdown(f":{words.colour}[{ui.t('licenses.not_licensed')}]")


def show_proof(item: LicenseOut) -> None:
    """The proof is of the license's latest version (the one whose status is stated); when that
    one is not anchored yet, the latest anchored version is checked and the page says so. What it
    proves comes first, above the verdict's steps."""
    st.caption(ui.t("licenses.press_verify", version=item.version))

    def explain(report: Report) -> None:
        if not report.ok and item.version > 1:
            older = ui.call(lambda c: c.proof(item.number, kind="license", version=item.version - 1))
            if older is not None:
                older_report, _ = ui.check_proof(older)
                if older_report.ok:
                    report = older_report
        words = proven(item, report, ui.lang())
        getattr(st, words.level)(words.text)

    proof_in_place(
        item.number,
        item.version,
        kind="license",
        expected_leaf=item.leaf_hash,
        key=f"license:{item.number}",
        explain=explain,
    )


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
                st.markdown(f"**{ui.t('licenses.states')}**")
                show_states(item)
                with st.expander(ui.t("common.details")):
                    st.json(item.model_dump(mode="json"))
                st.markdown(f"**{ui.t('licenses.proof')}**")
                show_proof(item)
