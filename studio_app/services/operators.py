"""Local operator profiles: who is at the desk, named in every audit entry they cause."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from studio_app.domain.errors import ValidationError
from studio_app.domain.ids import utc_now
from studio_app.domain.operators import OperatorProfile, OperatorRole
from studio_app.services.database import Database

if TYPE_CHECKING:
    from studio_app.storage.store import Store


class OperatorService:
    """List, add, remove and sign in operator profiles (no passwords on the studio PC)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def profiles(self) -> list[OperatorProfile]:
        """Profiles, most recently signed in first."""

        def work(store: Store) -> list[OperatorProfile]:
            with store.read() as uow:
                return uow.operators.all()

        return await self._db.run(work)

    async def add(self, name: str, role: OperatorRole = OperatorRole.OTHER) -> OperatorProfile:
        """Add a profile.

        Raises:
            ValidationError: No name, too long, or the name is taken (``duplicate``).
        """
        profile = OperatorProfile.create(name, role)

        def work(store: Store) -> OperatorProfile:
            with store.write() as uow:
                if uow.operators.find(profile.name) is not None:
                    raise ValidationError("operator.name", "duplicate")
                uow.operators.add(profile)
            return profile

        return await self._db.run(work)

    async def remove(self, profile_id: uuid.UUID) -> None:
        """Remove a profile; what it did stays in the audit trail under its name."""

        def work(store: Store) -> None:
            with store.write() as uow:
                uow.operators.remove(profile_id)

        await self._db.run(work)

    async def sign_in(self, profile_id: uuid.UUID) -> OperatorProfile:
        """Note the sign-in (the list then offers this profile first next time)."""

        def work(store: Store) -> OperatorProfile:
            with store.write() as uow:
                uow.operators.touch(profile_id, utc_now())
                return next(p for p in uow.operators.all() if p.id == profile_id)

        return await self._db.run(work)
