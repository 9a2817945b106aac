"""The frozen app: installer/build-linux.sh builds the bundle and tarball, then they are run.

The bundle is built once per test session (about a minute and a half on CI's two cores, most
of it PyInstaller's analysis; the first build on a machine also sets up build/venv). Set
``VILLAGE_STUDIO_REUSE_BUNDLE=1`` to test an existing ``dist/`` instead, while working on
these tests. Deselect them all with ``-m 'not frozen'``.
"""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import QTranslator

from studio_app import __version__
from studio_app.paths import translations_dir
from studio_app.storage import migrate
from studio_app.storage.store import Store
from tests.export_seed import seed_show

pytestmark = [
    pytest.mark.frozen,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (sys.platform.startswith("linux") and platform.machine() == "x86_64"),
        reason="the Linux bundle is built and tested on x86_64 Linux only",
    ),
]

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist"
BUNDLE = DIST / "VillageStudio"
EXE = BUNDLE / "VillageStudio"
TARBALL_NAME = f"VillageStudio-{__version__}-linux-x86_64"
TARBALL = DIST / f"{TARBALL_NAME}.tar.gz"
BUILD_TIMEOUT = 1500
#: What the bundle must never contain: the archive server, test tools, unused Qt parts.
UNWANTED_MODULES = (
    "fastapi", "uvicorn", "starlette", "psycopg", "psycopg_pool", "pydantic",
    "studio_app.archive", "pytest", "_pytest", "hypothesis", "schemathesis", "mypy",
    "tests", "tkinter", "PyQt5", "PyQt6", "PySide2",
)  # fmt: skip
#: Imported late (inside functions, by name or by other packages' plugins): must be there.
NEEDED_MODULES = (
    "obsws_python", "websocket", "httpx", "segno", "openpyxl", "docx", "fpdf",
    "fontTools.subset", "fontTools.ttLib.tables._c_m_a_p", "chinese_calendar", "zhconv",
    "keyring.backends.SecretService", "keyring.backends.Windows", "qasync",
    "alembic.ddl.sqlite", "alembic.op", "platformdirs", "filelock", "certifi",
    "studio_app.ui.main_window", "studio_app.services.web.server",
)  # fmt: skip
UNWANTED_FILES = (
    "libgtk-3", "libQt6Network", "libQt6Qml", "libQt6Quick", "libQt6WebEngine",
    "libQt6Pdf", "libqgtk3", "libqeglfs", "libstdc++",
)  # fmt: skip


@pytest.fixture(scope="session")
def bundle(request: pytest.FixtureRequest) -> Path:
    """dist/VillageStudio, built by installer/build-linux.sh in this session."""
    reuse = os.environ.get("VILLAGE_STUDIO_REUSE_BUNDLE") == "1"
    if not (reuse and EXE.is_file() and TARBALL.is_file()):
        started = time.perf_counter()
        env = dict(os.environ)
        env.pop("VIRTUAL_ENV", None)
        try:
            done = subprocess.run(
                ["bash", str(REPO / "installer" / "build-linux.sh")],
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT,
                env=env,
                cwd=REPO,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as error:
            pytest.fail(f"installer/build-linux.sh took over {BUILD_TIMEOUT} s: {error.stderr!r}")
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            pytest.fail(
                f"installer/build-linux.sh failed (exit {done.returncode}):\n"
                f"{done.stdout[-5000:]}\n{done.stderr[-5000:]}"
            )
        # Into the test log, past output capturing: CI's time budget is watched.
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(
                    f"\ninstaller/build-linux.sh: {elapsed:.0f} s, bundle "
                    f"{_size(BUNDLE) / 2**20:.0f} MiB, tarball "
                    f"{TARBALL.stat().st_size / 2**20:.0f} MiB"
                )
    assert EXE.is_file() and os.access(EXE, os.X_OK)
    return BUNDLE


def _size(folder: Path) -> int:
    """Bytes in ``folder``; the bundle's symbolic links to libraries count once."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("VILLAGE_STUDIO_DATA_DIR", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    env.update(extra)
    return env


def _run(
    exe: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env or _env(),
        cwd=exe.parent,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


def _chinese(context: str, source: str) -> str:
    """``source`` as the app's compiled Chinese catalogue has it (from the source tree)."""
    translator = QTranslator()
    assert translator.load("village_studio_zh_CN", str(translations_dir()))
    text = translator.translate(context, source)
    assert text and text != source, f"no Chinese for {source!r}"
    return text


def _schema_revision(database: Path) -> str:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return str(row[0])


def test_the_frozen_app_starts_migrates_and_shows_its_window_in_chinese(
    bundle: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    env = _env(VILLAGE_STUDIO_DATA_DIR=str(data_dir))
    started = _run(EXE, "--exit-after-start", "--lang", "zh_CN", env=env)
    assert started.returncode == 0, started.stderr
    # Printed by the app once the window is shown and the sessions are loaded.
    assert started.stdout.startswith("STARTUP window_shown_ms="), started.stdout
    assert "Traceback" not in started.stderr, started.stderr
    database = data_dir / "studio.db"
    assert database.is_file()
    # Alembic ran the bundled revision scripts up to the source tree's head.
    head = migrate.head_revision()
    assert head == migrate.SCHEMA_HEAD
    assert _schema_revision(database) == head
    log = (data_dir / "logs" / "studio.log").read_text(encoding="utf-8")
    assert f" -> {head}, " in log, "no migration ran"
    assert "started: window shown after" in log
    # Both catalogues were found in the bundle: the app's and Qt's qtbase_zh_CN.qm.
    for catalogue in ("village_studio_zh_CN", "qtbase_zh_CN"):
        assert f"translation {catalogue} not found" not in log, log
    assert " ERROR [" not in log, log


def test_the_frozen_command_line_speaks_chinese_and_knows_the_schema(
    bundle: Path, tmp_path: Path
) -> None:
    head = migrate.head_revision()
    info = _run(EXE, "--data-dir", str(tmp_path / "data"), "--lang", "zh_CN", "info")
    assert info.returncode == 0, info.stderr
    expected = _chinese("cli", "Schema revision: {0} (this version: {1})").format(head, head)
    assert expected in info.stdout, info.stdout
    assert _chinese("cli", "Data folder:     {0}").format(tmp_path / "data") in info.stdout
    version = _run(EXE, "--version")
    assert version.returncode == 0 and __version__ in version.stdout
    # obsws-python and websocket-client load in the bundle; nothing listens on port 9.
    obs = _run(
        EXE, "--lang", "zh_CN", "--data-dir", str(tmp_path / "data"), "obs", "check",
        "--host", "127.0.0.1", "--port", "9", "--timeout", "5",
    )  # fmt: skip
    assert obs.returncode == 3, obs.stderr
    assert "127.0.0.1:9" in obs.stderr and "Traceback" not in obs.stderr


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_the_frozen_app_opens_a_window_on_an_x_server(bundle: Path, tmp_path: Path) -> None:
    """The xcb platform plugin and the X libraries left in the bundle are enough."""
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", str(EXE), "--exit-after-start",
         "--lang", "en"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env=_env(QT_QPA_PLATFORM="xcb", VILLAGE_STUDIO_DATA_DIR=str(tmp_path / "data")),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "STARTUP window_shown_ms=" in done.stdout
    assert "Could not load the Qt platform plugin" not in done.stderr


def test_the_frozen_app_writes_every_export_format_and_imports_a_record(
    bundle: Path, tmp_path: Path
) -> None:
    """openpyxl, python-docx's templates, fpdf2 with fontTools and the CSV/JSON writers."""
    data_dir = tmp_path / "data"
    store = Store.open(data_dir, default_studio_name="青山村演播室")
    try:
        show = seed_show(store, title="十一月 村民问答")
    finally:
        store.close()
    out = tmp_path / "out"
    exported = _run(
        EXE, "--lang", "en", "export", "--all", "--format", "xlsx,docx,pdf,csv,json,chapters",
        "-o", str(out), "--data-dir", str(data_dir),
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    made = {p.suffix for p in out.rglob("*") if p.is_file()}
    assert {".xlsx", ".docx", ".pdf", ".csv", ".json", ".txt"} <= made, sorted(out.rglob("*"))
    assert next(out.rglob("*.pdf")).read_bytes().startswith(b"%PDF")
    assert any(show.title in p.text for p in Document(str(next(out.rglob("*.docx")))).paragraphs)
    assert len(load_workbook(next(out.rglob("*.xlsx")), read_only=True).sheetnames) >= 3

    other = tmp_path / "other"
    imported = _run(
        EXE, "--lang", "en", "records", "import", str(next(out.rglob("*.json"))),
        "--data-dir", str(other),
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 sessions" in imported.stdout


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="FFmpeg is not installed")
def test_the_frozen_app_cuts_clips_with_the_systems_ffmpeg(bundle: Path, tmp_path: Path) -> None:
    """FFmpeg, started by the frozen app, sees the system's libraries, not the bundle's."""
    recording = tmp_path / "recording.mkv"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
         "-t", "52", "-c:v", "libx264", "-g", "10", "-preset", "ultrafast", str(recording)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data_dir = tmp_path / "data"
    store = Store.open(data_dir, default_studio_name="青山村演播室")
    try:
        seed_show(store, minute=timedelta(seconds=1), recording_path=str(recording))
    finally:
        store.close()
    # An "ffmpeg" first on the PATH that notes its environment and runs the real one.
    wrapper_dir = tmp_path / "bin"
    wrapper_dir.mkdir()
    seen = tmp_path / "ffmpeg-env.txt"
    wrapper = wrapper_dir / "ffmpeg"
    wrapper.write_text(
        f'#!/bin/sh\nenv > "{seen}"\nexec "{shutil.which("ffmpeg")}" "$@"\n', encoding="utf-8"
    )
    wrapper.chmod(0o755)
    env = _env(PATH=f"{wrapper_dir}{os.pathsep}{os.environ['PATH']}")
    env.pop("LD_LIBRARY_PATH", None)
    out = tmp_path / "clips"
    cut = _run(
        EXE, "--lang", "en", "export", "--all", "--format", "clips", "-o", str(out),
        "--data-dir", str(data_dir), env=env,
    )  # fmt: skip
    assert cut.returncode == 0, cut.stderr
    assert len(list(out.rglob("*.mkv"))) >= 2
    # Neither the bundle's libraries nor its Qt plugins (a Qt program started by xdg-open
    # after an export would load them).
    leaked = [
        line for line in seen.read_text(encoding="utf-8").splitlines()
        if line.startswith(("LD_LIBRARY_PATH=", "QT_PLUGIN_PATH=", "QML2_IMPORT_PATH="))
        and str(bundle) in line
    ]  # fmt: skip
    assert not leaked


def test_without_a_password_store_the_frozen_app_falls_back_cleanly(
    bundle: Path, tmp_path: Path
) -> None:
    """keyring finds its backends in the bundle; with no D-Bus none is usable, and it says so.

    The archive address is a closed local port: the sync fails at once, after the keyring
    fallback has been reported.
    """
    dist_info = list((bundle / "_internal").glob("keyring-*.dist-info/entry_points.txt"))
    assert dist_info and "SecretService" in dist_info[0].read_text(encoding="utf-8")
    env = _env(
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}",
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # no keyringrc.cfg of the developer's
    )
    env.pop("PYTHON_KEYRING_BACKEND", None)
    synced = _run(
        EXE, "--lang", "en", "--data-dir", str(tmp_path / "data"), "sync", "--url",
        "http://127.0.0.1:9/", "--credential-stdin", env=env, stdin="secret-credential\n",
    )  # fmt: skip
    assert synced.returncode == 1
    assert "There is no keyring on this computer" in synced.stderr, synced.stderr
    assert "Traceback" not in synced.stderr
    assert "secret-credential" not in synced.stdout + synced.stderr


def test_the_bundle_holds_only_what_the_studio_app_needs(bundle: Path) -> None:
    internal = bundle / "_internal"
    for data in (
        "resources/overlays/default/theme.json",
        "resources/overlays/web/overlay.html",
        "resources/web/submit.html",
        "resources/sensitive_words/default.txt",
        "resources/icons/village-studio.png",
        "docs/guide.zh_CN.md",
        "docs/guide.en.md",
        "docs/images/zh_CN/13-live.png",
        "studio_app/i18n/village_studio_zh_CN.qm",
        "studio_app/storage/migrations/env.py",
        "studio_app/storage/migrations/script.py.mako",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "docx/templates/default.docx",
        "zhconv/zhcdict.json",
        "certifi/cacert.pem",
    ):
        assert (internal / data).exists(), data
    versions = "studio_app/storage/migrations/versions"
    bundled = sorted(p.name for p in (internal / versions).glob("*.py"))
    assert bundled == sorted(p.name for p in (REPO / versions).glob("*.py"))
    qt_translations = {p.name for p in (internal / "PySide6/Qt/translations").iterdir()}
    assert qt_translations <= {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}
    files = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    for name in UNWANTED_FILES:
        assert not [f for f in files if name in f], name
    # Pure-Python modules are inside the executable's archive; PyInstaller lists them here.
    toc = (REPO / "build/pyinstaller/village_studio/PYZ-00.toc").read_text(encoding="utf-8")
    for module in UNWANTED_MODULES:
        assert f"('{module}'," not in toc and f"('{module}." not in toc, module
    for module in NEEDED_MODULES:
        assert f"('{module}'," in toc, module
    size = _size(bundle)
    assert size < 180 * 2**20, f"the bundle grew to {size / 2**20:.0f} MiB"


@pytest.fixture
def unpacked(bundle: Path, tmp_path: Path) -> Iterator[Path]:
    with tarfile.open(TARBALL) as archive:
        names = archive.getnames()
        assert all(n == TARBALL_NAME or n.startswith(f"{TARBALL_NAME}/") for n in names)
        archive.extractall(tmp_path / "unpacked", filter="tar")
    yield tmp_path / "unpacked" / TARBALL_NAME


def test_the_tarball_installs_upgrades_and_uninstalls_keeping_the_data(
    unpacked: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _env(HOME=str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)

    def install(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(unpacked / "install.sh"), *args], capture_output=True, text=True,
            timeout=120, env=env, stdin=subprocess.DEVNULL,
        )  # fmt: skip

    assert (unpacked / "README.txt").is_file()
    done = install()
    assert done.returncode == 0, done.stderr
    program = home / ".local/opt/VillageStudio"
    desktop = home / ".local/share/applications/VillageStudio.desktop"
    icon = home / ".local/share/icons/hicolor/256x256/apps/village-studio.png"
    command = home / ".local/bin/studio-app"
    assert (program / "VillageStudio").is_file()
    entry = desktop.read_text(encoding="utf-8")
    assert f'Exec="{program}/VillageStudio"' in entry
    assert "Icon=village-studio" in entry and "Name[zh_CN]=村镇直播间" in entry
    assert icon.read_bytes().startswith(b"\x89PNG")
    assert command.is_symlink() and command.resolve() == (program / "VillageStudio").resolve()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
        assert checked.returncode == 0, checked.stdout

    # The installed app, started by its command, keeps its records in the default folder.
    data = home / ".local/share/VillageStudio"
    info = _run(command, "--lang", "en", "info", env=env)
    assert info.returncode == 0, info.stderr
    assert f"Data folder:     {data}" in info.stdout
    assert (data / "studio.db").is_file()
    # A portable-mode data folder inside the program folder survives too.
    (program / "portable.txt").write_text("", encoding="utf-8")
    (program / "data").mkdir()
    (program / "data" / "studio.db").write_bytes(b"records")

    upgraded = install()
    assert upgraded.returncode == 0, upgraded.stderr
    assert (program / "VillageStudio").is_file()
    assert (program / "data" / "studio.db").read_bytes() == b"records"
    assert (program / "portable.txt").exists()
    assert not list(program.parent.glob(".VillageStudio.new.*"))

    removed = install("--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert "records are kept" in removed.stdout
    assert not (program / "VillageStudio").exists() and not (program / "_internal").exists()
    assert not desktop.exists() and not icon.exists() and not command.is_symlink()
    assert (data / "studio.db").is_file(), "uninstalling must keep the records"
    assert (program / "data" / "studio.db").read_bytes() == b"records"
    assert sorted(p.name for p in program.iterdir()) == ["data", "portable.txt"]
