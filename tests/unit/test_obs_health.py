"""OBS health: when a measurement is worth a warning, and the monitor polling a fake OBS."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from studio_app.services.obs.errors import (
    ObsConnectionLostError,
    ObsNotConnectedError,
    ObsRequestError,
)
from studio_app.services.obs.health import (
    HealthMonitor,
    HealthThresholds,
    HealthWarning,
    HealthWarningKind,
    ObsHealth,
    assess,
)
from studio_app.services.obs.model import ConnectionState, ConnectionStatus
from tests.fakes.obs import FakeObsGateway

Kind = HealthWarningKind


def _health(**changes: Any) -> ObsHealth:
    healthy = ObsHealth(
        fps=30.0,
        target_fps=30.0,
        cpu_percent=12.0,
        memory_mb=300.0,
        disk_free_mb=50_000.0,
        render_skipped=0,
        render_total=10_000,
        output_skipped=0,
        output_total=9_000,
        stream_dropped=0,
        stream_total=0,
        record_ms=None,
        stream_ms=None,
    )
    return replace(healthy, **changes)


def _run(samples: list[ObsHealth], thresholds: HealthThresholds | None = None) -> ObsHealth:
    """Feed measurements one by one as the monitor does; return the last, assessed."""
    history: list[ObsHealth] = []
    for sample in samples:
        args = (history, sample) if thresholds is None else (history, sample, thresholds)
        history.append(replace(sample, warnings=assess(*args)))
    return history[-1]


def _kinds(health: ObsHealth) -> set[HealthWarningKind]:
    return {w.kind for w in health.warnings}


def _counting(field: str, total_field: str, steps: list[int]) -> list[ObsHealth]:
    """One measurement per second: ``steps[i]`` frames lost in second ``i``, 30 fps."""
    samples, lost, total = [_health(**{field: 0, total_field: 300})], 0, 300
    for step in steps:
        lost += step
        total += 30
        samples.append(_health(**{field: lost, total_field: total}))
    return samples


# ---------------------------------------------------------------- assess()
def test_a_healthy_obs_raises_nothing() -> None:
    assert _run([_health()] * 8).warnings == ()
    assert assess([], _health()) == ()


@pytest.mark.parametrize(
    ("free_mb", "warned"), [(50_000.0, False), (2048.0, False), (2047.9, True), (0.0, True)]
)
def test_low_disk_below_2_gb(free_mb: float, warned: bool) -> None:
    warnings = assess([], _health(disk_free_mb=free_mb))
    assert warnings == ((HealthWarning(Kind.LOW_DISK, free_mb),) if warned else ())


def test_unknown_disk_space_is_no_warning() -> None:
    assert assess([], _health(disk_free_mb=None)) == ()


FRAME_COUNTERS = [
    (Kind.RENDER_LAG, "render_skipped", "render_total"),
    (Kind.ENCODER_LAG, "output_skipped", "output_total"),
    (Kind.STREAM_DROPS, "stream_dropped", "stream_total"),
]


@pytest.mark.parametrize(("kind", "field", "total"), FRAME_COUNTERS)
def test_steadily_rising_lost_frames_warn(kind: HealthWarningKind, field: str, total: str) -> None:
    latest = _run(_counting(field, total, [1, 1, 1, 1, 1]))
    assert latest.warnings == (HealthWarning(kind, 5.0),)


@pytest.mark.parametrize(("kind", "field", "total"), FRAME_COUNTERS)
def test_a_burst_of_lost_frames_warns_until_the_window_passes(
    kind: HealthWarningKind, field: str, total: str
) -> None:
    samples = _counting(field, total, [0, 40, 0, 0, 0, 0, 0])
    assert _run(samples[:3]).warning(kind) == HealthWarning(kind, 40.0)
    assert _run(samples[:7]).warning(kind) == HealthWarning(kind, 40.0)  # still in the window
    assert _run(samples).warning(kind) is None  # 5 s later: gone


@pytest.mark.parametrize(("kind", "field", "total"), FRAME_COUNTERS)
@pytest.mark.parametrize("steps", [[1], [2], [0, 1, 0, 0, 1], [1, 1, 1, 1], [2, 0, 0, 0, 2]])
def test_a_frame_or_two_now_and_then_is_no_alarm(
    kind: HealthWarningKind, field: str, total: str, steps: list[int]
) -> None:
    assert _run(_counting(field, total, steps)).warnings == ()


@pytest.mark.parametrize(("kind", "field", "total"), FRAME_COUNTERS)
def test_losses_before_the_window_are_forgotten(
    kind: HealthWarningKind, field: str, total: str
) -> None:
    # 100 frames lost long ago (the counters are totals since start): no warning today.
    samples = _counting(field, total, [100, 0, 0, 0, 0, 0, 0, 0])
    assert _run(samples).warnings == ()


@pytest.mark.parametrize(("kind", "field", "total"), FRAME_COUNTERS)
def test_a_counter_reset_is_no_false_alarm(kind: HealthWarningKind, field: str, total: str) -> None:
    # OBS (or the output) restarted: the counters start again from a low number. Even a
    # restart that reports a few frames lost already is not a rise.
    before = _health(**{field: 500, total: 90_000})
    after = [_health(**{field: 4, total: 60}), _health(**{field: 4, total: 90})]
    assert _run([before, before, *after]).warnings == ()
    # Only the total reset (skipped counter unchanged by chance): still no alarm.
    assert _run([before, _health(**{field: 510, total: 30})]).warnings == ()
    # A real rise after the restart is still seen.
    rising = [_health(**{field: 4 + 3 * i, total: 90 + 30 * i}) for i in range(1, 4)]
    assert _run([before, *after, *rising]).warning(kind) == HealthWarning(kind, 9.0)


def test_stream_stopping_and_starting_again_is_no_false_alarm() -> None:
    streaming = _health(stream_dropped=300, stream_total=50_000, stream_ms=1_000_000)
    stopped = _health()  # not streaming: counters reported as 0
    restarted = _health(stream_dropped=2, stream_total=30, stream_ms=1_000)
    assert _run([streaming, streaming, stopped, restarted]).warnings == ()


def test_low_fps_needs_a_full_window_and_clears_after_a_good_one() -> None:
    slow = _health(fps=24.0)
    assert _run([slow] * 5).warnings == ()  # 4 s of history: not yet
    assert _run([slow] * 6).warnings == (HealthWarning(Kind.LOW_FPS, 24.0),)
    assert _run([_health(), *[slow] * 5]).warnings == ()  # one good second in the window
    # Once raised it stays while any second of the window is slow, and clears after.
    assert _run([slow] * 6 + [_health()] * 5).warning(Kind.LOW_FPS) is not None
    assert _run([slow] * 6 + [_health()] * 6).warnings == ()
    # 27.5 fps is 92 % of 30: fine. 30000/1001 targets are handled like any other.
    assert _run([_health(fps=27.5)] * 6).warnings == ()
    ntsc = _health(fps=26.0, target_fps=30000 / 1001)
    assert _run([ntsc] * 6).warning(Kind.LOW_FPS) is not None


def test_low_fps_is_not_judged_without_a_target() -> None:
    assert _run([_health(fps=1.0, target_fps=0.0)] * 8).warnings == ()


def test_high_cpu_must_last_a_full_window() -> None:
    busy = _health(cpu_percent=97.0)
    assert _run([_health(), *[busy] * 5]).warnings == ()
    assert _run([busy] * 6).warnings == (HealthWarning(Kind.HIGH_CPU, 97.0),)
    assert _run([busy] * 6 + [_health(cpu_percent=89.0)]).warning(Kind.HIGH_CPU) is not None
    assert _run([busy] * 6 + [_health()] * 6).warnings == ()
    assert _run([_health(cpu_percent=90.0)] * 8).warnings == ()  # 90 % is not above 90 %


def test_warnings_come_in_a_fixed_order() -> None:
    bad = [
        _health(
            fps=10.0,
            cpu_percent=99.0,
            disk_free_mb=100.0,
            render_skipped=20 * i,
            output_skipped=20 * i,
            stream_dropped=20 * i,
            render_total=10_000 + 30 * i,
            output_total=9_000 + 30 * i,
            stream_total=1_000 + 30 * i,
        )
        for i in range(8)
    ]
    assert [w.kind for w in _run(bad).warnings] == list(HealthWarningKind)


def test_thresholds_can_be_changed() -> None:
    thresholds = HealthThresholds(
        low_disk_mb=100_000, window=2, lost_frames=2, low_fps_ratio=0.5, high_cpu_percent=10
    )
    samples = _counting("render_skipped", "render_total", [1, 1])
    samples = [replace(s, fps=20.0) for s in samples]
    latest = _run(samples, thresholds)
    assert _kinds(latest) == {Kind.LOW_DISK, Kind.RENDER_LAG, Kind.HIGH_CPU}


# ---------------------------------------------------------------- HealthMonitor
async def _until(predicate: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.005)


def _count(gateway: FakeObsGateway, request: str) -> int:
    return sum(1 for name, _ in gateway.requests if name == request)


def test_monitor_polls_and_reads_the_frame_rate_once_per_connect(qloop) -> None:
    async def scenario() -> None:
        gateway = FakeObsGateway()
        gateway.video = {"fpsNumerator": 30000, "fpsDenominator": 1001}
        gateway.stats = {"activeFps": 29.97, "cpuUsage": 7.5, "availableDiskSpace": 81920.0}
        gateway.record_active, gateway.record_ms = True, 65_000
        monitor = HealthMonitor(gateway, interval=0.01)
        seen: list[ObsHealth | None] = []
        monitor.add_listener(seen.append)
        await monitor.start()
        await asyncio.sleep(0.05)
        assert seen == [] and gateway.requests == []  # not connected: no polls
        await gateway.start()
        await _until(lambda: len(seen) >= 3)
        health = monitor.latest
        assert health is not None and health == seen[-1]
        assert health.fps == 29.97
        assert health.target_fps == pytest.approx(29.97, abs=0.01)
        assert health.cpu_percent == 7.5
        assert health.disk_free_mb == 81920.0
        assert health.record_ms == 65_000
        assert health.stream_ms is None and health.stream_total == 0
        assert health.warnings == ()
        assert _count(gateway, "GetVideoSettings") == 1
        await monitor.stop()
        assert seen[-1] is None and monitor.latest is None

    qloop.run_until_complete(scenario())


def test_monitor_reports_none_on_disconnect_and_recovers(qloop) -> None:
    async def scenario() -> None:
        gateway = FakeObsGateway()
        monitor = HealthMonitor(gateway, interval=0.01)
        seen: list[ObsHealth | None] = []
        monitor.add_listener(seen.append)
        await gateway.start()
        await monitor.start()
        await _until(lambda: monitor.latest is not None)
        gateway.set_status(ConnectionStatus(ConnectionState.NOT_RUNNING, "refused"))
        assert seen[-1] is None and monitor.latest is None
        polls = len(gateway.requests)
        await asyncio.sleep(0.05)
        assert len(gateway.requests) == polls  # no polls while disconnected
        assert seen.count(None) == 1  # told once, not on every skipped poll
        gateway.video = {"fpsNumerator": 25, "fpsDenominator": 1}  # another OBS profile
        await gateway.start()
        await _until(lambda: monitor.latest is not None)
        assert monitor.latest is not None and monitor.latest.target_fps == 25.0
        assert _count(gateway, "GetVideoSettings") == 2
        await monitor.stop()

    qloop.run_until_complete(scenario())


@pytest.mark.parametrize(
    "error",
    [
        ObsConnectionLostError("OBS stopped answering"),
        ObsRequestError("GetStats", 205, "broken"),
        RuntimeError("unexpected reply"),
    ],
    ids=["lost", "refused", "bug"],
)
def test_monitor_survives_failing_polls_and_logs_once(
    qloop, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: reported.append(exc))

    async def scenario() -> None:
        gateway = FakeObsGateway()
        monitor = HealthMonitor(gateway, interval=0.01)
        seen: list[ObsHealth | None] = []
        monitor.add_listener(seen.append)
        await gateway.start()
        await monitor.start()
        await _until(lambda: monitor.latest is not None)
        gateway.failures["GetStats"] = error
        with caplog.at_level(logging.WARNING, logger="studio_app.services.obs.health"):
            await _until(lambda: _count(gateway, "GetStats") >= 10 and seen[-1] is None)
            failing = _count(gateway, "GetStats")
            await _until(lambda: _count(gateway, "GetStats") >= failing + 5)
        assert monitor.latest is None
        mine = [r for r in caplog.records if r.name == "studio_app.services.obs.health"]
        assert len(mine) == 1, mine
        assert seen.count(None) == 1
        del gateway.failures["GetStats"]
        await _until(lambda: monitor.latest is not None)
        await monitor.stop()

    qloop.run_until_complete(scenario())
    assert reported == []  # nothing escaped the polling loop


def test_a_malformed_reply_is_read_as_zeros_not_an_error(qloop) -> None:
    async def scenario() -> None:
        gateway = FakeObsGateway()
        gateway.stats = {"activeFps": None, "availableDiskSpace": None, "cpuUsage": "?"}
        gateway.video = {}
        monitor = HealthMonitor(gateway)
        await gateway.start()
        health = await monitor.poll()
        assert (health.fps, health.cpu_percent, health.target_fps) == (0.0, 0.0, 0.0)
        assert health.disk_free_mb is None
        assert health.warnings == ()

    qloop.run_until_complete(scenario())


def test_poll_gives_fresh_timecodes_and_warnings(qloop) -> None:
    async def scenario() -> None:
        gateway = FakeObsGateway()
        monitor = HealthMonitor(gateway, thresholds=HealthThresholds(window=2, lost_frames=3))
        seen: list[ObsHealth | None] = []
        monitor.add_listener(seen.append)
        with pytest.raises(ObsNotConnectedError):
            await monitor.poll()
        await gateway.start()
        gateway.record_active, gateway.record_ms = True, 1_500
        gateway.stream_active, gateway.stream_ms = True, 2_500
        gateway.stream_total, gateway.stream_skipped = 900, 0
        first = await monitor.poll()
        assert (first.record_ms, first.stream_ms) == (1_500, 2_500)
        gateway.record_ms, gateway.stream_ms = 1_600, 2_600
        gateway.stream_total, gateway.stream_skipped = 903, 3
        gateway.stats = {"availableDiskSpace": 1024.0}
        second = await monitor.poll()
        assert (second.record_ms, second.stream_ms) == (1_600, 2_600)
        assert second.stream_dropped == 3
        assert [w.kind for w in second.warnings] == [Kind.LOW_DISK, Kind.STREAM_DROPS]
        assert seen == [first, second] and monitor.latest == second

    qloop.run_until_complete(scenario())


def test_a_failing_listener_does_not_stop_the_others(qloop) -> None:
    async def scenario() -> None:
        gateway = FakeObsGateway()
        monitor = HealthMonitor(gateway)
        seen: list[ObsHealth | None] = []

        def broken(_health: ObsHealth | None) -> None:
            raise RuntimeError("listener bug")

        monitor.add_listener(broken)
        monitor.add_listener(seen.append)
        await gateway.start()
        await monitor.poll()
        assert len(seen) == 1

    qloop.run_until_complete(scenario())
