"""An in-memory SyncService for UI tests: scripted results, recorded calls, live status."""

from __future__ import annotations

import asyncio
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from studio_app.services.credentials import KeyringUnavailableError
from studio_app.services.sync.status import (
    ArchiveInfo,
    ParkedRow,
    SyncError,
    SyncPhase,
    SyncProblem,
    SyncProgress,
    SyncReport,
    SyncState,
    SyncStatus,
)

STUDIO_ID = uuid.UUID("01890000-0000-7000-8000-000000000001")


def _valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class FakeSyncService:
    """Behaves like ``studio_app.services.sync.service.SyncService`` as the window sees it.

    ``sync()`` takes its outcome from :attr:`sync_results` (a ``SyncReport`` or an exception;
    empty: an empty report), reports SYNCING with each of :attr:`progress_steps`, then OK or
    FAILED; a call while one runs awaits that run, as the real service coalesces. Set
    :attr:`gate` (an unset ``asyncio.Event``) to hold a sync (or connection test) in flight.
    """

    def __init__(
        self,
        *,
        url: str = "https://archive.example.org",
        credential: str | None = "secret-credential",
        pending: int = 0,
        parked: list[ParkedRow] | None = None,
        keyring_available: bool = True,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._url = url
        self.credential = credential
        self.keyring_available = keyring_available
        self.clock = clock or (lambda: datetime.now(UTC))
        self.parked_rows: list[ParkedRow] = list(parked or [])
        #: Rows still waiting after a successful sync (a failed one keeps :attr:`pending`).
        self.pending_after_sync = 0
        #: What ``refresh()`` counts as waiting (``None``: the count does not change).
        self.stored_pending: int | None = None
        self.calls: list[tuple[Any, ...]] = []
        self.sync_results: deque[SyncReport | BaseException] = deque()
        self.test_results: deque[ArchiveInfo | BaseException] = deque()
        self.progress_steps: list[SyncProgress] = [
            SyncProgress(SyncPhase.CONNECT),
            SyncProgress(SyncPhase.PUSH, 0, 2),
            SyncProgress(SyncPhase.PUSH, 2, 2),
            SyncProgress(SyncPhase.PULL),
        ]
        self.gate: asyncio.Event | None = None
        #: Every status the listeners were given, in order.
        self.history: list[SyncStatus] = []
        #: Syncs that really ran (a call joining a running sync is not one).
        self.runs = 0
        self._running: asyncio.Future[SyncReport] | None = None
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._status = SyncStatus(
            self._setup_state(),
            pending=pending,
            parked=len(self.parked_rows),
            url=url,
        )

    # ------------------------------------------------------------------ the API
    @property
    def status(self) -> SyncStatus:
        return self._status

    @property
    def url(self) -> str:
        return self._url

    def add_listener(self, callback: Callable[[SyncStatus], None]) -> None:
        self._listeners.append(callback)

    async def sync(self) -> SyncReport:
        self.calls.append(("sync",))
        if self._running is not None:
            return await asyncio.shield(self._running)
        future: asyncio.Future[SyncReport] = asyncio.get_running_loop().create_future()
        self._running = future
        self.runs += 1
        try:
            report = await self._sync_once()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: a joining caller may not exist
            raise
        else:
            future.set_result(report)
            return report
        finally:
            self._running = None

    async def refresh(self, *, if_changed: bool = False) -> SyncStatus:
        self.calls.append(("refresh_if_changed",) if if_changed else ("refresh",))
        pending = self._status.pending if self.stored_pending is None else self.stored_pending
        self._set(replace(self._status, pending=pending, parked=len(self.parked_rows)))
        return self._status

    async def parked(self) -> list[ParkedRow]:
        self.calls.append(("parked",))
        return list(self.parked_rows)

    async def retry_parked(self) -> int:
        self.calls.append(("retry_parked",))
        count = len(self.parked_rows)
        self.parked_rows.clear()
        self._set(replace(self._status, parked=0, pending=self._status.pending + count))
        return count

    async def test_connection(self, url: str, credential: str) -> ArchiveInfo:
        self.calls.append(("test_connection", url, credential))
        if self.gate is not None:
            await self.gate.wait()
        if self.test_results:
            result = self.test_results.popleft()
            if isinstance(result, BaseException):
                raise result
            return result
        if not _valid_url(url):
            raise SyncError(SyncProblem.BAD_URL, url)
        return ArchiveInfo("青山村演播室", STUDIO_ID, self.clock(), 1)

    async def configure(self, url: str, credential: str | None) -> None:
        self.calls.append(("configure", url, credential))
        if not _valid_url(url):
            raise SyncError(SyncProblem.BAD_URL, "not an http(s) URL")
        self._url = url
        if credential is not None:
            self.credential = credential or None
        state = self._setup_state()
        if state is SyncState.IDLE and self._status.state is not SyncState.NOT_SET_UP:
            state = self._status.state
        self._set(replace(self._status, state=state, url=url, problem=None, detail=""))
        if credential and not self.keyring_available:
            raise KeyringUnavailableError("archive-credential")

    # ------------------------------------------------------------------ helpers
    def _setup_state(self) -> SyncState:
        return SyncState.IDLE if self._url and self.credential else SyncState.NOT_SET_UP

    def _set(self, status: SyncStatus) -> None:
        self._status = status
        self.history.append(status)
        for listener in list(self._listeners):
            listener(status)

    async def _sync_once(self) -> SyncReport:
        if self._status.state is SyncState.NOT_SET_UP:
            problem = SyncProblem.BAD_URL if not self._url else SyncProblem.NO_CREDENTIAL
            self._set(replace(self._status, problem=problem))
            raise SyncError(problem)
        for step in self.progress_steps:
            self._set(replace(self._status, state=SyncState.SYNCING, progress=step))
            await asyncio.sleep(0)
        if self.gate is not None:
            await self.gate.wait()
        outcome: SyncReport | BaseException = (
            self.sync_results.popleft() if self.sync_results else SyncReport()
        )
        if isinstance(outcome, BaseException):
            problem = outcome.problem if isinstance(outcome, SyncError) else SyncProblem.STORAGE
            detail = outcome.detail if isinstance(outcome, SyncError) else str(outcome)
            self._set(
                replace(
                    self._status,
                    state=SyncState.FAILED,
                    problem=problem,
                    detail=detail,
                    progress=None,
                )
            )
            raise outcome
        self._set(
            replace(
                self._status,
                state=SyncState.OK,
                last_success=self.clock(),
                pending=self.pending_after_sync,
                parked=len(self.parked_rows),
                problem=None,
                detail="",
                progress=None,
                last_report=outcome,
            )
        )
        return outcome
