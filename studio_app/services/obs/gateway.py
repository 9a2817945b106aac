"""The OBS gateway: one connection to OBS Studio that survives OBS crashing and coming back.

obsws-python is synchronous, not thread-safe, hangs without a timeout, desynchronises after
one, kills its event thread on a callback exception and reports nothing when OBS dies
(OBS_FACTS.md). So:

* every request runs on one worker thread with a timeout; a client that failed on the
  transport is discarded, never reused;
* events are read raw (camelCase, as in the protocol) and handed to the asyncio loop with
  ``call_soon_threadsafe``; the reader never raises;
* a watcher notices the event thread ending (OBS killed: ~10 ms) and a ``GetStats``
  heartbeat notices a frozen OBS;
* a supervisor task reconnects with back-off, except after a wrong password or a too-old
  OBS, where retrying cannot help until the settings change.

Listeners run on the event loop's thread (the GUI thread under qasync). This module knows
nothing of Qt.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import obsws_python as obsws
import websocket
from obsws_python.error import OBSSDKError, OBSSDKRequestError, OBSSDKTimeoutError

from studio_app.services.obs.errors import (
    ObsConnectionLostError,
    ObsNotConnectedError,
    ObsRequestError,
)
from studio_app.services.obs.model import (
    ConnectionState,
    ConnectionStatus,
    EventListener,
    ObsSettings,
    version_tuple,
)

log = logging.getLogger(__name__)

# obsws-python logs the password at INFO and a traceback for every refused request.
logging.getLogger("obsws_python").setLevel(logging.CRITICAL)

#: What a dead or desynchronised connection raises (ValueError: JSON decode after a clean quit).
TRANSPORT_ERRORS: tuple[type[BaseException], ...] = (
    OBSSDKTimeoutError,
    websocket.WebSocketException,
    OSError,
    ValueError,
)

#: Oldest obs-websocket the app speaks to (OBS 29).
MINIMUM_WEBSOCKET_VERSION = (5, 1, 0)


class _ConnectError(Exception):
    def __init__(self, state: ConnectionState, detail: str) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail


class _RawEvents:
    """Replaces obsws-python's Callback: receives events raw and never raises."""

    def __init__(self, deliver: Callable[[str, dict[str, Any]], None]) -> None:
        self._deliver = deliver

    def trigger(self, event_type: str, data: dict[str, Any]) -> None:
        try:
            self._deliver(event_type, data)
        except Exception:  # an exception here would kill obsws-python's event thread
            log.exception("delivering OBS event %s failed", event_type)


class WebSocketObsGateway:
    """The real gateway over obs-websocket v5 (see the module docstring)."""

    def __init__(self, settings: ObsSettings) -> None:
        self._settings = settings
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="obs-req"
        )
        self._executor_closed = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._req: Any = None
        self._events: Any = None
        self._generation = 0
        self._status = ConnectionStatus(ConnectionState.STOPPED)
        self._event_listeners: list[EventListener] = []
        self._status_listeners: list[Callable[[ConnectionStatus], None]] = []
        self._supervisor: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None

    # ------------------------------------------------------------------ public API
    @property
    def status(self) -> ConnectionStatus:
        """The current connection status."""
        return self._status

    @property
    def settings(self) -> ObsSettings:
        """The settings in use."""
        return self._settings

    def add_event_listener(self, listener: EventListener) -> None:
        """Call ``listener(event_type, event_data)`` on the loop's thread for every event."""
        self._event_listeners.append(listener)

    def add_status_listener(self, listener: Callable[[ConnectionStatus], None]) -> None:
        """Call ``listener(status)`` on the loop's thread whenever the status changes."""
        self._status_listeners.append(listener)

    async def start(self) -> None:
        """Start the supervisor task: connect now, reconnect whenever the link is lost."""
        if self._supervisor is not None:
            return
        if self._executor_closed:  # stopped before: a fresh worker thread for this run
            self._executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="obs-req"
            )
            self._executor_closed = False
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._supervisor = self._loop.create_task(self._supervise(), name="obs-supervisor")

    async def stop(self) -> None:
        """Stop reconnecting, close both sockets and the worker thread."""
        supervisor, self._supervisor = self._supervisor, None
        if supervisor is not None:
            supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await supervisor
        self._generation += 1
        req, events, self._req, self._events = self._req, self._events, None, None
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, _close_clients, req, events)
        self._executor.shutdown(wait=False)
        self._executor_closed = True
        self._set_status(ConnectionStatus(ConnectionState.STOPPED))

    async def reconfigure(self, settings: ObsSettings) -> None:
        """Switch to ``settings``: the current connection is dropped and retried at once."""
        self._settings = settings
        if self._supervisor is None:
            return
        self._drop("settings changed")
        assert self._wake is not None
        self._wake.set()

    async def call(self, request: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one request on the worker thread; see :class:`ObsGateway`."""
        if self._req is None:
            raise ObsNotConnectedError(self._status.detail or self._status.state.value)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._call_blocking, request, data)

    # ------------------------------------------------------------------ worker thread
    def _call_blocking(self, request: str, data: dict[str, Any] | None) -> dict[str, Any]:
        req, generation = self._req, self._generation
        if req is None:
            raise ObsNotConnectedError(self._status.detail or self._status.state.value)
        try:
            reply = req.send(request, data, raw=True)
        except OBSSDKRequestError as exc:
            raise ObsRequestError(request, int(exc.code), str(exc)) from None
        except TRANSPORT_ERRORS as exc:
            # A timed-out client answers later calls with earlier replies: never reuse it.
            self._lost_threadsafe(generation, f"{request}: {type(exc).__name__}")
            raise ObsConnectionLostError(f"{request}: {type(exc).__name__}: {exc}") from None
        return dict(reply or {})

    def _connect_blocking(self, generation: int) -> tuple[ConnectionStatus, Any, Any]:
        settings = self._settings
        kwargs = {
            "host": settings.host,
            "port": settings.port,
            "password": settings.password,
            "timeout": settings.request_timeout,
        }
        try:
            req = obsws.ReqClient(**kwargs)
        except OBSSDKError as exc:
            message = str(exc).lower()
            if "identify" in message or "password" in message or "authentication" in message:
                raise _ConnectError(ConnectionState.WRONG_PASSWORD, str(exc)) from None
            raise _ConnectError(ConnectionState.UNREACHABLE, str(exc)) from None
        except ConnectionRefusedError as exc:
            raise _ConnectError(ConnectionState.NOT_RUNNING, str(exc)) from None
        except TRANSPORT_ERRORS as exc:
            raise _ConnectError(
                ConnectionState.UNREACHABLE, f"{type(exc).__name__}: {exc}"
            ) from None
        try:
            version = dict(req.send("GetVersion", raw=True) or {})
            ws_version = str(version.get("obsWebSocketVersion", "0"))
            if version_tuple(ws_version) < MINIMUM_WEBSOCKET_VERSION:
                raise _ConnectError(ConnectionState.TOO_OLD, ws_version)
            events = obsws.EventClient(**kwargs, subs=obsws.Subs.LOW_VOLUME)
        except _ConnectError:
            _close_clients(req, None)
            raise
        except (OBSSDKError, *TRANSPORT_ERRORS) as exc:
            _close_clients(req, None)
            raise _ConnectError(
                ConnectionState.UNREACHABLE, f"{type(exc).__name__}: {exc}"
            ) from None
        events.callback = _RawEvents(
            lambda event_type, data: self._deliver_threadsafe(generation, event_type, data)
        )
        threading.Thread(
            target=self._watch_event_thread,
            args=(events.worker, generation),
            name="obs-event-watch",
            daemon=True,
        ).start()
        status = ConnectionStatus(
            ConnectionState.CONNECTED,
            obs_version=str(version.get("obsVersion", "")),
            websocket_version=ws_version,
        )
        return status, req, events

    def _watch_event_thread(self, worker: threading.Thread, generation: int) -> None:
        worker.join()  # ends when the socket closes: OBS quit or was killed
        self._lost_threadsafe(generation, "event connection closed")

    # ------------------------------------------------------------------ thread hand-over
    def _deliver_threadsafe(self, generation: int, event_type: str, data: dict[str, Any]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._dispatch_event, generation, event_type, data)

    def _lost_threadsafe(self, generation: int, reason: str) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # loop closing during shutdown
                loop.call_soon_threadsafe(self._on_lost, generation, reason)

    # ------------------------------------------------------------------ loop thread
    def _dispatch_event(self, generation: int, event_type: str, data: dict[str, Any]) -> None:
        if generation != self._generation:
            return  # from a connection already discarded
        for listener in list(self._event_listeners):
            try:
                listener(event_type, data)
            except Exception:
                log.exception("OBS event listener failed on %s", event_type)

    def _on_lost(self, generation: int, reason: str) -> None:
        if generation != self._generation or self._supervisor is None:
            return
        log.warning("lost the connection to OBS: %s", reason)
        self._drop(reason)
        self._set_status(ConnectionStatus(ConnectionState.CONNECTING, reason))
        assert self._wake is not None
        self._wake.set()

    def _drop(self, reason: str) -> None:
        self._generation += 1
        req, events, self._req, self._events = self._req, self._events, None, None
        if req is not None or events is not None:
            self._executor.submit(_close_clients, req, events)

    def _set_status(self, status: ConnectionStatus) -> None:
        if status == self._status:
            return
        self._status = status
        log.info("OBS connection: %s %s", status.state.value, status.detail)
        for listener in list(self._status_listeners):
            try:
                listener(status)
            except Exception:
                log.exception("OBS status listener failed")

    async def _supervise(self) -> None:
        loop = asyncio.get_running_loop()
        assert self._wake is not None
        delay = self._settings.backoff_initial
        while True:
            if self._req is None:
                self._wake.clear()
                if self._status.state not in (ConnectionState.CONNECTING,):
                    self._set_status(replace(self._status, state=ConnectionState.CONNECTING))
                generation = self._generation
                try:
                    status, req, events = await loop.run_in_executor(
                        self._executor, self._connect_blocking, generation
                    )
                except _ConnectError as failure:
                    self._set_status(ConnectionStatus(failure.state, failure.detail))
                    if failure.state in (ConnectionState.WRONG_PASSWORD, ConnectionState.TOO_OLD):
                        await self._wake.wait()  # only new settings can help
                        delay = self._settings.backoff_initial
                        continue
                    await self._sleep_or_wake(delay)
                    delay = min(delay * 2, self._settings.backoff_max)
                    continue
                if generation != self._generation:  # settings changed while connecting
                    self._executor.submit(_close_clients, req, events)
                    continue
                self._req, self._events = req, events
                delay = self._settings.backoff_initial
                self._set_status(status)
                continue
            # Connected: heartbeat, or wake early when the watcher reports a loss.
            woken = await self._sleep_or_wake(self._settings.heartbeat_interval)
            if woken or self._req is None:
                continue
            with contextlib.suppress(ObsConnectionLostError, ObsNotConnectedError):
                await self.call("GetStats")

    async def _sleep_or_wake(self, seconds: float) -> bool:
        assert self._wake is not None
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except TimeoutError:
            return False
        self._wake.clear()
        return True


def _close_clients(req: Any, events: Any) -> None:
    """Close both sockets without waiting on a peer that may be gone (worker thread)."""
    for client in (req, events):
        if client is None:
            continue
        ws = getattr(getattr(client, "base_client", None), "ws", None)
        if ws is None:
            continue
        with contextlib.suppress(Exception):
            ws.abort()
        with contextlib.suppress(Exception):
            ws.close(timeout=0.5)
    worker = getattr(events, "worker", None)
    if worker is not None:
        worker.join(2)
