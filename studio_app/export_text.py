"""The words of exported files in the current language (QtCore only: window and command line)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio_app.domain.followups import EventKind, EventOrigin
from studio_app.domain.masking import PersonalDataKind
from studio_app.domain.questions import RejectionReason
from studio_app.messages import (
    channel_text,
    follow_up_status_label,
    reason_label,
    state_label,
    status_label,
)
from studio_app.services.export.labels import ExportLabels

_PERSONAL_DATA = {
    PersonalDataKind.MOBILE: str(QT_TRANSLATE_NOOP("PersonalData", "mobile numbers")),
    PersonalDataKind.LANDLINE: str(QT_TRANSLATE_NOOP("PersonalData", "landline numbers")),
    PersonalDataKind.ID_NUMBER: str(QT_TRANSLATE_NOOP("PersonalData", "ID numbers")),
    PersonalDataKind.BANK_CARD: str(QT_TRANSLATE_NOOP("PersonalData", "bank card numbers")),
    PersonalDataKind.PLATE: str(QT_TRANSLATE_NOOP("PersonalData", "licence plates")),
    PersonalDataKind.ADDRESS: str(QT_TRANSLATE_NOOP("PersonalData", "house addresses")),
    PersonalDataKind.NAME: str(QT_TRANSLATE_NOOP("PersonalData", "names")),
}

_EVENT_KINDS = {
    EventKind.STATUS: str(QT_TRANSLATE_NOOP("EventKind", "Status change")),
    EventKind.REPLY: str(QT_TRANSLATE_NOOP("EventKind", "Progress reply")),
}
_EVENT_ORIGINS = {
    EventOrigin.STUDIO: str(QT_TRANSLATE_NOOP("EventOrigin", "Studio")),
    EventOrigin.DEPARTMENT: str(QT_TRANSLATE_NOOP("EventOrigin", "Department")),
}


def personal_data_text(kind: PersonalDataKind) -> str:
    """The translated name of a kind of personal data (plural: "ID numbers")."""
    return QCoreApplication.translate("PersonalData", _PERSONAL_DATA[kind])


def export_labels() -> ExportLabels:
    """Every word of the exported files, translated."""
    return ExportLabels(
        channel=channel_text,
        question_state=state_label,
        follow_up_status=follow_up_status_label,
        session_status=status_label,
        personal_data=personal_data_text,
        yes=QCoreApplication.translate("Export", "Yes"),
        no=QCoreApplication.translate("Export", "No"),
        none=QCoreApplication.translate("Export", "—"),
        no_category=QCoreApplication.translate("Export", "(no category)"),
        rehearsal=QCoreApplication.translate("Export", "Rehearsal"),
        sheet_questions=QCoreApplication.translate("Export", "Questions"),
        sheet_follow_ups=QCoreApplication.translate("Export", "Follow-ups"),
        sheet_summary=QCoreApplication.translate("Export", "Summary"),
        col_session=QCoreApplication.translate("Export", "Session"),
        col_session_date=QCoreApplication.translate("Export", "Session date"),
        col_number=QCoreApplication.translate("Export", "No."),
        col_received=QCoreApplication.translate("Export", "Received"),
        col_channel=QCoreApplication.translate("Export", "Channel"),
        col_category=QCoreApplication.translate("Export", "Category"),
        col_asker=QCoreApplication.translate("Export", "Asker"),
        col_phone=QCoreApplication.translate("Export", "Phone"),
        col_question=QCoreApplication.translate("Export", "Question"),
        col_display_text=QCoreApplication.translate("Export", "On-air text"),
        col_state=QCoreApplication.translate("Export", "State"),
        col_answer=QCoreApplication.translate("Export", "Answer"),
        col_answered_by=QCoreApplication.translate("Export", "Answered by"),
        col_on_air_at=QCoreApplication.translate("Export", "On air at"),
        col_timecode=QCoreApplication.translate("Export", "Recording timecode"),
        col_follow_up_count=QCoreApplication.translate("Export", "Follow-ups"),
        col_question_number=QCoreApplication.translate("Export", "Question no."),
        col_promise=QCoreApplication.translate("Export", "Promise"),
        col_lead=QCoreApplication.translate("Export", "Lead department"),
        col_supporting=QCoreApplication.translate("Export", "Supporting departments"),
        col_responsible=QCoreApplication.translate("Export", "Responsible person"),
        col_deadline=QCoreApplication.translate("Export", "Deadline"),
        col_status=QCoreApplication.translate("Export", "Status"),
        col_latest_reply=QCoreApplication.translate("Export", "Latest reply"),
        col_overdue=QCoreApplication.translate("Export", "Overdue"),
        col_days_taken=QCoreApplication.translate("Export", "Days taken"),
        col_created=QCoreApplication.translate("Export", "Promised on"),
        col_contact=QCoreApplication.translate("Export", "Resident contact"),
        col_agenda_item=QCoreApplication.translate("Export", "Agenda item"),
        col_planned_minutes=QCoreApplication.translate("Export", "Planned (min)"),
        col_started=QCoreApplication.translate("Export", "Started"),
        col_ended=QCoreApplication.translate("Export", "Ended"),
        col_on_air_minutes=QCoreApplication.translate("Export", "On air (min)"),
        col_speaker=QCoreApplication.translate("Export", "Speaker"),
        col_count=QCoreApplication.translate("Export", "Count"),
        col_share=QCoreApplication.translate("Export", "Share"),
        ledger_title=QCoreApplication.translate("Export", "Q&A ledger"),
        report_title=QCoreApplication.translate("Export", "Session report"),
        studio=QCoreApplication.translate("Export", "Studio"),
        date=QCoreApplication.translate("Export", "Date"),
        location=QCoreApplication.translate("Export", "Location"),
        session_status_heading=QCoreApplication.translate("Export", "Status"),
        scheduled=QCoreApplication.translate("Export", "Scheduled"),
        went_live=QCoreApplication.translate("Export", "Went live"),
        ended=QCoreApplication.translate("Export", "Ended"),
        description=QCoreApplication.translate("Export", "About this session"),
        guests=QCoreApplication.translate("Export", "Guests"),
        agenda=QCoreApplication.translate("Export", "Run of show"),
        questions=QCoreApplication.translate("Export", "Questions and answers"),
        question_heading=lambda n: QCoreApplication.translate("Export", "Question {0}").format(n),
        answer=QCoreApplication.translate("Export", "Answer"),
        no_answer=QCoreApplication.translate("Export", "No answer recorded."),
        promises=QCoreApplication.translate("Export", "Promises"),
        follow_ups=QCoreApplication.translate("Export", "Follow-up status"),
        statistics=QCoreApplication.translate("Export", "Statistics"),
        sessions_count=QCoreApplication.translate("Export", "Sessions"),
        questions_count=QCoreApplication.translate("Export", "Questions received"),
        aired_count=QCoreApplication.translate("Export", "Questions on air"),
        answered_count=QCoreApplication.translate("Export", "Questions answered"),
        follow_ups_count=QCoreApplication.translate("Export", "Follow-ups"),
        done_count=QCoreApplication.translate("Export", "Done"),
        overdue_count=QCoreApplication.translate("Export", "Overdue"),
        completion_rate=QCoreApplication.translate("Export", "Completion rate"),
        on_time_rate=QCoreApplication.translate("Export", "On-time rate"),
        by_channel=QCoreApplication.translate("Export", "By channel"),
        by_category=QCoreApplication.translate("Export", "By category"),
        by_state=QCoreApplication.translate("Export", "By state"),
        by_status=QCoreApplication.translate("Export", "Follow-ups by status"),
        exported_at=QCoreApplication.translate("Export", "Exported"),
        exported_by=QCoreApplication.translate("Export", "Exported by"),
        page=lambda n, total: QCoreApplication.translate("Export", "Page {0} of {1}").format(
            n, total
        ),
        public_note=QCoreApplication.translate(
            "Export",
            "Public version: residents' contact data and rejected questions are left out; "
            "personal data in the text is masked.",
        ),
        internal_note=QCoreApplication.translate(
            "Export", "Internal record: contains residents' personal data. Do not publish."
        ),
        nothing=QCoreApplication.translate("Export", "None."),
        public_suffix=QCoreApplication.translate("Export", " (public)"),
        record_title=QCoreApplication.translate("Export", "Session records"),
        clips_folder=QCoreApplication.translate("Export", "clips"),
        question_chapter=lambda n, text: QCoreApplication.translate(
            "Export", "Question {0}: {1}"
        ).format(n, text),
        recording=lambda n: QCoreApplication.translate("Export", "Recording {0}").format(n),
        clip_name=lambda n: QCoreApplication.translate("Export", "Question {0}").format(f"{n:03d}"),
        period=QCoreApplication.translate("Export", "Period"),
        name_with_details=lambda name, details: QCoreApplication.translate(
            "Export", "{0} ({1})"
        ).format(name, details),
        details_separator=QCoreApplication.translate("Export", ", "),
        name_list_separator=QCoreApplication.translate("Export", ", "),
        col_name=QCoreApplication.translate("Export", "Name"),
        col_title=QCoreApplication.translate("Export", "Title"),
        col_department=QCoreApplication.translate("Export", "Department"),
        question_heading_with_state=lambda heading, state: QCoreApplication.translate(
            "Export", "{0} ({1})"
        ).format(heading, state),
        promise_line=lambda promise, lead, deadline, status: QCoreApplication.translate(
            "Export", "{0} ({1}; deadline {2}; {3})"
        ).format(promise, lead, deadline, status),
        produced_with=QCoreApplication.translate("Export", "Produced with"),
        app_name=lambda version: QCoreApplication.translate("Export", "Village Studio {0}").format(
            version
        ),
        rejection_reason=lambda reason: reason_label(RejectionReason(str(reason))),
        event_kind=lambda kind: QCoreApplication.translate(
            "EventKind", _EVENT_KINDS[EventKind(str(kind))]
        ),
        event_origin=lambda origin: QCoreApplication.translate(
            "EventOrigin", _EVENT_ORIGINS[EventOrigin(str(origin))]
        ),
        list_separator=QCoreApplication.translate("Export", "; "),
        col_schema_version=QCoreApplication.translate("Export", "Schema version"),
        col_session_id=QCoreApplication.translate("Export", "Session ID"),
        col_question_id=QCoreApplication.translate("Export", "Question ID"),
        col_follow_up_id=QCoreApplication.translate("Export", "Follow-up ID"),
        col_position=QCoreApplication.translate("Export", "Order"),
        col_scene=QCoreApplication.translate("Export", "Scene"),
        col_notes=QCoreApplication.translate("Export", "Notes"),
        col_rejection_reason=QCoreApplication.translate("Export", "Rejection reason"),
        col_rejection_note=QCoreApplication.translate("Export", "Rejection note"),
        col_merged_into=QCoreApplication.translate("Export", "Merged into No."),
        col_ask_count=QCoreApplication.translate("Export", "Times asked"),
        col_queue_position=QCoreApplication.translate("Export", "Queue position"),
        col_sensitive_override=QCoreApplication.translate(
            "Export", "Aired despite sensitive words"
        ),
        col_answer_role=QCoreApplication.translate("Export", "Answerer's title"),
        col_answer_department=QCoreApplication.translate("Export", "Answerer's department"),
        col_answered_at=QCoreApplication.translate("Export", "Answer recorded"),
        col_on_air_seconds=QCoreApplication.translate("Export", "On air (s)"),
        col_done_at=QCoreApplication.translate("Export", "Done on"),
        col_event_at=QCoreApplication.translate("Export", "Time"),
        col_event_kind=QCoreApplication.translate("Export", "Entry"),
        col_event_text=QCoreApplication.translate("Export", "Text"),
        col_author=QCoreApplication.translate("Export", "Author"),
        col_origin=QCoreApplication.translate("Export", "From"),
        chapter_before_show=QCoreApplication.translate("Export", "Before the show"),
        chapter_untitled=QCoreApplication.translate("Export", "Untitled"),
    )
