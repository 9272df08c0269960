"""Admins: the licensing and royalty writes over HTTP, each a thin call to its service (which
records the ledger entries in the same transaction): licenses, invoice runs, payments, usage
imports (size-limited uploads) and distributions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, UploadFile, status

from payloads.distribution import DistributionRunOut
from payloads.licensing import InvoiceRunOut, LicenseOut, PaymentOut
from payloads.usage import UsageImportOut
from registry.api import views
from registry.api.deps import NO_NUL, Db, require
from registry.api.periods import BusinessPeriod, check_period
from registry.api.problems import not_found, problem_responses
from registry.api.schemas import DistributionRunIn, LicenseIssueIn, PaymentIn, StatusChangeIn
from registry.api.unit_of_work import unit_of_work
from registry.services.access.users import Principal
from registry.services.distribution.lookups import run_distribution
from registry.services.licensing import lookups as licensing_lookups
from registry.services.licensing.invoices import Declaration, balance_fen, run_invoices
from registry.services.licensing.licenses import (
    LicenseInput,
    issue_license,
    reinstate_license,
    revoke_license,
    suspend_license,
)
from registry.services.licensing.payments import PaymentInput, record_payment
from registry.services.reporting import lookups
from registry.services.usage.uploads import import_uploaded_usage

USAGE_UPLOAD = "/v1/admin/imports/usage"
UPLOADS = (USAGE_UPLOAD,)
router = APIRouter(prefix="/v1/admin", tags=["admin"], responses=problem_responses(401, 403, 422, 503))
# Licenses are a licensing officer's work; invoices, payments, usage and distributions finance's.
Licensing = Annotated[Principal, Depends(require("admin", "licensing"))]
Finance = Annotated[Principal, Depends(require("admin", "finance"))]
Admin = Annotated[Principal, Depends(require("admin"))]
Number = Annotated[str, Path(max_length=40, pattern=NO_NUL)]


@router.post("/licenses", response_model=LicenseOut, status_code=status.HTTP_201_CREATED)
@unit_of_work
def issue(_: Licensing, db: Db, data: LicenseIssueIn) -> LicenseOut:
    """Issue a license (its first `license` entry)."""
    found = issue_license(
        db,
        LicenseInput(
            licensee=data.licensee,
            tariff=data.tariff,
            tariff_version=data.tariff_version,
            valid_from=data.valid_from,
            valid_to=data.valid_to,
            territory=data.territory,
        ),
    )
    out = views.license(found, lookups.latest_stated(db, "license", [found.number])[found.number])
    db.commit()
    return out


def _change(db: Any, number: str, change: Any, reason: str) -> LicenseOut:
    if licensing_lookups.license_by_number(db, number) is None:
        raise not_found(f"no license {number!r}")
    changed = change(db, number, reason)
    out = views.license(changed, lookups.latest_stated(db, "license", [changed.number])[changed.number])
    db.commit()
    return out


@router.post("/licenses/{number}/suspend", response_model=LicenseOut, responses=problem_responses(404))
@unit_of_work
def suspend(_: Licensing, db: Db, number: Number, data: StatusChangeIn) -> LicenseOut:
    return _change(db, number, suspend_license, data.reason)


@router.post("/licenses/{number}/reinstate", response_model=LicenseOut, responses=problem_responses(404))
@unit_of_work
def reinstate(_: Licensing, db: Db, number: Number, data: StatusChangeIn) -> LicenseOut:
    """A suspended license in force again (a revoked or expired one is not)."""
    return _change(db, number, reinstate_license, data.reason)


@router.post("/licenses/{number}/revoke", response_model=LicenseOut, responses=problem_responses(404))
@unit_of_work
def revoke(_: Licensing, db: Db, number: Number, data: StatusChangeIn) -> LicenseOut:
    return _change(db, number, revoke_license, data.reason)


@router.post("/invoices/run", response_model=InvoiceRunOut)
@unit_of_work
def invoice_run(
    _: Finance,
    db: Db,
    period: BusinessPeriod,
    declarations: Annotated[
        dict[str, dict[str, Any]] | None,
        Body(description="per license number: declared revenue_fen, streams, room_day_plays"),
    ] = None,
) -> InvoiceRunOut:
    """Issue the period's missing invoices; those already issued are named, not issued again."""
    declared = {number: Declaration.from_json(number, data) for number, data in (declarations or {}).items()}
    run = run_invoices(db, period, declared)
    out = InvoiceRunOut(**run.to_dict())
    db.commit()
    return out


@router.post("/payments", response_model=PaymentOut)
@unit_of_work
def payment(_: Finance, db: Db, data: PaymentIn) -> PaymentOut:
    """Record a payment against an invoice; the same transfer (reference) again changes nothing."""
    made, new = record_payment(
        db,
        PaymentInput(
            invoice=data.invoice,
            amount_fen=data.amount_fen,
            received_on=data.received_on,
            reference=data.reference,
            method=data.method,
        ),
    )
    out = PaymentOut(
        invoice=made.invoice.number,
        amount_fen=made.amount_fen,
        currency=made.currency,
        received_on=made.received_on.isoformat(),
        reference=made.reference,
        method=made.method,
        new=new,
        balance_fen=balance_fen(made.invoice),
    )
    db.commit()
    return out


@router.post("/imports/usage", response_model=UsageImportOut, responses=problem_responses(413))
@unit_of_work
def import_usage_file(
    _: Finance,
    db: Db,
    request: Request,
    file: UploadFile,
    period: BusinessPeriod,
    source: Annotated[str, Query(pattern=r"^[a-z0-9][a-z0-9_-]{0,29}$")],
    lenient_counts: Annotated[bool, Query(description="import a DSR with FOOT line counts one off")] = False,
) -> UsageImportOut:
    """Ingest a usage report (DSR or CSV) for a period and source: matched to the repertoire,
    unidentified usage grouped for claims; the same file again changes nothing."""
    data_dir = request.app.state.rl.settings.data_dir
    report = import_uploaded_usage(
        db, data_dir, file.file, file.filename, period, source, lenient_counts=lenient_counts
    )
    db.commit()
    return UsageImportOut(report=report.to_dict())


@router.post("/distributions", response_model=DistributionRunOut)
@unit_of_work
def distribution(_: Admin, db: Db, request: Request, data: DistributionRunIn) -> DistributionRunOut:
    """Distribute a period's pool for a source (default pool: the period's collections) from the
    matched usage: lines, members' statements and the public summary, in one transaction. An
    admin's alone: staff prepare a proposal that a second person approves (four eyes)."""
    settings = request.app.state.rl.settings
    data_dir = settings.data_dir
    check_period(data.period, ("body", "period"), settings)
    result = run_distribution(
        db, data_dir, data.period, data.source, pool=data.pool_fen, adjustment=data.adjustment
    )
    out = result.to_dict()
    db.commit()
    return DistributionRunOut(
        status=out.pop("status"),
        run_id=out.pop("run_id"),
        summary_id=out.pop("summary_id"),
        messages=out.pop("messages"),
        summary=out,
    )
