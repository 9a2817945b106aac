"""Unit tests for studio_app.domain.sessions: sessions, guests, agenda and status moves."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from studio_app.domain.errors import DomainError, IllegalTransitionError, ValidationError
from studio_app.domain.sessions import (
    MAX_PLANNED_MINUTES,
    MAX_TITLE_LENGTH,
    SESSION_TRANSITIONS,
    AgendaItem,
    BroadcastSession,
    Guest,
    SessionStatus,
)

S = SessionStatus


@pytest.fixture
def session(studio_id: uuid.UUID) -> BroadcastSession:
    return BroadcastSession.create(studio_id, "镇长接听热线 第12期")


@pytest.fixture
def planned_session(session: BroadcastSession) -> BroadcastSession:
    """A session with two guests and three agenda items."""
    chief = Guest.create("王建国", "镇长", "镇政府")
    clerk = Guest.create("李芳", "科员", "社保所")
    agenda = (
        AgendaItem.create("开场", 5, "Opening", chief.id),
        AgendaItem.create("社保问答", 20, "Q&A", clerk.id),
        AgendaItem.create("结束", 5, "Closing"),
    )
    return session.edited(guests=(chief, clerk), agenda=agenda)


def _field(excinfo: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    return excinfo.value.field, excinfo.value.problem


# ---------------------------------------------------------------- create / validate


def test_create_makes_a_planned_session(studio_id: uuid.UUID) -> None:
    session = BroadcastSession.create(studio_id, "  政策解读  ")
    assert session.title == "政策解读"
    assert session.studio_id == studio_id
    assert session.status is SessionStatus.PLANNED
    assert session.id.version == 7
    assert session.guests == ()
    assert session.agenda == ()
    assert session.scheduled_start is None
    assert session.is_editable
    assert session.created_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_create_refuses_a_blank_title(studio_id: uuid.UUID, title: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        BroadcastSession.create(studio_id, title)
    assert _field(excinfo) == ("session.title", "required")
    assert excinfo.value.code == "invalid_value"
    assert excinfo.value.params == {"field": "session.title", "problem": "required"}


def test_title_length_limit(studio_id: uuid.UUID) -> None:
    longest = "题" * MAX_TITLE_LENGTH
    assert BroadcastSession.create(studio_id, longest).title == longest
    # Surrounding whitespace does not count against the limit.
    assert BroadcastSession.create(studio_id, f"  {longest}  ").title == longest
    with pytest.raises(ValidationError) as excinfo:
        BroadcastSession.create(studio_id, longest + "x")
    assert _field(excinfo) == ("session.title", "too_long")


def test_naive_scheduled_start_is_refused(studio_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as excinfo:
        BroadcastSession.create(studio_id, "Show", datetime(2025, 5, 1, 9, 0))
    assert _field(excinfo) == ("session.scheduled_start", "naive_datetime")


def test_aware_scheduled_start_is_converted_to_utc(studio_id: uuid.UUID) -> None:
    beijing = timezone(timedelta(hours=8))
    session = BroadcastSession.create(studio_id, "Show", datetime(2025, 5, 1, 9, 0, tzinfo=beijing))
    assert session.scheduled_start == datetime(2025, 5, 1, 1, 0, tzinfo=UTC)
    assert session.scheduled_start is not None
    assert session.scheduled_start.tzinfo is UTC


@pytest.mark.parametrize("minutes", [0, 1, 45, MAX_PLANNED_MINUTES])
def test_planned_minutes_in_range(session: BroadcastSession, minutes: int) -> None:
    assert session.edited(planned_minutes=minutes).planned_minutes == minutes


@pytest.mark.parametrize("minutes", [-1, MAX_PLANNED_MINUTES + 1, 10**6])
def test_planned_minutes_out_of_range(session: BroadcastSession, minutes: int) -> None:
    with pytest.raises(ValidationError) as excinfo:
        session.edited(planned_minutes=minutes)
    assert _field(excinfo) == ("session.planned_minutes", "out_of_range")


def test_validated_strips_location_and_description(session: BroadcastSession) -> None:
    edited = session.edited(location="  会议室 ", description=" 每月一期\n")
    assert edited.location == "会议室"
    assert edited.description == "每月一期"


def test_validated_is_idempotent(planned_session: BroadcastSession) -> None:
    assert planned_session.validated() == planned_session


# ---------------------------------------------------------------- guests and agenda


def test_guest_create_strips_and_requires_a_name() -> None:
    guest = Guest.create("  张伟 ", " 局长 ", " 交警大队 ")
    assert (guest.name, guest.title, guest.department) == ("张伟", "局长", "交警大队")
    assert guest.id.version == 7
    with pytest.raises(ValidationError) as excinfo:
        Guest.create("  ")
    assert _field(excinfo) == ("guest.name", "required")
    with pytest.raises(ValidationError) as excinfo:
        Guest.create("名" * (MAX_TITLE_LENGTH + 1))
    assert _field(excinfo) == ("guest.name", "too_long")


def test_session_validation_checks_its_guests(session: BroadcastSession) -> None:
    bad = Guest(uuid.uuid4(), "   ")
    with pytest.raises(ValidationError) as excinfo:
        session.edited(guests=(bad,))
    assert _field(excinfo) == ("guest.name", "required")


def test_session_validation_normalises_guests(session: BroadcastSession) -> None:
    raw = Guest(uuid.uuid4(), "  赵敏 ", " 主任", "信访办 ")
    (guest,) = session.edited(guests=(raw,)).guests
    assert (guest.id, guest.name, guest.title, guest.department) == (
        raw.id,
        "赵敏",
        "主任",
        "信访办",
    )


def test_agenda_item_create_and_validation() -> None:
    item = AgendaItem.create("  开场  ", 5, " Opening ", None, " 注意灯光 ")
    assert (item.title, item.planned_minutes, item.scene_name, item.notes) == (
        "开场",
        5,
        "Opening",
        "注意灯光",
    )
    with pytest.raises(ValidationError) as excinfo:
        AgendaItem.create(" ")
    assert _field(excinfo) == ("agenda.title", "required")
    with pytest.raises(ValidationError) as excinfo:
        AgendaItem.create("x", -5)
    assert _field(excinfo) == ("agenda.planned_minutes", "out_of_range")
    with pytest.raises(ValidationError) as excinfo:
        AgendaItem.create("x", MAX_PLANNED_MINUTES + 1)
    assert _field(excinfo) == ("agenda.planned_minutes", "out_of_range")


def test_agenda_speaker_must_be_a_guest(session: BroadcastSession) -> None:
    guest = Guest.create("王建国")
    stranger = Guest.create("路人")
    ok = session.edited(guests=(guest,), agenda=(AgendaItem.create("A", speaker_id=guest.id),))
    assert ok.agenda[0].speaker_id == guest.id
    with pytest.raises(ValidationError) as excinfo:
        session.edited(guests=(guest,), agenda=(AgendaItem.create("B", speaker_id=stranger.id),))
    assert _field(excinfo) == ("agenda.speaker", "unknown_guest")


def test_removing_a_guest_who_still_speaks_is_refused(
    planned_session: BroadcastSession,
) -> None:
    speaker = planned_session.guests[0]
    others = tuple(g for g in planned_session.guests if g.id != speaker.id)
    with pytest.raises(ValidationError) as excinfo:
        planned_session.edited(guests=others)
    assert _field(excinfo) == ("agenda.speaker", "unknown_guest")


def test_duplicate_guest_ids_are_refused(session: BroadcastSession) -> None:
    guest = Guest.create("王建国")
    twin = replace(guest, name="王建国二")
    with pytest.raises(ValidationError) as excinfo:
        session.edited(guests=(guest, twin))
    assert _field(excinfo) == ("guests", "duplicate_id")


def test_duplicate_agenda_ids_are_refused(session: BroadcastSession) -> None:
    item = AgendaItem.create("A")
    twin = replace(item, title="B")
    with pytest.raises(ValidationError) as excinfo:
        session.edited(agenda=(item, twin))
    assert _field(excinfo) == ("agenda", "duplicate_id")


def test_planned_agenda_minutes(planned_session: BroadcastSession) -> None:
    assert planned_session.planned_agenda_minutes() == 30
    assert planned_session.edited(agenda=()).planned_agenda_minutes() == 0


# ---------------------------------------------------------------- with_agenda_moved


def _titles(session: BroadcastSession) -> list[str]:
    return [a.title for a in session.agenda]


@pytest.mark.parametrize(
    ("source", "new_index", "expected"),
    [
        (0, 0, ["开场", "社保问答", "结束"]),
        (0, 1, ["社保问答", "开场", "结束"]),
        (0, 2, ["社保问答", "结束", "开场"]),
        (2, 0, ["结束", "开场", "社保问答"]),
        (1, 2, ["开场", "结束", "社保问答"]),
        # Out-of-range indexes are clamped to the ends.
        (0, 99, ["社保问答", "结束", "开场"]),
        (2, -5, ["结束", "开场", "社保问答"]),
        (2, -1, ["结束", "开场", "社保问答"]),  # not Python's "from the end" meaning
    ],
)
def test_with_agenda_moved(
    planned_session: BroadcastSession, source: int, new_index: int, expected: list[str]
) -> None:
    item = planned_session.agenda[source]
    moved = planned_session.with_agenda_moved(item.id, new_index)
    assert _titles(moved) == expected
    assert {a.id for a in moved.agenda} == {a.id for a in planned_session.agenda}
    # The original is untouched.
    assert _titles(planned_session) == ["开场", "社保问答", "结束"]


def test_with_agenda_moved_unknown_item(planned_session: BroadcastSession) -> None:
    with pytest.raises(ValidationError) as excinfo:
        planned_session.with_agenda_moved(uuid.uuid4(), 0)
    assert _field(excinfo) == ("agenda", "unknown_item")


def test_with_agenda_moved_refused_on_a_closed_session(
    planned_session: BroadcastSession,
) -> None:
    closed = planned_session.moved_to(S.CLOSED)
    with pytest.raises(ValidationError) as excinfo:
        closed.with_agenda_moved(closed.agenda[0].id, 2)
    assert _field(excinfo) == ("session", "closed")


# ---------------------------------------------------------------- edited


@pytest.mark.parametrize(
    "changes",
    [
        {"status": S.LIVE},
        {"id": uuid.UUID(int=1)},
        {"studio_id": uuid.UUID(int=2)},
        {"title": "New", "status": S.ENDED},
    ],
)
def test_edited_refuses_identity_and_status_changes(
    session: BroadcastSession, changes: dict[str, object]
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        session.edited(**changes)
    assert _field(excinfo) == ("session", "not_editable_field")


def test_edited_applies_and_validates_changes(session: BroadcastSession) -> None:
    edited = session.edited(title="  新标题 ", planned_minutes=40)
    assert (edited.title, edited.planned_minutes) == ("新标题", 40)
    assert (edited.id, edited.studio_id, edited.status) == (
        session.id,
        session.studio_id,
        session.status,
    )
    assert session.title == "镇长接听热线 第12期"
    with pytest.raises(ValidationError):
        session.edited(title=" ")


def test_edited_refuses_unknown_fields(session: BroadcastSession) -> None:
    with pytest.raises(TypeError):
        session.edited(no_such_field=1)


def test_edited_refuses_on_a_closed_session(session: BroadcastSession) -> None:
    closed = session.moved_to(S.CLOSED)
    assert not closed.is_editable
    with pytest.raises(ValidationError) as excinfo:
        closed.edited(title="Changed")
    assert _field(excinfo) == ("session", "closed")
    # Reopened, it can be edited again.
    reopened = closed.moved_to(S.ENDED)
    assert reopened.is_editable
    assert reopened.edited(title="Changed").title == "Changed"


@pytest.mark.parametrize("status", [S.PLANNED, S.LIVE, S.ENDED])
def test_sessions_other_than_closed_are_editable(
    session: BroadcastSession, status: SessionStatus
) -> None:
    in_status = replace(session, status=status)
    assert in_status.is_editable
    assert in_status.edited(location="Hall").location == "Hall"


# ---------------------------------------------------------------- moved_to


#: The session life as documented in sessions.py; pinned so a change is deliberate.
EXPECTED_SESSION_TRANSITIONS = {
    S.PLANNED: {S.LIVE, S.CLOSED},
    S.LIVE: {S.ENDED},
    S.ENDED: {S.LIVE, S.CLOSED},
    S.CLOSED: {S.ENDED},
}


def test_session_transition_table_is_the_documented_one() -> None:
    assert set(SESSION_TRANSITIONS) == set(SessionStatus)
    assert {k: set(v) for k, v in SESSION_TRANSITIONS.items()} == EXPECTED_SESSION_TRANSITIONS


@pytest.mark.parametrize(
    ("current", "target"), list(itertools.product(SessionStatus, SessionStatus))
)
def test_moved_to_follows_the_transition_table(
    session: BroadcastSession, current: SessionStatus, target: SessionStatus
) -> None:
    start = replace(session, status=current)
    if target in SESSION_TRANSITIONS[current]:
        moved = start.moved_to(target)
        assert moved.status is target
        assert (moved.id, moved.title) == (start.id, start.title)
        assert start.status is current  # immutable
    else:
        with pytest.raises(IllegalTransitionError) as excinfo:
            start.moved_to(target)
        error = excinfo.value
        assert isinstance(error, DomainError)
        assert error.code == "illegal_transition"
        assert (error.entity, error.current, error.target) == (
            "session",
            current.value,
            target.value,
        )
        assert error.params == {
            "entity": "session",
            "current": current.value,
            "target": target.value,
        }


def test_a_full_session_life(session: BroadcastSession) -> None:
    path = [S.LIVE, S.ENDED, S.LIVE, S.ENDED, S.CLOSED, S.ENDED, S.CLOSED]
    current = session
    for target in path:
        current = current.moved_to(target)
        assert current.status is target


def test_staying_in_the_same_status_is_illegal(session: BroadcastSession) -> None:
    with pytest.raises(IllegalTransitionError):
        session.moved_to(S.PLANNED)
