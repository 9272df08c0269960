"""Payment reminders over HTTP, on SQLite and PostgreSQL: finance records a reminder sent for an
overdue invoice (each stage once: 409 again; refused naming the field before it is due), runs the
day's reminders (nothing twice), and the receivables show what was sent and what is still due.
This module's world gains the reminders it sends."""

from __future__ import annotations

from tests.api.conftest import World


def test_finance_sends_reminders_and_sees_them(world: World) -> None:
    b = world.business
    finance = world.as_("finance")
    path = f"/v1/admin/receivables/{b.venue_invoice}/reminders"
    early = world.client.post(path, json={"sent_on": "2026-04-20"}, headers=finance)
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "body.stage"
    sent = world.client.post(
        path, json={"sent_on": "2026-05-20", "channel": "email", "note": "2nd floor"}, headers=finance
    )
    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert (body["invoice"], body["stage"], body["channel"], body["sent_by"]) == (
        b.venue_invoice,
        "first_reminder",
        "email",
        "finance",
    )
    assert body["reminder"].startswith("RM-") and body["balance_fen"] > 0
    twice = world.client.post(path, json={"sent_on": "2026-05-21"}, headers=finance)
    assert twice.status_code == 409 and twice.headers["content-type"] == "application/problem+json"
    unknown = world.client.post("/v1/admin/receivables/INV-209901-000001/reminders", json={}, headers=finance)
    assert unknown.status_code == 404

    page = world.client.get(
        "/v1/admin/receivables", params={"as_of": "2026-05-20", "status": "overdue"}, headers=finance
    ).json()
    venue = next(i for i in page["items"] if i["number"] == b.venue_invoice)
    assert venue["reminder"] is None and venue["last_reminder"] == {
        "stage": "first_reminder",
        "sent_on": "2026-05-20",
    }
    others = [i for i in page["items"] if i["number"] != b.venue_invoice]
    assert others and all(i["reminder"] == "first_reminder" for i in others)

    run = world.client.post("/v1/admin/reminders/run", json={"as_of": "2026-05-20"}, headers=finance).json()
    assert run["sent"] == len(others) and run["by_stage"]["first_reminder"] == len(others)
    assert run["balance_fen"] == sum(i["balance_fen"] for i in others)
    again = world.client.post("/v1/admin/reminders/run", json={"as_of": "2026-05-20"}, headers=finance).json()
    assert again["sent"] == 0
    later = world.client.post("/v1/admin/reminders/run", json={"as_of": "2026-06-20"}, headers=finance).json()
    assert later["by_stage"]["second_reminder"] == len(others) + 1
