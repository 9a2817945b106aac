"""BroadcastService and OutputRecorder over a real store and a fake OBS: events make runs."""

from __future__ import annotations

import asyncio
import logging
import sys
import uuid
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import OutputKind, OutputRun
from studio_app.domain.ids import utc_now
from studio_app.domain.sessions import AgendaItem, BroadcastSession
from studio_app.services.broadcast import BroadcastService, OutputRecorder
from studio_app.services.database import Database
from studio_app.services.obs.model import ConnectionState, ConnectionStatus
from studio_app.services.obs.studio import ObsStudio, OutputEvent, OutputState
from studio_app.services.sessions import SessionService
from studio_app.storage.errors import DiskFullError, StorageError
from tests.fakes.obs import FakeObsGateway

OPERATOR = "导播 小王"
RECORD_FILE = "/recordings/2026-11-22 14-00-01.mkv"


def _record_event(state: str, path: str | None = None) -> dict[str, object]:
    return {
        "outputActive": state == "STARTED",
        "outputState": f"OBS_WEBSOCKET_OUTPUT_{state}",
        "outputPath": path,
    }


@pytest.fixture(autouse=True)
def task_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """Errors TaskSet reports through ``sys.excepthook``: none may escape a test."""
    errors: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _type, exc, _tb: errors.append(exc))
    yield errors
    assert not errors, errors


@dataclass
class Rig:
    """One app's worth of live plumbing over the store in ``data_dir``."""

    database: Database
    gateway: FakeObsGateway
    studio: ObsStudio
    service: BroadcastService
    recorder: OutputRecorder
    problems: list[tuple[OutputEvent, StorageError]] = field(default_factory=list)
    failed_streams: list[None] = field(default_factory=list)

    async def settle(self) -> None:
        """Let the fake's deferred events fire, then wait for the writes they started."""
        for _ in range(3):
            await asyncio.sleep(0)
        await self.recorder.wait_idle()

    async def connect(self) -> None:
        """Connect as the app does and wait until the runs are reconciled."""
        await self.gateway.start()
        await self.studio.wait_refreshed(2)
        await self.settle()

    async def runs(self, session_id: uuid.UUID) -> list[OutputRun]:
        return await self.service.runs(session_id)

    async def audit(self, session_id: uuid.UUID) -> list[AuditEntry]:
        def work(store: Any) -> list[AuditEntry]:
            with store.read() as uow:
                return uow.audit.for_session(session_id)

        return await self.database.run(work)

    async def actions(self, session_id: uuid.UUID) -> list[str]:
        return [entry.action for entry in await self.audit(session_id)]

    async def close(self) -> None:
        await self.recorder.close()
        await self.studio.close()
        self.database.close()


async def make_rig(
    data_dir: Path,
    service_type: Callable[[Database, str], BroadcastService] = BroadcastService,
    gateway: FakeObsGateway | None = None,
) -> Rig:
    database = Database()
    await database.open(data_dir, default_studio_name="Test")
    gateway = gateway or FakeObsGateway()
    studio = ObsStudio(gateway)
    service = service_type(database, OPERATOR)
    recorder = OutputRecorder(studio, service)
    rig = Rig(database, gateway, studio, service, recorder)
    recorder.add_problem_listener(lambda event, error: rig.problems.append((event, error)))
    recorder.add_failed_stream_listener(lambda: rig.failed_streams.append(None))
    return rig


async def planned_session(
    database: Database, title: str = "村民议事厅 第5期 🎤"
) -> BroadcastSession:
    """A stored session with an agenda, made as the session editor makes it."""
    sessions = SessionService(database, operator=OPERATOR)
    session = await sessions.create(title)
    agenda = (
        AgendaItem.create("开场 🎬", 5, "Opening"),
        AgendaItem.create("现场答疑", 30, "Q&A"),
    )
    return await sessions.save(session.edited(agenda=agenda))


def run_scenario(data_dir: Path, scenario: Callable[[Rig], Coroutine[Any, Any, None]]) -> None:
    """Run ``scenario`` on a fresh loop with a rig over ``data_dir``, closing it after."""

    async def main() -> None:
        rig = await make_rig(data_dir)
        try:
            await scenario(rig)
        finally:
            await rig.close()

    asyncio.run(main())


def assert_about(actual: datetime, expected: datetime, tolerance: float = 5.0) -> None:
    assert abs((actual - expected).total_seconds()) <= tolerance, (actual, expected)


# ---------------------------------------------------------------- recording runs


def test_a_recording_becomes_a_run_closed_with_its_file(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id

        before = utc_now()
        await rig.studio.start_record()
        await rig.settle()
        (run,) = await rig.runs(session.id)
        assert run.kind is OutputKind.RECORD
        assert run.is_open and run.path == "" and not run.interrupted
        assert_about(run.started_at, before)
        assert await rig.service.open_runs(OutputKind.RECORD) == [run]
        assert await rig.service.open_runs(OutputKind.STREAM) == []

        await rig.studio.stop_record()
        await rig.settle()
        (done,) = await rig.runs(session.id)
        assert done.id == run.id
        assert done.started_at == run.started_at
        assert not done.is_open
        assert done.path == RECORD_FILE == rig.gateway.last_record_path
        assert done.interrupted is False
        assert done.duration is not None and done.duration >= timedelta(0)
        assert await rig.service.open_runs(OutputKind.RECORD) == []

        entries = await rig.audit(session.id)
        assert [e.action for e in entries] == [
            "session.created",
            "record.started",
            "record.stopped",
        ]
        started, stopped = entries[1:]
        assert started.entity == stopped.entity == "output_run"
        assert started.entity_id == stopped.entity_id == run.id
        assert started.operator == OPERATOR
        assert stopped.after is not None and stopped.after["path"] == RECORD_FILE
        assert rig.problems == []

    run_scenario(tmp_path, scenario)


def test_without_an_open_session_nothing_is_stored(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        assert rig.recorder.session_id is None

        await rig.studio.start_record()
        await rig.settle()
        assert await rig.service.open_runs(OutputKind.RECORD) == []
        await rig.studio.stop_record()
        await rig.settle()
        assert await rig.service.open_runs(OutputKind.RECORD) == []
        assert await rig.runs(session.id) == []
        assert await rig.actions(session.id) == ["session.created"]
        assert rig.problems == []

    run_scenario(tmp_path, scenario)


def test_a_run_started_in_a_session_is_closed_after_the_session_was_left(tmp_path: Path) -> None:
    # The STOPPED event still ends the recording that is running, whichever view is open.
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id
        await rig.studio.start_record()
        await rig.settle()
        rig.recorder.session_id = None
        await rig.studio.stop_record()
        await rig.settle()
        (run,) = await rig.runs(session.id)
        assert not run.is_open and run.path == RECORD_FILE and not run.interrupted

    run_scenario(tmp_path, scenario)


def test_a_new_run_closes_a_stale_open_run_as_interrupted(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id
        await rig.studio.start_record()
        await rig.settle()
        (first,) = await rig.runs(session.id)

        # A run whose STOPPED was never seen (say, left open by a crash) is closed when
        # the next one starts: OBS runs one recording at a time.
        fresh = await rig.service.start_run(session.id, OutputKind.RECORD)
        stale, again = await rig.runs(session.id)
        assert stale.id == first.id and again == fresh
        assert stale.interrupted is True and stale.path == ""
        assert stale.stopped_at == fresh.started_at
        assert fresh.is_open and not fresh.interrupted
        assert await rig.service.open_runs(OutputKind.RECORD) == [fresh]
        assert await rig.actions(session.id) == [
            "session.created",
            "record.started",
            "record.interrupted",
            "record.started",
        ]

    run_scenario(tmp_path, scenario)


def test_started_while_running_continues_the_same_run(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id
        await rig.studio.start_record()
        await rig.settle()
        (first,) = await rig.runs(session.id)
        # OBS reports STARTED again only when the same output goes on (resumed).
        rig.gateway.emit("RecordStateChanged", _record_event("STARTED"))
        await rig.settle()
        assert await rig.runs(session.id) == [first]

    run_scenario(tmp_path, scenario)


def test_runs_of_the_two_kinds_are_independent(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id
        await rig.studio.start_record()
        await rig.studio.start_stream()
        await rig.settle()
        await rig.studio.stop_stream()
        await rig.settle()
        runs = {run.kind: run for run in await rig.runs(session.id)}
        assert runs[OutputKind.RECORD].is_open
        assert not runs[OutputKind.STREAM].is_open
        assert runs[OutputKind.STREAM].interrupted is False
        assert runs[OutputKind.STREAM].path == ""
        assert rig.failed_streams == []

    run_scenario(tmp_path, scenario)


# ---------------------------------------------------------------- failed stream


def test_a_failed_stream_is_reported_and_audited_but_stores_no_run(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id
        rig.gateway.stream_fails = True

        await rig.studio.start_stream()
        await rig.settle()
        assert rig.failed_streams == [None]
        assert rig.studio.snapshot.stream is OutputState.STOPPED
        assert await rig.runs(session.id) == []
        assert await rig.service.open_runs(OutputKind.STREAM) == []
        entries = await rig.audit(session.id)
        assert [e.action for e in entries] == ["session.created", "stream.failed"]
        assert entries[1].entity == "session" and entries[1].entity_id == session.id
        assert entries[1].operator == OPERATOR
        assert rig.problems == []

    run_scenario(tmp_path, scenario)


# ---------------------------------------------------------------- reconnects and restarts


def test_a_recording_lost_with_obs_is_closed_as_interrupted_on_reconnect(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id
        await rig.studio.start_record()
        await rig.settle()

        rig.gateway.set_status(ConnectionStatus(ConnectionState.NOT_RUNNING, "refused"))
        await rig.settle()
        # Losing OBS alone decides nothing: it may come back still recording.
        (run,) = await rig.runs(session.id)
        assert run.is_open

        rig.gateway.record_active = False  # OBS crashed: the recording is gone
        await rig.connect()
        assert rig.studio.snapshot.record is OutputState.STOPPED
        (closed,) = await rig.runs(session.id)
        assert closed.id == run.id
        assert closed.interrupted is True
        assert closed.stopped_at is not None and closed.stopped_at >= closed.started_at
        assert_about(closed.stopped_at, utc_now())
        assert closed.path == ""
        assert await rig.service.open_runs(OutputKind.RECORD) == []
        assert (await rig.actions(session.id))[-1] == "record.interrupted"

    run_scenario(tmp_path, scenario)


def test_a_recording_that_survived_the_disconnect_stays_one_open_run(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id
        await rig.studio.start_record()
        await rig.settle()
        (run,) = await rig.runs(session.id)

        rig.gateway.set_status(ConnectionStatus(ConnectionState.NOT_RUNNING, "refused"))
        rig.gateway.record_ms = 60_000
        await rig.connect()
        assert await rig.runs(session.id) == [run]
        assert (await rig.actions(session.id))[-1] == "record.started"

    run_scenario(tmp_path, scenario)


def test_an_app_restarted_mid_recording_dates_the_run_back(tmp_path: Path) -> None:
    async def main() -> None:
        gateway = FakeObsGateway()
        gateway.record_active, gateway.record_ms = True, 90_000
        rig = await make_rig(tmp_path, gateway=gateway)
        try:
            session = await planned_session(rig.database)
            rig.recorder.session_id = session.id
            await rig.connect()
            (run,) = await rig.runs(session.id)
            assert run.kind is OutputKind.RECORD and run.is_open
            assert_about(run.started_at, utc_now() - timedelta(seconds=90))
            # Nothing was streaming: no stream run appears.
            assert await rig.service.open_runs(OutputKind.STREAM) == []
            assert (await rig.actions(session.id))[-1] == "record.started"

            # Its STOPPED event closes that run with the file.
            await rig.studio.stop_record()
            await rig.settle()
            (done,) = await rig.runs(session.id)
            assert done.id == run.id and done.path == RECORD_FILE and not done.interrupted
        finally:
            await rig.close()

    asyncio.run(main())


def test_a_restart_mid_recording_without_a_session_stores_nothing(tmp_path: Path) -> None:
    async def main() -> None:
        gateway = FakeObsGateway()
        gateway.record_active, gateway.record_ms = True, 90_000
        rig = await make_rig(tmp_path, gateway=gateway)
        try:
            await rig.connect()
            assert await rig.service.open_runs(OutputKind.RECORD) == []
        finally:
            await rig.close()

    asyncio.run(main())


# ---------------------------------------------------------------- storage failures


class _DiskFullService(BroadcastService):
    """A service whose run writes fail as a full disk makes them fail."""

    def __init__(self, database: Database, operator: str) -> None:
        super().__init__(database, operator)
        self.calls = 0

    async def start_run(
        self, session_id: uuid.UUID, kind: OutputKind, at: datetime | None = None
    ) -> OutputRun:
        self.calls += 1
        raise DiskFullError("/data/studio.db", "database or disk is full")

    async def stop_runs(self, *args: Any, **kwargs: Any) -> list[OutputRun]:
        self.calls += 1
        raise DiskFullError("/data/studio.db", "database or disk is full")


def test_a_failed_write_is_reported_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def main() -> None:
        rig = await make_rig(tmp_path, service_type=_DiskFullService)
        try:
            session = await planned_session(rig.database)
            await rig.connect()
            rig.recorder.session_id = session.id
            caplog.clear()
            with caplog.at_level(logging.ERROR):
                # Straight from the gateway: an exception would surface right here (or in
                # ObsStudio's "listener failed" log), not in a task.
                rig.gateway.emit("RecordStateChanged", _record_event("STARTED"))
                await rig.settle()
                rig.gateway.emit("RecordStateChanged", _record_event("STOPPED", RECORD_FILE))
                await rig.settle()
            assert isinstance(rig.service, _DiskFullService)
            assert rig.service.calls == 2
            assert [(event.output, event.state) for event, _ in rig.problems] == [
                ("record", OutputState.STARTED),
                ("record", OutputState.STOPPED),
            ]
            for _event, error in rig.problems:
                assert isinstance(error, DiskFullError)
                assert error.kind == "disk_full"
            assert rig.problems[1][0].path == RECORD_FILE
            assert not any("listener failed" in r.getMessage() for r in caplog.records)
            assert await rig.runs(session.id) == []
        finally:
            await rig.close()

    asyncio.run(main())


def test_a_failing_problem_listener_does_not_stop_the_others(tmp_path: Path) -> None:
    async def main() -> None:
        rig = await make_rig(tmp_path, service_type=_DiskFullService)

        def broken(_event: OutputEvent, _error: StorageError) -> None:
            raise RuntimeError("listener bug")

        # Listeners registered after the rig's own: the broken one sits between.
        seen: list[StorageError] = []
        rig.recorder.add_problem_listener(broken)
        rig.recorder.add_problem_listener(lambda _event, error: seen.append(error))
        try:
            session = await planned_session(rig.database)
            await rig.connect()
            rig.recorder.session_id = session.id
            rig.gateway.emit("RecordStateChanged", _record_event("STARTED"))
            await rig.settle()
            assert len(rig.problems) == 1
            assert len(seen) == 1 and isinstance(seen[0], DiskFullError)
        finally:
            await rig.close()

    asyncio.run(main())


class _BrokenReadService(BroadcastService):
    async def open_runs(self, kind: OutputKind) -> list[OutputRun]:
        raise DiskFullError("/data/studio.db", "disk I/O error")


def test_a_failed_reconcile_is_reported_per_output(tmp_path: Path) -> None:
    async def main() -> None:
        rig = await make_rig(tmp_path, service_type=_BrokenReadService)
        try:
            await rig.connect()
            assert [(event.output, event.state) for event, _ in rig.problems] == [
                ("record", OutputState.STOPPED),
                ("stream", OutputState.STOPPED),
            ]
        finally:
            await rig.close()

    asyncio.run(main())


# ---------------------------------------------------------------- agenda marks


def test_an_agenda_item_on_air_is_marked_with_timecodes_and_audited(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        _opening, answers = session.agenda
        before = utc_now()
        mark = await rig.service.mark_agenda_item(
            session.id, answers.id, record_ms=754_321, stream_ms=None, scene_name="  Q&A "
        )
        assert mark.scene_name == "Q&A"
        assert await rig.service.marks(session.id) == [mark]
        (stored,) = await rig.service.marks(session.id)
        assert stored.agenda_item_id == answers.id
        assert (stored.record_ms, stored.stream_ms) == (754_321, None)
        assert stored.scene_name == "Q&A"
        assert_about(stored.at, before)

        entries = await rig.audit(session.id)
        assert [e.action for e in entries] == ["session.created", "agenda.on_air"]
        entry = entries[1]
        assert entry.entity == "agenda_item" and entry.entity_id == answers.id
        assert entry.at == mark.at
        assert entry.operator == OPERATOR
        assert entry.after is not None
        assert entry.after["record_ms"] == 754_321 and entry.after["scene_name"] == "Q&A"

    run_scenario(tmp_path, scenario)


def test_marks_come_back_in_on_air_order(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        opening, answers = session.agenda
        first = await rig.service.mark_agenda_item(session.id, opening.id, stream_ms=0)
        second = await rig.service.mark_agenda_item(session.id, answers.id, stream_ms=300_000)
        again = await rig.service.mark_agenda_item(session.id, opening.id, stream_ms=900_000)
        assert await rig.service.marks(session.id) == [first, second, again]

    run_scenario(tmp_path, scenario)


# ---------------------------------------------------------------- regressions (found as bugs)


def test_pausing_and_resuming_a_recording_keeps_one_run(tmp_path: Path) -> None:
    async def scenario(rig: Rig) -> None:
        session = await planned_session(rig.database)
        await rig.connect()
        rig.recorder.session_id = session.id
        await rig.studio.start_record()
        await rig.settle()
        rig.gateway.emit("RecordStateChanged", _record_event("PAUSED"))
        await rig.settle()
        rig.gateway.emit("RecordStateChanged", _record_event("RESUMED"))
        await rig.settle()
        await rig.studio.stop_record()
        await rig.settle()
        runs = await rig.runs(session.id)
        assert [(r.path, r.interrupted) for r in runs] == [(RECORD_FILE, False)]
        assert "record.interrupted" not in await rig.actions(session.id)

    run_scenario(tmp_path, scenario)


class _SlowReadService(BroadcastService):
    """``open_runs`` answers only when the test lets it (a slow read on a busy disk)."""

    def __init__(self, database: Database, operator: str) -> None:
        super().__init__(database, operator)
        self.reading = asyncio.Event()
        self.release = asyncio.Event()
        self.started = asyncio.Event()

    async def open_runs(self, kind: OutputKind) -> list[OutputRun]:
        runs = await super().open_runs(kind)
        if kind is OutputKind.RECORD and not self.release.is_set():
            self.reading.set()
            await self.release.wait()
        return runs

    async def start_run(
        self, session_id: uuid.UUID, kind: OutputKind, at: datetime | None = None
    ) -> OutputRun:
        run = await super().start_run(session_id, kind, at)
        self.started.set()
        return run


def test_a_recording_started_during_reconcile_keeps_its_run(tmp_path: Path) -> None:
    async def main() -> None:
        rig = await make_rig(tmp_path, service_type=_SlowReadService)
        service = rig.service
        assert isinstance(service, _SlowReadService)
        try:
            session = await planned_session(rig.database)
            # A run left open by a previous app whose OBS has since quit.
            stale = await BroadcastService.start_run(service, session.id, OutputKind.RECORD)
            service.started.clear()
            rig.recorder.session_id = session.id
            await rig.gateway.start()
            await asyncio.wait_for(service.reading.wait(), 5)  # reconcile saw [stale]

            await rig.studio.start_record()  # the operator is quick
            await asyncio.wait_for(service.started.wait(), 5)
            service.release.set()
            await rig.settle()

            runs = await rig.runs(session.id)
            assert runs[0].id == stale.id and runs[0].interrupted
            assert [r.id for r in await rig.service.open_runs(OutputKind.RECORD)] == [runs[1].id]
        finally:
            service.release.set()
            await rig.close()

    asyncio.run(main())
