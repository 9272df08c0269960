"""The Verify page in Streamlit's AppTest: a real proof of a real anchored ledger verifies, step by
step; a tampered or mismatched one names the step that fails; an unreachable chain or API is said
in words, never a stack trace."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from ledger import dump_tlog_proof
from portal.browser_verifier import standalone_sha256
from portal.ui import MARK_FAIL, MARK_OK, MARK_SKIP
from tests.portal.conftest import VIEWS, free_port
from tests.portal.world import GOLDEN, STATEMENT, World


def page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(VIEWS / "verify.py"), default_timeout=60)
    at.session_state["lang"] = lang
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.run()
    at.file_uploader(key="proof_upload").set_value((name, data, "application/octet-stream"))
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.success, *at.error, *at.warning, *at.info)]
    return "\n".join(str(p) for p in parts)


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_a_valid_proof_verifies_every_step_on_chain(portal_env: World) -> None:
    at = upload(page(), "W-0001.rlproof", portal_env.rlproof("W-1"))
    assert_no_exception(at)
    assert [s.value for s in at.success] == ["Proven: every required step passed."]
    text = texts(at)
    for step in (
        "Leaf hash",
        "Inclusion",
        "Checkpoint signature",
        "Checkpoint on chain",
        "Contract verifyInclusion",
        "Anchor transaction",
    ):
        assert f"{MARK_OK} **{step}**" in text, text
    assert "**Where it is anchored**" in text
    anchor = portal_env.version("W-1").proof.anchor
    assert anchor is not None
    assert f"`{anchor.tx_hash}`" in text and f"https://explorer.example/tx/{anchor.tx_hash}" in text
    assert [m.value for m in at.metric][:2] == [str(portal_env.chain_id), str(anchor.block_number)]
    assert "Verdict in" in text and not at.error


def test_chinese_is_the_default(portal_env: World) -> None:
    at = AppTest.from_file(str(VIEWS / "verify.py"), default_timeout=60)
    at.run()
    at.file_uploader(key="proof_upload").set_value(("w.rlproof", portal_env.rlproof("W-1"), "text/plain"))
    at.run()
    assert [s.value for s in at.success] == ["已证明：所有必需步骤均通过。"]
    assert at.title[0].value == "验证"


def test_a_tlog_proof_is_found_on_chain_by_its_tree_size(portal_env: World) -> None:
    proof = dump_tlog_proof(portal_env.version("W-2").proof).encode()
    at = upload(page(), "W-0002.tlog-proof", proof)
    assert_no_exception(at)
    assert at.success and not at.error, texts(at)
    assert "found by tree size" in texts(at)


def test_a_tampered_entry_fails_at_the_leaf_hash_and_says_why(portal_env: World) -> None:
    at = upload(page(), "tampered.rlproof", portal_env.tampered("W-1"))
    assert_no_exception(at)
    assert [e.value for e in at.error] == ["Invalid: the step “Leaf hash” failed."]
    text = texts(at)
    assert f"{MARK_FAIL} **Leaf hash** — The entry was changed after it was recorded" in text
    assert "the entry was altered" in text
    # The changed entry no longer hashes into the checkpoint: inclusion and the contract fail too.
    assert f"{MARK_FAIL} **Inclusion**" in text and f"{MARK_FAIL} **Contract verifyInclusion**" in text
    assert f"{MARK_OK} **Checkpoint signature**" in text and f"{MARK_OK} **Checkpoint on chain**" in text


def test_a_checkpoint_not_signed_by_the_pinned_key_fails_its_signature(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ledger.note import Signer

    monkeypatch.setenv("RIGHTS_PORTAL_LOG_VKEY", Signer.generate(portal_env.origin).verifier().vkey)
    at = upload(page(), "w.rlproof", portal_env.rlproof("W-1"))
    assert_no_exception(at)
    assert [e.value for e in at.error] == ["Invalid: the step “Checkpoint signature” failed."]


def test_a_proof_anchored_on_another_contract_fails_on_chain(portal_env: World) -> None:
    doc = json.loads(portal_env.rlproof("W-1"))
    doc["anchor"]["contract"] = "0x00000000000000000000000000000000DeaDBeef"
    at = upload(page(), "w.rlproof", json.dumps(doc).encode())
    assert_no_exception(at)
    assert [e.value for e in at.error] == ["Invalid: the step “Checkpoint on chain” failed."]
    assert "not on the log's contract" in texts(at)


def test_a_file_that_is_not_a_proof_is_named_unreadable(portal_env: World) -> None:
    at = upload(page(), "notes.txt", b"hello")
    assert_no_exception(at)
    assert at.error and at.error[0].value.startswith("This file cannot be read: tlog-proof")


def test_an_unreachable_chain_is_a_failed_step_not_a_crash(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIGHTS_PORTAL_CHAIN_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("RIGHTS_PORTAL_CHAIN_TIMEOUT", "2")
    at = upload(page(), "w.rlproof", portal_env.rlproof("W-1"))
    assert_no_exception(at)
    assert [e.value for e in at.error] == ["Invalid: the step “Chain” failed."]
    assert "The chain cannot be read" in texts(at)


def test_a_data_directory_without_a_chain_is_named(portal_env: World, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("RIGHTS_PORTAL_DATA_DIR", str(tmp_path / "elsewhere"))
    at = upload(page(), "w.rlproof", portal_env.rlproof("W-1"))
    assert_no_exception(at)
    assert [e.value for e in at.error] == ["Invalid: the step “Chain” failed."]
    assert "there is no embedded chain in" in texts(at) and "RIGHTS_PORTAL_DATA_DIR" in texts(at)
    assert not (tmp_path / "elsewhere").exists()  # nothing created where the portal looked


def test_fetch_by_entry_id_from_the_api_then_verify_here(portal_env: World) -> None:
    at = page()
    at.run()
    at.text_input[0].input(GOLDEN)
    at.button[0].click()  # the form's submit button
    at.run()
    assert_no_exception(at)
    assert at.success and not at.error, texts(at)
    # The entry as a table of its fields, in the reader's words (the canonical JSON a download).
    entry = [(row["Field"], row["Value"]) for row in at.dataframe[0].value.to_dict("records")]
    assert ("kind", "license") in entry and ("version", "2") in entry  # the entry's own fields
    assert ("status", "revoked") in entry and ("kind", "karaoke venue") in entry  # its body's
    assert at.download_button(key="entry_json:fetched")
    assert at.download_button(key="download_fetched")
    at = at.run()  # any later rerun (a download, the language switch) keeps the verdict
    assert at.success and at.download_button(key="download_fetched")
    at.text_input[0].input("NO-SUCH")
    at.button[0].click()
    at = at.run()
    assert not at.success and [w.value for w in at.warning] == ["Not found: NO-SUCH"]


def test_fetch_of_an_unknown_entry_says_not_found(portal_env: World) -> None:
    at = page()
    at.run()
    at.text_input[0].input("NO-SUCH")
    at.button[0].click()
    at.run()
    assert_no_exception(at)
    assert [w.value for w in at.warning] == ["Not found: NO-SUCH"]


def test_a_statement_qr_link_checks_the_proof_is_about_that_line(portal_env: World) -> None:
    other = portal_env.version("W-1").leaf_hash
    at = page()
    at.query_params.update(entry="W-2", leaf=other)
    at.run()
    assert_no_exception(at)
    assert [e.value for e in at.error] == ["Invalid: the step “Expected entry” failed."]


def test_a_statement_qr_link_checks_the_private_line_by_its_fingerprint_without_login(
    portal_env: World,
) -> None:
    line = portal_env.version(STATEMENT)
    at = page()
    at.query_params.update(entry=line.entity_id, kind="distribution_line", leaf=line.leaf_hash)
    at.run()
    assert_no_exception(at)
    anchored = f"anchored at checkpoint {line.checkpoint_index} on chain {portal_env.chain_id}"
    assert any(anchored in s.value for s in at.success), texts(at)
    assert "Proven: every required step passed." in [s.value for s in at.success]
    assert "Content withheld" in texts(at) or "withheld" in texts(at)
    assert any("My payouts" in i.value for i in at.info) and not at.warning
    assert not at.json and not at.dataframe  # no content shown: only the fingerprint was checked


def test_the_api_down_is_one_clear_message_and_uploads_still_verify(portal_env: World, api_down: str) -> None:
    at = page()
    at.run()
    at.text_input[0].input("W-1")
    at.button[0].click()
    at.run()
    assert_no_exception(at)
    assert at.error and at.error[0].value.startswith(f"The data service ({api_down}) cannot be reached")
    at.file_uploader(key="proof_upload").set_value(("w.rlproof", portal_env.rlproof("W-1"), "text/plain"))
    at.run()
    assert at.success


@pytest.mark.parametrize(("field", "value"), [("tx_hash", "0x" + "ab" * 32), ("block_number", 999_999)])
def test_a_changed_anchor_transaction_or_block_fails_and_is_not_shown_as_where_it_is_anchored(
    portal_env: World, field: str, value: object
) -> None:
    doc = json.loads(portal_env.rlproof("W-1"))
    doc["anchor"][field] = value
    at = upload(page(), "w.rlproof", json.dumps(doc).encode())
    assert_no_exception(at)
    assert [e.value for e in at.error] == ["Invalid: the step “Anchor transaction” failed."]
    text = texts(at)
    assert f"{MARK_FAIL} **Anchor transaction**" in text
    assert "**Where the proof file says it is anchored (not checked on chain)**" in text
    assert "**Where it is anchored**" not in text


def test_without_a_pinned_contract_the_chain_steps_are_not_checked_in_both_languages(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RIGHTS_PORTAL_CONTRACT_ADDRESS")
    at = upload(page(), "w.rlproof", portal_env.rlproof("W-1"))
    assert_no_exception(at)
    assert not at.success and not at.error
    assert [w.value for w in at.warning] == ["Not proven: the step “Checkpoint on chain” was not checked."]
    text = texts(at)
    assert f"{MARK_SKIP} **Checkpoint on chain** — The checkpoint was not checked on chain." in text
    assert "RIGHTS_PORTAL_CONTRACT_ADDRESS" in text  # the reason, in the step's detail
    assert f"{MARK_OK} **Inclusion**" in text
    at = upload(page("zh"), "w.rlproof", portal_env.rlproof("W-1"))
    assert [w.value for w in at.warning] == ["未能证明：“链上检查点”这一步未检查。"]
    assert f"{MARK_SKIP} **链上检查点** — 未在区块链上检查该检查点。" in texts(at)


def test_a_fingerprint_only_proof_never_says_the_entry_is_as_recorded(portal_env: World) -> None:
    doc = json.loads(portal_env.rlproof("W-1"))
    doc["entry"] = None
    at = upload(page(), "w.rlproof", json.dumps(doc).encode())
    assert_no_exception(at)
    assert at.success, texts(at)  # the fingerprint is proven in the log and anchored
    text = texts(at)
    assert f"{MARK_SKIP} **Leaf hash** — Content withheld" in text and "as recorded" not in text


def test_on_the_embedded_chain_the_page_says_it_checks_on_the_server(portal_env: World) -> None:
    at = page()
    at.run()
    assert_no_exception(at)
    assert any("embedded development chain" in i.value for i in at.info), texts(at)
    assert "Checked on the portal's server" in [h.value for h in at.subheader]
    assert at.download_button(key="download_verifier")
    assert standalone_sha256() in texts(at)


def test_with_a_node_but_no_public_rpc_url_the_page_says_so(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIGHTS_PORTAL_CHAIN_URL", f"http://127.0.0.1:{free_port()}")
    at = page()
    at.run()
    assert any("no public chain JSON-RPC URL" in i.value for i in at.info), texts(at)
