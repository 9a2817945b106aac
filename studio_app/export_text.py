"""The words of exported files in the current language (QtCore only: window and command line)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio_app.domain.masking import PersonalDataKind
from studio_app.messages import (
    channel_text,
    follow_up_status_label,
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


def personal_data_text(kind: PersonalDataKind) -> str:
    """The translated name of a kind of personal data (plural: "ID numbers")."""
    return QCoreApplication.translate("PersonalData", _PERSONAL_DATA[kind])


def export_labels() -> ExportLabels:
    """Every word of the exported files, translated."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("Export", text)

    return ExportLabels(
        channel=channel_text,
        question_state=state_label,
        follow_up_status=follow_up_status_label,
        session_status=status_label,
        personal_data=personal_data_text,
        yes=tr("Yes"),
        no=tr("No"),
        none=tr("—"),
        no_category=tr("(no category)"),
        rehearsal=tr("Rehearsal"),
        sheet_questions=tr("Questions"),
        sheet_follow_ups=tr("Follow-ups"),
        sheet_summary=tr("Summary"),
        col_session=tr("Session"),
        col_session_date=tr("Session date"),
        col_number=tr("No."),
        col_received=tr("Received"),
        col_channel=tr("Channel"),
        col_category=tr("Category"),
        col_asker=tr("Asker"),
        col_phone=tr("Phone"),
        col_question=tr("Question"),
        col_display_text=tr("On-air text"),
        col_state=tr("State"),
        col_answer=tr("Answer"),
        col_answered_by=tr("Answered by"),
        col_on_air_at=tr("On air at"),
        col_timecode=tr("Recording timecode"),
        col_follow_up_count=tr("Follow-ups"),
        col_question_number=tr("Question no."),
        col_promise=tr("Promise"),
        col_lead=tr("Lead department"),
        col_supporting=tr("Supporting departments"),
        col_responsible=tr("Responsible person"),
        col_deadline=tr("Deadline"),
        col_status=tr("Status"),
        col_latest_reply=tr("Latest reply"),
        col_overdue=tr("Overdue"),
        col_days_taken=tr("Days taken"),
        col_created=tr("Promised on"),
        col_contact=tr("Resident contact"),
        col_agenda_item=tr("Agenda item"),
        col_planned_minutes=tr("Planned (min)"),
        col_started=tr("Started"),
        col_ended=tr("Ended"),
        col_on_air_minutes=tr("On air (min)"),
        col_speaker=tr("Speaker"),
        col_count=tr("Count"),
        col_share=tr("Share"),
        ledger_title=tr("Q&A ledger"),
        report_title=tr("Session report"),
        studio=tr("Studio"),
        date=tr("Date"),
        location=tr("Location"),
        session_status_heading=tr("Status"),
        scheduled=tr("Scheduled"),
        went_live=tr("Went live"),
        ended=tr("Ended"),
        description=tr("About this session"),
        guests=tr("Guests"),
        agenda=tr("Run of show"),
        questions=tr("Questions and answers"),
        question_heading=lambda n: tr("Question {0}").format(n),
        answer=tr("Answer"),
        no_answer=tr("No answer recorded."),
        promises=tr("Promises"),
        follow_ups=tr("Follow-up status"),
        statistics=tr("Statistics"),
        sessions_count=tr("Sessions"),
        questions_count=tr("Questions received"),
        aired_count=tr("Questions on air"),
        answered_count=tr("Questions answered"),
        follow_ups_count=tr("Follow-ups"),
        done_count=tr("Done"),
        overdue_count=tr("Overdue"),
        completion_rate=tr("Completion rate"),
        on_time_rate=tr("On-time rate"),
        by_channel=tr("By channel"),
        by_category=tr("By category"),
        by_state=tr("By state"),
        by_status=tr("Follow-ups by status"),
        exported_at=tr("Exported"),
        exported_by=tr("Exported by"),
        page=lambda n, total: tr("Page {0} of {1}").format(n, total),
        public_note=tr(
            "Public version: residents' contact data and rejected questions are left out; "
            "personal data in the text is masked."
        ),
        internal_note=tr("Internal record: contains residents' personal data. Do not publish."),
        nothing=tr("None."),
        public_suffix=tr(" (public)"),
        record_title=tr("Session records"),
        clips_folder=tr("clips"),
        question_chapter=lambda n, text: tr("Question {0}: {1}").format(n, text),
        recording=lambda n: tr("Recording {0}").format(n),
        clip_name=lambda n: tr("Question {0}").format(f"{n:03d}"),
        # >>> fields the writers added
        # <<<
    )
