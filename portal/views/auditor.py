"""Auditor: checkpoints read from the chain (time, block, tx, explorer links) and checked for
consistency from the public log feed, or between any two on request; distribution totals checked
for conservation; the full audit when logged in as an auditor, downloadable as a signed report."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import streamlit as st

from anchor.contract import AnchorContract
from anchor.errors import ChainError
from ledger import LedgerError
from ledger.merkle import verify_consistency
from ledger.note import Verifier
from portal import audit, audit_report, ui
from portal.api_client import ApiClient
from portal.verification import chain_reader

st.title(ui.t("nav.auditor"))
st.write(ui.t("auditor.intro"))
s = ui.settings()


PDF_WORDS = (
    *("title", "generated_at", "log", "contract", "verdict", "passed", "failed", "checks", "check"),
    *("result", "detail", "checkpoints", "counts", "kind", "entries", "signature", "key"),
)


def when(seconds: int) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds")


# --- checkpoints, from the chain itself ----------------------------------------------------------
st.subheader(ui.t("auditor.checkpoints"))
checkpoints: list[audit.ChainCheckpoint] = []
if not s.contract_address:
    st.error(ui.t("step.configuration.fail") + " (RIGHTS_PORTAL_CONTRACT_ADDRESS)")
else:
    try:
        with st.spinner(ui.t("api.loading")), chain_reader(s) as conn:
            checkpoints = audit.chain_checkpoints(conn, s.contract_address)
    except ChainError as exc:
        st.error(ui.t("home.chain_unreadable", error=str(exc)), icon=ui.ICON_FAIL)
    except Exception as exc:  # a contract that is not ours answers garbage: say so plainly
        st.error(ui.t("home.chain_unreadable", error=type(exc).__name__), icon=ui.ICON_FAIL)
if s.contract_address and not checkpoints:
    st.info(ui.t("auditor.no_checkpoints"))
problems: list[str] = []
published_problems: list[str] | None = None
if checkpoints:
    explorer = s.explorer_link
    explorer_col = ui.t("auditor.col.explorer")

    def row(item: audit.ChainCheckpoint) -> dict[str, Any]:
        cp = item.checkpoint
        shown = {
            "#": cp.index,
            ui.t("col.anchored_at"): when(cp.anchored_at),
            ui.t("col.block"): item.block_number,
            ui.t("col.tx"): item.tx_hash or "",
        }
        if s.explorer_tx_url:  # none for the embedded chain: no explorer reads it
            shown[explorer_col] = explorer(item.tx_hash) if item.tx_hash else None
        return {
            **shown,
            ui.t("col.tree_size"): cp.tree_size,
            ui.t("col.root"): cp.root.hex(),
            ui.t("col.note_hash"): cp.note_hash.hex(),
        }

    st.dataframe(
        [row(c) for c in checkpoints],
        hide_index=True,
        width="stretch",
        column_config={explorer_col: st.column_config.LinkColumn(display_text=ui.t("auditor.open_explorer"))},
    )
    problems = audit.sizes_grow(checkpoints)
    latest = checkpoints[-1].checkpoint.tree_size

    def feed_leaves(client: ApiClient) -> list[str]:
        return client.leaves(0, latest)

    # Small logs are checked on every visit; a large one on request (its leaves are many pages).
    leaves = None
    if latest <= s.audit_auto_leaves or st.button(ui.t("auditor.check", n=latest), key="check_consistency"):
        leaves = ui.call(feed_leaves)
    if leaves is not None:
        try:
            store = audit.store_of(leaves)
            problems += audit.roots_match(store, checkpoints)
            with chain_reader(s) as conn:
                contract = AnchorContract(conn.w3, s.contract_address or "")
                problems += audit.contract_agrees(contract, store, checkpoints)
        except (LedgerError, ChainError) as exc:
            problems.append(str(exc))
    if problems:
        st.error(ui.t("auditor.inconsistent", detail="; ".join(problems)), icon=ui.ICON_FAIL)
    elif leaves is not None:
        st.success(ui.t("auditor.consistent", n=len(checkpoints)), icon=ui.ICON_OK)
        st.caption(ui.t("auditor.roots_ok", leaves=len(leaves)))
    else:
        st.caption(ui.t("auditor.sizes_only"))
    published = ui.call(lambda c: c.checkpoints())
    vkey = s.verifier_key()
    if published is not None and vkey:
        published_problems = audit.published_match(
            published, checkpoints, Verifier.from_vkey(vkey), s.log_origin
        )
        if published_problems:
            st.error(ui.t("auditor.api_mismatch", detail="; ".join(published_problems)), icon=ui.ICON_FAIL)
        else:
            st.success(ui.t("auditor.api_agrees", n=len(published)), icon=ui.ICON_OK)

# --- consistency between any two checkpoints ------------------------------------------------------
if checkpoints:
    st.subheader(ui.t("auditor.pair"))
    st.caption(ui.t("auditor.pair_intro"))
    by_index = {c.checkpoint.index: c.checkpoint for c in checkpoints}
    if len(by_index) < 2:
        st.info(ui.t("auditor.pair_one"))
    else:
        indices = sorted(by_index)

        # Labels as the options themselves: a format function would run outside the page's language.
        labels = [ui.t("auditor.pair_option", index=i, size=f"{by_index[i].tree_size:,}") for i in indices]
        left, right = st.columns(2)
        first_label = left.selectbox(ui.t("auditor.pair_first"), labels, index=0, key="pair_first")
        second_label = right.selectbox(
            ui.t("auditor.pair_second"), labels, index=len(labels) - 1, key="pair_second"
        )
        first = indices[labels.index(first_label)] if first_label in labels else indices[0]
        second = indices[labels.index(second_label)] if second_label in labels else indices[-1]
        if st.button(ui.t("auditor.pair_check"), key="pair_check"):
            old, new = by_index[first], by_index[second]
            if old.tree_size >= new.tree_size:
                st.warning(ui.t("auditor.pair_order"))
            else:
                proof = ui.call(lambda c: c.consistency(old.tree_size, new.tree_size))
                if proof is not None:
                    try:  # against the roots on chain, whatever the data service says
                        verify_consistency(old.tree_size, new.tree_size, old.root, new.root, proof)
                    except LedgerError as exc:
                        st.error(
                            ui.t("auditor.pair_bad", first=first, second=second, detail=str(exc)),
                            icon=ui.ICON_FAIL,
                        )
                    else:
                        st.success(
                            ui.t(
                                "auditor.pair_ok",
                                first=first,
                                second=second,
                                first_size=f"{old.tree_size:,}",
                                second_size=f"{new.tree_size:,}",
                                hashes=len(proof),
                            ),
                            icon=ui.ICON_OK,
                        )
                        try:
                            with chain_reader(s) as conn:
                                agrees = AnchorContract(conn.w3, s.contract_address or "").verify_consistency(
                                    first, second, proof
                                )
                            if agrees:
                                st.caption(ui.t("auditor.pair_contract_ok"))
                            else:
                                st.error(ui.t("auditor.pair_contract_bad"), icon=ui.ICON_FAIL)
                        except ChainError as exc:
                            st.caption(ui.t("auditor.pair_contract_unread", error=str(exc)))

# --- distribution totals --------------------------------------------------------------------
st.subheader(ui.t("auditor.distributions"))
summaries = ui.call(lambda c: c.all_distributions())
conservation: list[audit.Conservation] = []
if summaries is not None:
    if not summaries:
        st.info(ui.t("auditor.no_distributions"))
    else:
        table = []
        for summary in summaries:
            c = audit.conservation(summary)
            conservation.append(c)
            verdict = {
                True: ui.t("auditor.conserved"),
                False: ui.t("auditor.not_conserved"),
                None: ui.t("auditor.unknown"),
            }[c.conserved]
            table.append(
                {
                    ui.t("col.period"): c.period,
                    ui.t("col.source"): ui.t(f"report.source.{c.source}")
                    if ui.t(f"report.source.{c.source}") != f"report.source.{c.source}"
                    else c.source,
                    ui.t("col.pool"): ui.money(c.pool, c.currency) if c.pool is not None else "",
                    **{ui.t(f"col.{k}"): ui.money(v, c.currency) for k, v in c.parts.items()},
                    ui.t("col.difference"): c.difference,
                    ui.t("col.verdict"): verdict,
                }
            )
        st.dataframe(table, hide_index=True, width="stretch")


# --- the full audit ---------------------------------------------------------------------------
def kind_word(kind: str) -> str:
    words = ui.t(f"auditor.kind.{kind}")
    return kind if words == f"auditor.kind.{kind}" else words


def show_counts(counts: dict[str, Any]) -> None:
    st.markdown(f"**{ui.t('auditor.counts')}**")
    figure, value = ui.t("auditor.col.figure"), ui.t("auditor.col.value")
    names = ("log_size", "pending_entries", "checkpoints", "latest_checkpoint_size", "latest_anchored_size")
    st.table(
        [
            {
                figure: ui.t(f"auditor.count.{n}"),
                value: ui.t("auditor.none_yet") if counts[n] is None else f"{counts[n]:,}",
            }
            for n in names
        ]
    )
    kind, entries = ui.t("auditor.col.kind"), ui.t("auditor.col.entries")
    st.table([{kind: kind_word(k), entries: f"{n:,}"} for k, n in counts["entries_per_kind"].items()])


def check(name: str, found: list[str], detail: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "title": ui.t(f"auditor.check.{name}"),
        "passed": not found,
        "problems": found,
        "detail": detail,
    }


st.subheader(ui.t("auditor.full"))
if st.session_state.get("role") != "auditor":
    st.caption(ui.t("auditor.full_login"))
    ui.require_role("auditor")
elif st.button(ui.t("auditor.run"), key="run_audit") and checkpoints:
    latest = checkpoints[-1].checkpoint.tree_size
    progress = st.progress(0.0)
    counts = ui.call(lambda c: c.audit_summary())  # the registry's own counts
    leaves = ui.call(lambda c: c.leaves(0, latest))
    progress.progress(0.4)
    entries = ui.call(lambda c: c.log_entries(0, latest))
    progress.progress(0.8)
    if leaves is not None and entries is not None:
        store = audit.store_of(leaves)
        roots = audit.roots_match(store, checkpoints)
        try:
            with chain_reader(s) as conn:
                agreed = audit.contract_agrees(
                    AnchorContract(conn.w3, s.contract_address or ""), store, checkpoints
                )
        except ChainError as exc:
            agreed = [str(exc)]
        checked = audit.entries_match(entries, store)
        checks = [
            check("sizes_grow", audit.sizes_grow(checkpoints)),
            check("roots", roots, ui.t("auditor.roots_ok", leaves=len(leaves)) if not roots else ""),
            check("contract", agreed),
            check(
                "entries",
                checked.problems[:50],
                ui.t("auditor.entries_ok", public=checked.public, private=checked.private),
            ),
        ]
        if published_problems is not None:
            checks.append(check("published", published_problems))
        checks.append(
            check(
                "conservation",
                [f"{c.period} {c.source}: {c.difference}" for c in conservation if c.conserved is False],
            )
        )
        report = {
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "log": {"origin": s.log_origin, "verifier_key": s.verifier_key(), "contract": s.contract_address},
            "checkpoints": [
                {
                    "index": c.checkpoint.index,
                    "tree_size": c.checkpoint.tree_size,
                    "root": c.checkpoint.root.hex(),
                    "note_hash": c.checkpoint.note_hash.hex(),
                    "anchored_at": when(c.checkpoint.anchored_at),
                    "block": c.block_number,
                    "tx": c.tx_hash,
                }
                for c in checkpoints
            ],
            "checks": checks,
            "entries": {"public": checked.public, "private": checked.private},
            "registry_counts": counts.model_dump(mode="json") if counts is not None else None,
            "passed": all(c["passed"] for c in checks),
        }
        signer = audit_report.signing_key(s.audit_key_path())
        st.session_state["audit_doc"] = audit_report.sign_report(report, signer)
    progress.progress(1.0)

doc = st.session_state.get("audit_doc") if st.session_state.get("role") == "auditor" else None
if doc is not None:
    report = doc["report"]
    if report["passed"]:
        st.success(ui.t("auditor.verdict_passed"), icon=ui.ICON_OK)
    else:
        st.error(ui.t("auditor.verdict_failed"), icon=ui.ICON_FAIL)
    for item in report["checks"]:
        if item["passed"]:
            st.success(
                f"{item['title']}" + (f": {item['detail']}" if item["detail"] else ""), icon=ui.ICON_OK
            )
        else:
            st.error(f"{item['title']}: {'; '.join(item['problems'][:20])}", icon=ui.ICON_FAIL)
    if report["registry_counts"] is not None:
        show_counts(report["registry_counts"])
    stamp = report["generated_at"].replace(":", "").replace("-", "")
    left, right = st.columns(2)
    left.download_button(
        ui.t("auditor.download_json"),
        json.dumps(doc, ensure_ascii=False, indent=2).encode(),
        file_name=f"audit-report-{stamp}.json",
        mime="application/json",
        key="audit_json",
    )
    pdf_key = f"audit_pdf:{doc['sha256']}:{ui.lang()}"
    if pdf_key not in st.session_state:  # built once per report and language
        words = {name: ui.t(f"auditor.pdf.{name}") for name in PDF_WORDS}
        words |= {name: ui.t(f"col.{name}") for name in ("tree_size", "anchored_at", "block", "tx")}
        st.session_state[pdf_key] = audit_report.report_pdf(doc, words)
    right.download_button(
        ui.t("auditor.download_pdf"),
        st.session_state[pdf_key],
        file_name=f"audit-report-{stamp}.pdf",
        mime="application/pdf",
        key="audit_pdf",
    )
    st.caption(ui.t("auditor.signed_by", sha256=doc["sha256"]))
    st.code(doc["verifier_key"], language=None)
