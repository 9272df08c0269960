"""Auditor: checkpoints read from the chain and checked for consistency from the public log feed;
distribution totals checked for conservation; the full audit when logged in as an auditor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from anchor.contract import AnchorContract
from anchor.errors import ChainError
from ledger import LedgerError
from ledger.note import Verifier
from portal import audit, ui
from portal.api_client import ApiClient
from portal.verification import chain_reader

st.title(ui.t("nav.auditor"))
st.write(ui.t("auditor.intro"))
s = ui.settings()

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
if checkpoints:
    explorer = s.explorer_link

    def row(item: audit.ChainCheckpoint) -> dict[str, Any]:
        cp = item.checkpoint
        return {
            "#": cp.index,
            ui.t("col.tree_size"): cp.tree_size,
            ui.t("col.root"): cp.root.hex(),
            ui.t("col.note_hash"): cp.note_hash.hex(),
            ui.t("col.anchored_at"): dt.datetime.fromtimestamp(cp.anchored_at, dt.UTC).isoformat(
                timespec="seconds"
            ),
            ui.t("col.block"): item.block_number,
            ui.t("col.tx"): (explorer(item.tx_hash) or item.tx_hash) if item.tx_hash else "",
        }

    st.dataframe([row(c) for c in checkpoints], hide_index=True, use_container_width=True)
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
        mismatches = audit.published_match(published, checkpoints, Verifier.from_vkey(vkey), s.log_origin)
        if mismatches:
            st.error(ui.t("auditor.api_mismatch", detail="; ".join(mismatches)), icon=ui.ICON_FAIL)
        else:
            st.success(ui.t("auditor.api_agrees", n=len(published)), icon=ui.ICON_OK)

# --- distribution totals --------------------------------------------------------------------
st.subheader(ui.t("auditor.distributions"))
summaries = ui.call(lambda c: c.all_distributions())
if summaries is not None:
    if not summaries:
        st.info(ui.t("auditor.no_distributions"))
    else:
        table = []
        for summary in summaries:
            c = audit.conservation(summary)
            verdict = {
                True: ui.t("auditor.conserved"),
                False: ui.t("auditor.not_conserved"),
                None: ui.t("auditor.unknown"),
            }[c.conserved]
            table.append(
                {
                    ui.t("col.period"): c.period,
                    ui.t("col.source"): c.source,
                    ui.t("col.pool"): ui.money(c.pool, c.currency) if c.pool is not None else "",
                    **{ui.t(f"col.{k}"): ui.money(v, c.currency) for k, v in c.parts.items()},
                    ui.t("col.difference"): c.difference,
                    ui.t("col.verdict"): verdict,
                }
            )
        st.dataframe(table, hide_index=True, use_container_width=True)

# --- the full audit ---------------------------------------------------------------------------
st.subheader(ui.t("auditor.full"))
if st.session_state.get("role") != "auditor":
    st.caption(ui.t("auditor.full_login"))
    ui.require_role("auditor")
elif st.button(ui.t("auditor.run"), key="run_audit") and checkpoints:
    latest = checkpoints[-1].checkpoint.tree_size
    progress = st.progress(0.0)
    counts = ui.call(lambda c: c.audit_summary())  # the registry's own counts
    if counts is not None:
        with st.expander(ui.t("auditor.summary")):
            st.json(counts.model_dump(mode="json"))
    leaves = ui.call(lambda c: c.leaves(0, latest))
    progress.progress(0.4)
    entries = ui.call(lambda c: c.log_entries(0, latest))
    progress.progress(0.8)
    if leaves is not None and entries is not None:
        store = audit.store_of(leaves)
        roots = audit.roots_match(store, checkpoints)
        if roots:
            st.error(ui.t("auditor.roots_bad", detail="; ".join(roots)), icon=ui.ICON_FAIL)
        else:
            st.success(ui.t("auditor.roots_ok", leaves=len(leaves)), icon=ui.ICON_OK)
        checked = audit.entries_match(entries, store)
        if checked.problems:
            st.error(ui.t("auditor.entries_bad", detail="; ".join(checked.problems[:20])), icon=ui.ICON_FAIL)
        else:
            st.success(
                ui.t("auditor.entries_ok", public=checked.public, private=checked.private), icon=ui.ICON_OK
            )
    progress.progress(1.0)
