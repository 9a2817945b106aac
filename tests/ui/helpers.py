"""Running the real app (store, services, window) inside a test's qasync loop."""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from studio_app.app import StudioApp
from studio_app.domain.broadcast import AgendaMark, OutputRun
from studio_app.domain.sessions import BroadcastSession
from studio_app.storage.store import Store
from studio_app.ui.errors import ErrorReporter
from studio_app.ui.main_window import MainWindow
from tests.conftest import next_emission
from tests.fakes.credentials import MemoryCredentialStore
from tests.fakes.obs import FakeObsGateway


class RunningApp:
    """A :class:`StudioApp` started as a task; ``stop()`` closes the window like a user."""

    def __init__(
        self,
        qapp: QApplication,
        data_dir: Path,
        *,
        gateway: Any = None,
        gateway_factory: Any = None,
        credentials: Any = None,
    ) -> None:
        """Run the app on ``data_dir`` with a fake OBS (``gateway``) unless a factory is given."""
        self.reporter = ErrorReporter(log_file=None)
        self.gateway = gateway if gateway is not None else FakeObsGateway()
        self.credentials = credentials if credentials is not None else MemoryCredentialStore()
        factory = gateway_factory or self._fake_factory
        self.app = StudioApp(
            qapp,
            data_dir,
            self.reporter,
            obs_gateway_factory=factory,
            credentials=self.credentials,
            ask_operator=False,
        )
        self.task: asyncio.Task[int] | None = None
        self._hooks = (sys.excepthook, threading.excepthook)

    def _fake_factory(self, settings: Any) -> Any:
        self.gateway.settings = settings
        return self.gateway

    @property
    def window(self) -> MainWindow:
        assert self.app.window is not None
        return self.app.window

    async def start(self) -> MainWindow:
        self.task = asyncio.get_running_loop().create_task(self.app.run())
        for _ in range(500):
            if self.app.window is not None:
                break
            await asyncio.sleep(0.01)
        await next_emission(self.window.sessions_loaded, timeout=20)
        return self.window

    async def stop(self) -> int:
        """Close the window (as the title-bar button does) and wait for the app to end."""
        assert self.task is not None
        self.window.close()
        done, _ = await asyncio.wait([self.task], timeout=20)
        status = self.window.save_status.text()
        assert done, f"the app did not quit; status bar: {status!r}; tasks: {self.window.tasks}"
        code = self.task.result()
        sys.excepthook, threading.excepthook = self._hooks
        return code


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as an operator would.

    ASCII goes through key presses; Chinese and emoji arrive as input-method commits, the way
    a Chinese IME delivers them (QTest.keyClicks only knows ASCII and aborts otherwise).
    """
    for char in text:
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            QTest.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def read_only_session_record(
    data_dir: Path,
) -> tuple[BroadcastSession, list[OutputRun], list[AgendaMark]]:
    """Read the store's only session with its runs and agenda marks, without the app."""
    store = Store.open(data_dir)
    try:
        with store.read() as uow:
            (summary,) = uow.sessions.list()
            session = uow.sessions.get(summary.id)
            return session, uow.broadcast.runs(session.id), uow.broadcast.marks(session.id)
    finally:
        store.close()
