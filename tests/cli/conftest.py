"""The command line's tests: a fresh data directory of its own for each test, the working
directory there, and none of the developer's RIGHTS_* settings that would point elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    for name in (
        "RIGHTS_DATABASE_URL",
        "RIGHTS_LOG_KEY_PATH",
        "RIGHTS_LOG_VKEY",
        "RIGHTS_LOG_KEY_PASSPHRASE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path
