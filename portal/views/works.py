"""Works and recordings: search, then a registration history with anchoring status and proofs."""

from __future__ import annotations

import streamlit as st

from portal import ui
from portal.widgets import verify_in_place

st.title(ui.t("nav.works"))
st.write(ui.t("works.intro"))

# Options as the words shown (a format_func would run outside the page's language in tests).
labels = {ui.t("works.works"): "works", ui.t("works.recordings"): "recordings"}
what = labels[st.radio(ui.t("works.what"), list(labels), horizontal=True, key="works_what")]
with st.form("works_search"):
    cols = st.columns(4)
    title = cols[0].text_input(ui.t("works.title"))
    iswc = cols[1].text_input(ui.t("works.iswc"))
    isrc = cols[2].text_input(ui.t("works.isrc"))
    member = cols[3].text_input(ui.t("works.member"))
    if st.form_submit_button(ui.t("works.search")):
        st.session_state["works_query"] = {
            "what": what,
            "title": title,
            "iswc": iswc,
            "isrc": isrc,
            "member": member,
        }

query: dict[str, str] | None = st.session_state.get("works_query")
if query:
    kind = query["what"]
    params = {k: v.strip() for k, v in query.items() if k != "what" and v.strip()}
    page = ui.call(lambda c: c.works(**params) if kind == "works" else c.recordings(**params))
    if page is not None:
        if not page.items:
            st.info(ui.t("works.none"))
        else:
            st.caption(ui.t("works.found", total=page.total))
            st.dataframe(
                [item.model_dump(mode="json") for item in page.items],
                use_container_width=True,
                hide_index=True,
            )
            titles = {item.id: item.title for item in page.items}
            ident = st.selectbox(
                ui.t("works.pick"), list(titles), format_func=lambda i: f"{i} · {titles[i]}", key="works_pick"
            )
            st.subheader(ui.t("works.history"))
            history = ui.call(lambda c: c.history(kind, ident), what=ident)
            if history is not None and not history:
                st.info(ui.t("works.no_history"))
            for version in history or []:
                number = version.version
                with st.container(border=True):
                    st.markdown(f"**{ui.t('works.version', version=number, at=version.at)}**")
                    if version.anchored:
                        st.markdown(ui.MARK_OK + " " + ui.t("works.anchored", index=version.checkpoint_index))
                    else:
                        st.markdown(":orange[:material/schedule:] " + ui.t("works.pending"))
                    st.json(version.body, expanded=False)
                    st.caption(f"leaf hash {version.leaf_hash}")
                    if version.anchored:
                        verify_in_place(
                            ident,
                            number,
                            expected_leaf=version.leaf_hash,
                            key=f"{kind}:{ident}:{number}",
                        )
