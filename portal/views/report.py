"""Transparency report: a closed month's public figures, as published (and anchored) by the
society, in readable tables beside the previous month's; a month not yet over has none."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from payloads.reports import ReportOut
from portal import report_figures as rf
from portal import ui
from portal.api_client import ApiClient, ApiError, NotFound
from portal.units import ether
from portal.widgets import verify_in_place

st.title(ui.t("nav.report"))
st.write(ui.t("report.intro"))

today = dt.datetime.now(dt.UTC).date()
month = st.text_input(
    ui.t("report.month"), value=st.query_params.get("month", rf.last_closed_month(today))
).strip()
if rf.parse_month(month) is None:
    st.warning(ui.t("report.bad_month"))
    st.stop()
st.query_params["month"] = month  # a shareable address
if not rf.closed(month, today):
    st.info(ui.t("report.not_closed", month=month, opens=rf.first_day_after(month).isoformat()))
    st.stop()

report = ui.call(lambda c: c.report(month), what=month)
if report is None:
    st.stop()
body = report.body
if not body:
    st.info(ui.t("report.none"))
    st.stop()
before_month = rf.previous_month(month)


def previous(client: ApiClient) -> ReportOut | None:
    try:
        return client.report(before_month)
    except NotFound:
        return None


try:  # the comparison is a help, never a reason to fail the page
    with ui.api() as client:
        before = previous(client)
except ApiError:
    before = None
published_at = report.at[:16].replace("T", " ") + " UTC"  # RFC 3339 UTC, to the minute
st.caption(ui.t("report.published", month=month, version=report.version, at=published_at))
if before is None:
    st.caption(ui.t("report.no_previous", month=before_month))


def word(part: str) -> str:
    """One part of a figure's name in the reader's words: a field, status, source, province or
    claim status; a code nobody named stays as it is."""
    for prefix in ("report.field", "status", "report.source", "report.province", "report.claim"):
        key = f"{prefix}.{part}"
        words = ui.t(key)
        if words != key:
            return words
    return part


def shown(value: int, kind: str, currency: str) -> str:
    if kind == "money":
        return ui.money(value, currency)
    if kind == "wei":
        return ether(value)
    return f"{value:,}"


def changed(now: int, then: int | None, kind: str, currency: str) -> str:
    difference = rf.change(now, then)
    if difference is None:
        return "–"
    sign = "+" if difference > 0 else ""
    return sign + shown(difference, kind, currency)


now_figures = rf.figures(body)
then_figures = rf.by_key(rf.figures(before.body)) if before is not None else {}
currency = str(body.get("currency", "CNY"))
columns = [ui.t("report.col.figure"), month, before_month, ui.t("report.col.change")]


def section_table(name: str, section: Mapping[str, Any]) -> None:
    money = str(section.get("currency", currency))
    rows = []
    for figure in now_figures:
        if figure.section != name:
            continue
        then = then_figures.get((figure.section, figure.path))
        rows.append(
            {
                columns[0]: " · ".join(word(p) for p in figure.path),
                columns[1]: shown(figure.value, figure.kind, money),
                columns[2]: shown(then.value, then.kind, money) if then is not None else "–",
                columns[3]: changed(figure.value, then.value if then else None, figure.kind, money),
            }
        )
    if rows:  # a static table: every amount in full, never cut off
        st.table(pd.DataFrame(rows).set_index(columns[0]))


def distribution_table(section: Mapping[str, Any]) -> None:
    by_source = section.get("by_source") or {}
    if not by_source:
        st.info(ui.t("report.distribution_none"))
        return
    money = str(section.get("currency", currency))
    names = (*rf.MONEY_NAMES, "members", "runs")
    heads = {n: word(n) if n in rf.MONEY_NAMES else ui.t(f"report.col.{n}") for n in names}
    source_col = ui.t("report.col.source")

    def row(label: str, figures: Mapping[str, int]) -> dict[str, str]:
        return {
            source_col: label,
            **{
                heads[n]: shown(int(figures.get(n, 0)), "money" if n in rf.MONEY_NAMES else "count", money)
                for n in names
            },
        }

    def total(sources: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
        return {n: sum(int(f.get(n, 0)) for f in sources.values()) for n in names}

    rows = [row(word(source), figures) for source, figures in by_source.items()]
    rows.append(row(ui.t("report.total"), total(by_source)))
    if before is not None:
        then = (before.body.get("distribution") or {}).get("by_source") or {}
        rows.append(row(ui.t("report.previous_total", month=before_month), total(then)))
    st.table(pd.DataFrame(rows).set_index(source_col))


def province_chart(section: Mapping[str, Any]) -> None:
    provinces = section.get("active_by_province") or {}
    if not provinces or not any(provinces.values()):
        return  # no empty chart
    head, count = ui.t("report.col.province"), ui.t("report.col.licenses")
    frame = pd.DataFrame([{head: word(code), count: int(n)} for code, n in provinces.items()])
    st.markdown(f"**{ui.t('report.province_chart')}**")
    st.altair_chart(
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{head}:N", sort="-y", title=head),
            y=alt.Y(f"{count}:Q", title=count, axis=alt.Axis(format="d", tickMinStep=1)),
            tooltip=[f"{head}:N", f"{count}:Q"],
        ),
        width="stretch",
    )


ORDER = ("distribution", "licensing", "claims", "conflicts", "repertoire", "anchoring")
sections = sorted(
    ((n, s) for n, s in body.items() if isinstance(s, Mapping)),
    key=lambda item: ORDER.index(item[0]) if item[0] in ORDER else len(ORDER),
)
for name, section in sections:
    st.subheader(word(name))
    if name == "distribution":
        distribution_table(section)
        continue
    section_table(name, section)
    if name == "licensing":
        province_chart(section)

st.download_button(  # the figures as published, for a reader's own tools (not shown raw)
    ui.t("report.json"),
    json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2).encode("utf-8"),
    file_name=f"{report.id}-v{report.version}.json",
    mime="application/json",
)
verify_in_place(
    report.id,
    report.version,
    kind="transparency_report",
    expected_leaf=report.leaf_hash,
    key=f"report:{month}",
)
