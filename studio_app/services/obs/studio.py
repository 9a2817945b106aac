"""What OBS is doing, kept current from its events, and the operator's commands to it.

The state is driven by OBS events, never by request return values: ``StartRecord`` returns
before recording starts and the file is complete only at the ``STOPPED`` event
(OBS_FACTS.md). After every (re)connect the whole state is read again, because events that
fired while disconnected are gone.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from studio_app.services.obs.errors import ObsError, ObsRequestError
from studio_app.services.obs.model import (
    ConnectionState,
    ConnectionStatus,
    ObsGateway,
    version_tuple,
)
from studio_app.services.tasks import TaskSet

log = logging.getLogger(__name__)


class OutputState(StrEnum):
    """Recording or streaming, as OBS reports it."""

    STOPPED = "stopped"
    STARTING = "starting"
    STARTED = "started"
    STOPPING = "stopping"
    PAUSED = "paused"
    RECONNECTING = "reconnecting"  # a stream whose connection dropped; OBS is retrying


_OUTPUT_STATES = {
    "OBS_WEBSOCKET_OUTPUT_STARTING": OutputState.STARTING,
    "OBS_WEBSOCKET_OUTPUT_STARTED": OutputState.STARTED,
    "OBS_WEBSOCKET_OUTPUT_STOPPING": OutputState.STOPPING,
    "OBS_WEBSOCKET_OUTPUT_STOPPED": OutputState.STOPPED,
    "OBS_WEBSOCKET_OUTPUT_PAUSED": OutputState.PAUSED,
    "OBS_WEBSOCKET_OUTPUT_RESUMED": OutputState.STARTED,
    "OBS_WEBSOCKET_OUTPUT_RECONNECTING": OutputState.RECONNECTING,
    "OBS_WEBSOCKET_OUTPUT_RECONNECTED": OutputState.STARTED,
}
#: States in which the output is still the same run (a file being written, a stream live).
RUNNING_STATES = frozenset({OutputState.STARTED, OutputState.PAUSED, OutputState.RECONNECTING})


@dataclass(frozen=True, slots=True)
class ObsSnapshot:
    """Everything the control view shows about OBS."""

    connection: ConnectionStatus = field(
        default_factory=lambda: ConnectionStatus(ConnectionState.STOPPED)
    )
    scenes: tuple[str, ...] = ()
    program_scene: str = ""
    preview_scene: str = ""
    studio_mode: bool = False
    record: OutputState = OutputState.STOPPED
    stream: OutputState = OutputState.STOPPED
    last_record_path: str = ""
    #: ``time.monotonic()`` when the recording/stream started (None when not running);
    #: after a reconnect it is derived from OBS's own ``outputDuration``.
    record_since: float | None = None
    stream_since: float | None = None

    def output_state(self, output: str) -> OutputState:
        """The state of the ``"record"`` or ``"stream"`` output."""
        return self.record if output == "record" else self.stream

    def elapsed(self, output: str, now: float | None = None) -> float | None:
        """Seconds the ``"record"`` or ``"stream"`` output has been running, or ``None``."""
        since = self.record_since if output == "record" else self.stream_since
        if since is None:
            return None
        return max(0.0, (time.monotonic() if now is None else now) - since)


#: Called with the new snapshot whenever anything changes.
SnapshotListener = Callable[[ObsSnapshot], None]


@dataclass(frozen=True, slots=True)
class OutputEvent:
    """A recording or stream transition worth recording in the session record."""

    output: str  # "record" or "stream"
    state: OutputState
    path: str = ""
    #: A stream that went STARTING → STOPPED without STARTED: it failed to connect.
    failed: bool = False
    #: STARTED again after a pause or a stream reconnect: the same run goes on.
    resumed: bool = False


OutputListener = Callable[[OutputEvent], None]


class ObsStudio:
    """Keeps an :class:`ObsSnapshot` current and sends the operator's commands to OBS."""

    def __init__(self, gateway: ObsGateway) -> None:
        self._gateway = gateway
        self._snapshot = ObsSnapshot(connection=gateway.status)
        self._listeners: list[SnapshotListener] = []
        self._output_listeners: list[OutputListener] = []
        self._tasks = TaskSet()
        self._refreshed = asyncio.Event()
        gateway.add_status_listener(self._on_gateway_status)
        gateway.add_event_listener(self._on_gateway_event)

    @property
    def snapshot(self) -> ObsSnapshot:
        """The current state."""
        return self._snapshot

    def add_listener(self, listener: SnapshotListener) -> None:
        """Call ``listener(snapshot)`` after every change."""
        self._listeners.append(listener)

    def add_output_listener(self, listener: OutputListener) -> None:
        """Call ``listener(event)`` on recording/stream transitions."""
        self._output_listeners.append(listener)

    async def wait_refreshed(self, timeout: float) -> None:
        """Wait until the state has been read after the latest connect."""
        await asyncio.wait_for(self._refreshed.wait(), timeout)

    # ------------------------------------------------------------------ commands
    async def switch_scene(self, scene: str) -> None:
        """Cut the program to ``scene``; the snapshot changes when OBS confirms."""
        await self._gateway.call("SetCurrentProgramScene", {"sceneName": scene})

    async def set_preview_scene(self, scene: str) -> None:
        """Put ``scene`` in the studio-mode preview."""
        await self._gateway.call("SetCurrentPreviewScene", {"sceneName": scene})

    async def take_scene(self, scene: str) -> None:
        """What a click on a scene does, as in OBS: program, or preview in studio mode."""
        if self._snapshot.studio_mode:
            await self.set_preview_scene(scene)
        else:
            await self.switch_scene(scene)

    async def transition(self) -> None:
        """Studio mode: send the preview to the program with the current transition."""
        await self._gateway.call("TriggerStudioModeTransition")

    async def output_timecodes(self) -> tuple[int | None, int | None]:
        """Milliseconds the recording and the stream have been running (``None``: not running).

        Read from OBS (``outputDuration``), so a paused recording counts as OBS counts it.
        """
        record = stream = None
        if self._snapshot.record is not OutputState.STOPPED:
            record = output_duration_ms(await self._gateway.call("GetRecordStatus"))
        if self._snapshot.stream is not OutputState.STOPPED:
            stream = output_duration_ms(await self._gateway.call("GetStreamStatus"))
        return record, stream

    async def start_record(self) -> None:
        """Ask OBS to start recording (state follows from ``RecordStateChanged``)."""
        await self._gateway.call("StartRecord")

    async def stop_record(self) -> None:
        """Ask OBS to stop recording; the file is complete at the ``STOPPED`` event."""
        await self._gateway.call("StopRecord")

    async def start_stream(self) -> None:
        """Ask OBS to start streaming."""
        await self._gateway.call("StartStream")

    async def stop_stream(self) -> None:
        """Ask OBS to stop streaming."""
        await self._gateway.call("StopStream")

    async def set_record_directory(self, directory: Path) -> None:
        """Record into ``directory``.

        ``SetRecordDirectory`` exists from obs-websocket 5.3; on 5.1 (OBS 29) the profile
        parameter of the active output mode is set instead.
        """
        version = version_tuple(self._snapshot.connection.websocket_version)
        if version >= (5, 3):
            await self._gateway.call("SetRecordDirectory", {"recordDirectory": str(directory)})
            return
        mode = await self._gateway.call(
            "GetProfileParameter", {"parameterCategory": "Output", "parameterName": "Mode"}
        )
        advanced = mode.get("parameterValue") == "Advanced"
        category, name = ("AdvOut", "RecFilePath") if advanced else ("SimpleOutput", "FilePath")
        await self._gateway.call(
            "SetProfileParameter",
            {
                "parameterCategory": category,
                "parameterName": name,
                "parameterValue": str(directory),
            },
        )

    # ------------------------------------------------------------------ state
    async def refresh(self) -> ObsSnapshot:
        """Read the whole state from OBS (after every connect)."""
        scenes = await self._gateway.call("GetSceneList")
        studio = await self._gateway.call("GetStudioModeEnabled")
        record = await self._gateway.call("GetRecordStatus")
        stream = await self._gateway.call("GetStreamStatus")
        names = tuple(str(s["sceneName"]) for s in reversed(scenes.get("scenes", [])))
        now = time.monotonic()
        self._update(
            scenes=names,
            # 5.1 has only currentProgramSceneName; sceneName arrives in 5.4.
            program_scene=str(scenes.get("currentProgramSceneName") or ""),
            preview_scene=str(scenes.get("currentPreviewSceneName") or ""),
            studio_mode=bool(studio.get("studioModeEnabled")),
            record=_active_state(record),
            stream=_active_state(stream),
            record_since=_since(record, now),
            stream_since=_since(stream, now),
        )
        self._refreshed.set()
        return self._snapshot

    def _update(self, **changes: Any) -> None:
        snapshot = replace(self._snapshot, **changes)
        if snapshot == self._snapshot:
            return
        self._snapshot = snapshot
        for listener in list(self._listeners):
            try:
                listener(snapshot)
            except Exception:
                log.exception("OBS snapshot listener failed")

    def _emit_output(self, event: OutputEvent) -> None:
        for listener in list(self._output_listeners):
            try:
                listener(event)
            except Exception:
                log.exception("OBS output listener failed")

    async def _refresh_quietly(self) -> None:
        try:
            await self.refresh()
        except ObsError as exc:  # lost again meanwhile: the next connect refreshes
            log.warning("reading OBS state failed: %s", exc)

    async def close(self) -> None:
        """Cancel background refreshes."""
        await self._tasks.cancel_all()

    # ------------------------------------------------------------------ gateway callbacks
    def _on_gateway_status(self, status: ConnectionStatus) -> None:
        self._update(connection=status)
        if status.connected:
            self._refreshed.clear()
            self._tasks.spawn(self._refresh_quietly(), name="obs-refresh")

    def _on_gateway_event(self, event_type: str, data: dict[str, Any]) -> None:
        if event_type == "CurrentProgramSceneChanged":
            self._update(program_scene=str(data.get("sceneName", "")))
        elif event_type == "CurrentPreviewSceneChanged":
            self._update(preview_scene=str(data.get("sceneName", "")))
        elif event_type == "StudioModeStateChanged":
            enabled = bool(data.get("studioModeEnabled"))
            if enabled:
                self._update(studio_mode=True)
                self._tasks.spawn(
                    self._refresh_quietly(), name="obs-refresh"
                )  # learn the preview scene
            else:
                self._update(studio_mode=False, preview_scene="")
        elif event_type in ("SceneListChanged", "SceneCreated", "SceneRemoved", "SceneNameChanged"):
            self._tasks.spawn(self._refresh_quietly(), name="obs-refresh")
        elif event_type == "RecordStateChanged":
            self._on_output_state("record", data)
        elif event_type == "StreamStateChanged":
            self._on_output_state("stream", data)

    def _on_output_state(self, output: str, data: dict[str, Any]) -> None:
        """``RecordStateChanged``/``StreamStateChanged``: same states, same bookkeeping."""
        state = _OUTPUT_STATES.get(str(data.get("outputState")))
        if state is None:  # a state this version does not know: keep what we have
            log.info("ignoring %s state %s", output, data.get("outputState"))
            return
        previous = self._snapshot.output_state(output)
        resumed = state is OutputState.STARTED and previous in RUNNING_STATES
        # Only a stream reports a failed start, and only by STARTING → STOPPED.
        failed = (
            output == "stream"
            and state is OutputState.STOPPED
            and (previous is OutputState.STARTING)
        )
        path = str(data.get("outputPath") or "") if output == "record" else ""
        since = self._snapshot.record_since if output == "record" else self._snapshot.stream_since
        if state is OutputState.STARTED and since is None:
            since = time.monotonic()
        elif state is OutputState.STOPPED:
            since = None
        changes: dict[str, Any] = {output: state, f"{output}_since": since}
        if path and state is OutputState.STOPPED:
            changes["last_record_path"] = path
        self._update(**changes)
        self._emit_output(OutputEvent(output, state, path, failed=failed, resumed=resumed))


def output_duration_ms(status: dict[str, Any]) -> int | None:
    """``outputDuration`` of a ``GetRecordStatus``/``GetStreamStatus`` reply; ``None`` if idle."""
    if not status.get("outputActive"):
        return None
    value = status.get("outputDuration")
    return max(0, int(value)) if isinstance(value, int | float) else 0


def _since(status: dict[str, Any], now: float) -> float | None:
    duration = output_duration_ms(status)
    return None if duration is None else now - duration / 1000


def _active_state(status: dict[str, Any]) -> OutputState:
    if status.get("outputPaused"):
        return OutputState.PAUSED
    return OutputState.STARTED if status.get("outputActive") else OutputState.STOPPED


__all__ = ["ObsRequestError", "ObsSnapshot", "ObsStudio", "OutputEvent", "OutputState"]
