"""Display formats for dates and states, following the UI language's conventions."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale

from studio_app.domain.followups import FollowUpStatus
from studio_app.domain.questions import QuestionState, RejectionReason
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


def format_local_time(value: datetime) -> str:
    """A local time of day (``14:30:05``)."""
    return to_qdatetime(value).toString("HH:mm:ss")


_STATE_LABELS = {
    QuestionState.NEW: str(QT_TRANSLATE_NOOP("QuestionState", "New")),
    QuestionState.APPROVED: str(QT_TRANSLATE_NOOP("QuestionState", "Approved")),
    QuestionState.QUEUED: str(QT_TRANSLATE_NOOP("QuestionState", "In queue")),
    QuestionState.ON_AIR: str(QT_TRANSLATE_NOOP("QuestionState", "On air")),
    QuestionState.ANSWERED: str(QT_TRANSLATE_NOOP("QuestionState", "Answered")),
    QuestionState.REJECTED: str(QT_TRANSLATE_NOOP("QuestionState", "Rejected")),
    QuestionState.DEFERRED: str(QT_TRANSLATE_NOOP("QuestionState", "Deferred")),
    QuestionState.MERGED: str(QT_TRANSLATE_NOOP("QuestionState", "Merged")),
}

_REASON_LABELS = {
    RejectionReason.DUPLICATE: str(QT_TRANSLATE_NOOP("RejectionReason", "Duplicate")),
    RejectionReason.OFF_TOPIC: str(QT_TRANSLATE_NOOP("RejectionReason", "Off topic")),
    RejectionReason.ABUSIVE: str(QT_TRANSLATE_NOOP("RejectionReason", "Abusive")),
    RejectionReason.PERSONAL_DATA: str(
        QT_TRANSLATE_NOOP("RejectionReason", "Personal matter / private data")
    ),
    RejectionReason.OTHER: str(QT_TRANSLATE_NOOP("RejectionReason", "Other (say why)")),
}


def state_label(state: QuestionState) -> str:
    """The translated name of a question state."""
    return QCoreApplication.translate("QuestionState", _STATE_LABELS[state])


def reason_label(reason: RejectionReason) -> str:
    """The translated name of a rejection reason."""
    return QCoreApplication.translate("RejectionReason", _REASON_LABELS[reason])


_FOLLOW_UP_STATUS_LABELS = {
    FollowUpStatus.ASSIGNED: str(QT_TRANSLATE_NOOP("FollowUpStatus", "Assigned")),
    FollowUpStatus.IN_PROGRESS: str(QT_TRANSLATE_NOOP("FollowUpStatus", "In progress")),
    FollowUpStatus.RESOLVED: str(QT_TRANSLATE_NOOP("FollowUpStatus", "Resolved")),
    FollowUpStatus.PUBLISHED: str(QT_TRANSLATE_NOOP("FollowUpStatus", "Published")),
    FollowUpStatus.RETURNED: str(QT_TRANSLATE_NOOP("FollowUpStatus", "Returned for rework")),
}


def follow_up_status_label(status: FollowUpStatus) -> str:
    """The translated name of a follow-up status."""
    return QCoreApplication.translate("FollowUpStatus", _FOLLOW_UP_STATUS_LABELS[status])
