"""Where things live: the data folder (normal, portable, overridden) and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from studio_app import APP_ID

#: Environment variable that overrides the data folder (tests, scripted installs).
DATA_DIR_ENV = "VILLAGE_STUDIO_DATA_DIR"
#: A file with this name next to the app (e.g. on a USB stick) switches on portable mode.
PORTABLE_MARKER = "portable.txt"
PACKAGE_DIR = Path(__file__).resolve().parent


def is_frozen() -> bool:
    """Whether the app runs from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def app_root() -> Path:
    """The folder the app was started from: the bundle's folder, or the source checkout."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return PACKAGE_DIR.parent


def default_data_dir() -> Path:
    """The per-user data folder (e.g. ``~/.local/share/VillageStudio``, ``%APPDATA%``)."""
    return platformdirs.user_data_path(APP_ID, appauthor=False, roaming=True)


def portable_data_dir() -> Path:
    """The data folder in portable mode: ``data/`` beside the app."""
    return app_root() / "data"


def resolve_data_dir(override: str | os.PathLike[str] | None, portable: bool = False) -> Path:
    """Pick the data folder: ``--data-dir``, then the environment, then portable, then default.

    Portable mode is on when asked for (``--portable``) or when :data:`PORTABLE_MARKER` lies
    beside the app, so a USB stick carries the app and its records together.
    """
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    if portable or (app_root() / PORTABLE_MARKER).exists():
        return portable_data_dir()
    return default_data_dir()


def resources_dir() -> Path:
    """The ``resources/`` folder, in a checkout or inside a frozen bundle."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", app_root())) / "resources"
    return PACKAGE_DIR.parent / "resources"


def docs_dir() -> Path:
    """The operator's guide (``docs/``), in a checkout or inside a frozen bundle."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", app_root())) / "docs"
    return PACKAGE_DIR.parent / "docs"


def translations_dir() -> Path:
    """Compiled ``.qm`` translations shipped inside the package."""
    return PACKAGE_DIR / "i18n"


def log_dir(data_dir: Path) -> Path:
    """The rotating log files' folder inside a data folder."""
    return data_dir / "logs"
