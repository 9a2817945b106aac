"""Storage failures the user can act on, each naming the path involved."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class StorageError(Exception):
    """A storage problem with a stable ``kind`` the UI turns into a translated message.

    Attributes:
        kind: One of the ``KIND_*`` values of the subclasses.
        path: The file or folder concerned.
        detail: The underlying technical message, for the log (never shown alone).
    """

    kind = "storage"

    def __init__(self, path: Path | str, detail: str = "") -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"{self.kind}: {self.path}" + (f" ({detail})" if detail else ""))


class DatabaseCorruptError(StorageError):
    """The database file is not a SQLite database or is damaged."""

    kind = "corrupt"


class ReadOnlyError(StorageError):
    """The data folder or database file cannot be written."""

    kind = "read_only"


class DiskFullError(StorageError):
    """The disk holding the data folder is full."""

    kind = "disk_full"


class NewerDatabaseError(StorageError):
    """The database was written by a newer version of the app."""

    kind = "newer_version"

    def __init__(self, path: Path | str, revision: str) -> None:
        super().__init__(path, f"unknown schema revision {revision}")
        self.revision = revision


class AlreadyRunningError(StorageError):
    """Another instance of the app holds the data folder."""

    kind = "already_running"


class DatabaseBusyError(StorageError):
    """The database stayed locked by another process for longer than the busy timeout."""

    kind = "busy"


class MigrationError(StorageError):
    """Upgrading the database failed; the backup taken before is named in ``backup``."""

    kind = "migration_failed"

    def __init__(self, path: Path | str, detail: str, backup: Path | None) -> None:
        super().__init__(path, detail)
        self.backup = backup


_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


def from_os_error(exc: OSError, path: Path | str) -> StorageError:
    """Map an ``OSError`` raised while touching ``path`` to a :class:`StorageError`."""
    where = exc.filename or path
    if exc.errno in _FULL_ERRNOS:
        return DiskFullError(where, str(exc))
    if exc.errno in _READ_ONLY_ERRNOS:
        return ReadOnlyError(where, str(exc))
    return StorageError(where, str(exc))


def from_sqlite_error(exc: BaseException, path: Path | str) -> StorageError | None:
    """Map a ``sqlite3`` error to a :class:`StorageError`, or ``None`` if it is a bug.

    Uses the primary result code (``sqlite_errorcode & 0xFF``, Python 3.11+), falling back to
    the message for drivers that do not carry the code.
    """
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(exc).lower()
    if primary == sqlite3.SQLITE_FULL or "disk is full" in message:
        return DiskFullError(path, str(exc))
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM) or "readonly" in message:
        return ReadOnlyError(path, str(exc))
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or (
        "not a database" in message or "malformed" in message
    ):
        return DatabaseCorruptError(path, str(exc))
    if primary == sqlite3.SQLITE_CANTOPEN or "unable to open" in message:
        return ReadOnlyError(path, str(exc))
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in message:
        return DatabaseBusyError(path, str(exc))
    if primary == sqlite3.SQLITE_IOERR:
        return StorageError(path, str(exc))
    return None
