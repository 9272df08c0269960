"""One submission on the submissions page: its header (who sent it, from which file and line, and
how it was decided), the work as sent beside its standardisation suggestions (for a clerk, a
suggestion's value taken into the correction in one click), the writers, publishers and
recordings, the work as registered once accepted; and for a pending one, the decision."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from payloads.submissions import SubmissionOut, SubmittedWork
from portal import ui
from portal.submission_decision import decide
from portal.submission_draft import Draft, apply, percent_text, taken
from portal.submission_kept import draft_for, forget, renew
from portal.submission_view import View, md, status_word, work_link
from portal.submission_words import (
    APPLICABLE,
    RIGHTS,
    field_words,
    kind_words,
    language_words,
    role_words,
    suggestion_words,
)
from portal.work_view import EMPTY, ai_text, moment


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


def one(ident: str, view: View, *, writes: bool) -> None:
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
        decide(item, draft, view)
    elif pending and not writes:
        st.caption(ui.t("submissions.read_only"))
