"""The review queue of works sent from outside, over HTTP on SQLite and PostgreSQL: the public
blank template; a clerk queues a publisher's template (refused rows reported by line and field),
pages and searches the queue, reads a submission with its suggestions, accepts one as sent,
corrects and accepts another, rejects a third with a reason, and accepts the rest at once;
decisions twice are 409, unknown ones 404, a bad correction 422 naming the field. This module's
world gains what it registers."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from registry.identifiers import generate_iswc
from registry.works_template import parse_works_template
from tests.api.conftest import World
from tests.registry.submissions.templates import row, template

UPLOAD = "/v1/admin/submissions/template"


def _send(world: World, data: bytes, name: str = "sony-2026-12.csv", submitter: str = "SONY-CN") -> dict:  # type: ignore[type-arg]
    answer = world.client.post(
        UPLOAD, files={"file": (name, data)}, data={"submitter": submitter}, headers=world.as_("clerk")
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_blank_templates_download_in_both_languages(world: World) -> None:
    for language in ("en", "zh"):
        xlsx = world.client.get("/v1/works-template", params={"format": "xlsx", "language": language})
        assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
        header = [c.value for c in next(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(max_row=1))]
        assert ("title" in header) is (language == "en") and ("作品名称" in header) is (language == "zh")
        csv = world.client.get("/v1/works-template", params={"format": "csv", "language": language})
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
        assert all(r.work is not None for r in parse_works_template(csv.content, name="t.csv").rows)


def test_a_clerk_works_the_queue(world: World) -> None:
    clerk = world.as_("clerk")
    rows = [row(n, title=f"Queue Song {n}", iswc=generate_iswc(61_000 + n)) for n in range(1, 8)]
    rows.append(row(8, title="Short Song", writer_1_pr_share=40))
    report = _send(world, template(rows))
    assert (report["received"], report["refused"]) == (7, 1)
    assert report["problems"][0]["line"] == 9 and "pr_share" in report["problems"][0]["field"]
    again = _send(world, template(rows))
    assert (again["received"], again["already"]) == (0, 7)

    page = world.client.get(
        "/v1/admin/submissions", params={"q": "queue song", "limit": 5}, headers=clerk
    ).json()
    assert page["total"] == 7 and len(page["items"]) == 5
    first, second, third = page["items"][:3]
    assert first["status"] == "pending" and first["proposed"]["writers"][0]["pr_share"] == 10000
    assert {"kind": "iswc_missing"} not in [{"kind": s["kind"]} for s in first["suggestions"]]  # it has one
    one = world.client.get(f"/v1/admin/submissions/{first['id']}", headers=clerk).json()
    assert one["id"] == first["id"] and one["file_name"] == "sony-2026-12.csv" and one["line"] == 2

    accepted = world.client.post(f"/v1/admin/submissions/{first['id']}/accept", json={}, headers=clerk)
    assert accepted.status_code == 200, accepted.text
    work = accepted.json()["work"]
    assert accepted.json()["status"] == "accepted" and accepted.json()["decided_by"] == "clerk"
    assert world.client.get(f"/v1/works/{work}").json()["title"] == "Queue Song 1"
    twice = world.client.post(f"/v1/admin/submissions/{first['id']}/accept", json={}, headers=clerk)
    assert twice.status_code == 409 and twice.headers["content-type"] == "application/problem+json"

    bad = {**second["proposed"], "writers": [{**second["proposed"]["writers"][0], "mr_share": 9000}]}
    refused = world.client.post(
        f"/v1/admin/submissions/{second['id']}/accept", json={"corrected": bad}, headers=clerk
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.mr_share"
    fixed = {**second["proposed"], "title": "Queue Song Two"}
    corrected = world.client.post(
        f"/v1/admin/submissions/{second['id']}/accept",
        json={"corrected": fixed, "note": "title"},
        headers=clerk,
    ).json()
    assert (
        corrected["accepted"]["title"] == "Queue Song Two"
        and corrected["proposed"]["title"] == "Queue Song 2"
    )
    assert world.client.get(f"/v1/works/{corrected['work']}").json()["title"] == "Queue Song Two"

    no_reason = world.client.post(
        f"/v1/admin/submissions/{third['id']}/reject", json={"reason": ""}, headers=clerk
    )
    assert no_reason.status_code == 422
    rejected = world.client.post(
        f"/v1/admin/submissions/{third['id']}/reject", json={"reason": "not ours"}, headers=clerk
    ).json()
    assert rejected["status"] == "rejected" and rejected["work"] is None and rejected["reason"] == "not ours"

    rest = world.client.get("/v1/admin/submissions", params={"q": "queue song"}, headers=clerk).json()[
        "items"
    ]
    ids = [s["id"] for s in rest]
    bulk = world.client.post("/v1/admin/submissions/accept", json={"ids": ids}, headers=clerk).json()
    assert bulk["accepted"] == 4 and len(bulk["works"]) == 4
    assert (
        world.client.get("/v1/admin/submissions", params={"q": "queue song"}, headers=clerk).json()["total"]
        == 0
    )
    decided = world.client.get(
        "/v1/admin/submissions", params={"q": "queue song", "status": "all"}, headers=clerk
    ).json()
    assert sorted(s["status"] for s in decided["items"]) == ["accepted"] * 6 + ["rejected"]
    assert (
        world.client.post("/v1/admin/submissions/SUB-999999/accept", json={}, headers=clerk).status_code
        == 404
    )
    auditor = world.client.get(
        "/v1/admin/submissions", params={"status": "all"}, headers=world.as_("auditor")
    )
    assert auditor.status_code == 200 and auditor.json()["total"] >= 7


def test_a_file_that_is_no_template_is_refused_whole(world: World) -> None:
    answer = world.client.post(
        UPLOAD,
        files={"file": ("x.csv", b"who,what\n1,2\n")},
        data={"submitter": "SONY-CN"},
        headers=world.as_("clerk"),
    )
    assert answer.status_code == 422 and "who" in answer.json()["detail"]
    missing = world.client.post(
        UPLOAD, files={"file": ("x.csv", template([row(1)]))}, headers=world.as_("clerk")
    )
    assert missing.status_code == 422 and "submitter" in missing.text


def test_a_clerk_registers_and_edits_a_work_by_form(world: World) -> None:
    clerk = world.as_("clerk")
    writer = {"name": "Form, Writer", "role": "CA", "pr_share": 10000, "mr_share": 10000}
    form = {"submitter_work_id": "CMO-FORM-1", "title": "Entered By Hand", "iswc": generate_iswc(62_001)}
    made = world.client.post("/v1/admin/works", json={"work": {**form, "writers": [writer]}}, headers=clerk)
    assert made.status_code == 201, made.text
    work = made.json()["work"]
    assert made.json()["channel"] == "form" and made.json()["status"] == "accepted"
    assert world.client.get(f"/v1/works/{work}").json()["title"] == "Entered By Hand"
    edited = world.client.post(
        f"/v1/admin/works/{work}/edit",
        json={"title": "Entered By Hand (Live)", "writers": [writer]},
        headers=clerk,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["work"] == work and edited.json()["submitter_work_id"] == "CMO-FORM-1"
    assert world.client.get(f"/v1/works/{work}").json()["title"] == "Entered By Hand (Live)"
    short = world.client.post(
        f"/v1/admin/works/{work}/edit",
        json={"title": "X", "writers": [{**writer, "pr_share": 9000}]},
        headers=clerk,
    )
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "body.pr_share"
    unknown = world.client.post("/v1/admin/works/W-999999/edit", json={"title": "X"}, headers=clerk)
    assert unknown.status_code == 404
