"""How the portal is started: one command line for `rightsledger serve portal` and the tests."""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).parent / "app.py"


def streamlit_command(port: int, host: str = "127.0.0.1") -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.port", str(port),
        "--server.address", host,
        "--server.headless", "true",
        "--server.fileWatcherType", "none",  # served, not developed: no reloads
        "--browser.gatherUsageStats", "false",  # no telemetry leaves the society's machine
        "--client.toolbarMode", "viewer",  # readers get no developer menu
    ]  # fmt: skip
