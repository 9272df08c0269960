"""Licensing (staff): licensees and licenses, a page at a time. A licensing officer (or an admin)
adds a licensee, corrects it or closes it with a reason, issues licenses and suspends,
reinstates or revokes them with a reason (only the changes the license's status allows are
offered); auditors read. Every change goes through the API, which records it in the ledger."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar

import streamlit as st

from payloads.licensees import LicenseeOut
from payloads.licensing import LicenseOut
from portal import ui
from portal.api_client import ApiClient, ApiError
from portal.i18n import STRINGS
from portal.paging import PageOf

PAGE = 20
KINDS = (
    "karaoke_venue",
    "vod_platform",
    "streaming_platform",
    "chat_room_app",
    "broadcaster",
    "shop",
    "hotel",
)
NEEDS = {"karaoke_venue": ("uscc", "rooms"), "shop": ("floor_area_m2",), "hotel": ("floor_area_m2",)}
DEGREES = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,6})?")
TEXTS = ("name", "uscc", "address", "city", "province", "latitude", "longitude", "service")
COUNTS = ("rooms", "floor_area_m2")
# Which changes a license's status (today) allows.
CHANGES = {"active": ("suspend", "revoke"), "suspended": ("reinstate", "revoke")}
T = TypeVar("T")

st.title(ui.t("nav.licensing"))
st.write(ui.t("licensing.intro"))
if not ui.require_role("admin", "licensing", "auditor"):
    st.stop()
officer = st.session_state.get("role") in ("admin", "licensing")
if not officer:
    st.info(ui.t("licensing.read_only"))
if said := st.session_state.pop("licensing_said", None):
    st.success(said, icon=ui.ICON_OK)


def label(field: str) -> str:
    return ui.t(f"licensing.f.{field}")


def done(message: str) -> None:
    st.session_state["licensing_said"] = message
    st.rerun()


def send(fn: Callable[[ApiClient], T]) -> T | None:
    """ui.call, except that a refusal naming the fields at fault names them in the reader's words."""
    try:
        with st.spinner(ui.t("api.loading")), ui.api() as client:
            return fn(client)
    except ApiError as exc:
        named = [f.rsplit(".", 1)[-1] for f in exc.fields]
        if exc.status == 422 and named:
            for name in named:
                words = label(name) if f"licensing.f.{name}" in STRINGS else name
                st.error(ui.t("licensing.field_problem", field=words, detail=exc.detail))
            return None
        refused = exc

    def again(_: ApiClient) -> T:
        raise refused  # shown as every page shows a failure; nothing is sent again

    return ui.call(again)


def pager(key: str, total: int) -> None:
    """Previous / next, PAGE at a time."""
    number = st.session_state.get(key, 0)
    st.caption(PageOf(number + 1, PAGE, total).words(ui.lang()))
    if total <= PAGE:
        return
    back, forward = st.columns(2)
    if back.button(ui.t("pager.previous"), key=f"{key}_back", disabled=number == 0):
        st.session_state[key] = number - 1
        st.rerun()
    if forward.button(ui.t("pager.next"), key=f"{key}_next", disabled=number >= (total - 1) // PAGE):
        st.session_state[key] = number + 1
        st.rerun()


def problems(values: dict[str, Any], kind: str | None) -> list[str]:
    """What the form lacks, in the reader's words (the API checks the rest and names the field)."""
    found = []
    if "name" in values and not str(values["name"] or "").strip():
        found.append(ui.t("licensing.need", field=label("name")))
    for field in NEEDS.get(kind or "", ()):
        if field in values and values[field] in (None, ""):
            kind_words = ui.word("enum.licensee_kind", kind)
            found.append(ui.t("licensing.need_for_kind", kind=kind_words, field=label(field)))
    latitude, longitude = values.get("latitude"), values.get("longitude")
    if bool(latitude) != bool(longitude):
        found.append(ui.t("licensing.need_both"))
    for field in ("latitude", "longitude"):
        if values.get(field) and not DEGREES.fullmatch(str(values[field])):
            found.append(ui.t("licensing.bad_degrees", field=label(field)))
    return found


def licensee_fields(prefix: str, current: LicenseeOut | None) -> dict[str, Any]:
    """The form's inputs, filled with the licensee's facts when editing."""
    values: dict[str, Any] = {}
    left, right = st.columns(2)
    for n, field in enumerate(TEXTS):
        column = left if n % 2 == 0 else right
        shown = getattr(current, field) if current is not None else None
        values[field] = column.text_input(label(field), value=shown or "", key=f"{prefix}_{field}").strip()
    for column, field in zip((left, right), COUNTS, strict=True):
        shown = getattr(current, field) if current is not None else None
        values[field] = column.number_input(
            label(field), min_value=1, max_value=2**31 - 1, value=shown, step=1, key=f"{prefix}_{field}"
        )
    return values


def size(item: LicenseeOut) -> str:
    if item.rooms:
        return ui.t("licensing.size.rooms", n=item.rooms)
    if item.floor_area_m2:
        return ui.t("licensing.size.area", n=f"{item.floor_area_m2:,}")
    return item.service or ""


def licensee_rows(items: list[LicenseeOut]) -> list[dict[str, str]]:
    col = {k: ui.t(f"licensing.col.{k}") for k in ("ref", "name", "kind", "uscc", "city", "size", "status")}
    return [
        {
            col["ref"]: item.ref,
            col["name"]: item.name,
            col["kind"]: ui.word("enum.licensee_kind", item.kind),
            col["uscc"]: item.uscc or "",
            col["city"]: item.city or "",
            col["size"]: size(item),
            col["status"]: ui.t("licensing.closed_on", day=item.closed_on)
            if item.closed_on
            else ui.t("licensing.status.open"),
        }
        for item in items
    ]


def add_form() -> None:
    # Words looked up now: a selectbox may format its options outside this run (AppTest does).
    kind_words = {k: ui.word("enum.licensee_kind", k) for k in KINDS}
    with st.form("add_licensee"):
        st.markdown(f"**{ui.t('licensing.add')}**")
        kind = st.selectbox(label("kind"), KINDS, format_func=kind_words.__getitem__, key="add_kind")
        values = licensee_fields("add", None)
        role_col, name_col, phone_col = st.columns(3)
        contact = {
            "role": role_col.text_input(label("contact_role"), key="add_contact_role").strip(),
            "name": name_col.text_input(label("contact_name"), key="add_contact_name").strip(),
            "phone": phone_col.text_input(label("contact_phone"), key="add_contact_phone").strip(),
        }
        sent = st.form_submit_button(ui.t("licensing.add_submit"), type="primary")
    if not sent:
        return
    found = problems(values, kind)
    if contact["name"] and not contact["role"]:
        found.append(ui.t("licensing.need", field=label("contact_role")))
    for problem in found:
        st.warning(problem)
    if found:
        return
    body = {k: v for k, v in values.items() if v not in ("", None)} | {"kind": kind}
    if contact["name"]:
        body["contacts"] = [{k: v for k, v in contact.items() if v}]
    made = send(lambda c: c.add_licensee(body))
    if made is not None:
        done(ui.t("licensing.added", ref=made.ref, name=made.name))


def licensee_panel(ref: str) -> None:
    item = ui.call(lambda c: c.licensee(ref), what=ref)
    if item is None:
        return
    st.markdown(f"**{ui.t('licensing.facts', version=item.version)}**")
    st.dataframe(licensee_rows([item]), hide_index=True, width="stretch")
    if item.contacts is not None:
        st.markdown(f"**{ui.t('licensing.contacts')}**")
        if not item.contacts:
            st.caption(ui.t("licensing.no_contacts"))
        for person in item.contacts:
            st.caption(" · ".join(p for p in (person.role, person.name, person.phone, person.email) if p))
    st.markdown(f"**{ui.t('licensing.holds')}**")
    held = item.licenses or []
    if not held:
        st.caption(ui.t("licensing.holds_none"))
    for lic in held:
        st.caption(
            f"{lic.number} · {ui.word('enum.license_status', lic.status)} · {lic.valid_from} – {lic.valid_to}"
        )
    if item.closed_on:
        st.info(ui.t("licensing.is_closed", day=item.closed_on, reason=item.closed_reason or ""))
        return
    if officer:
        edit_form(item)
        close_form(item)


CONTACT_FIELDS = ("role", "name", "phone", "email")


def contact_rows(item: LicenseeOut) -> list[dict[str, str]]:
    return [{k: getattr(c, k) or "" for k in CONTACT_FIELDS} for c in item.contacts or []]


def contacts_table(item: LicenseeOut) -> list[dict[str, str]]:
    """The contact persons under the reader's column names (an empty row to fill when none)."""
    rows = contact_rows(item) or [dict.fromkeys(CONTACT_FIELDS, "")]
    return [{label(f"person_{k}"): row[k] for k in CONTACT_FIELDS} for row in rows]


def edited_contacts(table: Any) -> list[dict[str, str]]:
    """The contact persons as the table holds them: blank rows dropped, values trimmed."""
    rows = table.to_dict("records") if hasattr(table, "to_dict") else list(table)
    out = []
    for row in rows:
        person = {k: str(row.get(label(f"person_{k}")) or "").strip() for k in CONTACT_FIELDS}
        if any(person.values()):
            out.append(person)
    return out


def edit_form(item: LicenseeOut) -> None:
    with st.form(f"edit_{item.ref}"):
        st.markdown(f"**{ui.t('licensing.edit')}**")
        values = licensee_fields(f"edit_{item.ref}", item)
        st.markdown(f"**{ui.t('licensing.contacts')}**")
        table = st.data_editor(
            contacts_table(item),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={label(f"person_{k}"): st.column_config.TextColumn() for k in CONTACT_FIELDS},
            key=f"edit_{item.ref}_contacts",
        )
        sent = st.form_submit_button(ui.t("licensing.edit_submit"))
    if not sent:
        return
    found = problems(values, item.kind)
    contacts = edited_contacts(table)
    for field in ("role", "name"):  # each contact person has both (the API refuses one without)
        if any(not person[field] for person in contacts):
            found.append(ui.t("licensing.need", field=label(f"person_{field}")))
    for problem in found:
        st.warning(problem)
    if found:
        return
    # Only what differs is sent; an emptied field is cleared (null).
    changes = {
        k: (v if v not in ("", None) else None) for k, v in values.items() if v != (getattr(item, k) or "")
    }
    changes = {k: v for k, v in changes.items() if not (v is None and getattr(item, k) is None)}
    if item.contacts is not None and contacts != contact_rows(item):
        changes["contacts"] = [{k: v for k, v in person.items() if v} for person in contacts]
    if not changes:
        st.info(ui.t("licensing.unchanged"))
        return
    edited = send(lambda c: c.edit_licensee(item.ref, changes))
    if edited is not None:
        if edited.version != item.version:
            done(ui.t("licensing.edited", ref=edited.ref, version=edited.version))
        # The contact persons are sealed and never on the ledger: changing only them makes no version.
        done(
            ui.t("licensing.contacts_saved", ref=edited.ref)
            if "contacts" in changes
            else ui.t("licensing.unchanged")
        )


def close_form(item: LicenseeOut) -> None:
    with st.form(f"close_{item.ref}"):
        st.markdown(f"**{ui.t('licensing.close')}**")
        st.caption(ui.t("licensing.close_help"))
        reason = st.text_input(ui.t("licensing.close_reason"), max_chars=500, key=f"close_reason_{item.ref}")
        sent = st.form_submit_button(ui.t("licensing.close_submit"))
    if not sent:
        return
    if not reason.strip():
        st.warning(ui.t("licensing.need", field=ui.t("licensing.close_reason")))
        return
    closed = send(lambda c: c.close_licensee(item.ref, reason.strip()))
    if closed is not None:
        done(ui.t("licensing.closed", ref=closed.ref))


def license_rows(items: list[LicenseOut]) -> list[dict[str, str]]:
    col = {
        k: ui.t(f"licensing.col.{k}")
        for k in ("number", "licensee", "city", "tariff", "valid", "status", "reason")
    }
    return [
        {
            col["number"]: item.number,
            col["licensee"]: item.licensee,
            col["city"]: item.city or "",
            col["tariff"]: item.tariff.code,
            col["valid"]: f"{item.valid_from} – {item.valid_to}",
            col["status"]: ui.word("enum.license_status", item.status),
            col["reason"]: item.reason or "",
        }
        for item in items
    ]


def issue_form() -> None:
    with st.form("issue_license"):
        st.markdown(f"**{ui.t('licensing.issue')}**")
        left, right = st.columns(2)
        licensee = left.text_input(
            label("licensee"), value=st.session_state.get("licensing_ref", ""), key="issue_licensee"
        ).strip()
        tariff = right.text_input(label("tariff"), placeholder="KTV-ROOM", key="issue_tariff").strip()
        today = date.today()
        start = left.date_input(label("valid_from"), value=today, key="issue_from")
        end = right.date_input(label("valid_to"), value=today + timedelta(days=364), key="issue_to")
        sent = st.form_submit_button(ui.t("licensing.issue_submit"), type="primary")
    if not sent:
        return
    found = [
        ui.t("licensing.need", field=label(f))
        for f, v in (("licensee", licensee), ("tariff", tariff))
        if not v
    ]
    if start and end and end < start:
        found.append(ui.t("licensing.bad_dates"))
    for problem in found:
        st.warning(problem)
    if found or not start or not end:
        return
    issued = send(lambda c: c.issue_license(licensee, tariff, start.isoformat(), end.isoformat()))
    if issued is not None:
        done(ui.t("licensing.issued", number=issued.number, licensee=issued.licensee))


def license_panel(item: LicenseOut) -> None:
    status = ui.word("enum.license_status", item.status)
    st.markdown(
        f"**{ui.t('licensing.license_status', number=item.number, status=status, on=item.status_on)}**"
    )
    if not officer:
        return
    allowed = CHANGES.get(item.status, ())
    if not allowed:
        st.info(ui.t("licensing.final", status=status))
        return
    # keyed by version: after a change the next one asks its own reason (the field starts empty)
    reason = st.text_input(
        ui.t("licensing.change_reason"), max_chars=500, key=f"reason_{item.number}_v{item.version}"
    )
    buttons = st.columns(len(allowed))
    for column, change in zip(buttons, allowed, strict=True):
        if column.button(ui.t(f"licensing.{change}"), key=f"{change}_{item.number}"):
            if not reason.strip():
                st.warning(ui.t("licensing.need_reason"))
                continue
            change_license(item.number, change, reason.strip())


def change_license(number: str, change: str, reason: str) -> None:
    changed = send(lambda c: c.change_license(number, change, reason))
    if changed is not None:
        done(ui.t(f"licensing.changed.{change}", number=changed.number))


statuses = ("all", "open", "closed")
status_words = {s: ui.t(f"licensing.status.{s}") for s in statuses}
# One view at a time (not tabs): a view's forms are drawn only when shown, and the choice, kept
# by its key, survives the reruns that change what the lists hold.
views = {"licensees": ui.t("licensing.view.licensees"), "licenses": ui.t("licensing.view.licenses")}
view = st.radio(
    ui.t("licensing.view"), list(views), format_func=views.__getitem__, horizontal=True, key="licensing_view"
)
if view == "licensees":
    q, chosen = st.session_state.get("licensing_q", ""), st.session_state.get("licensing_status", "all")
    licensees = ui.call(
        lambda c: c.licensees(
            q=q or None,
            status=None if chosen == "all" else chosen,
            limit=PAGE,
            offset=PAGE * st.session_state.get("licensees_page", 0),
        )
    )
    if licensees is None:
        st.stop()
    search, status_col = st.columns([3, 1])
    search.text_input(
        ui.t("licensing.search"),
        key="licensing_q",
        max_chars=200,
        on_change=lambda: st.session_state.update(licensees_page=0),
    )
    status_col.selectbox(
        ui.t("licensing.status_filter"),
        statuses,
        format_func=status_words.__getitem__,
        key="licensing_status",
        on_change=lambda: st.session_state.update(licensees_page=0),
    )
    if not licensees.items:
        st.info(ui.t("licensing.none"))
    else:
        st.dataframe(licensee_rows(licensees.items), hide_index=True, width="stretch")
        pager("licensees_page", licensees.total)
        names = {item.ref: f"{item.ref} · {item.name}" for item in licensees.items}
        picked = st.selectbox(
            ui.t("licensing.pick"), list(names), format_func=names.__getitem__, key="licensing_ref"
        )
        licensee_panel(picked)
    if officer:
        add_form()
else:
    lq = st.session_state.get("licenses_q", "").strip()
    by_number = lq.upper().startswith("LIC")  # a number, else part of the licensee's name
    licenses = ui.call(
        lambda c: c.licenses(
            number=lq if by_number else None,
            name=None if by_number else lq or None,
            limit=PAGE,
            offset=PAGE * st.session_state.get("licenses_page", 0),
        )
    )
    if licenses is None:
        st.stop()
    st.text_input(
        ui.t("licensing.search_licenses"),
        key="licenses_q",
        max_chars=200,
        on_change=lambda: st.session_state.update(licenses_page=0),
    )
    if not licenses.items:
        st.info(ui.t("licensing.none_licenses"))
    else:
        st.dataframe(license_rows(licenses.items), hide_index=True, width="stretch")
        pager("licenses_page", licenses.total)
        by_number_pick = {item.number: item for item in licenses.items}
        number = st.selectbox(
            ui.t("licensing.pick_license"),
            list(by_number_pick),
            format_func=lambda n: f"{n} · {by_number_pick[n].licensee}",
            key="licensing_license",
        )
        license_panel(by_number_pick[number])
    if officer:
        issue_form()
