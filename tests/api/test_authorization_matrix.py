"""Each role x each endpoint x own/other's data. A member or licensee asking for another's private
data gets 404, exactly as for an id that does not exist; role-gated endpoints answer 401 to the
public and 403 to a signed-in caller of the wrong role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from registry.identifiers import generate_ipi_name
from tests.api.conftest import World

# caller -> the user it signs in as ("public": nobody)
CALLERS = {"public": "public", "member": "alice", "licensee": "venue", "auditor": "auditor", "admin": "admin"}
# The society's staff beside admin: each may do its own work (named per endpoint below), read what
# any signed-in user reads, and nothing else (403; a private entry is 404 to them as to anyone).
STAFF = ("clerk", "licensing", "finance", "approver")
CALLERS |= {role: role for role in STAFF}
ALL_200 = dict.fromkeys(CALLERS, 200)
SIGNED_IN = {"public": 401, "member": 200, "licensee": 200, "auditor": 200, "admin": 200}
MEMBER_ONLY = {"public": 401, "member": 200, "licensee": 403, "auditor": 403, "admin": 403}
AUDIT = {"public": 401, "member": 403, "licensee": 403, "auditor": 200, "admin": 200}
ADMIN = {"public": 401, "member": 403, "licensee": 403, "auditor": 403, "admin": 200}
LICENSEE_ONLY = {"public": 401, "member": 403, "licensee": 200, "auditor": 403, "admin": 403}
LICENSEE_OTHERS = {**LICENSEE_ONLY, "licensee": 404}  # another licensee's number: as if unknown
MEMBER_OTHERS = {**MEMBER_ONLY, "member": 404}
READERS = {"public": 401, "member": 200, "licensee": 403, "auditor": 200, "admin": 200}
# a private entry of the member caller (Alice) or licensee caller (the venue), and of another's
OWN_MEMBERS = {"public": 404, "member": 200, "licensee": 404, "auditor": 200, "admin": 200}
OWN_LICENSEES = {"public": 404, "member": 404, "licensee": 200, "auditor": 200, "admin": 200}
OTHERS = {"public": 404, "member": 404, "licensee": 404, "auditor": 200, "admin": 200}


def _staff_default(expected: dict[str, int]) -> int:
    """A staff role not named: public reads and what every signed-in user reads are theirs; a
    private entry is 404 (not found, as for the public); the rest is another role's (403)."""
    if expected["public"] in (200, 404):
        return expected["public"]
    if expected["member"] == expected["licensee"] == 200:
        return 200
    return 403


def work_of(expected: dict[str, int], *roles: str) -> dict[str, int]:
    """`expected` with `roles` answered as admin is: the endpoint is their work too."""
    return {**expected, **dict.fromkeys(roles, expected["admin"])}


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: Callable[[World], str]
    expected: dict[str, int]
    params: dict[str, str] | None = None
    files: dict[str, tuple[str, bytes]] | None = None
    data: dict[str, str] | None = None
    json: dict[str, object] | Callable[[World], dict[str, object]] | None = None


ENDPOINTS = [
    Endpoint("health", "GET", lambda w: "/v1/health", ALL_200),
    Endpoint("ready", "GET", lambda w: "/v1/ready", ALL_200),
    Endpoint("log", "GET", lambda w: "/v1/log", ALL_200),
    Endpoint("checkpoints", "GET", lambda w: "/v1/checkpoints", ALL_200),
    Endpoint("leaves", "GET", lambda w: "/v1/log/leaves", ALL_200),
    Endpoint("consistency", "GET", lambda w: "/v1/log/consistency?first=1&second=2", ALL_200),
    Endpoint("entries", "GET", lambda w: "/v1/log/entries", ALL_200),
    Endpoint("public proof", "GET", lambda w: f"/v1/proofs/{w.bob_work}", ALL_200),
    Endpoint(
        "public proof, old version", "GET", lambda w: f"/v1/proofs/{w.alice_work}", ALL_200, {"version": "1"}
    ),
    Endpoint("evidence proof", "GET", lambda w: f"/v1/proofs/{w.evidence}", ALL_200),
    # own private entry (Alice's membership) and another's (Bob's): Alice is the member caller
    Endpoint(
        "own private proof",
        "GET",
        lambda w: f"/v1/proofs/{w.alice}",
        {"public": 404, "member": 200, "licensee": 404, "auditor": 200, "admin": 200},
    ),
    Endpoint(
        "other's private proof",
        "GET",
        lambda w: f"/v1/proofs/{w.bob}",
        {"public": 404, "member": 404, "licensee": 404, "auditor": 200, "admin": 200},
    ),
    Endpoint(
        "other's private proof, kind named",
        "GET",
        lambda w: f"/v1/proofs/{w.bob}",
        {"public": 404, "member": 404, "licensee": 404, "auditor": 200, "admin": 200},
        {"kind": "member"},
    ),
    Endpoint("unknown proof", "GET", lambda w: "/v1/proofs/M-424242", dict.fromkeys(CALLERS, 404)),
    Endpoint("works search", "GET", lambda w: "/v1/works", ALL_200, {"q": "moon"}),
    Endpoint("work", "GET", lambda w: f"/v1/works/{w.alice_work}", ALL_200),
    Endpoint("work history", "GET", lambda w: f"/v1/works/{w.bob_work}/history", ALL_200),
    Endpoint("recordings search", "GET", lambda w: "/v1/recordings", ALL_200, {"artist": "band"}),
    Endpoint("recording", "GET", lambda w: f"/v1/recordings/{w.alice_recording}", ALL_200),
    Endpoint("recording history", "GET", lambda w: f"/v1/recordings/{w.alice_recording}/history", ALL_200),
    Endpoint("me", "GET", lambda w: "/v1/me", SIGNED_IN),
    Endpoint("my works", "GET", lambda w: "/v1/me/works", MEMBER_ONLY),
    Endpoint("my recordings", "GET", lambda w: "/v1/me/recordings", MEMBER_ONLY),
    Endpoint("my works, searched", "GET", lambda w: "/v1/me/works", MEMBER_ONLY, {"q": "song", "limit": "5"}),
    Endpoint("my recordings, searched", "GET", lambda w: "/v1/me/recordings", MEMBER_ONLY, {"q": "song"}),
    # licenses, public: a current one, an expired one, history, search; unknown: 404 for all
    Endpoint("licenses search", "GET", lambda w: "/v1/licenses", ALL_200, {"city": "上海"}),
    Endpoint("licenses by status", "GET", lambda w: "/v1/licenses", ALL_200, {"status": "expired"}),
    Endpoint("license", "GET", lambda w: f"/v1/licenses/{w.business.venue_license}", ALL_200),
    Endpoint("expired license", "GET", lambda w: f"/v1/licenses/{w.business.expired_license}", ALL_200),
    Endpoint("license history", "GET", lambda w: f"/v1/licenses/{w.business.other_license}/history", ALL_200),
    Endpoint("unknown license", "GET", lambda w: "/v1/licenses/LIC-1999-000001", dict.fromkeys(CALLERS, 404)),
    Endpoint("license proof", "GET", lambda w: f"/v1/proofs/{w.business.venue_license}", ALL_200),
    # distributions and reports, public
    Endpoint("distributions", "GET", lambda w: "/v1/distributions", ALL_200),
    Endpoint("distribution summary proof", "GET", lambda w: f"/v1/proofs/{w.business.summary}", ALL_200),
    Endpoint("report", "GET", lambda w: "/v1/reports/2026-03", ALL_200),
    Endpoint("unpublished report", "GET", lambda w: "/v1/reports/1999-01", dict.fromkeys(CALLERS, 404)),
    # members' payouts: own statement and its proof; another's statement proof
    Endpoint("my statements", "GET", lambda w: "/v1/me/statements", MEMBER_ONLY),
    Endpoint(
        "my statements of a period", "GET", lambda w: "/v1/me/statements", MEMBER_ONLY, {"period": "2026-03"}
    ),
    Endpoint("my statement", "GET", lambda w: "/v1/me/statements/2026-03/karaoke", MEMBER_ONLY),
    Endpoint(
        "a statement I was not paid in", "GET", lambda w: "/v1/me/statements/2026-03/online", MEMBER_OTHERS
    ),
    Endpoint("own statement proof", "GET", lambda w: f"/v1/proofs/{w.business.alice_statement}", OWN_MEMBERS),
    Endpoint("other's statement proof", "GET", lambda w: f"/v1/proofs/{w.business.bob_statement}", OTHERS),
    Endpoint("unidentified usage", "GET", lambda w: "/v1/unidentified", READERS),
    Endpoint("unidentified usage, searched", "GET", lambda w: "/v1/unidentified", READERS, {"q": "无名"}),
    Endpoint("my claims", "GET", lambda w: "/v1/me/claims", MEMBER_ONLY),
    # a licensee's business: own and another's numbers
    Endpoint("my licenses", "GET", lambda w: "/v1/me/licenses", LICENSEE_ONLY),
    Endpoint("my invoices", "GET", lambda w: "/v1/me/invoices", LICENSEE_ONLY),
    Endpoint("my invoice", "GET", lambda w: f"/v1/me/invoices/{w.business.venue_invoice}", LICENSEE_ONLY),
    Endpoint(
        "other's invoice", "GET", lambda w: f"/v1/me/invoices/{w.business.other_invoice}", LICENSEE_OTHERS
    ),
    Endpoint("my contracts", "GET", lambda w: "/v1/me/contracts", LICENSEE_ONLY),
    Endpoint("my contract", "GET", lambda w: f"/v1/me/contracts/{w.business.venue_contract}", LICENSEE_ONLY),
    Endpoint(
        "other's contract", "GET", lambda w: f"/v1/me/contracts/{w.business.other_contract}", LICENSEE_OTHERS
    ),
    Endpoint("own contract proof", "GET", lambda w: f"/v1/proofs/{w.business.venue_contract}", OWN_LICENSEES),
    Endpoint("other's contract proof", "GET", lambda w: f"/v1/proofs/{w.business.other_contract}", OTHERS),
    # a well-formed signature that does not verify: the licensee gets through to the service (422);
    # on another's contract it is 404
    Endpoint(
        "sign my contract (bad signature)",
        "POST",
        lambda w: f"/v1/me/contracts/{w.business.venue_draft}/sign",
        {**LICENSEE_ONLY, "licensee": 422},
        json={"signature": "A" * 88},
    ),
    Endpoint(
        "sign other's contract",
        "POST",
        lambda w: f"/v1/me/contracts/{w.business.other_contract}/sign",
        LICENSEE_OTHERS,
        json={"signature": "A" * 88},
    ),
    Endpoint("audit summary", "GET", lambda w: "/v1/audit/summary", AUDIT),
    Endpoint("audit entries", "GET", lambda w: "/v1/audit/entries", AUDIT),
    Endpoint("anchoring status", "GET", lambda w: "/v1/admin/anchoring/status", ADMIN),
    Endpoint("anchoring history", "GET", lambda w: "/v1/admin/anchoring/history", ADMIN),
    Endpoint("anchoring run", "POST", lambda w: "/v1/admin/anchoring/run", ADMIN),
    Endpoint("anchoring estimate", "GET", lambda w: "/v1/admin/anchoring/estimate", ADMIN),
    Endpoint(
        "evidence upload",
        "POST",
        lambda w: "/v1/admin/evidence",
        work_of(ADMIN, "clerk"),
        files={"file": ("note.txt", b"seen")},
    ),
    # an admin gets through to the importer, which refuses the file: 422, not 401/403
    Endpoint(
        "CWR upload",
        "POST",
        lambda w: "/v1/admin/imports/cwr",
        work_of({**ADMIN, "admin": 422}, "clerk"),
        files={"file": ("x.v22", b"HDR not a CWR file")},
    ),
    Endpoint("CWR files received", "GET", lambda w: "/v1/admin/imports/cwr", work_of(ADMIN, "clerk")),
    Endpoint(
        "CWR acknowledgement of a file never received",
        "GET",
        lambda w: f"/v1/admin/imports/cwr/{'ab' * 32}/acknowledgement",
        work_of({**ADMIN, "admin": 404}, "clerk"),
    ),
    Endpoint("conflict queue", "GET", lambda w: "/v1/admin/conflicts", work_of(ADMIN, "clerk")),
    Endpoint(
        "duplicate queue", "GET", lambda w: "/v1/admin/duplicates", work_of(ADMIN, "clerk"), {"status": "all"}
    ),
    Endpoint(
        "resolve unknown conflict",
        "POST",
        lambda w: "/v1/admin/conflicts/C-999999/resolve",
        work_of({**ADMIN, "admin": 404}, "clerk"),
        json={"shares": [{"party": "M-1", "role": "CA", "share": 10000}], "note": "n"},
    ),
    Endpoint(
        "merge unknown candidate",
        "POST",
        lambda w: "/v1/admin/duplicates/DUP-999999/merge",
        work_of({**ADMIN, "admin": 404}, "clerk"),
        json={"survivor": "W-1"},
    ),
    Endpoint(
        "keep unknown candidate apart",
        "POST",
        lambda w: "/v1/admin/duplicates/DUP-999999/keep-apart",
        work_of({**ADMIN, "admin": 404}, "clerk"),
    ),
    # four eyes on distributions: finance prepares, an approver decides, auditors read
    Endpoint(
        "prepare a distribution already made",
        "POST",
        lambda w: "/v1/admin/distributions/proposals",
        work_of({**ADMIN, "admin": 422}, "finance"),
        json={"period": "2026-03", "source": "karaoke"},
    ),
    Endpoint(
        "distribution proposals",
        "GET",
        lambda w: "/v1/admin/distributions/proposals",
        work_of(AUDIT, "finance", "approver"),
    ),
    Endpoint(
        "approve an unknown proposal",
        "POST",
        lambda w: "/v1/admin/distributions/proposals/DP-2026-03-karaoke-99/approve",
        work_of({**ADMIN, "admin": 404}, "approver"),
    ),
    Endpoint(
        "refuse an unknown proposal",
        "POST",
        lambda w: "/v1/admin/distributions/proposals/DP-2026-03-karaoke-99/refuse",
        work_of({**ADMIN, "admin": 404}, "approver"),
        json={"reason": "not final"},
    ),
    # admin writes: each reaches its service, which refuses the request as given (422) or answers
    # without changing anything (the invoice run of a period already invoiced)
    Endpoint(
        "issue license",
        "POST",
        lambda w: "/v1/admin/licenses",
        work_of({**ADMIN, "admin": 422}, "licensing"),
        json={
            "licensee": "LE-424242",
            "tariff": "KTV-ROOM",
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
        },
    ),
    Endpoint(
        "suspend unknown license",
        "POST",
        lambda w: "/v1/admin/licenses/LIC-1999-000001/suspend",
        work_of({**ADMIN, "admin": 404}, "licensing"),
        json={"reason": "unpaid"},
    ),
    Endpoint(
        "revoke expired license",
        "POST",
        lambda w: f"/v1/admin/licenses/{w.business.expired_license}/revoke",
        work_of({**ADMIN, "admin": 422}, "licensing"),
        json={"reason": "unpaid"},
    ),
    Endpoint(
        "reinstate an active license",
        "POST",
        lambda w: f"/v1/admin/licenses/{w.business.venue_license}/reinstate",
        work_of({**ADMIN, "admin": 422}, "licensing"),
        json={"reason": "paid"},
    ),
    # licensees: a licensing officer's work; auditors read them (without contact persons)
    Endpoint("licensees", "GET", lambda w: "/v1/admin/licensees", work_of(AUDIT, "licensing"), {"q": "KTV"}),
    Endpoint("licensee", "GET", lambda w: "/v1/admin/licensees/LE-1", work_of(AUDIT, "licensing")),
    Endpoint(
        "unknown licensee",
        "GET",
        lambda w: "/v1/admin/licensees/LE-999999",
        work_of({**AUDIT, "auditor": 404, "admin": 404}, "licensing"),
    ),
    Endpoint(
        "add a venue without its code",
        "POST",
        lambda w: "/v1/admin/licensees",
        work_of({**ADMIN, "admin": 422}, "licensing"),
        json={"kind": "karaoke_venue", "name": "Matrix KTV", "rooms": 2},
    ),
    Endpoint(
        "edit an unknown licensee",
        "POST",
        lambda w: "/v1/admin/licensees/LE-999999/edit",
        work_of({**ADMIN, "admin": 404}, "licensing"),
        json={"name": "Matrix KTV"},
    ),
    Endpoint(
        "close a licensed venue",
        "POST",
        lambda w: "/v1/admin/licensees/LE-1/close",
        work_of({**ADMIN, "admin": 422}, "licensing"),
        json={"reason": "stopped trading"},
    ),
    Endpoint(
        "invoice run, again",
        "POST",
        lambda w: "/v1/admin/invoices/run",
        work_of(ADMIN, "finance"),
        {"period": "2026-03"},
    ),
    Endpoint(
        "payment, same transfer again",
        "POST",
        lambda w: "/v1/admin/payments",
        work_of(ADMIN, "finance"),
        json=lambda w: {
            "invoice": w.business.venue_invoice,
            "amount_fen": 1000,
            "received_on": "2026-04-02",
            "reference": "BANK-1",
        },
    ),
    Endpoint("CWR export of the works", "GET", lambda w: "/v1/admin/exports/cwr", work_of(ADMIN, "clerk")),
    Endpoint(
        "AI declaration of a work, refused",
        "POST",
        lambda w: f"/v1/admin/works/{w.bob_work}/ai-declaration",
        work_of({**ADMIN, "admin": 422}, "clerk"),
        json={"involvement": "none", "tool": "a tool where none was used"},
    ),
    Endpoint(
        "AI declaration of a recording, refused",
        "POST",
        lambda w: f"/v1/admin/recordings/{w.alice_recording}/ai-declaration",
        work_of({**ADMIN, "admin": 422}, "clerk"),
        json={"involvement": "assisted"},
    ),
    Endpoint("member roster", "GET", lambda w: "/v1/admin/members", work_of(AUDIT, "clerk"), {"q": "wang"}),
    Endpoint(
        "a member on the roster", "GET", lambda w: f"/v1/admin/members/{w.alice}", work_of(AUDIT, "clerk")
    ),
    Endpoint(
        "register a member, IPI taken",
        "POST",
        lambda w: "/v1/admin/members",
        work_of({**ADMIN, "admin": 422}, "clerk"),
        json=lambda w: {"name": "Wang", "ipi_name": generate_ipi_name(5001)},
    ),
    Endpoint(
        "change a membership, nothing new",
        "POST",
        lambda w: f"/v1/admin/members/{w.bob}",
        work_of(ADMIN, "clerk"),
        json={"first_name": "Bob"},
    ),
    Endpoint("blank works template", "GET", lambda w: "/v1/works-template", ALL_200, {"format": "csv"}),
    Endpoint(
        "works template sent, not a template",
        "POST",
        lambda w: "/v1/admin/submissions/template",
        work_of({**ADMIN, "admin": 422}, "clerk"),
        files={"file": ("works.csv", b"who,what\n1,2\n")},
        data={"submitter": "SONY-CN"},
    ),
    Endpoint("submission queue", "GET", lambda w: "/v1/admin/submissions", work_of(AUDIT, "clerk")),
    Endpoint(
        "unknown submission",
        "GET",
        lambda w: "/v1/admin/submissions/SUB-999999",
        work_of({**AUDIT, "admin": 404, "auditor": 404}, "clerk"),
    ),
    Endpoint(
        "accept unknown submission",
        "POST",
        lambda w: "/v1/admin/submissions/SUB-999999/accept",
        work_of({**ADMIN, "admin": 404}, "clerk"),
        json={},
    ),
    Endpoint(
        "reject unknown submission",
        "POST",
        lambda w: "/v1/admin/submissions/SUB-999999/reject",
        work_of({**ADMIN, "admin": 404}, "clerk"),
        json={"reason": "not ours"},
    ),
    Endpoint(
        "edit an unknown work by form",
        "POST",
        lambda w: "/v1/admin/works/W-999999/edit",
        work_of({**ADMIN, "admin": 404}, "clerk"),
        json={"title": "Nowhere"},
    ),
    Endpoint(
        "register a work by form, its shares short of the whole",
        "POST",
        lambda w: "/v1/admin/works",
        work_of({**ADMIN, "admin": 422}, "clerk"),
        json={
            "work": {
                "submitter_work_id": "MATRIX-1",
                "title": "Matrix",
                "writers": [{"name": "M, A", "role": "CA", "pr_share": 10, "mr_share": 0}],
            }
        },
    ),
    Endpoint(
        "accept submissions, none known",
        "POST",
        lambda w: "/v1/admin/submissions/accept",
        work_of(ADMIN, "clerk"),
        json={"ids": ["SUB-999999"]},
    ),
    Endpoint(
        "receivables", "GET", lambda w: "/v1/admin/receivables", work_of(AUDIT, "finance"), {"status": "all"}
    ),
    Endpoint(
        "receivables ageing", "GET", lambda w: "/v1/admin/receivables/ageing", work_of(AUDIT, "finance")
    ),
    Endpoint(
        "a reminder for an invoice not yet due",
        "POST",
        lambda w: f"/v1/admin/receivables/{w.business.venue_invoice}/reminders",
        work_of({**ADMIN, "admin": 422}, "finance"),
        json={"sent_on": "2026-04-02"},
    ),
    Endpoint(
        "the reminder run of a day before any is due",
        "POST",
        lambda w: "/v1/admin/reminders/run",
        work_of(ADMIN, "finance"),
        json={"as_of": "2026-04-02"},
    ),
    Endpoint(
        "bank statement, a receipt naming no invoice",
        "POST",
        lambda w: "/v1/admin/payments/bank-statement",
        work_of(ADMIN, "finance"),
        files={"file": ("bank.csv", b"date,amount,reference,remark\n2026-04-02,10.00,MATRIX-1,thanks\n")},
    ),
    Endpoint(
        "usage upload",
        "POST",
        lambda w: "/v1/admin/imports/usage",
        work_of({**ADMIN, "admin": 422}, "finance"),
        {"period": "2026-05", "source": "karaoke"},
        files={"file": ("plays.csv", b"not,a,play,log\n1,2,3,4\n")},
    ),
    Endpoint(
        "distribution, same inputs again",
        "POST",
        lambda w: "/v1/admin/distributions",
        {**ADMIN, "admin": 422},  # an admin's alone: staff go through a proposal (four eyes)
        json={"period": "2026-03", "source": "karaoke", "pool_fen": 5},
    ),
]


@pytest.mark.parametrize("caller", list(CALLERS))
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_authorisation_matrix(world: World, endpoint: Endpoint, caller: str) -> None:
    expected = endpoint.expected.get(caller, _staff_default(endpoint.expected))
    headers = world.as_(CALLERS[caller])
    response = world.client.request(
        endpoint.method,
        endpoint.path(world),
        params=endpoint.params,
        files=endpoint.files,
        data=endpoint.data,
        json=endpoint.json(world) if callable(endpoint.json) else endpoint.json,
        headers=headers,
    )
    assert response.status_code == expected, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"


def test_with_api_keys_too(world: World) -> None:
    """The same rules whichever way a caller signs in."""
    for user, own, other in (("alice", world.alice, world.bob), ("bob", world.bob, world.alice)):
        key = {"X-API-Key": world.api_keys[user]}
        assert world.client.get(f"/v1/proofs/{own}", headers=key).status_code == 200
        assert world.client.get(f"/v1/proofs/{other}", headers=key).status_code == 404
        assert world.client.get("/v1/me", headers=key).json()["member"]["id"] == own
    assert (
        world.client.get(
            "/v1/admin/anchoring/status", headers={"X-API-Key": world.api_keys["admin"]}
        ).status_code
        == 200
    )
    assert (
        world.client.get(
            "/v1/admin/anchoring/status", headers={"X-API-Key": world.api_keys["venue"]}
        ).status_code
        == 403
    )


def test_a_members_view_holds_only_their_data(world: World) -> None:
    for user, own, other in (("alice", world.alice, world.bob), ("bob", world.bob, world.alice)):
        me = world.client.get("/v1/me", headers=world.as_(user)).json()
        assert me["member"]["id"] == own and other not in str(me)
        works = world.client.get("/v1/me/works", headers=world.as_(user)).json()["items"]
        mine = world.client.get("/v1/works", params={"member": own}).json()["items"]
        # the same works as the public search by member, each with the member's own shares
        assert [{k: v for k, v in w.items() if k != "shares"} for w in works] == mine and works
        assert all(w["shares"] for w in works)
