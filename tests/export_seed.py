"""A realistic finished show in a real SQLite store, for export tests and benchmarks.

The show has a plan (guests, agenda), a recording run with agenda marks and question airings
carrying timecodes, answered, rejected, deferred and merged questions with residents'
phones and personal data in their text, follow-ups with histories (one overdue), and audit
entries. ``minute`` scales the show's clock: clip tests use one second per minute so that a
real test recording stays short.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark, OutputKind, OutputRun
from studio_app.domain.followups import (
    EventKind,
    EventOrigin,
    FollowUp,
    FollowUpEvent,
    FollowUpStatus,
)
from studio_app.domain.ids import uuid7
from studio_app.domain.organisation import Department
from studio_app.domain.questions import (
    Answer,
    Channel,
    Question,
    QuestionState,
    RejectionReason,
)
from studio_app.domain.record import QuestionAiring
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest, SessionStatus
from studio_app.storage.store import Store

#: Personal data the seeded questions carry; a public export must contain none of it.
PHONE = "13812345678"
PHONE_IN_TEXT = "139 0571 2233"
ID_NUMBER = "330106199001011234"
LANDLINE = "0571-87654321"
REJECTED_TEXT = f"我是张三，身份证{ID_NUMBER}，帮我查一下低保为什么被取消了"
PRIVATE_STRINGS = (PHONE, PHONE_IN_TEXT, ID_NUMBER, LANDLINE, "13900001111", "张三丰")

QUESTIONS = (
    ("村口的路灯坏了一个多月了，什么时候能修好？", "基础设施", Channel.HOTLINE),
    (f"我家在幸福村3组12号，门前的排水沟堵了，电话{PHONE_IN_TEXT}", "环境卫生", Channel.ONLINE),
    ("今年的水稻补贴什么时候发放？标准是多少？", "农业补贴", Channel.SOCIAL),
    ("村里的老年食堂能不能增加送餐服务？", "养老服务", Channel.LIVE_COMMENT),
    (f"合作医疗缴费有问题，请打{LANDLINE}联系我", "医疗保障", Channel.HOTLINE),
    ("镇上到县城的公交车能不能加一班早车？", "交通出行", Channel.IN_ROOM),
    ("垃圾分类的积分兑换点在哪里？", "环境卫生", Channel.ONLINE),
    ("危房改造的申请条件是什么？", "住房保障", Channel.OTHER),
)
ASKERS = ("张三丰", "李四", "王小红", "", "赵大海", "刘洋", "陈静", "")


@dataclass(frozen=True)
class SeededShow:
    """What :func:`seed_show` stored, for the test to check against."""

    session_id: uuid.UUID
    studio_id: uuid.UUID
    title: str
    question_ids: tuple[uuid.UUID, ...]
    aired_ids: tuple[uuid.UUID, ...]
    rejected_id: uuid.UUID
    follow_up_ids: tuple[uuid.UUID, ...]
    recording: OutputRun
    departments: tuple[Department, ...]
    today: date


def seed_show(
    store: Store,
    *,
    questions: int = 12,
    title: str = "第五期 村民问答",
    start: datetime = datetime(2026, 11, 20, 1, 0, tzinfo=UTC),
    minute: timedelta = timedelta(minutes=1),
    recording_path: str = "",
    departments: tuple[Department, ...] | None = None,
) -> SeededShow:
    """Store one ended show with ``questions`` questions (at least 4) and return its ids."""
    assert questions >= 4
    studio_id = store.studio_id
    operator = "记录员 小王"
    guests = (
        Guest.create("王建国", "镇长", "镇人民政府"),
        Guest.create("李芳", "主任", "交通办"),
        Guest.create("陈明", "站长", "农技站"),
    )
    agenda = (
        AgendaItem.create("开场介绍", 5, speaker_id=guests[0].id),
        AgendaItem.create("村民提问与回应", 40, speaker_id=guests[1].id),
        AgendaItem.create("总结与承诺", 5, speaker_id=guests[0].id),
    )
    ended_at = start + 50 * minute
    session = BroadcastSession.create(studio_id, title, start)
    session = replace(
        session,
        planned_minutes=60,
        location="青山镇政务直播间",
        description="本期围绕道路、补贴和养老服务答复村民关切。",
        guests=guests,
        agenda=agenda,
    )
    lead_names = ("交通办", "农业农村办", "民政办")
    with store.write() as uow:
        if departments is None:
            departments = tuple(Department.create(name) for name in lead_names)
            for department in departments:
                uow.departments.add(department, studio_id)
        uow.sessions.save(session)
        uow.sessions.save_lifecycle(
            replace(session, status=SessionStatus.ENDED, started_at=start, ended_at=ended_at)
        )
        uow.audit.append(
            AuditEntry.record(
                studio_id,
                operator,
                "session.created",
                "session",
                session.id,
                session_id=session.id,
                after=session,
                at=start - 60 * minute,
            )
        )
        run = OutputRun.start(session.id, OutputKind.RECORD, start - 5 * minute / 60)
        run = run.stopped(ended_at + 5 * minute / 60, recording_path)
        uow.broadcast.save_run(run)

        def ms(at: datetime) -> int:
            return int((at - run.started_at).total_seconds() * 1000)

        item_starts = (start, start + 5 * minute, start + 45 * minute)
        for item, at in zip(agenda, item_starts, strict=True):
            uow.broadcast.add_mark(
                AgendaMark.create(session.id, item.id, at, record_ms=ms(at), stream_ms=None)
            )
        aired_count = max(3, questions // 3)
        slot = 40 * minute / (aired_count + 1)
        stored: list[Question] = []
        aired: list[uuid.UUID] = []
        rejected_id = uuid.UUID(int=0)
        for index in range(questions):
            text, category, channel = QUESTIONS[index % len(QUESTIONS)]
            if index >= len(QUESTIONS):
                text = f"{text}（第{index + 1}条）"
            asker = ASKERS[index % len(ASKERS)]
            question = Question.create(
                studio_id,
                session.id,
                text,
                asker=asker,
                phone=PHONE if index % 2 == 0 else "",
                channel=channel,
                category=category,
                received_at=start - timedelta(hours=2) + index * timedelta(seconds=30),
            )
            # The on-air text is the masked one, as intake makes it.
            question = replace(
                question,
                display_text=text.replace(PHONE_IN_TEXT, "139****2233").replace(
                    LANDLINE, "0571-****4321"
                ),
            )
            if index < aired_count:
                question = replace(question, state=QuestionState.ANSWERED)
                aired.append(question.id)
            elif index == aired_count:
                question = replace(
                    question,
                    text=REJECTED_TEXT,
                    display_text=REJECTED_TEXT,
                    phone="13900001111",
                    state=QuestionState.REJECTED,
                    rejection_reason=RejectionReason.PERSONAL_DATA,
                    rejection_note="涉及个人隐私",
                )
                rejected_id = question.id
            elif index == aired_count + 1:
                question = replace(question, state=QuestionState.DEFERRED)
            elif index % 2:
                question = replace(question, state=QuestionState.APPROVED)
            stored.append(question)
        uow.questions.add_many(stored)
        by_id = {q.id: q for q in stored}
        for number, question_id in enumerate(aired):
            on = start + 5 * minute + slot * number + slot / 10
            off = on + slot * 0.8
            airing = QuestionAiring(
                id=uuid7(),
                session_id=session.id,
                question_id=question_id,
                started_at=on,
                ended_at=off,
                start_record_ms=ms(on),
                end_record_ms=ms(off),
            )
            uow.broadcast.save_airing(airing)
            guest = guests[1 + number % 2]
            uow.answers.save(
                Answer.create(
                    by_id[question_id],
                    f"{guest.department}将在本月内安排人员现场查看并答复（第{number + 1}问）。",
                    guest.name,
                    guest.title,
                    guest.department,
                )
            )
        follow_ups = []
        today = (ended_at + timedelta(days=30)).date()
        for number, question_id in enumerate(aired[::3]):
            follow_up = FollowUp.create(
                studio_id,
                session.id,
                f"两周内完成整改并向村民反馈（承诺{number + 1}）",
                departments[number % len(departments)].id,
                question_id=question_id,
                supporting_department_ids=[departments[(number + 1) % len(departments)].id],
                responsible_person="周科长",
                deadline=(ended_at + timedelta(days=14)).date(),
                resident_contact=PHONE,
                today=ended_at.date(),
            )
            follow_up = replace(follow_up, created_at=ended_at)
            uow.follow_ups.add(follow_up)
            follow_ups.append(follow_up.id)
            steps: list[tuple[EventKind, FollowUpStatus | None, str, int]] = [
                (EventKind.STATUS, FollowUpStatus.IN_PROGRESS, "", 2),
                (EventKind.REPLY, None, "已派人现场查看，正在采购材料", 5),
            ]
            if number % 3 == 0:
                steps.append((EventKind.STATUS, FollowUpStatus.RESOLVED, "已完成", 10))
            for kind, status, text, days in steps:
                uow.follow_ups.append_event(
                    FollowUpEvent(
                        id=uuid7(),
                        studio_id=studio_id,
                        follow_up_id=follow_up.id,
                        kind=kind,
                        author=operator,
                        at=ended_at + timedelta(days=days),
                        status=status,
                        text=text,
                        origin=EventOrigin.DEPARTMENT,
                    )
                )
        for question in stored[:3]:
            uow.audit.append(
                AuditEntry.record(
                    studio_id,
                    operator,
                    "question.filed",
                    "question",
                    question.id,
                    session_id=session.id,
                    after=question,
                    at=question.received_at,
                )
            )
    return SeededShow(
        session_id=session.id,
        studio_id=studio_id,
        title=title,
        question_ids=tuple(q.id for q in stored),
        aired_ids=tuple(aired),
        rejected_id=rejected_id,
        follow_up_ids=tuple(follow_ups),
        recording=run,
        departments=departments,
        today=today,
    )
