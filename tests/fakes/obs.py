"""An in-memory OBS gateway implementing the ObsGateway protocol, for unit and UI tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studio_app.services.obs.errors import ObsNotConnectedError, ObsRequestError
from studio_app.services.obs.model import ConnectionState, ConnectionStatus, ObsSettings


class FakeObsGateway:
    """Answers a few requests from a small model of OBS and lets tests push events."""

    def __init__(self) -> None:
        self.status = ConnectionStatus(ConnectionState.STOPPED)
        self.scenes = ["Scene"]
        self.program = "Scene"
        self.requests: list[tuple[str, dict[str, Any] | None]] = []
        self._events: list[Callable[[str, dict[str, Any]], None]] = []
        self._statuses: list[Callable[[ConnectionStatus], None]] = []

    def add_event_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> None:
        self._events.append(listener)

    def add_status_listener(self, listener: Callable[[ConnectionStatus], None]) -> None:
        self._statuses.append(listener)

    async def start(self) -> None:
        self.set_status(
            ConnectionStatus(
                ConnectionState.CONNECTED, obs_version="29.0.2", websocket_version="5.1.0"
            )
        )

    async def stop(self) -> None:
        self.set_status(ConnectionStatus(ConnectionState.STOPPED))

    async def reconfigure(self, settings: ObsSettings) -> None:
        self.settings = settings

    def set_status(self, status: ConnectionStatus) -> None:
        self.status = status
        for listener in list(self._statuses):
            listener(status)

    def emit(self, event_type: str, data: dict[str, Any]) -> None:
        for listener in list(self._events):
            listener(event_type, data)

    async def call(self, request: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
        if not self.status.connected:
            raise ObsNotConnectedError(self.status.state.value)
        self.requests.append((request, data))
        if request == "GetSceneList":
            return {
                "currentProgramSceneName": self.program,
                "currentPreviewSceneName": None,
                "scenes": [
                    {"sceneName": s, "sceneIndex": i} for i, s in enumerate(reversed(self.scenes))
                ],
            }
        if request == "GetStudioModeEnabled":
            return {"studioModeEnabled": False}
        if request in ("GetRecordStatus", "GetStreamStatus"):
            return {"outputActive": False}
        if request == "SetCurrentProgramScene":
            assert data is not None
            if data["sceneName"] not in self.scenes:
                raise ObsRequestError(request, 600, "No source was found")
            self.program = data["sceneName"]
            self.emit("CurrentProgramSceneChanged", {"sceneName": self.program})
            return {}
        return {}
