"""The live control view end to end: the real app and store, a fake OBS behind the Protocol."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from studio_app.domain.broadcast import OutputKind
from studio_app.domain.sessions import AgendaItem
from studio_app.services.obs.model import ConnectionState, ConnectionStatus
from studio_app.services.obs.prepare import STANDBY_SCENE
from studio_app.settings import load_settings, save_settings
from studio_app.ui.control_panel import OutputRow
from studio_app.ui.live_controller import LiveController
from studio_app.ui.main_window import MainWindow
from tests.fakes.credentials import MemoryCredentialStore
from tests.fakes.obs import FakeObsGateway
from tests.ui.helpers import RunningApp, read_only_session_record


async def _until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Wait (without processEvents) until ``condition()`` is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


async def _answer_message_box(button: QMessageBox.StandardButton) -> QMessageBox:
    """Click ``button`` on the message box the app opened (window-modal, via open())."""
    box: list[QMessageBox] = []

    def find() -> bool:
        box[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        return bool(box)

    await _until(find)
    found = box[-1]
    found.button(button).click()
    return found


def _live(running: RunningApp) -> LiveController:
    live = running.app.live
    assert live is not None
    return live


async def _started(running: RunningApp) -> tuple[MainWindow, LiveController]:
    window = await running.start()
    live = _live(running)
    await _until(lambda: live.studio.snapshot.connection.connected and live.studio.snapshot.scenes)
    return window, live


async def _session_with_agenda(window: MainWindow, scenes: tuple[str, ...]) -> None:
    created = await window.new_session()
    assert created is not None
    agenda = tuple(
        AgendaItem.create(f"议程 {n}", planned_minutes=5, scene_name=scene)
        for n, scene in enumerate(scenes, start=1)
    )
    saved = await window._service.save(created.edited(agenda=agenda))  # type: ignore[union-attr]
    window._show(saved)  # as if picked in the list


def test_connection_state_scenes_and_one_click_switching(qapp, qloop, tmp_path: Path) -> None:
    gateway = FakeObsGateway()
    gateway.scenes = ["主持人 Host", "嘉宾 Guest", "全景 Wide"]
    gateway.program = "主持人 Host"

    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path / "data", gateway=gateway)
        window, _live = await _started(running)
        panel = window.control_panel
        assert "29.0.2" in window.obs_status.text()
        assert panel.scene_model.scenes == ("主持人 Host", "嘉宾 Guest", "全景 Wide")
        assert "主持人 Host" in panel.program_label.text()

        # One click on a scene switches the program; the view follows OBS's event.
        view = panel.scene_view
        rect = view.visualRect(panel.scene_model.index(1))
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        await _until(lambda: "嘉宾 Guest" in panel.program_label.text())
        assert ("SetCurrentProgramScene", {"sceneName": "嘉宾 Guest"}) in gateway.requests

        # Ctrl+3 from anywhere in the window.
        window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        await _until(lambda: gateway.program == "全景 Wide")
        await _until(lambda: "全景 Wide" in panel.program_label.text())

        # A scene created in OBS appears without asking.
        gateway.scenes.append("新场景")
        gateway.emit("SceneCreated", {"sceneName": "新场景", "isGroup": False})
        await _until(lambda: "新场景" in panel.scene_model.scenes)
        assert "新场景" in window.editor.scene_delegate.scene_names

        # A wrong password is said plainly, with what to do, and the controls go inert.
        gateway.set_status(ConnectionStatus(ConnectionState.WRONG_PASSWORD, "auth"))
        assert "wrong password" in window.obs_status.text()
        assert "WebSocket Server Settings" in panel.advice_label.text()
        assert not panel.scene_view.isEnabled()
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())


def test_studio_mode_click_goes_to_preview_then_transition(qapp, qloop, tmp_path: Path) -> None:
    gateway = FakeObsGateway()
    gateway.scenes = ["A", "B"]
    gateway.program = "A"

    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path / "data", gateway=gateway)
        window, live = await _started(running)
        panel = window.control_panel
        gateway.studio_mode = True
        gateway.preview = "A"
        gateway.emit("StudioModeStateChanged", {"studioModeEnabled": True})
        await _until(lambda: live.studio.snapshot.studio_mode)
        assert panel.transition_button.isVisibleTo(window)
        assert await live.switch_scene("B")
        await _until(lambda: "B" in panel.preview_label.text())
        assert gateway.program == "A"  # the program did not change
        assert await live.transition()
        await _until(lambda: live.studio.snapshot.program_scene == "B")
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())


def test_standby_cuts_the_program_and_creates_a_missing_slate(qapp, qloop, tmp_path: Path) -> None:
    gateway = FakeObsGateway()
    gateway.scenes = ["Host"]
    gateway.program = "Host"

    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path / "data", gateway=gateway)
        window, live = await _started(running)
        # No slate in this OBS yet: F12 creates it, then cuts to it.
        QTest.keyClick(window, Qt.Key.Key_F12)
        await _until(lambda: gateway.program == STANDBY_SCENE)
        assert ("CreateScene", {"sceneName": STANDBY_SCENE}) in gateway.requests
        assert gateway.scenes.count(STANDBY_SCENE) == 1
        await live.switch_scene("Host")
        # Second time: the slate exists, nothing is created.
        created_before = len([r for r in gateway.requests if r[0].startswith("Create")])
        assert await live.standby()
        assert gateway.program == STANDBY_SCENE
        assert len([r for r in gateway.requests if r[0].startswith("Create")]) == created_before
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())


def test_recording_runs_and_agenda_timecodes_go_into_the_session_record(
    qapp, qloop, tmp_path: Path
) -> None:
    gateway = FakeObsGateway()
    gateway.scenes = ["Host", "Guest"]
    gateway.program = "Host"
    data_dir = tmp_path / "data"

    async def scenario() -> None:
        running = RunningApp(qapp, data_dir, gateway=gateway)
        window, live = await _started(running)
        panel = window.control_panel
        await _session_with_agenda(window, ("Guest", "", "Host"))
        await _until(lambda: len(panel.agenda_model.items) == 3)

        assert await live.toggle_record()
        await _until(lambda: "REC" in panel.record_row.state_label.text())
        assert panel.record_row.button.text() == "Stop recording"
        await live.recorder.wait_idle()

        gateway.record_ms = 65_000
        QTest.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        await _until(lambda: gateway.program == "Guest")
        await _until(lambda: panel.agenda_model.current_row() == 0)
        gateway.record_ms = 125_000
        assert await live.step_agenda(1)  # item 2 has no scene: the program stays
        assert gateway.program == "Guest"

        # Stopping asks first; "No" keeps recording.
        answer = asyncio.ensure_future(_answer_message_box(QMessageBox.StandardButton.No))
        assert not await live.toggle_record()
        await answer
        assert live.studio.snapshot.record.value == "started"
        answer = asyncio.ensure_future(_answer_message_box(QMessageBox.StandardButton.Yes))
        assert await live.toggle_record()
        await answer
        await _until(lambda: "Not recording" in panel.record_row.state_label.text())
        await _until(lambda: "Recording saved" in panel.output_note.text())
        await live.recorder.wait_idle()
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())

    # The record, read back without the UI.
    session, runs, marks = read_only_session_record(data_dir)
    (run,) = runs
    assert run.kind is OutputKind.RECORD
    assert run.stopped_at is not None and run.stopped_at >= run.started_at
    assert run.path == gateway.last_record_path
    assert not run.interrupted
    assert [m.agenda_item_id for m in marks] == [session.agenda[0].id, session.agenda[1].id]
    assert [m.record_ms for m in marks] == [65_000, 125_000]
    assert marks[0].scene_name == "Guest"
    assert marks[0].stream_ms is None


def test_failed_stream_is_reported_in_plain_words(qapp, qloop, tmp_path: Path) -> None:
    gateway = FakeObsGateway()
    gateway.stream_fails = True

    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path / "data", gateway=gateway)
        window, live = await _started(running)
        assert await live.toggle_stream()
        box = await _answer_message_box(QMessageBox.StandardButton.Ok)
        assert "stream did not start" in box.text()
        assert "Settings → Stream" in box.text()
        panel = window.control_panel
        assert "Not streaming" in panel.stream_row.state_label.text()
        assert "stream did not start" in panel.output_note.text()
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())


def test_settings_dialog_stores_password_in_keyring_and_reconnects(
    qapp, qloop, tmp_path: Path
) -> None:
    gateway = FakeObsGateway()
    credentials = MemoryCredentialStore()
    data_dir = tmp_path / "data"

    async def scenario() -> None:
        running = RunningApp(qapp, data_dir, gateway=gateway, credentials=credentials)
        _window, live = await _started(running)
        # Saved while the app runs (Archive settings, Help → Language): OBS settings saved
        # later must keep them, not write back the copy read at start.
        save_settings(
            data_dir,
            replace(load_settings(data_dir), archive_url="https://archive.example", language="en"),
        )
        task = asyncio.ensure_future(live.edit_settings())
        await _until(lambda: getattr(live, "settings_dialog", None) is not None)
        dialog = live.settings_dialog
        await _until(dialog.isVisible)
        assert not dialog.keyring_label.isVisibleTo(dialog)
        dialog.host_edit.setText("192.168.1.20")
        dialog.port_spin.setValue(4460)
        dialog.password_edit.setText("s3cret-密码")
        dialog.auto_connect.setChecked(False)
        # "Test connection" tries the entered settings on a throw-away gateway.
        status = await dialog.test_connection()
        assert status is not None and status.connected
        assert "connected" in dialog.test_result.text()
        dialog.buttons.accepted.emit()
        assert await task
        assert gateway.settings.host == "192.168.1.20"
        assert gateway.settings.port == 4460
        assert gateway.settings.password == "s3cret-密码"
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())
    assert credentials.secrets == {"obs-websocket:192.168.1.20:4460": "s3cret-密码"}
    stored = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert stored["obs_host"] == "192.168.1.20"
    assert stored["obs_port"] == 4460
    assert stored["obs_auto_connect"] is False
    assert stored["archive_url"] == "https://archive.example" and stored["language"] == "en"
    assert "s3cret" not in (data_dir / "settings.json").read_text(encoding="utf-8")
    for log in data_dir.rglob("*.log"):
        assert "s3cret" not in log.read_text(encoding="utf-8", errors="replace")

    # Next start: not connected automatically, password read back from the keyring.
    gateway2 = FakeObsGateway()

    async def second() -> None:
        running = RunningApp(qapp, data_dir, gateway=gateway2, credentials=credentials)
        await running.start()
        live = _live(running)
        await asyncio.sleep(0.2)
        assert gateway2.status.state is ConnectionState.STOPPED
        assert gateway2.settings.password == "s3cret-密码"
        assert "Connect" in live.panel.connect_button.text()
        assert await running.stop() == 0

    qloop.run_until_complete(second())


def test_without_a_keyring_the_password_is_kept_for_this_run_only(
    qapp, qloop, tmp_path: Path
) -> None:
    gateway = FakeObsGateway()
    credentials = MemoryCredentialStore(available=False)

    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path / "data", gateway=gateway, credentials=credentials)
        window, live = await _started(running)
        task = asyncio.ensure_future(live.edit_settings())
        await _until(lambda: getattr(live, "settings_dialog", None) is not None)
        dialog = live.settings_dialog
        await _until(dialog.isVisible)
        assert dialog.keyring_label.isVisibleTo(dialog)
        assert "no password store" in dialog.keyring_label.text()
        dialog.password_edit.setText("only-now")
        dialog.buttons.accepted.emit()
        assert await task
        assert gateway.settings.password == "only-now"
        assert "kept only until" in window.control_panel.output_note.text()
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())
    assert credentials.secrets == {}


def test_running_time_is_obs_timecode_and_freezes_while_paused(qapp, qloop, tmp_path: Path) -> None:
    gateway = FakeObsGateway()
    gateway.record_active, gateway.record_ms = True, 754_000  # OBS was recording before

    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path / "data", gateway=gateway)
        window, live = await _started(running)
        panel = window.control_panel
        await _until(lambda: panel.record_row.time_label.text().startswith("00:12:3"))
        assert "REC" in panel.record_row.state_label.text()
        gateway.record_paused = True
        gateway.emit(
            "RecordStateChanged",
            {"outputActive": True, "outputState": "OBS_WEBSOCKET_OUTPUT_PAUSED"},
        )
        await live.health.poll()
        frozen = panel.record_row.time_label.text()
        await asyncio.sleep(1.2)
        panel.tick()
        assert panel.record_row.time_label.text() == frozen == "00:12:34"
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())


def test_large_text_in_the_live_control_is_kept_for_the_next_start(
    qapp, qloop, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"

    def sizes(live: LiveController) -> tuple[float, float, float, float]:
        panel = live.panel
        return (
            panel.standby_button.font().pointSizeF(),
            panel.countdown.font().pointSizeF(),
            panel.scene_model.font.pointSizeF(),
            panel.findChildren(OutputRow)[0].time_label.font().pointSizeF(),
        )

    async def first() -> tuple[float, ...]:
        running = RunningApp(qapp, data_dir)
        _window, live = await _started(running)
        normal = sizes(live)
        assert not live.large_text_action.isChecked()
        live.large_text_action.trigger()
        large = sizes(live)
        assert all(big >= small * 1.25 for big, small in zip(large, normal, strict=True))
        index = live.panel.scene_model.index(0, 0)
        bold = live.panel.scene_model.data(index, Qt.ItemDataRole.FontRole)
        assert bold is not None and bold.pointSizeF() == large[2]  # the program scene
        await live.tasks.wait_idle()
        assert await running.stop() == 0
        return large

    large = qloop.run_until_complete(first())
    assert load_settings(data_dir).live_large_text is True

    async def second() -> None:
        running = RunningApp(qapp, data_dir)
        _window, live = await _started(running)
        assert live.large_text_action.isChecked()
        assert sizes(live) == large
        assert await running.stop() == 0

    qloop.run_until_complete(second())
