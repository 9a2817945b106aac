"""UI tests: garbage is collected on the GUI thread only, as the app does."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    # Like studio_app.ui.gc in the app: a cyclic GC run on the database thread would destroy
    # Qt objects of earlier tests off the GUI thread and crash the process.
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()
