"""A JSON-RPC node over HTTP(S), checked at connect time: it must answer `eth_chainId` quickly.

web3's default retry (5 tries, including after each full timeout) is replaced: at connect time a
refused connection gets two short retries, then ChainUnreachable; afterwards reads are retried a
few times on connection errors and HTTP errors (429, 5xx), and sends never (a retried send
whose first try got through would fail as "already known" or "nonce too low").
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit, urlunsplit

import requests
from web3 import Web3
from web3.providers.rpc import HTTPProvider
from web3.providers.rpc.utils import REQUEST_RETRY_ALLOWLIST, ExceptionRetryConfiguration

from anchor.errors import ChainError, ChainUnreachable

_RETRY_DELAYS = (0.2, 0.5)  # seconds before the 2nd and 3rd try, when the connection is refused
# What a node that is down, restarting or overloaded raises mid-run: worth another try later.
NODE_DOWN: tuple[type[Exception], ...] = (requests.ConnectionError, requests.Timeout, ChainUnreachable)


def http_web3(url: str, *, timeout: float) -> tuple[Web3, int]:
    """A Web3 on the node at `url`, and the chain id it answered."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ChainError(f"unsupported chain URL {redact_url(url)}: use http(s)://... or 'embedded'")
    provider = HTTPProvider(url, request_kwargs={"timeout": timeout}, exception_retry_configuration=None)
    w3 = Web3(provider)
    chain_id = _probe_chain_id(w3, url, timeout)
    provider.exception_retry_configuration = ExceptionRetryConfiguration(
        errors=(ConnectionError, requests.ConnectionError, requests.HTTPError),
        retries=3,
        backoff_factor=0.25,
        method_allowlist=[m for m in REQUEST_RETRY_ALLOWLIST if m != "eth_sendRawTransaction"],
    )
    return w3, chain_id


def _probe_chain_id(w3: Web3, url: str, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    for delay in (*_RETRY_DELAYS, None):
        try:
            return int(w3.eth.chain_id)
        except requests.ConnectionError as exc:
            # Refused or reset: a node that is starting answers a moment later.
            if delay is None or time.monotonic() + delay > deadline:
                raise _unreachable(url, exc) from None
            time.sleep(delay)
        except Exception as exc:  # timeout, HTTP error, not JSON-RPC: retrying will not help
            raise _unreachable(url, exc) from None
    raise AssertionError("unreachable")  # the loop always returns or raises


def _unreachable(url: str, exc: Exception) -> ChainUnreachable:
    # Raised `from None`: the HTTP library's own exception would print the URL's secrets.
    reason = f"{type(exc).__name__}: {exc}"
    # The HTTP library quotes the URL it failed on: keep its secrets out of the reason too.
    parts = urlsplit(url)
    for secret in (parts.password, parts.query):
        if secret:
            reason = reason.replace(secret, "***")
    return ChainUnreachable(f"chain node {redact_url(url)} is unreachable: {reason}")


def redact_url(url: str) -> str:
    """`url` without the password of its user part nor its query string (API keys live there)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}:***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, "***" if parts.query else "", ""))
