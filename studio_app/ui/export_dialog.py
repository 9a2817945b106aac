"""Exporting records: which sessions, which formats, public or internal, where; progress, cancel."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDate, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio_app import __version__
from studio_app.export_text import export_labels
from studio_app.messages import export_error_text, storage_error_text, withheld_lines
from studio_app.services.export.base import CancelToken, ExportContext
from studio_app.services.export.dossier import ExportScope
from studio_app.services.export.formats import ExportFormat
from studio_app.services.export.service import (
    ExportProgress,
    ExportRequest,
    ExportResult,
    ExportSkip,
    today_in,
)
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError


class Exporter(Protocol):
    """What the dialog needs (``services.export.service.ExportService`` is one)."""

    async def export(
        self,
        request: ExportRequest,
        context: ExportContext,
        on_progress: Callable[[ExportProgress], None] | None = None,
    ) -> ExportResult: ...


def default_folder() -> Path:
    """Where exports go unless the operator chose elsewhere: Documents/<app> exports."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents else Path.home()
    return base / QCoreApplication.translate("ExportDialog", "Village Studio exports")


class ExportDialog(QDialog):
    """Chooses and runs one export; stays open to show what was written and withheld."""

    #: The export finished; the folder it wrote to (the app remembers it).
    exported = Signal(object)

    def __init__(
        self,
        exporter: Exporter,
        *,
        operator: str,
        session_id: uuid.UUID | None = None,
        session_title: str = "",
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export records"))
        self._exporter = exporter
        self._operator = operator
        self._session_id = session_id
        self._tasks = TaskSet()
        self._cancel: CancelToken | None = None
        self._close_when_done = False
        self.outcome: ExportResult | None = None
        self.error_text = ""

        # ---------------------------------------------------------------- scope
        scope_box = QGroupBox(self.tr("Sessions"), self)
        self.this_session = QRadioButton(
            self.tr("This session: %1").replace("%1", session_title or self.tr("(none)")),
            scope_box,
        )
        self.this_session.setObjectName("exportThisSession")
        self.date_range = QRadioButton(self.tr("Sessions from"), scope_box)
        self.date_range.setObjectName("exportDateRange")
        self.all_sessions = QRadioButton(self.tr("All sessions"), scope_box)
        self.all_sessions.setObjectName("exportAllSessions")
        self._scope_group = QButtonGroup(self)
        for button in (self.this_session, self.date_range, self.all_sessions):
            self._scope_group.addButton(button)
        today = QDate.currentDate()
        self.first_day = QDateEdit(QDate(today.year(), today.month(), 1), scope_box)
        self.last_day = QDateEdit(today, scope_box)
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.first_day.setObjectName("exportFirstDay")
        self.last_day.setObjectName("exportLastDay")
        self.include_rehearsals = QCheckBox(self.tr("Include rehearsal copies"), scope_box)
        self.include_rehearsals.setObjectName("exportRehearsals")
        range_row = QHBoxLayout()
        range_row.addWidget(self.date_range)
        range_row.addWidget(self.first_day)
        range_row.addWidget(QLabel(self.tr("to"), scope_box))
        range_row.addWidget(self.last_day)
        range_row.addStretch(1)
        scope_layout = QVBoxLayout(scope_box)
        scope_layout.addWidget(self.this_session)
        scope_layout.addLayout(range_row)
        scope_layout.addWidget(self.all_sessions)
        scope_layout.addWidget(self.include_rehearsals)
        if session_id is None:
            self.this_session.setEnabled(False)
            self.all_sessions.setChecked(True)
        else:
            self.this_session.setChecked(True)

        # ---------------------------------------------------------------- formats
        format_box = QGroupBox(self.tr("Formats"), self)
        self.format_boxes: dict[ExportFormat, QCheckBox] = {
            ExportFormat.XLSX: QCheckBox(self.tr("Excel ledger (.xlsx)"), format_box),
            ExportFormat.DOCX: QCheckBox(self.tr("Word report (.docx)"), format_box),
            ExportFormat.PDF: QCheckBox(self.tr("PDF report (.pdf)"), format_box),
            ExportFormat.CSV: QCheckBox(self.tr("CSV tables"), format_box),
            ExportFormat.JSON: QCheckBox(
                self.tr("JSON record (imports into another studio)"), format_box
            ),
            ExportFormat.CHAPTERS: QCheckBox(self.tr("Recording chapters"), format_box),
            ExportFormat.CLIPS: QCheckBox(self.tr("A clip per question (FFmpeg)"), format_box),
        }
        grid = QGridLayout(format_box)
        for index, (export_format, box) in enumerate(self.format_boxes.items()):
            box.setObjectName(f"exportFormat_{export_format.value}")
            grid.addWidget(box, index // 2, index % 2)
        self.format_boxes[ExportFormat.XLSX].setChecked(True)
        self.format_boxes[ExportFormat.PDF].setChecked(True)

        self.public_box = QCheckBox(self.tr("Public version (for publishing)"), self)
        self.public_box.setObjectName("exportPublic")
        public_hint = QLabel(
            self.tr(
                "Leaves out residents' phone numbers and contacts and rejected questions, "
                "shortens askers' names and masks personal data in the text. You will see "
                "what was withheld."
            ),
            self,
        )
        public_hint.setWordWrap(True)

        # ---------------------------------------------------------------- clips
        self.clip_box = QGroupBox(self.tr("Clips"), self)
        self.recording_edit = QLineEdit(self.clip_box)
        self.recording_edit.setObjectName("exportRecording")
        self.recording_edit.setPlaceholderText(self.tr("The file OBS recorded"))
        browse_recording = QPushButton(self.tr("Choose…"), self.clip_box)
        browse_recording.clicked.connect(self._on_browse_recording_clicked)
        self.reencode_box = QCheckBox(self.tr("Exact cuts (re-encode, much slower)"), self.clip_box)
        self.reencode_box.setObjectName("exportReencode")
        recording_row = QHBoxLayout()
        recording_row.addWidget(self.recording_edit, 1)
        recording_row.addWidget(browse_recording)
        clip_layout = QFormLayout(self.clip_box)
        clip_layout.addRow(self.tr("Recording:"), recording_row)
        clip_layout.addRow(self.reencode_box)
        self.format_boxes[ExportFormat.CLIPS].toggled.connect(self._update_enabled)
        self.this_session.toggled.connect(self._update_enabled)

        # ---------------------------------------------------------------- destination
        self.folder_edit = QLineEdit(str(folder or default_folder()), self)
        self.folder_edit.setObjectName("exportFolder")
        browse_folder = QPushButton(self.tr("Choose…"), self)
        browse_folder.clicked.connect(self._on_browse_folder_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Save in:"), self))
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse_folder)

        # ---------------------------------------------------------------- progress, result
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("exportReport")
        self.report.setReadOnly(True)
        self.report.setVisible(False)
        self.report.setMinimumHeight(140)

        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.open_button = QPushButton(self.tr("Open folder"), self)
        self.open_button.setObjectName("exportOpenFolder")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.cancel_button = QPushButton(self.tr("Close"), self)
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(scope_box)
        layout.addWidget(format_box)
        layout.addWidget(self.public_box)
        layout.addWidget(public_hint)
        layout.addWidget(self.clip_box)
        layout.addLayout(folder_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.report, 1)
        layout.addLayout(buttons)
        self._inputs: list[QWidget] = [
            scope_box,
            format_box,
            self.public_box,
            self.clip_box,
            self.folder_edit,
            browse_folder,
            self.export_button,
        ]
        self._update_enabled()
        self.resize(640, self.sizeHint().height())

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        """An export is under way."""
        return self._cancel is not None

    def chosen_formats(self) -> tuple[ExportFormat, ...]:
        """The ticked formats, in the dialog's order."""
        return tuple(f for f, box in self.format_boxes.items() if box.isChecked())

    def scope(self) -> ExportScope:
        """The sessions chosen."""
        if self.this_session.isChecked() and self._session_id is not None:
            return ExportScope.sessions(self._session_id)
        rehearsals = self.include_rehearsals.isChecked()
        if self.date_range.isChecked():
            first, last = self.first_day.date(), self.last_day.date()
            return ExportScope(
                first_day=date(first.year(), first.month(), first.day()),
                last_day=date(last.year(), last.month(), last.day()),
                include_rehearsals=rehearsals,
            )
        return ExportScope(include_rehearsals=rehearsals)

    def request(self) -> ExportRequest:
        """What the dialog asks to export."""
        recording = self.recording_edit.text().strip()
        return ExportRequest(
            scope=self.scope(),
            formats=self.chosen_formats(),
            destination=Path(self.folder_edit.text().strip()).expanduser(),
            public=self.public_box.isChecked(),
            recording=Path(recording).expanduser() if recording else None,
            stream_copy=not self.reencode_box.isChecked(),
        )

    def _update_enabled(self) -> None:
        clips = self.format_boxes[ExportFormat.CLIPS].isChecked()
        self.clip_box.setEnabled(clips and not self.running)
        # A recording file belongs to one session.
        self.recording_edit.setEnabled(clips and self.this_session.isChecked())

    # ------------------------------------------------------------------ actions
    def _on_browse_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save exports in"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _on_browse_recording_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("The session's recording"),
            self.recording_edit.text(),
            self.tr("Recordings (*.mkv *.mp4 *.mov *.flv *.ts);;All files (*)"),
        )
        if path:
            self.recording_edit.setText(path)

    def _on_open_button_clicked(self) -> None:
        if self.outcome is not None and self.outcome.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.folder)))

    def _on_cancel_button_clicked(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _on_export_button_clicked(self) -> None:
        if not self.chosen_formats():
            self._show_error(self.tr("Tick at least one format."))
            return
        if not self.folder_edit.text().strip():
            self._show_error(self.tr("Choose the folder to save in."))
            self.folder_edit.setFocus()
            return
        self._tasks.spawn(self.run_export(), name="export")

    async def run_export(self) -> ExportResult | None:
        """Run the export the dialog describes; show the outcome in the dialog."""
        cancel = self._cancel = CancelToken()
        request = self.request()
        context = ExportContext(
            labels=export_labels(),
            exported_at=datetime.now(UTC),
            exported_by=self._operator,
            app_version=__version__,
            today=today_in(None),
            public=request.public,
            cancel=cancel,
        )
        self._set_running(True)
        self.outcome = None
        self.error_text = ""
        self.report.setVisible(False)
        self.open_button.setVisible(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading the records…"))
        self.progress.setValue(0)
        try:
            result = await self._exporter.export(request, context, self._on_progress)
        except StorageError as error:
            self._show_error("\n".join(storage_error_text(error)))
            return None
        except Exception as error:
            text = export_error_text(error)
            if text is None:
                raise
            if cancel.cancelled:
                self.status.setText(text)
                self.progress.setValue(0)
            else:
                self._show_error(text)
            return None
        finally:
            self._cancel = None
            self._set_running(False)
            if self._close_when_done:
                self.reject()
        self.outcome = result
        self.progress.setValue(self.progress.maximum())
        self._show_result(result)
        if result.folder is not None:
            self.exported.emit(result.folder)
        return result

    def _on_progress(self, progress: ExportProgress) -> None:
        self.progress.setValue(round(progress.fraction * self.progress.maximum()))
        if progress.format is not None:
            what = self._format_name(progress.format)
            if progress.session_title:
                what = f"{what} · {progress.session_title}"
            self.status.setText(self.tr("Writing %1…").replace("%1", what))

    def _format_name(self, export_format: ExportFormat) -> str:
        return self.format_boxes[export_format].text()

    def _set_running(self, running: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel") if running else self.tr("Close"))
        self._update_enabled()

    def _show_error(self, text: str) -> None:
        self.error_text = text
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(text)

    def _show_result(self, result: ExportResult) -> None:
        self.status.setStyleSheet("")
        self.status.setText(
            self.tr("Done: %1 sessions, %2 files in %3.")
            .replace("%1", str(result.sessions))
            .replace("%2", str(len(result.files)))
            .replace("%3", str(result.folder or ""))
        )
        lines = [str(path) for path in result.files]
        skips = {
            ExportSkip.NO_RECORDING: self.tr("no recording file known"),
            ExportSkip.NOTHING_TO_CUT: self.tr("no question on air while recording"),
        }
        for title, export_format, reason in result.skipped:
            lines.append(
                self.tr("Not made: %1 of “%2”: %3")
                .replace("%1", self._format_name(export_format))
                .replace("%2", title)
                .replace("%3", skips[reason])
            )
        held = withheld_lines(result)
        if held:
            lines.append("")
            lines.extend(held)
        self.report.setPlainText("\n".join(lines))
        self.report.setVisible(True)
        self.open_button.setVisible(result.folder is not None)

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        if self._cancel is not None:
            # Let the export stop and clean up first; the dialog closes when it has.
            self._close_when_done = True
            self._cancel.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._cancel is not None:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
