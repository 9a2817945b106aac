"""Residents' questions and their moderation state machine, answers included."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from studio_app.domain.errors import IllegalTransitionError, ValidationError
from studio_app.domain.ids import utc_now, uuid7

MAX_QUESTION_LENGTH = 4000


class QuestionState(StrEnum):
    """Where a question is: ``new → approved → queued → on_air → answered`` plus the exits."""

    NEW = "new"
    APPROVED = "approved"
    QUEUED = "queued"
    ON_AIR = "on_air"
    ANSWERED = "answered"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    MERGED = "merged"


class RejectionReason(StrEnum):
    """Why a moderator rejected a question."""

    DUPLICATE = "duplicate"
    OFF_TOPIC = "off_topic"
    ABUSIVE = "abusive"
    PERSONAL_DATA = "personal_data"
    OTHER = "other"


class Channel(StrEnum):
    """How a question reached the studio."""

    HOTLINE = "hotline"
    ONLINE = "online"  # app, website or public-account message
    SOCIAL = "social"  # short-video or social-media comment
    LIVE_COMMENT = "live_comment"
    IN_ROOM = "in_room"
    OTHER = "other"


Q = QuestionState

#: Every allowed move of the moderation state machine. Anything else is illegal.
QUESTION_TRANSITIONS: dict[QuestionState, frozenset[QuestionState]] = {
    Q.NEW: frozenset({Q.APPROVED, Q.REJECTED, Q.DEFERRED, Q.MERGED}),
    Q.APPROVED: frozenset({Q.QUEUED, Q.REJECTED, Q.DEFERRED, Q.MERGED}),
    # queued → approved takes a question back out of the on-air queue.
    Q.QUEUED: frozenset({Q.ON_AIR, Q.APPROVED, Q.REJECTED, Q.DEFERRED, Q.MERGED}),
    # on_air → queued pulls a question off air unanswered (wrong one taken, caller gone).
    Q.ON_AIR: frozenset({Q.ANSWERED, Q.QUEUED, Q.DEFERRED}),
    Q.ANSWERED: frozenset(),
    # A rejected or merged question can be reinstated as new (the moderator changed mind).
    Q.REJECTED: frozenset({Q.NEW}),
    # Deferred questions get a written answer after the show, or come back for a later show.
    Q.DEFERRED: frozenset({Q.APPROVED, Q.ANSWERED}),
    Q.MERGED: frozenset({Q.NEW}),
}

#: States in which a question still counts as open work for the moderator.
OPEN_STATES = frozenset({Q.NEW, Q.APPROVED, Q.QUEUED, Q.ON_AIR})


@dataclass(frozen=True, slots=True)
class QuestionDraft:
    """A question as it arrives (typed, imported or submitted), before it is filed.

    :meth:`Question.create` validates it; the intake service masks its display text.
    """

    text: str
    asker: str = ""
    phone: str = ""
    channel: Channel = Channel.OTHER
    category: str = ""
    received_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """A resident's question.

    ``text`` is what the resident asked and is never changed; ``display_text`` is the edited,
    masked text shown on air. ``ask_count`` is the number of residents who asked it: 1 plus
    the ask counts of the questions merged into it.
    """

    id: uuid.UUID
    studio_id: uuid.UUID
    session_id: uuid.UUID
    text: str
    display_text: str
    asker: str = ""
    phone: str = ""
    channel: Channel = Channel.OTHER
    category: str = ""
    received_at: datetime = field(default_factory=utc_now)
    state: QuestionState = QuestionState.NEW
    rejection_reason: RejectionReason | None = None
    rejection_note: str = ""
    merged_into: uuid.UUID | None = None
    ask_count: int = 1
    queue_position: int | None = None
    #: The moderator explicitly allowed this display text on air despite sensitive words.
    sensitive_override: bool = False

    @classmethod
    def create(
        cls,
        studio_id: uuid.UUID,
        session_id: uuid.UUID,
        text: str,
        *,
        asker: str = "",
        phone: str = "",
        channel: Channel = Channel.OTHER,
        category: str = "",
        received_at: datetime | None = None,
    ) -> Question:
        """Take in a new question; its display text starts as the original text."""
        text = text.strip()
        if not text:
            raise ValidationError("question.text", "required")
        if len(text) > MAX_QUESTION_LENGTH:
            raise ValidationError("question.text", "too_long")
        return cls(
            id=uuid7(),
            studio_id=studio_id,
            session_id=session_id,
            text=text,
            display_text=text,
            asker=asker.strip(),
            phone=phone.strip(),
            channel=channel,
            category=category.strip(),
            received_at=received_at or utc_now(),
        )

    def can_move_to(self, target: QuestionState) -> bool:
        """Whether the state machine allows a move from the current state to ``target``."""
        return target in QUESTION_TRANSITIONS[self.state]

    def _moved(self, target: QuestionState, **changes: object) -> Question:
        if not self.can_move_to(target):
            raise IllegalTransitionError("question", self.state.value, target.value)
        return replace(self, state=target, **changes)  # type: ignore[arg-type]

    def approve(self) -> Question:
        """Accept the question for the show (new, or deferred brought back)."""
        if self.state not in (Q.NEW, Q.DEFERRED):
            raise IllegalTransitionError("question", self.state.value, Q.APPROVED.value)
        return self._moved(Q.APPROVED, queue_position=None)

    def enqueue(self, position: int) -> Question:
        """Put an approved question in the on-air queue at ``position``."""
        if self.state is not Q.APPROVED:
            raise IllegalTransitionError("question", self.state.value, Q.QUEUED.value)
        if position < 0:
            raise ValidationError("question.queue_position", "out_of_range")
        return self._moved(Q.QUEUED, queue_position=position)

    def dequeue(self) -> Question:
        """Take a queued question back out of the queue."""
        if self.state is not Q.QUEUED:
            raise IllegalTransitionError("question", self.state.value, Q.APPROVED.value)
        return self._moved(Q.APPROVED, queue_position=None)

    def take_to_air(self) -> Question:
        """Put a queued question on air."""
        return self._moved(Q.ON_AIR, queue_position=None)

    def pull_off_air(self, position: int = 0) -> Question:
        """Take the question off air unanswered, back to the queue at ``position``."""
        if self.state is not Q.ON_AIR:
            raise IllegalTransitionError("question", self.state.value, Q.QUEUED.value)
        return self._moved(Q.QUEUED, queue_position=max(0, position))

    def mark_answered(self) -> Question:
        """Record that the question was answered (on air, or in writing after deferral)."""
        return self._moved(Q.ANSWERED, queue_position=None)

    def reject(self, reason: RejectionReason, note: str = "") -> Question:
        """Reject with a reason; ``OTHER`` needs a note saying why."""
        note = note.strip()
        if reason is RejectionReason.OTHER and not note:
            raise ValidationError("question.rejection_note", "required")
        return self._moved(
            Q.REJECTED, rejection_reason=reason, rejection_note=note, queue_position=None
        )

    def defer(self) -> Question:
        """Defer: to be answered after the show."""
        return self._moved(Q.DEFERRED, queue_position=None)

    def reinstate(self) -> Question:
        """Bring a rejected question back as new (use :func:`unmerge` for merged ones)."""
        if self.state is Q.MERGED:
            raise ValidationError("question", "use_unmerge")
        return self._moved(Q.NEW, rejection_reason=None, rejection_note="")

    def with_display_text(self, display_text: str) -> Question:
        """Return a copy with an edited on-air text; the original ``text`` is kept."""
        display_text = display_text.strip()
        if not display_text:
            raise ValidationError("question.display_text", "required")
        if len(display_text) > MAX_QUESTION_LENGTH:
            raise ValidationError("question.display_text", "too_long")
        if self.state in (Q.ANSWERED, Q.MERGED):
            raise ValidationError("question.display_text", "not_editable")
        if display_text == self.display_text:
            return self
        # A new text is screened anew: an override given for the old text does not carry over.
        return replace(self, display_text=display_text, sensitive_override=False)

    def with_sensitive_override(self, allowed: bool = True) -> Question:
        """A copy on which the moderator allowed (or withdrew) air despite sensitive words."""
        return replace(self, sensitive_override=allowed)


def queue_order(question: Question) -> tuple[int, datetime, uuid.UUID]:
    """Sort key of the on-air queue: position, then arrival (ties never depend on luck)."""
    return (question.queue_position or 0, question.received_at, question.id)


def merge(duplicate: Question, target: Question) -> tuple[Question, Question]:
    """Merge ``duplicate`` into ``target``; return both, updated.

    The target then counts the duplicate's askers ("N residents asked"). Both must belong
    to the same session; the target must be an open question that is not itself merged.
    """
    if duplicate.id == target.id:
        raise ValidationError("question.merged_into", "self")
    if duplicate.session_id != target.session_id:
        raise ValidationError("question.merged_into", "other_session")
    if target.state not in OPEN_STATES:
        raise IllegalTransitionError("question", target.state.value, "merge_target")
    merged = duplicate._moved(Q.MERGED, merged_into=target.id, queue_position=None)
    return merged, replace(target, ask_count=target.ask_count + duplicate.ask_count)


def unmerge(merged: Question, target: Question) -> tuple[Question, Question]:
    """Undo :func:`merge`: the question is new again and the target counts fewer askers."""
    if merged.state is not Q.MERGED or merged.merged_into != target.id:
        raise ValidationError("question.merged_into", "not_merged_into_target")
    if target.state is Q.MERGED:
        # The target's askers were passed on up the chain: undo that merge first, or the
        # question at the top would go on counting these askers too.
        raise ValidationError("question.merged_into", "target_merged")
    restored = merged._moved(Q.NEW, merged_into=None)
    return restored, replace(target, ask_count=max(1, target.ask_count - merged.ask_count))


@dataclass(frozen=True, slots=True)
class Answer:
    """The recorder's summary of the answer given to a question."""

    id: uuid.UUID
    studio_id: uuid.UUID
    question_id: uuid.UUID
    summary: str
    answered_by: str = ""
    role: str = ""
    department: str = ""
    created_at: datetime = field(default_factory=utc_now)

    @classmethod
    def create(
        cls,
        question: Question,
        summary: str,
        answered_by: str = "",
        role: str = "",
        department: str = "",
    ) -> Answer:
        """Create an answer for ``question``.

        Only a question that was on air, or a deferred one answered in writing, can be
        answered.
        """
        if question.state not in (Q.ON_AIR, Q.ANSWERED, Q.DEFERRED):
            raise ValidationError("answer.question", "not_on_air")
        return cls(
            id=uuid7(),
            studio_id=question.studio_id,
            question_id=question.id,
            summary=summary.strip(),
            answered_by=answered_by.strip(),
            role=role.strip(),
            department=department.strip(),
        )
