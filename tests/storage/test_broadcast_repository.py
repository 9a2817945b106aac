"""BroadcastRepository: output runs and agenda marks round-trip, stamp only on change, tombstone."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from studio_app.domain.broadcast import AgendaMark, OutputKind, OutputRun
from studio_app.domain.errors import ValidationError
from studio_app.domain.ids import uuid7
from studio_app.domain.sessions import BroadcastSession
from studio_app.storage.models import SYNCED_TABLES
from studio_app.storage.repositories import NotFoundError
from studio_app.storage.store import Store
from tests.storage.storage_helpers import (
    CST,
    acknowledge_all,
    make_session,
    max_hlc,
    raw,
    sync_state,
    table_rows,
)

T0 = datetime(2025, 3, 1, 19, 30, 0, 123456, tzinfo=CST)


def reopen(store: Store) -> Store:
    """Close ``store`` and open its folder again, so reads come from the file."""
    store.close()
    return Store.open(store.data_dir)


def saved_session(store: Store, title: str = "村民议事厅 第3期 🎤") -> BroadcastSession:
    session = dataclasses.replace(make_session(store.studio_id), title=title)
    with store.write() as uow:
        uow.sessions.save(session)
    return session


def test_runs_and_marks_round_trip_through_the_file(store: Store) -> None:
    session = saved_session(store)
    opening, policy, _ = session.agenda
    record = OutputRun.start(session.id, OutputKind.RECORD, T0)
    stream = OutputRun.start(session.id, OutputKind.STREAM, T0 - timedelta(seconds=30))
    done = record.stopped(T0 + timedelta(minutes=61, microseconds=7), "D:/录像/议事厅 第3期.mkv")
    cut = stream.stopped(T0 + timedelta(minutes=5), interrupted=True)
    marks = [
        AgendaMark.create(session.id, policy.id, T0 + timedelta(minutes=5), 300_000, None, "Main"),
        AgendaMark.create(session.id, opening.id, T0 + timedelta(seconds=1), 1_000, 31_000),
        # Weeks of milliseconds: more than a 32-bit integer holds on the archive's side.
        AgendaMark.create(session.id, opening.id, T0 + timedelta(days=30), 2**31 + 5, 2**32),
    ]
    with store.write() as uow:
        uow.broadcast.save_run(record)
        uow.broadcast.save_run(stream)
        for mark in marks:
            uow.broadcast.add_mark(mark)
    with store.write() as uow:
        uow.broadcast.save_run(done)
        uow.broadcast.save_run(cut)

    store = reopen(store)
    try:
        with store.read() as uow:
            runs = uow.broadcast.runs(session.id)
            loaded_marks = uow.broadcast.marks(session.id)
    finally:
        store.close()
    # Ordered by start (the stream started first) and by on-air time; equal exactly.
    assert runs == [cut, done]
    assert loaded_marks == [marks[1], marks[0], marks[2]]
    assert runs[1].path == "D:/录像/议事厅 第3期.mkv"
    assert runs[1].duration == timedelta(minutes=61, microseconds=7)
    assert (runs[0].interrupted, runs[1].interrupted) == (True, False)
    assert runs[0].kind is OutputKind.STREAM
    for run in runs:
        assert run.started_at.tzinfo is UTC
        assert run.stopped_at is not None and run.stopped_at.tzinfo is UTC
    assert loaded_marks[0].at == datetime(2025, 3, 1, 11, 30, 1, 123456, tzinfo=UTC)
    assert loaded_marks[0].at.tzinfo is UTC
    assert (loaded_marks[1].record_ms, loaded_marks[1].stream_ms) == (300_000, None)
    assert (loaded_marks[2].record_ms, loaded_marks[2].stream_ms) == (2**31 + 5, 2**32)


def test_an_open_run_round_trips_open(store: Store) -> None:
    session = saved_session(store)
    run = OutputRun.start(session.id, OutputKind.RECORD, T0)
    with store.write() as uow:
        uow.broadcast.save_run(run)
    with store.read() as uow:
        (loaded,) = uow.broadcast.runs(session.id)
    assert loaded == run
    assert loaded.is_open and loaded.stopped_at is None and loaded.duration is None


def test_rows_take_the_studio_of_their_session(store: Store) -> None:
    session = saved_session(store)
    run = OutputRun.start(session.id, OutputKind.RECORD, T0)
    mark = AgendaMark.create(session.id, session.agenda[0].id, T0)
    with store.write() as uow:
        uow.broadcast.save_run(run)
        uow.broadcast.add_mark(mark)
    with raw(store.path) as connection:
        owners = connection.execute(
            "SELECT studio_id FROM output_run UNION ALL SELECT studio_id FROM agenda_mark"
        ).fetchall()
    assert owners == [(store.studio_id.hex,)] * 2


def test_session_runs_and_marks_in_one_write(store: Store) -> None:
    # Parents are inserted before children even when nothing was flushed in between.
    session = make_session(store.studio_id)
    run = OutputRun.start(session.id, OutputKind.STREAM, T0)
    mark = AgendaMark.create(session.id, session.agenda[2].id, T0, stream_ms=0)
    with store.write() as uow:
        uow.sessions.save(session)
        uow.broadcast.save_run(run)
        uow.broadcast.add_mark(mark)
    with store.read() as uow:
        assert uow.broadcast.runs(session.id) == [run]
        assert uow.broadcast.marks(session.id) == [mark]


def test_open_runs_span_sessions_and_filter_by_kind(store: Store) -> None:
    first = saved_session(store, "第1期")
    second = saved_session(store, "第2期")
    rec_1 = OutputRun.start(first.id, OutputKind.RECORD, T0)
    stream_1 = OutputRun.start(first.id, OutputKind.STREAM, T0 + timedelta(seconds=1))
    rec_2 = OutputRun.start(second.id, OutputKind.RECORD, T0 - timedelta(hours=1))
    stream_2 = OutputRun.start(second.id, OutputKind.STREAM, T0 + timedelta(seconds=2))
    closed = OutputRun.start(second.id, OutputKind.RECORD, T0 - timedelta(hours=2)).stopped(
        T0 - timedelta(hours=1, minutes=30), "早场.mkv"
    )
    with store.write() as uow:
        for run in (rec_1, stream_1, rec_2, stream_2, closed):
            uow.broadcast.save_run(run)
    with store.read() as uow:
        assert uow.broadcast.open_runs() == [rec_2, rec_1, stream_1, stream_2]
        assert uow.broadcast.open_runs(OutputKind.RECORD) == [rec_2, rec_1]
        assert uow.broadcast.open_runs(OutputKind.STREAM) == [stream_1, stream_2]
        assert uow.broadcast.runs(second.id) == [closed, rec_2, stream_2]

    # Closing a run takes it out of the open ones; deleting a session takes its runs out.
    with store.write() as uow:
        uow.broadcast.save_run(rec_2.stopped(T0, interrupted=True))
        uow.sessions.delete(first.id)
    with store.read() as uow:
        assert uow.broadcast.open_runs() == [stream_2]
        assert uow.broadcast.open_runs(OutputKind.RECORD) == []


def test_saving_an_unchanged_run_writes_nothing(store: Store) -> None:
    session = saved_session(store)
    run = OutputRun.start(session.id, OutputKind.RECORD, T0)
    with store.write() as uow:
        uow.broadcast.save_run(run)
    acknowledge_all(store.path, SYNCED_TABLES)
    rows = table_rows(store.path, "output_run")

    with store.write() as uow:
        uow.broadcast.save_run(run)
        # An equal run given in another time zone is the same instant: no change either.
        uow.broadcast.save_run(dataclasses.replace(run, started_at=T0.astimezone(CST)))
    assert table_rows(store.path, "output_run") == rows
    assert sync_state(store.path, "output_run", run.id)[1] == 0


def test_a_changed_run_is_stamped_with_a_larger_hlc_and_marked_dirty(store: Store) -> None:
    session = saved_session(store)
    run = OutputRun.start(session.id, OutputKind.RECORD, T0)
    with store.write() as uow:
        uow.broadcast.save_run(run)
    inserted, dirty, deleted = sync_state(store.path, "output_run", run.id)
    assert (dirty, deleted) == (1, 0)
    acknowledge_all(store.path, SYNCED_TABLES)
    before = max_hlc(store.path, SYNCED_TABLES)

    done = run.stopped(T0 + timedelta(minutes=1), "a.mkv")
    with store.write() as uow:
        uow.broadcast.save_run(done)
    hlc, dirty, deleted = sync_state(store.path, "output_run", run.id)
    assert hlc > before >= inserted
    assert (dirty, deleted) == (1, 0)
    # Only the run row was written: the session row stays acknowledged.
    assert sync_state(store.path, "broadcast_session", session.id)[1] == 0
    with store.read() as uow:
        assert uow.broadcast.runs(session.id) == [done]


def test_a_new_mark_is_stamped_and_dirty(store: Store) -> None:
    session = saved_session(store)
    acknowledge_all(store.path, SYNCED_TABLES)
    before = max_hlc(store.path, SYNCED_TABLES)
    marks = [AgendaMark.create(session.id, item.id, T0) for item in session.agenda]
    with store.write() as uow:
        for mark in marks:
            uow.broadcast.add_mark(mark)
    states = [sync_state(store.path, "agenda_mark", m.id) for m in marks]
    assert all(hlc > before and (dirty, deleted) == (1, 0) for hlc, dirty, deleted in states)
    # Rows stamped in one transaction still get distinct values.
    assert len({hlc for hlc, _, _ in states}) == len(states)
    # Equal on-air times come back in the order they were added (UUIDv7 order).
    with store.read() as uow:
        assert uow.broadcast.marks(session.id) == marks


def test_deleting_a_session_tombstones_its_runs_and_marks(store: Store) -> None:
    session = saved_session(store)
    other = saved_session(store, "另一期")
    runs = [
        OutputRun.start(session.id, OutputKind.RECORD, T0),
        OutputRun.start(session.id, OutputKind.STREAM, T0).stopped(T0 + timedelta(minutes=3)),
    ]
    mark = AgendaMark.create(session.id, session.agenda[0].id, T0)
    kept_run = OutputRun.start(other.id, OutputKind.RECORD, T0)
    kept_mark = AgendaMark.create(other.id, other.agenda[0].id, T0)
    with store.write() as uow:
        for run in (*runs, kept_run):
            uow.broadcast.save_run(run)
        uow.broadcast.add_mark(mark)
        uow.broadcast.add_mark(kept_mark)
    acknowledge_all(store.path, SYNCED_TABLES)
    before = max_hlc(store.path, SYNCED_TABLES)

    with store.write() as uow:
        uow.sessions.delete(session.id)

    for table, row_id in [*(("output_run", r.id) for r in runs), ("agenda_mark", mark.id)]:
        hlc, dirty, deleted = sync_state(store.path, table, row_id)
        assert (dirty, deleted) == (1, 1), f"{table} {row_id} is not a dirty tombstone"
        assert hlc > before
    # The rows remain (sync carries the tombstones); reads skip them.
    assert len(table_rows(store.path, "output_run")) == 3
    with store.read() as uow:
        assert uow.broadcast.runs(session.id) == []
        assert uow.broadcast.marks(session.id) == []
        assert uow.broadcast.open_runs() == [kept_run]
        assert uow.broadcast.runs(other.id) == [kept_run]
        assert uow.broadcast.marks(other.id) == [kept_mark]
    for table, row_id in [("output_run", kept_run.id), ("agenda_mark", kept_mark.id)]:
        assert sync_state(store.path, table, row_id)[1:] == (0, 0)
    # A tombstoned run is not brought back by a late STOPPED event.
    with store.write() as uow, pytest.raises(NotFoundError) as caught:
        uow.broadcast.save_run(runs[0].stopped(T0 + timedelta(hours=1)))
    assert caught.value.entity_id == runs[0].id


def test_a_run_or_mark_needs_a_live_session(store: Store) -> None:
    session = saved_session(store)
    with store.write() as uow:
        uow.sessions.delete(session.id)
    with store.write() as uow, pytest.raises(NotFoundError) as caught:
        uow.broadcast.save_run(OutputRun.start(session.id, OutputKind.RECORD, T0))
    assert caught.value.entity_id == session.id
    with store.write() as uow, pytest.raises(NotFoundError):
        uow.broadcast.save_run(OutputRun.start(uuid7(), OutputKind.RECORD, T0))
    with store.write() as uow, pytest.raises(NotFoundError):
        uow.broadcast.add_mark(AgendaMark.create(session.id, session.agenda[0].id, T0))
    assert table_rows(store.path, "output_run") == []
    assert table_rows(store.path, "agenda_mark") == []


def test_a_mark_needs_an_agenda_item_of_its_session(store: Store) -> None:
    session = saved_session(store)
    other = saved_session(store, "另一期")
    with store.write() as uow, pytest.raises(NotFoundError) as caught:
        uow.broadcast.add_mark(AgendaMark.create(session.id, uuid.uuid4(), T0))
    assert caught.value.entity == "agenda_item"
    with store.write() as uow, pytest.raises(ValueError, match="agenda"):
        uow.broadcast.add_mark(AgendaMark.create(session.id, other.agenda[0].id, T0))
    # An item removed from the agenda (tombstoned) cannot go on air.
    with store.write() as uow:
        uow.sessions.save(session.edited(agenda=session.agenda[1:]))
    with store.write() as uow, pytest.raises(NotFoundError):
        uow.broadcast.add_mark(AgendaMark.create(session.id, session.agenda[0].id, T0))
    assert table_rows(store.path, "agenda_mark") == []


def test_a_run_cannot_change_session_or_kind(store: Store) -> None:
    session = saved_session(store)
    other = saved_session(store, "另一期")
    run = OutputRun.start(session.id, OutputKind.RECORD, T0)
    with store.write() as uow:
        uow.broadcast.save_run(run)
    rows = table_rows(store.path, "output_run")
    for changed in (
        dataclasses.replace(run, session_id=other.id),
        dataclasses.replace(run, kind=OutputKind.STREAM),
    ):
        with store.write() as uow, pytest.raises(ValueError, match="session or kind"):
            uow.broadcast.save_run(changed)
    assert table_rows(store.path, "output_run") == rows


def test_invalid_runs_and_marks_are_refused_before_anything_is_written(store: Store) -> None:
    session = saved_session(store)
    run = OutputRun.start(session.id, OutputKind.RECORD, T0)
    backwards = dataclasses.replace(run, stopped_at=T0 - timedelta(seconds=1))
    naive = dataclasses.replace(run, started_at=datetime(2025, 3, 1, 19, 30))
    mark = AgendaMark.create(session.id, session.agenda[0].id, T0)
    negative = dataclasses.replace(mark, record_ms=-5)
    for bad_run, problem in ((backwards, "before_start"), (naive, "naive_datetime")):
        with store.write() as uow, pytest.raises(ValidationError) as caught:
            uow.broadcast.save_run(bad_run)
        assert caught.value.problem == problem
    with store.write() as uow, pytest.raises(ValidationError) as caught:
        uow.broadcast.add_mark(negative)
    assert caught.value.field == "agenda_mark.record_ms"
    assert table_rows(store.path, "output_run") == []
    assert table_rows(store.path, "agenda_mark") == []
