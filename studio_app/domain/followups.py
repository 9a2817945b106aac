"""Follow-ups: promises made on air, tracked by appended events until they are done."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from studio_app.domain.errors import IllegalTransitionError, ValidationError
from studio_app.domain.ids import utc_now, uuid7


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
    ) -> FollowUp:
        """Create a follow-up; a promise text and a lead department are required."""
        promise = promise.strip()
        if not promise:
            raise ValidationError("follow_up.promise", "required")
        if lead_department_id is None:
            raise ValidationError("follow_up.lead_department", "required")
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


def _author(author: str) -> str:
    author = author.strip()
    if not author:
        raise ValidationError("follow_up_event.author", "required")
    return author
