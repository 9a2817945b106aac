"""Follow-ups: promises made on air, tracked by appended events until they are done."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import NamedTuple, Protocol

from studio_app.domain.errors import IllegalTransitionError, ValidationError
from studio_app.domain.ids import utc_now, uuid7

MAX_PROMISE_LENGTH = 2000


class FollowUpStatus(StrEnum):
    """``assigned → in_progress → resolved → published`` with ``returned`` for rework.

    ``overdue`` is not a status: it is derived from the deadline (:func:`is_overdue`).
    """

    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    PUBLISHED = "published"
    RETURNED = "returned"


F = FollowUpStatus

FOLLOW_UP_TRANSITIONS: dict[FollowUpStatus, frozenset[FollowUpStatus]] = {
    F.ASSIGNED: frozenset({F.IN_PROGRESS, F.RESOLVED, F.RETURNED}),
    F.IN_PROGRESS: frozenset({F.RESOLVED, F.RETURNED}),
    # The studio reviews a resolution: publish it or send it back for rework.
    F.RESOLVED: frozenset({F.PUBLISHED, F.RETURNED}),
    F.RETURNED: frozenset({F.IN_PROGRESS, F.RESOLVED}),
    F.PUBLISHED: frozenset(),
}

#: Statuses in which the promise is kept as far as the deadline is concerned.
DONE_STATUSES = frozenset({F.RESOLVED, F.PUBLISHED})


class EventKind(StrEnum):
    """What a follow-up event records."""

    STATUS = "status"
    REPLY = "reply"


class EventOrigin(StrEnum):
    """Who appended the event: the studio, or a department through the county archive."""

    STUDIO = "studio"
    DEPARTMENT = "department"


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A promise made in answer to a question, handed to a lead department with a deadline.

    The status is not stored here: it is the latest status event (:func:`current_status`),
    so the history is a public record and a department's update cannot be overwritten.
    """

    id: uuid.UUID
    studio_id: uuid.UUID
    session_id: uuid.UUID
    promise: str
    lead_department_id: uuid.UUID
    question_id: uuid.UUID | None = None
    supporting_department_ids: tuple[uuid.UUID, ...] = ()
    responsible_person: str = ""
    deadline: date | None = None
    resident_contact: str = ""
    created_at: datetime = field(default_factory=utc_now)

    @classmethod
    def create(
        cls,
        studio_id: uuid.UUID,
        session_id: uuid.UUID,
        promise: str,
        lead_department_id: uuid.UUID | None,
        *,
        question_id: uuid.UUID | None = None,
        supporting_department_ids: Iterable[uuid.UUID] = (),
        responsible_person: str = "",
        deadline: date | None = None,
        resident_contact: str = "",
        today: date | None = None,
        allow_past_deadline: bool = False,
    ) -> FollowUp:
        """Create a follow-up; a promise text and a lead department are required.

        A deadline before ``today`` is refused unless ``allow_past_deadline`` (the operator
        confirmed, e.g. recording an older promise): it would be overdue the moment it is made.
        """
        promise = promise.strip()
        if not promise:
            raise ValidationError("follow_up.promise", "required")
        if len(promise) > MAX_PROMISE_LENGTH:
            raise ValidationError("follow_up.promise", "too_long")
        if lead_department_id is None:
            raise ValidationError("follow_up.lead_department", "required")
        past = deadline is not None and today is not None and deadline < today
        if past and not allow_past_deadline:
            raise ValidationError("follow_up.deadline", "in_past")
        supporting = tuple(dict.fromkeys(supporting_department_ids))
        if lead_department_id in supporting:
            raise ValidationError("follow_up.supporting_departments", "contains_lead")
        return cls(
            id=uuid7(),
            studio_id=studio_id,
            session_id=session_id,
            promise=promise,
            lead_department_id=lead_department_id,
            question_id=question_id,
            supporting_department_ids=supporting,
            responsible_person=responsible_person.strip(),
            deadline=deadline,
            resident_contact=resident_contact.strip(),
        )


@dataclass(frozen=True, slots=True)
class FollowUpEvent:
    """An appended, never edited, entry in a follow-up's history."""

    id: uuid.UUID
    studio_id: uuid.UUID
    follow_up_id: uuid.UUID
    kind: EventKind
    author: str
    at: datetime
    status: FollowUpStatus | None = None
    text: str = ""
    origin: EventOrigin = EventOrigin.STUDIO


def current_status(events: Iterable[FollowUpEvent]) -> FollowUpStatus:
    """Return the status set by the last status event (events in server/append order)."""
    status = F.ASSIGNED
    for event in events:
        if event.kind is EventKind.STATUS and event.status is not None:
            status = event.status
    return status


def status_change(
    follow_up: FollowUp,
    history: Iterable[FollowUpEvent],
    target: FollowUpStatus,
    author: str,
    text: str = "",
    origin: EventOrigin = EventOrigin.STUDIO,
    at: datetime | None = None,
) -> FollowUpEvent:
    """Return the event that moves ``follow_up`` to ``target``, or raise if not allowed."""
    current = current_status(history)
    if target not in FOLLOW_UP_TRANSITIONS[current]:
        raise IllegalTransitionError("follow_up", current.value, target.value)
    if target is F.RETURNED and not text.strip():
        raise ValidationError("follow_up_event.text", "required")
    return FollowUpEvent(
        id=uuid7(),
        studio_id=follow_up.studio_id,
        follow_up_id=follow_up.id,
        kind=EventKind.STATUS,
        author=_author(author),
        at=at or utc_now(),
        status=target,
        text=text.strip(),
        origin=origin,
    )


def reply(
    follow_up: FollowUp,
    author: str,
    text: str,
    origin: EventOrigin = EventOrigin.STUDIO,
    at: datetime | None = None,
) -> FollowUpEvent:
    """Return a reply event (progress note) for ``follow_up``."""
    if not text.strip():
        raise ValidationError("follow_up_event.text", "required")
    return FollowUpEvent(
        id=uuid7(),
        studio_id=follow_up.studio_id,
        follow_up_id=follow_up.id,
        kind=EventKind.REPLY,
        author=_author(author),
        at=at or utc_now(),
        text=text.strip(),
        origin=origin,
    )


def is_overdue(follow_up: FollowUp, status: FollowUpStatus, today: date) -> bool:
    """Derived, never stored: past its deadline and not resolved or published."""
    return (
        follow_up.deadline is not None and today > follow_up.deadline
    ) and status not in DONE_STATUSES


@dataclass(frozen=True, slots=True)
class FollowUpState:
    """A follow-up with what its history says: status, when it was done, the latest reply."""

    follow_up: FollowUp
    status: FollowUpStatus
    #: When it last moved into a done status, if it is done now.
    done_at: datetime | None
    latest_reply: str
    #: The newest event's time (or the follow-up's creation).
    updated_at: datetime
    event_count: int

    def is_overdue(self, today: date) -> bool:
        """Past its deadline and not done (derived, never stored)."""
        return is_overdue(self.follow_up, self.status, today)

    def done_on_time(self, tz: tzinfo | None = None) -> bool | None:
        """``True``/``False`` once done (no deadline counts as on time); ``None`` while open."""
        if self.done_at is None:
            return None
        deadline = self.follow_up.deadline
        return deadline is None or self.done_at.astimezone(tz).date() <= deadline


class HistoryStep(NamedTuple):
    """What :func:`fold` needs of an event (the board reads just this, for thousands)."""

    kind: EventKind
    status: FollowUpStatus | None
    text: str
    at: datetime


class _Step(Protocol):
    @property
    def kind(self) -> EventKind: ...
    @property
    def status(self) -> FollowUpStatus | None: ...
    @property
    def text(self) -> str: ...
    @property
    def at(self) -> datetime: ...


def fold(follow_up: FollowUp, events: Iterable[_Step]) -> FollowUpState:
    """Reduce a follow-up's events (or history steps), in append order, to its state."""
    status = F.ASSIGNED
    done_at: datetime | None = None
    reply_text = ""
    updated = follow_up.created_at
    count = 0
    for event in events:
        count += 1
        updated = max(updated, event.at)
        if event.kind is EventKind.STATUS and event.status is not None:
            if event.status in DONE_STATUSES and status not in DONE_STATUSES:
                done_at = event.at
            elif event.status not in DONE_STATUSES:
                done_at = None
            status = event.status
        elif event.kind is EventKind.REPLY:
            reply_text = event.text
    return FollowUpState(follow_up, status, done_at, reply_text, updated, count)


@dataclass(frozen=True, slots=True)
class FollowUpRates:
    """Completion and on-time figures of a set of follow-ups.

    ``completion_rate`` is done / all. ``on_time_rate`` is done-by-the-deadline / due, where
    *due* counts the done ones and the open ones already past their deadline: an open
    follow-up still within its deadline is not yet late, so it is not counted against.
    Rates are ``None`` when there is nothing to divide by.
    """

    total: int = 0
    done: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def open(self) -> int:
        """Not done yet."""
        return self.total - self.done

    @property
    def completion_rate(self) -> float | None:
        """Share done, 0..1."""
        return self.done / self.total if self.total else None

    @property
    def on_time_rate(self) -> float | None:
        """Share of the due ones done by their deadline, 0..1."""
        due = self.done + self.overdue
        return self.on_time / due if due else None


def rates(states: Iterable[FollowUpState], today: date, tz: tzinfo | None = None) -> FollowUpRates:
    """Completion and on-time figures over ``states``."""
    total = done = on_time = overdue = 0
    for state in states:
        total += 1
        in_time = state.done_on_time(tz)
        if in_time is not None:
            done += 1
            on_time += in_time
        elif state.is_overdue(today):
            overdue += 1
    return FollowUpRates(total, done, on_time, overdue)


def rates_by_department(
    states: Iterable[FollowUpState], today: date, tz: tzinfo | None = None
) -> dict[uuid.UUID, FollowUpRates]:
    """:func:`rates` per lead department."""
    groups: dict[uuid.UUID, list[FollowUpState]] = {}
    for state in states:
        groups.setdefault(state.follow_up.lead_department_id, []).append(state)
    return {dept: rates(group, today, tz) for dept, group in groups.items()}


def _author(author: str) -> str:
    author = author.strip()
    if not author:
        raise ValidationError("follow_up_event.author", "required")
    return author
