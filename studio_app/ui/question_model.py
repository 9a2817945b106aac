"""Item models of the moderation view: every question of a session, the filter, the queue."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from studio_app.domain.questions import Channel, Question, QuestionState, queue_order
from studio_app.domain.screening import Screening
from studio_app.messages import channel_text
from studio_app.services.questions import Suggestion
from studio_app.ui.formatting import format_local_time, state_label

AnyIndex = QModelIndex | QPersistentModelIndex

#: Role returning the question's ``uuid.UUID``.
QuestionIdRole = Qt.ItemDataRole.UserRole + 1
#: Role returning the ``Question``.
QuestionRole = Qt.ItemDataRole.UserRole + 2
#: Role returning its ``Screening`` (or ``None``).
ScreeningRole = Qt.ItemDataRole.UserRole + 3
#: Role returning a value that sorts naturally.
SortRole = Qt.ItemDataRole.UserRole + 4
#: Role returning the lower-cased text the free-text search looks in.
SearchRole = Qt.ItemDataRole.UserRole + 5

_MIME = "application/x-village-studio-question-id"

_STATE_COLOURS = {
    QuestionState.NEW: "#1565c0",
    QuestionState.APPROVED: "#2e7d32",
    QuestionState.QUEUED: "#6a1b9a",
    QuestionState.ON_AIR: "#c62828",
    QuestionState.ANSWERED: "#616161",
    QuestionState.REJECTED: "#9e9e9e",
    QuestionState.DEFERRED: "#ef6c00",
    QuestionState.MERGED: "#9e9e9e",
}


class QuestionTableModel(QAbstractTableModel):
    """All questions of the session, in the order received; upserts keep rows in place.

    Columns: number, time, state, channel, category, asker, display text, residents, flags.
    """

    NUMBER, TIME, STATE, CHANNEL, CATEGORY, ASKER, TEXT, COUNT, FLAGS = range(9)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Question] = []
        self._row_of: dict[uuid.UUID, int] = {}
        self._screenings: dict[uuid.UUID, Screening] = {}
        self._suggestions: dict[uuid.UUID, tuple[Suggestion, ...]] = {}
        self._search: list[str] = []
        #: Bumped on every change of the rows (filters cache their decisions per generation).
        self.generation = 0

    # ------------------------------------------------------------------ contents
    def set_questions(
        self,
        questions: Sequence[Question],
        screenings: dict[uuid.UUID, Screening],
        suggestions: dict[uuid.UUID, tuple[Suggestion, ...]],
    ) -> None:
        """Replace every row."""
        self.generation += 1
        self.beginResetModel()
        self._rows = list(questions)
        self._row_of = {q.id: n for n, q in enumerate(self._rows)}
        self._screenings = dict(screenings)
        self._suggestions = dict(suggestions)
        self._search = [_search_text(q) for q in self._rows]
        self.endResetModel()

    def upsert(
        self,
        questions: Iterable[Question],
        screenings: dict[uuid.UUID, Screening] | None = None,
        suggestions: dict[uuid.UUID, tuple[Suggestion, ...]] | None = None,
    ) -> None:
        """Add new questions at the end and update changed ones in place."""
        self.generation += 1
        screenings = screenings or {}
        new: list[Question] = []
        for question in questions:
            if question.id in screenings:
                self._screenings[question.id] = screenings[question.id]
            if suggestions and question.id in suggestions:
                self._suggestions[question.id] = suggestions[question.id]
            row = self._row_of.get(question.id)
            if row is None:
                new.append(question)
                continue
            self._rows[row] = question
            self._search[row] = _search_text(question)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.FLAGS))
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, question in enumerate(new):
                self._rows.append(question)
                self._row_of[question.id] = first + offset
                self._search.append(_search_text(question))
            self.endInsertRows()

    def question(self, question_id: uuid.UUID) -> Question | None:
        """The question with this id, if shown."""
        row = self._row_of.get(question_id)
        return None if row is None else self._rows[row]

    def questions(self) -> list[Question]:
        """Every question, in the order received."""
        return list(self._rows)

    def screening(self, question_id: uuid.UUID) -> Screening | None:
        """The question's latest screening."""
        return self._screenings.get(question_id)

    def suggestions(self, question_id: uuid.UUID) -> tuple[Suggestion, ...]:
        """Open questions this one may duplicate (best first), still open."""
        return tuple(
            s
            for s in self._suggestions.get(question_id, ())
            if (q := self.question(s.question_id)) is not None and q.state not in _CLOSED
        )

    def rows_and_search_texts(self) -> tuple[list[Question], list[str]]:
        """Every question and its search text, row by row (read-only views for filtering)."""
        return self._rows, self._search

    def question_at(self, row: int) -> Question:
        """The question in ``row``."""
        return self._rows[row]

    def search_text_at(self, row: int) -> str:
        """The case-folded text the free-text search looks in, for ``row``."""
        return self._search[row]

    def row_of(self, question_id: uuid.UUID) -> int | None:
        """The row of a question, if shown."""
        return self._row_of.get(question_id)

    def number(self, question_id: uuid.UUID) -> int:
        """The question's number in this session (1 = first received)."""
        row = self._row_of.get(question_id)
        return 0 if row is None else row + 1

    def in_state(self, state: QuestionState) -> list[Question]:
        """Questions in ``state``, in the order received."""
        return [q for q in self._rows if q.state is state]

    def queue(self) -> list[Question]:
        """The on-air queue in order."""
        queued = self.in_state(QuestionState.QUEUED)
        return sorted(queued, key=queue_order)

    def on_air(self) -> Question | None:
        """The question on air, if any."""
        return next((q for q in self._rows if q.state is QuestionState.ON_AIR), None)

    def categories(self) -> list[str]:
        """Every category used, sorted."""
        return sorted({q.category for q in self._rows if q.category})

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 9

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("#"),
            self.tr("Time"),
            self.tr("State"),
            self.tr("Channel"),
            self.tr("Category"),
            self.tr("Asker"),
            self.tr("Question (as aired)"),
            self.tr("Asked by"),
            self.tr("Checks"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        question = self._rows[index.row()]
        column = index.column()
        if role == QuestionIdRole:
            return question.id
        if role == QuestionRole:
            return question
        if role == ScreeningRole:
            return self._screenings.get(question.id)
        if role == SearchRole:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(question, column, index.row())
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.TEXT, self.FLAGS):
            return self._tooltip(question)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QBrush(QColor(_STATE_COLOURS[question.state]))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.FLAGS:
            return QBrush(QColor("#c62828"))
        if role == SortRole:
            if column == self.NUMBER:
                return index.row()
            if column == self.TIME:
                return question.received_at.timestamp()
            if column == self.COUNT:
                return question.ask_count
            return self._display(question, column, index.row())
        return None

    def _display(self, question: Question, column: int, row: int) -> str:
        if column == self.NUMBER:
            return str(row + 1)
        if column == self.TIME:
            return format_local_time(question.received_at)
        if column == self.STATE:
            return state_label(question.state)
        if column == self.CHANNEL:
            return channel_text(question.channel)
        if column == self.CATEGORY:
            return question.category
        if column == self.ASKER:
            return question.asker
        if column == self.TEXT:
            return question.display_text.replace("\n", " ")
        if column == self.COUNT:
            return str(question.ask_count) if question.ask_count > 1 else ""
        return self._flags(question)

    def _flags(self, question: Question) -> str:
        screening = self._screenings.get(question.id)
        flags = []
        if screening is not None and screening.unmasked:
            flags.append(self.tr("personal data"))
        if screening is not None and screening.sensitive:
            flags.append(
                self.tr("sensitive (allowed)")
                if question.sensitive_override
                else self.tr("sensitive")
            )
        if question.state is QuestionState.NEW and self.suggestions(question.id):
            flags.append(self.tr("duplicate?"))
        return ", ".join(flags)

    def _tooltip(self, question: Question) -> str:
        return question.display_text

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


_CLOSED = frozenset({QuestionState.ANSWERED, QuestionState.REJECTED, QuestionState.MERGED})


def _search_text(question: Question) -> str:
    return " ".join(
        (question.text, question.display_text, question.asker, question.phone, question.category)
    ).casefold()


class QuestionFilterProxy(QSortFilterProxyModel):
    """Filters by state, channel, category and free text (every word must be found)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._states: frozenset[QuestionState] | None = None
        self._channel: Channel | None = None
        self._category: str | None = None
        self._words: tuple[str, ...] = ()
        self._accepted: list[bool] = []
        self._accepted_generation = -1
        self._source: QuestionTableModel | None = None
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_states(self, states: Iterable[QuestionState] | None) -> None:
        """Show only these states (``None``: all)."""
        # Combo boxes hand enum values back as plain strings: normalise.
        value = frozenset(QuestionState(s) for s in states) if states is not None else None
        self._refilter(lambda: setattr(self, "_states", value))

    def set_channel(self, channel: Channel | None) -> None:
        """Show only questions from ``channel`` (``None``: all)."""
        value = Channel(channel) if channel is not None else None
        self._refilter(lambda: setattr(self, "_channel", value))

    def set_category(self, category: str | None) -> None:
        """Show only questions in ``category`` (``None``: all)."""
        self._refilter(lambda: setattr(self, "_category", category))

    def set_search(self, text: str) -> None:
        """Show only questions whose texts, asker, phone or category contain every word."""
        words = tuple(text.casefold().split())
        self._refilter(lambda: setattr(self, "_words", words))

    def _refilter(self, change: Callable[[], None]) -> None:
        self.beginFilterChange()
        change()
        # Decide every row in one Python loop: Qt then asks row by row, and a lookup is all
        # each of those 10 000 calls costs (a keystroke stays well under a frame budget).
        model = self.sourceModel()
        if isinstance(model, QuestionTableModel):
            rows, texts = model.rows_and_search_texts()
            accepts = self._accepts
            self._accepted = [accepts(q, text) for q, text in zip(rows, texts, strict=True)]
            self._source = model
            self._accepted_generation = model.generation
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _accepts(self, question: Question, haystack: str) -> bool:
        """The one filter rule: state, channel, category, and every search word."""
        return (
            (self._states is None or question.state in self._states)
            and (self._channel is None or question.channel is self._channel)
            and (self._category is None or question.category == self._category)
            and all(word in haystack for word in self._words)
        )

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self._source
        if model is not None and model.generation == self._accepted_generation:
            return self._accepted[source_row]
        source = self.sourceModel()
        assert isinstance(source, QuestionTableModel)
        # Rows added or changed since the filter was set: decide them one by one.
        return self._accepts(source.question_at(source_row), source.search_text_at(source_row))


class QueueModel(QAbstractListModel):
    """The on-air queue in order; drag and drop asks for a move (the service decides)."""

    move_requested = Signal(object, int)
    """A question (id) should move to this queue position."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Question] = []
        self._numbers: dict[uuid.UUID, int] = {}

    def set_queue(self, queue: Sequence[Question], numbers: dict[uuid.UUID, int]) -> None:
        """Show ``queue`` (in order); ``numbers`` are the questions' session numbers."""
        if [q.id for q in queue] == [q.id for q in self._rows] and all(
            a == b for a, b in zip(queue, self._rows, strict=True)
        ):
            return
        self.beginResetModel()
        self._rows = list(queue)
        self._numbers = dict(numbers)
        self.endResetModel()

    def question_at(self, row: int) -> Question | None:
        """The question at ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        question = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            number = self._numbers.get(question.id, 0)
            return f"{index.row() + 1}. [#{number}] {question.display_text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return question.display_text
        if role == QuestionIdRole:
            return question.id
        if role == QuestionRole:
            return question
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        if indexes:
            question = self._rows[indexes[0].row()]
            data.setData(_MIME, QByteArray(question.id.hex.encode()))
        return data

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(_MIME):
            return False
        question_id = uuid.UUID(bytes(data.data(_MIME).data()).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        current = next((n for n, q in enumerate(self._rows) if q.id == question_id), None)
        if current is None:
            return False
        target = row - 1 if row > current else row
        if target != current:
            self.move_requested.emit(question_id, target)
        # The service moves it; the model is refreshed from the result, never here.
        return False
