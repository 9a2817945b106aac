"""Per-installation settings in ``settings.json`` of the data folder (never secrets).

Kept outside the database so the command line can read them while the app runs (the app
holds the database's lock). Written atomically: a crash leaves the old or the new file.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SETTINGS_NAME = "settings.json"
SETTINGS_VERSION = 1


@dataclass(frozen=True, slots=True)
class AppSettings:
    """What the operator configures once per studio PC."""

    obs_host: str = "127.0.0.1"
    obs_port: int = 4455
    obs_auto_connect: bool = True
    language: str = ""  # "" follows the system
    #: Loopback port of the browser-source overlay page (fixed: OBS keeps the URL).
    overlay_port: int = 47800
    #: Where the export dialog saves ("" until the operator first exports: Documents).
    export_folder: str = ""
    #: The county archive's address (http or https URL); "" until sync is set up.
    archive_url: str = ""
    #: Minutes between background syncs (a failed sync is retried sooner, with back-off).
    sync_interval_minutes: int = 5
    #: The set-up assistant opens at start: set when this data folder's database was created,
    #: cleared when the assistant is finished (a folder from before it existed never has it).
    setup_pending: bool = False
    #: Large text in the live control panel (Live menu), for reading it from a distance.
    live_large_text: bool = False


def load_settings(data_dir: Path) -> AppSettings:
    """Read ``settings.json``; missing, unreadable or odd values fall back to defaults."""
    path = data_dir / SETTINGS_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AppSettings()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable settings %s: %s", path, exc)
        return AppSettings()
    if not isinstance(raw, dict):
        return AppSettings()
    settings = AppSettings()
    known = {f.name: f for f in fields(AppSettings)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        default = getattr(settings, key, None) if key in known else None
        if default is not None and type(value) is type(default):
            values[key] = value
    return replace(settings, **values)


def save_settings(data_dir: Path, settings: AppSettings) -> None:
    """Write ``settings.json`` atomically (temp file, fsync, rename)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    payload = {"version": SETTINGS_VERSION, **asdict(settings)}
    handle, temp = tempfile.mkstemp(prefix=".settings-", dir=data_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(payload, stream, ensure_ascii=False, indent=2)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, data_dir / SETTINGS_NAME)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def set_setup_pending(data_dir: Path, pending: bool) -> None:
    """Whether the set-up assistant opens at the next start (read, change, write atomically)."""
    settings = load_settings(data_dir)
    if settings.setup_pending != pending:
        save_settings(data_dir, replace(settings, setup_pending=pending))
