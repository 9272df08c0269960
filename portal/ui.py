"""What every page shares: the language, the settings, the API client with the login's token,
API errors in plain words, and a verdict shown step by step."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from ledger import Outcome, Report, StepName, Verdict
from portal import enums
from portal.api_client import ApiClient, ApiError, ApiUnavailable, NotFound, NotYetProvable, Unauthorised
from portal.i18n import DEFAULT, LANGUAGES, translate
from portal.settings import PortalSettings, portal_settings
from portal.step_details import detail_words
from portal.verification import verify_bytes

log = logging.getLogger("rightsledger.portal")
# Material icons ship with Streamlit: no emoji font needed on the reader's machine.
ICON_OK, ICON_FAIL = ":material/check_circle:", ":material/cancel:"
ICON_DOWN, ICON_SOON = ":material/cloud_off:", ":material/construction:"
ICON_SKIP = ":material/remove_circle_outline:"
MARK_OK, MARK_FAIL = f":green[{ICON_OK}]", f":red[{ICON_FAIL}]"
MARK_SKIP = f":gray[{ICON_SKIP}]"  # not checked: neither green nor red
_MARKS = {
    Outcome.PASSED: (MARK_OK, "ok"),
    Outcome.FAILED: (MARK_FAIL, "fail"),
    Outcome.NOT_CHECKED: (MARK_SKIP, "skip"),
}
T = TypeVar("T")


def lang() -> str:
    return str(st.session_state.get("lang", DEFAULT))


def t(key: str, **values: object) -> str:
    return translate(key, lang(), **values)


def settings() -> PortalSettings:
    return portal_settings()


def api() -> ApiClient:
    s = settings()
    return ApiClient(s.api_url, token=st.session_state.get("token"), timeout=s.api_timeout)


def language_switch() -> None:
    codes = list(LANGUAGES)
    current = lang()
    choice = st.sidebar.radio(
        t("app.language"),
        codes,
        index=codes.index(current) if current in codes else 0,
        format_func=LANGUAGES.__getitem__,
        horizontal=True,
        key="lang_choice",
    )
    if choice != current:
        st.session_state["lang"] = choice
        st.rerun()


def call(fn: Callable[[ApiClient], T], *, what: str = "") -> T | None:
    """Run one API call; on failure show the reason in plain words and return None."""
    try:
        with st.spinner(t("api.loading")), api() as client:
            return fn(client)
    except ApiUnavailable as exc:
        st.error(t("api.down", where=exc.where), icon=ICON_DOWN)
    except NotFound as exc:
        if exc.route_missing or not what:
            st.info(t("api.not_available"), icon=ICON_SOON)
        else:
            st.warning(t("api.not_found", what=what))
    except Unauthorised:
        st.warning(t("api.login_needed", role=str(st.session_state.get("role") or "")))
    except NotYetProvable:
        st.info(t("api.not_yet_provable", what=what), icon=ICON_SOON)
    except ApiError as exc:
        st.error(t("api.refused", title=exc.title + (f": {exc.detail}" if exc.detail else "")))
    return None


# --- login ----------------------------------------------------------------------------------
def require_role(role: str, *others: str) -> bool:
    """True when logged in with `role` (or one of `others`: a staff page names every role whose
    work it is); otherwise show the login form (or the roles needed)."""
    current = st.session_state.get("role")
    if current in (role, *others):
        st.caption(t("login.as", subject=st.session_state.get("subject", ""), role=role_word(current)))
        return True
    if current:
        names = [role_word(r) for r in (role, *others)]  # "admin, finance or auditor"
        needed = (
            t("login.roles_sep").join(names[:-1]) + t("login.roles_or") + names[-1] if others else names[0]
        )
        st.warning(t("login.wrong_role", role=needed, current=role_word(str(current))))
        if st.button(t("login.logout"), key=f"logout_{role}"):
            logout()
        return False
    login_form(role)
    return False


def word(prefix: str, value: object) -> str:
    """A code from the data in the reader's words (`prefix.value`); the code itself when it has
    none, and nothing for no value."""
    if value is None or value == "":
        return ""
    key = f"{prefix}.{value}"
    words = t(key)
    return str(value) if words == key else words


def role_word(role: object) -> str:
    """A login's role in the reader's words (a role with no words shows as it is)."""
    return word("role", role)


def login_form(role: str) -> None:
    with st.form(f"login_{role}"):
        st.subheader(t("login.title") + f" · {t(f'role.{role}')}")
        username = st.text_input(t("login.username"), key=f"user_{role}")
        password = st.text_input(t("login.password"), type="password", key=f"password_{role}")
        submitted = st.form_submit_button(t("login.submit"))
    if not submitted:
        return
    try:
        with api() as client:
            token = client.login(username, password)
    except ApiUnavailable as exc:
        st.error(t("api.down", where=exc.where), icon=ICON_DOWN)
        return
    except NotFound:
        st.info(t("api.not_available"), icon=ICON_SOON)
        return
    except ApiError:
        st.error(t("login.failed"))
        return
    st.session_state.update(token=token.access_token, role=token.role, subject=token.subject)
    st.rerun()


def logout() -> None:
    for key in ("token", "role", "subject"):
        st.session_state.pop(key, None)
    st.rerun()


def sidebar_login_state() -> None:
    if st.session_state.get("token"):
        subject, role = st.session_state.get("subject", ""), st.session_state.get("role")
        st.sidebar.caption(t("login.as", subject=subject, role=role_word(role)))
        if st.sidebar.button(t("login.logout"), key="sidebar_logout"):
            logout()


# --- a verdict ------------------------------------------------------------------------------
def check_proof(data: bytes, *, expected_leaf: str | None = None) -> tuple[Report, float]:
    """Verify a proof file against the pinned settings; the report and the seconds it took."""
    started = time.perf_counter()
    report = verify_bytes(data, settings(), expected_leaf=expected_leaf)
    seconds = time.perf_counter() - started
    outcome = "valid" if report.ok else "invalid"
    log.info("verdict %s in %.3f s", outcome, seconds)
    print(f"portal: verdict {outcome} in {seconds:.3f} s", flush=True)
    return report, seconds


def show_verdict(report: Report, seconds: float, *, key: str = "verdict") -> None:
    """The verdict first, then each step: its name, what it means in plain words, and the detail."""
    if report.unreadable is not None:
        st.error(t("verify.unreadable", error=report.unreadable), icon=ICON_FAIL)
        return
    verdict = report.verdict
    if verdict is Verdict.PROVEN:
        st.success(t("verify.valid"), icon=ICON_OK)
    elif verdict is Verdict.FAILED:
        failed = report.failed
        st.error(t("verify.invalid", step=t(f"step.{failed.name}") if failed else "?"), icon=ICON_FAIL)
    else:
        unchecked = report.unchecked
        st.warning(
            t("verify.not_proven", step=t(f"step.{unchecked.name}") if unchecked else "?"), icon=ICON_SKIP
        )
    for step in report.steps:
        mark, suffix = _MARKS[step.outcome]
        st.markdown(f"{mark} **{t(f'step.{step.name}')}** — {t(f'step.{step.name}.{suffix}')}")
        st.caption(detail_words(step.detail, lang()))
    st.caption(t("verify.time", seconds=seconds))
    _show_anchor(report)
    proof = report.proof
    if proof is not None:
        with st.expander(t("verify.entry")):
            if proof.entry is None:
                st.info(t("verify.hash_only"))
                st.code(proof.claimed_leaf_hash.hex())
            else:
                show_entry(json.loads(proof.entry.canonical()), key=key)


def show_entry(entry: dict[str, Any], *, key: str) -> None:
    """An entry as a reader reads it: one row per field (the body's fields after the entry's own),
    names and enumerated values in the reader's words; the canonical JSON, as hashed, to download."""
    rows = [{"field": name, "value": value} for name, value in entry.items() if name != "body"]
    rows += [{"field": name, "value": value} for name, value in dict(entry.get("body") or {}).items()]
    shown = [
        {
            t("verify.entry_field"): enums.field(row["field"], lang()),
            t("verify.entry_value"): str(
                enums.value_text(row["value"], lang(), enums.VALUE_GROUPS.get(row["field"]))
            ),
        }
        for row in rows
    ]
    st.dataframe(shown, hide_index=True, width="stretch")
    st.download_button(
        t("verify.entry_json"),
        json.dumps(entry, ensure_ascii=False, indent=2).encode("utf-8"),
        file_name=f"{entry.get('id', 'entry')}-v{entry.get('version', '')}.json".replace("/", "_"),
        mime="application/json",
        key=f"entry_json:{key}",
    )


def show_fingerprint(report: Report) -> None:
    """For a proof with the entry withheld that is proven: the fingerprint's place, in one line."""
    proof = report.proof
    if report.ok and proof is not None and proof.entry is None and proof.anchor is not None:
        anchor = proof.anchor
        st.success(
            t("browser.fingerprint_anchored", index=anchor.checkpoint_index, chain=anchor.chain_id),
            icon=ICON_OK,
        )


def _show_anchor(report: Report) -> None:
    proof = report.proof
    if proof is None:
        return
    anchor = proof.anchor
    if anchor is None:
        on_chain = report.step(StepName.ON_CHAIN_CHECKPOINT)
        if on_chain is not None and on_chain.ok:
            st.caption(t("verify.no_anchor"))
        return
    # Shown as where it is anchored only once the chain confirmed the transaction; else labelled.
    transaction = report.step(StepName.ANCHOR_TRANSACTION)
    checked = transaction is not None and transaction.ok
    st.markdown(f"**{t('verify.anchor' if checked else 'verify.anchor_unchecked')}**")
    cols = st.columns(4)
    cols[0].metric(t("verify.chain_id"), str(anchor.chain_id))
    cols[1].metric(t("verify.block"), str(anchor.block_number))
    cols[2].metric(t("verify.checkpoint_index"), str(anchor.checkpoint_index))
    cols[3].markdown(f"{t('verify.contract')}  \n`{anchor.contract}`")
    link = settings().explorer_link(anchor.tx_hash)
    tx = f"{t('verify.tx')}: `{anchor.tx_hash}`"
    st.markdown(tx + (f" · [{t('verify.explorer')}]({link})" if link else ""))


def money(amount: Any, currency: Any = "CNY") -> str:
    """Minor units as a decimal amount, without floats."""
    try:
        minor = int(amount)
    except (TypeError, ValueError):
        return str(amount)
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole:,}.{cents:02d} {currency or ''}".strip()
