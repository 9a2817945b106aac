"""Wires the moderation view to the question service and the overlay: every action a key."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from studio_app.domain.errors import DomainError
from studio_app.domain.overlay import OverlayElement
from studio_app.domain.questions import (
    Channel,
    Question,
    QuestionDraft,
    QuestionState,
    RejectionReason,
)
from studio_app.domain.sessions import AgendaItem, BroadcastSession
from studio_app.messages import (
    domain_error_text,
    obs_error_text,
    overlay_labels,
    storage_error_text,
)
from studio_app.services.obs.errors import ObsError
from studio_app.services.overlay.compose import (
    OverlayVisibility,
    compose,
    lower_third,
)
from studio_app.services.overlay.model import OverlayRenderer
from studio_app.services.overlay.service import OverlayService
from studio_app.services.questions import QuestionChange, QuestionService
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError
from studio_app.ui.dialogs import ask, message_box
from studio_app.ui.formatting import reason_label
from studio_app.ui.gc import settle as settle_garbage
from studio_app.ui.import_dialog import choose_and_read, report_text
from studio_app.ui.question_model import QuestionIdRole
from studio_app.ui.questions_view import QuestionsView

log = logging.getLogger(__name__)

Q = QuestionState


class RejectDialog(QDialog):
    """Pick why a question is rejected (a note is needed for "other")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reject question"))
        self.reason = QComboBox(self)
        for reason in RejectionReason:
            self.reason.addItem(reason_label(reason), reason)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Why (needed for “Other”)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reject"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Reason"), self.reason)
        layout.addRow(self.tr("Note"), self.note)
        layout.addRow(buttons)


class QuestionsController(QObject):
    """The moderator's actions; each is an awaitable method and a keyboard shortcut.

    Single-letter keys act on the selected question while the question table or the queue
    has the focus (so typing in the intake form never triggers them); F-keys work anywhere.
    """

    question_changed = Signal(object)
    """Questions changed (``QuestionChange``), after the view shows it."""
    questions_loaded = Signal(object)
    """A session's questions were loaded (the ``BroadcastSession``, or None)."""

    def __init__(
        self,
        view: QuestionsView,
        service: QuestionService,
        overlay: OverlayService | None,
        renderer: OverlayRenderer,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.service = service
        self.overlay = overlay
        self.renderer = renderer
        self.tasks = TaskSet()
        self.session: BroadcastSession | None = None
        self.agenda_item: AgendaItem | None = None
        self.visibility = OverlayVisibility(question=True)
        self._generation = 0
        # The question the detail pane shows (what "save on-air text" applies to).
        self._detail_question: Question | None = None
        self._build_actions()
        self._connect()
        self.view.setEnabled(False)
        self.view.show_detail(None, None)
        self.view.set_preview(None)

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        view = self.view
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut

        def action(
            shortcut: str, slot: Callable[[], Coroutine[Any, Any, Any]], *targets: QWidget
        ) -> QAction:
            item = QAction(view)
            item.setShortcut(QKeySequence(shortcut))
            item.setShortcutContext(local if targets else Qt.ShortcutContext.WindowShortcut)
            item.triggered.connect(lambda *_args: self._spawn(slot()))
            # On-air keys live on the main window: they work whichever tab is showing.
            for target in targets or (view.window(),):
                target.addAction(item)
            return item

        lists = (view.table, view.queue_view)
        self.actions = {
            "approve": action("A", self.approve, *lists),
            "reject": action("R", self.reject, *lists),
            "defer": action("D", self.defer, *lists),
            "edit": action("E", self.edit_display_text, *lists),
            "merge": action("M", self.merge_with_suggestion, *lists),
            "queue": action("Q", self.enqueue, *lists),
            "air": action("T", self.take_to_air, *lists),
            # Alt+Up/Down reach the view's key filter (item views eat them as navigation).
            "up": action("", lambda: self.move_in_queue(-1), *lists),
            "down": action("", lambda: self.move_in_queue(+1), *lists),
            "undo": action("Ctrl+Z", self.undo, *lists),
            "allow": action("Ctrl+Shift+A", self.allow_sensitive),
            "next": action("F8", self.take_next_to_air),
            "answered": action("F9", self.mark_answered),
            "toggle_question": action("F10", lambda: self.toggle(OverlayElement.QUESTION)),
            "toggle_coming_up": action("F7", lambda: self.toggle(OverlayElement.COMING_UP)),
            "toggle_lower_third": action("F6", lambda: self.toggle(OverlayElement.LOWER_THIRD)),
            "search": action("Ctrl+K", self.focus_search),
        }

    def _connect(self) -> None:
        view = self.view
        view.intake.submitted.connect(lambda: self._spawn(self.file_from_form()))
        view.intake.import_button.clicked.connect(lambda *_a: self._spawn(self.import_file()))
        for key, button in view.buttons.items():
            button.clicked.connect(lambda *_a, k=key: self.actions[k].trigger())
        view.take_next_button.clicked.connect(lambda *_a: self.actions["next"].trigger())
        view.answered_button.clicked.connect(lambda *_a: self.actions["answered"].trigger())
        view.show_button.clicked.connect(lambda *_a: self.actions["toggle_question"].trigger())
        view.coming_up_button.clicked.connect(
            lambda *_a: self.actions["toggle_coming_up"].trigger()
        )
        view.lower_third_button.clicked.connect(
            lambda *_a: self.actions["toggle_lower_third"].trigger()
        )
        # Help → Keyboard shortcuts names each key after the button it presses.
        named: dict[str, QAbstractButton] = {
            **view.buttons,
            "next": view.take_next_button,
            "answered": view.answered_button,
            "toggle_question": view.show_button,
            "toggle_coming_up": view.coming_up_button,
            "toggle_lower_third": view.lower_third_button,
            "allow": view.allow_button,
        }
        for key, pressed in named.items():
            self.actions[key].setText(pressed.text())
        self.actions["search"].setText(self.tr("Search the questions"))
        view.queue_up_button.clicked.connect(lambda *_a: self.actions["up"].trigger())
        view.queue_down_button.clicked.connect(lambda *_a: self.actions["down"].trigger())
        view.dequeue_button.clicked.connect(lambda *_a: self._spawn(self.dequeue()))
        view.allow_button.clicked.connect(lambda *_a: self.actions["allow"].trigger())
        view.save_display_button.clicked.connect(lambda *_a: self._spawn(self.save_display_text()))
        view.save_display_requested.connect(lambda: self._spawn(self.save_display_text()))
        view.queue_model.move_requested.connect(self._on_queue_model_move_requested)
        view.queue_move_requested.connect(lambda delta: self._spawn(self.move_in_queue(delta)))
        view.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        view.queue_view.selectionModel().currentRowChanged.connect(self._on_queue_current_changed)
        view.state_filter.currentIndexChanged.connect(self._on_filters_changed)
        view.channel_filter.currentIndexChanged.connect(self._on_filters_changed)
        view.category_filter.currentIndexChanged.connect(self._on_filters_changed)
        view.search.textChanged.connect(self._on_search_changed)
        self._on_filters_changed()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self.tasks.spawn(coro, name="moderation")

    # ------------------------------------------------------------------ session
    async def show_session(self, session: BroadcastSession | None) -> None:
        """Load the session's questions (or empty the view)."""
        self._generation += 1
        generation = self._generation
        self.session = session
        self.view.setEnabled(session is not None)
        if session is None:
            self.view.model.set_questions([], {}, {})
            self._refresh()
            self.questions_loaded.emit(None)
            return
        try:
            loaded = await self.service.load(session.id)
        except StorageError as error:
            self._storage_problem(error)
            return
        if generation != self._generation:
            return
        self.view.model.set_questions(loaded.questions, loaded.screenings, loaded.suggestions)
        settle_garbage()  # the loaded questions live as long as the session is open
        self._refresh()
        self.questions_loaded.emit(session)
        await self._update_overlay()

    async def set_agenda_item(
        self, session: BroadcastSession | None, item: AgendaItem | None
    ) -> None:
        """The run of show moved on: the lower third follows the agenda item.

        An item with a speaker switches the speaker's lower third on; one without switches
        it off (the operator can still toggle it with F6).
        """
        self.agenda_item = item if session is not None else None
        if item is not None:
            speaking = item.speaker_id is not None
            if speaking != self.visibility.lower_third:
                self.visibility = replace(self.visibility, lower_third=speaking)
                self._refresh_buttons()
        await self._update_overlay()

    # ------------------------------------------------------------------ intake
    async def file_from_form(self) -> Question | None:
        """File what the intake form holds, then empty it for the next call."""
        form = self.view.intake
        if self.session is None:
            return None
        draft = QuestionDraft(
            text=form.text.text(),
            asker=form.asker.text(),
            phone=form.phone.text(),
            channel=Channel(form.channel.currentData() or Channel.OTHER),
            category=form.category.currentText(),
        )
        if not draft.text.strip():
            self._say(self.tr("Type the question first; nothing was filed."))
            form.text.setFocus()
            return None
        change = await self._call(self.service.file(self.session.id, draft))
        if change is None:
            return None  # the form keeps what was typed
        form.clear_for_next()
        question = change.questions[0]
        suggestions = change.suggestions.get(question.id, ())
        if suggestions:
            first = self.view.model.question(suggestions[0].question_id)
            number = self.view.model.number(suggestions[0].question_id)
            self._say(
                self.tr("Filed #%1. It looks like #%2: “%3” — press M to merge.")
                .replace("%1", str(self.view.model.number(question.id)))
                .replace("%2", str(number))
                .replace("%3", first.display_text[:40] if first else ""),
                problem=False,
            )
        else:
            self._say(
                self.tr("Filed #%1.").replace("%1", str(self.view.model.number(question.id))),
                problem=False,
            )
        return question

    async def file_drafts(self, drafts: list[QuestionDraft], source: str) -> int:
        """File imported or submitted drafts (one transaction); return how many."""
        if self.session is None or not drafts:
            return 0
        try:
            changes = await self.service.file_many(self.session.id, drafts, source=source)
        except StorageError as error:
            self._storage_problem(error)
            return 0
        except DomainError as error:
            self._say(domain_error_text(error))
            return 0
        for change in changes:
            self._apply_change(change, refresh=False)
        self._refresh()
        await self._update_overlay()
        return len(changes)

    async def import_file(self) -> int:
        """Import questions from a CSV/XLSX file the operator picks; report what happened."""
        if self.session is None:
            return 0
        chosen = await choose_and_read(self.view)
        if chosen is None:
            return 0
        result, name = chosen
        imported = await self.file_drafts(result.drafts, source=name) if result.drafts else 0
        box = message_box(
            self.view,
            QMessageBox.Icon.Information,
            self.tr("Import finished"),
            report_text(result, imported),
        )
        await ask(box)
        return imported

    async def receive_submission(self, draft: QuestionDraft) -> None:
        """A question from the LAN page: filed like one typed here."""
        if self.session is None:
            raise RuntimeError("no session open")
        change = await self.service.file(self.session.id, draft)
        self._apply_change(change)
        await self._update_overlay()

    # ------------------------------------------------------------------ moderation
    def selected(self) -> Question | None:
        """The question selected in the table, or in the queue when that has the focus."""
        view = self.view
        if view.queue_view.hasFocus():
            index = view.queue_view.currentIndex()
            if index.isValid():
                return view.model.question(index.data(QuestionIdRole))
        index = view.table.currentIndex()
        if not index.isValid():
            return None
        return view.model.question(index.data(QuestionIdRole))

    async def approve(self) -> bool:
        """Approve the selected question."""
        return await self._on_selected(self.service.approve)

    async def defer(self) -> bool:
        """Defer the selected question (answered after the show)."""
        return await self._on_selected(self.service.defer)

    async def enqueue(self) -> bool:
        """Put the selected question at the end of the on-air queue."""
        return await self._on_selected(self.service.enqueue)

    async def dequeue(self) -> bool:
        """Take the selected question out of the queue."""
        return await self._on_selected(self.service.dequeue)

    async def take_to_air(self) -> bool:
        """Put the selected question on air now."""
        return await self._on_selected(self.service.take_to_air)

    async def allow_sensitive(self) -> bool:
        """Allow the selected question on air despite its sensitive words."""
        return await self._on_selected(self.service.allow_sensitive)

    async def reject(
        self,
        reason: RejectionReason | None = None,
        note: str = "",
        *,
        question: Question | None = None,
    ) -> bool:
        """Reject the selected question; asks for the reason when not given."""
        question = question or self.selected()
        if question is None:
            return False
        if reason is None:
            dialog = RejectDialog(self.view)
            if await ask(dialog) != QDialog.DialogCode.Accepted:
                return False
            reason, note = RejectionReason(dialog.reason.currentData()), dialog.note.text()
        assert reason is not None
        return await self._apply(self.service.reject(question.id, reason, note))

    async def edit_display_text(self) -> bool:
        """Put the cursor in the on-air text of the selected question."""
        if self.selected() is None:
            return False
        self.view.display_edit.setFocus()
        self.view.display_edit.selectAll()
        return True

    async def save_display_text(self, text: str | None = None) -> bool:
        """Store the on-air text being edited (the resident's words are kept)."""
        question = self._detail_question
        if question is None:
            return False
        text = self.view.display_edit.toPlainText() if text is None else text
        done = await self._apply(self.service.edit_display_text(question.id, text))
        if done:
            self.view.table.setFocus()
        return done

    async def merge_with_suggestion(self, target: uuid.UUID | None = None) -> bool:
        """Merge the selected question into the suggested (or given) one."""
        question = self.selected()
        if question is None:
            return False
        target = target or self.view.suggestion_combo.currentData()
        if target is None:
            self._say(self.tr("No similar question to merge with; pick one under “Same as”."))
            return False
        return await self._apply(self.service.merge(question.id, target))

    async def move_in_queue(self, delta: int) -> bool:
        """Move the selected queued question up (-1) or down (+1)."""
        question = self.selected()
        if question is None or question.state is not Q.QUEUED:
            return False
        position = (question.queue_position or 0) + delta
        if position < 0:
            return False
        done = await self._apply(self.service.move_in_queue(question.id, position))
        self._select_in_queue(question.id)
        return done

    async def take_next_to_air(self) -> bool:
        """Take the first question of the queue to air."""
        if self.session is None:
            return False
        queue = self.view.model.queue()
        if not queue:
            self._say(self.tr("The on-air queue is empty: queue a question with Q first."))
            return False
        return await self._apply(self.service.take_to_air(queue[0].id))

    async def mark_answered(self) -> bool:
        """Mark the question on air answered; its panel leaves the screen."""
        on_air = self.view.model.on_air()
        if on_air is None:
            self._say(self.tr("No question is on air."))
            return False
        return await self._apply(self.service.mark_answered(on_air.id))

    async def undo(self) -> bool:
        """Undo the last moderation action."""
        return await self._apply(self.service.undo())

    async def toggle(self, element: OverlayElement) -> bool:
        """Show or hide one overlay element."""
        # OverlayVisibility's fields are named after the elements.
        shown = getattr(self.visibility, element.value)
        self.visibility = replace(self.visibility, **{element.value: not shown})
        self._refresh_buttons()
        await self._update_overlay()
        return True

    # ------------------------------------------------------------------ plumbing
    async def _on_selected(
        self, action: Callable[[uuid.UUID], Coroutine[Any, Any, QuestionChange]]
    ) -> bool:
        question = self.selected()
        if question is None:
            self._say(self.tr("Select a question first."))
            return False
        return await self._apply(action(question.id))

    async def _apply(self, call: Coroutine[Any, Any, QuestionChange]) -> bool:
        change = await self._call(call)
        if change is None:
            return False
        if change.action == "question.on_air":
            self.visibility = replace(self.visibility, question=True)
        await self._update_overlay()
        return True

    async def _call(self, call: Coroutine[Any, Any, QuestionChange]) -> QuestionChange | None:
        try:
            change = await call
        except DomainError as error:
            self._say(domain_error_text(error))
            return None
        except StorageError as error:
            self._storage_problem(error)
            return None
        self._apply_change(change)
        self._say("")
        return change

    def _apply_change(self, change: QuestionChange, *, refresh: bool = True) -> None:
        self.view.model.upsert(change.questions, change.screenings, change.suggestions)
        if refresh:
            self._refresh()
        self.question_changed.emit(change)

    def _refresh(self) -> None:
        model, view = self.view.model, self.view
        queue = model.queue()
        view.queue_model.set_queue(queue, {q.id: model.number(q.id) for q in queue})
        on_air = model.on_air()
        view.on_air_text.setText(
            f"#{model.number(on_air.id)}  {on_air.display_text}"
            if on_air
            else self.tr("Nothing on air.")
        )
        view.set_categories(model.categories())
        self._update_count()
        self._show_detail(self.selected())
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        view, v = self.view, self.visibility
        view.show_button.setChecked(not v.question)
        view.show_button.setText(
            self.tr("Show question (F10)") if not v.question else self.tr("Hide question (F10)")
        )
        view.coming_up_button.setChecked(v.coming_up)
        view.lower_third_button.setChecked(v.lower_third)
        view.buttons["undo"].setEnabled(self.service.can_undo)

    def _show_detail(self, question: Question | None) -> None:
        self._detail_question = question
        model = self.view.model
        screening = model.screening(question.id) if question else None
        if question is not None and screening is None:
            screening = self.service.screen(question)
        self.view.show_detail(question, screening)
        combo = self.view.suggestion_combo
        combo.clear()
        if question is not None:
            for suggestion in model.suggestions(question.id):
                other = model.question(suggestion.question_id)
                if other is None:
                    continue
                combo.addItem(
                    f"#{model.number(other.id)} ({suggestion.score:.0%}) {other.display_text[:50]}",
                    other.id,
                )
            for other in model.queue() + [q for q in model.in_state(Q.APPROVED)]:
                if other.id != question.id and combo.findData(other.id) < 0:
                    combo.addItem(f"#{model.number(other.id)} {other.display_text[:50]}", other.id)
        self.view.allow_button.setEnabled(
            bool(question and screening and screening.sensitive and not question.sensitive_override)
        )
        self._show_preview(question)

    def _show_preview(self, question: Question | None) -> None:
        if question is None:
            self.view.set_preview(None)
            return
        state = compose(
            on_air=question,
            queue=[],
            lower=None,
            visibility=OverlayVisibility(question=True),
            labels=overlay_labels(),
            width=self.overlay.canvas[0] if self.overlay else 1920,
            height=self.overlay.canvas[1] if self.overlay else 1080,
        )
        rendered = self.renderer.render(OverlayElement.QUESTION, state)
        image = QImage.fromData(rendered.png)
        self.view.set_preview(QPixmap.fromImage(image))

    async def _update_overlay(self) -> None:
        model = self.view.model
        state = compose(
            on_air=model.on_air(),
            queue=model.queue(),
            lower=lower_third(self.session, self.agenda_item),
            visibility=self.visibility,
            labels=overlay_labels(),
        )
        if self.overlay is None:
            return
        try:
            await self.overlay.show(state)
        except ObsError as error:
            self._say(
                self.tr("The overlay did not reach OBS: %1").replace("%1", obs_error_text(error))
            )
            return
        queue = model.queue()
        if queue:
            # Draw the next question now, so taking it to air only swaps the picture.
            upcoming = compose(
                on_air=queue[0],
                queue=queue[1:],
                lower=state.lower_third,
                visibility=OverlayVisibility(question=True),
                labels=overlay_labels(),
            )
            self.tasks.spawn(self.overlay.prepare(upcoming), name="overlay-prepare")

    def _say(self, text: str, *, problem: bool = True) -> None:
        label = self.view.message
        label.setStyleSheet("color: #b71c1c;" if problem else "color: #1b5e20;")
        label.setText(text)

    def _storage_problem(self, error: StorageError) -> None:
        title, text = storage_error_text(error)
        log.error("moderation storage error: %s", error)
        self._say(title)
        message_box(self.view, QMessageBox.Icon.Warning, title, text).open()

    def _select_in_queue(self, question_id: uuid.UUID) -> None:
        queue = self.view.queue_model
        for row in range(queue.rowCount()):
            index = queue.index(row, 0)
            if index.data(QuestionIdRole) == question_id:
                self.view.queue_view.setCurrentIndex(index)
                return

    async def focus_search(self) -> bool:
        """Put the cursor in the search field (Ctrl+K)."""
        self.view.search.setFocus()
        self.view.search.selectAll()
        return True

    # ------------------------------------------------------------------ slots
    def _on_table_current_changed(self, *_args: object) -> None:
        self._show_detail(self.selected())

    def _on_queue_current_changed(self, current: object, _previous: object) -> None:
        index = self.view.queue_view.currentIndex()
        if index.isValid():
            self._show_detail(self.view.model.question(index.data(QuestionIdRole)))

    def _on_queue_model_move_requested(self, question_id: uuid.UUID, position: int) -> None:
        self._spawn(self._apply(self.service.move_in_queue(question_id, position)))

    def _on_filters_changed(self, *_args: object) -> None:
        view = self.view
        view.proxy.set_states(view.state_filter.currentData())
        view.proxy.set_channel(view.channel_filter.currentData())
        view.proxy.set_category(view.category_filter.currentData())
        self._update_count()

    def _on_search_changed(self, text: str) -> None:
        self.view.proxy.set_search(text)
        self._update_count()

    def _update_count(self) -> None:
        view = self.view
        view.count_label.setText(
            self.tr("%1 of %2")
            .replace("%1", str(view.proxy.rowCount()))
            .replace("%2", str(view.model.rowCount()))
        )
