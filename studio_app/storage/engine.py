"""SQLite engine set-up: the pragmas that make a committed answer survive a power cut."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT_MS = 5000

#: Applied to every connection. ``synchronous=FULL`` fsyncs the WAL on every commit: a power
#: cut cannot lose an acknowledged write, and the cost stays far below typing speed
#: (tests/bench/bench_storage.py measures it).
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def sqlite_url(path: Path) -> str:
    """Return the SQLAlchemy URL of a SQLite file."""
    return f"sqlite+pysqlite:///{path}"


def create_sqlite_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """Create an engine on ``path`` with the store's pragmas and ``BEGIN IMMEDIATE`` writes.

    pysqlite's own transaction handling is switched off (``isolation_level=None``) and the
    ``begin`` event emits the BEGIN itself: ``IMMEDIATE`` takes the write lock at the start,
    so a write transaction never fails half-way with SQLITE_BUSY on lock upgrade. A
    connection with the execution option ``sqlite_begin="DEFERRED"`` starts read
    transactions instead.

    Args:
        path: The database file.
        foreign_keys: ``False`` only for migrations, which rebuild tables in batch mode.
    """
    engine = create_engine(sqlite_url(path), connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in PRAGMAS:
                if not foreign_keys and "foreign_keys" in pragma:
                    cursor.execute("PRAGMA foreign_keys=OFF")
                else:
                    cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")
        # Foreign keys are checked at COMMIT, not per statement: the ORM flushes rows of
        # unrelated mappers in its own order, and a parent added in the same transaction as
        # its child must not fail. A violation still aborts the whole commit.
        connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")

    return engine
