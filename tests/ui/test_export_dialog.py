"""The export dialog over a real seeded SQLite store and the real export service."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl

from studio_app.services.database import Database
from studio_app.services.export.service import ExportFormat, ExportProgress, ExportService
from studio_app.storage.store import Store
from studio_app.ui.export_dialog import ExportDialog
from tests.export_seed import ID_NUMBER, PHONE, SeededShow, seed_show


def _seed(data_dir: Path, sessions: int = 1) -> list[SeededShow]:
    store = Store.open(data_dir, default_studio_name="青山村演播室")
    try:
        shows: list[SeededShow] = []
        for index in range(sessions):
            shows.append(
                seed_show(
                    store,
                    title=f"第{index + 1}期 村民问答",
                    start=datetime(2026, 11, 2, 1, 0, tzinfo=UTC) + timedelta(days=7 * index),
                    departments=shows[0].departments if shows else None,
                )
            )
        return shows
    finally:
        store.close()


def _run(qloop: Any, data_dir: Path, test: Callable[[Database], Coroutine[Any, Any, None]]) -> None:
    async def main() -> None:
        database = Database()
        await database.open(data_dir, default_studio_name="青山村演播室")
        try:
            await test(database)
        finally:
            database.close()

    qloop.run_until_complete(main())


def _dialog(qtbot: Any, database: Database, show: SeededShow, folder: Path) -> ExportDialog:
    dialog = ExportDialog(
        ExportService(database),
        operator="记录员 小王",
        session_id=show.session_id,
        session_title=show.title,
        folder=folder,
    )
    qtbot.addWidget(dialog)
    for box in dialog.format_boxes.values():
        box.setChecked(False)
    return dialog


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".part" in p.name]


def test_exports_this_session_with_progress_and_lists_the_files(
    qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    [show] = _seed(tmp_path / "data")
    out = tmp_path / "导出"

    async def test(database: Database) -> None:
        dialog = _dialog(qtbot, database, show, out)
        assert dialog.this_session.isChecked() and show.title in dialog.this_session.text()
        dialog.format_boxes[ExportFormat.XLSX].setChecked(True)
        dialog.format_boxes[ExportFormat.JSON].setChecked(True)
        seen: list[float] = []
        emitted: list[object] = []
        dialog.exported.connect(emitted.append)
        original = dialog._on_progress

        def spy(progress: ExportProgress) -> None:
            seen.append(progress.fraction)
            original(progress)

        dialog._on_progress = spy  # type: ignore[method-assign]
        result = await dialog.run_export()
        assert result is not None and result.sessions == 1
        assert {p.suffix for p in result.files} == {".xlsx", ".json"}
        assert all(p.is_file() and p.parent == out for p in result.files)
        assert seen and seen == sorted(seen) and seen[-1] == 1.0
        assert dialog.progress.value() == dialog.progress.maximum()
        assert emitted == [out]
        report = dialog.report.toPlainText()
        assert all(str(p) in report for p in result.files)
        assert dialog.open_button.isVisible() or not dialog.isVisible()
        assert not dialog.running and dialog.export_button.isEnabled()
        ledger = next(p for p in result.files if p.suffix == ".xlsx")
        book = openpyxl.load_workbook(ledger, read_only=True)
        assert len(book.worksheets) == 3
        book.close()

    _run(qloop, tmp_path / "data", test)


def test_public_export_shows_what_was_withheld(qtbot: Any, qloop: Any, tmp_path: Path) -> None:
    [show] = _seed(tmp_path / "data")
    out = tmp_path / "out"

    async def test(database: Database) -> None:
        dialog = _dialog(qtbot, database, show, out)
        dialog.format_boxes[ExportFormat.JSON].setChecked(True)
        dialog.public_box.setChecked(True)
        result = await dialog.run_export()
        assert result is not None and result.withheld is not None
        [path] = result.files
        raw = path.read_bytes()
        assert PHONE.encode() not in raw and ID_NUMBER.encode() not in raw
        report = dialog.report.toPlainText()
        assert "#5" in report  # the rejected question, by number
        assert ID_NUMBER not in report  # its excerpt is masked too
        assert dialog.tr("Public version") in path.name or "(public)" in path.name

    _run(qloop, tmp_path / "data", test)


def test_cancel_stops_the_export_and_leaves_no_partial_file(
    qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    _seed(tmp_path / "data", sessions=3)
    out = tmp_path / "out"

    async def test(database: Database) -> None:
        dialog = ExportDialog(ExportService(database), operator="小王", folder=out)
        qtbot.addWidget(dialog)
        assert dialog.all_sessions.isChecked() and not dialog.this_session.isEnabled()
        for box in dialog.format_boxes.values():
            box.setChecked(False)
        dialog.format_boxes[ExportFormat.DOCX].setChecked(True)
        original = dialog._on_progress

        def cancel_on_first_file(progress: ExportProgress) -> None:
            original(progress)
            if progress.format is not None and dialog.running:
                assert dialog.cancel_button.text() == dialog.tr("Cancel")
                dialog.cancel_button.click()

        dialog._on_progress = cancel_on_first_file  # type: ignore[method-assign]
        result = await dialog.run_export()
        assert result is None and dialog.outcome is None
        assert "cancel" in dialog.status.text().lower() or "取消" in dialog.status.text()
        assert _leftovers(out) == []
        assert len(list(out.glob("*.docx"))) < 3
        assert dialog.cancel_button.text() == dialog.tr("Close")

    _run(qloop, tmp_path / "data", test)


def test_unwritable_destination_is_a_clear_error_and_writes_nothing(
    qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    [show] = _seed(tmp_path / "data")
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")

    async def test(database: Database) -> None:
        dialog = _dialog(qtbot, database, show, blocker / "exports")
        dialog.format_boxes[ExportFormat.XLSX].setChecked(True)
        assert await dialog.run_export() is None
        assert dialog.error_text and str(blocker) in dialog.error_text
        assert "color" in dialog.status.styleSheet()
        assert blocker.read_text(encoding="utf-8") == "not a folder"
        assert not dialog.report.isVisible()

    _run(qloop, tmp_path / "data", test)


def test_no_format_ticked_is_refused_in_the_dialog(qtbot: Any, qloop: Any, tmp_path: Path) -> None:
    [show] = _seed(tmp_path / "data")

    async def test(database: Database) -> None:
        dialog = _dialog(qtbot, database, show, tmp_path / "out")
        dialog.export_button.click()
        assert dialog.error_text == dialog.tr("Tick at least one format.")
        assert not (tmp_path / "out").exists()

    _run(qloop, tmp_path / "data", test)


def test_ctrl_e_in_the_app_exports_the_session_on_screen_and_remembers_the_folder(
    qapp: Any, qloop: Any, tmp_path: Path
) -> None:
    import asyncio

    from PySide6.QtWidgets import QApplication

    from studio_app.settings import load_settings
    from tests.ui.helpers import RunningApp

    data_dir = tmp_path / "data"
    [show] = _seed(data_dir)
    out = tmp_path / "exports"

    async def test() -> None:
        running = RunningApp(qapp, data_dir)
        window = await running.start()
        window.session_list.select(show.session_id)
        for _ in range(300):
            if window.editor.session is not None:
                break
            await asyncio.sleep(0.01)
        assert window.export_action.shortcut().toString() == "Ctrl+E"
        window.export_action.trigger()
        dialog = None
        for _ in range(300):
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog)]
            if dialogs and dialogs[0].isVisible():
                dialog = dialogs[0]
                break
            await asyncio.sleep(0.01)
        assert dialog is not None
        assert dialog.this_session.isChecked() and show.title in dialog.this_session.text()
        for box in dialog.format_boxes.values():
            box.setChecked(False)
        dialog.format_boxes[ExportFormat.CSV].setChecked(True)
        dialog.folder_edit.setText(str(out))
        result = await dialog.run_export()
        assert result is not None and len(result.files) == 5
        assert load_settings(data_dir).export_folder == str(out)
        dialog.reject()
        assert await running.stop() == 0

    qloop.run_until_complete(test())
