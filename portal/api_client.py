"""A small client of the RightsLedger HTTP API (/v1), per its contract.

It fetches data to show and proof files to check; it is never asked whether a proof is valid.
Answers are parsed into the API's own response models (the shared `payloads` package), so pages
read typed fields, never guessed keys. Every failure becomes one of a few named errors the pages
turn into plain words: the API is down, an endpoint does not exist (yet), a thing is not found, a
login is refused, an answer is not what the contract says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from payloads.distribution import DistributionOut, ProposalOut, StatementDetail, StatementSummary
from payloads.finance import AgeingOut, BankStatementOut, ReceivableOut, ReminderOut, ReminderRunOut
from payloads.licensees import LicenseeOut
from payloads.licensing import ContractOut, InvoiceOut, InvoiceRunOut, LicenseOut, PaymentOut
from payloads.log import (
    AnchoringEstimateOut,
    AnchoringRun,
    AnchoringStatusOut,
    AnchorOut,
    AuditSummary,
    CheckpointOut,
    ConsistencyOut,
    LeafOut,
    LogEntryOut,
    LogInfo,
    VersionOut,
)
from payloads.members import MemberOut
from payloads.paging import Page
from payloads.problems import NOT_FOUND_TYPE, NOT_YET_PROVABLE_TYPE, Problem
from payloads.repertoire import (
    CwrFileOut,
    MyRecording,
    MyWork,
    RecordingDetail,
    RecordingSummary,
    WorkDetail,
    WorkSummary,
)
from payloads.reports import ReportOut
from payloads.review import ConflictOut, DuplicateOut
from payloads.submissions import BulkAcceptOut, IntakeOut, SubmissionOut
from payloads.system import Health
from payloads.usage import ClaimOut, UnidentifiedOut
from payloads.users import Me, Token

PAGE_LIMIT = 500  # the contract's maximum page size
M = TypeVar("M", bound=BaseModel)


class ApiError(Exception):
    """The API answered with an error; `title`/`detail` come from its problem+json when given."""

    def __init__(self, status: int, title: str, detail: str = "") -> None:
        self.status, self.title, self.detail = status, title, detail
        self.fields: list[str] = []  # the request's fields at fault, as the problem names them
        super().__init__(f"{status} {title}" + (f": {detail}" if detail else ""))


class ApiUnavailable(ApiError):
    """No answer: the API is down, unreachable or too slow."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(0, "unavailable", f"{where}: {reason}")
        self.where, self.reason = where, reason


class NotYetProvable(ApiError):
    """409: the entry is recorded but no published checkpoint holds it yet."""


class NotFound(ApiError):
    """404. `route_missing` when the endpoint itself does not exist: the API names a missing thing
    with the problem type NOT_FOUND_TYPE, a missing route as about:blank (or not as problem+json at
    all), so pages can say "not available" instead of "no such"."""

    route_missing: bool = False


class Unauthorised(ApiError):
    """401/403: not logged in, the login expired, or the wrong role."""


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"Accept": "application/json, application/problem+json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=self.base_url, headers=headers, timeout=timeout, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport --------------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise ApiUnavailable(self.base_url, "no answer in time") from None
        except httpx.HTTPError as exc:
            raise ApiUnavailable(self.base_url, type(exc).__name__) from None
        if response.status_code >= 400:
            raise _error(response)
        return response

    def _get(self, model: type[M], path: str, params: Mapping[str, Any] | None = None) -> M:
        return _parse(model, self._request("GET", path, params=_clean(params)), path)

    def _post(self, model: type[M], path: str, **kwargs: Any) -> M:
        return _parse(model, self._request("POST", path, **kwargs), path)

    def _page(self, item: type[M], path: str, params: Mapping[str, Any] | None = None) -> Page[M]:
        # The page model of `item`, made at run time (pydantic caches it); mypy sees a variable.
        return self._get(Page[item], path, params)  # type: ignore[valid-type]

    def _all(self, item: type[M], path: str, params: Mapping[str, Any] | None = None) -> Iterator[M]:
        """Every item of a list, page after page up to its total."""
        offset = 0
        while True:
            page = self._page(item, path, {**(params or {}), "limit": PAGE_LIMIT, "offset": offset})
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    def _range(self, item: type[M], path: str, start: int, end: int) -> list[M]:
        """Items [start, end) of the log feed, by ranges of at most PAGE_LIMIT (its cap)."""
        out: list[M] = []
        while start < end:
            stop = min(end, start + PAGE_LIMIT)
            items = self._page(item, path, {"start": start, "end": stop}).items
            if not items:
                raise ApiError(200, "short answer", f"{path}: nothing from {start}")
            out.extend(items)
            start = stop
        return out

    # --- the contract's endpoints -------------------------------------------------------------
    def login(self, username: str, password: str) -> Token:
        return self._post(Token, "/v1/auth/token", data={"username": username, "password": password})

    def health(self) -> Health:
        return self._get(Health, "/v1/health")

    def log_info(self) -> LogInfo:
        return self._get(LogInfo, "/v1/log")

    def checkpoints(self) -> list[CheckpointOut]:
        return list(self._all(CheckpointOut, "/v1/checkpoints"))

    def leaves(self, start: int, end: int) -> list[str]:
        """Leaf hashes (hex) of [start, end)."""
        return [leaf.leaf_hash for leaf in self._range(LeafOut, "/v1/log/leaves", start, end)]

    def consistency(self, first: int, second: int) -> list[bytes]:
        """The log's consistency proof between two tree sizes: its hashes, to check, not trust."""
        answer = self._get(ConsistencyOut, "/v1/log/consistency", {"first": first, "second": second})
        try:
            return [bytes.fromhex(h) for h in answer.proof]
        except ValueError:
            raise ApiError(502, "the consistency proof is not hex") from None

    def log_entries(self, start: int, end: int) -> list[LogEntryOut]:
        """The log feed's entries of [start, end): public ones whole, private ones as leaf hashes."""
        return self._range(LogEntryOut, "/v1/log/entries", start, end)

    def proof(
        self, entry_id: str, *, kind: str | None = None, version: int | None = None, fmt: str = "rlproof"
    ) -> bytes:
        params = {"kind": kind, "version": version, "format": fmt}
        return self._request("GET", f"/v1/proofs/{_seg(entry_id)}", params=_clean(params)).content

    def fingerprint(self, leaf_hash: str) -> bytes:
        """The proof of an entry's fingerprint (leaf hash), the entry withheld: open to anyone."""
        return self._request("GET", f"/v1/fingerprints/{_seg(leaf_hash)}").content

    def works(self, **query: Any) -> Page[WorkSummary]:
        return self._page(WorkSummary, "/v1/works", query)

    def recordings(self, **query: Any) -> Page[RecordingSummary]:
        return self._page(RecordingSummary, "/v1/recordings", query)

    def history(self, what: str, ident: str) -> list[VersionOut]:
        """Every recorded version of a work, recording or license (`what`: works, recordings,
        licenses), oldest first."""
        return list(self._all(VersionOut, f"/v1/{_seg(what)}/{_seg(ident)}/history"))

    def work(self, ident: str) -> WorkDetail:
        return self._get(WorkDetail, f"/v1/works/{_seg(ident)}")

    def recording(self, ident: str) -> RecordingDetail:
        return self._get(RecordingDetail, f"/v1/recordings/{_seg(ident)}")

    def log_search(self, **query: Any) -> Page[LogEntryOut]:
        """Entries of the log by `leaf_hash`, `index` or public `entry` id (one of them)."""
        return self._page(LogEntryOut, "/v1/log/search", query)

    def license(self, number: str) -> LicenseOut:
        return self._get(LicenseOut, f"/v1/licenses/{_seg(number)}")

    def licenses(self, **query: Any) -> Page[LicenseOut]:
        return self._page(LicenseOut, "/v1/licenses", query)

    def distributions(self, **query: Any) -> Page[DistributionOut]:
        return self._page(DistributionOut, "/v1/distributions", query)

    def all_distributions(self) -> list[DistributionOut]:
        return list(self._all(DistributionOut, "/v1/distributions"))

    def me(self) -> Me:
        return self._get(Me, "/v1/me")

    def statements(self, period: str | None = None) -> list[StatementSummary]:
        return list(self._all(StatementSummary, "/v1/me/statements", {"period": period}))

    def statement(self, period: str, source: str) -> list[StatementDetail]:
        """The member's statement(s) of a period and source with their lines: the distribution's,
        then adjustments'. A line is proven by the proof of the statement entry that lists it."""
        return self._page(StatementDetail, f"/v1/me/statements/{_seg(period)}/{_seg(source)}").items

    def report(self, month: str) -> ReportOut:
        return self._get(ReportOut, f"/v1/reports/{_seg(month)}")

    def audit_summary(self) -> AuditSummary:
        return self._get(AuditSummary, "/v1/audit/summary")

    # --- admin: anchoring ---------------------------------------------------------------------
    def conflicts(self, limit: int = 20, offset: int = 0, status: str = "open") -> Page[ConflictOut]:
        return self._page(
            ConflictOut, "/v1/admin/conflicts", {"limit": limit, "offset": offset, "status": status}
        )

    def resolve_conflict(self, case: str, shares: list[dict[str, Any]], note: str) -> ConflictOut:
        body = {"shares": shares, "note": note}
        return self._post(ConflictOut, f"/v1/admin/conflicts/{_seg(case)}/resolve", json=body)

    def duplicates(self, limit: int = 20, offset: int = 0, status: str = "pending") -> Page[DuplicateOut]:
        params = {"limit": limit, "offset": offset, "status": status}
        return self._page(DuplicateOut, "/v1/admin/duplicates", params)

    def merge_duplicate(self, candidate: str, survivor: str) -> DuplicateOut:
        path = f"/v1/admin/duplicates/{_seg(candidate)}/merge"
        return self._post(DuplicateOut, path, json={"survivor": survivor})

    def keep_apart(self, candidate: str) -> DuplicateOut:
        return self._post(DuplicateOut, f"/v1/admin/duplicates/{_seg(candidate)}/keep-apart")

    def proposals(self, status: str = "prepared", limit: int = 50, offset: int = 0) -> Page[ProposalOut]:
        params = {"status": status, "limit": limit, "offset": offset}
        return self._page(ProposalOut, "/v1/admin/distributions/proposals", params)

    def prepare_distribution(
        self, period: str, source: str, pool_fen: int | None, adjustment: bool = False
    ) -> ProposalOut:
        body = {"period": period, "source": source, "pool_fen": pool_fen, "adjustment": adjustment}
        return self._post(ProposalOut, "/v1/admin/distributions/proposals", json=body)

    def approve_distribution(self, proposal: str) -> ProposalOut:
        return self._post(ProposalOut, f"/v1/admin/distributions/proposals/{_seg(proposal)}/approve")

    def refuse_distribution(self, proposal: str, reason: str) -> ProposalOut:
        path = f"/v1/admin/distributions/proposals/{_seg(proposal)}/refuse"
        return self._post(ProposalOut, path, json={"reason": reason})

    def cwr_files(self, limit: int = 50, offset: int = 0) -> Page[CwrFileOut]:
        return self._page(CwrFileOut, "/v1/admin/imports/cwr", {"limit": limit, "offset": offset})

    def cwr_acknowledgement(self, sha256: str) -> tuple[str, bytes]:
        """The CWR ACK file the society sends back for a registration file it received: its file
        name (as the API names it) and its bytes."""
        response = self._request("GET", f"/v1/admin/imports/cwr/{_seg(sha256)}/acknowledgement")
        named = re.search(r'filename="([^"]+)"', response.headers.get("content-disposition", ""))
        return (named.group(1) if named else f"{sha256[:16]}.ack"), response.content

    # --- the members' roster --------------------------------------------------------------------
    def members(self, **query: Any) -> Page[MemberOut]:
        return self._page(MemberOut, "/v1/admin/members", query)

    def member(self, member: str) -> MemberOut:
        return self._get(MemberOut, f"/v1/admin/members/{_seg(member)}")

    def register_member(self, body: Mapping[str, Any]) -> MemberOut:
        return self._post(MemberOut, "/v1/admin/members", json=dict(body))

    def change_member(self, member: str, body: Mapping[str, Any]) -> MemberOut:
        return self._post(MemberOut, f"/v1/admin/members/{_seg(member)}", json=dict(body))

    # --- works sent from outside: the registry clerks' review queue -----------------------------
    def works_template(self, fmt: str = "xlsx", language: str = "en") -> tuple[str, bytes]:
        """The blank works template (public): its file name, as the API names it, and its bytes."""
        params = {"format": fmt, "language": language}
        response = self._request("GET", "/v1/works-template", params=params)
        named = re.search(r'filename="([^"]+)"', response.headers.get("content-disposition", ""))
        return (named.group(1) if named else f"works-template-{language}.{fmt}"), response.content

    def send_works_template(self, name: str, data: bytes, submitter: str) -> IntakeOut:
        """Queue a filled works template sent by `submitter`: one pending submission per sound row."""
        path = "/v1/admin/submissions/template"
        return self._post(IntakeOut, path, files={"file": (name, data)}, data={"submitter": submitter})

    def submissions(self, **query: Any) -> Page[SubmissionOut]:
        return self._page(SubmissionOut, "/v1/admin/submissions", query)

    def submission(self, submission: str) -> SubmissionOut:
        return self._get(SubmissionOut, f"/v1/admin/submissions/{_seg(submission)}")

    def accept_submission(
        self, submission: str, corrected: Mapping[str, Any] | None = None, note: str | None = None
    ) -> SubmissionOut:
        """Accept as sent, or as `corrected` (the whole work, as the API's SubmittedWork)."""
        body = {"corrected": dict(corrected) if corrected is not None else None, "note": note or None}
        path = f"/v1/admin/submissions/{_seg(submission)}/accept"
        return self._post(SubmissionOut, path, json=body)

    def reject_submission(self, submission: str, reason: str) -> SubmissionOut:
        path = f"/v1/admin/submissions/{_seg(submission)}/reject"
        return self._post(SubmissionOut, path, json={"reason": reason})

    def accept_submissions(self, ids: list[str]) -> BulkAcceptOut:
        return self._post(BulkAcceptOut, "/v1/admin/submissions/accept", json={"ids": list(ids)})

    def register_work(self, work: Mapping[str, Any], submitter: str) -> SubmissionOut:
        """A work entered by form (the API's SubmittedWork), registered in `submitter`'s name."""
        return self._post(SubmissionOut, "/v1/admin/works", json={"work": dict(work), "submitter": submitter})

    # --- finance -------------------------------------------------------------------------------
    def receivables(self, **query: Any) -> Page[ReceivableOut]:
        return self._page(ReceivableOut, "/v1/admin/receivables", query)

    def ageing(self, period: str | None = None) -> AgeingOut:
        return self._get(AgeingOut, "/v1/admin/receivables/ageing", {"period": period})

    def send_reminder(self, invoice: str, channel: str, note: str | None = None) -> ReminderOut:
        path = f"/v1/admin/receivables/{_seg(invoice)}/reminders"
        return self._post(ReminderOut, path, json={"channel": channel, "note": note or None})

    def reminder_run(self, channel: str) -> ReminderRunOut:
        return self._post(ReminderRunOut, "/v1/admin/reminders/run", json={"channel": channel})

    def run_invoices(self, period: str) -> InvoiceRunOut:
        return self._post(InvoiceRunOut, "/v1/admin/invoices/run", params={"period": period})

    def record_payment(
        self, invoice: str, amount_fen: int, received_on: str, reference: str, method: str
    ) -> PaymentOut:
        body = {
            "invoice": invoice,
            "amount_fen": amount_fen,
            "received_on": received_on,
            "reference": reference,
            "method": method,
        }
        return self._post(PaymentOut, "/v1/admin/payments", json=body)

    def import_bank_statement(self, name: str, data: bytes) -> BankStatementOut:
        return self._post(BankStatementOut, "/v1/admin/payments/bank-statement", files={"file": (name, data)})

    # --- licensing officers: licensees and licenses --------------------------------------------
    def licensees(self, **query: Any) -> Page[LicenseeOut]:
        return self._page(LicenseeOut, "/v1/admin/licensees", query)

    def licensee(self, ref: str) -> LicenseeOut:
        return self._get(LicenseeOut, f"/v1/admin/licensees/{_seg(ref)}")

    def add_licensee(self, body: Mapping[str, Any]) -> LicenseeOut:
        return self._post(LicenseeOut, "/v1/admin/licensees", json=dict(body))

    def edit_licensee(self, ref: str, changes: Mapping[str, Any]) -> LicenseeOut:
        return self._post(LicenseeOut, f"/v1/admin/licensees/{_seg(ref)}/edit", json=dict(changes))

    def close_licensee(self, ref: str, reason: str) -> LicenseeOut:
        return self._post(LicenseeOut, f"/v1/admin/licensees/{_seg(ref)}/close", json={"reason": reason})

    def issue_license(self, licensee: str, tariff: str, valid_from: str, valid_to: str) -> LicenseOut:
        body = {"licensee": licensee, "tariff": tariff, "valid_from": valid_from, "valid_to": valid_to}
        return self._post(LicenseOut, "/v1/admin/licenses", json=body)

    def change_license(self, number: str, change: str, reason: str) -> LicenseOut:
        """`change`: suspend, reinstate or revoke."""
        path = f"/v1/admin/licenses/{_seg(number)}/{_seg(change)}"
        return self._post(LicenseOut, path, json={"reason": reason})

    def cwr_export(self, member: str | None = None, version: str = "2.2") -> tuple[str, bytes]:
        """The society's works as a CWR file (one member's when named): its file name and bytes."""
        params = _clean({"member": member, "version": version})
        response = self._request("GET", "/v1/admin/exports/cwr", params=params)
        named = re.search(r'filename="([^"]+)"', response.headers.get("content-disposition", ""))
        return (named.group(1) if named else "works.V22"), response.content

    def anchoring_status(self) -> AnchoringStatusOut:
        return self._get(AnchoringStatusOut, "/v1/admin/anchoring/status")

    def anchoring_history(self, limit: int = 20) -> Page[AnchorOut]:
        return self._page(AnchorOut, "/v1/admin/anchoring/history", {"limit": limit})

    def run_anchoring(self) -> AnchoringRun:
        return self._post(AnchoringRun, "/v1/admin/anchoring/run")

    def anchoring_estimate(self) -> AnchoringEstimateOut:
        return self._get(AnchoringEstimateOut, "/v1/admin/anchoring/estimate")

    # --- a member's own: repertoire with their shares, unidentified usage and claims ------------
    def my_works(self, **query: Any) -> Page[MyWork]:
        return self._page(MyWork, "/v1/me/works", query)

    def my_recordings(self, **query: Any) -> Page[MyRecording]:
        return self._page(MyRecording, "/v1/me/recordings", query)

    def unidentified(self, **query: Any) -> Page[UnidentifiedOut]:
        return self._page(UnidentifiedOut, "/v1/unidentified", query)

    def my_claims(self, **query: Any) -> Page[ClaimOut]:
        return self._page(ClaimOut, "/v1/me/claims", query)

    def claim(
        self, unidentified_id: int, *, recording: str | None = None, work: str | None = None, note: str = ""
    ) -> ClaimOut:
        wanted = {"unidentified_id": unidentified_id, "recording": recording, "work": work, "note": note}
        body = _clean(wanted)
        return self._post(ClaimOut, "/v1/me/claims", json=body)

    # --- a licensee's own: licenses, invoices, contracts and signing ---------------------------
    def my_licenses(self, **query: Any) -> Page[LicenseOut]:
        return self._page(LicenseOut, "/v1/me/licenses", query)

    def my_invoices(self, **query: Any) -> Page[InvoiceOut]:
        return self._page(InvoiceOut, "/v1/me/invoices", query)

    def my_contracts(self) -> list[ContractOut]:
        return list(self._all(ContractOut, "/v1/me/contracts"))

    def sign_contract(self, number: str, signature: str) -> ContractOut:
        """Send the licensee's signature (base64 Ed25519 over the payload, made on its own machine)."""
        return self._post(ContractOut, f"/v1/me/contracts/{_seg(number)}/sign", json={"signature": signature})


def _parse(model: type[M], response: httpx.Response, path: str) -> M:
    """The answer as the contract's payload; anything else is a named error, never a guess."""
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise ApiError(response.status_code, "unexpected answer", f"{path}: {_first(exc)}") from None


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "answer"
    return f"{where}: {error['msg']}"


def _seg(value: str) -> str:
    """One path segment: ids go in the URL escaped, never as path syntax."""
    return quote(str(value), safe="")


def _clean(params: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (params or {}).items() if v not in (None, "")}


def _error(response: httpx.Response) -> ApiError:
    problem = _problem(response)
    title = problem.title if problem else response.reason_phrase or "error"
    detail = (problem.detail or "") if problem else ""
    status = response.status_code
    if status == 404:
        error = NotFound(status, title, detail)
        error.route_missing = problem is None or problem.type != NOT_FOUND_TYPE
        return error
    if status in (401, 403):
        return Unauthorised(status, title, detail)
    if problem is not None and problem.type == NOT_YET_PROVABLE_TYPE:
        return NotYetProvable(status, title, detail)
    refused = ApiError(status, title, detail)
    refused.fields = [e.field for e in problem.errors or []] if problem is not None else []
    return refused


def _problem(response: httpx.Response) -> Problem | None:
    """The answer's problem details when it is problem+json as the contract says, else None."""
    if not response.headers.get("content-type", "").startswith("application/problem+json"):
        return None
    try:
        return Problem.model_validate_json(response.content)
    except ValidationError:
        return None
