"""Public endpoints: the log feed, checkpoints, works and recordings with their history."""

from __future__ import annotations

from sqlalchemy import select

from ledger.kinds import KINDS
from ledger.merkle import verify_consistency
from ledger.store import tree_root
from registry.log_store import SqlLogStore
from registry.models import Work, entry_table
from tests.api.conftest import ORIGIN, World


def test_health_and_readiness(world: World) -> None:
    assert world.client.get("/v1/health").json() == {"status": "ok"}
    assert world.client.get("/v1/ready").json() == {"status": "ready", "database": "ok", "chain": "ok"}


def test_the_log_names_its_key_size_chain_and_contract(world: World) -> None:
    info = world.client.get("/v1/log").json()
    with world.sessions() as session:
        size = SqlLogStore(session).size()
    assert info == {
        "origin": ORIGIN,
        "verifier_key": world.vkey,
        "tree_size": size,
        "chain_id": world.conn.chain_id,
        "contract_address": world.contract,
    }


def test_checkpoints_are_listed_with_their_anchor(world: World) -> None:
    page = world.client.get("/v1/checkpoints").json()
    assert page["total"] >= 1 and page["limit"] == 50 and page["offset"] == 0
    first = page["items"][0]
    assert first["index"] == 0 and first["tx_hash"].startswith("0x") and first["block_number"] >= 1
    assert first["note"].startswith(ORIGIN + "\n") and len(first["root"]) == len(first["note_hash"]) == 64


def test_leaves_by_range_are_the_logs_own(world: World) -> None:
    with world.sessions() as session:
        store = SqlLogStore(session)
        expected = [h.hex() for h in store.leaf_hashes(2, 7)]
    page = world.client.get("/v1/log/leaves", params={"start": 2, "end": 7}).json()
    assert [leaf["leaf_hash"] for leaf in page["items"]] == expected
    assert [leaf["index"] for leaf in page["items"]] == [2, 3, 4, 5, 6]
    beyond = world.client.get("/v1/log/leaves", params={"start": 10_000}).json()
    assert beyond["items"] == [] and beyond["total"] == page["total"]


def test_entries_by_range_hide_private_content(world: World) -> None:
    items = world.client.get("/v1/log/entries", params={"start": 0, "end": 500}).json()["items"]
    private = [e for e in items if e["private"]]
    public = [e for e in items if not e["private"]]
    # Alice's and Bob's memberships, their statements, the two licensees' signed contracts, the
    # invoices, payments and API accounts in the range, the two licensees' own entries (on
    # onboarding and with their e-contract keys), and the CWR file received: private
    with world.sessions() as session:
        kinds = session.execute(
            select(entry_table.c.kind).where(entry_table.c.seq <= len(items)).order_by(entry_table.c.seq)
        ).scalars()
        expected_private = [kind for kind in kinds if KINDS[kind].private]
    assert len(private) == len(expected_private) >= 13 and all(e["entry"] is None for e in private)
    assert {"member", "contract", "licensee", "cwr_file"} <= set(expected_private), expected_private
    public_kinds = ("work", "recording", "evidence", "license", "distribution_summary", "usage_report")
    public_kinds += ("tariff",)
    assert public and all(e["entry"]["kind"] in (*public_kinds, "transparency_report") for e in public)
    assert "Alice" not in str(private)


def test_consistency_between_two_sizes_checks_against_the_roots(world: World) -> None:
    with world.sessions() as session:
        store = SqlLogStore(session)
        size = store.size()
        old_root, new_root = tree_root(store, 3), tree_root(store, size)
    answer = world.client.get("/v1/log/consistency", params={"first": 3, "second": size}).json()
    assert (answer["first"], answer["second"]) == (3, size)
    verify_consistency(3, size, old_root, new_root, [bytes.fromhex(h) for h in answer["proof"]])
    for params, field in (
        ({"first": 5, "second": 2}, "query.second: must not be below first"),
        ({"first": 1, "second": size + 1}, f"query.second: the log holds {size} leaves"),
    ):
        problem = world.client.get("/v1/log/consistency", params=params)
        assert problem.status_code == 422 and problem.json()["detail"] == field
    assert world.client.get("/v1/log/consistency", params={"first": 0, "second": 2}).status_code == 422


def test_a_range_too_large_or_reversed_names_the_field(world: World) -> None:
    for params in ({"start": 0, "end": 501}, {"start": 5, "end": 2}):
        problem = world.client.get("/v1/log/leaves", params=params)
        assert problem.status_code == 422 and problem.headers["content-type"] == "application/problem+json"
        assert problem.json()["detail"].startswith("query.end")
    negative = world.client.get("/v1/log/entries", params={"start": -1}).json()
    assert negative["status"] == 422 and negative["errors"][0]["field"] == "query.start"


def test_works_search_by_title_iswc_isrc_and_member(world: World) -> None:
    def ids(**params: str) -> list[str]:
        return [w["id"] for w in world.client.get("/v1/works", params=params).json()["items"]]

    assert ids(q="moon song") == [world.alice_work, world.bob_work]  # an alternate title, any case
    assert ids(q="月亮", limit="1") == [world.alice_work]
    assert ids(title="MOON SONG 2") == [world.bob_work]
    detail = world.client.get(f"/v1/works/{world.bob_work}").json()
    assert ids(iswc=detail["iswc"]) == [world.bob_work]
    assert ids(iswc=detail["iswc"].replace("-", "").replace(".", "")) == [world.bob_work]
    recording = world.client.get(f"/v1/recordings?iswc={detail['iswc']}").json()["items"][0]
    assert ids(isrc=recording["isrc"]) == [world.bob_work]
    assert ids(member=world.alice) == [world.alice_work]
    assert ids(member="nobody") == []
    page = world.client.get("/v1/works", params={"limit": 2, "offset": 1}).json()
    with world.sessions() as session:
        assert page["total"] == session.query(Work).filter(Work.merged_into_id.is_(None)).count()
    assert len(page["items"]) == 2 and page["offset"] == 1


def test_a_bad_identifier_is_a_problem_naming_it(world: World) -> None:
    problem = world.client.get("/v1/works", params={"iswc": "T-000.007.001-9"})
    assert problem.status_code == 422 and "ISWC" in problem.json()["detail"]


def test_work_detail_and_history_with_anchoring_status(world: World) -> None:
    detail = world.client.get(f"/v1/works/{world.alice_work}").json()
    assert detail["recordings"] == [world.alice_recording] and detail["version"] >= 2
    history = world.client.get(f"/v1/works/{world.alice_work}/history").json()
    first, second = history["items"][:2]
    assert (first["version"], first["anchored"], first["checkpoint_index"]) == (1, True, 0)
    assert first["leaf_index"] is not None and len(first["leaf_hash"]) == 64
    assert second["version"] == 2 and second["body"]["note"] == "pending version"
    if not second["anchored"]:  # until a test anchors it, the second version waits in no checkpoint
        assert second["checkpoint_index"] is None
    assert world.client.get("/v1/works/W-99999").status_code == 404
    assert world.client.get("/v1/works/not-an-id/history").status_code == 404


def test_recordings_search_detail_and_history(world: World) -> None:
    found = world.client.get("/v1/recordings", params={"artist": "alice"}).json()
    assert [r["id"] for r in found["items"]] == [world.alice_recording]
    assert [r["id"] for r in world.client.get("/v1/recordings", params={"q": "bob band"}).json()["items"]]
    detail = world.client.get(f"/v1/recordings/{world.alice_recording}").json()
    assert detail["works"] == [world.alice_work] and detail["isrc"].startswith("CN-")
    by_isrc = world.client.get("/v1/recordings", params={"isrc": detail["isrc"]}).json()["items"]
    assert [r["id"] for r in by_isrc] == [world.alice_recording]
    history = world.client.get(f"/v1/recordings/{world.alice_recording}/history").json()
    assert history["items"][0]["anchored"] is True and history["items"][0]["body"]["title"] == detail["title"]
    assert world.client.get("/v1/recordings/R-0").status_code == 404
