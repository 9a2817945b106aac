"""Importing pre-collected questions: pick a file, check the preview and column mapping, report."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.messages import import_error_text, import_warning_text, skip_reason_text
from studio_app.services.intake.importer import (
    ENCODING_LABELS,
    Field,
    ImportFileError,
    ImportPreview,
    ImportResult,
    parse,
    preview,
)
from studio_app.ui.dialogs import ask, message_box

# How many skipped rows and warnings the report lists one by one.
REPORTED_ROWS = 20


class ImportDialog(QDialog):
    """The first rows of the file under a column-mapping row; Import needs a question column."""

    def __init__(self, found: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import questions"))
        self.resize(900, 520)
        self.preview = found
        labels = {
            Field.RECEIVED_AT: self.tr("Time"),
            Field.ASKER: self.tr("Asker"),
            Field.PHONE: self.tr("Phone"),
            Field.CHANNEL: self.tr("Channel"),
            Field.CATEGORY: self.tr("Category"),
            Field.TEXT: self.tr("Question"),
        }
        encoding = ENCODING_LABELS.get(found.encoding, found.encoding) if found.encoding else ""
        about = self.tr("%1 — %2 rows").replace("%1", found.path.name)
        about = about.replace("%2", str(found.total_rows))
        if encoding:
            about += " · " + self.tr("encoding %1").replace("%1", encoding)
        if found.sheet:
            about += " · " + self.tr("sheet %1").replace("%1", found.sheet)
        self.about = QLabel(about, self)
        self.hint = QLabel(
            self.tr("Check which column holds what. Columns set to “not imported” are left out."),
            self,
        )
        self.hint.setWordWrap(True)
        columns = len(found.headers)
        self.table = QTableWidget(len(found.rows) + 1, columns, self)
        self.table.setObjectName("importPreview")
        self.table.setHorizontalHeaderLabels(list(found.headers))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.combos: list[QComboBox] = []
        for column in range(columns):
            combo = QComboBox(self.table)
            combo.addItem(self.tr("— not imported —"), None)
            for field, label in labels.items():
                combo.addItem(label, field.value)
            mapped = found.mapping.get(column)
            combo.setCurrentIndex(max(0, combo.findData(mapped.value if mapped else None)))
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.table.setCellWidget(0, column, combo)
            self.combos.append(combo)
        for row, values in enumerate(found.rows, start=1):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._on_mapping_changed()

    def mapping(self) -> dict[int, Field]:
        """The mapping as chosen (column → field)."""
        return {
            column: Field(combo.currentData())
            for column, combo in enumerate(self.combos)
            if combo.currentData() is not None
        }

    def _on_mapping_changed(self, *_args: object) -> None:
        fields = Counter(self.mapping().values())
        if Field.TEXT not in fields:
            self.problem.setText(self.tr("Choose the column that holds the questions."))
        elif any(n > 1 for n in fields.values()):
            self.problem.setText(self.tr("Each kind of value can come from one column only."))
        else:
            self.problem.setText("")
        self.import_button.setEnabled(not self.problem.text())


async def choose_and_read(parent: QWidget) -> tuple[ImportResult, str] | None:
    """Ask for a file, show the preview and mapping, parse it; ``None`` if cancelled/failed.

    Reading runs on a worker thread: a 100 000-row workbook takes seconds.
    """
    chooser = QFileDialog(parent, QCoreApplication.translate("ImportDialog", "Import questions"))
    chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
    chooser.setNameFilters(
        [
            QCoreApplication.translate("ImportDialog", "Tables (*.csv *.xlsx *.txt)"),
            QCoreApplication.translate("ImportDialog", "All files (*)"),
        ]
    )
    if await ask(chooser) != QDialog.DialogCode.Accepted or not chooser.selectedFiles():
        return None
    path = Path(chooser.selectedFiles()[0])
    try:
        found = await asyncio.to_thread(preview, path)
    except ImportFileError as error:
        await ask(
            message_box(parent, QMessageBox.Icon.Warning, path.name, import_error_text(error))
        )
        return None
    dialog = ImportDialog(found, parent)
    if await ask(dialog) != QDialog.DialogCode.Accepted:
        return None
    try:
        result = await asyncio.to_thread(parse, path, dialog.mapping(), sheet=found.sheet or None)
    except ImportFileError as error:
        await ask(
            message_box(parent, QMessageBox.Icon.Warning, path.name, import_error_text(error))
        )
        return None
    return result, path.name


def report_text(result: ImportResult, imported: int) -> str:
    """What was imported, skipped (with row numbers and why) and warned about."""
    lines = [
        QCoreApplication.translate("ImportDialog", "Imported: %1 questions.").replace(
            "%1", str(imported)
        ),
    ]
    listed = (
        (
            QCoreApplication.translate("ImportDialog", "Skipped: %1 rows"),
            [(r.row_number, skip_reason_text(r.reason)) for r in result.skipped],
        ),
        (
            QCoreApplication.translate("ImportDialog", "Warnings: %1"),
            [(w.row_number, import_warning_text(w.kind)) for w in result.warnings],
        ),
    )
    for heading, rows in listed:
        if rows:
            lines.append(heading.replace("%1", str(len(rows))))
            lines += [f"  {number}: {why}" for number, why in rows[:REPORTED_ROWS]]
    return "\n".join(lines)
