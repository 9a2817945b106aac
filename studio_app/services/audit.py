"""Reading the audit trail: per session and per question, oldest first."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from studio_app.domain.audit import AuditEntry
from studio_app.services.database import Database

if TYPE_CHECKING:
    from studio_app.storage.store import Store


class AuditService:
    """The audit trail as the audit view shows it."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def for_session(self, session_id: uuid.UUID) -> list[AuditEntry]:
        """Everything done in a session: moderation, on air, record, follow-ups."""

        def work(store: Store) -> list[AuditEntry]:
            with store.read() as uow:
                return uow.audit.for_session(session_id)

        return await self._db.run(work)

    async def for_question(self, question_id: uuid.UUID) -> list[AuditEntry]:
        """A question's history: its moderation, airing, answer and follow-ups made from it."""

        def work(store: Store) -> list[AuditEntry]:
            with store.read() as uow:
                entries = uow.audit.for_entity("question", question_id)
                for follow_up in uow.follow_ups.matching(
                    question_id=question_id, include_rehearsals=True
                ):
                    entries += [
                        e
                        for e in uow.audit.for_entity("follow_up", follow_up.id)
                        if e.action != "follow_up.created"  # already under the question
                    ]
            return sorted(entries, key=lambda e: (e.at, e.id))

        return await self._db.run(work)
