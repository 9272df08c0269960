"""connect(): a node that does not answer fails fast and names its URL; a chain that is not the
expected one is refused. Real Hardhat and Anvil nodes are tested in test_nodes.py; here small
local HTTP servers play the node's failure modes."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from requests import HTTPError

from anchor.chain import connect
from anchor.errors import ChainError, ChainUnreachable, WrongChain


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


Answer = Callable[[BaseHTTPRequestHandler, dict[str, object]], None]


@pytest.fixture
def http_server() -> Iterator[Callable[[Answer], str]]:
    """Starts a local HTTP server whose POST handler is `answer`; returns its URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(answer: Answer) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                answer(self, request)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def json_rpc_node(chain_id: int) -> Answer:
    def answer(handler: BaseHTTPRequestHandler, request: dict[str, object]) -> None:
        assert request["method"] == "eth_chainId"
        body = json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": hex(chain_id)}).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def test_nobody_listening_fails_fast_naming_the_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    started = time.monotonic()
    with pytest.raises(ChainUnreachable) as caught:
        connect(url, tmp_path)
    assert time.monotonic() - started < 5
    assert url in str(caught.value)
    assert "refused" in str(caught.value).lower()


def test_credentials_in_the_url_stay_out_of_the_message(tmp_path: Path) -> None:
    port = free_port()
    with pytest.raises(ChainUnreachable) as caught:
        connect(f"http://operator:hunter2@127.0.0.1:{port}/rpc?apikey=topsecret", tmp_path)
    message = str(caught.value)
    assert f"127.0.0.1:{port}/rpc" in message
    assert "hunter2" not in message and "topsecret" not in message
    # Nor in a traceback: the HTTP library's exception, which quotes the URL, is not chained.
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_node_that_never_answers_times_out(tmp_path: Path, http_server: Callable[[Answer], str]) -> None:
    url = http_server(lambda handler, request: time.sleep(3))
    started = time.monotonic()
    with pytest.raises(ChainUnreachable, match="Timeout") as caught:
        connect(url, tmp_path, timeout=0.5)
    assert time.monotonic() - started < 2.5  # one timeout, no retries of it
    assert url in str(caught.value)


def test_a_server_that_is_not_json_rpc_is_unreachable(
    tmp_path: Path, http_server: Callable[[Answer], str]
) -> None:
    url = http_server(lambda handler, request: handler.send_error(404))
    with pytest.raises(ChainUnreachable, match="404") as caught:
        connect(url, tmp_path)
    assert url in str(caught.value)


def test_a_node_with_the_expected_chain_id_connects(
    tmp_path: Path, http_server: Callable[[Answer], str]
) -> None:
    url = http_server(json_rpc_node(31337))
    conn = connect(url, tmp_path, expected_chain_id=31337)
    assert (conn.chain_id, conn.url, conn.embedded) == (31337, url, False)
    conn.refresh()  # no-op on a node
    conn.close()
    assert not (tmp_path / "chain").exists()  # a node needs no embedded chain


def test_reads_are_retried_after_a_transient_error_but_sends_are_not(
    tmp_path: Path, http_server: Callable[[Answer], str]
) -> None:
    node = json_rpc_node(31337)
    calls: list[str] = []

    def flaky(handler: BaseHTTPRequestHandler, request: dict[str, object]) -> None:
        calls.append(str(request["method"]))
        if len(calls) in (2, 4):  # the first read after connecting, and the first send
            handler.send_error(503)
        else:
            node(handler, dict(request, method="eth_chainId"))

    conn = connect(http_server(flaky), tmp_path)
    assert conn.w3.eth.chain_id == 31337
    assert calls == ["eth_chainId"] * 3
    with pytest.raises(HTTPError, match="503"):
        conn.w3.eth.send_raw_transaction(b"\x01")
    assert calls[3:] == ["eth_sendRawTransaction"]


def test_a_node_on_another_chain_is_refused(tmp_path: Path, http_server: Callable[[Answer], str]) -> None:
    url = http_server(json_rpc_node(31337))
    with pytest.raises(WrongChain) as caught:
        connect(url, tmp_path, expected_chain_id=1)
    assert "31337" in str(caught.value) and "chain id 1" in str(caught.value) and url in str(caught.value)


def test_wrong_expected_chain_id_on_the_embedded_chain(tmp_path: Path) -> None:
    with pytest.raises(WrongChain) as caught:
        connect(None, tmp_path, expected_chain_id=31337)
    assert "1337" in str(caught.value) and "31337" in str(caught.value)
    assert str(tmp_path / "chain") in str(caught.value)
    # The refused connection released the writer lock: the right chain id opens as writer.
    conn = connect("embedded", tmp_path, expected_chain_id=1337)
    assert conn.embedded and conn.chain_id == 1337
    conn.close()


@pytest.mark.parametrize("url", ["ws://127.0.0.1:8546", "/var/run/geth.ipc", "localhost:8545"])
def test_unsupported_urls_are_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(ChainError, match="unsupported chain URL"):
        connect(url, tmp_path)
