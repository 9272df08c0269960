"""The society's works as a CWR file over HTTP (GET /v1/admin/exports/cwr), on SQLite and
PostgreSQL: every current work, or one member's, read back by the project's own parser."""

from __future__ import annotations

from registry.cwr import parse_cwr
from tests.api.conftest import World

EXPORT = "/v1/admin/exports/cwr"


def test_a_clerk_downloads_the_catalogue_or_one_members_works(world: World) -> None:
    clerk = world.as_("clerk")
    everything = world.client.get(EXPORT, headers=clerk)
    assert everything.status_code == 200, everything.text
    named = everything.headers["content-disposition"]
    assert "attachment" in named and ".V22" in named
    works = parse_cwr(everything.content, name="all.V22").transactions
    ids = {t.work.submitter_work_id for t in works}
    assert {world.alice_work, world.bob_work} <= ids
    alices = world.client.get(EXPORT, params={"member": world.alice, "version": "2.1"}, headers=clerk)
    parsed = parse_cwr(alices.content, name="alice.V21")
    sent = {t.work.submitter_work_id for t in parsed.transactions}
    assert parsed.version == "2.1" and world.alice_work in sent and world.bob_work not in sent
    assert len(parsed.transactions) < len(works)


def test_an_unknown_member_or_version_is_refused(world: World) -> None:
    clerk = world.as_("clerk")
    assert world.client.get(EXPORT, params={"member": "M-999999"}, headers=clerk).status_code == 404
    wrong = world.client.get(EXPORT, params={"version": "3.0"}, headers=clerk)
    assert wrong.status_code == 422 and "version" in wrong.text
