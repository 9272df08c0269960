"""Submissions to review (staff): works sent from outside on the works template wait in the
registry clerks' queue. A clerk (or an admin) hands out the blank template, sends a filled one in
a submitter's name and reads the intake report; pages and searches the queue; accepts many at
once; and opens one submission: the work as sent beside its standardisation suggestions, to
accept it as sent, correct and accept it (a suggestion's value taken into the form in one
click), or reject it with a reason. Every decision goes through the API, which records it;
auditors read.

The part shown, the queue's filter, search and page, and the submission opened live in the URL,
so a refresh or a shared link shows the same view; a correction in progress is kept in the
session and, for the same login, on the portal's server, so it survives a refresh too."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from payloads.submissions import BulkAcceptOut, IntakeOut, SubmissionOut, SubmittedWork
from portal import ui, widgets
from portal.api_client import ApiClient, ApiError
from portal.pager import link, pager, share
from portal.paging import PageOf, page_from
from portal.submission_draft import (
    COLUMNS,
    Draft,
    Fault,
    KeptDrafts,
    apply,
    changed,
    corrected,
    draft_of,
    percent_text,
    rows,
    taken,
)
from portal.submission_words import (
    APPLICABLE,
    PUBLISHER_ROLES,
    RIGHTS,
    WRITER_ROLES,
    field_words,
    kind_words,
    language_words,
    refusal_words,
    role_words,
    suggestion_words,
)
from portal.work_view import EMPTY, ai_text, moment

STATUSES = ("pending", "accepted", "rejected", "all")
SUBMISSION = re.compile(r"SUB-[0-9]{1,18}")
MODES = ("accept", "correct", "reject")
REASON_LENGTH = 300
WRAPPED_ROWS = 100  # refusals shown whole (wrapped); more scroll in a table
KEPT_DRAFTS = 500  # corrections in progress kept on the server, for a refresh
T = TypeVar("T")

st.title(ui.t("nav.submissions"))
st.write(ui.t("submissions.intro"))
if not ui.require_role("admin", "clerk", "auditor"):
    st.stop()
writes = st.session_state.get("role") in ("admin", "clerk")
if said := st.session_state.pop("submissions_said", None):
    st.success(said, icon=ui.ICON_OK)
if warned := st.session_state.pop("submissions_warned", None):
    st.warning(warned)


# --- the API, its refusals in the reader's words -------------------------------------------------
def send(fn: Callable[[ApiClient], T], *, what: str = "", refused: Callable[[ApiError], bool]) -> T | None:
    """ui.call, except that `refused` may word a refusal itself (a 409, a 422 naming fields) and
    return True; anything else is shown as every page shows a failure."""
    try:
        with st.spinner(ui.t("api.loading")), ui.api() as client:
            return fn(client)
    except ApiError as exc:
        if exc.status in (409, 422) and refused(exc):
            return None
        failure = exc

    def again(_: ApiClient) -> T:
        raise failure  # worded as every page words it; nothing is sent again

    return ui.call(again, what=what)


def refused_fields(exc: ApiError, intro: str) -> bool:
    """A 422's fields at fault, each named in the reader's words (with the registry's reason)."""
    if exc.status != 422:
        return False
    reason = refusal_words(exc.detail or exc.title, ui.lang())
    fields = [f for f in exc.fields if f not in ("body", "request")]
    if not fields:
        st.error(ui.t("submissions.refused", intro=intro, reason=reason))
    for name in fields:
        st.error(
            ui.t("submissions.refused_field", intro=intro, field=field_words(name, ui.lang()), reason=reason)
        )
    return True


def md(text: object) -> str:
    """Data shown in markdown as typed: its punctuation is not markup (nor LaTeX, nor an icon)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", str(text))


def work_link(work: str) -> str:
    """A W-n as a link to the public works page, opened on that work."""
    return f"[{work}](works{link({'id': work})})"


def status_word(status: str) -> str:
    return ui.t(f"submissions.status.{status}") if status in STATUSES else status


# --- the view in the URL ----------------------------------------------------------------------------
params = st.query_params
wanted_id = params.get("submission", "").strip().upper()
opened = wanted_id if SUBMISSION.fullmatch(wanted_id) else ""
wanted_status = params.get("status", "") if params.get("status", "") in STATUSES else ""
view: dict[str, Any] = {"status": wanted_status, "q": params.get("q", ""), "submission": opened}
view["page"], view["size"] = page_from(params)


def go(**changes: Any) -> None:
    """The URL becomes the queue's view with `changes`; the page is drawn again from it."""
    view.update(changes)
    share({**view, "page": view["page"] if view["page"] > 1 else None, "size": view["size"]})
    st.session_state["submissions_round"] = st.session_state.get("submissions_round", 0) + 1
    st.rerun()


# --- send a template ----------------------------------------------------------------------------
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


def send_template() -> None:
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
        intake(report)


def reasons(rows: list[dict[str, str]]) -> None:
    """Refusals with their reasons: a table whose long sentences wrap, read whole; a scrolling
    table when there are many."""
    if len(rows) <= WRAPPED_ROWS:
        st.table(pd.DataFrame(rows).set_index(next(iter(rows[0]))))
    else:
        st.dataframe(rows, hide_index=True, width="stretch")


def intake(report: IntakeOut) -> None:
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
        go(part="", status="", q="", page=1, submission=report.first)


# --- the queue ------------------------------------------------------------------------------------
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


def queue() -> None:
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
        go(submission=picked)


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


# --- one submission -----------------------------------------------------------------------------
def parties_table(work: SubmittedWork) -> list[dict[str, str]]:
    """One row per writer and publisher, numbered as the suggestions name them (Writer 1...)."""
    col = {k: ui.t(f"submissions.col.{k}") for k in ("side", "name", "ipi", "role", *RIGHTS)}
    return [
        {
            col["side"]: ui.t(f"submissions.field.{side}_n", n=n),
            col["name"]: p.name,
            col["ipi"]: p.ipi_name or EMPTY,
            col["role"]: role_words(p.role, ui.lang()),
            **{col[right]: f"{percent_text(getattr(p, right))}%" for right in RIGHTS},
        }
        for side, group in (("writer", work.writers), ("publisher", work.publishers))
        for n, p in enumerate(group, 1)
    ]


def show_work(work: SubmittedWork) -> None:
    show_facts(work)
    show_parties(work)


def show_facts(work: SubmittedWork) -> None:
    """The work's own facts: title, numbers, language, duration, other titles, AI declaration."""
    fact, value = ui.t("submissions.col.fact"), ui.t("submissions.col.value")
    duration = work.duration_seconds
    rows = [
        (ui.t("submissions.field.title"), work.title),
        (ui.t("submissions.field.submitter_work_id"), work.submitter_work_id),
        (ui.t("submissions.field.iswc"), work.iswc or EMPTY),
        (ui.t("submissions.field.language"), language_words(work.language, ui.lang()) or EMPTY),
        (ui.t("submissions.field.duration"), f"{duration // 60}:{duration % 60:02d}" if duration else EMPTY),
        (ui.t("submissions.field.alternate_titles"), "; ".join(work.alt_titles) or EMPTY),
        (
            ui.t("submissions.field.ai"),
            ai_text(work.ai.model_dump(), ui.lang()) if work.ai else ui.t("submissions.ai_undeclared"),
        ),
    ]
    st.table(pd.DataFrame([{fact: k, value: v} for k, v in rows]).set_index(fact))


def show_parties(work: SubmittedWork) -> None:
    """The writers and publishers with their shares, and the recordings."""
    st.markdown(f"**{ui.t('submissions.parties')}**")
    if work.writers or work.publishers:
        st.dataframe(parties_table(work), hide_index=True, width="stretch")
    else:
        st.caption(ui.t("submissions.no_parties"))
    if work.recordings:
        st.markdown(f"**{ui.t('submissions.recordings')}**")
        col = {k: ui.t(f"submissions.col.{k}") for k in ("isrc", "recording_title", "artist", "duration")}
        st.dataframe(
            [
                {
                    col["isrc"]: r.isrc or EMPTY,
                    col["recording_title"]: r.title or EMPTY,
                    col["artist"]: r.artist or EMPTY,
                    col["duration"]: (
                        f"{r.duration_seconds // 60}:{r.duration_seconds % 60:02d}"
                        if r.duration_seconds
                        else EMPTY
                    ),
                }
                for r in work.recordings
            ],
            hide_index=True,
            width="stretch",
        )


def show_suggestions(item: SubmissionOut, draft: Draft | None) -> None:
    heading = "submissions.suggestions" if item.status == "pending" else "submissions.suggestions_then"
    st.markdown(f"**{ui.t(heading)}**")
    if not item.suggestions:
        st.caption(ui.t("submissions.no_suggestions"))
    for n, s in enumerate(item.suggestions):
        with st.container(border=True):
            colour = (
                "orange"
                if s.kind in ("duplicate", "iswc_held", "update", "ipi_other_name", "isrc_held")
                else "blue"
            )
            st.markdown(f":{colour}-badge[{kind_words(s.kind, ui.lang())}]")
            shown = s.model_copy(
                update={k: md(v) for k in ("value", "title", "name", "writer") if (v := getattr(s, k))}
            )
            writers = [md(w.name) for w in item.proposed.writers]
            st.markdown(suggestion_words(shown, ui.lang(), work=work_link, writers=writers))
            if draft is not None and s.kind in APPLICABLE and s.value and taken(draft, s, item.proposed):
                st.caption(f":green[:material/check:] {ui.t('submissions.taken')}")
            elif draft is not None and s.kind in APPLICABLE and s.value:
                label = ui.t(f"submissions.apply.{s.kind}", value=s.value)
                pressed = st.button(label, key=f"apply_{item.id}_{n}", icon=":material/edit_note:")
                if pressed and apply(draft, s, item.proposed):
                    draft["mode"] = "correct"
                    renew(item.id, draft)
                    st.session_state["submissions_said"] = ui.t(
                        "submissions.applied", field=field_words(s.field, ui.lang())
                    )
                    st.rerun()


def header(item: SubmissionOut) -> None:
    st.subheader(f"{item.id} · {md(item.title)}")
    st.caption(
        ui.t(
            "submissions.sent_by",
            submitter=md(item.submitter),
            number=md(item.submitter_work_id),
            file=md(item.file_name),
            line=item.line,
            by=md(item.submitted_by),
            at=moment(item.submitted_at.isoformat(), ui.lang()),
        )
    )
    if item.status == "accepted":
        st.success(
            ui.t(
                "submissions.was_accepted",
                by=item.decided_by or EMPTY,
                at=moment(item.decided_at.isoformat(), ui.lang()) if item.decided_at else EMPTY,
                work=work_link(item.work) if item.work else EMPTY,
            ),
            icon=ui.ICON_OK,
        )
    elif item.status == "rejected":
        st.error(
            ui.t(
                "submissions.was_rejected",
                by=item.decided_by or EMPTY,
                at=moment(item.decided_at.isoformat(), ui.lang()) if item.decided_at else EMPTY,
                reason=md(item.reason or EMPTY),
            ),
            icon=ui.ICON_FAIL,
        )
    else:
        st.info(ui.t("submissions.is_pending"))


def one(ident: str) -> None:
    item = ui.call(lambda c: c.submission(ident), what=ident)
    if item is None:
        return
    pending = item.status == "pending"
    decisions = (f"accept_{ident}", f"accept_fixed_{ident}", f"reject_go_{ident}")
    if not pending and writes and any(st.session_state.get(k) for k in decisions):
        # A decision pressed, but the submission was decided by someone else since it was shown.
        forget(ident)
        by, status = item.decided_by or EMPTY, status_word(item.status)
        st.warning(ui.t("submissions.decided_before", id=ident, status=status, by=by))
    header(item)
    draft = draft_for(item) if writes and pending else None
    sent_side, advice_side = st.columns([3, 2], gap="large")
    with sent_side:
        st.markdown(f"**{ui.t('submissions.as_sent')}**")
        show_facts(item.proposed)
    with advice_side:
        show_suggestions(item, draft)
    show_parties(item.proposed)
    if item.accepted is not None:
        with st.expander(ui.t("submissions.as_registered")):
            show_work(item.accepted)
    if draft is not None:
        decide(item, draft)
    elif pending and not writes:
        st.caption(ui.t("submissions.read_only"))


# --- a correction in progress: kept in the session, and on the server for a refresh ---------------
@st.cache_resource
def kept_drafts() -> KeptDrafts:
    """Corrections in progress on this portal server (one store for every session)."""
    return KeptDrafts(KEPT_DRAFTS)


def _kept_key(ident: str) -> str:
    return f"{ui.settings().api_url}|{st.session_state.get('subject', '')}|{ident}"


def drafts() -> dict[str, Draft]:
    found: dict[str, Draft] = st.session_state.setdefault("submissions_drafts", {})
    return found


def draft_for(item: SubmissionOut) -> Draft:
    """This session's draft of the submission, else the one kept for this login, else a new one."""
    draft = drafts().get(item.id)
    if draft is None:
        kept = kept_drafts().get(_kept_key(item.id))
        draft = kept if kept is not None else {**draft_of(item.proposed), "mode": "accept", "round": 0}
        drafts()[item.id] = draft
    return draft


def keep(ident: str, draft: Draft) -> None:
    kept_drafts().put(_kept_key(ident), draft)


def renew(ident: str, draft: Draft) -> None:
    """The form is drawn afresh from the draft (after a suggestion was taken in, or a reset)."""
    draft["round"] = int(draft.get("round", 0)) + 1
    keep(ident, draft)


def forget(ident: str) -> None:
    drafts().pop(ident, None)
    kept_drafts().drop(_kept_key(ident))


# --- the decision ---------------------------------------------------------------------------------
def decide(item: SubmissionOut, draft: Draft) -> None:
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
                finished(done)
    elif mode == "correct":
        correct(item, draft)
    else:
        reject(item)


def correct(item: SubmissionOut, draft: Draft) -> None:
    st.caption(ui.t("submissions.correct_help"))
    lang, turn = ui.lang(), f"{item.id}_{draft.get('round', 0)}"
    a, b, c = st.columns([3, 2, 1])
    draft["title"] = a.text_input(
        ui.t("submissions.field.title"), value=draft["title"], max_chars=300, key=f"fix_title_{turn}"
    )
    draft["iswc"] = b.text_input(
        ui.t("submissions.field.iswc"),
        value=draft["iswc"],
        max_chars=20,
        placeholder=ui.t("submissions.iswc_hint"),
        key=f"fix_iswc_{turn}",
    )
    draft["language"] = c.text_input(
        ui.t("submissions.field.language"),
        value=draft["language"],
        max_chars=2,
        help=ui.t("submissions.language_help"),
        key=f"fix_language_{turn}",
    )
    for group, roles in (("writers", WRITER_ROLES), ("publishers", PUBLISHER_ROLES)):
        st.markdown(f"**{ui.t(f'submissions.{group}')}**")
        key = f"fix_{group}_{turn}_{lang}"
        if key not in st.session_state:  # a new editor: it starts from the draft as it is now
            draft.setdefault("base", {})[group] = copy.deepcopy(draft[group])
        base = draft.setdefault("base", {}).get(group, draft[group])
        edited = st.data_editor(
            pd.DataFrame(base, columns=list(COLUMNS), dtype="object"),
            key=key,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            placeholder=EMPTY,
            column_config=party_columns(roles),
        )
        draft[group] = rows(edited)
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
        finished(done)


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


def reject(item: SubmissionOut) -> None:
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
        finished(done)


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


def finished(done: SubmissionOut) -> None:
    """The decision said, and the next pending submission opened."""
    forget(done.id)
    if done.status == "accepted":
        said = ui.t("submissions.accepted", id=done.id, work=work_link(done.work) if done.work else EMPTY)
    else:
        said = ui.t("submissions.rejected", id=done.id)
    following = next_pending(done.id)
    said += " " + (ui.t("submissions.next", id=following) if following else ui.t("submissions.queue_done"))
    st.session_state["submissions_said"] = said
    go(submission=following)


def next_pending(after: str) -> str:
    """The first pending submission after `after` (by number) in the queue's search, else the first."""
    page = ui.call(lambda c: c.submissions(status="pending", q=view["q"] or None, limit=100, offset=0))
    if page is None:
        return ""
    ids = [s.id for s in page.items if s.id != after]
    number = int(after.split("-")[1])
    later = [i for i in ids if int(i.split("-")[1]) > number]
    return (later or ids or [""])[0]


# --- the page ------------------------------------------------------------------------------------
def review() -> None:
    queue()
    if opened:
        st.divider()
        one(opened)


if writes:
    # One part at a time (not tabs): only the part shown draws its forms, and the choice, kept in
    # the URL, survives a refresh.
    parts = {k: ui.t(f"submissions.tab.{k}") for k in ("queue", "send")}
    wanted = params.get("part", "queue")
    part = st.radio(
        ui.t("submissions.part"),
        list(parts),
        index=list(parts).index(wanted) if wanted in parts else 0,
        format_func=parts.__getitem__,
        horizontal=True,
        label_visibility="collapsed",
        key=f"submissions_part_{wanted}_{st.session_state.get('submissions_round', 0)}",  # follows the URL
    )
    if part == "queue":
        view["part"] = ""
        review()
    else:
        view["part"] = part
        share({"part": part})
        blank_templates()
        st.divider()
        send_template()
else:
    st.info(ui.t("submissions.auditor"))
    review()
