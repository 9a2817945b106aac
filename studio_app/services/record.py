"""The session record: going live and ending, rehearsal copies, answers, on-air timecodes.

Each write is one transaction with its audit entry. Answers are autosaved while the recorder
types (no audit per keystroke); :meth:`RecordService.save_answer` with ``final=True`` writes
the audit entry of an editing pass, with the answer as it was before the pass.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark
from studio_app.domain.errors import ValidationError
from studio_app.domain.ids import uuid7
from studio_app.domain.questions import Answer, Question, QuestionState
from studio_app.domain.record import QuestionAiring
from studio_app.domain.sessions import MAX_TITLE_LENGTH, BroadcastSession, SessionStatus
from studio_app.services.database import Database

if TYPE_CHECKING:
    from studio_app.storage.store import Store, UnitOfWork

#: Autosaves of one answer closer together than this form one editing pass in the audit.
ANSWER_PASS_SECONDS = 120


@dataclass(frozen=True, slots=True)
class AnswerFields:
    """What the recorder types about an answer."""

    summary: str
    answered_by: str = ""
    role: str = ""
    department: str = ""


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A session as it ran: its agenda marks, airings and answers.

    The agenda's actual times are :func:`studio_app.domain.record.agenda_spans` of the marks,
    computed by the reader against its own clock (a countdown ticks).
    """

    session: BroadcastSession
    marks: tuple[AgendaMark, ...]
    airings: tuple[QuestionAiring, ...]
    answers: dict[uuid.UUID, Answer]


class SessionClosedError(ValidationError):
    """The session is closed: its record is final until someone reopens it."""

    def __init__(self) -> None:
        super().__init__("session", "closed", "This session is closed; reopen it before editing.")


def ensure_open(uow: UnitOfWork, session_id: uuid.UUID) -> None:
    """Raise :class:`SessionClosedError` if the session's record is closed."""
    if uow.sessions.status(session_id) is SessionStatus.CLOSED:
        raise SessionClosedError


class RecordService:
    """Use cases of the run of show and the answer editor."""

    def __init__(self, database: Database, operator: str) -> None:
        self._db = database
        self.operator = operator
        # Touched only on the database thread: the answer before the current editing pass.
        self._pass_before: dict[uuid.UUID, Answer | None] = {}

    # ------------------------------------------------------------------ lifecycle
    async def go_live(self, session_id: uuid.UUID, at: datetime | None = None) -> BroadcastSession:
        """The show starts (or resumes after ending by mistake) at ``at`` (now)."""
        return await self._move(session_id, SessionStatus.LIVE, "session.live", at)

    async def end_show(self, session_id: uuid.UUID) -> BroadcastSession:
        """The show ends: its last agenda item and any question on air end with it."""
        return await self._move(session_id, SessionStatus.ENDED, "session.ended")

    async def close(self, session_id: uuid.UUID) -> BroadcastSession:
        """Close the record: answers, agenda and questions can no longer change."""
        return await self._move(session_id, SessionStatus.CLOSED, "session.closed")

    async def reopen(self, session_id: uuid.UUID) -> BroadcastSession:
        """Reopen a closed record (deliberate, and in the audit trail)."""
        return await self._move(session_id, SessionStatus.ENDED, "session.reopened")

    async def _move(
        self,
        session_id: uuid.UUID,
        target: SessionStatus,
        action: str,
        at: datetime | None = None,
    ) -> BroadcastSession:
        def work(store: Store) -> BroadcastSession:
            with store.write() as uow:
                before = uow.sessions.get(session_id)
                after = before.moved_to(target, at)
                uow.sessions.save_lifecycle(after)
                if target is SessionStatus.ENDED and after.ended_at is not None:
                    for airing in uow.broadcast.airings(session_id, open_only=True):
                        uow.broadcast.save_airing(airing.ended(after.ended_at))
                uow.audit.append(self._entry(store, action, "session", session_id, session_id,
                                             _lifecycle(before), _lifecycle(after)))  # fmt: skip
                return uow.sessions.get(session_id)

        return await self._db.run(work)

    async def live_session(self) -> uuid.UUID | None:
        """The session left live by the last run (crash resume), newest first."""

        def work(store: Store) -> uuid.UUID | None:
            with store.read() as uow:
                live = [s for s in uow.sessions.list() if s.status is SessionStatus.LIVE]
            return live[0].id if live else None

        return await self._db.run(work)

    async def start_rehearsal(self, session_id: uuid.UUID, title: str) -> BroadcastSession:
        """Make a practice copy of a session's plan and its open questions.

        Everything works in the copy (OBS, overlay, answers, follow-ups) while the real
        session's record stays untouched; the copy is left out of the board and the record.
        """

        def work(store: Store) -> BroadcastSession:
            with store.write() as uow:
                source = uow.sessions.get(session_id)
                copy = source.rehearsal_copy(title[:MAX_TITLE_LENGTH])
                uow.sessions.save(copy)
                questions = [
                    _rehearsal_question(q, copy.id)
                    for q in uow.questions.list_for_session(session_id)
                    if q.state not in (QuestionState.MERGED, QuestionState.REJECTED)
                ]
                uow.questions.add_many(questions)
                uow.audit.append(
                    self._entry(store, "session.rehearsal_created", "session", copy.id, copy.id,
                                {"source": str(session_id)}, {"questions": len(questions)})
                )  # fmt: skip
                return uow.sessions.get(copy.id)

        return await self._db.run(work)

    # ------------------------------------------------------------------ record
    async def load(self, session_id: uuid.UUID) -> SessionRecord:
        """The session as it ran so far."""

        def work(store: Store) -> SessionRecord:
            with store.read() as uow:
                session = uow.sessions.get(session_id)
                marks = uow.broadcast.marks(session_id)
                airings = uow.broadcast.airings(session_id)
                answers = uow.answers.for_session(session_id)
            return SessionRecord(session, tuple(marks), tuple(airings), answers)

        return await self._db.run(work)

    async def stamp_airing(
        self, airing_id: uuid.UUID, edge: str, record_ms: int | None, stream_ms: int | None
    ) -> QuestionAiring:
        """Fill in the outputs' timecodes at an airing's start or end (read from OBS)."""

        def work(store: Store) -> QuestionAiring:
            with store.write() as uow:
                airing = uow.broadcast.airing(airing_id).with_timecodes(edge, record_ms, stream_ms)
                uow.broadcast.save_airing(airing)
                return airing

        return await self._db.run(work)

    # ------------------------------------------------------------------ answers
    async def answer(self, question_id: uuid.UUID) -> Answer | None:
        """The stored answer to a question, if any."""

        def work(store: Store) -> Answer | None:
            with store.read() as uow:
                return uow.answers.for_question(question_id)

        return await self._db.run(work)

    async def save_answer(
        self, question_id: uuid.UUID, fields: AnswerFields, *, final: bool = False
    ) -> Answer:
        """Store the answer as typed so far; ``final`` ends the editing pass (audited).

        Raises:
            ValidationError: The question was never on air (and is not deferred for a written
                answer), or its session is closed. Nothing is written.
        """

        def work(store: Store) -> Answer:
            with store.write() as uow:
                question = uow.questions.get(question_id)
                ensure_open(uow, question.session_id)
                existing = uow.answers.for_question(question_id)
                if existing is None:
                    answer = Answer.create(question, fields.summary, fields.answered_by,
                                           fields.role, fields.department)  # fmt: skip
                else:
                    answer = replace(
                        existing,
                        summary=fields.summary.strip(),
                        answered_by=fields.answered_by.strip(),
                        role=fields.role.strip(),
                        department=fields.department.strip(),
                    )
                self._pass_before.setdefault(question_id, existing)
                if answer != existing:
                    uow.answers.save(answer)
                if final:
                    before = self._pass_before.pop(question_id, existing)
                    if before != answer:
                        uow.audit.append(
                            self._entry(store, "answer.saved", "question", question_id,
                                        question.session_id, before, answer)
                        )  # fmt: skip
                return answer

        return await self._db.run(work)

    def _entry(
        self,
        store: Store,
        action: str,
        entity: str,
        entity_id: uuid.UUID,
        session_id: uuid.UUID,
        before: object,
        after: object,
    ) -> AuditEntry:
        return AuditEntry.record(
            store.studio_id,
            self.operator,
            action,
            entity,
            entity_id,
            session_id=session_id,
            before=before,
            after=after,
        )


def _lifecycle(session: BroadcastSession) -> dict[str, object]:
    return {
        "status": session.status.value,
        "started_at": session.started_at.isoformat() if session.started_at else None,
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
    }


def _rehearsal_question(question: Question, session_id: uuid.UUID) -> Question:
    """A copy for the rehearsal: answered or on-air questions are approved again."""
    copy = replace(question, id=uuid7(), session_id=session_id, merged_into=None, ask_count=1)
    if copy.state in (QuestionState.ON_AIR, QuestionState.ANSWERED):
        copy = replace(copy, state=QuestionState.APPROVED, queue_position=None)
    return copy
