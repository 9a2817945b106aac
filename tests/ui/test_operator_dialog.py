"""The operator sign-in dialog over a real SQLite store, driven from the keyboard."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from studio_app.domain.operators import OperatorRole
from studio_app.messages import operator_role_text
from studio_app.services.database import Database
from studio_app.services.operators import OperatorService
from studio_app.ui.operator_dialog import OperatorDialog
from tests.ui.helpers import type_text


@pytest.fixture(autouse=True)
def _keep_running_when_the_dialog_closes(qapp: QApplication) -> Iterator[None]:
    # The dialog is the only window here: closing it must not quit the app (and the loop).
    previous = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(previous)


def _with_service(
    qloop: Any, tmp_path: Path, test: Callable[[OperatorService], Coroutine[Any, Any, None]]
) -> None:
    async def main() -> None:
        database = Database()
        await database.open(tmp_path, default_studio_name="测试")
        try:
            await test(OperatorService(database))
        finally:
            database.close()

    qloop.run_until_complete(main())


async def _settle(dialog: OperatorDialog) -> None:
    """Let the tasks the dialog's buttons started finish."""
    await asyncio.sleep(0)
    await asyncio.wait_for(dialog.tasks.wait_idle(), 10)


async def _show_active(dialog: QDialog) -> None:
    """Show the dialog and wait (without a nested event loop) until it has the focus."""
    dialog.show()
    dialog.activateWindow()
    for _ in range(200):
        if QApplication.activeWindow() is dialog:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the dialog did not become active")


async def _message_box() -> QMessageBox:
    for _ in range(300):
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        visible = [b for b in boxes if b.isVisible()]
        if visible:
            return visible[0]
        await asyncio.sleep(0.01)
    raise AssertionError("no confirmation was asked")


def _names(dialog: OperatorDialog) -> list[str]:
    model = dialog.model
    return [model.profile_at(row).name for row in range(model.rowCount())]  # type: ignore[union-attr]


async def _add_by_keyboard(dialog: OperatorDialog, name: str, role: OperatorRole) -> None:
    """New profile (Alt+N), type the name, pick the role, Enter; wait for the store."""
    if dialog.stack.currentIndex() == dialog.LIST_PAGE:
        QTest.keyClick(dialog.list_view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        for _ in range(100):  # a mnemonic "animates" the click: it comes a moment later
            if dialog.stack.currentIndex() == dialog.NEW_PAGE:
                break
            await asyncio.sleep(0.01)
    assert dialog.stack.currentIndex() == dialog.NEW_PAGE
    assert dialog.focusWidget() is dialog.name_edit
    dialog.name_edit.selectAll()
    type_text(dialog.name_edit, name)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role.value))
    before = dialog.model.rowCount()
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    for _ in range(300):
        if dialog.model.rowCount() != before or dialog.problem_label.text():
            break
        await asyncio.sleep(0.01)


def test_empty_store_opens_on_new_profile_with_the_pc_user_name(
    qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    async def test(service: OperatorService) -> None:
        dialog = OperatorDialog(service, suggested_name="zhangwei")
        qtbot.addWidget(dialog)
        assert await dialog.load()
        dialog.show()
        assert dialog.stack.currentIndex() == dialog.NEW_PAGE
        assert dialog.name_edit.text() == "zhangwei"
        assert dialog.name_edit.selectedText() == "zhangwei"  # typing replaces it
        assert not dialog.back_button.isVisible()
        roles = [dialog.role_combo.itemText(i) for i in range(dialog.role_combo.count())]
        assert roles == [operator_role_text(r) for r in OperatorRole]
        assert "Switch operator" in dialog.hint_label.text()

        # Accept the suggestion with Enter: it is added and preselected.
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
        await _settle(dialog)
        assert _names(dialog) == ["zhangwei"]
        assert dialog.stack.currentIndex() == dialog.LIST_PAGE
        assert dialog.selected_profile() is not None

    _with_service(qloop, tmp_path, test)


def test_add_two_refuse_a_duplicate_and_sign_in_by_keyboard(
    qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    async def test(service: OperatorService) -> None:
        dialog = OperatorDialog(service, suggested_name="")
        qtbot.addWidget(dialog)
        assert await dialog.load()
        await _show_active(dialog)

        await _add_by_keyboard(dialog, "王芳", OperatorRole.DIRECTOR)
        await _add_by_keyboard(dialog, "李明", OperatorRole.RECORDER)
        assert sorted(_names(dialog)) == ["李明", "王芳"]
        assert dialog.stack.currentIndex() == dialog.LIST_PAGE
        selected = dialog.selected_profile()
        assert selected is not None and selected.name == "李明"  # the one just added
        assert (
            operator_role_text(OperatorRole.RECORDER)
            in dialog.model.index(dialog.model.row_of(selected.id) or 0, 0).data()
        )

        # A name taken already: the domain's message, nothing added, the form stays.
        await _add_by_keyboard(dialog, "王芳", OperatorRole.OTHER)
        assert "already an operator" in dialog.problem_label.text()
        assert dialog.stack.currentIndex() == dialog.NEW_PAGE
        assert len(await service.profiles()) == 2
        # An empty name is refused too.
        dialog.name_edit.clear()
        assert await dialog.add_profile() is None
        assert "required" in dialog.problem_label.text()
        assert len(await service.profiles()) == 2

        # Escape goes back to the list (not out of the dialog).
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        assert dialog.stack.currentIndex() == dialog.LIST_PAGE
        assert dialog.problem_label.text() == ""

        # Arrow keys pick, Enter signs in.
        dialog.list_view.setFocus()
        wanted = "王芳"
        for _ in range(dialog.model.rowCount()):
            current = dialog.selected_profile()
            if current is not None and current.name == wanted:
                break
            QTest.keyClick(dialog.list_view, Qt.Key.Key_Down)
        finished: list[int] = []
        dialog.finished.connect(finished.append)
        QTest.keyClick(dialog.list_view, Qt.Key.Key_Return)
        assert finished == [QDialog.DialogCode.Accepted]
        assert dialog.profile is not None
        assert dialog.profile.name == wanted
        assert dialog.profile.role is OperatorRole.DIRECTOR

        # The composition root then signs in: next time that profile comes first.
        await service.sign_in(dialog.profile.id)
        again = OperatorDialog(service)
        qtbot.addWidget(again)
        assert await again.load()
        assert again.stack.currentIndex() == again.LIST_PAGE
        first = again.selected_profile()
        assert first is not None and first.name == wanted

    _with_service(qloop, tmp_path, test)


def test_remove_asks_first(qtbot: Any, qloop: Any, tmp_path: Path) -> None:
    async def test(service: OperatorService) -> None:
        await service.add("王芳", OperatorRole.DIRECTOR)
        await service.add("李明", OperatorRole.MODERATOR)
        dialog = OperatorDialog(service, suggested_name="desk")
        qtbot.addWidget(dialog)
        assert await dialog.load()
        await _show_active(dialog)
        target = dialog.selected_profile()
        assert target is not None

        # Delete asks; "No" keeps the profile.
        dialog.list_view.setFocus()
        QTest.keyClick(dialog.list_view, Qt.Key.Key_Delete)
        box = await _message_box()
        assert target.name in box.text()
        box.button(QMessageBox.StandardButton.No).click()
        await _settle(dialog)
        assert len(await service.profiles()) == 2

        # "Yes" removes it; the other one is selected.
        task = asyncio.ensure_future(dialog.remove_selected())
        box = await _message_box()
        box.button(QMessageBox.StandardButton.Yes).click()
        await asyncio.wait_for(task, 10)
        assert task.result() is True
        remaining = await service.profiles()
        assert [p.name for p in remaining] == [n for n in ("王芳", "李明") if n != target.name]
        assert _names(dialog) == [p.name for p in remaining]
        assert dialog.selected_profile() == remaining[0]

        # Removing the last one opens the new-profile form with the suggestion.
        task = asyncio.ensure_future(dialog.remove_selected())
        (await _message_box()).button(QMessageBox.StandardButton.Yes).click()
        await asyncio.wait_for(task, 10)
        assert await service.profiles() == []
        assert dialog.stack.currentIndex() == dialog.NEW_PAGE
        assert dialog.name_edit.text() == "desk"

    _with_service(qloop, tmp_path, test)


def test_profile_list_model(qtbot: Any, qloop: Any, qtmodeltester: Any, tmp_path: Path) -> None:
    async def test(service: OperatorService) -> None:
        await service.add("王芳", OperatorRole.DIRECTOR)
        signed = await service.add("李明", OperatorRole.MODERATOR)
        await service.sign_in(signed.id)
        dialog = OperatorDialog(service)
        qtbot.addWidget(dialog)
        assert await dialog.load()
        qtmodeltester.check(dialog.model)
        assert _names(dialog) == ["李明", "王芳"]  # most recently signed in first
        assert "Last signed in" in dialog.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
        # Nothing selected, nothing to sign in with.
        dialog.list_view.clearSelection()
        assert not dialog.sign_in()
        assert not dialog.sign_in_button.isEnabled()

    _with_service(qloop, tmp_path, test)
