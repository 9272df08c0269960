"""The template parser sits below the services: importing it loads none of them."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import application_env

ABOVE = ("registry.services", "registry.api", "registry.models", "portal", "rightsledger")


def test_the_package_imports_nothing_above_it() -> None:
    code = (
        "import sys, registry.works_template\n"
        f"print(sorted(m for m in sys.modules if m.startswith({ABOVE!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=application_env()
    )
    assert out.stdout.strip() == "[]"
