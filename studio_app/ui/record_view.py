"""The session record view: show status, run of show as it ran, aired questions, answer editor.

Only widgets and item models live here; :mod:`studio_app.ui.record_controller` wires them.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.followups import FollowUpState
from studio_app.domain.questions import Question
from studio_app.domain.record import AgendaSpan, QuestionAiring
from studio_app.ui.formatting import format_local_time, state_label

AnyIndex = QModelIndex | QPersistentModelIndex

#: Role returning the question's ``uuid.UUID`` (aired questions model).
QuestionIdRole = Qt.ItemDataRole.UserRole + 1

_OVER = QColor("#b71c1c")


def format_span(value: timedelta | None, *, signed: bool = False) -> str:
    """``MM:SS`` (``H:MM:SS`` past an hour); ``+``/``−`` in front when ``signed``."""
    if value is None:
        return "—"
    seconds = int(value.total_seconds())
    sign = ""
    if signed:
        sign = "−" if seconds < 0 else "+"
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    body = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    return sign + body


class RunOfShowModel(QAbstractTableModel):
    """The agenda as it ran: planned, actual start and end, time on air, time left."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spans: list[AgendaSpan] = []

    @property
    def spans(self) -> list[AgendaSpan]:
        """The rows, in agenda order."""
        return self._spans

    def set_spans(self, spans: list[AgendaSpan]) -> None:
        """Show ``spans``; same items → cells are updated in place (the countdown ticks)."""
        same = [s.item.id for s in spans] == [s.item.id for s in self._spans]
        if same and spans:
            self._spans = spans
            self.dataChanged.emit(self.index(0, 0), self.index(len(spans) - 1, self.COLUMNS - 1))
            return
        self.beginResetModel()
        self._spans = spans
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Agenda item"),
            self.tr("Planned"),
            self.tr("Started"),
            self.tr("Ended"),
            self.tr("On air"),
            self.tr("Left"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._spans):
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return ("▶ " if span.is_current else "") + span.item.title
            if column == 1:
                minutes = span.item.planned_minutes
                return self.tr("%1 min").replace("%1", str(minutes)) if minutes else "—"
            if column == 2:
                return format_local_time(span.started_at) if span.started_at else "—"
            if column == 3:
                return format_local_time(span.ended_at) if span.ended_at else "—"
            if column == 4:
                return format_span(span.on_air) if span.started_at else "—"
            return format_span(span.remaining, signed=True) if span.started_at else "—"
        if role == Qt.ItemDataRole.FontRole and span.is_current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            remaining = span.remaining
            if remaining is not None and remaining < timedelta() and span.started_at:
                return QBrush(_OVER)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return span.item.title
        return None


class AiredQuestionsModel(QAbstractTableModel):
    """Questions that were on air (or answered in writing), newest airing last."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Question, QuestionAiring | None, bool]] = []

    def set_rows(self, rows: list[tuple[Question, QuestionAiring | None, bool]]) -> None:
        """Rows of (question, its first airing or None, has an answer)."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, question_id: uuid.UUID) -> int:
        """The row showing ``question_id``, or -1."""
        return next((n for n, r in enumerate(self._rows) if r[0].id == question_id), -1)

    def question(self, row: int) -> Question:
        """The question in ``row``."""
        return self._rows[row][0]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("On air at"), self.tr("Question"), self.tr("State"), self.tr("Answer"))[
            section
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        question, airing, answered = self._rows[index.row()]
        if role == QuestionIdRole:
            return question.id
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return format_local_time(airing.started_at) if airing else "—"
            if column == 1:
                return question.display_text
            if column == 2:
                return state_label(question.state)
            return self.tr("recorded") if answered else self.tr("missing")
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3 and not answered:
            return QBrush(_OVER)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return question.display_text
        return None


class AnswerEditor(QGroupBox):
    """The recorder's answer form for one question; every keystroke is autosaved."""

    edited = Signal()
    promise_requested = Signal()
    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Answer"))
        self.question_label = QLabel(self)
        self.question_label.setObjectName("answerQuestion")
        self.question_label.setWordWrap(True)
        self.follow_on_air = QCheckBox(self.tr("Follow the question on air"), self)
        self.follow_on_air.setChecked(True)
        self.answered_by = QComboBox(self)
        self.answered_by.setEditable(True)
        self.answered_by.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.answered_by.setObjectName("answeredBy")
        self.role = QLineEdit(self)
        self.role.setObjectName("answerRole")
        self.department = QLineEdit(self)
        self.department.setObjectName("answerDepartment")
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("answerSummary")
        self.summary.setPlaceholderText(
            self.tr("What was answered: the facts, figures and commitments, in a few sentences.")
        )
        self.summary.setTabChangesFocus(True)
        self.save_status = QLabel(self)
        self.save_status.setObjectName("answerSaveStatus")
        self.promise_button = QPushButton(self.tr("Promise → follow-up… (Ctrl+P)"), self)
        self.promise_button.setObjectName("promiseButton")
        self.history_button = QPushButton(self.tr("History of this question…"), self)
        self.follow_ups = QListWidget(self)
        self.follow_ups.setObjectName("questionFollowUps")
        self.follow_ups.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("Answered by"), self.answered_by)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Department"), self.department)
        buttons = QHBoxLayout()
        buttons.addWidget(self.promise_button)
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.follow_on_air)
        layout.addWidget(self.question_label)
        layout.addLayout(form)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.save_status)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Follow-ups from this question:"), self))
        layout.addWidget(self.follow_ups)
        self.answered_by.editTextChanged.connect(self._on_any_edited)
        self.role.textEdited.connect(self._on_any_edited)
        self.department.textEdited.connect(self._on_any_edited)
        self.summary.textChanged.connect(self._on_any_edited)
        self.promise_button.clicked.connect(self.promise_requested)
        self.history_button.clicked.connect(self.history_requested)
        self._loading = False
        #: The session's guests by name: (title, department), filled in when one is picked.
        self._guests: dict[str, tuple[str, str]] = {}
        self.set_question(None)

    def set_guests(self, guests: list[tuple[str, str, str]]) -> None:
        """The session's guests (name, title, department) offered as "answered by"."""
        self._guests = {name: (title, dept) for name, title, dept in guests}
        self._loading = True
        try:
            text = self.answered_by.currentText()
            self.answered_by.clear()
            self.answered_by.addItems(list(self._guests))
            self.answered_by.setEditText(text)
        finally:
            self._loading = False

    def set_question(
        self,
        question: Question | None,
        fields: tuple[str, str, str, str] = ("", "", "", ""),
        *,
        editable: bool = True,
    ) -> None:
        """Show ``question`` with its stored answer (summary, by, role, department)."""
        self._loading = True
        try:
            summary, by, role, department = fields
            if question is None:
                self.question_label.setText(
                    self.tr("No question selected: take one to air, or pick an aired one.")
                )
            else:
                self.question_label.setText(question.display_text)
            if self.summary.toPlainText() != summary:
                self.summary.setPlainText(summary)
            self.answered_by.setEditText(by)
            self.role.setText(role)
            self.department.setText(department)
            for widget in (self.summary, self.answered_by, self.role, self.department):
                widget.setEnabled(question is not None and editable)
            self.promise_button.setEnabled(question is not None and editable)
            self.history_button.setEnabled(question is not None)
            self.save_status.setText("")
        finally:
            self._loading = False

    def fields(self) -> tuple[str, str, str, str]:
        """(summary, answered by, role, department) as typed."""
        return (
            self.summary.toPlainText(),
            self.answered_by.currentText(),
            self.role.text(),
            self.department.text(),
        )

    def set_follow_ups(self, lines: list[str]) -> None:
        """The follow-ups made from this question, one line each."""
        self.follow_ups.clear()
        self.follow_ups.addItems(lines)

    def _on_any_edited(self, *_args: object) -> None:
        if self._loading:
            return
        by = self.answered_by.currentText()
        guest = self._guests.get(by)
        if guest is not None and self.sender() is self.answered_by:
            # Picking a guest fills in their role and department (still editable).
            title, department = guest
            if not self.role.text():
                self.role.setText(title)
            if not self.department.text():
                self.department.setText(department)
        self.edited.emit()


class RecordView(QWidget):
    """The session record: status and lifecycle buttons, run of show, aired questions, answer."""

    countdown_changed = Signal(str, str)
    """The countdown line changed: (text, style sheet); the live dock repeats it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordView")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("sessionStatus")
        self.rehearsal_label = QLabel(
            self.tr("REHEARSAL — a practice copy: nothing here counts as aired."), self
        )
        self.rehearsal_label.setObjectName("rehearsalBanner")
        self.rehearsal_label.setStyleSheet(
            "color: black; background: #ffca28; font-weight: bold; padding: 4px;"
        )
        self.rehearsal_label.hide()
        self.live_button = QPushButton(self.tr("Go live"), self)
        self.live_button.setObjectName("goLiveButton")
        self.end_button = QPushButton(self.tr("End show"), self)
        self.end_button.setObjectName("endShowButton")
        self.close_button = QPushButton(self.tr("Close record"), self)
        self.close_button.setObjectName("closeRecordButton")
        self.reopen_button = QPushButton(self.tr("Reopen record"), self)
        self.reopen_button.setObjectName("reopenRecordButton")
        self.rehearse_button = QPushButton(self.tr("Rehearse…"), self)
        self.rehearse_button.setObjectName("rehearseButton")
        self.rehearse_button.setToolTip(
            self.tr(
                "Make a practice copy of this session with its questions: everything works, "
                "but nothing is recorded as aired."
            )
        )
        self.audit_button = QPushButton(self.tr("Audit trail…"), self)
        self.audit_button.setObjectName("sessionAuditButton")
        self.message = QLabel(self)
        self.message.setObjectName("recordMessage")
        self.message.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self.status_label, 1)
        for button in (
            self.live_button,
            self.end_button,
            self.close_button,
            self.reopen_button,
            self.rehearse_button,
            self.audit_button,
        ):
            header.addWidget(button)

        self.countdown = QLabel(self)
        self.countdown.setObjectName("agendaCountdown")
        big = QFont()
        big.setPointSize(big.pointSize() + 6)
        big.setBold(True)
        self.countdown.setFont(big)
        self.run_model = RunOfShowModel(self)
        self.run_view = QTableView(self)
        self.run_view.setObjectName("runOfShow")
        self.run_view.setModel(self.run_model)
        self.run_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.run_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.run_view.verticalHeader().hide()
        header_view = self.run_view.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, RunOfShowModel.COLUMNS):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        run_box = QGroupBox(self.tr("Run of show"), self)
        run_layout = QVBoxLayout(run_box)
        run_layout.addWidget(self.countdown)
        run_layout.addWidget(self.run_view)

        self.aired_model = AiredQuestionsModel(self)
        self.aired_view = QTableView(self)
        self.aired_view.setObjectName("airedQuestions")
        self.aired_view.setModel(self.aired_model)
        self.aired_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.aired_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.aired_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.aired_view.verticalHeader().hide()
        aired_header = self.aired_view.horizontalHeader()
        aired_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            aired_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        aired_box = QGroupBox(self.tr("Questions on air"), self)
        aired_layout = QVBoxLayout(aired_box)
        aired_layout.addWidget(self.aired_view)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(run_box)
        left.addWidget(aired_box)
        self.answer = AnswerEditor(self)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.answer)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rehearsal_label)
        layout.addLayout(header)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def say(self, text: str, *, problem: bool = False) -> None:
        """A line under the header: what happened, or what went wrong and what to do."""
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c;" if problem else "color: #1b5e20;")

    def show_countdown(self, span: AgendaSpan | None) -> None:
        """The current agenda item's time left against the plan (red when over)."""
        self._countdown(span)
        self.countdown_changed.emit(self.countdown.text(), self.countdown.styleSheet())

    def _countdown(self, span: AgendaSpan | None) -> None:
        if span is None:
            self.countdown.setText(self.tr("No agenda item on air."))
            self.countdown.setStyleSheet("")
            return
        remaining = span.remaining
        if remaining is None:
            text = self.tr("%1 — on air %2 (no planned time)")
            self.countdown.setText(
                text.replace("%1", span.item.title).replace("%2", format_span(span.on_air))
            )
            self.countdown.setStyleSheet("")
        elif remaining >= timedelta():
            self.countdown.setText(
                self.tr("%1 — %2 left")
                .replace("%1", span.item.title)
                .replace("%2", format_span(remaining))
            )
            self.countdown.setStyleSheet("color: #1b5e20;")
        else:
            self.countdown.setText(
                self.tr("%1 — %2 over time")
                .replace("%1", span.item.title)
                .replace("%2", format_span(-remaining))
            )
            self.countdown.setStyleSheet("color: white; background: #b71c1c; padding: 2px;")


def follow_up_line(state: FollowUpState, status_text: str, department: str) -> str:
    """One line of a question's follow-up list."""
    deadline = state.follow_up.deadline
    due = deadline.isoformat() if deadline else "—"
    return f"{state.follow_up.promise} · {department} · {due} · {status_text}"
