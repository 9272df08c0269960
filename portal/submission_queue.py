"""The submissions page's queue: the filter by status, the search, the page of submissions and
the one to open; and for clerks the bulk acceptance of the rows chosen (or every pending one on
the page) after a confirmation, with its answer: what was accepted and what was refused, and why."""

from __future__ import annotations

import streamlit as st

from payloads.submissions import BulkAcceptOut, SubmissionOut
from portal import ui
from portal.pager import pager, share
from portal.paging import PageOf
from portal.submission_calls import reasons
from portal.submission_kept import forget
from portal.submission_view import STATUSES, View, go, status_word
from portal.submission_words import refusal_words
from portal.work_view import EMPTY


def queue_rows(items: list[SubmissionOut]) -> list[dict[str, object]]:
    keys = ("id", "title", "submitter", "their_number", "source", "suggestions", "status")
    col = {k: ui.t(f"submissions.col.{k}") for k in keys}
    return [
        {
            col["id"]: s.id,
            col["title"]: s.title,
            col["submitter"]: s.submitter,
            col["their_number"]: s.submitter_work_id,
            col["source"]: ui.t("submissions.source", file=s.file_name, line=s.line),
            col["suggestions"]: len(s.suggestions),
            col["status"]: status_word(s.status),
        }
        for s in items
    ]


def queue(view: View, opened: str, *, writes: bool) -> None:
    """The filter, the search, the page of submissions, the bulk decision and the one to open."""
    names = {s: status_word(s) for s in STATUSES}
    left, right = st.columns([2, 3])
    status = left.radio(
        ui.t("submissions.show"),
        STATUSES,
        index=STATUSES.index(view["status"] or "pending"),
        format_func=names.__getitem__,
        horizontal=True,
        key=f"submissions_status_{view['status']}_{st.session_state.get('submissions_round', 0)}",
    )
    q = right.text_input(ui.t("submissions.search"), value=view["q"], max_chars=100).strip()
    chosen = "" if status == "pending" else status
    if (chosen, q) != (view["status"], view["q"]):
        view.update(status=chosen, q=q, page=1)  # a new filter starts at its first page
    share({**view, "page": view["page"] if view["page"] > 1 else None, "size": view["size"]})
    page_view = PageOf(view["page"], view["size"], 0)
    page = ui.call(
        lambda c: c.submissions(status=status, q=q or None, limit=page_view.size, offset=page_view.offset)
    )
    if page is None:
        return
    page_view = PageOf(view["page"], view["size"], page.total)
    if writes and (answer := st.session_state.get("submissions_bulk")):
        bulk_answer(answer)
    if not page.total:
        st.info(ui.t("submissions.none" if status == "pending" and not q else "submissions.none_match"))
    else:
        pager(page_view, "submissions_pager")
        st.dataframe(queue_rows(page.items), hide_index=True, width="stretch")
        if writes:
            bulk([s for s in page.items if s.status == "pending"])
    choices = {"": EMPTY, **{s.id: f"{s.id} · {s.title}" for s in page.items}}
    if opened and opened not in choices:
        choices[opened] = opened
    picked = st.selectbox(
        ui.t("submissions.pick"),
        list(choices),
        index=list(choices).index(opened),
        format_func=choices.__getitem__,
        key=f"submissions_pick_{opened}_{st.session_state.get('submissions_round', 0)}",
    )
    if picked != opened:
        go(view, submission=picked)


def bulk(pending: list[SubmissionOut]) -> None:
    """Accept the rows chosen, or every pending one on this page, as sent: after a confirmation."""
    if not pending:
        return
    labels = {s.id: f"{s.id} · {s.title}" for s in pending}
    asked = st.session_state.get("submissions_confirm")
    if asked is None:
        picked = st.multiselect(
            ui.t("submissions.select"),
            list(labels),
            format_func=labels.__getitem__,
            placeholder=ui.t("submissions.select_hint"),
            key="submissions_selected",
        )
        row = st.container(horizontal=True)
        if row.button(
            ui.t("submissions.accept_selected", n=len(picked)), disabled=not picked, key="accept_selected"
        ):
            st.session_state["submissions_confirm"] = list(picked)
            st.rerun()
        if row.button(ui.t("submissions.accept_page", n=len(pending)), key="accept_page"):
            st.session_state["submissions_confirm"] = list(labels)
            st.rerun()
        return
    st.warning(
        ui.t(
            "submissions.confirm", n=len(asked), ids=", ".join(asked[:10]) + (" …" if len(asked) > 10 else "")
        )
    )
    row = st.container(horizontal=True)
    confirmed = row.button(ui.t("submissions.confirm_go", n=len(asked)), type="primary", key="bulk_go")
    if row.button(ui.t("submissions.cancel"), key="bulk_cancel"):
        st.session_state.pop("submissions_confirm", None)
        st.rerun()
    if confirmed:
        st.session_state.pop("submissions_confirm", None)
        answer = ui.call(lambda c: c.accept_submissions(asked))
        if answer is not None:
            st.session_state["submissions_bulk"] = answer
            st.session_state.pop("submissions_selected", None)
            refused = {r.submission for r in answer.refused}
            for ident in asked:
                if ident not in refused:
                    forget(ident)
            st.rerun()


def bulk_answer(answer: BulkAcceptOut) -> None:
    shown = ", ".join(answer.works[:20]) + (" …" if len(answer.works) > 20 else "")
    st.success(
        ui.t("submissions.bulk_done", accepted=answer.accepted, asked=answer.asked, works=shown or EMPTY),
        icon=ui.ICON_OK,
    )
    if answer.refused:
        st.markdown(f"**{ui.t('submissions.bulk_refused', n=len(answer.refused))}**")
        col = {k: ui.t(f"submissions.col.{k}") for k in ("id", "reason")}
        reasons(
            [
                {col["id"]: r.submission, col["reason"]: refusal_words(r.message, ui.lang())}
                for r in answer.refused
            ]
        )
    if st.button(ui.t("submissions.bulk_dismiss"), key="bulk_dismiss"):
        st.session_state.pop("submissions_bulk", None)
        st.rerun()
