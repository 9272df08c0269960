"""The finance page (AppTest, the test world's API): balances aged and listed with the reminder
due, the forms refusing bad input naming the field before anything is sent, the list's filters
kept in the URL, an auditor reading without the forms; in English and Chinese."""

from __future__ import annotations

from typing import Any

import pytest

from payloads.finance import ReceivableOut, ReminderOut, ReminderRunOut, SentReminder
from payloads.paging import Page
from portal.api_client import ApiClient, ApiError
from tests.portal.test_pages import latin_words, login, ok, page, texts
from tests.portal.world import World

OVERDUE = ReceivableOut(
    number="INV-202602-000001",
    license="LIC-2026-000001",
    licensee="LE-1",
    licensee_name="Golden Voice KTV",
    period="2026-02",
    source="karaoke",
    amount_fen=302_400,
    paid_fen=2_400,
    balance_fen=300_000,
    currency="CNY",
    issued_on="2026-03-01",
    due_on="2026-03-31",
    days_overdue=45,
    reminder="second_reminder",
)


def test_finance_sees_the_ageing_and_the_list_with_the_reminder_due(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[dict[str, Any]] = []

    def receivables(self: ApiClient, **query: Any) -> Page[ReceivableOut]:
        asked.append(query)
        return Page[ReceivableOut](items=[OVERDUE], total=1, limit=query["limit"], offset=query["offset"])

    monkeypatch.setattr(ApiClient, "receivables", receivables)
    at = login(page("finance"), "finance", form="admin")
    assert at.radio[0].options == ["Balances and reminders", "Payments", "Invoice runs"]
    ageing = at.table[0].value
    assert list(ageing.iloc[:, 0]) == [
        "Not yet due",
        "1–30 days overdue",
        "31–60 days overdue",
        "61–90 days overdue",
        "Over 90 days overdue",
        "Total",
    ]
    listed = at.dataframe[0].value
    assert list(listed["Reminder due"]) == ["second reminder"]
    assert list(listed["Balance"]) == ["3,000.00 CNY"] and list(listed["Source"]) == ["karaoke"]
    assert asked[-1]["status"] == "outstanding"
    at.radio[1].set_value("overdue")
    at.text_input[0].input("golden")
    at = ok(at.run())
    assert asked[-1] | {"limit": 0} == {
        "status": "overdue",
        "q": "golden",
        "period": "",
        "limit": 0,
        "offset": 0,
    }
    assert (at.query_params["status"], at.query_params["q"]) == ("overdue", "golden")
    at.text_input[1].input("Feb 2026")
    at = ok(at.run())
    assert "The period is YYYY-MM, e.g. 2026-03." in [w.value for w in at.warning]

    zh = login(page("finance", lang="zh"), "finance", form="admin")
    assert list(zh.dataframe[0].value["应发通知"]) == ["第二次催款"]


def test_a_payment_with_a_bad_amount_or_no_reference_is_not_sent(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[Any, ...]] = []

    def record(self: ApiClient, *args: Any) -> None:
        sent.append(args)
        raise ApiError(422, "Unprocessable", "unknown invoice 'INV-202602-000009'")

    monkeypatch.setattr(ApiClient, "record_payment", record)
    at = login(page("finance"), "finance", form="admin")
    at.radio[0].set_value("payments")
    at = ok(at.run())
    form = {"pay_invoice": "INV-202602-000009", "pay_amount": "12.345", "pay_reference": "B-1"}
    for key, value in form.items():
        at.text_input(key=key).input(value)
    at.button(key="FormSubmitter:payment-Record the payment").click()
    at = ok(at.run())
    assert "The amount is above 0, at most two decimals." in [w.value for w in at.warning] and not sent
    at.text_input(key="pay_amount").input("1,200.50")
    at.text_input(key="pay_reference").input(" ")
    at.button(key="FormSubmitter:payment-Record the payment").click()
    at = ok(at.run())
    assert any("bank's reference" in w.value for w in at.warning) and not sent
    at.text_input(key="pay_reference").input("B-1")
    at.button(key="FormSubmitter:payment-Record the payment").click()
    at = ok(at.run())
    assert sent and sent[0][:2] == ("INV-202602-000009", 120_050) and sent[0][3:] == ("B-1", "bank_transfer")
    assert any("unknown invoice" in e.value for e in at.error)


def test_an_invoice_run_needs_a_period_of_the_form(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(ApiClient, "run_invoices", lambda self, period: asked.append(period))
    at = login(page("finance"), "finance", form="admin")
    at.radio[0].set_value("invoices")
    at = ok(at.run())
    assert at.query_params["part"] == "invoices"  # kept in the URL: a refresh stays here
    at.text_input(key="run_period").input("March")
    at.button(key="FormSubmitter:invoice_run-Issue the invoices").click()
    at = ok(at.run())
    assert "The period is YYYY-MM, e.g. 2026-03." in [w.value for w in at.warning] and not asked


def test_an_auditor_reads_the_balances_without_the_forms(portal_env: World) -> None:
    at = login(page("finance"), "auditor", form="admin")
    assert "Auditors read; they do not record payments or invoices." in texts(at)
    assert len(at.radio) == 1 and at.table and "No invoice matches." in texts(at)  # no parts: read only
    assert "pay_invoice" not in [t.key for t in at.text_input]


def test_others_are_asked_to_log_in_as_finance(portal_env: World) -> None:
    at = login(page("finance", lang="zh"), "clerk", form="admin")
    assert [w.value for w in at.warning] == ["此页面需要 管理员、财务或审计员 身份登录；您当前是 登记专员。"]
    en = login(page("finance"), "clerk", form="admin")
    assert [w.value for w in en.warning] == [
        "This page needs a login as admin, finance or auditor; you are logged in as registry clerk."
    ]


@pytest.mark.parametrize("part", ["payments", "invoices"])
def test_each_part_in_chinese_shows_no_english_word(portal_env: World, part: str) -> None:
    at = login(page("finance", lang="zh"), "finance", form="admin")
    at.radio[0].set_value(part)
    at = ok(at.run())
    for button in at.button:  # the forms refused empty, in Chinese too
        if button.key and button.key.startswith("FormSubmitter:"):
            button.click()
            at = ok(at.run())
    assert at.warning and latin_words(at) == set()


def test_finance_sends_the_reminders_due_and_records_one_by_hand(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, ...]] = []
    sent = OVERDUE.model_copy(
        update={"reminder": None, "last_reminder": SentReminder(stage="first_reminder", sent_on="2026-04-02")}
    )

    def receivables(self: ApiClient, **query: Any) -> Page[ReceivableOut]:
        return Page[ReceivableOut](items=[sent], total=1, limit=query["limit"], offset=query["offset"])

    def reminder_run(self: ApiClient, channel: str) -> ReminderRunOut:
        asked.append(("run", channel))
        stages = {"first_reminder": 2, "second_reminder": 1, "final_notice": 0}
        return ReminderRunOut(as_of="2026-05-15", sent=3, balance_fen=450_000, by_stage=stages, reminders=[])

    def send_reminder(self: ApiClient, invoice: str, channel: str, note: str | None = None) -> ReminderOut:
        asked.append((invoice, channel, note or ""))
        return ReminderOut(
            reminder="RM-9",
            invoice=invoice,
            stage="second_reminder",
            channel=channel,
            sent_on="2026-05-15",
            balance_fen=300_000,
            currency="CNY",
            days_overdue=45,
            note=note,
            sent_by="finance",
        )

    monkeypatch.setattr(ApiClient, "receivables", receivables)
    monkeypatch.setattr(ApiClient, "reminder_run", reminder_run)
    monkeypatch.setattr(ApiClient, "send_reminder", send_reminder)
    at = login(page("finance"), "finance", form="admin")
    listed = at.dataframe[0].value
    assert list(listed["Last reminder sent"]) == ["first reminder 2026-04-02"] and list(
        listed["Reminder due"]
    ) == [""]
    at.button(key="FormSubmitter:reminder_one-Record one reminder sent").click()
    at = ok(at.run())
    assert "Give the invoice number." in [w.value for w in at.warning] and not asked
    at.button(key="FormSubmitter:reminder_run-Send every reminder due today").click()
    at = ok(at.run())
    assert asked == [("run", "letter")]
    assert "3 reminders sent (2 first, 1 second, 0 final notices), asking 4,500.00 CNY." in [
        s.value for s in at.success
    ]
    at.text_input(key="remind_invoice").input("INV-202602-000001")
    at.selectbox(key="one_channel").set_value("email")
    at.text_input(key="remind_note").input("called too")
    at.button(key="FormSubmitter:reminder_one-Record one reminder sent").click()
    at = ok(at.run())
    assert asked[-1] == ("INV-202602-000001", "email", "called too")
    assert "second reminder of INV-202602-000001 recorded, asking 3,000.00 CNY." in [
        s.value for s in at.success
    ]

    zh = login(page("finance", lang="zh"), "finance", form="admin")
    assert list(zh.dataframe[0].value["已发通知"]) == ["第一次催款 2026-04-02"]
    zh.button(key="FormSubmitter:reminder_run-发送今天到期的全部催款通知").click()
    zh = ok(zh.run())
    assert "已发送 3 份催款通知（第一次 2、第二次 1、最后通知 0），催缴 4,500.00 CNY。" in [
        s.value for s in zh.success
    ]
    assert latin_words(zh) == set()
    assert {w.label for w in zh.selectbox} == {"发送方式"}
    assert "备注（可空）" in {w.label for w in zh.text_input}
    assert list(zh.selectbox(key="one_channel").options) == ["信函", "电子邮件", "短信", "电话"]
