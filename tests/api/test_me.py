"""/v1/me: a member sees their own profile with contact details opened for them alone."""

from __future__ import annotations

from tests.api.conftest import World


def test_a_member_sees_their_profile_and_contact(world: World) -> None:
    me = world.client.get("/v1/me", headers=world.as_("alice")).json()
    assert me["role"] == "member" and me["subject"] == "alice"
    assert me["member"]["id"] == world.alice and me["member"]["contact"] == {"email": "alice@example.cn"}
    assert me["member"]["bank_details_on_file"] is True and "iban" not in str(me)
    bob = world.client.get("/v1/me", headers=world.as_("bob")).json()
    assert bob["member"]["contact"] == {"email": "bob@example.cn"} and "alice" not in str(bob)


def test_a_member_lists_their_works_and_recordings(world: World) -> None:
    works = world.client.get("/v1/me/works", headers=world.as_("alice")).json()
    assert [w["id"] for w in works["items"]] == [world.alice_work] and works["total"] == 1
    bob = world.client.get("/v1/me/works", headers=world.as_("bob")).json()
    assert [w["id"] for w in bob["items"]] == [world.bob_work]


def test_other_roles_have_no_member_profile(world: World) -> None:
    assert world.client.get("/v1/me", headers=world.as_("venue")).json() == {
        "subject": "venue",
        "role": "licensee",
        "member": None,
        "licensee_id": 1,
    }
    assert world.client.get("/v1/me").status_code == 401
