"""The follow-up board (跟踪督办): every promise across sessions, its figures and 回头看."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.followups import (
    DONE_STATUSES,
    FOLLOW_UP_TRANSITIONS,
    EventKind,
    EventOrigin,
    FollowUp,
    FollowUpEvent,
    FollowUpRates,
    FollowUpState,
    FollowUpStatus,
)
from studio_app.domain.organisation import Department
from studio_app.services.followups import Board, LookBack, SessionInfo
from studio_app.ui.formatting import follow_up_status_label, format_local_datetime

AnyIndex = QModelIndex | QPersistentModelIndex
F = FollowUpStatus

#: Role returning the follow-up's ``uuid.UUID``.
FollowUpIdRole = Qt.ItemDataRole.UserRole + 1
#: Role returning the row's ``FollowUpState``.
StateRole = Qt.ItemDataRole.UserRole + 2
#: Role returning how many days the follow-up is overdue (``0``: not overdue).
OverdueDaysRole = Qt.ItemDataRole.UserRole + 3
#: Role returning the case-folded text the free-text search looks in.
SearchRole = Qt.ItemDataRole.UserRole + 4
#: Role returning a value that sorts naturally (dates, not their text).
SortRole = Qt.ItemDataRole.UserRole + 5

#: Not done yet: what the "open" status filter shows.
OPEN_STATUSES = frozenset(s for s in FollowUpStatus if s not in DONE_STATUSES)
#: Workflow order, for sorting by status.
_STATUS_ORDER = {s: n for n, s in enumerate((F.ASSIGNED, F.IN_PROGRESS, F.RETURNED,
                                              F.RESOLVED, F.PUBLISHED))}  # fmt: skip
#: The statuses offered for a change: the next step forward first (the one preselected),
#: "returned for rework" last.
_TARGET_ORDER = {s: n for n, s in enumerate((F.IN_PROGRESS, F.RESOLVED, F.PUBLISHED,
                                             F.ASSIGNED, F.RETURNED))}  # fmt: skip
_STATUS_COLOURS = {
    F.ASSIGNED: "#1565c0",
    F.IN_PROGRESS: "#6a1b9a",
    F.RETURNED: "#ef6c00",
    F.RESOLVED: "#2e7d32",
    F.PUBLISHED: "#616161",
}
OVERDUE_COLOUR = "#c62828"
LATE_COLOUR = "#ef6c00"


# ---------------------------------------------------------------------- texts
def event_origin_label(origin: EventOrigin) -> str:
    """Who appended an event: the studio, or a department (through the county archive)."""
    if origin is EventOrigin.DEPARTMENT:
        return QCoreApplication.translate("EventOrigin", "Department")
    return QCoreApplication.translate("EventOrigin", "Studio")


def fill(template: str, *values: str) -> str:
    """Put ``values`` into ``%1``, ``%2`` … in one pass (a value may itself contain ``%2``)."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)


def percent(part: int, whole: int) -> int:
    """``part / whole`` as a whole percentage that never claims 0 % or 100 % wrongly."""
    value = round(part * 100 / whole)
    if value == 100 and part < whole:
        return 99
    if value == 0 and part > 0:
        return 1
    return value


def share_text(part: int, whole: int) -> str:
    """``80% (8/10)``, or ``—`` when there is nothing to divide by."""
    if whole <= 0:
        return "—"
    return fill(
        QCoreApplication.translate("FollowUpBoard", "%1% (%2/%3)"),
        str(percent(part, whole)),
        str(part),
        str(whole),
    )


def completion_text(rates: FollowUpRates) -> str:
    """``Completion 80% (8/10)``: done out of all."""
    return fill(
        QCoreApplication.translate("FollowUpBoard", "Completion %1"),
        share_text(rates.done, rates.total),
    )


def on_time_text(rates: FollowUpRates) -> str:
    """``On time 75% (6/8)``: done by the deadline out of those due (done or overdue)."""
    return fill(
        QCoreApplication.translate("FollowUpBoard", "On time %1"),
        share_text(rates.on_time, rates.done + rates.overdue),
    )


def rates_summary(rates: FollowUpRates) -> str:
    """One line of figures: how many, completion, on time, overdue."""
    return fill(
        QCoreApplication.translate("FollowUpBoard", "%1 follow-ups · %2 · %3 · %4 overdue"),
        str(rates.total),
        completion_text(rates),
        on_time_text(rates),
        str(rates.overdue),
    )


def format_day(day: date | None) -> str:
    """A date in the UI locale's short format (``2025/3/15``), ``—`` for none."""
    if day is None:
        return "—"
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def session_text(info: SessionInfo | None) -> str:
    """``Title (date)`` of a follow-up's session."""
    if info is None:
        return QCoreApplication.translate("FollowUpBoard", "(unknown session)")
    if info.day is None:
        return info.title
    return fill(
        QCoreApplication.translate("FollowUpBoard", "%1 (%2)"), info.title, format_day(info.day)
    )


def overdue_days(state: FollowUpState, today: date) -> int:
    """Days past the deadline of a follow-up not done yet (``0``: not overdue)."""
    deadline = state.follow_up.deadline
    if deadline is None or not state.is_overdue(today):
        return 0
    return (today - deadline).days


def overdue_text(days: int) -> str:
    """``N days overdue`` (逾期 N 天)."""
    return fill(QCoreApplication.translate("FollowUpBoard", "%1 days overdue"), str(days))


# ---------------------------------------------------------------------- table model
class _Row:
    """A follow-up as the table holds it: the state plus what filters and sorting need."""

    __slots__ = ("done", "key", "late", "lead", "overdue", "search", "state", "supporting")

    def __init__(
        self, key: int, state: FollowUpState, today: date, names: Mapping[uuid.UUID, str]
    ) -> None:
        follow_up = state.follow_up
        self.key = key
        self.state = state
        self.done = state.status in DONE_STATUSES
        self.overdue = overdue_days(state, today)
        self.late = self.done and state.done_on_time() is False
        self.lead = names.get(follow_up.lead_department_id, "")
        self.supporting = [names.get(d, "") for d in follow_up.supporting_department_ids]
        self.search = ""


class FollowUpTableModel(QAbstractTableModel):
    """Follow-ups as rows, filled in one reset; sorting reorders rows in Python, once.

    Columns: session (title and date), promise, lead department, supporting departments,
    responsible person, deadline, status, overdue, latest reply, last update.
    Roles: :data:`FollowUpIdRole`, :data:`StateRole`, :data:`OverdueDaysRole`,
    :data:`SearchRole`, :data:`SortRole`.
    """

    (SESSION, PROMISE, LEAD, SUPPORTING, PERSON, DEADLINE, STATUS, OVERDUE, REPLY,
     UPDATED) = range(10)  # fmt: skip
    COLUMNS = 10

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._row_of: dict[uuid.UUID, int] = {}
        self._sessions: dict[uuid.UUID, SessionInfo] = {}
        self._names: dict[uuid.UUID, str] = {}
        self._today = date.today()
        self._bold = QFont()
        self._bold.setBold(True)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        #: Bumped whenever a row's contents change (filters cache their decisions per value).
        self.generation = 0

    # ------------------------------------------------------------------ contents
    def set_board(
        self,
        states: Iterable[FollowUpState],
        departments: Mapping[uuid.UUID, Department],
        sessions: Mapping[uuid.UUID, SessionInfo],
        today: date,
    ) -> None:
        """Replace every row (one model reset), open ones first by deadline."""
        names = {d.id: d.name for d in departments.values()}
        ordered = sorted(states, key=_default_order)
        rows = [_Row(n, state, today, names) for n, state in enumerate(ordered)]
        for row in rows:
            row.search = self._search_text(row, sessions)
        self.generation += 1
        self.beginResetModel()
        self._today = today
        self._names = names
        self._sessions = dict(sessions)
        self._rows = rows
        if self._sort_column >= 0:
            self._rows.sort(key=self._sort_key(self._sort_column),
                            reverse=self._sort_order == Qt.SortOrder.DescendingOrder)  # fmt: skip
        self._row_of = {r.state.follow_up.id: n for n, r in enumerate(self._rows)}
        self.endResetModel()

    def update_state(self, state: FollowUpState) -> int | None:
        """Show a follow-up's new state in place; return its row (``None``: not shown)."""
        row = self._row_of.get(state.follow_up.id)
        if row is None:
            return None
        old = self._rows[row]
        new = _Row(old.key, state, self._today, self._names)
        new.search = self._search_text(new, self._sessions)
        self.generation += 1
        self._rows[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))
        return row

    @property
    def today(self) -> date:
        """The day overdue is judged against."""
        return self._today

    def department_name(self, department_id: uuid.UUID) -> str:
        """The name of a department the board knows."""
        return self._names.get(department_id, "")

    def session_info(self, session_id: uuid.UUID) -> SessionInfo | None:
        """What the board knows of a session."""
        return self._sessions.get(session_id)

    def states(self) -> list[FollowUpState]:
        """Every follow-up's state, in row order."""
        return [r.state for r in self._rows]

    def state(self, follow_up_id: uuid.UUID) -> FollowUpState | None:
        """The state of a follow-up, if shown."""
        row = self._row_of.get(follow_up_id)
        return None if row is None else self._rows[row].state

    def state_at(self, row: int) -> FollowUpState:
        """The state in ``row``."""
        return self._rows[row].state

    def row_of(self, follow_up_id: uuid.UUID) -> int | None:
        """The row of a follow-up, if shown."""
        return self._row_of.get(follow_up_id)

    def overdue_days_at(self, row: int) -> int:
        """How many days the follow-up in ``row`` is overdue (``0``: not overdue)."""
        return self._rows[row].overdue

    def rows_for_filter(self) -> list[_Row]:
        """Every row, in row order (read-only: the filter proxy decides over them)."""
        return self._rows

    def _search_text(self, row: _Row, sessions: Mapping[uuid.UUID, SessionInfo]) -> str:
        follow_up = row.state.follow_up
        info = sessions.get(follow_up.session_id)
        parts = (
            follow_up.promise,
            row.lead,
            " ".join(row.supporting),
            follow_up.responsible_person,
            row.state.latest_reply,
            info.title if info else "",
        )
        return " ".join(parts).casefold()

    # ------------------------------------------------------------------ sorting
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column`` (``-1``: the board's own order), keeping selections.

        One Python ``sorted`` over precomputed keys: a proxy sorting through ``data()`` would
        make 60 000 Python calls per header click and again on every widening filter.
        """
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        if column < 0:
            new = sorted(old, key=lambda r: r.key)
        else:
            new = sorted(
                old, key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder
            )
        position = {r.key: n for n, r in enumerate(new)}
        # Filters decide by row position: the new order invalidates their cached decisions.
        self.generation += 1
        self._rows = new
        self._row_of = {r.state.follow_up.id: n for n, r in enumerate(new)}
        persistent = self.persistentIndexList()
        moved = [
            self.index(position[old[i.row()].key], i.column()) if i.isValid() else QModelIndex()
            for i in persistent
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _sort_key(self, column: int) -> Any:
        sessions = self._sessions

        def session_key(r: _Row) -> tuple[date, str]:
            info = sessions.get(r.state.follow_up.session_id)
            return (info.day or date.min, info.title) if info else (date.min, "")

        keys: dict[int, Any] = {
            self.SESSION: session_key,
            self.PROMISE: lambda r: r.state.follow_up.promise,
            self.LEAD: lambda r: r.lead,
            self.SUPPORTING: lambda r: "、".join(r.supporting),
            self.PERSON: lambda r: r.state.follow_up.responsible_person,
            self.DEADLINE: lambda r: r.state.follow_up.deadline or date.max,
            self.STATUS: lambda r: _STATUS_ORDER[r.state.status],
            self.OVERDUE: lambda r: (r.overdue, r.late),
            self.REPLY: lambda r: r.state.latest_reply,
            self.UPDATED: lambda r: r.state.updated_at,
        }
        return keys[column]

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMNS:
            return None
        return (
            self.tr("Session"),
            self.tr("Promise"),
            self.tr("Lead department"),
            self.tr("Supporting"),
            self.tr("Responsible"),
            self.tr("Deadline"),
            self.tr("Status"),
            self.tr("Overdue"),
            self.tr("Latest reply"),
            self.tr("Last update"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == FollowUpIdRole:
            return row.state.follow_up.id
        if role == StateRole:
            return row.state
        if role == OverdueDaysRole:
            return row.overdue
        if role == SearchRole:
            return row.search
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.OVERDUE and (row.overdue or row.late):
                return QBrush(QColor(OVERDUE_COLOUR if row.overdue else LATE_COLOUR))
            if column == self.STATUS:
                return QBrush(QColor(_STATUS_COLOURS[row.state.status]))
            return None
        if role == Qt.ItemDataRole.FontRole and column == self.OVERDUE and row.overdue:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.PROMISE, self.REPLY):
            text = row.state.follow_up.promise if column == self.PROMISE else row.state.latest_reply
            return text or None
        if role == SortRole:
            value = self._sort_key(column)(row)
            if isinstance(value, date | datetime):
                return value.toordinal() if not isinstance(value, datetime) else value.timestamp()
            return value if isinstance(value, int | str) else str(value)
        return None

    def _display(self, row: _Row, column: int) -> str:
        state = row.state
        follow_up = state.follow_up
        if column == self.SESSION:
            return session_text(self._sessions.get(follow_up.session_id))
        if column == self.PROMISE:
            return follow_up.promise.replace("\n", " ")
        if column == self.LEAD:
            return row.lead or self.tr("(unknown department)")
        if column == self.SUPPORTING:
            return self.tr(", ").join(name for name in row.supporting if name)
        if column == self.PERSON:
            return follow_up.responsible_person
        if column == self.DEADLINE:
            return format_day(follow_up.deadline)
        if column == self.STATUS:
            return follow_up_status_label(state.status)
        if column == self.OVERDUE:
            if row.overdue:
                return overdue_text(row.overdue)
            return self.tr("Done late") if row.late else ""
        if column == self.REPLY:
            return state.latest_reply.replace("\n", " ")
        return format_local_datetime(state.updated_at)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _default_order(state: FollowUpState) -> tuple[Any, ...]:
    # Open ones first, the nearest (or most overdue) deadline on top; then the done ones,
    # the most recently done first.
    if state.status in DONE_STATUSES:
        done = state.done_at or state.updated_at
        return (1, -done.timestamp())
    deadline = state.follow_up.deadline
    return (0, deadline or date.max, state.follow_up.created_at)


# ---------------------------------------------------------------------- filter proxy
class FollowUpFilterProxy(QSortFilterProxyModel):
    """Filters by lead department, status, overdue and free text (every word must be found).

    Decisions are computed for every row in one Python loop when a filter changes (or the
    rows did: a new board, an update, a new order) and cached by row; Qt's per-row calls are
    list lookups. Sorting is handed to the source model (:meth:`FollowUpTableModel.sort`).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._department: uuid.UUID | None = None
        self._statuses: frozenset[FollowUpStatus] | None = None
        self._overdue_only = False
        self._words: tuple[str, ...] = ()
        self._accepted: list[bool] = []
        self._generation = -1
        self._model: FollowUpTableModel | None = None

    def setSourceModel(self, source_model: QAbstractItemModel) -> None:
        self._model = source_model if isinstance(source_model, FollowUpTableModel) else None
        self._generation = -1
        super().setSourceModel(source_model)

    def set_filters(
        self,
        department_id: uuid.UUID | None,
        statuses: Iterable[FollowUpStatus | str] | None,
        overdue_only: bool,
    ) -> None:
        """Set department, statuses and overdue-only at once (one pass over the rows)."""
        self.beginFilterChange()
        self._department = department_id
        self._statuses = _statuses(statuses)
        self._overdue_only = bool(overdue_only)
        self._decide_all()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_department(self, department_id: uuid.UUID | None) -> None:
        """Show only follow-ups led by this department (``None``: all)."""
        self._refilter("_department", department_id)

    def set_statuses(self, statuses: Iterable[FollowUpStatus | str] | None) -> None:
        """Show only these statuses (``None``: all)."""
        self._refilter("_statuses", _statuses(statuses))

    def set_overdue_only(self, overdue_only: bool) -> None:
        """Show only follow-ups past their deadline and not done."""
        self._refilter("_overdue_only", bool(overdue_only))

    def set_search(self, text: str) -> None:
        """Show only follow-ups whose texts contain every word of ``text``."""
        self._refilter("_words", tuple(text.casefold().split()))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._model is not None:
            self._model.sort(column, order)
        else:
            super().sort(column, order)

    def _refilter(self, attribute: str, value: object) -> None:
        self.beginFilterChange()
        setattr(self, attribute, value)
        self._decide_all()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _decide_all(self) -> None:
        model = self._model
        if model is None:
            return
        accepts = self._accepts
        self._accepted = [accepts(row) for row in model.rows_for_filter()]
        self._generation = model.generation

    def _accepts(self, row: _Row) -> bool:
        """The one filter rule: department, status, overdue, and every search word."""
        return (
            (self._department is None or row.state.follow_up.lead_department_id == self._department)
            and (self._statuses is None or row.state.status in self._statuses)
            and (not self._overdue_only or row.overdue > 0)
            and all(word in row.search for word in self._words)
        )

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self._model
        if model is None:
            return True
        if model.generation != self._generation:
            # The rows changed since the last decision: decide them all, once.
            self._decide_all()
        return self._accepted[source_row]


def _statuses(statuses: Iterable[FollowUpStatus | str] | None) -> frozenset[FollowUpStatus] | None:
    # Combo boxes may hand enum values back as plain strings: normalise.
    return frozenset(FollowUpStatus(s) for s in statuses) if statuses is not None else None


# ---------------------------------------------------------------------- history model
class FollowUpHistoryModel(QAbstractTableModel):
    """A follow-up's history, oldest first: its creation, then every appended event.

    Columns: time, author, origin, status, text.
    """

    TIME, AUTHOR, ORIGIN, STATUS, TEXT = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._follow_up: FollowUp | None = None
        self._events: list[FollowUpEvent] = []

    def set_history(self, follow_up: FollowUp | None, events: Sequence[FollowUpEvent]) -> None:
        """Show ``follow_up``'s history (``None``: empty)."""
        self.beginResetModel()
        self._follow_up = follow_up
        self._events = list(events) if follow_up is not None else []
        self.endResetModel()

    def events(self) -> list[FollowUpEvent]:
        """The events shown, in append order."""
        return list(self._events)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() or self._follow_up is None:
            return 0
        return len(self._events) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 5:
            return None
        return (
            self.tr("Time"),
            self.tr("Author"),
            self.tr("From"),
            self.tr("Status"),
            self.tr("Text"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._follow_up is None or index.row() >= self.rowCount():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column != self.TEXT:
            return None
        if index.row() == 0:
            return self._created(column)
        event = self._events[index.row() - 1]
        if column == self.TIME:
            return format_local_datetime(event.at)
        if column == self.AUTHOR:
            return event.author
        if column == self.ORIGIN:
            return event_origin_label(event.origin)
        if column == self.STATUS:
            if event.kind is EventKind.STATUS and event.status is not None:
                return follow_up_status_label(event.status)
            return self.tr("Reply")
        return event.text

    def _created(self, column: int) -> str:
        assert self._follow_up is not None
        if column == self.TIME:
            return format_local_datetime(self._follow_up.created_at)
        if column == self.ORIGIN:
            return event_origin_label(EventOrigin.STUDIO)
        if column == self.STATUS:
            return follow_up_status_label(F.ASSIGNED)
        if column == self.TEXT:
            return self.tr("Promise recorded and assigned")
        return ""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# ---------------------------------------------------------------------- chart
@dataclass(frozen=True, slots=True)
class ChartBars:
    """One row of the chart as painted: the rates and the rectangles of both bars."""

    label: str
    rates: FollowUpRates
    #: Share done (0..1), ``None`` when there is nothing to divide by.
    completion: float | None
    #: Share of the due ones done by the deadline (0..1), ``None`` when none is due yet.
    on_time: float | None
    completion_rect: QRectF
    on_time_rect: QRectF
    #: The full length a 100 % bar would have.
    track_width: float
    completion_label: str
    on_time_label: str


class RatesChart(QWidget):
    """A horizontal bar chart: per department, completion and on-time rates (QPainter only).

    QtCharts is not part of PySide6-Essentials. Colours come from the palette (highlight for
    completion, its hue turned a quarter for on time), so dark and high-contrast themes work.
    """

    MARGIN = 8
    GAP = 2
    ROW_GAP = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratesChart")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._rows: list[tuple[str, FollowUpRates]] = []

    def set_rows(self, rows: Sequence[tuple[str, FollowUpRates]]) -> None:
        """Show these (label, rates) rows, top to bottom."""
        self._rows = list(rows)
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, FollowUpRates]]:
        """The rows shown."""
        return list(self._rows)

    # ------------------------------------------------------------------ geometry
    def _metrics(self) -> tuple[QFontMetrics, int, int]:
        metrics = QFontMetrics(self.font())
        bar = metrics.height() + 2
        row = 2 * bar + self.GAP + self.ROW_GAP
        return metrics, bar, row

    def _legend_height(self) -> int:
        return QFontMetrics(self.font()).height() + 2 * self.MARGIN

    def bars(self) -> list[ChartBars]:
        """Every row's bars as they are painted at the widget's current size."""
        metrics, bar, row_height = self._metrics()
        labels = [
            (
                label,
                share_text(rates.done, rates.total),
                share_text(rates.on_time, rates.done + rates.overdue),
            )
            for label, rates in self._rows
        ]
        widest_label = max((metrics.horizontalAdvance(t[0]) for t in labels), default=0)
        widest_value = max((metrics.horizontalAdvance(v) for t in labels for v in t[1:]), default=0)
        width = self.width()
        label_width = min(widest_label + 2 * self.MARGIN, int(width * 0.35))
        value_width = widest_value + 2 * self.MARGIN
        track_x = float(self.MARGIN + label_width)
        track_width = float(max(20, width - track_x - value_width - self.MARGIN))
        result = []
        top = float(self._legend_height())
        for (label, rates), (_, done_label, on_time_label) in zip(self._rows, labels, strict=True):
            completion, on_time = rates.completion_rate, rates.on_time_rate
            result.append(
                ChartBars(
                    label=label,
                    rates=rates,
                    completion=completion,
                    on_time=on_time,
                    completion_rect=QRectF(track_x, top, track_width * (completion or 0), bar),
                    on_time_rect=QRectF(
                        track_x, top + bar + self.GAP, track_width * (on_time or 0), bar
                    ),
                    track_width=track_width,
                    completion_label=done_label,
                    on_time_label=on_time_label,
                )
            )
            top += row_height
        return result

    def sizeHint(self) -> QSize:
        _metrics, _bar, row = self._metrics()
        return QSize(480, self._legend_height() + max(1, len(self._rows)) * row + self.MARGIN)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(240, hint.height())

    def colours(self) -> tuple[QColor, QColor, QColor, QColor]:
        """(completion, on time, empty track, text) colours taken from the palette."""
        palette = self.palette()
        completion = palette.color(QPalette.ColorRole.Highlight)
        hue, saturation, value = completion.hsvHue(), completion.hsvSaturation(), completion.value()
        if hue < 0 or saturation < 40:
            # A grey highlight has no hue to turn: fall back to a readable green.
            on_time = QColor("#2e7d32")
        else:
            # A quarter turn back: blue becomes green, never a warning red.
            on_time = QColor.fromHsv((hue + 270) % 360, saturation, value)
        track = QColor(palette.color(QPalette.ColorRole.Mid))
        track.setAlpha(60)
        return completion, on_time, track, palette.color(QPalette.ColorRole.Text)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        completion_colour, on_time_colour, track_colour, text_colour = self.colours()
        metrics, bar_height, _row = self._metrics()
        painter.setFont(self.font())
        if not self._rows:
            painter.setPen(text_colour)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No follow-ups yet.")
            )
            return
        # Legend: two swatches with their names.
        x = float(self.MARGIN)
        y = float(self.MARGIN)
        for colour, name in (
            (completion_colour, self.tr("Completion rate")),
            (on_time_colour, self.tr("On-time rate")),
        ):
            swatch = QRectF(x, y + 2, metrics.height() - 4, metrics.height() - 4)
            painter.fillRect(swatch, colour)
            painter.setPen(text_colour)
            text_x = swatch.right() + 6
            painter.drawText(QPointF(text_x, y + metrics.ascent()), name)
            x = text_x + metrics.horizontalAdvance(name) + 3 * self.MARGIN
        for bars in self.bars():
            label_rect = QRectF(
                self.MARGIN,
                bars.completion_rect.top(),
                bars.completion_rect.left() - 2 * self.MARGIN,
                2 * bar_height + self.GAP,
            )
            painter.setPen(text_colour)
            label = metrics.elidedText(
                bars.label, Qt.TextElideMode.ElideRight, int(label_rect.width())
            )
            painter.drawText(
                label_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            for rect, colour, text in (
                (bars.completion_rect, completion_colour, bars.completion_label),
                (bars.on_time_rect, on_time_colour, bars.on_time_label),
            ):
                track = QRectF(rect.left(), rect.top(), bars.track_width, rect.height())
                painter.fillRect(track, track_colour)
                if rect.width() > 0:
                    painter.fillRect(rect, colour)
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(track.right() + self.MARGIN, rect.top(), self.width(), rect.height()),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    text,
                )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for bars in self.bars():
                top = bars.completion_rect.top()
                band = QRectF(0, top, self.width(), bars.on_time_rect.bottom() - top)
                if band.contains(QPointF(event.pos())):
                    QToolTip.showText(
                        event.globalPos(),
                        "\n".join(
                            (bars.label, completion_text(bars.rates), on_time_text(bars.rates))
                        ),
                        self,
                    )
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)


# ---------------------------------------------------------------------- the view
class FollowUpBoard(QWidget):
    """Widgets of the follow-up board; :class:`FollowUpBoardController` wires them.

    Three tabs: the table of every follow-up with the selected one's history and actions,
    the completion figures (numbers and a chart per department), and 回头看 (look back).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpBoard")
        self.model = FollowUpTableModel(self)
        self.proxy = FollowUpFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.history_model = FollowUpHistoryModel(self)
        self.look_back_model = FollowUpTableModel(self)
        self._look_back: LookBack | None = None
        self._build()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("followUpTabs")
        self.board_page = self._build_board_page()
        self.figures_page = self._build_figures_page()
        self.look_back_page = self._build_look_back_page()
        self.tabs.addTab(self.board_page, self.tr("Follow-ups"))
        self.tabs.addTab(self.figures_page, self.tr("Completion figures"))
        self.tabs.addTab(self.look_back_page, self.tr("Look back"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _build_board_page(self) -> QWidget:
        page = QWidget(self)
        self.department_filter = QComboBox(page)
        self.department_filter.setObjectName("departmentFilter")
        self.department_filter.addItem(self.tr("All departments"), None)
        self.department_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.department_filter.setMinimumContentsLength(8)
        self.status_filter = QComboBox(page)
        self.status_filter.setObjectName("statusFilter")
        choices: list[tuple[str, tuple[str, ...] | None]] = [
            (self.tr("All statuses"), None),
            (self.tr("Open (not done)"), tuple(s.value for s in FollowUpStatus
                                               if s in OPEN_STATUSES)),
        ]  # fmt: skip
        choices += [(follow_up_status_label(s), (s.value,)) for s in _STATUS_ORDER]
        for label, statuses in choices:
            self.status_filter.addItem(label, statuses)
        self.overdue_only = QCheckBox(self.tr("Overdue only"), page)
        self.overdue_only.setObjectName("overdueOnly")
        self.search = QLineEdit(page)
        self.search.setObjectName("followUpSearch")
        self.search.setPlaceholderText(self.tr("Search promise, department, person, reply"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"), page)
        self.refresh_button.setObjectName("refreshButton")
        self.count_label = QLabel(page)
        self.count_label.setObjectName("followUpCount")
        filters = QHBoxLayout()
        filters.addWidget(self.department_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.refresh_button)

        self.summary_label = QLabel(page)
        self.summary_label.setObjectName("followUpSummary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableView(page)
        self.table.setObjectName("followUpTable")
        self._setup_table(self.table, self.proxy)
        self.table.setSortingEnabled(True)
        # The board's own order (open first, nearest deadline on top) until a header is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

        # What needs attention right after the promise: status, overdue, deadline.
        header = self.table.horizontalHeader()
        m = FollowUpTableModel
        for position, column in enumerate((m.STATUS, m.OVERDUE, m.DEADLINE), start=2):
            header.moveSection(header.visualIndex(column), position)

        splitter = QSplitter(page)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail(page))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 480])
        self.message = QLabel(page)
        self.message.setObjectName("boardMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        return page

    def _setup_table(self, table: QTableView, model: QAbstractItemModel) -> None:
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        # Fixed row heights and column widths: measuring 5 000 rows would cost the first paint.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(24)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        m = FollowUpTableModel
        for column, width in (
            (m.SESSION, 150),
            (m.PROMISE, 220),
            (m.LEAD, 110),
            (m.SUPPORTING, 100),
            (m.PERSON, 70),
            (m.DEADLINE, 84),
            (m.STATUS, 80),
            (m.OVERDUE, 96),
            (m.REPLY, 200),
            (m.UPDATED, 120),
        ):
            table.setColumnWidth(column, width)

    def _build_detail(self, parent: QWidget) -> QWidget:
        self.detail_box = QGroupBox(self.tr("Selected follow-up"), parent)
        self.detail_box.setObjectName("followUpDetail")
        self.detail_promise = QLabel(self.detail_box)
        self.detail_promise.setObjectName("detailPromise")
        self.detail_promise.setWordWrap(True)
        self.detail_promise.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.detail_promise.font()
        font.setBold(True)
        self.detail_promise.setFont(font)
        self.detail_info = QLabel(self.detail_box)
        self.detail_info.setObjectName("detailInfo")
        self.detail_info.setWordWrap(True)
        self.detail_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_table = QTableView(self.detail_box)
        self.history_table.setObjectName("historyTable")
        self.history_table.setModel(self.history_model)
        self.history_table.verticalHeader().hide()
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setWordWrap(True)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 104), (1, 72), (2, 52), (3, 72)):
            self.history_table.setColumnWidth(column, width)
        self.reply_edit = QPlainTextEdit(self.detail_box)
        self.reply_edit.setObjectName("replyEdit")
        self.reply_edit.setPlaceholderText(
            self.tr("Progress note, or the reason when returning for rework")
        )
        self.reply_edit.setMaximumHeight(80)
        self.reply_button = QPushButton(self.tr("Add reply"), self.detail_box)
        self.reply_button.setObjectName("replyButton")
        self.status_combo = QComboBox(self.detail_box)
        self.status_combo.setObjectName("statusCombo")
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_button = QPushButton(self.tr("Change status"), self.detail_box)
        self.status_button.setObjectName("statusButton")
        actions = QHBoxLayout()
        actions.addWidget(self.reply_button)
        actions.addStretch(1)
        actions.addWidget(QLabel(self.tr("New status:"), self.detail_box))
        actions.addWidget(self.status_combo)
        actions.addWidget(self.status_button)
        self.detail_message = QLabel(self.detail_box)
        self.detail_message.setObjectName("detailMessage")
        self.detail_message.setWordWrap(True)
        layout = QVBoxLayout(self.detail_box)
        layout.addWidget(self.detail_promise)
        layout.addWidget(self.detail_info)
        layout.addWidget(self.history_table, 1)
        layout.addWidget(self.reply_edit)
        layout.addLayout(actions)
        layout.addWidget(self.detail_message)
        self.show_detail(None)
        return self.detail_box

    def _build_figures_page(self) -> QWidget:
        page = QWidget(self)
        self.figures_summary = QLabel(page)
        self.figures_summary.setObjectName("figuresSummary")
        self.figures_summary.setWordWrap(True)
        self.figures_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures_note = QLabel(
            self.tr(
                "Completion: done (resolved or published) out of all. On time: done by the "
                "deadline out of those due (done, or open and past the deadline)."
            ),
            page,
        )
        self.figures_note.setWordWrap(True)
        self.chart = RatesChart(page)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        layout = QVBoxLayout(page)
        layout.addWidget(self.figures_summary)
        layout.addWidget(self.figures_note)
        layout.addWidget(scroll, 1)
        return page

    def _build_look_back_page(self) -> QWidget:
        page = QWidget(self)
        self.look_back_title = QLabel(page)
        self.look_back_title.setObjectName("lookBackTitle")
        self.look_back_title.setWordWrap(True)
        font = self.look_back_title.font()
        font.setBold(True)
        self.look_back_title.setFont(font)
        self.look_back_rates = QLabel(page)
        self.look_back_rates.setObjectName("lookBackRates")
        self.look_back_table = QTableView(page)
        self.look_back_table.setObjectName("lookBackTable")
        self._setup_table(self.look_back_table, self.look_back_model)
        m = FollowUpTableModel
        for column in (m.SESSION, m.SUPPORTING, m.PERSON, m.UPDATED):
            self.look_back_table.hideColumn(column)
        self.look_back_table.horizontalHeader().setSectionResizeMode(
            m.PROMISE, QHeaderView.ResizeMode.Stretch
        )
        self.copy_button = QPushButton(self.tr("Copy as text"), page)
        self.copy_button.setObjectName("copyLookBack")
        self.copy_button.setToolTip(
            self.tr("Copy the list to the clipboard, to read out or paste into the script")
        )
        self.look_back_message = QLabel(page)
        self.look_back_message.setObjectName("lookBackMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.look_back_rates, 1)
        buttons.addWidget(self.look_back_message)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.look_back_title)
        layout.addLayout(buttons)
        layout.addWidget(self.look_back_table, 1)
        self.set_look_back(None, has_session=False)
        return page

    # ------------------------------------------------------------------ showing
    def set_board(self, board: Board) -> None:
        """Show a freshly read board: rows, department choices, figures."""
        self.model.set_board(board.states, board.departments, board.sessions, board.today)
        used = {s.follow_up.lead_department_id for s in board.states}
        departments = [d for d in board.departments.values() if d.active or d.id in used]
        self.set_departments(sorted(departments, key=lambda d: d.name))
        self.set_rates(board.overall, board.by_department)

    def set_departments(self, departments: Sequence[Department]) -> None:
        """Offer these departments in the filter, keeping the current choice if still there."""
        combo = self.department_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All departments"), None)
        for department in departments:
            combo.addItem(department.name, department.id)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        if index < 0:
            # The chosen department is gone: tell the filter it falls back to all.
            combo.currentIndexChanged.emit(0)

    def set_rates(
        self, overall: FollowUpRates, by_department: Mapping[uuid.UUID, FollowUpRates]
    ) -> None:
        """Show the overall and per-department figures, as numbers and as the chart."""
        text = rates_summary(overall)
        self.summary_label.setText(text)
        self.figures_summary.setText(text)
        model = self.model
        departments = sorted(
            by_department.items(),
            key=lambda item: (-item[1].total, model.department_name(item[0])),
        )
        rows = [(self.tr("All departments"), overall)]
        rows += [
            (model.department_name(d) or self.tr("(unknown department)"), r) for d, r in departments
        ]
        self.chart.set_rows(rows if overall.total else [])

    def set_count(self, shown: int, total: int) -> None:
        """``N of M follow-ups`` next to the filters."""
        self.count_label.setText(fill(self.tr("%1 of %2 shown"), str(shown), str(total)))

    def show_detail(
        self,
        state: FollowUpState | None,
        events: Sequence[FollowUpEvent] = (),
    ) -> None:
        """Fill the detail pane for ``state`` with its history (``None``: empty)."""
        self.detail_box.setEnabled(state is not None)
        self.detail_message.clear()
        if state is None:
            self.detail_promise.setText(self.tr("Select a follow-up to see its history."))
            self.detail_info.clear()
            self.history_model.set_history(None, ())
            self.status_combo.clear()
            return
        follow_up = state.follow_up
        self.detail_promise.setText(follow_up.promise)
        self.detail_info.setText(self.detail_text(state))
        self.history_model.set_history(follow_up, events)
        self.history_table.resizeRowsToContents()
        self.set_targets(state.status)

    def set_targets(self, status: FollowUpStatus) -> None:
        """Offer the statuses a follow-up in ``status`` may move to."""
        self.status_combo.clear()
        for target in sorted(FOLLOW_UP_TRANSITIONS[status], key=_TARGET_ORDER.__getitem__):
            self.status_combo.addItem(follow_up_status_label(target), target.value)
        has_targets = self.status_combo.count() > 0
        self.status_combo.setEnabled(has_targets)
        self.status_button.setEnabled(has_targets)

    def detail_text(self, state: FollowUpState) -> str:
        """The selected follow-up's facts, one per line."""
        model = self.model
        follow_up = state.follow_up
        supporting = self.tr(", ").join(
            model.department_name(d) for d in follow_up.supporting_department_ids
        )
        days = overdue_days(state, model.today)
        status = follow_up_status_label(state.status)
        if days:
            status = fill(self.tr("%1 — %2"), status, overdue_text(days))
        lines = [
            fill(self.tr("Session: %1"), session_text(model.session_info(follow_up.session_id))),
            fill(
                self.tr("Lead: %1"),
                model.department_name(follow_up.lead_department_id)
                or self.tr("(unknown department)"),
            ),
        ]
        if supporting:
            lines.append(fill(self.tr("Supporting: %1"), supporting))
        if follow_up.responsible_person:
            lines.append(fill(self.tr("Responsible: %1"), follow_up.responsible_person))
        lines.append(fill(self.tr("Deadline: %1"), format_day(follow_up.deadline)))
        lines.append(fill(self.tr("Status: %1"), status))
        return "\n".join(lines)

    def say(self, text: str, *, problem: bool = True) -> None:
        """A message under the detail pane (red for a problem)."""
        self.detail_message.setStyleSheet(
            f"color: {OVERDUE_COLOUR};" if problem else "color: #1b5e20;"
        )
        self.detail_message.setText(text)

    def say_board(self, text: str) -> None:
        """A message under the table (loading, a storage problem)."""
        self.message.setText(text)

    # ------------------------------------------------------------------ look back
    def set_look_back(
        self,
        look_back: LookBack | None,
        departments: Mapping[uuid.UUID, Department] | None = None,
        *,
        has_session: bool = True,
        today: date | None = None,
    ) -> None:
        """Show the previous session's promises (``None``: nothing to look back on)."""
        self._look_back = look_back
        self.look_back_message.clear()
        session = look_back.session if look_back is not None else None
        if session is None or look_back is None:
            self.look_back_model.set_board([], {}, {}, today or date.today())
            self.look_back_title.setText(
                self.tr("No earlier session to look back on.")
                if has_session
                else self.tr("Open a session to see the promises of the one before it.")
            )
            self.look_back_rates.clear()
            self.copy_button.setEnabled(False)
            return
        self.look_back_model.set_board(
            look_back.states, departments or {}, {session.id: session}, today or date.today()
        )
        self.look_back_title.setText(
            fill(self.tr("Look back: promises made in %1"), session_text(session))
        )
        self.look_back_rates.setText(rates_summary(look_back.rates))
        self.copy_button.setEnabled(True)

    def look_back_text(self) -> str:
        """The look-back list as plain text, ready to read out at the start of the show."""
        look_back = self._look_back
        if look_back is None or look_back.session is None:
            return ""
        model = self.look_back_model
        lines = [
            fill(self.tr("Look back: promises made in %1"), session_text(look_back.session)),
            fill(
                self.tr("%1; %2"), completion_text(look_back.rates), on_time_text(look_back.rates)
            ),
            "",
        ]
        for row, state in enumerate(model.states()):
            status = follow_up_status_label(state.status)
            days = model.overdue_days_at(row)
            if days:
                status = fill(self.tr("%1, %2"), status, overdue_text(days))
            lead = model.department_name(state.follow_up.lead_department_id)
            lines.append(
                fill(
                    self.tr("%1. %2 (lead: %3; deadline: %4; %5)"),
                    str(row + 1),
                    state.follow_up.promise.replace("\n", " "),
                    lead or self.tr("(unknown department)"),
                    format_day(state.follow_up.deadline),
                    status,
                )
            )
            if state.latest_reply:
                lines.append(
                    fill(self.tr("   Latest reply: %1"), state.latest_reply.replace("\n", " "))
                )
        if not look_back.states:
            lines.append(self.tr("No promises were recorded in that session."))
        return "\n".join(lines)
