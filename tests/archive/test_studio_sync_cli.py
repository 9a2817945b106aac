"""``studio-app sync`` as an operator runs it, against the real archive."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studio_app.archive import admin
from tests.archive.conftest import Archive

ROOT = Path(__file__).resolve().parents[2]


def _studio_app(
    data_dir: Path, *args: str, stdin: str = "", lang: str = "en", credential: str = ""
) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != "VILLAGE_STUDIO_ARCHIVE_CREDENTIAL"}
    if credential:
        env["VILLAGE_STUDIO_ARCHIVE_CREDENTIAL"] = credential
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-m", "studio_app", "--data-dir", str(data_dir), "--lang", lang, *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


def test_sync_from_the_command_line_sends_everything_then_refuses_a_revoked_credential(
    archive: Archive, tmp_path: Path
) -> None:
    data_dir = tmp_path / "studio"
    credential = admin.add_studio(archive.admin_url, "青山镇")
    # Not set up yet: a clear message and exit 1.
    code, out = _studio_app(data_dir, "sync")
    assert code == 1 and "studio-app sync --url" in out
    # Set up with the credential on stdin (no keyring here: used for this run) and sync.
    code, out = _studio_app(
        data_dir, "sync", "--url", archive.base_url, "--credential-stdin", stdin=f"{credential}\n"
    )
    assert code == 0, out
    assert "Sent 1 row, received 0 rows." in out  # this PC's studio row
    assert "Sending" in out and "There is no keyring" in out
    code, out = _studio_app(data_dir, "sync", "--status")
    assert code == 0 and "Archive: synced" in out
    # Revoked: the operator is told in plain words, and the exit code says it failed.
    admin.revoke(archive.admin_url, credential.account_id)
    code, out = _studio_app(data_dir, "sync", lang="zh_CN", credential=str(credential))
    assert code == 1
    assert "县里已吊销本直播间的接入凭证" in out, out
