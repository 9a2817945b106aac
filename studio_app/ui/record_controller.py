"""Wires the record view: show lifecycle, countdown, answers (autosaved), promises, audit."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from studio_app.domain.broadcast import AgendaMark
from studio_app.domain.errors import DomainError
from studio_app.domain.ids import utc_now
from studio_app.domain.questions import Answer, Question, QuestionState
from studio_app.domain.record import QuestionAiring, agenda_spans
from studio_app.domain.sessions import BroadcastSession, SessionStatus
from studio_app.messages import domain_error_text, storage_error_text
from studio_app.services.followups import FollowUpService
from studio_app.services.obs.errors import ObsError
from studio_app.services.questions import QuestionChange
from studio_app.services.record import AnswerFields, RecordService
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError
from studio_app.ui.dialogs import confirm
from studio_app.ui.formatting import follow_up_status_label, format_local_time
from studio_app.ui.question_model import QuestionTableModel
from studio_app.ui.record_view import QuestionIdRole, RecordView, follow_up_line

log = logging.getLogger(__name__)

#: The answer is written this long after the first unsaved keystroke (not after the last
#: one: a recorder typing without pause is still saved every quarter second).
ANSWER_AUTOSAVE_MS = 250
#: The countdown and the run of show's running times are redrawn this often.
TICK_MS = 1000

Timecodes = Callable[[], Awaitable[tuple[int | None, int | None]]]


@dataclass
class _Editing:
    """The question the answer editor shows and what is known of its answer."""

    question: Question
    saved: tuple[str, str, str, str]
    dirty: bool = False


class RecordController(QObject):
    """The recorder's actions; the live controller and the moderation view feed it events."""

    session_changed = Signal(object)
    """The session's status or times changed (the stored ``BroadcastSession``)."""
    rehearsal_created = Signal(object)
    """A rehearsal copy was made (``BroadcastSession``); the window opens it."""

    def __init__(
        self,
        view: RecordView,
        record: RecordService,
        follow_ups: FollowUpService,
        questions: QuestionTableModel,
        *,
        timecodes: Timecodes | None = None,
        open_promise: Callable[..., Coroutine[Any, Any, object]] | None = None,
        open_audit: Callable[..., Coroutine[Any, Any, object]] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.record = record
        self.follow_ups = follow_ups
        self.questions = questions
        self.tasks = TaskSet()
        self.session: BroadcastSession | None = None
        self._timecodes = timecodes
        self._open_promise = open_promise
        self._open_audit = open_audit
        self._marks: list[AgendaMark] = []
        self._airings: list[QuestionAiring] = []
        self._answers: dict[uuid.UUID, Answer] = {}
        self._editing: _Editing | None = None
        self._generation = 0
        self._marking = asyncio.Lock()
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(ANSWER_AUTOSAVE_MS)
        self.save_timer.timeout.connect(self._on_save_timer_timeout)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self.tick)
        self._build_actions()
        self._connect()
        self._show_header()
        self.view.setEnabled(False)

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        self.promise_action = QAction(self.tr("Promise → follow-up…"), self.view)
        self.promise_action.setShortcut(QKeySequence("Ctrl+P"))
        self.promise_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.promise_action.triggered.connect(lambda *_a: self._spawn(self.make_promise()))
        self.go_live_action = QAction(self.tr("&Go live (start the show)"), self.view)
        self.go_live_action.triggered.connect(lambda *_a: self._spawn(self.go_live()))
        self.end_action = QAction(self.tr("&End the show"), self.view)
        self.end_action.triggered.connect(lambda *_a: self._spawn(self.end_show()))

    def actions(self) -> list[QAction]:
        """Actions the main window adds (menus, window-wide shortcuts)."""
        return [self.go_live_action, self.end_action, self.promise_action]

    def _connect(self) -> None:
        v = self.view
        v.live_button.clicked.connect(lambda *_a: self._spawn(self.go_live()))
        v.end_button.clicked.connect(lambda *_a: self._spawn(self.end_show()))
        v.close_button.clicked.connect(lambda *_a: self._spawn(self.close_record()))
        v.reopen_button.clicked.connect(lambda *_a: self._spawn(self.reopen_record()))
        v.rehearse_button.clicked.connect(lambda *_a: self._spawn(self.rehearse()))
        v.audit_button.clicked.connect(lambda *_a: self._spawn(self.open_session_audit()))
        v.answer.edited.connect(self._on_answer_edited)
        v.answer.promise_requested.connect(lambda: self._spawn(self.make_promise()))
        v.answer.history_requested.connect(lambda: self._spawn(self.open_question_audit()))
        v.answer.follow_on_air.toggled.connect(self._on_follow_toggled)
        v.aired_view.selectionModel().currentRowChanged.connect(self._on_aired_current_changed)

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self.tasks.spawn(coro, name="record")

    # ------------------------------------------------------------------ session
    async def show_session(self, session: BroadcastSession | None) -> None:
        """Follow the session open in the window."""
        await self.finish_answer()
        self._generation += 1
        generation = self._generation
        self.session = session
        self._editing = None
        self.view.setEnabled(session is not None)
        if session is None:
            self.tick_timer.stop()
            self._marks, self._airings, self._answers = [], [], {}
            self._show_header()
            self.view.answer.set_question(None)
            self.view.aired_model.set_rows([])
            self.tick()
            return
        try:
            loaded = await self.record.load(session.id)
        except StorageError as error:
            self._storage_problem(error)
            return
        except LookupError:
            return  # deleted while it was being opened; the window moves on
        if generation != self._generation:
            return
        self.session = loaded.session
        self._marks = list(loaded.marks)
        self._airings = list(loaded.airings)
        self._answers = dict(loaded.answers)
        self.view.answer.set_guests([(g.name, g.title, g.department) for g in session.guests])
        self._show_header()
        self.tick()
        self.tick_timer.start()

    def session_edited(self, session: BroadcastSession) -> None:
        """The plan was saved (agenda or guests may have changed)."""
        if self.session is None or self.session.id != session.id:
            return
        self.session = session
        self.view.answer.set_guests([(g.name, g.title, g.department) for g in session.guests])
        self.tick()

    async def questions_loaded(self, session: BroadcastSession | None) -> None:
        """The moderation view loaded the session's questions: show the aired ones."""
        if session is None or self.session is None or session.id != self.session.id:
            return
        self._refresh_aired()
        self._follow()

    async def question_changed(self, change: QuestionChange) -> None:
        """Questions changed in moderation: new airings get OBS's timecodes; follow on air."""
        relevant = {QuestionState.ON_AIR, QuestionState.ANSWERED, QuestionState.DEFERRED}
        aired = bool(change.airings_started or change.airings_ended)
        if not aired and not any(q.state in relevant for q in change.questions):
            return  # intake and moderation of questions not (yet) on air: nothing here
        ended = {a.id for a in change.airings_ended}
        self._airings = [a for a in self._airings if a.id not in ended]
        self._airings += [*change.airings_ended, *change.airings_started]
        self._airings.sort(key=lambda a: (a.started_at, a.id))
        self._refresh_aired()
        if aired:
            self._spawn(self._stamp(change))
        self._follow()

    async def agenda_marked(self, mark: AgendaMark) -> None:
        """An agenda item went on air: a planned show goes live; the run of show updates."""
        # One at a time: two quick steps must not both try to start the show.
        async with self._marking:
            await self._agenda_marked(mark)

    async def _agenda_marked(self, mark: AgendaMark) -> None:
        if self.session is None or self.session.id != mark.session_id:
            return
        self._marks.append(mark)
        if self.session.status is SessionStatus.PLANNED:
            # Stepping into the agenda is the show starting; it starts when the item did.
            await self._lifecycle(self.record.go_live(mark.session_id, mark.at), self.tr("Live."))
        self.tick()

    async def _stamp(self, change: QuestionChange) -> None:
        if self._timecodes is None:
            return
        try:
            record_ms, stream_ms = await self._timecodes()
        except (ObsError, TimeoutError) as error:
            log.info("no timecodes for the airing: %s", error)
            return
        edges = [(a, "start") for a in change.airings_started]
        edges += [(a, "end") for a in change.airings_ended]
        for airing, edge in edges:
            try:
                await self.record.stamp_airing(airing.id, edge, record_ms, stream_ms)
            except (StorageError, DomainError) as error:
                log.warning("storing an airing's timecode failed: %s", error)

    # ------------------------------------------------------------------ lifecycle
    async def go_live(self) -> bool:
        """The show starts (a planned or ended session)."""
        if self.session is None:
            return False
        return await self._lifecycle(self.record.go_live(self.session.id), self.tr("Live."))

    async def end_show(self, *, confirmed: bool = False) -> bool:
        """The show ends, after the operator confirms."""
        if self.session is None:
            return False
        if not confirmed and not await confirm(
            self.view,
            self.tr("End the show"),
            self.tr("End the show now? The current agenda item and question end with it."),
        ):
            return False
        await self.finish_answer()
        return await self._lifecycle(self.record.end_show(self.session.id), self.tr("Ended."))

    async def close_record(self, *, confirmed: bool = False) -> bool:
        """Close the record: it can no longer be changed until reopened."""
        if self.session is None:
            return False
        if not confirmed and not await confirm(
            self.view,
            self.tr("Close the record"),
            self.tr(
                "Close this session's record? Answers, agenda and questions can then no longer "
                "be changed (follow-ups go on). It can be reopened; that is recorded."
            ),
        ):
            return False
        await self.finish_answer()
        return await self._lifecycle(self.record.close(self.session.id), self.tr("Closed."))

    async def reopen_record(self) -> bool:
        """Reopen a closed record (recorded in the audit trail)."""
        if self.session is None:
            return False
        return await self._lifecycle(self.record.reopen(self.session.id), self.tr("Reopened."))

    async def _lifecycle(self, call: Coroutine[Any, Any, BroadcastSession], done: str) -> bool:
        try:
            session = await call
        except DomainError as error:
            self.view.say(domain_error_text(error), problem=True)
            return False
        except StorageError as error:
            self._storage_problem(error)
            return False
        self.session = session
        self._show_header()
        self._follow()
        self.view.say(done)
        self.tick()
        self.session_changed.emit(session)
        return True

    async def rehearse(self, *, confirmed: bool = False) -> BroadcastSession | None:
        """Make a practice copy of this session and open it."""
        if self.session is None:
            return None
        if not confirmed and not await confirm(
            self.view,
            self.tr("Rehearse"),
            self.tr(
                "Make a practice copy of “%1” with its questions and open it? Everything works "
                "in the copy — OBS, overlay, answers, follow-ups — but none of it counts as "
                "aired, and the real session stays as it is."
            ).replace("%1", self.session.title),
        ):
            return None
        title = self.tr("Rehearsal: %1").replace("%1", self.session.title)
        try:
            copy = await self.record.start_rehearsal(self.session.id, title)
        except (DomainError, StorageError) as error:
            self._problem(error)
            return None
        self.rehearsal_created.emit(copy)
        return copy

    # ------------------------------------------------------------------ answers
    def _follow(self) -> None:
        """Show the question on air in the answer editor, when following it."""
        if not self.view.answer.follow_on_air.isChecked() or self.session is None:
            self._refresh_editor()
            return
        on_air = self.questions.on_air()
        if on_air is not None and (self._editing is None or self._editing.question.id != on_air.id):
            self._spawn(self.edit_answer(on_air))
        else:
            self._refresh_editor()

    async def edit_answer(self, question: Question | None) -> None:
        """Put ``question`` (and its stored answer) in the editor, finishing the previous one."""
        await self.finish_answer()
        if question is None:
            self._editing = None
            self.view.answer.set_question(None)
            return
        answer = self._answers.get(question.id)
        if answer is None:
            try:
                answer = await self.record.answer(question.id)
            except StorageError as error:
                self._storage_problem(error)
                return
        fields = (
            (answer.summary, answer.answered_by, answer.role, answer.department)
            if answer
            else ("", "", "", "")
        )
        self._editing = _Editing(question, fields)
        self.view.answer.set_question(question, fields, editable=self._editable)
        row = self.view.aired_model.row_of(question.id)
        if row >= 0:
            self.view.aired_view.selectRow(row)
        await self._show_follow_ups(question)

    @property
    def _editable(self) -> bool:
        return self.session is not None and self.session.status is not SessionStatus.CLOSED

    def _on_answer_edited(self) -> None:
        if self._editing is None:
            return
        self._editing.dirty = True
        self.view.answer.save_status.setText(self.tr("Typing…"))
        if not self.save_timer.isActive():
            self.save_timer.start()

    def _on_save_timer_timeout(self) -> None:
        self._spawn(self.save_answer())

    async def save_answer(self, *, final: bool = False) -> bool:
        """Write the answer as typed (autosave; ``final`` ends the editing pass)."""
        editing = self._editing
        if editing is None:
            return True
        fields = self.view.answer.fields()
        if fields == editing.saved and not final:
            editing.dirty = False
            return True
        if not any(f.strip() for f in fields) and editing.question.id not in self._answers:
            editing.dirty = False
            return True
        try:
            answer = await self.record.save_answer(
                editing.question.id, AnswerFields(*fields), final=final
            )
        except DomainError as error:
            self.view.answer.save_status.setText(domain_error_text(error))
            self.view.answer.save_status.setStyleSheet("color: #b71c1c;")
            return False
        except StorageError as error:
            self._storage_problem(error)
            return False
        self._answers[editing.question.id] = answer
        editing.saved = fields
        if self.view.answer.fields() == fields:
            editing.dirty = False
            self.view.answer.save_status.setStyleSheet("color: #1b5e20;")
            self.view.answer.save_status.setText(
                self.tr("Saved %1").replace("%1", QTime.currentTime().toString("HH:mm:ss"))
            )
        elif not self.save_timer.isActive():
            self.save_timer.start()  # typed on while saving
        self._refresh_aired()
        return True

    async def finish_answer(self) -> bool:
        """Save what is typed and close the editing pass (audited); before switching."""
        self.save_timer.stop()
        if self._editing is None:
            return True
        if self._editing.question.id not in self._answers and not self._editing.dirty:
            return True
        return await self.save_answer(final=True)

    async def make_promise(self) -> object:
        """Turn a promise about the question in the editor into a follow-up."""
        if self.session is None or self._open_promise is None:
            return None
        question = self._editing.question if self._editing else None
        await self.save_answer()
        created = await self._open_promise(self.session.id, question)
        if question is not None:
            await self._show_follow_ups(question)
        return created

    async def _show_follow_ups(self, question: Question) -> None:
        if self.session is None:
            return
        try:
            states = await self.follow_ups.for_session(self.session.id)
            departments = {d.id: d.name for d in await self.follow_ups.departments(
                include_inactive=True)}  # fmt: skip
        except StorageError as error:
            self._storage_problem(error)
            return
        if self._editing is None or self._editing.question.id != question.id:
            return
        self.view.answer.set_follow_ups(
            [
                follow_up_line(
                    s,
                    follow_up_status_label(s.status),
                    departments.get(s.follow_up.lead_department_id, "?"),
                )
                for s in states
                if s.follow_up.question_id == question.id
            ]
        )

    # ------------------------------------------------------------------ audit
    async def open_session_audit(self) -> object:
        """The audit trail of this session."""
        if self.session is None or self._open_audit is None:
            return None
        return await self._open_audit("session", self.session.id, self.session.title)

    async def open_question_audit(self) -> object:
        """The audit trail of the question in the editor."""
        if self._editing is None or self._open_audit is None:
            return None
        question = self._editing.question
        return await self._open_audit("question", question.id, question.display_text)

    # ------------------------------------------------------------------ showing
    def tick(self) -> None:
        """Recompute the run of show against the clock (the countdown)."""
        session = self.session
        if session is None:
            self.view.run_model.set_spans([])
            self.view.show_countdown(None)
            return
        spans = agenda_spans(session.agenda, self._marks, ended_at=session.ended_at,
                             now=utc_now())  # fmt: skip
        self.view.run_model.set_spans(spans)
        current = next((s for s in spans if s.is_current), None)
        live = session.status is SessionStatus.LIVE
        self.view.show_countdown(current if live else None)

    def _show_header(self) -> None:
        v, session = self.view, self.session
        status = session.status if session else None
        if session is None:
            v.status_label.setText(self.tr("No session open."))
        elif status is SessionStatus.PLANNED:
            v.status_label.setText(self.tr("Planned — not live yet."))
        elif status is SessionStatus.LIVE:
            since = format_local_time(session.started_at) if session.started_at else "?"
            v.status_label.setText(self.tr("● LIVE since %1").replace("%1", since))
        elif status is SessionStatus.ENDED:
            end = format_local_time(session.ended_at) if session.ended_at else "?"
            v.status_label.setText(self.tr("Ended at %1").replace("%1", end))
        else:
            v.status_label.setText(self.tr("Closed: the record is final."))
        v.status_label.setStyleSheet(
            "color: white; background: #c62828; padding: 2px 6px; font-weight: bold;"
            if status is SessionStatus.LIVE
            else "font-weight: bold;"
        )
        v.rehearsal_label.setVisible(bool(session and session.rehearsal))
        v.live_button.setEnabled(status in (SessionStatus.PLANNED, SessionStatus.ENDED))
        v.end_button.setEnabled(status is SessionStatus.LIVE)
        v.close_button.setEnabled(status in (SessionStatus.ENDED, SessionStatus.PLANNED))
        v.reopen_button.setEnabled(status is SessionStatus.CLOSED)
        v.rehearse_button.setEnabled(session is not None and not session.rehearsal)
        self.go_live_action.setEnabled(v.live_button.isEnabled())
        self.end_action.setEnabled(v.end_button.isEnabled())

    def _refresh_aired(self) -> None:
        first: dict[uuid.UUID, QuestionAiring] = {}
        for airing in self._airings:
            first.setdefault(airing.question_id, airing)
        rows: list[tuple[Question, QuestionAiring | None, bool]] = []
        for question_id, airing in first.items():
            question = self.questions.question(question_id)
            if question is not None:
                rows.append((question, airing, question_id in self._answers))
        # Deferred questions answered in writing have no airing.
        for question in self.questions.in_state(QuestionState.DEFERRED):
            if question.id not in first:
                rows.append((question, None, question.id in self._answers))
        current = self._editing.question.id if self._editing else None
        self.view.aired_model.set_rows(rows)
        if current is not None:
            row = self.view.aired_model.row_of(current)
            if row >= 0:
                self.view.aired_view.selectRow(row)

    def _refresh_editor(self) -> None:
        if self._editing is not None:
            fresh = self.questions.question(self._editing.question.id)
            if fresh is not None:
                self._editing.question = fresh
            self.view.answer.set_question(
                self._editing.question, self.view.answer.fields(), editable=self._editable
            )

    def _on_follow_toggled(self, checked: bool) -> None:
        if checked:
            self._follow()

    def _on_aired_current_changed(self, current: Any, _previous: Any) -> None:
        question_id = current.data(QuestionIdRole) if current.isValid() else None
        if question_id is None or (
            self._editing is not None and self._editing.question.id == question_id
        ):
            return
        question = self.questions.question(question_id)
        on_air = self.questions.on_air()
        if on_air is None or on_air.id != question_id:
            # Picking an earlier question stops following the one on air.
            self.view.answer.follow_on_air.setChecked(False)
        self._spawn(self.edit_answer(question))

    def _problem(self, error: Exception) -> None:
        if isinstance(error, DomainError):
            self.view.say(domain_error_text(error), problem=True)
        elif isinstance(error, StorageError):
            self._storage_problem(error)

    def _storage_problem(self, error: StorageError) -> None:
        title, _text = storage_error_text(error)
        log.error("record storage error: %s", error)
        self.view.say(self.tr("Not saved: %1").replace("%1", title), problem=True)

    @property
    def editing(self) -> Question | None:
        """The question in the answer editor."""
        return self._editing.question if self._editing else None

    def has_unsaved_answer(self) -> bool:
        """Typed answer text not yet written."""
        return self._editing is not None and self._editing.dirty
