"""Where the data folder is: override, environment, portable mode, default."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app import paths


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)


def test_command_line_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.resolve_data_dir(str(tmp_path / "cli"), portable=True) == tmp_path / "cli"


def test_environment_comes_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.resolve_data_dir(None, portable=True) == tmp_path / "env"


def test_portable_flag_and_marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "app_root", lambda: tmp_path)
    assert paths.resolve_data_dir(None) == paths.default_data_dir()
    assert paths.resolve_data_dir(None, portable=True) == tmp_path / "data"
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.resolve_data_dir(None) == tmp_path / "data"


def test_default_is_the_per_user_folder() -> None:
    default = paths.default_data_dir()
    assert default.name == "VillageStudio"
    assert paths.resolve_data_dir(None) == default


def test_resources_and_translations_exist_in_a_checkout() -> None:
    assert paths.resources_dir().is_dir()
    assert paths.translations_dir() == paths.PACKAGE_DIR / "i18n"
