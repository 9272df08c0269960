"""Licensing officers' licensees and licenses over HTTP, on SQLite and PostgreSQL: add, list,
search and page, edit (a new `licensee` version only when a fact changed), close (refused while
a license is in force, done once it is revoked; then no new license), suspend and reinstate (a
revoked license is not reinstated), and problems naming the field at fault."""

from __future__ import annotations

from typing import Any

from registry.ledger_writer import latest_entry
from tests.api.conftest import World
from tests.society.licensing import usable_uscc

TARIFF = "KTV-ROOM"


def _venue(world: World, n: int, **extra: Any) -> dict[str, Any]:
    body = {
        "kind": "karaoke_venue",
        "name": f"歌王 KTV {n}",
        "uscc": usable_uscc(400 + n),
        "city": "广州",
        "province": "GD",
        "rooms": 10 + n,
        "latitude": "23.129110",
        "longitude": "113.264385",
        "contacts": [{"role": "manager", "name": "陈静", "phone": "+86 138 0000 0000"}],
        **extra,
    }
    made = world.client.post("/v1/admin/licensees", json=body, headers=world.as_("licensing"))
    assert made.status_code == 201, made.text
    return dict(made.json())


def _issue(world: World, ref: str) -> str:
    data = {"licensee": ref, "tariff": TARIFF, "valid_from": "2026-01-01", "valid_to": "2030-12-31"}
    issued = world.client.post("/v1/admin/licenses", json=data, headers=world.as_("licensing"))
    assert issued.status_code == 201, issued.text
    return str(issued.json()["number"])


def _entry(world: World, ref: str) -> Any:
    with world.sessions() as session:
        return latest_entry(session, "licensee", ref)


def test_a_licensee_is_added_found_and_paged(world: World) -> None:
    made = _venue(world, 1)
    assert made["ref"].startswith("LE-") and made["version"] == 1 and made["closed_on"] is None
    assert made["contacts"] == [
        {"role": "manager", "name": "陈静", "phone": "+86 138 0000 0000", "email": None}
    ]
    for n in (2, 3):
        _venue(world, n)
    officer = world.as_("licensing")
    found = world.client.get("/v1/admin/licensees", params={"q": "歌王"}, headers=officer).json()
    assert found["total"] == 3 and [i["name"] for i in found["items"]] == [f"歌王 KTV {n}" for n in (1, 2, 3)]
    assert all(i["contacts"] is None for i in found["items"])  # lists never open contacts
    second = world.client.get(
        "/v1/admin/licensees", params={"q": "歌王", "limit": 2, "offset": 2}, headers=officer
    ).json()
    assert (second["total"], [i["name"] for i in second["items"]]) == (3, ["歌王 KTV 3"])
    by_code = world.client.get("/v1/admin/licensees", params={"q": usable_uscc(402)}, headers=officer).json()
    assert [i["name"] for i in by_code["items"]] == ["歌王 KTV 2"]
    by_ref = world.client.get("/v1/admin/licensees", params={"q": made["ref"]}, headers=officer).json()
    assert made["ref"] in [i["ref"] for i in by_ref["items"]]
    by_city = world.client.get(
        "/v1/admin/licensees",
        params={"q": "Guangzhou", "kind": "karaoke_venue", "status": "open"},
        headers=officer,
    ).json()
    assert by_city["total"] >= 3
    # the auditor reads the licensee, without its contact persons
    seen = world.client.get(f"/v1/admin/licensees/{made['ref']}", headers=world.as_("auditor")).json()
    assert seen["name"] == "歌王 KTV 1" and seen["contacts"] is None and seen["licenses"] == []
    opened = world.client.get(f"/v1/admin/licensees/{made['ref']}", headers=officer).json()
    assert opened["contacts"][0]["name"] == "陈静"
    missing = world.client.get("/v1/admin/licensees/LE-999999", headers=officer)
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_an_edit_is_the_next_version_and_nothing_changed_records_nothing(world: World) -> None:
    made = _venue(world, 4)
    officer, path = world.as_("licensing"), f"/v1/admin/licensees/{made['ref']}/edit"
    edited = world.client.post(path, json={"name": "歌王 KTV 四号店", "rooms": 30}, headers=officer)
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["name"], body["rooms"], body["version"], body["city"]) == ("歌王 KTV 四号店", 30, 2, "广州")
    entry = _entry(world, made["ref"])
    assert entry.version == 2 and entry.body["name"] == "歌王 KTV 四号店" and entry.body["rooms"] == 30
    assert "closed_on" not in entry.body  # still trading: the body as before
    same = world.client.post(path, json={"name": "歌王 KTV 四号店"}, headers=officer)
    assert same.status_code == 200 and same.json()["version"] == 2
    assert _entry(world, made["ref"]).version == 2
    taken = world.client.post(path, json={"uscc": usable_uscc(401)}, headers=officer)
    assert taken.status_code == 422 and [e["field"] for e in taken.json()["errors"]] == ["body.uscc"]
    assert "is already licensee" in taken.json()["detail"]
    cleared = world.client.post(path, json={"rooms": None}, headers=officer)
    assert [e["field"] for e in cleared.json()["errors"]] == ["body.rooms"]


def test_close_is_refused_while_licensed_and_done_after_revoking(world: World) -> None:
    made = _venue(world, 5)
    ref, officer = made["ref"], world.as_("licensing")
    number = _issue(world, ref)
    path = f"/v1/admin/licensees/{ref}/close"
    refused = world.client.post(path, json={"reason": "stopped trading"}, headers=officer)
    assert (
        refused.status_code == 422 and number in refused.json()["detail"] and ref in refused.json()["detail"]
    )
    revoked = world.client.post(
        f"/v1/admin/licenses/{number}/revoke", json={"reason": "closing"}, headers=officer
    )
    assert revoked.status_code == 200, revoked.text
    closed = world.client.post(
        path, json={"reason": "stopped trading", "closed_on": "2026-06-30"}, headers=officer
    )
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert (body["closed_on"], body["closed_reason"]) == ("2026-06-30", "stopped trading")
    assert body["licenses"] == [
        {"number": number, "status": "revoked", "valid_from": "2026-01-01", "valid_to": "2030-12-31"}
    ]
    entry = _entry(world, ref)
    assert (entry.body["closed_on"], entry.body["closed_reason"]) == ("2026-06-30", "stopped trading")
    again = world.client.post(path, json={"reason": "twice"}, headers=officer)
    assert again.status_code == 422 and "already closed" in again.json()["detail"]
    data = {"licensee": ref, "tariff": TARIFF, "valid_from": "2026-07-01", "valid_to": "2026-12-31"}
    no_license = world.client.post("/v1/admin/licenses", json=data, headers=officer)
    assert no_license.status_code == 422 and "closed on 2026-06-30" in no_license.json()["detail"]
    assert [e["field"] for e in no_license.json()["errors"]] == ["body.licensee"]
    edit = world.client.post(f"/v1/admin/licensees/{ref}/edit", json={"name": "x"}, headers=officer)
    assert edit.status_code == 422 and "closed" in edit.json()["detail"]
    closed_ones = world.client.get("/v1/admin/licensees", params={"status": "closed"}, headers=officer).json()
    assert ref in [i["ref"] for i in closed_ones["items"]]


def test_a_suspended_license_is_reinstated_a_revoked_one_is_not(world: World) -> None:
    made = _venue(world, 6)
    officer = world.as_("licensing")
    number = _issue(world, made["ref"])
    base = f"/v1/admin/licenses/{number}"
    not_suspended = world.client.post(f"{base}/reinstate", json={"reason": "paid"}, headers=officer)
    assert not_suspended.status_code == 422 and "is active" in not_suspended.json()["detail"]
    suspended = world.client.post(f"{base}/suspend", json={"reason": "unpaid"}, headers=officer)
    assert suspended.status_code == 200 and suspended.json()["status"] == "suspended"
    back = world.client.post(f"{base}/reinstate", json={"reason": "paid in full"}, headers=officer)
    assert back.status_code == 200, back.text
    assert (back.json()["status"], back.json()["reason"]) == ("active", "paid in full")
    world.client.post(f"{base}/revoke", json={"reason": "closed"}, headers=officer)
    refused = world.client.post(f"{base}/reinstate", json={"reason": "oops"}, headers=officer)
    assert refused.status_code == 422 and "revoked" in refused.json()["detail"]
    unknown = world.client.post(
        "/v1/admin/licenses/LIC-1999-000009/reinstate", json={"reason": "x"}, headers=officer
    )
    assert unknown.status_code == 404


def test_problems_name_the_field_at_fault(world: World) -> None:
    officer = world.as_("licensing")
    cases = {
        "body.uscc": {"kind": "karaoke_venue", "name": "No Code KTV", "rooms": 3},
        "body.rooms": {"kind": "karaoke_venue", "name": "No Rooms KTV", "uscc": usable_uscc(450)},
        "body.floor_area_m2": {"kind": "shop", "name": "A Shop"},
        "body.province": {"kind": "shop", "name": "A Shop", "floor_area_m2": 80, "province": "Atlantis"},
        "body.latitude": {
            "kind": "shop",
            "name": "A Shop",
            "floor_area_m2": 80,
            "latitude": "91",
            "longitude": "1",
        },
        "body.name": {"kind": "shop", "name": ""},  # pydantic's own check names it too
    }
    for field, body in cases.items():
        answer = world.client.post("/v1/admin/licensees", json=body, headers=officer)
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in answer.json()["errors"]] == [field], answer.text
    bad_code = {"kind": "karaoke_venue", "name": "Bad Code KTV", "rooms": 3, "uscc": "91440300MA0000001X"}
    answer = world.client.post("/v1/admin/licensees", json=bad_code, headers=officer)
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "body.uscc"
    floats = {"kind": "shop", "name": "A Shop", "floor_area_m2": 80, "latitude": 31.2, "longitude": 121.4}
    answer = world.client.post("/v1/admin/licensees", json=floats, headers=officer)
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "body.latitude"
    no_reason = world.client.post("/v1/admin/licensees/LE-1/close", json={"reason": ""}, headers=officer)
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "body.reason"
