"""The staff's review queues over HTTP, on SQLite and PostgreSQL: a share conflict listed with
both claims and resolved (a total short of 100% refused naming it, a second decision refused), and
duplicate candidates listed with both records, merged (a survivor outside the pair refused) or
kept apart; every decision a ledger entry naming who decided."""

from __future__ import annotations

from registry.db import transaction
from registry.identifiers import generate_iswc
from registry.ledger_writer import latest_entry
from registry.services.parties.parties import PartyRef
from tests.api.conftest import World
from tests.society.repertoire import add_work, shares


def _conflict_and_duplicates(world: World) -> None:
    with transaction(world.sessions) as session:
        writer = PartyRef(name="Zhou", first_name="Jielun", kind="person")
        iswc = generate_iswc(9100)
        add_work(session, "A-1", "稻香", iswc=iswc, shares=shares(writer, "CA", ["PR"], 10_000))
        rival = PartyRef(name="Rival Music", kind="company")
        add_work(
            session, "R-1", "稻香", submitter="RIVAL", iswc=iswc, shares=shares(rival, "E", ["PR"], 5000)
        )
        for n in (1, 2, 3):  # the same song three times without an ISWC: candidate pairs
            add_work(session, f"B-{n}", "晴天", shares=shares(writer, "CA", ["PR"], 10_000))


def test_a_conflict_is_listed_with_both_claims_and_resolved_once(world: World) -> None:
    _conflict_and_duplicates(world)
    admin = world.as_("admin")
    listed = world.client.get("/v1/admin/conflicts", headers=admin).json()
    [case] = [c for c in listed["items"] if c["title"] == "稻香"]
    assert case["status"] == "open" and case["claimed_total"] == 15_000 and case["right_type"] == "performing"
    by_submitter = {c["submitter"]: c for c in case["claims"]}
    assert by_submitter["CMO"]["share"] == 10_000 and by_submitter["RIVAL"]["share"] == 5000
    assert by_submitter["RIVAL"]["name"] == "Rival Music"
    writer = by_submitter["CMO"]

    path = f"/v1/admin/conflicts/{case['id']}/resolve"
    short = {"shares": [{"party": writer["party"], "role": "CA", "share": 9000}], "note": "writer's"}
    refused = world.client.post(path, json=short, headers=admin)
    assert refused.status_code == 422 and "90.00%" in refused.json()["detail"]
    decided = {"shares": [{"party": writer["party"], "role": "CA", "share": 10_000}], "note": "the contract"}
    done = world.client.post(path, json=decided, headers=admin)
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["status"] == "resolved" and body["decided_by"] == "admin" and body["note"] == "the contract"
    assert [(s["party"], s["share"]) for s in body["resolved"]] == [(writer["party"], 10_000)]
    again = world.client.post(path, json=decided, headers=admin)
    assert again.status_code == 409 and "already resolved" in again.json()["detail"]
    with world.sessions() as session:
        entry = latest_entry(session, "conflict", case["id"])
        assert entry is not None and entry.body["resolution"]["decided_by"] == "admin"
    still_open = world.client.get("/v1/admin/conflicts", headers=admin).json()["items"]
    assert case["id"] not in [c["id"] for c in still_open]
    unknown = world.client.post("/v1/admin/conflicts/C-999999/resolve", json=decided, headers=admin)
    assert unknown.status_code == 404


def test_duplicates_are_listed_merged_or_kept_apart(world: World) -> None:
    admin = world.as_("admin")
    listed = world.client.get("/v1/admin/duplicates", headers=admin, params={"limit": 200}).json()
    pairs = [d for d in listed["items"] if d["first"]["title"] == "晴天"]
    assert len(pairs) >= 2 and all(d["status"] == "pending" and d["reason"] for d in pairs)
    first, second = pairs[0], pairs[1]
    path = f"/v1/admin/duplicates/{first['id']}/merge"
    outside = world.client.post(path, json={"survivor": "W-999999"}, headers=admin)
    assert outside.status_code == 422 and "is not one of" in outside.json()["detail"]
    merged = world.client.post(path, json={"survivor": first["first"]["id"]}, headers=admin)
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert body["status"] == "merged" and body["decided_by"] == "admin"
    assert body["second"]["merged_into"] == first["first"]["id"]
    kept = world.client.post(f"/v1/admin/duplicates/{second['id']}/keep-apart", headers=admin)
    # merging the first pair may have made the second pointless (withdrawn): either way decided
    assert kept.status_code in (200, 409)
    if kept.status_code == 200:
        assert kept.json()["status"] == "kept_apart"
    again = world.client.post(path, json={"survivor": first["first"]["id"]}, headers=admin)
    assert again.status_code == 409 and "already decided" in again.json()["detail"]
    with world.sessions() as session:
        entry = latest_entry(session, "duplicate_candidate", first["id"])
        assert entry is not None and entry.body["status"] == "merged"
    decided = world.client.get("/v1/admin/duplicates", headers=admin, params={"status": "merged"}).json()
    assert first["id"] in [d["id"] for d in decided["items"]]
