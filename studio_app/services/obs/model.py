"""Plain values about the OBS connection; importing them does not import obsws-python."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol


class ConnectionState(StrEnum):
    """What the operator is told about the OBS connection."""

    STOPPED = "stopped"  # the gateway is not running
    CONNECTING = "connecting"
    CONNECTED = "connected"
    WRONG_PASSWORD = "wrong_password"  # no retry until the settings change
    NOT_RUNNING = "not_running"  # nothing listens on the port: retried with back-off
    UNREACHABLE = "unreachable"  # timeout, not a websocket server …: retried
    TOO_OLD = "too_old"  # obs-websocket older than 5.1: no retry


@dataclass(frozen=True, slots=True)
class ConnectionStatus:
    """The connection state with what is known about the OBS on the other end."""

    state: ConnectionState
    detail: str = ""
    obs_version: str = ""
    websocket_version: str = ""

    @property
    def connected(self) -> bool:
        """Whether requests can be sent."""
        return self.state is ConnectionState.CONNECTED


@dataclass(frozen=True, slots=True)
class ObsSettings:
    """Where OBS listens and how long to wait for it.

    ``password`` comes from the OS keyring at run time and is never logged or stored here
    beyond the process's memory (``repr`` hides it).
    """

    host: str = "127.0.0.1"
    port: int = 4455
    password: str = ""
    request_timeout: float = 3.0
    heartbeat_interval: float = 2.0
    backoff_initial: float = 0.25
    backoff_max: float = 5.0

    def __repr__(self) -> str:
        return f"ObsSettings(host={self.host!r}, port={self.port}, password=***)"


def version_tuple(text: str) -> tuple[int, ...]:
    """``"5.1.0"`` → ``(5, 1, 0)``; each part's leading digits (``"2-1+b1"`` → 2)."""
    parts = []
    for piece in text.split("."):
        digits = re.match(r"\d*", piece.strip())
        parts.append(int(digits.group()) if digits and digits.group() else 0)
    return tuple(parts)


EventListener = Callable[[str, dict[str, Any]], None]


class ObsGateway(Protocol):
    """What the rest of the app needs from OBS; a fake implements it for UI and unit tests."""

    @property
    def status(self) -> ConnectionStatus:
        """The current connection status."""
        ...

    def add_event_listener(self, listener: EventListener) -> None:
        """Call ``listener(event_type, event_data)`` for every OBS event."""
        ...

    def add_status_listener(self, listener: Callable[[ConnectionStatus], None]) -> None:
        """Call ``listener(status)`` whenever the connection status changes."""
        ...

    async def start(self) -> None:
        """Start connecting (and keep reconnecting) in the background."""
        ...

    async def stop(self) -> None:
        """Disconnect and stop reconnecting."""
        ...

    async def reconfigure(self, settings: ObsSettings) -> None:
        """Use new settings: drop the connection and connect again with them."""
        ...

    async def call(self, request: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one request and return OBS's ``responseData`` (``{}`` if none).

        Raises:
            ObsNotConnectedError: Not connected.
            ObsConnectionLostError: The connection broke during the request.
            ObsRequestError: OBS refused the request.
        """
        ...
