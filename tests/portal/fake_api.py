"""A small local stand-in for the RightsLedger HTTP API, per the contract in HELPERS.md, serving a
`World` (a real anchored ledger: its proofs, leaves and checkpoints are the registry's own).

SWITCH WHEN THE API LANDS (issue 7): start the real app (`rightsledger serve api` / uvicorn on the
world's data directory) in `api_server` of conftest.py instead of this class, and drop the shapes
guessed here for the endpoints the contract leaves open (statement items and lines, distribution
summaries, reports, admin). Only the portal's tests use it; it holds no business logic.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from tests.portal.world import LINES, MEMBER, PERIOD, SOURCE, SUMMARY, SUMMARY_OK, World

USERS = {  # username: (password, role, subject)
    "member": ("member-pass", "member", MEMBER),
    "auditor": ("auditor-pass", "auditor", "AUDITOR-1"),
    "admin": ("admin-pass", "admin", "ADMIN-1"),
}
PRIVATE = {"distribution_line", "member", "contract"}


class FakeApi:
    def __init__(self, world: World, *, missing: Iterable[str] = ()) -> None:
        """`missing`: path prefixes answered as routes that do not exist (a plain 404)."""
        self.world, self.missing = world, tuple(missing)
        handler = type("Handler", (_Handler,), {"api": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.requests: list[str] = []

    def __enter__(self) -> FakeApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- answers: (status, body, content type) -------------------------------------------------
    def answer(
        self, method: str, path: str, query: dict[str, str], token: str | None, form: dict[str, str]
    ) -> tuple[int, Any, str]:
        if any(path.startswith(prefix) for prefix in self.missing):
            return _no_route(path)
        w = self.world
        role = token.split(":")[0] if token else None
        if method == "POST" and path == "/v1/auth/token":
            user = USERS.get(form.get("username", ""))
            if user is None or user[0] != form.get("password"):
                return _problem(401, "Unauthorized", "wrong username or password")
            return (
                200,
                {
                    "access_token": f"{user[1]}:{user[2]}",
                    "token_type": "bearer",
                    "expires_in": 900,
                    "role": user[1],
                    "subject": user[2],
                },
                "application/json",
            )
        if path == "/v1/health":
            return 200, {"status": "ok"}, "application/json"
        if path == "/v1/log":
            return (
                200,
                {
                    "origin": w.origin,
                    "verifier_key": w.vkey,
                    "tree_size": len(w.leaves),
                    "chain_id": w.chain_id,
                    "contract_address": w.contract,
                },
                "application/json",
            )
        if path == "/v1/checkpoints":
            return _page(w.checkpoints, query)
        if path in ("/v1/log/leaves", "/v1/log/entries"):
            # As the API: a range start <= index < end of at most 500, `total` the log's size.
            start = int(query.get("start", 0))
            end = int(query.get("end", start + 50))
            if end - start > 500:
                return _problem(422, "Unprocessable Content", "query.end: at most 500 leaves per request")
            if path.endswith("leaves"):
                items = [{"index": i, "leaf_hash": h} for i, h in enumerate(w.leaves) if start <= i < end]
            else:
                items = [
                    {
                        "index": v.leaf_index,
                        "leaf_hash": v.leaf_hash,
                        "private": v.kind in PRIVATE,
                        "entry": None if v.kind in PRIVATE else json.loads(v.proof.entry.canonical()),
                    }
                    for v in w.versions
                    if start <= v.leaf_index < end and v.proof.entry is not None
                ]
            page = {"items": items, "total": len(w.leaves), "limit": end - start, "offset": start}
            return 200, page, "application/json"
        if path.startswith("/v1/proofs/"):
            ident = unquote(path.removeprefix("/v1/proofs/"))
            version = int(query["version"]) if query.get("version") else None
            matches = [
                v for v in w.versions if v.entity_id == ident and (version is None or v.version == version)
            ]
            if not matches:
                return _problem(404, "Not Found", f"no entry {ident}")
            chosen = matches[-1]
            if chosen.kind in PRIVATE and role not in ("member", "auditor"):
                return _problem(404, "Not Found", f"no entry {ident}")
            fmt = query.get("format", "rlproof")
            text = chosen.proof.to_tlog_proof() if fmt == "tlog-proof" else chosen.proof.to_json()
            return 200, text.encode(), "application/octet-stream"
        if path in ("/v1/works", "/v1/recordings"):
            if path == "/v1/recordings":
                return _page([], query)
            items = [{"id": v.entity_id, **v.body} for v in w.versions if v.kind == "work"]
            title = query.get("title") or query.get("q") or ""
            items = [
                i
                for i in items
                if title in i["title"]
                and query.get("iswc", "") in i["iswc"]
                and query.get("member", "") in i["member"]
            ]
            return _page(items, query)
        if path.startswith("/v1/works/") and path.endswith("/history"):
            ident = unquote(path.split("/")[3])
            items = [
                {
                    "version": v.version,
                    "leaf_hash": v.leaf_hash,
                    "at": v.at,
                    "body": v.body,
                    "leaf_index": v.leaf_index,
                    "anchored": True,
                    "checkpoint_index": v.checkpoint_index,
                }
                for v in w.versions
                if v.kind == "work" and v.entity_id == ident
            ]
            return (200, {"items": items}, "application/json") if items else _problem(404, "Not Found", ident)
        if path == "/v1/licenses":
            items = []
            for number in ("LIC-2026-0001", "LIC-2020-0007"):
                latest = w.version(number)
                item = {**latest.body, "version": latest.version, "leaf_hash": latest.leaf_hash}
                if item["status"] == "active" and item["valid_until"] < date.today().isoformat():
                    item["status"] = "expired"  # the contract: status computed, expired past its end
                wanted = [query.get(k, "") for k in ("number", "name", "city")]
                hay = [item["number"], item["licensee"], item["city"]]
                if all(want.lower() in have.lower() for want, have in zip(wanted, hay, strict=True)):
                    items.append(item)
            return _page(items, query)
        if path == "/v1/me/statements":
            if role != "member":
                return _problem(401, "Unauthorized", "log in")
            total = sum(body["amount_minor"] for _, body in LINES)
            items = [
                {"period": "2026-02", "source": SOURCE, "amount_minor": 5000, "currency": "CNY"},
                {"period": PERIOD, "source": SOURCE, "amount_minor": total, "currency": "CNY"},
            ]
            return _page(items, query)
        if path.startswith("/v1/me/statements/"):
            if role != "member":
                return _problem(401, "Unauthorized", "log in")
            _, _, _, _, period, source = path.split("/")
            if (period, source) != (PERIOD, SOURCE):
                return 200, {"items": []}, "application/json"
            items = []
            for ident, _ in LINES:
                v = w.version(ident)
                items.append({"entry_id": ident, "version": v.version, "leaf_hash": v.leaf_hash, **v.body})
            return 200, {"items": items}, "application/json"
        if path == "/v1/distributions":
            return _page(
                [{"period": PERIOD, "source": s["source"], "body": s} for s in (SUMMARY, SUMMARY_OK)], query
            )
        if path.startswith("/v1/reports/"):
            month = path.rsplit("/", 1)[1]
            if month != PERIOD:
                return _problem(404, "Not Found", f"no report for {month}")
            return (
                200,
                {
                    "month": month,
                    "works_registered": 2,
                    "licenses_issued": 1,
                    "licenses_active_by_province": {"上海": 1, "北京": 0},
                    "collections_by_source": {"karaoke": 30000, "online": 30000},
                },
                "application/json",
            )
        if path == "/v1/audit/summary":
            if role != "auditor":
                return _problem(401, "Unauthorized", "auditors only")
            summary = {"log_size": len(w.leaves), "pending_entries": 0, "checkpoints": len(w.checkpoints)}
            return 200, summary, "application/json"
        if path.startswith("/v1/admin/anchoring"):
            if role != "admin":
                return _problem(401, "Unauthorized", "admins only")
            if method == "POST" and path.endswith("/run"):
                run = {"status": "up to date", "tree_size": len(w.leaves), "anchored": None, "recovered": []}
                return 200, run, "application/json"
            if path.endswith("/history"):
                return _page(
                    [
                        {"checkpoint_index": c["index"], "tree_size": c["tree_size"], "tx_hash": c["tx_hash"]}
                        for c in w.checkpoints
                    ],
                    query,
                )
            if path.endswith("/status"):
                status = {
                    "log_size": len(w.leaves),
                    "pending_entries": 0,
                    "anchors": len(w.checkpoints),
                    "total_gas": 123456,
                    "latest_checkpoint_size": w.checkpoints[-1]["tree_size"],
                }
                return 200, status, "application/json"
        return _no_route(path)


def _no_route(path: str) -> tuple[int, Any, str]:
    """As the API answers a path it does not serve: problem+json of type about:blank."""
    body = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": f"no resource at {path}"}
    return 404, body, "application/problem+json"


def _page(items: list[Any], query: dict[str, str]) -> tuple[int, Any, str]:
    limit, offset = int(query.get("limit", 50)), int(query.get("offset", 0))
    return (
        200,
        {"items": items[offset : offset + limit], "total": len(items), "limit": limit, "offset": offset},
        "application/json",
    )


def _problem(status: int, title: str, detail: str) -> tuple[int, Any, str]:
    slug = {401: "unauthorized", 404: "not-found", 422: "validation-error"}.get(status, "error")
    body = {"type": f"urn:rightsledger:problem:{slug}", "title": title, "status": status, "detail": detail}
    return status, body, "application/problem+json"


class _Handler(BaseHTTPRequestHandler):
    api: FakeApi

    def _serve(self, method: str) -> None:
        url = urlparse(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        form: dict[str, str] = {}
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            form = {k: v[-1] for k, v in parse_qs(raw).items()}
        auth = self.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None
        self.api.requests.append(f"{method} {url.path}")
        status, body, ctype = self.api.answer(method, url.path, query, token, form)
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, *args: Any) -> None:
        pass
