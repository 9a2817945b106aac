"""Shared fixtures: offscreen Qt, a qasync loop per test, and awaiting Qt signals."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

# Before anything imports Qt: no display is needed for the widget tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A fresh qasync loop on the GUI thread; fails the test if a task error went unseen.

    pytest-qt does not support qasync: run coroutines with ``qloop.run_until_complete``
    and await :func:`next_emission` inside them instead of ``qtbot.waitSignal``.
    """
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    errors: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    hooks = (sys.excepthook,)
    yield loop
    sys.excepthook = hooks[0]
    try:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            # Bounded: a task that ignores cancellation must fail the test, not hang the run.
            # (asyncio.wait, not wait_for: wait_for would wait for the cancellation itself.)
            _done, stuck = loop.run_until_complete(asyncio.wait(pending, timeout=15))
            assert not stuck, f"tasks ignored cancellation: {stuck}"
        loop.close()
    finally:
        asyncio.set_event_loop(None)
    assert not errors, errors


async def next_emission(signal: Any, timeout: float = 5.0) -> tuple[Any, ...]:
    """Wait for the next emission of a Qt ``signal`` inside a coroutine; return its args."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def _slot(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(_slot)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(_slot)
