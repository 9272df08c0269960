"""The portal's entry point: `streamlit run portal/app.py` (or `rightsledger serve portal`).

A multipage app; each page is one file in views/. Chinese by default, English on the switch."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from portal import ui, widgets

HERE = Path(__file__).parent / "views"

st.set_page_config(page_title="RightsLedger", page_icon=":material/verified_user:", layout="wide")
if "lang" not in st.session_state:
    wanted = st.query_params.get("lang")
    st.session_state["lang"] = wanted if wanted in ("zh", "en") else "zh"
ui.language_switch()
ui.sidebar_login_state()
widgets.streamlit_words()  # Streamlit's own texts (uploader, running indicator) in the reader's words

PAGES = [  # (file, title key, url path, icon)
    ("home.py", "nav.home", "home", ":material/home:"),
    ("verify.py", "nav.verify", "verify", ":material/verified:"),
    ("works.py", "nav.works", "works", ":material/music_note:"),
    ("licenses.py", "nav.licenses", "licenses", ":material/storefront:"),
    ("lookup.py", "nav.lookup", "lookup", ":material/manage_search:"),
    ("payouts.py", "nav.payouts", "payouts", ":material/payments:"),
    ("auditor.py", "nav.auditor", "auditor", ":material/fact_check:"),
    ("report.py", "nav.report", "report", ":material/bar_chart:"),
    ("admin.py", "nav.admin", "admin", ":material/settings:"),
    ("review.py", "nav.review", "review", ":material/rule:"),
    ("submissions.py", "nav.submissions", "submissions", ":material/inbox:"),
    ("cwr.py", "nav.cwr", "cwr", ":material/description:"),
    ("approvals.py", "nav.approvals", "approvals", ":material/approval:"),
    ("licensing.py", "nav.licensing", "licensing", ":material/handshake:"),
    ("finance.py", "nav.finance", "finance", ":material/account_balance:"),
    ("members.py", "nav.members", "members", ":material/badge:"),
    ("holdings.py", "nav.holdings", "holdings", ":material/library_music:"),
    ("claims.py", "nav.claims", "claims", ":material/front_hand:"),
    ("licensee.py", "nav.licensee", "licensee", ":material/receipt_long:"),
]
# One audience's own pages: shown to the public (to log in there) and to those roles, not to others.
OWN_PAGES = {
    "holdings": ("member",),
    "claims": ("member",),
    "licensee": ("licensee",),
    "review": ("admin", "clerk"),  # the registry's work
    "submissions": ("admin", "clerk", "auditor"),  # works sent from outside; auditors read
    "cwr": ("admin", "clerk"),
    "approvals": ("admin", "finance", "approver", "auditor"),  # four eyes; auditors read
    "licensing": ("admin", "licensing", "auditor"),  # licensees and licenses; auditors read
    "finance": ("admin", "finance", "auditor"),
    "members": ("admin", "clerk", "auditor"),
}
# The sidebar in sections, each audience's pages together; every page listed (no "View more").
SECTIONS = {
    "nav.section.public": ("home", "verify", "works", "licenses", "lookup", "report"),
    "nav.section.members": ("payouts", "holdings", "claims"),
    "nav.section.licensees": ("licensee",),
    "nav.section.society": (
        "auditor",
        "admin",
        "members",
        "review",
        "submissions",
        "cwr",
        "licensing",
        "finance",
        "approvals",
    ),
}
role = st.session_state.get("role")
shown = {
    path: st.Page(HERE / file, title=ui.t(title), url_path=path, icon=icon, default=(path == "home"))
    for file, title, path, icon in PAGES
    if role is None or path not in OWN_PAGES or role in OWN_PAGES[path]
}
sections = {
    ui.t(section): [shown[path] for path in paths if path in shown] for section, paths in SECTIONS.items()
}
st.navigation({name: listed for name, listed in sections.items() if listed}, expanded=True).run()
