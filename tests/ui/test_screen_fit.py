"""The main window fits a 1366×768 laptop screen, in Chinese and English, on every screen."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QPushButton

from studio_app.ui.main_window import FRAME_ALLOWANCE, PREFERRED_SIZE, initial_size
from studio_app.ui.question_model import QuestionTableModel
from studio_app.ui.questions_view import TEXT_MIN_WIDTH, QuestionsView
from tests.ui.helpers import RunningApp

#: A 1366×768 screen with a 40 px taskbar, less the title bar and window edges.
ROOM = QSize(1366, 768 - 40) - FRAME_ALLOWANCE


def test_every_screen_of_the_window_fits_a_1366x768_laptop(
    language: str, qapp: QApplication, qloop: Any, tmp_path: Path
) -> None:
    async def main() -> None:
        running = RunningApp(qapp, tmp_path)
        window = await running.start()
        try:
            window.new_action.trigger()  # a session open: its plan, questions and record tabs
            await asyncio.sleep(0.3)
            too_big: list[str] = []
            for main_index in range(window.main_tabs.count()):
                window.main_tabs.setCurrentIndex(main_index)  # builds the board on first show
                await asyncio.sleep(0.2)
                pages = range(window.session_tabs.count()) if main_index == 0 else [None]
                for page in pages:
                    if page is not None:
                        window.session_tabs.setCurrentIndex(page)
                        await asyncio.sleep(0.05)
                    need = window.minimumSizeHint().expandedTo(window.minimumSize())
                    name = window.main_tabs.tabText(main_index)
                    if page is not None:
                        name += " / " + window.session_tabs.tabText(page)
                    if need.width() > ROOM.width() or need.height() > ROOM.height():
                        too_big.append(f"{name}: {need.width()}×{need.height()}")
            assert window.main_tabs.count() >= 2 and window.session_tabs.count() == 3
            assert not too_big, f"taller or wider than {ROOM.width()}×{ROOM.height()}: {too_big}"
            # And at exactly that size every screen is laid out without overlapping.
            window.resize(ROOM)
            await asyncio.sleep(0.1)
            assert window.size() == ROOM
            # The live dock shows its buttons whole: no sideways scrolling during a show.
            panel = window.control_panel
            assert not panel.horizontalScrollBar().isVisible()
            for button in panel.findChildren(QPushButton):
                if button.isVisible():
                    assert button.width() >= button.sizeHint().width(), button.text()
        finally:
            assert await running.stop() == 0

    qloop.run_until_complete(main())


def test_the_window_opens_inside_the_screen(qapp: QApplication) -> None:
    screen = qapp.primaryScreen()
    size = initial_size(screen)
    room = screen.availableGeometry().size() - FRAME_ALLOWANCE
    assert size == PREFERRED_SIZE.boundedTo(room)
    assert size.width() <= room.width() and size.height() <= room.height()
    assert initial_size(None) == PREFERRED_SIZE


HIGH_DPI_PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QPushButton
from studio_app.ui.main_window import MainWindow
app = QApplication(sys.argv[:1])
window = MainWindow()
window.show()
app.processEvents()
image = window.grab()
need = window.minimumSizeHint()
print(window.devicePixelRatioF(), image.width() / window.width(), need.width(), need.height())
"""


def test_a_4k_screen_at_200_percent_draws_sharp_and_fits() -> None:
    """Qt 6 scales by the screen's factor: a 4K laptop at 200 % gets twice the pixels."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    done = subprocess.run(
        [sys.executable, "-c", HIGH_DPI_PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    ratio, grabbed, width, height = (float(v) for v in done.stdout.split()[-4:])
    assert ratio == 2.0 and grabbed == 2.0  # drawn with twice the pixels, not stretched
    assert width <= 1920 - 16 and height <= 1080 - 40 - 40  # logical size on 3840×2160


def test_the_question_text_column_is_never_squeezed(qtbot: Any) -> None:
    view = QuestionsView()
    qtbot.addWidget(view)
    view.show()
    header = view.table.horizontalHeader()
    # Read right after the number and the state.
    assert [header.logicalIndex(v) for v in range(3)] == [
        QuestionTableModel.NUMBER,
        QuestionTableModel.STATE,
        QuestionTableModel.TEXT,
    ]
    for width in (520, 900, 1800):
        view.resize(width, 600)
        qtbot.waitUntil(lambda w=width: view.width() == w)
        text = header.sectionSize(QuestionTableModel.TEXT)
        assert text >= TEXT_MIN_WIDTH
        # Wide: it takes what the other columns leave, as a stretched column would.
        if header.length() > view.table.viewport().width() + 1:
            assert text == TEXT_MIN_WIDTH
        else:
            assert header.length() == view.table.viewport().width()
    # A column dragged wider takes its room from the question text, down to its minimum.
    before = header.sectionSize(QuestionTableModel.TEXT)
    header.resizeSection(
        QuestionTableModel.CHANNEL, header.sectionSize(QuestionTableModel.CHANNEL) + 40
    )
    assert header.sectionSize(QuestionTableModel.TEXT) == max(TEXT_MIN_WIDTH, before - 40)
