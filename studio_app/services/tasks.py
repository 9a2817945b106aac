"""Owned asyncio tasks: every task the app starts is tracked, reported and cancelled on quit."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any


class TaskSet:
    """Keeps strong references to running tasks and reports their errors.

    The loop only keeps weak references to tasks, so an untracked task can vanish mid-flight;
    and an exception in a task nobody awaits would otherwise be printed, not shown.
    Errors go to ``sys.excepthook`` (the app's error reporter), as qasync does for slots.
    """

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str | None = None) -> asyncio.Task[Any]:
        """Start ``coro`` as a tracked task on the running loop."""
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._on_done)
        return task

    def _on_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def __repr__(self) -> str:
        return f"TaskSet({sorted(t.get_name() for t in self._tasks)})"

    def __len__(self) -> int:
        return len(self._tasks)

    async def wait_idle(self) -> None:
        """Wait until every task started so far (and any they start) has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def cancel(self) -> None:
        """Ask every running task to stop, without waiting (from a synchronous slot)."""
        for task in list(self._tasks):
            task.cancel()

    async def cancel_all(self, timeout: float = 5.0) -> None:
        """Cancel every running task and wait (at most ``timeout`` s) for them to finish."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)
