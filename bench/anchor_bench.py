"""Benchmarks of anchoring: gas of the anchor contract, and the anchoring job end to end.

    .venv/bin/python bench/anchor_bench.py [--quick] [--entries N] [--batch N] [--only gas,e2e]

Prints one table: each figure, the named baseline it is compared with (measured in the same
run), their ratio, and the target of the issue with MET / NOT MET; then a gas detail table and
notes. It never asserts on a figure and always exits 0: CI may run `--quick` as a smoke test,
the figures themselves are for people to read. (It does assert that its own tree helper agrees
with ledger.merkle before using it, so a wrong helper cannot print nonsense.)

gas: RightsLedgerAnchor.anchor(...) on the embedded py-evm chain (Prague rules) at tree sizes 1,
2^10, 2^20 and 2^30 with valid consistency proofs of their real length, each on a fresh contract,
beside two baselines compiled at run time from bench/baselines/ with scripts/compile.js (Node and
node_modules needed; without them the baselines are skipped with a note):
EventOnlyAnchor (same signature, only emits the event) and PlainStorageAnchor (same signature,
pushes the same Checkpoint struct and emits the event, no checks at all).

e2e: 1,000,000 `evidence` entries (--quick: 20,000) recorded with record_many into a fresh SQLite
database, then ONE `anchoring_job(...).run_once()` timed: integrate them into the log, sign the
checkpoint, send the anchor transaction to the embedded chain, wait for the receipt, record it.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# bench/ is run as a script from the project root or anywhere: make the project importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from common import NOTES, Row, add, fmt_rate, fmt_s, note, print_rows, print_table, verdict  # noqa: E402

from ledger import merkle  # noqa: E402
from ledger.ranges import consistency_ranges, range_nodes  # noqa: E402

BASELINES_DIR = Path(__file__).resolve().parent / "baselines"
ORIGIN = "bench.rightsledger.example/log"

GAS_TX = 21_000  # intrinsic gas of a call
GAS_SSTORE_FRESH = 22_100  # EIP-2929 cold access (2,100) + EIP-2200 SSTORE 0 -> non-zero (20,000)
GAS_TARGET_2_20 = 60_000
E2E_TARGET_S = 20.0
SEED_ENTRIES = 1_000  # entries of the checkpoint anchored before the timed run


# --------------------------------------------------------------------------------------------
# table (the house style of bench/ledger_bench.py)


def fmt_gas(gas: int | None) -> str:
    return "-" if gas is None else f"{gas:,}"


# --------------------------------------------------------------------------------------------
# a Merkle tree of identical leaves, of any size


class IdenticalLeafTree:
    """The RFC 9162 tree whose leaves are all the same entry, for any size (2^30 and beyond).

    Every complete subtree of 2^k leaves has the same hash h_k = node(h_(k-1), h_(k-1)), and any
    range a proof uses is a sequence of complete subtrees (ledger.ranges.range_nodes), whose
    hashes folded from the right give the range's hash: a root or a proof costs O(log n) hashes.
    """

    def __init__(self, leaf_data: bytes) -> None:
        self._levels = [merkle.leaf_hash(leaf_data)]

    def level(self, k: int) -> bytes:
        while len(self._levels) <= k:
            self._levels.append(merkle.node_hash(self._levels[-1], self._levels[-1]))
        return self._levels[k]

    def range_hash(self, start: int, end: int) -> bytes:
        nodes = range_nodes(start, end)
        digest = self.level(nodes[-1][0])
        for level, _ in reversed(nodes[:-1]):
            digest = merkle.node_hash(self.level(level), digest)
        return digest

    def root(self, size: int) -> bytes:
        return merkle.EMPTY_ROOT if size == 0 else self.range_hash(0, size)

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        return [self.range_hash(start, end) for start, end in consistency_ranges(old_size, new_size)]


def check_tree_helper(tree: IdenticalLeafTree, leaf_data: bytes, up_to: int) -> int:
    """Assert the helper agrees with ledger.merkle (which builds the tree from the leaves) on every
    root and every consistency proof of trees up to `up_to` leaves; return the pairs checked."""
    leaves: list[bytes] = []
    checked = 0
    for size in range(1, up_to + 1):
        leaves.append(merkle.leaf_hash(leaf_data))
        assert tree.root(size) == merkle.root(leaves), f"identical-leaf root differs at size {size}"
        for old in range(1, size + 1):
            expected = merkle.consistency_proof(leaves, old)
            assert tree.consistency_proof(old, size) == expected, f"proof {old} -> {size} differs"
            checked += 1
    return checked


def proof_length(old_size: int, new_size: int) -> int:
    return len(consistency_ranges(old_size, new_size))


def worst_old_size(new_size: int) -> tuple[int, int, str]:
    """(old size, proof length, how it was found): the old size < new_size whose consistency
    proof to new_size is longest; among equals the largest old size (the most realistic)."""
    if new_size <= 1 << 14:
        candidates: Any = range(1, new_size)
        how = "exhaustive search"
    else:
        # Proof lengths depend on the low bits of old - 1 and on its leading ones against
        # new - 1: the sizes just below new and around every power of two cover every pattern.
        found = set(range(max(1, new_size - 4096), new_size))
        for j in range(new_size.bit_length()):
            for base in (1 << j, new_size - (1 << j), new_size >> j):
                found.update(base + d for d in (-3, -2, -1, 0, 1, 2, 3))
        candidates = sorted(old for old in found if 1 <= old < new_size)
        how = f"search over {len(candidates):,} candidate sizes"
    best_old, best_len = 0, -1
    for old in candidates:
        length = proof_length(old, new_size)
        if length > best_len or (length == best_len and old > best_old):
            best_old, best_len = old, length
    return best_old, best_len, how


# --------------------------------------------------------------------------------------------
# chain helpers


@dataclass
class GasFigures:
    gas_used: int
    calldata_bytes: int
    zero_bytes: int
    calldata_gas: int  # EIP-2028: 4 per zero byte, 16 per non-zero byte
    floor_gas: int  # EIP-7623 (Prague): 21,000 + 10 per token, a token per zero byte, 4 per non-zero
    exact_exec: int | None  # the EVM's own execution gas, from a dry run of the same transaction

    @property
    def exec_from_receipt(self) -> int:
        """gasUsed - 21,000 - calldata cost: the execution part, unless the EIP-7623 floor bound."""
        return self.gas_used - GAS_TX - self.calldata_gas

    @property
    def floor_binds(self) -> bool:
        if self.exact_exec is None:
            return self.gas_used == self.floor_gas
        return self.floor_gas > GAS_TX + self.calldata_gas + self.exact_exec

    @property
    def exec_gas(self) -> int:
        return self.exact_exec if self.exact_exec is not None else self.exec_from_receipt


def calldata_costs(data: bytes) -> tuple[int, int, int]:
    zeros = data.count(0)
    nonzeros = len(data) - zeros
    return zeros, 4 * zeros + 16 * nonzeros, GAS_TX + 10 * (zeros + 4 * nonzeros)


def dry_run_execution_gas(w3: Any, raw_tx: bytes) -> int | None:
    """Execution gas (message gas used, before refunds; no intrinsic or calldata cost) of a signed
    transaction, by running it on a snapshot of the embedded chain's pending state and reverting.
    None when the provider is not the embedded py-evm one."""
    try:
        backend = w3.provider.ethereum_tester.backend
        vm = backend.chain.get_vm()
        tx = vm.get_transaction_builder().decode(raw_tx)
        state = vm.state
        snapshot = state.snapshot()
        try:
            computation = state.apply_transaction(tx)
        finally:
            state.revert(snapshot)
        if computation.is_error:
            return None
        # these calls write fresh slots only: no refund (a refund would show in the check below)
        return int(computation.get_gas_used())
    except Exception:  # a figure is then derived from the receipt instead
        return None


def send_signed(
    w3: Any, account: Any, tx: dict[str, Any], *, measure: bool = False
) -> tuple[Any, GasFigures | None]:
    signed = account.sign_transaction(tx)
    raw = bytes(signed.raw_transaction)
    exact = dry_run_execution_gas(w3, raw) if measure else None
    tx_hash = w3.eth.send_raw_transaction(raw)
    receipt = w3.eth.wait_for_transaction_receipt(tx_hash, timeout=120)
    if receipt["status"] != 1:
        raise RuntimeError(f"transaction {tx_hash.hex()} reverted")
    if not measure:
        return receipt, None
    data = bytes.fromhex(str(tx["data"]).removeprefix("0x"))
    zeros, calldata_gas, floor_gas = calldata_costs(data)
    figures = GasFigures(int(receipt["gasUsed"]), len(data), zeros, calldata_gas, floor_gas, exact)
    if exact is not None:
        # the receipt must be what the fork's rules make of the dry run: a check on both views
        expected = max(GAS_TX + calldata_gas + exact, floor_gas)
        if expected != figures.gas_used:
            note(
                f"gas: receipt gasUsed {figures.gas_used:,} but intrinsic + calldata + dry-run execution "
                f"(floor {floor_gas:,}) gives {expected:,}: the execution column is approximate"
            )
    return receipt, figures


def compile_baselines(workdir: Path) -> dict[str, dict[str, Any]]:
    """Compile bench/baselines/*.sol with the project's solc-js; {name: artifact}."""
    src = workdir / "baselines"
    out = workdir / "artifacts"
    src.mkdir()
    for sol in sorted(BASELINES_DIR.glob("*.sol")):
        shutil.copy(sol, src / sol.name)
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH")
    done = subprocess.run(
        [node, str(ROOT / "scripts" / "compile.js"), str(src), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/compile.js failed: {done.stderr.strip() or done.stdout.strip()}")
    return {path.stem: json.loads(path.read_text()) for path in sorted(out.glob("*.json"))}


class Deployed:
    """One contract to anchor into: ours through anchor.contract, a baseline through plain web3."""

    def __init__(self, w3: Any, account: Any, kind: str, artifact: dict[str, Any] | None) -> None:
        self.w3, self.account, self.kind = w3, account, kind
        from anchor.contract import AnchorContract

        self.ours: AnchorContract | None = None
        if artifact is None:
            self.ours, _ = AnchorContract.deploy(w3, account, ORIGIN)
            self.contract = self.ours.contract
        else:
            factory = w3.eth.contract(abi=artifact["abi"], bytecode=artifact["bytecode"])
            tx = factory.constructor().build_transaction({"from": account.address, "nonce": self._nonce()})
            receipt, _ = send_signed(w3, account, tx)
            self.contract = w3.eth.contract(address=receipt["contractAddress"], abi=artifact["abi"])

    def _nonce(self) -> int:
        return int(self.w3.eth.get_transaction_count(self.account.address, "pending"))

    def anchor(
        self, size: int, root: bytes, proof: list[bytes], note_hash: bytes, *, measure: bool
    ) -> GasFigures | None:
        if self.ours is not None:
            tx = self.ours.build_anchor(self.account.address, size, root, proof, note_hash)
        else:
            call = self.contract.functions.anchor(size, root, proof, note_hash)
            params: Any = {"from": self.account.address, "nonce": self._nonce()}
            tx = dict(call.build_transaction(params))
        receipt, figures = send_signed(self.w3, self.account, tx, measure=measure)
        if self.ours is not None:
            event = self.ours.anchored_in(receipt)
            latest = self.ours.latest()
            assert event.tree_size == size and latest is not None and latest.root == root, (
                "anchor not recorded"
            )
        return figures


# --------------------------------------------------------------------------------------------
# 1. gas


@dataclass
class GasCase:
    size: int
    label: str  # size as written
    case: str  # "typical" | "worst" | "first"
    old: int | None  # previous checkpoint's size, None for the first anchor
    why: str
    proof_len: int
    results: dict[str, GasFigures] = field(default_factory=dict)


GAS_CASES: list[GasCase] = []
WORST_HOW: dict[int, str] = {}


def size_label(size: int) -> str:
    return f"2^{size.bit_length() - 1}" if size > 1 and size & (size - 1) == 0 else f"{size:,}"


def gas_cases(sizes: list[int]) -> list[GasCase]:
    cases: list[GasCase] = []
    for size in sizes:
        label = size_label(size)
        if size == 1:
            cases.append(GasCase(size, label, "first", None, "no previous checkpoint", 0))
            continue
        if size > 1000:
            old, why = size - 1000, "S-1000"  # a batch of 1,000 entries
        else:
            old, why = size // 2, "S//2"  # S <= 1,000: the tree doubled
        cases.append(GasCase(size, label, "typical", old, why, proof_length(old, size)))
        worst, length, how = worst_old_size(size)
        WORST_HOW[size] = how
        cases.append(GasCase(size, label, "worst", worst, f"S-{size - worst:,}", length))
    return cases


def signed_note_hash(signer: Any, size: int, root: bytes) -> bytes:
    from ledger.checkpoint import Checkpoint, note_hash
    from ledger.note import sign_note

    return note_hash(sign_note(Checkpoint(ORIGIN, size, root).body(), signer))


def bench_gas(sizes: list[int], check_up_to: int) -> None:
    from anchor.accounts import publisher_account
    from anchor.chain import connect
    from ledger.note import Signer

    section = "gas"
    leaf_data = b'{"bench":"identical leaf"}'
    tree = IdenticalLeafTree(leaf_data)
    start = time.perf_counter()
    checked = check_tree_helper(tree, leaf_data, check_up_to)
    note(
        f"gas: the identical-leaf tree helper agrees with ledger.merkle on every root and all {checked:,} "
        f"consistency proofs of trees up to {check_up_to} leaves ({time.perf_counter() - start:.1f} s); "
        "each proof sent is also checked with merkle.verify_consistency first."
    )
    cases = gas_cases(sizes)
    GAS_CASES.extend(cases)
    signer = Signer.generate(ORIGIN)

    with tempfile.TemporaryDirectory(prefix="rl-anchor-bench-") as tmp:
        artifacts: dict[str, dict[str, Any]] = {}
        try:
            artifacts = compile_baselines(Path(tmp))
        except Exception as exc:  # ours is still measured
            note(f"gas: baselines skipped, they did not compile: {exc}")
        kinds: list[tuple[str, dict[str, Any] | None]] = [("ours", None)]
        for name, kind in (("PlainStorageAnchor", "plain"), ("EventOnlyAnchor", "event")):
            if name in artifacts:
                kinds.append((kind, artifacts[name]))
        with connect(None, Path(tmp) / "data") as conn:
            account = publisher_account(conn)
            for case in cases:
                root = tree.root(case.size)
                new_note = signed_note_hash(signer, case.size, root)
                proof: list[bytes] = []
                if case.old is not None:
                    old_root = tree.root(case.old)
                    proof = tree.consistency_proof(case.old, case.size)
                    merkle.verify_consistency(case.old, case.size, old_root, root, proof)
                    assert len(proof) == case.proof_len
                for kind, artifact in kinds:
                    deployed = Deployed(conn.w3, account, kind, artifact)  # a fresh contract per case
                    if case.old is not None:
                        deployed.anchor(
                            case.old,
                            old_root,
                            [],
                            signed_note_hash(signer, case.old, old_root),
                            measure=False,
                        )
                    figures = deployed.anchor(case.size, root, proof, new_note, measure=True)
                    assert figures is not None
                    case.results[kind] = figures
                print(f"  [gas] {case.label} {case.case}: done", file=sys.stderr, flush=True)
    report_gas(section, cases)


def checks_of(case: GasCase) -> str:
    plain = case.results.get("plain")
    return f"{case.results['ours'].gas_used - plain.gas_used:,}" if plain else "not measured"


def report_gas(section: str, cases: list[GasCase]) -> None:
    for case in cases:
        ours = case.results["ours"]
        plain = case.results.get("plain")
        is_target = case.size == 1 << 20
        if case.old is None:
            what = f"anchor() at {case.label}, first checkpoint (none before), proof 0 hashes: gasUsed"
        else:
            what = (
                f"anchor() at {case.label}, {case.case} (from {case.why} = {case.old:,}), "
                f"proof {case.proof_len} hashes: gasUsed"
            )
        add(
            Row(
                section,
                what,
                f"{ours.gas_used:,} gas",
                f"plain storage: {plain.gas_used:,}" if plain else "",
                f"{ours.gas_used / plain.gas_used:.2f}x" if plain else "",
                f"<= {GAS_TARGET_2_20:,} gas" if is_target else "(info)",
                verdict(ours.gas_used <= GAS_TARGET_2_20) if is_target else "",
            )
        )
        add(
            Row(
                section,
                f"  same, execution part (gasUsed - 21,000 - {ours.calldata_gas:,} calldata)",
                f"{ours.exec_gas:,} gas",
                f"plain storage: {plain.exec_gas:,}" if plain else "",
                f"{ours.exec_gas / plain.exec_gas:.2f}x" if plain else "",
                "(info)",
            )
        )
        event = case.results.get("event")
        if is_target and event is not None:
            add(
                Row(
                    section,
                    "  the same call to the event-only anchor: gasUsed (its execution part)",
                    f"{event.gas_used:,} gas ({event.exec_gas:,})",
                    f"ours: {ours.gas_used:,}",
                    f"ours {ours.gas_used / event.gas_used:.2f}x",
                    "(info)",
                    "EIP-7623 floor binds" if event.floor_binds else "",
                )
            )
    # what one more proof hash costs, between the shortest and the longest proof measured
    with_proof = sorted((c for c in cases if c.old is not None), key=lambda c: c.proof_len)
    if len(with_proof) >= 2 and with_proof[-1].proof_len > with_proof[0].proof_len:
        short, long_ = with_proof[0].results["ours"], with_proof[-1].results["ours"]
        hashes = with_proof[-1].proof_len - with_proof[0].proof_len
        per_hash = (long_.gas_used - short.gas_used) / hashes
        per_calldata = (long_.calldata_gas - short.calldata_gas) / hashes
        per_exec = (long_.exec_gas - short.exec_gas) / hashes
        add(
            Row(
                section,
                f"one more proof hash (ours, {with_proof[0].proof_len} -> {with_proof[-1].proof_len} hashes)",
                f"{per_hash:,.0f} gas",
                "",
                "",
                "(info)",
                f"{per_calldata:,.0f} calldata + {per_exec:,.0f} execution",
            )
        )
    # the floor of this storage layout, and what the checks cost
    floor = 3 * GAS_SSTORE_FRESH + GAS_TX
    add(
        Row(
            section,
            "storage floor: 3 fresh slots x 22,100 (cold SSTORE 0->non-zero) + 21,000 intrinsic",
            f"{floor:,} gas",
            "",
            "",
            f"<= {GAS_TARGET_2_20:,} gas",
            "unreachable" if floor > GAS_TARGET_2_20 else "reachable",
        )
    )
    for case in cases:
        plain = case.results.get("plain")
        if case.size != 1 << 20 or plain is None:
            continue
        ours = case.results["ours"]
        checks = ours.gas_used - plain.gas_used
        add(
            Row(
                section,
                f"checks at 2^20, {case.case} (ours - plain: role, growth, proof of {case.proof_len})",
                f"{checks:,} gas",
                f"ours: {ours.gas_used:,}",
                f"{checks / ours.gas_used:.0%} of gasUsed",
                "(info)",
            )
        )
    target_cases = [c for c in cases if c.size == 1 << 20]
    if target_cases:
        c = target_cases[0]
        ours = c.results["ours"]
        plain = c.results.get("plain")
        storage_part = (
            f"; the plain storage baseline, no checks at all, already uses {plain.gas_used:,}"
            if plain
            else ""
        )
        note(
            f"gas: the target anchor() <= {GAS_TARGET_2_20:,} gas at 2^20 is out of reach with this storage "
            f"layout: 3 fresh slots per checkpoint (treeSize+anchoredAt packed, root, noteHash) cost "
            f"3 x {GAS_SSTORE_FRESH:,} + {GAS_TX:,} intrinsic = {floor:,} gas before any calldata ("
            f"{ours.calldata_gas:,} gas for the {c.proof_len}-hash proof) or verification{storage_part}. "
            f"The target leaves {GAS_TARGET_2_20 - GAS_TX - ours.calldata_gas:,} gas of execution for "
            f"storage, event and checks (this contract's checks alone: {checks_of(c)}): it takes "
            "another layout, e.g. only the latest checkpoint in fixed slots (non-zero -> non-zero "
            "SSTORE: 2,900 + 2,100 cold) with the history in events, and cheaper checks."
        )
    note(
        "gas: the chain runs Prague rules, so a receipt's gasUsed is max(21,000 + calldata (EIP-2028: "
        "4/zero byte, 16/non-zero byte) + execution, EIP-7623 floor 21,000 + 10/token (a zero byte 1 "
        "token, a non-zero byte 4)). 'exec' is the EVM's execution gas from a dry run of the same signed "
        "transaction, checked against the receipt; where the floor binds (cheap calls with a long proof) "
        "gasUsed - 21,000 - calldata overstates the execution, marked '*' in the detail table. The "
        "contracts are compiled for Cancun (scripts/solc-settings.json)."
    )
    note(
        "gas: worst case: for S = 2^k the proof from any odd old size has k+1 hashes, the most any old size "
        "gives (RFC 9162: at most ceil(log2 S) + 1; a power of two old size 2^j gives only k-j); "
        "the largest such old size, S-1 (one new entry), is used ("
        + "; ".join(f"{size_label(k)}: {v}" for k, v in WORST_HOW.items())
        + "). Each measured call is the second anchor of "
        "a fresh contract (the first anchors the old size with an empty proof), so the checkpoint array "
        "grows 1 -> 2 (5,000 gas for its length slot, 22,100 on a first anchor as at size 1)."
    )


def gas_detail_table(cases: list[GasCase]) -> None:
    if not cases:
        return
    headers = (
        "size S",
        "case",
        "previous size",
        "proof",
        "calldata B (zero)",
        "calldata gas",
        "7623 floor",
        "ours gasUsed",
        "ours exec",
        "plain gasUsed",
        "plain exec",
        "event gasUsed",
        "event exec",
        "checks",
    )
    cells = []
    for c in cases:
        ours, plain, event = (c.results.get(k) for k in ("ours", "plain", "event"))

        def used(f: GasFigures | None) -> str:
            return "-" if f is None else f"{f.gas_used:,}" + ("*" if f.floor_binds else "")

        def ex(f: GasFigures | None) -> str:
            return "-" if f is None else f"{f.exec_gas:,}"

        assert ours is not None
        cells.append(
            (
                c.label,
                c.case,
                "-" if c.old is None else f"{c.old:,}",
                str(c.proof_len),
                f"{ours.calldata_bytes:,} ({ours.zero_bytes})",
                f"{ours.calldata_gas:,}",
                f"{ours.floor_gas:,}",
                used(ours),
                ex(ours),
                used(plain),
                ex(plain),
                used(event),
                ex(event),
                "-" if plain is None else f"{ours.gas_used - plain.gas_used:,}",
            )
        )
    print()
    print_rows(
        "gas detail (gasUsed from the receipt; exec = execution gas from a dry run; "
        "* = EIP-7623 floor binds; checks = ours - plain storage)",
        headers,
        cells,
    )


# --------------------------------------------------------------------------------------------
# 2. one million entries, end to end


def evidence_facts(start: int, end: int) -> list[tuple[str, str, dict[str, Any]]]:
    facts = []
    for i in range(start, end):
        sha = hashlib.sha256(b"evidence file %d" % i).hexdigest()
        body = {
            "sha256": sha,
            "size": 40_000 + (i * 7919) % 90_000_000,
            "name": f"venue-{i % 4099:04d}-2026-03-playlog-{i:07d}.wav",
            "case": f"CASE-2026-{i % 997:03d}",
        }
        facts.append(("evidence", f"EV-{sha[:16]}", body))
    return facts


class Timers:
    """Wall time per named step, filled by wrappers set around the job's collaborators."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        original = getattr(owner, attribute)
        had_own = isinstance(owner, type) or attribute in getattr(owner, "__dict__", {})

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
                self.calls[name] = self.calls.get(name, 0) + 1

        setattr(owner, attribute, timed)
        if had_own:
            self._undo.append(lambda: setattr(owner, attribute, original))
        else:
            self._undo.append(lambda: delattr(owner, attribute))

    def undo(self) -> None:
        while self._undo:
            self._undo.pop()()

    def get(self, name: str) -> float:
        return self.seconds.get(name, 0.0)


@contextmanager
def timed_job_steps(job: Any, timers: Timers) -> Iterator[None]:
    """Time the job's steps without editing them: wrappers on this job object, its book and its
    web3, and on the two functions integrate_pending calls (restored afterwards)."""
    import registry.ledger_writer as ledger_writer
    import registry.log_store as log_store

    timers.wrap(job, "reconcile", "reconcile")
    timers.wrap(job, "_settle_open_attempts", "settle open attempts")
    timers.wrap(job.book, "integrate_pending", "integrate")
    timers.wrap(ledger_writer, "_pending", "integrate: pending query")
    timers.wrap(log_store, "extend", "integrate: hashing (extend)")
    original_insert = getattr(log_store, "insert_rows")  # noqa: B009 - not re-exported, patched here

    def insert_rows(session: Any, table: Any, columns: Any, rows: Any) -> None:
        name = f"integrate: INSERT {table.name}"
        start = time.perf_counter()
        try:
            original_insert(session, table, columns, rows)
        finally:
            timers.seconds[name] = timers.seconds.get(name, 0.0) + time.perf_counter() - start
            timers.calls[name] = timers.calls.get(name, 0) + 1

    setattr(log_store, "insert_rows", insert_rows)  # noqa: B010
    timers._undo.append(lambda: setattr(log_store, "insert_rows", original_insert))
    timers.wrap(job.contract, "latest", "contract.latest")
    timers.wrap(job.book, "sign", "sign checkpoint")
    timers.wrap(job.book, "consistency_proof", "consistency proof")
    timers.wrap(job, "_signed_attempt", "build tx (estimate gas) + sign")
    timers.wrap(job.book, "record_attempt", "record attempt")
    timers.wrap(job.w3.eth, "send_raw_transaction", "send tx (mined)")
    timers.wrap(job, "_confirmed", "receipt + confirmation")
    timers.wrap(job.book, "record_anchored", "record anchored")
    try:
        yield
    finally:
        timers.undo()


def bench_e2e(entries: int, batch: int) -> None:
    from anchor.accounts import publisher_account
    from anchor.chain import connect
    from anchor.job import JobSettings
    from ledger.note import Signer
    from ledger.store import tree_root
    from registry.db import make_engine, make_session_factory, transaction
    from registry.ledger_writer import record_many
    from registry.log_store import SqlLogStore
    from registry.migrate import upgrade
    from registry.services.anchoring.job import anchoring_job, ensure_contract

    section = "e2e"
    label = f"{entries:,}"
    with tempfile.TemporaryDirectory(prefix="rl-anchor-e2e-") as tmp:
        url = f"sqlite:///{tmp}/registry.sqlite"
        start = time.perf_counter()
        upgrade(url)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        t_migrate = time.perf_counter() - start

        start = time.perf_counter()
        signer = Signer.generate(ORIGIN)
        t_key = time.perf_counter() - start

        start = time.perf_counter()
        conn = connect(None, Path(tmp) / "data")
        try:
            account = publisher_account(conn)
            _, deployed = ensure_contract(factory, conn, account, ORIGIN)
            t_chain = time.perf_counter() - start
            add(
                Row(
                    section,
                    "setup: fresh SQLite database (registry.migrate.upgrade)",
                    fmt_s(t_migrate),
                    target="(info)",
                )
            )
            add(Row(section, "setup: log key (Signer.generate)", fmt_s(t_key), target="(info)"))
            add(
                Row(
                    section,
                    "setup: embedded chain + ensure_contract (deploy)",
                    fmt_s(t_chain),
                    target="(info)",
                    verdict="deployed" if deployed else "reused",
                )
            )

            # a log that already has an anchored checkpoint, so the timed run needs a consistency proof
            start = time.perf_counter()
            with transaction(factory) as session:
                record_many(session, evidence_facts(0, SEED_ENTRIES))
            seed = anchoring_job(factory, conn, account, signer, JobSettings(ORIGIN)).run_once()
            t_seed = time.perf_counter() - start
            add(
                Row(
                    section,
                    f"setup: record + anchor a first checkpoint of {SEED_ENTRIES:,} entries",
                    fmt_s(t_seed),
                    target="(info)",
                    verdict=seed.status,
                )
            )

            # the recording side: record_many in transactions of `batch`; fact building is not timed
            gc.collect()
            t_record = 0.0
            per_batch: list[tuple[int, float]] = []
            for offset in range(SEED_ENTRIES, SEED_ENTRIES + entries, batch):
                facts = evidence_facts(offset, min(SEED_ENTRIES + entries, offset + batch))
                start = time.perf_counter()
                with transaction(factory) as session:
                    record_many(session, facts)
                seconds = time.perf_counter() - start
                t_record += seconds
                per_batch.append((len(facts), seconds))
            add(
                Row(
                    section,
                    f"record_many {label} evidence entries, {batch:,}/transaction",
                    fmt_s(t_record),
                    target="(info)",
                    verdict=fmt_rate(entries / t_record, " entries/s"),
                )
            )

            tenth = max(1, len(per_batch) // 10)
            if len(per_batch) >= 10:
                first = sum(n for n, _ in per_batch[:tenth]) / sum(t for _, t in per_batch[:tenth])
                last = sum(n for n, _ in per_batch[-tenth:]) / sum(t for _, t in per_batch[-tenth:])
                add(
                    Row(
                        section,
                        "  record_many rate, last 10% of the entries",
                        fmt_rate(last, " entries/s"),
                        f"first 10%: {fmt_rate(first, '/s')}",
                        f"{last / first:.2f}x",
                        "(info)",
                    )
                )

            # a baseline from the same run: the bare SHA-256 work of that tree's interior nodes
            gc.collect()
            node_input = bytes(65)
            start = time.perf_counter()
            for _ in range(entries - 1):
                hashlib.sha256(node_input).digest()
            t_bare = time.perf_counter() - start

            job = anchoring_job(factory, conn, account, signer, JobSettings(ORIGIN))
            timers = Timers()
            gc.collect()
            with timed_job_steps(job, timers):
                start = time.perf_counter()
                result = job.run_once()
                t_run = time.perf_counter() - start
            ok = result.status == "anchored" and result.tree_size == SEED_ENTRIES + entries
            add(
                Row(
                    section,
                    f"anchoring_job.run_once(): {label} new entries -> one anchored checkpoint",
                    fmt_s(t_run),
                    f"bare {entries - 1:,} node sha256: {fmt_s(t_bare)}",
                    f"{t_run / t_bare:.0f}x",
                    f"<= {E2E_TARGET_S:.0f} s",
                    verdict(t_run <= E2E_TARGET_S and ok),
                )
            )
            add(
                Row(
                    section,
                    "  same, as entries per second",
                    fmt_rate(entries / t_run, " entries/s"),
                    target="(info)",
                )
            )
            steps = [
                "reconcile",
                "settle open attempts",
                "integrate",
                "integrate: pending query",
                "integrate: hashing (extend)",
                "integrate: INSERT log_leaf",
                "integrate: INSERT log_node",
                "integrate: other (size, frontier, commit)",
                "contract.latest",
                "sign checkpoint",
                "consistency proof",
                "build tx (estimate gas) + sign",
                "record attempt",
                "send tx (mined)",
                "receipt + confirmation",
                "record anchored",
            ]
            parts = {
                "integrate: pending query",
                "integrate: hashing (extend)",
                "integrate: INSERT log_leaf",
                "integrate: INSERT log_node",
            }
            timers.seconds["integrate: other (size, frontier, commit)"] = timers.get("integrate") - sum(
                timers.get(p) for p in parts
            )
            timers.calls["integrate: other (size, frontier, commit)"] = 1
            accounted = 0.0
            for name in steps:
                if name not in timers.seconds:
                    continue
                seconds = timers.get(name)
                if not name.startswith("integrate:"):
                    accounted += seconds
                calls = timers.calls.get(name, 0)
                add(
                    Row(
                        section,
                        f"  breakdown: {name}" + (f" ({calls} calls)" if calls > 1 else ""),
                        fmt_s(seconds),
                        target="(info)",
                        verdict=f"{seconds / t_run:.0%} of run_once",
                    )
                )
            add(
                Row(
                    section,
                    "  breakdown: rest of run_once (not wrapped)",
                    fmt_s(max(0.0, t_run - accounted)),
                    target="(info)",
                    verdict=f"{max(0.0, t_run - accounted) / t_run:.0%} of run_once",
                )
            )
            if result.anchored is not None:
                add(
                    Row(
                        section,
                        f"  its anchor transaction ({SEED_ENTRIES:,} -> {result.tree_size:,}, proof "
                        f"{proof_length(SEED_ENTRIES, result.tree_size)} hashes): gasUsed",
                        f"{result.anchored.gas_used:,} gas",
                        target="(info)",
                    )
                )
            add(
                Row(
                    section,
                    f"record + anchor {label} entries (record_many + run_once)",
                    fmt_s(t_record + t_run),
                    target="(info)",
                    verdict=fmt_rate(entries / (t_record + t_run), " entries/s"),
                )
            )
            # the anchored checkpoint is the tree of the recorded entries
            with factory() as session:
                store = SqlLogStore(session)
                size = store.size()
                root = tree_root(store, size)
                leaves = store.leaf_hashes(0, size)
            on_chain = job.contract.latest()
            if not ok or on_chain is None or on_chain.root != root or merkle.root(leaves) != root:
                note(
                    f"e2e: CHECK FAILED: run_once gave {result.status} at size {result.tree_size}, "
                    f"the log has {size} leaves, the contract holds {on_chain}"
                )
            else:
                note(
                    f"e2e: checked after the run: the log holds {size:,} leaves whose merkle.root equals the "
                    "cached-node root and the root anchored on chain."
                )
        finally:
            conn.close()
            engine.dispose()


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--entries", type=int, default=None, help="entries to record and anchor (default 1,000,000)"
    )
    parser.add_argument(
        "--batch", type=int, default=1_000, help="entries per record_many transaction (default 1,000)"
    )
    parser.add_argument("--quick", action="store_true", help="small smoke run: 20,000 entries")
    parser.add_argument(
        "--sizes",
        default="1,1024,1048576,1073741824",
        help="tree sizes for the gas figures (default 1,2^10,2^20,2^30)",
    )
    parser.add_argument(
        "--check-up-to", type=int, default=200, help="check the tree helper up to this size (default 200)"
    )
    parser.add_argument("--only", default="gas,e2e", help="comma-separated sections to run (gas,e2e)")
    args = parser.parse_args(argv)
    entries = args.entries or (20_000 if args.quick else 1_000_000)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    only = {name.strip() for name in args.only.split(",")}

    print(
        f"RightsLedger anchor bench: Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)",
        file=sys.stderr,
    )
    started = time.perf_counter()
    steps: list[tuple[str, Callable[[], Any]]] = []
    if "gas" in only:
        steps.append(("gas", lambda: bench_gas(sizes, args.check_up_to)))
    if "e2e" in only:
        steps.append(("e2e", lambda: bench_e2e(entries, args.batch)))
    for name, step in steps:
        try:
            step()
        except Exception:  # a broken step is reported, the others still run; never fail the job
            note(f"{name}: step raised, its figures are missing:\n" + traceback.format_exc())
    ran = []
    if "gas" in only:
        ran.append(f"gas at {', '.join(size_label(s) for s in sizes)}")
    if "e2e" in only:
        ran.append(f"{entries:,} entries end to end")
    print_table(
        f"RightsLedger anchor bench: {'; '.join(ran)}; {os.cpu_count()} CPU(s), "
        f"total {time.perf_counter() - started:.0f} s",
        notes=False,
    )
    gas_detail_table(GAS_CASES)
    for text in NOTES:
        print(f"* {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
