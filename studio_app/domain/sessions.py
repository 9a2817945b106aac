"""Broadcast sessions with their guests and ordered agenda (run of show)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from studio_app.domain.errors import IllegalTransitionError, ValidationError
from studio_app.domain.ids import ensure_utc, utc_now, uuid7

MAX_TITLE_LENGTH = 200
MAX_PLANNED_MINUTES = 24 * 60


class SessionStatus(StrEnum):
    """Where a session is in its life: plan → live → ended → closed."""

    PLANNED = "planned"
    LIVE = "live"
    ENDED = "ended"
    CLOSED = "closed"


SESSION_TRANSITIONS: dict[SessionStatus, frozenset[SessionStatus]] = {
    SessionStatus.PLANNED: frozenset({SessionStatus.LIVE, SessionStatus.CLOSED}),
    # A live show that crashed or was stopped by mistake can go live again.
    SessionStatus.LIVE: frozenset({SessionStatus.ENDED}),
    SessionStatus.ENDED: frozenset({SessionStatus.LIVE, SessionStatus.CLOSED}),
    # Reopening a closed record is deliberate and audited, never implicit.
    SessionStatus.CLOSED: frozenset({SessionStatus.ENDED}),
}


def _required_text(field_name: str, value: str, limit: int = MAX_TITLE_LENGTH) -> str:
    value = value.strip()
    if not value:
        raise ValidationError(field_name, "required")
    if len(value) > limit:
        raise ValidationError(field_name, "too_long")
    return value


def _minutes(field_name: str, value: int) -> int:
    if not 0 <= value <= MAX_PLANNED_MINUTES:
        raise ValidationError(field_name, "out_of_range")
    return value


@dataclass(frozen=True, slots=True)
class Guest:
    """A person answering on the show: shown in the speaker lower third."""

    id: uuid.UUID
    name: str
    title: str = ""
    department: str = ""

    @classmethod
    def create(cls, name: str, title: str = "", department: str = "") -> Guest:
        """Create a guest; the name is required."""
        return cls(uuid7(), _required_text("guest.name", name), title.strip(), department.strip())

    def validated(self) -> Guest:
        """Return a normalised copy, or raise :class:`ValidationError`."""
        return replace(
            self,
            name=_required_text("guest.name", self.name),
            title=self.title.strip(),
            department=self.department.strip(),
        )


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One item of the run of show, optionally bound to an OBS scene and a speaker."""

    id: uuid.UUID
    title: str
    planned_minutes: int = 0
    scene_name: str = ""
    speaker_id: uuid.UUID | None = None
    notes: str = ""

    @classmethod
    def create(
        cls,
        title: str,
        planned_minutes: int = 0,
        scene_name: str = "",
        speaker_id: uuid.UUID | None = None,
        notes: str = "",
    ) -> AgendaItem:
        """Create an agenda item; the title is required."""
        return cls(uuid7(), title, planned_minutes, scene_name, speaker_id, notes).validated()

    def validated(self) -> AgendaItem:
        """Return a normalised copy, or raise :class:`ValidationError`."""
        return replace(
            self,
            title=_required_text("agenda.title", self.title),
            planned_minutes=_minutes("agenda.planned_minutes", self.planned_minutes),
            scene_name=self.scene_name.strip(),
            notes=self.notes.strip(),
        )


@dataclass(frozen=True, slots=True)
class BroadcastSession:
    """One broadcast (a show): its plan, its guests and its ordered agenda.

    ``guests`` and ``agenda`` are tuples in display order; the order of ``agenda`` is the run
    of show. Instances are immutable: every change returns a new, validated session.
    """

    id: uuid.UUID
    studio_id: uuid.UUID
    title: str
    scheduled_start: datetime | None = None
    planned_minutes: int = 0
    location: str = ""
    description: str = ""
    status: SessionStatus = SessionStatus.PLANNED
    guests: tuple[Guest, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    created_at: datetime = field(default_factory=utc_now)
    updated_at: datetime = field(default_factory=utc_now)
    #: A practice copy: it runs like a show, but is left out of the record (board, exports).
    rehearsal: bool = False
    #: When the show went live (first time), UTC; ``None`` until then.
    started_at: datetime | None = None
    #: When the show ended (last time), UTC; ``None`` while planned or live.
    ended_at: datetime | None = None

    @classmethod
    def create(
        cls, studio_id: uuid.UUID, title: str, scheduled_start: datetime | None = None
    ) -> BroadcastSession:
        """Create a planned session with a fresh id."""
        return cls(
            id=uuid7(), studio_id=studio_id, title=title, scheduled_start=scheduled_start
        ).validated()

    @property
    def is_editable(self) -> bool:
        """A closed session is a finished record: it is reopened before it is changed."""
        return self.status is not SessionStatus.CLOSED

    def validated(self) -> BroadcastSession:
        """Return a normalised copy, or raise :class:`ValidationError`.

        Checks the title, the durations, the guests and agenda items, that ids are unique and
        that every agenda speaker is one of the session's guests.
        """
        guests = tuple(g.validated() for g in self.guests)
        agenda = tuple(a.validated() for a in self.agenda)
        guest_ids = {g.id for g in guests}
        if len(guest_ids) != len(guests):
            raise ValidationError("guests", "duplicate_id")
        if len({a.id for a in agenda}) != len(agenda):
            raise ValidationError("agenda", "duplicate_id")
        for item in agenda:
            if item.speaker_id is not None and item.speaker_id not in guest_ids:
                raise ValidationError("agenda.speaker", "unknown_guest")
        start = self.scheduled_start
        if start is not None and (start.tzinfo is None or start.utcoffset() is None):
            raise ValidationError("session.scheduled_start", "naive_datetime")
        return replace(
            self,
            title=_required_text("session.title", self.title),
            scheduled_start=ensure_utc(start) if start is not None else None,
            planned_minutes=_minutes("session.planned_minutes", self.planned_minutes),
            location=self.location.strip(),
            description=self.description.strip(),
            guests=guests,
            agenda=agenda,
        )

    def edited(self, **changes: object) -> BroadcastSession:
        """Return a validated copy with ``changes`` applied; a closed session refuses."""
        if not self.is_editable:
            raise ValidationError(
                "session", "closed", "This session is closed; reopen it before editing."
            )
        if {"status", "id", "studio_id", "rehearsal", "started_at", "ended_at"} & changes.keys():
            raise ValidationError("session", "not_editable_field")
        return replace(self, **changes).validated()  # type: ignore[arg-type]

    def with_agenda_moved(self, item_id: uuid.UUID, new_index: int) -> BroadcastSession:
        """Return a copy with one agenda item moved to ``new_index`` (clamped)."""
        items = list(self.agenda)
        index = next((i for i, a in enumerate(items) if a.id == item_id), None)
        if index is None:
            raise ValidationError("agenda", "unknown_item")
        item = items.pop(index)
        items.insert(max(0, min(new_index, len(items))), item)
        return self.edited(agenda=tuple(items))

    def summary(self) -> SessionSummary:
        """The session as the session list shows it."""
        return SessionSummary(
            id=self.id,
            title=self.title,
            scheduled_start=self.scheduled_start,
            status=self.status,
            guest_count=len(self.guests),
            agenda_count=len(self.agenda),
            updated_at=self.updated_at,
            rehearsal=self.rehearsal,
        )

    def planned_agenda_minutes(self) -> int:
        """Sum of the agenda items' planned minutes."""
        return sum(a.planned_minutes for a in self.agenda)

    def moved_to(self, target: SessionStatus, at: datetime | None = None) -> BroadcastSession:
        """Return a copy in status ``target``, or raise :class:`IllegalTransitionError`.

        Going live the first time sets ``started_at``; ending sets ``ended_at`` (a show that
        goes live again after ending keeps its first start and gets a new end later).
        """
        if target not in SESSION_TRANSITIONS[self.status]:
            raise IllegalTransitionError("session", self.status.value, target.value)
        when = ensure_utc(at) if at is not None else utc_now()
        changes: dict[str, object] = {"status": target}
        if target is SessionStatus.LIVE:
            changes["ended_at"] = None
            if self.started_at is None:
                changes["started_at"] = when
        elif target is SessionStatus.ENDED and self.status is SessionStatus.LIVE:
            changes["ended_at"] = when
        return replace(self, **changes)  # type: ignore[arg-type]

    def rehearsal_copy(self, title: str) -> BroadcastSession:
        """A planned practice copy of this session's plan, with fresh ids throughout.

        Guests and agenda are copied (speakers re-pointed to the copied guests); the copy is
        marked ``rehearsal`` so nothing done in it counts as aired.
        """
        guest_ids = {g.id: uuid7() for g in self.guests}
        return BroadcastSession(
            id=uuid7(),
            studio_id=self.studio_id,
            title=title,
            scheduled_start=self.scheduled_start,
            planned_minutes=self.planned_minutes,
            location=self.location,
            description=self.description,
            guests=tuple(replace(g, id=guest_ids[g.id]) for g in self.guests),
            agenda=tuple(
                replace(
                    a,
                    id=uuid7(),
                    speaker_id=guest_ids.get(a.speaker_id) if a.speaker_id else None,
                )
                for a in self.agenda
            ),
            rehearsal=True,
        ).validated()


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """A session as the session list shows it, without guests and agenda."""

    id: uuid.UUID
    title: str
    scheduled_start: datetime | None
    status: SessionStatus
    guest_count: int
    agenda_count: int
    updated_at: datetime
    rehearsal: bool = False


#: Shortest id start that names a session (what someone may type instead of the whole id).
MIN_ID_PREFIX = 4


def match_sessions(
    values: Sequence[str], sessions: Sequence[SessionSummary]
) -> list[SessionSummary]:
    """The sessions named by what someone typed: whole ids or unique starts of at least 4.

    Raises:
        LookupError: A value matches no session or several (``args``: the value, the count).
    """
    found = []
    for value in values:
        wanted = value.strip().lower()
        matches = [s for s in sessions if str(s.id) == wanted or str(s.id).startswith(wanted)]
        if len(matches) != 1 or len(wanted) < MIN_ID_PREFIX:
            raise LookupError(value, len(matches))
        found.append(matches[0])
    return found
