"""Writing export files so that a failure never leaves a half-written file behind.

Each file is written to a hidden temporary file in the target folder, flushed to disk and
renamed over the target in one step; a failure (a full disk, a read-only folder, a cancel)
removes the temporary file and leaves any earlier file of that name untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class ExportWriteError(OSError):
    """A file could not be written; nothing of it is left. ``reason`` names the cause."""

    NO_SPACE = "no_space"
    READ_ONLY = "read_only"
    NOT_FOUND = "not_found"
    OTHER = "other"

    def __init__(self, path: Path, reason: str, detail: str = "") -> None:
        super().__init__(f"cannot write {path}: {detail or reason}")
        self.path = path
        self.reason = reason
        self.detail = detail


def reason_of(error: OSError) -> str:
    """Which :class:`ExportWriteError` reason an OS error is."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return ExportWriteError.NO_SPACE
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportWriteError.READ_ONLY
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return ExportWriteError.NOT_FOUND
    return ExportWriteError.OTHER


def as_write_error(path: Path, error: OSError) -> ExportWriteError:
    """``error`` as the export error for ``path``."""
    if isinstance(error, ExportWriteError):
        return error
    return ExportWriteError(path, reason_of(error), error.strerror or str(error))


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write ``target``'s content to; renamed to ``target`` on success.

    For writers that want a path (openpyxl, python-docx, fpdf2, FFmpeg). The temporary file
    sits next to the target (same file system, so the rename is atomic) and keeps the
    target's suffix, which some writers look at.

    Raises:
        ExportWriteError: The folder is missing or read-only, or the disk is full.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem[:40]}.", suffix=f".part{target.suffix}", dir=target.parent
        )
        os.close(handle)
    except OSError as error:
        raise as_write_error(target, error) from error
    temporary = Path(name)
    try:
        yield temporary
        _sync(temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise as_write_error(target, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_text(target: Path, *, bom: bool = False) -> Iterator[IO[str]]:
    """A text file (UTF-8, newlines kept as given) that appears at ``target`` only when done."""
    with atomic_path(target) as temporary:
        encoding = "utf-8-sig" if bom else "utf-8"
        try:
            with open(temporary, "w", encoding=encoding, newline="") as stream:
                yield stream
        except OSError as error:
            raise as_write_error(target, error) from error


def _sync(path: Path) -> None:
    """Flush ``path`` to the disk, so a full disk shows now and a power cut loses nothing."""
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())


def ensure_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents) if missing.

    Raises:
        ExportWriteError: It cannot be created or is not a folder.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise as_write_error(folder, error) from error
    if not folder.is_dir():
        raise ExportWriteError(folder, ExportWriteError.NOT_FOUND, "not a folder")
    return folder


_UNSAFE = str.maketrans({c: "_" for c in '<>:"/\\|?*\0'} | {c: " " for c in "\r\n\t"})


def safe_file_name(text: str, limit: int = 60) -> str:
    """``text`` usable as a file name on Windows and Linux (Chinese kept), cut to ``limit``."""
    name = " ".join(text.translate(_UNSAFE).split()).strip(". ")
    return name[:limit].rstrip(". ") or "_"
