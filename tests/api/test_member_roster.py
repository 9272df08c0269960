"""The members' roster over HTTP: list and search, read (sealed details for admin and clerk
only), register, edit, suspend, end and change mandates, each change the member's next `member`
entry and nothing recorded when nothing changed; on SQLite and PostgreSQL. This module's world
gains the members it registers, and asserts only what it adds."""

from __future__ import annotations

import json

from sqlalchemy import select

from registry.identifiers import generate_ipi_name
from registry.models.ledger import LedgerEntry
from tests.api.conftest import World

ROSTER = "/v1/admin/members"


def _versions(world: World, member: str) -> list[dict[str, object]]:
    with world.sessions() as session:
        rows = session.scalars(
            select(LedgerEntry)
            .where(LedgerEntry.kind == "member", LedgerEntry.entry_id == member)
            .order_by(LedgerEntry.version)
        ).all()
        return [json.loads(r.canonical)["body"] for r in rows]


def test_the_roster_is_searched_by_name_ipi_or_number(world: World) -> None:
    clerk = world.as_("clerk")

    def found(q: str) -> list[str]:
        page = world.client.get(ROSTER, params={"q": q}, headers=clerk).json()
        return [m["member"] for m in page["items"]]

    assert found("wang") == [world.alice] and found("Alice Wang") == [world.alice]
    assert found(generate_ipi_name(5002)) == [world.bob] and found(world.bob.lower()) == [world.bob]
    assert found("%") == [] and found("nobody at all") == []
    everyone = world.client.get(ROSTER, params={"limit": 1}, headers=clerk).json()
    assert everyone["total"] >= 2 and len(everyone["items"]) == 1


def test_sealed_details_open_for_the_clerk_not_the_auditor(world: World) -> None:
    seen = world.client.get(f"{ROSTER}/{world.alice}", headers=world.as_("clerk")).json()
    assert seen["contact"] == {"email": "alice@example.cn"} and seen["bank"] == {"iban": "CN00 ALICE"}
    audited = world.client.get(f"{ROSTER}/{world.alice}", headers=world.as_("auditor")).json()
    assert audited["contact"] is None and audited["bank"] is None and audited["bank_revision"] == 1
    listed = world.client.get(ROSTER, params={"q": "wang"}, headers=world.as_("clerk")).json()["items"][0]
    assert listed["bank"] is None  # a list never opens them
    assert world.client.get(f"{ROSTER}/M-999999", headers=world.as_("clerk")).status_code == 404


def test_register_edit_suspend_and_end_a_membership(world: World) -> None:
    clerk = world.as_("clerk")
    made = world.client.post(
        ROSTER,
        json={
            "name": "Zhou",
            "first_name": "Jie",
            "roles": ["composer", "performer"],
            "ipi_name": generate_ipi_name(5301),
            "joined_on": "2026-11-02",
            "mandates": [{"right_type": "performing", "territory": "2136"}],
            "bank": {"holder": "Zhou Jie", "account": "6222 0000 1234 5678", "bank": "ICBC"},
        },
        headers=clerk,
    )
    assert made.status_code == 201, made.text
    member = made.json()["member"]
    assert made.json()["bank"] == {"holder": "Zhou Jie", "account": "6222 0000 1234 5678", "bank": "ICBC"}
    [first] = _versions(world, member)
    assert first["status"] == "member" and first["bank_revision"] == 1 and "6222" not in json.dumps(first)

    same = world.client.post(f"{ROSTER}/{member}", json={"first_name": "Jie"}, headers=clerk)
    assert same.status_code == 200 and len(_versions(world, member)) == 1  # nothing changed
    mandates = [
        {"right_type": "performing", "territory": "2136"},
        {"right_type": "mechanical", "territory": "CN", "starts_on": "2027-01-01"},
    ]
    edited = world.client.post(f"{ROSTER}/{member}", json={"mandates": mandates}, headers=clerk).json()
    assert [(m["right_type"], m["territory"]) for m in edited["mandates"]] == [
        ("mechanical", "CN"),
        ("performing", "2136"),
    ]
    suspended = world.client.post(f"{ROSTER}/{member}", json={"status": "suspended"}, headers=clerk).json()
    assert suspended["status"] == "suspended"
    no_day = world.client.post(f"{ROSTER}/{member}", json={"status": "terminated"}, headers=clerk)
    assert no_day.status_code == 422 and no_day.json()["detail"].startswith("left_on:")
    ended = world.client.post(
        f"{ROSTER}/{member}", json={"status": "terminated", "left_on": "2026-12-31"}, headers=clerk
    ).json()
    assert (ended["status"], ended["left_on"]) == ("terminated", "2026-12-31")
    statuses = [v["status"] for v in _versions(world, member)]
    assert statuses == ["member", "member", "suspended", "terminated"]
    listed = world.client.get(ROSTER, params={"status": "terminated"}, headers=clerk).json()
    assert member in [m["member"] for m in listed["items"]]


def test_bad_input_is_refused_naming_the_field(world: World) -> None:
    clerk = world.as_("clerk")
    taken = world.client.post(
        ROSTER, json={"name": "Wang", "ipi_name": generate_ipi_name(5001)}, headers=clerk
    )
    assert taken.status_code == 422 and "is already member" in taken.json()["detail"]
    bad_ipi = world.client.post(ROSTER, json={"name": "X", "ipi_name": "12"}, headers=clerk)
    assert bad_ipi.status_code == 422 and "IPI" in bad_ipi.json()["detail"]
    bad_right = world.client.post(
        ROSTER, json={"name": "X", "mandates": [{"right_type": "karaoke", "territory": "CN"}]}, headers=clerk
    )
    assert bad_right.status_code == 422 and "right_type" in bad_right.text
    backwards = world.client.post(
        f"{ROSTER}/{world.bob}",
        json={
            "mandates": [
                {
                    "right_type": "performing",
                    "territory": "CN",
                    "starts_on": "2027-01-01",
                    "ends_on": "2026-01-01",
                }
            ]
        },
        headers=clerk,
    )
    assert backwards.status_code == 422 and "ends before it starts" in backwards.json()["detail"]
    external = world.client.post(f"{ROSTER}/{world.bob}", json={"status": "external"}, headers=clerk)
    assert external.status_code == 422
