"""The import contracts of pyproject.toml ([tool.importlinter]): the tree keeps them, and an import
that points up, or a cycle between the services' lines of business, breaks them.

Each broken case runs `lint-imports` on a copy of the packages with one import added."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

PACKAGES = ("ledger", "payloads", "anchor", "registry", "portal", "rightsledger")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} is missing: install the dev extras (import-linter)")
    # lint-imports puts its working directory first on sys.path: `root`'s packages are the ones read.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300, check=False
    )


def tree_with(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the packages and pyproject.toml, with `line` added to `module` (a path)."""
    for package in PACKAGES:
        shutil.copytree(
            REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}\n")
    return tmp_path


def test_the_tree_keeps_its_import_contracts() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("ledger/entry.py", "import registry  # noqa", "ledger imports nothing of ours"),
        ("anchor/__init__.py", "import registry.models  # noqa", "anchor imports only ledger"),
        (
            "registry/models/__init__.py",
            "import rightsledger.settings  # noqa",
            "registry imports neither the portal nor the CLI",
        ),
        (
            "portal/__init__.py",
            "import registry.services.reporting.lookups  # noqa",
            "the portal reads the API, never the registry's services or models",
        ),
        (  # a kind's declaration reading a service would make the services' declarations circular
            "registry/kinds/work.py",
            "import registry.services.repertoire.entries  # noqa",
            "the entry kinds sit below the services",
        ),
        (  # members build on the parties: a party that imports membership closes a cycle
            "registry/services/parties/parties.py",
            "import registry.services.members.membership  # noqa",
            "registry.services has no import cycle",
        ),
    ],
)
def test_an_import_against_the_layers_breaks_a_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    result = lint_imports(tree_with(tmp_path, module, line))
    assert result.returncode != 0, result.stdout
    # Indirect imports count: ledger importing registry also breaks anchor's contract (anchor imports
    # ledger), so the named contract is one of those broken.
    broken = [row for row in result.stdout.splitlines() if row.endswith(" BROKEN")]
    assert any(row.startswith(contract) for row in broken), result.stdout
