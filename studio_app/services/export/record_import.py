"""Reading a session-record JSON file back, and importing it into a store with its ids.

:func:`read_record` checks the whole file and builds domain objects before anything is
written; :func:`import_record` then writes every session that the store does not have yet
in one transaction (a session already there is skipped and counted, so that running an
import twice is safe). Errors carry a machine ``reason`` (see :class:`RecordImportError`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark, OutputKind, OutputRun
from studio_app.domain.errors import ValidationError
from studio_app.domain.export import EXPORT_SCHEMA_VERSION, FollowUpRecord, SessionDossier
from studio_app.domain.followups import (
    EventKind,
    EventOrigin,
    FollowUp,
    FollowUpEvent,
    FollowUpStatus,
)
from studio_app.domain.organisation import Department, Studio
from studio_app.domain.questions import (
    Answer,
    Channel,
    Question,
    QuestionState,
    RejectionReason,
)
from studio_app.domain.record import QuestionAiring
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest, SessionStatus
from studio_app.services.export.records import RECORD_FORMAT

if TYPE_CHECKING:
    from studio_app.storage.store import Store, UnitOfWork

E = TypeVar("E", bound=Enum)


class RecordImportError(Exception):
    """A session-record file cannot be read or imported; ``reason`` says why.

    Attributes:
        reason: One of the ``*`` constants below.
        where: The place in the file (``sessions[0].questions[3].received_at``, or
            ``line 12 column 5`` for broken JSON); "" when it is the whole file.
        found_version: For ``newer_schema``: the file's schema version.
        supported_version: For ``newer_schema``: the newest version this app reads.
        detail: Technical detail for the log (never shown alone).
    """

    #: The file does not exist.
    NOT_FOUND = "not_found"
    #: The file cannot be opened or read (permissions, a folder, an I/O error).
    UNREADABLE = "unreadable"
    #: Not JSON, not UTF-8, or JSON that is not a session record (wrong or no ``format``).
    NOT_A_RECORD = "not_a_record"
    #: Starts like a session record but is not valid JSON: cut short or damaged.
    DAMAGED = "damaged"
    #: Written by a newer app version (``found_version`` > ``supported_version``).
    NEWER_SCHEMA = "newer_schema"
    #: A session record with a missing or wrong value at ``where``.
    INVALID = "invalid"

    def __init__(
        self,
        reason: str,
        *,
        where: str = "",
        found_version: int | None = None,
        supported_version: int | None = None,
        detail: str = "",
    ) -> None:
        text = reason + (f" at {where}" if where else "") + (f": {detail}" if detail else "")
        super().__init__(text)
        self.reason = reason
        self.where = where
        self.found_version = found_version
        self.supported_version = supported_version
        self.detail = detail


@dataclass(frozen=True, slots=True)
class SessionRecordFile:
    """A session-record file as read: the export's facts and each session's dossier."""

    schema_version: int
    app_version: str
    exported_at: datetime
    exported_by: str
    #: A public export: no phones, contacts, rejected questions or audit trail in it.
    public: bool
    studios: tuple[Studio, ...]
    departments: tuple[Department, ...]
    dossiers: tuple[SessionDossier, ...]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What :func:`import_record` wrote (counts of rows added)."""

    #: Sessions imported, in file order.
    imported: tuple[uuid.UUID, ...]
    #: Sessions left alone because the store has them already (or had: deleted ones too).
    skipped: tuple[uuid.UUID, ...]
    #: The file was a public export (masked, incomplete): flag it to the operator.
    public: bool
    studios: int = 0
    departments: int = 0
    questions: int = 0
    answers: int = 0
    airings: int = 0
    marks: int = 0
    runs: int = 0
    follow_ups: int = 0
    events: int = 0
    audit_entries: int = 0
    #: Agenda marks of items no longer on their session's agenda (removed after they aired):
    #: the store cannot hold them without the item, so they were left out.
    marks_left_out: int = 0
    #: Merged questions whose target is not in the file (a public export leaves rejected
    #: targets out): imported as merged, without the link.
    merges_unlinked: int = 0


# ---------------------------------------------------------------- reading


def read_record(path: Path) -> SessionRecordFile:
    """Read and check a session-record JSON file; nothing is written anywhere.

    Raises:
        RecordImportError: The file is missing, unreadable, not a record, damaged, from a
            newer app version, or invalid (with ``where``).
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as error:
        raise RecordImportError(RecordImportError.NOT_FOUND, detail=str(error)) from error
    except OSError as error:
        raise RecordImportError(RecordImportError.UNREADABLE, detail=str(error)) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordImportError(RecordImportError.NOT_A_RECORD, detail=str(error)) from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        looks_like = RECORD_FORMAT in text[:400] and text.lstrip().startswith("{")
        raise RecordImportError(
            RecordImportError.DAMAGED if looks_like else RecordImportError.NOT_A_RECORD,
            where=f"line {error.lineno} column {error.colno}",
            detail=error.msg,
        ) from error
    return parse_record(document)


def parse_record(document: object) -> SessionRecordFile:
    """Check a parsed session-record document and build its domain objects.

    Raises:
        RecordImportError: Not a record, a newer schema, or invalid (with ``where``).
    """
    if not isinstance(document, dict) or document.get("format") != RECORD_FORMAT:
        raise RecordImportError(RecordImportError.NOT_A_RECORD, where="format")
    top = _Node(document, "")
    version = top.integer("schema_version")
    if version > EXPORT_SCHEMA_VERSION:
        raise RecordImportError(
            RecordImportError.NEWER_SCHEMA,
            where="schema_version",
            found_version=version,
            supported_version=EXPORT_SCHEMA_VERSION,
        )
    if version < 1:
        _invalid(top.at("schema_version"), "unknown version")
    public = top.flag("public")
    studios = _unique(
        [
            Studio(id=n.id("id"), name=n.text("name"), region=n.text("region"))
            for n in top.rows("studios")
        ],
        "studios",
    )
    departments = _unique(
        [
            Department(
                id=n.id("id"), name=n.text("name"), code=n.text("code"), active=n.flag("active")
            )
            for n in top.rows("departments")
        ],
        "departments",
    )
    by_department = {d.id: d for d in departments}
    by_studio = {s.id: s for s in studios}
    dossiers = [_dossier(n, by_studio, by_department, public) for n in top.rows("sessions")]
    _unique([d.session for d in dossiers], "sessions")
    return SessionRecordFile(
        schema_version=version,
        app_version=top.text("app_version"),
        exported_at=top.moment("exported_at"),
        exported_by=top.text("exported_by"),
        public=public,
        studios=tuple(studios),
        departments=tuple(departments),
        dossiers=tuple(dossiers),
    )


def _dossier(
    node: _Node,
    studios: Mapping[uuid.UUID, Studio],
    departments: Mapping[uuid.UUID, Department],
    public: bool,
) -> SessionDossier:
    session_id = node.id("id")
    studio = studios.get(node.id("studio_id"))
    if studio is None:
        _invalid(node.at("studio_id"), "unknown studio")
    guests = tuple(
        Guest(
            id=g.id("id"),
            name=g.text("name"),
            title=g.text("title"),
            department=g.text("department"),
        )
        for g in node.rows("guests")
    )
    agenda = tuple(
        AgendaItem(
            id=a.id("id"),
            title=a.text("title"),
            planned_minutes=a.integer("planned_minutes"),
            scene_name=a.text("scene_name"),
            speaker_id=a.optional_id("speaker_id"),
            notes=a.text("notes"),
        )
        for a in node.rows("agenda")
    )
    session = _validated(
        node.where,
        BroadcastSession(
            id=session_id,
            studio_id=studio.id,
            title=node.text("title"),
            scheduled_start=node.optional_moment("scheduled_start"),
            planned_minutes=node.integer("planned_minutes"),
            location=node.text("location"),
            description=node.text("description"),
            status=node.choice("status", SessionStatus),
            guests=guests,
            agenda=agenda,
            created_at=node.moment("created_at"),
            updated_at=node.moment("updated_at"),
            rehearsal=node.flag("rehearsal"),
            started_at=node.optional_moment("started_at"),
            ended_at=node.optional_moment("ended_at"),
        ).validated,
    )
    question_nodes = node.rows("questions")
    questions = _unique(
        [_question(q, session_id, public) for q in question_nodes], node.at("questions")
    )
    # The numbers the ledger gave: a public record keeps the full record's (with gaps).
    numbers = None
    if public:
        pairs = zip(questions, question_nodes, strict=True)
        numbers = {q.id: n.integer("number", minimum=1) for q, n in pairs}
    question_ids = {q.id for q in questions}
    answers: dict[uuid.UUID, Answer] = {}
    for a in node.rows("answers"):
        answer = Answer(
            id=a.id("id"),
            studio_id=a.id("studio_id"),
            question_id=a.member("question_id", question_ids),
            summary=a.text("summary"),
            answered_by=a.text("answered_by"),
            role=a.text("role"),
            department=a.text("department"),
            created_at=a.moment("created_at"),
        )
        if answer.question_id in answers:
            _invalid(a.at("question_id"), "second answer")
        answers[answer.question_id] = answer
    airings = tuple(
        QuestionAiring(
            id=a.id("id"),
            session_id=a.member("session_id", {session_id}),
            question_id=a.member("question_id", question_ids),
            started_at=a.moment("started_at"),
            ended_at=a.optional_moment("ended_at"),
            start_record_ms=a.optional_integer("start_record_ms"),
            start_stream_ms=a.optional_integer("start_stream_ms"),
            end_record_ms=a.optional_integer("end_record_ms"),
            end_stream_ms=a.optional_integer("end_stream_ms"),
        )
        for a in node.rows("airings")
    )
    marks = tuple(
        _validated(
            m.where,
            AgendaMark(
                id=m.id("id"),
                session_id=m.member("session_id", {session_id}),
                # Not checked against the agenda: an item removed after it aired keeps
                # its marks (the import leaves those out and counts them).
                agenda_item_id=m.id("agenda_item_id"),
                at=m.moment("at"),
                record_ms=m.optional_integer("record_ms"),
                stream_ms=m.optional_integer("stream_ms"),
                scene_name=m.text("scene_name"),
            ).validated,
        )
        for m in node.rows("marks")
    )
    runs = tuple(
        _validated(
            r.where,
            OutputRun(
                id=r.id("id"),
                session_id=r.member("session_id", {session_id}),
                kind=r.choice("kind", OutputKind),
                started_at=r.moment("started_at"),
                stopped_at=r.optional_moment("stopped_at"),
                path=r.text("path"),
                interrupted=r.flag("interrupted"),
            ).validated,
        )
        for r in node.rows("runs")
    )
    follow_ups = tuple(
        _follow_up(f, session_id, question_ids, departments, public)
        for f in node.rows("follow_ups")
    )
    audit = tuple(_audit(e, session_id) for e in node.rows("audit", optional=public))
    for kind, items in (
        ("airings", airings),
        ("marks", marks),
        ("runs", runs),
        ("answers", tuple(answers.values())),
        ("follow_ups", tuple(r.follow_up for r in follow_ups)),
        ("audit", audit),
    ):
        _unique(list(items), node.at(kind))
    return SessionDossier(
        studio=studio,
        session=session,
        questions=tuple(questions),
        answers=answers,
        airings=airings,
        marks=marks,
        runs=runs,
        follow_ups=follow_ups,
        departments=dict(departments),
        audit=audit,
        public=public,
        numbers=numbers,
    )


def _question(node: _Node, session_id: uuid.UUID, public: bool) -> Question:
    reason = node.optional_choice("rejection_reason", RejectionReason)
    text = node.text("text")
    if not text.strip():
        _invalid(node.at("text"), "empty")
    return Question(
        id=node.id("id"),
        studio_id=node.id("studio_id"),
        session_id=node.member("session_id", {session_id}),
        text=text,
        display_text=node.text("display_text"),
        asker=node.text("asker"),
        phone=node.text("phone", optional=public),
        channel=node.choice("channel", Channel),
        category=node.text("category"),
        received_at=node.moment("received_at"),
        state=node.choice("state", QuestionState),
        rejection_reason=reason,
        rejection_note=node.text("rejection_note", optional=public),
        merged_into=node.optional_id("merged_into"),
        ask_count=node.integer("ask_count", minimum=1),
        queue_position=node.optional_integer("queue_position"),
        sensitive_override=node.flag("sensitive_override"),
    )


def _follow_up(
    node: _Node,
    session_id: uuid.UUID,
    question_ids: set[uuid.UUID],
    departments: Mapping[uuid.UUID, Department],
    public: bool,
) -> FollowUpRecord:
    question_id = node.optional_id("question_id")
    if question_id is not None and question_id not in question_ids:
        _invalid(node.at("question_id"), "unknown question")
    follow_up = FollowUp(
        id=node.id("id"),
        studio_id=node.id("studio_id"),
        session_id=node.member("session_id", {session_id}),
        promise=node.text("promise"),
        lead_department_id=node.member("lead_department_id", set(departments)),
        question_id=question_id,
        supporting_department_ids=node.ids("supporting_department_ids"),
        responsible_person=node.text("responsible_person"),
        deadline=node.optional_day("deadline"),
        resident_contact=node.text("resident_contact", optional=public),
        created_at=node.moment("created_at"),
    )
    events = [
        FollowUpEvent(
            id=e.id("id"),
            studio_id=e.id("studio_id"),
            follow_up_id=e.member("follow_up_id", {follow_up.id}),
            kind=e.choice("kind", EventKind),
            author=e.text("author"),
            at=e.moment("at"),
            status=e.optional_choice("status", FollowUpStatus),
            text=e.text("text"),
            origin=e.choice("origin", EventOrigin),
        )
        for e in node.rows("events")
    ]
    _unique(events, node.at("events"))
    return FollowUpRecord.of(follow_up, events)


def _audit(node: _Node, session_id: uuid.UUID) -> AuditEntry:
    return AuditEntry(
        id=node.id("id"),
        studio_id=node.id("studio_id"),
        at=node.moment("at"),
        operator=node.text("operator"),
        action=node.text("action"),
        entity=node.text("entity"),
        entity_id=node.id("entity_id"),
        session_id=node.member("session_id", {session_id}),
        before=node.snapshot("before"),
        after=node.snapshot("after"),
    )


_MISSING: Any = object()


class _Node:
    """One JSON object of the file and where it is, with typed, checked field access."""

    __slots__ = ("data", "where")

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            _invalid(where, "object expected")
        self.data: dict[str, Any] = data
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _get(self, key: str, kinds: type | tuple[type, ...], default: Any = _MISSING) -> Any:
        if key not in self.data:
            if default is _MISSING:
                _invalid(self.at(key), "missing")
            return default
        value = self.data[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _kinds(kinds)):
            _invalid(self.at(key), "wrong type")
        return value

    def text(self, key: str, *, optional: bool = False) -> str:
        value: str = self._get(key, str, "" if optional else _MISSING)
        return value

    def flag(self, key: str) -> bool:
        value: bool = self._get(key, bool)
        return value

    def integer(self, key: str, *, minimum: int = 0) -> int:
        value: int = self._get(key, int)
        if value < minimum:
            _invalid(self.at(key), "out of range")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self._get(key, (int, type(None))) is None else self.integer(key)

    def id(self, key: str) -> uuid.UUID:
        return _parse_id(self._get(key, str), self.at(key))

    def optional_id(self, key: str) -> uuid.UUID | None:
        return None if self._get(key, (str, type(None))) is None else self.id(key)

    def member(self, key: str, allowed: Iterable[uuid.UUID]) -> uuid.UUID:
        value = self.id(key)
        if value not in allowed:
            _invalid(self.at(key), "unknown or mismatched id")
        return value

    def ids(self, key: str) -> tuple[uuid.UUID, ...]:
        values: list[Any] = self._get(key, list)
        return tuple(_parse_id(v, f"{self.at(key)}[{n}]") for n, v in enumerate(values))

    def moment(self, key: str) -> datetime:
        value: str = self._get(key, str)
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            _invalid(self.at(key), "not a time")
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            _invalid(self.at(key), "time without offset")
        return parsed.astimezone(UTC)

    def optional_moment(self, key: str) -> datetime | None:
        return None if self._get(key, (str, type(None))) is None else self.moment(key)

    def optional_day(self, key: str) -> date | None:
        value: str | None = self._get(key, (str, type(None)))
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            _invalid(self.at(key), "not a date")

    def choice(self, key: str, kind: type[E]) -> E:
        value: str = self._get(key, str)
        try:
            return kind(value)
        except ValueError:
            _invalid(self.at(key), "unknown value")

    def optional_choice(self, key: str, kind: type[E]) -> E | None:
        return None if self._get(key, (str, type(None))) is None else self.choice(key, kind)

    def snapshot(self, key: str) -> Mapping[str, Any] | None:
        value: dict[str, Any] | None = self._get(key, (dict, type(None)))
        return value

    def rows(self, key: str, *, optional: bool = False) -> list[_Node]:
        values: list[Any] = self._get(key, list, [] if optional else _MISSING)
        where = self.at(key)
        return [_Node(value, f"{where}[{index}]") for index, value in enumerate(values)]


def _parse_id(value: object, where: str) -> uuid.UUID:
    if not isinstance(value, str):
        _invalid(where, "wrong type")
    try:
        return uuid.UUID(value)
    except ValueError:
        _invalid(where, "not an id")


def _kinds(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _invalid(where: str, detail: str) -> NoReturn:
    raise RecordImportError(RecordImportError.INVALID, where=where, detail=detail)


T = TypeVar("T")


def _validated(where: str, check: Callable[[], T]) -> T:
    """``check()`` (a domain ``validated``), its refusal as an invalid-record error."""
    try:
        return check()
    except (ValidationError, ValueError) as error:
        field = getattr(error, "field", "")
        _invalid(f"{where}.{field}" if field and where else where or field, str(error))


def _unique(items: list[T], where: str) -> list[T]:
    seen: set[object] = set()
    for index, item in enumerate(items):
        key = getattr(item, "id", None)
        if key in seen:
            _invalid(f"{where}[{index}].id" if where else f"[{index}].id", "duplicate id")
        seen.add(key)
    return items


# ---------------------------------------------------------------- importing


#: The counts of :class:`ImportSummary`.
_COUNTS = (
    "studios", "departments", "questions", "answers", "airings", "marks", "runs",
    "follow_ups", "events", "audit_entries", "marks_left_out", "merges_unlinked",
)  # fmt: skip


def import_record(store: Store, record: SessionRecordFile) -> ImportSummary:
    """Write ``record``'s sessions into ``store`` with their ids, in one transaction.

    A session the store has already (even deleted) is skipped and counted, so importing a
    file twice changes nothing the second time. For each new session: its studio if
    missing (sessions keep their own studio), departments missing by id, the session with
    guests, agenda, status and times, questions (state, merges and queue kept), answers,
    runs, agenda marks, airings, follow-ups with their events, and the audit trail. A
    failure writes nothing.

    Raises:
        StorageError: The store could not be written (nothing was).
    """
    counts = dict.fromkeys(_COUNTS, 0)
    with store.write() as uow:
        present = uow.sessions.stored_ids(d.session.id for d in record.dossiers)
        todo = [d for d in record.dossiers if d.session.id not in present]
        skipped = tuple(d.session.id for d in record.dossiers if d.session.id in present)
        if todo:
            for studio in {d.studio.id: d.studio for d in todo}.values():
                if not uow.studios.is_stored(studio.id):
                    uow.studios.add(studio)
                    counts["studios"] += 1
            known = uow.departments.stored_ids(d.id for d in record.departments)
            owner = todo[0].studio.id
            for department in record.departments:
                if department.id not in known:
                    uow.departments.add(department, owner)
                    counts["departments"] += 1
        for dossier in todo:
            _import_session(uow, dossier, counts)
    return ImportSummary(
        imported=tuple(d.session.id for d in todo),
        skipped=skipped,
        public=record.public,
        **counts,
    )


def _import_session(uow: UnitOfWork, dossier: SessionDossier, counts: dict[str, int]) -> None:
    session = dossier.session
    uow.sessions.insert_imported(session)
    uow.sessions.save_lifecycle(session)  # a no-op for a row just inserted as it was
    questions, unlinked = _links_within(dossier.questions)
    counts["questions"] += uow.questions.add_many(questions)
    counts["merges_unlinked"] += unlinked
    counts["answers"] += uow.answers.add_many(_by_question(dossier))
    for run in dossier.runs:
        uow.broadcast.save_run(run)
        counts["runs"] += 1
    agenda = {item.id for item in session.agenda}
    for mark in dossier.marks:
        if mark.agenda_item_id in agenda:
            uow.broadcast.add_mark(mark)
            counts["marks"] += 1
        else:
            counts["marks_left_out"] += 1
    counts["airings"] += uow.broadcast.add_airings(dossier.airings, session.studio_id)
    for record in dossier.follow_ups:
        uow.follow_ups.add(record.follow_up)
        counts["follow_ups"] += 1
        for event in record.events:
            uow.follow_ups.append_event(event)
            counts["events"] += 1
    for entry in dossier.audit:
        uow.audit.append(entry)
        counts["audit_entries"] += 1


def _by_question(dossier: SessionDossier) -> list[Answer]:
    order = {q.id: n for n, q in enumerate(dossier.questions)}
    return sorted(dossier.answers.values(), key=lambda a: order.get(a.question_id, len(order)))


def _links_within(questions: Sequence[Question]) -> tuple[list[Question], int]:
    """``questions`` with links to questions not among them dropped, and how many were.

    A merged question names its target by id (a foreign key); a public file leaves rejected
    targets out, so such a question keeps its state but loses the link.
    """
    ids = {q.id for q in questions}
    kept = []
    dropped = 0
    for question in questions:
        linked = question.merged_into is None or question.merged_into in ids
        kept.append(question if linked else replace(question, merged_into=None))
        dropped += not linked
    return kept, dropped
