"""A member's own works and recordings with their shares, and unidentified usage searched, over
HTTP: each member sees only their own; bad input is a 422 that says why."""

from __future__ import annotations

from tests.api.conftest import World


def test_a_member_lists_their_works_and_recordings_with_their_shares_only(world: World) -> None:
    alice, bob = world.as_("alice"), world.as_("bob")
    works = world.client.get("/v1/me/works", headers=alice).json()
    assert [w["id"] for w in works["items"]] == [world.alice_work] and works["total"] == 1
    assert works["items"][0]["shares"] == [
        {"role": "composer_lyricist", "right_type": "performing", "share": 10_000, "controlled": False}
    ]
    assert [w["id"] for w in world.client.get("/v1/me/works", headers=bob).json()["items"]] == [
        world.bob_work
    ]
    # by any title (the alternate one too); another member's title finds nothing of Alice's
    assert world.client.get("/v1/me/works", params={"q": "moon song 1"}, headers=alice).json()["total"] == 1
    assert world.client.get("/v1/me/works", params={"q": "Moon Song 2"}, headers=alice).json()["total"] == 0
    paged = world.client.get("/v1/me/works", params={"limit": 1, "offset": 1}, headers=alice).json()
    assert (paged["total"], paged["items"], paged["offset"]) == (1, [], 1)
    # Alice writes; her recordings' neighbouring rights are not hers (the registry tests list some)
    recordings = world.client.get("/v1/me/recordings", headers=alice).json()
    assert (recordings["items"], recordings["total"]) == ([], 0)
    for bad in ({"q": "x" * 201}, {"limit": 0}, {"offset": -1}):
        assert world.client.get("/v1/me/works", params=bad, headers=alice).status_code == 422


def test_unidentified_usage_is_searched_by_title_artist_or_isrc(world: World) -> None:
    me = world.as_("alice")

    def found(q: str) -> list[int]:
        answer = world.client.get("/v1/unidentified", params={"q": q}, headers=me)
        assert answer.status_code == 200, answer.text
        return [g["id"] for g in answer.json()["items"]]

    group = world.business.unidentified
    assert found("无名") == found("nobody") == found("CN-Z99-26-99999") == found("z99") == [group]
    assert found("no such song") == []
    assert found("%") == []  # LIKE wildcards are text here
    assert world.client.get("/v1/unidentified", params={"q": "\x00"}, headers=me).status_code == 422
