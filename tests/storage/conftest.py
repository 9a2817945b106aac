"""Fixtures shared by the storage tests: every test uses real SQLite files in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_app.storage.store import Store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (Store.open creates it)."""
    return (tmp_path / "data").resolve()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """An open store in ``data_dir``, closed after the test."""
    opened = Store.open(data_dir, default_studio_name="青山村演播室")
    try:
        yield opened
    finally:
        opened.close()
