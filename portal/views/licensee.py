"""My licensing account: a licensee's licenses, invoices (amount, paid, balance, in full) and
e-contracts, and signing a contract with its own key. The key never reaches us: the licensee
downloads the exact payload, signs it on its machine (`rightsledger contracts sign-payload`) and
uploads the signature, which the API checks against the key registered for the licensee."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from payloads.licensing import ContractOut, InvoiceOut
from portal import ui
from portal.accounts import SignatureUnreadable, payment_state, signature_text
from portal.api_client import ApiError
from portal.contract_signer import WORDS, signer_html
from portal.license_status import reason_words
from portal.statements import format_money

INVOICE_LIMIT = 500  # the API's page maximum: a licensee has a few invoices a month

st.title(ui.t("nav.licensee"))
st.write(ui.t("licensee.intro"))
if not ui.require_role("licensee"):
    st.stop()


def licenses() -> None:
    st.subheader(ui.t("licensee.licenses"))
    page = ui.call(lambda c: c.my_licenses(limit=100))
    if page is None:
        return
    if not page.items:
        st.info(ui.t("licensee.no_licenses"))
        return
    st.dataframe(
        [
            {
                ui.t("licensee.col.number"): lic.number,
                ui.t("licensee.col.kind"): ui.word("acct.kind", lic.kind),
                ui.t("licensee.col.city"): lic.city or "",
                ui.t("licensee.col.valid_from"): lic.valid_from,
                ui.t("licensee.col.valid_to"): lic.valid_to,
                ui.t("licensee.col.status"): ui.word("status", lic.status),
                ui.t("licensee.col.status_on"): lic.status_on,
                ui.t("licensee.col.reason"): reason_words(lic.reason, ui.lang()) if lic.reason else "",
            }
            for lic in page.items
        ],
        hide_index=True,
        width="stretch",
    )


def invoices() -> None:
    st.subheader(ui.t("licensee.invoices"))
    page = ui.call(lambda c: c.my_invoices(limit=INVOICE_LIMIT))
    if page is None:
        return
    if not page.items:
        st.info(ui.t("licensee.no_invoices"))
        return
    items: list[InvoiceOut] = page.items
    currency = items[0].currency
    totals = st.columns(3)
    totals[0].metric(ui.t("licensee.total_amount"), format_money(sum(i.amount_fen for i in items), currency))
    totals[1].metric(ui.t("licensee.total_paid"), format_money(sum(i.paid_fen for i in items), currency))
    totals[2].metric(
        ui.t("licensee.total_balance"), format_money(sum(i.balance_fen for i in items), currency)
    )
    if page.total > len(items):
        st.caption(ui.t("licensee.more_invoices", shown=len(items), total=page.total))
    st.dataframe(
        [
            {
                ui.t("licensee.col.number"): i.number,
                ui.t("licensee.col.license"): i.license,
                ui.t("licensee.col.period"): i.period,
                ui.t("licensee.col.source"): ui.word("acct.source", i.source),
                ui.t("licensee.col.amount"): format_money(i.amount_fen, i.currency),
                ui.t("licensee.col.paid"): format_money(i.paid_fen, i.currency),
                ui.t("licensee.col.balance"): format_money(i.balance_fen, i.currency),
                ui.t("licensee.col.payment"): ui.t(
                    f"licensee.pay.{payment_state(i.amount_fen, i.balance_fen)}"
                ),
                ui.t("licensee.col.issued"): i.issued_on,
                ui.t("licensee.col.due"): i.due_on,
            }
            for i in items
        ],
        hide_index=True,
        width="stretch",
    )


def term_value(key: str, value: object) -> str:
    if key.endswith("_fen") and isinstance(value, int):
        return format_money(value)
    return str(value)


def stamp(moment: str | None) -> str:
    """2026-12-07T12:50:56Z as 2026-12-07 12:50 UTC; never signed in words."""
    if not moment:
        return ui.t("licensee.not_signed")
    return f"{moment[:10]} {moment[11:16]} UTC" if len(moment) >= 16 else moment


def contract_state(contract: ContractOut) -> str:
    if all(contract.signed.values()):
        return "signed"
    return "awaiting_you" if not contract.signed.get("licensee") else "awaiting_cmo"


def contracts() -> None:
    st.subheader(ui.t("licensee.contracts"))
    signed_now = st.session_state.pop("licensee_signed_now", None)
    if signed_now:  # said after the rerun that shows the contract as signed
        st.success(ui.t("licensee.signed_now", number=signed_now))
    found = ui.call(lambda c: c.my_contracts())
    if found is None:
        return
    if not found:
        st.info(ui.t("licensee.no_contracts"))
        return
    for contract in found:
        state = contract_state(contract)
        title = ui.t(
            "licensee.contract",
            number=contract.number,
            license=contract.license or ui.t("licensee.no_license"),
            state=ui.t(f"licensee.state.{state}"),
        )
        with st.expander(title, expanded=state == "awaiting_you"):
            document = contract.document
            st.markdown(f"**{ui.t('licensee.document')}**: {document.get('name', '')}")
            st.caption(f"{ui.t('licensee.document_hash')}: {document.get('sha256', '')}")
            st.table(
                {
                    ui.t("licensee.term"): [ui.word("licensee.term", k) for k in contract.terms],
                    ui.t("licensee.value"): [term_value(k, v) for k, v in contract.terms.items()],
                }
            )
            cmo, mine = (stamp(contract.signed_at.get(party)) for party in ("cmo", "licensee"))
            st.markdown(
                f"{ui.t('licensee.signed_by_cmo')}: {cmo}  \n{ui.t('licensee.signed_by_you')}: {mine}"
            )
            if state == "awaiting_you":
                sign(contract)


def sign(contract: ContractOut) -> None:
    number = contract.number
    st.info(ui.t("licensee.how_to_sign"))
    st.markdown(f"**{ui.t('licensee.step_download')}**")
    st.download_button(
        ui.t("licensee.download_payload"),
        contract.payload.encode("utf-8"),  # the exact bytes both parties sign
        file_name=f"{number}.payload.json",
        mime="application/json",
        key=f"payload_{number}",
    )
    st.markdown(f"**{ui.t('licensee.step_sign')}**")
    st.code(
        f"rightsledger contracts sign-payload {number}.payload.json --key my-key.pem --out {number}.sig",
        language="bash",
    )
    st.caption(ui.t("licensee.or_browser"))
    words = {k: ui.t(f"signer.{k}") for k in WORDS}
    components.html(signer_html(contract.payload, words), height=170)
    st.markdown(f"**{ui.t('licensee.step_upload')}**")
    uploaded = st.file_uploader(ui.t("licensee.signature_file"), key=f"sig_file_{number}")
    pasted = st.text_input(ui.t("licensee.signature_text"), key=f"sig_text_{number}")
    if not st.button(ui.t("licensee.send"), key=f"send_{number}"):
        return
    data = uploaded.getvalue() if uploaded is not None else pasted.encode()
    if not data.strip():
        st.error(ui.t("licensee.no_signature"))
        return
    try:
        signature = signature_text(data)
    except SignatureUnreadable:
        st.error(ui.t("licensee.sig_unreadable"))
        return
    try:
        with ui.api() as client:
            signed = client.sign_contract(number, signature)
    except ApiError as exc:
        if exc.status == 422 and "does not verify" in exc.detail:
            st.error(ui.t("licensee.sig_refused"))
        else:
            st.error(ui.t("licensee.sig_other", detail=exc.detail or exc.title))
        return
    st.session_state["licensee_signed_now"] = signed.number
    st.rerun()


licenses()
invoices()
contracts()
