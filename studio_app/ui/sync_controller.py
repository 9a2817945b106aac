"""Archive sync in the window: the status-bar label, the Archive menu, background syncs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from studio_app.services.credentials import ARCHIVE_CREDENTIAL_KEY
from studio_app.services.sync.status import (
    SyncError,
    SyncProblem,
    SyncReport,
    SyncState,
    SyncStatus,
)
from studio_app.services.tasks import TaskSet
from studio_app.settings import AppSettings
from studio_app.storage.errors import StorageError
from studio_app.sync_text import sync_problem_text, sync_status_text
from studio_app.ui.dialogs import ask, message_box
from studio_app.ui.layout import PROBLEM_STYLE, WARNING_STYLE
from studio_app.ui.main_window import MainWindow
from studio_app.ui.sync_dialogs import (
    ArchiveSettingsDialog,
    ParkedRowsDialog,
    SyncBackend,
)

log = logging.getLogger(__name__)

#: The first retry after a failed sync; each further failure doubles it, up to the interval.
BACKOFF_START_MS = 30_000
#: Problems the operator (or the county) must fix: retried only at the normal interval.
NEEDS_OPERATOR = frozenset(
    {
        SyncProblem.REVOKED,
        SyncProblem.UNAUTHORIZED,
        SyncProblem.WRONG_STUDIO,
        SyncProblem.PROTOCOL,
        SyncProblem.NO_CREDENTIAL,
        SyncProblem.BAD_URL,
    }
)
#: Failures shown in red (nothing gets through until someone acts) and in amber (passing).
RED_PROBLEMS = frozenset(
    {
        SyncProblem.REVOKED,
        SyncProblem.UNAUTHORIZED,
        SyncProblem.WRONG_STUDIO,
        SyncProblem.PROTOCOL,
        SyncProblem.STORAGE,
    }
)
AMBER_PROBLEMS = frozenset({SyncProblem.OFFLINE, SyncProblem.TIMEOUT, SyncProblem.SERVER})


class CredentialReader(Protocol):
    """Reads the stored credential (``services.credentials.CredentialStore`` is one)."""

    def available(self) -> bool: ...

    def get(self, key: str) -> str | None: ...


def retry_delay_ms(failures: int, interval_ms: int) -> int:
    """The wait before retrying after ``failures`` failures in a row (30 s, 1, 2, 4 min …).

    Never longer than the normal interval between syncs.
    """
    if failures <= 0:
        return interval_ms
    delay: int = BACKOFF_START_MS << min(failures - 1, 20)
    return min(delay, interval_ms)


def status_style(status: SyncStatus) -> str:
    """The label's style sheet: red or amber for a failed sync, plain otherwise."""
    if status.state is SyncState.FAILED and status.problem in RED_PROBLEMS:
        return PROBLEM_STYLE
    if status.state is SyncState.FAILED and status.problem in AMBER_PROBLEMS:
        return WARNING_STYLE
    return ""


#: When the waiting rows are first counted after start-up.
STATUS_DELAY_MS = 3000
#: How often the waiting rows are recounted between syncs, if anything was saved meanwhile.
RECOUNT_MS = 10_000


class SyncController(QObject):
    """Keeps the window's archive status current and syncs in the background.

    A first sync runs ``first_delay_ms`` after construction, then one every
    ``sync_interval_minutes`` (read from ``settings_provider`` each time; at least 1); after a
    failure it retries sooner, backing off. Only one sync runs at a time. Failures show in the
    status bar; only a sync started by hand ("Sync now") also opens a message box.
    """

    synced = Signal(object)
    """A sync finished successfully; carries its ``SyncReport``."""

    def __init__(
        self,
        window: MainWindow,
        service: SyncBackend,
        settings_provider: Callable[[], AppSettings],
        *,
        credentials: CredentialReader | None = None,
        first_delay_ms: int = 10_000,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self._settings_provider = settings_provider
        self._credentials = credentials
        self._clock = clock or (lambda: datetime.now().astimezone())
        self.tasks = TaskSet()
        #: Failed syncs in a row (0 after a success).
        self.failures = 0
        self._task: asyncio.Task[SyncReport | None] | None = None
        self._by_hand = False
        self._stopped = False
        #: The dialogs and message box last opened (tests look at them).
        self.settings_dialog: ArchiveSettingsDialog | None = None
        self.parked_dialog: ParkedRowsDialog | None = None
        self.problem_box: QMessageBox | None = None

        self.label = window.sync_status
        self.label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label.installEventFilter(self)
        self._build_menu()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)
        service.add_listener(self._on_service_status)
        self.show_status(service.status)
        self.timer.start(max(0, first_delay_ms))
        # The waiting and refused rows are counted soon, not only at the first sync; not at
        # once, to keep the database thread free for the start-up and a resumed live show.
        QTimer.singleShot(min(STATUS_DELAY_MS, max(0, first_delay_ms)), self, self._on_started)
        # Between syncs, "3 rows waiting" follows the operator's edits (a cheap check first).
        self.recount_timer = QTimer(self)
        self.recount_timer.setInterval(RECOUNT_MS)
        self.recount_timer.timeout.connect(self._on_recount_timeout)
        self.recount_timer.start()

    # ------------------------------------------------------------------ building
    def _build_menu(self) -> None:
        window = self.window
        self.menu = QMenu(self.tr("&Archive"), window)
        self.menu.setObjectName("archiveMenu")
        window.menuBar().addMenu(self.menu)
        self.sync_now_action = QAction(self.tr("Sync &now"), window)
        self.sync_now_action.setObjectName("syncNowAction")
        self.sync_now_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_now_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_now_action.triggered.connect(lambda *_a: self._on_sync_now_triggered())
        self.settings_action = QAction(self.tr("Archive &settings…"), window)
        self.settings_action.setObjectName("archiveSettingsAction")
        self.settings_action.triggered.connect(lambda *_a: self._open_settings())
        self.parked_action = QAction(self.tr("&Refused rows…"), window)
        self.parked_action.setObjectName("parkedRowsAction")
        self.parked_action.triggered.connect(
            lambda *_a: self.tasks.spawn(self.show_parked(), name="archive-parked")
        )
        for action in (self.sync_now_action, self.settings_action, self.parked_action):
            self.menu.addAction(action)
            window.addAction(action)

    # ------------------------------------------------------------------ status
    def show_status(self, status: SyncStatus) -> None:
        """Show ``status`` in the window's archive label (text, tooltip, colour)."""
        if not shiboken6.isValid(self.label):
            return  # the window is gone (quitting); the service may still report
        text, tooltip = sync_status_text(status, self._clock())
        self.label.setText(text)
        self.label.setToolTip(tooltip)
        self.label.setStyleSheet(status_style(status))

    def _on_service_status(self, status: SyncStatus) -> None:
        if not self._stopped:
            self.show_status(status)

    def _on_started(self) -> None:
        if not self._stopped and not self.running and _loop_running():
            self.tasks.spawn(self._refresh(), name="archive-refresh")

    def _on_recount_timeout(self) -> None:
        if not self._stopped and not self.running and _loop_running():
            self.tasks.spawn(self._refresh(if_changed=True), name="archive-recount")

    async def _refresh(self, *, if_changed: bool = False) -> None:
        try:
            await self.service.refresh(if_changed=if_changed)
        except (SyncError, StorageError) as error:
            # Only the count is missing: the next sync or save shows the problem itself.
            log.warning("counting the rows to sync failed: %s", error)
            return
        self.show_status(self.service.status)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.label
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.popup_menu()
            return True
        return super().eventFilter(watched, event)

    def popup_menu(self) -> None:
        """Open the Archive menu just above the status label (it does not block)."""
        height = self.menu.sizeHint().height()
        self.menu.popup(self.label.mapToGlobal(QPoint(0, -height)))

    # ------------------------------------------------------------------ scheduling
    @property
    def interval_ms(self) -> int:
        """The normal time between syncs (the settings' minutes, at least one)."""
        minutes = self._settings_provider().sync_interval_minutes
        return max(1, minutes) * 60_000

    @property
    def running(self) -> bool:
        """A sync started here has not finished yet."""
        return self._task is not None and not self._task.done()

    def _schedule(self, delay_ms: int) -> None:
        if not self._stopped:
            self.timer.start(max(0, delay_ms))

    def sync_now(self, *, by_hand: bool = True) -> asyncio.Task[SyncReport | None] | None:
        """Start a sync now, or join the one running; ``None`` once stopped.

        A sync ``by_hand`` that fails also tells the operator in a message box.
        """
        if self._stopped:
            return None
        if self._task is not None and not self._task.done():
            self._by_hand = self._by_hand or by_hand
            return self._task
        self.timer.stop()
        self._by_hand = by_hand
        task: asyncio.Task[SyncReport | None] = self.tasks.spawn(self._run(), name="archive-sync")
        self._task = task
        return task

    def stop(self) -> None:
        """Stop syncing in the background (on quit); a running sync is left to finish."""
        self._stopped = True
        self.timer.stop()
        self.recount_timer.stop()

    def _on_timer_timeout(self) -> None:
        # A timer can still fire while the app shuts down, after the loop has stopped.
        if not self.running and _loop_running():
            self.sync_now(by_hand=False)

    def _on_sync_now_triggered(self) -> None:
        if self.service.status.state is SyncState.NOT_SET_UP:
            self._open_settings()
        else:
            self.sync_now(by_hand=True)

    def _open_settings(self) -> None:
        dialog = self.settings_dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        self.tasks.spawn(self.edit_settings(), name="archive-settings")

    async def _run(self) -> SyncReport | None:
        try:
            if self.service.status.state is SyncState.NOT_SET_UP and not self._by_hand:
                # Nothing to send to yet: keep the counts current and look again later.
                status = await self.service.refresh()
                if status.state is SyncState.NOT_SET_UP:
                    self._schedule(self.interval_ms)
                    return None
            report = await self.service.sync()
        except SyncError as error:
            self._failed(error)
            return None
        except asyncio.CancelledError:
            raise
        except Exception:
            # A bug, not a sync problem: reported by the task set; keep trying later.
            self.failures += 1
            self._schedule(retry_delay_ms(self.failures, self.interval_ms))
            raise
        self.failures = 0
        self._schedule(self.interval_ms)
        self.show_status(self.service.status)
        log.info("archive sync: %s", report)
        self.synced.emit(report)
        return report

    def _failed(self, error: SyncError) -> None:
        self.failures += 1
        interval = self.interval_ms
        if error.problem in NEEDS_OPERATOR:
            self._schedule(interval)
        else:
            self._schedule(retry_delay_ms(self.failures, interval))
        log.warning("archive sync failed (%d in a row): %s", self.failures, error)
        status = self.service.status
        if status.problem is not error.problem or status.state is SyncState.SYNCING:
            # The service did not (yet) report this failure itself.
            if status.state is not SyncState.NOT_SET_UP:
                status = replace(status, state=SyncState.FAILED, progress=None)
            status = replace(status, problem=error.problem, detail=error.detail)
        self.show_status(status)
        if self._by_hand and not self._stopped:
            self.problem_box = message_box(
                self.window,
                QMessageBox.Icon.Warning,
                self.tr("Archive sync failed"),
                sync_problem_text(error.problem),
                details=error.detail,
            )
            self.problem_box.open()

    # ------------------------------------------------------------------ dialogs
    async def stored_credential(self) -> tuple[str | None, bool]:
        """The credential in the keyring (or ``None``) and whether there is a keyring."""
        reader = self._credentials
        if reader is None:
            return None, True

        def read() -> tuple[str | None, bool]:
            return reader.get(ARCHIVE_CREDENTIAL_KEY), reader.available()

        return await asyncio.to_thread(read)

    async def edit_settings(self) -> bool:
        """The archive settings dialog; after "Save" a sync runs at once."""
        stored, keyring_available = await self.stored_credential()
        if self._credentials is not None:
            credential_stored = stored is not None
        else:
            status = self.service.status
            credential_stored = status.problem is not SyncProblem.NO_CREDENTIAL and not (
                status.state is SyncState.NOT_SET_UP and self.service.url
            )
        dialog = ArchiveSettingsDialog(
            self.service,
            credential_stored=credential_stored,
            stored_credential=stored,
            keyring_available=keyring_available,
            parent=self.window,
        )
        self.settings_dialog = dialog
        if await ask(dialog) != QDialog.DialogCode.Accepted:
            return False
        self.settings_saved()
        if dialog.kept_in_memory:
            message_box(
                self.window,
                QMessageBox.Icon.Information,
                self.tr("Credential not stored"),
                self.tr(
                    "This computer has no password store (keyring): the archive credential "
                    "is kept only until Village Studio closes. Enter it again under Archive "
                    "settings after the next start."
                ),
            ).open()
        return True

    def settings_saved(self) -> None:
        """New archive settings were saved (here or in the set-up assistant): sync at once."""
        self.show_status(self.service.status)
        self.failures = 0
        if self.service.status.state is not SyncState.NOT_SET_UP:
            self.sync_now(by_hand=False)

    async def show_parked(self) -> None:
        """The rows the archive refused; "Send again" queues them and syncs at once."""
        dialog = ParkedRowsDialog(self.service, self.window)
        self.parked_dialog = dialog
        dialog.retried.connect(self._on_parked_retried)
        await dialog.load()
        await ask(dialog)

    def _on_parked_retried(self, _count: int) -> None:
        self.sync_now(by_hand=False)


def _loop_running() -> bool:
    try:
        return asyncio.get_running_loop().is_running()
    except RuntimeError:
        return False
