"""Crash resume: the app is SIGKILLed mid-show, and starting it again carries on from there."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from studio_app.domain.questions import QuestionState
from studio_app.domain.sessions import SessionStatus
from studio_app.services.obs.prepare import OVERLAY_INPUTS, OVERLAY_SCENE
from tests.ui.helpers import RunningApp

ROOT = Path(__file__).resolve().parents[2]


def run_until_ready(data_dir: Path) -> dict[str, object]:
    """Start the driver in its own process; return its READY report (it is left running)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.crash_driver", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 90
    assert process.stdout is not None
    try:
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.startswith("READY "):
                report: dict[str, object] = json.loads(line[len("READY ") :])
                # Killed the way a power cut or the task manager would: no chance to save.
                os.kill(process.pid, signal.SIGKILL)
                process.wait(10)
                assert process.returncode == -signal.SIGKILL
                return report
            if not line and process.poll() is not None:
                break
        process.kill()
        _out, err = process.communicate(timeout=10)
        raise AssertionError(f"the driver did not get ready:\n{err[-4000:]}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_a_killed_live_show_reopens_where_it_was(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    report = run_until_ready(tmp_path)
    assert (tmp_path / "studio.running").exists()  # the marker a clean quit would remove

    async def main() -> None:
        app = RunningApp(qapp, tmp_path)
        window = await app.start()
        record = app.app.record
        questions = app.app.questions
        live = app.app.live
        assert record is not None and questions is not None and live is not None
        for _ in range(200):
            editing = record.editing
            if editing is not None and window.record.answer.summary.toPlainText():
                break
            await qapp_sleep()
        session = window.editor.session
        assert session is not None and str(session.id) == report["session"]
        assert session.status is SessionStatus.LIVE
        assert window.session_tabs.currentWidget() is window.record
        assert "Resumed the live show" in window.save_status.text()
        # The agenda item on air, the question on air and the queue, in order.
        assert str(live.current_item) == report["agenda_item"]
        on_air = questions.view.model.on_air()
        assert on_air is not None and str(on_air.id) == report["on_air"]
        assert on_air.state is QuestionState.ON_AIR
        assert [str(q.id) for q in questions.view.model.queue()] == report["queue"]
        # The answer typed before the kill, word for word, in the editor.
        assert record.editing is not None and str(record.editing.id) == report["on_air"]
        assert window.record.answer.summary.toPlainText() == report["answer"]
        assert window.record.answer.answered_by.currentText() == "张伟"
        # The overlay is back in OBS: the question and the speaker's lower third are on.
        # Both come back through background tasks: wait for both (a busy machine is slow).
        for _ in range(500):
            if app.gateway.shown(
                OVERLAY_SCENE, OVERLAY_INPUTS["lower_third"]
            ) and app.gateway.shown(OVERLAY_SCENE, OVERLAY_INPUTS["question"]):
                break
            await qapp_sleep()
        assert app.gateway.shown(OVERLAY_SCENE, OVERLAY_INPUTS["question"])
        assert app.gateway.shown(OVERLAY_SCENE, OVERLAY_INPUTS["lower_third"])
        assert await app.stop() == 0

    qloop.run_until_complete(main())


async def qapp_sleep() -> None:
    await asyncio.sleep(0.05)
