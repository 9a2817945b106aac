"""The live control view: OBS connection, scenes, standby, recording/stream, run of show, health.

Only widgets and item models live here; :mod:`studio_app.ui.live_controller` wires them to the
services. The view is driven by OBS's events (through ``ObsSnapshot``), never by what a
request returned.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.sessions import AgendaItem
from studio_app.messages import obs_status_text
from studio_app.services.obs.health import ObsHealth
from studio_app.services.obs.model import ConnectionState
from studio_app.services.obs.prepare import OVERLAY_SCENE
from studio_app.services.obs.studio import RUNNING_STATES, ObsSnapshot, OutputState
from studio_app.ui.health_panel import HealthPanel

AnyIndex = QModelIndex | QPersistentModelIndex

#: Role returning the scene's name (the display text carries a shortcut number).
SceneNameRole = Qt.ItemDataRole.UserRole + 1
#: Role returning the agenda item's ``uuid.UUID``.
AgendaItemIdRole = Qt.ItemDataRole.UserRole + 2

#: Scenes 1–9 have Ctrl+1 … Ctrl+9.
SHORTCUT_SCENES = 9

_LIVE_STYLE = "color: white; background: #c62828; border-radius: 3px; padding: 2px 6px;"
_IDLE_STYLE = "color: palette(text); padding: 2px 6px;"
_BUSY_STYLE = "color: black; background: #ffca28; border-radius: 3px; padding: 2px 6px;"
_PROBLEM_STYLE = "color: #b71c1c; font-weight: bold;"
_OK_STYLE = "color: #1b5e20; font-weight: bold;"


def format_duration(seconds: float | None) -> str:
    """``HH:MM:SS`` for a running output, ``--:--:--`` when it is not running."""
    if seconds is None:
        return "--:--:--"
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class SceneListModel(QAbstractListModel):
    """OBS's scenes in OBS's order; the program scene (and preview) marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scenes: tuple[str, ...] = ()
        self._program = ""
        self._preview = ""
        #: The view's font (the marked row is this, bold): follows the large-text option.
        self.font = QFont()

    @property
    def scenes(self) -> tuple[str, ...]:
        """The scene names, top to bottom."""
        return self._scenes

    def set_state(self, scenes: tuple[str, ...], program: str, preview: str) -> None:
        """Show ``scenes`` with ``program`` and ``preview`` marked."""
        if scenes != self._scenes:
            self.beginResetModel()
            self._scenes = scenes
            self._program, self._preview = program, preview
            self.endResetModel()
            return
        if (program, preview) != (self._program, self._preview):
            self._program, self._preview = program, preview
            if scenes:
                self.dataChanged.emit(self.index(0), self.index(len(scenes) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._scenes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._scenes):
            return None
        name = self._scenes[index.row()]
        number = index.row() + 1
        if role == SceneNameRole:
            return name
        if role == Qt.ItemDataRole.DisplayRole:
            prefix = f"{number}  " if number <= SHORTCUT_SCENES else "    "
            marks = []
            if name == self._program:
                marks.append(self.tr("ON AIR"))
            if name == self._preview:
                marks.append(self.tr("PREVIEW"))
            suffix = f"   [{' · '.join(marks)}]" if marks else ""
            return f"{prefix}{name}{suffix}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if number <= SHORTCUT_SCENES:
                return self.tr("Click or press Ctrl+%1").replace("%1", str(number))
            return self.tr("Click to switch")
        if role == Qt.ItemDataRole.FontRole and name == self._program:
            font = QFont(self.font)
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and name == self._program:
            return Qt.GlobalColor.darkRed
        return None


class AgendaListModel(QAbstractListModel):
    """The open session's agenda, the item on air marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[AgendaItem, ...] = ()
        self.current: uuid.UUID | None = None
        #: The view's font (the item on air is this, bold): follows the large-text option.
        self.font = QFont()

    @property
    def items(self) -> tuple[AgendaItem, ...]:
        """The agenda items in run-of-show order."""
        return self._items

    def set_items(self, items: tuple[AgendaItem, ...]) -> None:
        """Show ``items``; the current mark stays if its item is still there."""
        self.beginResetModel()
        self._items = items
        if self.current not in {item.id for item in items}:
            self.current = None
        self.endResetModel()

    def set_current(self, item_id: uuid.UUID | None) -> None:
        """Mark ``item_id`` as the item on air."""
        self.current = item_id
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

    def current_row(self) -> int:
        """The row of the item on air, or -1."""
        for row, item in enumerate(self._items):
            if item.id == self.current:
                return row
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == AgendaItemIdRole:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{index.row() + 1}. {item.title}"
            if item.planned_minutes:
                text += " " + self.tr("(%1 min)").replace("%1", str(item.planned_minutes))
            if item.scene_name:
                text += f"  → {item.scene_name}"
            if item.id == self.current:
                text = "▶ " + text
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.title + (f"\n→ {item.scene_name}" if item.scene_name else "")
        if role == Qt.ItemDataRole.FontRole and item.id == self.current:
            font = QFont(self.font)
            font.setBold(True)
            return font
        return None


class OutputRow(QWidget):
    """One output (recording or stream): state, running time and the start/stop button."""

    toggle_requested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_label = QLabel(self)
        self.state_label.setObjectName(f"{name}State")
        self.time_label = QLabel(format_duration(None), self)
        self.time_label.setObjectName(f"{name}Time")
        self.set_base_font(QFont())
        self.button = QPushButton(self)
        self.button.setObjectName(f"{name}Button")
        self.button.clicked.connect(self.toggle_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_label)
        layout.addStretch(1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.button)

    def set_base_font(self, base: QFont) -> None:
        """The running time in a monospaced face two points above ``base``."""
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(base.pointSizeF() + 2)
        self.time_label.setFont(mono)


#: How much larger the panel's text is with the large-text option (Live menu).
LARGE_TEXT_SCALE = 1.4


class ControlPanel(QScrollArea):
    """The operator's live controls, in a side dock next to the session editor."""

    connect_requested = Signal()
    settings_requested = Signal()
    scene_requested = Signal(str)
    transition_requested = Signal()
    standby_requested = Signal()
    record_toggle_requested = Signal()
    stream_toggle_requested = Signal()
    agenda_item_requested = Signal(object)  # uuid.UUID
    agenda_step_requested = Signal(int)  # -1 previous, +1 next

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controlPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(self._build_connection(body))
        layout.addWidget(self._build_scenes(body))
        layout.addWidget(self._build_outputs(body))
        # Run of show and health share the space below; a health warning marks its tab
        # (and the status bar), so it is seen while the agenda is in front.
        self.tabs = QTabWidget(body)
        self.tabs.setObjectName("controlTabs")
        self.tabs.addTab(self._build_agenda(self.tabs), self.tr("Run of show"))
        self.health = HealthPanel(self.tabs)
        self.tabs.addTab(self.health, self.tr("Health"))
        layout.addWidget(self.tabs, 1)
        self.setWidget(body)
        self.body = body
        self.setMinimumWidth(300)
        # Its content's changes (a longer OBS status, larger text) widen the dock: see
        # minimumSizeHint (QScrollArea already filters its widget's events).
        self._snapshot = ObsSnapshot()
        #: OBS's latest timecode per output: (milliseconds, monotonic time it was read).
        self._timecodes: dict[str, tuple[int, float]] = {}
        self.show_snapshot(self._snapshot)
        self.show_agenda_session(None, ())
        self.large_text = False
        self.set_large_text(False)

    def minimumSizeHint(self) -> QSize:
        """As wide as the content needs, so the dock never cuts a button off.

        ("Start recording" beside its running time.) It still scrolls vertically.
        """
        hint = super().minimumSizeHint()
        body = getattr(self, "body", None)
        if body is None:
            return hint
        width = (
            body.minimumSizeHint().width()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )
        return QSize(max(hint.width(), width), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QScrollArea.setWidget filters its widget's events before self.body exists.
        body = getattr(self, "body", None)
        if watched is body and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the dock asks minimumSizeHint again
        return super().eventFilter(watched, event)

    def set_large_text(self, enabled: bool) -> None:
        """Everything in the panel at :data:`LARGE_TEXT_SCALE` × the normal size, or normal.

        For operators at a distance from the screen, or with poor eyesight, during a show.
        """
        self.large_text = enabled
        base = QFont(QApplication.font())
        if enabled:
            base.setPointSizeF(base.pointSizeF() * LARGE_TEXT_SCALE)
        self.body.setFont(base)
        # Set on each widget too: one with a style sheet (the red standby button, coloured
        # states) takes the application's font instead of inheriting its parent's.
        for widget in self.body.findChildren(QWidget):
            widget.setFont(base)
        big = QFont(base)
        big.setPointSizeF(base.pointSizeF() + 3)
        big.setBold(True)
        self.countdown.setFont(big)
        for row in self.findChildren(OutputRow):
            row.set_base_font(base)
        for model in (self.scene_model, self.agenda_model):
            model.font = QFont(base)
            model.layoutChanged.emit()

    # ------------------------------------------------------------------ building
    def _build_connection(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("OBS"), parent)
        self.connection_label = QLabel(box)
        self.connection_label.setObjectName("obsConnection")
        self.advice_label = QLabel(box)
        self.advice_label.setObjectName("obsAdvice")
        self.advice_label.setWordWrap(True)
        self.connect_button = QPushButton(box)
        self.connect_button.setObjectName("obsConnectButton")
        self.settings_button = QPushButton(self.tr("Settings…"), box)
        self.settings_button.setObjectName("obsSettingsButton")
        self.connect_button.clicked.connect(self.connect_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.settings_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.connection_label)
        layout.addWidget(self.advice_label)
        layout.addLayout(buttons)
        return box

    def _build_scenes(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Scenes"), parent)
        self.program_label = QLabel(box)
        self.program_label.setObjectName("programScene")
        self.preview_label = QLabel(box)
        self.preview_label.setObjectName("previewScene")
        self.scene_model = SceneListModel(box)
        self.scene_view = QListView(box)
        self.scene_view.setObjectName("sceneList")
        self.scene_view.setModel(self.scene_model)
        self.scene_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scene_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Room for about eight scenes; the run of show and health below get the rest.
        self.scene_view.setMinimumHeight(90)
        self.scene_view.setMaximumHeight(170)
        self.scene_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scene_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # One click switches (as in OBS); Enter on the keyboard too. A style that also
        # activates on a single click sends the same scene twice, which OBS ignores.
        self.scene_view.clicked.connect(self._on_scene_view_clicked)
        self.scene_view.activated.connect(self._on_scene_view_clicked)
        self.transition_button = QPushButton(self.tr("Transition to program"), box)
        self.transition_button.setObjectName("transitionButton")
        self.transition_button.clicked.connect(self.transition_requested)
        self.standby_button = QPushButton(self.tr("STANDBY slate (F12)"), box)
        self.standby_button.setObjectName("standbyButton")
        self.standby_button.setToolTip(
            self.tr("Cut the broadcast to the standby slate at once, whatever is on air.")
        )
        self.standby_button.setMinimumHeight(40)
        self.standby_button.setStyleSheet(
            "QPushButton { background: #b71c1c; color: white; font-weight: bold; }"
        )
        self.standby_button.clicked.connect(self.standby_requested)
        layout = QVBoxLayout(box)
        layout.addWidget(self.program_label)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.scene_view)
        layout.addWidget(self.transition_button)
        layout.addWidget(self.standby_button)
        return box

    def _build_outputs(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Recording and stream"), parent)
        self.record_row = OutputRow("record", box)
        self.stream_row = OutputRow("stream", box)
        self.record_row.toggle_requested.connect(self.record_toggle_requested)
        self.stream_row.toggle_requested.connect(self.stream_toggle_requested)
        self.output_note = QLabel(box)
        self.output_note.setObjectName("outputNote")
        self.output_note.setWordWrap(True)
        layout = QGridLayout(box)
        layout.addWidget(self.record_row, 0, 0)
        layout.addWidget(self.stream_row, 1, 0)
        layout.addWidget(self.output_note, 2, 0)
        return box

    def _build_agenda(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        self.agenda_title = QLabel(box)
        self.agenda_title.setObjectName("agendaSession")
        self.agenda_title.setWordWrap(True)
        self.countdown = QLabel(box)
        self.countdown.setObjectName("dockCountdown")
        self.countdown.setWordWrap(True)
        self.agenda_model = AgendaListModel(box)
        self.agenda_view = QListView(box)
        self.agenda_view.setObjectName("agendaList")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.agenda_view.setMinimumHeight(90)
        # Long titles are elided (the tooltip has the whole line), never scrolled sideways.
        self.agenda_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agenda_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # activated: Enter, or a double click (a single click on styles that activate on it).
        self.agenda_view.activated.connect(self._on_agenda_view_activated)
        self.previous_button = QPushButton(self.tr("◀ Previous"), box)
        self.previous_button.setObjectName("agendaPrevious")
        self.next_button = QPushButton(self.tr("Next ▶"), box)
        self.next_button.setObjectName("agendaNext")
        self.previous_button.clicked.connect(lambda: self.agenda_step_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.agenda_step_requested.emit(1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.agenda_title)
        layout.addWidget(self.countdown)
        layout.addWidget(self.agenda_view, 1)
        layout.addLayout(buttons)
        return box

    # ------------------------------------------------------------------ showing state
    def show_snapshot(self, snapshot: ObsSnapshot) -> None:
        """Show what OBS is doing."""
        self._snapshot = snapshot
        status = snapshot.connection
        label, advice = obs_status_text(status)
        self.connection_label.setText(label)
        self.connection_label.setStyleSheet(_OK_STYLE if status.connected else _PROBLEM_STYLE)
        self.advice_label.setText(advice)
        self.advice_label.setVisible(bool(advice))
        running = status.state is not ConnectionState.STOPPED
        self.connect_button.setText(self.tr("Disconnect") if running else self.tr("Connect"))
        connected = status.connected
        self.scene_model.set_state(
            program_scenes(snapshot.scenes) if connected else (),
            snapshot.program_scene,
            snapshot.preview_scene if snapshot.studio_mode else "",
        )
        self.scene_view.setEnabled(connected)
        self.program_label.setText(
            self.tr("On air: %1").replace("%1", snapshot.program_scene or "—")
            if connected
            else self.tr("On air: unknown (OBS not connected)")
        )
        self.preview_label.setText(
            self.tr("Preview: %1").replace("%1", snapshot.preview_scene or "—")
        )
        self.preview_label.setVisible(connected and snapshot.studio_mode)
        self.transition_button.setVisible(snapshot.studio_mode)
        self.transition_button.setEnabled(connected)
        self._show_output(self.record_row, "record", snapshot.record, connected)
        self._show_output(self.stream_row, "stream", snapshot.stream, connected)
        self.previous_button.setEnabled(bool(self.agenda_model.items))
        self.next_button.setEnabled(bool(self.agenda_model.items))
        self.tick()

    def _show_output(
        self, row: OutputRow, output: str, state: OutputState, connected: bool
    ) -> None:
        recording = output == "record"
        if not connected:
            text, style = self.tr("unknown"), _IDLE_STYLE
        elif state is OutputState.STARTED:
            text = self.tr("● REC") if recording else self.tr("● LIVE")
            style = _LIVE_STYLE
        elif state is OutputState.RECONNECTING:
            text, style = self.tr("Reconnecting…"), _BUSY_STYLE
        elif state is OutputState.PAUSED:
            text, style = self.tr("Paused"), _BUSY_STYLE
        elif state is OutputState.STARTING:
            text, style = self.tr("Starting…"), _BUSY_STYLE
        elif state is OutputState.STOPPING:
            text, style = self.tr("Stopping…"), _BUSY_STYLE
        else:
            text = self.tr("Not recording") if recording else self.tr("Not streaming")
            style = _IDLE_STYLE
        row.state_label.setText(text)
        row.state_label.setStyleSheet(style)
        active = state in (*RUNNING_STATES, OutputState.STARTING)
        if recording:
            row.button.setText(self.tr("Stop recording") if active else self.tr("Start recording"))
        else:
            row.button.setText(self.tr("Stop stream") if active else self.tr("Start stream"))
        row.button.setEnabled(connected and state is not OutputState.STOPPING)

    def tick(self) -> None:
        """Update the running times (called every half second by the controller).

        The time shown is OBS's own timecode (``outputDuration`` from the last health poll,
        advanced by the time since while running, frozen while paused), so it matches the
        file; before the first poll it is the time since the STARTED event.
        """
        connected = self._snapshot.connection.connected
        now = time.monotonic()
        for row, output, state in (
            (self.record_row, "record", self._snapshot.record),
            (self.stream_row, "stream", self._snapshot.stream),
        ):
            elapsed = self._snapshot.elapsed(output, now) if connected else None
            timecode = self._timecodes.get(output)
            if elapsed is not None and timecode is not None:
                ms, measured = timecode
                running = state is OutputState.STARTED
                elapsed = ms / 1000 + (now - measured if running else 0.0)
            row.time_label.setText(format_duration(elapsed))

    def show_countdown(self, text: str, style: str) -> None:
        """The current agenda item's time left (repeated from the record view)."""
        self.countdown.setText(text)
        self.countdown.setStyleSheet(style)

    def show_note(self, text: str, problem: bool = False) -> None:
        """A line under the outputs: what was stored, or what went wrong."""
        self.output_note.setText(text)
        self.output_note.setStyleSheet(_PROBLEM_STYLE if problem else "")

    def show_agenda_session(self, title: str | None, items: tuple[AgendaItem, ...]) -> None:
        """Show the open session's agenda (``title`` ``None``: no session open)."""
        self.agenda_model.set_items(items)
        if title is None:
            self.agenda_title.setText(self.tr("Open a session to run its agenda."))
        elif not items:
            self.agenda_title.setText(self.tr("%1: no agenda items yet.").replace("%1", title))
        else:
            self.agenda_title.setText(title)
        self.previous_button.setEnabled(bool(items))
        self.next_button.setEnabled(bool(items))

    def set_current_agenda_item(self, item_id: uuid.UUID | None) -> None:
        """Mark the agenda item on air and scroll to it."""
        self.agenda_model.set_current(item_id)
        row = self.agenda_model.current_row()
        if row >= 0:
            index = self.agenda_model.index(row)
            self.agenda_view.setCurrentIndex(index)
            self.agenda_view.scrollTo(index)

    def show_health(self, health: ObsHealth | None) -> None:
        """Pass the latest measurement to the health panel; a warning marks its tab."""
        self.health.show_health(health)
        now = time.monotonic()
        self._timecodes = {}
        if health is not None:
            for output, ms in (("record", health.record_ms), ("stream", health.stream_ms)):
                if ms is not None:
                    self._timecodes[output] = (ms, now)
        index = self.tabs.indexOf(self.health)
        if health is not None and health.warnings:
            self.tabs.setTabText(index, self.tr("⚠ Health"))
            self.tabs.tabBar().setTabTextColor(index, Qt.GlobalColor.darkRed)
        else:
            self.tabs.setTabText(index, self.tr("Health"))
            self.tabs.tabBar().setTabTextColor(index, self.palette().windowText().color())

    # ------------------------------------------------------------------ view signals
    def _on_scene_view_clicked(self, index: QModelIndex) -> None:
        name = index.data(SceneNameRole)
        if name:
            self.scene_requested.emit(str(name))

    def _on_agenda_view_activated(self, index: QModelIndex) -> None:
        item_id = index.data(AgendaItemIdRole)
        if item_id is not None:
            self.agenda_item_requested.emit(item_id)


def program_scenes(scenes: Sequence[str]) -> tuple[str, ...]:
    """The scenes an operator switches to: OBS's list without the app's overlay scene."""
    return tuple(s for s in scenes if s != OVERLAY_SCENE)
