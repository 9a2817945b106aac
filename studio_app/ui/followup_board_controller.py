"""Wires the follow-up board to the follow-up service: loading, filters, replies, look back."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Coroutine
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox

from studio_app.domain.errors import DomainError
from studio_app.domain.followups import FollowUpState, FollowUpStatus, rates, rates_by_department
from studio_app.domain.organisation import Department
from studio_app.messages import domain_error_text, storage_error_text
from studio_app.services.followups import FollowUpService
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError
from studio_app.ui.dialogs import message_box
from studio_app.ui.followup_board import FollowUpBoard, FollowUpIdRole, FollowUpTableModel
from studio_app.ui.gc import settle as settle_garbage

log = logging.getLogger(__name__)


class FollowUpBoardController(QObject):
    """The board's actions: (re)load, filter, select, reply, change status, look back.

    ``today`` fixes the day overdue is judged against (tests, or a report "as of" a day);
    ``None`` means the real date at each load.
    """

    #: After a load, set the new board's objects aside from later full collections, once it
    #: has painted: 5 000 follow-ups with their histories would otherwise be walked by every
    #: full collection (see studio_app.ui.gc), a stall in the middle of typing a reply.
    SETTLE_DELAY_MS = 300

    board_loaded = Signal()
    """The board was (re)read from the store and shown."""
    follow_up_changed = Signal(object)
    """A reply or status change made here was saved; carries the new ``FollowUpState``."""

    def __init__(
        self,
        view: FollowUpBoard,
        service: FollowUpService,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.service = service
        self.today = today
        self.tasks = TaskSet()
        self.session_id: uuid.UUID | None = None
        self._departments: dict[uuid.UUID, Department] = {}
        self._board_generation = 0
        self._look_back_generation = 0
        self._detail_generation = 0
        #: The follow-up the detail pane shows (what replies and status changes apply to).
        self._detail_id: uuid.UUID | None = None
        self._build_actions()
        self._connect()
        self._update_count()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        view = self.view
        self.refresh_action = QAction(view)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(lambda *_a: self.refresh())
        view.addAction(self.refresh_action)
        self.reply_action = QAction(view.reply_edit)
        self.reply_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.reply_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.reply_action.triggered.connect(lambda *_a: self._spawn(self.append_reply()))
        view.reply_edit.addAction(self.reply_action)

    def _connect(self) -> None:
        view = self.view
        view.refresh_button.clicked.connect(lambda *_a: self.refresh())
        view.department_filter.currentIndexChanged.connect(self._on_filters_changed)
        view.status_filter.currentIndexChanged.connect(self._on_filters_changed)
        view.overdue_only.toggled.connect(self._on_filters_changed)
        view.search.textChanged.connect(self._on_search_changed)
        view.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        view.reply_button.clicked.connect(lambda *_a: self._spawn(self.append_reply()))
        view.status_button.clicked.connect(lambda *_a: self._spawn(self.change_status()))
        view.copy_button.clicked.connect(lambda *_a: self.copy_look_back())
        view.proxy.rowsInserted.connect(self._update_count)
        view.proxy.rowsRemoved.connect(self._update_count)
        view.proxy.modelReset.connect(self._update_count)
        view.proxy.layoutChanged.connect(self._update_count)
        self._on_filters_changed()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        return self.tasks.spawn(coro, name="follow-up-board")

    def _today(self) -> date:
        return self.today or date.today()

    # ------------------------------------------------------------------ loading
    def refresh(self) -> asyncio.Task[Any]:
        """Re-read the board (and the look-back list) in the background (F5)."""
        return self._spawn(self.load())

    def set_session(self, session_id: uuid.UUID | None) -> asyncio.Task[Any]:
        """The session open in the app changed: look back from it (``None``: none open)."""
        self.session_id = session_id
        return self._spawn(self.load_look_back())

    async def load(self) -> bool:
        """Read every follow-up and show it; ``False`` if a newer load won or storage failed."""
        self._board_generation += 1
        generation = self._board_generation
        self.view.say_board(self.tr("Loading follow-ups…"))
        try:
            board = await self.service.board(self._today())
        except StorageError as error:
            self._storage_problem(error)
            return False
        if generation != self._board_generation:
            return False
        self._departments = dict(board.departments)
        self.view.set_board(board)
        self.view.say_board("")
        QTimer.singleShot(self.SETTLE_DELAY_MS, settle_garbage)
        self._update_count()
        self._reselect()
        await self.load_look_back()
        self.board_loaded.emit()
        return True

    async def load_look_back(self) -> bool:
        """Show the promises of the session before the open one, with their figures."""
        self._look_back_generation += 1
        generation = self._look_back_generation
        today = self._today()
        if self.session_id is None:
            self.view.set_look_back(None, has_session=False, today=today)
            return True
        try:
            look_back = await self.service.look_back(self.session_id, today)
            if not self._departments:
                departments = await self.service.departments(include_inactive=True)
                self._departments = {d.id: d for d in departments}
        except StorageError as error:
            self._storage_problem(error)
            return False
        except LookupError:
            # The session was deleted meanwhile: nothing to look back from.
            look_back = None
        if generation != self._look_back_generation:
            return False
        self.view.set_look_back(look_back, self._departments, today=today)
        return True

    def copy_look_back(self) -> str:
        """Put the look-back list on the clipboard as plain text; return that text."""
        text = self.view.look_back_text()
        if text:
            clipboard = QGuiApplication.clipboard()
            clipboard.setText(text)
            self.view.look_back_message.setText(self.tr("Copied to the clipboard."))
        return text

    # ------------------------------------------------------------------ selection
    def selected(self) -> FollowUpState | None:
        """The follow-up the detail pane shows."""
        if self._detail_id is None:
            return None
        return self.view.model.state(self._detail_id)

    def select(self, follow_up_id: uuid.UUID) -> bool:
        """Select a follow-up in the table (if the filters show it) and show its history."""
        view = self.view
        row = view.model.row_of(follow_up_id)
        if row is None:
            return False
        index = view.proxy.mapFromSource(view.model.index(row, FollowUpTableModel.PROMISE))
        if index.isValid():
            view.table.setCurrentIndex(index)
            view.table.scrollTo(index)
        if self._detail_id != follow_up_id:
            self._show_detail(follow_up_id)
        return True

    def _reselect(self) -> None:
        # After a reload the model was reset: bring back the follow-up that was selected.
        follow_up_id = self._detail_id
        if follow_up_id is None:
            return
        if self.view.model.row_of(follow_up_id) is None:
            self._show_detail(None)
            return
        self._detail_id = None
        self.select(follow_up_id)

    def _show_detail(self, follow_up_id: uuid.UUID | None) -> None:
        self._detail_id = follow_up_id
        self._detail_generation += 1
        state = self.view.model.state(follow_up_id) if follow_up_id else None
        self.view.show_detail(state)
        if state is not None:
            self._spawn(self._load_history(state.follow_up.id, self._detail_generation))

    async def _load_history(self, follow_up_id: uuid.UUID, generation: int) -> bool:
        try:
            _follow_up, events = await self.service.history(follow_up_id)
        except StorageError as error:
            self._storage_problem(error)
            return False
        except LookupError:
            return False
        if generation != self._detail_generation:
            return False
        state = self.view.model.state(follow_up_id)
        if state is None:
            return False
        self.view.show_detail(state, events)
        return True

    # ------------------------------------------------------------------ actions
    async def append_reply(self, text: str | None = None) -> bool:
        """Add the typed progress note to the selected follow-up's history."""
        state = self.selected()
        if state is None:
            self.view.say(self.tr("Select a follow-up first."))
            return False
        text = self.view.reply_edit.toPlainText() if text is None else text
        return await self._apply(self.service.reply(state.follow_up.id, text),
                                 self.tr("Reply added."))  # fmt: skip

    async def change_status(
        self, target: FollowUpStatus | None = None, text: str | None = None
    ) -> bool:
        """Move the selected follow-up to the chosen status (returning needs a reason)."""
        state = self.selected()
        if state is None:
            self.view.say(self.tr("Select a follow-up first."))
            return False
        if target is None:
            value = self.view.status_combo.currentData()
            if value is None:
                self.view.say(self.tr("This follow-up is finished: its status cannot change."))
                return False
            target = FollowUpStatus(value)
        text = self.view.reply_edit.toPlainText() if text is None else text
        return await self._apply(self.service.change_status(state.follow_up.id, target, text),
                                 self.tr("Status changed."))  # fmt: skip

    async def _apply(self, call: Coroutine[Any, Any, FollowUpState], done: str) -> bool:
        try:
            state = await call
        except DomainError as error:
            self.view.say(domain_error_text(error))
            return False
        except StorageError as error:
            self._storage_problem(error)
            return False
        view = self.view
        view.model.update_state(state)
        view.look_back_model.update_state(state)
        states = view.model.states()
        today = view.model.today
        view.set_rates(rates(states, today), rates_by_department(states, today))
        view.reply_edit.clear()
        if self._detail_id == state.follow_up.id:
            self._detail_generation += 1
            view.show_detail(state, [])
            await self._load_history(state.follow_up.id, self._detail_generation)
        view.say(done, problem=False)
        self._update_count()
        self.follow_up_changed.emit(state)
        return True

    # ------------------------------------------------------------------ plumbing
    def _storage_problem(self, error: StorageError) -> None:
        title, text = storage_error_text(error)
        log.error("follow-up board storage error: %s", error)
        self.view.say_board(title)
        message_box(self.view, QMessageBox.Icon.Warning, title, text).open()

    def _update_count(self, *_args: object) -> None:
        self.view.set_count(self.view.proxy.rowCount(), self.view.model.rowCount())

    # ------------------------------------------------------------------ slots
    def _on_filters_changed(self, *_args: object) -> None:
        view = self.view
        view.proxy.set_filters(
            view.department_filter.currentData(),
            view.status_filter.currentData(),
            view.overdue_only.isChecked(),
        )
        self._update_count()

    def _on_search_changed(self, text: str) -> None:
        self.view.proxy.set_search(text)
        self._update_count()

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            # Filtered out of sight: the detail pane keeps showing it.
            return
        follow_up_id = current.data(FollowUpIdRole)
        if follow_up_id != self._detail_id:
            self._show_detail(follow_up_id)
