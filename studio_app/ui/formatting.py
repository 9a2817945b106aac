"""Display formats for dates and states, following the UI language's conventions."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale

from studio_app.domain.sessions import SessionStatus

_STATUS_LABELS = {
    SessionStatus.PLANNED: str(QT_TRANSLATE_NOOP("Status", "Planned")),
    SessionStatus.LIVE: str(QT_TRANSLATE_NOOP("Status", "Live")),
    SessionStatus.ENDED: str(QT_TRANSLATE_NOOP("Status", "Ended")),
    SessionStatus.CLOSED: str(QT_TRANSLATE_NOOP("Status", "Closed")),
}


def status_label(status: SessionStatus) -> str:
    """The translated name of a session status."""
    return QCoreApplication.translate("Status", _STATUS_LABELS[status])


def to_qdatetime(value: datetime) -> QDateTime:
    """An aware datetime as a local-time ``QDateTime`` (to the millisecond)."""
    return QDateTime.fromMSecsSinceEpoch(round(value.timestamp() * 1000))


def format_local_datetime(value: datetime) -> str:
    """A short local date and time in the UI locale (e.g. ``2026/11/22 14:30``)."""
    return QLocale().toString(to_qdatetime(value), QLocale.FormatType.ShortFormat)
