"""A full disk while the operator types: told in plain words, nothing typed is lost."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import event

from studio_app.storage.store import Store
from tests.ui.helpers import RunningApp, type_text


def _limit_pages(store: Store, extra_pages: int | None) -> None:
    """Cap the database's size (SQLite then fails with SQLITE_FULL, as on a full disk)."""
    engine = store._engine
    # Migrations that rebuild a table leave free pages behind, which would absorb the writes.
    engine.dispose()
    connection = sqlite3.connect(store.path, isolation_level=None)
    try:
        connection.execute("VACUUM")
    finally:
        connection.close()
    pages = store.path.stat().st_size // 4096 + (extra_pages or 0)

    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        limit = pages if extra_pages is not None else 1_073_741_823
        dbapi_connection.execute(f"PRAGMA max_page_count={limit}")

    event.listen(engine, "connect", _on_connect)
    engine.dispose()  # reconnect with the new limit


def test_disk_full_keeps_the_text_and_saves_once_space_returns(qapp, qloop, tmp_path: Path) -> None:
    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path)
        window = await running.start()
        await window.new_session()
        store = running.app.database.store
        await running.app.database.run(lambda s: _limit_pages(s, 0))
        long_text = "磁盘满了也不能丢字。" * 400  # needs new pages
        type_text(window.editor.description_edit, long_text[:40])
        window.editor.description_edit.setPlainText(long_text)
        assert await window.save_now() is False
        assert "disk is full" in window.save_status.text()
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        assert boxes and str(store.path) in boxes[0].text()
        boxes[0].close()
        assert window.editor.description_edit.toPlainText() == long_text
        assert window.has_unsaved_changes
        # Space comes back: the next save stores exactly what is on screen.
        await running.app.database.run(lambda s: _limit_pages(s, None))
        assert await window.save_now() is True
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())
    store = Store.open(tmp_path)
    try:
        with store.read() as uow:
            (summary,) = uow.sessions.list()
            assert uow.sessions.get(summary.id).description == "磁盘满了也不能丢字。" * 400
    finally:
        store.close()


def test_every_storage_call_runs_on_the_database_thread(
    qapp, qloop, tmp_path: Path, monkeypatch
) -> None:
    threads: list[str] = []
    original = Store._transaction

    def _recording(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "_transaction", _recording)

    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path)
        window = await running.start()
        await window.new_session()
        type_text(window.editor.title_edit, "线程")
        await window.save_now()
        await asyncio.sleep(0)
        await running.stop()

    qloop.run_until_complete(scenario())
    assert len(threads) >= 4
    assert all(name.startswith("studio-db") for name in threads), set(threads)
