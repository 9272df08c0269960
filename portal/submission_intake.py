"""The submissions page's intake (clerks): the blank works template to hand out, a filled one sent
in a submitter's name, and the intake report: rows read, received, refused with their reasons,
already sent; from it, the first submission received opened for review."""

from __future__ import annotations

import streamlit as st

from payloads.submissions import IntakeOut
from portal import ui, widgets
from portal.api_client import ApiError
from portal.submission_calls import reasons, send
from portal.submission_view import View, go, md
from portal.submission_words import field_words, refusal_words
from portal.work_view import EMPTY


def blank_templates() -> None:
    st.subheader(ui.t("submissions.blank"))
    st.caption(ui.t("submissions.blank_help"))
    kept = f"submissions_blank_{ui.lang()}"
    if kept not in st.session_state:
        xlsx = ui.call(lambda c: c.works_template("xlsx", ui.lang()))
        csv = ui.call(lambda c: c.works_template("csv", ui.lang())) if xlsx is not None else None
        if xlsx is None or csv is None:
            return
        st.session_state[kept] = {"xlsx": xlsx, "csv": csv}
    blanks = st.session_state[kept]
    row = st.container(horizontal=True)
    name, data = blanks["xlsx"]
    row.download_button(
        ui.t("submissions.blank_xlsx"),
        data,
        file_name=name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        key="blank_xlsx",
    )
    name, data = blanks["csv"]
    row.download_button(
        ui.t("submissions.blank_csv"),
        data,
        file_name=name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="blank_csv",
    )


def unreadable(exc: ApiError) -> bool:
    if exc.status != 422:
        return False
    detail = f" ({exc.detail})" if ui.lang() == "en" and exc.detail else ""
    st.error(ui.t("submissions.unreadable", detail=detail))
    return True


def send_template(view: View) -> None:
    with st.form("submissions_send"):
        st.subheader(ui.t("submissions.send"))
        submitter = st.text_input(
            ui.t("submissions.submitter"),
            max_chars=64,
            placeholder=ui.t("submissions.submitter_hint"),
            key="send_submitter",
        )
        upload = widgets.file_uploader(
            ui.t("submissions.file"), key="send_file", types=["csv", "xlsx", "txt"]
        )
        sent = st.form_submit_button(ui.t("submissions.send_go"), type="primary")
    if sent:
        who = " ".join(submitter.split())
        if not who:
            st.warning(ui.t("submissions.need_submitter"))
        elif upload is None:
            st.warning(ui.t("submissions.need_file"))
        else:
            st.session_state.pop("submissions_intake", None)  # this file's report, or none
            report = send(
                lambda c: c.send_works_template(upload.name, upload.getvalue(), who),
                what=upload.name,
                refused=unreadable,
            )
            if report is not None:
                st.session_state["submissions_intake"] = report
    report = st.session_state.get("submissions_intake")
    if isinstance(report, IntakeOut):
        intake(report, view)


def intake(report: IntakeOut, view: View) -> None:
    st.subheader(ui.t("submissions.intake", file=md(report.file)))
    cells = st.columns(4)
    cells[0].metric(ui.t("submissions.intake_rows"), f"{report.rows:,}")
    cells[1].metric(ui.t("submissions.intake_received"), f"{report.received:,}")
    cells[2].metric(ui.t("submissions.intake_refused"), f"{report.refused:,}")
    cells[3].metric(ui.t("submissions.intake_already"), f"{report.already:,}")
    if report.received and report.first and report.last:
        st.success(
            ui.t("submissions.intake_queued", n=f"{report.received:,}", first=report.first, last=report.last),
            icon=ui.ICON_OK,
        )
    elif report.already and not report.received:
        st.info(ui.t("submissions.intake_nothing_new"))
    if report.problems:
        st.markdown(f"**{ui.t('submissions.intake_problems')}**")
        col = {k: ui.t(f"submissions.col.{k}") for k in ("line", "field", "problem")}
        reasons(
            [
                {
                    col["line"]: str(p.line) if p.line else EMPTY,
                    col["field"]: field_words(p.field, ui.lang()),
                    col["problem"]: refusal_words(p.message, ui.lang()),
                }
                for p in report.problems
            ]
        )
    if report.received and report.first and st.button(ui.t("submissions.intake_review"), key="intake_review"):
        st.session_state.pop("submissions_intake", None)
        go(view, part="", status="", q="", page=1, submission=report.first)
