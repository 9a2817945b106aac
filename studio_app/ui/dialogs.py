"""Dialogs that coroutines can await without nesting an event loop (no ``exec()``)."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


async def ask(dialog: QDialog) -> int:
    """Open ``dialog`` window-modally and wait for its result code.

    ``exec()`` inside a qasync coroutine re-enters the event loop and breaks running tasks;
    ``open()`` plus a future resolved from ``finished`` does not.
    """
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def _on_finished(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(_on_finished)
    dialog.open()
    try:
        return await future
    finally:
        dialog.finished.disconnect(_on_finished)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    details: str = "",
) -> QMessageBox:
    """Build (not show) a message box; show it with :func:`ask` or ``open()``."""
    box = QMessageBox(icon, title, text, buttons, parent)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    if details:
        box.setDetailedText(details)
    return box


async def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; ``True`` for yes."""
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    await ask(box)
    return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes
