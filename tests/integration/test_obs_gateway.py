"""The OBS gateway and studio state against a real OBS Studio (Debian's OBS 29 under Xvfb)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studio_app.services.obs.errors import ObsNotConnectedError, ObsRequestError
from studio_app.services.obs.gateway import WebSocketObsGateway
from studio_app.services.obs.model import ConnectionState, ObsSettings
from studio_app.services.obs.studio import ObsStudio, OutputEvent, OutputState
from tests.integration.obs_process import ObsProcess, free_port


def settings_for(obs: ObsProcess, **overrides: Any) -> ObsSettings:
    values: dict[str, Any] = {
        "port": obs.port,
        "password": obs.password,
        "heartbeat_interval": 0.5,
    }
    values.update(overrides)
    return ObsSettings(**values)


async def wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll ``predicate`` every 5 ms; return the seconds it took."""
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.005)
    return time.perf_counter() - start


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_connects_reads_state_and_switches_scene_confirmed_by_event(obs: ObsProcess) -> None:
    async def scenario() -> None:
        gateway = WebSocketObsGateway(settings_for(obs))
        studio = ObsStudio(gateway)
        events: list[tuple[str, dict[str, Any]]] = []
        gateway.add_event_listener(lambda kind, data: events.append((kind, data)))
        await gateway.start()
        try:
            await wait_until(lambda: gateway.status.connected, 10, "connected")
            assert gateway.status.obs_version.startswith(("29.", "30.", "31.", "32."))
            await studio.wait_refreshed(5)
            assert "Scene" in studio.snapshot.scenes
            await gateway.call("CreateScene", {"sceneName": "嘉宾双机位"})
            await wait_until(lambda: "嘉宾双机位" in studio.snapshot.scenes, 5, "new scene")
            await studio.switch_scene("嘉宾双机位")
            # The snapshot follows the event, not the request's return value.
            await wait_until(
                lambda: studio.snapshot.program_scene == "嘉宾双机位", 5, "scene change event"
            )
            assert ("CurrentProgramSceneChanged", {"sceneName": "嘉宾双机位"}) in [
                (kind, {k: v for k, v in data.items() if k == "sceneName"}) for kind, data in events
            ]
            with pytest.raises(ObsRequestError) as refused:
                await studio.switch_scene("没有这个场景")
            assert refused.value.code == 600
        finally:
            await studio.close()
            await gateway.stop()
        assert gateway.status.state is ConnectionState.STOPPED

    run(scenario())


def test_records_into_a_directory_and_reports_the_file(obs: ObsProcess, tmp_path: Path) -> None:
    recordings = tmp_path / "录像"
    recordings.mkdir()

    async def scenario() -> list[OutputEvent]:
        gateway = WebSocketObsGateway(settings_for(obs))
        studio = ObsStudio(gateway)
        outputs: list[OutputEvent] = []
        studio.add_output_listener(outputs.append)
        await gateway.start()
        try:
            await wait_until(lambda: gateway.status.connected, 10, "connected")
            await studio.wait_refreshed(5)
            await studio.set_record_directory(recordings)
            await studio.start_record()
            await wait_until(
                lambda: studio.snapshot.record is OutputState.STARTED, 10, "recording started"
            )
            await asyncio.sleep(1.5)
            await studio.stop_record()
            await wait_until(
                lambda: any(o.state is OutputState.STOPPED and o.path for o in outputs),
                15,
                "recording stopped with a file",
            )
            return outputs
        finally:
            await studio.close()
            await gateway.stop()

    outputs = run(scenario())
    assert [o.state for o in outputs] == [
        OutputState.STARTING,
        OutputState.STARTED,
        OutputState.STOPPING,
        OutputState.STOPPED,
    ]
    path = Path(outputs[-1].path)
    assert path.parent == recordings
    assert path.is_file() and path.stat().st_size > 0


def test_survives_obs_being_killed_and_reconnects_by_itself(obs: ObsProcess) -> None:
    async def scenario() -> tuple[float, float]:
        gateway = WebSocketObsGateway(settings_for(obs))
        studio = ObsStudio(gateway)
        await gateway.start()
        try:
            await wait_until(lambda: gateway.status.connected, 10, "connected")
            await gateway.call("CreateScene", {"sceneName": "备用画面"})
            await studio.switch_scene("备用画面")
            await wait_until(lambda: studio.snapshot.program_scene == "备用画面", 5, "switch")
            obs.kill()  # returns once the process is gone
            detect = await wait_until(
                lambda: not gateway.status.connected, 5, "the loss to be noticed"
            )
            with pytest.raises(ObsNotConnectedError):
                await gateway.call("GetVersion")
            # OBS comes back with a different state (its scene collection is gone), so only
            # a full re-read after the reconnect can make the snapshot right.
            for collection in (obs.home / ".config/obs-studio/basic/scenes").glob("*.json*"):
                collection.unlink()
            obs.start()  # returns once the port accepts connections
            reconnect = await wait_until(lambda: gateway.status.connected, 15, "reconnect")
            await studio.wait_refreshed(5)
            await wait_until(lambda: studio.snapshot.scenes == ("Scene",), 5, "state re-read")
            assert studio.snapshot.program_scene == "Scene"
            return detect, reconnect
        finally:
            await studio.close()
            await gateway.stop()

    detect, reconnect = run(scenario())
    # Generous bounds (a busy CI machine); tests/bench measures the real figures.
    assert detect < 3.0
    assert reconnect < 10.0


def test_wrong_password_is_reported_at_once_and_not_retried(obs: ObsProcess) -> None:
    async def scenario() -> None:
        gateway = WebSocketObsGateway(settings_for(obs, password="wrong"))
        attempts = 0
        original = gateway._connect_blocking

        def counting(generation: int) -> Any:
            nonlocal attempts
            attempts += 1
            return original(generation)

        gateway._connect_blocking = counting  # type: ignore[method-assign]
        await gateway.start()
        try:
            took = await wait_until(
                lambda: gateway.status.state is ConnectionState.WRONG_PASSWORD, 1.0, "verdict"
            )
            assert took < 1.0
            await asyncio.sleep(1.5)
            assert attempts == 1, "a wrong password must not be retried"
            # New settings wake it up and it connects.
            await gateway.reconfigure(settings_for(obs))
            await wait_until(lambda: gateway.status.connected, 5, "connected after fixing")
        finally:
            await gateway.stop()

    run(scenario())


def test_nothing_listening_is_reported_at_once_and_retried(display: str, tmp_path: Path) -> None:
    process = ObsProcess(tmp_path, display)
    process.port = free_port()

    async def scenario() -> None:
        gateway = WebSocketObsGateway(settings_for(process))
        await gateway.start()
        try:
            took = await wait_until(
                lambda: gateway.status.state is ConnectionState.NOT_RUNNING, 1.0, "verdict"
            )
            assert took < 1.0
            with pytest.raises(ObsNotConnectedError):
                await gateway.call("GetVersion")
            # OBS starts later: the gateway finds it without being asked.
            await asyncio.get_running_loop().run_in_executor(None, process.start)
            await wait_until(lambda: gateway.status.connected, 15, "connected once OBS runs")
        finally:
            await gateway.stop()
            process.stop()

    run(scenario())
