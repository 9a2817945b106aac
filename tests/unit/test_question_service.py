"""QuestionService over a real SQLite store: intake, moderation, queue, air gate, undo, audit."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from studio_app.domain.errors import IllegalTransitionError, ValidationError
from studio_app.domain.questions import Channel, QuestionDraft, QuestionState, RejectionReason
from studio_app.domain.screening import AirBlockedError
from studio_app.domain.sensitive import SensitiveWords
from studio_app.services.database import Database
from studio_app.services.questions import (
    NothingToUndoError,
    QuestionService,
    UndoConflictError,
)
from studio_app.services.sessions import SessionService
from studio_app.storage.repositories import NotFoundError

Q = QuestionState
OPERATOR = "主持人 小李"


def run(test: Callable[[QuestionService, uuid.UUID, Database], Coroutine[Any, Any, None]]) -> Any:
    """Run ``test`` with a service over a fresh store in a temp dir and one planned session."""

    def runner(tmp_path: Path) -> None:
        async def main() -> None:
            database = Database()
            await database.open(tmp_path, default_studio_name="测试演播室")
            try:
                session = await SessionService(database, OPERATOR).create("第一期 村民问答")
                words = SensitiveWords.from_text("赌博\n傻瓜\n")
                await test(QuestionService(database, OPERATOR, words), session.id, database)
            finally:
                database.close()

        asyncio.run(main())

    runner.__name__ = test.__name__
    return runner


async def audit_actions(database: Database, question_id: uuid.UUID) -> list[str]:
    def work(store: Any) -> list[str]:
        with store.read() as uow:
            return [e.action for e in uow.audit.for_entity("question", question_id)]

    return await database.run(work)


async def file(service: QuestionService, session_id: uuid.UUID, text: str, **kw: Any) -> uuid.UUID:
    change = await service.file(session_id, QuestionDraft(text=text, **kw))
    return change.questions[0].id


@run
async def test_filing_masks_the_display_text_and_keeps_the_words(
    service: QuestionService, session_id: uuid.UUID, database: Database
) -> None:
    change = await service.file(
        session_id,
        QuestionDraft(
            text="我叫张三，电话13800138000，村口路灯坏了",
            asker="张三",
            phone="13800138000",
            channel=Channel.HOTLINE,
            category="路灯",
        ),
    )
    (question,) = change.questions
    assert question.text == "我叫张三，电话13800138000，村口路灯坏了"
    assert "13800138000" not in question.display_text
    assert "张三" not in question.display_text
    assert "路灯" in question.display_text
    screening = change.screenings[question.id]
    assert screening.masked and not screening.unmasked
    loaded = await service.load(session_id)
    assert loaded.questions == (question,)
    assert await audit_actions(database, question.id) == ["question.filed"]


@run
async def test_a_near_duplicate_is_suggested_as_it_arrives(
    service: QuestionService, session_id: uuid.UUID, _db: Database
) -> None:
    first = await file(service, session_id, "村口的路灯坏了三个月了，什么时候修？")
    await file(service, session_id, "请问今年医保缴费标准是多少？")
    change = await service.file(session_id, QuestionDraft(text="村口路灯坏了好久，啥时候能修好啊"))
    suggestions = change.suggestions[change.questions[0].id]
    assert suggestions[0].question_id == first


@run
async def test_moderation_flow_with_queue_air_and_answered(
    service: QuestionService, session_id: uuid.UUID, database: Database
) -> None:
    a = await file(service, session_id, "村里的垃圾多久清运一次？")
    b = await file(service, session_id, "校车能不能多开一班？")
    c = await file(service, session_id, "自来水最近总是停，怎么回事？")
    await service.approve(a)
    await service.enqueue(a)
    await service.enqueue(b)  # new → approved → queued in one step
    await service.enqueue(c, position=0)
    queue = [q for q in (await service.load(session_id)).questions if q.state is Q.QUEUED]
    assert [q.id for q in sorted(queue, key=lambda q: q.queue_position or 0)] == [c, a, b]

    await service.move_in_queue(b, 0)
    change = await service.take_next_to_air(session_id)
    assert change is not None
    on_air = {q.id: q for q in change.questions}[b]
    assert on_air.state is Q.ON_AIR

    # Taking the next one marks the one on air answered.
    change = await service.take_to_air(c)
    states = {q.id: q.state for q in change.questions}
    assert states[b] is Q.ANSWERED and states[c] is Q.ON_AIR
    loaded = {q.id: q for q in (await service.load(session_id)).questions}
    assert loaded[a].state is Q.QUEUED and loaded[a].queue_position == 0
    await service.mark_answered(c)
    actions = await audit_actions(database, b)
    # Renumbering the queue is audited too (b moved down when c went first).
    assert actions[0] == "question.filed" and "question.moved" in actions
    assert actions[-2:] == ["question.on_air", "question.on_air"]  # on air, then answered


@run
async def test_reject_needs_a_reason_and_is_audited_with_before_and_after(
    service: QuestionService, session_id: uuid.UUID, database: Database
) -> None:
    q = await file(service, session_id, "广告：低价出售化肥")
    with pytest.raises(ValidationError):
        await service.reject(q, RejectionReason.OTHER, "")
    change = await service.reject(q, RejectionReason.OFF_TOPIC, "广告")
    assert change.questions[0].state is Q.REJECTED

    def entries(store: Any) -> Any:
        with store.read() as uow:
            return uow.audit.for_entity("question", q)

    last = (await database.run(entries))[-1]
    assert last.operator == OPERATOR
    assert last.before is not None and last.before["state"] == "new"
    assert last.after is not None and last.after["state"] == "rejected"


@run
async def test_merge_counts_askers_and_undo_restores_both(
    service: QuestionService, session_id: uuid.UUID, database: Database
) -> None:
    target = await file(service, session_id, "村口路灯坏了什么时候修")
    duplicate = await file(service, session_id, "路灯坏了，什么时候修？")
    change = await service.merge(duplicate, target)
    by_id = {q.id: q for q in change.questions}
    assert by_id[target].ask_count == 2 and by_id[duplicate].state is Q.MERGED

    undone = await service.undo()
    by_id = {q.id: q for q in undone.questions}
    assert by_id[target].ask_count == 1 and by_id[duplicate].state is Q.NEW
    assert "question.undone" in await audit_actions(database, target)
    with pytest.raises(NothingToUndoError):
        await service.undo()


@run
async def test_undo_steps_back_one_action_at_a_time_and_refuses_over_a_later_change(
    service: QuestionService, session_id: uuid.UUID, database: Database
) -> None:
    q = await file(service, session_id, "低保怎么申请？")
    await service.approve(q)
    await service.edit_display_text(q, "低保如何申请？")
    await service.undo()
    loaded = (await service.load(session_id)).questions[0]
    assert (loaded.state, loaded.display_text) == (Q.APPROVED, "低保怎么申请？")
    await service.undo()
    assert (await service.load(session_id)).questions[0].state is Q.NEW

    # A second moderator (another service) changes the question after our action.
    await service.approve(q)
    other = QuestionService(database, "另一位导播", service.words)
    await other.defer(q)
    with pytest.raises(UndoConflictError):
        await service.undo()
    assert (await service.load(session_id)).questions[0].state is Q.DEFERRED


@run
async def test_personal_data_left_in_the_display_text_blocks_air(
    service: QuestionService, session_id: uuid.UUID, _db: Database
) -> None:
    q = await file(service, session_id, "路灯坏了")
    await service.edit_display_text(q, "路灯坏了，请打13912345678联系我")
    with pytest.raises(AirBlockedError) as blocked:
        await service.take_to_air(q)
    assert blocked.value.reason == "personal_data"
    assert (await service.load(session_id)).questions[0].state is Q.NEW
    await service.edit_display_text(q, "路灯坏了，请联系我")
    change = await service.take_to_air(q)
    assert change.questions[0].state is Q.ON_AIR


@run
async def test_sensitive_words_need_an_explicit_override_that_an_edit_withdraws(
    service: QuestionService, session_id: uuid.UUID, database: Database
) -> None:
    q = await file(service, session_id, "村里有人聚众賭 博，谁来管？")
    loaded = await service.load(session_id)
    assert loaded.screenings[q].sensitive
    with pytest.raises(AirBlockedError) as blocked:
        await service.take_to_air(q)
    assert blocked.value.reason == "sensitive"
    await service.allow_sensitive(q)
    await service.edit_display_text(q, "村里有人聚众賭博，谁来管？")
    with pytest.raises(AirBlockedError):
        await service.take_to_air(q)
    await service.allow_sensitive(q)
    change = await service.take_to_air(q)
    assert [x.state for x in change.questions] == [Q.ON_AIR]
    assert "question.sensitive_override" in await audit_actions(database, q)


@run
async def test_import_files_everything_in_one_transaction_or_nothing(
    service: QuestionService, session_id: uuid.UUID, _db: Database
) -> None:
    drafts = [QuestionDraft(text=f"问题 {n}：路面坑洼") for n in range(200)]
    changes = await service.file_many(session_id, drafts, source="问题.csv")
    assert len(changes) == 200
    with pytest.raises(ValidationError):
        await service.file_many(
            session_id, [QuestionDraft(text="好问题"), QuestionDraft(text="  ")]
        )
    assert len((await service.load(session_id)).questions) == 200


@run
async def test_illegal_moves_are_refused_and_change_nothing(
    service: QuestionService, session_id: uuid.UUID, _db: Database
) -> None:
    q = await file(service, session_id, "养老金什么时候发？")
    await service.reject(q, RejectionReason.DUPLICATE)
    with pytest.raises(IllegalTransitionError):
        await service.take_to_air(q)
    with pytest.raises(NotFoundError):
        await service.approve(uuid.uuid4())
    assert (await service.load(session_id)).questions[0].state is Q.REJECTED
