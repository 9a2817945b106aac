"""Help menu: the shortcut sheet read from the live window, the language choice, About."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from studio_app.i18n import startup_language
from studio_app.settings import load_settings
from studio_app.ui.help_menu import GuideWindow, ShortcutSheet, plain_text
from tests.ui.helpers import RunningApp


async def _until(condition: Any, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def test_f1_opens_every_shortcut_of_the_window(
    qapp: QApplication, qloop: Any, tmp_path: Path
) -> None:
    async def main() -> None:
        running = RunningApp(qapp, tmp_path)
        window = await running.start()
        app = running.app
        try:
            menus = [plain_text(a.text()) for a in window.menuBar().actions()]
            assert menus[-1] == "Help"  # last, after Session, Live and Archive
            QTest.keyClick(window, Qt.Key.Key_F1)
            await _until(lambda: app.help is not None and app.help.sheet is not None)
            assert app.help is not None and app.help.sheet is not None
            sheet: ShortcutSheet = app.help.sheet
            assert sheet.isVisible() and not sheet.isModal()
            rows = sheet.rows()
            by_action = {what: keys for _where, what, keys in rows}
            assert by_action["New session"] == "Ctrl+N"
            assert by_action["Export records"] == "Ctrl+E"
            assert by_action["Sync now"] == "Ctrl+Shift+Y"
            assert by_action["Keyboard shortcuts"] == "F1"
            # The on-air keys, named after their buttons without repeating the key.
            assert by_action["Answered"] == "F9"
            assert by_action["Take next to air"] == "F8"
            assert by_action["Approve"] == "A"
            assert by_action["Search the questions"] == "Ctrl+K"
            assert all(keys and what for _w, what, keys in rows)
            # During a show every on-air action is one key away (and one click, on screen).
            on_air = {
                "Cut to standby slate", "Next agenda item", "Previous agenda item",
                "Start/stop recording", "Start/stop stream", "Scene 1",
                "Transition preview to program", "Promise → follow-up", "Take next to air",
                "Answered", "Hide question", "“Coming up” list", "Lower third", "Take to air",
                "To queue", "Approve", "Reject", "Defer",
            }  # fmt: skip
            assert on_air <= set(by_action), on_air - set(by_action)
            assert len({(what, keys) for _w, what, keys in rows}) == len(rows)
            where = {what: w for w, what, _k in rows}
            assert where["New session"] == "Session" and where["Sync now"] == "Archive"
            assert where["Approve"] == "Questions"  # works in the questions' lists
            assert where["Answered"] == "Anywhere in the window"
            sheet.reject()
            await _until(lambda: app.help is not None and app.help.sheet is None)
        finally:
            assert await running.stop() == 0

    qloop.run_until_complete(main())


def test_the_sheet_speaks_chinese(
    chinese: str, qapp: QApplication, qloop: Any, tmp_path: Path
) -> None:
    async def main() -> None:
        running = RunningApp(qapp, tmp_path)
        await running.start()
        try:
            assert running.app.help is not None
            sheet = running.app.help.show_shortcuts()
            assert sheet.windowTitle() == "键盘快捷键"
            rows = {what: (where, keys) for where, what, keys in sheet.rows()}
            assert rows["新建场次"] == ("场次", "Ctrl+N")
            assert rows["已答复"][1] == "F9"
            sheet.reject()
        finally:
            assert await running.stop() == 0

    qloop.run_until_complete(main())


def test_choosing_a_language_keeps_it_for_the_next_start(
    qapp: QApplication, qloop: Any, tmp_path: Path
) -> None:
    async def main() -> None:
        running = RunningApp(qapp, tmp_path)
        await running.start()
        app = running.app
        try:
            assert app.help is not None
            actions = app.help.language_actions
            assert actions[""].isChecked()  # follows the system until chosen
            actions["zh_CN"].trigger()
            box: QMessageBox | None = None

            def note() -> QMessageBox | None:
                for widget in qapp.topLevelWidgets():
                    if isinstance(widget, QMessageBox) and widget.isVisible():
                        return widget
                return None

            await _until(lambda: note() is not None)
            box = note()
            assert box is not None and "简体中文" in box.text()
            assert load_settings(tmp_path).language == "zh_CN"
            box.accept()
            await asyncio.sleep(0.05)
        finally:
            assert await running.stop() == 0
        # The next start speaks it, unless --lang says otherwise for that run.
        assert startup_language(None, tmp_path) == "zh_CN"
        assert startup_language("en", tmp_path) == "en"

    qloop.run_until_complete(main())


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("&New session", "New session"),
        ("&Export records…", "Export records"),
        ("场次(&S)", "场次"),
        ("导出记录(&E)…", "导出记录"),
        ("Save && close", "Save & close"),
    ],
)
def test_menu_texts_lose_their_mnemonics(text: str, plain: str) -> None:
    assert plain_text(text) == plain


def test_the_operators_guide_opens_with_its_pictures_in_the_ui_language(
    chinese: str, qapp: QApplication, qloop: Any, tmp_path: Path
) -> None:
    async def main() -> None:
        running = RunningApp(qapp, tmp_path)
        await running.start()
        try:
            assert running.app.help is not None
            running.app.help.guide_action.trigger()
            guide = running.app.help.guide
            assert isinstance(guide, GuideWindow) and guide.isVisible()
            assert guide.windowTitle() == "操作指南"
            document = guide.browser.document()
            text = document.toPlainText()
            assert text.startswith("村镇直播间 操作指南")  # the maintainers' comment is gone
            assert "<!--" not in text
            # The screenshots load from docs/images beside the guide.
            image = document.resource(
                QTextDocument.ResourceType.ImageResource, QUrl("images/zh_CN/13-live.png")
            )
            assert isinstance(image, QImage | QPixmap) and not image.isNull(), image
            guide.reject()
        finally:
            assert await running.stop() == 0

    qloop.run_until_complete(main())
