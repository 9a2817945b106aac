"""How well OBS keeps up (frame rate, CPU, lost frames, free disk) and when to warn about it.

OBS's counters of skipped and dropped frames only ever grow while OBS and its outputs run, so a
warning is raised when they *rise* within a short sliding window, never for what happened
earlier in the day. The counters restart from zero when OBS restarts or an output starts again;
a step where a counter goes down is treated as a restart and counts as no loss.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import pairwise
from typing import Any

from studio_app.services.obs.errors import ObsError
from studio_app.services.obs.model import ConnectionStatus, ObsGateway
from studio_app.services.obs.studio import output_duration_ms
from studio_app.services.tasks import TaskSet

log = logging.getLogger(__name__)


class HealthWarningKind(StrEnum):
    """What is wrong, in the order the operator should look at it."""

    LOW_DISK = "low_disk"  # the recording will stop when the disk is full
    RENDER_LAG = "render_lag"  # OBS cannot draw the picture in time (GPU / scene load)
    ENCODER_LAG = "encoder_lag"  # the video encoder cannot keep up (CPU / settings)
    STREAM_DROPS = "stream_drops"  # the network drops frames of the live stream
    LOW_FPS = "low_fps"  # OBS renders fewer frames per second than configured
    HIGH_CPU = "high_cpu"  # OBS uses nearly all of the processor


@dataclass(frozen=True, slots=True)
class HealthWarning:
    """One problem and its size.

    ``value`` is the free disk space in MB (``LOW_DISK``), the frames lost within the window
    (``RENDER_LAG``, ``ENCODER_LAG``, ``STREAM_DROPS``), the mean frame rate over the window
    (``LOW_FPS``) or the CPU usage in percent (``HIGH_CPU``).
    """

    kind: HealthWarningKind
    value: float


@dataclass(frozen=True, slots=True)
class ObsHealth:
    """One measurement of OBS's performance, with the warnings it raised."""

    fps: float  # GetStats activeFps
    target_fps: float  # GetVideoSettings fpsNumerator / fpsDenominator; 0 when unknown
    cpu_percent: float  # GetStats cpuUsage (OBS's share of the whole machine)
    memory_mb: float  # GetStats memoryUsage
    disk_free_mb: float | None  # GetStats availableDiskSpace (recording disk), if reported
    render_skipped: int  # GetStats renderSkippedFrames: frames missed due to rendering lag
    render_total: int  # GetStats renderTotalFrames
    output_skipped: int  # GetStats outputSkippedFrames: frames skipped due to encoding lag
    output_total: int  # GetStats outputTotalFrames
    stream_dropped: int  # GetStreamStatus outputSkippedFrames (network); 0 when not streaming
    stream_total: int  # GetStreamStatus outputTotalFrames; 0 when not streaming
    record_ms: int | None  # GetRecordStatus outputDuration while recording, else None
    stream_ms: int | None  # GetStreamStatus outputDuration while streaming, else None
    warnings: tuple[HealthWarning, ...] = ()

    def warning(self, kind: HealthWarningKind) -> HealthWarning | None:
        """The warning of ``kind`` in this measurement, if raised."""
        return next((w for w in self.warnings if w.kind is kind), None)


@dataclass(frozen=True, slots=True)
class HealthThresholds:
    """When a measurement is worth a warning.

    The window is counted in measurements, not seconds, because measurements carry no time:
    at the monitor's default interval of 1 s, ``window=5`` looks at the last 5 seconds.

    Lost frames (render, encoder, network) are judged by a *count within the window*, not by a
    ratio: one or two frames lost once (a scene with a video file starting, a short disk stall)
    are invisible to viewers and nothing the operator can act on, while ``lost_frames`` (5) in
    5 s means at least one frame per second lost steadily — viewers see the stutter, and it
    goes on until someone acts. A ratio would misfire right after a stream starts (2 lost of
    the first 10 frames is 20 %) and needs a different threshold per frame rate; a count per
    window of a fixed length does not. A warning stays up until a window passes without that
    loss, so it does not blink on and off every second.

    Frame rate and CPU must be bad in *every* measurement of a full window before a warning is
    raised (a single slow second while a scene loads is normal), and the warning then stays
    until a full window is good again.
    """

    low_disk_mb: float = 2048.0  # GetStats availableDiskSpace is in MB: 2 GB ≈ 15 min of 1080p
    window: int = 5  # measurements before the current one that are compared with it
    lost_frames: int = 5  # frames lost within the window that raise a frame warning
    low_fps_ratio: float = 0.9  # frame rate below 90 % of the target
    high_cpu_percent: float = 90.0


DEFAULT_THRESHOLDS = HealthThresholds()


def assess(
    history: Sequence[ObsHealth],
    current: ObsHealth,
    thresholds: HealthThresholds = DEFAULT_THRESHOLDS,
) -> tuple[HealthWarning, ...]:
    """The warnings for ``current`` given the measurements before it (oldest first).

    Only the last ``thresholds.window`` entries of ``history`` are looked at; warnings of the
    latest of them keep a frame-rate or CPU warning up until the window is good again.
    """
    window = list(history)[-thresholds.window :] if thresholds.window > 0 else []  # deque: no slice
    samples = [*window, current]
    previous = window[-1] if window else None
    full = len(window) >= thresholds.window
    warnings: list[HealthWarning] = []

    if current.disk_free_mb is not None and current.disk_free_mb < thresholds.low_disk_mb:
        warnings.append(HealthWarning(HealthWarningKind.LOW_DISK, current.disk_free_mb))

    for kind, counters in (
        (HealthWarningKind.RENDER_LAG, [(s.render_skipped, s.render_total) for s in samples]),
        (HealthWarningKind.ENCODER_LAG, [(s.output_skipped, s.output_total) for s in samples]),
        (HealthWarningKind.STREAM_DROPS, [(s.stream_dropped, s.stream_total) for s in samples]),
    ):
        lost = _lost_in_window(counters)
        if lost >= thresholds.lost_frames:
            warnings.append(HealthWarning(kind, float(lost)))

    if current.target_fps > 0:
        floor = current.target_fps * thresholds.low_fps_ratio
        slow = [s.fps < floor for s in samples]
        was_low = previous is not None and previous.warning(HealthWarningKind.LOW_FPS) is not None
        if (full and all(slow)) or (was_low and any(slow)):
            mean = sum(s.fps for s in samples) / len(samples)
            warnings.append(HealthWarning(HealthWarningKind.LOW_FPS, round(mean, 1)))

    busy = [s.cpu_percent > thresholds.high_cpu_percent for s in samples]
    was_busy = previous is not None and previous.warning(HealthWarningKind.HIGH_CPU) is not None
    if (full and all(busy)) or (was_busy and any(busy)):
        warnings.append(HealthWarning(HealthWarningKind.HIGH_CPU, current.cpu_percent))

    return tuple(warnings)


def _lost_in_window(counters: Sequence[tuple[int, int]]) -> int:
    """Frames lost from the first ``(skipped, total)`` pair to the last, step by step.

    A step where either counter went down is a restart of OBS or of the output (or the stream
    stopping, which reports 0): what the new counter holds happened at some unknown time, so
    the step counts as no loss rather than as a false alarm.
    """
    lost = 0
    for (skipped_before, total_before), (skipped, total) in pairwise(counters):
        if skipped < skipped_before or total < total_before:
            continue
        lost += skipped - skipped_before
    return lost


#: Called with each new measurement, or ``None`` when there is none (OBS not connected).
HealthListener = Callable[[ObsHealth | None], None]


class HealthMonitor:
    """Measures OBS's health every ``interval`` seconds while connected and tells listeners.

    The frame rate OBS aims for is read (``GetVideoSettings``) once after each connect; the
    measurements of the window are forgotten on every connect, since OBS may have restarted.
    Errors never end the polling: a failed poll is logged once until a poll succeeds again
    (or OBS connects again) and listeners get ``None``.
    """

    def __init__(
        self,
        gateway: ObsGateway,
        interval: float = 1.0,
        thresholds: HealthThresholds = DEFAULT_THRESHOLDS,
    ) -> None:
        self._gateway = gateway
        self._interval = interval
        self._thresholds = thresholds
        self._history: deque[ObsHealth] = deque(maxlen=max(thresholds.window, 1))
        self._latest: ObsHealth | None = None
        self._listeners: list[HealthListener] = []
        self._tasks = TaskSet()
        self._running: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._connected = gateway.status.connected
        self._generation = 0  # bumped on every connect and disconnect
        self._target_fps: float | None = None  # None: read GetVideoSettings on the next poll
        self._failure_logged = False
        gateway.add_status_listener(self._on_gateway_status)

    @property
    def latest(self) -> ObsHealth | None:
        """The latest measurement, or ``None`` while OBS is not connected (or polls fail)."""
        return self._latest

    def add_listener(self, listener: HealthListener) -> None:
        """Call ``listener(health)`` after every measurement, ``listener(None)`` on loss."""
        self._listeners.append(listener)

    async def start(self) -> None:
        """Start polling in the background (no-op if already polling)."""
        if self._running is None or self._running.done():
            self._running = self._tasks.spawn(self._run(), name="obs-health")

    async def stop(self) -> None:
        """Stop polling; listeners get ``None``."""
        await self._tasks.cancel_all()
        self._running = None
        self._publish(None)

    async def poll(self) -> ObsHealth:
        """Measure now (``GetStats``, ``GetRecordStatus``, ``GetStreamStatus``).

        The measurement is assessed against the window, kept and passed to the listeners,
        unless the connection changed meanwhile.

        Raises:
            ObsError: Not connected, the connection broke, or OBS refused a request.
        """
        async with self._lock:
            generation = self._generation
            target = self._target_fps
            if target is None:
                video = await self._gateway.call("GetVideoSettings")
                target = _fps(video)
            stats = await self._gateway.call("GetStats")
            record = await self._gateway.call("GetRecordStatus")
            stream = await self._gateway.call("GetStreamStatus")
            measured = _measure(stats, record, stream, target)
            if generation != self._generation:  # measured across a reconnect: not comparable
                return measured
            self._target_fps = target
            health = replace(measured, warnings=assess(self._history, measured, self._thresholds))
            self._history.append(health)
            self._failure_logged = False
            self._publish(health)
            return health

    # ------------------------------------------------------------------ internals
    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            if self._gateway.status.connected:
                try:
                    await self.poll()
                except ObsError as exc:
                    self._on_poll_failed("OBS health poll failed: %s", exc, traceback=False)
                except Exception as exc:  # a reply we cannot read must not end the polling
                    self._on_poll_failed("OBS health poll failed: %r", exc, traceback=True)
            await asyncio.sleep(max(0.0, self._interval - (loop.time() - started)))

    def _on_poll_failed(self, message: str, exc: Exception, *, traceback: bool) -> None:
        if not self._failure_logged:
            self._failure_logged = True
            log.warning(message, exc, exc_info=exc if traceback else None)
        self._history.clear()
        self._publish(None)

    def _on_gateway_status(self, status: ConnectionStatus) -> None:
        if status.connected == self._connected:
            return
        self._connected = status.connected
        self._generation += 1
        self._history.clear()
        self._failure_logged = False
        if status.connected:
            self._target_fps = None  # the video settings may differ after a reconnect
        else:
            self._publish(None)

    def _publish(self, health: ObsHealth | None) -> None:
        if health is None and self._latest is None:
            return
        self._latest = health
        for listener in list(self._listeners):
            try:
                listener(health)
            except Exception:
                log.exception("OBS health listener failed")


def _number(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    return float(value) if isinstance(value, int | float) else 0.0


def _count(data: dict[str, Any], key: str) -> int:
    return int(_number(data, key))


def _fps(video: dict[str, Any]) -> float:
    numerator = _number(video, "fpsNumerator")
    denominator = _number(video, "fpsDenominator")
    return numerator / denominator if denominator > 0 else 0.0


def _measure(
    stats: dict[str, Any], record: dict[str, Any], stream: dict[str, Any], target_fps: float
) -> ObsHealth:
    disk = stats.get("availableDiskSpace")
    streaming = bool(stream.get("outputActive"))
    return ObsHealth(
        fps=_number(stats, "activeFps"),
        target_fps=target_fps,
        cpu_percent=_number(stats, "cpuUsage"),
        memory_mb=_number(stats, "memoryUsage"),
        disk_free_mb=float(disk) if isinstance(disk, int | float) else None,
        render_skipped=_count(stats, "renderSkippedFrames"),
        render_total=_count(stats, "renderTotalFrames"),
        output_skipped=_count(stats, "outputSkippedFrames"),
        output_total=_count(stats, "outputTotalFrames"),
        stream_dropped=_count(stream, "outputSkippedFrames") if streaming else 0,
        stream_total=_count(stream, "outputTotalFrames") if streaming else 0,
        record_ms=output_duration_ms(record),
        stream_ms=output_duration_ms(stream),
    )


__all__ = [
    "DEFAULT_THRESHOLDS",
    "HealthListener",
    "HealthMonitor",
    "HealthThresholds",
    "HealthWarning",
    "HealthWarningKind",
    "ObsHealth",
    "assess",
]
