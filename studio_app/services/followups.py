"""Promises made on air become follow-ups; the board tracks them across sessions.

Status changes and replies are appended events (author, time); overdue is derived from the
deadline each time the board is read, never stored. Rehearsal copies are left out.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from studio_app.domain.audit import AuditEntry, snapshot
from studio_app.domain.errors import ValidationError
from studio_app.domain.followups import (
    FollowUp,
    FollowUpEvent,
    FollowUpRates,
    FollowUpState,
    FollowUpStatus,
    fold,
    rates,
    rates_by_department,
    reply,
    status_change,
)
from studio_app.domain.organisation import Department
from studio_app.domain.sessions import SessionStatus, SessionSummary
from studio_app.domain.workdays import WorkdayCalendar, WorkdayDeadline
from studio_app.services.database import Database
from studio_app.services.record import ensure_open

if TYPE_CHECKING:
    from studio_app.storage.store import Store

#: Builds the event to append from a follow-up and its history so far.
_EventMaker = Callable[[FollowUp, list[FollowUpEvent]], FollowUpEvent]


@dataclass(frozen=True, slots=True)
class PromiseDraft:
    """What the recorder fills in when a promise becomes a follow-up.

    The deadline is a date, or ``working_days`` counted from the day of the promise with the
    statutory calendar (holidays and make-up workdays).
    """

    promise: str
    lead_department_id: uuid.UUID | None
    supporting_department_ids: tuple[uuid.UUID, ...] = ()
    responsible_person: str = ""
    deadline: date | None = None
    working_days: int | None = None
    resident_contact: str = ""


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """What the board shows of a follow-up's session."""

    id: uuid.UUID
    title: str
    day: date | None
    status: SessionStatus


@dataclass(frozen=True, slots=True)
class Board:
    """Every follow-up (rehearsals left out) with its state, and the figures over them."""

    today: date
    states: tuple[FollowUpState, ...]
    departments: dict[uuid.UUID, Department]
    sessions: dict[uuid.UUID, SessionInfo]
    overall: FollowUpRates
    by_department: dict[uuid.UUID, FollowUpRates] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LookBack:
    """回头看: the previous session's promises and where they stand, to open a show with."""

    session: SessionInfo | None
    states: tuple[FollowUpState, ...]
    rates: FollowUpRates


class FollowUpService:
    """Use cases of the promise dialog, the follow-up board and the look-back list."""

    def __init__(
        self, database: Database, operator: str, calendar: WorkdayCalendar | None = None
    ) -> None:
        self._db = database
        self.operator = operator
        self.calendar = calendar or WorkdayCalendar.default()

    # ------------------------------------------------------------------ departments
    async def departments(self, *, include_inactive: bool = False) -> list[Department]:
        """The departments follow-ups can be assigned to, by name."""

        def work(store: Store) -> list[Department]:
            with store.read() as uow:
                return uow.departments.list(include_inactive=include_inactive)

        return await self._db.run(work)

    async def add_department(self, name: str, code: str = "") -> Department:
        """Add a department (a name already in the list is returned, not doubled)."""
        department = Department.create(name, code)

        def work(store: Store) -> Department:
            with store.write() as uow:
                for existing in uow.departments.list(include_inactive=True):
                    if existing.name == department.name:
                        return existing
                uow.departments.add(department, store.studio_id)
                uow.audit.append(
                    AuditEntry.record(store.studio_id, self.operator, "department.added",
                                      "department", department.id, after=department)
                )  # fmt: skip
            return department

        return await self._db.run(work)

    # ------------------------------------------------------------------ promises
    def deadline_for(self, start: date, working_days: int) -> WorkdayDeadline:
        """The deadline ``working_days`` statutory working days after ``start``."""
        return self.calendar.add_workdays(start, working_days)

    async def create(
        self,
        session_id: uuid.UUID,
        draft: PromiseDraft,
        *,
        question_id: uuid.UUID | None = None,
        today: date | None = None,
        allow_past_deadline: bool = False,
    ) -> FollowUp:
        """Turn a promise into a follow-up, assigned, in one transaction with its audit entry.

        Raises:
            ValidationError: No promise text, no lead department, a deadline in the past
                (unless allowed), working days out of range, or the session is closed.
        """
        today = today or date.today()
        deadline = draft.deadline
        if draft.working_days is not None:
            deadline = self.deadline_for(today, draft.working_days).day

        def work(store: Store) -> FollowUp:
            follow_up = FollowUp.create(
                store.studio_id,
                session_id,
                draft.promise,
                draft.lead_department_id,
                question_id=question_id,
                supporting_department_ids=draft.supporting_department_ids,
                responsible_person=draft.responsible_person,
                deadline=deadline,
                resident_contact=draft.resident_contact,
                today=today,
                allow_past_deadline=allow_past_deadline,
            )
            with store.write() as uow:
                ensure_open(uow, session_id)
                known = {d.id for d in uow.departments.list(include_inactive=True)}
                wanted = {follow_up.lead_department_id, *follow_up.supporting_department_ids}
                if not wanted <= known:
                    raise ValidationError("follow_up.lead_department", "unknown")
                uow.follow_ups.add(follow_up)
                audited = _private_contact_hidden(follow_up)
                uow.audit.append(
                    AuditEntry.record(store.studio_id, self.operator, "follow_up.created",
                                      "follow_up", follow_up.id, session_id=session_id,
                                      after=audited)
                )  # fmt: skip
                if question_id is not None:
                    uow.audit.append(
                        AuditEntry.record(store.studio_id, self.operator, "follow_up.created",
                                          "question", question_id, session_id=session_id,
                                          after=audited)
                    )  # fmt: skip
            return follow_up

        return await self._db.run(work)

    async def change_status(
        self, follow_up_id: uuid.UUID, target: FollowUpStatus, text: str = ""
    ) -> FollowUpState:
        """Append a status event (returning for rework needs a reason)."""
        return await self._append(
            follow_up_id,
            lambda fu, history: status_change(fu, history, target, self.operator, text),
            "follow_up.status",
        )

    async def reply(self, follow_up_id: uuid.UUID, text: str) -> FollowUpState:
        """Append a progress note."""
        return await self._append(
            follow_up_id, lambda fu, _history: reply(fu, self.operator, text), "follow_up.reply"
        )

    async def _append(
        self,
        follow_up_id: uuid.UUID,
        make: _EventMaker,
        action: str,
    ) -> FollowUpState:
        def work(store: Store) -> FollowUpState:
            with store.write() as uow:
                follow_up = uow.follow_ups.get(follow_up_id)
                history = uow.follow_ups.events(follow_up_id)
                event = make(follow_up, history)
                uow.follow_ups.append_event(event)
                uow.audit.append(
                    AuditEntry.record(store.studio_id, self.operator, action, "follow_up",
                                      follow_up_id, session_id=follow_up.session_id,
                                      before=fold(follow_up, history), after=event)
                )  # fmt: skip
                return fold(follow_up, [*history, event])

        return await self._db.run(work)

    # ------------------------------------------------------------------ reading
    async def history(self, follow_up_id: uuid.UUID) -> tuple[FollowUp, list[FollowUpEvent]]:
        """A follow-up with its events in append order."""

        def work(store: Store) -> tuple[FollowUp, list[FollowUpEvent]]:
            with store.read() as uow:
                return uow.follow_ups.get(follow_up_id), uow.follow_ups.events(follow_up_id)

        return await self._db.run(work)

    async def for_session(self, session_id: uuid.UUID) -> list[FollowUpState]:
        """A session's follow-ups (rehearsal copies included: it is that session's list)."""

        def work(store: Store) -> list[FollowUpState]:
            with store.read() as uow:
                follow_ups = uow.follow_ups.matching(session_id=session_id,
                                                     include_rehearsals=True)  # fmt: skip
                events = uow.follow_ups.histories(
                    (f.id for f in follow_ups), include_rehearsals=True
                )
            return [fold(f, events[f.id]) for f in follow_ups]

        return await self._db.run(work)

    async def board(self, today: date | None = None) -> Board:
        """Every follow-up of every real session, with completion and on-time figures."""
        today = today or date.today()

        def work(store: Store) -> Board:
            with store.read() as uow:
                follow_ups = uow.follow_ups.matching()
                events = uow.follow_ups.histories(f.id for f in follow_ups)
                departments = {d.id: d for d in uow.departments.list(include_inactive=True)}
                sessions = {s.id: _info(s) for s in uow.sessions.list() if not s.rehearsal}
            states = tuple(fold(f, events[f.id]) for f in follow_ups)
            return Board(
                today=today,
                states=states,
                departments=departments,
                sessions=sessions,
                overall=rates(states, today),
                by_department=rates_by_department(states, today),
            )

        return await self._db.run(work)

    async def look_back(self, session_id: uuid.UUID, today: date | None = None) -> LookBack:
        """The promises of the real session held before ``session_id``, with their status."""
        today = today or date.today()

        def work(store: Store) -> LookBack:
            with store.read() as uow:
                if uow.sessions.stored_status(session_id) is None:
                    return LookBack(None, (), FollowUpRates())  # deleted meanwhile
                current = uow.sessions.get(session_id)
                ordered = sorted(
                    (s for s in uow.sessions.list() if not s.rehearsal and s.id != session_id),
                    key=_session_order,
                )
                reference = _session_order(current.summary())
                earlier = [s for s in ordered if _session_order(s) < reference]
                if not earlier:
                    return LookBack(None, (), FollowUpRates())
                previous = earlier[-1]
                follow_ups = uow.follow_ups.matching(session_id=previous.id)
                events = uow.follow_ups.histories(f.id for f in follow_ups)
            states = tuple(fold(f, events[f.id]) for f in follow_ups)
            return LookBack(_info(previous), states, rates(states, today))

        return await self._db.run(work)


def _private_contact_hidden(follow_up: FollowUp) -> dict[str, object]:
    """The audit keeps that a contact was given, not the resident's number itself."""
    values = dict(snapshot(follow_up))
    if follow_up.resident_contact:
        values["resident_contact"] = "***"
    return values


def _info(summary: SessionSummary) -> SessionInfo:
    start = summary.scheduled_start
    return SessionInfo(
        summary.id,
        summary.title,
        start.astimezone().date() if start else None,
        summary.status,
    )


def _session_order(summary: SessionSummary) -> tuple[datetime, uuid.UUID]:
    return (summary.scheduled_start or summary.updated_at, summary.id)
