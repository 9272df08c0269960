"""16 concurrent writers on every admin write route, against the file-backed SQLite and the real
PostgreSQL: no 500; every request is either done or refused with a problem+json that says why
(SQLite's write lock is taken up front, PostgreSQL's serialisation failures are run again)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest

from registry.cwr.generate import generate_cwr
from registry.db import transaction
from registry.identifiers import generate_ipi_name, generate_iswc
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.conflicts import list_conflicts
from registry.services.repertoire.duplicates import list_candidates
from tests.api.conftest import World
from tests.registry.submissions.templates import row, template
from tests.society.repertoire import add_work, shares

WRITERS = 16
THIS_MONTH = f"{datetime.now(UTC):%Y-%m}"
PLAY_LOG = "licensee,isrc,title,artist,duration,played_at,plays\n"

Send = Callable[[World, int], Any]


def _license(w: World, i: int) -> Any:
    data = {"licensee": "LE-1", "tariff": "KTV-ROOM", "valid_from": "2026-06-01", "valid_to": "2027-05-31"}
    return w.client.post("/v1/admin/licenses", json=data, headers=w.as_("admin"))


def _suspend(w: World, i: int) -> Any:
    number = w.business.other_license
    return w.client.post(
        f"/v1/admin/licenses/{number}/suspend", json={"reason": f"r{i}"}, headers=w.as_("admin")
    )


def _revoke(w: World, i: int) -> Any:
    number = w.business.venue_license
    return w.client.post(
        f"/v1/admin/licenses/{number}/revoke", json={"reason": f"r{i}"}, headers=w.as_("admin")
    )


def _invoices(w: World, i: int) -> Any:
    return w.client.post("/v1/admin/invoices/run", params={"period": THIS_MONTH}, headers=w.as_("admin"))


def _payment(w: World, i: int) -> Any:
    data = {"invoice": w.business.other_invoice, "amount_fen": 1, "received_on": "2026-04-10"}
    data["reference"] = f"CONC-{i % 4}"  # four transfers, each sent four times
    return w.client.post("/v1/admin/payments", json=data, headers=w.as_("admin"))


def _bank_statement(w: World, i: int) -> Any:
    line = f"2026-04-11,0.01,STMT-CONC-{i % 4},venue,{w.business.other_invoice}\n"  # four statements
    statement = ("date,amount,reference,payer,remark\n" + line).encode()
    return w.client.post(
        "/v1/admin/payments/bank-statement", files={"file": ("bank.csv", statement)}, headers=w.as_("finance")
    )


def _register_member(w: World, i: int) -> Any:
    body = {"name": f"Writer {i}", "ipi_name": generate_ipi_name(5600 + i), "roles": ["composer"]}
    return w.client.post("/v1/admin/members", json=body, headers=w.as_("clerk"))


def _change_member(w: World, i: int) -> Any:
    body = {"status": ("member", "suspended")[i % 2]}  # two staff at odds: each change a version
    return w.client.post(f"/v1/admin/members/{w.bob}", json=body, headers=w.as_("clerk"))


def _declare_ai(what: str) -> Send:
    def send(w: World, i: int) -> Any:
        subject = w.bob_work if what == "works" else w.alice_recording
        assisted = {"involvement": "assisted", "tool": "Suno", "human_share": 5000}
        body = ({"involvement": "none"}, assisted)[i % 2]  # two clerks at odds: each a version
        return w.client.post(f"/v1/admin/{what}/{subject}/ai-declaration", json=body, headers=w.as_("clerk"))

    return send


def _usage(w: World, i: int) -> Any:
    line = f"LE-1,CNA122600001,Song {i % 4},Band,200,{THIS_MONTH}-02 20:00,1\n"  # four files
    return w.client.post(
        "/v1/admin/imports/usage",
        params={"period": THIS_MONTH, "source": "online"},
        files={"file": (f"log{i % 4}.csv", (PLAY_LOG + line).encode())},
        headers=w.as_("admin"),
    )


def _distribution(w: World, i: int) -> Any:
    data = {"period": THIS_MONTH, "source": "online", "pool_fen": 100_000}
    return w.client.post("/v1/admin/distributions", json=data, headers=w.as_("admin"))


def _cwr(w: World, i: int) -> Any:
    cwr = generate_cwr(2, seed=100 + i % 4)
    return w.client.post("/v1/admin/imports/cwr", files={"file": ("c.v22", cwr)}, headers=w.as_("admin"))


def _evidence(w: World, i: int) -> Any:
    files = {"file": (f"e{i}.txt", f"evidence {i}".encode())}
    return w.client.post("/v1/admin/evidence", files=files, headers=w.as_("admin"))


def _anchoring(w: World, i: int) -> Any:
    return w.client.post("/v1/admin/anchoring/run", headers=w.as_("admin"))


_made: dict[tuple[int, str], dict[str, str]] = {}
_making = threading.Lock()


def _once(w: World, name: str, make: Callable[[World], dict[str, str]]) -> dict[str, str]:
    """A case every writer of a route decides at once, made by the first of them."""
    with _making:
        if (id(w), name) not in _made:
            _made[id(w), name] = make(w)
        return _made[id(w), name]


def _make_conflict(w: World) -> dict[str, str]:
    with transaction(w.sessions) as session:
        writer = PartyRef(name="Conc", first_name="Writer", kind="person")
        iswc = generate_iswc(9300)
        work = add_work(
            session, "CONC-1", "Concurrent", iswc=iswc, shares=shares(writer, "CA", ["PR"], 10_000)
        )
        rival = shares(PartyRef(name="Conc Rival", kind="company"), "E", ["PR"], 5000)
        add_work(session, "CONC-R", "Concurrent", submitter="RIVAL", iswc=iswc, shares=rival)
        case = next(c for c in list_conflicts(session) if c.work_id == work.id)
        party = next(s.party_id for s in case.shares if s.submitter == "CMO")
        return {"case": case.ledger_id, "party": f"M-{party}"}


def _pair(name: str, title: str) -> Callable[[World], dict[str, str]]:
    """A maker of one duplicate candidate: the same song sent twice without an ISWC."""

    def make(w: World) -> dict[str, str]:
        with transaction(w.sessions) as session:
            writer = shares(PartyRef(name=name, first_name="Writer", kind="person"), "CA", ["PR"], 10_000)
            first = add_work(session, f"{name}-1", title, shares=writer)
            add_work(session, f"{name}-2", title, shares=writer)
            found = next(c for c in list_candidates(session) if first.id in c.pair)
            return {"candidate": f"DUP-{found.id}", "survivor": first.ledger_id}

    return make


def _resolve(w: World, i: int) -> Any:
    made = _once(w, "conflict", _make_conflict)
    decision = {"shares": [{"party": made["party"], "role": "CA", "share": 10_000}], "note": f"n{i}"}
    return w.client.post(f"/v1/admin/conflicts/{made['case']}/resolve", json=decision, headers=w.as_("admin"))


def _merge(w: World, i: int) -> Any:
    made = _once(w, "merge", _pair("PAIR", "Twice Sent"))
    path = f"/v1/admin/duplicates/{made['candidate']}/merge"
    return w.client.post(path, json={"survivor": made["survivor"]}, headers=w.as_("admin"))


def _keep_apart(w: World, i: int) -> Any:
    made = _once(w, "keep apart", _pair("APART", "Sent Twice"))
    return w.client.post(f"/v1/admin/duplicates/{made['candidate']}/keep-apart", headers=w.as_("admin"))


def _online_usage(w: World, period: str) -> None:
    line = f"LE-1,CNA122600001,Song,Band,200,{period}-02 20:00,3\n"
    w.client.post(
        "/v1/admin/imports/usage",
        params={"period": period, "source": "online"},
        files={"file": (f"p{period}.csv", (PLAY_LOG + line).encode())},
        headers=w.as_("finance"),
    )


def _proposal(period: str) -> Callable[[World], dict[str, str]]:
    def make(w: World) -> dict[str, str]:
        _online_usage(w, period)
        body = {"period": period, "source": "online", "pool_fen": 50_000}
        made = w.client.post("/v1/admin/distributions/proposals", json=body, headers=w.as_("finance"))
        assert made.status_code == 201, made.text
        return {"id": made.json()["id"]}

    return make


def _prepare(w: World, i: int) -> Any:
    _once(w, "usage to prepare", lambda w: _online_usage(w, "2026-11") or {})
    body = {"period": "2026-11", "source": "online", "pool_fen": 1000 + i % 2}
    return w.client.post("/v1/admin/distributions/proposals", json=body, headers=w.as_("finance"))


def _approve(w: World, i: int) -> Any:
    made = _once(w, "approve", _proposal("2026-09"))
    return w.client.post(f"/v1/admin/distributions/proposals/{made['id']}/approve", headers=w.as_("approver"))


def _refuse(w: World, i: int) -> Any:
    made = _once(w, "refuse", _proposal("2026-10"))
    path = f"/v1/admin/distributions/proposals/{made['id']}/refuse"
    return w.client.post(path, json={"reason": f"r{i}"}, headers=w.as_("approver"))


def _shop(w: World, name: str) -> str:
    """A shop licensed by nobody yet, added over the API; its LE-n."""
    body = {"kind": "shop", "name": name, "floor_area_m2": 120}
    made = w.client.post("/v1/admin/licensees", json=body, headers=w.as_("licensing"))
    assert made.status_code == 201, made.text
    return str(made.json()["ref"])


def _suspended(w: World) -> dict[str, str]:
    data = {"licensee": "LE-1", "tariff": "KTV-ROOM", "valid_from": "2026-01-01", "valid_to": "2030-12-31"}
    number = w.client.post("/v1/admin/licenses", json=data, headers=w.as_("licensing")).json()["number"]
    w.client.post(
        f"/v1/admin/licenses/{number}/suspend", json={"reason": "unpaid"}, headers=w.as_("licensing")
    )
    return {"number": number}


def _reinstate(w: World, i: int) -> Any:
    number = _once(w, "reinstate", _suspended)["number"]
    path = f"/v1/admin/licenses/{number}/reinstate"
    return w.client.post(path, json={"reason": f"paid {i}"}, headers=w.as_("licensing"))


def _add_licensee(w: World, i: int) -> Any:
    body = {"kind": "shop", "name": f"Concurrent Shop {i}", "floor_area_m2": 50 + i, "city": "上海"}
    return w.client.post("/v1/admin/licensees", json=body, headers=w.as_("licensing"))


def _edit_licensee(w: World, i: int) -> Any:
    ref = _once(w, "edit licensee", lambda w: {"ref": _shop(w, "Edited Shop")})["ref"]
    body = {"name": f"Edited Shop {i % 4}", "floor_area_m2": 100 + i % 4}  # four edits, each sent four times
    return w.client.post(f"/v1/admin/licensees/{ref}/edit", json=body, headers=w.as_("licensing"))


def _close_licensee(w: World, i: int) -> Any:
    ref = _once(w, "close licensee", lambda w: {"ref": _shop(w, "Closing Shop")})["ref"]
    body = {"reason": f"stopped trading {i}"}
    return w.client.post(f"/v1/admin/licensees/{ref}/close", json=body, headers=w.as_("licensing"))


def _queued(name: str, rows: int) -> Callable[[World], dict[str, str]]:
    """A maker of `rows` pending submissions sent in a works template; their SUB-n."""

    def make(w: World) -> dict[str, str]:
        data = template([row(n, title=f"{name} {n}") for n in range(1, rows + 1)])
        sent = w.client.post(
            "/v1/admin/submissions/template",
            files={"file": (f"{name}.csv", data)},
            data={"submitter": name},
            headers=w.as_("clerk"),
        )
        assert sent.status_code == 200, sent.text
        first = int(sent.json()["first"].removeprefix("SUB-"))
        return {str(n): f"SUB-{first + n}" for n in range(rows)}

    return make


def _send_template(w: World, i: int) -> Any:
    data = template([row(n, title=f"Sent At Once {n}") for n in range(i % 4 * 10, i % 4 * 10 + 10)])
    files = {"file": (f"at-once-{i % 4}.csv", data)}  # four files, each sent four times
    return w.client.post(
        "/v1/admin/submissions/template", files=files, data={"submitter": "AT-ONCE"}, headers=w.as_("clerk")
    )


def _accept_submission(w: World, i: int) -> Any:
    sub = _once(w, "accept submission", _queued("ACCEPT-ONE", 1))["0"]
    return w.client.post(f"/v1/admin/submissions/{sub}/accept", json={}, headers=w.as_("clerk"))


def _reject_submission(w: World, i: int) -> Any:
    sub = _once(w, "reject submission", _queued("REJECT-ONE", 1))["0"]
    return w.client.post(
        f"/v1/admin/submissions/{sub}/reject", json={"reason": f"r{i}"}, headers=w.as_("clerk")
    )


def _accept_submissions(w: World, i: int) -> Any:
    made = _once(w, "accept submissions", _queued("ACCEPT-MANY", 8))
    ids = [made[str(n)] for n in range(i % 8, 8)]  # overlapping selections: each accepted once
    return w.client.post("/v1/admin/submissions/accept", json={"ids": ids}, headers=w.as_("clerk"))


def _work_form(w: World, i: int) -> Any:
    writer = {"name": "Form, Concurrent", "role": "CA", "pr_share": 10_000, "mr_share": 10_000}
    work = {
        "submitter_work_id": f"CONC-FORM-{i % 4}",
        "title": f"Entered At Once {i % 4}",
        "writers": [writer],
    }
    return w.client.post("/v1/admin/works", json={"work": work}, headers=w.as_("clerk"))


def _edit_work(w: World, i: int) -> Any:
    made = _once(w, "edit work", lambda w: {"work": _work_form(w, 99).json()["work"]})
    writer = {"name": "Form, Concurrent", "role": "CA", "pr_share": 10_000, "mr_share": 10_000}
    body = {"title": f"Edited At Once {i % 4}", "writers": [writer]}  # four edits, each sent four times
    return w.client.post(f"/v1/admin/works/{made['work']}/edit", json=body, headers=w.as_("clerk"))


def _reminder(w: World, i: int) -> Any:
    path = f"/v1/admin/receivables/{w.business.other_invoice}/reminders"
    return w.client.post(path, json={"sent_on": "2026-08-01", "channel": "letter"}, headers=w.as_("finance"))


def _reminder_run(w: World, i: int) -> Any:
    return w.client.post("/v1/admin/reminders/run", json={"as_of": "2026-06-15"}, headers=w.as_("finance"))


ROUTES: dict[str, Send] = {
    "POST /v1/admin/licenses": _license,
    "POST /v1/admin/licenses/{n}/suspend": _suspend,
    "POST /v1/admin/licenses/{n}/revoke": _revoke,
    "POST /v1/admin/licenses/{n}/reinstate": _reinstate,
    "POST /v1/admin/licensees": _add_licensee,
    "POST /v1/admin/licensees/{ref}/edit": _edit_licensee,
    "POST /v1/admin/licensees/{ref}/close": _close_licensee,
    "POST /v1/admin/invoices/run": _invoices,
    "POST /v1/admin/payments": _payment,
    "POST /v1/admin/payments/bank-statement": _bank_statement,
    "POST /v1/admin/members": _register_member,
    "POST /v1/admin/works/{work}/ai-declaration": _declare_ai("works"),
    "POST /v1/admin/recordings/{recording}/ai-declaration": _declare_ai("recordings"),
    "POST /v1/admin/members/{member}": _change_member,
    "POST /v1/admin/imports/usage": _usage,
    "POST /v1/admin/distributions": _distribution,
    "POST /v1/admin/imports/cwr": _cwr,
    "POST /v1/admin/evidence": _evidence,
    "POST /v1/admin/anchoring/run": _anchoring,
    "POST /v1/admin/conflicts/{case}/resolve": _resolve,
    "POST /v1/admin/duplicates/{candidate}/merge": _merge,
    "POST /v1/admin/duplicates/{candidate}/keep-apart": _keep_apart,
    "POST /v1/admin/distributions/proposals": _prepare,
    "POST /v1/admin/distributions/proposals/{proposal}/approve": _approve,
    "POST /v1/admin/distributions/proposals/{proposal}/refuse": _refuse,
    "POST /v1/admin/submissions/template": _send_template,
    "POST /v1/admin/submissions/{submission}/accept": _accept_submission,
    "POST /v1/admin/submissions/{submission}/reject": _reject_submission,
    "POST /v1/admin/submissions/accept": _accept_submissions,
    "POST /v1/admin/works": _work_form,
    "POST /v1/admin/works/{work}/edit": _edit_work,
    "POST /v1/admin/receivables/{invoice}/reminders": _reminder,
    "POST /v1/admin/reminders/run": _reminder_run,
}
# Where one writer wins and the others are refused for what it did (already suspended, revoked,
# an anchoring run going on); every other route does every request.
ONE_WINS = {
    "POST /v1/admin/licenses/{n}/suspend",
    "POST /v1/admin/licenses/{n}/revoke",
    "POST /v1/admin/licenses/{n}/reinstate",
    "POST /v1/admin/licensees/{ref}/close",  # closed once; the others: already closed
    "POST /v1/admin/anchoring/run",
    "POST /v1/admin/conflicts/{case}/resolve",
    "POST /v1/admin/duplicates/{candidate}/merge",
    "POST /v1/admin/duplicates/{candidate}/keep-apart",
    "POST /v1/admin/distributions/proposals/{proposal}/approve",
    "POST /v1/admin/distributions/proposals/{proposal}/refuse",
    "POST /v1/admin/submissions/{submission}/accept",
    "POST /v1/admin/submissions/{submission}/reject",
    "POST /v1/admin/receivables/{invoice}/reminders",  # sent once; the others: already sent
    # sixteen preparations of two runs at once: one proposal per run, the same run again refused
    # (409) while it awaits a decision, or PostgreSQL's serialisation failing one past its
    # retries (503, try again)
    "POST /v1/admin/distributions/proposals",
    # sixteen edits of one work at once: each is the work's next version, so on PostgreSQL each
    # one's serialisation can fail against the others; one may spend its retries (503, try again)
    "POST /v1/admin/works/{work}/edit",
}


def test_the_routes_cover_every_admin_write(world: World) -> None:
    paths = world.app.openapi()["paths"]
    posts = {f"POST {path}" for path, ops in paths.items() if path.startswith("/v1/admin") and "post" in ops}
    assert {r.replace("{n}", "{number}") for r in ROUTES} == posts


@pytest.mark.parametrize("route", list(ROUTES))
def test_concurrent_writers_are_done_or_refused_with_a_reason(world: World, route: str) -> None:
    send = ROUTES[route]
    with ThreadPoolExecutor(WRITERS) as pool:
        answers = list(pool.map(lambda i: send(world, i), range(WRITERS)))
    figures = Counter(a.status_code for a in answers)
    backend = world.settings.db_url.split(":")[0]
    print(f"\n{backend} {route}: {WRITERS} requests, {dict(sorted(figures.items()))}")
    assert all(a.status_code < 500 or a.status_code == 503 for a in answers), [a.text for a in answers]
    for answer in answers:
        if answer.status_code >= 400:
            assert answer.headers["content-type"] == "application/problem+json", answer.text
            assert answer.json()["detail"], answer.text
    assert any(a.status_code < 300 for a in answers), [a.text for a in answers]
    if route not in ONE_WINS:  # each writer's request is one the registry can do
        assert all(a.status_code < 300 for a in answers), [a.text for a in answers]


@pytest.mark.parametrize(
    ("period", "says"),
    [("1900-01", "before the society's first period, 2000-01"), ("2999-12", "in the future")],
)
def test_admin_periods_outside_the_business_are_refused_naming_the_field(
    world: World, period: str, says: str
) -> None:
    admin = world.as_("admin")
    answers = {
        "query.period": world.client.post("/v1/admin/invoices/run", params={"period": period}, headers=admin),
        "body.period": world.client.post(
            "/v1/admin/distributions", json={"period": period, "source": "karaoke"}, headers=admin
        ),
    }
    answers["query.period "] = world.client.post(
        "/v1/admin/imports/usage",
        params={"period": period, "source": "karaoke"},
        files={"file": ("p.csv", PLAY_LOG.encode())},
        headers=admin,
    )
    for field, answer in answers.items():
        assert answer.status_code == 422, answer.text
        problem: dict[str, Any] = answer.json()
        assert [e["field"] for e in problem["errors"]] == [field.strip()]
        assert says in problem["detail"]
