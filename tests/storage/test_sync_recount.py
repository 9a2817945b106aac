"""SyncService.refresh(if_changed=True): the status bar's cheap recount over a real store."""

from __future__ import annotations

import asyncio
from pathlib import Path

from studio_app.services.database import Database
from studio_app.services.sessions import SessionService
from studio_app.services.sync.service import SyncService
from tests.fakes.credentials import MemoryCredentialStore


def test_waiting_rows_are_recounted_only_after_something_was_saved(tmp_path: Path) -> None:
    async def main() -> None:
        db = Database()
        await db.open(tmp_path, default_studio_name="青山镇")
        service = SyncService(db, tmp_path, MemoryCredentialStore(), environ={})
        try:
            first = await service.refresh()
            assert first.pending == 1  # this PC's studio row, never sent
            counted = db.store.writes
            # Nothing written since: no query, the same status object back.
            assert await service.refresh(if_changed=True) is service.status
            assert db.store.writes == counted
            await SessionService(db, "值班员").create("第五期 村民问答")
            assert db.store.writes > counted
            after = await service.refresh(if_changed=True)
            assert after.pending >= 2  # the session (and its audit entry) wait too
        finally:
            service.close()
            db.close()

    asyncio.run(main())
