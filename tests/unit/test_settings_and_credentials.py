"""settings.json (atomic, tolerant) and secrets in the OS keyring (never in files)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from studio_app.services.credentials import (
    CredentialStore,
    KeyringUnavailableError,
    obs_password_key,
)
from studio_app.settings import SETTINGS_NAME, AppSettings, load_settings, save_settings


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in memory (the OS one is not there in CI)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError(username)
        del self.secrets[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_settings_round_trip_and_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == AppSettings()
    changed = AppSettings(obs_host="192.168.1.20", obs_port=4460, language="zh_CN")
    save_settings(tmp_path, changed)
    assert load_settings(tmp_path) == changed
    assert not list(tmp_path.glob(".settings-*")), "no temp file left behind"
    text = (tmp_path / SETTINGS_NAME).read_text(encoding="utf-8")
    assert "password" not in text.lower()


@pytest.mark.parametrize(
    "content", ["", "{not json", "[1, 2]", '{"obs_port": "4455", "obs_host": 7, "x": 1}']
)
def test_damaged_settings_fall_back_to_defaults(tmp_path: Path, content: str) -> None:
    (tmp_path / SETTINGS_NAME).write_text(content, encoding="utf-8")
    assert load_settings(tmp_path) == AppSettings()


def test_unknown_and_valid_keys_mix(tmp_path: Path) -> None:
    payload = {"version": 1, "obs_port": 4499, "future_option": True}
    (tmp_path / SETTINGS_NAME).write_text(json.dumps(payload), encoding="utf-8")
    assert load_settings(tmp_path) == AppSettings(obs_port=4499)


def test_passwords_live_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    key = obs_password_key("127.0.0.1", 4455)
    assert store.available()
    assert store.get(key) is None
    store.set(key, "s3cret-密码")
    assert store.get(key) == "s3cret-密码"
    assert ("VillageStudio", key) in memory_keyring.secrets
    store.delete(key)
    store.delete(key)  # twice is fine
    assert store.get(key) is None


def test_without_a_keyring_nothing_is_stored_and_it_says_so() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = CredentialStore()
        assert not store.available()
        assert store.get("anything") is None
        with pytest.raises(KeyringUnavailableError):
            store.set("anything", "secret")
    finally:
        keyring.set_keyring(previous)
