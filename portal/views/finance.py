"""Finance (staff): what licensees owe and for how long (ageing, the reminder each invoice is due
for), payments received one by one or from a bank statement, and the period's invoice runs.
The list's filters and page live in the URL, so a refresh or a shared link shows the same view.
Auditors read the balances; recording is finance's."""

from __future__ import annotations

import re
from datetime import date

import streamlit as st

from payloads.finance import AgeingOut, BankStatementOut, ReceivableOut
from portal import ui
from portal.pager import pager, share
from portal.paging import PageOf, page_from
from portal.statements import format_money
from portal.units import typed_fen

STATUSES = ("outstanding", "overdue", "all")
CHANNELS = ("letter", "email", "sms", "phone")
METHODS = ("bank_transfer", "alipay", "wechat_pay", "cash", "cheque")
PERIOD = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")

st.title(ui.t("nav.finance"))
st.write(ui.t("finance.intro"))
if not ui.require_role("admin", "finance", "auditor"):
    st.stop()
writes = st.session_state.get("role") in ("admin", "finance")
if said := st.session_state.pop("finance_said", None):
    st.success(said, icon=ui.ICON_OK)


def ageing_rows(aged: AgeingOut) -> list[dict[str, str]]:
    col = {k: ui.t(f"finance.col.{k}") for k in ("bucket", "invoices", "balance")}
    rows = [
        {
            col["bucket"]: ui.t(f"finance.bucket.{b.bucket}"),
            col["invoices"]: f"{b.invoices:,}",
            col["balance"]: format_money(b.balance_fen),
        }
        for b in aged.buckets
    ]
    rows.append(
        {
            col["bucket"]: ui.t("finance.bucket.total"),
            col["invoices"]: f"{aged.invoices:,}",
            col["balance"]: format_money(aged.balance_fen),
        }
    )
    return rows


def invoice_rows(items: list[ReceivableOut]) -> list[dict[str, object]]:
    keys = ("number", "licensee", "license", "period", "source", "amount", "paid", "balance", "due_on")
    col = {k: ui.t(f"finance.col.{k}") for k in (*keys, "days_overdue", "reminder", "last_reminder")}
    return [
        {
            col["number"]: i.number,
            col["licensee"]: i.licensee_name,
            col["license"]: i.license,
            col["period"]: i.period,
            col["source"]: ui.word("enum.source", i.source),
            col["amount"]: format_money(i.amount_fen, i.currency),
            col["paid"]: format_money(i.paid_fen, i.currency),
            col["balance"]: format_money(i.balance_fen, i.currency),
            col["due_on"]: i.due_on,
            col["days_overdue"]: i.days_overdue,
            col["reminder"]: ui.word("finance.reminder", i.reminder),
            col["last_reminder"]: ""
            if i.last_reminder is None
            else f"{ui.word('finance.reminder', i.last_reminder.stage)} {i.last_reminder.sent_on}",
        }
        for i in items
    ]


def reminders() -> None:
    """Reminders sent: the day's run (every reminder due), or one invoice's by hand."""
    st.subheader(ui.t("finance.reminders"))
    st.caption(ui.t("finance.reminders_note"))
    channels = {c: ui.t(f"finance.channel.{c}") for c in CHANNELS}
    left, right = st.columns(2)
    with left.form("reminder_run"):
        channel = st.selectbox(
            ui.t("finance.channel"), CHANNELS, format_func=channels.__getitem__, key="run_channel"
        )
        if st.form_submit_button(ui.t("finance.reminder_run"), type="primary"):
            run = ui.call(lambda c: c.reminder_run(channel))
            if run is not None:
                st.session_state["finance_said"] = ui.t(
                    "finance.reminders_sent",
                    sent=run.sent,
                    first=run.by_stage.get("first_reminder", 0),
                    second=run.by_stage.get("second_reminder", 0),
                    final=run.by_stage.get("final_notice", 0),
                    amount=format_money(run.balance_fen),
                )
                st.rerun()
    with right.form("reminder_one"):
        invoice = st.text_input(
            ui.t("finance.invoice"), placeholder="INV-202603-000001", key="remind_invoice"
        )
        how = st.selectbox(
            ui.t("finance.channel"), CHANNELS, format_func=channels.__getitem__, key="one_channel"
        )
        note = st.text_input(ui.t("finance.reminder_note"), max_chars=300, key="remind_note")
        if st.form_submit_button(ui.t("finance.reminder_one")):
            if not invoice.strip():
                st.warning(ui.t("finance.need_invoice"))
                return
            sent = ui.call(
                lambda c: c.send_reminder(invoice.strip(), how, note.strip()), what=invoice.strip()
            )
            if sent is not None:
                st.session_state["finance_said"] = ui.t(
                    "finance.reminder_recorded",
                    stage=ui.word("finance.reminder", sent.stage),
                    invoice=sent.invoice,
                    amount=format_money(sent.balance_fen, sent.currency),
                )
                st.rerun()


def balances() -> None:
    params = st.query_params
    status = params.get("status") if params.get("status") in STATUSES else "outstanding"
    left, middle, right = st.columns([2, 2, 1])
    names = {s: ui.t(f"finance.status.{s}") for s in STATUSES}  # looked up now, in the reader's words
    status = left.radio(
        ui.t("finance.show"),
        STATUSES,
        index=STATUSES.index(status),
        format_func=names.__getitem__,
        horizontal=True,
    )
    q = middle.text_input(ui.t("finance.search"), value=params.get("q", ""), max_chars=100).strip()
    period = right.text_input(ui.t("finance.period_filter"), value=params.get("period", "")).strip()
    if period and not PERIOD.fullmatch(period):
        st.warning(ui.t("finance.bad_period"))
        return
    number, size = page_from(params)
    wanted = {"status": "" if status == "outstanding" else status, "q": q, "period": period}
    if any(params.get(k, "") != v for k, v in wanted.items()):
        number = 1  # a new filter starts at its first page
    share({**wanted, "page": number, "size": size})

    aged = ui.call(lambda c: c.ageing(period or None))
    if aged is not None:
        st.subheader(ui.t("finance.ageing", day=aged.as_of))
        st.table(ageing_rows(aged))
        st.caption(ui.t("finance.ageing_note"))
    view = PageOf(number, size, 0)
    page = ui.call(
        lambda c: c.receivables(status=status, q=q, period=period, limit=view.size, offset=view.offset)
    )
    if page is None:
        return
    view = PageOf(number, size, page.total)
    if not page.total:
        st.info(ui.t("finance.none"))
        return
    pager(view, "finance_pager")
    st.dataframe(invoice_rows(page.items), hide_index=True, width="stretch")


def payment_form() -> None:
    with st.form("payment", clear_on_submit=False):
        st.subheader(ui.t("finance.payment"))
        a, b, c = st.columns(3)
        invoice = a.text_input(ui.t("finance.invoice"), placeholder="INV-202603-000001", key="pay_invoice")
        amount = b.text_input(ui.t("finance.amount"), key="pay_amount")
        received = c.date_input(ui.t("finance.received_on"), value=date.today(), format="YYYY-MM-DD")
        d, e = st.columns(2)
        reference = d.text_input(ui.t("finance.reference"), max_chars=80, key="pay_reference")
        methods = {m: ui.t(f"finance.method.{m}") for m in METHODS}
        method = e.selectbox(ui.t("finance.method"), METHODS, format_func=methods.__getitem__)
        sent = st.form_submit_button(ui.t("finance.record"), type="primary")
    if not sent:
        return
    amount_fen = typed_fen(amount) or None  # a payment is above 0
    if not invoice.strip():
        st.warning(ui.t("finance.need_invoice"))
    elif amount_fen is None:
        st.warning(ui.t("finance.bad_amount"))
    elif not reference.strip():
        st.warning(ui.t("finance.need_reference"))
    else:
        made = ui.call(
            lambda c: c.record_payment(
                invoice.strip(), amount_fen, received.isoformat(), reference.strip(), method
            ),
            what=invoice.strip(),
        )
        if made is not None:
            st.session_state["finance_said"] = (
                ui.t(
                    "finance.recorded",
                    invoice=made.invoice,
                    amount=format_money(made.amount_fen, made.currency),
                    balance=format_money(made.balance_fen, made.currency),
                )
                if made.new
                else ui.t("finance.recorded_before", reference=made.reference)
            )
            st.rerun()


def why(reason: str | None, message: str) -> str:
    """A line's reason in the reader's words; the registry's refusal as it said it."""
    if reason is None or reason == "refused":
        return message
    return ui.t(f"finance.reason.{reason}")


def statement_report(report: BankStatementOut) -> None:
    st.success(
        ui.t(
            "finance.imported",
            name=report.name,
            lines=report.lines,
            recorded=report.counts.get("recorded", 0),
            amount=format_money(report.recorded_fen),
        ),
        icon=ui.ICON_OK,
    )
    outcome, count = ui.t("finance.col.outcome"), ui.t("finance.col.count")
    st.table(
        [{outcome: ui.t(f"finance.outcome.{k}"), count: f"{v:,}"} for k, v in report.counts.items() if v]
    )
    hand = [o for o in report.outcomes if o.outcome not in ("recorded", "already_recorded")]
    if hand:
        st.subheader(ui.t("finance.needs_hand"))
        col = {
            k: ui.t(f"finance.col.{k}")
            for k in ("line", "received_on", "amount", "reference", "payer", "number", "outcome", "message")
        }
        st.dataframe(
            [
                {
                    col["line"]: o.line,
                    col["received_on"]: o.received_on or "",
                    col["amount"]: "" if o.amount_fen is None else format_money(o.amount_fen),
                    col["reference"]: o.reference,
                    col["payer"]: o.payer,
                    col["number"]: o.invoice or "",
                    col["outcome"]: ui.t(f"finance.outcome.{o.outcome}"),
                    col["message"]: why(o.reason, o.message),
                }
                for o in hand
            ],
            hide_index=True,
            width="stretch",
        )


def statement_upload() -> None:
    st.subheader(ui.t("finance.statement"))
    st.caption(ui.t("finance.statement_help"))
    upload = st.file_uploader(ui.t("finance.statement_file"), type=["csv", "txt"], key="statement")
    if upload is not None and st.button(ui.t("finance.import"), type="primary"):
        report = ui.call(lambda c: c.import_bank_statement(upload.name, upload.getvalue()), what=upload.name)
        if report is not None:
            st.session_state["finance_statement"] = report
    if (kept := st.session_state.get("finance_statement")) is not None:
        statement_report(kept)


def invoice_run() -> None:
    with st.form("invoice_run"):
        st.subheader(ui.t("finance.run"))
        period = st.text_input(ui.t("finance.run_period"), placeholder="2026-03", key="run_period")
        sent = st.form_submit_button(ui.t("finance.run_go"), type="primary")
    if not sent:
        return
    if not PERIOD.fullmatch(period.strip()):
        st.warning(ui.t("finance.bad_period"))
        return
    run = ui.call(lambda c: c.run_invoices(period.strip()))
    if run is None:
        return
    st.success(
        ui.t(
            "finance.run_done",
            period=run.period,
            issued=len(run.issued),
            amount=format_money(run.issued_total_fen),
            already=len(run.already_invoiced),
            awaiting=len(run.awaiting_declaration),
        ),
        icon=ui.ICON_OK,
    )
    if run.problems:
        st.subheader(ui.t("finance.run_problems"))
        license_col, why = ui.t("finance.col.license"), ui.t("finance.col.problem")
        st.table([{license_col: p.get("license", ""), why: p.get("message", "")} for p in run.problems])


if writes:
    # One part at a time (not tabs): only the part shown draws its forms, and the choice, kept
    # in the URL, survives a refresh.
    parts = {k: ui.t(f"finance.tab.{k}") for k in ("balances", "payments", "invoices")}
    wanted = st.query_params.get("part", "balances")
    part = st.radio(
        ui.t("finance.part"),
        list(parts),
        index=list(parts).index(wanted) if wanted in parts else 0,
        format_func=parts.__getitem__,
        horizontal=True,
        label_visibility="collapsed",
    )
    if part != wanted:
        st.query_params["part"] = part
    if part == "balances":
        balances()
        st.divider()
        reminders()
    elif part == "payments":
        payment_form()
        st.divider()
        statement_upload()
    else:
        invoice_run()
else:
    st.info(ui.t("finance.read_only"))
    balances()
