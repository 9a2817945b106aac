"""The session record over a real SQLite store: show lifecycle, airings, answers, follow-ups."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from studio_app.domain.broadcast import AgendaMark
from studio_app.domain.errors import IllegalTransitionError, ValidationError
from studio_app.domain.followups import FollowUpStatus
from studio_app.domain.operators import OperatorRole
from studio_app.domain.questions import QuestionDraft, QuestionState
from studio_app.domain.record import agenda_spans
from studio_app.domain.sensitive import SensitiveWords
from studio_app.domain.sessions import AgendaItem, SessionStatus
from studio_app.domain.workdays import WorkdayCalendar
from studio_app.services.audit import AuditService
from studio_app.services.database import Database
from studio_app.services.followups import FollowUpService, PromiseDraft
from studio_app.services.operators import OperatorService
from studio_app.services.questions import QuestionService
from studio_app.services.record import AnswerFields, RecordService, SessionClosedError
from studio_app.services.sessions import SessionService

OPERATOR = "记录员 小王"
Q = QuestionState


@dataclass
class Env:
    database: Database
    sessions: SessionService
    questions: QuestionService
    record: RecordService
    follow_ups: FollowUpService
    audit: AuditService
    session_id: uuid.UUID


def run(test: Callable[[Env], Coroutine[Any, Any, None]]) -> Any:
    def runner(tmp_path: Path) -> None:
        async def main() -> None:
            database = Database()
            await database.open(tmp_path, default_studio_name="测试演播室")
            try:
                sessions = SessionService(database, OPERATOR)
                session = await sessions.create("第五期 村民问答")
                session = await sessions.save(
                    session.edited(
                        agenda=(AgendaItem.create("开场", 5), AgendaItem.create("问答", 30))
                    )
                )
                env = Env(
                    database,
                    sessions,
                    QuestionService(database, OPERATOR, SensitiveWords(())),
                    RecordService(database, OPERATOR),
                    FollowUpService(database, OPERATOR, WorkdayCalendar.default()),
                    AuditService(database),
                    session.id,
                )
                await test(env)
            finally:
                database.close()

        asyncio.run(main())

    runner.__name__ = test.__name__
    return runner


async def on_air(env: Env, text: str = "村口路灯坏了什么时候修？") -> uuid.UUID:
    change = await env.questions.file(env.session_id, QuestionDraft(text=text))
    question_id = change.questions[0].id
    taken = await env.questions.take_to_air(question_id)
    assert len(taken.airings_started) == 1
    return question_id


@run
async def test_show_lifecycle_sets_actual_times_and_is_audited(env: Env) -> None:
    opened_before = await env.sessions.load(env.session_id)
    live = await env.record.go_live(env.session_id)
    assert live.status is SessionStatus.LIVE and live.started_at is not None
    # The plan editor saving a copy loaded before the show went live does not undo that.
    await env.sessions.save(opened_before.edited(title="改了标题"))
    assert (await env.sessions.load(env.session_id)).status is SessionStatus.LIVE
    assert await env.record.live_session() == env.session_id
    ended = await env.record.end_show(env.session_id)
    assert ended.ended_at is not None and ended.ended_at >= live.started_at  # type: ignore[operator]
    closed = await env.record.close(env.session_id)
    assert closed.status is SessionStatus.CLOSED
    with pytest.raises(IllegalTransitionError):
        await env.record.go_live(env.session_id)
    reopened = await env.record.reopen(env.session_id)
    assert reopened.status is SessionStatus.ENDED
    actions = [e.action for e in await env.audit.for_session(env.session_id)]
    for action in ("session.live", "session.ended", "session.closed", "session.reopened"):
        assert action in actions
    entry = next(
        e for e in await env.audit.for_session(env.session_id) if e.action == "session.live"
    )
    assert entry.before == {"status": "planned", "started_at": None, "ended_at": None}
    assert entry.operator == OPERATOR


@run
async def test_airings_open_and_close_with_the_on_air_state(env: Env) -> None:
    first = await on_air(env)
    second_change = await env.questions.file(env.session_id, QuestionDraft(text="低保怎么申请？"))
    second = second_change.questions[0].id
    taken = await env.questions.take_to_air(second)
    # Taking the next one ends the first one's airing.
    assert [a.question_id for a in taken.airings_ended] == [first]
    assert [a.question_id for a in taken.airings_started] == [second]
    stamped = await env.record.stamp_airing(taken.airings_started[0].id, "start", 61_000, None)
    assert stamped.start_record_ms == 61_000
    pulled = await env.questions.pull_off_air(second)
    assert [a.question_id for a in pulled.airings_ended] == [second]
    undone = await env.questions.undo()  # back on air: a new airing
    assert [a.question_id for a in undone.airings_started] == [second]
    record = await env.record.load(env.session_id)
    assert [(a.question_id, a.is_open) for a in record.airings] == [
        (first, False),
        (second, False),
        (second, True),
    ]
    assert record.airings[1].start_record_ms == 61_000
    await env.record.go_live(env.session_id)
    await env.record.end_show(env.session_id)
    assert not any(a.is_open for a in (await env.record.load(env.session_id)).airings)


@run
async def test_answer_autosave_audits_one_pass_and_refuses_never_aired(env: Env) -> None:
    question_id = await on_air(env)
    for text in ("镇长", "镇长答：下周", "镇长答：下周一前修好"):
        await env.record.save_answer(question_id, AnswerFields(text, "张伟", "镇长", "镇政府"))
    assert [e.action for e in await env.audit.for_question(question_id)].count("answer.saved") == 0
    answer = await env.record.save_answer(
        question_id, AnswerFields("镇长答：下周一前修好", "张伟", "镇长", "镇政府"), final=True
    )
    assert (await env.record.answer(question_id)) == answer
    entries = [e for e in await env.audit.for_question(question_id) if e.action == "answer.saved"]
    assert len(entries) == 1 and entries[0].before is None
    assert entries[0].after is not None and entries[0].after["summary"] == "镇长答：下周一前修好"
    # A question never on air has no answer to record.
    never = (await env.questions.file(env.session_id, QuestionDraft(text="新问题"))).questions[0]
    with pytest.raises(ValidationError) as refused:
        await env.record.save_answer(never.id, AnswerFields("答复"))
    assert (refused.value.field, refused.value.problem) == ("answer.question", "not_on_air")
    assert await env.record.answer(never.id) is None


@run
async def test_a_closed_session_refuses_record_and_moderation_changes(env: Env) -> None:
    question_id = await on_air(env)
    await env.record.save_answer(question_id, AnswerFields("已答复"), final=True)
    lead = await env.follow_ups.add_department("交通运输局")
    await env.record.go_live(env.session_id)
    await env.record.end_show(env.session_id)
    await env.record.close(env.session_id)
    with pytest.raises(SessionClosedError):
        await env.record.save_answer(question_id, AnswerFields("改答复"))
    with pytest.raises(SessionClosedError):
        await env.questions.file(env.session_id, QuestionDraft(text="晚到的问题"))
    with pytest.raises(SessionClosedError):
        await env.questions.mark_answered(question_id)
    with pytest.raises(SessionClosedError):
        await env.follow_ups.create(env.session_id, PromiseDraft("修路灯", lead.id))
    closed = await env.sessions.load(env.session_id)
    with pytest.raises(SessionClosedError):
        await env.sessions.save(replace(closed, title="归档后改标题"))
    assert (await env.sessions.load(env.session_id)).title == closed.title
    # Follow-ups made earlier go on after the record is closed.
    assert (await env.follow_ups.board()).overall.total == 0
    assert (await env.record.answer(question_id)).summary == "已答复"  # type: ignore[union-attr]


@run
async def test_follow_up_deadlines_departments_and_events(env: Env) -> None:
    question_id = await on_air(env)
    lead = await env.follow_ups.add_department("交通运输局")
    helper = await env.follow_ups.add_department("财政局")
    assert (await env.follow_ups.add_department("交通运输局")).id == lead.id
    with pytest.raises(ValidationError) as no_lead:
        await env.follow_ups.create(env.session_id, PromiseDraft("修路灯", None))
    assert no_lead.value.field == "follow_up.lead_department"
    today = date(2025, 9, 26)
    with pytest.raises(ValidationError) as past:
        await env.follow_ups.create(
            env.session_id, PromiseDraft("修路灯", lead.id, deadline=date(2025, 9, 1)), today=today
        )
    assert past.value.problem == "in_past"
    older = await env.follow_ups.create(
        env.session_id,
        PromiseDraft("补录的承诺", lead.id, deadline=date(2025, 9, 1)),
        today=today,
        allow_past_deadline=True,
    )
    follow_up = await env.follow_ups.create(
        env.session_id,
        PromiseDraft("两周内修好路灯", lead.id, (helper.id,), "李科长", working_days=5,
                     resident_contact="13800138000"),
        question_id=question_id,
        today=today,
    )  # fmt: skip
    # 2025-09-26 (Fri) + 5 working days: 9-28 (Sun) is a make-up workday, then Oct 1–8 off.
    assert follow_up.deadline == date(2025, 10, 10)
    await env.follow_ups.change_status(follow_up.id, FollowUpStatus.IN_PROGRESS)
    await env.follow_ups.reply(follow_up.id, "已派人查看")
    with pytest.raises(ValidationError):
        await env.follow_ups.change_status(follow_up.id, FollowUpStatus.RETURNED)  # no reason
    state = await env.follow_ups.change_status(follow_up.id, FollowUpStatus.RESOLVED)
    assert state.status is FollowUpStatus.RESOLVED and state.latest_reply == "已派人查看"
    _fu, events = await env.follow_ups.history(follow_up.id)
    assert [e.author for e in events] == [OPERATOR] * 3
    board = await env.follow_ups.board(today=date(2025, 10, 20))
    assert board.overall.total == 2 and board.overall.done == 1 and board.overall.overdue == 1
    assert {s.follow_up.id for s in board.states} == {older.id, follow_up.id}
    # The resident's phone is kept on the follow-up, but not copied into the audit trail.
    trail = await env.audit.for_question(question_id)
    created = next(e for e in trail if e.action == "follow_up.created")
    assert created.after is not None and created.after["resident_contact"] == "***"
    assert "follow_up.status" in [e.action for e in trail]


@run
async def test_rehearsal_copy_is_left_out_of_the_record(env: Env) -> None:
    await env.questions.file(env.session_id, QuestionDraft(text="彩排里的问题"))
    copy = await env.record.start_rehearsal(env.session_id, "彩排：第五期")
    assert copy.rehearsal and copy.status is SessionStatus.PLANNED
    loaded = await env.questions.load(copy.id)
    assert [q.text for q in loaded.questions] == ["彩排里的问题"]
    rehearsed = loaded.questions[0]
    await env.questions.take_to_air(rehearsed.id)
    lead = await env.follow_ups.add_department("民政局")
    await env.follow_ups.create(copy.id, PromiseDraft("彩排承诺", lead.id))
    assert (await env.follow_ups.board()).states == ()
    assert len(await env.follow_ups.for_session(copy.id)) == 1
    # The real session's questions were not touched.
    original = await env.questions.load(env.session_id)
    assert [q.state for q in original.questions] == [Q.NEW]
    look_back = await env.follow_ups.look_back(env.session_id)
    assert look_back.session is None


@run
async def test_look_back_finds_the_previous_real_session(env: Env) -> None:
    lead = await env.follow_ups.add_department("交通运输局")
    earlier = await env.sessions.create("第四期", datetime(2025, 1, 5, 2, tzinfo=UTC))
    await env.follow_ups.create(earlier.id, PromiseDraft("上期承诺", lead.id))
    current = await env.sessions.load(env.session_id)
    await env.sessions.save(current.edited(scheduled_start=datetime(2025, 2, 5, 2, tzinfo=UTC)))
    later = await env.sessions.create("第六期", datetime(2025, 3, 5, 2, tzinfo=UTC))
    await env.follow_ups.create(later.id, PromiseDraft("下期承诺", lead.id))
    back = await env.follow_ups.look_back(env.session_id)
    assert back.session is not None and back.session.title == "第四期"
    assert [s.follow_up.promise for s in back.states] == ["上期承诺"]


def test_agenda_spans_give_actual_times_and_time_left() -> None:
    session_id = uuid.uuid4()
    opening, qa, close = (
        AgendaItem.create(t, m) for t, m in (("开场", 5), ("问答", 30), ("结束", 0))
    )
    t0 = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)
    marks = [
        AgendaMark.create(session_id, opening.id, t0, record_ms=0),
        AgendaMark.create(session_id, qa.id, t0 + timedelta(minutes=6)),
        AgendaMark.create(session_id, opening.id, t0 + timedelta(minutes=20)),
        AgendaMark.create(session_id, qa.id, t0 + timedelta(minutes=21)),
    ]
    spans = agenda_spans((opening, qa, close), marks, now=t0 + timedelta(minutes=40))
    assert spans[0].started_at == t0 and spans[0].ended_at == t0 + timedelta(minutes=21)
    assert spans[0].on_air == timedelta(minutes=7)
    assert spans[0].remaining == timedelta(minutes=-2)
    assert spans[0].record_ms == 0
    assert spans[1].is_current and spans[1].ended_at is None
    assert spans[1].on_air == timedelta(minutes=14 + 19)
    assert spans[2].started_at is None and spans[2].remaining is None
    ended = agenda_spans((opening, qa), marks, ended_at=t0 + timedelta(minutes=30))
    assert ended[1].ended_at == t0 + timedelta(minutes=30) and not ended[1].is_current


def test_operator_profiles(tmp_path: Path) -> None:
    async def main() -> None:
        database = Database()
        await database.open(tmp_path, default_studio_name="测试")
        try:
            service = OperatorService(database)
            assert await service.profiles() == []
            first = await service.add("  小李 ", OperatorRole.DIRECTOR)
            second = await service.add("小王", OperatorRole.RECORDER)
            assert first.name == "小李"
            with pytest.raises(ValidationError) as duplicate:
                await service.add("小李")
            assert duplicate.value.problem == "duplicate"
            with pytest.raises(ValidationError):
                await service.add("   ")
            await service.sign_in(second.id)
            assert [p.name for p in await service.profiles()] == ["小王", "小李"]
            await service.remove(second.id)
            assert [p.name for p in await service.profiles()] == ["小李"]
        finally:
            database.close()

    asyncio.run(main())
