"""The studio's sync: push dirty rows, pull what changed, keep the status the window shows.

Network calls run on their own thread and storage calls on the database thread, so a sync
never blocks the window. Rows stay dirty until the archive acknowledges them, so a failure
at any point only means the next sync sends them again (SYNC_DESIGN.md).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from studio_app import __version__
from studio_app.domain.ids import utc_now, uuid7
from studio_app.domain.sync import (
    PROTOCOL_VERSION,
    PULL_PAGE,
    PUSH_CHUNK,
    Outcome,
    PullCursor,
    RejectReason,
    RowResult,
)
from studio_app.services.credentials import (
    ARCHIVE_CREDENTIAL_ENV,
    ARCHIVE_CREDENTIAL_KEY,
    KeyringUnavailableError,
)
from studio_app.services.database import Database
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
from studio_app.services.sync.transport import HttpTransport, SyncTransport, check_url
from studio_app.settings import load_settings, save_settings
from studio_app.storage.errors import StorageError

if TYPE_CHECKING:
    from studio_app.storage.store import Store
    from studio_app.storage.sync import AckSummary, ApplySummary

log = logging.getLogger(__name__)

#: Builds the transport for an archive URL and credential.
TransportFactory = Callable[[str, str], SyncTransport]
Listener = Callable[[SyncStatus], None]


class Secrets(Protocol):
    """What sync needs of the OS keyring (studio_app.services.credentials.CredentialStore)."""

    def get(self, key: str) -> str | None:
        """The stored secret, or ``None``."""

    def set(self, key: str, secret: str) -> None:
        """Store a secret; raise KeyringUnavailableError without a keyring."""

    def delete(self, key: str) -> None:
        """Forget a secret."""


class SyncService:
    """Push/pull with the county archive for the window (timer, "Sync now") and the CLI."""

    def __init__(
        self,
        database: Database,
        data_dir: Path,
        secrets: Secrets,
        *,
        transport_factory: TransportFactory | None = None,
        environ: dict[str, str] | None = None,
    ) -> None:
        self._db = database
        self._data_dir = data_dir
        self._secrets = secrets
        self._factory: TransportFactory = transport_factory or HttpTransport
        self._environ = environ if environ is not None else {}
        #: A credential kept for this run only (no keyring to store it in).
        self._memory_credential: str | None = None
        self._listeners: list[Listener] = []
        self._running: asyncio.Future[SyncReport] | None = None
        #: The store's write count when the rows were last counted (see ``refresh``).
        self._counted_writes: int | None = None
        self._net = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="studio-sync"
        )
        url = load_settings(data_dir).archive_url
        self._status = SyncStatus(
            state=SyncState.IDLE if url else SyncState.NOT_SET_UP,
            url=url,
        )

    # ------------------------------------------------------------------ status
    @property
    def status(self) -> SyncStatus:
        """The current status."""
        return self._status

    @property
    def url(self) -> str:
        """The archive's address ("" when not set up)."""
        return load_settings(self._data_dir).archive_url

    def credential(self) -> str | None:
        """The credential to use: the environment's, this run's, or the keyring's."""
        return (
            self._environ.get(ARCHIVE_CREDENTIAL_ENV)
            or self._memory_credential
            or self._secrets.get(ARCHIVE_CREDENTIAL_KEY)
        )

    def add_listener(self, callback: Listener) -> None:
        """Call ``callback`` with the status every time it changes (on the loop's thread)."""
        self._listeners.append(callback)

    def _set(self, status: SyncStatus) -> None:
        self._status = status
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:  # a listener's bug must not break sync
                log.exception("sync status listener failed")

    async def refresh(self, *, if_changed: bool = False) -> SyncStatus:
        """Recount pending and parked rows from the store.

        With ``if_changed`` nothing is counted unless something was written since the last
        count (a cheap check the status bar makes every few seconds).
        """
        seen = self._counted_writes if if_changed else None
        counted = await self._db.run(lambda store: _counts(store, seen))
        if counted is None:
            return self._status
        pending, parked, last, self._counted_writes = counted
        url = self.url
        state = self._status.state
        if not url and state is not SyncState.SYNCING:
            state = SyncState.NOT_SET_UP
        elif url and state is SyncState.NOT_SET_UP:
            state = SyncState.IDLE
        self._set(
            replace(
                self._status,
                state=state,
                pending=pending,
                parked=parked,
                last_success=last,
                url=url,
            )
        )
        return self._status

    async def _recount(self) -> tuple[int, int, datetime | None, int]:
        counted = await self._db.run(_counts)
        assert counted is not None  # always counted without a write count to compare
        return counted

    # ------------------------------------------------------------------ set-up
    async def configure(self, url: str, credential: str | None) -> None:
        """Save the URL in settings and the credential in the keyring (see the class doc).

        ``None`` keeps the stored credential and ``""`` forgets it.

        Raises:
            SyncError: BAD_URL; nothing is saved.
            KeyringUnavailableError: No keyring; the credential is kept for this run only.
        """
        url = check_url(url) if url.strip() else ""
        settings = load_settings(self._data_dir)
        save_settings(self._data_dir, replace(settings, archive_url=url))
        try:
            if credential == "":
                self._memory_credential = None
                self._secrets.delete(ARCHIVE_CREDENTIAL_KEY)
            elif credential is not None:
                credential = credential.strip()
                try:
                    self._secrets.set(ARCHIVE_CREDENTIAL_KEY, credential)
                    self._memory_credential = None
                except KeyringUnavailableError:
                    self._memory_credential = credential
                    raise
        finally:
            await self.refresh()

    async def test_connection(self, url: str, credential: str) -> ArchiveInfo:
        """Say hello to the archive with these (not saved); raise SyncError if it fails."""
        transport = self._factory(check_url(url), credential.strip())
        studio_id, device_id = await self._db.run(_identity)
        try:
            return await self._hello(transport, studio_id, device_id)
        finally:
            transport.close()

    # ------------------------------------------------------------------ parked rows
    async def parked(self) -> list[ParkedRow]:
        """The rows the archive refused."""

        def work(store: Store) -> list[ParkedRow]:
            with store.read() as uow:
                return [
                    ParkedRow(e.table, e.id, e.reason, e.detail, e.first_seen, e.summary)
                    for e in uow.sync.parked()
                ]

        return await self._db.run(work)

    async def retry_parked(self) -> int:
        """Send the parked rows again on the next sync; returns how many."""

        def work(store: Store) -> int:
            with store.write() as uow:
                return uow.sync.retry_parked()

        count = await self._db.run(work)
        await self.refresh()
        return count

    # ------------------------------------------------------------------ sync
    async def sync(self) -> SyncReport:
        """Push then pull. A call while a sync runs waits for that one.

        Raises:
            SyncError: Why it failed; rows stay pending and the next sync retries them.
        """
        if self._running is not None:
            return await asyncio.shield(self._running)
        future: asyncio.Future[SyncReport] = asyncio.get_running_loop().create_future()
        self._running = future
        try:
            report = await self._sync()
        except BaseException as exc:
            if not future.done():
                if isinstance(exc, asyncio.CancelledError):
                    future.cancel()
                else:
                    future.set_exception(exc)
                    future.exception()  # retrieved: no "never retrieved" warning
            raise
        else:
            future.set_result(report)
            return report
        finally:
            self._running = None

    async def _sync(self) -> SyncReport:
        started = time.perf_counter()
        url = self.url
        if not url:
            self._set(replace(self._status, state=SyncState.NOT_SET_UP, url=""))
            raise SyncError(SyncProblem.BAD_URL, "no archive address set")
        credential = self.credential()
        try:
            if not credential:
                raise SyncError(SyncProblem.NO_CREDENTIAL)
            self._progress(SyncPhase.CONNECT)
            transport = self._factory(url, credential)
            try:
                report = await self._exchange(transport)
            finally:
                transport.close()
        except SyncError as exc:
            await self._failed(exc)
            raise
        except StorageError as exc:
            error = SyncError(SyncProblem.STORAGE, type(exc).__name__)
            await self._failed(error)
            raise error from exc
        report = replace(report, seconds=time.perf_counter() - started)
        finished = utc_now()
        await self._db.run(lambda store: _set_last_success(store, finished))
        pending, parked, last, self._counted_writes = await self._recount()
        self._set(
            SyncStatus(
                state=SyncState.OK,
                last_success=last,
                pending=pending,
                parked=parked,
                last_report=report,
                url=url,
            )
        )
        log.info(
            "sync done: pushed %d, pulled %d, parked %d in %.2f s (%d requests)",
            report.pushed,
            report.pulled,
            report.rejected,
            report.seconds,
            report.requests,
        )
        return report

    async def _failed(self, error: SyncError) -> None:
        log.warning("sync failed: %s", error)
        try:
            pending, parked, last, self._counted_writes = await self._recount()
        except (StorageError, RuntimeError):
            pending, parked, last = self._status.pending, self._status.parked, None
        self._set(
            replace(
                self._status,
                state=SyncState.FAILED,
                problem=error.problem,
                detail=error.detail,
                progress=None,
                pending=pending,
                parked=parked,
                last_success=last or self._status.last_success,
            )
        )

    def _progress(self, phase: SyncPhase, done: int = 0, total: int = 0) -> None:
        self._set(
            replace(
                self._status,
                state=SyncState.SYNCING,
                problem=None,
                detail="",
                progress=SyncProgress(phase, done, total),
            )
        )

    async def _call(self, transport: SyncTransport, method: str, path: str, **kw: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._net, lambda: transport.call(method, path, **kw))

    async def _hello(
        self, transport: SyncTransport, studio_id: uuid.UUID, device_id: uuid.UUID
    ) -> ArchiveInfo:
        answer = await self._call(
            transport,
            "POST",
            "/v1/sync/hello",
            body={
                "protocol": PROTOCOL_VERSION,
                "studio_id": str(studio_id),
                "device_id": str(device_id),
                "app_version": __version__,
            },
        )
        try:
            info = ArchiveInfo(
                account=str(answer["account"]),
                studio_id=uuid.UUID(answer["studio_id"]),
                server_time=datetime.fromisoformat(answer["server_time"]),
                protocol=int(answer["protocol"]),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise SyncError(SyncProblem.SERVER, "malformed hello answer") from exc
        if info.studio_id != studio_id:
            raise SyncError(SyncProblem.WRONG_STUDIO, str(info.studio_id))
        return info

    async def _exchange(self, transport: SyncTransport) -> SyncReport:
        studio_id, device_id = await self._db.run(_identity)
        await self._hello(transport, studio_id, device_id)
        requests = 1
        total = await self._db.run(lambda store: _pending(store, studio_id))
        pushed = stale = rejected = 0
        done = 0
        self._progress(SyncPhase.PUSH, 0, total)
        # Each round sends up to PUSH_CHUNK rows; a stale row is re-stamped and sent once
        # more, so the rounds needed are bounded (the cap only guards against a bug).
        rounds_left = 2 * (total // PUSH_CHUNK + 1) + 5
        while rounds_left > 0:
            rounds_left -= 1
            batch = await self._db.run(lambda store: _dirty_batch(store, studio_id, PUSH_CHUNK))
            if not batch:
                break
            request_id = uuid7()
            rows: dict[str, list[dict[str, Any]]] = {}
            for table, values in batch:
                rows.setdefault(table, []).append(values)
            answer = await self._call(
                transport,
                "POST",
                "/v1/sync/push",
                body={
                    "protocol": PROTOCOL_VERSION,
                    "device_id": str(device_id),
                    "request_id": str(request_id),
                    "rows": rows,
                },
                request_id=request_id.hex,
            )
            requests += 1
            results = _results(answer, batch)
            summary = await self._db.run(functools.partial(_acknowledge, results=results))
            pushed += summary.cleared
            stale += summary.restamped
            rejected += summary.parked
            done += len(batch)
            self._progress(SyncPhase.PUSH, min(done, max(total, done)), max(total, done))

        cursor = await self._db.run(_cursor)
        pulled: list[tuple[str, dict[str, Any]]] = []
        self._progress(SyncPhase.PULL, 0, 0)
        while True:
            page = await self._call(
                transport,
                "GET",
                "/v1/sync/pull",
                params={"cursor": str(cursor), "limit": PULL_PAGE},
            )
            requests += 1
            try:
                rows_in = [(str(item["table"]), dict(item["row"])) for item in page["rows"]]
                cursor = PullCursor.parse(str(page["cursor"]))
                complete = bool(page["complete"])
            except (KeyError, TypeError, ValueError) as exc:
                raise SyncError(SyncProblem.SERVER, "malformed pull page") from exc
            pulled.extend(rows_in)
            self._progress(SyncPhase.PULL, len(pulled), 0)
            if complete:
                break
        self._progress(SyncPhase.APPLY, 0, len(pulled))
        final = cursor
        applied = await self._db.run(
            functools.partial(_apply, rows=pulled, cursor=final, studio_id=studio_id)
        )
        return SyncReport(
            pushed=pushed,
            stale=stale,
            rejected=rejected,
            pulled=applied.applied,
            department_events=applied.department_events,
            orphans=applied.orphans,
            requests=requests,
        )

    def close(self) -> None:
        """Stop the network thread (after the running call, if any)."""
        self._net.shutdown(wait=False, cancel_futures=True)


# ---------------------------------------------------------------------- on the database thread
def _counts(
    store: Store, seen_writes: int | None = None
) -> tuple[int, int, datetime | None, int] | None:
    """(pending, parked, last success, write count), or None if nothing was written since."""
    writes = store.writes
    if seen_writes is not None and writes == seen_writes:
        return None
    with store.read() as uow:
        return (
            uow.sync.pending_count(store.studio_id),
            uow.sync.parked_count(),
            uow.sync.last_success(),
            writes,
        )


def _identity(store: Store) -> tuple[uuid.UUID, uuid.UUID]:
    with store.write() as uow:
        return store.studio_id, uow.sync.device_id()


def _pending(store: Store, studio_id: uuid.UUID) -> int:
    with store.read() as uow:
        return uow.sync.pending_count(studio_id)


def _dirty_batch(
    store: Store, studio_id: uuid.UUID, limit: int
) -> list[tuple[str, dict[str, Any]]]:
    with store.read() as uow:
        return uow.sync.dirty_batch(studio_id, limit)


def _acknowledge(store: Store, results: list[RowResult]) -> AckSummary:
    with store.write() as uow:
        return uow.sync.acknowledge(results)


def _cursor(store: Store) -> PullCursor:
    with store.read() as uow:
        return uow.sync.cursor()


def _apply(
    store: Store, rows: list[tuple[str, dict[str, Any]]], cursor: PullCursor, studio_id: uuid.UUID
) -> ApplySummary:
    with store.write() as uow:
        return uow.sync.apply_pulled(rows, cursor, studio_id)


def _set_last_success(store: Store, at: datetime) -> None:
    with store.write() as uow:
        uow.sync.set_last_success(at)


def _results(answer: Any, batch: list[tuple[str, dict[str, Any]]]) -> list[RowResult]:
    """The archive's per-row answers, checked against what was sent."""
    sent = {(table, values["id"]): values["hlc"] for table, values in batch}
    results: list[RowResult] = []
    try:
        items = answer["results"]
        for item in items:
            key = (str(item["table"]), str(item["id"]))
            if key not in sent or int(item["hlc"]) != sent[key]:
                continue  # not something this request sent: ignore, it stays dirty
            reason = item.get("reason")
            server_hlc = item.get("server_hlc")
            results.append(
                RowResult(
                    table=key[0],
                    id=uuid.UUID(key[1]),
                    hlc=sent[key],
                    outcome=Outcome(item["outcome"]),
                    reason=RejectReason(reason) if reason else None,
                    server_hlc=int(server_hlc) if server_hlc is not None else None,
                )
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise SyncError(SyncProblem.SERVER, "malformed push answer") from exc
    return results
