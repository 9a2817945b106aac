"""A disk that fills up or a folder that cannot be written: no half-written export is left.

The disk fills up for real in two ways: in a child process whose file size limit
(``RLIMIT_FSIZE``) stops every write past a few kilobytes, exactly as a full disk stops it
mid-file (the kernel fails the write with ``EFBIG``; CPython ignores ``SIGXFSZ``), and — where
the test may mount file systems (root in CI) — on a real 64 KB tmpfs that is truly full. The
read-only folder is a read-only tmpfs (root) or a folder without write permission (others).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_app.storage.store import Store
from tests.export_seed import seed_show

REPO = Path(__file__).resolve().parents[2]
FORMATS = ("xlsx", "docx", "pdf", "csv", "json", "chapters")

#: Reads the record first, then limits file sizes and exports one format into a folder.
CHILD = r"""
import json, resource, sys
from datetime import UTC, date, datetime
from pathlib import Path
from studio_app.services.export.base import ExportContext
from studio_app.services.export.dossier import read_dossiers, list_sessions
from studio_app.services.export.files import ExportWriteError
from studio_app.services.export.labels import ExportLabels
from studio_app.services.export.service import (
    ExportFormat, ExportRequest, ExportScope, write_exports,
)
from studio_app.storage.store import Store
import studio_app.services.export.fonts as fonts

data_dir, out, fmt, limit = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
store = Store.open(Path(data_dir), default_studio_name="x")
ids = [s.id for s in list_sessions(store)]
dossiers = read_dossiers(store, ids)
store.close()
fonts.find_cjk_font()  # the font is read before the limit, as a PDF export reads it first
request = ExportRequest(scope=ExportScope.sessions(*ids), formats=(ExportFormat(fmt),),
                        destination=out)
context = ExportContext(labels=ExportLabels(), exported_at=datetime.now(UTC),
                        exported_by="t", app_version="t", today=date(2027, 1, 1))
if limit:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
try:
    write_exports(dossiers, request, context, lambda p: None)
except ExportWriteError as error:
    print(json.dumps({"reason": error.reason, "path": str(error.path)}))
    sys.exit(3)
print(json.dumps({"reason": None}))
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("disk") / "data"
    store = Store.open(folder, default_studio_name="青山村演播室")
    try:
        seed_show(store, questions=60)
    finally:
        store.close()
    return folder


def _export(data_dir: Path, out: Path, fmt: str, limit: int = 0) -> dict[str, str | None]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(out), fmt, str(limit)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env, cwd=REPO,
    )  # fmt: skip
    assert done.returncode in (0, 3), done.stderr[-3000:]
    result: dict[str, str | None] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _earlier_files(out: Path) -> dict[str, bytes]:
    """An earlier export of every format, which a failed export must leave untouched."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", FORMATS)
def test_disk_full_mid_file_leaves_nothing_half_written(
    data_dir: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    assert _export(data_dir, out, fmt) == {"reason": None}
    before = _earlier_files(out)
    assert before
    # Make the earlier files look different, so an overwrite by a partial file would show.
    for name in before:
        (out / name).write_bytes(b"earlier " + name.encode())
    before = _earlier_files(out)
    # A limit below every file's size: each format's first file fails part-way.
    failed = _export(data_dir, out, fmt, limit=min(len(b) for b in before.values()) // 2 or 1)
    assert failed["reason"] == "no_space"
    assert _earlier_files(out) == before  # nothing replaced, nothing added (no temp files)


def _can_mount() -> bool:
    return sys.platform == "linux" and os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs at a fresh folder (root only: it is unmounted afterwards)."""
    if not _can_mount():
        pytest.skip("mounting a tmpfs needs root on Linux (CI runs as root)")
    mount_point = tmp_path / f"tmpfs-{uuid.uuid4().hex[:6]}"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_really_full_disk(data_dir: Path, tmpfs: Path) -> None:
    # Fill the tmpfs to the last block, then export into it.
    filler = tmpfs / "filler.bin"
    stream = open(filler, "wb")  # noqa: SIM115 - closing a full file raises too
    try:
        while True:
            stream.write(b"\0" * 4096)
            stream.flush()
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            stream.close()
    names = {p.name for p in tmpfs.iterdir()}
    result = _export(data_dir, tmpfs / "out", "pdf")
    assert result["reason"] == "no_space"
    leftover = {p.name for p in tmpfs.iterdir()} - names - {"out"}
    assert leftover == set()
    assert not (tmpfs / "out").exists() or list((tmpfs / "out").iterdir()) == []


def test_a_read_only_folder(data_dir: Path, tmp_path: Path) -> None:
    if _can_mount():
        folder = tmp_path / "ro"
        folder.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", str(folder)],
            capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            pytest.skip(f"cannot mount a read-only tmpfs here: {done.stderr.strip()}")
    elif os.name == "posix" and os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
    else:
        pytest.skip("no way to make a read-only folder here")
    try:
        result = _export(data_dir, folder, "xlsx")
        assert result["reason"] == "read_only"
        assert list(folder.iterdir()) == []
    finally:
        if _can_mount():
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            folder.chmod(0o700)
