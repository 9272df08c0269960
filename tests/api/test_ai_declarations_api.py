"""AI declarations over HTTP, on SQLite and PostgreSQL: a clerk declares how AI was involved in a
work and a recording; the public reads it on the work and in the entry its proof backs; a
declaration that does not hold together is refused naming the field. This module's world gains
the declarations it makes."""

from __future__ import annotations

from tests.api.conftest import World


def test_a_declaration_is_public_once_made(world: World) -> None:
    clerk = world.as_("clerk")
    assert world.client.get(f"/v1/works/{world.bob_work}").json()["ai"] is None
    made = world.client.post(
        f"/v1/admin/works/{world.bob_work}/ai-declaration",
        json={"involvement": "assisted", "tool": "Suno", "human_share": 7000},
        headers=clerk,
    )
    assert made.status_code == 200, made.text
    answer = made.json()
    assert answer["recorded"] and answer["ai"] == {
        "involvement": "assisted",
        "tool": "Suno",
        "human_share": 7000,
    }
    public = world.client.get(f"/v1/works/{world.bob_work}").json()
    assert public["ai"] == answer["ai"] and public["stated"]["ai"] == answer["ai"]
    assert public["version"] == answer["version"]
    again = world.client.post(
        f"/v1/admin/works/{world.bob_work}/ai-declaration",
        json={"involvement": "assisted", "tool": "Suno", "human_share": 7000},
        headers=clerk,
    ).json()
    assert again["recorded"] is False and again["version"] is None
    recording = world.client.post(
        f"/v1/admin/recordings/{world.alice_recording}/ai-declaration",
        json={"involvement": "generated", "tool": "Udio"},
        headers=clerk,
    ).json()
    assert recording["ai"] == {"involvement": "generated", "tool": "Udio", "human_share": 0}
    assert (
        world.client.get(f"/v1/recordings/{world.alice_recording}").json()["ai"]["involvement"] == "generated"
    )


def test_a_declaration_that_does_not_hold_together_is_refused_naming_the_field(world: World) -> None:
    clerk = world.as_("clerk")
    path = f"/v1/admin/works/{world.alice_work}/ai-declaration"
    tool = world.client.post(path, json={"involvement": "none", "tool": "Suno"}, headers=clerk)
    assert tool.status_code == 422 and tool.json()["errors"][0]["field"] == "body.tool"
    share = world.client.post(path, json={"involvement": "assisted"}, headers=clerk)
    assert share.status_code == 422 and share.json()["errors"][0]["field"] == "body.human_share"
    kind = world.client.post(path, json={"involvement": "maybe"}, headers=clerk)
    assert kind.status_code == 422 and "involvement" in kind.text
    unknown = world.client.post(
        "/v1/admin/works/W-999999/ai-declaration", json={"involvement": "none"}, headers=clerk
    )
    assert unknown.status_code == 404
    crossed = world.client.post(
        f"/v1/admin/recordings/{world.alice_work}/ai-declaration", json={"involvement": "none"}, headers=clerk
    )
    assert crossed.status_code == 422  # a work's id where a recording's is expected
