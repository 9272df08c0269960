"""The decision on a pending submission (clerks): accept it as sent, correct and accept it (the
title, ISWC, language, writers' and publishers' rows and shares, checked by field before anything
is sent), or reject it with a reason. A submission decided by someone else first is said so; a
decision made is said, and the next pending submission in the queue's search opened."""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import streamlit as st

from payloads.submissions import SubmissionOut
from portal import ui
from portal.api_client import ApiError
from portal.submission_calls import refused_fields, send
from portal.submission_draft import COLUMNS, Draft, Fault, changed, corrected, draft_of, rows
from portal.submission_kept import drafts, forget, keep, renew
from portal.submission_view import View, go, md, status_word, work_link
from portal.submission_words import PUBLISHER_ROLES, RIGHTS, WRITER_ROLES, field_words, role_words
from portal.work_view import EMPTY

MODES = ("accept", "correct", "reject")
REASON_LENGTH = 300


def decide(item: SubmissionOut, draft: Draft, view: View) -> None:
    st.divider()
    st.subheader(ui.t("submissions.decide"))
    modes = {m: ui.t(f"submissions.mode.{m}") for m in MODES}
    mode = st.radio(
        ui.t("submissions.decide"),
        MODES,
        index=MODES.index(draft.get("mode", "accept")) if draft.get("mode") in MODES else 0,
        format_func=modes.__getitem__,
        horizontal=True,
        label_visibility="collapsed",
        key=f"mode_{item.id}_{draft.get('round', 0)}",
    )
    if mode != draft.get("mode"):
        draft["mode"] = mode
        keep(item.id, draft)
    if mode == "accept":
        st.caption(ui.t("submissions.accept_help", submitter=md(item.submitter)))
        if st.button(ui.t("submissions.accept"), type="primary", key=f"accept_{item.id}"):
            done = send(
                lambda c: c.accept_submission(item.id),
                what=item.id,
                refused=lambda exc: (
                    decided_before(item, exc) or refused_fields(exc, ui.t("submissions.refused_accept"))
                ),
            )
            if done is not None:
                finished(done, view)
    elif mode == "correct":
        correct(item, draft, view)
    else:
        reject(item, view)


def work_fields(draft: Draft, key: str) -> None:
    """The work's title, ISWC and language inputs, read into the draft (`key`: the widgets' key
    with {} for the field, e.g. fix_{}_SUB-3_0)."""
    a, b, c = st.columns([3, 2, 1])
    draft["title"] = a.text_input(
        ui.t("submissions.field.title"), value=draft["title"], max_chars=300, key=key.format("title")
    )
    draft["iswc"] = b.text_input(
        ui.t("submissions.field.iswc"),
        value=draft["iswc"],
        max_chars=20,
        placeholder=ui.t("submissions.iswc_hint"),
        key=key.format("iswc"),
    )
    draft["language"] = c.text_input(
        ui.t("submissions.field.language"),
        value=draft["language"],
        max_chars=2,
        help=ui.t("submissions.language_help"),
        key=key.format("language"),
    )


def party_editors(draft: Draft, key: str) -> None:
    """The writers' and publishers' tables, read into the draft (`key` with {} for the group). An
    editor's edits are kept against the rows it started from: those stay its base while it lives
    (feeding its own answer back would add its new rows twice)."""
    for group, roles in (("writers", WRITER_ROLES), ("publishers", PUBLISHER_ROLES)):
        st.markdown(f"**{ui.t(f'submissions.{group}')}**")
        editor = key.format(group)
        if editor not in st.session_state:  # a new editor: it starts from the draft as it is now
            draft.setdefault("base", {})[group] = copy.deepcopy(draft[group])
        base = draft.setdefault("base", {}).get(group, draft[group])
        edited = st.data_editor(
            pd.DataFrame(base, columns=list(COLUMNS), dtype="object"),
            key=editor,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            placeholder=EMPTY,
            column_config=party_columns(roles),
        )
        draft[group] = rows(edited)


def correct(item: SubmissionOut, draft: Draft, view: View) -> None:
    st.caption(ui.t("submissions.correct_help"))
    lang, turn = ui.lang(), f"{item.id}_{draft.get('round', 0)}"
    work_fields(draft, f"fix_{{}}_{turn}")
    party_editors(draft, f"fix_{{}}_{turn}_{lang}")
    st.caption(ui.t("submissions.shares_help"))
    draft["note"] = st.text_input(
        ui.t("submissions.note"), value=draft.get("note", ""), max_chars=REASON_LENGTH, key=f"fix_note_{turn}"
    )
    keep(item.id, draft)
    if changed(draft, item.proposed):
        st.caption(ui.t("submissions.changed"))
    row = st.container(horizontal=True)
    accepted = row.button(ui.t("submissions.accept_corrected"), type="primary", key=f"accept_fixed_{item.id}")
    if row.button(ui.t("submissions.reset"), key=f"reset_{item.id}"):
        fresh = {**draft_of(item.proposed), "mode": "correct", "round": draft.get("round", 0)}
        drafts()[item.id] = fresh
        renew(item.id, fresh)
        st.rerun()
    if not accepted:
        return
    body = corrected(draft, item.proposed)
    if isinstance(body, list):
        for fault in body:
            st.warning(fault_words(fault))
        return
    note = " ".join(str(draft.get("note") or "").split()) or None
    done = send(
        lambda c: c.accept_submission(item.id, body, note),
        what=item.id,
        refused=lambda exc: (
            decided_before(item, exc) or refused_fields(exc, ui.t("submissions.refused_correction"))
        ),
    )
    if done is not None:
        finished(done, view)


def party_columns(roles: tuple[str, ...]) -> dict[str, Any]:
    words = {code: role_words(code, ui.lang()) for code in roles}  # looked up now, in the reader's words
    shares = {
        right: st.column_config.TextColumn(ui.t(f"submissions.col.{right}"), max_chars=7) for right in RIGHTS
    }
    return {
        "name": st.column_config.TextColumn(
            ui.t("submissions.col.name"), max_chars=200, required=True, width="medium"
        ),
        "ipi_name": st.column_config.TextColumn(ui.t("submissions.col.ipi"), max_chars=11),
        "role": st.column_config.SelectboxColumn(
            ui.t("submissions.col.role"),
            width="medium",
            options=list(roles),
            format_func=lambda code: words.get(str(code), str(code)),
            required=True,
        ),
        **shares,
    }


def fault_words(fault: Fault) -> str:
    return ui.t(f"submissions.bad.{fault.problem}", field=field_words(fault.field, ui.lang()), **fault.values)


def reject(item: SubmissionOut, view: View) -> None:
    with st.form(f"reject_{item.id}"):
        reason = st.text_area(
            ui.t("submissions.reason"),
            max_chars=REASON_LENGTH,
            placeholder=ui.t("submissions.reason_hint"),
            key=f"reason_{item.id}",
        )
        sent = st.form_submit_button(ui.t("submissions.reject"), type="primary", key=f"reject_go_{item.id}")
    if not sent:
        return
    said = " ".join(reason.split())
    if not said:
        st.warning(ui.t("submissions.bad.need", field=ui.t("submissions.field.reason")))
        return
    done = send(
        lambda c: c.reject_submission(item.id, said),
        what=item.id,
        refused=lambda exc: (
            decided_before(item, exc) or refused_fields(exc, ui.t("submissions.refused_reject"))
        ),
    )
    if done is not None:
        finished(done, view)


def decided_before(item: SubmissionOut, exc: ApiError) -> bool:
    """A 409: someone decided it first. Said in words with who and how; the page shows it afresh."""
    if exc.status != 409:
        return False
    now = ui.call(lambda c: c.submission(item.id), what=item.id)
    status = status_word(now.status) if now is not None else EMPTY
    by = (now.decided_by if now is not None else None) or EMPTY
    forget(item.id)
    st.session_state["submissions_warned"] = ui.t(
        "submissions.decided_before", id=item.id, status=status, by=by
    )
    st.rerun()
    return True  # (st.rerun does not return)


def finished(done: SubmissionOut, view: View) -> None:
    """The decision said, and the next pending submission opened."""
    forget(done.id)
    if done.status == "accepted":
        said = ui.t("submissions.accepted", id=done.id, work=work_link(done.work) if done.work else EMPTY)
    else:
        said = ui.t("submissions.rejected", id=done.id)
    following = next_pending(done.id, view["q"])
    said += " " + (ui.t("submissions.next", id=following) if following else ui.t("submissions.queue_done"))
    st.session_state["submissions_said"] = said
    go(view, submission=following)


def next_pending(after: str, q: str) -> str:
    """The first pending submission after `after` (by number) in the queue's search, else the first."""
    page = ui.call(lambda c: c.submissions(status="pending", q=q or None, limit=100, offset=0))
    if page is None:
        return ""
    ids = [s.id for s in page.items if s.id != after]
    number = int(after.split("-")[1])
    later = [i for i in ids if int(i.split("-")[1]) > number]
    return (later or ids or [""])[0]
