"""The global error reporter: excepthooks and the loop handler log and tell the operator."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from studio_app.ui.dialogs import message_box

log = logging.getLogger(__name__)


class ErrorReporter(QObject):
    """Catches every unhandled error: logs it with its traceback and tells the operator.

    Installed as ``sys.excepthook`` (qasync routes ``@asyncSlot`` errors there), as
    ``threading.excepthook`` and as the asyncio loop's exception handler. Errors from other
    threads reach the dialog through a queued signal.
    """

    error_reported = Signal(str, str)
    """(summary, details) of an unhandled error; emitted on any thread."""

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.parent_widget: QWidget | None = None
        self._box: QMessageBox | None = None
        self.error_reported.connect(self._show)

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Become the process's excepthooks (and ``loop``'s exception handler)."""
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook
        if loop is not None:
            loop.set_exception_handler(self._loop_handler)

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled error:\n%s", details)
        self.error_reported.emit(f"{exc_type.__name__}: {exc}", details)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            self.excepthook(type(exc), exc, exc.__traceback__)
        else:
            message = str(context.get("message", "asyncio error"))
            log.error("event loop error: %s", message)
            self.error_reported.emit(message, message)

    def _show(self, summary: str, details: str) -> None:
        if self._box is not None and self._box.isVisible():
            self._box.setDetailedText((self._box.detailedText() + "\n\n" + details).strip())
            return
        where = (
            str(self.log_file)
            if self.log_file
            else QCoreApplication.translate("Errors", "(no log file)")
        )
        text = QCoreApplication.translate(
            "Errors",
            "Something went wrong inside Village Studio:\n{summary}\n\n"
            "What you saved is safe. The details are in the log file:\n{log}",
        ).format(summary=summary, log=where)
        self._box = message_box(
            self.parent_widget,
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Errors", "Unexpected error"),
            text,
            details=details,
        )
        self._box.open()
