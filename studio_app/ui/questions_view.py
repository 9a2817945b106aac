"""The moderation view: intake form, filters, every question, the queue, on air, preview."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.questions import Channel, Question, QuestionState
from studio_app.domain.screening import Screening
from studio_app.messages import channel_text
from studio_app.ui.formatting import state_label
from studio_app.ui.layout import scrolling
from studio_app.ui.question_model import (
    QuestionFilterProxy,
    QuestionTableModel,
    QueueModel,
)

Q = QuestionState


class IntakeForm(QGroupBox):
    """The hotline colleague's form: keyboard only, Enter files the question."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("New question"))
        self.asker = QLineEdit(self)
        self.asker.setPlaceholderText(self.tr("Asker"))
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText(self.tr("Phone (private)"))
        self.channel = QComboBox(self)
        for channel in Channel:
            self.channel.addItem(channel_text(channel), channel)
        self.channel.setCurrentIndex(self.channel.findData(Channel.HOTLINE))
        self.category = QComboBox(self)
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        category_edit = self.category.lineEdit()
        assert category_edit is not None
        category_edit.setPlaceholderText(self.tr("Category"))
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(
            self.tr("The question, as the resident asked it — Enter files it")
        )
        self.file_button = QPushButton(self.tr("File"), self)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.lan_button = QPushButton(self.tr("LAN intake…"), self)
        top = QHBoxLayout()
        top.addWidget(self.asker, 2)
        top.addWidget(self.phone, 2)
        top.addWidget(self.channel, 2)
        top.addWidget(self.category, 2)
        top.addWidget(self.import_button)
        top.addWidget(self.lan_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.text, 1)
        bottom.addWidget(self.file_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bottom)
        for widget in (self.asker, self.phone, self.text):
            widget.returnPressed.connect(self.submitted)
        category_edit.returnPressed.connect(self.submitted)
        self.file_button.clicked.connect(self.submitted)
        self.setTabOrder(self.asker, self.phone)
        self.setTabOrder(self.phone, self.channel)
        self.setTabOrder(self.channel, self.category)
        self.setTabOrder(self.category, self.text)

    def clear_for_next(self) -> None:
        """Empty the form after filing; the channel stays (the desk's usual channel)."""
        for widget in (self.asker, self.phone, self.text):
            widget.clear()
        self.category.setEditText("")
        self.asker.setFocus()


#: The question column's narrowest width (about 16 Chinese characters).
TEXT_MIN_WIDTH = 260


class QuestionsView(QWidget):
    """Widgets of the moderation screen; :class:`QuestionsController` wires them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionsView")
        self.model = QuestionTableModel(self)
        self.proxy = QuestionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.queue_model = QueueModel(self)
        self._build()

    def _build(self) -> None:
        self.intake = IntakeForm(self)

        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("stateFilter")
        choices: list[tuple[str, tuple[QuestionState, ...] | None]] = [
            (self.tr("Open (to moderate)"), (Q.NEW, Q.APPROVED, Q.QUEUED, Q.ON_AIR, Q.DEFERRED)),
            (self.tr("All states"), None),
        ]
        choices += [(state_label(s), (s,)) for s in QuestionState]
        for label, states in choices:
            self.state_filter.addItem(label, states)
        self.channel_filter = QComboBox(self)
        self.channel_filter.addItem(self.tr("All channels"), None)
        for channel in Channel:
            self.channel_filter.addItem(channel_text(channel), channel)
        self.category_filter = QComboBox(self)
        self.category_filter.addItem(self.tr("All categories"), None)
        self.search = QLineEdit(self)
        self.search.setObjectName("questionSearch")
        self.search.setPlaceholderText(self.tr("Search (Ctrl+K)"))
        self.search.setMinimumWidth(120)
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        filters = QGridLayout()
        filters.addWidget(self.state_filter, 0, 0)
        filters.addWidget(self.channel_filter, 0, 1)
        filters.addWidget(self.category_filter, 0, 2)
        filters.addWidget(self.search, 1, 0, 1, 2)
        filters.addWidget(self.count_label, 1, 2)

        self.table = QTableView(self)
        self.table.setObjectName("questionTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        # Unsorted (the order received) until the moderator clicks a header: sorting 10 000
        # rows in Python comparisons would cost every filter keystroke ~100 ms.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # The question right after its number and state, the rest after it: on a laptop the
        # moderator reads the question without scrolling sideways, and it is never squeezed
        # below TEXT_MIN_WIDTH (it takes what the other columns leave, as a stretch would).
        for visual, column in enumerate(
            (QuestionTableModel.NUMBER, QuestionTableModel.STATE, QuestionTableModel.TEXT)
        ):
            header.moveSection(header.visualIndex(column), visual)
        header.sectionResized.connect(self._on_header_section_resized)
        for column, width in (
            (QuestionTableModel.NUMBER, 44),
            (QuestionTableModel.TIME, 70),
            (QuestionTableModel.STATE, 70),
            (QuestionTableModel.CHANNEL, 80),
            (QuestionTableModel.CATEGORY, 70),
            (QuestionTableModel.ASKER, 70),
            (QuestionTableModel.COUNT, 56),
            (QuestionTableModel.FLAGS, 110),
        ):
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(QuestionTableModel.TEXT, TEXT_MIN_WIDTH)

        self.buttons: dict[str, QToolButton] = {}
        # Two rows of four, so the view fits beside the live dock on a 1366-pixel screen.
        actions_row = QGridLayout()
        for key, label, keys in (
            ("approve", self.tr("Approve"), "A"),
            ("reject", self.tr("Reject"), "R"),
            ("defer", self.tr("Defer"), "D"),
            ("edit", self.tr("Edit"), "E"),
            ("merge", self.tr("Merge"), "M"),
            ("queue", self.tr("To queue"), "Q"),
            ("air", self.tr("Take to air"), "T"),
            ("undo", self.tr("Undo"), "Ctrl+Z"),
        ):
            button = QToolButton(self)
            button.setText(f"{label} ({keys})")
            button.setToolTip(label)
            button.setObjectName(f"{key}Button")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            index = len(self.buttons)
            self.buttons[key] = button
            actions_row.addWidget(button, index // 4, index % 4)
        self.message = QLabel(self)
        self.message.setObjectName("moderationMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addLayout(actions_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.message)

        # ---- right side: on air, queue, details, preview
        self.on_air_box = QGroupBox(self.tr("On air"), self)
        self.on_air_text = QLabel(self.tr("Nothing on air."), self)
        self.on_air_text.setObjectName("onAirText")
        self.on_air_text.setWordWrap(True)
        self.answered_button = QPushButton(self.tr("Answered (F9)"), self)
        self.show_button = QPushButton(self.tr("Hide question (F10)"), self)
        self.show_button.setCheckable(True)
        self.coming_up_button = QPushButton(self.tr("“Coming up” list (F7)"), self)
        self.coming_up_button.setCheckable(True)
        self.lower_third_button = QPushButton(self.tr("Lower third (F6)"), self)
        self.lower_third_button.setCheckable(True)
        on_air_buttons = QHBoxLayout()
        on_air_buttons.addWidget(self.answered_button)
        on_air_buttons.addWidget(self.show_button)
        overlay_buttons = QHBoxLayout()
        overlay_buttons.addWidget(self.coming_up_button)
        overlay_buttons.addWidget(self.lower_third_button)
        on_air_layout = QVBoxLayout(self.on_air_box)
        on_air_layout.addWidget(self.on_air_text)
        on_air_layout.addLayout(on_air_buttons)
        on_air_layout.addLayout(overlay_buttons)

        self.queue_box = QGroupBox(self.tr("On-air queue"), self)
        self.queue_view = QListView(self)
        self.queue_view.setObjectName("queueView")
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.queue_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.queue_view.setDragEnabled(True)
        self.queue_view.setAcceptDrops(True)
        self.queue_view.setDropIndicatorShown(True)
        self.take_next_button = QPushButton(self.tr("Take next to air (F8)"), self)
        self.queue_up_button = QPushButton("↑", self)
        self.queue_up_button.setToolTip(self.tr("Up (Alt+↑)"))
        self.queue_down_button = QPushButton("↓", self)
        self.queue_down_button.setToolTip(self.tr("Down (Alt+↓)"))
        self.dequeue_button = QPushButton(self.tr("Out of queue"), self)
        queue_buttons = QHBoxLayout()
        queue_buttons.addWidget(self.queue_up_button)
        queue_buttons.addWidget(self.queue_down_button)
        queue_buttons.addWidget(self.dequeue_button)
        queue_layout = QVBoxLayout(self.queue_box)
        queue_layout.addWidget(self.take_next_button)
        queue_layout.addWidget(self.queue_view)
        queue_layout.addLayout(queue_buttons)

        self.detail_box = QGroupBox(self.tr("Selected question"), self)
        self.original = QTextEdit(self)
        self.original.setObjectName("originalText")
        self.original.setReadOnly(True)
        self.original.setMaximumHeight(70)
        self.display_edit = QPlainTextEdit(self)
        self.display_edit.setObjectName("displayEdit")
        self.display_edit.setMaximumHeight(70)
        self.save_display_button = QPushButton(self.tr("Save on-air text"), self)
        self.save_display_button.setToolTip(self.tr("Save on-air text (Ctrl+Enter)"))
        self.allow_button = QPushButton(self.tr("Allow sensitive words"), self)
        self.allow_button.setToolTip(self.tr("Allow sensitive words (Ctrl+Shift+A)"))
        self.screening_label = QLabel(self)
        self.screening_label.setObjectName("screeningLabel")
        self.screening_label.setWordWrap(True)
        self.suggestion_combo = QComboBox(self)
        self.suggestion_combo.setObjectName("suggestionCombo")
        detail_buttons = QHBoxLayout()
        detail_buttons.addWidget(self.save_display_button)
        detail_buttons.addWidget(self.allow_button)
        detail_layout = QFormLayout(self.detail_box)
        detail_layout.addRow(self.tr("Resident's words"), self.original)
        detail_layout.addRow(self.tr("On air"), self.display_edit)
        detail_layout.addRow(detail_buttons)
        detail_layout.addRow(self.tr("Checks"), self.screening_label)
        detail_layout.addRow(self.tr("Same as"), self.suggestion_combo)

        self.preview_box = QGroupBox(self.tr("Preview (as it will air)"), self)
        self.preview = QLabel(self)
        self.preview.setObjectName("overlayPreview")
        self.preview.setMinimumSize(QSize(240, 70))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #202830;")
        preview_layout = QVBoxLayout(self.preview_box)
        preview_layout.addWidget(self.preview)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.on_air_box)
        right_layout.addWidget(self.queue_box, 1)
        right_layout.addWidget(self.detail_box)
        right_layout.addWidget(self.preview_box)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        # The on-air column scrolls when the screen is short (1366×768 laptops) rather
        # than making the whole window taller than the screen.
        splitter.addWidget(scrolling(right, self))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intake)
        layout.addWidget(splitter, 1)
        # Last, once every watched widget exists: the filter may see events at once.
        for widget in (self.display_edit, self.table, self.queue_view, self.table.viewport()):
            widget.installEventFilter(self)

    # ------------------------------------------------------------------ showing
    def set_categories(self, categories: list[str]) -> None:
        """Offer the session's categories in the filter and the intake form."""
        current = self.category_filter.currentData()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem(self.tr("All categories"), None)
        for category in categories:
            self.category_filter.addItem(category, category)
        index = self.category_filter.findData(current)
        self.category_filter.setCurrentIndex(max(0, index))
        self.category_filter.blockSignals(False)
        typed = self.intake.category.currentText()
        self.intake.category.clear()
        self.intake.category.addItems(categories)
        self.intake.category.setEditText(typed)

    def show_detail(self, question: Question | None, screening: Screening | None) -> None:
        """Fill the detail pane for ``question`` (``None``: empty)."""
        self.detail_box.setEnabled(question is not None)
        if question is None:
            self.original.clear()
            self.display_edit.setPlainText("")
            self.screening_label.clear()
            return
        self.original.setPlainText(question.text)
        if screening is not None:
            self._highlight(self.original, [(f.start, f.end) for f in screening.masked], "#fff3c4")
        self.display_edit.setPlainText(question.display_text)
        if screening is not None:
            hits = [(h.start, h.end) for h in screening.sensitive]
            hits += [(f.start, f.end) for f in screening.unmasked]
            self._highlight(self.display_edit, hits, "#ffcdd2")
        self.screening_label.setText(self.screening_text(question, screening))

    def screening_text(self, question: Question, screening: Screening | None) -> str:
        """What the checks found, in words."""
        if screening is None:
            return ""
        parts = []
        if screening.masked:
            parts.append(
                self.tr("Masked: %1").replace(
                    "%1", "; ".join(f"{f.original} → {f.replacement}" for f in screening.masked)
                )
            )
        if screening.unmasked:
            parts.append(
                self.tr("Personal data still in the on-air text: %1").replace(
                    "%1", "; ".join(f.original for f in screening.unmasked)
                )
            )
        if screening.sensitive:
            words = "; ".join(h.word for h in screening.sensitive)
            parts.append(
                self.tr("Sensitive words (allowed by the moderator): %1").replace("%1", words)
                if question.sensitive_override
                else self.tr("Sensitive words: %1").replace("%1", words)
            )
        return "\n".join(parts) or self.tr("No personal data or sensitive words found.")

    @staticmethod
    def _highlight(
        editor: QTextEdit | QPlainTextEdit, spans: list[tuple[int, int]], colour: str
    ) -> None:
        selections = []
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            selection.format = QTextCharFormat()
            selection.format.setBackground(QColor(colour))
            cursor = QTextCursor(editor.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        editor.setExtraSelections(selections)

    def set_preview(self, image: QPixmap | None) -> None:
        """Show the rendered question panel, scaled to fit."""
        if image is None or image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Select a question to preview it."))
            return
        self.preview.setText("")
        self.preview.setPixmap(
            image.scaled(
                self.preview.width() - 8,
                self.preview.height() - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    # ------------------------------------------------------------------ keys
    save_display_requested = Signal()
    queue_move_requested = Signal(int)
    """Alt+Up (-1) or Alt+Down (+1) in the table or the queue: move the selected question."""

    def fit_question_column(self) -> None:
        """Give the question text what the other columns leave, at least TEXT_MIN_WIDTH."""
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != QuestionTableModel.TEXT and not header.isSectionHidden(c)
        )
        wanted = max(TEXT_MIN_WIDTH, self.table.viewport().width() - others)
        if header.sectionSize(QuestionTableModel.TEXT) != wanted:
            header.resizeSection(QuestionTableModel.TEXT, wanted)

    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != QuestionTableModel.TEXT:  # another column dragged wider or narrower
            self.fit_question_column()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_question_column()
        if (
            watched in (self.table, self.queue_view)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            # Item views take Alt+arrows as plain navigation before any shortcut sees them.
            self.queue_move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        if watched is self.display_edit and event.type() == QEvent.Type.KeyPress:
            key = event
            if (
                isinstance(key, QKeyEvent)
                and key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and (key.modifiers() & Qt.KeyboardModifier.ControlModifier)
            ):
                self.save_display_requested.emit()
                return True
        return super().eventFilter(watched, event)
