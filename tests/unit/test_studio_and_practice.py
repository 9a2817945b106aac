"""Renaming the studio and the practice session, over a real SQLite store."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from studio_app.domain.errors import ValidationError
from studio_app.domain.organisation import MAX_STUDIO_NAME
from studio_app.domain.questions import Channel, QuestionDraft, QuestionState
from studio_app.services.database import Database
from studio_app.services.practice import SAMPLE_QUESTIONS, PracticePlan, PracticeService
from studio_app.services.studio import StudioService, is_new_data_folder

OPERATOR = "导播 小王"
PLAN = PracticePlan(
    title="练习场次（示例问题）",
    agenda=(("开场", 3), ("政策解读", 10), ("群众提问", 30), ("结束语", 2)),
    guest=("示例嘉宾", "副镇长", "镇人民政府"),
    speaker_item=2,
)


def _with_store(tmp_path: Path, test: Callable[[Database], Coroutine[Any, Any, None]]) -> None:
    async def main() -> None:
        database = Database()
        await database.open(tmp_path, default_studio_name="我的演播室")
        try:
            await test(database)
        finally:
            database.close()

    asyncio.run(main())


def _read(database: Database, fn: Callable[[Any, Any], Any]) -> Any:
    def work(store: Any) -> Any:
        with store.read() as uow:
            return fn(uow, store)

    return database.run(work)


def test_a_new_data_folder_is_one_without_a_database(tmp_path: Path) -> None:
    assert is_new_data_folder(tmp_path)
    _with_store(tmp_path, lambda _db: asyncio.sleep(0))
    assert not is_new_data_folder(tmp_path)


def test_rename_is_audited_once_and_goes_to_the_archive(tmp_path: Path) -> None:
    async def test(database: Database) -> None:
        service = StudioService(database, OPERATOR)
        assert (await service.studio()).name == "我的演播室"
        renamed = await service.rename("  青山镇   政务直播间 ")
        assert renamed.name == "青山镇 政务直播间"
        assert await service.rename("青山镇 政务直播间") == renamed  # the same: nothing written
        entries = await _read(database, lambda uow, s: uow.audit.for_entity("studio", s.studio_id))
        assert [(e.action, e.operator, e.before, e.after) for e in entries] == [
            ("studio.renamed", OPERATOR, {"name": "我的演播室"}, {"name": "青山镇 政务直播间"})
        ]
        outgoing = await _read(database, lambda uow, s: uow.sync.dirty_batch(s.studio_id, 100))
        studios = [values for table, values in outgoing if table == "studio"]
        assert [row["name"] for row in studios] == ["青山镇 政务直播间"]

    _with_store(tmp_path, test)


@pytest.mark.parametrize(("name", "problem"), [("   ", "required"), ("镇" * 201, "too_long")])
def test_a_blank_or_too_long_name_is_refused(tmp_path: Path, name: str, problem: str) -> None:
    assert MAX_STUDIO_NAME == 200

    async def test(database: Database) -> None:
        service = StudioService(database, OPERATOR)
        with pytest.raises(ValidationError) as refused:
            await service.rename(name)
        assert refused.value.problem == problem
        assert (await service.studio()).name == "我的演播室"

    _with_store(tmp_path, test)


def test_the_practice_session_is_a_local_rehearsal_with_the_sample_questions(
    tmp_path: Path,
) -> None:
    async def test(database: Database) -> None:
        session = await PracticeService(database, OPERATOR).create(PLAN)
        assert session.rehearsal and session.title == PLAN.title
        assert [a.title for a in session.agenda] == ["开场", "政策解读", "群众提问", "结束语"]
        assert session.planned_minutes == 45
        (guest,) = session.guests
        assert session.agenda[2].speaker_id == guest.id and guest.title == "副镇长"

        def read(uow: Any, store: Any) -> Any:
            questions = uow.questions.list_for_session(session.id)
            audit = uow.audit.for_session(session.id)
            return questions, audit, uow.sync.dirty_batch(store.studio_id, 10_000)

        questions, audit, outgoing = await _read(database, read)
        assert [q.text for q in questions] == [d.text for d in SAMPLE_QUESTIONS]
        assert {q.state for q in questions} == {QuestionState.NEW}
        by_text = {q.text: q for q in questions}
        phone = by_text[SAMPLE_QUESTIONS[1].text]
        assert "13912345678" not in phone.display_text and "****" in phone.display_text
        assert [(e.action, e.after) for e in audit] == [
            ("session.practice_created", {"title": PLAN.title, "questions": 10})
        ]
        # Practice is never sent to the county archive (nor its questions or audit entry).
        assert outgoing == [row for row in outgoing if row[0] == "studio"]

    _with_store(tmp_path, test)


def test_a_bad_sample_writes_nothing(tmp_path: Path) -> None:
    async def test(database: Database) -> None:
        bad = (*SAMPLE_QUESTIONS[:2], QuestionDraft("   ", channel=Channel.HOTLINE))
        with pytest.raises(ValidationError):
            await PracticeService(database, OPERATOR).create(PLAN, bad)
        assert await _read(database, lambda uow, _s: uow.sessions.list()) == []

    _with_store(tmp_path, test)
