"""HttpTransport against a real HTTP server on loopback: answers, errors and dropped connections."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from studio_app.services.sync.status import SyncError, SyncProblem
from studio_app.services.sync.transport import HttpTransport


class _Archive(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        #: How many of the next requests to drop without an answer.
        self.drop_next = 0
        self.seen: list[tuple[str, str, str]] = []  # (path, request id, body)
        self.status = 200
        self.payload: Any = {"ok": True}

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn does
    server: _Archive

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        self.server.seen.append((self.path, self.headers.get("X-Request-Id", ""), body))
        if self.server.drop_next:
            # What a server closing an idle kept-alive connection looks like to the
            # client whose request just went out on it: no answer, then EOF.
            self.server.drop_next -= 1
            self.close_connection = True
            return
        data = json.dumps(self.server.payload).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def archive() -> Iterator[_Archive]:
    server = _Archive()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_a_dropped_connection_is_retried_once_with_the_same_request_id(
    archive: _Archive,
) -> None:
    transport = HttpTransport(archive.url, "vsa1.x.y")
    try:
        assert transport.call("POST", "/v1/sync/push", body={"rows": []}) == {"ok": True}
        archive.drop_next = 1
        answer = transport.call("POST", "/v1/sync/push", body={"rows": [1]}, request_id="r-2")
    finally:
        transport.close()
    assert answer == {"ok": True}
    # Sent twice, identically: the archive treats the second as a duplicate delivery.
    assert archive.seen[1:] == [("/v1/sync/push", "r-2", '{"rows":[1]}')] * 2


def test_a_connection_dropped_twice_is_offline_not_retried_forever(archive: _Archive) -> None:
    transport = HttpTransport(archive.url, "vsa1.x.y")
    archive.drop_next = 5
    try:
        with pytest.raises(SyncError) as caught:
            transport.call("POST", "/v1/sync/push", body={})
    finally:
        transport.close()
    assert caught.value.problem is SyncProblem.OFFLINE
    assert len(archive.seen) == 2


def test_a_revoked_credential_and_a_server_error_are_told_apart(archive: _Archive) -> None:
    transport = HttpTransport(archive.url, "vsa1.x.y")
    try:
        archive.status, archive.payload = 401, {"error": "revoked", "message": "Revoked."}
        with pytest.raises(SyncError) as revoked:
            transport.call("POST", "/v1/sync/hello", body={})
        archive.status, archive.payload = 500, {"error": "internal", "message": "Failed."}
        with pytest.raises(SyncError) as failed:
            transport.call("POST", "/v1/sync/hello", body={})
    finally:
        transport.close()
    assert revoked.value.problem is SyncProblem.REVOKED
    assert failed.value.problem is SyncProblem.SERVER


def test_nothing_listening_is_offline() -> None:
    with _Archive() as closed:
        url = closed.url  # bound, then closed: nothing listens there any more
    transport = HttpTransport(url, "vsa1.x.y")
    try:
        with pytest.raises(SyncError) as caught:
            transport.call("POST", "/v1/sync/hello", body={})
    finally:
        transport.close()
    assert caught.value.problem is SyncProblem.OFFLINE
