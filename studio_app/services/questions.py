"""Questions of a live session: intake, moderation, the on-air queue, and undo.

Every action is one transaction on the database thread with an audit entry per changed
question (who, when, before, after). Actions return the questions they changed, screened,
so the moderation view updates without reloading 10 000 rows. Near-duplicate suggestions
come from an in-memory index per session that also lives on the database thread.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from studio_app.domain.audit import AuditEntry
from studio_app.domain.errors import DomainError, ValidationError
from studio_app.domain.questions import (
    OPEN_STATES,
    Question,
    QuestionDraft,
    QuestionState,
    RejectionReason,
    merge,
    queue_order,
    unmerge,
)
from studio_app.domain.record import QuestionAiring
from studio_app.domain.screening import Screening, check_air, mask_for_air, screen
from studio_app.domain.sensitive import SensitiveWords
from studio_app.domain.similarity import DuplicateIndex
from studio_app.services.database import Database
from studio_app.services.record import ensure_open

if TYPE_CHECKING:
    from studio_app.storage.store import Store, UnitOfWork

Q = QuestionState

#: How many moderation actions can be undone, newest first.
UNDO_DEPTH = 50
#: Suggestions computed when a session is loaded (the newest unmoderated questions).
LOAD_SUGGESTION_LIMIT = 500
#: How similar two questions must be to be suggested as duplicates (see domain.similarity).
SUGGESTION_LIMIT = 3


class NothingToUndoError(DomainError):
    """There is no moderation action left to undo."""

    code = "nothing_to_undo"

    def __init__(self) -> None:
        super().__init__("nothing to undo")


class UndoConflictError(DomainError):
    """The questions changed again after the action, so undoing it would lose that change."""

    code = "undo_conflict"

    def __init__(self) -> None:
        super().__init__("the questions changed since; undo refused")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A question that looks like a duplicate of another one (``score`` in 0..1)."""

    question_id: uuid.UUID
    score: float


@dataclass(frozen=True, slots=True)
class QuestionChange:
    """The result of an action: changed questions with their screening and suggestions."""

    action: str
    questions: tuple[Question, ...]
    screenings: dict[uuid.UUID, Screening] = field(default_factory=dict)
    suggestions: dict[uuid.UUID, tuple[Suggestion, ...]] = field(default_factory=dict)
    #: Airings this change opened (a question went on air) or closed (it left the air);
    #: the caller fills in OBS's timecodes with :meth:`RecordService.stamp_airing`.
    airings_started: tuple[QuestionAiring, ...] = ()
    airings_ended: tuple[QuestionAiring, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionQuestions:
    """Every question of a session, screened, with duplicate suggestions for the new ones."""

    questions: tuple[Question, ...]
    screenings: dict[uuid.UUID, Screening]
    suggestions: dict[uuid.UUID, tuple[Suggestion, ...]]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What the audit trail records of a batch of questions filed at once."""

    count: int
    source: str


@dataclass(frozen=True, slots=True)
class _UndoRecord:
    action: str
    session_id: uuid.UUID
    before: tuple[Question, ...]
    after: tuple[Question, ...]


class QuestionService:
    """Use cases of the moderation view, the intake form, imports and the LAN page."""

    def __init__(self, database: Database, operator: str, words: SensitiveWords) -> None:
        self._db = database
        self.operator = operator
        self._words = words
        # Touched only on the database thread (inside the functions passed to Database.run).
        self._indexes: dict[uuid.UUID, DuplicateIndex[uuid.UUID]] = {}
        self._undo: deque[_UndoRecord] = deque(maxlen=UNDO_DEPTH)

    @property
    def words(self) -> SensitiveWords:
        """The sensitive-word list in use."""
        return self._words

    def set_words(self, words: SensitiveWords) -> None:
        """Use another sensitive-word list (screenings computed afterwards use it)."""
        self._words = words

    async def load_words(self, loader: Callable[[], SensitiveWords]) -> None:
        """Build the word list on the database thread (its tables take ~0.2 s to build).

        Calls are served in order there, so every load, intake or take to air submitted after
        this screens with the new list.
        """
        self._words = await self._db.run(lambda _store: loader())

    @property
    def can_undo(self) -> bool:
        """Whether a moderation action is waiting to be undone."""
        return bool(self._undo)

    # ------------------------------------------------------------------ reading
    async def load(self, session_id: uuid.UUID) -> SessionQuestions:
        """Every question of the session, screened, with suggestions for the newest new ones."""

        def work(store: Store) -> SessionQuestions:
            with store.read() as uow:
                questions = uow.questions.list_for_session(session_id)
            index = self._index(session_id, questions)
            fresh = [q for q in questions if q.state is Q.NEW][-LOAD_SUGGESTION_LIMIT:]
            suggestions = {q.id: s for q in fresh if (s := self._suggest(index, q))}
            return SessionQuestions(
                questions=tuple(questions),
                screenings={q.id: screen(q, self._words) for q in questions},
                suggestions=suggestions,
            )

        return await self._db.run(work)

    def screen(self, question: Question) -> Screening:
        """Screen one question (e.g. a display text being edited) with the current list."""
        return screen(question, self._words)

    # ------------------------------------------------------------------ intake
    async def file(self, session_id: uuid.UUID, draft: QuestionDraft) -> QuestionChange:
        """File one question into the moderation queue, masked, with duplicate suggestions.

        Raises:
            ValidationError: The question has no text or too much.
            StorageError: The store refused the write (nothing is written).
        """
        return (await self.file_many(session_id, [draft], action="question.filed"))[0]

    async def file_many(
        self,
        session_id: uuid.UUID,
        drafts: Sequence[QuestionDraft],
        *,
        action: str = "question.imported",
        source: str = "",
    ) -> list[QuestionChange]:
        """File many questions in one transaction: all of them, or none.

        Raises:
            ValidationError: One of the drafts is not valid (nothing is written).
        """

        def work(store: Store) -> list[QuestionChange]:
            questions = [new_question(store.studio_id, session_id, draft) for draft in drafts]
            with store.write() as uow:
                ensure_open(uow, session_id)  # an unknown session raises NotFoundError
                uow.questions.add_many(questions)
                if len(questions) == 1:
                    self._audit(uow, store, action, None, questions[0])
                elif questions:
                    uow.audit.append(
                        AuditEntry.record(
                            store.studio_id,
                            self.operator,
                            action,
                            "session",
                            session_id,
                            session_id=session_id,
                            after=ImportSummary(len(questions), source),
                        )
                    )
            index = self._index_for_write(store, session_id)
            changes = []
            for question in questions:
                found = self._suggest(index, question)
                index.add(question.id, question.display_text)
                changes.append(
                    QuestionChange(
                        action=action,
                        questions=(question,),
                        screenings={question.id: screen(question, self._words)},
                        suggestions={question.id: found} if found else {},
                    )
                )
            return changes

        return await self._db.run(work)

    # ------------------------------------------------------------------ moderation
    async def approve(self, question_id: uuid.UUID) -> QuestionChange:
        """Accept a new (or deferred) question for the show."""
        return await self._change(
            "question.approved", [question_id], lambda qs, _: [qs[0].approve()]
        )

    async def reject(
        self, question_id: uuid.UUID, reason: RejectionReason, note: str = ""
    ) -> QuestionChange:
        """Reject with a reason (``OTHER`` needs a note)."""
        return await self._change(
            "question.rejected", [question_id], lambda qs, _: [qs[0].reject(reason, note)]
        )

    async def defer(self, question_id: uuid.UUID) -> QuestionChange:
        """Defer: answered after the show."""
        return await self._change("question.deferred", [question_id], lambda qs, _: [qs[0].defer()])

    async def reinstate(self, question_id: uuid.UUID) -> QuestionChange:
        """Bring a rejected question back as new."""
        return await self._change(
            "question.reinstated", [question_id], lambda qs, _: [qs[0].reinstate()]
        )

    async def edit_display_text(self, question_id: uuid.UUID, text: str) -> QuestionChange:
        """Change what airs; the resident's original text is kept."""
        return await self._change(
            "question.display_edited", [question_id], lambda qs, _: [qs[0].with_display_text(text)]
        )

    async def allow_sensitive(self, question_id: uuid.UUID, allowed: bool = True) -> QuestionChange:
        """The moderator's explicit override to air a text that hits sensitive words."""
        return await self._change(
            "question.sensitive_override" if allowed else "question.sensitive_override_withdrawn",
            [question_id],
            lambda qs, _: [qs[0].with_sensitive_override(allowed)],
        )

    async def merge(self, duplicate_id: uuid.UUID, target_id: uuid.UUID) -> QuestionChange:
        """Merge a duplicate into ``target`` ("N residents asked" grows)."""
        return await self._change(
            "question.merged", [duplicate_id, target_id], lambda qs, _: list(merge(qs[0], qs[1]))
        )

    async def unmerge(self, merged_id: uuid.UUID) -> QuestionChange:
        """Undo a merge: the question is new again, its target counts fewer askers."""

        def plan(qs: list[Question], uow: UnitOfWork) -> list[Question]:
            merged = qs[0]
            if merged.merged_into is None:
                raise ValidationError("question.merged_into", "not_merged_into_target")
            return list(unmerge(merged, uow.questions.get(merged.merged_into)))

        return await self._change("question.unmerged", [merged_id], plan)

    async def enqueue(self, question_id: uuid.UUID, position: int | None = None) -> QuestionChange:
        """Put a question in the on-air queue (approving it first if new); end by default."""

        def plan(qs: list[Question], uow: UnitOfWork) -> list[Question]:
            question = qs[0]
            if question.state in (Q.NEW, Q.DEFERRED):
                question = question.approve()
            queue = _queue(uow, question.session_id, exclude=question.id)
            where = len(queue) if position is None else max(0, min(position, len(queue)))
            queue.insert(where, question.enqueue(where))
            return _renumbered(queue)

        return await self._change("question.queued", [question_id], plan)

    async def dequeue(self, question_id: uuid.UUID) -> QuestionChange:
        """Take a question back out of the queue (it stays approved)."""

        def plan(qs: list[Question], uow: UnitOfWork) -> list[Question]:
            out = qs[0].dequeue()
            return [out, *_renumbered(_queue(uow, out.session_id, exclude=out.id))]

        return await self._change("question.dequeued", [question_id], plan)

    async def move_in_queue(self, question_id: uuid.UUID, position: int) -> QuestionChange:
        """Move a queued question to ``position`` (0 = next on air)."""

        def plan(qs: list[Question], uow: UnitOfWork) -> list[Question]:
            question = qs[0]
            if question.state is not Q.QUEUED:
                raise ValidationError("question.queue_position", "not_queued")
            queue = _queue(uow, question.session_id, exclude=question.id)
            queue.insert(max(0, min(position, len(queue))), question)
            return _renumbered(queue)

        return await self._change("question.moved", [question_id], plan)

    async def take_to_air(self, question_id: uuid.UUID) -> QuestionChange:
        """Put a question on air (from the queue, or straight from approved/new).

        The question that was on air is marked answered: the show moves on to the next one.

        Raises:
            AirBlockedError: Personal data is left in its display text, or it hits sensitive
                words without an override. Nothing changes.
        """

        def plan(qs: list[Question], uow: UnitOfWork) -> list[Question]:
            question = qs[0]
            check_air(question, screen(question, self._words))
            if question.state in (Q.NEW, Q.DEFERRED):
                question = question.approve()
            if question.state is Q.APPROVED:
                question = question.enqueue(0)
            changed = [q.mark_answered() for q in _in_state(uow, question.session_id, Q.ON_AIR)]
            queue = _queue(uow, question.session_id, exclude=question.id)
            return [*changed, question.take_to_air(), *_renumbered(queue)]

        return await self._change("question.on_air", [question_id], plan)

    async def take_next_to_air(self, session_id: uuid.UUID) -> QuestionChange | None:
        """Take the first question of the queue to air; ``None`` when the queue is empty."""

        def first(store: Store) -> uuid.UUID | None:
            with store.read() as uow:
                queue = _queue(uow, session_id)
            return queue[0].id if queue else None

        question_id = await self._db.run(first)
        return None if question_id is None else await self.take_to_air(question_id)

    async def mark_answered(self, question_id: uuid.UUID) -> QuestionChange:
        """Record that the question on air (or a deferred one) was answered."""
        return await self._change(
            "question.answered", [question_id], lambda qs, _: [qs[0].mark_answered()]
        )

    async def pull_off_air(self, question_id: uuid.UUID) -> QuestionChange:
        """Take the question off air unanswered, back to the front of the queue."""

        def plan(qs: list[Question], uow: UnitOfWork) -> list[Question]:
            back = qs[0].pull_off_air(0)
            queue = _queue(uow, back.session_id, exclude=back.id)
            return _renumbered([back, *queue])

        return await self._change("question.pulled", [question_id], plan)

    async def undo(self) -> QuestionChange:
        """Undo the newest moderation action still on the stack.

        Raises:
            NothingToUndoError: Nothing left to undo.
            UndoConflictError: One of its questions changed again since (nothing changes; the
                record stays so the moderator can decide).
        """

        def work(store: Store) -> QuestionChange:
            if not self._undo:
                raise NothingToUndoError
            record = self._undo[-1]
            with store.write() as uow:
                ensure_open(uow, record.session_id)
                current = [uow.questions.get(q.id) for q in record.after]
                if current != list(record.after):
                    raise UndoConflictError
                for before, now in zip(record.before, current, strict=True):
                    uow.questions.update(before)
                    self._audit(uow, store, "question.undone", now, before, undone=record.action)
                started, ended = _record_airings(uow, current, record.before)
            self._undo.pop()
            self._reindex(record.session_id, record.before)
            return replace(
                self._result(f"undo:{record.action}", record.before),
                airings_started=started,
                airings_ended=ended,
            )

        return await self._db.run(work)

    # ------------------------------------------------------------------ internals
    async def _change(
        self,
        action: str,
        ids: Sequence[uuid.UUID],
        plan: Callable[[list[Question], UnitOfWork], list[Question]],
    ) -> QuestionChange:
        """Read ``ids``, let ``plan`` compute the changed questions, write them with audit."""

        def work(store: Store) -> QuestionChange:
            with store.write() as uow:
                current = [uow.questions.get(i) for i in ids]
                if current:
                    ensure_open(uow, current[0].session_id)
                planned = plan(current, uow)
                before_by_id = {q.id: q for q in current}
                befores: list[Question] = []
                afters: list[Question] = []
                for question in _unique(planned):
                    before = before_by_id.get(question.id) or uow.questions.get(question.id)
                    if before == question:
                        continue
                    uow.questions.update(question)
                    befores.append(before)
                    afters.append(question)
                    self._audit(uow, store, action, before, question)
                started, ended = _record_airings(uow, befores, afters)
            if afters:
                self._undo.append(
                    _UndoRecord(action, afters[0].session_id, tuple(befores), tuple(afters))
                )
                self._reindex(afters[0].session_id, afters)
            return replace(
                self._result(action, afters), airings_started=started, airings_ended=ended
            )

        return await self._db.run(work)

    def _result(self, action: str, questions: Iterable[Question]) -> QuestionChange:
        questions = tuple(questions)
        return QuestionChange(
            action=action,
            questions=questions,
            screenings={q.id: screen(q, self._words) for q in questions},
        )

    def _audit(
        self,
        uow: UnitOfWork,
        store: Store,
        action: str,
        before: Question | None,
        after: Question,
        **extra: str,
    ) -> None:
        entry = AuditEntry.record(
            store.studio_id,
            self.operator,
            action,
            "question",
            after.id,
            session_id=after.session_id,
            before=before,
            after=after,
        )
        if extra and entry.after is not None:
            entry = _with_extra(entry, extra)
        uow.audit.append(entry)

    def _index(
        self, session_id: uuid.UUID, questions: Iterable[Question]
    ) -> DuplicateIndex[uuid.UUID]:
        index: DuplicateIndex[uuid.UUID] = DuplicateIndex()
        for question in questions:
            if question.state in OPEN_STATES:
                index.add(question.id, question.display_text)
        self._indexes = {session_id: index}  # one live session at a time
        return index

    def _index_for_write(self, store: Store, session_id: uuid.UUID) -> DuplicateIndex[uuid.UUID]:
        index = self._indexes.get(session_id)
        if index is None:
            with store.read() as uow:
                index = self._index(session_id, uow.questions.list_for_session(session_id))
        return index

    def _reindex(self, session_id: uuid.UUID, questions: Iterable[Question]) -> None:
        index = self._indexes.get(session_id)
        if index is None:
            return
        for question in questions:
            index.remove(question.id)
            if question.state in OPEN_STATES:
                index.add(question.id, question.display_text)

    def _suggest(
        self, index: DuplicateIndex[uuid.UUID], question: Question
    ) -> tuple[Suggestion, ...]:
        return tuple(
            Suggestion(key, score)
            for key, score in index.similar(question.display_text, limit=SUGGESTION_LIMIT + 1)
            if key != question.id
        )[:SUGGESTION_LIMIT]


def new_question(studio_id: uuid.UUID, session_id: uuid.UUID, draft: QuestionDraft) -> Question:
    """A new question from ``draft``, its on-air text masked of personal data (not stored).

    Raises:
        ValidationError: The question has no text or too much.
    """
    question = Question.create(
        studio_id,
        session_id,
        draft.text,
        asker=draft.asker,
        phone=draft.phone,
        channel=draft.channel,
        category=draft.category,
        received_at=draft.received_at,
    )
    masked = mask_for_air(question.text, question.asker).text
    return question.with_display_text(masked) if masked != question.display_text else question


def _with_extra(entry: AuditEntry, extra: dict[str, str]) -> AuditEntry:
    return replace(entry, after={**(entry.after or {}), **extra})


def _record_airings(
    uow: UnitOfWork, befores: Sequence[Question], afters: Sequence[Question]
) -> tuple[tuple[QuestionAiring, ...], tuple[QuestionAiring, ...]]:
    """Open an airing for each question that went on air, close it for each that left."""
    started: list[QuestionAiring] = []
    ended: list[QuestionAiring] = []
    left = {
        b.id for b, a in zip(befores, afters, strict=True) if b.state is Q.ON_AIR
        and a.state is not Q.ON_AIR
    }  # fmt: skip
    if left:
        for airing in uow.broadcast.airings(afters[0].session_id, open_only=True):
            if airing.question_id in left:
                closed = airing.ended()
                uow.broadcast.save_airing(closed)
                ended.append(closed)
    for before, after in zip(befores, afters, strict=True):
        if after.state is Q.ON_AIR and before.state is not Q.ON_AIR:
            airing = QuestionAiring.start(after.session_id, after.id)
            uow.broadcast.save_airing(airing)
            started.append(airing)
    return tuple(started), tuple(ended)


def _unique(questions: Iterable[Question]) -> list[Question]:
    seen: dict[uuid.UUID, Question] = {}
    for question in questions:
        seen[question.id] = question  # the last plan for a question wins
    return list(seen.values())


def _in_state(uow: UnitOfWork, session_id: uuid.UUID, state: QuestionState) -> list[Question]:
    return uow.questions.list_for_session(session_id, states=(state,))


def _queue(
    uow: UnitOfWork, session_id: uuid.UUID, exclude: uuid.UUID | None = None
) -> list[Question]:
    queued = [q for q in _in_state(uow, session_id, Q.QUEUED) if q.id != exclude]
    return sorted(queued, key=queue_order)


def _renumbered(queue: Sequence[Question]) -> list[Question]:
    return [
        q if q.queue_position == n else replace(q, queue_position=n) for n, q in enumerate(queue)
    ]
