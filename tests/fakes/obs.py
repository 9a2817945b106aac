"""An in-memory OBS gateway implementing the ObsGateway protocol, for unit and UI tests."""

from __future__ import annotations

import asyncio
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
        #: Merged over a plausible ``GetStats`` reply (obs-websocket 5.1 field names).
        self.stats: dict[str, Any] = {}
        #: The ``GetVideoSettings`` reply.
        self.video: dict[str, Any] = {
            "fpsNumerator": 30,
            "fpsDenominator": 1,
            "baseWidth": 1920,
            "baseHeight": 1080,
            "outputWidth": 1920,
            "outputHeight": 1080,
        }
        #: What ``GetRecordStatus`` / ``GetStreamStatus`` report (durations in ms).
        self.record_active = False
        self.record_paused = False
        self.record_ms = 0
        self.stream_active = False
        self.stream_ms = 0
        self.stream_skipped = 0
        self.stream_total = 0
        #: Requests that fail: request type → the error raised (after being recorded).
        self.failures: dict[str, Exception] = {}
        #: Studio mode and its preview scene.
        self.studio_mode = False
        self.preview = ""
        #: The file the last StopRecord produced; a stream start that cannot connect.
        self.last_record_path = ""
        self.recordings = 0
        self.stream_fails = False
        #: Inputs by name → kind, scene items by scene → source names (for prepare_obs).
        self.inputs: dict[str, str] = {}
        self.scene_items: dict[str, list[str]] = {}
        self.input_kinds = ["image_source", "color_source_v3", "text_ft2_source_v2"]
        #: Settings each input was given (CreateInput, then SetInputSettings merged over).
        self.input_settings: dict[str, dict[str, Any]] = {}
        #: Whether a scene item is shown: (scene, source) → enabled.
        self.item_enabled: dict[tuple[str, str], bool] = {}
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
        if request in self.failures:
            raise self.failures[request]
        if request == "GetSceneList":
            return {
                "currentProgramSceneName": self.program,
                "currentPreviewSceneName": self.preview if self.studio_mode else None,
                "scenes": [
                    {"sceneName": s, "sceneIndex": i} for i, s in enumerate(reversed(self.scenes))
                ],
            }
        if request == "GetStudioModeEnabled":
            return {"studioModeEnabled": self.studio_mode}
        if request == "GetRecordStatus":
            return {
                "outputActive": self.record_active,
                "outputPaused": self.record_paused,
                "outputTimecode": _timecode(self.record_ms),
                "outputDuration": self.record_ms,
                "outputBytes": 0,
            }
        if request == "GetStreamStatus":
            return {
                "outputActive": self.stream_active,
                "outputReconnecting": False,
                "outputTimecode": _timecode(self.stream_ms),
                "outputDuration": self.stream_ms,
                "outputCongestion": 0.0,
                "outputBytes": 0,
                "outputSkippedFrames": self.stream_skipped,
                "outputTotalFrames": self.stream_total,
            }
        if request == "GetStats":
            return {
                "cpuUsage": 5.0,
                "memoryUsage": 250.0,
                "availableDiskSpace": 200_000.0,
                "activeFps": 30.0,
                "averageFrameRenderTime": 2.0,
                "renderSkippedFrames": 0,
                "renderTotalFrames": 0,
                "outputSkippedFrames": 0,
                "outputTotalFrames": 0,
                "webSocketSessionIncomingMessages": len(self.requests),
                "webSocketSessionOutgoingMessages": len(self.requests),
            } | self.stats
        if request == "GetVideoSettings":
            return dict(self.video)
        if request == "SetCurrentProgramScene":
            assert data is not None
            if data["sceneName"] not in self.scenes:
                raise ObsRequestError(request, 600, "No source was found")
            self.program = data["sceneName"]
            self.emit("CurrentProgramSceneChanged", {"sceneName": self.program})
            return {}
        return self._call_more(request, data or {})

    def _later(self, *events: tuple[str, dict[str, Any]]) -> None:
        """Emit events after the request returned, as OBS does (OBS_FACTS.md)."""
        loop = asyncio.get_running_loop()
        for event_type, payload in events:
            loop.call_soon(self.emit, event_type, payload)

    def _call_more(self, request: str, data: dict[str, Any]) -> dict[str, Any]:
        if request == "SetCurrentPreviewScene":
            if not self.studio_mode:
                raise ObsRequestError(request, 506, "Studio mode is not active")
            if data["sceneName"] not in self.scenes:
                raise ObsRequestError(request, 600, "No source was found")
            self.preview = data["sceneName"]
            self._later(("CurrentPreviewSceneChanged", {"sceneName": self.preview}))
            return {}
        if request == "TriggerStudioModeTransition":
            if not self.studio_mode:
                raise ObsRequestError(request, 506, "Studio mode is not active")
            self.program, self.preview = self.preview, self.program
            self._later(
                ("CurrentProgramSceneChanged", {"sceneName": self.program}),
                ("CurrentPreviewSceneChanged", {"sceneName": self.preview}),
            )
            return {}
        if request == "StartRecord":
            if self.record_active:
                raise ObsRequestError(request, 500, "Output already running")
            self.record_active, self.record_ms = True, 0
            self._later(_output("Record", "STARTING"), _output("Record", "STARTED"))
            return {}
        if request == "StopRecord":
            if not self.record_active:
                raise ObsRequestError(request, 501, "Output not running")
            self.record_active = False
            self.recordings += 1
            self.last_record_path = f"/recordings/2026-11-22 14-00-{self.recordings:02d}.mkv"
            self._later(
                _output("Record", "STOPPING"),
                _output("Record", "STOPPED", self.last_record_path),
            )
            return {"outputPath": self.last_record_path}
        if request == "StartStream":
            if self.stream_active:
                raise ObsRequestError(request, 500, "Output already running")
            if self.stream_fails:  # OBS shows only STARTING → STOPPED, no reason
                self._later(_output("Stream", "STARTING"), _output("Stream", "STOPPED"))
                return {}
            self.stream_active, self.stream_ms = True, 0
            self._later(_output("Stream", "STARTING"), _output("Stream", "STARTED"))
            return {}
        if request == "StopStream":
            if not self.stream_active:
                raise ObsRequestError(request, 501, "Output not running")
            self.stream_active = False
            self._later(_output("Stream", "STOPPING"), _output("Stream", "STOPPED"))
            return {}
        return self._call_inputs(request, data)

    def _call_inputs(self, request: str, data: dict[str, Any]) -> dict[str, Any]:
        if request == "GetInputList":
            return {
                "inputs": [
                    {"inputName": name, "inputKind": kind} for name, kind in self.inputs.items()
                ]
            }
        if request == "GetInputKindList":
            return {"inputKinds": list(self.input_kinds)}
        if request == "CreateScene":
            name = data["sceneName"]
            if name in self.scenes or name in self.inputs:
                raise ObsRequestError(request, 601, "A source already exists by that name")
            self.scenes.append(name)
            self.scene_items[name] = []
            self._later(("SceneCreated", {"sceneName": name, "isGroup": False}))
            return {}
        if request == "GetSceneItemList":
            if data["sceneName"] not in self.scenes:
                raise ObsRequestError(request, 600, "No source was found")
            items = self.scene_items.get(data["sceneName"], [])
            return {
                "sceneItems": [
                    {"sourceName": name, "sceneItemId": i + 1} for i, name in enumerate(items)
                ]
            }
        if request == "CreateInput":
            name = data["inputName"]
            if name in self.inputs or name in self.scenes:
                raise ObsRequestError(request, 601, "A source already exists by that name")
            self.inputs[name] = data["inputKind"]
            self.input_settings[name] = dict(data.get("inputSettings") or {})
            items = self.scene_items.setdefault(data["sceneName"], [])
            items.append(name)
            self.item_enabled[data["sceneName"], name] = data.get("sceneItemEnabled", True)
            return {"sceneItemId": len(items)}
        if request == "CreateSceneItem":
            items = self.scene_items.setdefault(data["sceneName"], [])
            items.append(data["sourceName"])
            self.item_enabled[data["sceneName"], data["sourceName"]] = data.get(
                "sceneItemEnabled", True
            )
            return {"sceneItemId": len(items)}
        return self._call_items(request, data)

    def _call_items(self, request: str, data: dict[str, Any]) -> dict[str, Any]:
        if request == "SetInputSettings":
            if data["inputName"] not in self.inputs:
                raise ObsRequestError(request, 600, "No source was found")
            self.input_settings[data["inputName"]].update(data["inputSettings"])
            return {}
        if request == "GetSceneItemId":
            items = self.scene_items.get(data["sceneName"], [])
            if data["sourceName"] not in items:
                raise ObsRequestError(request, 600, "No scene items were found")
            return {"sceneItemId": items.index(data["sourceName"]) + 1}
        if request in ("SetSceneItemEnabled", "SetSceneItemTransform"):
            items = self.scene_items.get(data["sceneName"], [])
            index = data["sceneItemId"] - 1
            if not 0 <= index < len(items):
                raise ObsRequestError(request, 600, "No scene items were found")
            if request == "SetSceneItemEnabled":
                self.item_enabled[data["sceneName"], items[index]] = data["sceneItemEnabled"]
            return {}
        return {}

    def shown(self, scene: str, source: str) -> bool:
        """Whether ``source`` is in ``scene`` and switched on."""
        return self.item_enabled.get((scene, source), False)


def _output(kind: str, state: str, path: str | None = None) -> tuple[str, dict[str, Any]]:
    payload: dict[str, Any] = {
        "outputActive": state == "STARTED",
        "outputState": f"OBS_WEBSOCKET_OUTPUT_{state}",
    }
    if kind == "Record":
        payload["outputPath"] = path
    return f"{kind}StateChanged", payload


def _timecode(ms: int) -> str:
    """obs-websocket's ``HH:MM:SS.mmm``."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"
