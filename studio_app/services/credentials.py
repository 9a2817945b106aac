"""Secrets (OBS password, archive credential) in the OS keyring, never in files or logs."""

from __future__ import annotations

import contextlib
import logging

import keyring
import keyring.errors
from keyring.backends import fail

from studio_app import APP_ID

log = logging.getLogger(__name__)


class KeyringUnavailableError(RuntimeError):
    """No usable OS keyring: secrets can only be kept in memory for this run."""


def obs_password_key(host: str, port: int) -> str:
    """The keyring entry name of the password of one OBS."""
    return f"obs-websocket:{host}:{port}"


class CredentialStore:
    """Reads and writes secrets under the service name :data:`studio_app.APP_ID`."""

    def __init__(self, service: str = APP_ID) -> None:
        self._service = service

    @staticmethod
    def available() -> bool:
        """Whether a real keyring backend is installed (not keyring's ``fail`` backend)."""
        return not isinstance(keyring.get_keyring(), fail.Keyring)

    def get(self, key: str) -> str | None:
        """The stored secret, or ``None`` (also when there is no keyring)."""
        if not self.available():
            return None
        try:
            return keyring.get_password(self._service, key)
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
        try:
            keyring.set_password(self._service, key, secret)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(str(type(exc).__name__)) from exc

    def delete(self, key: str) -> None:
        """Forget a secret (nothing happens if there is none)."""
        if not self.available():
            return
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(self._service, key)
