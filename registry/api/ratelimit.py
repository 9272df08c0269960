"""Rate limits on public endpoints: a token bucket per client IP, in this process.

Each bucket holds up to `burst` tokens and refills at `rate` per second; a request takes one or
is refused with 429 and Retry-After. The table of buckets is bounded (least recently seen IPs
go first), so a flood of addresses cannot exhaust memory. Behind a reverse proxy, run uvicorn
with --proxy-headers so the client's address is the one counted.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict


class TokenBuckets:
    def __init__(self, rate: float, burst: int, max_clients: int = 100_000) -> None:
        self.rate, self.burst, self.max_clients = rate, burst, max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def take(self, client: str, now: float | None = None) -> float:
        """0 if the request may go ahead, else the seconds until it may."""
        if not self.enabled:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return wait

    @staticmethod
    def retry_after(wait: float) -> str:
        return str(max(1, math.ceil(wait)))
