"""Public license lookup: is this venue or platform licensed? Two things said apart: what the
license states (its status, with date and reason), and whether that status is proven (the
latest version, anchored, at checkpoint N; or a newer version not anchored yet)."""

from __future__ import annotations

import streamlit as st

from ledger import Report
from payloads.licensing import LicenseOut
from portal import ui
from portal.license_status import day, facts_markdown, proven, stated
from portal.pager import link, pager, share
from portal.paging import DEFAULT_SIZE, PageOf, page_from
from portal.widgets import proof_in_place

st.title(ui.t("nav.licenses"))
st.write(ui.t("licenses.intro"))

# The URL holds the search, the page and the license opened: a copied link shows the same view.
params = st.query_params
FIELDS = ("number", "name", "city")
with st.form("license_search"):
    cols = st.columns(3)
    typed = {
        "number": cols[0].text_input(ui.t("licenses.number"), value=params.get("number", "")),
        "name": cols[1].text_input(ui.t("licenses.name"), value=params.get("name", "")),
        "city": cols[2].text_input(ui.t("licenses.city"), value=params.get("city", "")),
    }
    submitted = st.form_submit_button(ui.t("licenses.search"))
if submitted:
    query = {k: v.strip() for k, v in typed.items() if v.strip()}
    number, size = 1, page_from(params)[1]
    opened = None
else:
    query = {k: params[k].strip() for k in FIELDS if params.get(k, "").strip()}
    number, size = page_from(params)
    opened = params.get("license", "").strip() or None
share(
    {
        **query,
        "page": number if query and number > 1 else None,
        "size": size if size != DEFAULT_SIZE else None,
        "license": opened,
    }
)


def states(item: LicenseOut) -> str:
    """What the license states, as one block of Markdown: status, validity, the day the status
    took effect, address, the sentence (with the reason), and whether the venue is licensed now.
    One element per card, not ten: a page of fifty licenses stays quick to draw."""
    lang = ui.lang()
    words = stated(item, lang)
    lines = [
        f"**{ui.t('licenses.status')}**: {words.badge} &nbsp; "
        f"**{ui.t('licenses.validity')}**: {day(item.valid_from, lang)} – {day(item.valid_to, lang)} &nbsp; "
        f"**{ui.t('licenses.since')}**: {day(item.status_on, lang)}"
    ]
    where = item.address or item.city
    if where:
        lines.append(f"**{ui.t('licenses.address')}**: {where}")
    if words.licensed_now:
        lines.append(f":green[{words.sentence}]")
    else:
        lines.append(f":{words.colour}[{words.icon} **{words.sentence}**]")
        lines.append(f":{words.colour}[{ui.t('licenses.not_licensed')}]")
    return "\n\n".join(lines)


def show_proof(item: LicenseOut) -> None:
    """The proof is of the license's latest version (the one whose status is stated); when that
    one is not anchored yet, the latest anchored version is checked and the page says so. What it
    proves comes first, above the verdict's steps."""
    st.caption(ui.t("licenses.press_verify", version=item.version))

    def explain(report: Report) -> None:
        if not report.ok and item.version > 1:
            older = ui.call(lambda c: c.proof(item.number, kind="license", version=item.version - 1))
            if older is not None:
                older_report, _ = ui.check_proof(older)
                if older_report.ok:
                    report = older_report
        words = proven(item, report, ui.lang())
        getattr(st, words.level)(words.text)

    proof_in_place(
        item.number,
        item.version,
        kind="license",
        expected_leaf=item.leaf_hash,
        key=f"license:{item.number}",
        explain=explain,
    )


def show_license(item: LicenseOut, *, whole: bool) -> None:
    """A license's card; `whole` (the license opened by its link) adds its every detail."""
    with st.container(border=True):
        share_link = f"[{ui.t('licenses.share_link')}]({link({'license': item.number})})"
        card = f"### {item.number} · {item.licensee}\n\n**{ui.t('licenses.states')}**\n\n{states(item)}"
        card += f"\n\n{share_link}"
        proof = f"**{ui.t('licenses.proof')}**"
        if whole:
            st.markdown(card)
            with st.expander(ui.t("licenses.facts"), expanded=True):
                st.markdown(facts_markdown(item, ui.lang()))
            st.markdown(proof)
        else:
            st.markdown(f"{card}\n\n{proof}")
        show_proof(item)


if opened is not None:
    number_opened = opened
    found = ui.call(lambda c: c.license(number_opened), what=number_opened)
    if found is not None:
        show_license(found, whole=True)
    if query:
        st.markdown(f"[{ui.t('licenses.all_results')}]({link({**query})})")
elif query:
    view = PageOf(number, size, 0)
    page = ui.call(lambda c: c.licenses(**query, limit=view.size, offset=view.offset))
    if page is not None:
        view = PageOf(number, size, page.total)
        if not page.total:
            st.info(ui.t("licenses.none"))
        else:
            pager(view, "licenses_pager")
        for item in page.items:
            show_license(item, whole=False)
