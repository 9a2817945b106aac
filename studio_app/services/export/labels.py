"""The words exports write (headers, headings, names of states), translated by the caller.

Services stay Qt-free: :func:`studio_app.export_text.export_labels` fills this from Qt's
translations for the window and the command line. The English defaults here are for tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from studio_app.domain.followups import FollowUpStatus
from studio_app.domain.masking import PersonalDataKind
from studio_app.domain.questions import Channel, QuestionState
from studio_app.domain.sessions import SessionStatus


def _value(item: object) -> str:
    return str(getattr(item, "value", item)).replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class ExportLabels:
    """Every visible word of the exported files."""

    # names of values
    channel: Callable[[Channel], str] = _value
    question_state: Callable[[QuestionState], str] = _value
    follow_up_status: Callable[[FollowUpStatus], str] = _value
    session_status: Callable[[SessionStatus], str] = _value
    personal_data: Callable[[PersonalDataKind], str] = _value
    yes: str = "Yes"
    no: str = "No"
    none: str = "—"
    no_category: str = "(no category)"
    rehearsal: str = "Rehearsal"
    # ledger sheets and their columns
    sheet_questions: str = "Questions"
    sheet_follow_ups: str = "Follow-ups"
    sheet_summary: str = "Summary"
    col_session: str = "Session"
    col_session_date: str = "Session date"
    col_number: str = "No."
    col_received: str = "Received"
    col_channel: str = "Channel"
    col_category: str = "Category"
    col_asker: str = "Asker"
    col_phone: str = "Phone"
    col_question: str = "Question"
    col_display_text: str = "On-air text"
    col_state: str = "State"
    col_answer: str = "Answer"
    col_answered_by: str = "Answered by"
    col_on_air_at: str = "On air at"
    col_timecode: str = "Recording timecode"
    col_follow_up_count: str = "Follow-ups"
    col_question_number: str = "Question no."
    col_promise: str = "Promise"
    col_lead: str = "Lead department"
    col_supporting: str = "Supporting departments"
    col_responsible: str = "Responsible person"
    col_deadline: str = "Deadline"
    col_status: str = "Status"
    col_latest_reply: str = "Latest reply"
    col_overdue: str = "Overdue"
    col_days_taken: str = "Days taken"
    col_created: str = "Promised on"
    col_contact: str = "Resident contact"
    col_agenda_item: str = "Agenda item"
    col_planned_minutes: str = "Planned (min)"
    col_started: str = "Started"
    col_ended: str = "Ended"
    col_on_air_minutes: str = "On air (min)"
    col_speaker: str = "Speaker"
    col_count: str = "Count"
    col_share: str = "Share"
    # summary and report
    ledger_title: str = "Q&A ledger"
    report_title: str = "Session report"
    studio: str = "Studio"
    date: str = "Date"
    location: str = "Location"
    session_status_heading: str = "Status"
    scheduled: str = "Scheduled"
    went_live: str = "Went live"
    ended: str = "Ended"
    description: str = "About this session"
    guests: str = "Guests"
    agenda: str = "Run of show"
    questions: str = "Questions and answers"
    question_heading: Callable[[int], str] = field(default=lambda n: f"Question {n}")
    answer: str = "Answer"
    no_answer: str = "No answer recorded."
    promises: str = "Promises"
    follow_ups: str = "Follow-up status"
    statistics: str = "Statistics"
    sessions_count: str = "Sessions"
    questions_count: str = "Questions received"
    aired_count: str = "Questions on air"
    answered_count: str = "Questions answered"
    follow_ups_count: str = "Follow-ups"
    done_count: str = "Done"
    overdue_count: str = "Overdue"
    completion_rate: str = "Completion rate"
    on_time_rate: str = "On-time rate"
    by_channel: str = "By channel"
    by_category: str = "By category"
    by_state: str = "By state"
    by_status: str = "Follow-ups by status"
    exported_at: str = "Exported"
    exported_by: str = "Exported by"
    page: Callable[[int, int], str] = field(default=lambda n, total: f"Page {n} of {total}")
    public_note: str = (
        "Public version: residents' contact data and rejected questions are left out; "
        "personal data in the text is masked."
    )
    internal_note: str = "Internal record: contains residents' personal data. Do not publish."
    nothing: str = "None."
    # file names
    public_suffix: str = " (public)"
    record_title: str = "Session records"
    clips_folder: str = "clips"
    # chapters and clips
    question_chapter: Callable[[int, str], str] = field(
        default=lambda n, text: f"Question {n}: {text}"
    )
    recording: Callable[[int], str] = field(default=lambda n: f"Recording {n}")
    clip_name: Callable[[int], str] = field(default=lambda n: f"Question {n:03d}")
    # --- more ledger words (xlsx) ---
    #: The summary's "first–last session date" line.
    period: str = "Period"
    #: A name with what qualifies it: "Li Fang (Director, Transport Office)", a rehearsal's
    #: title with "(Rehearsal)".
    name_with_details: Callable[[str, str], str] = field(
        default=lambda name, details: f"{name} ({details})"
    )
    #: Between a person's role and department inside :attr:`name_with_details`.
    details_separator: str = ", "
    #: Between names listed in one ledger cell (supporting departments).
    name_list_separator: str = ", "
    # --- more report words (docx/pdf) ---
    #: The guests table's columns.
    col_name: str = "Name"
    col_title: str = "Title"
    col_department: str = "Department"
    #: A question's heading with its state, for questions that were not aired (rejected…).
    question_heading_with_state: Callable[[str, str], str] = field(
        default=lambda heading, state: f"{heading} ({state})"
    )
    #: One promise under its question: the promise, lead department, deadline, status.
    promise_line: Callable[[str, str, str, str], str] = field(
        default=lambda promise, lead, deadline, status: (
            f"{promise} ({lead}; deadline {deadline}; {status})"
        )
    )
    #: The report's last lines: which program (and version) wrote it.
    produced_with: str = "Produced with"
    app_name: Callable[[str], str] = field(default=lambda version: f"Village Studio {version}")
    # --- more csv/json words ---
    #: RejectionReason, EventKind and EventOrigin names (typed loosely: no import here).
    rejection_reason: Callable[[object], str] = _value
    event_kind: Callable[[object], str] = _value
    event_origin: Callable[[object], str] = _value
    #: Between the items of a list inside one cell (guests, supporting departments).
    list_separator: str = "; "
    col_schema_version: str = "Schema version"
    col_session_id: str = "Session ID"
    col_question_id: str = "Question ID"
    col_follow_up_id: str = "Follow-up ID"
    col_position: str = "Order"
    col_scene: str = "Scene"
    col_notes: str = "Notes"
    col_rejection_reason: str = "Rejection reason"
    col_rejection_note: str = "Rejection note"
    col_merged_into: str = "Merged into No."
    col_ask_count: str = "Times asked"
    col_queue_position: str = "Queue position"
    col_sensitive_override: str = "Aired despite sensitive words"
    col_answer_role: str = "Answerer's title"
    col_answer_department: str = "Answerer's department"
    col_answered_at: str = "Answer recorded"
    col_on_air_seconds: str = "On air (s)"
    col_done_at: str = "Done on"
    col_event_at: str = "Time"
    col_event_kind: str = "Entry"
    col_event_text: str = "Text"
    col_author: str = "Author"
    col_origin: str = "From"
    # --- more chapter and clip words ---
    #: Chapter for a recording's lead-in (countdown, waiting screen) before the first item.
    chapter_before_show: str = "Before the show"
    #: Chapter title of an agenda item without a title.
    chapter_untitled: str = "Untitled"
