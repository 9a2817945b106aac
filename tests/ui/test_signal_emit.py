"""Regression guard for PySide6 6.12.0 on CPython 3.11 (ARCHITECTURE.md).

6.12.0 drops a reference to ``True`` on every ``Signal.emit()``; the process aborts after a
few hundred emits. pyproject.toml pins PySide6 below 6.12; this test fails loudly (the
interpreter aborts) if a broken build ever gets installed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import PySide6
from PySide6.QtCore import QObject, Signal

EMITS = 20_000


class _Emitter(QObject):
    ticked = Signal(int)
    flagged = Signal(bool)


def test_twenty_thousand_emits_in_process() -> None:
    emitter = _Emitter()
    received: list[int] = []
    flags = 0

    def _on_flag(value: bool) -> None:
        nonlocal flags
        flags += value

    emitter.ticked.connect(received.append)
    emitter.flagged.connect(_on_flag)
    for i in range(EMITS):
        emitter.ticked.emit(i)
        emitter.flagged.emit(True)
    assert len(received) == EMITS
    assert received[-1] == EMITS - 1
    assert flags == EMITS


def test_twenty_thousand_emits_in_a_fresh_interpreter() -> None:
    # An abort kills the process: run it in a child so the failure is reported, not a crash.
    code = textwrap.dedent(
        f"""
        from PySide6.QtCore import QCoreApplication, QObject, Signal
        app = QCoreApplication([])
        class E(QObject):
            s = Signal(bool)
        e = E(); seen = []
        e.s.connect(seen.append)
        for _ in range({EMITS}):
            e.s.emit(True)
        assert len(seen) == {EMITS}
        print("ok", len(seen))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, (PySide6.__version__, result.returncode, result.stderr[-2000:])
    assert result.stdout.strip() == f"ok {EMITS}"


def test_pyside_is_below_six_twelve_on_python_311() -> None:
    major, minor = (int(part) for part in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert (major, minor) < (6, 12), PySide6.__version__
