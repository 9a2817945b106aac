"""The session editor: plan a show's title, time, guests and ordered agenda."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.ids import uuid7
from studio_app.domain.sessions import MAX_PLANNED_MINUTES, AgendaItem, BroadcastSession, Guest
from studio_app.ui.formatting import status_label, to_qdatetime

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class GuestDraft:
    """A guest row as being edited."""

    id: uuid.UUID
    name: str = ""
    title: str = ""
    department: str = ""

    def is_blank(self) -> bool:
        return not (self.name.strip() or self.title.strip() or self.department.strip())


@dataclass
class AgendaDraft:
    """An agenda row as being edited."""

    id: uuid.UUID
    title: str = ""
    planned_minutes: int = 0
    scene_name: str = ""
    speaker_id: uuid.UUID | None = None
    notes: str = ""

    def is_blank(self) -> bool:
        return not (
            self.title.strip()
            or self.planned_minutes
            or self.scene_name.strip()
            or self.speaker_id
            or self.notes.strip()
        )


class DraftTableModel(QAbstractTableModel):
    """An editable, reorderable table of draft rows (one dataclass attribute per column)."""

    rows_edited = Signal()
    """Any row was added, removed, moved or changed by the operator."""

    #: (attribute, header) per column; set by subclasses.
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def new_row(self) -> Any:
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(self.rows[index.row()], self.COLUMNS[index.column()])
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        attribute = self.COLUMNS[index.column()]
        if isinstance(getattr(row, attribute), str) and isinstance(value, str):
            value = value.replace("\n", " ")
        if getattr(row, attribute) == value:
            return False
        setattr(row, attribute, value)
        self.dataChanged.emit(index, index, [role])
        self.rows_edited.emit()
        return True

    def set_rows(self, rows: list[Any]) -> None:
        """Replace all rows without reporting an edit."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def append_row(self) -> int:
        """Add an empty row at the end; return its index."""
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(self.new_row())
        self.endInsertRows()
        self.rows_edited.emit()
        return position

    def remove_row(self, position: int) -> None:
        """Remove one row."""
        if 0 <= position < len(self.rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self.rows[position]
            self.endRemoveRows()
            self.rows_edited.emit()

    def move_row(self, position: int, delta: int) -> int:
        """Move a row up (-1) or down (+1); return its new position."""
        target = position + delta
        if not (0 <= position < len(self.rows) and 0 <= target < len(self.rows)):
            return position
        # beginMoveRows wants the destination as "insert before" in the old numbering.
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), position, position, QModelIndex(), destination)
        self.rows.insert(target, self.rows.pop(position))
        self.endMoveRows()
        self.rows_edited.emit()
        return target


class GuestTableModel(DraftTableModel):
    """Guests of the session: name, title, department."""

    COLUMNS = ("name", "title", "department")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Title"), self.tr("Department"))

    def new_row(self) -> GuestDraft:
        return GuestDraft(id=uuid7())


class AgendaTableModel(DraftTableModel):
    """Agenda items in run-of-show order."""

    COLUMNS = ("title", "planned_minutes", "speaker_id", "scene_name", "notes")
    SPEAKER = 2
    SCENE = 3

    def __init__(self, guests: GuestTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guests = guests

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Item"),
            self.tr("Minutes"),
            self.tr("Speaker"),
            self.tr("OBS scene"),
            self.tr("Notes"),
        )

    def new_row(self) -> AgendaDraft:
        return AgendaDraft(id=uuid7())

    def guest_name(self, guest_id: uuid.UUID | None) -> str:
        """The speaker's name as shown in the table."""
        for guest in self._guests.rows:
            if guest.id == guest_id:
                return str(guest.name) or self.tr("(unnamed guest)")
        return ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.SPEAKER:
            speaker = self.rows[index.row()].speaker_id
            if role == Qt.ItemDataRole.DisplayRole:
                return self.guest_name(speaker)
            if role == Qt.ItemDataRole.EditRole:
                return speaker
        return super().data(index, role)

    def forget_missing_speakers(self) -> None:
        """Clear speakers whose guest was removed."""
        known = {g.id for g in self._guests.rows}
        for position, row in enumerate(self.rows):
            if row.speaker_id is not None and row.speaker_id not in known:
                row.speaker_id = None
                cell = self.index(position, self.SPEAKER)
                self.dataChanged.emit(cell, cell)

    def refresh_speakers(self) -> None:
        """Repaint the speaker column after a guest was renamed."""
        if self.rows:
            self.dataChanged.emit(
                self.index(0, self.SPEAKER), self.index(len(self.rows) - 1, self.SPEAKER)
            )


class SpeakerDelegate(QStyledItemDelegate):
    """Edits an agenda item's speaker with a list of the session's guests."""

    def __init__(self, guests: GuestTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guests = guests

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(self.tr("(no speaker)"), None)
        for guest in self._guests.rows:
            if not guest.is_blank():
                combo.addItem(guest.name or self.tr("(unnamed guest)"), guest.id)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        current = index.data(Qt.ItemDataRole.EditRole)
        position = next((i for i in range(editor.count()) if editor.itemData(i) == current), 0)
        editor.setCurrentIndex(position)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class SceneDelegate(QStyledItemDelegate):
    """Edits an agenda item's scene: OBS's scenes to pick from, or any name typed.

    Typing stays possible so a show can be planned while OBS is closed or on another PC.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene_names: tuple[str, ...] = ()

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItem("")
        combo.addItems(list(self.scene_names))
        combo.setToolTip(self.tr("The OBS scene to switch to when this item starts"))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class MinutesDelegate(QStyledItemDelegate):
    """Edits planned minutes with a spin box."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, MAX_PLANNED_MINUTES)
        return spin


class RowTable(QWidget):
    """A draft table with add / remove / move up / move down buttons."""

    def __init__(self, model: DraftTableModel, add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setTabKeyNavigation(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.up_button.setToolTip(self.tr("Move the selected row up (Alt+Up)"))
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.down_button.setToolTip(self.tr("Move the selected row down (Alt+Down)"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for key, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.move_current(d))
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        model.rowsInserted.connect(self._update_buttons)
        model.rowsRemoved.connect(self._update_buttons)
        self._update_buttons()

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_row(self) -> None:
        row = self.model.append_row()
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    def remove_current(self) -> None:
        self.model.remove_row(self.current_row())

    def move_current(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        column = max(0, self.view.currentIndex().column())
        target = self.model.move_row(row, delta)
        self.view.setCurrentIndex(self.model.index(target, column))

    def _update_buttons(self, *_args: object) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def commit_pending_edit(self) -> None:
        """Commit a cell editor that is still open (the operator is mid-typing)."""
        if self.view.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        if editor is not None and self.view.isAncestorOf(editor):
            self.view.commitData(editor)


class SessionEditor(QWidget):
    """Form for one session. Emits :attr:`edited` on every change the operator makes."""

    edited = Signal()
    """The operator changed something in the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: BroadcastSession | None = None
        self._loading = False
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText(self.tr("e.g. Household registration and pensions Q&A"))
        self.scheduled_check = QCheckBox(self.tr("Scheduled"), self)
        self.start_edit = QDateTimeEdit(self)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start_edit.setEnabled(False)
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setRange(0, MAX_PLANNED_MINUTES)
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.location_edit = QLineEdit(self)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        # Three lines: on a 768-pixel screen the guests and the agenda need the height more.
        self.description_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.status_label = QLabel(self)

        start_row = QHBoxLayout()
        start_row.addWidget(self.scheduled_check)
        start_row.addWidget(self.start_edit, 1)
        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("Start"), start_row)
        form.addRow(self.tr("Planned &duration"), self.minutes_spin)
        form.addRow(self.tr("&Location"), self.location_edit)
        form.addRow(self.tr("Desc&ription"), self.description_edit)
        form.addRow(self.tr("Status"), self.status_label)

        self.guest_model = GuestTableModel(self)
        self.agenda_model = AgendaTableModel(self.guest_model, self)
        self.guests = RowTable(self.guest_model, self.tr("Add &guest"), self)
        self.guests.view.setObjectName("guestTable")
        self.agenda = RowTable(self.agenda_model, self.tr("Add &agenda item"), self)
        self.agenda.view.setObjectName("agendaTable")
        self.agenda.view.setItemDelegateForColumn(
            AgendaTableModel.SPEAKER, SpeakerDelegate(self.guest_model, self.agenda.view)
        )
        self.agenda.view.setItemDelegateForColumn(1, MinutesDelegate(self.agenda.view))
        self.scene_delegate = SceneDelegate(self.agenda.view)
        self.agenda.view.setItemDelegateForColumn(AgendaTableModel.SCENE, self.scene_delegate)
        agenda_header = self.agenda.view.horizontalHeader()
        agenda_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.agenda_total = QLabel(self)

        guest_box = QGroupBox(self.tr("Guests"), self)
        QVBoxLayout(guest_box).addWidget(self.guests)
        agenda_box = QGroupBox(self.tr("Agenda (run of show)"), self)
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.addWidget(self.agenda, 1)
        agenda_layout.addWidget(self.agenda_total)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(guest_box, 2)
        layout.addWidget(agenda_box, 3)

    def _connect_signals(self) -> None:
        for signal in (
            self.title_edit.textEdited,
            self.location_edit.textEdited,
            self.description_edit.textChanged,
            self.minutes_spin.valueChanged,
            self.start_edit.dateTimeChanged,
            self.guest_model.rows_edited,
            self.agenda_model.rows_edited,
        ):
            signal.connect(self._on_field_edited)
        self.scheduled_check.toggled.connect(self._on_scheduled_toggled)
        self.guest_model.rows_edited.connect(self.agenda_model.forget_missing_speakers)
        self.guest_model.rows_edited.connect(self.agenda_model.refresh_speakers)
        self.minutes_spin.valueChanged.connect(self._update_agenda_total)
        self.agenda_model.rows_edited.connect(self._update_agenda_total)

    @property
    def session(self) -> BroadcastSession | None:
        """The session as last loaded (not including unsaved edits)."""
        return self._session

    def load(self, session: BroadcastSession) -> None:
        """Show ``session`` in the form; does not emit :attr:`edited`."""
        self._loading = True
        try:
            self._session = session
            self.title_edit.setText(session.title)
            if session.scheduled_start is not None:
                self.start_edit.setDateTime(to_qdatetime(session.scheduled_start))
                self.scheduled_check.setChecked(True)
            else:
                tomorrow = QDateTime.currentDateTime().addDays(1)
                tomorrow.setTime(QTime(9, 0))
                self.start_edit.setDateTime(tomorrow)
                self.scheduled_check.setChecked(False)
            self.start_edit.setEnabled(self.scheduled_check.isChecked())
            self.minutes_spin.setValue(session.planned_minutes)
            self.location_edit.setText(session.location)
            self.description_edit.setPlainText(session.description)
            self.status_label.setText(status_label(session.status))
            self.guest_model.set_rows(
                [GuestDraft(g.id, g.name, g.title, g.department) for g in session.guests]
            )
            self.agenda_model.set_rows(
                [
                    AgendaDraft(
                        a.id, a.title, a.planned_minutes, a.scene_name, a.speaker_id, a.notes
                    )
                    for a in session.agenda
                ]
            )
            self.set_read_only(not session.is_editable)
            self._update_agenda_total()
        finally:
            self._loading = False

    def clear(self) -> None:
        """Forget the loaded session (it was deleted)."""
        self._session = None

    def mark_saved(self, session: BroadcastSession) -> None:
        """Remember the stored version after a save, keeping what is on screen."""
        self._session = session

    def draft(self) -> BroadcastSession:
        """The session as on screen; raises ``ValidationError`` if it is not valid."""
        if self._session is None:
            raise RuntimeError("no session loaded")
        start: datetime | None = None
        if self.scheduled_check.isChecked():
            start = datetime.fromtimestamp(
                self.start_edit.dateTime().toMSecsSinceEpoch() / 1000, tz=UTC
            )
        guests = tuple(
            Guest(**{f.name: getattr(g, f.name) for f in fields(GuestDraft)})
            for g in self.guest_model.rows
            if not g.is_blank()
        )
        agenda = tuple(
            AgendaItem(**{f.name: getattr(a, f.name) for f in fields(AgendaDraft)})
            for a in self.agenda_model.rows
            if not a.is_blank()
        )
        return self._session.edited(
            title=self.title_edit.text(),
            scheduled_start=start,
            planned_minutes=self.minutes_spin.value(),
            location=self.location_edit.text(),
            description=self.description_edit.toPlainText(),
            guests=guests,
            agenda=agenda,
        )

    def commit_pending_edits(self) -> None:
        """Commit table cells the operator is still typing in (emits :attr:`edited`)."""
        self.guests.commit_pending_edit()
        self.agenda.commit_pending_edit()

    def set_read_only(self, read_only: bool) -> None:
        """Lock the form (a closed session)."""
        for line in (self.title_edit, self.location_edit):
            line.setReadOnly(read_only)
        self.description_edit.setReadOnly(read_only)
        for widget in (self.scheduled_check, self.minutes_spin, self.guests, self.agenda):
            widget.setEnabled(not read_only)
        self.start_edit.setEnabled(not read_only and self.scheduled_check.isChecked())

    def set_scene_names(self, names: tuple[str, ...]) -> None:
        """Offer ``names`` (OBS's scenes) when an agenda item's scene is edited."""
        self.scene_delegate.scene_names = names

    def focus_title(self) -> None:
        """Put the cursor in the title with the text selected (after creating a session)."""
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def _on_field_edited(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _on_scheduled_toggled(self, checked: bool) -> None:
        self.start_edit.setEnabled(checked)
        self._on_field_edited()

    def _update_agenda_total(self, *_args: object) -> None:
        total = sum(a.planned_minutes for a in self.agenda_model.rows)
        planned = self.minutes_spin.value()
        if planned:
            text = self.tr("Agenda: %1 min of %2 min planned").replace("%1", str(total))
            self.agenda_total.setText(text.replace("%2", str(planned)))
        else:
            self.agenda_total.setText(self.tr("Agenda: %1 min").replace("%1", str(total)))
