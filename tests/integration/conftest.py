"""Fixtures for tests against real programs: OBS Studio under Xvfb."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.obs_process import ObsProcess, VirtualDisplay, missing_tools


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """One virtual X display for every OBS of the test session."""
    missing = missing_tools()
    if missing:
        message = f"real-OBS tests need {', '.join(missing)} (bash tests/run.sh installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run them, never skip them silently
        pytest.skip(message)
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
