"""The sidebar's sections hold every page of portal/app.py once (a page left out would vanish)."""

from __future__ import annotations

import ast

from tests.portal.conftest import REPO


def _assigned(name: str) -> object:
    tree = ast.parse((REPO / "portal" / "app.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"portal/app.py has no {name}")


def test_every_page_is_in_exactly_one_section() -> None:
    pages = [path for _, _, path, _ in _assigned("PAGES")]  # type: ignore[attr-defined]
    sections = _assigned("SECTIONS")
    assert isinstance(sections, dict)
    listed = [path for paths in sections.values() for path in paths]
    assert sorted(listed) == sorted(pages)
