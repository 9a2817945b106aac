"""Fixtures for tests against real programs: OBS Studio under Xvfb."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.obs_process import ObsProcess, VirtualDisplay, require_obs_tools


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """One virtual X display for every OBS of the test session."""
    require_obs_tools("real-OBS tests need")
    server = VirtualDisplay()
    name = server.start()
    yield name
    server.stop()


@pytest.fixture
def obs(display: str, tmp_path: Path) -> Iterator[ObsProcess]:
    """A fresh, running OBS Studio with its own HOME; stopped with SIGINT afterwards."""
    process = ObsProcess(tmp_path, display)
    process.start()
    yield process
    process.stop()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    # As in tests/ui: Qt objects must never be destroyed by a GC run on another thread.
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()
