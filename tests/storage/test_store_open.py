"""Opening the store: new folder, pragmas, transaction modes and the one-instance lock."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

import studio_app
from studio_app.storage import migrate
from studio_app.storage.errors import AlreadyRunningError
from studio_app.storage.store import BACKUP_DIR_NAME, LOCAL_STUDIO_KEY, LOCK_NAME, Store
from tests.storage.storage_helpers import db_path, make_session, raw, table_rows


def test_open_empty_folder_creates_database_at_head_with_lock_and_studio(data_dir: Path) -> None:
    assert not data_dir.exists()
    store = Store.open(data_dir, default_studio_name="青山村演播室")
    try:
        assert store.path == db_path(data_dir)
        assert store.path.is_file()
        assert (data_dir / LOCK_NAME).exists()
        assert store.backup is None  # a new database needs no backup
        assert not (data_dir / BACKUP_DIR_NAME).exists()
        assert migrate.current_revision(store.path) == migrate.head_revision()
        studio_id = store.studio_id
        assert studio_id.int != 0
        with store.read() as uow:
            assert uow.settings.get(LOCAL_STUDIO_KEY) == str(studio_id)
            studio = uow.studios.get(studio_id)
        assert studio.name == "青山村演播室"
    finally:
        store.close()

    # One studio row, which owns itself.
    rows = table_rows(db_path(data_dir), "studio")
    assert [(r[0], r[1]) for r in rows] == [(studio_id.hex, studio_id.hex)]

    reopened = Store.open(data_dir, default_studio_name="another name")
    try:
        assert reopened.studio_id == studio_id
        assert reopened.backup is None
        with reopened.read() as uow:
            assert uow.studios.get(studio_id).name == "青山村演播室"
    finally:
        reopened.close()
    assert len(table_rows(db_path(data_dir), "studio")) == 1


PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def test_every_connection_of_the_store_has_the_durability_pragmas(store: Store) -> None:
    # Hold two pool connections at once so the pool has to open a second one.
    first = store._engine.raw_connection()
    second = store._engine.raw_connection()
    try:
        for connection in (first, second):
            cursor = connection.cursor()
            found = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS}
            cursor.close()
            assert found == PRAGMAS
    finally:
        first.close()
        second.close()
    # The connections the repositories get, for writes and for reads.
    for transaction in (store.write, store.read):
        with transaction() as uow:
            connection = uow.settings._s.connection()
            found = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS
            }
        assert found == PRAGMAS


def _other_writer_can_begin(path: Path) -> bool:
    """Whether a plain connection that does not wait gets the write lock right now."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()
    return True


def test_write_transaction_takes_the_write_lock_at_begin(store: Store) -> None:
    with store.write() as uow:
        # Only a read so far: a deferred transaction would not hold the write lock yet.
        assert uow.settings.get(LOCAL_STUDIO_KEY) is not None
        assert not _other_writer_can_begin(store.path)
    assert _other_writer_can_begin(store.path)


def test_read_transaction_does_not_block_other_writers(store: Store) -> None:
    with store.read() as uow:
        assert uow.settings.get(LOCAL_STUDIO_KEY) == str(store.studio_id)
        assert _other_writer_can_begin(store.path)
        with raw(store.path) as other:
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO local_setting (key, value) VALUES ('other', '写入')")
            other.execute("COMMIT")
    with store.read() as uow:
        assert uow.settings.get("other") == "写入"


def test_read_transaction_rolls_back_what_is_written_in_it(store: Store) -> None:
    with store.read() as uow:
        uow.settings.set("scratch", "x")
        assert uow.settings.get("scratch") == "x"
    with store.read() as uow:
        assert uow.settings.get("scratch") is None


def test_second_open_in_the_same_process_is_refused(store: Store) -> None:
    with pytest.raises(AlreadyRunningError) as caught:
        Store.open(store.data_dir)
    assert caught.value.path == store.data_dir
    # The refused attempt must not have released the first instance's lock.
    with pytest.raises(AlreadyRunningError):
        Store.open(store.data_dir)
    session = make_session(store.studio_id)
    with store.write() as uow:
        uow.sessions.save(session)
    store.close()
    again = Store.open(store.data_dir)
    try:
        with again.read() as uow:
            assert uow.sessions.get(session.id).title == session.title
    finally:
        again.close()


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from studio_app.domain.sessions import BroadcastSession
    from studio_app.storage.store import Store

    store = Store.open(Path(sys.argv[1]))
    session = BroadcastSession.create(store.studio_id, "另一个进程 ✅")
    with store.write() as uow:
        uow.sessions.save(session)
    print(session.id, flush=True)
    sys.stdin.read()
    """
)


def test_other_process_holds_the_folder_until_it_dies(data_dir: Path) -> None:
    repo_root = str(Path(studio_app.__file__).resolve().parent.parent)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([repo_root, os.environ.get("PYTHONPATH", "")]),
    }
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None
        line = holder.stdout.readline().strip()
        assert line, holder.stderr.read() if holder.stderr else "holder died"
        with pytest.raises(AlreadyRunningError) as caught:
            Store.open(data_dir)
        assert caught.value.path == data_dir
        holder.send_signal(signal.SIGKILL)
        assert holder.wait(timeout=10) == -signal.SIGKILL
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        for stream in (holder.stdin, holder.stdout, holder.stderr):
            if stream is not None:
                stream.close()

    # The OS released the lock with the process: no stale lock, and the commit survived.
    store = Store.open(data_dir)
    try:
        with store.read() as uow:
            titles = [s.title for s in uow.sessions.list()]
            assert uow.sessions.get(uuid.UUID(line)).title == "另一个进程 ✅"
        assert titles == ["另一个进程 ✅"]
    finally:
        store.close()
