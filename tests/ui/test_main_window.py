"""The main window end to end: the real store, services and widgets in a qasync loop."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio_app.storage.store import Store
from studio_app.ui.main_window import AUTOSAVE_DELAY_MS
from tests.conftest import next_emission
from tests.ui.helpers import RunningApp, type_text


async def _settle() -> None:
    """Let Qt deliver posted events (never processEvents() inside a qasync coroutine)."""
    for _ in range(3):
        await asyncio.sleep(0.01)


async def _type_into_current_cell(view, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open the editor of the current cell, type like a person, press Tab to commit."""
    view.setFocus()
    view.edit(view.currentIndex())
    await _settle()
    editor = QApplication.focusWidget()
    assert editor is not None and view.isAncestorOf(editor)
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    await _settle()


def test_typed_session_survives_close_and_reopen(qapp, qloop, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"

    async def first_run() -> None:
        running = RunningApp(qapp, data_dir)
        window = await running.start()
        assert window.session_list.model.rowCount() == 0
        created = await window.new_session()
        assert created is not None
        editor = window.editor
        # The title field has focus with the default title selected: typing replaces it.
        type_text(editor.title_edit, "11月政务直播：户籍与养老 Q&A 🎙")
        editor.scheduled_check.setChecked(True)
        editor.start_edit.setDateTime(QDateTime(QDate(2026, 12, 3), QTime(14, 30)))
        editor.minutes_spin.setValue(50)
        type_text(editor.location_edit, "镇政府二楼演播室")
        type_text(editor.description_edit, "第一行\n第二行，含“引号”与 emoji 😀")
        # Guests typed cell by cell through the real item editors.
        for name, title, department in (
            ("王建国", "副镇长", "镇人民政府"),
            ("李芳", "所长", "派出所"),
        ):
            editor.guests.add_row()
            await _type_into_current_cell(editor.guests.view, name)
            await _type_into_current_cell(editor.guests.view, title)
            await _type_into_current_cell(editor.guests.view, department)
        for title, minutes in (("开场", 5), ("户籍迁移答疑", 20), ("养老金答疑", 20)):
            editor.agenda.add_row()
            await _type_into_current_cell(editor.agenda.view, title)
            await _type_into_current_cell(editor.agenda.view, str(minutes))
        # Speaker of item 2 is the second guest (set through the model, as the combo does).
        speaker_index = editor.agenda_model.index(1, editor.agenda_model.SPEAKER)
        editor.agenda_model.setData(speaker_index, editor.guest_model.rows[1].id)
        # Reorder: move "养老金答疑" up above "户籍迁移答疑" with Alt+Up.
        editor.agenda.view.setCurrentIndex(editor.agenda_model.index(2, 0))
        editor.agenda.view.setFocus()
        QTest.keyClick(editor.agenda.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        assert [a.title for a in editor.agenda_model.rows] == ["开场", "养老金答疑", "户籍迁移答疑"]
        # Still typing into the last guest cell when the window is closed: must not be lost.
        editor.guests.view.setCurrentIndex(editor.guest_model.index(1, 1))
        editor.guests.view.setFocus()
        editor.guests.view.edit(editor.guests.view.currentIndex())
        await _settle()
        cell = QApplication.focusWidget()
        cell.selectAll()
        type_text(cell, "所长（兼）")
        assert await running.stop() == 0

    qloop.run_until_complete(first_run())

    async def second_run() -> None:
        running = RunningApp(qapp, data_dir)
        window = await running.start()
        assert window.session_list.model.rowCount() == 1
        for _ in range(200):
            if window.editor.session is not None:
                break
            await asyncio.sleep(0.01)
        editor = window.editor
        assert editor.title_edit.text() == "11月政务直播：户籍与养老 Q&A 🎙"
        assert editor.scheduled_check.isChecked()
        assert editor.start_edit.dateTime() == QDateTime(QDate(2026, 12, 3), QTime(14, 30))
        assert editor.minutes_spin.value() == 50
        assert editor.location_edit.text() == "镇政府二楼演播室"
        assert editor.description_edit.toPlainText() == "第一行\n第二行，含“引号”与 emoji 😀"
        guests = [(g.name, g.title, g.department) for g in editor.guest_model.rows]
        assert guests == [("王建国", "副镇长", "镇人民政府"), ("李芳", "所长（兼）", "派出所")]
        agenda = [(a.title, a.planned_minutes) for a in editor.agenda_model.rows]
        assert agenda == [("开场", 5), ("养老金答疑", 20), ("户籍迁移答疑", 20)]
        speaker = editor.agenda_model.rows[2].speaker_id
        assert speaker == editor.guest_model.rows[1].id
        assert editor.agenda_model.data(editor.agenda_model.index(2, 2)) == "李芳"
        assert await running.stop() == 0

    qloop.run_until_complete(second_run())

    # And the store agrees, read without the UI.
    store = Store.open(data_dir)
    try:
        with store.read() as uow:
            (summary,) = uow.sessions.list()
            session = uow.sessions.get(summary.id)
        assert (
            session.scheduled_start
            == datetime.fromtimestamp(
                QDateTime(QDate(2026, 12, 3), QTime(14, 30)).toSecsSinceEpoch()
            ).astimezone()
        )
        assert len(session.agenda) == 3
    finally:
        store.close()


def test_autosave_writes_without_closing(qapp, qloop, tmp_path: Path) -> None:
    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path)
        window = await running.start()
        await window.new_session()
        window.editor.title_edit.selectAll()
        type_text(window.editor.title_edit, "自动保存")
        assert window.has_unsaved_changes
        (saved,) = await next_emission(window.session_saved, timeout=AUTOSAVE_DELAY_MS / 1000 + 5)
        assert saved.title == "自动保存"
        assert not window.has_unsaved_changes
        # Read back through a second thread-free path: the service on the DB thread.
        loaded = await running.app.database.run(lambda store: _get(store, saved.id))
        assert loaded.title == "自动保存"
        assert window.session_list.model.data(window.session_list.model.index(0, 0)) == "自动保存"
        await running.stop()

    qloop.run_until_complete(scenario())


def _get(store, session_id):  # type: ignore[no-untyped-def]
    with store.read() as uow:
        return uow.sessions.get(session_id)


def test_invalid_title_is_kept_on_screen_and_not_saved(qapp, qloop, tmp_path: Path) -> None:
    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path)
        window = await running.start()
        created = await window.new_session()
        window.editor.title_edit.selectAll()
        QTest.keyClick(window.editor.title_edit, Qt.Key.Key_Delete)
        assert await window.save_now() is False
        assert window.has_unsaved_changes
        assert "Title" in window.save_status.text()
        # Switching to a new session is refused while the current one cannot be saved.
        assert await window.new_session() is None
        assert window.editor.session.id == created.id
        type_text(window.editor.title_edit, "补上标题")
        assert await window.save_now() is True
        await running.stop()

    qloop.run_until_complete(scenario())


def test_delete_session_after_confirmation(qapp, qloop, tmp_path: Path) -> None:
    async def scenario() -> None:
        running = RunningApp(qapp, tmp_path)
        window = await running.start()
        first = await window.new_session()
        second = await window.new_session()
        assert window.session_list.model.rowCount() == 2
        assert await window.delete_session(second.id, confirmed=True)
        assert window.session_list.model.rowCount() == 1
        assert window.session_list.model.row_of(first.id) == 0
        remaining = await running.app.database.run(lambda store: _list(store))
        assert [s.id for s in remaining] == [first.id]
        await running.stop()

    qloop.run_until_complete(scenario())


def _list(store):  # type: ignore[no-untyped-def]
    with store.read() as uow:
        return uow.sessions.list()
