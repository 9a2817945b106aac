"""Planning sessions: create, edit, list and delete broadcast sessions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from studio_app.domain.audit import AuditEntry
from studio_app.domain.sessions import BroadcastSession, SessionStatus, SessionSummary
from studio_app.services.database import Database
from studio_app.services.record import SessionClosedError

if TYPE_CHECKING:
    from studio_app.storage.store import Store, UnitOfWork

T = TypeVar("T")


class SessionService:
    """Use cases of the session list and the session editor.

    Every method runs its storage work as one transaction on the database thread and returns
    domain objects. Creation and deletion are recorded in the audit trail; plan edits are
    saved continuously (autosave) and are not audited one keystroke at a time.
    """

    def __init__(self, database: Database, operator: str) -> None:
        self._db = database
        self.operator = operator

    async def list_sessions(self) -> list[SessionSummary]:
        """Every session, newest first."""
        return await self._db.run(lambda store: _read(store, lambda uow: uow.sessions.list()))

    async def load(self, session_id: uuid.UUID) -> BroadcastSession:
        """One session with its guests and agenda."""
        return await self._db.run(
            lambda store: _read(store, lambda uow: uow.sessions.get(session_id))
        )

    async def create(self, title: str, scheduled_start: datetime | None = None) -> BroadcastSession:
        """Create and store a new planned session for this studio."""

        def work(store: Store) -> BroadcastSession:
            session = BroadcastSession.create(store.studio_id, title, scheduled_start)
            with store.write() as uow:
                saved = uow.sessions.save(session)
                uow.audit.append(
                    AuditEntry.record(
                        store.studio_id,
                        self.operator,
                        "session.created",
                        "session",
                        saved.id,
                        session_id=saved.id,
                        after=saved,
                    )
                )
            return saved

        return await self._db.run(work)

    async def save(self, session: BroadcastSession) -> BroadcastSession:
        """Store the whole session as edited; return it as stored.

        Raises:
            ValidationError: The session is not valid, or its record is closed (nothing is
                written).
            StorageError: The store refused the write (nothing is written).
        """
        session = session.validated()

        def work(store: Store) -> BroadcastSession:
            with store.write() as uow:
                if uow.sessions.stored_status(session.id) is SessionStatus.CLOSED:
                    raise SessionClosedError
                return uow.sessions.save(session)

        return await self._db.run(work)

    async def delete(self, session_id: uuid.UUID) -> None:
        """Delete a session (a tombstone: it disappears here and, after sync, centrally)."""

        def work(store: Store) -> None:
            with store.write() as uow:
                before = uow.sessions.get(session_id)
                uow.sessions.delete(session_id)
                uow.audit.append(
                    AuditEntry.record(
                        store.studio_id,
                        self.operator,
                        "session.deleted",
                        "session",
                        session_id,
                        session_id=session_id,
                        before=before,
                    )
                )

        await self._db.run(work)


def _read(store: Store, fn: Callable[[UnitOfWork], T]) -> T:
    with store.read() as uow:
        return fn(uow)
