"""Password guessing slowed down: failed logins counted per account and per client address.

A few failures are free (people mistype); after them each further failure locks the account (or
the address) for a delay that doubles with every failure, up to a ceiling, and attempts during
the lock are refused with 429 and Retry-After before any password is hashed. A success clears
the account's count (not the address's: one good password must not reset a guessing run from
there). The tables are bounded, oldest first out, so a flood of names cannot exhaust memory.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class LoginPolicy:
    free_failures: int  # failures before the first lock
    first_delay: float  # seconds of the first lock; each further failure doubles it
    max_delay: float


ACCOUNT = LoginPolicy(free_failures=5, first_delay=1.0, max_delay=15 * 60.0)
ADDRESS = LoginPolicy(free_failures=50, first_delay=1.0, max_delay=15 * 60.0)


class FailureCounts:
    """Failures and lock-until per key (an account name or a client address)."""

    def __init__(self, policy: LoginPolicy, max_keys: int = 100_000) -> None:
        self.policy, self.max_keys = policy, max_keys
        self._seen: OrderedDict[str, tuple[int, float]] = OrderedDict()  # key -> (failures, locked until)

    def wait(self, key: str, now: float) -> float:
        _, until = self._seen.get(key, (0, 0.0))
        return max(0.0, until - now)

    def failed(self, key: str, now: float) -> None:
        failures, _ = self._seen.pop(key, (0, 0.0))
        failures += 1
        excess = failures - self.policy.free_failures
        until = 0.0
        if excess > 0:
            until = now + min(self.policy.max_delay, self.policy.first_delay * 2 ** min(excess - 1, 40))
        self._seen[key] = (failures, until)
        while len(self._seen) > self.max_keys:
            self._seen.popitem(last=False)

    def clear(self, key: str) -> None:
        self._seen.pop(key, None)


class LoginLimits:
    def __init__(self, account: LoginPolicy = ACCOUNT, address: LoginPolicy = ADDRESS) -> None:
        self.accounts, self.addresses = FailureCounts(account), FailureCounts(address)
        self._lock = threading.Lock()

    def wait(self, username: str, address: str, now: float | None = None) -> float:
        """0 if a login may be tried now, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return max(self.accounts.wait(_account(username), now), self.addresses.wait(address, now))

    def failed(self, username: str, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self.accounts.failed(_account(username), now)
            self.addresses.failed(address, now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self.accounts.clear(_account(username))

    @staticmethod
    def retry_after(wait: float) -> str:
        return str(max(1, math.ceil(wait)))


def _account(username: str) -> str:
    return username.strip().casefold()[:200]
