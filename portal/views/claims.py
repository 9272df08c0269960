"""Claims of unidentified usage: a member finds usage nobody's repertoire matched, claims it as
their recording or work, and follows the claim until the society decides."""

from __future__ import annotations

import re

import streamlit as st

from payloads.paging import Page
from payloads.usage import ClaimOut, UnidentifiedOut
from portal import ui
from portal.accounts import PAGE_SIZE, claim_target, isrc_text, page_bounds, pages_of
from portal.api_client import ApiError
from portal.statements import format_money
from portal.widgets import verify_in_place

PERIOD = re.compile(r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$")
SOURCES = ("karaoke", "online", "background_music", "broadcast")

st.title(ui.t("nav.claims"))
st.write(ui.t("claims.intro"))
if not ui.require_role("member"):
    st.stop()


def day(moment: str | None) -> str:
    return (moment or "")[:10]


def first_page() -> None:
    """New search words start again at the first page."""
    st.session_state["claims_page"] = 1


def find_usage() -> None:
    cols = st.columns([3, 2, 2])
    text = cols[0].text_input(ui.t("claims.text"), key="claims_text", on_change=first_page)
    period = cols[1].text_input(ui.t("claims.period"), key="claims_period", on_change=first_page).strip()
    # Labels made here, in the reader's language: a widget may call format_func outside this run.
    sources = {"": ui.t("claims.any_source")} | {s: ui.word("acct.source", s) for s in SOURCES}
    source = cols[2].selectbox(
        ui.t("claims.source"),
        list(sources),
        format_func=sources.__getitem__,
        key="claims_source",
        on_change=first_page,
    )
    if period and not PERIOD.match(period):
        st.error(ui.t("claims.bad_period"))
        return
    number = int(st.session_state.get("claims_page", 1))
    found: Page[UnidentifiedOut] | None = ui.call(
        lambda c: c.unidentified(
            q=text.strip(),
            period=period,
            source=source,
            limit=PAGE_SIZE,
            offset=page_bounds(number, 10**9)[0],
        )
    )
    if found is None:
        return
    if not found.items:
        st.info(ui.t("claims.none_open"))
    else:
        _, first, last = page_bounds(number, found.total)
        st.caption(ui.t("acct.showing", total=found.total, first=first, last=last))
        st.dataframe(
            [
                {
                    ui.t("claims.col.id"): g.id,
                    ui.t("claims.col.period"): g.period,
                    ui.t("claims.col.source"): ui.word("acct.source", g.source),
                    ui.t("claims.col.isrc"): isrc_text(g.isrc),
                    ui.t("claims.col.title"): g.title or "",
                    ui.t("claims.col.artist"): g.artist or "",
                    ui.t("claims.col.lines"): g.lines,
                    ui.t("claims.col.usage"): g.weight,
                    ui.t("claims.col.revenue"): (
                        format_money(g.revenue_minor) if g.revenue_minor is not None else ""
                    ),
                    ui.t("claims.col.deadline"): day(g.claim_deadline),
                    ui.t("claims.col.status"): ui.word("claims.usage", g.status),
                }
                for g in found.items
            ],
            hide_index=True,
            width="stretch",
        )
        if found.total > PAGE_SIZE:
            st.number_input(
                ui.t("acct.page"), min_value=1, max_value=pages_of(found.total), step=1, key="claims_page"
            )

        st.subheader(ui.t("claims.form"))
        groups = {g.id: g for g in found.items if g.open}
        held = ui.call(lambda c: (c.my_recordings(limit=500), c.my_works(limit=500)))
        recordings, works = held if held is not None else (None, None)
        with st.form("claim_form"):
            group = st.selectbox(
                ui.t("claims.pick"),
                list(groups),
                format_func=lambda i: " · ".join(
                    p for p in (f"{i}", groups[i].title, groups[i].artist, isrc_text(groups[i].isrc)) if p
                ),
                key="claim_group",
            )
            kinds = {k: ui.t(f"claims.as_{k}") for k in ("recording", "work")}
            kind = st.radio(
                ui.t("claims.as"),
                list(kinds),
                format_func=kinds.__getitem__,
                horizontal=True,
                key="claim_kind",
            )
            options: dict[str, str] = {"": ui.t("claims.choose")}
            for rec in recordings.items if recordings else []:
                options[rec.id] = f"{rec.id} · {rec.title}" + (f" · {rec.artist}" if rec.artist else "")
            for work in works.items if works else []:
                options[work.id] = f"{work.id} · {work.title}"
            if len(options) == 1:
                st.caption(ui.t("claims.no_repertoire"))
            chosen = st.selectbox(
                ui.t("claims.mine"), list(options), format_func=options.__getitem__, key="claim_target"
            )
            typed = st.text_input(ui.t("claims.other_id"), key="claim_other")
            note = st.text_input(ui.t("claims.note"), max_chars=500, key="claim_note")
            sent = st.form_submit_button(ui.t("claims.submit"))
        if sent:
            wanted = typed.strip() or chosen
            target = claim_target(kind, wanted) if wanted else None
            if not wanted:
                st.error(ui.t("claims.need_target"))
            elif target is None or group is None:
                st.error(ui.t("claims.bad_id"))
            else:
                try:
                    with ui.api() as client:
                        made = client.claim(
                            int(group),
                            recording=target if kind == "recording" else None,
                            work=target if kind == "work" else None,
                            note=note.strip(),
                        )
                except ApiError as exc:
                    st.error(ui.t("claims.refused", detail=exc.detail or exc.title))
                else:
                    st.success(
                        ui.t("claims.submitted", id=made.id, status=ui.word("claims.status", made.status))
                    )


def my_claims() -> None:
    number = int(st.session_state.get("my_claims_page", 1))
    claims: Page[ClaimOut] | None = ui.call(
        lambda c: c.my_claims(limit=PAGE_SIZE, offset=page_bounds(number, 10**9)[0])
    )
    if claims is not None:
        if not claims.items:
            st.info(ui.t("claims.none_mine"))
        else:
            _, first, last = page_bounds(number, claims.total)
            st.caption(ui.t("acct.showing", total=claims.total, first=first, last=last))
            st.dataframe(
                [
                    {
                        ui.t("claims.col.id"): c.id,
                        ui.t("claims.col.usage_id"): c.unidentified_id,
                        ui.t("claims.col.period"): c.period,
                        ui.t("claims.col.source"): ui.word("acct.source", c.source),
                        ui.t("claims.col.title"): c.title or "",
                        ui.t("claims.col.artist"): c.artist or "",
                        ui.t("claims.col.claimed_as"): (
                            f"R-{c.recording_id}" if c.recording_id is not None else f"W-{c.work_id}"
                        ),
                        ui.t("claims.col.status"): ui.word("claims.status", c.status),
                        ui.t("claims.col.submitted"): day(c.submitted_at),
                        ui.t("claims.col.decided"): day(c.decided_at),
                        ui.t("claims.col.reason"): c.reason or "",
                        ui.t("claims.col.payable"): c.payable_period or "",
                    }
                    for c in claims.items
                ],
                hide_index=True,
                width="stretch",
            )
            if claims.total > PAGE_SIZE:
                st.number_input(
                    ui.t("acct.page"),
                    min_value=1,
                    max_value=pages_of(claims.total),
                    step=1,
                    key="my_claims_page",
                )
            # Each step of a claim is a private ledger entry of the member's: prove it here.
            chosen = st.selectbox(
                ui.t("claims.verify_pick"),
                [c.id for c in claims.items],
                format_func=lambda claim_id: f"CL-{claim_id}",
                key="claim_to_verify",
            )
            st.caption(ui.t("claims.verify_note"))
            verify_in_place(f"CL-{chosen}", None, kind="usage_claim", key=f"claim:{chosen}")


find, mine = st.tabs([ui.t("claims.tab_search"), ui.t("claims.tab_mine")])
with find:
    find_usage()
with mine:
    my_claims()
