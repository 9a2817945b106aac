"""The main window: session list, session editor with autosave, and the status bar."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from studio_app.domain.errors import DomainError
from studio_app.domain.sessions import BroadcastSession
from studio_app.messages import domain_error_text, storage_error_text
from studio_app.services.sessions import SessionService
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError
from studio_app.ui.control_panel import ControlPanel
from studio_app.ui.dialogs import ask, confirm, message_box
from studio_app.ui.formatting import status_label
from studio_app.ui.questions_view import QuestionsView
from studio_app.ui.record_view import RecordView
from studio_app.ui.session_editor import SessionEditor
from studio_app.ui.session_list import SessionListPanel

log = logging.getLogger(__name__)

#: Quiet time after the last keystroke before the session is written to disk.
AUTOSAVE_DELAY_MS = 400


# The window's size where the screen has room; smaller screens get what they have.
PREFERRED_SIZE = QSize(1280, 800)
# Room left for the title bar and the taskbar, which the window's size does not include.
FRAME_ALLOWANCE = QSize(16, 40)


def initial_size(screen: QScreen | None) -> QSize:
    """The first size of the main window: the preferred one, shrunk to fit ``screen``.

    At 1366×768 (a common township-office laptop) the window opens at 1280×688, inside the
    screen with its title bar and taskbar; the screens' contents scroll where they must.
    """
    if screen is None:
        return PREFERRED_SIZE
    room = screen.availableGeometry().size() - FRAME_ALLOWANCE
    return PREFERRED_SIZE.boundedTo(room)


class MainWindow(QMainWindow):
    """Session planning. Edits are saved automatically; closing waits for the last save."""

    session_saved = Signal(object)
    """A session was written to the store (the stored ``BroadcastSession``)."""
    sessions_loaded = Signal()
    """The session list has been (re)loaded from the store."""
    closed = Signal()
    """The window closed for good (after its last save, or with the operator's consent)."""
    session_shown = Signal(object)
    """The editor now shows this session as stored (``BroadcastSession``), or ``None``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Village Studio"))
        self.setObjectName("mainWindow")
        self.resize(initial_size(QGuiApplication.primaryScreen()))
        self.tasks = TaskSet()
        self._service: SessionService | None = None
        self._generation = 0  # bumped on every edit
        self._saved_generation = 0  # the generation the last successful save captured
        self._close_approved = False
        self._storage_error_shown = False
        self._save_problem = ""  # why the last save failed, for the closing dialog
        self._build()
        self._connect_signals()
        self.setEnabled(False)  # until the store is open

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.session_list = SessionListPanel(self)
        self.editor = SessionEditor(self)
        self.placeholder = QLabel(
            self.tr("Create a session with “New session”, or pick one from the list."), self
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.questions = QuestionsView(self)
        self.record = RecordView(self)
        # The session's plan, its questions and its record: one tab each, the same session.
        self.session_tabs = QTabWidget(self)
        self.session_tabs.setObjectName("sessionTabs")
        self.session_tabs.addTab(self.editor, self.tr("&Plan"))
        self.session_tabs.addTab(self.questions, self.tr("&Questions"))
        self.session_tabs.addTab(self.record, self.tr("&Record"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.session_tabs)
        splitter = QSplitter(self)
        splitter.addWidget(self.session_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([320, 880])  # the titles stay readable on a 1366-pixel screen
        # Sessions one by one, and the follow-up board across all of them (filled by the app).
        self.main_tabs = QTabWidget(self)
        self.main_tabs.setObjectName("mainTabs")
        self.main_tabs.setDocumentMode(True)
        self.main_tabs.addTab(splitter, self.tr("Sessions"))
        self.setCentralWidget(self.main_tabs)

        self.control_panel = ControlPanel(self)
        self.control_dock = QDockWidget(self.tr("Live control"), self)
        self.control_dock.setObjectName("controlDock")
        self.control_dock.setWidget(self.control_panel)
        self.control_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.control_dock)

        # Placeholders that the OBS and sync issues fill with live state.
        self.obs_status = QLabel(self.tr("OBS: not connected"), self)
        self.obs_status.setObjectName("obsStatus")
        self.sync_status = QLabel(self.tr("Archive: not set up"), self)
        self.sync_status.setObjectName("syncStatus")
        self.save_status = QLabel(self.tr("Opening the database…"), self)
        self.save_status.setObjectName("saveStatus")
        bar = self.statusBar()
        self.operator_status = QLabel(self)
        self.operator_status.setObjectName("operatorStatus")
        bar.addWidget(self.save_status, 1)
        bar.addPermanentWidget(self.operator_status)
        bar.addPermanentWidget(self.obs_status)
        bar.addPermanentWidget(self.sync_status)

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(AUTOSAVE_DELAY_MS)

        file_menu = self.menuBar().addMenu(self.tr("&Session"))
        self.new_action = QAction(self.tr("&New session"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.save_action = QAction(self.tr("&Save now"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.find_action = QAction(self.tr("&Find session"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.operator_action = QAction(self.tr("Switch &operator…"), self)
        self.export_action = QAction(self.tr("&Export records…"), self)
        self.export_action.setObjectName("exportAction")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        for action in (self.new_action, self.save_action, self.find_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.operator_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        #: Filled by the live controller once OBS is wired in.
        self.live_menu = self.menuBar().addMenu(self.tr("&Live"))

    def _connect_signals(self) -> None:
        self.editor.edited.connect(self._on_editor_edited)
        self.save_timer.timeout.connect(self._on_save_timer_timeout)
        self.session_list.session_selected.connect(self._on_session_list_session_selected)
        self.session_list.new_requested.connect(self._on_new_requested)
        self.session_list.delete_requested.connect(self._on_session_list_delete_requested)
        self.new_action.triggered.connect(self._on_new_requested)
        self.save_action.triggered.connect(self._on_save_timer_timeout)
        self.find_action.triggered.connect(self.session_list.search.setFocus)
        self.quit_action.triggered.connect(self.close)

    # ------------------------------------------------------------------ state
    @property
    def has_unsaved_changes(self) -> bool:
        """Whether edits on screen are not yet committed to the store."""
        return self._generation != self._saved_generation

    def add_board(self, board: QWidget, title: str) -> None:
        """Add the follow-up board next to the sessions (Ctrl+B switches to it)."""
        self.main_tabs.addTab(board, title)
        self.board_action = QAction(self.tr("Follow-up &board"), self)
        self.board_action.setShortcut(QKeySequence("Ctrl+B"))
        self.board_action.triggered.connect(lambda *_a: self.main_tabs.setCurrentWidget(board))
        self.addAction(self.board_action)

    def show_operator(self, name: str) -> None:
        """Who is signed in (every audit entry names them)."""
        self.operator_status.setText(self.tr("Operator: %1").replace("%1", name))

    def apply_lifecycle(self, session: BroadcastSession) -> None:
        """The session went live, ended, closed or reopened: lock or unlock its plan."""
        current = self.editor.session
        if current is not None and current.id == session.id:
            self.editor.mark_saved(session)
            self.editor.status_label.setText(status_label(session.status))
            self.editor.set_read_only(not session.is_editable)
        self.session_list.model.upsert(session)
        self._show_title(session)

    def _show_title(self, session: BroadcastSession | None) -> None:
        title = self.tr("Village Studio")
        if session is not None and session.rehearsal:
            title += " — " + self.tr("REHEARSAL")
        self.setWindowTitle(title)

    def attach(self, service: SessionService) -> None:
        """Connect to the opened store's services and enable the window."""
        self._service = service
        self.setEnabled(True)
        self.save_status.setText(self.tr("Ready"))

    async def reload(self) -> None:
        """Load the session list from the store and select the newest session."""
        assert self._service is not None
        sessions = await self._service.list_sessions()
        self.session_list.model.set_sessions(sessions)
        if sessions:
            self.session_list.table.selectRow(0)
        self.sessions_loaded.emit()

    # ------------------------------------------------------------------ saving
    def _on_editor_edited(self) -> None:
        self._generation += 1
        self.save_status.setText(self.tr("Editing…"))
        self.save_timer.start()

    def _on_save_timer_timeout(self) -> None:
        self.tasks.spawn(self.save_now(), name="autosave")

    async def save_now(self) -> bool:
        """Write the edited session now; ``True`` once everything on screen is stored.

        On a validation problem the form keeps what was typed and the status bar says what
        to fix; on a storage problem the operator is told once, and the next edit retries.
        """
        # A cell editor still open holds typed text: commit it first, so the generation
        # captured below includes it.
        self.editor.commit_pending_edits()
        self.save_timer.stop()
        if not self.has_unsaved_changes or self._service is None:
            return not self.has_unsaved_changes
        generation = self._generation
        try:
            draft = self.editor.draft()
        except DomainError as error:
            self._save_problem = domain_error_text(error)
            self.save_status.setText(self.tr("Not saved: %1").replace("%1", self._save_problem))
            return False
        try:
            saved = await self._service.save(draft)
        except StorageError as error:
            self._report_storage_error(error)
            return False
        if self.editor.session is not None and self.editor.session.id == saved.id:
            self.editor.mark_saved(saved)
        self.session_list.model.upsert(saved)
        self._saved_generation = max(self._saved_generation, generation)
        self._storage_error_shown = False
        if not self.has_unsaved_changes:
            self.save_status.setText(
                self.tr("All changes saved (%1)").replace(
                    "%1", QTime.currentTime().toString("HH:mm:ss")
                )
            )
        self.session_saved.emit(saved)
        return not self.has_unsaved_changes

    def _report_storage_error(self, error: StorageError) -> None:
        title, text = storage_error_text(error)
        log.error("save failed: %s", error)
        self._save_problem = title
        self.save_status.setText(self.tr("Not saved: %1").replace("%1", title))
        if not self._storage_error_shown:
            self._storage_error_shown = True
            message_box(self, QMessageBox.Icon.Warning, title, text).open()

    # ------------------------------------------------------------------ list actions
    def _on_session_list_session_selected(self, session_id: uuid.UUID | None) -> None:
        self.tasks.spawn(self.open_session(session_id), name="open-session")

    async def open_session(self, session_id: uuid.UUID | None) -> None:
        """Save the current session, then show ``session_id`` (or nothing)."""
        current = self.editor.session
        if current is not None and current.id == session_id:
            return
        if not await self.save_now():
            # Keep the unsaved session on screen: switching would lose what was typed.
            if current is not None:
                self.session_list.select(current.id)
            return
        if session_id is None or self._service is None:
            self.stack.setCurrentWidget(self.placeholder)
            self.session_shown.emit(None)
            return
        session = await self._service.load(session_id)
        self._show(session)

    def _show(self, session: BroadcastSession) -> None:
        self.editor.load(session)
        self._generation = self._saved_generation = 0
        self.stack.setCurrentWidget(self.session_tabs)
        self._show_title(session)
        self.session_shown.emit(session)

    def _on_new_requested(self) -> None:
        self.tasks.spawn(self.new_session(), name="new-session")

    async def new_session(self) -> BroadcastSession | None:
        """Create a session, select it and put the cursor in its title."""
        if self._service is None or not await self.save_now():
            return None
        try:
            created = await self._service.create(self.tr("New session"))
        except StorageError as error:
            self._report_storage_error(error)
            return None
        self.session_list.model.upsert(created)
        self._show(created)
        self.session_list.select(created.id)
        self.editor.focus_title()
        return created

    def _on_session_list_delete_requested(self, session_id: uuid.UUID) -> None:
        self.tasks.spawn(self.delete_session(session_id), name="delete-session")

    async def delete_session(self, session_id: uuid.UUID, *, confirmed: bool = False) -> bool:
        """Delete a session after the operator confirms."""
        if self._service is None:
            return False
        if not confirmed and not await confirm(
            self,
            self.tr("Delete session"),
            self.tr("Delete this session with its guests and agenda? This cannot be undone."),
        ):
            return False
        try:
            await self._service.delete(session_id)
        except StorageError as error:
            self._report_storage_error(error)
            return False
        if self.editor.session is not None and self.editor.session.id == session_id:
            self._generation = self._saved_generation = 0
            self.editor.clear()
            self.stack.setCurrentWidget(self.placeholder)
            self.session_shown.emit(None)
        self.session_list.model.remove(session_id)
        return True

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._close_approved or self._service is None:
            event.accept()
            self.closed.emit()
            return
        event.ignore()
        self.tasks.spawn(self._close_after_saving(), name="close")

    async def _close_after_saving(self) -> None:
        if await self.save_now():
            self._close_approved = True
            self.close()
            return
        box = message_box(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Unsaved changes"),
            self.tr(
                "The session on screen could not be saved:\n%1\n\n"
                "Keep editing to fix it, or quit and lose the changes since the last save."
            ).replace("%1", self._save_problem),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Keep editing"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Quit without saving"))
        await ask(box)
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Discard:
            self._close_approved = True
            self.close()
