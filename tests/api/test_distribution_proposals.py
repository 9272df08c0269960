"""Four eyes on distributions over HTTP, on SQLite and PostgreSQL: finance prepares (a dry run:
nothing distributed yet), nobody decides their own proposal, an approver's approval runs it with
the prepared lines (the public summary appears), a decided proposal is not decided again, a
refusal needs a reason, and an approval whose run would differ from the prepared one records
nothing."""

from __future__ import annotations

from tests.api.conftest import World

PLAY_LOG = "licensee,isrc,title,artist,duration,played_at,plays\n"


def _usage(world: World, period: str, plays: int) -> None:
    line = f"LE-1,CNA122600001,月亮 Song 1,Alice Band,201,{period}-02 20:00,{plays}\n"
    answer = world.client.post(
        "/v1/admin/imports/usage",
        params={"period": period, "source": "online"},
        files={"file": (f"plays-{period}-{plays}.csv", (PLAY_LOG + line).encode())},
        headers=world.as_("finance"),
    )
    assert answer.status_code == 200, answer.text


def _prepare(world: World, who: str, period: str) -> dict:
    body = {"period": period, "source": "online", "pool_fen": 100_000}
    answer = world.client.post("/v1/admin/distributions/proposals", json=body, headers=world.as_(who))
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_prepared_by_one_approved_by_another_then_run(world: World) -> None:
    _usage(world, "2026-06", 3)
    proposal = _prepare(world, "finance", "2026-06")
    assert proposal["id"] == "DP-2026-06-online-1" and proposal["status"] == "prepared"
    assert proposal["prepared_by"] == "finance" and proposal["pool"] == 100_000
    assert proposal["summary"]["pool"] == 100_000 and proposal["summary"]["lines_root"]
    # a dry run: nothing distributed yet
    assert world.client.get("/v1/distributions", params={"period": "2026-06"}).json()["total"] == 0
    waiting = world.client.get("/v1/admin/distributions/proposals", headers=world.as_("approver")).json()
    assert proposal["id"] in [p["id"] for p in waiting["items"]]

    path = f"/v1/admin/distributions/proposals/{proposal['id']}"
    assert world.client.post(f"{path}/approve", headers=world.as_("finance")).status_code == 403  # role
    approved = world.client.post(f"{path}/approve", headers=world.as_("approver"))
    assert approved.status_code == 200, approved.text
    body = approved.json()
    assert body["status"] == "approved" and body["decided_by"] == "approver" and body["version"] == 2
    assert body["run"] == {"summary": "DIST-2026-06-online", "number": 0}
    published = world.client.get("/v1/distributions", params={"period": "2026-06"}).json()
    assert published["total"] == 1
    again = world.client.post(f"{path}/approve", headers=world.as_("admin"))
    assert again.status_code == 409 and "already approved" in again.json()["detail"]


def test_nobody_decides_their_own_and_a_refusal_says_why(world: World) -> None:
    _usage(world, "2026-07", 2)
    proposal = _prepare(world, "admin", "2026-07")
    path = f"/v1/admin/distributions/proposals/{proposal['id']}"
    own = world.client.post(f"{path}/approve", headers=world.as_("admin"))
    assert own.status_code == 403 and "someone else decides it" in own.json()["detail"]
    blank = world.client.post(f"{path}/refuse", json={"reason": ""}, headers=world.as_("approver"))
    assert blank.status_code == 422
    refused = world.client.post(
        f"{path}/refuse", json={"reason": "pool not final"}, headers=world.as_("approver")
    )
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    assert refused.json()["reason"] == "pool not final"
    assert world.client.get("/v1/distributions", params={"period": "2026-07"}).json()["total"] == 0
    unknown = world.client.post(
        "/v1/admin/distributions/proposals/DP-2026-07-online-9/approve", headers=world.as_("approver")
    )
    assert unknown.status_code == 404


def test_an_approval_whose_run_would_differ_records_nothing(world: World) -> None:
    _usage(world, "2026-08", 4)
    proposal = _prepare(world, "finance", "2026-08")
    _usage(world, "2026-08", 9)  # more usage of the period arrives after it was prepared
    path = f"/v1/admin/distributions/proposals/{proposal['id']}/approve"
    changed = world.client.post(path, headers=world.as_("approver"))
    assert changed.status_code == 422 and "prepare it again" in changed.json()["detail"]
    assert world.client.get("/v1/distributions", params={"period": "2026-08"}).json()["total"] == 0
    still = world.client.get("/v1/admin/distributions/proposals", headers=world.as_("finance")).json()
    assert proposal["id"] in [p["id"] for p in still["items"]]  # still awaiting a decision
    second = _prepare(world, "finance", "2026-08")
    assert second["id"] == "DP-2026-08-online-2"
    twice = world.client.post(
        "/v1/admin/distributions/proposals",
        json={"period": "2026-08", "source": "online", "pool_fen": 100_000},
        headers=world.as_("finance"),
    )
    assert twice.status_code == 409 and "awaits a decision" in twice.json()["detail"]  # the same run
    assert second["summary"]["lines_root"] != proposal["summary"]["lines_root"]
    ok = world.client.post(
        f"/v1/admin/distributions/proposals/{second['id']}/approve", headers=world.as_("approver")
    )
    assert ok.status_code == 200, ok.text
