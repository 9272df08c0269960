"""The portal's entry point: `streamlit run portal/app.py` (or `rightsledger serve portal`).

A multipage app; each page is one file in views/. Chinese by default, English on the switch."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from portal import ui

HERE = Path(__file__).parent / "views"

st.set_page_config(page_title="RightsLedger", page_icon="🔏", layout="wide")
if "lang" not in st.session_state:
    wanted = st.query_params.get("lang")
    st.session_state["lang"] = wanted if wanted in ("zh", "en") else "zh"
ui.language_switch()
ui.sidebar_login_state()

PAGES = [  # (file, title key, url path, icon)
    ("home.py", "nav.home", "home", "🏠"),
    ("verify.py", "nav.verify", "verify", "🔍"),
    ("works.py", "nav.works", "works", "🎵"),
    ("licenses.py", "nav.licenses", "licenses", "📜"),
    ("payouts.py", "nav.payouts", "payouts", "💴"),
    ("auditor.py", "nav.auditor", "auditor", "🧾"),
    ("report.py", "nav.report", "report", "📊"),
    ("admin.py", "nav.admin", "admin", "⚙️"),
]
pages = [
    st.Page(HERE / file, title=ui.t(title), url_path=path, icon=icon, default=(path == "home"))
    for file, title, path, icon in PAGES
]
st.navigation(pages).run()
