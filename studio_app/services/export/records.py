"""The session record as data: one lossless JSON file and CSV tables for spreadsheets.

JSON (:func:`write_json`) is the archive and exchange format: every field of every record,
ids as UUID strings, times as ISO 8601 in UTC, enums by value, read back by
:mod:`studio_app.services.export.record_import`. Layout: the document and each session are
indented one space per level with one key per line; every row (a question, an answer, a
follow-up with its events …) is one line of compact JSON. That keeps a 1 000-question
session diffable and small, and lets the C JSON encoder do the row work.

CSV (:func:`write_csv`) is for reading in Excel/WPS: UTF-8 with BOM, CRLF, translated
headers, local times, one file per table. A text cell that starts with ``= + - @``, a tab
or a carriage return gets a leading apostrophe so that a spreadsheet never runs a
resident's text as a formula (residents' messages come from outside: a hotline note or a
social-media comment could carry ``=HYPERLINK(…)`` or a DDE payload). The apostrophe
changes the cell's text; the JSON file is the lossless copy.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, tzinfo
from enum import Enum
from pathlib import Path
from typing import IO, Any

from studio_app.domain.export import (
    EXPORT_SCHEMA_VERSION,
    FollowUpRecord,
    SessionDossier,
    agenda_lines,
    follow_up_lines,
    format_timecode,
    publish,
    question_lines,
)
from studio_app.domain.organisation import Department, Studio
from studio_app.services.export.base import ExportContext
from studio_app.services.export.files import atomic_text, ensure_folder
from studio_app.services.export.labels import ExportLabels

#: The ``format`` value of a session-record JSON file.
RECORD_FORMAT = "village-studio/session-record"

SESSIONS_CSV = "sessions.csv"
AGENDA_CSV = "agenda.csv"
QUESTIONS_CSV = "questions.csv"
FOLLOW_UPS_CSV = "follow_ups.csv"
FOLLOW_UP_EVENTS_CSV = "follow_up_events.csv"
#: The CSV files :func:`write_csv` writes, in that order.
CSV_FILES = (SESSIONS_CSV, AGENDA_CSV, QUESTIONS_CSV, FOLLOW_UPS_CSV, FOLLOW_UP_EVENTS_CSV)

#: Fields a public JSON file leaves out altogether (``publish`` empties them anyway).
PUBLIC_LEFT_OUT: Mapping[str, frozenset[str]] = {
    "question": frozenset({"phone", "rejection_note"}),
    "follow_up": frozenset({"resident_contact"}),
}

#: Rows written between two looks at the cancel button.
_CHUNK = 500


def public_dossiers(
    dossiers: Sequence[SessionDossier], context: ExportContext
) -> list[SessionDossier]:
    """The dossiers as the export may write them: published when the export is public.

    The caller normally hands public exports published dossiers already (and shows what was
    withheld); publishing here again is a no-op then, and a safety net otherwise.
    """
    if not context.public:
        return list(dossiers)
    return [publish(d)[0] for d in dossiers]


# ---------------------------------------------------------------- JSON


def write_json(dossiers: Sequence[SessionDossier], path: Path, context: ExportContext) -> None:
    """Write ``dossiers`` as one session-record JSON file at ``path`` (UTF-8).

    Raises:
        ExportWriteError: The file could not be written (nothing is left of it).
        ExportCancelledError: The operator cancelled (nothing is left of it).
    """
    dossiers = public_dossiers(dossiers, context)
    public = context.public or any(d.public for d in dossiers)
    header = {
        "format": RECORD_FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "app_version": context.app_version,
        "exported_at": _iso(context.exported_at),
        "exported_by": context.exported_by,
        "public": public,
    }
    context.cancel.check()
    with atomic_text(path) as stream:
        stream.write("{\n")
        for key, value in header.items():
            stream.write(f" {_dump(key)}: {_dump(value)},\n")
        _write_list(stream, " ", "studios", (_dump(_row(s)) for s in _studios(dossiers)))
        stream.write(",\n")
        _write_list(stream, " ", "departments", (_dump(_row(d)) for d in _departments(dossiers)))
        stream.write(',\n "sessions": [')
        total = len(dossiers)
        for index, dossier in enumerate(dossiers):
            context.cancel.check()
            context.progress(index / total, dossier.session.title)
            stream.write("\n" if index == 0 else ",\n")
            stream.write("".join(_session_json(dossier, public, context)))
        stream.write("\n ]\n}\n" if dossiers else "]\n}\n")
        context.cancel.check()
    context.progress(1.0, "")


def _session_json(dossier: SessionDossier, public: bool, context: ExportContext) -> Iterator[str]:
    """One session object, indented two spaces, rows one per line."""
    session = dossier.session
    indent = "   "
    yield "  {\n"
    for key, value in _row(session, frozenset({"guests", "agenda"})).items():
        yield f"{indent}{_dump(key)}: {_dump(value)},\n"
    question_out = PUBLIC_LEFT_OUT["question"] if public else frozenset()
    follow_up_out = PUBLIC_LEFT_OUT["follow_up"] if public else frozenset()
    order = {q.id: n for n, q in enumerate(dossier.questions)}
    answers = sorted(
        dossier.answers.values(),
        key=lambda a: (order.get(a.question_id, len(order)), str(a.question_id)),
    )
    lists: list[tuple[str, Iterable[object]]] = [
        ("guests", (_row(g) for g in session.guests)),
        ("agenda", (_row(a) for a in session.agenda)),
        ("questions", _checked(_question_rows(dossier, question_out), context)),
        ("answers", (_row(a) for a in answers)),
        ("airings", (_row(a) for a in dossier.airings)),
        ("marks", (_row(m) for m in dossier.marks)),
        ("runs", (_row(r) for r in dossier.runs)),
        ("follow_ups", (_follow_up_row(r, follow_up_out) for r in dossier.follow_ups)),
    ]
    if not public:
        lists.append(("audit", (_row(e) for e in dossier.audit)))
    for number, (key, rows) in enumerate(lists):
        chunks: list[str] = []
        _write_list(_Collect(chunks), indent, key, (_dump(r) for r in rows))
        yield "".join(chunks)
        yield ",\n" if number + 1 < len(lists) else "\n"
    yield "  }"


def _question_rows(
    dossier: SessionDossier, left_out: frozenset[str]
) -> Iterator[dict[str, object]]:
    """Question rows led by the question's number (a public record's numbers have gaps)."""
    numbers = dossier.number_of()
    for question in dossier.questions:
        yield {"number": numbers[question.id], **_row(question, left_out)}


def _follow_up_row(record: FollowUpRecord, left_out: frozenset[str]) -> dict[str, object]:
    row = _row(record.follow_up, left_out)
    # Derived from the events (and ignored on import), for readers without the domain rules.
    row["status"] = record.state.status.value
    row["events"] = [_row(e) for e in record.events]
    return row


class _Collect:
    """A write-only stream into a list of strings."""

    def __init__(self, chunks: list[str]) -> None:
        self.chunks = chunks

    def write(self, text: str) -> int:
        self.chunks.append(text)
        return len(text)


def _write_list(stream: IO[str] | _Collect, indent: str, key: str, rows: Iterable[str]) -> None:
    """``"key": [`` rows one per line ``]`` at ``indent`` (no trailing comma or newline)."""
    stream.write(f"{indent}{_dump(key)}: [")
    empty = True
    for row in rows:
        stream.write(f"\n{indent} {row}" if empty else f",\n{indent} {row}")
        empty = False
    stream.write("]" if empty else f"\n{indent}]")


def _checked(rows: Iterable[dict[str, object]], context: ExportContext) -> Iterator[Any]:
    """``rows``, looking at the cancel button every few hundred."""
    for index, row in enumerate(rows):
        if index % _CHUNK == _CHUNK - 1:
            context.cancel.check()
        yield row


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _row(item: object, left_out: frozenset[str] = frozenset()) -> dict[str, object]:
    """Every field of a domain dataclass, in declaration order, as JSON values."""
    kind = type(item)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))  # type: ignore[arg-type]
    return {name: _json_value(getattr(item, name)) for name in names if name not in left_out}


def _json_value(value: object) -> object:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str | float):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        # Audit snapshots: keys sorted, so that the file does not depend on how they were read.
        return {str(k): _json_value(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def _iso(moment: datetime) -> str:
    """ISO 8601 in UTC with its offset (``+00:00``)."""
    return moment.astimezone(UTC).isoformat()


def _studios(dossiers: Iterable[SessionDossier]) -> list[Studio]:
    found: dict[uuid.UUID, Studio] = {}
    for dossier in dossiers:
        found.setdefault(dossier.studio.id, dossier.studio)
    return list(found.values())


def _departments(dossiers: Iterable[SessionDossier]) -> list[Department]:
    found: dict[uuid.UUID, Department] = {}
    for dossier in dossiers:
        for department in dossier.departments.values():
            found.setdefault(department.id, department)
    return sorted(found.values(), key=lambda d: (d.name, str(d.id)))


# ---------------------------------------------------------------- CSV

#: A text cell starting with one of these is prefixed with an apostrophe (see module doc).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell: ``None`` as empty, formula-looking text defused, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


Table = tuple[list[str], Iterable[Sequence[object]]]


def write_csv(
    dossiers: Sequence[SessionDossier], folder: Path, context: ExportContext
) -> list[Path]:
    """Write the record as CSV tables into ``folder``; return the files in :data:`CSV_FILES` order.

    The files appear together at the end: a failure or a cancel leaves none of them behind
    (and earlier files of the same names untouched).

    Raises:
        ExportWriteError: A file could not be written.
        ExportCancelledError: The operator cancelled.
    """
    dossiers = public_dossiers(dossiers, context)
    ensure_folder(folder)
    tables: list[tuple[str, Callable[[], Table]]] = [
        (SESSIONS_CSV, lambda: _sessions_table(dossiers, context)),
        (AGENDA_CSV, lambda: _agenda_table(dossiers, context)),
        (QUESTIONS_CSV, lambda: _questions_table(dossiers, context)),
        (FOLLOW_UPS_CSV, lambda: _follow_ups_table(dossiers, context)),
        (FOLLOW_UP_EVENTS_CSV, lambda: _events_table(dossiers, context)),
    ]
    paths = []
    with contextlib.ExitStack() as files:
        for index, (name, table) in enumerate(tables):
            context.cancel.check()
            context.progress(index / len(tables), name)
            path = folder / name
            stream = files.enter_context(atomic_text(path, bom=True))
            header, rows = table()
            writer = csv.writer(stream)
            writer.writerow([spreadsheet_safe(h) for h in header])
            for count, row in enumerate(rows, start=1):
                writer.writerow([spreadsheet_safe(v) for v in row])
                if count % _CHUNK == 0:
                    context.cancel.check()
            paths.append(path)
        context.cancel.check()
    context.progress(1.0, "")
    return paths


class _Cells:
    """How values become cell text: local times, yes/no, joined lists."""

    def __init__(self, context: ExportContext) -> None:
        self.labels: ExportLabels = context.labels
        self.tz: tzinfo | None = context.tz

    def time(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        return moment.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S")

    def day(self, value: date | None) -> str:
        return value.isoformat() if value is not None else ""

    def flag(self, value: bool) -> str:
        return self.labels.yes if value else self.labels.no

    def joined(self, items: Iterable[str]) -> str:
        return self.labels.list_separator.join(i for i in items if i)


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 1)


def _sessions_table(dossiers: Sequence[SessionDossier], context: ExportContext) -> Table:
    labels, cells = context.labels, _Cells(context)
    header = [
        labels.col_schema_version,
        labels.col_session_id,
        labels.col_session,
        labels.studio,
        labels.session_status_heading,
        labels.rehearsal,
        labels.scheduled,
        labels.went_live,
        labels.ended,
        labels.col_planned_minutes,
        labels.location,
        labels.description,
        labels.guests,
        labels.questions_count,
        labels.aired_count,
        labels.answered_count,
        labels.follow_ups_count,
    ]

    def rows() -> Iterator[list[object]]:
        for dossier in dossiers:
            session = dossier.session
            aired = {a.question_id for a in dossier.airings}
            yield [
                EXPORT_SCHEMA_VERSION,
                str(session.id),
                session.title,
                dossier.studio.name,
                labels.session_status(session.status),
                cells.flag(session.rehearsal),
                cells.time(session.scheduled_start),
                cells.time(session.started_at),
                cells.time(session.ended_at),
                session.planned_minutes,
                session.location,
                session.description,
                cells.joined(
                    " ".join(p for p in (g.name, g.title, g.department) if p)
                    for g in session.guests
                ),
                len(dossier.questions),
                sum(q.id in aired for q in dossier.questions),
                sum(q.id in dossier.answers for q in dossier.questions),
                len(dossier.follow_ups),
            ]

    return header, rows()


def _agenda_table(dossiers: Sequence[SessionDossier], context: ExportContext) -> Table:
    labels, cells = context.labels, _Cells(context)
    header = [
        labels.col_session_id,
        labels.col_session,
        labels.col_position,
        labels.col_agenda_item,
        labels.col_speaker,
        labels.col_planned_minutes,
        labels.col_started,
        labels.col_ended,
        labels.col_on_air_minutes,
        labels.col_timecode,
        labels.col_scene,
        labels.col_notes,
    ]

    def rows() -> Iterator[list[object]]:
        for dossier in dossiers:
            session = dossier.session
            guests = {g.id: g.name for g in session.guests}
            for position, span in enumerate(agenda_lines(dossier), start=1):
                item = span.item
                yield [
                    str(session.id),
                    session.title,
                    position,
                    item.title,
                    guests.get(item.speaker_id, "") if item.speaker_id else "",
                    item.planned_minutes,
                    cells.time(span.started_at),
                    cells.time(span.ended_at),
                    _minutes(span.on_air.total_seconds()),
                    format_timecode(span.record_ms) if span.record_ms is not None else "",
                    item.scene_name,
                    item.notes,
                ]

    return header, rows()


def _questions_table(dossiers: Sequence[SessionDossier], context: ExportContext) -> Table:
    labels, cells, public = context.labels, _Cells(context), context.public
    header = [
        labels.col_session_id,
        labels.col_session,
        labels.col_number,
        labels.col_question_id,
        labels.col_received,
        labels.col_channel,
        labels.col_category,
        labels.col_asker,
        *([] if public else [labels.col_phone]),
        labels.col_question,
        labels.col_display_text,
        labels.col_state,
        labels.col_rejection_reason,
        *([] if public else [labels.col_rejection_note]),
        labels.col_merged_into,
        labels.col_ask_count,
        labels.col_queue_position,
        labels.col_sensitive_override,
        labels.col_answer,
        labels.col_answered_by,
        labels.col_answer_role,
        labels.col_answer_department,
        labels.col_answered_at,
        labels.col_on_air_at,
        labels.col_timecode,
        labels.col_on_air_seconds,
        labels.col_follow_up_count,
    ]

    def rows() -> Iterator[list[object]]:
        for dossier in dossiers:
            session = dossier.session
            numbers = dossier.number_of()
            for line in question_lines(dossier):
                q, answer = line.question, line.answer
                reason = q.rejection_reason
                yield [
                    str(session.id),
                    session.title,
                    line.number,
                    str(q.id),
                    cells.time(q.received_at),
                    labels.channel(q.channel),
                    q.category,
                    q.asker,
                    *([] if public else [q.phone]),
                    q.text,
                    q.display_text,
                    labels.question_state(q.state),
                    labels.rejection_reason(reason) if reason is not None else "",
                    *([] if public else [q.rejection_note]),
                    numbers.get(q.merged_into) if q.merged_into else None,
                    q.ask_count,
                    q.queue_position,
                    cells.flag(q.sensitive_override),
                    answer.summary if answer else "",
                    answer.answered_by if answer else "",
                    answer.role if answer else "",
                    answer.department if answer else "",
                    cells.time(answer.created_at) if answer else "",
                    cells.time(line.on_air_at),
                    format_timecode(line.record_ms) if line.record_ms is not None else "",
                    round(line.on_air.total_seconds()) if line.on_air_at else None,
                    line.follow_up_count,
                ]

    return header, rows()


def _follow_ups_table(dossiers: Sequence[SessionDossier], context: ExportContext) -> Table:
    labels, cells, public = context.labels, _Cells(context), context.public
    header = [
        labels.col_session_id,
        labels.col_session,
        labels.col_follow_up_id,
        labels.col_question_number,
        labels.col_promise,
        labels.col_lead,
        labels.col_supporting,
        labels.col_responsible,
        labels.col_deadline,
        labels.col_created,
        labels.col_status,
        labels.col_overdue,
        labels.col_days_taken,
        labels.col_done_at,
        labels.col_latest_reply,
        *([] if public else [labels.col_contact]),
    ]

    def rows() -> Iterator[list[object]]:
        for dossier in dossiers:
            session = dossier.session
            for line in follow_up_lines(dossier, context.today, context.tz):
                follow_up, state = line.follow_up, line.record.state
                yield [
                    str(session.id),
                    session.title,
                    str(follow_up.id),
                    line.question_number,
                    follow_up.promise,
                    line.lead,
                    cells.joined(line.supporting),
                    follow_up.responsible_person,
                    cells.day(follow_up.deadline),
                    cells.time(follow_up.created_at),
                    labels.follow_up_status(line.status),
                    cells.flag(line.overdue),
                    line.days_taken,
                    cells.time(state.done_at),
                    state.latest_reply,
                    *([] if public else [follow_up.resident_contact]),
                ]

    return header, rows()


def _events_table(dossiers: Sequence[SessionDossier], context: ExportContext) -> Table:
    labels, cells = context.labels, _Cells(context)
    header = [
        labels.col_session_id,
        labels.col_session,
        labels.col_follow_up_id,
        labels.col_question_number,
        labels.col_event_at,
        labels.col_event_kind,
        labels.col_status,
        labels.col_event_text,
        labels.col_author,
        labels.col_origin,
    ]

    def rows() -> Iterator[list[object]]:
        for dossier in dossiers:
            session = dossier.session
            numbers = dossier.number_of()
            for record in dossier.follow_ups:
                follow_up = record.follow_up
                number = numbers.get(follow_up.question_id) if follow_up.question_id else None
                for event in record.events:
                    yield [
                        str(session.id),
                        session.title,
                        str(follow_up.id),
                        number,
                        cells.time(event.at),
                        labels.event_kind(event.kind),
                        labels.follow_up_status(event.status) if event.status else "",
                        event.text,
                        event.author,
                        labels.event_origin(event.origin),
                    ]

    return header, rows()
