"""Property-based tests of the question state machine (hypothesis).

A rule-based machine drives a handful of questions of one session through random moderation
operations. Before each call a small model predicts whether the domain must accept it and, if
so, what every question must look like afterwards; refused calls must raise a DomainError of
the predicted kind and leave the questions as they were.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from studio_app.domain.errors import DomainError, IllegalTransitionError, ValidationError
from studio_app.domain.questions import (
    MAX_QUESTION_LENGTH,
    OPEN_STATES,
    QUESTION_TRANSITIONS,
    Question,
    QuestionState,
    RejectionReason,
    merge,
    unmerge,
)

Q = QuestionState
N_QUESTIONS = 4

STATEFUL_SETTINGS = settings(max_examples=120, stateful_step_count=40, deadline=None, database=None)
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, database=None)

indexes = st.integers(min_value=0, max_value=N_QUESTIONS - 1)
positions = st.integers(min_value=-3, max_value=20)
reasons = st.sampled_from(list(RejectionReason))
notes = st.sampled_from(["", "  ", "duplicate of #3", " 广告 "])
display_texts = st.one_of(
    st.sampled_from(["", "   ", " 路灯什么时候修？ ", "x" * (MAX_QUESTION_LENGTH + 1)]),
    st.text(max_size=20),
)


@dataclass(frozen=True)
class Expected:
    """What the model expects of one question."""

    state: QuestionState
    merged_into: int | None = None  # index of the target question
    ask_count: int = 1
    queue_position: int | None = None
    display_text: str = ""
    rejection_reason: RejectionReason | None = None
    rejection_note: str = ""


class QuestionMachine(RuleBasedStateMachine):
    """Random moderation of N questions in one session, checked against a model."""

    def __init__(self) -> None:
        super().__init__()
        studio_id, session_id = uuid.uuid4(), uuid.uuid4()
        self.questions = [
            Question.create(studio_id, session_id, f"Question {i}: 路灯坏了")
            for i in range(N_QUESTIONS)
        ]
        self.index_of = {q.id: i for i, q in enumerate(self.questions)}
        self.original_texts = [q.text for q in self.questions]
        self.model = [Expected(state=Q.NEW, display_text=q.display_text) for q in self.questions]
        # A question of another session, used as a merge target that must be refused.
        self.outsider = Question.create(studio_id, uuid.uuid4(), "Elsewhere")
        self.observed: set[tuple[QuestionState, QuestionState]] = set()
        self.ever_answered: set[int] = set()

    # ------------------------------------------------------------ helpers

    def _single(
        self,
        i: int,
        call: object,
        expected_error: type[DomainError] | None,
        expected: Expected | None,
    ) -> None:
        """Run ``call()`` on question ``i``; compare with the model's prediction."""
        before = self.questions[i]
        if expected_error is not None:
            with pytest.raises(expected_error):
                call()  # type: ignore[operator]
            assert self.questions[i] == before
            return
        after = call()  # type: ignore[operator]
        assert isinstance(after, Question)
        assert after.id == before.id
        self._record(before, after)
        self.questions[i] = after
        assert expected is not None
        self.model[i] = expected

    def _record(self, before: Question, after: Question) -> None:
        if before.state is not after.state:
            self.observed.add((before.state, after.state))
            if after.state is Q.ANSWERED:
                self.ever_answered.add(self.index_of[after.id])

    def _move(
        self, i: int, target: QuestionState, **changes: object
    ) -> tuple[bool, Expected | None]:
        """Predict a plain state move of question ``i``: is it legal, and the result."""
        m = self.model[i]
        legal = target in QUESTION_TRANSITIONS[m.state]
        expected = replace(m, state=target, **changes) if legal else None  # type: ignore[arg-type]
        return legal, expected

    # ------------------------------------------------------------ rules

    @rule(i=indexes)
    def approve(self, i: int) -> None:
        legal, expected = self._move(i, Q.APPROVED, queue_position=None)
        legal = legal and self.model[i].state in (Q.NEW, Q.DEFERRED)  # not a dequeue
        q = self.questions[i]
        self._single(i, q.approve, None if legal else IllegalTransitionError, expected)

    @rule(i=indexes, position=positions)
    def enqueue(self, i: int, position: int) -> None:
        legal, expected = self._move(i, Q.QUEUED, queue_position=position)
        legal = legal and self.model[i].state is Q.APPROVED  # not a pull_off_air
        error: type[DomainError] | None = None
        if not legal:
            error = IllegalTransitionError
        elif position < 0:
            error = ValidationError
        q = self.questions[i]
        self._single(i, lambda: q.enqueue(position), error, expected)

    @rule(i=indexes)
    def dequeue(self, i: int) -> None:
        legal = self.model[i].state is Q.QUEUED
        expected = replace(self.model[i], state=Q.APPROVED, queue_position=None)
        q = self.questions[i]
        self._single(i, q.dequeue, None if legal else IllegalTransitionError, expected)

    @rule(i=indexes)
    def take_to_air(self, i: int) -> None:
        legal, expected = self._move(i, Q.ON_AIR, queue_position=None)
        q = self.questions[i]
        self._single(i, q.take_to_air, None if legal else IllegalTransitionError, expected)

    @rule(i=indexes, position=positions)
    def pull_off_air(self, i: int, position: int) -> None:
        legal = self.model[i].state is Q.ON_AIR
        expected = replace(self.model[i], state=Q.QUEUED, queue_position=max(0, position))
        q = self.questions[i]
        error = None if legal else IllegalTransitionError
        self._single(i, lambda: q.pull_off_air(position), error, expected)

    @rule(i=indexes)
    def mark_answered(self, i: int) -> None:
        legal, expected = self._move(i, Q.ANSWERED, queue_position=None)
        q = self.questions[i]
        self._single(i, q.mark_answered, None if legal else IllegalTransitionError, expected)

    @rule(i=indexes, reason=reasons, note=notes)
    def reject(self, i: int, reason: RejectionReason, note: str) -> None:
        legal, expected = self._move(
            i,
            Q.REJECTED,
            queue_position=None,
            rejection_reason=reason,
            rejection_note=note.strip(),
        )
        error: type[DomainError] | None = None
        if reason is RejectionReason.OTHER and not note.strip():
            error = ValidationError
        elif not legal:
            error = IllegalTransitionError
        q = self.questions[i]
        self._single(i, lambda: q.reject(reason, note), error, expected)

    @rule(i=indexes)
    def defer(self, i: int) -> None:
        legal, expected = self._move(i, Q.DEFERRED, queue_position=None)
        q = self.questions[i]
        self._single(i, q.defer, None if legal else IllegalTransitionError, expected)

    @rule(i=indexes)
    def reinstate(self, i: int) -> None:
        legal, expected = self._move(i, Q.NEW, rejection_reason=None, rejection_note="")
        error: type[DomainError] | None = None
        if self.model[i].state is Q.MERGED:
            error = ValidationError
        elif not legal:
            error = IllegalTransitionError
        q = self.questions[i]
        self._single(i, q.reinstate, error, expected)

    @rule(i=indexes, text=display_texts)
    def edit_display_text(self, i: int, text: str) -> None:
        m = self.model[i]
        error: type[DomainError] | None = None
        stripped = text.strip()
        too_long = len(stripped) > MAX_QUESTION_LENGTH
        if not stripped or too_long or m.state in (Q.ANSWERED, Q.MERGED):
            error = ValidationError
        q = self.questions[i]
        expected = replace(m, display_text=stripped)
        self._single(i, lambda: q.with_display_text(text), error, expected)

    @rule(i=indexes, j=indexes)
    def merge_questions(self, i: int, j: int) -> None:
        self._merge(i, j)

    @precondition(lambda self: len(self._mergeable_pairs()) > 0)
    @rule(data=st.data())
    def merge_a_mergeable_pair(self, data: st.DataObject) -> None:
        # Aims at legal merges so that chains (a group merged into another) come up often.
        i, j = data.draw(st.sampled_from(self._mergeable_pairs()), label="pair")
        self._merge(i, j)

    def _mergeable_pairs(self) -> list[tuple[int, int]]:
        return [
            (i, j)
            for i, md in enumerate(self.model)
            for j, mt in enumerate(self.model)
            if i != j and md.state in (Q.NEW, Q.APPROVED, Q.QUEUED) and mt.state in OPEN_STATES
        ]

    def _merge(self, i: int, j: int) -> None:
        dup, target = self.questions[i], self.questions[j]
        md, mt = self.model[i], self.model[j]
        error: type[DomainError] | None = None
        if i == j:
            error = ValidationError
        elif mt.state not in OPEN_STATES or Q.MERGED not in QUESTION_TRANSITIONS[md.state]:
            error = IllegalTransitionError
        if error is not None:
            with pytest.raises(error):
                merge(dup, target)
            assert (self.questions[i], self.questions[j]) == (dup, target)
            return
        merged, counted = merge(dup, target)
        self._record(dup, merged)
        self._record(target, counted)
        self.questions[i], self.questions[j] = merged, counted
        self.model[i] = replace(md, state=Q.MERGED, merged_into=j, queue_position=None)
        self.model[j] = replace(mt, ask_count=mt.ask_count + md.ask_count)

    @rule(i=indexes)
    def merge_into_another_session(self, i: int) -> None:
        before = self.questions[i]
        with pytest.raises(ValidationError) as excinfo:
            merge(before, self.outsider)
        assert excinfo.value.problem == "other_session"
        assert self.questions[i] == before

    @rule(i=indexes, j=indexes)
    def unmerge_questions(self, i: int, j: int) -> None:
        self._unmerge(i, j)

    @precondition(lambda self: any(m.state is Q.MERGED for m in self.model))
    @rule(data=st.data())
    def unmerge_a_merged_question(self, data: st.DataObject) -> None:
        # Random pairs rarely hit a merged question and its target; this rule aims at them.
        merged = [k for k, m in enumerate(self.model) if m.state is Q.MERGED]
        i = data.draw(st.sampled_from(merged), label="merged")
        target = self.model[i].merged_into
        assert target is not None
        self._unmerge(i, target)

    def _unmerge(self, i: int, j: int) -> None:
        merged, target = self.questions[i], self.questions[j]
        md, mt = self.model[i], self.model[j]
        # Unmerging from a target that is itself merged is refused (it would double-count
        # askers up the chain): the merges are undone from the top down.
        if md.state is not Q.MERGED or md.merged_into != j or mt.state is Q.MERGED:
            with pytest.raises(ValidationError):
                unmerge(merged, target)
            assert (self.questions[i], self.questions[j]) == (merged, target)
            return
        restored, uncounted = unmerge(merged, target)
        self._record(merged, restored)
        self._record(target, uncounted)
        self.questions[i], self.questions[j] = restored, uncounted
        self.model[i] = replace(md, state=Q.NEW, merged_into=None)
        self.model[j] = replace(mt, ask_count=mt.ask_count - md.ask_count)

    # ------------------------------------------------------------ invariants

    @invariant()
    def matches_the_model(self) -> None:
        for q, m in zip(self.questions, self.model, strict=True):
            merged_into = None if m.merged_into is None else self.questions[m.merged_into].id
            assert q.state is m.state
            assert q.merged_into == merged_into
            assert q.ask_count == m.ask_count
            assert q.queue_position == m.queue_position
            assert q.display_text == m.display_text
            assert q.rejection_reason is m.rejection_reason
            assert q.rejection_note == m.rejection_note

    @invariant()
    def state_is_a_question_state(self) -> None:
        for q in self.questions:
            assert isinstance(q.state, QuestionState)

    @invariant()
    def observed_transitions_are_allowed(self) -> None:
        for before, after in self.observed:
            assert after in QUESTION_TRANSITIONS[before]

    @invariant()
    def merged_into_set_iff_merged(self) -> None:
        for q in self.questions:
            assert (q.merged_into is not None) is (q.state is Q.MERGED)
            if q.merged_into is not None:
                assert q.merged_into in self.index_of
                assert q.merged_into != q.id

    @invariant()
    def queue_position_set_iff_queued(self) -> None:
        for q in self.questions:
            assert (q.queue_position is not None) is (q.state is Q.QUEUED)
            if q.queue_position is not None:
                assert q.queue_position >= 0

    @invariant()
    def rejection_reason_set_iff_rejected(self) -> None:
        for q in self.questions:
            assert (q.rejection_reason is not None) is (q.state is Q.REJECTED)

    @invariant()
    def askers_are_conserved(self) -> None:
        assert all(q.ask_count >= 1 for q in self.questions)
        total = sum(q.ask_count for q in self.questions if q.state is not Q.MERGED)
        assert total == N_QUESTIONS

    @invariant()
    def original_text_never_changes(self) -> None:
        assert [q.text for q in self.questions] == self.original_texts

    @invariant()
    def answered_is_terminal(self) -> None:
        for i in self.ever_answered:
            assert self.questions[i].state is Q.ANSWERED


QuestionMachine.TestCase.settings = STATEFUL_SETTINGS
TestQuestionMachine = QuestionMachine.TestCase


# ---------------------------------------------------------------- plain properties

OPERATIONS = st.sampled_from(
    [
        "approve",
        "enqueue",
        "dequeue",
        "take_to_air",
        "pull_off_air",
        "mark_answered",
        "reject",
        "reject_other_without_note",
        "defer",
        "reinstate",
    ]
)


def _apply(q: Question, op: str, position: int) -> Question:
    if op == "enqueue":
        return q.enqueue(position)
    if op == "pull_off_air":
        return q.pull_off_air(position)
    if op == "reject":
        return q.reject(RejectionReason.DUPLICATE)
    if op == "reject_other_without_note":
        return q.reject(RejectionReason.OTHER)
    return getattr(q, op)()  # type: ignore[no-any-return]


@PROPERTY_SETTINGS
@given(steps=st.lists(st.tuples(OPERATIONS, st.integers(min_value=0, max_value=9)), max_size=30))
def test_random_operation_sequences_from_new(steps: list[tuple[str, int]]) -> None:
    q = Question.create(uuid.uuid4(), uuid.uuid4(), "  原始问题  ")
    answered = False
    for op, position in steps:
        try:
            after = _apply(q, op, position)
        except DomainError:
            # Refusals never change anything; the 'other' rejection always needs a note.
            continue
        assert op != "reject_other_without_note"
        assert not answered, "ANSWERED must be terminal"
        assert after.state in QUESTION_TRANSITIONS[q.state]
        assert after.text == "原始问题"
        assert (after.queue_position is not None) is (after.state is Q.QUEUED)
        if op in ("enqueue", "pull_off_air"):
            assert after.queue_position == position
        answered = after.state is Q.ANSWERED
        q = after
    assert isinstance(q.state, QuestionState)
    assert q.ask_count == 1
    assert q.merged_into is None


@PROPERTY_SETTINGS
@given(
    state=st.sampled_from(list(QuestionState)),
    target=st.sampled_from(list(QuestionState)),
)
def test_can_move_to_is_the_table(state: QuestionState, target: QuestionState) -> None:
    q = replace(Question.create(uuid.uuid4(), uuid.uuid4(), "q"), state=state)
    assert q.can_move_to(target) is (target in QUESTION_TRANSITIONS[state])


@PROPERTY_SETTINGS
@given(text=st.text(max_size=50), display=st.text(max_size=50))
def test_display_text_never_touches_the_original(text: str, display: str) -> None:
    try:
        q = Question.create(uuid.uuid4(), uuid.uuid4(), text)
    except ValidationError:
        assert not text.strip()
        return
    assert q.text == text.strip() == q.display_text
    try:
        edited = q.with_display_text(display)
    except ValidationError:
        assert not display.strip()
        return
    assert edited.text == q.text
    assert edited.display_text == display.strip()


@PROPERTY_SETTINGS
@given(sizes=st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=6))
def test_merging_many_duplicates_into_one_target_counts_everybody(sizes: list[int]) -> None:
    studio_id, session_id = uuid.uuid4(), uuid.uuid4()

    def group(size: int) -> Question:
        """A question that already counts ``size`` askers (size - 1 merged into it)."""
        head = Question.create(studio_id, session_id, "head")
        for _ in range(size - 1):
            _, head = merge(Question.create(studio_id, session_id, "dup"), head)
        return head

    heads = [group(size) for size in sizes]
    target, duplicates = heads[0], heads[1:]
    merged = []
    for dup in duplicates:
        m, target = merge(dup, target)
        merged.append(m)
    assert target.ask_count == sum(sizes)
    for m in merged:
        m2, target = unmerge(m, target)
        assert m2.state is Q.NEW
    assert target.ask_count == sizes[0]
