"""The app's small local web server: the browser-source overlay and the LAN question form.

Runs on the app's asyncio loop (qasync's in the app) with ``asyncio.start_server``; no
threads. Two listeners: one on loopback, always, for OBS's browser source; one on the LAN
address only while the operator has LAN intake switched on. Overlay endpoints answer loopback
clients only; the form needs the current token on every request.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import io
import json
import logging
import math
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import segno

from studio_app.domain.errors import DomainError
from studio_app.domain.overlay import OverlayState
from studio_app.domain.questions import QuestionDraft
from studio_app.services.web.http import (
    HttpError,
    Limits,
    Request,
    Response,
    content_length,
    html_response,
    json_response,
    read_head,
    split_target,
    text_response,
)
from studio_app.services.web.network import LOOPBACK, host_is_local, is_loopback, lan_address
from studio_app.services.web.submission import (
    FormPage,
    LabelSource,
    SubmissionError,
    choose_form_language,
    draft_from_values,
    merged_labels,
    message_text,
    parse_submission,
    render_form,
    render_message,
)

log = logging.getLogger(__name__)

#: Files a new question goes to: the app files the draft (and masks it) in the callback.
SubmitCallback = Callable[[QuestionDraft], Awaitable[None]]

#: The overlay's files: request path → (file in ``overlays/web``, content type). Only these
#: names are ever read, so no request path reaches the file system.
_OVERLAY_FILES: Mapping[str, tuple[str, str]] = {
    "/overlay": ("overlay.html", "text/html; charset=utf-8"),
    "/overlay/": ("overlay.html", "text/html; charset=utf-8"),
    "/overlay/overlay.css": ("overlay.css", "text/css; charset=utf-8"),
    "/overlay/overlay.js": ("overlay.js", "text/javascript; charset=utf-8"),
}
_EVENTS_PATH = "/overlay/events"
_STATE_PATH = "/overlay/state.json"
_THEME_PATH = "/overlay/theme.json"
_SUBMIT_PATH = "/submit"

#: The overlay page loads only its own files and talks only to this server.
_OVERLAY_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
#: The form page has no script at all; its style is inline.
_FORM_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_EVENT_STREAM_HEAD = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: text/event-stream; charset=utf-8\r\n"
    b"Cache-Control: no-store\r\n"
    b"X-Content-Type-Options: nosniff\r\n"
    b"Referrer-Policy: no-referrer\r\n"
    b"Connection: close\r\n\r\n"
    # EventSource reconnects after this many milliseconds when the stream breaks.
    b"retry: 1000\n\n"
)
#: How long :meth:`WebServer.stop` waits for submissions being filed.
_STOP_GRACE_SECONDS = 5.0
#: How long (and how much) an error answer keeps reading an unread body, so the client sees
#: the answer instead of a connection reset.
_LINGER_SECONDS = 1.0
_LINGER_BYTES = 256 * 1024


def qr_png(url: str, scale: int = 6) -> bytes:
    """A QR code of ``url`` as PNG bytes (black on white, 4-module quiet zone)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


class _RateLimiter:
    """A token bucket per client address: ``per_minute`` requests, refilled evenly."""

    _MAX_CLIENTS = 4096

    def __init__(self, per_minute: int, clock: Callable[[], float]) -> None:
        self._capacity = float(max(1, per_minute))
        self._rate = self._capacity / 60.0
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> float:
        """Take one request for ``key``: 0 if allowed, else seconds until the next is."""
        now = self._clock()
        tokens, last = self._buckets.get(key, (self._capacity, now))
        tokens = min(self._capacity, tokens + (now - last) * self._rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self._rate
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > self._MAX_CLIENTS:
            # Forget clients whose bucket has refilled: they would start full anyway.
            full = [k for k, (t, at) in self._buckets.items() if t + (now - at) * self._rate >= 1]
            for stale in full:
                del self._buckets[stale]
        return 0.0


class WebServer:
    """The overlay page with its live event stream, and the token-protected question form.

    All methods run on the event loop's thread. ``publish`` is synchronous so a Qt slot can
    call it directly; the streams to the browser sources are written by their own tasks.

    Args:
        resources_dir: The app's ``resources/`` folder (``overlays/web``, ``web``, theme).
        on_submit: Files a submitted question; awaited before the form answers. ``None``
            leaves the form switched off.
        labels: The form's texts for a language (``"zh_CN"``/``"en"``), e.g.
            :func:`studio_app.web_messages.submit_page_labels`; English defaults otherwise.
        token: The form token to start with (a saved one keeps printed links valid); a new
            random one by default.
        theme_file: The overlay theme served as ``/overlay/theme.json``; by default
            ``resources/overlays/default/theme.json``.
        limits: Sizes, timeouts and rates (see :class:`Limits`).
        clock: Monotonic seconds, for the rate limiter (tests pass a fake).
    """

    def __init__(
        self,
        resources_dir: Path,
        *,
        on_submit: SubmitCallback | None = None,
        labels: LabelSource | None = None,
        token: str | None = None,
        theme_file: Path | None = None,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._overlay_dir = resources_dir / "overlays" / "web"
        self._form_dir = resources_dir / "web"
        self._theme_file = theme_file or resources_dir / "overlays" / "default" / "theme.json"
        self._on_submit = on_submit
        self._labels = labels
        self._token = token or self._new_token()
        self._limits = limits or Limits()
        self._limiter = _RateLimiter(self._limits.requests_per_minute, clock)

        self._host = LOOPBACK
        self._local: asyncio.Server | None = None
        self._lan: asyncio.Server | None = None
        self._lan_enabled = False
        self._lan_host = LOOPBACK
        self._lan_port = 0

        self._connections: dict[asyncio.Task[Any], asyncio.StreamWriter] = {}
        self._per_client: dict[str, int] = {}
        self._event_clients: set[asyncio.Event] = set()
        self._filing: set[asyncio.Future[None]] = set()
        self._state = self._encode_state(OverlayState().to_json())
        self._state_version = 0

    # ------------------------------------------------------------------ life cycle
    async def start(
        self,
        *,
        host: str = LOOPBACK,
        port: int = 0,
        lan: bool = False,
        lan_host: str | None = None,
    ) -> None:
        """Listen on ``host``:``port`` (0: any free port); with ``lan``, switch LAN intake on.

        Raises:
            OSError: The port is taken or the address cannot be used.
            RuntimeError: The server is already running.
        """
        if self._local is not None:
            raise RuntimeError("the web server is already running")
        self._host = host
        self._local = await self._listen(host, port)
        if lan:
            try:
                await self.set_lan(True, lan_host=lan_host)
            except BaseException:
                await self.stop()
                raise

    async def set_lan(self, enabled: bool, *, lan_host: str | None = None) -> None:
        """Switch LAN intake on or off; the overlay keeps running either way.

        On: the form is served, also on this PC's LAN address (``lan_host``, else
        :func:`~studio_app.services.web.network.lan_address`), on the same port when
        possible. A PC without a network address serves the form on loopback only.
        Off: the LAN listener closes and the form answers 404.

        Raises:
            OSError: The LAN address cannot be listened on (intake stays off).
        """
        if self._local is None:
            if not enabled:
                return
            await self.start()
        await self._close_lan()
        self._lan_enabled = False
        if not enabled:
            return
        address = lan_host or lan_address()
        if address != self._host and not is_loopback(address):
            try:
                self._lan = await self._listen(address, self.port)
            except OSError:
                self._lan = await self._listen(address, 0)
            self._lan_port = self._lan.sockets[0].getsockname()[1]
        else:
            self._lan_port = self.port
        self._lan_host = address
        self._lan_enabled = True

    async def stop(self) -> None:
        """Stop listening, end every connection (streams included) and let filing finish."""
        await self._close_lan()
        self._lan_enabled = False
        local, self._local = self._local, None
        if local is not None:
            local.close()
        if self._filing:
            await asyncio.wait(list(self._filing), timeout=_STOP_GRACE_SECONDS)
        # Closing the sockets ends every handler (streams included) by itself; cancelling
        # is only for one that does not end in time.
        for writer in list(self._connections.values()):
            writer.close()
        tasks = list(self._connections)
        if tasks:
            _done, stuck = await asyncio.wait(tasks, timeout=_STOP_GRACE_SECONDS)
            for task in stuck:
                task.cancel()
            if stuck:
                await asyncio.wait(stuck, timeout=_STOP_GRACE_SECONDS)
        if local is not None:
            await local.wait_closed()

    async def _listen(self, host: str, port: int) -> asyncio.Server:
        return await asyncio.start_server(
            self._on_connection, host, port, limit=self._limits.max_line
        )

    async def _close_lan(self) -> None:
        lan, self._lan = self._lan, None
        if lan is not None:
            lan.close()
            # Connections already accepted from the LAN end as their requests complete.

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        """Whether the loopback listener is up."""
        return self._local is not None

    @property
    def port(self) -> int:
        """The loopback listener's port (0 when stopped)."""
        if self._local is None or not self._local.sockets:
            return 0
        return int(self._local.sockets[0].getsockname()[1])

    @property
    def lan_enabled(self) -> bool:
        """Whether the question form is being served."""
        return self._lan_enabled

    @property
    def lan_reachable(self) -> bool:
        """Whether other computers can reach the form (a LAN address is being listened on)."""
        return self._lan_enabled and self._lan is not None

    @property
    def token(self) -> str:
        """The form's current token."""
        return self._token

    @property
    def overlay_url(self) -> str:
        """The address to give OBS's browser source."""
        return f"http://{_url_host(self._host)}:{self.port}/overlay"

    @property
    def submit_url(self) -> str:
        """The form's address with the token, on the LAN address while intake is on."""
        host, port = (
            (self._lan_host, self._lan_port) if self._lan_enabled else (self._host, self.port)
        )
        return f"http://{_url_host(host)}:{port}{_SUBMIT_PATH}?token={quote(self._token)}"

    def rotate_token(self) -> str:
        """Make a new form token and return it; links with the old one get 403 from now on."""
        self._token = self._new_token()
        return self._token

    def publish(self, state_json: Mapping[str, Any]) -> None:
        """Send an overlay state (``OverlayState.to_json()``) to every open overlay page.

        The latest state is kept and sent to pages that connect later. A state equal to the
        current one is not sent again.
        """
        encoded = self._encode_state(state_json)
        if encoded == self._state:
            return
        self._state = encoded
        self._state_version += 1
        for client in self._event_clients:
            client.set()

    def publish_state(self, state: OverlayState) -> None:
        """:meth:`publish` for an :class:`OverlayState`."""
        self.publish(state.to_json())

    @staticmethod
    def _encode_state(state_json: Mapping[str, Any]) -> bytes:
        # One line: json.dumps escapes every newline inside strings, so the event has a
        # single ``data:`` line and a question can never inject an event of its own.
        return json.dumps(state_json, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @staticmethod
    def _new_token() -> str:
        return secrets.token_urlsafe(24)

    def _token_ok(self, given: str) -> bool:
        return hmac.compare_digest(given.encode("utf-8"), self._token.encode("utf-8"))

    # ------------------------------------------------------------------ connections
    async def _on_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._connections[task] = writer
        peername = writer.get_extra_info("peername")
        peer = str(peername[0]) if isinstance(peername, tuple) and peername else ""
        local = is_loopback(peer)
        self._per_client[peer] = self._per_client.get(peer, 0) + 1
        try:
            if len(self._connections) > self._limits.max_connections or (
                not local and self._per_client[peer] > self._limits.max_connections_per_client
            ):
                await self._send(writer, text_response(503, headers=(("Retry-After", "5"),)))
                return
            await self._serve(reader, writer, peer)
        except (ConnectionError, TimeoutError, asyncio.IncompleteReadError):
            pass  # the client went away or stalled while being answered: nothing to tell
        except asyncio.CancelledError:
            # Only stop() cancels a handler. Ending normally keeps Python 3.11's streams from
            # reporting the cancelled task as an unhandled error (fixed in 3.12).
            pass
        except Exception:
            log.exception("web server: request from %s failed", peer)
        finally:
            if task is not None:
                self._connections.pop(task, None)
            self._per_client[peer] -= 1
            if self._per_client[peer] <= 0:
                del self._per_client[peer]
            writer.close()
            with contextlib.suppress(Exception):
                async with asyncio.timeout(self._limits.write_timeout):
                    await writer.wait_closed()

    async def _serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, peer: str
    ) -> None:
        path = ""
        headers: dict[str, str] = {}
        try:
            try:
                async with asyncio.timeout(self._limits.head_timeout):
                    method, target, headers = await read_head(reader, self._limits)
            except TimeoutError as error:
                raise HttpError(408) from error
            path, query = split_target(target)
            self._check_access(method, path, peer, headers)
            length = content_length(headers, self._limits)
            body = b""
            if length:
                if headers.get("expect", "").lower() == "100-continue":
                    writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                try:
                    async with asyncio.timeout(self._limits.body_timeout):
                        body = await reader.readexactly(length)
                except TimeoutError as error:
                    raise HttpError(408) from error
                except asyncio.IncompleteReadError as error:
                    raise HttpError(400, "incomplete body") from error
            request = Request(method, path, query, headers, body, peer)
            if path == _EVENTS_PATH:
                await self._stream_events(reader, writer)
                return
            response = await self._respond(request)
            await self._send(writer, response, head_only=method == "HEAD")
        except EOFError:
            return
        except HttpError as error:
            response = self._error_response(error, path, headers)
            await self._send(writer, response)
            # What the client is still sending (a refused body, the rest of a bad head) would
            # make closing reset the connection, and the client might never see the answer.
            await self._linger(reader, writer)

    def _check_access(self, method: str, path: str, peer: str, headers: Mapping[str, str]) -> None:
        """Refuse before any body is read: wrong client, unknown path, wrong method, too fast."""
        if path in _OVERLAY_FILES or path in (_EVENTS_PATH, _STATE_PATH, _THEME_PATH):
            # OBS runs on this PC. The Host check keeps out web pages that reach 127.0.0.1
            # through DNS rebinding.
            if not is_loopback(peer) or not host_is_local(headers.get("host", "")):
                raise HttpError(403, "the overlay is only served to this computer")
            allowed: tuple[str, ...] = ("GET",) if path == _EVENTS_PATH else ("GET", "HEAD")
        elif path == _SUBMIT_PATH and self._lan_enabled and self._on_submit is not None:
            allowed = ("GET", "HEAD", "POST")
            self._charge(peer)
        else:
            if not is_loopback(peer):
                self._charge(peer)
            raise HttpError(404)
        if method not in allowed:
            raise HttpError(405, headers=(("Allow", ", ".join(allowed)),))

    def _charge(self, peer: str) -> None:
        wait = self._limiter.take(peer)
        if wait > 0:
            raise HttpError(429, headers=(("Retry-After", str(math.ceil(wait))),))

    async def _send(
        self, writer: asyncio.StreamWriter, response: Response, *, head_only: bool = False
    ) -> None:
        await self._write(writer, response.encode(head_only=head_only))

    async def _write(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        writer.write(data)
        async with asyncio.timeout(self._limits.write_timeout):
            await writer.drain()

    async def _linger(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Read and drop what the client is still sending, briefly, after an early answer."""
        with contextlib.suppress(Exception):
            if writer.can_write_eof():
                writer.write_eof()
            async with asyncio.timeout(_LINGER_SECONDS):
                dropped = 0
                while dropped < _LINGER_BYTES:
                    chunk = await reader.read(16 * 1024)
                    if not chunk:
                        break
                    dropped += len(chunk)

    # ------------------------------------------------------------------ answers
    async def _respond(self, request: Request) -> Response:
        if request.path in _OVERLAY_FILES:
            name, content_type = _OVERLAY_FILES[request.path]
            return self._file_response(self._overlay_dir / name, content_type, _OVERLAY_CSP)
        if request.path == _THEME_PATH:
            return self._file_response(self._theme_file, "application/json; charset=utf-8", "")
        if request.path == _STATE_PATH:
            return Response(200, self._state, "application/json; charset=utf-8")
        if request.method == "POST":
            return await self._submit(request)
        if not self._token_ok(request.query.get("token", "")):
            raise HttpError(403)
        return self._form(request)

    def _file_response(self, path: Path, content_type: str, csp: str) -> Response:
        try:
            body = path.read_bytes()
        except OSError:
            log.warning("web server: %s is missing", path)
            raise HttpError(404) from None
        headers = (("Content-Security-Policy", csp),) if csp else ()
        return Response(200, body, content_type, headers)

    def _template(self, name: str) -> str:
        try:
            return (self._form_dir / name).read_text(encoding="utf-8")
        except OSError:
            log.warning("web server: %s is missing", self._form_dir / name)
            raise HttpError(500) from None

    def _language(self, headers: Mapping[str, str]) -> str:
        return choose_form_language(headers.get("accept-language", ""))

    def _form(
        self,
        request: Request,
        *,
        values: Mapping[str, str] | None = None,
        notice: str | None = None,
        notice_kind: str = "ok",
        status: int = 200,
    ) -> Response:
        """The form page; ``values``/``notice`` show a refused submission again."""
        language = self._language(request.headers)
        labels = merged_labels(self._labels, language)
        if notice is None:
            notice = message_text(labels, "sent") if request.query.get("sent") == "1" else ""
        if values is None:
            values = {"channel": request.query.get("channel", "")}
        page = FormPage(
            token=self._token,
            language=language,
            labels=labels,
            values=values,
            notice=notice,
            notice_kind=notice_kind,
        )
        return html_response(
            status,
            render_form(self._template("submit.html"), page),
            headers=(("Content-Security-Policy", _FORM_CSP),),
        )

    async def _submit(self, request: Request) -> Response:
        language = self._language(request.headers)
        labels = merged_labels(self._labels, language)
        try:
            form = parse_submission(request.media_type, request.body)
        except SubmissionError as error:
            raise HttpError(error.status) from error
        token = request.query.get("token") or form.token
        if not self._token_ok(token):
            raise HttpError(403)
        try:
            draft = draft_from_values(form.values)
            await self._file(draft)
        except SubmissionError as error:
            return self._refused(request, form.values, error.code, error.status, labels)
        except DomainError:
            return self._refused(request, form.values, "error_invalid", 422, labels)
        except Exception:
            log.exception("web server: filing a submitted question failed")
            return self._refused(request, form.values, "error_failed", 500, labels)
        if request.wants_json():
            return json_response(201, {"ok": True, "message": message_text(labels, "sent")})
        # Post/redirect/get: reloading the page afterwards does not send the question again.
        # The next question is likely to come the same way: keep the channel chosen.
        location = f"{_SUBMIT_PATH}?token={quote(self._token)}&sent=1&channel={draft.channel.value}"
        return Response(303, b"", headers=(("Location", location),))

    async def _file(self, draft: QuestionDraft) -> None:
        assert self._on_submit is not None  # the route is closed without a callback
        # Shielded: a client hanging up (or stop()) must not cancel a save half-way.
        filing = asyncio.ensure_future(self._on_submit(draft))
        self._filing.add(filing)
        filing.add_done_callback(self._filing.discard)
        await asyncio.shield(filing)

    def _refused(
        self,
        request: Request,
        values: Mapping[str, str],
        code: str,
        status: int,
        labels: Mapping[str, str],
    ) -> Response:
        message = message_text(labels, code)
        if request.wants_json():
            return json_response(status, {"ok": False, "error": code, "message": message})
        # The form again, with what was typed, so nothing is lost.
        return self._form(
            request,
            values=values,
            notice=message,
            notice_kind="error",
            status=status,
        )

    def _error_response(self, error: HttpError, path: str, headers: Mapping[str, str]) -> Response:
        if path != _SUBMIT_PATH or error.status in (404, 405):
            return text_response(error.status, error.detail, headers=error.headers)
        code = {
            403: "error_token",
            408: "error_bad_request",
            413: "error_too_large",
            429: "error_rate",
        }.get(error.status, "error_bad_request")
        language = self._language(headers)
        labels = merged_labels(self._labels, language)
        message = message_text(labels, code)
        media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        accept = headers.get("accept", "").lower()
        if media == "application/json" or ("application/json" in accept and "html" not in accept):
            return json_response(
                error.status,
                {"ok": False, "error": code, "message": message},
                headers=error.headers,
            )
        try:
            page = render_message(
                self._template("message.html"), language, labels["title"], message
            )
        except HttpError:
            return text_response(error.status, message, headers=error.headers)
        return html_response(
            error.status,
            page,
            headers=(*error.headers, ("Content-Security-Policy", _FORM_CSP)),
        )

    # ------------------------------------------------------------------ event stream
    async def _stream_events(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """Send the current state now and every new one after, until the page goes away."""
        if len(self._event_clients) >= self._limits.max_event_clients:
            raise HttpError(503)
        wake = asyncio.Event()
        self._event_clients.add(wake)
        # EventSource sends nothing after its request: end of input means the page is gone.
        gone = asyncio.ensure_future(reader.read(1))
        try:
            await self._write(writer, _EVENT_STREAM_HEAD)
            sent = -1
            while not gone.done():
                wake.clear()
                if self._state_version != sent:
                    sent = self._state_version
                    await self._write(writer, b"data: " + self._state + b"\n\n")
                woken = asyncio.ensure_future(wake.wait())
                done, _ = await asyncio.wait(
                    {woken, gone},
                    timeout=self._limits.ping_interval,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                woken.cancel()
                if not done:
                    # A comment line: keeps idle connections alive, finds dead ones.
                    await self._write(writer, b": ping\n\n")
        finally:
            gone.cancel()
            self._event_clients.discard(wake)


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0", "::"):
        return LOOPBACK
    return f"[{host}]" if ":" in host else host
