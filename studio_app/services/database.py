"""The single database thread: every storage call of the app runs here, one at a time."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from studio_app.storage.store import Store

T = TypeVar("T")


class StoreNotOpenError(RuntimeError):
    """A storage call came before :meth:`Database.open` succeeded or after close."""


class Database:
    """Owns the :class:`Store` and the one thread allowed to touch it.

    SQLite connections and SQLAlchemy sessions stay on that thread; the GUI thread only ever
    awaits results (domain objects). Calls are serialised in submission order, so a save
    issued before a load is always seen by it.
    """

    THREAD_NAME = "studio-db"

    def __init__(self) -> None:
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=self.THREAD_NAME
        )
        self._store: Store | None = None
        self._closed = False

    @property
    def store(self) -> Store:
        """The open store (only for code already running on the database thread)."""
        if self._store is None:
            raise StoreNotOpenError("the local store is not open")
        return self._store

    @property
    def is_open(self) -> bool:
        """Whether :meth:`open` succeeded and :meth:`close` has not run."""
        return self._store is not None

    async def open(self, data_dir: Path, default_studio_name: str) -> Store:
        """Open the store in ``data_dir`` on the database thread (migrating if needed).

        SQLAlchemy and Alembic are imported there too, so the window can show first.
        """

        def _open() -> Store:
            from studio_app.storage.store import Store

            return Store.open(data_dir, default_studio_name=default_studio_name)

        store = await self._submit(_open)
        self._store = store
        return store

    async def run(self, fn: Callable[[Store], T]) -> T:
        """Run ``fn(store)`` on the database thread and return its result."""
        return await self._submit(lambda: fn(self.store))

    async def _submit(self, fn: Callable[[], T]) -> T:
        if self._closed:
            raise StoreNotOpenError("the database has been closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn)

    def close(self) -> None:
        """Finish queued work, close the store (releasing the lock) and stop the thread."""
        if self._closed:
            return
        self._closed = True

        def _close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        try:
            self._executor.submit(_close).result()
        finally:
            self._executor.shutdown(wait=True)
