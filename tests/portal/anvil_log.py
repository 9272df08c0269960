"""A small log anchored on a real Anvil, for the browser verifier's tests: one entry of every kind
(Chinese text in them), signed and anchored in two checkpoints, with its signed log descriptor;
a portal pinned to it that verifies in the reader's browser; an upload into that page."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from eth_account import Account
from playwright.sync_api import Page

from anchor.chain import ChainConnection
from anchor.contract import AnchorContract
from anchor.trust import verification_policy
from anchor.verify import chain_checks
from ledger import (
    Anchor,
    Checkpoint,
    LedgerError,
    ProofFile,
    Report,
    dump_rlproof,
    dump_tlog_proof,
    load_proof,
    make_entry,
    merkle,
    sign_note,
    verify_proof,
)
from ledger.checkpoint import note_hash
from ledger.descriptor import DESCRIPTOR_FILE, LogDescriptor, read_descriptor, sign_descriptor
from ledger.entry import Entry
from ledger.kinds import KINDS
from ledger.note import Signer
from portal.server import streamlit_command
from tests.chains import CHAIN_ID, DEV_KEY

ORIGIN = "rightsledger.test/log"
SALT = "0f" * 16
# (kind, id, body): every kind (those `rightsledger demo` writes proofs of, and conflict), with
# non-ASCII text.
ENTRIES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "work",
        "W-1",
        {"title": "月亮代表我的心", "iswc": "T-000000001-0", "writers": [{"name": "翁清溪", "share": 5000}]},
    ),
    ("recording", "R-1", {"isrc": "CN-A01-26-00001", "artist": "邓丽君", "duration_s": 209}),
    ("conflict", "CF-1", {"work": "W-1", "claimed": [6000, 5000], "resolution": "按登记日期分配"}),
    (
        "license",
        "LIC-2026-000001",
        {"licensee": "金嗓子KTV（朝阳店）", "status": "revoked", "reason": "场所关闭"},
    ),
    ("contract", "C-1", {"document_sha256": "ab" * 32, "parties": ["CMO", "金嗓子"]}),
    ("usage_report", "U-" + "cd" * 32, {"file": "play-log.csv", "lines": 1200, "matched": 1180}),
    ("distribution_summary", "DIST-2026-03-karaoke", {"total": 1234567, "currency": "CNY", "lines": 42}),
    ("evidence", "E-1", {"sha256": "ef" * 32, "description": '侵权现场照片 \u2028 line\tsep "quoted" \\ 😀'}),
    ("transparency_report", "TR-2026-03", {"month": "2026-03", "collected": 98765432, "note": "透明度"}),
    ("member", "M-1", {"name": "张三", "ipi": "00000000001"}),
    ("distribution_line", "DIST-2026-03-karaoke/M-1", {"earned": 12345, "work": "W-1"}),
    ("tariff", "T-1", {"code": "KTV-ROOM", "version": 1, "name": "卡拉OK包房", "params": {"rate_fen": 1000}}),
    ("invoice", "INV-202603-000001", {"license": "LIC-2026-000001", "amount_fen": 360000, "currency": "CNY"}),
    ("payment", "P-1", {"invoice": "INV-202603-000001", "amount_fen": 360000, "method": "银行转账"}),
    ("licensee", "LE-1", {"name": "金嗓子KTV（朝阳店）", "uscc": "91110105MA01XXXXXX", "city": "北京"}),
    ("api_user", "USER-1", {"username": "金嗓子", "role": "licensee", "licensee": "LE-1", "keys": []}),
    ("usage_claim", "CL-1", {"member": "M-1", "recording": "R-1", "status": "submitted", "note": "我的录音"}),
    (
        "duplicate_candidate",
        "DUP-1",
        {"pair": ["W-1", "W-2"], "reason": "title_and_writer", "status": "pending"},
    ),
    ("cwr_file", "CWR-" + "ab" * 32, {"name": "CW260001ABC_000.V22", "transactions": {"total": 3}}),
    (
        "distribution_proposal",
        "DP-2026-03-karaoke-1",
        {
            "period": "2026-03",
            "source": "karaoke",
            "pool": 500000,
            "status": "prepared",
            "prepared_by": "财务",
        },
    ),
    (
        "submission",
        "SUB-1",
        {"submitter": "星海音乐出版", "title": "星海之歌", "status": "accepted", "work": "W-1"},
    ),
    (
        "reminder",
        "RM-1",
        {"invoice": "INV-202603-000001", "stage": "first_reminder", "balance_fen": 372000},
    ),
]
HASH_ONLY = {"contract", "member"}  # downloaded by someone not entitled: the fingerprint only


@dataclass
class AnvilLog:
    url: str
    signer: Signer
    contract: str
    descriptor: str  # the signed log descriptor, as published
    entries: list[Entry]
    proofs: dict[str, str]  # file name -> text, as the demo writes them

    def policy_py(self) -> Any:
        return verification_policy(descriptor=read_descriptor(self.descriptor))

    def pinned_js(self) -> dict[str, Any]:
        return {"descriptor": self.descriptor, "rpcUrl": self.url}


def build_anvil_log(conn: ChainConnection, url: str) -> AnvilLog:
    signer = Signer.generate("rightsledger.test-log")
    account = Account.from_key(DEV_KEY)
    entries = [
        make_entry(kind, entity, body, at="2026-03-31T12:00:00Z", salt=SALT if _private(kind) else None)
        for kind, entity, body in ENTRIES
    ]
    leaves = [entry.leaf_hash() for entry in entries]
    contract, _ = AnchorContract.deploy(conn.w3, account, ORIGIN)
    anchored: list[tuple[int, str, Anchor]] = []
    previous = 0
    for index, size in enumerate((len(leaves) - 3, len(leaves))):
        root = merkle.root(leaves[:size])
        note = sign_note(Checkpoint(ORIGIN, size, root).body(), signer)
        consistency = merkle.consistency_proof(leaves[:size], previous) if previous else []
        tx = contract.build_anchor(account.address, size, root, consistency, note_hash(note))
        sent = conn.w3.eth.send_raw_transaction(account.sign_transaction(tx).raw_transaction)
        receipt = conn.w3.eth.wait_for_transaction_receipt(sent)
        anchor = Anchor(CHAIN_ID, contract.address, index, "0x" + bytes(sent).hex(), receipt["blockNumber"])
        anchored.append((size, note, anchor))
        previous = size
    proofs: dict[str, str] = {}
    for position, entry in enumerate(entries):
        size, note, anchor = next(a for a in anchored if a[0] > position)
        proof = ProofFile(
            leaf_index=position,
            inclusion=tuple(merkle.inclusion_proof(leaves[:size], position)),
            checkpoint_note=note,
            entry=None if entry.kind in HASH_ONLY else entry,
            leaf_hash=entry.leaf_hash(),
            anchor=anchor,
        )
        suffix = "hash-only.rlproof" if entry.kind in HASH_ONLY else "rlproof"
        proofs[f"{entry.kind}.{suffix}"] = dump_rlproof(proof)
        if entry.kind == "work":  # the demo writes its first proof as a C2SP tlog-proof too
            proofs["work.tlog-proof"] = dump_tlog_proof(proof)
    descriptor = LogDescriptor(ORIGIN, (signer.verifier().vkey,), CHAIN_ID, (contract.address,))
    return AnvilLog(url, signer, contract.address, sign_descriptor(descriptor, signer), entries, proofs)


def _private(kind: str) -> bool:
    return KINDS[kind].private


def verify_py(log: AnvilLog, conn: ChainConnection, text: str) -> Report:
    try:
        proof = load_proof(text.encode())
    except LedgerError as exc:
        return Report(unreadable=str(exc))
    policy = log.policy_py()
    return verify_proof(proof, policy, chain_checks(conn, policy))


def open_verifier(page: Page, standalone: Path) -> None:
    page.goto(standalone.as_uri())
    page.wait_for_function("() => window.RightsLedgerVerifier !== undefined")


def verify_js(page: Page, log: AnvilLog, text: str, pinned: dict[str, Any] | None = None) -> dict[str, Any]:
    """The browser verifier's report on `text`: verdict, steps {name: outcome}, details in English."""
    result: dict[str, Any] = page.evaluate(
        """async ([text, pinned]) => {
            const V = window.RightsLedgerVerifier;
            const report = await V.verify(text, await V.pinnedPolicy(pinned));
            return {
                verdict: report.verdict, unreadable: report.unreadable, seconds: report.seconds,
                steps: report.steps.map((s) => [s.step, s.outcome, V.render(s.detail, "en")]),
            };
        }""",
        [text, pinned if pinned is not None else log.pinned_js()],
    )
    return result


def tampered(text: str, change: Any) -> str:
    doc = json.loads(text)
    change(doc)
    return json.dumps(doc, ensure_ascii=False)


def outcomes_py(report: Report) -> dict[str, str]:
    return {step.name.value: step.outcome.value for step in report.steps}


def outcomes_js(report: dict[str, Any]) -> dict[str, str]:
    return {name: outcome for name, outcome, _ in report["steps"]}


@contextmanager
def anvil_portal(log: AnvilLog, workdir: Path, *, port: int) -> Iterator[str]:
    """`streamlit run portal/app.py` pinned to `log` by its published descriptor, the reader's
    browser reading the chain at the log's Anvil (RIGHTS_PORTAL_BROWSER_RPC_URL); no API behind
    it (a file is verified without one). Yields the portal's URL."""
    data_dir = workdir / "portal-data"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / DESCRIPTOR_FILE).write_text(log.descriptor, encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")},
        "RIGHTS_PORTAL_DATA_DIR": str(data_dir),
        "RIGHTS_PORTAL_BROWSER_RPC_URL": log.url,
        "RIGHTS_PORTAL_API_URL": "http://127.0.0.1:9",
    }
    url = f"http://127.0.0.1:{port}"
    with (workdir / "streamlit.log").open("w") as out:
        process = subprocess.Popen(
            streamlit_command(port),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{url}/_stcore/health", timeout=1).text == "ok":
                        break
                except httpx.HTTPError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    tail = (workdir / "streamlit.log").read_text()[-2000:]
                    raise RuntimeError(f"the portal did not start: {tail}")
                time.sleep(0.2)
            yield url
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)


def upload_in_browser(page: Page, path: Path, *, timeout_ms: float = 30_000) -> tuple[str, float]:
    """Upload `path` into the Verify page's in-browser verifier; its verdict and the seconds from
    the upload to the verdict on screen."""
    frame = page.frame_locator("iframe").first
    result = frame.locator("#rl-result")
    upload = frame.locator("#rl-file")
    upload.set_input_files([])  # the same file again must be a new choice, not "unchanged"
    result.evaluate("element => { element.dataset.verdict = 'waiting'; }")  # not the last file's
    started = time.perf_counter()
    upload.set_input_files(str(path))
    done = frame.locator(
        "#rl-result[data-verdict=proven], #rl-result[data-verdict=failed], "
        "#rl-result[data-verdict='not proven']"
    )
    done.wait_for(timeout=timeout_ms)
    seconds = time.perf_counter() - started
    verdict = result.get_attribute("data-verdict") or ""
    return verdict, seconds
