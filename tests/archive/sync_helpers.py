"""Helpers for the sync tests: studios as the app runs them, rows of both ends in one form."""

from __future__ import annotations

import random
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import psycopg
from psycopg import sql
from sqlalchemy import select

from studio_app.domain.sync import COUNTY_STUDIO_ID, WIRE_TABLES, ColumnType, WireTable
from studio_app.services.credentials import ARCHIVE_CREDENTIAL_KEY
from studio_app.services.database import Database
from studio_app.services.sync.service import SyncService, TransportFactory
from studio_app.services.sync.status import SyncError, SyncProblem, SyncReport
from studio_app.services.sync.transport import HttpTransport, SyncTransport
from studio_app.settings import AppSettings, save_settings
from studio_app.storage.engine import create_sqlite_engine
from studio_app.storage.models import Base
from studio_app.storage.store import Store, UnitOfWork
from tests.archive.service import ArchiveServer
from tests.fakes.credentials import MemoryCredentialStore

T = TypeVar("T")
#: table name -> row id -> the row's wire columns, normalised (see :func:`normalise`).
Tables = dict[str, dict[uuid.UUID, dict[str, Any]]]

WIRE = {t.name: t for t in WIRE_TABLES}


# ---------------------------------------------------------------------- normalised rows
def _norm(kind: ColumnType, value: Any, where: str) -> Any:
    """One value as Python compares it: UUIDs, aware UTC datetimes, dates, parsed JSON."""
    if value is None:
        return None
    if kind is ColumnType.UUID:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    if kind is ColumnType.DATETIME:
        parsed = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        assert parsed.tzinfo is not None, f"{where}: naive datetime {value!r}"
        return parsed.astimezone(UTC)
    if kind is ColumnType.DATE:
        assert not isinstance(value, datetime), f"{where}: a datetime in a date column"
        return value if isinstance(value, date) else date.fromisoformat(value)
    if kind is ColumnType.INT:
        assert type(value) is int, f"{where}: {value!r} is not an int"
        return value
    if kind is ColumnType.BOOL:
        assert type(value) is bool, f"{where}: {value!r} is not a bool"
        return value
    if kind is ColumnType.TEXT:
        assert isinstance(value, str), f"{where}: {value!r} is not text"
        return value
    return value  # JSON: both ends hand it over parsed


def normalise(table: WireTable, values: Mapping[str, Any]) -> dict[str, Any]:
    """The wire columns of one row (every one of them, nothing else), normalised."""
    return {c.name: _norm(c.type, values[c.name], f"{table.name}.{c.name}") for c in table.columns}


@dataclass
class LocalSnapshot:
    """Every synced row of a local store, with the local-only columns kept apart."""

    rows: Tables
    dirty: set[tuple[str, uuid.UUID]]
    #: The archive's order of follow-up events as stored here (``None`` before a pull).
    event_seq: dict[uuid.UUID, int | None]
    #: Rows that never leave the PC (rehearsal copies and everything in them).
    local_only: set[tuple[str, uuid.UUID]]

    def own(self, studio_id: uuid.UUID, *, include_local_only: bool = False) -> Tables:
        """The rows of ``studio_id`` (without rehearsal rows unless asked)."""
        return {
            name: {
                row_id: values
                for row_id, values in rows.items()
                if values["studio_id"] == studio_id
                and (include_local_only or (name, row_id) not in self.local_only)
            }
            for name, rows in self.rows.items()
        }

    def studio_ids(self) -> set[uuid.UUID]:
        """Every studio id a row here carries."""
        return {v["studio_id"] for rows in self.rows.values() for v in rows.values()}


def read_local(path: Path) -> LocalSnapshot:
    """Read a local store's synced tables with a connection of its own (call it idle)."""
    engine = create_sqlite_engine(path)
    rows: Tables = {}
    dirty: set[tuple[str, uuid.UUID]] = set()
    event_seq: dict[uuid.UUID, int | None] = {}
    try:
        with engine.execution_options(sqlite_begin="DEFERRED").connect() as conn:
            for wire in WIRE_TABLES:
                table = Base.metadata.tables[wire.name]
                found: dict[uuid.UUID, dict[str, Any]] = {}
                for row in conn.execute(select(table)):
                    values = dict(row._mapping)
                    found[values["id"]] = normalise(wire, values)
                    if values["dirty"]:
                        dirty.add((wire.name, values["id"]))
                    if wire.name == "follow_up_event":
                        event_seq[values["id"]] = values["server_seq"]
                rows[wire.name] = found
    finally:
        engine.dispose()
    return LocalSnapshot(rows, dirty, event_seq, _local_only(rows))


def _local_only(rows: Tables) -> set[tuple[str, uuid.UUID]]:
    """Rows of rehearsal sessions, worked out here independently of storage/sync.py."""
    rehearsals = {i for i, v in rows["broadcast_session"].items() if v["rehearsal"]}
    questions = {i for i, v in rows["question"].items() if v["session_id"] in rehearsals}
    follow_ups = {i for i, v in rows["follow_up"].items() if v["session_id"] in rehearsals}
    found = {("broadcast_session", i) for i in rehearsals}
    parents = {
        "answer": ("question_id", questions),
        "follow_up_event": ("follow_up_id", follow_ups),
    }
    for name, table in rows.items():
        for row_id, values in table.items():
            session_id = values.get("session_id")
            column, local_parents = parents.get(name, ("", set()))
            if (session_id is not None and session_id in rehearsals) or (
                column and values[column] in local_parents
            ):
                found.add((name, row_id))
    return found


def central_rows(url: str, studio_id: uuid.UUID | None = None) -> Tables:
    """The archive's rows (of one studio, or all) as the superuser reads them."""
    rows: Tables = {}
    with psycopg.connect(url) as conn:
        for wire in WIRE_TABLES:
            query = sql.SQL(
                "SELECT to_jsonb(t) - 'txid' - 'server_time' - 'server_seq' FROM {} t"
                " WHERE %s::uuid IS NULL OR studio_id = %s::uuid"
            ).format(sql.Identifier("archive", wire.name))
            found: dict[uuid.UUID, dict[str, Any]] = {}
            for (values,) in conn.execute(query, (studio_id, studio_id)):
                assert set(values) == set(wire.column_names), (wire.name, sorted(values))
                row = normalise(wire, values)
                assert row["id"] not in found
                found[row["id"]] = row
            rows[wire.name] = found
    return rows


def central_event_seq(url: str) -> dict[uuid.UUID, int]:
    """The archive's order of every follow-up event."""
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT id, server_seq FROM archive.follow_up_event").fetchall())


def diff_tables(local: Tables, central: Tables) -> list[str]:
    """What differs between two sets of tables, as readable lines (empty when equal)."""
    problems: list[str] = []
    for name in WIRE:
        mine, theirs = local.get(name, {}), central.get(name, {})
        for row_id in sorted(set(mine) - set(theirs)):
            problems.append(f"{name} {row_id}: only local")
        for row_id in sorted(set(theirs) - set(mine)):
            problems.append(f"{name} {row_id}: only central")
        for row_id in sorted(set(mine) & set(theirs)):
            a, b = mine[row_id], theirs[row_id]
            for column in a:
                if a[column] != b[column]:
                    problems.append(
                        f"{name} {row_id}.{column}: local {a[column]!r} != central {b[column]!r}"
                    )
    return problems


def count_rows(tables: Tables) -> int:
    return sum(len(rows) for rows in tables.values())


# ---------------------------------------------------------------------- a studio PC
class Studio:
    """One studio PC: its data folder, Database thread, store and the real SyncService."""

    def __init__(
        self,
        data_dir: Path,
        name: str,
        archive_url: str,
        credential: str,
        transport_factory: TransportFactory | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.name = name
        self.archive_url = archive_url
        self.credential = credential
        self.transport_factory = transport_factory
        self.db = Database()
        self._service: SyncService | None = None
        self._store: Store | None = None

    async def open(self) -> Studio:
        self._store = await self.db.open(self.data_dir, self.name)
        save_settings(self.data_dir, AppSettings(archive_url=self.archive_url))
        secrets = MemoryCredentialStore()
        secrets.set(ARCHIVE_CREDENTIAL_KEY, self.credential)
        self._service = SyncService(
            self.db, self.data_dir, secrets, transport_factory=self.transport_factory
        )
        return self

    @property
    def store(self) -> Store:
        assert self._store is not None
        return self._store

    @property
    def service(self) -> SyncService:
        assert self._service is not None
        return self._service

    @property
    def studio_id(self) -> uuid.UUID:
        return self.store.studio_id

    async def write(self, fn: Callable[[UnitOfWork], T]) -> T:
        """Run ``fn`` in one write transaction on the database thread."""

        def work(store: Store) -> T:
            with store.write() as uow:
                return fn(uow)

        return await self.db.run(work)

    async def read(self, fn: Callable[[UnitOfWork], T]) -> T:
        def work(store: Store) -> T:
            with store.read() as uow:
                return fn(uow)

        return await self.db.run(work)

    async def sync(self) -> SyncReport:
        return await self.service.sync()

    async def try_sync(self) -> SyncReport | SyncError:
        try:
            return await self.service.sync()
        except SyncError as exc:
            return exc

    async def pending(self) -> tuple[int, int]:
        """(pending, parked) as the status bar would show them."""
        status = await self.service.refresh()
        return status.pending, status.parked

    async def local(self) -> LocalSnapshot:
        return await self.db.run(lambda store: read_local(store.path))

    def close(self) -> None:
        if self._service is not None:
            self._service.close()
        self.db.close()


# ---------------------------------------------------------------------- transports
@dataclass
class Call:
    method: str
    path: str
    body: Any
    params: dict[str, Any] | None


class RecordingTransport:
    """The real HTTP transport, remembering every request sent through it."""

    def __init__(self, url: str, credential: str, log: list[Call]) -> None:
        self._inner = HttpTransport(url, credential)
        self._log = log

    def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> Any:
        self._log.append(Call(method, path, body, params))
        return self._inner.call(method, path, body=body, params=params, request_id=request_id)

    def close(self) -> None:
        self._inner.close()


def recording_factory(log: list[Call]) -> TransportFactory:
    return lambda url, credential: RecordingTransport(url, credential, log)


@dataclass
class Faults:
    """The faults a :class:`FaultyTransport` injects, from one seeded random source.

    Per call: ``offline`` fails before sending, ``lost`` sends (the archive acts on it) and
    loses the answer, ``twice`` delivers the request twice and returns the second answer,
    anything else passes. ``restart_push`` kills the server when the next push comes, so that
    push fails, then starts it again. ``before`` runs work at a chosen moment of a sync.
    """

    rng: random.Random
    offline: float = 0.2
    lost: float = 0.2
    twice: float = 0.15
    server: ArchiveServer | None = None
    restart_push: bool = False
    #: ``False``: the network is healthy (calls pass and are not counted).
    enabled: bool = True
    #: One-shot hooks by path, called on the network thread before that request goes out,
    #: with the push's body (for a pull: the body of the last push).
    before: dict[str, Callable[[Any], None]] = field(default_factory=dict)
    last_push: Any = None
    counts: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def draw(self) -> str:
        with self.lock:
            if not self.enabled:
                return "clean"
            if self.restart_push:
                return "restart?"
            roll = self.rng.random()
        if roll < self.offline:
            return "offline"
        if roll < self.offline + self.lost:
            return "lost"
        if roll < self.offline + self.lost + self.twice:
            return "twice"
        return "pass"

    def factory(self) -> TransportFactory:
        return lambda url, credential: FaultyTransport(HttpTransport(url, credential), self)


class FaultyTransport:
    """A :class:`SyncTransport` around a real one that fails the way networks fail."""

    def __init__(self, inner: SyncTransport, faults: Faults) -> None:
        self._inner = inner
        self._faults = faults

    def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> Any:
        faults = self._faults
        if path == "/v1/sync/push":
            faults.last_push = body
        hook = faults.before.pop(path, None)
        if hook is not None:
            hook(faults.last_push)
        kind = faults.draw()
        if kind == "clean":
            return self._inner.call(method, path, body=body, params=params, request_id=request_id)
        if kind == "restart?":
            if path != "/v1/sync/push" or faults.server is None:
                kind = "pass"
            else:
                faults.restart_push = False
                faults.counts["restart"] += 1
                faults.counts["calls"] += 1
                server = faults.server
                server.stop(kill=True)
                try:
                    # The request goes out to a dead server and must fail.
                    self._inner.call(method, path, body=body, params=params, request_id=request_id)
                except SyncError as exc:
                    faults.counts[f"restart_{exc.problem.value}"] += 1
                    raise
                finally:
                    server.launch()
                raise AssertionError("a push reached a killed server")
        faults.counts["calls"] += 1
        faults.counts[kind] += 1
        if path == "/v1/sync/push":
            faults.counts[f"push_{kind}"] += 1
        if kind == "offline":
            raise SyncError(SyncProblem.OFFLINE, "injected: not sent")
        answer = self._inner.call(method, path, body=body, params=params, request_id=request_id)
        if kind == "lost":
            raise SyncError(SyncProblem.TIMEOUT, "injected: answer lost")
        if kind == "twice":
            answer = self._inner.call(method, path, body=body, params=params, request_id=request_id)
        return answer

    def close(self) -> None:
        self._inner.close()


# ---------------------------------------------------------------------- a department
class DepartmentClient:
    """A department's browser, talking to the archive's department API."""

    def __init__(self, base_url: str, credential: str) -> None:
        self.base_url = base_url
        self.credential = credential
        self._client = self._connect()

    def _connect(self) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.credential}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def _request(self, method: str, path: str, **kw: Any) -> httpx.Response:
        try:
            return self._client.request(method, path, **kw)
        except httpx.TransportError:
            # A kept connection to the archive process killed meanwhile: it got nothing.
            self._client.close()
            self._client = self._connect()
            return self._client.request(method, path, **kw)

    def close(self) -> None:
        self._client.close()

    def follow_ups(self) -> list[dict[str, Any]]:
        response = self._request("GET", "/v1/department/follow-ups")
        assert response.status_code == 200, response.text
        found: list[dict[str, Any]] = response.json()
        return found

    def post(
        self, follow_up_id: uuid.UUID, kind: str, *, status: str | None = None, text: str = ""
    ) -> httpx.Response:
        body: dict[str, Any] = {"kind": kind, "text": text}
        if status is not None:
            body["status"] = status
        return self._request("POST", f"/v1/department/follow-ups/{follow_up_id}/events", json=body)


__all__ = [
    "COUNTY_STUDIO_ID",
    "Call",
    "DepartmentClient",
    "Faults",
    "FaultyTransport",
    "LocalSnapshot",
    "RecordingTransport",
    "Studio",
    "Tables",
    "central_event_seq",
    "central_rows",
    "count_rows",
    "diff_tables",
    "normalise",
    "read_local",
    "recording_factory",
]
