"""A server command's child process (the portal's Streamlit server) lives and dies with the
command: SIGTERM or SIGINT sent to the command alone (as a supervisor sends it) is passed on to
the child, which gets GRACE_SECONDS to stop before it is killed; the command returns only once
the child is gone, so the port is free for the restart."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from types import FrameType

GRACE_SECONDS = 10.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def run_child(command: Sequence[str], env: Mapping[str, str]) -> int:
    """Run `command` until it ends or this process is told to stop; its exit code (0 when it
    stopped because we were told to)."""
    child = subprocess.Popen(command, env=dict(env))  # noqa: S603 - our own interpreter and arguments
    stopping: list[int] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        stopping.append(signum)
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)

    previous = {s: signal.signal(s, stop) for s in STOP_SIGNALS}
    try:
        code = _wait(child, stopping)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if child.poll() is None:  # we are leaving for another reason (an error): take it along
            child.terminate()
        try:
            child.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return 0 if stopping else code


def _wait(child: subprocess.Popen[bytes], stopping: list[int]) -> int:
    """The child's exit code; killed if it outlives GRACE_SECONDS after we were told to stop."""
    deadline: float | None = None
    while True:
        try:
            return child.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            if stopping and deadline is None:
                deadline = time.monotonic() + GRACE_SECONDS
            if deadline is not None and time.monotonic() > deadline:
                child.kill()
