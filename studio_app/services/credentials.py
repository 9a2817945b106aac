"""Secrets (OBS password, archive credential) in the OS keyring, never in files or logs."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from studio_app import APP_ID

log = logging.getLogger(__name__)


def _keyring() -> Any:
    """The keyring package, imported on first use: it costs ~45 ms, off the start-up path."""
    import keyring
    import keyring.errors

    return keyring


class KeyringUnavailableError(RuntimeError):
    """No usable OS keyring: secrets can only be kept in memory for this run."""


def obs_password_key(host: str, port: int) -> str:
    """The keyring entry name of the password of one OBS."""
    return f"obs-websocket:{host}:{port}"


#: The keyring entry of this studio's archive credential (one archive per studio PC).
ARCHIVE_CREDENTIAL_KEY = "archive-credential"
#: Scripts and headless runs may give the credential here instead of the keyring.
ARCHIVE_CREDENTIAL_ENV = "VILLAGE_STUDIO_ARCHIVE_CREDENTIAL"


class CredentialStore:
    """Reads and writes secrets under the service name :data:`studio_app.APP_ID`."""

    def __init__(self, service: str = APP_ID) -> None:
        self._service = service

    @staticmethod
    def available() -> bool:
        """Whether a real keyring backend is installed (not keyring's ``fail`` backend)."""
        from keyring.backends import fail

        return not isinstance(_keyring().get_keyring(), fail.Keyring)

    def get(self, key: str) -> str | None:
        """The stored secret, or ``None`` (also when there is no keyring)."""
        if not self.available():
            return None
        keyring = _keyring()
        try:
            return str_or_none(keyring.get_password(self._service, key))
        except keyring.errors.KeyringError as exc:
            log.warning("reading the keyring failed: %s", type(exc).__name__)
            return None

    def set(self, key: str, secret: str) -> None:
        """Store a secret.

        Raises:
            KeyringUnavailableError: There is no keyring to store it in.
        """
        if not self.available():
            raise KeyringUnavailableError(key)
        keyring = _keyring()
        try:
            keyring.set_password(self._service, key, secret)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(str(type(exc).__name__)) from exc

    def delete(self, key: str) -> None:
        """Forget a secret (nothing happens if there is none)."""
        if not self.available():
            return
        keyring = _keyring()
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(self._service, key)


def str_or_none(value: object) -> str | None:
    """A keyring answer as ``str | None`` (backends are untyped)."""
    return value if isinstance(value, str) else None
