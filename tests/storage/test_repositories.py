"""Repositories round-trip every domain type exactly, through a closed and reopened file."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from studio_app.domain.audit import AuditEntry
from studio_app.domain.followups import (
    EventKind,
    EventOrigin,
    FollowUp,
    FollowUpEvent,
    FollowUpStatus,
    current_status,
    reply,
    status_change,
)
from studio_app.domain.ids import uuid7
from studio_app.domain.organisation import Department, Studio
from studio_app.domain.questions import (
    Answer,
    Channel,
    Question,
    QuestionState,
    RejectionReason,
    merge,
)
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest, SessionStatus
from studio_app.storage.repositories import NotFoundError
from studio_app.storage.store import Store
from tests.storage.storage_helpers import CST, db_path, make_session, raw, sync_state


def reopen(store: Store) -> Store:
    """Close ``store`` and open its folder again, so reads come from the file."""
    store.close()
    return Store.open(store.data_dir)


def assert_utc(value: datetime | None) -> None:
    assert value is not None
    assert value.tzinfo is UTC


def test_session_with_guests_and_agenda_round_trips(store: Store) -> None:
    session = make_session(store.studio_id).moved_to(SessionStatus.LIVE)
    with store.write() as uow:
        saved = uow.sessions.save(session)
    assert dataclasses.replace(saved, updated_at=session.updated_at) == session

    store = reopen(store)
    try:
        with store.read() as uow:
            loaded = uow.sessions.get(session.id)
    finally:
        store.close()
    assert loaded == saved
    assert dataclasses.replace(loaded, updated_at=session.updated_at) == session
    # Exactly: the same instant, in UTC, microseconds kept.
    assert loaded.scheduled_start == datetime(2025, 3, 1, 11, 30, 5, 123456, tzinfo=UTC)
    assert_utc(loaded.scheduled_start)
    assert loaded.created_at == datetime(2025, 2, 1, 1, 2, 3, 456789, tzinfo=UTC)
    assert_utc(loaded.created_at)
    assert_utc(loaded.updated_at)
    assert loaded.status is SessionStatus.LIVE
    assert [g.name for g in loaded.guests] == ["张伟", "李娜 👩‍🌾"]
    assert [a.title for a in loaded.agenda] == ["开场 🎬", "医保政策解读", "现场答疑"]
    assert [a.speaker_id for a in loaded.agenda] == [None, *(g.id for g in loaded.guests)]
    assert loaded.description == "直播答疑\n主题：医保与道路"


def test_session_save_tombstones_removed_children_and_renumbers_positions(store: Store) -> None:
    session = make_session(store.studio_id)
    mayor, farmer = session.guests
    opening, policy, qa = session.agenda
    with store.write() as uow:
        uow.sessions.save(session)

    # Drop the farmer (and the item they speak in), move Q&A before the opening.
    qa_without_speaker = dataclasses.replace(qa, speaker_id=None)
    edited = session.edited(guests=(mayor,), agenda=(qa_without_speaker, opening))
    with store.write() as uow:
        saved = uow.sessions.save(edited)
    assert saved.guests == (mayor,)
    assert saved.agenda == (qa_without_speaker, opening)

    with raw(store.path) as connection:
        guests = connection.execute(
            "SELECT id, position, deleted FROM guest WHERE session_id = ?", (session.id.hex,)
        ).fetchall()
        agenda = connection.execute(
            "SELECT id, position, deleted FROM agenda_item WHERE session_id = ? AND deleted = 0"
            " ORDER BY position",
            (session.id.hex,),
        ).fetchall()
    assert {row[0]: row[2] for row in guests} == {mayor.id.hex: 0, farmer.id.hex: 1}
    assert [(row[0], row[1]) for row in agenda] == [(qa.id.hex, 0), (opening.id.hex, 1)]
    assert sync_state(store.path, "agenda_item", policy.id)[2] == 1  # tombstone, not deleted

    with store.read() as uow:
        assert uow.sessions.get(session.id) == saved
        (summary,) = uow.sessions.list()
    assert (summary.guest_count, summary.agenda_count) == (1, 2)

    # Bringing a tombstoned guest back revives the same row.
    revived = saved.edited(guests=(farmer, mayor))
    with store.write() as uow:
        again = uow.sessions.save(revived)
    assert again.guests == (farmer, mayor)
    assert sync_state(store.path, "guest", farmer.id)[2] == 0


def test_session_list_orders_newest_first_and_counts_live_children(store: Store) -> None:
    def session(title: str, start: datetime | None, guests: int, items: int) -> BroadcastSession:
        return BroadcastSession.create(store.studio_id, title, start).edited(
            guests=tuple(Guest.create(f"嘉宾{i}") for i in range(guests)),
            agenda=tuple(AgendaItem.create(f"环节{i}") for i in range(items)),
        )

    future = session("未来 2099", datetime(2099, 1, 1, tzinfo=CST), 2, 3)
    unscheduled = session("未排期", None, 0, 1)
    past = session("过去 2001", datetime(2001, 5, 4, 3, 2, 1, tzinfo=UTC), 1, 0)
    gone = session("已删除", datetime(2098, 1, 1, tzinfo=UTC), 1, 1)
    with store.write() as uow:
        for item in (past, gone, unscheduled, future):
            uow.sessions.save(item)
        uow.sessions.delete(gone.id)

    with store.read() as uow:
        listed = uow.sessions.list()
    assert [s.title for s in listed] == ["未来 2099", "未排期", "过去 2001"]
    assert [(s.guest_count, s.agenda_count) for s in listed] == [(2, 3), (0, 1), (1, 0)]
    assert listed[0].scheduled_start == datetime(2098, 12, 31, 16, tzinfo=UTC)
    assert listed[1].scheduled_start is None
    for summary in listed:
        assert_utc(summary.updated_at)


def test_deleted_session_is_not_found_but_its_rows_remain_as_tombstones(store: Store) -> None:
    session = make_session(store.studio_id)
    with store.write() as uow:
        uow.sessions.save(session)
        uow.sessions.delete(session.id)
    with store.read() as uow, pytest.raises(NotFoundError) as caught:
        uow.sessions.get(session.id)
    assert caught.value.entity_id == session.id
    with store.write() as uow, pytest.raises(NotFoundError):
        uow.sessions.delete(session.id)
    for table, row_id in [
        ("broadcast_session", session.id),
        *(("guest", g.id) for g in session.guests),
        *(("agenda_item", a.id) for a in session.agenda),
    ]:
        assert sync_state(store.path, table, row_id)[1:] == (1, 1)  # dirty tombstone


def _questions_in_every_state(studio_id: uuid.UUID, session_id: uuid.UUID) -> list[Question]:
    base = datetime(2025, 3, 1, 19, 31, 0, 1, tzinfo=CST)

    def asked(n: int, text: str, channel: Channel) -> Question:
        return Question.create(
            studio_id,
            session_id,
            text,
            asker=f"村民{n}",
            phone=f"1380000{n:04d}",
            channel=channel,
            category="道路交通",
            received_at=base + timedelta(minutes=n, microseconds=n * 111),
        )

    target = asked(0, "村口路灯什么时候修？💡", Channel.HOTLINE).approve()
    duplicate = asked(7, "路灯坏了谁来管", Channel.SOCIAL)
    merged, target = merge(duplicate, target)
    return [
        target,
        asked(1, "新农合怎么缴费", Channel.ONLINE),
        asked(2, "排队的问题", Channel.LIVE_COMMENT).approve().enqueue(3),
        asked(3, "正在直播的问题", Channel.IN_ROOM).approve().enqueue(0).take_to_air(),
        asked(4, "已回答", Channel.OTHER).approve().enqueue(0).take_to_air().mark_answered(),
        asked(5, "身份证号 1101…", Channel.ONLINE).reject(RejectionReason.OTHER, "含个人信息"),
        asked(6, "以后再答", Channel.HOTLINE).defer(),
        merged,
    ]


def test_questions_in_every_state_round_trip(store: Store) -> None:
    session = make_session(store.studio_id)
    questions = _questions_in_every_state(store.studio_id, session.id)
    assert {q.state for q in questions} == set(QuestionState)
    with store.write() as uow:
        uow.sessions.save(session)
        assert uow.questions.add_many(questions) == len(questions)

    store = reopen(store)
    try:
        with store.read() as uow:
            loaded = {q.id: uow.questions.get(q.id) for q in questions}
            listed = uow.questions.list_for_session(session.id)
            count = uow.questions.count_for_session(session.id)
            other = uow.questions.count_for_session(uuid7())
    finally:
        store.close()
    for question in questions:
        assert loaded[question.id] == question
        assert_utc(loaded[question.id].received_at)
    assert listed == sorted(questions, key=lambda q: q.received_at)
    assert (count, other) == (len(questions), 0)
    merged = next(q for q in listed if q.state is QuestionState.MERGED)
    assert merged.merged_into == questions[0].id
    assert questions[0].ask_count == 2 and loaded[questions[0].id].ask_count == 2
    rejected = loaded[questions[5].id]
    assert (rejected.rejection_reason, rejected.rejection_note) == (
        RejectionReason.OTHER,
        "含个人信息",
    )


def test_question_update_stores_changes_and_refuses_a_new_original_text(store: Store) -> None:
    session = make_session(store.studio_id)
    question = Question.create(store.studio_id, session.id, "原始问题：低保怎么申请？")
    with store.write() as uow:
        uow.sessions.save(session)
        uow.questions.add(question)

    edited = question.with_display_text("低保怎么申请？").approve().enqueue(2)
    with store.write() as uow:
        assert uow.questions.update(edited) is True
    with store.write() as uow:
        assert uow.questions.update(edited) is False  # nothing changed

    for forged in (
        dataclasses.replace(edited, text="改过的原话"),
        dataclasses.replace(edited, session_id=uuid7()),
    ):
        with pytest.raises(ValueError), store.write() as uow:
            uow.questions.update(forged)
    with store.read() as uow:
        stored = uow.questions.get(question.id)
        with pytest.raises(NotFoundError):
            uow.questions.update(dataclasses.replace(edited, id=uuid7()))
    assert stored == edited
    assert stored.text == "原始问题：低保怎么申请？"


def test_answers_round_trip_and_update(store: Store) -> None:
    session = make_session(store.studio_id)
    on_air = Question.create(store.studio_id, session.id, "垃圾几点收？").approve()
    on_air = on_air.enqueue(0).take_to_air()
    unanswered = Question.create(store.studio_id, session.id, "还没回答的问题")
    answer = dataclasses.replace(
        Answer.create(on_air, "每天早上七点 ♻️", "李娜 👩‍🌾", "主任", "农业农村办"),
        created_at=datetime(2025, 3, 1, 11, 45, 0, 999999, tzinfo=UTC),
    )
    with store.write() as uow:
        uow.sessions.save(session)
        uow.questions.add_many([on_air, unanswered])
        uow.answers.save(answer)

    store = reopen(store)
    try:
        with store.read() as uow:
            assert uow.answers.for_question(on_air.id) == answer
            assert uow.answers.for_question(unanswered.id) is None
        corrected = dataclasses.replace(answer, summary="每天早上七点和下午五点", role="副主任")
        with store.write() as uow:
            uow.answers.save(corrected)
        with store.read() as uow:
            assert uow.answers.for_question(on_air.id) == corrected
    finally:
        store.close()


def test_departments_follow_ups_and_events_round_trip_in_order(store: Store) -> None:
    lead = Department.create("交通运输局", "JT")
    helpers = [Department.create("财政局", "CZ"), Department.create("供电所 ⚡", "GD")]
    retired = dataclasses.replace(Department.create("撤销的办公室"), active=False)
    session = make_session(store.studio_id)
    question = Question.create(store.studio_id, session.id, "路灯")
    follow_up = dataclasses.replace(
        FollowUp.create(
            store.studio_id,
            session.id,
            "两周内修好村口路灯 💡",
            lead.id,
            question_id=question.id,
            supporting_department_ids=[helpers[1].id, helpers[0].id],
            responsible_person="王科长",
            deadline=date(2025, 3, 15),
            resident_contact="王大爷 13800000000",
        ),
        created_at=datetime(2025, 3, 1, 12, 0, 0, 7, tzinfo=UTC),
    )
    bare = FollowUp.create(store.studio_id, session.id, "No question, no deadline", lead.id)
    at = datetime(2025, 3, 2, 9, 0, 0, 500, tzinfo=UTC)
    history: list[FollowUpEvent] = []
    for make in (
        lambda h: status_change(follow_up, h, FollowUpStatus.IN_PROGRESS, "小刘", at=at),
        lambda h: reply(follow_up, "供电所", "已到现场 🔧", EventOrigin.DEPARTMENT, at=at),
        lambda h: status_change(follow_up, h, FollowUpStatus.RESOLVED, "小刘", "换了灯泡"),
        lambda h: status_change(follow_up, h, FollowUpStatus.RETURNED, "主持人", "还有一个没亮"),
        lambda h: status_change(follow_up, h, FollowUpStatus.RESOLVED, "小刘", "全部修好"),
    ):
        history.append(make(history))

    # Parents are committed before the rows that reference them: a follow-up and its events
    # in one transaction hit the bug of test_follow_up_and_its_first_event_in_one_write.
    with store.write() as uow:
        for department in (lead, *helpers, retired):
            uow.departments.add(department, store.studio_id)
        uow.sessions.save(session)
        uow.questions.add(question)
    with store.write() as uow:
        uow.follow_ups.add(follow_up)
        uow.follow_ups.add(bare)
    with store.write() as uow:
        for event in history:
            uow.follow_ups.append_event(event)

    store = reopen(store)
    try:
        with store.read() as uow:
            assert uow.departments.list() == sorted([lead, *helpers], key=lambda d: d.name)
            assert uow.departments.list(include_inactive=True) == sorted(
                [lead, *helpers, retired], key=lambda d: d.name
            )
            assert uow.follow_ups.get(follow_up.id) == follow_up
            assert uow.follow_ups.get(bare.id) == bare
            events = uow.follow_ups.events(follow_up.id)
            assert uow.follow_ups.events(bare.id) == []
            with pytest.raises(NotFoundError):
                uow.follow_ups.get(uuid7())
    finally:
        store.close()
    assert events == history
    assert [e.kind for e in events][:2] == [EventKind.STATUS, EventKind.REPLY]
    assert events[1].origin is EventOrigin.DEPARTMENT
    assert current_status(events) is FollowUpStatus.RESOLVED
    assert follow_up.supporting_department_ids == (helpers[1].id, helpers[0].id)


def test_audit_entries_round_trip_with_snapshots(store: Store) -> None:
    session = make_session(store.studio_id)
    question = Question.create(store.studio_id, session.id, "为什么停水？🚰")
    approved = question.approve()
    t0 = datetime(2025, 3, 1, 11, 0, 0, 1, tzinfo=UTC)
    entries = [
        AuditEntry.record(
            store.studio_id, "主持人", "session.create", "session", session.id,
            session_id=session.id, after=session, at=t0,
        ),
        AuditEntry.record(
            store.studio_id, "主持人", "question.approve", "question", question.id,
            session_id=session.id, before=question, after=approved,
            at=t0 + timedelta(minutes=1),
        ),
        AuditEntry.record(
            store.studio_id, "系统", "studio.rename", "studio", store.studio_id,
            at=t0 + timedelta(minutes=2),
        ),
    ]  # fmt: skip
    with store.write() as uow:
        for entry in entries:
            uow.audit.append(entry)

    store = reopen(store)
    try:
        with store.read() as uow:
            for_question = uow.audit.for_entity("question", question.id)
            for_session = uow.audit.for_session(session.id)
            since = uow.audit.for_session(session.id, since=t0 + timedelta(seconds=30))
            for_studio = uow.audit.for_entity("studio", store.studio_id)
    finally:
        store.close()
    assert for_question == [entries[1]]
    assert for_session == entries[:2]
    assert since == [entries[1]]
    assert for_studio == [entries[2]]
    before, after = for_question[0].before, for_question[0].after
    assert before is not None and after is not None
    assert (before["state"], after["state"]) == ("new", "approved")
    assert before["text"] == "为什么停水？🚰"
    assert for_session[0].after is not None
    assert for_session[0].after["guests"][1]["name"] == "李娜 👩‍🌾"
    assert for_studio[0].before is None and for_studio[0].after is None


def test_studio_and_settings_round_trip(store: Store) -> None:
    pulled = Studio.create("白云村演播室", "白云镇")
    with store.write() as uow:
        uow.studios.add(pulled)
        uow.studios.update(dataclasses.replace(pulled, name="白云村 📺"))
        uow.settings.set("obs.scene", "主画面")
        uow.settings.set("obs.scene", "答疑画面")
    with store.read() as uow:
        assert uow.studios.get(pulled.id) == Studio(pulled.id, "白云村 📺", "白云镇")
        assert uow.settings.get("obs.scene") == "答疑画面"
        assert uow.settings.get("missing") is None
        with pytest.raises(NotFoundError):
            uow.studios.get(uuid7())


def test_rows_tombstoned_elsewhere_are_not_found(store: Store, data_dir: Path) -> None:
    session = make_session(store.studio_id)
    question = Question.create(store.studio_id, session.id, "被同步删除的问题")
    kept = Question.create(store.studio_id, session.id, "留下的问题")
    follow_up = FollowUp.create(store.studio_id, session.id, "承诺", uuid7())
    with store.write() as uow:
        uow.sessions.save(session)
        uow.questions.add_many([question, kept])
    # Tombstones as the sync client writes them.
    with raw(db_path(data_dir)) as connection:
        connection.execute("UPDATE question SET deleted = 1 WHERE id = ?", (question.id.hex,))
        connection.execute("UPDATE studio SET deleted = 1 WHERE id = ?", (store.studio_id.hex,))
    with store.read() as uow:
        with pytest.raises(NotFoundError):
            uow.questions.get(question.id)
        with pytest.raises(NotFoundError):
            uow.studios.get(store.studio_id)
        with pytest.raises(NotFoundError):
            uow.follow_ups.get(follow_up.id)
        assert uow.questions.list_for_session(session.id) == [kept]
        assert uow.questions.count_for_session(session.id) == 1
    with store.write() as uow, pytest.raises(NotFoundError):
        uow.questions.update(question.approve())


# The unit of work orders INSERTs of different tables by class name when no relationship()
# links them, so a child whose class name sorts first is inserted before its parent.
FK_ORDER_BUG = (
    "repositories.py: no relationship() between the row classes and no flush in "
    "FollowUpRepository.add/QuestionRepository.add, so SQLAlchemy inserts FollowUpEventRow "
    "before FollowUpRow (and FollowUpRow before QuestionRow) and SQLite refuses the FK"
)


def test_follow_up_and_its_first_event_in_one_write(store: Store) -> None:
    session = make_session(store.studio_id)
    lead = Department.create("交通运输局")
    with store.write() as uow:
        uow.sessions.save(session)
        uow.departments.add(lead, store.studio_id)
    follow_up = FollowUp.create(store.studio_id, session.id, "修路灯", lead.id)
    event = status_change(follow_up, [], FollowUpStatus.IN_PROGRESS, "小刘")
    with store.write() as uow:
        uow.follow_ups.add(follow_up)
        uow.follow_ups.append_event(event)
    with store.read() as uow:
        assert uow.follow_ups.events(follow_up.id) == [event]


def test_question_and_a_follow_up_on_it_in_one_write(store: Store) -> None:
    session = make_session(store.studio_id)
    lead = Department.create("交通运输局")
    with store.write() as uow:
        uow.sessions.save(session)
        uow.departments.add(lead, store.studio_id)
    question = Question.create(store.studio_id, session.id, "路灯坏了")
    follow_up = FollowUp.create(
        store.studio_id, session.id, "修路灯", lead.id, question_id=question.id
    )
    with store.write() as uow:
        uow.questions.add(question)
        uow.follow_ups.add(follow_up)
    with store.read() as uow:
        assert uow.follow_ups.get(follow_up.id) == follow_up
