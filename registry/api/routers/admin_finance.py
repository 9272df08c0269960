"""Finance over HTTP: what licensees owe (paged in the database), its ageing, the payment
reminders sent (one by one or the day's run, each a `reminder` entry), and a bank statement
imported as payments (each a `payment` entry in the request's transaction)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, UploadFile

from payloads.finance import (
    AgeingOut,
    BankStatementOut,
    ReceivableOut,
    ReminderIn,
    ReminderOut,
    ReminderRunIn,
    ReminderRunOut,
)
from payloads.paging import Page
from registry.api.deps import Db, Pages, require
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.api.unit_of_work import unit_of_work
from registry.kinds.reminder import reminder_body
from registry.services.access.users import Principal
from registry.services.enforcement.evidence_uploads import safe_filename
from registry.services.licensing import receivables, reminders
from registry.services.licensing.bank_statements import import_bank_statement

BANK_STATEMENT_UPLOAD = "/v1/admin/payments/bank-statement"
UPLOADS = (BANK_STATEMENT_UPLOAD,)
MAX_STATEMENT_BYTES = 32 << 20  # 100,000 lines of a bank's export fit many times over
router = APIRouter(prefix="/v1/admin", tags=["finance"], responses=problem_responses(401, 403, 422))
Finance = Annotated[Principal, Depends(require("admin", "finance"))]
Readers = Annotated[Principal, Depends(require("admin", "finance", "auditor"))]
Period = Annotated[
    str | None, Query(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", description="billing period YYYY-MM")
]
INVOICE = r"^INV-[0-9]{6}-[0-9]{6}$"
AsOf = Annotated[date | None, Query(description="the day ages are counted to; default today")]


@router.get("/receivables", response_model=Page[ReceivableOut])
def receivables_list(
    _: Readers,
    db: Db,
    pages: Pages,
    status: Annotated[
        Literal["outstanding", "overdue", "all"], Query(description="overdue: the reminders due")
    ] = "outstanding",
    period: Period = None,
    q: Annotated[str | None, Query(max_length=100, description="invoice, license or licensee name")] = None,
    as_of: AsOf = None,
) -> Page[ReceivableOut]:
    """Invoices with what is paid and the balance, oldest due date first, each with its days past
    due and the reminder it is due for."""
    page = receivables.receivables_page(
        db,
        status=status,
        today=as_of or date.today(),
        period=period,
        q=q,
        limit=pages.limit,
        offset=pages.offset,
    )
    return Page(
        items=[ReceivableOut(**i) for i in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/receivables/ageing", response_model=AgeingOut)
def receivables_ageing(_: Readers, db: Db, period: Period = None, as_of: AsOf = None) -> AgeingOut:
    """The outstanding balance by days past due; the buckets add up to the total."""
    return AgeingOut(**receivables.ageing(db, today=as_of or date.today(), period=period))


@router.post(
    "/receivables/{invoice}/reminders",
    response_model=ReminderOut,
    status_code=201,
    responses=problem_responses(404, 409),
)
@unit_of_work
def reminder(
    caller: Finance,
    db: Db,
    invoice: Annotated[str, Path(pattern=INVOICE, description="INV-YYYYMM-nnnnnn")],
    sent: ReminderIn,
) -> ReminderOut:
    """Record a payment reminder sent for an overdue invoice: the stage it is due for (or the one
    named, once it is due), how, and the balance it asks for. Each stage once (409 again); a paid
    or not yet overdue invoice is refused naming the field."""
    try:
        row = reminders.send_reminder(
            db,
            invoice,
            today=sent.sent_on or date.today(),
            sent_by=str(caller.username),
            channel=sent.channel,
            stage=sent.stage,
            note=sent.note,
        )
    except reminders.UnknownInvoice as exc:
        raise not_found(str(exc)) from None
    except reminders.AlreadySent as exc:
        raise ApiProblem(409, str(exc), slug="already-sent") from None
    out = ReminderOut(**reminder_body(row))
    db.commit()
    return out


@router.post("/reminders/run", response_model=ReminderRunOut)
@unit_of_work
def reminder_run(caller: Finance, db: Db, run: ReminderRunIn) -> ReminderRunOut:
    """Send every reminder due (`as_of`, default today): for each unpaid invoice past due, the
    stage it has reached unless that stage or a later one went already. Again the same day: none."""
    done = reminders.send_due_reminders(
        db, today=run.as_of or date.today(), sent_by=str(caller.username), channel=run.channel
    )
    out = ReminderRunOut(**asdict(done))
    db.commit()
    return out


@router.post("/payments/bank-statement", response_model=BankStatementOut, responses=problem_responses(413))
@unit_of_work
def bank_statement(_: Finance, db: Db, file: UploadFile) -> BankStatementOut:
    """Import a bank statement (CSV: date, amount, reference, payer, remark; Chinese headers
    too): each receipt whose remark names one invoice is recorded as its payment; every other
    line is reported with the field at fault. The same statement again records nothing twice."""
    data = file.file.read(MAX_STATEMENT_BYTES + 1)
    if len(data) > MAX_STATEMENT_BYTES:
        raise ApiProblem(413, f"a bank statement is at most {MAX_STATEMENT_BYTES >> 20} MiB")
    report = import_bank_statement(db, data, safe_filename(file.filename))
    out = BankStatementOut(**report.to_dict())
    db.commit()
    return out
