"""Named crash points for fault-injection tests: RIGHTS_CRASH_AT=<name> kills the process there,
as a power cut would. Unset in normal operation; costs one dictionary lookup."""

from __future__ import annotations

import os
import signal


def crash_point(name: str) -> None:
    if os.environ.get("RIGHTS_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
