"""Fault injection: two studios and a department over a failing network converge exactly.

SYNC_DESIGN.md's convergence test against the real archive service and PostgreSQL. For each
seed, studios A and B and a department (answering for a department of A's) do random work:
sessions with guests and agenda, questions, answers, follow-ups and their events, edits,
tombstones, audit entries, rehearsal copies, department replies and status changes. Studios
sync often through a transport that fails before sending, loses the answer after the archive
acted, or delivers twice; once per seed the archive is killed as a push arrives and started
again. After a clean double sync every studio's rows are exactly the archive's, nothing is
pending or parked, no row is lost or doubled, and no studio holds another studio's rows.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from studio_app.archive import admin
from studio_app.domain.audit import AuditEntry
from studio_app.domain.followups import (
    FOLLOW_UP_TRANSITIONS,
    EventOrigin,
    FollowUp,
    FollowUpStatus,
    current_status,
    fold,
    reply,
    status_change,
)
from studio_app.domain.ids import uuid7
from studio_app.domain.organisation import Department
from studio_app.domain.questions import Answer, Channel, Question, QuestionState
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest
from studio_app.domain.sync import COUNTY_STUDIO_ID
from studio_app.services.sync.status import SyncError
from studio_app.storage.store import UnitOfWork
from tests.archive.conftest import Archive
from tests.archive.sync_helpers import (
    DepartmentClient,
    Faults,
    Studio,
    central_event_seq,
    central_rows,
    diff_tables,
)

STEPS = 150
OPERATOR = "记录员 小王"
STUDIO_OPS = {
    "session": 7,
    "edit_session": 6,
    "delete_session": 2,
    "question": 16,
    "edit_question": 12,
    "answer": 8,
    "follow_up": 7,
    "event": 10,
    "audit": 4,
    "rehearsal": 2,
    "sync": 20,
    # A sync with edits landing while it runs: before a push (after the rows to send were
    # read) or before the pull (after they were pushed).
    "busy_sync": 10,
}
#: What a busy sync does meanwhile.
EDIT_OPS = ("edit_question", "answer", "event", "edit_session", "question")


@dataclass
class Actor:
    """A studio with what the test made in it (independently of what the store says)."""

    studio: Studio
    department_id: uuid.UUID
    created: dict[str, set[uuid.UUID]] = field(default_factory=dict)
    local_only: set[uuid.UUID] = field(default_factory=set)
    sessions: list[uuid.UUID] = field(default_factory=list)
    questions: list[uuid.UUID] = field(default_factory=list)
    follow_ups: list[uuid.UUID] = field(default_factory=list)
    syncs: Counter[str] = field(default_factory=Counter)
    #: The values the latest edits gave: a lost edit would leave an older value behind.
    expected: dict[tuple[str, uuid.UUID], dict[str, object]] = field(default_factory=dict)

    def made(self, table: str, *ids: uuid.UUID) -> None:
        self.created.setdefault(table, set()).update(ids)

    def expect(self, table: str, row_id: uuid.UUID, **values: object) -> None:
        self.expected.setdefault((table, row_id), {}).update(values)

    def expect_question(self, question: Question) -> None:
        self.expect(
            "question",
            question.id,
            display_text=question.display_text,
            state=question.state.value,
            sensitive_override=question.sensitive_override,
        )


async def _setup_actor(actor: Actor, department: Department) -> None:
    def work(uow: UnitOfWork) -> None:
        uow.departments.add(department, actor.studio.studio_id)

    await actor.studio.write(work)
    actor.made("studio", actor.studio.studio_id)
    actor.made("department", department.id)


async def _studio_step(
    actor: Actor,
    rng: random.Random,
    step: int,
    faults: Faults,
    op: str | None = None,
    target: uuid.UUID | None = None,
) -> None:
    """One random operation of a studio (``op`` and its row ``target`` when given)."""
    studio = actor.studio
    sid = studio.studio_id
    op = op or rng.choices(list(STUDIO_OPS), weights=list(STUDIO_OPS.values()))[0]
    if op == "busy_sync":
        loop = asyncio.get_running_loop()
        count = rng.randint(1, 3)

        async def edits(body: dict[str, Any] | None) -> None:
            # Mostly edits of rows just pushed: the archive stores the version sent, while
            # the newer one here must stay dirty, must not be overwritten by the pull that
            # brings the sent version back, and must be sent later.
            rows = body["rows"] if body else {}
            sent = {name: [uuid.UUID(r["id"]) for r in found] for name, found in rows.items()}
            choices: list[tuple[str, uuid.UUID | None]] = [(rng.choice(EDIT_OPS), None)]
            choices += [("edit_question", i) for i in sent.get("question", [])]
            choices += [("answer", i) for i in sent.get("question", [])]
            choices += [("edit_session", i) for i in sent.get("broadcast_session", [])]
            for _ in range(count):
                edit, row_id = rng.choice(choices)
                await _studio_step(actor, rng, step, faults, edit, row_id)

        moment = rng.choice(["/v1/sync/push", "/v1/sync/pull"])

        def meanwhile(body: dict[str, Any] | None) -> None:
            # On the network thread, while the sync waits to send this request: the rows to
            # push were read already (or pushed already, before a pull).
            asyncio.run_coroutine_threadsafe(edits(body), loop).result(timeout=60)
            actor.syncs[f"edited_before_{moment.rsplit('/', 1)[-1]}"] += 1

        faults.before[moment] = meanwhile
        outcome = await studio.try_sync()
        faults.before.clear()
        actor.syncs["failed" if isinstance(outcome, SyncError) else "ok"] += 1
        return
    if not actor.sessions and op not in ("sync", "audit"):
        op = "session"
    if op in ("answer", "edit_question") and not actor.questions:
        op = "question"
    if op == "event" and not actor.follow_ups:
        op = "follow_up"

    if op == "sync":
        outcome = await studio.try_sync()
        actor.syncs["failed" if isinstance(outcome, SyncError) else "ok"] += 1
        return

    if op == "session":
        guests = tuple(
            Guest.create(f"嘉宾{step}-{i}", "主任", "镇人民政府") for i in range(rng.randint(0, 2))
        )
        agenda = tuple(
            AgendaItem.create(
                f"议程{step}-{i}", rng.randint(0, 30), speaker_id=guests[0].id if guests else None
            )
            for i in range(rng.randint(0, 2))
        )
        start = datetime(2026, 12, 1, 1, tzinfo=UTC) + timedelta(days=step)
        session = replace(
            BroadcastSession.create(sid, f"第{step}期 村民问答", start),
            guests=guests,
            agenda=agenda,
            location="政务直播间",
        )
        await studio.write(lambda uow: uow.sessions.save(session))
        actor.sessions.append(session.id)
        actor.expect("broadcast_session", session.id, title=session.title, deleted=False)
        actor.made("broadcast_session", session.id)
        actor.made("guest", *(g.id for g in guests))
        actor.made("agenda_item", *(a.id for a in agenda))
        return

    if op == "edit_session":
        session_id = target if target in actor.sessions else rng.choice(actor.sessions)
        drop, add = rng.random() < 0.4, rng.random() < 0.5
        added = Guest.create(f"新嘉宾{step}", "站长", "农技站")

        def edit_session(uow: UnitOfWork) -> tuple[BroadcastSession, list[uuid.UUID]]:
            session = uow.sessions.get(session_id)
            guests = session.guests[1:] if drop else session.guests
            dropped = [g.id for g in session.guests if g not in guests]
            keep = {g.id for g in guests}
            agenda = tuple(
                a if a.speaker_id is None or a.speaker_id in keep else replace(a, speaker_id=None)
                for a in session.agenda
            )
            if add:
                guests = (*guests, added)
            saved = uow.sessions.save(
                session.edited(
                    title=f"{session.title.split('（')[0]}（改{step}）",
                    guests=guests,
                    agenda=agenda,
                )
            )
            return saved, dropped

        saved, dropped = await studio.write(edit_session)
        actor.expect("broadcast_session", session_id, title=saved.title)
        for guest_id in dropped:
            actor.expect("guest", guest_id, deleted=True)
        if add:
            actor.made("guest", added.id)
            actor.expect("guest", added.id, deleted=False, name=added.name)
        return

    if op == "delete_session":
        session_id = rng.choice(actor.sessions)

        def delete(uow: UnitOfWork) -> BroadcastSession:
            session = uow.sessions.get(session_id)
            uow.sessions.delete(session_id)
            return session

        session = await studio.write(delete)
        actor.sessions.remove(session_id)
        actor.expect("broadcast_session", session_id, deleted=True)
        for guest in session.guests:  # tombstoned with it
            actor.expect("guest", guest.id, deleted=True)
        for item in session.agenda:
            actor.expect("agenda_item", item.id, deleted=True)
        return

    if op == "question":
        session_id = rng.choice(actor.sessions)
        question = Question.create(
            sid,
            session_id,
            f"第{step}个问题：村里的路灯什么时候修？",
            asker=rng.choice(["张三", "李四", ""]),
            phone=rng.choice(["13812345678", ""]),
            channel=rng.choice(list(Channel)),
            category="基础设施",
        )
        await studio.write(lambda uow: uow.questions.add(question))
        actor.questions.append(question.id)
        actor.expect_question(question)
        actor.made("question", question.id)
        return

    if op == "edit_question":
        question_id = target or rng.choice(actor.questions)
        approve = rng.random() < 0.3

        def edit_question(uow: UnitOfWork) -> Question:
            question = uow.questions.get(question_id)
            if approve and question.state is QuestionState.NEW:
                question = question.approve()
            elif question.state in (QuestionState.ANSWERED, QuestionState.MERGED):
                question = question.with_sensitive_override(not question.sensitive_override)
            else:
                question = question.with_display_text(f"{question.text}（编辑{step}）")
            uow.questions.update(question)
            return question

        actor.expect_question(await studio.write(edit_question))
        return

    if op == "answer":
        question_id = target or rng.choice(actor.questions)
        answered = rng.random() < 0.5

        def answer(uow: UnitOfWork) -> tuple[Answer, Question, bool]:
            existing = uow.answers.for_question(question_id)
            question = uow.questions.get(question_id)
            if existing is not None:
                edited = replace(existing, summary=f"{existing.summary}；补充{step}")
                uow.answers.save(edited)
                return edited, question, False
            if question.state in (QuestionState.NEW, QuestionState.APPROVED):
                question = question.defer()
                uow.questions.update(question)
            made = Answer.create(question, f"将在本月内答复（第{step}步）", "王建国", "镇长")
            uow.answers.save(made)
            if answered and question.state is QuestionState.DEFERRED:
                question = question.mark_answered()
                uow.questions.update(question)
            return made, question, True

        made, question, new = await studio.write(answer)
        if new:
            actor.made("answer", made.id)
        actor.expect("answer", made.id, summary=made.summary)
        actor.expect_question(question)
        return

    if op == "follow_up":
        session_id = rng.choice(actor.sessions)
        about = rng.choice(actor.questions) if actor.questions else None

        def add_follow_up(uow: UnitOfWork) -> uuid.UUID:
            linked = about
            if linked is not None and uow.questions.get(linked).session_id != session_id:
                linked = None
            follow_up = FollowUp.create(
                sid,
                session_id,
                f"两周内整改并反馈（第{step}步）",
                actor.department_id,
                question_id=linked,
                responsible_person="周科长",
                deadline=datetime(2027, 1, 1, tzinfo=UTC).date(),
            )
            uow.follow_ups.add(follow_up)
            return follow_up.id

        follow_up_id = await studio.write(add_follow_up)
        actor.follow_ups.append(follow_up_id)
        actor.made("follow_up", follow_up_id)
        return

    if op == "event":
        follow_up_id = rng.choice(actor.follow_ups)
        pick = rng.random()

        def add_event(uow: UnitOfWork) -> uuid.UUID:
            follow_up = uow.follow_ups.get(follow_up_id)
            history = uow.follow_ups.events(follow_up_id)
            targets = sorted(FOLLOW_UP_TRANSITIONS[current_status(history)])
            if pick < 0.5 and targets:
                goal = targets[int(pick * 2 * len(targets))]
                event = status_change(follow_up, history, goal, OPERATOR, text=f"审核{step}")
            else:
                event = reply(follow_up, OPERATOR, f"已电话回访（第{step}步）")
            uow.follow_ups.append_event(event)
            return event.id

        actor.made("follow_up_event", await studio.write(add_event))
        return

    if op == "audit":
        entity = rng.choice(actor.sessions) if actor.sessions else sid
        entry = AuditEntry.record(
            sid,
            OPERATOR,
            "session.edited",
            "session",
            entity,
            session_id=entity if actor.sessions else None,
            before={"title": "旧标题", "n": step, "tags": ["a", "b"]},
            after={"title": f"新标题{step}", "nested": {"ok": True, "x": None}},
        )
        await studio.write(lambda uow: uow.audit.append(entry))
        actor.made("audit_entry", entry.id)
        return

    assert op == "rehearsal"
    session_id = rng.choice(actor.sessions)

    def rehearse(uow: UnitOfWork) -> set[uuid.UUID]:
        copy = uow.sessions.save(uow.sessions.get(session_id).rehearsal_copy(f"彩排{step}"))
        questions = [
            replace(q, id=uuid7(), session_id=copy.id, state=QuestionState.DEFERRED)
            for q in uow.questions.list_for_session(session_id)[:2]
        ]
        uow.questions.add_many(questions)
        ids = {copy.id, *(g.id for g in copy.guests), *(a.id for a in copy.agenda)}
        ids |= {q.id for q in questions}
        if questions:
            made = Answer.create(questions[0], "彩排答复")
            uow.answers.save(made)
            ids.add(made.id)
        follow_up = FollowUp.create(sid, copy.id, "彩排承诺", actor.department_id)
        uow.follow_ups.add(follow_up)
        event = reply(follow_up, OPERATOR, "彩排进展")
        uow.follow_ups.append_event(event)
        return ids | {follow_up.id, event.id}

    actor.local_only |= await studio.write(rehearse)


async def _department_step(
    department: DepartmentClient, rng: random.Random, step: int, tally: Counter[str]
) -> uuid.UUID | None:
    follow_ups = department.follow_ups()
    if not follow_ups:
        tally["nothing_visible"] += 1
        return None
    chosen = rng.choice(follow_ups)
    if rng.random() < 0.5:
        response = department.post(uuid.UUID(chosen["id"]), "reply", text=f"正在办理（第{step}步）")
    else:
        status = rng.choice(["in_progress", "resolved"])
        response = department.post(uuid.UUID(chosen["id"]), "status", status=status)
    if response.status_code == 409:
        tally["illegal_transition"] += 1
        return None
    assert response.status_code == 201, response.text
    tally["posted"] += 1
    return uuid.UUID(response.json()["id"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_two_studios_and_a_department_converge_through_faults(
    archive: Archive, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    faults = Faults(random.Random(seed * 7919), server=archive.servers[0])
    restart_at = rng.randint(15, STEPS // 2)
    url = archive.admin_url

    async def main() -> None:
        a = Studio(
            tmp_path / "a", "青山镇", archive.base_url,
            str(admin.add_studio(url, "青山镇")), faults.factory(),
        )  # fmt: skip
        b = Studio(
            tmp_path / "b", "白水镇", archive.base_url,
            str(admin.add_studio(url, "白水镇")), faults.factory(),
        )  # fmt: skip
        await a.open()
        await b.open()
        try:
            await _run(a, b)
        finally:
            a.close()
            b.close()

    async def _run(a_studio: Studio, b_studio: Studio) -> None:
        a = Actor(a_studio, uuid7())
        b = Actor(b_studio, uuid7())
        await _setup_actor(a, Department(a.department_id, "交通运输局"))
        await _setup_actor(b, Department(b.department_id, "农业农村办"))
        county_department, _ = admin.add_department(url, "县应急管理局")
        _, credential = admin.add_department(url, "交通运输局", department_ids=(a.department_id,))
        department = DepartmentClient(archive.base_url, str(credential))
        try:
            await _exercise(a, b, department, county_department)
        finally:
            department.close()

    async def _exercise(
        a: Actor, b: Actor, department: DepartmentClient, county_department: uuid.UUID
    ) -> None:
        posted: list[uuid.UUID] = []
        tally: Counter[str] = Counter()

        for step in range(STEPS):
            if step == restart_at:
                faults.restart_push = True
            who = rng.random()
            if who < 0.42:
                await _studio_step(a, rng, step, faults)
            elif who < 0.8:
                await _studio_step(b, rng, step, faults)
            else:
                made = await _department_step(department, rng, step, tally)
                if made is not None:
                    posted.append(made)
        # The restart must have happened: push once more if no push came since it was armed.
        for _ in range(5):
            if not faults.restart_push:
                break
            await a.studio.write(lambda uow: uow.audit.append(
                AuditEntry.record(a.studio.studio_id, OPERATOR, "sync.check", "studio",
                                  a.studio.studio_id)
            ))  # fmt: skip
            await a.studio.try_sync()
        assert faults.counts["restart"] == 1
        assert archive.servers[0].process is not None
        assert archive.servers[0].process.poll() is None  # it came back

        # The network heals: a clean double sync per studio.
        faults.enabled = False
        for actor in (a, b, a, b):
            await actor.studio.sync()

        central_all = central_rows(url)
        seqs = central_event_seq(url)
        for actor, other in ((a, b), (b, a)):
            studio = actor.studio
            local = await studio.local()
            own = local.own(studio.studio_id)
            central = central_rows(url, studio.studio_id)
            assert diff_tables(own, central) == [], f"{studio.name} differs from the archive"
            assert await studio.pending() == (0, 0)
            assert not {key for key in local.dirty if key[1] in own[key[0]]}
            assert local.studio_ids() <= {studio.studio_id, COUNTY_STUDIO_ID}
            assert county_department in local.rows["department"]
            assert local.rows["department"][county_department]["studio_id"] == COUNTY_STUDIO_ID
            # Nothing lost: every row ever made (outside rehearsals) is in the archive.
            for table, ids in actor.created.items():
                missing = ids - set(central[table])
                assert not missing, f"{studio.name} lost {len(missing)} {table} rows"
            # Rehearsals stayed home; the other studio's rows never arrived here.
            central_ids = {i for rows in central_all.values() for i in rows}
            assert not actor.local_only & central_ids
            local_ids = {i for rows in local.rows.values() for i in rows}
            for table, ids in other.created.items():
                assert not ids & local_ids, f"{studio.name} holds {other.studio.name}'s {table}"
            # No edit lost: the latest values are the archive's.
            for (table, row_id), values in actor.expected.items():
                stored = central[table][row_id]
                assert {k: stored[k] for k in values} == values, (table, row_id)
            # Events in the archive's order here; nothing doubled.
            for event_id in own["follow_up_event"]:
                assert local.event_seq[event_id] == seqs[event_id]
            made_here = actor.created.get("follow_up_event", set())
            theirs = set(posted) if actor is a else set()
            assert set(central["follow_up_event"]) == made_here | theirs
        # The department's events reached A as the department's, with the same status.
        a_local = (await a.studio.local()).rows["follow_up_event"]
        assert set(posted) <= set(a_local)
        assert all(
            central_all["follow_up_event"][i]["origin"] == EventOrigin.DEPARTMENT for i in posted
        )
        seen = {uuid.UUID(f["id"]): f["status"] for f in department.follow_ups()}
        assert set(seen) == set(a.follow_ups)

        def states(uow: UnitOfWork) -> dict[uuid.UUID, FollowUpStatus]:
            return {
                fid: fold(uow.follow_ups.get(fid), uow.follow_ups.events(fid)).status
                for fid in a.follow_ups
            }

        assert {k: v.value for k, v in (await a.studio.read(states)).items()} == seen
        print(
            f"\nseed {seed}: faults {dict(sorted(faults.counts.items()))}; "
            f"A syncs {dict(a.syncs)}, B syncs {dict(b.syncs)}; department {dict(tally)}; "
            f"rows A {sum(len(v) for v in a.created.values())}, "
            f"B {sum(len(v) for v in b.created.values())}, "
            f"local-only {len(a.local_only) + len(b.local_only)}"
        )

    asyncio.run(main())
