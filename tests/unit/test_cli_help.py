"""``studio-app --help`` speaks the UI's language: --lang, else Help → Language, else English."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from studio_app.settings import load_settings, save_settings

ROOT = Path(__file__).resolve().parents[2]


def _help(*args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "studio_app", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_help_in_chinese_for_every_command(tmp_path: Path) -> None:
    out = _help("--data-dir", str(tmp_path), "--lang", "zh_CN", "--help")
    assert out.startswith("用法：studio-app")
    assert "显示本帮助并退出" in out and "导出场次记录：台账、报告" in out
    assert "options" not in out and "usage" not in out
    exporting = _help("--lang", "zh_CN", "export", "--help")
    assert "公开版：不含群众联系方式" in exporting
    assert "pdf" in exporting  # the format names stay as typed on the command line
    sync = _help("--lang", "zh_CN", "sync", "--help")
    assert "VILLAGE_STUDIO_ARCHIVE_CREDENTIAL" in sync and "系统密码库" in sync


def test_help_follows_the_language_chosen_in_the_app(tmp_path: Path) -> None:
    assert _help("--data-dir", str(tmp_path), "--help").startswith("usage: studio-app")
    save_settings(tmp_path, replace(load_settings(tmp_path), language="zh_CN"))
    assert _help("--data-dir", str(tmp_path), "--help").startswith("用法：")
    assert _help("--data-dir", str(tmp_path), "--lang", "en", "--help").startswith("usage:")
