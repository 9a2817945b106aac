"""The archive sync UI against a fake SyncService: status label, menu, timer, dialogs."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from studio_app.services.sync.status import (
    ArchiveInfo,
    ParkedRow,
    SyncError,
    SyncProblem,
    SyncReport,
    SyncState,
)
from studio_app.settings import AppSettings
from studio_app.sync_text import sync_problem_text, sync_reason_text, sync_table_label
from studio_app.ui.formatting import format_local_datetime
from studio_app.ui.layout import PROBLEM_STYLE, SUCCESS_STYLE, WARNING_STYLE
from studio_app.ui.main_window import MainWindow
from studio_app.ui.sync_controller import SyncController, retry_delay_ms
from studio_app.ui.sync_dialogs import (
    ArchiveSettingsDialog,
    ParkedRowRole,
    ParkedRowsDialog,
)
from tests.fakes.credentials import MemoryCredentialStore
from tests.fakes.sync import STUDIO_ID, FakeSyncService

SYNCED_AT = datetime(2026, 11, 2, 14, 5).astimezone()
NOW = datetime(2026, 11, 2, 16, 0).astimezone()
URL = "https://archive.example.org"
MINUTE = 60_000


async def until(condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait (letting Qt and asyncio run) until ``condition()`` is true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


@pytest.fixture(autouse=True)
def _keep_running_when_a_dialog_closes(qapp: QApplication) -> Iterator[None]:
    # As in the app: closing the last visible window (a dialog here) must not stop the loop.
    previous = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(previous)


def run(qloop: Any, test: Callable[[], Coroutine[Any, Any, None]]) -> None:
    qloop.run_until_complete(test())


class Setup:
    """A window, a fake service and a controller whose timer waits until a test starts it."""

    def __init__(
        self,
        qtbot: Any,
        *,
        interval: int = 5,
        first_delay_ms: int = 3_600_000,
        credentials: Any = None,
        **service: Any,
    ) -> None:
        self.window = MainWindow()
        qtbot.addWidget(self.window)
        self.window.setEnabled(True)  # as after the store opened
        self.service = FakeSyncService(clock=lambda: SYNCED_AT, **service)
        self.settings = AppSettings(archive_url=URL, sync_interval_minutes=interval)
        self.controller = SyncController(
            self.window,
            self.service,
            lambda: self.settings,
            credentials=credentials,
            first_delay_ms=first_delay_ms,
            clock=lambda: NOW,
        )
        self.reports: list[SyncReport] = []
        self.controller.synced.connect(self.reports.append)

    @property
    def label_text(self) -> str:
        return self.window.sync_status.text()

    def syncs(self) -> int:
        return sum(1 for call in self.service.calls if call[0] == "sync")

    async def sync(self, *, by_hand: bool = False) -> SyncReport | None:
        task = self.controller.sync_now(by_hand=by_hand)
        assert task is not None
        return await task


def _parked(table: str, reason: str, summary: str, days_ago: int) -> ParkedRow:
    return ParkedRow(
        table=table,
        id=uuid.uuid4(),
        reason=reason,
        detail=f"archive said: {reason}",
        first_seen=datetime(2026, 11, 2, 8, 0, tzinfo=UTC) - timedelta(days=days_ago),
        summary=summary,
    )


# ---------------------------------------------------------------- the status label
def test_label_follows_the_service_through_a_sync(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot, pending=3)
        assert s.window.sync_status.objectName() == "syncStatus"
        assert s.label_text == "Archive: not synced yet · 3 waiting"
        seen: list[str] = []
        s.service.add_listener(lambda _status: seen.append(s.label_text))
        s.service.pending_after_sync = 3
        report = SyncReport(pushed=120, pulled=8, department_events=3)
        s.service.sync_results.append(report)
        assert await s.sync() == report
        assert "Archive: syncing… · 3 waiting" in seen
        assert "Archive: syncing… 2 / 2 · 3 waiting" in seen
        assert s.label_text == "Archive: synced 14:05 · 3 waiting"
        tooltip = s.window.sync_status.toolTip()
        assert "Last successful sync: 2026-11-02 14:05" in tooltip
        assert "Sent 120 rows, received 8 rows (3 replies from departments)." in tooltip
        assert URL in tooltip
        assert s.window.sync_status.styleSheet() == ""
        assert s.reports == [report]

    run(qloop, test)


def test_label_counts_the_waiting_rows_at_start(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot)
        assert s.label_text == "Archive: not synced yet"
        s.service.stored_pending = 4  # edits made before the app started
        await until(lambda: ("refresh",) in s.service.calls)
        assert s.label_text == "Archive: not synced yet · 4 waiting"
        assert s.syncs() == 0  # the first sync waits for its delay

    run(qloop, test)


def test_label_recounts_the_waiting_rows_between_syncs(
    qtbot: Any, qloop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def test() -> None:
        monkeypatch.setattr("studio_app.ui.sync_controller.RECOUNT_MS", 50)
        s = Setup(qtbot)
        s.service.stored_pending = 2  # the operator saved something since the last count
        await until(lambda: ("refresh_if_changed",) in s.service.calls)
        assert s.label_text == "Archive: not synced yet · 2 waiting"
        assert s.syncs() == 0  # counting is not syncing
        s.controller.stop()
        await asyncio.sleep(0.05)
        calls = len(s.service.calls)
        await asyncio.sleep(0.2)
        assert len(s.service.calls) == calls  # stopped: no more counting

    run(qloop, test)


def test_a_status_after_the_window_is_gone_is_ignored(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        window = MainWindow()
        service = FakeSyncService()
        controller = SyncController(window, service, AppSettings, first_delay_ms=10)
        shiboken6.delete(window)
        assert not shiboken6.isValid(controller)
        await service.refresh()  # tells the (gone) label: nothing may raise
        await asyncio.sleep(0.05)
        assert service.runs == 0  # the timer went with the window

    run(qloop, test)


def test_label_colour_and_text_for_failures(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot, pending=25)
        s.service.sync_results.append(SyncError(SyncProblem.OFFLINE, "connection refused"))
        assert await s.sync() is None
        assert s.label_text == "Archive: offline · 25 waiting"
        assert s.window.sync_status.styleSheet() == WARNING_STYLE
        assert sync_problem_text(SyncProblem.OFFLINE) in s.window.sync_status.toolTip()
        assert "connection refused" in s.window.sync_status.toolTip()
        s.service.sync_results.append(SyncError(SyncProblem.REVOKED, "403 revoked"))
        await s.sync()
        assert s.label_text == "Archive: credential revoked · 25 waiting"
        assert s.window.sync_status.styleSheet() == PROBLEM_STYLE
        s.service.sync_results.append(SyncReport(pushed=25))
        await s.sync()
        assert s.label_text == "Archive: synced 14:05"
        assert s.window.sync_status.styleSheet() == ""
        assert s.controller.problem_box is None  # background failures never pop up

    run(qloop, test)


def test_label_shows_refused_and_waiting_rows(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        parked = [_parked("question", "invalid", "村口路灯", 1), _parked("answer", "x", "", 0)]
        s = Setup(qtbot, pending=7, parked=parked)
        assert s.label_text == "Archive: 2 refused rows · 7 waiting"
        s.service.pending_after_sync = 0
        await s.sync()
        assert s.label_text == "Archive: 2 refused rows"
        assert "Rows the archive refused: 2" in s.window.sync_status.toolTip()

    run(qloop, test)


def test_a_failure_the_service_did_not_report_still_shows(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot)
        s.service.progress_steps = []

        async def broken_sync() -> SyncReport:
            raise SyncError(SyncProblem.STORAGE, "disk I/O error")

        s.service.sync = broken_sync  # type: ignore[method-assign]
        await s.sync()
        assert s.label_text == "Archive: database problem"
        assert s.window.sync_status.styleSheet() == PROBLEM_STYLE

    run(qloop, test)


def test_clicking_the_label_opens_the_archive_menu(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot)
        s.window.show()
        await until(s.window.isVisible)
        QTest.mouseClick(s.window.sync_status, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
        await until(s.controller.menu.isVisible)
        assert [a.objectName() for a in s.controller.menu.actions()] == [
            "syncNowAction",
            "archiveSettingsAction",
            "parkedRowsAction",
        ]
        s.controller.menu.hide()

    run(qloop, test)


# ---------------------------------------------------------------- the menu
def test_archive_menu_and_sync_now(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot)
        titles = [a.text() for a in s.window.menuBar().actions()]
        assert "&Archive" in titles
        action = s.window.findChild(QAction, "syncNowAction")
        assert action is not None and action.text() == "Sync &now"
        assert action.shortcut() == QKeySequence("Ctrl+Shift+Y")
        assert [a.text() for a in s.controller.menu.actions()][1:] == [
            "Archive &settings…",
            "&Refused rows…",
        ]
        action.trigger()
        await until(lambda: s.reports)
        assert s.syncs() == 1 and s.controller.problem_box is None

    run(qloop, test)


def test_sync_now_by_hand_tells_the_operator_when_it_fails(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot)
        s.service.sync_results.append(SyncError(SyncProblem.UNAUTHORIZED, "401"))
        s.window.findChild(QAction, "syncNowAction").trigger()
        await until(lambda: s.controller.problem_box is not None)
        box = s.controller.problem_box
        assert box is not None and box.isVisible()
        assert box.text() == sync_problem_text(SyncProblem.UNAUTHORIZED)
        assert box.detailedText() == "401"
        assert s.label_text == "Archive: credential refused"
        box.close()

    run(qloop, test)


def test_sync_now_before_set_up_opens_the_settings(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot, url="", credential=None)
        assert s.label_text == "Archive: not set up"
        s.window.findChild(QAction, "syncNowAction").trigger()
        await until(lambda: s.controller.settings_dialog is not None)
        dialog = s.controller.settings_dialog
        assert dialog is not None
        await until(dialog.isVisible)
        assert s.syncs() == 0
        dialog.reject()

    run(qloop, test)


# ---------------------------------------------------------------- background syncs
def test_first_sync_after_the_delay_then_every_interval(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot, interval=5, first_delay_ms=30)
        assert s.controller.timer.isActive() and s.syncs() == 0
        await until(lambda: s.reports)
        assert s.syncs() == 1
        assert s.controller.timer.isActive()
        assert s.controller.timer.interval() == 5 * MINUTE
        s.settings = AppSettings(sync_interval_minutes=2)
        s.controller.timer.timeout.emit()  # as if the interval had passed
        await until(lambda: len(s.reports) == 2)
        assert s.controller.timer.interval() == 2 * MINUTE

    run(qloop, test)


def test_failures_back_off_up_to_the_interval(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot, interval=5)
        delays = []
        for _ in range(6):
            s.service.sync_results.append(SyncError(SyncProblem.OFFLINE))
            await s.sync()
            assert s.controller.timer.isActive()
            delays.append(s.controller.timer.interval())
        assert delays == [30_000, MINUTE, 2 * MINUTE, 4 * MINUTE, 5 * MINUTE, 5 * MINUTE]
        assert s.controller.failures == 6
        await s.sync()  # success: back to the interval, the count starts over
        assert s.controller.failures == 0 and s.controller.timer.interval() == 5 * MINUTE
        s.service.sync_results.append(SyncError(SyncProblem.TIMEOUT))
        await s.sync()
        assert s.controller.timer.interval() == 30_000
        # A revoked credential is not fixed by retrying sooner.
        s.service.sync_results.append(SyncError(SyncProblem.REVOKED))
        await s.sync()
        assert s.controller.timer.interval() == 5 * MINUTE
        assert s.controller.problem_box is None

    run(qloop, test)


def test_the_interval_is_at_least_a_minute_and_caps_the_back_off(qtbot: Any, qloop: Any) -> None:
    assert retry_delay_ms(1, MINUTE) == 30_000
    assert retry_delay_ms(2, MINUTE) == MINUTE
    assert retry_delay_ms(200, 10 * MINUTE) == 10 * MINUTE

    async def test() -> None:
        s = Setup(qtbot, interval=0)
        assert s.controller.interval_ms == MINUTE
        for expected in (30_000, MINUTE, MINUTE):
            s.service.sync_results.append(SyncError(SyncProblem.SERVER))
            await s.sync()
            assert s.controller.timer.interval() == expected

    run(qloop, test)


def test_never_two_syncs_at_once_and_the_ui_keeps_running(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot)
        s.service.gate = asyncio.Event()
        first = s.controller.sync_now(by_hand=False)
        await until(lambda: s.service.status.state is SyncState.SYNCING)
        ticked: list[bool] = []
        QTimer.singleShot(0, lambda: ticked.append(True))
        await until(lambda: ticked)  # the event loop is not blocked by the running sync
        assert s.controller.running and not s.controller.timer.isActive()
        s.controller.timer.timeout.emit()
        second = s.controller.sync_now(by_hand=True)
        s.window.findChild(QAction, "syncNowAction").trigger()
        assert second is first
        await asyncio.sleep(0.05)
        assert s.service.runs == 1 and s.syncs() == 1
        s.service.gate.set()
        await first
        assert s.service.runs == 1 and len(s.reports) == 1

    run(qloop, test)


def test_pressing_sync_now_during_a_background_sync_reports_its_failure(
    qtbot: Any, qloop: Any
) -> None:
    async def test() -> None:
        s = Setup(qtbot)
        s.service.gate = asyncio.Event()
        s.service.sync_results.append(SyncError(SyncProblem.SERVER, "502"))
        task = s.controller.sync_now(by_hand=False)
        await until(lambda: s.service.status.state is SyncState.SYNCING)
        s.window.findChild(QAction, "syncNowAction").trigger()  # joins the running sync
        s.service.gate.set()
        assert task is not None
        await task
        assert s.controller.problem_box is not None
        s.controller.problem_box.close()

    run(qloop, test)


def test_not_set_up_syncs_nothing_in_the_background(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot, credential=None, pending=2)
        await until(lambda: ("refresh",) in s.service.calls)  # counted at start
        assert await s.sync() is None
        assert s.syncs() == 0 and s.service.calls.count(("refresh",)) == 2
        assert s.controller.timer.interval() == 5 * MINUTE
        assert s.label_text == "Archive: not set up · 2 waiting"

    run(qloop, test)


def test_stop_ends_background_syncs(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot, first_delay_ms=10)
        s.controller.stop()
        assert not s.controller.timer.isActive()
        assert s.controller.sync_now() is None
        await asyncio.sleep(0.05)
        assert s.syncs() == 0

    run(qloop, test)


# ---------------------------------------------------------------- archive settings
def _settings_dialog(qtbot: Any, service: FakeSyncService, **kwargs: Any) -> ArchiveSettingsDialog:
    kwargs.setdefault("credential_stored", False)
    dialog = ArchiveSettingsDialog(service, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_second_settings_request_raises_the_open_dialog(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        s = Setup(qtbot)
        s.controller.settings_action.trigger()
        await until(lambda: s.controller.settings_dialog is not None)
        dialog = s.controller.settings_dialog
        assert dialog is not None
        await until(dialog.isVisible)
        s.controller.settings_action.trigger()
        await asyncio.sleep(0.05)
        assert s.controller.settings_dialog is dialog
        assert len([d for d in s.window.findChildren(ArchiveSettingsDialog)]) == 1
        dialog.reject()

    run(qloop, test)


def test_test_connection_shows_the_account_without_blocking(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        service = FakeSyncService(url="")
        dialog = _settings_dialog(qtbot, service)
        assert dialog.credential_edit.echoMode() == dialog.credential_edit.EchoMode.Password
        assert "No credential is stored" in dialog.credential_note.text()
        QTest.keyClicks(dialog.url_edit, " https://archive.county.example ")
        QTest.keyClicks(dialog.credential_edit, "s3cret")
        service.gate = asyncio.Event()
        dialog.test_button.click()
        await until(lambda: service.calls)
        assert not dialog.test_button.isEnabled()
        assert dialog.test_result.text() == "Connecting…"
        ticked: list[bool] = []
        QTimer.singleShot(0, lambda: ticked.append(True))
        await until(lambda: ticked)
        service.gate.set()
        await until(dialog.test_button.isEnabled)
        assert service.calls == [("test_connection", "https://archive.county.example", "s3cret")]
        assert "青山村演播室" in dialog.test_result.text()
        assert str(STUDIO_ID) in dialog.test_result.text()
        assert dialog.test_result.styleSheet() == SUCCESS_STYLE
        assert dialog.info is not None and dialog.info.studio_id == STUDIO_ID
        assert service.url == ""  # a test saves nothing
        assert not any(call[0] == "configure" for call in service.calls)

    run(qloop, test)


def test_test_connection_failure_is_shown_in_red(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        service = FakeSyncService()
        dialog = _settings_dialog(qtbot, service)
        dialog.credential_edit.setText("wrong")
        service.test_results.append(SyncError(SyncProblem.UNAUTHORIZED, "HTTP 401"))
        assert await dialog.test_connection() is None
        assert dialog.test_result.text() == sync_problem_text(SyncProblem.UNAUTHORIZED)
        assert dialog.test_result.styleSheet() == PROBLEM_STYLE
        assert dialog.test_result.toolTip() == "HTTP 401"
        assert dialog.test_button.isEnabled()
        # Nothing to test with: said at once, the service is not asked.
        dialog.credential_edit.clear()
        calls = len(service.calls)
        assert await dialog.test_connection() is None
        assert dialog.test_result.text() == "Enter the credential to test the connection."
        dialog.credential_edit.setText("x")
        dialog.url_edit.clear()
        assert await dialog.test_connection() is None
        assert dialog.test_result.text() == "Enter the archive address first."
        assert len(service.calls) == calls

    run(qloop, test)


def test_save_with_a_bad_address_is_refused_inline(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        service = FakeSyncService(url="", credential=None)
        dialog = _settings_dialog(qtbot, service)
        QTest.keyClicks(dialog.url_edit, "archive.county.example")
        dialog.credential_edit.setText("s3cret")
        dialog.save_button.click()
        await until(lambda: dialog.problem_label.text())
        assert dialog.problem_label.text() == sync_problem_text(SyncProblem.BAD_URL)
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert service.url == "" and service.credential is None
        assert service.status.state is SyncState.NOT_SET_UP
        dialog.url_edit.setText("https://archive.county.example")
        assert await dialog.save()
        assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
        assert service.calls[-1] == ("configure", "https://archive.county.example", "s3cret")
        assert service.status.state is SyncState.IDLE and not dialog.kept_in_memory

    run(qloop, test)


def test_an_empty_credential_field_keeps_the_stored_one(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        service = FakeSyncService()
        dialog = _settings_dialog(
            qtbot, service, credential_stored=True, stored_credential="from-keyring"
        )
        assert dialog.url_edit.text() == URL
        assert "stored" in dialog.credential_note.text()
        assert not dialog.keyring_label.isVisible()
        assert await dialog.test_connection() is not None
        assert service.calls[-1] == ("test_connection", URL, "from-keyring")
        assert await dialog.save()
        assert service.calls[-1] == ("configure", URL, None)
        assert service.credential == "secret-credential"

    run(qloop, test)


def test_settings_through_the_controller_then_a_sync_runs(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        store = MemoryCredentialStore()
        s = Setup(qtbot, url="", credential=None, credentials=store)
        task = s.controller.tasks.spawn(s.controller.edit_settings())
        await until(lambda: s.controller.settings_dialog is not None)
        dialog = s.controller.settings_dialog
        assert dialog is not None
        await until(dialog.isVisible)
        assert "No credential is stored" in dialog.credential_note.text()
        dialog.url_edit.setText(URL)
        dialog.credential_edit.setText("s3cret")
        dialog.save_button.click()
        assert await task is True
        await until(lambda: s.reports)
        assert s.syncs() == 1
        assert s.label_text == "Archive: synced 14:05"

        store.secrets["archive-credential"] = "s3cret"
        task = s.controller.tasks.spawn(s.controller.edit_settings())
        await until(lambda: s.controller.settings_dialog is not dialog)
        second = s.controller.settings_dialog
        assert second is not None
        await until(second.isVisible)
        assert "is stored" in second.credential_note.text()
        second.reject()
        assert await task is False

    run(qloop, test)


def test_without_a_keyring_the_credential_is_kept_for_this_run(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        store = MemoryCredentialStore(available=False)
        s = Setup(qtbot, credential=None, keyring_available=False, credentials=store)
        task = s.controller.tasks.spawn(s.controller.edit_settings())
        await until(lambda: s.controller.settings_dialog is not None)
        dialog = s.controller.settings_dialog
        assert dialog is not None
        await until(dialog.isVisible)
        assert dialog.keyring_label.isVisible()
        dialog.credential_edit.setText("s3cret")
        dialog.save_button.click()
        assert await task is True
        assert dialog.kept_in_memory
        assert s.service.credential == "s3cret"  # in memory, as the service keeps it
        boxes = [
            w
            for w in s.window.findChildren(QDialog)
            if w.isVisible() and "until Village Studio closes" in getattr(w, "text", str)()
        ]
        assert len(boxes) == 1
        boxes[0].close()
        await until(lambda: s.reports)

    run(qloop, test)


# ---------------------------------------------------------------- refused rows
def test_parked_rows_are_listed_and_sent_again(qtbot: Any, qloop: Any, qtmodeltester: Any) -> None:
    async def test() -> None:
        newer = _parked("question", "invalid", "村口路灯什么时候修？", 0)
        older = _parked("follow_up_event", "orphan", "", 3)
        s = Setup(qtbot, parked=[newer, older], pending=1)
        task = s.controller.tasks.spawn(s.controller.show_parked())
        await until(lambda: s.controller.parked_dialog is not None)
        dialog = s.controller.parked_dialog
        assert dialog is not None
        await until(dialog.isVisible)
        model = dialog.model
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() == 2 and model.columnCount() == 4
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        assert headers == ["Kind of row", "Summary", "Why it was refused", "Since"]
        first = [model.index(0, c).data() for c in range(4)]
        assert first == [
            sync_table_label("follow_up_event"),
            "—",
            sync_reason_text("orphan"),
            format_local_datetime(older.first_seen),
        ]
        assert model.index(1, 1).data() == newer.summary
        assert model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == "archive said: invalid"
        assert model.index(1, 0).data(ParkedRowRole) == newer
        assert dialog.table.isVisible() and not dialog.empty_label.isVisible()
        assert dialog.send_again_button.isEnabled()

        dialog.send_again_button.click()
        await task
        assert ("retry_parked",) in s.service.calls
        assert not dialog.isVisible()
        await until(lambda: s.reports)  # the rows go out with a sync at once
        assert s.syncs() == 1

    run(qloop, test)


def test_no_parked_rows_shows_an_empty_state(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        service = FakeSyncService()
        dialog = ParkedRowsDialog(service)
        qtbot.addWidget(dialog)
        dialog.show()
        assert await dialog.load()
        assert dialog.is_empty
        assert dialog.empty_label.isVisible() and not dialog.table.isVisible()
        assert dialog.empty_label.text() == (
            "The archive has refused no rows: there is nothing to do here."
        )
        assert not dialog.send_again_button.isEnabled()

    run(qloop, test)


def test_send_again_failure_keeps_the_dialog_open(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        service = FakeSyncService(parked=[_parked("answer", "conflict", "答复", 1)])

        async def failing_retry() -> int:
            raise SyncError(SyncProblem.STORAGE, "database is locked")

        service.retry_parked = failing_retry  # type: ignore[method-assign]
        dialog = ParkedRowsDialog(service)
        qtbot.addWidget(dialog)
        dialog.show()
        await dialog.load()
        retried: list[int] = []
        dialog.retried.connect(retried.append)
        assert await dialog.send_again() is None
        assert dialog.problem_label.text() == sync_problem_text(SyncProblem.STORAGE)
        assert dialog.isVisible() and dialog.send_again_button.isEnabled()
        assert retried == []

    run(qloop, test)


def test_send_again_emits_how_many(qtbot: Any, qloop: Any) -> None:
    async def test() -> None:
        rows = [_parked("answer", "conflict", "答复", n) for n in range(3)]
        service = FakeSyncService(parked=rows)
        dialog = ParkedRowsDialog(service)
        qtbot.addWidget(dialog)
        dialog.show()
        await dialog.load()
        emitted: list[int] = []
        dialog.retried.connect(emitted.append)
        assert await dialog.send_again() == 3
        assert emitted == [3]
        assert service.status.parked == 0 and service.status.pending == 3
        assert dialog.result() == QDialog.DialogCode.Accepted

    run(qloop, test)


def test_test_connection_info_type(qtbot: Any, qloop: Any) -> None:
    # The fake's scripted answers are real ArchiveInfo values.
    async def test() -> None:
        service = FakeSyncService()
        info = ArchiveInfo("county-ops", uuid.uuid4(), datetime.now(UTC), 1)
        service.test_results.append(info)
        dialog = _settings_dialog(qtbot, service)
        dialog.credential_edit.setText("c")
        assert await dialog.test_connection() == info
        assert "county-ops" in dialog.test_result.text()

    run(qloop, test)
