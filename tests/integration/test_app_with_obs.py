"""The whole app against a real OBS: prepare, switch, record, OBS killed and back, record intact."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from studio_app.domain.broadcast import OutputKind
from studio_app.domain.sessions import AgendaItem
from studio_app.services.credentials import obs_password_key
from studio_app.services.obs.gateway import WebSocketObsGateway
from studio_app.services.obs.model import ObsSettings
from studio_app.services.obs.prepare import STANDBY_SCENE
from studio_app.services.obs.studio import OutputState
from studio_app.settings import AppSettings, save_settings
from tests.fakes.credentials import MemoryCredentialStore
from tests.integration.obs_process import ObsProcess
from tests.ui.helpers import RunningApp, read_only_session_record


async def _until(condition, timeout: float = 10.0, what: str = "") -> float:  # type: ignore[no-untyped-def]
    """Wait until ``condition()``; return the seconds it took."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not condition():
        assert loop.time() - started < timeout, f"not reached in {timeout} s: {what}"
        await asyncio.sleep(0.01)
    return loop.time() - started


async def _close_message_boxes() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.done(0)
    await asyncio.sleep(0.01)


def test_app_prepares_switches_records_and_survives_obs_being_killed(
    qapp: QApplication, qloop, obs: ObsProcess, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    save_settings(data_dir, AppSettings(obs_host="127.0.0.1", obs_port=obs.port))
    credentials = MemoryCredentialStore()
    credentials.secrets[obs_password_key("127.0.0.1", obs.port)] = obs.password
    gateways: list[WebSocketObsGateway] = []

    def factory(settings: ObsSettings) -> WebSocketObsGateway:
        gateway = WebSocketObsGateway(settings)
        gateways.append(gateway)
        return gateway

    async def scenario() -> None:
        running = RunningApp(qapp, data_dir, gateway_factory=factory, credentials=credentials)
        window = await running.start()
        live = running.app.live
        assert live is not None
        studio = live.studio
        # Auto-connect at start-up with the password from the keyring.
        await _until(lambda: studio.snapshot.connection.connected, what="connected")
        await studio.wait_refreshed(5)
        assert "29" in window.obs_status.text() or "connected" in window.obs_status.text()

        # "Prepare OBS" from the menu creates the slate; the scene list follows OBS's events.
        assert await live.prepare()
        await _close_message_boxes()
        await _until(lambda: STANDBY_SCENE in window.control_panel.scene_model.scenes)
        await live.gateway.call("CreateScene", {"sceneName": "嘉宾 Guest"})
        await _until(lambda: "嘉宾 Guest" in window.control_panel.scene_model.scenes)
        await studio.set_record_directory(recordings)

        # A session whose first agenda item is bound to the guest scene.
        created = await window.new_session()
        assert created is not None
        agenda = (
            AgendaItem.create("开场 Opening", 5, scene_name="嘉宾 Guest"),
            AgendaItem.create("问答 Q&A", 30),
        )
        saved = await window._service.save(created.edited(agenda=agenda))  # type: ignore[union-attr]
        window._show(saved)
        await _until(lambda: len(window.control_panel.agenda_model.items) == 2)

        assert await live.toggle_record()
        await _until(lambda: studio.snapshot.record is OutputState.STARTED, what="recording")
        await live.recorder.wait_idle()
        await asyncio.sleep(1.2)  # a timecode worth reading
        assert await live.step_agenda(1)
        await _until(lambda: studio.snapshot.program_scene == "嘉宾 Guest", what="scene event")
        assert "嘉宾 Guest" in window.control_panel.program_label.text()

        # F12-equivalent standby cuts the program to the slate, confirmed by OBS's event.
        assert await live.standby()
        await _until(lambda: studio.snapshot.program_scene == STANDBY_SCENE, what="standby")

        # OBS dies mid-recording: the app notices, says so, and reconnects by itself.
        killed = time.perf_counter()
        obs.kill()
        await _until(lambda: not studio.snapshot.connection.connected, 3, "loss noticed")
        detect = time.perf_counter() - killed
        assert "connected" not in window.obs_status.text().replace("not connected", "")
        obs.start()
        await _until(lambda: studio.snapshot.connection.connected, 15, "reconnected")
        await studio.wait_refreshed(5)
        # The state was read again: OBS came back with its saved scenes, not recording.
        assert STANDBY_SCENE in studio.snapshot.scenes
        assert studio.snapshot.record is OutputState.STOPPED
        await _until(lambda: "Not recording" in window.control_panel.record_row.state_label.text())
        # The run cut short by the crash is closed as interrupted.
        await live.recorder.wait_idle()
        runs = await live.broadcast.runs(saved.id)
        assert [r.interrupted for r in runs] == [True]

        # Recording again after the restart writes a complete file, reported by the event.
        await studio.set_record_directory(recordings)
        assert await live.toggle_record()
        await _until(lambda: studio.snapshot.record is OutputState.STARTED, what="recording 2")
        await asyncio.sleep(1.0)
        assert await live.toggle_record(confirmed=True)
        await _until(lambda: studio.snapshot.record is OutputState.STOPPED, 15, "stopped")
        await live.recorder.wait_idle()
        assert len(gateways) == 1  # the same gateway reconnected; nothing was rebuilt
        assert detect < 3
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())

    # The session record, read back without the app.
    session, runs, marks = read_only_session_record(data_dir)
    assert [a.title for a in session.agenda] == ["开场 Opening", "问答 Q&A"]
    assert [(r.kind, r.interrupted) for r in runs] == [
        (OutputKind.RECORD, True),
        (OutputKind.RECORD, False),
    ]
    finished = runs[1]
    assert finished.path, "the STOPPED event's output path is stored"
    assert Path(finished.path).parent == recordings
    assert Path(finished.path).stat().st_size > 0
    (mark,) = marks
    assert mark.agenda_item_id == session.agenda[0].id
    assert mark.scene_name == "嘉宾 Guest"
    # OBS counts encoded frames: under software rendering it lags the wall clock a little.
    assert mark.record_ms is not None and 0 < mark.record_ms <= 10_000
