"""docs/entries.md is written from the kinds' declarations (registry/kinds/docs.py): the committed
page must be what the declarations print now."""

from __future__ import annotations

from registry.kinds.docs import page
from tests.paths import REPO


def test_docs_entries_md_is_current() -> None:
    committed = (REPO / "docs" / "entries.md").read_text(encoding="utf-8")
    stale = "docs/entries.md is stale: run `python -m registry.kinds.docs > docs/entries.md`"
    assert committed == page(), stale
