"""Unit tests for studio_app.domain.audit: audit entries and JSON-ready snapshots."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from studio_app.domain.audit import AuditEntry, snapshot, to_jsonable
from studio_app.domain.followups import FollowUp, FollowUpStatus, status_change
from studio_app.domain.questions import Channel, Question, RejectionReason
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest, SessionStatus


def assert_json_native(value: Any, path: str = "$") -> None:
    """Fail unless ``value`` is made only of plain JSON types (no str/int subclasses)."""
    if value is None or type(value) in (str, int, float, bool):
        return
    if type(value) is dict:
        for key, item in value.items():
            assert type(key) is str, f"{path}: key {key!r} is not a plain str"
            assert_json_native(item, f"{path}.{key}")
        return
    if type(value) is list:
        for k, item in enumerate(value):
            assert_json_native(item, f"{path}[{k}]")
        return
    raise AssertionError(f"{path}: {type(value).__name__} is not JSON-native")


@pytest.fixture
def session(studio_id: uuid.UUID) -> BroadcastSession:
    chief = Guest.create("王建国", "镇长", "镇政府")
    clerk = Guest.create("李芳", "科员")
    start = datetime(2025, 5, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    return BroadcastSession.create(studio_id, "第12期", start).edited(
        guests=(chief, clerk),
        agenda=(AgendaItem.create("开场", 5, "Opening", chief.id), AgendaItem.create("结束")),
    )


def test_record_snapshots_a_session(session: BroadcastSession) -> None:
    after = session.moved_to(SessionStatus.LIVE)
    entry = AuditEntry.record(
        session.studio_id,
        "moderator",
        "session.go_live",
        "session",
        session.id,
        session_id=session.id,
        before=session,
        after=after,
    )
    assert entry.before is not None and entry.after is not None
    text = json.dumps({"before": entry.before, "after": entry.after}, ensure_ascii=False)
    assert json.loads(text) == {"before": entry.before, "after": entry.after}
    assert_json_native(entry.before)
    assert_json_native(entry.after)

    before = entry.before
    assert before["id"] == str(session.id)
    assert before["studio_id"] == str(session.studio_id)
    assert before["title"] == "第12期"
    assert before["status"] == "planned"
    assert entry.after["status"] == "live"
    assert before["scheduled_start"] == "2025-05-01T01:00:00+00:00"
    assert before["created_at"] == session.created_at.isoformat()
    assert before["planned_minutes"] == 0

    guests = before["guests"]
    assert isinstance(guests, list)
    assert [g["name"] for g in guests] == ["王建国", "李芳"]
    assert guests[0] == {
        "id": str(session.guests[0].id),
        "name": "王建国",
        "title": "镇长",
        "department": "镇政府",
    }
    agenda = before["agenda"]
    assert isinstance(agenda, list)
    assert agenda[0]["speaker_id"] == str(session.guests[0].id)
    assert agenda[1]["speaker_id"] is None
    assert agenda[0]["planned_minutes"] == 5


def test_record_fields(studio_id: uuid.UUID) -> None:
    entity_id = uuid.uuid4()
    at = datetime(2025, 5, 1, 1, 0, tzinfo=UTC)
    entry = AuditEntry.record(studio_id, "op", "question.approve", "question", entity_id, at=at)
    assert (entry.studio_id, entry.operator, entry.action, entry.entity, entry.entity_id) == (
        studio_id,
        "op",
        "question.approve",
        "question",
        entity_id,
    )
    assert entry.at == at
    assert entry.session_id is None
    assert entry.before is None and entry.after is None
    assert entry.id.version == 7


def test_record_defaults_to_now(studio_id: uuid.UUID) -> None:
    entry = AuditEntry.record(studio_id, "op", "a", "e", uuid.uuid4())
    assert entry.at.utcoffset() == timedelta(0)
    assert abs(entry.at - datetime.now(UTC)) < timedelta(seconds=5)


def test_record_only_before_or_only_after(make_question: Any) -> None:
    q = make_question()
    created = AuditEntry.record(q.studio_id, "op", "create", "question", q.id, after=q)
    assert created.before is None and created.after is not None
    deleted = AuditEntry.record(q.studio_id, "op", "delete", "question", q.id, before=q)
    assert deleted.before is not None and deleted.after is None


def test_snapshot_of_a_question(make_question: Any) -> None:
    q = make_question("电话13800000000", channel=Channel.HOTLINE).reject(
        RejectionReason.PERSONAL_DATA
    )
    snap = snapshot(q)
    json.dumps(snap)
    assert_json_native(snap)
    assert snap["state"] == "rejected"
    assert snap["channel"] == "hotline"
    assert snap["rejection_reason"] == "personal_data"
    assert snap["merged_into"] is None
    assert snap["queue_position"] is None
    assert snap["ask_count"] == 1
    assert snap["session_id"] == str(q.session_id)
    assert snap["received_at"] == q.received_at.isoformat()
    assert set(snap) == set(Question.__dataclass_fields__)


def test_snapshot_of_a_follow_up_and_event(follow_up: FollowUp) -> None:
    s1, s2 = uuid.uuid4(), uuid.uuid4()
    fu = FollowUp.create(
        follow_up.studio_id,
        follow_up.session_id,
        "promise",
        uuid.uuid4(),
        supporting_department_ids=(s1, s2),
        deadline=date(2025, 7, 1),
    )
    snap = snapshot(fu)
    json.dumps(snap)
    assert_json_native(snap)
    assert snap["supporting_department_ids"] == [str(s1), str(s2)]
    assert snap["deadline"] == "2025-07-01"
    assert snap["question_id"] is None

    event = status_change(fu, [], FollowUpStatus.IN_PROGRESS, "clerk")
    event_snap = snapshot(event)
    assert_json_native(event_snap)
    assert event_snap["kind"] == "status"
    assert event_snap["status"] == "in_progress"
    assert event_snap["origin"] == "studio"


def test_snapshot_returns_a_new_dict_each_time(make_question: Any) -> None:
    q = make_question()
    first = snapshot(q)
    first["state"] = "tampered"
    assert snapshot(q)["state"] == "new"


@pytest.mark.parametrize(
    "value",
    [[1, 2], "text", 42, None, BroadcastSession, Question],
    ids=["list", "str", "int", "none", "session-class", "question-class"],
)
def test_snapshot_refuses_non_dataclasses(value: object) -> None:
    with pytest.raises(TypeError):
        snapshot(value)


def test_snapshot_takes_a_mapping_of_plain_values() -> None:
    stamp = datetime(2025, 3, 1, 12, tzinfo=UTC)
    assert snapshot({"status": SessionStatus.LIVE, "at": stamp}) == {
        "status": "live",
        "at": "2025-03-01T12:00:00+00:00",
    }


def test_record_refuses_snapshots_of_plain_values(studio_id: uuid.UUID) -> None:
    with pytest.raises(TypeError):
        AuditEntry.record(studio_id, "op", "a", "e", uuid.uuid4(), before=["title", "x"])


@dataclass(frozen=True)
class _Nested:
    tags: frozenset[str]
    mapping: dict[uuid.UUID, date]
    items: tuple[tuple[int, SessionStatus], ...]
    stamp: datetime


def test_to_jsonable_handles_containers_and_nesting() -> None:
    key = uuid.UUID(int=7)
    value = _Nested(
        tags=frozenset({"a"}),
        mapping={key: date(2025, 1, 2)},
        items=((1, SessionStatus.LIVE),),
        stamp=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    result = to_jsonable(value)
    assert result == {
        "tags": ["a"],
        "mapping": {str(key): "2025-01-02"},
        "items": [[1, "live"]],
        "stamp": "2025-01-02T03:04:05+00:00",
    }
    assert_json_native(result)


@pytest.mark.parametrize("value", [None, True, 3, 2.5, "text"])
def test_to_jsonable_keeps_plain_values(value: object) -> None:
    assert to_jsonable(value) == value
    assert type(to_jsonable(value)) is type(value)


def test_to_jsonable_enum_is_a_plain_string() -> None:
    result = to_jsonable(SessionStatus.CLOSED)
    assert result == "closed"
    assert type(result) is str
