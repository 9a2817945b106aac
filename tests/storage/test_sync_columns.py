"""Sync columns: every write stamps a larger HLC and marks the row dirty; no-ops write nothing."""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark
from studio_app.domain.followups import FollowUp, reply
from studio_app.domain.ids import HybridLogicalClock
from studio_app.domain.organisation import Department
from studio_app.domain.questions import Question
from studio_app.domain.sessions import Guest
from studio_app.storage.models import SYNCED_TABLES
from studio_app.storage.store import Store, UnitOfWork
from tests.storage.storage_helpers import (
    acknowledge_all,
    db_path,
    make_session,
    max_hlc,
    populate_everything,
    raw,
    sync_state,
    table_rows,
)

SYNC_COLUMNS = {"id", "studio_id", "hlc", "deleted", "dirty"}


def test_every_synced_table_has_sync_columns_and_a_partial_dirty_index(store: Store) -> None:
    with raw(store.path) as connection:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert set(SYNCED_TABLES) <= tables
        for table in SYNCED_TABLES:
            columns = {row[1]: row for row in connection.execute(f"PRAGMA table_info({table})")}
            assert columns.keys() >= SYNC_COLUMNS, table
            assert columns["id"][5] == 1, f"{table}.id is not the primary key"
            assert all(columns[c][3] == 1 for c in SYNC_COLUMNS), f"{table}: nullable sync column"
            row = connection.execute(
                "SELECT tbl_name, sql FROM sqlite_master WHERE type='index' AND name=?",
                (f"ix_{table}_dirty",),
            ).fetchone()
            assert row is not None, f"no ix_{table}_dirty"
            assert row[0] == table
            assert "WHERE dirty = 1" in row[1]


Write = Callable[[UnitOfWork], None]


def test_every_write_stamps_a_larger_hlc_and_marks_the_row_dirty(store: Store) -> None:
    path = store.path
    ids = populate_everything(store)
    session_id = ids["broadcast_session"]
    with store.read() as uow:
        session = uow.sessions.get(session_id)
        question = uow.questions.get(ids["question"])
        answer = uow.answers.for_question(question.id)
        follow_up = uow.follow_ups.get(ids["follow_up"])
        studio = uow.studios.get(store.studio_id)
        (run,) = uow.broadcast.runs(session_id)
        (mark,) = uow.broadcast.marks(session_id)
        (airing,) = uow.broadcast.airings(session_id)
    assert answer is not None
    new_mark = AgendaMark.create(session_id, session.agenda[1].id, record_ms=60_000)
    new_question = Question.create(store.studio_id, session_id, "新问题")
    new_department = Department.create("民政局")
    new_follow_up = FollowUp.create(store.studio_id, session_id, "再承诺", ids["department"])
    new_event = reply(follow_up, "民政局", "收到")
    new_entry = AuditEntry.record(store.studio_id, "主持人", "x", "question", question.id)
    new_guest = Guest.create("王五")
    renamed = dataclasses.replace(studio, name="青山村 📺")

    agenda = session.agenda
    # (the write, the rows it must stamp)
    writes: list[tuple[Write, list[tuple[str, uuid.UUID]]]] = [
        (lambda uow: uow.studios.update(renamed), [("studio", studio.id)]),
        (lambda uow: uow.departments.add(new_department, store.studio_id),
         [("department", new_department.id)]),
        (lambda uow: uow.sessions.save(session.edited(title="改名的节目")),
         [("broadcast_session", session_id)]),
        (lambda uow: uow.sessions.save(session.edited(title="改名的节目", guests=(
            dataclasses.replace(session.guests[0], title="副镇长"), session.guests[1]))),
         [("guest", session.guests[0].id)]),
        (lambda uow: uow.sessions.save(
            uow.sessions.get(session_id).edited(guests=(*session.guests, new_guest))),
         [("guest", new_guest.id)]),
        (lambda uow: uow.sessions.save(
            uow.sessions.get(session_id).with_agenda_moved(agenda[1].id, 0)),
         [("agenda_item", agenda[0].id), ("agenda_item", agenda[1].id)]),
        (lambda uow: uow.sessions.save(  # tombstones the new guest
            uow.sessions.get(session_id).edited(guests=session.guests)),
         [("guest", new_guest.id)]),
        (lambda uow: uow.questions.add(new_question), [("question", new_question.id)]),
        (lambda uow: uow.questions.update(question.with_display_text("路灯什么时候修")),
         [("question", question.id)]),
        (lambda uow: uow.answers.save(dataclasses.replace(answer, summary="明天修")),
         [("answer", answer.id)]),
        (lambda uow: uow.follow_ups.add(new_follow_up), [("follow_up", new_follow_up.id)]),
        (lambda uow: uow.follow_ups.append_event(new_event),
         [("follow_up_event", new_event.id)]),
        (lambda uow: uow.audit.append(new_entry), [("audit_entry", new_entry.id)]),
        (lambda uow: uow.broadcast.save_run(run.stopped(run.started_at, "录像.mkv")),
         [("output_run", run.id)]),
        (lambda uow: uow.broadcast.add_mark(new_mark), [("agenda_mark", new_mark.id)]),
        (lambda uow: uow.broadcast.save_airing(airing.ended(airing.started_at)),
         [("question_airing", airing.id)]),
        (lambda uow: uow.sessions.delete(session_id),
         [("broadcast_session", session_id), ("guest", session.guests[1].id),
          *(("agenda_item", a.id) for a in agenda), ("output_run", run.id),
          ("agenda_mark", mark.id), ("agenda_mark", new_mark.id),
          ("question_airing", airing.id)]),
    ]  # fmt: skip
    assert {table for _, rows in writes for table, _ in rows} == set(SYNCED_TABLES)

    for write, rows in writes:
        acknowledge_all(path, SYNCED_TABLES)
        before = max_hlc(path, SYNCED_TABLES)
        with store.write() as uow:
            write(uow)
        stamped = [sync_state(path, table, row_id) for table, row_id in rows]
        for (table, row_id), (hlc, dirty, _) in zip(rows, stamped, strict=True):
            assert hlc > before, f"{table} {row_id}: hlc {hlc} not above {before}"
            assert dirty == 1, f"{table} {row_id} not dirty"
        # Rows stamped in one transaction still get distinct values.
        assert len({hlc for hlc, _, _ in stamped}) == len(stamped)


def test_saving_unchanged_aggregates_writes_nothing(store: Store) -> None:
    ids = populate_everything(store)
    with store.read() as uow:
        session = uow.sessions.get(ids["broadcast_session"])
        question = uow.questions.get(ids["question"])
        answer = uow.answers.for_question(question.id)
        studio = uow.studios.get(store.studio_id)
        (run,) = uow.broadcast.runs(ids["broadcast_session"])
    assert answer is not None
    dump = {table: table_rows(store.path, table) for table in SYNCED_TABLES}

    with store.write() as uow:
        assert uow.sessions.save(session) == session  # updated_at did not move either
        assert uow.questions.update(question) is False
        uow.answers.save(answer)
        uow.studios.update(studio)
        uow.broadcast.save_run(run)
    # The same values given as a fresh, equal object (not the one read back) change nothing.
    with store.write() as uow:
        uow.sessions.save(dataclasses.replace(session, guests=tuple(session.guests)))

    assert {table: table_rows(store.path, table) for table in SYNCED_TABLES} == dump


def test_a_child_change_that_moves_updated_at_restamps_the_session_row(store: Store) -> None:
    session = make_session(store.studio_id)
    with store.write() as uow:
        uow.sessions.save(session)
    acknowledge_all(store.path, SYNCED_TABLES)
    before = sync_state(store.path, "broadcast_session", session.id)[0]
    with store.write() as uow:
        saved = uow.sessions.save(session.edited(guests=(*session.guests, Guest.create("赵六"))))
    assert saved.updated_at > session.updated_at  # the session row was written
    hlc, dirty, _ = sync_state(store.path, "broadcast_session", session.id)
    assert (hlc > before, dirty) == (True, 1)


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


DAY_MS = 86_400_000


def test_reopened_store_issues_hlc_values_past_a_clock_that_ran_ahead(data_dir: Path) -> None:
    ahead = HybridLogicalClock(wall_ms=lambda: _wall_ms() + DAY_MS)
    store = Store.open(data_dir, clock=ahead)
    try:
        populate_everything(store)
    finally:
        store.close()
    stored = max_hlc(db_path(data_dir), SYNCED_TABLES)
    assert HybridLogicalClock.wall_ms_of(stored) > _wall_ms() + DAY_MS // 2

    frozen_now = _wall_ms()
    honest = HybridLogicalClock(wall_ms=lambda: frozen_now)
    store = Store.open(data_dir, clock=honest)
    try:
        assert store.clock is honest
        assert honest.last >= stored
        with store.read() as uow:
            (summary,) = uow.sessions.list()
        question = Question.create(store.studio_id, summary.id, "时钟回拨后的问题")
        with store.write() as uow:
            uow.questions.add(question)
        assert sync_state(store.path, "question", question.id)[0] > stored
    finally:
        store.close()


@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_reopened_store_observes_the_max_hlc_of_every_synced_table(
    data_dir: Path, table: str
) -> None:
    store = Store.open(data_dir)
    try:
        ids = populate_everything(store)
    finally:
        store.close()
    # A value received from a studio whose clock runs a day ahead, in this table only.
    future = (_wall_ms() + DAY_MS) << HybridLogicalClock.COUNTER_BITS
    with raw(db_path(data_dir)) as connection:
        connection.execute(f"UPDATE {table} SET hlc = ? WHERE id = ?", (future, ids[table].hex))

    store = Store.open(data_dir, clock=HybridLogicalClock(wall_ms=_wall_ms))
    try:
        entry = AuditEntry.record(store.studio_id, "主持人", "x", "session", uuid.uuid4())
        with store.write() as uow:
            uow.audit.append(entry)
        assert sync_state(store.path, "audit_entry", entry.id)[0] > future
    finally:
        store.close()
