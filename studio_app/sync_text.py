"""Translated words of archive sync: status, problems, refused rows, reports (QtCore only)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio_app.domain.sync import RejectReason
from studio_app.services.sync.status import (
    SyncPhase,
    SyncProblem,
    SyncReport,
    SyncState,
    SyncStatus,
)

#: Separates the parts of the status-bar text ("Archive: offline · 25 waiting").
SEPARATOR = " · "
#: The pseudo reject reason of a pulled row whose parent row is missing here.
ORPHAN_REASON = "orphan"


def _tr(text: str) -> str:
    """Translate a text marked with ``QT_TRANSLATE_NOOP("SyncText", …)``."""
    return QCoreApplication.translate("SyncText", text)


def format_count(count: int) -> str:
    """A row count with its thousands grouped by no-break spaces: ``1 200``, ``20 000``."""
    return f"{count:,}".replace(",", "\u00a0")


def _rows(count: int) -> str:
    """``1 row`` / ``{n} rows``, translated."""
    if count == 1:
        return QCoreApplication.translate("SyncText", "1 row")
    return QCoreApplication.translate("SyncText", "{n} rows").format(n=format_count(count))


def _local(value: datetime) -> datetime:
    """``value`` in the computer's time zone (a naive value is taken as local already)."""
    return value.astimezone() if value.tzinfo is not None else value


def format_sync_time(value: datetime, now: datetime) -> str:
    """When a sync happened, briefly: ``14:05`` today (local time), otherwise ``2026-11-02``."""
    local = _local(value)
    if local.date() == _local(now).date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d")


# ---------------------------------------------------------------- problems
_PROBLEMS = {
    SyncProblem.OFFLINE: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The archive cannot be reached. Check the network and the archive address; sync "
            "will try again by itself.",
        )
    ),
    SyncProblem.TIMEOUT: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The archive did not answer in time. Sync will try again by itself; if this keeps "
            "happening, the network is too slow or the archive is overloaded.",
        )
    ),
    SyncProblem.SERVER: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The archive has a problem of its own. Sync will try again by itself; if it lasts "
            "for hours, tell the county archive.",
        )
    ),
    SyncProblem.UNAUTHORIZED: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The archive does not accept this studio's credential. Enter it again under "
            "Archive settings, or ask the county archive for a new one.",
        )
    ),
    SyncProblem.REVOKED: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The county has revoked this studio's credential. Ask the county archive for a "
            "new one and enter it under Archive settings.",
        )
    ),
    SyncProblem.WRONG_STUDIO: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "This credential belongs to another studio than the records on this computer. "
            "Enter this studio's own credential under Archive settings, or ask the county "
            "archive.",
        )
    ),
    SyncProblem.PROTOCOL: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The archive speaks another version of the sync protocol. Update Village Studio "
            "to the version the county uses; until then nothing is sent.",
        )
    ),
    SyncProblem.REFUSED: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The archive refused the request. The rows stay waiting and nothing is lost; if "
            "this lasts, send the log file to your support contact.",
        )
    ),
    SyncProblem.STORAGE: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The database on this computer could not be read or written for sync. Check that "
            "the disk has free space and works; the rows stay waiting.",
        )
    ),
    SyncProblem.NO_CREDENTIAL: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "No archive credential is stored on this computer. Enter the one the county "
            "archive gave this studio under Archive settings.",
        )
    ),
    SyncProblem.BAD_URL: str(
        QT_TRANSLATE_NOOP(
            "SyncText",
            "The archive address is not valid. Enter it as the county gave it, starting with "
            "https:// (or http://).",
        )
    ),
}

#: The status-bar words of a failed sync.
_PROBLEM_LABELS = {
    SyncProblem.OFFLINE: str(QT_TRANSLATE_NOOP("SyncText", "Archive: offline")),
    SyncProblem.TIMEOUT: str(QT_TRANSLATE_NOOP("SyncText", "Archive: no answer")),
    SyncProblem.SERVER: str(QT_TRANSLATE_NOOP("SyncText", "Archive: server problem")),
    SyncProblem.UNAUTHORIZED: str(QT_TRANSLATE_NOOP("SyncText", "Archive: credential refused")),
    SyncProblem.REVOKED: str(QT_TRANSLATE_NOOP("SyncText", "Archive: credential revoked")),
    SyncProblem.WRONG_STUDIO: str(QT_TRANSLATE_NOOP("SyncText", "Archive: wrong studio")),
    SyncProblem.PROTOCOL: str(QT_TRANSLATE_NOOP("SyncText", "Archive: update the app")),
    SyncProblem.REFUSED: str(QT_TRANSLATE_NOOP("SyncText", "Archive: request refused")),
    SyncProblem.STORAGE: str(QT_TRANSLATE_NOOP("SyncText", "Archive: database problem")),
    SyncProblem.NO_CREDENTIAL: str(QT_TRANSLATE_NOOP("SyncText", "Archive: no credential")),
    SyncProblem.BAD_URL: str(QT_TRANSLATE_NOOP("SyncText", "Archive: bad address")),
}


def sync_problem_text(problem: SyncProblem) -> str:
    """What went wrong with sync and what to do about it, in a sentence or two."""
    return _tr(_PROBLEMS[problem])


def sync_problem_label(problem: SyncProblem) -> str:
    """The status bar's few words for a failed sync (``Archive: offline``)."""
    return _tr(_PROBLEM_LABELS[problem])


# ---------------------------------------------------------------- status
_PHASES = {
    SyncPhase.CONNECT: str(QT_TRANSLATE_NOOP("SyncText", "Connecting to the archive…")),
    SyncPhase.PUSH: str(QT_TRANSLATE_NOOP("SyncText", "Sending rows to the archive…")),
    SyncPhase.PULL: str(QT_TRANSLATE_NOOP("SyncText", "Receiving rows from the archive…")),
    SyncPhase.APPLY: str(QT_TRANSLATE_NOOP("SyncText", "Saving the received rows…")),
}


def _head(status: SyncStatus, now: datetime) -> tuple[str, bool]:
    """The status bar's main words, and whether they already name the refused rows."""
    state = status.state
    if state is SyncState.NOT_SET_UP:
        return QCoreApplication.translate("SyncText", "Archive: not set up"), False
    if state is SyncState.SYNCING:
        progress = status.progress
        if progress is not None and progress.total > 0:
            return QCoreApplication.translate(
                "SyncText", "Archive: syncing… {done} / {total}"
            ).format(done=format_count(progress.done), total=format_count(progress.total)), False
        return QCoreApplication.translate("SyncText", "Archive: syncing…"), False
    if state is SyncState.FAILED:
        if status.problem is None:
            return QCoreApplication.translate("SyncText", "Archive: sync failed"), False
        return sync_problem_label(status.problem), False
    # OK or IDLE: refused rows need the operator, so they come first.
    if status.parked == 1:
        return QCoreApplication.translate("SyncText", "Archive: 1 refused row"), True
    if status.parked > 1:
        return QCoreApplication.translate("SyncText", "Archive: {n} refused rows").format(
            n=format_count(status.parked)
        ), True
    if status.last_success is None:
        if state is SyncState.OK:
            return QCoreApplication.translate("SyncText", "Archive: synced"), False
        return QCoreApplication.translate("SyncText", "Archive: not synced yet"), False
    return QCoreApplication.translate("SyncText", "Archive: synced {time}").format(
        time=format_sync_time(status.last_success, now)
    ), False


def _tooltip(status: SyncStatus) -> str:
    lines: list[str] = []
    if status.state is SyncState.SYNCING:
        phase = status.progress.phase if status.progress is not None else SyncPhase.CONNECT
        lines.append(_tr(_PHASES[phase]))
    if status.last_success is not None:
        when = _local(status.last_success).strftime("%Y-%m-%d %H:%M")
        lines.append(
            QCoreApplication.translate("SyncText", "Last successful sync: {when}").format(when=when)
        )
    else:
        lines.append(QCoreApplication.translate("SyncText", "Last successful sync: never"))
    if status.state is SyncState.OK and status.last_report is not None:
        lines.append(sync_report_text(status.last_report))
    lines.append(
        QCoreApplication.translate("SyncText", "Rows waiting to be sent: {n}").format(
            n=format_count(status.pending)
        )
    )
    if status.parked:
        lines.append(
            QCoreApplication.translate(
                "SyncText", "Rows the archive refused: {n} (see Archive → Refused rows…)"
            ).format(n=format_count(status.parked))
        )
    if status.problem is not None and status.state in (SyncState.FAILED, SyncState.NOT_SET_UP):
        lines.append(sync_problem_text(status.problem))
    elif status.state is SyncState.NOT_SET_UP:
        lines.append(
            QCoreApplication.translate(
                "SyncText",
                "Enter the archive address and this studio's credential under Archive "
                "settings to send the records to the county archive.",
            )
        )
    if status.detail and status.state is SyncState.FAILED:
        lines.append(
            QCoreApplication.translate("SyncText", "Detail: {detail}").format(detail=status.detail)
        )
    if status.url:
        lines.append(
            QCoreApplication.translate("SyncText", "Archive address: {url}").format(url=status.url)
        )
    else:
        lines.append(QCoreApplication.translate("SyncText", "Archive address: not set"))
    return "\n".join(lines)


def sync_status_text(status: SyncStatus, now: datetime) -> tuple[str, str]:
    """The status bar's (short text, tooltip) for the sync state at ``now``.

    The short text names the state and adds the rows waiting and the rows the archive refused
    (``Archive: synced 14:05 · 3 waiting``); the tooltip says when the last sync succeeded,
    the counts, the problem with what to do, and the archive's address.
    """
    head, names_parked = _head(status, now)
    parts = [head]
    if status.pending:
        parts.append(
            QCoreApplication.translate("SyncText", "{n} waiting").format(
                n=format_count(status.pending)
            )
        )
    if status.parked and not names_parked:
        parts.append(
            QCoreApplication.translate("SyncText", "{n} refused").format(
                n=format_count(status.parked)
            )
        )
    return SEPARATOR.join(parts), _tooltip(status)


# ---------------------------------------------------------------- refused rows
_TABLES = {
    "broadcast_session": str(QT_TRANSLATE_NOOP("SyncText", "Session")),
    "guest": str(QT_TRANSLATE_NOOP("SyncText", "Guest")),
    "agenda_item": str(QT_TRANSLATE_NOOP("SyncText", "Agenda item")),
    "question": str(QT_TRANSLATE_NOOP("SyncText", "Question")),
    "answer": str(QT_TRANSLATE_NOOP("SyncText", "Answer")),
    "question_airing": str(QT_TRANSLATE_NOOP("SyncText", "Question airing")),
    "follow_up": str(QT_TRANSLATE_NOOP("SyncText", "Follow-up")),
    "follow_up_event": str(QT_TRANSLATE_NOOP("SyncText", "Follow-up event")),
    "audit_entry": str(QT_TRANSLATE_NOOP("SyncText", "Audit entry")),
    "output_run": str(QT_TRANSLATE_NOOP("SyncText", "Recording/stream run")),
    "agenda_mark": str(QT_TRANSLATE_NOOP("SyncText", "Agenda mark")),
    "studio": str(QT_TRANSLATE_NOOP("SyncText", "Studio")),
    "department": str(QT_TRANSLATE_NOOP("SyncText", "Department")),
}

_REASONS = {
    RejectReason.NOT_YOURS.value: str(QT_TRANSLATE_NOOP("SyncText", "it names another studio")),
    RejectReason.INVALID.value: str(
        QT_TRANSLATE_NOOP("SyncText", "a value is missing, of the wrong kind or too long")
    ),
    RejectReason.CONFLICT.value: str(
        QT_TRANSLATE_NOOP("SyncText", "its id is taken by a row this studio may not change")
    ),
    RejectReason.READ_ONLY.value: str(
        QT_TRANSLATE_NOOP("SyncText", "this studio may not write this kind of row")
    ),
    ORPHAN_REASON: str(QT_TRANSLATE_NOOP("SyncText", "its parent row is missing here")),
}


def sync_table_label(table: str) -> str:
    """The translated name of a kind of synced row (``question`` → ``Question``)."""
    label = _TABLES.get(table)
    return _tr(label) if label else table


def sync_reason_text(reason: str) -> str:
    """Why the archive refused a row, translated; an unknown reason shows its raw value."""
    label = _REASONS.get(reason)
    return _tr(label) if label else reason


# ---------------------------------------------------------------- reports
def sync_report_text(report: SyncReport) -> str:
    """What one sync did, in a sentence: ``Sent 120 rows, received 8 rows (3 replies …).``."""
    if report.pushed == 0 and report.pulled == 0:
        text = QCoreApplication.translate("SyncText", "Up to date: nothing to send or receive.")
    elif report.department_events == 1:
        text = QCoreApplication.translate(
            "SyncText", "Sent {sent}, received {received} (1 reply from a department)."
        ).format(sent=_rows(report.pushed), received=_rows(report.pulled))
    elif report.department_events > 1:
        text = QCoreApplication.translate(
            "SyncText", "Sent {sent}, received {received} ({replies} replies from departments)."
        )
        text = text.format(
            sent=_rows(report.pushed),
            received=_rows(report.pulled),
            replies=format_count(report.department_events),
        )
    else:
        text = QCoreApplication.translate("SyncText", "Sent {sent}, received {received}.").format(
            sent=_rows(report.pushed), received=_rows(report.pulled)
        )
    if report.rejected:
        text += " " + QCoreApplication.translate(
            "SyncText", "The archive refused {rows}: see Refused rows."
        ).format(rows=_rows(report.rejected))
    if report.orphans:
        text += " " + QCoreApplication.translate(
            "SyncText", "Left out {rows} whose parent row is missing here."
        ).format(rows=_rows(report.orphans))
    return text
