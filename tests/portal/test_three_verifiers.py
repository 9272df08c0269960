"""Three verifiers agree: the Python verifier (ledger/ + anchor/), the anchor contract's own
verifyInclusion (eth_call on a real Anvil) and the verifier that runs in the reader's browser
(portal/static/verifier.js in Debian's Chromium): on every RFC 9162 inclusion vector, on every
proof kind the demo writes, and on tampered proofs (one per field). JCS in JavaScript agrees byte
for byte with ledger/ on every entry kind and on Chinese text."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from playwright.sync_api import Browser, Page, sync_playwright

from anchor.chain import ChainConnection, connect
from anchor.contract import AnchorContract
from ledger import Verdict, merkle
from ledger.canonical import canonical_bytes
from ledger.errors import LedgerError
from ledger.kinds import KINDS
from portal.browser_verifier import STANDALONE, standalone_html
from tests.chains import DEV_KEY
from tests.portal.anvil_log import (
    AnvilLog,
    build_anvil_log,
    open_verifier,
    outcomes_js,
    outcomes_py,
    tampered,
    verify_js,
    verify_py,
)
from tests.serving import CHROMIUM, CHROMIUM_ARGS

VECTORS = Path(__file__).resolve().parents[3] / "shared" / "vectors" / "rfc9162" / "inclusion"


@pytest.fixture(scope="module")
def chain(anvil_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChainConnection]:
    with connect(anvil_url, tmp_path_factory.mktemp("anvil-reader")) as conn:
        yield conn


@pytest.fixture(scope="module")
def log(chain: ChainConnection, anvil_url: str) -> AnvilLog:
    return build_anvil_log(chain, anvil_url)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    standalone = tmp_path_factory.mktemp("verifier") / STANDALONE.name
    standalone.write_text(standalone_html(), encoding="utf-8")
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        open_verifier(page, standalone)  # from disk, as a reader keeps it
        yield page
        browser.close()


def test_jcs_in_javascript_agrees_byte_for_byte_on_every_entry_kind(page: Page, log: AnvilLog) -> None:
    for entry in log.entries:
        js = page.evaluate(
            "(text) => window.RightsLedgerVerifier.canonical(window.RightsLedgerVerifier.parseJson(text))",
            json.dumps(entry.to_dict(), ensure_ascii=False),
        )
        assert js.encode("utf-8") == entry.canonical(), entry.kind
    # Keys ordered by UTF-16 code units (a key beyond the BMP sorts before U+FF5E), escapes, CJK.
    tricky = {
        "～": 1,
        "😀": 2,
        "a": '\u0000\u001f\u007f"\\/',
        "中文": ["月亮", {"b": None, "a": True}],
        "__proto__": {"constructor": "x"},  # a key like any other, not JavaScript's prototype
    }
    js = page.evaluate(
        "(text) => window.RightsLedgerVerifier.canonical(window.RightsLedgerVerifier.parseJson(text))",
        json.dumps(tricky, ensure_ascii=True),
    )
    assert js.encode("utf-8") == canonical_bytes(tricky)


def _vector_contract(chain: ChainConnection, size: int, root: bytes) -> AnchorContract | None:
    """A fresh contract with one checkpoint (size, root), so the contract can judge the vector;
    None when no contract can hold it (size 0)."""
    if size == 0 or len(root) != 32:
        return None
    account = Account.from_key(DEV_KEY)
    contract, _ = AnchorContract.deploy(chain.w3, account, "vectors")
    tx = contract.build_anchor(account.address, size, root, [], b"\x00" * 32)
    sent = chain.w3.eth.send_raw_transaction(account.sign_transaction(tx).raw_transaction)
    chain.w3.eth.wait_for_transaction_receipt(sent)
    return contract


def test_every_rfc9162_inclusion_vector(page: Page, chain: ChainConnection) -> None:
    files = sorted(VECTORS.glob("*/*.json"))
    assert files
    contracts: dict[tuple[int, bytes], AnchorContract | None] = {}
    for path in files:
        vector = json.loads(path.read_text())
        decode = base64.b64decode
        leaf, root = decode(vector["leafHash"] or ""), decode(vector["root"] or "")
        proof = [decode(h) for h in vector["proof"] or []]
        index, size = vector["leafIdx"], vector["treeSize"]
        try:
            merkle.verify_inclusion(leaf, index, size, proof, root)
            python = True
        except LedgerError:
            python = False
        browser = page.evaluate(
            """async ([leaf, index, size, proof, root]) => {
                const V = window.RightsLedgerVerifier;
                const bytes = (text) => V.fromB64(text, "vector");
                try {
                    await V.verifyInclusion(bytes(leaf), index, size, proof.map(bytes), bytes(root));
                    return true;
                } catch (e) { return false; }
            }""",
            [vector["leafHash"] or "", index, size, vector["proof"] or [], vector["root"] or ""],
        )
        key = (size, root)
        if key not in contracts:
            contracts[key] = _vector_contract(chain, size, root)
        contract = contracts[key]
        encodable = contract is not None and len(leaf) == 32 and all(len(h) == 32 for h in proof)
        # A proof that is not bytes32 values cannot even be put to the contract: it proves nothing.
        on_chain = encodable and contract.verify_inclusion(0, index, leaf, proof) if contract else False
        expected = not vector["wantErr"]
        assert python == browser == bool(on_chain) == expected, (path.name, python, browser, on_chain)


def test_every_proof_kind_the_demo_writes(page: Page, log: AnvilLog, chain: ChainConnection) -> None:
    for name, text in log.proofs.items():
        python = verify_py(log, chain, text)
        browser = verify_js(page, log, text)
        assert python.verdict is Verdict.PROVEN, (name, python.to_dict())
        assert browser["verdict"] == "proven", (name, browser)
        assert outcomes_js(browser) == outcomes_py(python), name
        proof = python.proof
        assert proof is not None
        if proof.anchor is not None:
            contract = AnchorContract(chain.w3, log.contract)
            assert contract.verify_inclusion(
                proof.anchor.checkpoint_index, proof.leaf_index, proof.claimed_leaf_hash, proof.inclusion
            )
        print(f"browser: {name}: verdict in {browser['seconds']:.3f} s")


def _set(*path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value(target[path[-1]]) if callable(value) else value

    return change


def _checkpoint_line(line: int, new: str) -> Callable[[str], str]:
    def change(note: str) -> str:
        lines = note.split("\n")
        lines[line] = new
        return "\n".join(lines)

    return change


def _flip_signature(note: str) -> str:
    body, _, signature = note.rpartition("\n\n")
    name, _, b64 = signature.rstrip("\n").rpartition(" ")
    raw = bytearray(base64.b64decode(b64))
    raw[-1] ^= 1
    return f"{body}\n\n{name} {base64.b64encode(bytes(raw)).decode()}\n"


# One change per field of the proof file; each must fail (or leave the proof unproven) everywhere.
TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "entry.body": _set("entry", "body", "licensee", value=lambda v: v + "（改）"),
    "entry.id": _set("entry", "id", value="LIC-2026-999999"),
    "entry.version": _set("entry", "version", value=2),
    "entry.at": _set("entry", "at", value="2026-04-01T00:00:00Z"),
    "entry.kind": _set("entry", "kind", value="work"),
    "entry.float": _set("entry", "body", "status", value=1.5),
    "leaf_hash": _set("leaf_hash", value="00" * 32),
    "leaf_index": _set("leaf_index", value=lambda v: v + 1),
    "leaf_index.text": _set("leaf_index", value=lambda v: str(v)),
    "inclusion_proof.hash": _set(
        "inclusion_proof", value=lambda v: [base64.b64encode(b"\x01" * 32).decode(), *v[1:]]
    ),
    "inclusion_proof.dropped": _set("inclusion_proof", value=lambda v: v[1:]),
    "checkpoint.origin": _set("checkpoint", value=_checkpoint_line(0, "rogue.example/log")),
    "checkpoint.size": _set("checkpoint", value=_checkpoint_line(1, "11")),
    "checkpoint.root": _set("checkpoint", value=_checkpoint_line(2, base64.b64encode(b"\x02" * 32).decode())),
    "checkpoint.signature": _set("checkpoint", value=_flip_signature),
    "anchor.chain_id": _set("anchor", "chain_id", value=1),
    "anchor.contract": _set("anchor", "contract", value="0x" + "12" * 20),
    "anchor.checkpoint_index": _set("anchor", "checkpoint_index", value=lambda v: v + 1),
    "anchor.tx_hash": _set("anchor", "tx_hash", value="0x" + "ab" * 32),
    "anchor.block_number": _set("anchor", "block_number", value=999_999),
    "anchor.block_number.float": _set("anchor", "block_number", value=1.9),
    "format": _set("format", value="rightsledger-proof/v0"),
}


@pytest.mark.parametrize("field", sorted(TAMPERINGS))
def test_a_tampered_proof_is_refused_by_every_verifier(
    page: Page, log: AnvilLog, chain: ChainConnection, field: str
) -> None:
    text = tampered(log.proofs["license.rlproof"], TAMPERINGS[field])
    python = verify_py(log, chain, text)
    browser = verify_js(page, log, text)
    assert python.verdict is Verdict.FAILED, (field, python.to_dict())
    assert browser["verdict"] == "failed", (field, browser)
    if python.unreadable is None and browser["unreadable"] is None:
        assert outcomes_js(browser) == outcomes_py(python), (field, python.to_dict(), browser)
    proof = python.proof
    if proof is not None and proof.anchor is not None and python.unreadable is None:
        # The contract's own answer is the one both verifiers reported for its step.
        contract = AnchorContract(chain.w3, log.contract)
        try:
            on_chain = contract.verify_inclusion(
                proof.anchor.checkpoint_index, proof.leaf_index, proof.claimed_leaf_hash, proof.inclusion
            )
        except Exception:  # the contract refused (no such checkpoint): a rejection
            on_chain = False
        step = outcomes_py(python)["contract verifyInclusion"]
        assert (step == "passed") == on_chain or field.startswith("anchor."), (field, step, on_chain)


def test_the_standalone_file_is_the_one_built_and_published() -> None:
    """scripts/build_browser_verifier.py wrote it; the README publishes its SHA-256."""
    built = standalone_html()
    assert STANDALONE.read_text(encoding="utf-8") == built, "run scripts/build_browser_verifier.py"
    digest = hashlib.sha256(built.encode("utf-8")).hexdigest()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert digest in readme, f"publish the verifier's SHA-256 {digest} in the README"


def test_the_standalone_file_asks_once_remembers_and_speaks_both_languages(
    page: Page, log: AnvilLog, tmp_path: Path
) -> None:
    """From disk: the reader gives the chain's RPC URL and the log descriptor, uploads a proof and
    gets the verdict; the settings are remembered after a reload; the language switches."""
    proof = tmp_path / "work.rlproof"
    proof.write_text(log.proofs["work.rlproof"], encoding="utf-8")
    page.reload()
    page.fill("#rl-rpc", log.url)
    page.fill("#rl-identity", log.descriptor)
    page.set_input_files("#rl-file", str(proof))
    page.wait_for_selector("#rl-result[data-verdict=proven]")
    assert "已证明：所有必需步骤均通过。" in page.inner_text("#rl-result")  # Chinese by default
    page.reload()
    assert page.input_value("#rl-rpc") == log.url and page.input_value("#rl-identity") == log.descriptor
    page.select_option("#rl-lang", "en")
    page.set_input_files("#rl-file", str(proof))
    page.wait_for_selector("#rl-result[data-verdict=proven]")
    assert "Proven: every required step passed." in page.inner_text("#rl-result")
    # A bare verifier key without a contract: never proven, the chain step says why.
    page.fill("#rl-identity", log.signer.verifier().vkey)
    page.set_input_files("#rl-file", [])
    page.set_input_files("#rl-file", str(proof))
    page.wait_for_selector("#rl-result[data-verdict='not proven']")
    assert "the contract a proof names is never trusted" in page.inner_text("#rl-result")
    # The chain turned off: proven on the signature alone, and the page says so in words.
    page.check("#rl-offline")
    page.set_input_files("#rl-file", [])
    page.set_input_files("#rl-file", str(proof))
    page.wait_for_selector("#rl-result[data-verdict=proven]")
    assert "Not checked on the chain: you turned the on-chain steps off" in page.inner_text("#rl-result")
    # Nothing pinned at all: no trusted log identity, never proven.
    page.fill("#rl-identity", "")
    page.uncheck("#rl-offline")
    page.set_input_files("#rl-file", [])
    page.set_input_files("#rl-file", str(proof))
    page.wait_for_selector("#rl-result[data-verdict='not proven']")
    assert "no trusted log identity" in page.inner_text("#rl-result")


def test_the_log_has_an_entry_of_every_kind(log: AnvilLog) -> None:
    assert {entry.kind for entry in log.entries} == set(KINDS)
