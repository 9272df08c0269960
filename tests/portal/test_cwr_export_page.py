"""The CWR page's export of the society's works (AppTest, the test world's API): a bad member
number refused in the reader's words before anything is asked; one member's works prepared and
offered for download under the file's own name."""

from __future__ import annotations

from tests.portal.test_pages import login, ok, page
from tests.portal.world import World


def test_a_clerk_exports_one_members_works(portal_env: World) -> None:
    at = login(page("cwr"), "clerk", form="admin")
    at.text_input(key="cwr_export_member").input("12")
    at.button(key="cwr_export_prepare").click()
    at = ok(at.run())
    assert "A member number looks like M-12." in [w.value for w in at.warning]
    assert "cwr_export" not in at.session_state
    at.text_input(key="cwr_export_member").input("m-1")
    at.button(key="cwr_export_prepare").click()
    at = ok(at.run())
    name, data = at.session_state["cwr_export"]
    assert name.endswith("_M-1.V22") and data.startswith(b"HDRSO")
    assert b"NWR" in data  # the member's works are in it


def test_the_export_in_chinese(portal_env: World) -> None:
    at = login(page("cwr", lang="zh"), "clerk", form="admin")
    assert "导出本协会的作品（CWR）" in [h.value for h in at.subheader]
