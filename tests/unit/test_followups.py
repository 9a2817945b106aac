"""Unit tests for studio_app.domain.followups: creation, event history, status and overdue."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from studio_app.domain.errors import IllegalTransitionError, ValidationError
from studio_app.domain.followups import (
    DONE_STATUSES,
    FOLLOW_UP_TRANSITIONS,
    EventKind,
    EventOrigin,
    FollowUp,
    FollowUpEvent,
    FollowUpStatus,
    current_status,
    is_overdue,
    reply,
    status_change,
)

F = FollowUpStatus
TODAY = date(2025, 6, 16)


def status_event(follow_up: FollowUp, status: FollowUpStatus, minutes: int = 0) -> FollowUpEvent:
    """A status event made directly, bypassing the transition rules."""
    return FollowUpEvent(
        id=uuid.uuid4(),
        studio_id=follow_up.studio_id,
        follow_up_id=follow_up.id,
        kind=EventKind.STATUS,
        author="clerk",
        at=datetime(2025, 6, 1, tzinfo=UTC) + timedelta(minutes=minutes),
        status=status,
    )


def history_in(follow_up: FollowUp, status: FollowUpStatus) -> list[FollowUpEvent]:
    """A history whose current status is ``status`` (assigned needs no event)."""
    return [] if status is F.ASSIGNED else [status_event(follow_up, status)]


# ---------------------------------------------------------------- create


def test_create(studio_id: uuid.UUID, session_id: uuid.UUID) -> None:
    lead, s1, s2 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    question_id = uuid.uuid4()
    fu = FollowUp.create(
        studio_id,
        session_id,
        "  明年上半年开放停车场 ",
        lead,
        question_id=question_id,
        supporting_department_ids=[s1, s2],
        responsible_person=" 刘科长 ",
        deadline=date(2025, 12, 31),
        resident_contact=" 138xxxx ",
    )
    assert fu.promise == "明年上半年开放停车场"
    assert fu.lead_department_id == lead
    assert fu.supporting_department_ids == (s1, s2)
    assert isinstance(fu.supporting_department_ids, tuple)
    assert fu.responsible_person == "刘科长"
    assert fu.resident_contact == "138xxxx"
    assert fu.deadline == date(2025, 12, 31)
    assert (fu.studio_id, fu.session_id, fu.question_id) == (studio_id, session_id, question_id)
    assert fu.id.version == 7
    assert fu.created_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize("promise", ["", "   "])
def test_create_requires_a_promise(
    studio_id: uuid.UUID, session_id: uuid.UUID, promise: str
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        FollowUp.create(studio_id, session_id, promise, uuid.uuid4())
    assert (excinfo.value.field, excinfo.value.problem) == ("follow_up.promise", "required")


def test_create_requires_a_lead_department(studio_id: uuid.UUID, session_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as excinfo:
        FollowUp.create(studio_id, session_id, "promise", None)
    assert (excinfo.value.field, excinfo.value.problem) == (
        "follow_up.lead_department",
        "required",
    )


def test_lead_is_not_a_supporting_department(studio_id: uuid.UUID, session_id: uuid.UUID) -> None:
    lead = uuid.uuid4()
    with pytest.raises(ValidationError) as excinfo:
        FollowUp.create(
            studio_id, session_id, "p", lead, supporting_department_ids=[uuid.uuid4(), lead]
        )
    assert excinfo.value.problem == "contains_lead"


def test_supporting_departments_are_deduplicated_in_order(
    studio_id: uuid.UUID, session_id: uuid.UUID
) -> None:
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    fu = FollowUp.create(
        studio_id,
        session_id,
        "p",
        uuid.uuid4(),
        supporting_department_ids=iter([b, a, b, c, a]),
    )
    assert fu.supporting_department_ids == (b, a, c)


# ---------------------------------------------------------------- transitions


#: The follow-up life of PRODUCT.md with the review and rework moves of followups.py.
EXPECTED_FOLLOW_UP_TRANSITIONS = {
    F.ASSIGNED: {F.IN_PROGRESS, F.RESOLVED, F.RETURNED},
    F.IN_PROGRESS: {F.RESOLVED, F.RETURNED},
    F.RESOLVED: {F.PUBLISHED, F.RETURNED},
    F.RETURNED: {F.IN_PROGRESS, F.RESOLVED},
    F.PUBLISHED: set(),
}


def test_follow_up_transition_table_is_the_documented_one() -> None:
    assert set(FOLLOW_UP_TRANSITIONS) == set(FollowUpStatus)
    assert {k: set(v) for k, v in FOLLOW_UP_TRANSITIONS.items()} == EXPECTED_FOLLOW_UP_TRANSITIONS
    assert frozenset({F.RESOLVED, F.PUBLISHED}) == DONE_STATUSES


def test_overdue_is_not_a_status() -> None:
    assert "overdue" not in {s.value for s in FollowUpStatus}


@pytest.mark.parametrize(
    ("current", "target"), list(itertools.product(FollowUpStatus, FollowUpStatus))
)
def test_status_change_follows_the_table(
    follow_up: FollowUp, current: FollowUpStatus, target: FollowUpStatus
) -> None:
    history = history_in(follow_up, current)
    assert current_status(history) is current
    at = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
    if target in FOLLOW_UP_TRANSITIONS[current]:
        event = status_change(follow_up, history, target, " 刘科长 ", " 需要返工 ", at=at)
        assert event.kind is EventKind.STATUS
        assert event.status is target
        assert event.follow_up_id == follow_up.id
        assert event.studio_id == follow_up.studio_id
        assert event.author == "刘科长"
        assert event.text == "需要返工"
        assert event.at == at
        assert event.origin is EventOrigin.STUDIO
        assert current_status([*history, event]) is target
    else:
        with pytest.raises(IllegalTransitionError) as excinfo:
            status_change(follow_up, history, target, "clerk", "text", at=at)
        error = excinfo.value
        assert (error.entity, error.current, error.target) == (
            "follow_up",
            current.value,
            target.value,
        )


def test_a_full_follow_up_life(follow_up: FollowUp) -> None:
    history: list[FollowUpEvent] = []
    path = [
        (F.IN_PROGRESS, ""),
        (F.RESOLVED, "done"),
        (F.RETURNED, "photo missing"),
        (F.IN_PROGRESS, ""),
        (F.RESOLVED, "done with photo"),
        (F.PUBLISHED, ""),
    ]
    for target, text in path:
        history.append(status_change(follow_up, history, target, "clerk", text))
        assert current_status(history) is target
    for target in FollowUpStatus:
        with pytest.raises(IllegalTransitionError):
            status_change(follow_up, history, target, "clerk", "text")


@pytest.mark.parametrize("text", ["", "   "])
def test_returned_needs_a_text(follow_up: FollowUp, text: str) -> None:
    history = history_in(follow_up, F.RESOLVED)
    with pytest.raises(ValidationError) as excinfo:
        status_change(follow_up, history, F.RETURNED, "clerk", text)
    assert (excinfo.value.field, excinfo.value.problem) == ("follow_up_event.text", "required")


@pytest.mark.parametrize("target", [F.IN_PROGRESS, F.RESOLVED])
def test_other_status_changes_need_no_text(follow_up: FollowUp, target: FollowUpStatus) -> None:
    assert status_change(follow_up, [], target, "clerk").text == ""


@pytest.mark.parametrize("author", ["", "  "])
def test_status_change_needs_an_author(follow_up: FollowUp, author: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        status_change(follow_up, [], F.IN_PROGRESS, author)
    assert (excinfo.value.field, excinfo.value.problem) == ("follow_up_event.author", "required")


def test_status_change_from_a_department(follow_up: FollowUp) -> None:
    event = status_change(follow_up, [], F.IN_PROGRESS, "住建局", origin=EventOrigin.DEPARTMENT)
    assert event.origin is EventOrigin.DEPARTMENT
    assert event.at.utcoffset() == timedelta(0)
    assert event.id.version == 7


# ---------------------------------------------------------------- current_status


def test_current_status_of_an_empty_history_is_assigned() -> None:
    assert current_status([]) is F.ASSIGNED


def test_current_status_is_the_last_status_event(follow_up: FollowUp) -> None:
    events = [
        status_event(follow_up, F.IN_PROGRESS, 0),
        reply(follow_up, "clerk", "called the resident"),
        status_event(follow_up, F.RESOLVED, 10),
        reply(follow_up, "住建局", "photos attached", EventOrigin.DEPARTMENT),
    ]
    assert current_status(events) is F.RESOLVED
    assert current_status(iter(events)) is F.RESOLVED
    assert current_status(events[:2]) is F.IN_PROGRESS


def test_current_status_ignores_replies(follow_up: FollowUp) -> None:
    replies = [reply(follow_up, "clerk", f"note {i}") for i in range(3)]
    assert current_status(replies) is F.ASSIGNED


def test_current_status_uses_append_order_not_timestamps(follow_up: FollowUp) -> None:
    # Events are in server/append order; a late-arriving event with an older clock still wins.
    events = [status_event(follow_up, F.RESOLVED, 60), status_event(follow_up, F.RETURNED, 0)]
    assert current_status(events) is F.RETURNED


def test_current_status_ignores_status_events_without_a_status(follow_up: FollowUp) -> None:
    blank = FollowUpEvent(
        id=uuid.uuid4(),
        studio_id=follow_up.studio_id,
        follow_up_id=follow_up.id,
        kind=EventKind.STATUS,
        author="clerk",
        at=datetime(2025, 6, 1, tzinfo=UTC),
    )
    assert current_status([status_event(follow_up, F.IN_PROGRESS), blank]) is F.IN_PROGRESS


def test_status_change_reads_the_history(follow_up: FollowUp) -> None:
    # Replies in between do not hide the current status.
    history = [status_event(follow_up, F.RESOLVED), reply(follow_up, "clerk", "note")]
    assert status_change(follow_up, history, F.PUBLISHED, "clerk").status is F.PUBLISHED
    with pytest.raises(IllegalTransitionError):
        status_change(follow_up, history, F.IN_PROGRESS, "clerk")


# ---------------------------------------------------------------- is_overdue


def _with_deadline(follow_up: FollowUp, deadline: date | None) -> FollowUp:
    return FollowUp.create(
        follow_up.studio_id,
        follow_up.session_id,
        follow_up.promise,
        follow_up.lead_department_id,
        deadline=deadline,
    )


@pytest.mark.parametrize("status", list(FollowUpStatus))
def test_is_overdue_past_deadline(follow_up: FollowUp, status: FollowUpStatus) -> None:
    fu = _with_deadline(follow_up, TODAY - timedelta(days=1))
    expected = status not in (F.RESOLVED, F.PUBLISHED)
    assert is_overdue(fu, status, TODAY) is expected


@pytest.mark.parametrize("status", list(FollowUpStatus))
def test_not_overdue_on_or_before_the_deadline(follow_up: FollowUp, status: FollowUpStatus) -> None:
    assert is_overdue(_with_deadline(follow_up, TODAY), status, TODAY) is False
    assert is_overdue(_with_deadline(follow_up, TODAY + timedelta(days=3)), status, TODAY) is False


@pytest.mark.parametrize("status", list(FollowUpStatus))
def test_no_deadline_is_never_overdue(follow_up: FollowUp, status: FollowUpStatus) -> None:
    fu = _with_deadline(follow_up, None)
    assert is_overdue(fu, status, date(2099, 1, 1)) is False


def test_overdue_is_derived_from_the_history(follow_up: FollowUp) -> None:
    fu = _with_deadline(follow_up, date(2025, 6, 10))
    history = [status_change(fu, [], F.IN_PROGRESS, "clerk")]
    assert is_overdue(fu, current_status(history), TODAY)
    history.append(status_change(fu, history, F.RESOLVED, "clerk"))
    assert not is_overdue(fu, current_status(history), TODAY)
    history.append(status_change(fu, history, F.RETURNED, "clerk", "not fixed"))
    assert is_overdue(fu, current_status(history), TODAY)


# ---------------------------------------------------------------- reply


def test_reply(follow_up: FollowUp) -> None:
    at = datetime(2025, 6, 3, 1, 2, tzinfo=UTC)
    event = reply(follow_up, " 住建局 ", "  已派人勘察 ", EventOrigin.DEPARTMENT, at=at)
    assert event.kind is EventKind.REPLY
    assert event.status is None
    assert event.author == "住建局"
    assert event.text == "已派人勘察"
    assert event.origin is EventOrigin.DEPARTMENT
    assert event.at == at
    assert event.follow_up_id == follow_up.id
    assert event.studio_id == follow_up.studio_id


def test_reply_defaults(follow_up: FollowUp) -> None:
    event = reply(follow_up, "clerk", "note")
    assert event.origin is EventOrigin.STUDIO
    assert event.at.utcoffset() == timedelta(0)


@pytest.mark.parametrize("text", ["", "  \n"])
def test_reply_needs_a_text(follow_up: FollowUp, text: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        reply(follow_up, "clerk", text)
    assert (excinfo.value.field, excinfo.value.problem) == ("follow_up_event.text", "required")


@pytest.mark.parametrize("author", ["", "   "])
def test_reply_needs_an_author(follow_up: FollowUp, author: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        reply(follow_up, author, "note")
    assert (excinfo.value.field, excinfo.value.problem) == ("follow_up_event.author", "required")
