"""Schema migrations at start-up: refuse newer databases, back up, then upgrade."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from studio_app.storage.engine import create_sqlite_engine
from studio_app.storage.errors import (
    DatabaseCorruptError,
    MigrationError,
    NewerDatabaseError,
    StorageError,
    from_os_error,
    from_sqlite_error,
)

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

#: The newest revision in migrations/versions. A test keeps it equal to Alembic's head; it
#: lets an up-to-date database open without importing Alembic (a third of start-up time).
SCHEMA_HEAD = "0006"

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BACKUPS_KEPT = 10


def alembic_config() -> Config:
    """An Alembic config built in code: no ``alembic.ini`` is needed at run time."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_directory() -> ScriptDirectory:
    """The migration scripts shipped with this version of the app."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(path: Path) -> str | None:
    """Return the schema revision stored in ``path`` (``None`` for a new, empty database).

    Raises:
        DatabaseCorruptError: The file is not a SQLite database, or a damaged one.
    """
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise from_sqlite_error(exc, path) or DatabaseCorruptError(path, str(exc)) from exc
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseCorruptError(path, "a SQLite file that is not a Village Studio store")
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.Error as exc:
        raise from_sqlite_error(exc, path) or DatabaseCorruptError(path, str(exc)) from exc
    finally:
        connection.close()


def check_integrity(path: Path) -> None:
    """Run ``PRAGMA quick_check``; raise :class:`DatabaseCorruptError` if it finds damage."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = [row[0] for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.Error as exc:
        raise from_sqlite_error(exc, path) or DatabaseCorruptError(path, str(exc)) from exc
    finally:
        connection.close()
    if result != ["ok"]:
        raise DatabaseCorruptError(path, "; ".join(result[:5]))


def backup(path: Path, backup_dir: Path, revision: str) -> Path:
    """Copy the database with ``VACUUM INTO`` (a consistent copy, even in WAL mode).

    Keeps the newest :data:`BACKUPS_KEPT` backups and removes older ones.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{path.stem}-{stamp}-rev{revision}.db"
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            connection.execute("VACUUM INTO ?", (str(target),))
        finally:
            connection.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise from_sqlite_error(exc, target) or StorageError(target, str(exc)) from exc
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise from_os_error(exc, target) from exc
    old = sorted(backup_dir.glob(f"{path.stem}-*-rev*.db"))[:-BACKUPS_KEPT]
    for stale in old:
        stale.unlink(missing_ok=True)
    return target


def upgrade(path: Path, backup_dir: Path) -> Path | None:
    """Bring the database at ``path`` to the head revision; return the backup made, if any.

    A new database is created at head without a backup. An existing one older than head is
    integrity-checked and copied to ``backup_dir`` first. The upgrade runs in one transaction
    on its own connection with foreign keys off (batch mode rebuilds tables), then
    ``PRAGMA foreign_key_check`` must come back empty or the upgrade is rolled back.

    Raises:
        NewerDatabaseError: The stored revision is unknown to this version (a newer app wrote it).
        DatabaseCorruptError: The file is not a store or is damaged.
        MigrationError: The upgrade failed; the database is left as it was.
    """
    current = current_revision(path) if path.exists() and path.stat().st_size else None
    if current == SCHEMA_HEAD:
        return None
    from alembic import command

    scripts = script_directory()
    head = scripts.get_current_head()
    if current == head:
        return None
    if current is not None:
        known = {rev.revision for rev in scripts.walk_revisions()}
        if current not in known:
            raise NewerDatabaseError(path, current)
        check_integrity(path)
    made = backup(path, backup_dir, current) if current is not None else None
    log.info("upgrading %s from %s to %s (backup: %s)", path, current, head, made)
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if problems:
                raise MigrationError(path, f"foreign key check failed: {problems[:5]}", made)
    except StorageError:
        raise
    except Exception as exc:
        mapped = from_sqlite_error(getattr(exc, "orig", exc), path)
        if mapped is not None:
            raise mapped from exc
        raise MigrationError(path, f"{type(exc).__name__}: {exc}", made) from exc
    finally:
        engine.dispose()
    return made
