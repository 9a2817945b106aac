"""An in-memory credential store with the CredentialStore interface (with or without a keyring)."""

from __future__ import annotations

from studio_app.services.credentials import KeyringUnavailableError


class MemoryCredentialStore:
    """Secrets in a dict; ``available=False`` behaves like a machine without a keyring."""

    def __init__(self, *, available: bool = True) -> None:
        self._available = available
        self.secrets: dict[str, str] = {}

    def available(self) -> bool:
        return self._available

    def get(self, key: str) -> str | None:
        return self.secrets.get(key) if self._available else None

    def set(self, key: str, secret: str) -> None:
        if not self._available:
            raise KeyringUnavailableError(key)
        self.secrets[key] = secret

    def delete(self, key: str) -> None:
        self.secrets.pop(key, None)
