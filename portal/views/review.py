"""Review queues (staff): open share conflicts with every claim side by side and the decision of
the shares, and duplicate candidates with both records, merged or kept apart. Paged; each
decision goes through the API, which records it in the ledger with the decider's name."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pandas as pd
import streamlit as st

from payloads.review import ClaimedShare, ConflictOut, DuplicateOut
from portal import ui
from portal.api_client import ApiClient
from portal.paging import PageOf
from portal.work_view import percent
from portal.work_view import word as work_word

PAGE = 20
WHOLE = 10_000  # basis points
SLACK = 6  # the registry accepts 100% ± 0.06%

st.title(ui.t("nav.review"))
st.write(ui.t("review.intro"))
if not ui.require_role("admin", "clerk"):
    st.stop()
if said := st.session_state.pop("review_said", None):
    st.success(said, icon=ui.ICON_OK)

conflicts = ui.call(
    lambda c: c.conflicts(limit=PAGE, offset=PAGE * st.session_state.get("conflicts_page", 0))
)
duplicates = ui.call(
    lambda c: c.duplicates(limit=PAGE, offset=PAGE * st.session_state.get("duplicates_page", 0))
)
if conflicts is None or duplicates is None:
    st.stop()


def pages(key: str, total: int) -> None:
    """Previous / next over the queue, PAGE at a time."""
    number = st.session_state.get(key, 0)
    last = max(0, (total - 1) // PAGE)
    st.caption(PageOf(number + 1, PAGE, total).words(ui.lang()))
    if total <= PAGE:
        return
    back, forward = st.columns(2)
    if back.button(ui.t("pager.previous"), key=f"{key}_back", disabled=number == 0):
        st.session_state[key] = number - 1
        st.rerun()
    if forward.button(ui.t("pager.next"), key=f"{key}_next", disabled=number >= last):
        st.session_state[key] = number + 1
        st.rerun()


def share_rows(claims: list[ClaimedShare]) -> pd.DataFrame:
    col = {k: ui.t(f"review.col.{k}") for k in ("submitter", "party", "ipi", "role", "share")}
    return pd.DataFrame(
        {
            col["submitter"]: [c.submitter for c in claims],
            col["party"]: [c.name for c in claims],
            col["ipi"]: [c.ipi_name or "" for c in claims],
            col["role"]: [work_word("role", c.role, ui.lang()) for c in claims],
            col["share"]: [percent(c.share) for c in claims],
        }
    )


def resolve(case: ConflictOut, decided: list[tuple[ClaimedShare, int]], note: str) -> None:
    shares = [{"party": c.party, "role": c.role, "share": bp, "controlled": False} for c, bp in decided if bp]
    done = ui.call(lambda c: c.resolve_conflict(case.id, shares, note), what=case.id)
    if done is not None:
        st.session_state["review_said"] = ui.t("review.resolved", id=done.id, work=done.work)
        st.rerun()


def conflict_panel(case: ConflictOut) -> None:
    st.markdown(f"**{ui.t('review.claims')}**")
    st.dataframe(share_rows(case.claims), hide_index=True, width="stretch")
    by_submitter: dict[str, list[ClaimedShare]] = {}
    for claim in case.claims:
        by_submitter.setdefault(claim.submitter, []).append(claim)
    note = st.text_input(ui.t("review.note"), key=f"note_{case.id}", max_chars=500)
    keep = st.columns(max(1, len(by_submitter)))
    for column, (submitter, claims) in zip(keep, by_submitter.items(), strict=False):
        total = sum(c.share for c in claims)
        column.caption(ui.t("review.by_submitter", submitter=submitter, total=percent(total)))
        whole = abs(total - WHOLE) <= SLACK
        if column.button(
            ui.t("review.keep", submitter=submitter), key=f"keep_{case.id}_{submitter}", disabled=not whole
        ):
            if not note.strip():
                st.warning(ui.t("review.need_note"))
            else:
                resolve(case, [(c, c.share) for c in claims], note.strip())
    st.markdown(f"**{ui.t('review.decide')}**")
    st.caption(ui.t("review.decide_help"))
    # One row per party and role, starting from the largest share anyone claimed for it.
    unique: dict[tuple[str, str], ClaimedShare] = {}
    for claim in case.claims:
        held = unique.get((claim.party, claim.role))
        if held is None or claim.share > held.share:
            unique[claim.party, claim.role] = claim
    rows = list(unique.values())
    col_share = ui.t("review.col.share")
    edited = st.data_editor(
        share_rows(rows)
        .drop(columns=[ui.t("review.col.submitter")])
        .assign(**{col_share: [Decimal(c.share).scaleb(-2) for c in rows]}),
        hide_index=True,
        width="stretch",
        disabled=[ui.t(f"review.col.{k}") for k in ("party", "ipi", "role")],
        column_config={col_share: st.column_config.NumberColumn(min_value=0, max_value=100, step=0.01)},
        key=f"editor_{case.id}",
    )
    decided = [
        (c, int((Decimal(str(v)) * 100).to_integral_value()))
        for c, v in zip(rows, edited[col_share], strict=True)
    ]
    total = sum(bp for _, bp in decided)
    st.caption(ui.t("review.total", total=percent(total)))
    if st.button(ui.t("review.resolve"), type="primary", key=f"resolve_{case.id}"):
        if not note.strip():
            st.warning(ui.t("review.need_note"))
        elif abs(total - WHOLE) > SLACK:
            st.warning(ui.t("review.need_total", total=percent(total)))
        else:
            resolve(case, decided, note.strip())


def _merge(candidate: str, survivor: str, client: ApiClient) -> DuplicateOut:
    return client.merge_duplicate(candidate, survivor)


def duplicate_panel(pair: DuplicateOut) -> None:
    st.write(ui.t("review.reason", reason=ui.word("review.reason", pair.reason)))
    if pair.detail and ui.lang() == "en":  # the evidence as recorded (in English)
        st.caption(ui.t("review.detail", detail=pair.detail))
    first, second = st.columns(2)
    for column, heading, item in (
        (first, "review.first", pair.first),
        (second, "review.second", pair.second),
    ):
        column.markdown(f"**{ui.t(heading)}** · {item.id}")
        column.write(item.title)
        column.caption(f"{ui.t('review.code')}: {item.code or '—'}")
        if column.button(ui.t("review.merge_into", id=item.id), key=f"merge_{pair.id}_{item.id}"):
            gone = pair.second.id if item.id == pair.first.id else pair.first.id
            done = ui.call(partial(_merge, pair.id, item.id), what=pair.id)
            if done is not None:
                st.session_state["review_said"] = ui.t("review.merged", id=pair.id, gone=gone, kept=item.id)
                st.rerun()
    if st.button(ui.t("review.keep_apart"), key=f"apart_{pair.id}"):
        done = ui.call(lambda c: c.keep_apart(pair.id), what=pair.id)
        if done is not None:
            st.session_state["review_said"] = ui.t("review.kept_apart", id=pair.id)
            st.rerun()


tab_conflicts, tab_duplicates = st.tabs(
    [
        ui.t("review.tab_conflicts", n=f"{conflicts.total:,}"),
        ui.t("review.tab_duplicates", n=f"{duplicates.total:,}"),
    ]
)
with tab_conflicts:
    if not conflicts.items:
        st.info(ui.t("review.no_conflicts"))
    else:
        pages("conflicts_page", conflicts.total)
        cases = {c.id: c for c in conflicts.items}
        names = {
            c.id: ui.t(
                "review.case_label",
                id=c.id,
                title=c.title,
                right=work_word("right", c.right_type, ui.lang()),
                total=percent(c.claimed_total),
            )
            for c in conflicts.items
        }
        picked = st.selectbox(
            ui.t("review.pick_case"), list(cases), format_func=names.__getitem__, key="case_pick"
        )
        conflict_panel(cases[picked])
with tab_duplicates:
    if not duplicates.items:
        st.info(ui.t("review.no_duplicates"))
    else:
        pages("duplicates_page", duplicates.total)
        pairs = {d.id: d for d in duplicates.items}
        labels = {
            d.id: ui.t("review.pair_label", id=d.id, first=d.first.title, second=d.second.title)
            for d in duplicates.items
        }
        chosen = st.selectbox(
            ui.t("review.pick_pair"), list(pairs), format_func=labels.__getitem__, key="pair_pick"
        )
        duplicate_panel(pairs[chosen])
