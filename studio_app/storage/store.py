"""The local store: one data folder, one SQLite file, one app instance at a time.

All methods block; the services layer calls them on its single database thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filelock
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from studio_app.domain.ids import HybridLogicalClock
from studio_app.domain.organisation import Studio
from studio_app.storage import migrate
from studio_app.storage.engine import create_sqlite_engine
from studio_app.storage.errors import (
    AlreadyRunningError,
    StorageError,
    from_os_error,
    from_sqlite_error,
)
from studio_app.storage.repositories import (
    AnswerRepository,
    AuditRepository,
    BroadcastRepository,
    DepartmentRepository,
    FollowUpRepository,
    OperatorRepository,
    QuestionRepository,
    SessionRepository,
    SettingsRepository,
    StudioRepository,
)
from studio_app.storage.sync import SyncRepository

log = logging.getLogger(__name__)

DATABASE_NAME = "studio.db"
LOCK_NAME = "studio.lock"
BACKUP_DIR_NAME = "backups"
LOCAL_STUDIO_KEY = "local_studio_id"
#: Present while the app runs; found at start-up it means the last run did not close cleanly.
RUNNING_MARKER = "studio.running"


@dataclass(frozen=True, slots=True)
class UnitOfWork:
    """The repositories of one transaction; valid only inside ``Store.read``/``Store.write``."""

    settings: SettingsRepository
    sync: SyncRepository
    studios: StudioRepository
    departments: DepartmentRepository
    sessions: SessionRepository
    questions: QuestionRepository
    answers: AnswerRepository
    follow_ups: FollowUpRepository
    audit: AuditRepository
    broadcast: BroadcastRepository
    operators: OperatorRepository


class Store:
    """An open local store. Create it with :meth:`open`; :meth:`close` it on quit."""

    def __init__(
        self,
        data_dir: Path,
        lock: filelock.BaseFileLock,
        clock: HybridLogicalClock,
        backup: Path | None,
        recovered: bool = False,
    ) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DATABASE_NAME
        self.clock = clock
        #: The backup taken before this start's migration, if one ran.
        self.backup = backup
        #: The previous run ended without closing the store (crash, kill, power cut).
        self.recovered = recovered
        self._lock = lock
        self._engine = create_sqlite_engine(self.path)
        #: Write transactions committed since the store was opened (on the database thread).
        #: Cheap to compare: sync recounts its waiting rows only when this has moved.
        self.writes = 0
        self._writer = sessionmaker(self._engine, expire_on_commit=False)
        self._reader = sessionmaker(
            self._engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        )
        self.studio_id: uuid.UUID = uuid.UUID(int=0)

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        default_studio_name: str = "Studio",
        clock: HybridLogicalClock | None = None,
    ) -> Store:
        """Open (creating if needed) the store in ``data_dir``.

        Takes the instance lock, checks the folder is writable, refuses a damaged or newer
        database, backs up and migrates an older one, and makes sure this PC has a studio.

        Raises:
            StorageError: A subclass saying what is wrong and with which path.
        """
        data_dir = data_dir.expanduser().resolve()
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            _probe_writable(data_dir)
        except OSError as exc:
            # Name the folder, not the probe file (which no longer exists).
            raise from_os_error(OSError(exc.errno, exc.strerror), data_dir) from exc
        lock = filelock.FileLock(str(data_dir / LOCK_NAME), timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout as exc:
            raise AlreadyRunningError(data_dir) from exc
        except OSError as exc:
            raise from_os_error(exc, data_dir / LOCK_NAME) from exc
        store: Store | None = None
        try:
            path = data_dir / DATABASE_NAME
            marker = data_dir / RUNNING_MARKER
            recovered = marker.exists()
            if recovered and path.exists() and path.stat().st_size:
                # SQLite's WAL makes a kill or power cut safe for committed data; a check
                # after one still catches a damaged disk before the operator relies on it.
                log.warning("the last run did not close cleanly; checking %s", path)
                migrate.check_integrity(path)
            made = migrate.upgrade(path, data_dir / BACKUP_DIR_NAME)
            store = cls(data_dir, lock, clock or HybridLogicalClock(), made, recovered)
            store._start(default_studio_name)
            _write_marker(marker)
            return store
        except BaseException:
            if store is not None:
                store._engine.dispose()
            lock.release()
            raise

    def _start(self, default_studio_name: str) -> None:
        with self.read() as uow:
            highest = uow.sync.highest_hlc()
            if highest is not None:
                self.clock.observe(highest)
            existing = uow.settings.get(LOCAL_STUDIO_KEY)
        if existing is not None:
            self.studio_id = uuid.UUID(existing)
            return
        studio = Studio.create(default_studio_name)
        with self.write() as uow:
            uow.studios.add(studio)
            uow.settings.set(LOCAL_STUDIO_KEY, str(studio.id))
        self.studio_id = studio.id

    @contextlib.contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """A write transaction (``BEGIN IMMEDIATE``), committed when the block ends.

        Raises:
            StorageError: Disk full, read-only, damaged or busy database; nothing is written.
        """
        with self._transaction(self._writer) as uow:
            yield uow
        self.writes += 1

    @contextlib.contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """A read transaction (deferred); anything written in it is rolled back."""
        with self._transaction(self._reader, commit=False) as uow:
            yield uow

    @contextlib.contextmanager
    def _transaction(
        self, factory: sessionmaker[Session], commit: bool = True
    ) -> Iterator[UnitOfWork]:
        session = factory()
        try:
            with session.begin():
                yield self._unit(session)
                if not commit:
                    session.rollback()
        except DBAPIError as exc:
            mapped = from_sqlite_error(exc.orig, self.path) if exc.orig is not None else None
            if mapped is None:
                raise
            log.error("storage error on %s: %s", self.path, exc.orig)
            raise mapped from exc
        except OSError as exc:
            raise from_os_error(exc, self.path) from exc
        finally:
            session.close()

    def _unit(self, session: Session) -> UnitOfWork:
        clock = self.clock
        return UnitOfWork(
            settings=SettingsRepository(session),
            sync=SyncRepository(session, clock),
            studios=StudioRepository(session, clock),
            departments=DepartmentRepository(session, clock),
            sessions=SessionRepository(session, clock),
            questions=QuestionRepository(session, clock),
            answers=AnswerRepository(session, clock),
            follow_ups=FollowUpRepository(session, clock),
            audit=AuditRepository(session, clock),
            broadcast=BroadcastRepository(session, clock),
            operators=OperatorRepository(session),
        )

    def close(self) -> None:
        """Close every connection (checkpointing the WAL) and release the instance lock."""
        try:
            self._engine.dispose()
            (self.data_dir / RUNNING_MARKER).unlink(missing_ok=True)
        finally:
            self._lock.release()


def _write_marker(marker: Path) -> None:
    try:
        marker.write_text(str(os.getpid()), encoding="ascii")
    except OSError as exc:
        raise from_os_error(exc, marker) from exc


def _probe_writable(folder: Path) -> None:
    """Raise ``OSError`` if nothing can be created in ``folder`` (SQLite needs -wal/-shm)."""
    probe = folder / f".write-probe-{os.getpid()}"
    with open(probe, "wb") as handle:
        handle.write(b"ok")
        handle.flush()
        os.fsync(handle.fileno())
    probe.unlink()


__all__ = ["StorageError", "Store", "UnitOfWork"]
