"""Start-up as a user meets it: the real entry point in a child process, and error dialogs."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from studio_app.storage.migrate import SCHEMA_HEAD
from studio_app.ui.errors import ErrorReporter
from tests.ui.helpers import RunningApp

REPO = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.pop("VILLAGE_STUDIO_DATA_DIR", None)
    return env


def _start(data_dir: Path, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio_app", "--data-dir", str(data_dir), *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(),
        cwd=REPO,
    )


def test_first_start_creates_the_store_and_exits_cleanly(tmp_path: Path) -> None:
    result = _start(tmp_path, "--exit-after-start", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("STARTUP window_shown_ms=")
    assert (tmp_path / "studio.db").is_file()
    assert not (tmp_path / "studio.running").exists(), "a clean exit removes the marker"
    log_text = (tmp_path / "logs" / "studio.log").read_text(encoding="utf-8")
    assert "started: window shown after" in log_text
    info = subprocess.run(
        [sys.executable, "-m", "studio_app", "--data-dir", str(tmp_path), "--lang", "en", "info"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
        cwd=REPO,
    )
    assert info.returncode == 0, info.stderr
    assert f"Database:        {tmp_path / 'studio.db'}" in info.stdout
    assert f"Schema revision: {SCHEMA_HEAD} (this version: {SCHEMA_HEAD})" in info.stdout


def test_a_second_instance_is_refused_and_a_killed_one_leaves_no_stale_lock(
    tmp_path: Path,
) -> None:
    first = subprocess.Popen(
        [sys.executable, "-m", "studio_app", "--data-dir", str(tmp_path), "--lang", "en"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
        cwd=REPO,
    )
    try:
        log = tmp_path / "logs" / "studio.log"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if log.exists() and "started: window shown" in log.read_text(encoding="utf-8"):
                break
            assert first.poll() is None, "the first instance died"
            time.sleep(0.1)
        else:
            raise AssertionError("the first instance did not start")
        second = _start(tmp_path, "--exit-after-start", "--lang", "en")
        assert second.returncode == 2
        assert "already running" in second.stderr
        assert str(tmp_path) in second.stderr
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    # The kernel released the lock with the process; the marker tells of the unclean end.
    assert (tmp_path / "studio.running").exists()
    third = _start(tmp_path, "--exit-after-start", "--lang", "en")
    assert third.returncode == 0, third.stderr
    log_text = (tmp_path / "logs" / "studio.log").read_text(encoding="utf-8")
    assert "did not close cleanly" in log_text


def test_a_junk_database_is_refused_with_its_path_and_left_untouched(tmp_path: Path) -> None:
    junk = b"this is a spreadsheet, not a database\n" * 200
    (tmp_path / "studio.db").write_bytes(junk)
    result = _start(tmp_path, "--exit-after-start", "--lang", "en")
    assert result.returncode == 2
    assert "not a Village Studio database or is damaged" in result.stderr
    assert str(tmp_path / "studio.db") in result.stderr
    assert (tmp_path / "studio.db").read_bytes() == junk


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    assert _start(tmp_path, "--exit-after-start").returncode == 0
    with sqlite3.connect(tmp_path / "studio.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = (tmp_path / "studio.db").read_bytes()
    result = _start(tmp_path, "--exit-after-start", "--lang", "en")
    assert result.returncode == 2
    assert "newer version of Village Studio" in result.stderr
    assert (tmp_path / "studio.db").read_bytes() == before


def test_the_storage_error_dialog_names_the_path(qapp, qloop, tmp_path: Path) -> None:
    (tmp_path / "studio.db").write_bytes(b"\x00junk" * 1000)

    async def scenario() -> int:
        running = RunningApp(qapp, tmp_path)
        running.task = asyncio.get_running_loop().create_task(running.app.run())
        box = None
        for _ in range(500):
            await asyncio.sleep(0.01)
            boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
            box = next((b for b in boxes if b.isVisible()), None)
            if box is not None:
                break
        assert box is not None, "no error dialog was shown"
        assert str(tmp_path / "studio.db") in box.text()
        assert box.icon() == QMessageBox.Icon.Critical
        box.accept()
        return await asyncio.wait_for(running.task, 10)

    assert qloop.run_until_complete(scenario()) == 2


def test_unhandled_errors_are_logged_and_shown(qapp, tmp_path: Path) -> None:
    log_file = tmp_path / "studio.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    reporter = ErrorReporter(log_file)
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)
        handler.flush()
        text = log_file.read_text(encoding="utf-8")
        assert "RuntimeError: boom in a slot" in text
        assert "Traceback" in text
        box = reporter._box
        assert box is not None and box.isVisible()
        assert "boom in a slot" in box.text()
        assert str(log_file) in box.text()
        # A second error while the dialog is open is added to it, not a second dialog.
        try:
            raise ValueError("second")
        except ValueError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)
        assert reporter._box is box
        assert "ValueError: second" in box.detailedText()
        box.close()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_the_window_icon_is_shipped_and_matches_the_installers(qapp: object) -> None:
    from PySide6.QtGui import QIcon

    from studio_app.paths import resources_dir

    icon_file = resources_dir() / "icons" / "village-studio.png"
    assert not QIcon(str(icon_file)).isNull()
    installer_icon = resources_dir().parent / "installer" / "icons" / "village-studio.png"
    assert icon_file.read_bytes() == installer_icon.read_bytes()  # make_icons.py writes both
