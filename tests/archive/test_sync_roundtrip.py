"""Sync against the real archive: a whole show round-trips, edits, local-only rows, restores."""

from __future__ import annotations

import asyncio
import random
import shutil
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from studio_app.archive import admin
from studio_app.domain.audit import AuditEntry
from studio_app.domain.followups import (
    EventOrigin,
    FollowUp,
    FollowUpStatus,
    current_status,
    fold,
    reply,
)
from studio_app.domain.ids import uuid7
from studio_app.domain.questions import Answer, Question, QuestionState
from studio_app.domain.sessions import BroadcastSession
from studio_app.domain.sync import WIRE_TABLES
from studio_app.services.sync.status import SyncError, SyncProblem, SyncState
from studio_app.storage.store import UnitOfWork
from tests.archive.conftest import Archive
from tests.archive.sync_helpers import (
    Call,
    DepartmentClient,
    Faults,
    Studio,
    central_event_seq,
    central_rows,
    count_rows,
    diff_tables,
    recording_factory,
)
from tests.export_seed import SeededShow, seed_show

NAME = "青山镇"


def _pushes(log: list[Call]) -> list[Call]:
    return [c for c in log if c.path == "/v1/sync/push"]


async def _assert_converged(studio: Studio, archive: Archive) -> None:
    """The archive holds exactly this studio's rows as they are here; nothing is pending."""
    local = await studio.local()
    own = local.own(studio.studio_id)
    central = central_rows(archive.admin_url, studio.studio_id)
    assert diff_tables(own, central) == []
    assert not {key for key in local.dirty if key[1] in own[key[0]]}
    assert await studio.pending() == (0, 0)
    # Events carry the archive's order here too.
    seqs = central_event_seq(archive.admin_url)
    for event_id in own["follow_up_event"]:
        assert local.event_seq[event_id] == seqs[event_id]


def test_seeded_show_round_trips_and_only_edits_are_sent_again(
    archive: Archive, tmp_path: Path
) -> None:
    credential = str(admin.add_studio(archive.admin_url, NAME))
    log: list[Call] = []

    async def main() -> None:
        studio = await Studio(
            tmp_path / "a", NAME, archive.base_url, credential, recording_factory(log)
        ).open()
        try:
            show = await studio.db.run(lambda store: seed_show(store))
            local = await studio.local()
            own = local.own(studio.studio_id)
            pending, parked = await studio.pending()
            assert (pending, parked) == (count_rows(own), 0)

            report = await studio.sync()
            assert report.pushed == count_rows(own)
            assert (report.stale, report.rejected, report.orphans) == (0, 0, 0)
            await _assert_converged(studio, archive)
            # Every synced table, every column: the seeded show fills them all.
            central = central_rows(archive.admin_url)
            assert all(central[t.name] for t in WIRE_TABLES), {
                t.name: len(central[t.name]) for t in WIRE_TABLES
            }
            assert count_rows(central) == count_rows(own)

            # A second sync sends nothing and brings nothing new.
            log.clear()
            report = await studio.sync()
            assert (report.pushed, report.pulled, report.department_events) == (0, 0, 0)
            assert _pushes(log) == []
            assert [c.path for c in log] == ["/v1/sync/hello", "/v1/sync/pull"]

            # One edit: exactly that row is dirty, and one push carries exactly it.
            question_id = show.question_ids[-1]

            def edit(uow: UnitOfWork) -> Question:
                question = uow.questions.get(question_id)
                edited = question.with_display_text(question.display_text + "（已核实）")
                assert uow.questions.update(edited)
                return edited

            edited = await studio.write(edit)
            local = await studio.local()
            assert local.dirty == {("question", question_id)}
            assert await studio.pending() == (1, 0)
            log.clear()
            report = await studio.sync()
            assert report.pushed == 1
            pushes = _pushes(log)
            assert len(pushes) == 1
            rows = pushes[0].body["rows"]
            assert list(rows) == ["question"] and len(rows["question"]) == 1
            assert rows["question"][0]["id"] == str(question_id)
            assert rows["question"][0]["display_text"] == edited.display_text
            await _assert_converged(studio, archive)
            stored = central_rows(archive.admin_url, studio.studio_id)["question"][question_id]
            assert stored["display_text"] == edited.display_text
        finally:
            studio.close()

    asyncio.run(main())


def test_rehearsals_and_other_studios_rows_stay_on_this_pc(
    archive: Archive, tmp_path: Path
) -> None:
    credential = str(admin.add_studio(archive.admin_url, NAME))
    log: list[Call] = []
    other_studio = uuid7()

    async def main() -> None:
        studio = await Studio(
            tmp_path / "a", NAME, archive.base_url, credential, recording_factory(log)
        ).open()
        try:
            show = await studio.db.run(lambda store: seed_show(store))
            await studio.sync()
            before = central_rows(archive.admin_url)

            def practise_and_import(uow: UnitOfWork) -> set[uuid.UUID]:
                made: set[uuid.UUID] = set()
                source = uow.sessions.get(show.session_id)
                copy = uow.sessions.save(source.rehearsal_copy("彩排：第五期"))
                made |= {copy.id, *(g.id for g in copy.guests), *(a.id for a in copy.agenda)}
                questions = [
                    replace(q, id=uuid7(), session_id=copy.id, merged_into=None, ask_count=1)
                    for q in uow.questions.list_for_session(show.session_id)
                ][:4]
                questions[0] = replace(questions[0], state=QuestionState.DEFERRED)
                uow.questions.add_many(questions)
                made |= {q.id for q in questions}
                answer = Answer.create(questions[0], "彩排答复", "王建国", "镇长", "镇人民政府")
                uow.answers.save(answer)
                follow_up = FollowUp.create(
                    studio.studio_id, copy.id, "彩排承诺", show.departments[0].id
                )
                uow.follow_ups.add(follow_up)
                event = reply(follow_up, "记录员 小王", "彩排进展")
                uow.follow_ups.append_event(event)
                entry = AuditEntry.record(
                    studio.studio_id, "记录员 小王", "session.rehearsal_created", "session",
                    copy.id, session_id=copy.id, after={"questions": len(questions)},
                )  # fmt: skip
                uow.audit.append(entry)
                made |= {answer.id, follow_up.id, event.id, entry.id}
                # A record another studio made, imported with its ids and studio id.
                imported = BroadcastSession.create(other_studio, "邻镇 第三期 村民问答")
                uow.sessions.insert_imported(imported)
                question = Question.create(other_studio, imported.id, "邻镇的问题")
                uow.questions.add(question)
                made |= {imported.id, question.id}
                return made

            made = await studio.write(practise_and_import)
            local = await studio.local()
            dirty_ids = {row_id for _, row_id in local.dirty}
            assert made <= dirty_ids  # stored here as any change is ...
            assert await studio.pending() == (0, 0)  # ... but none of them is pending

            log.clear()
            report = await studio.sync()
            assert report.pushed == 0 and report.rejected == 0
            assert _pushes(log) == []
            after = central_rows(archive.admin_url)
            assert diff_tables(after, before) == []
            central_ids = {row_id for rows in after.values() for row_id in rows}
            assert not made & central_ids
            # They stay here, still marked dirty: nothing pretended they were sent.
            local = await studio.local()
            assert made <= {row_id for _, row_id in local.dirty}
            assert local.studio_ids() == {studio.studio_id, other_studio}
        finally:
            studio.close()

    asyncio.run(main())


def test_new_data_folder_with_the_same_credential_is_refused_as_wrong_studio(
    archive: Archive, tmp_path: Path
) -> None:
    """A reinstall without the old data folder is a new studio to the archive.

    The studio id lives in the data folder (``local_setting``). A fresh folder makes a new
    one, and the archive bound the credential to the first studio id at its first hello, so
    every sync of the new store fails with WRONG_STUDIO before anything is sent: its rows
    stay pending here, the archive keeps the old studio's record unchanged, and the old
    folder (restored from a backup) still syncs with the credential. To go on with a fresh
    folder the county enrols it as a studio of its own (``studio add``).
    """
    credential = str(admin.add_studio(archive.admin_url, NAME))
    log: list[Call] = []

    async def main() -> None:
        old = await Studio(tmp_path / "a", NAME, archive.base_url, credential).open()
        try:
            await old.db.run(lambda store: seed_show(store))
            await old.sync()
            old_id = old.studio_id
        finally:
            old.close()
        before = central_rows(archive.admin_url)

        new = await Studio(
            tmp_path / "fresh", NAME, archive.base_url, credential, recording_factory(log)
        ).open()
        try:
            assert new.studio_id != old_id
            await new.db.run(lambda store: seed_show(store, title="重装后的第一期"))
            pending = await new.pending()
            with pytest.raises(SyncError) as raised:
                await new.sync()
            assert raised.value.problem is SyncProblem.WRONG_STUDIO
            assert new.service.status.state is SyncState.FAILED
            assert new.service.status.problem is SyncProblem.WRONG_STUDIO
            assert [c.path for c in log] == ["/v1/sync/hello"]  # nothing sent
            assert await new.pending() == pending and pending[0] > 0
            assert diff_tables(central_rows(archive.admin_url), before) == []
        finally:
            new.close()

        again = await Studio(tmp_path / "a", NAME, archive.base_url, credential).open()
        try:
            assert again.studio_id == old_id
            report = await again.sync()
            assert report.pushed == 0
        finally:
            again.close()

    asyncio.run(main())


def test_restoring_an_old_backup_of_the_data_folder_gets_the_newer_rows_back(
    archive: Archive, tmp_path: Path
) -> None:
    """A restored older copy of the folder (same studio id) pulls what was synced since."""
    credential = str(admin.add_studio(archive.admin_url, NAME))

    async def main() -> None:
        studio = await Studio(tmp_path / "a", NAME, archive.base_url, credential).open()
        try:
            show = await studio.db.run(lambda store: seed_show(store))
            await studio.sync()
        finally:
            studio.close()
        shutil.copytree(tmp_path / "a", tmp_path / "backup")

        studio = await Studio(tmp_path / "a", NAME, archive.base_url, credential).open()
        try:

            def later_work(uow: UnitOfWork) -> uuid.UUID:
                question = uow.questions.get(show.question_ids[-1])
                uow.questions.update(question.with_display_text("备份之后改过的文字"))
                added = Question.create(studio.studio_id, show.session_id, "备份之后的新问题")
                uow.questions.add(added)
                return added.id

            added_id = await studio.write(later_work)
            await studio.sync()
            synced = (await studio.local()).own(studio.studio_id)
        finally:
            studio.close()

        shutil.rmtree(tmp_path / "a")
        shutil.copytree(tmp_path / "backup", tmp_path / "a")
        restored = await Studio(tmp_path / "a", NAME, archive.base_url, credential).open()
        try:
            assert await restored.pending() == (0, 0)
            report = await restored.sync()
            assert report.pulled == 2 and report.pushed == 0
            local = (await restored.local()).own(restored.studio_id)
            assert diff_tables(local, synced) == []
            assert local["question"][added_id]["text"] == "备份之后的新问题"
            await _assert_converged(restored, archive)
        finally:
            restored.close()

    asyncio.run(main())


def _open_follow_up(show: SeededShow, uow: UnitOfWork) -> tuple[FollowUp, FollowUpStatus]:
    """A seeded follow-up a department may still resolve (in progress)."""
    for follow_up_id in show.follow_up_ids:
        follow_up = uow.follow_ups.get(follow_up_id)
        status = current_status(uow.follow_ups.events(follow_up_id))
        if status is FollowUpStatus.IN_PROGRESS:
            return follow_up, status
    raise AssertionError("the seeded show has no follow-up in progress")


def test_department_replies_reach_the_studio_in_the_archives_order(
    archive: Archive, tmp_path: Path
) -> None:
    credential = str(admin.add_studio(archive.admin_url, NAME))

    async def main() -> None:
        studio = await Studio(tmp_path / "a", NAME, archive.base_url, credential).open()
        try:
            show = await studio.db.run(lambda store: seed_show(store))
            follow_up, _ = await studio.read(lambda uow: _open_follow_up(show, uow))
            await studio.sync()
            _, department_credential = admin.add_department(
                archive.admin_url, "交通运输局", department_ids=(follow_up.lead_department_id,)
            )
            department = DepartmentClient(archive.base_url, str(department_credential))
            visible = {uuid.UUID(f["id"]): f for f in department.follow_ups()}
            assert follow_up.id in visible
            assert visible[follow_up.id]["status"] == FollowUpStatus.IN_PROGRESS.value
            # Exactly the follow-ups it leads or supports, nothing else of the studio's.
            lead = follow_up.lead_department_id
            concerned = await studio.read(
                lambda uow: {
                    f.id
                    for f in uow.follow_ups.matching()
                    if f.lead_department_id == lead or lead in f.supporting_department_ids
                }
            )
            assert set(visible) == concerned

            # Meanwhile the studio notes something locally, not yet synced.
            studio_note = reply(follow_up, "记录员 小王", "已电话联系村民", at=datetime.now(UTC))
            await studio.write(lambda uow: uow.follow_ups.append_event(studio_note))

            answered = department.post(follow_up.id, "reply", text="施工队已进场，预计周五完工")
            assert answered.status_code == 201, answered.text
            resolved = department.post(follow_up.id, "status", status="resolved", text="已修复")
            assert resolved.status_code == 201, resolved.text
            # The archive checks the department's transition against its own history.
            illegal = department.post(follow_up.id, "status", status="in_progress")
            assert illegal.status_code == 409, illegal.text
            department_ids = [uuid.UUID(answered.json()["id"]), uuid.UUID(resolved.json()["id"])]

            report = await studio.sync()
            assert report.department_events == 2
            events = await studio.read(lambda uow: uow.follow_ups.events(follow_up.id))
            ids = [e.id for e in events]
            seqs = central_event_seq(archive.admin_url)
            assert ids == sorted(ids, key=lambda i: seqs[i])  # the archive's order
            theirs = [e for e in events if e.origin is EventOrigin.DEPARTMENT]
            assert [e.id for e in theirs][-2:] == department_ids
            by_id = {e.id: e for e in events}
            assert by_id[department_ids[0]].text == "施工队已进场，预计周五完工"
            assert by_id[department_ids[0]].author == "交通运输局"
            assert by_id[department_ids[1]].status is FollowUpStatus.RESOLVED
            # The studio's note was made first but reached the archive after the department.
            assert ids.index(studio_note.id) > ids.index(department_ids[1])
            assert by_id[studio_note.id].origin is EventOrigin.STUDIO
            assert current_status(events) is FollowUpStatus.RESOLVED
            state = fold(follow_up, events)
            assert state.status is FollowUpStatus.RESOLVED
            assert state.latest_reply == "已电话联系村民"
            await _assert_converged(studio, archive)
            # The department sees the studio's note too, in the same order.
            seen = {uuid.UUID(f["id"]): f for f in department.follow_ups()}[follow_up.id]
            assert [uuid.UUID(e["id"]) for e in seen["events"]] == ids
            assert seen["status"] == FollowUpStatus.RESOLVED.value
            department.close()
        finally:
            studio.close()

    asyncio.run(main())


@pytest.mark.parametrize("moment", ["/v1/sync/push", "/v1/sync/pull"])
def test_an_edit_made_while_its_row_is_being_synced_is_kept_and_sent(
    archive: Archive, tmp_path: Path, moment: str
) -> None:
    """An edit lands while a sync is out with the row's older version (the push of it, or
    the pull after it). The archive stores the version sent; the newer one here stays
    dirty, is not replaced by the pull bringing the sent version back, and is sent: in the
    same sync's next push round, or in the next sync."""
    credential = str(admin.add_studio(archive.admin_url, NAME))
    faults = Faults(random.Random(0), offline=0, lost=0, twice=0)
    edited_text = "同步途中改过的文字"

    async def main() -> None:
        studio = await Studio(
            tmp_path / "a", NAME, archive.base_url, credential, faults.factory()
        ).open()
        loop = asyncio.get_running_loop()
        try:
            show = await studio.db.run(lambda store: seed_show(store))
            question_id = show.question_ids[-1]
            original = await studio.read(lambda uow: uow.questions.get(question_id))

            def edit(uow: UnitOfWork) -> None:
                question = uow.questions.get(question_id)
                uow.questions.update(question.with_display_text(edited_text))

            def meanwhile(_body: Any) -> None:
                asyncio.run_coroutine_threadsafe(studio.write(edit), loop).result(timeout=30)

            faults.before[moment] = meanwhile
            report = await studio.sync()
            assert not faults.before  # the edit was made
            central = central_rows(archive.admin_url, studio.studio_id)["question"]
            local = await studio.local()
            assert local.rows["question"][question_id]["display_text"] == edited_text
            if moment == "/v1/sync/push":
                # The push loop goes on while rows are dirty: a second round sends the edit.
                assert report.pushed == count_rows(local.own(studio.studio_id))
                assert central[question_id]["display_text"] == edited_text
                await _assert_converged(studio, archive)
                return
            assert central[question_id]["display_text"] == original.display_text
            assert local.dirty == {("question", question_id)}
            assert await studio.pending() == (1, 0)

            pushes_before = faults.counts["push_pass"]
            report = await studio.sync()
            assert report.pushed == 1
            assert faults.counts["push_pass"] == pushes_before + 1
            rows = faults.last_push["rows"]
            assert list(rows) == ["question"] and rows["question"][0]["id"] == str(question_id)
            central = central_rows(archive.admin_url, studio.studio_id)["question"]
            assert central[question_id]["display_text"] == edited_text
            await _assert_converged(studio, archive)
        finally:
            studio.close()

    asyncio.run(main())
