"""The licensing page in Streamlit's AppTest, against the test world's API: the officer's two
tabs read the world's licensees and licenses; the add form names what is missing in the reader's
language before sending, and a refusal naming a field names it too; only the changes a
license's status allows are offered; auditors read without contacts or forms. Writes are
intercepted (the world is shared): the browser journey makes them for real."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from payloads.licensing import LicenseOut
from payloads.paging import Page
from portal.api_client import ApiClient, ApiError
from tests.portal.test_pages import login, ok, page, texts
from tests.portal.world import World


def _button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def test_the_officer_reads_licensees_and_licenses(portal_env: World) -> None:
    at = login(page("licensing"), "licensing", form="admin")
    assert at.radio(key="licensing_view").value == "licensees"
    assert "1–2 of 2" in texts(at)
    listed = at.dataframe[0].value
    assert list(listed["Name"]) == ["Golden Voice KTV", "Silver Voice KTV"]
    assert list(listed["Kind"]) == ["karaoke venue", "karaoke venue"] and set(listed["Status"]) == {"trading"}
    shown = texts(at)
    assert "No contact person registered." in shown and "LIC-2026-000001 · revoked" in shown
    at = ok(at.radio(key="licensing_view").set_value("licenses").run())
    licenses = at.dataframe[0].value
    assert set(licenses["Status"]) == {"revoked", "expired"}
    # an expired license (the first, LIC-2020-000001) offers no change
    assert "This license is expired: it cannot change any more; issue a new license instead." in [
        i.value for i in at.info
    ]
    assert not [b for b in at.button if b.key and b.key.startswith(("suspend_", "reinstate_", "revoke_"))]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_add_form_names_what_is_missing_and_what_was_refused(
    portal_env: World, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    sent: list[dict[str, object]] = []

    def add(self: ApiClient, body: dict[str, object]) -> object:
        sent.append(body)  # nothing reaches the shared world
        refused = ApiError(422, "The registry refused the request", "invalid USCC: check character")
        refused.fields = ["body.uscc"]
        raise refused

    monkeypatch.setattr(ApiClient, "add_licensee", add)
    at = login(page("licensing", lang=lang), "licensing", form="admin")
    submit = {"en": "Add", "zh": "登记"}[lang]
    _button(at, submit).click()
    at = ok(at.run())
    warned = [w.value for w in at.warning]
    expected = {
        "en": [
            "Fill in “Name”.",
            "A karaoke venue needs “Unified social credit code”.",
            "A karaoke venue needs “Rooms”.",
        ],
        "zh": ["请填写「名称」。", "KTV 场所须填写「统一社会信用代码」。", "KTV 场所须填写「包房数」。"],
    }[lang]
    assert warned == expected and not sent
    at.text_input(key="add_name").input("歌王 KTV")
    at.text_input(key="add_uscc").input("91310000MA0000001X")
    at.number_input(key="add_rooms").set_value(8)
    at.text_input(key="add_latitude").input("31.2")
    _button(at, submit).click()
    at = ok(at.run())
    both = {"en": "Give both latitude and longitude, or neither.", "zh": "纬度和经度须同时填写，或都不填。"}
    assert [w.value for w in at.warning] == [both[lang]] and not sent
    at.text_input(key="add_longitude").input("121.5")
    _button(at, submit).click()
    at = ok(at.run())
    assert sent == [
        {
            "kind": "karaoke_venue",
            "name": "歌王 KTV",
            "uscc": "91310000MA0000001X",
            "rooms": 8,
            "latitude": "31.2",
            "longitude": "121.5",
        }
    ]
    refused = {
        "en": "“Unified social credit code” is not accepted: invalid USCC: check character",
        "zh": "「统一社会信用代码」有误：invalid USCC: check character",
    }
    assert [e.value for e in at.error] == [refused[lang]]


def test_only_the_changes_a_status_allows_are_offered(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ApiClient.licenses
    changes: list[tuple[str, str, str]] = []

    def suspended(self: ApiClient, **query: object) -> Page[LicenseOut]:
        found = real(self, **query)
        items = [lic.model_copy(update={"status": "suspended"}) for lic in found.items]
        return found.model_copy(update={"items": items})

    def change(self: ApiClient, number: str, what: str, reason: str) -> LicenseOut:
        changes.append((number, what, reason))
        return real(self).items[0]

    monkeypatch.setattr(ApiClient, "licenses", suspended)
    monkeypatch.setattr(ApiClient, "change_license", change)
    at = login(page("licensing"), "licensing", form="admin")
    at = ok(at.radio(key="licensing_view").set_value("licenses").run())
    number = at.selectbox(key="licensing_license").value
    keys = {b.key for b in at.button if b.key}
    assert {f"reinstate_{number}", f"revoke_{number}"} <= keys and f"suspend_{number}" not in keys
    at.button(key=f"reinstate_{number}").click()
    at = ok(at.run())
    assert "Say why." in [w.value for w in at.warning] and not changes
    [reason] = [t for t in at.text_input if t.key and t.key.startswith(f"reason_{number}_v")]
    reason.input("paid in full")
    at.button(key=f"reinstate_{number}").click()
    at = ok(at.run())
    assert changes == [(number, "reinstate", "paid in full")]


def test_the_auditor_reads_without_contacts_or_forms(portal_env: World) -> None:
    at = login(page("licensing"), "auditor", form="admin")
    shown = texts(at)
    assert "Auditors read only" in shown and "Contact persons" not in shown and "1–2 of 2" in shown
    labels = {b.label for b in at.button}
    at = ok(at.radio(key="licensing_view").set_value("licenses").run())
    labels |= {b.label for b in at.button}
    assert not labels & {"Add", "Save the changes", "Close", "Issue", "Suspend", "Reinstate", "Revoke"}


def test_a_clerk_is_told_whose_page_it_is(portal_env: World) -> None:
    at = login(page("licensing"), "clerk", form="admin")
    assert "licensing officer" in at.warning[0].value


def test_the_edit_form_changes_the_contact_persons_naming_what_is_missing(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[str, dict[str, object]]] = []
    real = ApiClient.licensee

    def edit(self: ApiClient, ref: str, changes: dict[str, object]) -> object:
        sent.append((ref, changes))  # nothing reaches the shared world
        return real(self, ref)  # the same version: only sealed contact persons changed

    monkeypatch.setattr(ApiClient, "edit_licensee", edit)
    at = login(page("licensing"), "licensing", form="admin")
    ref = at.session_state["licensing_ref"]
    key = f"edit_{ref}_contacts"
    at.session_state[key] = {
        "edited_rows": {"0": {"Phone": "13800000000"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    _button(at, "Save the changes").click()
    at = ok(at.run())
    assert [w.value for w in at.warning] == ["Fill in “Role”.", "Fill in “Name”."]
    assert not sent
    rows = {"0": {"Role": "店长", "Name": "陈静", "Phone": "13800000000"}}
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    _button(at, "Save the changes").click()
    at = ok(at.run())
    assert sent == [(ref, {"contacts": [{"role": "店长", "name": "陈静", "phone": "13800000000"}]})]
    assert f"{ref}'s contact persons saved (sealed, never on the ledger)." in [s.value for s in at.success]
