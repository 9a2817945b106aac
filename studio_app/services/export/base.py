"""What every export writer shares: the export's facts, cancelling, progress."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from studio_app.services.export.labels import ExportLabels


class ExportCancelledError(Exception):
    """The operator cancelled the export; files not finished were removed."""


class CancelToken:
    """Set from the GUI thread, checked by the writer between steps (thread-safe)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the export to stop at its next step."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Cancelling was asked for."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`ExportCancelledError` if cancelling was asked for."""
        if self._event.is_set():
            raise ExportCancelledError


#: Told the fraction done (0..1) of the current file and a short text of what is happening.
Progress = Callable[[float, str], None]


def no_progress(fraction: float, text: str) -> None:
    """A progress callback that ignores what it is told."""


@dataclass(frozen=True, slots=True)
class ExportContext:
    """The facts every file of one export shares."""

    labels: ExportLabels
    #: When the export ran (UTC) and who ran it, printed in reports and the ledger.
    exported_at: datetime
    exported_by: str
    app_version: str
    #: "Today" for overdue and days-taken figures (local day).
    today: date
    #: Local time zone for dates and times in the files (``None``: the system's).
    tz: tzinfo | None = None
    public: bool = False
    cancel: CancelToken = field(default_factory=CancelToken)
    progress: Progress = no_progress
