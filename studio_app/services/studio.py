"""This PC's studio: its name, as the exports and the county archive show it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from studio_app.domain.audit import AuditEntry
from studio_app.domain.organisation import Studio
from studio_app.services.database import Database

if TYPE_CHECKING:
    from studio_app.storage.store import Store


def is_new_data_folder(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds no database yet (ask before the store is opened)."""
    from studio_app.storage.store import DATABASE_NAME

    return not (data_dir / DATABASE_NAME).exists()


class StudioService:
    """Read and rename this PC's studio (the row every synced row points to)."""

    def __init__(self, database: Database, operator: str) -> None:
        self._db = database
        self.operator = operator

    async def studio(self) -> Studio:
        """This PC's studio."""

        def work(store: Store) -> Studio:
            with store.read() as uow:
                return uow.studios.get(store.studio_id)

        return await self._db.run(work)

    async def rename(self, name: str) -> Studio:
        """Give the studio a new name (audited); the same name again writes nothing.

        Raises:
            ValidationError: The name is blank or longer than 200 characters.
            StorageError: The store refused the write (nothing is written).
        """

        def work(store: Store) -> Studio:
            with store.write() as uow:
                before = uow.studios.get(store.studio_id)
                after = before.renamed(name)
                if after == before:
                    return before
                uow.studios.update(after)
                uow.audit.append(
                    AuditEntry.record(
                        store.studio_id,
                        self.operator,
                        "studio.renamed",
                        "studio",
                        after.id,
                        before={"name": before.name},
                        after={"name": after.name},
                    )
                )
                return after

        return await self._db.run(work)
