"""The live show in the session record: recording/stream runs and agenda items going on air.

OBS's output events decide when a run starts and stops (never a request's return value), and
the record says which session it belongs to, when it ran and where the file is. Runs that
ended without a STOPPED event (OBS crashed or quit) are closed as *interrupted* the next time
the app sees OBS, so an open run never lingers.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark, OutputKind, OutputRun
from studio_app.domain.ids import utc_now
from studio_app.services.database import Database
from studio_app.services.obs.studio import (
    RUNNING_STATES,
    ObsSnapshot,
    ObsStudio,
    OutputEvent,
    OutputState,
)
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError

if TYPE_CHECKING:
    from studio_app.storage.store import Store, UnitOfWork

log = logging.getLogger(__name__)


class BroadcastService:
    """Stores runs and agenda marks, each write one transaction with its audit entry."""

    def __init__(self, database: Database, operator: str) -> None:
        self._db = database
        self.operator = operator

    async def runs(self, session_id: uuid.UUID) -> list[OutputRun]:
        """The session's recording and stream runs, oldest first."""

        def work(store: Store) -> list[OutputRun]:
            with store.read() as uow:
                return uow.broadcast.runs(session_id)

        return await self._db.run(work)

    async def marks(self, session_id: uuid.UUID) -> list[AgendaMark]:
        """When the session's agenda items went on air, oldest first."""

        def work(store: Store) -> list[AgendaMark]:
            with store.read() as uow:
                return uow.broadcast.marks(session_id)

        return await self._db.run(work)

    async def open_runs(self, kind: OutputKind) -> list[OutputRun]:
        """Runs of ``kind`` (any session) that have not stopped yet."""

        def work(store: Store) -> list[OutputRun]:
            with store.read() as uow:
                return uow.broadcast.open_runs(kind)

        return await self._db.run(work)

    async def start_run(
        self, session_id: uuid.UUID, kind: OutputKind, at: datetime | None = None
    ) -> OutputRun:
        """Record that ``kind`` started for ``session_id``.

        A run of the same kind still open (its STOPPED event was never seen) is closed first
        as interrupted: OBS runs one recording and one stream at a time.
        """
        run = OutputRun.start(session_id, kind, at)

        def work(store: Store) -> OutputRun:
            with store.write() as uow:
                for stale in uow.broadcast.open_runs(kind):
                    self._close(store, uow, stale, run.started_at, "", interrupted=True)
                uow.broadcast.save_run(run)
                uow.audit.append(self._audit(store, f"{kind.value}.started", run))
            return run

        return await self._db.run(work)

    async def stop_runs(
        self,
        kind: OutputKind,
        at: datetime | None = None,
        path: str = "",
        *,
        interrupted: bool = False,
        only: frozenset[uuid.UUID] | None = None,
    ) -> list[OutputRun]:
        """Close the open runs of ``kind`` (just those in ``only``, if given); return them."""
        when = at or utc_now()

        def work(store: Store) -> list[OutputRun]:
            with store.write() as uow:
                return [
                    self._close(store, uow, run, when, path, interrupted=interrupted)
                    for run in uow.broadcast.open_runs(kind)
                    if only is None or run.id in only
                ]

        return await self._db.run(work)

    async def record_failed_stream(self, session_id: uuid.UUID | None) -> None:
        """Note in the audit trail that a stream start failed (it never reached STARTED)."""

        def work(store: Store) -> None:
            with store.write() as uow:
                uow.audit.append(
                    AuditEntry.record(
                        store.studio_id,
                        self.operator,
                        "stream.failed",
                        "session",
                        session_id or store.studio_id,
                        session_id=session_id,
                    )
                )

        await self._db.run(work)

    async def mark_agenda_item(
        self,
        session_id: uuid.UUID,
        agenda_item_id: uuid.UUID,
        *,
        record_ms: int | None = None,
        stream_ms: int | None = None,
        scene_name: str = "",
    ) -> AgendaMark:
        """Record that an agenda item went on air now, with the outputs' timecodes."""
        mark = AgendaMark.create(
            session_id,
            agenda_item_id,
            record_ms=record_ms,
            stream_ms=stream_ms,
            scene_name=scene_name,
        )

        def work(store: Store) -> AgendaMark:
            with store.write() as uow:
                uow.broadcast.add_mark(mark)
                uow.audit.append(
                    AuditEntry.record(
                        store.studio_id,
                        self.operator,
                        "agenda.on_air",
                        "agenda_item",
                        agenda_item_id,
                        session_id=session_id,
                        after=mark,
                        at=mark.at,
                    )
                )
            return mark

        return await self._db.run(work)

    def _close(
        self,
        store: Store,
        uow: UnitOfWork,
        run: OutputRun,
        at: datetime,
        path: str,
        *,
        interrupted: bool,
    ) -> OutputRun:
        """Stop ``run`` (never before it started) and audit it, inside ``uow``."""
        done = run.stopped(max(at, run.started_at), path, interrupted=interrupted)
        uow.broadcast.save_run(done)
        action = "interrupted" if interrupted else "stopped"
        uow.audit.append(self._audit(store, f"{run.kind.value}.{action}", done))
        return done

    def _audit(self, store: Store, action: str, run: OutputRun) -> AuditEntry:
        return AuditEntry.record(
            store.studio_id,
            self.operator,
            action,
            "output_run",
            run.id,
            session_id=run.session_id,
            after=run,
        )


#: Called with (output, problem) when a run could not be stored: the UI tells the operator.
ProblemListener = Callable[[OutputEvent, StorageError], None]


class OutputRecorder:
    """Follows OBS's output events and writes the runs of the session on air.

    ``session_id`` is the session the operator has open; a recording that starts while no
    session is open is not attached to any (the control view says so). After every
    (re)connect the runs are reconciled with what OBS reports: an open run whose output is no
    longer running is closed as interrupted, and a running output with no open run (the app
    was restarted mid-show) gets one, dated back by OBS's own ``outputDuration``.
    """

    def __init__(self, studio: ObsStudio, service: BroadcastService) -> None:
        self._studio = studio
        self._service = service
        self._tasks = TaskSet()
        self._problem_listeners: list[ProblemListener] = []
        self._failed_listeners: list[Callable[[], None]] = []
        self._was_connected = False
        self.session_id: uuid.UUID | None = None
        studio.add_output_listener(self._on_output)
        studio.add_listener(self._on_snapshot)

    def add_problem_listener(self, listener: ProblemListener) -> None:
        """Call ``listener(event, error)`` when storing a run failed."""
        self._problem_listeners.append(listener)

    def add_failed_stream_listener(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` when a stream went STARTING → STOPPED (it failed to connect)."""
        self._failed_listeners.append(listener)

    async def wait_idle(self) -> None:
        """Wait until every pending write has finished (tests, quitting)."""
        await self._tasks.wait_idle()

    async def close(self) -> None:
        """Finish pending writes (briefly), then cancel what is left."""
        await self._tasks.cancel_all()

    # ------------------------------------------------------------------ events
    def _on_output(self, event: OutputEvent) -> None:
        kind = OutputKind(event.output)
        if event.failed:
            for listener in list(self._failed_listeners):
                listener()
            self._spawn(event, self._service.record_failed_stream(self.session_id))
        if event.state is OutputState.STARTED and not event.resumed and self.session_id:
            self._spawn(event, self._service.start_run(self.session_id, kind))
        elif event.state is OutputState.STOPPED and not event.failed:
            self._spawn(event, self._service.stop_runs(kind, path=event.path))

    def _on_snapshot(self, snapshot: ObsSnapshot) -> None:
        connected = snapshot.connection.connected
        if connected and not self._was_connected:
            self._tasks.spawn(self._reconcile(), name="reconcile-runs")
        self._was_connected = connected

    async def _reconcile(self) -> None:
        try:
            await self._studio.wait_refreshed(10)
        except TimeoutError:
            return
        for kind in OutputKind:
            output = kind.value
            try:
                open_runs = await self._service.open_runs(kind)
                # Read OBS's state after the runs: an event handled while they were read
                # (a recording just started) is then already in both.
                snapshot = self._studio.snapshot
                state = snapshot.output_state(output)
                if state is OutputState.STOPPED and open_runs:
                    # Only the runs seen: a run started meanwhile belongs to a live output.
                    seen = frozenset(run.id for run in open_runs)
                    await self._service.stop_runs(kind, interrupted=True, only=seen)
                elif state in RUNNING_STATES and not open_runs and self.session_id is not None:
                    elapsed = snapshot.elapsed(output) or 0.0
                    started = utc_now() - timedelta(seconds=elapsed)
                    await self._service.start_run(self.session_id, kind, started)
            except StorageError as error:
                log.error("reconciling %s runs failed: %s", output, error)
                self._report(OutputEvent(output, self._studio.snapshot.output_state(output)), error)

    def _spawn(self, event: OutputEvent, work: Coroutine[Any, Any, object]) -> None:
        async def guarded() -> None:
            try:
                await work
            except StorageError as error:
                log.error("storing the %s %s failed: %s", event.output, event.state, error)
                self._report(event, error)

        self._tasks.spawn(guarded(), name=f"{event.output}-run")

    def _report(self, event: OutputEvent, error: StorageError) -> None:
        for listener in list(self._problem_listeners):
            try:
                listener(event, error)
            except Exception:
                log.exception("output problem listener failed")
