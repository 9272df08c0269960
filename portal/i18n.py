"""Every word the portal shows, in Chinese (the default) and English. One table, one lookup.

The words live in portal/strings/, one module per page or area; a key defined twice is an error
at import, so two pages never silently fight over a word."""

from __future__ import annotations

from portal.strings import (
    accounts,
    admin,
    api,
    app,
    approvals,
    auditor,
    browser_verifier,
    claims,
    columns,
    common,
    cwr,
    details,
    enums,
    finance,
    holdings,
    home,
    licensee,
    licenses,
    licensing,
    login,
    lookup,
    members,
    payouts,
    report,
    review,
    submissions,
    verify,
    works,
)

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT = "zh"
_MODULES = (
    finance,
    members,
    app,
    home,
    api,
    login,
    verify,
    browser_verifier,
    works,
    licenses,
    lookup,
    payouts,
    auditor,
    report,
    admin,
    columns,
    common,
    enums,
    details,
    accounts,
    claims,
    holdings,
    licensee,
    cwr,
    review,
    approvals,
    licensing,
    submissions,
)


def _merged() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in _MODULES:
        twice = merged.keys() & module.STRINGS.keys()
        if twice:
            raise ValueError(f"portal words defined twice ({module.__name__}): {sorted(twice)}")
        merged.update(module.STRINGS)
    return merged


# key: (Chinese, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = _merged()


def translate(key: str, lang: str, **values: object) -> str:
    pair = STRINGS.get(key)
    if pair is None:
        return key  # a missing string shows its key rather than failing the page
    text = pair[0] if lang == "zh" else pair[1]
    return text.format(**values) if values else text
