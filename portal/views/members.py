"""The members' roster (staff): search and page the members, open one (its facts, mandates and,
for admin and clerks, its sealed contact and bank details), edit it, suspend or end its
membership, set its mandates, and register new members. Every change goes through the API, which
records the member's next entry. The search, page and member opened live in the URL, so a
refresh or a shared link shows the same view. Auditors read."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import streamlit as st

from payloads.members import MemberOut
from portal import ui
from portal.pager import pager, share
from portal.paging import PageOf, page_from

STATUSES = ("applicant", "member", "suspended", "terminated")
RIGHTS = (
    "performing",
    "mechanical",
    "reproduction",
    "synchronisation",
    "broadcasting",
    "making_available",
    "rental",
)
ROLES = ("composer", "lyricist", "arranger", "publisher", "performer", "producer")
TERRITORY = re.compile(r"[0-9A-Za-z]{1,10}")
ACCOUNT = re.compile(r"[0-9A-Za-z ]{4,40}")

st.title(ui.t("nav.members"))
st.write(ui.t("members.intro"))
if not ui.require_role("admin", "clerk", "auditor"):
    st.stop()
writes = st.session_state.get("role") in ("admin", "clerk")
if said := st.session_state.pop("members_said", None):
    st.success(said, icon=ui.ICON_OK)


def full_name(first: str | None, name: str) -> str:
    """A person's name as they write it: 周杰 (surname first, no space), Jie Zhou."""
    if not first:
        return name
    return f"{name}{first}" if re.search(r"[\u3400-\u9fff]", name + first) else f"{first} {name}"


def names(prefix: str, codes: tuple[str, ...]) -> dict[str, str]:
    """Codes in the reader's words, looked up now (a widget's format_func may run later)."""
    return {code: ui.word(prefix, code) for code in codes}


def roster_rows(items: list[MemberOut]) -> list[dict[str, object]]:
    col = {
        k: ui.t(f"members.col.{k}")
        for k in ("member", "name", "ipi_name", "roles", "status", "joined_on", "mandates")
    }
    role_words = names("enum.role", ROLES)
    return [
        {
            col["member"]: m.member,
            col["name"]: full_name(m.first_name, m.name),
            col["ipi_name"]: m.ipi_name or "",
            col["roles"]: "、".join(role_words.get(r, r) for r in m.roles)
            if ui.lang() == "zh"
            else ", ".join(role_words.get(r, r) for r in m.roles),
            col["status"]: ui.word("enum.member_status", m.status),
            col["joined_on"]: m.joined_on or "",
            col["mandates"]: len(m.mandates),
        }
        for m in items
    ]


def roster() -> str | None:
    """The search, the page of members and the one opened (from the URL); returns its number."""
    params = st.query_params
    left, right = st.columns([3, 1])
    q = left.text_input(ui.t("members.search"), value=params.get("q", ""), max_chars=100).strip()
    statuses = {"": ui.t("members.any_status"), **names("enum.member_status", STATUSES)}
    wanted_status = params.get("status", "") if params.get("status", "") in statuses else ""
    status = right.selectbox(
        ui.t("members.status_filter"),
        list(statuses),
        index=list(statuses).index(wanted_status),
        format_func=statuses.__getitem__,
    )
    number, size = page_from(params)
    if params.get("q", "") != q or params.get("status", "") != status:
        number = 1
    opened = params.get("member", "")
    share({"q": q, "status": status, "page": number, "size": size, "member": opened})
    view = PageOf(number, size, 0)
    page = ui.call(lambda c: c.members(q=q, status=status, limit=view.size, offset=view.offset))
    if page is None:
        return None
    view = PageOf(number, size, page.total)
    if not page.total:
        st.info(ui.t("members.none"))
    else:
        pager(view, "members_pager")
        st.dataframe(roster_rows(page.items), hide_index=True, width="stretch")
    choices = {
        "": "—",
        **{m.member: f"{m.member} · {full_name(m.first_name, m.name)}" for m in page.items},
    }
    if opened and opened not in choices:
        choices[opened] = opened
    picked = st.selectbox(
        ui.t("members.pick"),
        list(choices),
        index=list(choices).index(opened),
        format_func=choices.__getitem__,
    )
    if picked != opened:
        share({"q": q, "status": status, "page": number, "size": size, "member": picked})
        st.rerun()
    return picked or None


def show(member: MemberOut) -> None:
    st.subheader(f"{member.member} · {full_name(member.first_name, member.name)}")
    fact, value = ui.t("members.fact"), ui.t("members.value")
    rows = [
        (ui.t("members.kind"), ui.word("enum.party_kind", member.kind)),
        (ui.t("members.status"), ui.word("enum.member_status", member.status)),
        (ui.t("members.ipi_name"), member.ipi_name or "—"),
        (ui.t("members.ipi_base"), member.ipi_base or "—"),
        (ui.t("members.society"), member.society or "—"),
        (ui.t("members.roles"), ", ".join(ui.word("enum.role", r) for r in member.roles) or "—"),
        (ui.t("members.joined_on"), member.joined_on or "—"),
        (ui.t("members.col.left_on"), member.left_on or "—"),
        (ui.t("members.contact_revision"), str(member.contact_revision)),
        (ui.t("members.bank_revision"), str(member.bank_revision)),
    ]
    st.table([{fact: k, value: v} for k, v in rows])
    if member.mandates:
        col = {k: ui.t(f"members.col.{k}") for k in ("right_type", "territory", "starts_on", "ends_on")}
        st.table(
            [
                {
                    col["right_type"]: ui.word("enum.right_type", m.right_type),
                    col["territory"]: m.territory,
                    col["starts_on"]: m.starts_on.isoformat() if m.starts_on else "—",
                    col["ends_on"]: m.ends_on.isoformat() if m.ends_on else "—",
                }
                for m in member.mandates
            ]
        )
    else:
        st.caption(ui.t("members.no_mandates"))
    if member.contact is not None or member.bank is not None:
        with st.expander(ui.t("members.sealed")):
            details = {**(member.contact or {}), **(member.bank or {})}
            st.table(
                [
                    {
                        fact: ui.t(f"members.{k}") if f"members.{k}" != ui.t(f"members.{k}") else k,
                        value: str(v),
                    }
                    for k, v in details.items()
                ]
            )


def mandates_editor(key: str, current: list[dict[str, Any]]) -> Any:
    rights = names("enum.right_type", RIGHTS)
    return st.data_editor(
        current,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        placeholder="—",  # an empty date, not "None"
        width="stretch",
        column_config={
            "right_type": st.column_config.SelectboxColumn(
                ui.t("members.col.right_type"),
                options=list(RIGHTS),
                format_func=lambda code: rights.get(str(code), str(code)),
                required=True,
            ),
            "territory": st.column_config.TextColumn(
                ui.t("members.col.territory"), max_chars=10, required=True
            ),
            "starts_on": st.column_config.DateColumn(ui.t("members.col.starts_on"), format="YYYY-MM-DD"),
            "ends_on": st.column_config.DateColumn(ui.t("members.col.ends_on"), format="YYYY-MM-DD"),
        },
    )


def mandate_rows(edited: Any) -> list[dict[str, Any]] | str:
    """The edited mandates as the API takes them, or the warning naming the first bad row."""
    rows = edited.to_dict("records") if hasattr(edited, "to_dict") else list(edited)
    out = []
    for n, row in enumerate(rows, 1):
        right, territory = row.get("right_type"), str(row.get("territory") or "").strip()
        if not right and not territory:
            continue  # a row added and left empty
        if right not in RIGHTS or not TERRITORY.fullmatch(territory):
            return ui.t("members.bad_mandate", row=n)
        out.append(
            {
                "right_type": right,
                "territory": territory.upper(),
                "starts_on": _day(row.get("starts_on")),
                "ends_on": _day(row.get("ends_on")),
            }
        )
    return out


def _day(value: Any) -> str | None:
    if value is None or value != value:  # NaT/NaN from an empty cell
        return None
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]


def details_inputs(prefix: str, member: MemberOut | None) -> tuple[dict[str, str], dict[str, str]]:
    contact, bank = (member.contact or {}) if member else {}, (member.bank or {}) if member else {}
    a, b, c = st.columns(3)
    typed_contact = {
        "email": a.text_input(
            ui.t("members.email"), value=str(contact.get("email", "")), key=f"{prefix}_email"
        ),
        "phone": b.text_input(
            ui.t("members.phone"), value=str(contact.get("phone", "")), key=f"{prefix}_phone"
        ),
        "address": c.text_input(
            ui.t("members.address"), value=str(contact.get("address", "")), key=f"{prefix}_address"
        ),
    }
    d, e, f = st.columns(3)
    typed_bank = {
        "holder": d.text_input(
            ui.t("members.holder"), value=str(bank.get("holder", "")), key=f"{prefix}_holder"
        ),
        "account": e.text_input(
            ui.t("members.account"), value=str(bank.get("account", "")), key=f"{prefix}_account"
        ),
        "bank": f.text_input(ui.t("members.bank"), value=str(bank.get("bank", "")), key=f"{prefix}_bank"),
    }
    return typed_contact, typed_bank


def sealed_body(contact: dict[str, str], bank: dict[str, str]) -> dict[str, Any] | str:
    """The contact and bank parts of a request (left out when empty), or a warning."""
    body: dict[str, Any] = {}
    if any(v.strip() for v in contact.values()):
        body["contact"] = {k: v.strip() for k, v in contact.items() if v.strip()}
    if any(v.strip() for v in bank.values()):
        if not ACCOUNT.fullmatch(bank["account"].strip()):
            return ui.t("members.bad_account")
        body["bank"] = {k: v.strip() for k, v in bank.items() if v.strip()}
    return body


def checked_body(
    edited: Any, contact: dict[str, str], bank: dict[str, str], *, name: str, **fields: Any
) -> dict[str, Any] | None:
    """What a form sends the API, or None after warning, in the reader's words, of the first field
    at fault: the name, a mandate row, the bank account."""
    mandates, sealed = mandate_rows(edited), sealed_body(contact, bank)
    if not name.strip():
        st.warning(ui.t("members.need_name"))
    elif isinstance(mandates, str):
        st.warning(mandates)
    elif isinstance(sealed, str):
        st.warning(sealed)
    else:
        texts = {k: v.strip() or None if isinstance(v, str) else v for k, v in fields.items()}
        body = {"name": name.strip(), **texts, "mandates": mandates, **sealed}
        return {k: v for k, v in body.items() if not (k in ("ipi_name", "left_on") and v is None)}
    return None


def edit(member: MemberOut) -> None:
    statuses, roles = names("enum.member_status", STATUSES), names("enum.role", ROLES)
    with st.form(f"edit_{member.member}"):
        st.subheader(ui.t("members.edit"))
        a, b, c = st.columns(3)
        name = a.text_input(ui.t("members.name"), value=member.name, key="edit_name")
        first = b.text_input(ui.t("members.first_name"), value=member.first_name or "", key="edit_first")
        ipi = c.text_input(ui.t("members.ipi_name"), value=member.ipi_name or "", key="edit_ipi")
        d, e, f = st.columns(3)
        status = d.selectbox(
            ui.t("members.status"),
            STATUSES,
            index=STATUSES.index(member.status) if member.status in STATUSES else 1,
            format_func=statuses.__getitem__,
            key="edit_status",
        )
        left_on = e.date_input(
            ui.t("members.left_on"),
            value=date.fromisoformat(member.left_on) if member.left_on else None,
            format="YYYY-MM-DD",
            key="edit_left_on",
        )
        society = f.text_input(
            ui.t("members.society"), value=member.society or "", max_chars=10, key="edit_society"
        )
        picked_roles = st.multiselect(
            ui.t("members.roles"),
            ROLES,
            default=[r for r in member.roles if r in ROLES],
            format_func=roles.__getitem__,
            placeholder=ui.t("members.choose_roles"),
            key="edit_roles",
        )
        st.caption(ui.t("members.mandates"))
        edited = mandates_editor(f"mandates_{member.member}", [m.model_dump() for m in member.mandates])
        st.caption(ui.t("members.sealed"))
        contact, bank = details_inputs("edit", member)
        sent = st.form_submit_button(ui.t("members.save"), type="primary")
    if not sent:
        return
    if status == "terminated" and left_on is None:
        st.warning(ui.t("members.need_left_on"))
        return
    body = checked_body(
        edited,
        contact,
        bank,
        name=name,
        first_name=first,
        ipi_name=ipi,
        society=society,
        roles=picked_roles,
        status=status,
        left_on=left_on.isoformat() if left_on else None,
    )
    if body is not None:
        done = ui.call(lambda c: c.change_member(member.member, body), what=member.member)
        if done is not None:
            st.session_state["members_said"] = ui.t("members.saved", member=done.member)
            st.rerun()


def register() -> None:
    kinds, roles = names("enum.party_kind", ("person", "company")), names("enum.role", ROLES)
    with st.form("register_member"):
        a, b, c = st.columns(3)
        name = a.text_input(ui.t("members.name"), key="new_name")
        first = b.text_input(ui.t("members.first_name"), key="new_first")
        kind = c.selectbox(ui.t("members.kind"), list(kinds), format_func=kinds.__getitem__, key="new_kind")
        d, e, f = st.columns(3)
        ipi = d.text_input(ui.t("members.ipi_name"), key="new_ipi")
        joined = e.date_input(
            ui.t("members.joined_on"), value=date.today(), format="YYYY-MM-DD", key="new_joined"
        )
        society = f.text_input(ui.t("members.society"), max_chars=10, key="new_society")
        picked_roles = st.multiselect(
            ui.t("members.roles"),
            ROLES,
            format_func=roles.__getitem__,
            placeholder=ui.t("members.choose_roles"),
            key="new_roles",
        )
        st.caption(ui.t("members.mandates"))
        edited = mandates_editor(
            "new_mandates",
            [{"right_type": "performing", "territory": "2136", "starts_on": None, "ends_on": None}],
        )
        st.caption(ui.t("members.sealed"))
        contact, bank = details_inputs("new", None)
        sent = st.form_submit_button(ui.t("members.register"), type="primary")
    if not sent:
        return
    body = checked_body(
        edited,
        contact,
        bank,
        name=name,
        first_name=first,
        ipi_name=ipi,
        society=society,
        roles=picked_roles,
        kind=kind,
        joined_on=joined.isoformat() if joined else None,
    )
    if body is not None:
        made = ui.call(lambda c: c.register_member(body), what=name.strip())
        if made is not None:
            st.session_state["members_said"] = ui.t("members.registered", member=made.member)
            st.query_params.from_dict({"member": made.member, "lang": ui.lang()})  # open it on the roster
            # A new choice of part, as the URL says: the browser forgets the one clicked before.
            st.session_state["members_round"] = st.session_state.get("members_round", 0) + 1
            st.rerun()


def roster_tab() -> None:
    opened = roster()
    if opened:
        member = ui.call(lambda c: c.member(opened), what=opened)
        if member is not None:
            show(member)
            if writes:
                edit(member)


if writes:
    # One part at a time (not tabs): only the part shown draws its form, and the choice, kept in
    # the URL, survives a refresh.
    parts = {k: ui.t(f"members.tab.{k}") for k in ("roster", "register")}
    wanted = st.query_params.get("part", "roster")
    part = st.radio(
        ui.t("members.part"),
        list(parts),
        index=list(parts).index(wanted) if wanted in parts else 0,
        format_func=parts.__getitem__,
        horizontal=True,
        label_visibility="collapsed",
        key=f"members_part_{wanted}_{st.session_state.get('members_round', 0)}",  # follows the URL
    )
    if part == "roster":
        roster_tab()
    else:
        st.query_params["part"] = part
        register()
else:
    st.info(ui.t("members.read_only"))
    roster_tab()
