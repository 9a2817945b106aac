"""Translated, user-facing messages for storage and domain errors (QtCore only: GUI and CLI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio_app.domain.errors import DomainError, IllegalTransitionError, ValidationError
from studio_app.domain.followups import FollowUpStatus
from studio_app.domain.questions import MAX_QUESTION_LENGTH, Channel, QuestionState, RejectionReason
from studio_app.domain.screening import AirBlockedError
from studio_app.domain.sessions import SessionStatus
from studio_app.services.intake.importer import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportErrorCode,
    ImportFileError,
    SkipReason,
    WarningKind,
)
from studio_app.services.obs.errors import (
    RESOURCE_NOT_FOUND,
    ObsConnectionLostError,
    ObsError,
    ObsNotConnectedError,
    ObsRequestError,
)
from studio_app.services.obs.model import ConnectionState, ConnectionStatus
from studio_app.services.overlay.compose import OverlayLabels
from studio_app.services.questions import NothingToUndoError, UndoConflictError
from studio_app.storage.errors import (
    AlreadyRunningError,
    DatabaseBusyError,
    DatabaseCorruptError,
    DiskFullError,
    MigrationError,
    NewerDatabaseError,
    ReadOnlyError,
    StorageError,
)

if TYPE_CHECKING:
    from studio_app.services.export.service import ExportResult


def storage_error_text(error: StorageError) -> tuple[str, str]:
    """A translated (title, message) for a storage error: what happened, where, what to do."""
    path = str(error.path)
    if isinstance(error, AlreadyRunningError):
        return QCoreApplication.translate(
            "Errors", "Village Studio is already running"
        ), QCoreApplication.translate(
            "Errors",
            "Another Village Studio window is already using the data folder\n{path}\n\n"
            "Switch to that window. If none is open, wait a few seconds and start again.",
        ).format(path=path)
    if isinstance(error, NewerDatabaseError):
        return QCoreApplication.translate(
            "Errors", "Data from a newer version"
        ), QCoreApplication.translate(
            "Errors",
            "The database\n{path}\nwas written by a newer version of Village Studio.\n\n"
            "Install the newer version to open it. Nothing was changed in the file.",
        ).format(path=path)
    if isinstance(error, DatabaseCorruptError):
        return QCoreApplication.translate(
            "Errors", "The database cannot be read"
        ), QCoreApplication.translate(
            "Errors",
            "The file\n{path}\nis not a Village Studio database or is damaged.\n\n"
            "Nothing was changed in it. Restore the newest copy from the 'backups' folder "
            "next to it, or move the file away to start with an empty database.",
        ).format(path=path)
    if isinstance(error, ReadOnlyError):
        return QCoreApplication.translate(
            "Errors", "The data folder is read-only"
        ), QCoreApplication.translate(
            "Errors",
            "Village Studio cannot write to\n{path}\n\n"
            "Give your user write permission there, unlock the USB stick, or start the app "
            "with --data-dir pointing to a writable folder. Your saved records are intact.",
        ).format(path=path)
    if isinstance(error, DiskFullError):
        return QCoreApplication.translate("Errors", "The disk is full"), QCoreApplication.translate(
            "Errors",
            "There is no space left to save to\n{path}\n\n"
            "Free some space on that disk (old recordings are the usual cause), then try "
            "again. Everything saved before is intact; what you typed is still on screen.",
        ).format(path=path)
    if isinstance(error, DatabaseBusyError):
        return QCoreApplication.translate(
            "Errors", "The database is busy"
        ), QCoreApplication.translate(
            "Errors",
            "Another program is holding the database\n{path}\nlocked. Close it (a backup "
            "or sync tool, a database viewer) and try again.",
        ).format(path=path)
    if isinstance(error, MigrationError):
        backup = (
            str(error.backup)
            if error.backup
            else QCoreApplication.translate("Errors", "(none needed)")
        )
        return QCoreApplication.translate(
            "Errors", "The database could not be upgraded"
        ), QCoreApplication.translate(
            "Errors",
            "Upgrading\n{path}\nto this version failed and was undone; the file is as it "
            "was. A copy taken before the upgrade is at\n{backup}\n\n"
            "Please send the log file to your support contact.",
        ).format(path=path, backup=backup)
    return QCoreApplication.translate("Errors", "Storage problem"), QCoreApplication.translate(
        "Errors",
        "Village Studio could not use\n{path}\n\nCheck that the disk is connected and "
        "working, then try again.",
    ).format(path=path)


#: Field labels, marked for lupdate here and translated when a message is built.
_FIELD_NAMES = {
    "session.title": str(QT_TRANSLATE_NOOP("Errors", "Title")),
    "session.planned_minutes": str(QT_TRANSLATE_NOOP("Errors", "Planned duration")),
    "guest.name": str(QT_TRANSLATE_NOOP("Errors", "Guest name")),
    "agenda.title": str(QT_TRANSLATE_NOOP("Errors", "Agenda item title")),
    "agenda.planned_minutes": str(QT_TRANSLATE_NOOP("Errors", "Agenda item duration")),
    "agenda.speaker": str(QT_TRANSLATE_NOOP("Errors", "Agenda item speaker")),
    "question.text": str(QT_TRANSLATE_NOOP("Errors", "Question text")),
    "question.display_text": str(QT_TRANSLATE_NOOP("Errors", "On-air text")),
    "question.rejection_note": str(QT_TRANSLATE_NOOP("Errors", "Reason for rejecting")),
    "follow_up.promise": str(QT_TRANSLATE_NOOP("Errors", "Promised action")),
    "follow_up.lead_department": str(QT_TRANSLATE_NOOP("Errors", "Lead department")),
    "follow_up_event.text": str(QT_TRANSLATE_NOOP("Errors", "Reply or reason")),
    "operator.name": str(QT_TRANSLATE_NOOP("Errors", "Operator name")),
    "name": str(QT_TRANSLATE_NOOP("Errors", "Name")),
    "workdays": str(QT_TRANSLATE_NOOP("Errors", "Number of working days")),
}


def _special_validation_text(error: ValidationError) -> str:
    """Messages for refusals that need more than "{field} is not valid."."""
    key = (error.field, error.problem)
    if key == ("follow_up.deadline", "in_past"):
        return QCoreApplication.translate(
            "Errors",
            "The deadline is in the past: the follow-up would be overdue at once. Pick a later "
            "date, or confirm that this is an older promise being recorded.",
        )
    if key == ("follow_up.lead_department", "unknown"):
        return QCoreApplication.translate(
            "Errors", "That department is no longer in the list. Pick the department again."
        )
    if key == ("follow_up.supporting_departments", "contains_lead"):
        return QCoreApplication.translate(
            "Errors", "The lead department cannot also be a supporting department."
        )
    if key == ("answer.question", "not_on_air"):
        return QCoreApplication.translate(
            "Errors",
            "This question has not been on air, so it has no answer to record. Take it to air "
            "first, or defer it to answer it in writing after the show.",
        )
    if key == ("operator.name", "duplicate"):
        return QCoreApplication.translate(
            "Errors", "There is already an operator with that name. Pick it from the list."
        )
    if error.field == "workdays.line":
        return QCoreApplication.translate(
            "Errors",
            "Line {line} of the working-day file is not valid: write a date and “holiday” or "
            "“workday”, e.g. 2027-01-01 holiday.",
        ).format(line=error.params.get("line", "?"))
    return ""


def domain_error_text(error: DomainError) -> str:
    """A translated one-line message for a refused operation."""
    if isinstance(error, AirBlockedError) and error.reason == "personal_data":
        return QCoreApplication.translate(
            "Errors",
            "Not on air: the on-air text still contains personal data. Edit the on-air text "
            "(E) to remove it first.",
        )
    if isinstance(error, AirBlockedError):
        return QCoreApplication.translate(
            "Errors",
            "Not on air: the on-air text contains sensitive words (highlighted). Edit it, or "
            "allow it explicitly with “Allow sensitive words” (Ctrl+Shift+A).",
        )
    if isinstance(error, NothingToUndoError):
        return QCoreApplication.translate("Errors", "There is nothing to undo.")
    if isinstance(error, UndoConflictError):
        return QCoreApplication.translate(
            "Errors",
            "Not undone: the question changed again since. Change it back by hand if needed.",
        )
    if (
        isinstance(error, ValidationError)
        and error.field == "question.display_text"
        and (error.problem == "not_editable")
    ):
        return QCoreApplication.translate(
            "Errors", "An answered or merged question's on-air text can no longer be edited."
        )
    if isinstance(error, ValidationError):
        special = _special_validation_text(error)
        if special:
            return special
    if isinstance(error, ValidationError) and error.field == "question.merged_into":
        return QCoreApplication.translate(
            "Errors",
            "These questions cannot be merged: pick two different open questions of this "
            "session (undo a merge into a merged question first).",
        )
    if isinstance(error, ValidationError):
        field = _FIELD_NAMES.get(error.field)
        name = QCoreApplication.translate("Errors", field) if field else error.field
        if error.problem == "required":
            return QCoreApplication.translate("Errors", "{field} is required.").format(field=name)
        if error.problem == "too_long":
            return QCoreApplication.translate("Errors", "{field} is too long.").format(field=name)
        if error.problem == "out_of_range":
            return QCoreApplication.translate("Errors", "{field} is out of range.").format(
                field=name
            )
        if error.problem == "closed":
            return QCoreApplication.translate(
                "Errors", "This session is closed; reopen it before editing."
            )
        return QCoreApplication.translate("Errors", "{field} is not valid.").format(field=name)
    if isinstance(error, IllegalTransitionError):
        return QCoreApplication.translate(
            "Errors", "That step is not possible in the current state."
        )
    return QCoreApplication.translate("Errors", "The operation was refused.")


def obs_status_text(status: ConnectionStatus) -> tuple[str, str]:
    """A translated (status-bar label, what to do) for the OBS connection."""
    state = status.state
    if state is ConnectionState.CONNECTED:
        return QCoreApplication.translate("Obs", "OBS: connected (OBS {version})").format(
            version=status.obs_version
        ), ""
    if state is ConnectionState.CONNECTING:
        return QCoreApplication.translate("Obs", "OBS: connecting…"), ""
    if state is ConnectionState.WRONG_PASSWORD:
        return QCoreApplication.translate("Obs", "OBS: wrong password"), QCoreApplication.translate(
            "Obs",
            "Enter the password shown in OBS under Tools → WebSocket Server Settings "
            "(“Show Connect Info”).",
        )
    if state is ConnectionState.NOT_RUNNING:
        return QCoreApplication.translate("Obs", "OBS: not running"), QCoreApplication.translate(
            "Obs", "Start OBS Studio on this computer; Village Studio connects by itself."
        )
    if state is ConnectionState.TOO_OLD:
        return QCoreApplication.translate("Obs", "OBS: too old"), QCoreApplication.translate(
            "Obs", "Install OBS Studio 29 or newer (obs-websocket {version} is too old)."
        ).format(version=status.detail)
    if state is ConnectionState.UNREACHABLE:
        return QCoreApplication.translate("Obs", "OBS: not reachable"), QCoreApplication.translate(
            "Obs",
            "Check the address and port in the settings, and that the WebSocket server is "
            "enabled in OBS (Tools → WebSocket Server Settings).",
        )
    return QCoreApplication.translate("Obs", "OBS: not connected"), ""


def obs_error_text(error: ObsError) -> str:
    """A translated one-line message for an OBS request that did not go through."""
    if isinstance(error, ObsNotConnectedError):
        return QCoreApplication.translate(
            "Obs", "OBS is not connected: nothing was sent. Check the OBS status above."
        )
    if isinstance(error, ObsConnectionLostError):
        return QCoreApplication.translate(
            "Obs", "The connection to OBS broke; Village Studio is reconnecting. Try again."
        )
    if isinstance(error, ObsRequestError) and error.code == RESOURCE_NOT_FOUND:
        return QCoreApplication.translate(
            "Obs", "OBS does not have that scene or source (was it renamed or removed?)."
        )
    if isinstance(error, ObsRequestError):
        return QCoreApplication.translate("Obs", "OBS refused the request: {reason}").format(
            reason=error.comment or error.code
        )
    return QCoreApplication.translate("Obs", "The request to OBS failed.")


def import_error_text(error: ImportFileError) -> str:
    """A translated message for a file that cannot be imported: what is wrong, what to do."""
    translate = QCoreApplication.translate
    path = str(error.path)
    code = error.code
    if code is ImportErrorCode.NOT_FOUND:
        text = translate("Import", "The file {path} does not exist. Check its name and folder.")
    elif code is ImportErrorCode.UNREADABLE:
        text = translate(
            "Import",
            "The file {path} cannot be read. If it is open in Excel or WPS, close it there "
            "and try again.",
        )
    elif code is ImportErrorCode.EMPTY_FILE:
        text = translate("Import", "The file {path} is empty: there is nothing to import.")
    elif code is ImportErrorCode.NO_HEADER:
        text = translate(
            "Import",
            "The first filled row of {path} holds data, not column names. Insert a row with "
            "column names (for example 时间, 提问人, 问题) above the data and import again.",
        )
    elif code is ImportErrorCode.NO_QUESTION_COLUMN:
        text = translate(
            "Import",
            "No column of {path} was recognised as the question text. Its columns: "
            "{columns}. Choose the column that holds the questions.",
        )
    elif code is ImportErrorCode.NO_ROWS:
        text = translate("Import", "The file {path} has column names but no rows under them.")
    elif code is ImportErrorCode.NOT_A_TABLE:
        text = translate(
            "Import",
            "The file {path} is not a table (CSV or Excel .xlsx). If it opens in Excel or "
            "WPS, save it from there as .xlsx and import that file.",
        )
    elif code is ImportErrorCode.UNSUPPORTED_FORMAT:
        text = translate(
            "Import",
            "The file {path} is an old-format (.xls) or password-protected workbook. Open it "
            "in Excel or WPS, remove any password, save it as .xlsx (Excel workbook) and "
            "import that file.",
        )
    elif code is ImportErrorCode.TOO_LARGE:
        text = translate(
            "Import",
            "The file {path} is too large: at most {rows} rows and {megabytes} MB can be "
            "imported at once. Split it into smaller files.",
        )
    elif code is ImportErrorCode.UNREADABLE_XLSX:
        text = translate(
            "Import",
            "The workbook {path} is damaged and cannot be read. Open it in Excel or WPS "
            "(they can often repair it), save it again as .xlsx and import that file.",
        )
    elif code is ImportErrorCode.NO_SUCH_SHEET:
        text = translate(
            "Import", "The workbook {path} has no sheet named “{sheet}”. Its sheets: {sheets}."
        )
    else:
        text = translate("Import", "The file {path} cannot be imported.")
    names = ", ".join(f"“{name}”" for name in error.names if name)
    return text.format(
        path=path,
        columns=names,
        sheets=names,
        sheet=error.detail,
        rows=f"{MAX_ROWS:,}",
        megabytes=MAX_FILE_BYTES // (1024 * 1024),
    )


#: Why rows were skipped and what was odd in imported rows, marked for lupdate here.
_SKIP_REASONS = {
    SkipReason.EMPTY_ROW: str(QT_TRANSLATE_NOOP("Import", "empty row")),
    SkipReason.TEXT_EMPTY: str(QT_TRANSLATE_NOOP("Import", "no question text")),
    SkipReason.TEXT_TOO_LONG: str(
        QT_TRANSLATE_NOOP("Import", "question text longer than {max} characters")
    ),
    SkipReason.DUPLICATE: str(QT_TRANSLATE_NOOP("Import", "same as an earlier row")),
}
_WARNINGS = {
    WarningKind.BAD_TIME: str(
        QT_TRANSLATE_NOOP("Import", "time not understood; imported without a time")
    ),
    WarningKind.UNKNOWN_CHANNEL: str(
        QT_TRANSLATE_NOOP("Import", "unknown channel; imported as “other”")
    ),
    WarningKind.PHONE_DIGITS_LOST: str(
        QT_TRANSLATE_NOOP("Import", "phone number in Excel's scientific notation; digits are lost")
    ),
}


def skip_reason_text(reason: SkipReason) -> str:
    """A translated label for why a row was skipped."""
    return QCoreApplication.translate("Import", _SKIP_REASONS[reason]).format(
        max=MAX_QUESTION_LENGTH
    )


def import_warning_text(kind: WarningKind) -> str:
    """A translated label for something odd in an imported row."""
    return QCoreApplication.translate("Import", _WARNINGS[kind])


_CHANNEL_NAMES = {
    Channel.HOTLINE: str(QT_TRANSLATE_NOOP("Channel", "Hotline")),
    Channel.ONLINE: str(QT_TRANSLATE_NOOP("Channel", "Online message")),
    Channel.SOCIAL: str(QT_TRANSLATE_NOOP("Channel", "Social media")),
    Channel.LIVE_COMMENT: str(QT_TRANSLATE_NOOP("Channel", "Live comment")),
    Channel.IN_ROOM: str(QT_TRANSLATE_NOOP("Channel", "In the studio")),
    Channel.OTHER: str(QT_TRANSLATE_NOOP("Channel", "Other")),
}


def channel_text(channel: Channel) -> str:
    """The translated name of a channel."""
    return QCoreApplication.translate("Channel", _CHANNEL_NAMES[channel])


def overlay_labels() -> OverlayLabels:
    """The overlay's own words in the current language."""
    return OverlayLabels(
        question_heading=QCoreApplication.translate("Overlay", "Residents ask"),
        coming_up_heading=QCoreApplication.translate("Overlay", "Coming up"),
        ask_count=lambda n: QCoreApplication.translate("Overlay", "{n} residents asked").format(
            n=n
        ),
        channel=channel_text,
    )


#: Human names of the audit trail's action names, marked for lupdate here.
_AUDIT_ACTIONS = {
    "session.created": str(QT_TRANSLATE_NOOP("AuditActions", "Session created")),
    "session.deleted": str(QT_TRANSLATE_NOOP("AuditActions", "Session deleted")),
    "session.live": str(QT_TRANSLATE_NOOP("AuditActions", "Show went live")),
    "session.ended": str(QT_TRANSLATE_NOOP("AuditActions", "Show ended")),
    "session.closed": str(QT_TRANSLATE_NOOP("AuditActions", "Record closed")),
    "session.reopened": str(QT_TRANSLATE_NOOP("AuditActions", "Record reopened")),
    "session.rehearsal_created": str(QT_TRANSLATE_NOOP("AuditActions", "Rehearsal copy made")),
    "session.practice_created": str(
        QT_TRANSLATE_NOOP("AuditActions", "Practice session with sample questions made")
    ),
    "studio.renamed": str(QT_TRANSLATE_NOOP("AuditActions", "Studio renamed")),
    "question.filed": str(QT_TRANSLATE_NOOP("AuditActions", "Question entered")),
    "question.imported": str(QT_TRANSLATE_NOOP("AuditActions", "Questions imported")),
    "question.approved": str(QT_TRANSLATE_NOOP("AuditActions", "Approved")),
    "question.rejected": str(QT_TRANSLATE_NOOP("AuditActions", "Rejected")),
    "question.deferred": str(QT_TRANSLATE_NOOP("AuditActions", "Deferred")),
    "question.reinstated": str(QT_TRANSLATE_NOOP("AuditActions", "Reinstated")),
    "question.display_edited": str(QT_TRANSLATE_NOOP("AuditActions", "On-air text edited")),
    "question.sensitive_override": str(
        QT_TRANSLATE_NOOP("AuditActions", "Sensitive words allowed on air")
    ),
    "question.sensitive_override_withdrawn": str(
        QT_TRANSLATE_NOOP("AuditActions", "Sensitive-word permission withdrawn")
    ),
    "question.merged": str(QT_TRANSLATE_NOOP("AuditActions", "Merged as duplicate")),
    "question.unmerged": str(QT_TRANSLATE_NOOP("AuditActions", "Merge undone")),
    "question.queued": str(QT_TRANSLATE_NOOP("AuditActions", "Added to the on-air queue")),
    "question.dequeued": str(QT_TRANSLATE_NOOP("AuditActions", "Taken out of the queue")),
    "question.moved": str(QT_TRANSLATE_NOOP("AuditActions", "Moved in the queue")),
    "question.on_air": str(QT_TRANSLATE_NOOP("AuditActions", "Taken to air")),
    "question.answered": str(QT_TRANSLATE_NOOP("AuditActions", "Marked answered")),
    "question.pulled": str(QT_TRANSLATE_NOOP("AuditActions", "Pulled off air")),
    "question.undone": str(QT_TRANSLATE_NOOP("AuditActions", "Action undone")),
    "answer.saved": str(QT_TRANSLATE_NOOP("AuditActions", "Answer recorded")),
    "agenda.on_air": str(QT_TRANSLATE_NOOP("AuditActions", "Agenda item on air")),
    "record.started": str(QT_TRANSLATE_NOOP("AuditActions", "Recording started")),
    "record.stopped": str(QT_TRANSLATE_NOOP("AuditActions", "Recording stopped")),
    "record.interrupted": str(QT_TRANSLATE_NOOP("AuditActions", "Recording interrupted")),
    "stream.started": str(QT_TRANSLATE_NOOP("AuditActions", "Stream started")),
    "stream.stopped": str(QT_TRANSLATE_NOOP("AuditActions", "Stream stopped")),
    "stream.interrupted": str(QT_TRANSLATE_NOOP("AuditActions", "Stream interrupted")),
    "stream.failed": str(QT_TRANSLATE_NOOP("AuditActions", "Stream failed to start")),
    "follow_up.created": str(QT_TRANSLATE_NOOP("AuditActions", "Follow-up created")),
    "follow_up.status": str(QT_TRANSLATE_NOOP("AuditActions", "Follow-up status changed")),
    "follow_up.reply": str(QT_TRANSLATE_NOOP("AuditActions", "Follow-up progress noted")),
    "department.added": str(QT_TRANSLATE_NOOP("AuditActions", "Department added")),
}


def audit_action_text(action: str) -> str:
    """The translated name of an audit action; an unknown action shows its raw name."""
    label = _AUDIT_ACTIONS.get(action)
    return QCoreApplication.translate("AuditActions", label) if label else action


_OPERATOR_ROLES = {
    "director": str(QT_TRANSLATE_NOOP("OperatorRoles", "Director")),
    "moderator": str(QT_TRANSLATE_NOOP("OperatorRoles", "Moderator")),
    "recorder": str(QT_TRANSLATE_NOOP("OperatorRoles", "Recorder")),
    "other": str(QT_TRANSLATE_NOOP("OperatorRoles", "Other")),
}


def operator_role_text(role: object) -> str:
    """The translated name of an operator role (an ``OperatorRole`` or its value)."""
    value = str(getattr(role, "value", role))
    label = _OPERATOR_ROLES.get(value)
    return QCoreApplication.translate("OperatorRoles", label) if label else value


_STATUS_LABELS = {
    SessionStatus.PLANNED: str(QT_TRANSLATE_NOOP("Status", "Planned")),
    SessionStatus.LIVE: str(QT_TRANSLATE_NOOP("Status", "Live")),
    SessionStatus.ENDED: str(QT_TRANSLATE_NOOP("Status", "Ended")),
    SessionStatus.CLOSED: str(QT_TRANSLATE_NOOP("Status", "Closed")),
}


def status_label(status: SessionStatus) -> str:
    """The translated name of a session status."""
    return QCoreApplication.translate("Status", _STATUS_LABELS[status])


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


# ---------------------------------------------------------------- export
def export_error_text(error: BaseException) -> str | None:
    """What to tell the operator when an export failed (``None``: not an export failure)."""
    from studio_app.services.export.base import ExportCancelledError
    from studio_app.services.export.files import ExportWriteError
    from studio_app.services.export.service import NothingToExportError, PersonalDataLeftError
    from studio_app.storage.repositories import NotFoundError

    if isinstance(error, ExportWriteError):
        texts = {
            ExportWriteError.NO_SPACE: QCoreApplication.translate(
                "ExportErrors",
                "The disk is full: {0} could not be written. Free some space or choose "
                "another folder; nothing half-written was left behind.",
            ),
            ExportWriteError.READ_ONLY: QCoreApplication.translate(
                "ExportErrors",
                "{0} cannot be written here (read-only or no permission). Choose another "
                "folder, e.g. your Documents.",
            ),
            ExportWriteError.NOT_FOUND: QCoreApplication.translate(
                "ExportErrors",
                "The folder for {0} does not exist and cannot be created (is a file in the "
                "way, or a USB stick gone?). Choose another folder.",
            ),
        }
        text = texts.get(
            error.reason,
            QCoreApplication.translate(
                "ExportErrors",
                "{0} could not be written ({1}). Choose another folder and try again.",
            ),
        )
        return text.format(error.path, error.detail)
    if isinstance(error, ExportCancelledError):
        return QCoreApplication.translate(
            "ExportErrors", "The export was cancelled. No half-written file was left behind."
        )
    if isinstance(error, NothingToExportError):
        return QCoreApplication.translate(
            "ExportErrors",
            "There is nothing to export: no session matches. Check the dates or ids.",
        )
    if isinstance(error, PersonalDataLeftError):
        places = ", ".join(f"{found.session_title}: {found.where}" for found in error.found[:5])
        return QCoreApplication.translate(
            "ExportErrors",
            "The public version still contains personal data ({0}), so nothing was written. "
            "Edit those texts to mask it, or export the internal version instead.",
        ).format(places)
    if isinstance(error, NotFoundError):
        return QCoreApplication.translate(
            "ExportErrors", "A session to export no longer exists. Refresh the list and try again."
        )
    from studio_app.services.export.clips import ClipError
    from studio_app.services.export.fonts import FontNotFoundError

    if isinstance(error, FontNotFoundError):
        if error.reason == FontNotFoundError.UNREADABLE:
            return QCoreApplication.translate(
                "ExportErrors",
                "The Chinese font for the PDF cannot be read ({0}). Choose another font file.",
            ).format(error.detail)
        return QCoreApplication.translate(
            "ExportErrors",
            "No Chinese font was found for the PDF. Install one (on Linux: the fonts-noto-cjk "
            "package; Windows has Microsoft YaHei) or name a font file with --font. "
            "Looked in: {0}",
        ).format(", ".join(error.searched[:6]))
    if isinstance(error, ClipError):
        path = str(error.path) if error.path is not None else ""
        clip_texts = {
            ClipError.NO_FFMPEG: QCoreApplication.translate(
                "ExportErrors",
                "FFmpeg was not found, so no clips can be cut. Install FFmpeg (on Linux: the "
                "ffmpeg package) and try again.",
            ),
            ClipError.NO_RECORDING: QCoreApplication.translate(
                "ExportErrors",
                "The recording {0} is not there (moved or deleted?). Choose the recording "
                "file of this session.",
            )
            if path
            else QCoreApplication.translate(
                "ExportErrors",
                "OBS reported no recording file for this session. Choose the recording.",
            ),
            ClipError.NOTHING_TO_CUT: QCoreApplication.translate(
                "ExportErrors",
                "No question was on air while the recording ran, so there is nothing to cut.",
            ),
            ClipError.SEVERAL_RECORDINGS: QCoreApplication.translate(
                "ExportErrors",
                "This session has several recordings: clips are cut from the files OBS "
                "made, so do not name one.",
            ),
            ClipError.UNREADABLE_RECORDING: QCoreApplication.translate(
                "ExportErrors", "{0} cannot be read as a video. Choose the session's recording."
            ),
            ClipError.RECORDING_TOO_SHORT: QCoreApplication.translate(
                "ExportErrors",
                "{0} ends before the questions went on air: it is not this session's "
                "recording. Choose the right file.",
            ),
        }
        return clip_texts.get(
            error.reason,
            QCoreApplication.translate(
                "ExportErrors", "FFmpeg could not cut the clips. The log has the details."
            ),
        ).format(path)
    return None


def record_import_error_text(error: BaseException) -> str | None:
    """What to tell the operator when a session-record file cannot be imported."""
    from studio_app.services.export.record_import import RecordImportError

    if not isinstance(error, RecordImportError):
        return None

    texts = {
        RecordImportError.NOT_FOUND: QCoreApplication.translate(
            "RecordImport", "The file is not there. Check the name and folder."
        ),
        RecordImportError.UNREADABLE: QCoreApplication.translate(
            "RecordImport", "The file cannot be read (permissions, or a folder?)."
        ),
        RecordImportError.NOT_A_RECORD: QCoreApplication.translate(
            "RecordImport",
            "This is not a Village Studio session record. Choose a .json file exported with "
            "“Export records”.",
        ),
        RecordImportError.DAMAGED: QCoreApplication.translate(
            "RecordImport",
            "The record is damaged or cut short ({0}). Export it again from the other studio.",
        ),
        RecordImportError.NEWER_SCHEMA: QCoreApplication.translate(
            "RecordImport",
            "The record was written by a newer Village Studio (format {1}; this one reads up "
            "to {2}). Update this app first.",
        ),
        RecordImportError.INVALID: QCoreApplication.translate(
            "RecordImport", "The record has a wrong or missing value at {0}. Nothing was imported."
        ),
    }
    text = texts.get(
        error.reason, QCoreApplication.translate("RecordImport", "The record cannot be imported.")
    )
    return text.format(error.where, error.found_version, error.supported_version)


def withheld_lines(result: ExportResult) -> list[str]:
    """What a public export left out, one line each, for the operator (empty if internal)."""
    from studio_app.export_text import personal_data_text

    held = result.withheld
    if held is None:
        return []

    lines = [
        QCoreApplication.translate("ExportWithheld", "Public version: withheld from the files")
    ]
    if not held.anything:
        lines.append(
            "  "
            + QCoreApplication.translate(
                "ExportWithheld", "nothing: there was no private data to leave out."
            )
        )
        return lines
    if held.rejected:
        lines.append(
            "  "
            + QCoreApplication.translate("ExportWithheld", "{0} rejected questions:").format(
                len(held.rejected)
            )
        )
        lines.extend(f"    {q.session_title} #{q.number}: {q.excerpt}" for q in held.rejected[:20])
        if len(held.rejected) > 20:
            lines.append(
                "    "
                + QCoreApplication.translate("ExportWithheld", "… and {0} more").format(
                    len(held.rejected) - 20
                )
            )
    if held.phones:
        lines.append(
            "  "
            + QCoreApplication.translate("ExportWithheld", "{0} residents' phone numbers").format(
                held.phones
            )
        )
    if held.contacts:
        lines.append(
            "  "
            + QCoreApplication.translate(
                "ExportWithheld", "{0} residents' contacts on follow-ups"
            ).format(held.contacts)
        )
    if held.names:
        lines.append(
            "  "
            + QCoreApplication.translate(
                "ExportWithheld", "{0} askers' names shortened (张*)"
            ).format(held.names)
        )
    for kind, count in held.in_text.items():
        lines.append(
            "  "
            + QCoreApplication.translate(
                "ExportWithheld", "{0} {1} masked in questions, answers and replies"
            ).format(count, personal_data_text(kind))
        )
    if held.audit_entries:
        lines.append(
            "  "
            + QCoreApplication.translate("ExportWithheld", "the audit trail ({0} entries)").format(
                held.audit_entries
            )
        )
    return lines
