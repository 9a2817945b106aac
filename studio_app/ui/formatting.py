"""Display formats for dates and states, following the UI language's conventions."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale

# The names of states live in messages (the command line and exports use them too).
from studio_app.messages import (
    follow_up_status_label,
    reason_label,
    state_label,
    status_label,
)

__all__ = [
    "follow_up_status_label",
    "format_local_datetime",
    "format_local_time",
    "reason_label",
    "state_label",
    "status_label",
    "to_qdatetime",
]


def to_qdatetime(value: datetime) -> QDateTime:
    """An aware datetime as a local-time ``QDateTime`` (to the millisecond)."""
    return QDateTime.fromMSecsSinceEpoch(round(value.timestamp() * 1000))


def format_local_datetime(value: datetime) -> str:
    """A short local date and time in the UI locale (e.g. ``2026/11/22 14:30``)."""
    return QLocale().toString(to_qdatetime(value), QLocale.FormatType.ShortFormat)


def format_local_time(value: datetime) -> str:
    """A local time of day (``14:30:05``)."""
    return to_qdatetime(value).toString("HH:mm:ss")
