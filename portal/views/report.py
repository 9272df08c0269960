"""Transparency report: a month's public figures, as published (and anchored) by the society."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from portal import ui
from portal.widgets import verify_in_place

st.title(ui.t("nav.report"))
st.write(ui.t("report.intro"))

today = dt.date.today()
last_month = (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
month = st.text_input(ui.t("report.month"), value=st.query_params.get("month", last_month)).strip()
if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
    st.warning(ui.t("report.bad_month"))
    st.stop()

report = ui.call(lambda c: c.report(month), what=month)
if report is None:
    st.stop()
body = report.body
if not body:
    st.info(ui.t("report.none"))
    st.stop()


def label(name: str) -> str:
    """The report's field in the reader's words (known fields), else the field name itself."""
    words = ui.t(f"report.field.{name}")
    return name.replace("_", " ") if words == f"report.field.{name}" else words


def is_money(name: str) -> bool:
    # Money travels in minor units (fen); the report marks it in the field name.
    return name.endswith(("_minor", "_fen"))


def show(figures: Mapping[str, Any], currency: str) -> None:
    """Plain numbers as metrics; each table of numbers (by status, by source...) as a bar chart."""
    numbers = {k: v for k, v in figures.items() if type(v) is int}
    if numbers:
        columns = st.columns(min(4, len(numbers)))
        for position, (name, value) in enumerate(numbers.items()):
            shown = ui.money(value, currency) if is_money(name) else f"{value:,}"
            columns[position % len(columns)].metric(label(name), shown)
    for name, value in figures.items():
        if isinstance(value, Mapping) and value and all(type(v) is int for v in value.values()):
            st.markdown(f"**{label(name)}**" + (f" ({currency})" if is_money(name) else ""))
            scale = 100 if is_money(name) else 1  # the axis only: figures stated stay exact
            rows = [{"key": str(k), "value": v / scale} for k, v in value.items()]
            st.altair_chart(
                alt.Chart(pd.DataFrame(rows))
                .mark_bar()
                .encode(
                    x=alt.X("key:N", title=None, sort="-y"),
                    y=alt.Y("value:Q", title=None),
                    tooltip=["key:N", "value:Q"],
                ),
                use_container_width=True,
            )


# The report's body holds sections (repertoire, licensing, conflicts, anchoring...), each a table
# of figures; figures at the top level are shown first.
show({k: v for k, v in body.items() if not isinstance(v, Mapping)}, str(body.get("currency", "CNY")))
for name, section in body.items():
    if isinstance(section, Mapping):
        st.subheader(label(name))
        show(section, str(section.get("currency", body.get("currency", "CNY"))))
with st.expander(ui.t("common.details")):
    st.json(report.model_dump(mode="json"))
verify_in_place(
    report.id,
    report.version,
    kind="transparency_report",
    expected_leaf=report.leaf_hash,
    key=f"report:{month}",
)
