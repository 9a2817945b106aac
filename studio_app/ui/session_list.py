"""The session list: a table model over session summaries and the panel around it."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.sessions import BroadcastSession, SessionStatus, SessionSummary
from studio_app.ui.formatting import format_local_datetime, status_label

AnyIndex = QModelIndex | QPersistentModelIndex

#: Role returning the session's ``uuid.UUID``.
SessionIdRole = Qt.ItemDataRole.UserRole + 1
#: Role returning a value that sorts naturally (datetimes, not their text).
SortRole = Qt.ItemDataRole.UserRole + 2


class SessionListModel(QAbstractTableModel):
    """Session summaries as rows; columns title, scheduled start, status, agenda items."""

    TITLE, START, STATUS, AGENDA = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionSummary] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Title"), self.tr("Scheduled"), self.tr("Status"), self.tr("Items"))[
            section
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == SessionIdRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return row.title
            if column == self.START:
                return format_local_datetime(row.scheduled_start) if row.scheduled_start else ""
            if column == self.STATUS:
                return status_label(row.status)
            return str(row.agenda_count)
        if role == SortRole:
            if column == self.START:
                stamp = row.scheduled_start or row.updated_at
                return stamp.timestamp()
            if column == self.AGENDA:
                return row.agenda_count
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%n guest(s)", "", row.guest_count)
        return None

    def set_sessions(self, sessions: list[SessionSummary]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(sessions)
        self.endResetModel()

    def row_of(self, session_id: uuid.UUID) -> int:
        """The row of a session, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == session_id), -1)

    def upsert(self, session: BroadcastSession) -> int:
        """Insert or refresh the row of ``session`` (after a save); return its row."""
        summary = session.summary()
        row = self.row_of(session.id)
        if row < 0:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, summary)
            self.endInsertRows()
            return 0
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return row

    def remove(self, session_id: uuid.UUID) -> None:
        """Drop the row of a deleted session."""
        row = self.row_of(session_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()


class SessionListPanel(QWidget):
    """Search box, the session table and the new/delete buttons."""

    session_selected = Signal(object)
    """The operator selected a session (its ``uuid.UUID``), or ``None``."""
    new_requested = Signal()
    """The operator asked for a new session."""
    delete_requested = Signal(object)
    """The operator asked to delete the selected session (its ``uuid.UUID``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SessionListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search sessions"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setObjectName("sessionTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SessionListModel.START, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SessionListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (SessionListModel.START, SessionListModel.STATUS, SessionListModel.AGENDA):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.new_button = QPushButton(self.tr("&New session"), self)
        self.new_button.setToolTip(self.tr("Create a new session (Ctrl+N)"))
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.new_button.clicked.connect(self.new_requested)
        self.delete_button.clicked.connect(self._on_delete_clicked)

    def selected_id(self) -> uuid.UUID | None:
        """The selected session's id, if any."""
        index = self.table.currentIndex()
        return index.data(SessionIdRole) if index.isValid() else None

    def select(self, session_id: uuid.UUID) -> None:
        """Select a session's row (clearing the search if it hides it)."""
        row = self.model.row_of(session_id)
        if row < 0:
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            self.search.clear()
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(proxy_index)
        self.table.scrollTo(proxy_index)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        session_id = current.data(SessionIdRole) if current.isValid() else None
        self.delete_button.setEnabled(session_id is not None)
        self.session_selected.emit(session_id)

    def _on_delete_clicked(self) -> None:
        session_id = self.selected_id()
        if session_id is not None:
            self.delete_requested.emit(session_id)


__all__ = ["SessionIdRole", "SessionListModel", "SessionListPanel", "SessionStatus", "SortRole"]
