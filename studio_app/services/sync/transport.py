"""How sync talks to the archive: one blocking HTTP call at a time, errors as SyncProblems."""

from __future__ import annotations

import logging
from typing import Any, Protocol
from urllib.parse import urlsplit

from studio_app.domain.ids import uuid7
from studio_app.services.sync.status import SyncError, SyncProblem

log = logging.getLogger(__name__)

#: Seconds to wait for the archive: generous, since a push commits up to 500 rows first.
TIMEOUT_S = 60.0
#: Seconds an idle kept-alive connection is reused (below the server's keep-alive).
KEEPALIVE_S = 2.0


class SyncTransport(Protocol):
    """A blocking request to the archive (run off the GUI thread)."""

    def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> Any:
        """Send one request and return its JSON answer.

        Raises:
            SyncError: Unreachable, timed out, refused or failed, as a :class:`SyncProblem`.
        """

    def close(self) -> None:
        """Release the connection."""


def check_url(url: str) -> str:
    """Return ``url`` without a trailing slash if it is an http(s) URL with a host."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(SyncProblem.BAD_URL, url)
    return url


class HttpTransport:
    """:class:`SyncTransport` over HTTP(S) with httpx (connection kept between calls)."""

    def __init__(self, url: str, credential: str, timeout: float = TIMEOUT_S) -> None:
        import httpx  # imported on first sync, off the start-up path

        self._httpx = httpx
        self._client = httpx.Client(
            base_url=check_url(url),
            headers={"Authorization": f"Bearer {credential}"},
            timeout=timeout,
            follow_redirects=False,
            # Give up idle connections well before the server does (uvicorn: 5 s
            # by default), so a request is not sent down a connection being closed.
            limits=httpx.Limits(keepalive_expiry=KEEPALIVE_S),
        )

    def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> Any:
        """Send one request and return its JSON answer (see :class:`SyncTransport`)."""
        httpx = self._httpx
        request_id = request_id or uuid7().hex
        headers = {"X-Request-Id": request_id}
        try:
            try:
                response = self._client.request(
                    method, path, json=body, params=params, headers=headers
                )
            except httpx.RemoteProtocolError:
                # The server closed a kept-alive connection as the request went out.
                # Every studio call is idempotent (SYNC_DESIGN.md), so send it once more
                # on a new connection, under the same request id.
                response = self._client.request(
                    method, path, json=body, params=params, headers=headers
                )
        except httpx.TimeoutException as exc:
            raise SyncError(SyncProblem.TIMEOUT, type(exc).__name__) from exc
        except httpx.HTTPError as exc:
            raise SyncError(SyncProblem.OFFLINE, type(exc).__name__) from exc
        return _answer(response, request_id)

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()


def _answer(response: Any, request_id: str) -> Any:
    status = int(response.status_code)
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if 200 <= status < 300 and payload is not None:
        return payload
    code = payload.get("error", "") if isinstance(payload, dict) else ""
    message = payload.get("message", "") if isinstance(payload, dict) else ""
    detail = f"HTTP {status} {code} {message} (request {request_id})".replace("  ", " ")
    log.warning("archive answered %s", detail)
    if status >= 500 or payload is None:
        raise SyncError(SyncProblem.SERVER, detail)
    if status == 401:
        problem = SyncProblem.REVOKED if code == "revoked" else SyncProblem.UNAUTHORIZED
        raise SyncError(problem, detail)
    if code == "wrong_studio":
        raise SyncError(SyncProblem.WRONG_STUDIO, detail)
    if code == "protocol":
        raise SyncError(SyncProblem.PROTOCOL, detail)
    raise SyncError(SyncProblem.REFUSED, detail)
