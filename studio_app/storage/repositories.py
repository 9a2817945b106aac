"""Repositories: the only code that maps rows to domain objects and back.

Each repository works inside one SQLAlchemy session opened by the ``Store`` on the database
thread. Every write stamps the row with a fresh HLC value and marks it dirty for
sync; an update that changes nothing writes nothing. Reads skip tombstoned rows.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Row, String, func, select, type_coerce
from sqlalchemy.orm import Session

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark, OutputKind, OutputRun
from studio_app.domain.followups import (
    EventKind,
    EventOrigin,
    FollowUp,
    FollowUpEvent,
    HistoryStep,
)
from studio_app.domain.followups import FollowUpStatus as FStatus
from studio_app.domain.ids import HybridLogicalClock, utc_now
from studio_app.domain.operators import OperatorProfile, OperatorRole
from studio_app.domain.organisation import Department, Studio
from studio_app.domain.questions import Answer, Channel, Question, QuestionState, RejectionReason
from studio_app.domain.record import QuestionAiring
from studio_app.domain.sessions import (
    AgendaItem,
    BroadcastSession,
    Guest,
    SessionStatus,
    SessionSummary,
)
from studio_app.storage.models import (
    AgendaItemRow,
    AgendaMarkRow,
    AnswerRow,
    AuditRow,
    DepartmentRow,
    FollowUpEventRow,
    FollowUpRow,
    GuestRow,
    LocalSetting,
    OperatorRow,
    OutputRunRow,
    QuestionAiringRow,
    QuestionRow,
    SessionRow,
    StudioRow,
    SyncColumns,
)

RowT = TypeVar("RowT", bound=SyncColumns)
ChildT = TypeVar("ChildT", GuestRow, AgendaItemRow)
#: Rows that belong to one session and are tombstoned with it.
SessionChildT = TypeVar(
    "SessionChildT", GuestRow, AgendaItemRow, OutputRunRow, AgendaMarkRow, QuestionAiringRow
)


class NotFoundError(LookupError):
    """No live (non-tombstoned) row has that id."""

    def __init__(self, entity: str, entity_id: uuid.UUID) -> None:
        super().__init__(f"no {entity} with id {entity_id}")
        self.entity = entity
        self.entity_id = entity_id


class _Repository:
    def __init__(self, session: Session, clock: HybridLogicalClock) -> None:
        self._s = session
        self._clock = clock

    def _stamp(self, row: SyncColumns) -> None:
        row.hlc = self._clock.now()
        row.dirty = True

    def _assign(self, row: SyncColumns, values: dict[str, Any]) -> bool:
        """Set changed attributes; stamp the row only if something changed."""
        changed = False
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
                changed = True
        if changed:
            self._stamp(row)
        return changed

    def _insert(self, row: SyncColumns) -> None:
        self._stamp(row)
        row.deleted = False
        self._s.add(row)

    def _live(self, model: type[RowT], row_id: uuid.UUID, entity: str) -> RowT:
        row = self._s.get(model, row_id)
        if row is None or row.deleted:
            raise NotFoundError(entity, row_id)
        return row


class SettingsRepository:
    """Local, never-synced key/value settings of this database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, key: str) -> str | None:
        """Return the value of ``key``, or ``None``."""
        row = self._s.get(LocalSetting, key)
        return None if row is None else row.value

    def set(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        row = self._s.get(LocalSetting, key)
        if row is None:
            self._s.add(LocalSetting(key=key, value=value))
        else:
            row.value = value


class StudioRepository(_Repository):
    """Studios (this PC's own, and later those pulled from the archive)."""

    def add(self, studio: Studio) -> None:
        """Insert a studio; it owns itself (``studio_id == id``)."""
        self._insert(
            StudioRow(id=studio.id, studio_id=studio.id, name=studio.name, region=studio.region)
        )

    def get(self, studio_id: uuid.UUID) -> Studio:
        """Return a studio by id."""
        row = self._live(StudioRow, studio_id, "studio")
        return Studio(id=row.id, name=row.name, region=row.region)

    def update(self, studio: Studio) -> None:
        """Rename or re-region a studio."""
        row = self._live(StudioRow, studio.id, "studio")
        self._assign(row, {"name": studio.name, "region": studio.region})

    def is_stored(self, studio_id: uuid.UUID) -> bool:
        """Whether a row with this id exists, tombstoned or not (an import must not add it)."""
        return self._s.get(StudioRow, studio_id) is not None


class DepartmentRepository(_Repository):
    """The departments follow-ups are assigned to."""

    def add(self, department: Department, studio_id: uuid.UUID) -> None:
        """Insert a department created at this studio."""
        self._insert(
            DepartmentRow(
                id=department.id,
                studio_id=studio_id,
                name=department.name,
                code=department.code,
                active=department.active,
            )
        )

    def list(self, *, include_inactive: bool = False) -> list[Department]:
        """All departments by name."""
        query = select(DepartmentRow).where(DepartmentRow.deleted.is_(False))
        if not include_inactive:
            query = query.where(DepartmentRow.active.is_(True))
        rows = self._s.scalars(query.order_by(DepartmentRow.name))
        return [Department(id=r.id, name=r.name, code=r.code, active=r.active) for r in rows]

    def stored_ids(self, department_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        """Those of ``department_ids`` that have a row, tombstoned or not."""
        wanted = list(dict.fromkeys(department_ids))
        if not wanted:
            return set()
        return set(self._s.scalars(select(DepartmentRow.id).where(DepartmentRow.id.in_(wanted))))


class SessionRepository(_Repository):
    """Broadcast sessions as whole aggregates: the session with its guests and agenda."""

    def list(self) -> list[SessionSummary]:
        """Every live session, newest scheduled first (unscheduled ones by last change)."""
        guests = (
            select(func.count(GuestRow.id))
            .where(GuestRow.session_id == SessionRow.id, GuestRow.deleted.is_(False))
            .scalar_subquery()
        )
        agenda = (
            select(func.count(AgendaItemRow.id))
            .where(AgendaItemRow.session_id == SessionRow.id, AgendaItemRow.deleted.is_(False))
            .scalar_subquery()
        )
        query = (
            select(SessionRow, guests, agenda)
            .where(SessionRow.deleted.is_(False))
            .order_by(
                func.coalesce(SessionRow.scheduled_start, SessionRow.updated_at).desc(),
                SessionRow.id.desc(),
            )
        )
        return [
            SessionSummary(
                id=row.id,
                title=row.title,
                scheduled_start=row.scheduled_start,
                status=SessionStatus(row.status),
                guest_count=guest_count,
                agenda_count=agenda_count,
                updated_at=row.updated_at,
                rehearsal=row.rehearsal,
            )
            for row, guest_count, agenda_count in self._s.execute(query)
        ]

    def get(self, session_id: uuid.UUID) -> BroadcastSession:
        """Return a session with its guests and agenda in order."""
        row = self._live(SessionRow, session_id, "session")
        guests = self._s.scalars(
            select(GuestRow)
            .where(GuestRow.session_id == session_id, GuestRow.deleted.is_(False))
            .order_by(GuestRow.position)
        )
        agenda = self._s.scalars(
            select(AgendaItemRow)
            .where(AgendaItemRow.session_id == session_id, AgendaItemRow.deleted.is_(False))
            .order_by(AgendaItemRow.position)
        )
        return BroadcastSession(
            id=row.id,
            studio_id=row.studio_id,
            title=row.title,
            scheduled_start=row.scheduled_start,
            planned_minutes=row.planned_minutes,
            location=row.location,
            description=row.description,
            status=SessionStatus(row.status),
            guests=tuple(
                Guest(id=g.id, name=g.name, title=g.title, department=g.department) for g in guests
            ),
            agenda=tuple(
                AgendaItem(
                    id=a.id,
                    title=a.title,
                    planned_minutes=a.planned_minutes,
                    scene_name=a.scene_name,
                    speaker_id=a.speaker_id,
                    notes=a.notes,
                )
                for a in agenda
            ),
            created_at=row.created_at,
            updated_at=row.updated_at,
            rehearsal=row.rehearsal,
            started_at=row.started_at,
            ended_at=row.ended_at,
        )

    def status(self, session_id: uuid.UUID) -> SessionStatus:
        """A session's stored status (a cheap check before a write)."""
        found = self.stored_status(session_id)
        if found is None:
            raise NotFoundError("session", session_id)
        return found

    def stored_status(self, session_id: uuid.UUID) -> SessionStatus | None:
        """A session's stored status, ``None`` if it is not stored (yet)."""
        row = self._s.get(SessionRow, session_id)
        return None if row is None or row.deleted else SessionStatus(row.status)

    def save_lifecycle(self, session: BroadcastSession) -> None:
        """Store a session's status and its actual start and end (nothing else)."""
        row = self._live(SessionRow, session.id, "session")
        if self._assign(
            row,
            {
                "status": session.status.value,
                "started_at": session.started_at,
                "ended_at": session.ended_at,
            },
        ):
            row.updated_at = utc_now()

    def save(self, session: BroadcastSession) -> BroadcastSession:
        """Insert or update a whole session's plan; return it as stored.

        Guests and agenda items missing from ``session`` are tombstoned; only rows whose
        values changed get a new HLC and are marked dirty. ``updated_at`` moves only when
        something changed. An existing session's status, actual times and rehearsal flag are
        kept as stored: they change only through :meth:`save_lifecycle`, so a plan edited
        in a window opened before the show went live cannot set it back to planned.
        """
        session = session.validated()
        now = utc_now()
        values: dict[str, Any] = {
            "title": session.title,
            "scheduled_start": session.scheduled_start,
            "planned_minutes": session.planned_minutes,
            "location": session.location,
            "description": session.description,
        }
        row = self._s.get(SessionRow, session.id)
        if row is None:
            row = SessionRow(
                id=session.id,
                studio_id=session.studio_id,
                created_at=session.created_at,
                updated_at=now,
                status=session.status.value,
                rehearsal=session.rehearsal,
                started_at=session.started_at,
                ended_at=session.ended_at,
                **values,
            )
            self._insert(row)
            self._s.flush()  # children reference the session row
            changed = True
        else:
            if row.studio_id != session.studio_id:
                raise ValueError("a session cannot change studio")
            changed = self._assign(row, {**values, "deleted": False})
        changed |= self._save_children(
            GuestRow,
            session,
            [
                {"id": g.id, "name": g.name, "title": g.title, "department": g.department}
                for g in session.guests
            ],
        )
        self._s.flush()  # agenda speakers reference guests
        changed |= self._save_children(
            AgendaItemRow,
            session,
            [
                {
                    "id": a.id,
                    "title": a.title,
                    "planned_minutes": a.planned_minutes,
                    "scene_name": a.scene_name,
                    "speaker_id": a.speaker_id,
                    "notes": a.notes,
                }
                for a in session.agenda
            ],
        )
        if changed:
            # A guest or agenda change moves the session's updated_at: the row must sync too.
            row.updated_at = now
            self._stamp(row)
        self._s.flush()
        return self.get(session.id)

    def _save_children(
        self,
        model: type[ChildT],
        session: BroadcastSession,
        items: Sequence[dict[str, Any]],
    ) -> bool:
        existing = {
            r.id: r for r in self._s.scalars(select(model).where(model.session_id == session.id))
        }
        changed = False
        wanted: set[uuid.UUID] = set()
        for position, values in enumerate(items):
            item_id = values["id"]
            wanted.add(item_id)
            row = existing.get(item_id)
            fields = {k: v for k, v in values.items() if k != "id"}
            if row is None:
                self._insert(
                    model(
                        id=item_id,
                        studio_id=session.studio_id,
                        session_id=session.id,
                        position=position,
                        **fields,
                    )
                )
                changed = True
            else:
                if row.session_id != session.id:
                    raise ValueError("a guest or agenda item cannot move between sessions")
                changed |= self._assign(row, {**fields, "position": position, "deleted": False})
        for item_id, row in existing.items():
            if item_id not in wanted and not row.deleted:
                row.deleted = True
                self._stamp(row)
                changed = True
        return changed

    def delete(self, session_id: uuid.UUID) -> None:
        """Tombstone a session with its guests, agenda, output runs and agenda marks.

        Sync carries the tombstones to the archive.
        """
        row = self._live(SessionRow, session_id, "session")
        row.deleted = True
        row.updated_at = utc_now()
        self._stamp(row)
        self._tombstone_children(GuestRow, session_id)
        self._tombstone_children(AgendaItemRow, session_id)
        self._tombstone_children(OutputRunRow, session_id)
        self._tombstone_children(AgendaMarkRow, session_id)
        self._tombstone_children(QuestionAiringRow, session_id)

    def _tombstone_children(self, model: type[SessionChildT], session_id: uuid.UUID) -> None:
        query = select(model).where(model.session_id == session_id, model.deleted.is_(False))
        for child in self._s.scalars(query):
            child.deleted = True
            self._stamp(child)

    def stored_ids(self, session_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        """Those of ``session_ids`` that have a row, tombstoned or not."""
        wanted = list(dict.fromkeys(session_ids))
        if not wanted:
            return set()
        return set(self._s.scalars(select(SessionRow.id).where(SessionRow.id.in_(wanted))))

    def insert_imported(self, session: BroadcastSession) -> None:
        """Insert a session recorded elsewhere exactly as it was (an id-preserving import).

        Keeps the ids, plan, guests, agenda, status, actual times, rehearsal flag,
        ``created_at`` and ``updated_at``.

        Raises:
            ValueError: A row with the session's id exists (even a tombstoned one).
            ValidationError: The session is invalid.
        """
        if self._s.get(SessionRow, session.id) is not None:
            raise ValueError("a session with this id is already stored")
        self.save(session)
        row = self._live(SessionRow, session.id, "session")
        # save() dates a new row now; the imported record keeps its own last change.
        row.updated_at = session.updated_at
        self._s.flush()


class BroadcastRepository(_Repository):
    """What went out on air: recording/stream runs and the on-air moments of agenda items.

    Rows take their ``studio_id`` from their session, which the domain objects do not carry.
    """

    def save_run(self, run: OutputRun) -> None:
        """Insert or update a run; only a run whose values changed gets a new HLC.

        Raises:
            NotFoundError: A new run's session is missing or deleted, or the run was deleted
                (tombstoned with its session).
            ValueError: The run would change session or kind.
            ValidationError: The run is invalid (e.g. stopped before it started).
        """
        run = run.validated()
        values: dict[str, Any] = {
            "started_at": run.started_at,
            "stopped_at": run.stopped_at,
            "path": run.path,
            "interrupted": run.interrupted,
        }
        row = self._s.get(OutputRunRow, run.id)
        if row is None:
            session = self._live(SessionRow, run.session_id, "session")
            self._insert(
                OutputRunRow(
                    id=run.id,
                    studio_id=session.studio_id,
                    session_id=run.session_id,
                    kind=run.kind.value,
                    **values,
                )
            )
            return
        if row.deleted:
            raise NotFoundError("output_run", run.id)
        if row.session_id != run.session_id or row.kind != run.kind.value:
            raise ValueError("an output run cannot change session or kind")
        self._assign(row, values)

    def runs(self, session_id: uuid.UUID) -> list[OutputRun]:
        """A session's live runs of both kinds, oldest first."""
        rows = self._s.scalars(
            select(OutputRunRow)
            .where(OutputRunRow.session_id == session_id, OutputRunRow.deleted.is_(False))
            .order_by(OutputRunRow.started_at, OutputRunRow.id)
        )
        return [_output_run(r) for r in rows]

    def open_runs(self, kind: OutputKind | None = None) -> list[OutputRun]:
        """Runs of any session that have no end yet, oldest first.

        At start-up these are the runs the last app run left open (OBS or the app stopped
        without a STOPPED event being recorded).
        """
        query = select(OutputRunRow).where(
            OutputRunRow.stopped_at.is_(None), OutputRunRow.deleted.is_(False)
        )
        if kind is not None:
            query = query.where(OutputRunRow.kind == OutputKind(kind).value)
        rows = self._s.scalars(query.order_by(OutputRunRow.started_at, OutputRunRow.id))
        return [_output_run(r) for r in rows]

    def add_mark(self, mark: AgendaMark) -> None:
        """Insert a mark; marks are never updated.

        Raises:
            NotFoundError: The session or the agenda item is missing or deleted.
            ValueError: The agenda item belongs to another session.
            ValidationError: The mark is invalid (e.g. a negative timecode).
        """
        mark = mark.validated()
        session = self._live(SessionRow, mark.session_id, "session")
        item = self._live(AgendaItemRow, mark.agenda_item_id, "agenda_item")
        if item.session_id != mark.session_id:
            raise ValueError("an agenda mark's item must be on its session's agenda")
        self._insert(
            AgendaMarkRow(
                id=mark.id,
                studio_id=session.studio_id,
                session_id=mark.session_id,
                agenda_item_id=mark.agenda_item_id,
                at=mark.at,
                record_ms=mark.record_ms,
                stream_ms=mark.stream_ms,
                scene_name=mark.scene_name,
            )
        )

    def marks(self, session_id: uuid.UUID) -> list[AgendaMark]:
        """A session's live marks in the order they went on air."""
        rows = self._s.scalars(
            select(AgendaMarkRow)
            .where(AgendaMarkRow.session_id == session_id, AgendaMarkRow.deleted.is_(False))
            .order_by(AgendaMarkRow.at, AgendaMarkRow.id)
        )
        return [
            AgendaMark(
                id=r.id,
                session_id=r.session_id,
                agenda_item_id=r.agenda_item_id,
                at=r.at,
                record_ms=r.record_ms,
                stream_ms=r.stream_ms,
                scene_name=r.scene_name,
            )
            for r in rows
        ]

    def save_airing(self, airing: QuestionAiring) -> None:
        """Insert or update a question's airing (its end and timecodes are filled in later).

        Raises:
            NotFoundError: A new airing's session or question is missing or deleted.
            ValueError: The airing would change question.
        """
        values: dict[str, Any] = {
            "started_at": airing.started_at,
            "ended_at": airing.ended_at,
            "start_record_ms": airing.start_record_ms,
            "start_stream_ms": airing.start_stream_ms,
            "end_record_ms": airing.end_record_ms,
            "end_stream_ms": airing.end_stream_ms,
        }
        row = self._s.get(QuestionAiringRow, airing.id)
        if row is None:
            session = self._live(SessionRow, airing.session_id, "session")
            self._live(QuestionRow, airing.question_id, "question")
            self._insert(
                QuestionAiringRow(
                    id=airing.id,
                    studio_id=session.studio_id,
                    session_id=airing.session_id,
                    question_id=airing.question_id,
                    **values,
                )
            )
            return
        if row.question_id != airing.question_id:
            raise ValueError("an airing cannot change question")
        self._assign(row, values)

    def airing(self, airing_id: uuid.UUID) -> QuestionAiring:
        """One airing."""
        return _airing(self._live(QuestionAiringRow, airing_id, "question_airing"))

    def airings(self, session_id: uuid.UUID, *, open_only: bool = False) -> list[QuestionAiring]:
        """A session's question airings in the order they started."""
        query = select(QuestionAiringRow).where(
            QuestionAiringRow.session_id == session_id, QuestionAiringRow.deleted.is_(False)
        )
        if open_only:
            query = query.where(QuestionAiringRow.ended_at.is_(None))
        rows = self._s.scalars(query.order_by(QuestionAiringRow.started_at, QuestionAiringRow.id))
        return [_airing(r) for r in rows]

    def add_airings(self, airings: Iterable[QuestionAiring], studio_id: uuid.UUID) -> int:
        """Insert new airings of sessions of ``studio_id`` as given; return how many.

        For imports of whole records, where every id is new: no row is looked up first (a
        thousand look-ups cost seconds). The session and question must exist by commit
        (foreign keys are checked then).
        """
        count = 0
        for airing in airings:
            self._insert(
                QuestionAiringRow(
                    id=airing.id,
                    studio_id=studio_id,
                    session_id=airing.session_id,
                    question_id=airing.question_id,
                    started_at=airing.started_at,
                    ended_at=airing.ended_at,
                    start_record_ms=airing.start_record_ms,
                    start_stream_ms=airing.start_stream_ms,
                    end_record_ms=airing.end_record_ms,
                    end_stream_ms=airing.end_stream_ms,
                )
            )
            count += 1
        return count


def _airing(row: QuestionAiringRow) -> QuestionAiring:
    return QuestionAiring(
        id=row.id,
        session_id=row.session_id,
        question_id=row.question_id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        start_record_ms=row.start_record_ms,
        start_stream_ms=row.start_stream_ms,
        end_record_ms=row.end_record_ms,
        end_stream_ms=row.end_stream_ms,
    )


def _output_run(row: OutputRunRow) -> OutputRun:
    return OutputRun(
        id=row.id,
        session_id=row.session_id,
        kind=OutputKind(row.kind),
        started_at=row.started_at,
        stopped_at=row.stopped_at,
        path=row.path,
        interrupted=row.interrupted,
    )


_QUESTION_COLUMNS = (
    "id", "studio_id", "session_id", "text", "display_text", "asker", "phone", "channel",
    "category", "received_at", "state", "rejection_reason", "rejection_note", "merged_into",
    "ask_count", "queue_position", "sensitive_override",
)  # fmt: skip


def _question(
    row: QuestionRow | Row[Any],
    studio_id: uuid.UUID | None = None,
    session_id: uuid.UUID | None = None,
) -> Question:
    return Question(
        id=row.id,
        studio_id=studio_id or row.studio_id,
        session_id=session_id or row.session_id,
        text=row.text,
        display_text=row.display_text,
        asker=row.asker,
        phone=row.phone,
        channel=Channel(row.channel),
        category=row.category,
        received_at=row.received_at,
        state=QuestionState(row.state),
        rejection_reason=RejectionReason(row.rejection_reason) if row.rejection_reason else None,
        rejection_note=row.rejection_note,
        merged_into=row.merged_into,
        ask_count=row.ask_count,
        queue_position=row.queue_position,
        sensitive_override=row.sensitive_override,
    )


def _question_values(q: Question) -> dict[str, Any]:
    return {
        "display_text": q.display_text,
        "asker": q.asker,
        "phone": q.phone,
        "channel": q.channel.value,
        "category": q.category,
        "received_at": q.received_at,
        "state": q.state.value,
        "rejection_reason": q.rejection_reason.value if q.rejection_reason else None,
        "rejection_note": q.rejection_note,
        "merged_into": q.merged_into,
        "ask_count": q.ask_count,
        "queue_position": q.queue_position,
        "sensitive_override": q.sensitive_override,
    }


class QuestionRepository(_Repository):
    """Residents' questions of a session."""

    def add(self, question: Question) -> None:
        """Insert a new question."""
        self._insert(
            QuestionRow(
                id=question.id,
                studio_id=question.studio_id,
                session_id=question.session_id,
                text=question.text,
                updated_at=utc_now(),
                **_question_values(question),
            )
        )

    def add_many(self, questions: Iterable[Question]) -> int:
        """Insert several questions in the current transaction; return how many."""
        count = 0
        for question in questions:
            self.add(question)
            count += 1
        return count

    def update(self, question: Question) -> bool:
        """Store a changed question (its original text never changes); ``True`` if changed."""
        row = self._live(QuestionRow, question.id, "question")
        if row.text != question.text or row.session_id != question.session_id:
            raise ValueError("a question's original text and session never change")
        changed = self._assign(row, _question_values(question))
        if changed:
            row.updated_at = utc_now()
        return changed

    def get(self, question_id: uuid.UUID) -> Question:
        """Return one question."""
        return _question(self._live(QuestionRow, question_id, "question"))

    def list_for_session(
        self, session_id: uuid.UUID, states: Iterable[QuestionState] | None = None
    ) -> list[Question]:
        """Every live question of a session (or those in ``states``) in order received."""
        # Plain column rows, not ORM entities: a 10 000-question session loads about 5×
        # faster this way, and the moderation view loads whole sessions.
        # Session and studio ids repeat on every row: parsing them once saves a third.
        table = QuestionRow.__table__
        columns = [
            type_coerce(table.c[name], String)
            if name in ("session_id", "studio_id")
            else table.c[name]
            for name in _QUESTION_COLUMNS
        ]
        query = (
            select(*columns)
            .where(table.c.session_id == session_id, table.c.deleted.is_(False))
            .order_by(table.c.received_at, table.c.id)
        )
        if states is not None:
            query = query.where(table.c.state.in_([s.value for s in states]))
        rows = self._s.execute(query)
        ids = _IdCache()
        return [
            _question(row, studio_id=ids.one(row.studio_id), session_id=ids.one(row.session_id))
            for row in rows
        ]

    def count_for_session(self, session_id: uuid.UUID) -> int:
        """How many live questions a session has."""
        query = select(func.count(QuestionRow.id)).where(
            QuestionRow.session_id == session_id, QuestionRow.deleted.is_(False)
        )
        return int(self._s.scalar(query) or 0)


class AnswerRepository(_Repository):
    """Answer summaries (one per question)."""

    def save(self, answer: Answer) -> None:
        """Insert or update an answer."""
        values = {
            "summary": answer.summary,
            "answered_by": answer.answered_by,
            "role": answer.role,
            "department": answer.department,
        }
        row = self._s.get(AnswerRow, answer.id)
        if row is None:
            self._insert(
                AnswerRow(
                    id=answer.id,
                    studio_id=answer.studio_id,
                    question_id=answer.question_id,
                    created_at=answer.created_at,
                    **values,
                )
            )
        else:
            self._assign(row, values)

    def for_question(self, question_id: uuid.UUID) -> Answer | None:
        """The answer to a question, if any."""
        row = self._s.scalars(
            select(AnswerRow).where(
                AnswerRow.question_id == question_id, AnswerRow.deleted.is_(False)
            )
        ).first()
        return None if row is None else _answer(row)

    def for_session(self, session_id: uuid.UUID) -> dict[uuid.UUID, Answer]:
        """The answers to a session's questions, by question id."""
        rows = self._s.scalars(
            select(AnswerRow)
            .join(QuestionRow, QuestionRow.id == AnswerRow.question_id)
            .where(QuestionRow.session_id == session_id, AnswerRow.deleted.is_(False))
        )
        return {row.question_id: _answer(row) for row in rows}

    def add_many(self, answers: Iterable[Answer]) -> int:
        """Insert new answers as given (``created_at`` kept); return how many.

        For imports of whole records, where every id is new: no row is looked up first.
        """
        count = 0
        for answer in answers:
            self._insert(
                AnswerRow(
                    id=answer.id,
                    studio_id=answer.studio_id,
                    question_id=answer.question_id,
                    summary=answer.summary,
                    answered_by=answer.answered_by,
                    role=answer.role,
                    department=answer.department,
                    created_at=answer.created_at,
                )
            )
            count += 1
        return count


def _answer(row: AnswerRow) -> Answer:
    return Answer(
        id=row.id,
        studio_id=row.studio_id,
        question_id=row.question_id,
        summary=row.summary,
        answered_by=row.answered_by,
        role=row.role,
        department=row.department,
        created_at=row.created_at,
    )


class FollowUpRepository(_Repository):
    """Follow-ups and their append-only events."""

    def add(self, follow_up: FollowUp) -> None:
        """Insert a follow-up."""
        self._insert(
            FollowUpRow(
                id=follow_up.id,
                studio_id=follow_up.studio_id,
                session_id=follow_up.session_id,
                question_id=follow_up.question_id,
                promise=follow_up.promise,
                lead_department_id=follow_up.lead_department_id,
                supporting_department_ids=[str(d) for d in follow_up.supporting_department_ids],
                responsible_person=follow_up.responsible_person,
                deadline=follow_up.deadline,
                resident_contact=follow_up.resident_contact,
                created_at=follow_up.created_at,
            )
        )

    def get(self, follow_up_id: uuid.UUID) -> FollowUp:
        """Return one follow-up."""
        return _follow_up(self._live(FollowUpRow, follow_up_id, "follow_up"))

    def matching(
        self,
        *,
        session_id: uuid.UUID | None = None,
        question_id: uuid.UUID | None = None,
        include_rehearsals: bool = False,
    ) -> list[FollowUp]:
        """Live follow-ups of live sessions (rehearsal copies left out), oldest first."""
        # Plain column rows, not ORM entities: the board reads every follow-up at once.
        table = FollowUpRow.__table__
        query = select(*_as_text(table, _FOLLOW_UP_COLUMNS)).where(
            self._follow_up_scope(include_rehearsals)
        )
        if session_id is not None:
            query = query.where(table.c.session_id == session_id)
        if question_id is not None:
            query = query.where(table.c.question_id == question_id)
        rows = self._s.execute(query.order_by(table.c.created_at, table.c.id))
        ids = _IdCache()
        return [_follow_up(r, ids) for r in rows]

    def histories(
        self, follow_up_ids: Iterable[uuid.UUID], *, include_rehearsals: bool = False
    ) -> dict[uuid.UUID, list[HistoryStep]]:
        """The histories of many follow-ups, each in append order, as what folding needs.

        Reads the steps (kind, status, text, time) of every follow-up :meth:`matching` would
        return in one query and keeps those asked for: cheaper than an ``IN`` list of
        thousands of ids, and skipping the events' own ids and objects halves the read.
        """
        found: dict[uuid.UUID, list[HistoryStep]] = {i: [] for i in follow_up_ids}
        if not found:
            return found
        events = FollowUpEventRow.__table__
        query = (
            select(
                type_coerce(events.c.follow_up_id, String),
                events.c.kind,
                events.c.status,
                events.c.text,
                events.c.at,
            )
            .join(FollowUpRow, FollowUpRow.id == events.c.follow_up_id)
            .where(self._follow_up_scope(include_rehearsals))
            .order_by(*_EVENT_ORDER)
        )
        if len(found) <= 500:
            query = query.where(events.c.follow_up_id.in_(list(found)))
        by_text = {key.hex: bucket for key, bucket in found.items()}
        kinds, statuses = _KINDS, _STATUSES
        for follow_up_id, kind, status, text, at in self._s.execute(query):
            bucket = by_text.get(follow_up_id)
            if bucket is not None:
                bucket.append(
                    HistoryStep(kinds[kind], statuses[status] if status else None, text, at)
                )
        return found

    def _follow_up_scope(self, include_rehearsals: bool) -> Any:
        """Live follow-ups of live sessions (and not of rehearsal copies unless asked)."""
        live = select(SessionRow.id).where(SessionRow.deleted.is_(False))
        if not include_rehearsals:
            live = live.where(SessionRow.rehearsal.is_(False))
        return FollowUpRow.deleted.is_(False) & FollowUpRow.session_id.in_(live.scalar_subquery())

    def append_event(self, event: FollowUpEvent) -> None:
        """Append an event; events are never updated or deleted."""
        self._insert(
            FollowUpEventRow(
                id=event.id,
                studio_id=event.studio_id,
                follow_up_id=event.follow_up_id,
                kind=event.kind.value,
                status=event.status.value if event.status else None,
                text=event.text,
                author=event.author,
                origin=event.origin.value,
                at=event.at,
            )
        )

    def events_for_session(self, session_id: uuid.UUID) -> dict[uuid.UUID, list[FollowUpEvent]]:
        """The events of every live follow-up of a session, by follow-up, in append order."""
        rows = self._s.scalars(
            select(FollowUpEventRow)
            .join(FollowUpRow, FollowUpRow.id == FollowUpEventRow.follow_up_id)
            .where(FollowUpRow.session_id == session_id, FollowUpRow.deleted.is_(False))
            .order_by(*_EVENT_ORDER)
        )
        found: dict[uuid.UUID, list[FollowUpEvent]] = {}
        for row in rows:
            found.setdefault(row.follow_up_id, []).append(_event(row))
        return found

    def events(self, follow_up_id: uuid.UUID) -> list[FollowUpEvent]:
        """A follow-up's events in history order (see :data:`_EVENT_ORDER`)."""
        rows = self._s.scalars(
            select(FollowUpEventRow)
            .where(FollowUpEventRow.follow_up_id == follow_up_id)
            .order_by(*_EVENT_ORDER)
        )
        return [_event(r) for r in rows]


#: History order: the archive's order for events it has served back (so a department's update
#: and the studio's are in the same order on every PC), then events not yet synced, in the
#: order they were made here (UUIDv7).
_EVENT_ORDER = (
    FollowUpEventRow.server_seq.is_(None),
    FollowUpEventRow.server_seq,
    FollowUpEventRow.id,
)

_FOLLOW_UP_COLUMNS = (
    "id", "studio_id", "session_id", "promise", "lead_department_id", "question_id",
    "supporting_department_ids", "responsible_person", "deadline", "resident_contact",
    "created_at",
)  # fmt: skip
#: Id columns read as text and parsed once per distinct value (most repeat: studio, session,
#: department); parsing 50 000 UUIDs one by one was most of the board's read time.
_ID_COLUMNS = frozenset(
    {"id", "studio_id", "session_id", "lead_department_id", "question_id", "follow_up_id"}
)


#: JSON columns read as text and decoded once per distinct value (mostly "[]").
_JSON_COLUMNS = frozenset({"supporting_department_ids"})


def _as_text(table: Any, names: Sequence[str]) -> list[Any]:
    return [
        type_coerce(table.c[n], String) if n in _ID_COLUMNS | _JSON_COLUMNS else table.c[n]
        for n in names
    ]


@functools.lru_cache(maxsize=4096)
def _id_list(value: str | None) -> tuple[uuid.UUID, ...]:
    """A JSON list of UUID strings as a tuple of UUIDs (cached: the values repeat)."""
    return tuple(uuid.UUID(d) for d in json.loads(value or "[]"))


class _IdCache(dict[str, uuid.UUID]):
    """Parses each distinct UUID text once (ids read as text, see :func:`_as_text`)."""

    def __call__(self, value: str | uuid.UUID | None) -> uuid.UUID | None:
        """A nullable id column's value (an ORM row's is already a UUID)."""
        return None if value is None else self.one(value)

    def one(self, value: str | uuid.UUID) -> uuid.UUID:
        """A required id column's value."""
        if isinstance(value, uuid.UUID):
            return value
        found = self.get(value)
        if found is None:
            found = self[value] = uuid.UUID(value)
        return found


def _follow_up(row: FollowUpRow | Row[Any], ids: _IdCache | None = None) -> FollowUp:
    ids = ids if ids is not None else _IdCache()
    return FollowUp(
        id=ids.one(row.id),
        studio_id=ids.one(row.studio_id),
        session_id=ids.one(row.session_id),
        promise=row.promise,
        lead_department_id=ids.one(row.lead_department_id),
        question_id=ids(row.question_id),
        supporting_department_ids=_supporting(row.supporting_department_ids),
        responsible_person=row.responsible_person,
        deadline=row.deadline,
        resident_contact=row.resident_contact,
        created_at=row.created_at,
    )


def _supporting(value: Any) -> tuple[uuid.UUID, ...]:
    if isinstance(value, list):  # an ORM row: already decoded
        return tuple(uuid.UUID(d) for d in value)
    return _id_list(value)


_KINDS = {k.value: k for k in EventKind}
_ORIGINS = {o.value: o for o in EventOrigin}
_STATUSES = {s.value: s for s in FStatus}


def _event(r: FollowUpEventRow) -> FollowUpEvent:
    return FollowUpEvent(
        id=r.id,
        studio_id=r.studio_id,
        follow_up_id=r.follow_up_id,
        kind=_KINDS[r.kind],
        author=r.author,
        at=r.at,
        status=_STATUSES[r.status] if r.status else None,
        text=r.text,
        origin=_ORIGINS[r.origin],
    )


class OperatorRepository:
    """Local operator profiles of this PC (not synced)."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def all(self) -> list[OperatorProfile]:
        """Profiles, the most recently used first, then by name."""
        rows = self._s.scalars(select(OperatorRow))
        profiles = [
            OperatorProfile(
                id=r.id,
                name=r.name,
                role=OperatorRole(r.role),
                created_at=r.created_at,
                last_used_at=r.last_used_at,
            )
            for r in rows
        ]
        profiles.sort(key=lambda p: p.name)
        profiles.sort(
            key=lambda p: p.last_used_at.timestamp() if p.last_used_at else 0, reverse=True
        )
        return profiles

    def find(self, name: str) -> OperatorProfile | None:
        """The profile with exactly this name, if any."""
        return next((p for p in self.all() if p.name == name), None)

    def add(self, profile: OperatorProfile) -> None:
        """Insert a profile (names are unique)."""
        self._s.add(
            OperatorRow(
                id=profile.id,
                name=profile.name,
                role=profile.role.value,
                created_at=profile.created_at,
                last_used_at=profile.last_used_at,
            )
        )
        self._s.flush()

    def touch(self, profile_id: uuid.UUID, at: datetime) -> None:
        """Note that the profile signed in at ``at``."""
        row = self._s.get(OperatorRow, profile_id)
        if row is None:
            raise NotFoundError("operator", profile_id)
        row.last_used_at = at

    def remove(self, profile_id: uuid.UUID) -> None:
        """Delete a profile (its name stays in the audit entries it wrote)."""
        row = self._s.get(OperatorRow, profile_id)
        if row is not None:
            self._s.delete(row)


class AuditRepository(_Repository):
    """The append-only audit trail."""

    def append(self, entry: AuditEntry) -> None:
        """Append one entry."""
        self._insert(
            AuditRow(
                id=entry.id,
                studio_id=entry.studio_id,
                at=entry.at,
                operator=entry.operator,
                action=entry.action,
                entity=entry.entity,
                entity_id=entry.entity_id,
                session_id=entry.session_id,
                before=dict(entry.before) if entry.before is not None else None,
                after=dict(entry.after) if entry.after is not None else None,
            )
        )

    def for_entity(self, entity: str, entity_id: uuid.UUID) -> list[AuditEntry]:
        """An entity's history, oldest first."""
        rows = self._s.scalars(
            select(AuditRow)
            .where(AuditRow.entity == entity, AuditRow.entity_id == entity_id)
            .order_by(AuditRow.id)
        )
        return [_audit(r) for r in rows]

    def for_session(self, session_id: uuid.UUID, since: datetime | None = None) -> list[AuditEntry]:
        """A session's history, oldest first."""
        query = select(AuditRow).where(AuditRow.session_id == session_id)
        if since is not None:
            query = query.where(AuditRow.at >= since)
        return [_audit(r) for r in self._s.scalars(query.order_by(AuditRow.id))]


def _audit(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        studio_id=row.studio_id,
        at=row.at,
        operator=row.operator,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        session_id=row.session_id,
        before=row.before,
        after=row.after,
    )
