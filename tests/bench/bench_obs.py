"""The OBS gateway against one real OBS Studio that the benchmark starts itself.

OBS 29 runs headless under Xvfb with its own HOME in a temp directory (the same
``ObsProcess``/``VirtualDisplay`` as the integration tests); both are stopped in ``finally``.
The gateway runs as in the app: ``WebSocketObsGateway`` with the app's default settings, its
calls awaited on qasync's ``QEventLoop`` over a ``QApplication`` (``QT_QPA_PLATFORM=offscreen``
unless set), started through ``asyncio.Runner(loop_factory=qasync.QEventLoop)`` like
``studio_app.app.run_gui``.

(1) Scene switch: ``SetCurrentProgramScene`` alternating between two scenes made for the
    benchmark (transition set to Cut), per-call latency of ``await gateway.call(...)`` versus a
    bare ``obsws_python.ReqClient.send(..., raw=True)`` on its own connection to the same OBS,
    called synchronously on the same thread. A third variant sends with another bare client
    through ``await loop.run_in_executor(one_thread_executor, ...)``: the gateway's design
    without the gateway's code, which tells the thread hop's cost from the gateway's own.
    Blocks of the three alternate so that drift hits all alike; the ratio is taken per pair
    of adjacent blocks (median gateway / median bare).
(2) Overlay text: the same for ``SetInputSettings`` on the standby text source that
    ``prepare_obs`` creates (``text_ft2_source_v2`` on Linux), a new text every call.
(3) Event-loop stall: a 1 ms ``QTimer`` (PreciseTimer) on the GUI thread records the largest
    gap between its ticks while 300 ``gateway.call("GetVersion")`` run at once
    (``asyncio.gather``); reported as the largest gap minus the 1 ms interval. Also the time
    for all 300 to complete, and the same stall measured with the loop idle (the floor).
(4) Killed OBS: SIGKILL, time to the gateway's status listener hearing it leave CONNECTED;
    then OBS is started again (same HOME, port, password) and a poller thread notes when its
    port accepts TCP connections; time from then to the listener hearing CONNECTED (the
    supervisor reconnects by itself, with its back-off).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import logging
import os
import signal
import statistics
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.bench.figures import BenchmarkError, Figure, Target
from tests.integration.obs_process import ObsProcess, VirtualDisplay, missing_tools, port_open

#: Calls per variant (gateway and bare) in (1) and (2), in alternating blocks.
CALLS = 2000
QUICK_CALLS = 200
BLOCK = 100
QUICK_BLOCK = 50
WARMUP_CALLS = 50
#: (3): concurrent requests per round, rounds, and the tick timer's interval.
CONCURRENT = 300
STALL_ROUNDS = 10
QUICK_STALL_ROUNDS = 3
WARMUP_STALL_ROUNDS = 1
TICK_MS = 1
IDLE_WINDOW_S = 0.3
#: (4): kill/restart cycles.
KILLS = 4
QUICK_KILLS = 1

RATIO_TARGET = 1.5
STALL_TARGET_MS = 16.0
SCENES = ("VS 基准 A bench", "VS 基准 B bench")
CONNECT_TIMEOUT_S = 20.0
DETECT_TIMEOUT_S = 10.0
RECONNECT_TIMEOUT_S = 30.0

RATIO_REQUIREMENT = (
    f"the gateway adds at most {RATIO_TARGET}x a bare obsws-python call (median of block ratios)"
)
STALL_REQUIREMENT = "the GUI never freezes for a frame (16 ms at 60 Hz) while OBS requests run"


@dataclass
class _Latencies:
    """Per-call seconds of the three variants and the per-block gateway/bare ratios."""

    gateway: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    on_worker: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


@dataclass
class _Cycle:
    """One kill/restart: seconds to notice the kill, OBS's downtime, seconds to reconnect."""

    detect_s: float
    down_s: float
    reconnect_s: float
    states: tuple[str, ...]


@dataclass
class _Stall:
    """(3), one sample per round: largest tick gaps (ms), where they began, total times."""

    loaded_ms: list[float] = field(default_factory=list)
    offsets_ms: list[float] = field(default_factory=list)
    idle_ms: list[float] = field(default_factory=list)
    totals_ms: list[float] = field(default_factory=list)


@dataclass
class _Results:
    scene: _Latencies
    text: _Latencies
    stall: _Stall
    cycles: list[_Cycle]
    obs_version: str
    websocket_version: str
    text_kind: str


class _StatusLog:
    """The gateway's status changes with the time each was heard (loop thread)."""

    def __init__(self) -> None:
        self.changes: list[tuple[float, Any]] = []
        self._waiters: list[tuple[Callable[[Any], bool], asyncio.Future[float]]] = []

    def __call__(self, status: Any) -> None:
        now = time.perf_counter()
        self.changes.append((now, status))
        for predicate, future in list(self._waiters):
            if not future.done() and predicate(status):
                future.set_result(now)

    async def wait_for(self, predicate: Callable[[Any], bool], timeout: float, what: str) -> float:
        """The time at which a status matching ``predicate`` is heard from now on."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._waiters.append(entry)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise BenchmarkError(f"timed out after {timeout} s waiting for {what}") from None
        finally:
            self._waiters.remove(entry)


class _Ticker:
    """A 1 ms precise QTimer on the GUI thread recording when each tick ran."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def start(self) -> None:
        self.ticks.clear()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def largest_gap(self, start: float, end: float) -> tuple[float, float]:
        """The longest interval between ticks overlapping ``[start, end]``: (length, begin)."""
        gaps = [
            (later - earlier, earlier)
            for earlier, later in zip(self.ticks, self.ticks[1:], strict=False)
            if later > start and earlier < end
        ]
        if not gaps:
            raise BenchmarkError("the tick timer did not fire during the measurement")
        return max(gaps)


async def _measure_variants(
    gateway_call: Callable[[int], Awaitable[Any]],
    bare_call: Callable[[int], Any],
    worker_call: Callable[[int], Awaitable[Any]],
    calls: int,
    block: int,
) -> _Latencies:
    """Alternate blocks of ``block`` calls of each variant; time each call."""
    result = _Latencies()
    for index in range(WARMUP_CALLS):
        await gateway_call(index)
        bare_call(index)
        await worker_call(index)
    gc.collect()
    counter = WARMUP_CALLS
    for _ in range(0, calls, block):
        gateway_block: list[float] = []
        for _ in range(block):
            started = time.perf_counter()
            await gateway_call(counter)
            gateway_block.append(time.perf_counter() - started)
            counter += 1
        bare_block: list[float] = []
        for _ in range(block):
            started = time.perf_counter()
            bare_call(counter)
            bare_block.append(time.perf_counter() - started)
            counter += 1
        for _ in range(block):
            started = time.perf_counter()
            await worker_call(counter)
            result.on_worker.append(time.perf_counter() - started)
            counter += 1
        result.gateway += gateway_block
        result.bare += bare_block
        result.ratios.append(statistics.median(gateway_block) / statistics.median(bare_block))
    return result


async def _measure_stall(gateway: Any, rounds: int) -> _Stall:
    """(3): largest tick gap during 300 concurrent calls, their total time, the idle gap."""
    ticker = _Ticker()
    stall = _Stall()
    ticker.start()
    try:
        for index in range(WARMUP_STALL_ROUNDS + rounds):
            gc.collect()
            await asyncio.sleep(0.05)
            idle_start = time.perf_counter()
            await asyncio.sleep(IDLE_WINDOW_S)
            idle_end = time.perf_counter()
            started = time.perf_counter()
            replies = await asyncio.gather(*(gateway.call("GetVersion") for _ in range(CONCURRENT)))
            finished = time.perf_counter()
            await asyncio.sleep(0.02)  # a few ticks after the last reply close the last gap
            if len(replies) != CONCURRENT or not all("obsVersion" in r for r in replies):
                raise BenchmarkError("a concurrent GetVersion came back without obsVersion")
            if index >= WARMUP_STALL_ROUNDS:
                gap, begin = ticker.largest_gap(started, finished)
                stall.loaded_ms.append(gap * 1000 - TICK_MS)
                stall.offsets_ms.append((begin - started) * 1000)
                stall.totals_ms.append((finished - started) * 1000)
                stall.idle_ms.append(ticker.largest_gap(idle_start, idle_end)[0] * 1000 - TICK_MS)
    finally:
        ticker.stop()
    return stall


class _PortWatcher:
    """A thread noting when a TCP port first accepts connections (polled every 2 ms)."""

    def __init__(self, port: int) -> None:
        self.opened_at: float | None = None
        self._port = port
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="bench-port-watch", daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            if port_open(self._port):
                self.opened_at = time.perf_counter()
                return
            time.sleep(0.002)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)


async def _kill_and_reconnect(obs: ObsProcess, gateway: Any, log: _StatusLog) -> _Cycle:
    """(4): one SIGKILL, detection, restart and reconnect."""
    from studio_app.services.obs.model import ConnectionState

    loop = asyncio.get_running_loop()
    if obs.process is None or not gateway.status.connected:
        raise BenchmarkError("OBS is not running or the gateway is not connected before a kill")
    first_change = len(log.changes)
    lost = loop.create_task(
        log.wait_for(lambda s: s.state is not ConnectionState.CONNECTED, DETECT_TIMEOUT_S, "loss")
    )
    await asyncio.sleep(0)  # let the waiter register before the kill
    killed_at = time.perf_counter()
    os.kill(obs.process.pid, signal.SIGKILL)
    detected_at = await lost
    await loop.run_in_executor(None, obs.kill)  # reaps the process, waits for the port to close

    watcher = _PortWatcher(obs.port)
    connected = loop.create_task(
        log.wait_for(lambda s: s.connected, RECONNECT_TIMEOUT_S, "the gateway to reconnect")
    )
    await asyncio.sleep(0)
    watcher.start()
    try:
        await loop.run_in_executor(None, obs.start)
        connected_at = await connected
    finally:
        watcher.stop()
    if watcher.opened_at is None:
        raise BenchmarkError("the port watcher never saw OBS's port open")
    states = tuple(status.state.value for _at, status in log.changes[first_change:])
    return _Cycle(
        detect_s=detected_at - killed_at,
        down_s=watcher.opened_at - killed_at,
        reconnect_s=connected_at - watcher.opened_at,
        states=states,
    )


async def _scenario(obs: ObsProcess, quick: bool) -> _Results:
    import obsws_python as obsws

    from studio_app.services.obs.gateway import WebSocketObsGateway
    from studio_app.services.obs.model import ObsSettings
    from studio_app.services.obs.prepare import STANDBY_TEXT, prepare_obs

    calls = QUICK_CALLS if quick else CALLS
    block = QUICK_BLOCK if quick else BLOCK
    loop = asyncio.get_running_loop()
    settings = ObsSettings(port=obs.port, password=obs.password)
    gateway = WebSocketObsGateway(settings)
    log = _StatusLog()
    gateway.add_status_listener(log)
    # A bare client for this thread and one used only on a one-thread executor.
    bare: Any = None
    on_worker: Any = None
    worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="bench")

    def bare_client() -> Any:
        return obsws.ReqClient(
            host=settings.host,
            port=settings.port,
            password=settings.password,
            timeout=settings.request_timeout,
        )

    await gateway.start()
    try:
        if not gateway.status.connected:
            await log.wait_for(lambda s: s.connected, CONNECT_TIMEOUT_S, "the first connection")
        status = gateway.status
        bare = bare_client()
        on_worker = await loop.run_in_executor(worker, bare_client)

        # (1) Scene switch.
        for scene in SCENES:
            await gateway.call("CreateScene", {"sceneName": scene})
        await gateway.call("SetCurrentSceneTransition", {"transitionName": "Cut"})

        def scene_of(i: int) -> dict[str, Any]:
            return {"sceneName": SCENES[i % 2]}

        async def gateway_scene(i: int) -> Any:
            return await gateway.call("SetCurrentProgramScene", scene_of(i))

        def bare_scene(i: int) -> Any:
            return bare.send("SetCurrentProgramScene", scene_of(i), raw=True)

        async def worker_scene(i: int) -> Any:
            return await loop.run_in_executor(
                worker, on_worker.send, "SetCurrentProgramScene", scene_of(i), True
            )

        scene = await _measure_variants(gateway_scene, bare_scene, worker_scene, calls, block)

        # (2) Overlay text.
        await prepare_obs(gateway)
        text_input = await gateway.call("GetInputSettings", {"inputName": STANDBY_TEXT})
        text_kind = str(text_input.get("inputKind", ""))

        def text_of(i: int) -> dict[str, Any]:
            return {
                "inputName": STANDBY_TEXT,
                "inputSettings": {"text": f"第{i}位来电 · caller {i}"},
            }

        async def gateway_text(i: int) -> Any:
            return await gateway.call("SetInputSettings", text_of(i))

        def bare_text(i: int) -> Any:
            return bare.send("SetInputSettings", text_of(i), raw=True)

        async def worker_text(i: int) -> Any:
            return await loop.run_in_executor(
                worker, on_worker.send, "SetInputSettings", text_of(i), True
            )

        text = await _measure_variants(gateway_text, bare_text, worker_text, calls, block)
        last = await gateway.call("GetInputSettings", {"inputName": STANDBY_TEXT})
        if "caller" not in str(last.get("inputSettings", {}).get("text", "")):
            raise BenchmarkError(f"the text source did not take the new text: {last}")

        # The bare clients would die with OBS in (4).
        _disconnect(bare)
        bare = None
        await loop.run_in_executor(worker, _disconnect, on_worker)
        on_worker = None

        # (3) Event-loop stall.
        stall = await _measure_stall(gateway, QUICK_STALL_ROUNDS if quick else STALL_ROUNDS)

        # (4) Killed OBS.
        cycles = [
            await _kill_and_reconnect(obs, gateway, log)
            for _ in range(QUICK_KILLS if quick else KILLS)
        ]
    finally:
        _disconnect(bare)
        if on_worker is not None:
            await loop.run_in_executor(worker, _disconnect, on_worker)
        worker.shutdown(wait=True)
        await gateway.stop()
    return _Results(
        scene=scene,
        text=text,
        stall=stall,
        cycles=cycles,
        obs_version=status.obs_version,
        websocket_version=status.websocket_version,
        text_kind=text_kind,
    )


def _disconnect(client: Any) -> None:
    if client is not None:
        with contextlib.suppress(Exception):
            client.disconnect()


def _run_on_qasync(obs: ObsProcess, quick: bool) -> _Results:
    """Run the scenario on a qasync loop over a QApplication, as ``studio_app.app`` does."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(["bench-obs"])
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        results: _Results = runner.run(_scenario(obs, quick))
    del qapp
    return results


def _ms(samples: Sequence[float]) -> list[float]:
    return [s * 1000 for s in samples]


def _latency_figures(prefix: str, what: str, latencies: _Latencies, calls: int) -> list[Figure]:
    gateway = Figure.of(f"{prefix}.gateway", "ms", _ms(latencies.gateway), spread="p99")
    bare = Figure.of(f"{prefix}.bare", "ms", _ms(latencies.bare), spread="p99")
    on_worker = Figure.of(f"{prefix}.bare_on_worker", "ms", _ms(latencies.on_worker), spread="p99")
    return [
        Figure.of(
            gateway.name,
            gateway.unit,
            gateway.samples,
            spread="p99",
            note=f"{what}: `await WebSocketObsGateway.call(...)` on qasync's QEventLoop",
            calls=calls,
        ),
        Figure.of(
            bare.name,
            bare.unit,
            bare.samples,
            spread="p99",
            note=f"{what}: bare obsws-python ReqClient.send on the loop's thread, same OBS",
            calls=calls,
        ),
        Figure.of(
            on_worker.name,
            on_worker.unit,
            on_worker.samples,
            spread="p99",
            note=(
                f"{what}: another bare ReqClient.send through `await loop.run_in_executor("
                "one_thread_executor, ...)`, i.e. the thread hop without the gateway's code"
            ),
            calls=calls,
        ),
        Figure.of(
            f"{prefix}.gateway_vs_bare",
            "x",
            latencies.ratios,
            spread="minmax",
            target=Target(RATIO_TARGET, requirement=RATIO_REQUIREMENT),
            note=(
                "median gateway / median bare per pair of adjacent blocks. Overall medians: "
                f"gateway {gateway.median:.3f} ms, bare {bare.median:.3f} ms "
                f"({gateway.median / bare.median:.2f}x, {gateway.median - bare.median:+.3f} ms), "
                f"bare on a worker thread {on_worker.median:.3f} ms "
                f"({on_worker.median / bare.median:.2f}x): the gateway's own code adds "
                f"{gateway.median - on_worker.median:+.3f} ms, the thread hop "
                f"{on_worker.median - bare.median:+.3f} ms"
            ),
        ),
    ]


def _figures(results: _Results, quick: bool) -> list[Figure]:
    calls = QUICK_CALLS if quick else CALLS
    stall = results.stall
    cycles = results.cycles
    return [
        *_latency_figures(
            "obs.scene_switch",
            f"SetCurrentProgramScene between 2 scenes, Cut, OBS {results.obs_version} "
            f"(obs-websocket {results.websocket_version})",
            results.scene,
            calls,
        ),
        *_latency_figures(
            "obs.overlay_text",
            f"SetInputSettings, a new text every call on a {results.text_kind} source",
            results.text,
            calls,
        ),
        Figure.of(
            "obs.concurrent_300.loop_stall",
            "ms",
            stall.loaded_ms,
            spread="max",
            target=Target(STALL_TARGET_MS, requirement=STALL_REQUIREMENT),
            note=(
                f"largest gap between ticks of a {TICK_MS} ms PreciseTimer QTimer minus "
                f"{TICK_MS} ms while asyncio.gather of {CONCURRENT} gateway.call('GetVersion') "
                "runs, one sample per round; the largest gap began "
                + ", ".join(f"{offset:.1f}" for offset in stall.offsets_ms)
                + " ms after the gather started"
            ),
            concurrent=CONCURRENT,
        ),
        Figure.of(
            "obs.concurrent_300.idle_stall",
            "ms",
            stall.idle_ms,
            spread="max",
            note=(
                f"the same timer with the loop idle for {IDLE_WINDOW_S * 1000:.0f} ms before "
                "each round: the floor of the figure above on this machine"
            ),
        ),
        Figure.of(
            "obs.concurrent_300.total",
            "ms",
            stall.totals_ms,
            spread="minmax",
            note=f"all {CONCURRENT} concurrent calls done (one worker thread serialises them)",
            concurrent=CONCURRENT,
        ),
        Figure.of(
            "obs.killed.detect",
            "ms",
            (c.detect_s * 1000 for c in cycles),
            spread="minmax",
            note="SIGKILL to the status listener hearing the gateway leave CONNECTED",
        ),
        Figure.of(
            "obs.killed.reconnect",
            "ms",
            (c.reconnect_s * 1000 for c in cycles),
            spread="minmax",
            note=(
                "restarted OBS's port accepting TCP (polled every 2 ms) to the listener "
                "hearing CONNECTED; includes the supervisor's back-off wait (app defaults: "
                "0.25 s doubling to 5 s). Per kill, OBS down (kill to port open) / failed "
                "attempts before: "
                + ", ".join(f"{c.down_s:.2f} s / {c.states.count('not_running')}" for c in cycles)
            ),
        ),
    ]


def run(quick: bool) -> list[Figure]:
    """Start Xvfb and OBS in a temp directory, measure (1) to (4), stop both."""
    missing = missing_tools()
    if missing:
        raise BenchmarkError(
            f"the obs benchmark needs {', '.join(missing)} (bash tests/run.sh installs them)"
        )
    # obsws-python logs the password at INFO (silenced for good, as the gateway does); the
    # gateway warns on every kill of (4) (quiet for the run only).
    logging.getLogger("obsws_python").setLevel(logging.CRITICAL)
    gateway_log = logging.getLogger("studio_app.services.obs.gateway")
    gateway_level = gateway_log.level
    gateway_log.setLevel(logging.ERROR)
    display = VirtualDisplay()
    obs: ObsProcess | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="studio-bench-obs-") as tmp:
            try:
                try:
                    name = display.start()
                except RuntimeError as error:
                    raise BenchmarkError(f"could not start Xvfb: {error}") from error
                obs = ObsProcess(Path(tmp), name)
                try:
                    obs.start()
                except RuntimeError as error:
                    raise BenchmarkError(f"could not start OBS: {error}") from error
                results = _run_on_qasync(obs, quick)
            finally:
                if obs is not None:
                    obs.stop()
                display.stop()
    finally:
        gateway_log.setLevel(gateway_level)
    return _figures(results, quick)
