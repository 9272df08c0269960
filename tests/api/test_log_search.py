"""The public log search (as crt.sh and Rekor): by leaf hash, by log index, by a public entry's
id; private entries as their leaf hash only; bounded inputs; 404 and 422 as problem+json. And the
license lookup by city in Chinese, pinyin or English, with the premises' address."""

from __future__ import annotations

import pytest

from registry.log_store import SqlLogStore
from tests.api.conftest import World


def leaves(world: World) -> list[str]:
    with world.sessions() as session:
        store = SqlLogStore(session)
        return [h.hex() for h in store.leaf_hashes(0, store.size())]


def search(world: World, **params: object) -> dict:
    answer = world.client.get("/v1/log/search", params=params)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_by_log_index_and_by_leaf_hash_answer_the_same_entry(world: World) -> None:
    hashes = leaves(world)
    for index in (0, len(hashes) // 2, len(hashes) - 1):
        by_index = search(world, index=index)
        assert by_index["total"] == 1 and by_index["items"][0]["index"] == index
        assert by_index["items"][0]["leaf_hash"] == hashes[index]
        by_hash = search(world, leaf_hash=hashes[index].upper())  # hex in either case
        assert by_hash["items"] == by_index["items"]


def test_a_private_entry_is_found_by_its_fingerprint_only(world: World) -> None:
    feed = world.client.get("/v1/log/entries", params={"start": 0, "end": 500}).json()["items"]
    private = next(e for e in feed if e["private"])
    found = search(world, leaf_hash=private["leaf_hash"])["items"]
    assert found == [
        {"index": private["index"], "leaf_hash": private["leaf_hash"], "private": True, "entry": None}
    ]
    # Its id is not public: searching by it finds nothing, whatever it is.
    assert world.client.get("/v1/log/search", params={"entry": world.alice}).status_code == 404


def test_by_entry_id_every_logged_version_in_log_order(world: World) -> None:
    page = search(world, entry=world.bob_work)
    entries = [item["entry"] for item in page["items"]]
    assert page["total"] == len(entries) >= 1
    assert {e["id"] for e in entries} == {world.bob_work} and {e["kind"] for e in entries} == {"work"}
    assert [e["version"] for e in entries] == sorted(e["version"] for e in entries)
    assert search(world, entry=world.bob_work.lower())["items"] == page["items"]  # w-2 finds W-2
    # Alice's second version is recorded but not in the log yet: only the first is found.
    assert [i["entry"]["version"] for i in search(world, entry=world.alice_work)["items"]] == [1]
    paged = search(world, entry=world.bob_work, limit=1, offset=0)
    assert paged["limit"] == 1 and len(paged["items"]) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"index": 10**12},
        {"leaf_hash": "ab" * 32},
        {"entry": "W-999999"},
    ],
)
def test_nothing_there_is_a_404_problem(world: World, params: dict[str, object]) -> None:
    answer = world.client.get("/v1/log/search", params=params)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert "no entry in the log" in answer.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"index": 1, "entry": "W-1"},
        {"leaf_hash": "xyz"},
        {"leaf_hash": "ab" * 33},
        {"index": -1},
        {"index": 2**63},
        {"entry": "W" * 201},
        {"entry": "W-1\x00"},
        {"entry": "W-1", "limit": 501},
    ],
)
def test_bad_input_is_a_422_problem(world: World, params: dict[str, object]) -> None:
    answer = world.client.get("/v1/log/search", params=params)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("city", ["北京", "北京市", "Beijing", "beijing", "Bei Jing", "BEIJING", "Peking"])
def test_licenses_by_city_in_chinese_pinyin_or_english(world: World, city: str) -> None:
    page = world.client.get("/v1/licenses", params={"city": city}).json()
    assert [item["number"] for item in page["items"]] == [world.business.other_license]
    assert page["items"][0]["city"] == "北京"


def test_a_city_unknown_to_the_table_is_searched_as_typed(world: World) -> None:
    assert world.client.get("/v1/licenses", params={"city": "Atlantis"}).json()["total"] == 0
    assert world.client.get("/v1/licenses", params={"city": "上海"}).json()["total"] >= 2


def test_a_license_states_its_address(world: World) -> None:
    number = world.business.other_license
    one = world.client.get(f"/v1/licenses/{number}").json()
    listed = world.client.get("/v1/licenses", params={"number": number}).json()["items"][0]
    assert "address" in one and one["address"] == listed["address"]
