"""Home: what the portal is, the log as the data service describes it, and what is pinned."""

from __future__ import annotations

import streamlit as st

from anchor.contract import AnchorContract
from anchor.errors import ChainError
from portal import ui
from portal.verification import chain_reader

st.title(ui.t("app.title"))
st.write(ui.t("home.intro"))
s = ui.settings()

left, right = st.columns(2)
with left:
    st.subheader(ui.t("home.log"))
    info = ui.call(lambda c: c.log_info())
    if info is not None:
        st.metric(ui.t("home.tree_size"), f"{info.tree_size:,}")
        st.caption(info.origin)
    if s.contract_address:
        try:
            with chain_reader(s) as conn:
                count = AnchorContract(conn.w3, s.contract_address).checkpoint_count()
            st.metric(ui.t("home.checkpoints"), f"{count:,}")
        except ChainError as exc:
            st.warning(ui.t("home.chain_unreadable", error=str(exc)))
        except Exception as exc:  # a wrong address or ABI mismatch: say so, never a stack trace
            st.warning(ui.t("home.chain_unreadable", error=type(exc).__name__))
with right:
    st.subheader(ui.t("home.pinned"))
    unset = ui.t("home.pinned.unset")
    chain = f"`{s.chain_url}`" if s.chain_url not in (None, "embedded") else ui.t("home.pinned.embedded")
    st.markdown(
        f"- {ui.t('home.pinned.origin')}: `{s.log_origin or unset}`\n"
        f"- {ui.t('home.pinned.vkey')}: `{s.verifier_key() or unset}`\n"
        f"- {ui.t('home.pinned.contract')}: `{s.contract_address or unset}`\n"
        f"- {ui.t('home.pinned.chain')}: {chain}"
    )
