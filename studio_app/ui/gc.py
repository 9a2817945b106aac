"""Garbage collection on the GUI thread only.

Python's cyclic collector runs on whichever thread happens to allocate when a threshold is
crossed. Here that is often the database thread, and destroying a Qt object from there
crashes the process (seen as a segfault "Garbage-collecting" on the DB thread). Anki's Qt
front end solved the same problem this way: automatic collection off, and a timer on the
GUI thread that collects when the allocation counts say it is due.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadGarbageCollector(QObject):
    """Disables automatic GC and collects from a GUI-thread timer instead."""

    INTERVAL_MS = 1000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Switch automatic collection off and start the timer."""
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose allocation counts crossed their thresholds."""
        counts = gc.get_count()
        if counts[0] < self._threshold[0]:
            return
        generation = 0
        if counts[1] >= self._threshold[1]:
            generation = 1
        if counts[2] >= self._threshold[2]:
            generation = 2
        gc.collect(generation)

    def stop(self) -> None:
        """Stop the timer, collect once on this thread, and re-enable automatic collection."""
        self._timer.stop()
        gc.collect()
        gc.enable()


def settle() -> None:
    """Collect now and set every surviving object aside from later full collections.

    Call it on the GUI thread at quiet moments that leave many long-lived objects behind
    (start-up done, a session's questions loaded). A full collection walks every tracked
    object: with a show's questions loaded that took ~100 ms in the middle of moderating
    (tests/bench/bench_questions.py); after this it walks only what was allocated since.
    """
    gc.collect()
    gc.freeze()
