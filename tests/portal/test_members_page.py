"""The members' roster page (AppTest, the test world's API): the roster searched and paged with
the search kept in the URL, a member opened with its facts and mandates, the forms refusing bad
input in the reader's language before anything is sent, auditors reading without forms."""

from __future__ import annotations

import re
from typing import Any

import pytest

from portal.api_client import ApiClient
from tests.portal.test_pages import ALLOWED_LATIN, latin_words, login, ok, page, texts
from tests.portal.world import World


def test_a_clerk_searches_the_roster_and_opens_a_member(portal_env: World) -> None:
    at = login(page("members"), "clerk", form="admin")
    assert at.radio[0].options == ["Roster", "Register a member"]
    roster = at.dataframe[0].value
    assert list(roster["Name"]) == ["Lijun Deng"] and list(roster["Membership"]) == ["member"]
    at.text_input[0].input("deng")
    at = ok(at.run())
    assert at.query_params["q"] == "deng" and len(at.dataframe[0].value) == 1
    picker = at.selectbox[1]
    member = next(o for o in picker.options if o.startswith("M-")).split(" · ")[0]
    picker.set_value(member)
    at = ok(at.run())
    assert at.query_params["member"] == member  # a refresh or a shared link opens it again
    assert f"{member} · Lijun Deng" in [h.value for h in at.subheader]
    facts = at.table[0].value
    assert dict(zip(facts["Fact"], facts["Value"], strict=True))["Membership"] == "member"

    zh = page("members", lang="zh")
    zh.query_params["member"] = member
    zh = login(zh, "clerk", form="admin")
    facts = zh.table[0].value
    assert dict(zip(facts["项目"], facts["内容"], strict=True))["会籍状态"] == "会员"
    assert latin_words(zh) == set()  # the member opened and its edit form, all in Chinese


def test_the_edit_form_refuses_an_end_without_its_day(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(ApiClient, "change_member", lambda self, m, body: sent.append((m, body)))
    at = page("members")
    at = login(at, "clerk", form="admin")
    member = next(o for o in at.selectbox[1].options if o.startswith("M-")).split(" · ")[0]
    at.selectbox[1].set_value(member)
    at = ok(at.run())
    at.selectbox(key="edit_status").set_value("terminated")
    at.button(key="FormSubmitter:edit_" + member + "-Save the changes").click()
    at = ok(at.run())
    assert "Ending a membership needs the day it ends (Left on)." in [w.value for w in at.warning]
    assert not sent
    at.text_input(key="edit_account").input("6222-0000")
    at.selectbox(key="edit_status").set_value("suspended")
    at.button(key="FormSubmitter:edit_" + member + "-Save the changes").click()
    at = ok(at.run())
    assert any("account number holds letters" in w.value for w in at.warning) and not sent
    at.text_input(key="edit_account").input("6222 0000 1111")
    at.button(key="FormSubmitter:edit_" + member + "-Save the changes").click()
    at = ok(at.run())
    [(who, body)] = sent
    assert who == member and body["status"] == "suspended" and body["bank"] == {"account": "6222 0000 1111"}
    assert body["mandates"] == [] or all(m["territory"] for m in body["mandates"])


def test_registering_needs_a_name(portal_env: World, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(ApiClient, "register_member", lambda self, body: sent.append(body))
    at = login(page("members", lang="zh"), "clerk", form="admin")
    at.radio[0].set_value("register")
    at = ok(at.run())
    at.button(key="FormSubmitter:register_member-登记").click()
    at = ok(at.run())
    assert "请填写姓（或公司名称）。" in [w.value for w in at.warning] and not sent
    # (the mandates editor's cells are codes AppTest shows raw; the browser shows them in words)
    words = set(re.findall(r"\b[A-Za-z][A-Za-z_]{2,}\b", texts(at))) - ALLOWED_LATIN
    assert words == set()
    at.text_input(key="new_name").input("周")
    at.button(key="FormSubmitter:register_member-登记").click()
    at = ok(at.run())
    [body] = sent
    assert body["name"] == "周" and body["mandates"] == [
        {"right_type": "performing", "territory": "2136", "starts_on": None, "ends_on": None}
    ]


def test_an_auditor_reads_the_roster_without_forms_or_sealed_details(portal_env: World) -> None:
    at = login(page("members"), "auditor", form="admin")
    assert "Auditors read only." in texts(at) and not at.radio
    member = next(o for o in at.selectbox[1].options if o.startswith("M-")).split(" · ")[0]
    at.selectbox[1].set_value(member)
    at = ok(at.run())
    assert "edit_name" not in [t.key for t in at.text_input] and not at.expander
