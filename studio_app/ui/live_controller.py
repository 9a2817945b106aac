"""Wires the live control view and its keyboard shortcuts to OBS and the session record."""

from __future__ import annotations

import asyncio
import functools
import logging
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from studio_app.domain.sessions import AgendaItem, BroadcastSession
from studio_app.messages import obs_error_text, obs_status_text, storage_error_text
from studio_app.services.broadcast import BroadcastService, OutputRecorder
from studio_app.services.credentials import (
    CredentialStore,
    KeyringUnavailableError,
    obs_password_key,
)
from studio_app.services.obs.errors import RESOURCE_NOT_FOUND, ObsError, ObsRequestError
from studio_app.services.obs.health import HealthMonitor, ObsHealth
from studio_app.services.obs.model import (
    ConnectionState,
    ConnectionStatus,
    ObsGateway,
    ObsSettings,
)
from studio_app.services.obs.prepare import STANDBY_SCENE, prepare_obs
from studio_app.services.obs.probe import probe
from studio_app.services.obs.studio import ObsSnapshot, ObsStudio, OutputEvent, OutputState
from studio_app.services.tasks import TaskSet
from studio_app.settings import AppSettings, load_settings, save_settings
from studio_app.storage.errors import StorageError
from studio_app.ui.control_panel import SHORTCUT_SCENES, ControlPanel, program_scenes
from studio_app.ui.dialogs import ask, confirm, message_box
from studio_app.ui.main_window import MainWindow
from studio_app.ui.obs_settings_dialog import ObsConnectionChoice, ObsSettingsDialog

log = logging.getLogger(__name__)

GatewayFactory = Callable[[ObsSettings], ObsGateway]

#: How often the running times of recording and stream are redrawn.
TICK_MS = 500


class LiveController(QObject):
    """The operator's live actions: scenes, standby, recording/stream, run of show, settings.

    Every action is a method that can be awaited (tests call them directly) and a menu
    action with a keyboard shortcut. OBS's events drive what the view shows.
    """

    agenda_item_changed = Signal(object, object)
    """The agenda item on air changed: (``BroadcastSession`` or None, ``AgendaItem`` or None)."""
    agenda_marked = Signal(object)
    """An agenda item's going on air was stored (the ``AgendaMark``)."""

    def __init__(
        self,
        window: MainWindow,
        *,
        gateway_factory: GatewayFactory,
        broadcast: BroadcastService,
        settings: AppSettings,
        data_dir: Path,
        credentials: CredentialStore,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.panel: ControlPanel = window.control_panel
        self.tasks = TaskSet()
        self._factory = gateway_factory
        self._settings = settings
        self._data_dir = data_dir
        self._credentials = credentials
        self._password = ""
        self.gateway = gateway_factory(self._obs_settings())
        self.studio = ObsStudio(self.gateway)
        self.health = HealthMonitor(self.gateway)
        self.broadcast = broadcast
        self.recorder = OutputRecorder(self.studio, broadcast)
        self.session: BroadcastSession | None = None
        self.current_item: uuid.UUID | None = None
        self._agenda_generation = 0
        self._build_actions()
        self.panel.set_large_text(settings.live_large_text)
        self.health_alert = QLabel(window)
        self.health_alert.setObjectName("healthAlert")
        self.health_alert.setStyleSheet("color: white; background: #b71c1c; padding: 0 6px;")
        self.health_alert.hide()
        window.statusBar().addPermanentWidget(self.health_alert)
        self._connect_signals()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.panel.tick)
        self._on_studio_snapshot(self.studio.snapshot)

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        window, menu = self.window, self.window.live_menu

        def action(
            text: str, shortcut: str = "", slot: Callable[[], None] | None = None
        ) -> QAction:
            item = QAction(text, window)
            if shortcut:
                item.setShortcut(QKeySequence(shortcut))
                # Live actions work wherever the focus is in the main window.
                item.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if slot is not None:
                # triggered(bool) would pass "checked" into a slot with parameters.
                item.triggered.connect(lambda *_args: slot())
            window.addAction(item)
            return item

        self.standby_action = action(self.tr("Cut to &standby slate"), "F12", self._on_standby)
        self.transition_action = action(
            self.tr("&Transition preview to program"), "Ctrl+T", self._on_transition
        )
        self.record_action = action(
            self.tr("Start/stop &recording"), "Ctrl+Shift+R", self._on_record_toggle
        )
        self.stream_action = action(
            self.tr("Start/stop s&tream"), "Ctrl+Shift+L", self._on_stream_toggle
        )
        self.next_item_action = action(
            self.tr("&Next agenda item"), "Ctrl+PgDown", lambda: self._on_agenda_step(1)
        )
        self.previous_item_action = action(
            self.tr("&Previous agenda item"), "Ctrl+PgUp", lambda: self._on_agenda_step(-1)
        )
        self.scene_actions = [
            action(
                self.tr("Scene %1").replace("%1", str(number)),
                f"Ctrl+{number}",
                functools.partial(self._on_scene_number, number),
            )
            for number in range(1, SHORTCUT_SCENES + 1)
        ]
        self.connect_action = action(self.tr("&Connect to OBS"), "", self._on_connect_toggle)
        self.settings_action = action(self.tr("OBS connection &settings…"), "", self._on_settings)
        self.prepare_action = action(self.tr("&Prepare OBS"), "", self._on_prepare)

        menu.addAction(self.standby_action)
        menu.addSeparator()
        menu.addAction(self.next_item_action)
        menu.addAction(self.previous_item_action)
        menu.addSeparator()
        menu.addAction(self.record_action)
        menu.addAction(self.stream_action)
        menu.addSeparator()
        scenes = menu.addMenu(self.tr("Switch to scene"))
        for scene_action in self.scene_actions:
            scenes.addAction(scene_action)
        menu.addAction(self.transition_action)
        menu.addSeparator()
        menu.addAction(self.connect_action)
        menu.addAction(self.settings_action)
        menu.addAction(self.prepare_action)
        menu.addSeparator()
        self.large_text_action = QAction(self.tr("&Large text in live control"), window)
        self.large_text_action.setObjectName("largeTextAction")
        self.large_text_action.setCheckable(True)
        self.large_text_action.setChecked(self._settings.live_large_text)
        self.large_text_action.toggled.connect(self._on_large_text_toggled)
        menu.addAction(self.large_text_action)

    def _on_large_text_toggled(self, enabled: bool) -> None:
        self.panel.set_large_text(enabled)
        self._settings = replace(self._settings, live_large_text=enabled)
        self.tasks.spawn(self._keep_large_text(enabled), name="large-text")

    async def _keep_large_text(self, enabled: bool) -> None:
        def save() -> None:
            current = load_settings(self._data_dir)
            save_settings(self._data_dir, replace(current, live_large_text=enabled))

        try:
            await asyncio.to_thread(save)
        except OSError as error:  # shown for this run; the choice is simply not kept
            log.error("saving the large-text choice failed: %s", error)

    def _connect_signals(self) -> None:
        panel = self.panel
        panel.connect_requested.connect(self._on_connect_toggle)
        panel.settings_requested.connect(self._on_settings)
        panel.scene_requested.connect(self._on_panel_scene_requested)
        panel.transition_requested.connect(self._on_transition)
        panel.standby_requested.connect(self._on_standby)
        panel.record_toggle_requested.connect(self._on_record_toggle)
        panel.stream_toggle_requested.connect(self._on_stream_toggle)
        panel.agenda_item_requested.connect(self._on_panel_agenda_item_requested)
        panel.agenda_step_requested.connect(self._on_agenda_step)
        self.window.session_shown.connect(self._on_window_session_shown)
        self.window.session_saved.connect(self._on_window_session_saved)
        self.studio.add_listener(self._on_studio_snapshot)
        self.studio.add_output_listener(self._on_studio_output)
        self.health.add_listener(self._on_health)
        self.recorder.add_problem_listener(self._on_recorder_problem)
        self.recorder.add_failed_stream_listener(self._on_stream_failed)

    # ------------------------------------------------------------------ life
    async def start(self) -> None:
        """Read the password from the keyring and connect if the operator wants that."""
        self.timer.start()
        key = obs_password_key(self._settings.obs_host, self._settings.obs_port)
        stored = await asyncio.to_thread(lambda: self._credentials.get(key))
        self._password = stored or ""
        await self.gateway.reconfigure(self._obs_settings())
        if self._settings.obs_auto_connect:
            await self.connect_obs()
        await self.health.start()

    async def close(self) -> None:
        """Stop polling and disconnect; pending record writes finish first."""
        self.timer.stop()
        await self.tasks.cancel_all()
        await self.health.stop()
        try:
            await asyncio.wait_for(self.recorder.wait_idle(), 5)
        except TimeoutError:
            log.warning("quitting with unwritten output runs")
        await self.recorder.close()
        await self.studio.close()
        await self.gateway.stop()

    async def connect_obs(self) -> None:
        """Start connecting (and reconnecting) to OBS."""
        await self.gateway.start()

    async def disconnect_obs(self) -> None:
        """Stop talking to OBS until the operator connects again."""
        await self.gateway.stop()

    def _obs_settings(self) -> ObsSettings:
        return ObsSettings(
            host=self._settings.obs_host, port=self._settings.obs_port, password=self._password
        )

    # ------------------------------------------------------------------ scenes
    async def switch_scene(self, scene: str) -> bool:
        """What a click on a scene does: program (or the preview in studio mode)."""
        return await self._obs(self.studio.take_scene(scene))

    async def switch_scene_number(self, number: int) -> bool:
        """Ctrl+1 … Ctrl+9: the n-th scene of the list."""
        scenes = self.panel.scene_model.scenes
        if not self.studio.snapshot.connection.connected or not 1 <= number <= len(scenes):
            return False
        return await self.switch_scene(scenes[number - 1])

    async def transition(self) -> bool:
        """Studio mode: the preview goes on air."""
        return await self._obs(self.studio.transition())

    async def standby(self) -> bool:
        """Emergency: cut the program (not the preview) to the standby slate at once.

        If the slate is missing, it is created first (``prepare_obs`` touches nothing else).
        """
        try:
            await self.studio.switch_scene(STANDBY_SCENE)
        except ObsRequestError as error:
            if error.code != RESOURCE_NOT_FOUND:
                self._obs_problem(error)
                return False
            try:
                await prepare_obs(self.gateway)
                await self.studio.switch_scene(STANDBY_SCENE)
            except ObsError as again:
                self._obs_problem(again)
                return False
        except ObsError as error:
            self._obs_problem(error)
            return False
        self.panel.show_note(self.tr("Standby slate on air."))
        return True

    # ------------------------------------------------------------------ outputs
    async def toggle_record(self, *, confirmed: bool = False) -> bool:
        """Start recording, or stop it after the operator confirms."""
        state = self.studio.snapshot.record
        if state in (OutputState.STOPPED,):
            self._warn_if_unattached(record=True)
            return await self._obs(self.studio.start_record())
        if not confirmed and not await confirm(
            self.window,
            self.tr("Stop recording"),
            self.tr("Stop the recording now? The file is finished and a new one starts next time."),
        ):
            return False
        return await self._obs(self.studio.stop_record())

    async def toggle_stream(self, *, confirmed: bool = False) -> bool:
        """Start streaming, or stop it after the operator confirms."""
        state = self.studio.snapshot.stream
        if state in (OutputState.STOPPED,):
            self._warn_if_unattached(record=False)
            return await self._obs(self.studio.start_stream())
        if not confirmed and not await confirm(
            self.window,
            self.tr("Stop the stream"),
            self.tr("End the live stream now? Viewers will see the broadcast end."),
        ):
            return False
        return await self._obs(self.studio.stop_stream())

    def _warn_if_unattached(self, *, record: bool) -> None:
        if self.session is not None:
            return
        if record:
            text = self.tr(
                "This recording is not linked to a session: open the session in the list "
                "to have it in the session record."
            )
        else:
            text = self.tr(
                "This stream is not linked to a session: open the session in the list to "
                "have it in the session record."
            )
        self.panel.show_note(text, problem=True)

    # ------------------------------------------------------------------ run of show
    async def go_to_agenda_item(self, item_id: uuid.UUID) -> bool:
        """Put an agenda item on air: switch to its scene and note when, with timecodes."""
        session = self.session
        item = next((a for a in self.panel.agenda_model.items if a.id == item_id), None)
        if session is None or item is None:
            return False
        self.current_item = item.id
        self.panel.set_current_agenda_item(item.id)
        self.agenda_item_changed.emit(session, item)
        connected = self.studio.snapshot.connection.connected
        scene_ok = True
        if item.scene_name and connected:
            scene_ok = await self.switch_scene(item.scene_name)
        record_ms = stream_ms = None
        if connected:
            try:
                record_ms, stream_ms = await self.studio.output_timecodes()
            except ObsError as error:
                log.warning("reading timecodes failed: %s", error)
        try:
            mark = await self.broadcast.mark_agenda_item(
                session.id,
                item.id,
                record_ms=record_ms,
                stream_ms=stream_ms,
                scene_name=item.scene_name if connected and scene_ok else "",
            )
        except StorageError as error:
            self._storage_problem(error)
            return False
        self.agenda_marked.emit(mark)
        if scene_ok:
            self.panel.show_note(self._agenda_note(item, connected))
        return True

    def _agenda_note(self, item: AgendaItem, connected: bool) -> str:
        if item.scene_name and not connected:
            return self.tr(
                "“%1” started; OBS is not connected, so its scene was not switched."
            ).replace("%1", item.title)
        return self.tr("“%1” started.").replace("%1", item.title)

    async def step_agenda(self, delta: int) -> bool:
        """Next (+1) or previous (-1) agenda item."""
        items = self.panel.agenda_model.items
        if not items:
            return False
        row = self.panel.agenda_model.current_row()
        # With no item on air yet, "next" starts the first one.
        target = (0 if delta > 0 else -1) if row < 0 else row + delta
        if not 0 <= target < len(items):
            return False
        return await self.go_to_agenda_item(items[target].id)

    async def show_session(self, session: BroadcastSession | None) -> None:
        """Follow the session open in the editor; its last agenda mark is the item on air."""
        self._agenda_generation += 1
        generation = self._agenda_generation
        self.session = session
        self.recorder.session_id = session.id if session else None
        self.current_item = None
        self.agenda_item_changed.emit(session, None)
        if session is None:
            self.panel.show_agenda_session(None, ())
            return
        self.panel.show_agenda_session(session.title, session.agenda)
        try:
            marks = await self.broadcast.marks(session.id)
        except StorageError as error:
            self._storage_problem(error)
            return
        if generation != self._agenda_generation or not marks:
            return
        self.current_item = marks[-1].agenda_item_id
        self.panel.set_current_agenda_item(self.current_item)
        item = next((a for a in session.agenda if a.id == self.current_item), None)
        self.agenda_item_changed.emit(session, item)

    # ------------------------------------------------------------------ settings
    def connection_choice(self) -> ObsConnectionChoice:
        """The connection settings in use (the password as read from the keyring)."""
        return ObsConnectionChoice(
            self._settings.obs_host,
            self._settings.obs_port,
            self._password,
            self._settings.obs_auto_connect,
        )

    async def edit_settings(self) -> bool:
        """The connection dialog; on "Save and connect" the new settings are used at once."""
        dialog = ObsSettingsDialog(
            self.connection_choice(),
            self.test_settings,
            keyring_available=self._credentials.available(),
            parent=self.window,
        )
        self.settings_dialog = dialog
        if await ask(dialog) != QDialog.DialogCode.Accepted:
            return False
        return await self.apply_settings(dialog.choice())

    async def test_settings(self, settings: ObsSettings) -> ConnectionStatus:
        """Try settings on a throw-away connection (the live one is not disturbed)."""
        return await probe(self._factory, settings)

    async def apply_settings(self, choice: ObsConnectionChoice) -> bool:
        """Store the settings (the password in the keyring) and reconnect with them."""

        def save() -> AppSettings:
            # From the file as it is now, not the copy read at start: the archive address,
            # the language or the export folder may have been saved since.
            saved = replace(
                load_settings(self._data_dir),
                obs_host=choice.host,
                obs_port=choice.port,
                obs_auto_connect=choice.auto_connect,
            )
            save_settings(self._data_dir, saved)
            return saved

        try:
            settings = await asyncio.to_thread(save)
        except OSError as error:
            log.error("saving settings failed: %s", error)
            settings = replace(
                self._settings,
                obs_host=choice.host,
                obs_port=choice.port,
                obs_auto_connect=choice.auto_connect,
            )
            message_box(
                self.window,
                QMessageBox.Icon.Warning,
                self.tr("Settings not saved"),
                self.tr(
                    "The settings could not be written to\n%1\n\nThey are used until Village "
                    "Studio closes. Check that the data folder is writable."
                ).replace("%1", str(self._data_dir)),
            ).open()
        self._settings = settings
        self._password = choice.password
        key = obs_password_key(choice.host, choice.port)
        try:
            if choice.password:
                await asyncio.to_thread(self._credentials.set, key, choice.password)
            else:
                await asyncio.to_thread(self._credentials.delete, key)
        except KeyringUnavailableError:
            self.panel.show_note(
                self.tr(
                    "No password store on this computer: the OBS password is kept only until "
                    "Village Studio closes."
                ),
                problem=True,
            )
        await self.gateway.reconfigure(self._obs_settings())
        await self.connect_obs()
        return True

    async def prepare(self) -> bool:
        """Create the scenes and sources the app needs in OBS; tell the operator what was done."""
        try:
            report = await prepare_obs(self.gateway)
        except ObsError as error:
            self._obs_problem(error)
            return False
        if report.created:
            text = self.tr("Created in OBS:\n%1").replace("%1", "\n".join(report.created))
        else:
            text = self.tr("OBS already has everything Village Studio needs.")
        message_box(self.window, QMessageBox.Icon.Information, self.tr("Prepare OBS"), text).open()
        return True

    # ------------------------------------------------------------------ helpers
    async def _obs(self, request: Coroutine[Any, Any, object]) -> bool:
        try:
            await request
        except ObsError as error:
            self._obs_problem(error)
            return False
        return True

    def _obs_problem(self, error: ObsError) -> None:
        log.warning("OBS request failed: %s", error)
        self.panel.show_note(obs_error_text(error), problem=True)

    def _storage_problem(self, error: StorageError) -> None:
        title, _text = storage_error_text(error)
        self.panel.show_note(
            self.tr("Not stored in the session record: %1").replace("%1", title), problem=True
        )

    # ------------------------------------------------------------------ slots
    def _on_studio_snapshot(self, snapshot: ObsSnapshot) -> None:
        self.panel.show_snapshot(snapshot)
        label, advice = obs_status_text(snapshot.connection)
        self.window.obs_status.setText(label)
        self.window.obs_status.setToolTip(advice)
        connected = snapshot.connection.connected
        running = snapshot.connection.state is not ConnectionState.STOPPED
        self.connect_action.setText(
            self.tr("Dis&connect from OBS") if running else self.tr("&Connect to OBS")
        )
        for item in (self.transition_action, self.prepare_action, *self.scene_actions):
            item.setEnabled(connected)
        self.transition_action.setEnabled(connected and snapshot.studio_mode)
        self.window.editor.set_scene_names(program_scenes(snapshot.scenes))

    def _on_studio_output(self, event: OutputEvent) -> None:
        if event.output == "record" and event.state is OutputState.STOPPED and event.path:
            self.panel.show_note(self.tr("Recording saved: %1").replace("%1", event.path))

    def _on_health(self, health: ObsHealth | None) -> None:
        self.panel.show_health(health)
        warned = health is not None and bool(health.warnings)
        if warned:
            self.health_alert.setText(self.tr("⚠ OBS needs attention"))
            self.health_alert.setToolTip(self.panel.health.warnings_label.text())
        self.health_alert.setVisible(warned)

    def _on_recorder_problem(self, _event: OutputEvent, error: StorageError) -> None:
        self._storage_problem(error)

    def _on_stream_failed(self) -> None:
        text = self.tr(
            "The stream did not start: OBS could not reach the streaming server.\n\n"
            "Check the internet connection and the server and stream key in OBS "
            "(Settings → Stream), then start the stream again. Recording is not affected."
        )
        self.panel.show_note(self.tr("The stream did not start."), problem=True)
        message_box(self.window, QMessageBox.Icon.Warning, self.tr("Stream failed"), text).open()

    def _on_window_session_shown(self, session: BroadcastSession | None) -> None:
        self.tasks.spawn(self.show_session(session), name="live-session")

    def _on_window_session_saved(self, session: BroadcastSession) -> None:
        if self.session is not None and self.session.id == session.id:
            self.session = session
            self.panel.show_agenda_session(session.title, session.agenda)
            self.panel.set_current_agenda_item(self.current_item)

    def _on_connect_toggle(self) -> None:
        if self.gateway.status.state is ConnectionState.STOPPED:
            self.tasks.spawn(self.connect_obs(), name="obs-connect")
        else:
            self.tasks.spawn(self.disconnect_obs(), name="obs-disconnect")

    def _on_settings(self) -> None:
        self.tasks.spawn(self.edit_settings(), name="obs-settings")

    def _on_prepare(self) -> None:
        self.tasks.spawn(self.prepare(), name="obs-prepare")

    def _on_panel_scene_requested(self, scene: str) -> None:
        self.tasks.spawn(self.switch_scene(scene), name="scene")

    def _on_scene_number(self, number: int) -> None:
        self.tasks.spawn(self.switch_scene_number(number), name="scene")

    def _on_transition(self) -> None:
        self.tasks.spawn(self.transition(), name="transition")

    def _on_standby(self) -> None:
        self.tasks.spawn(self.standby(), name="standby")

    def _on_record_toggle(self) -> None:
        self.tasks.spawn(self.toggle_record(), name="record")

    def _on_stream_toggle(self) -> None:
        self.tasks.spawn(self.toggle_stream(), name="stream")

    def _on_panel_agenda_item_requested(self, item_id: uuid.UUID) -> None:
        self.tasks.spawn(self.go_to_agenda_item(item_id), name="agenda")

    def _on_agenda_step(self, delta: int) -> None:
        self.tasks.spawn(self.step_agenda(delta), name="agenda")
