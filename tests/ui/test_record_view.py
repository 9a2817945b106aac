"""The record tab in the real app: run of show, lifecycle, answers, promises, rehearsal."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtWidgets import QApplication

from studio_app.domain.questions import QuestionDraft, QuestionState
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest, SessionStatus
from studio_app.services.obs.prepare import OVERLAY_INPUTS, OVERLAY_SCENE
from studio_app.storage.store import Store
from studio_app.ui.main_window import MainWindow
from studio_app.ui.promise_dialog import PromiseDialog
from studio_app.ui.record_controller import ANSWER_AUTOSAVE_MS
from tests.conftest import next_emission
from tests.ui.helpers import RunningApp, type_text


async def planned_show(app: RunningApp, window: MainWindow) -> BroadcastSession:
    session = await window.new_session()
    assert session is not None and window._service is not None
    mayor = Guest.create("张伟", "镇长", "青山镇人民政府")
    saved = await window._service.save(
        session.edited(
            title="第五期 村民问答",
            guests=(mayor,),
            agenda=(
                AgendaItem.create("开场", 1),
                AgendaItem.create("村民提问", 30, speaker_id=mayor.id),
            ),
        )
    )
    window.editor.load(saved)
    window.session_shown.emit(saved)
    await settle(app)
    return saved


async def settle(app: RunningApp) -> None:
    for controller in (app.app.questions, app.app.record, app.app.live):
        assert controller is not None
    await asyncio.sleep(0.1)
    assert app.app.record is not None and app.app.questions is not None
    await app.app.questions.tasks.wait_idle()
    await app.app.record.tasks.wait_idle()


async def stored(app: RunningApp, work: Any) -> Any:
    """Read the store through the running app's database thread (it holds the lock)."""

    def read(store: Store) -> Any:
        with store.read() as uow:
            return work(uow)

    return await app.app.database.run(read)


def test_run_of_show_answers_and_promise_from_the_record_tab(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def main() -> None:
        app = RunningApp(qapp, tmp_path)
        window = await app.start()
        await app.gateway.start()
        session = await planned_show(app, window)
        record, questions, live = app.app.record, app.app.questions, app.app.live
        assert record is not None and questions is not None and live is not None
        window.session_tabs.setCurrentWidget(window.record)
        view = window.record
        assert view.status_label.text().startswith("Planned")
        assert not view.end_button.isEnabled()

        # Stepping into the agenda starts the show; the speaker's lower third goes on air.
        assert await live.step_agenda(1)
        assert await live.step_agenda(1)
        await settle(app)
        assert record.session is not None and record.session.status is SessionStatus.LIVE
        assert "LIVE" in view.status_label.text()
        assert view.message.text() == "Live."  # two quick steps start the show once
        assert app.gateway.shown(OVERLAY_SCENE, OVERLAY_INPUTS["lower_third"])
        spans = view.run_model.spans
        assert spans[0].started_at is not None and spans[0].ended_at is not None
        assert spans[1].is_current and spans[1].ended_at is None
        assert "left" in view.countdown.text()
        assert window.control_panel.countdown.text() == view.countdown.text()
        assert view.run_model.index(1, 5).data().startswith("+")

        # A question goes on air: the answer editor follows it; typing is autosaved.
        draft = QuestionDraft(text="路灯什么时候修？", phone="13800138000")
        change = await questions.service.file(session.id, draft)
        questions._apply_change(change)
        question_id = change.questions[0].id
        await questions._apply(questions.service.take_to_air(question_id))
        await settle(app)
        assert record.editing is not None and record.editing.id == question_id
        assert view.aired_model.rowCount() == 1
        view.answer.answered_by.setCurrentText("张伟")
        assert view.answer.role.text() == "镇长"  # filled in from the guest
        view.answer.summary.setFocus()
        type_text(view.answer.summary, "下周一前修好")
        await asyncio.sleep(ANSWER_AUTOSAVE_MS / 1000 + 0.3)
        await settle(app)
        assert view.answer.save_status.text().startswith("Saved")
        answer = await stored(app, lambda uow: uow.answers.for_question(question_id))
        assert answer.summary == "下周一前修好" and answer.role == "镇长"
        assert view.aired_model.index(0, 3).data() == "recorded"

        # Promise → follow-up from the editor: the dialog, prefilled with the resident's phone.
        task = record.tasks.spawn(record.make_promise(), name="promise")
        dialog = None
        for _ in range(100):
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, PromiseDialog)]
            if dialogs and dialogs[0].isVisible():
                dialog = dialogs[0]
                break
            await asyncio.sleep(0.05)
        assert dialog is not None
        await asyncio.sleep(0.2)
        type_text(dialog.promise_edit, "下周一前修好路灯")
        dialog.lead_combo.setEditText("交通运输局")
        await dialog.add_typed_department()
        await dialog.submit()
        created = await asyncio.wait_for(task, 10)
        assert created is not None
        assert created.resident_contact == "13800138000" and created.question_id == question_id
        await settle(app)
        assert view.answer.follow_ups.count() == 1
        # The board is built when first shown (Ctrl+B) and lists the new follow-up.
        assert app.app.board is None
        window.board_action.trigger()
        board = app.app.board
        assert board is not None
        await next_emission(board.board_loaded, timeout=10)
        assert board.view.model.rowCount() == 1
        window.main_tabs.setCurrentIndex(0)

        # Ending and closing: the record locks; the plan editor and the answer editor too.
        assert await record.end_show(confirmed=True)
        assert await record.close_record(confirmed=True)
        await settle(app)
        assert "Closed" in view.status_label.text()
        assert not view.answer.summary.isEnabled()
        assert window.editor.title_edit.isReadOnly()
        assert view.reopen_button.isEnabled()
        final = await stored(app, lambda uow: uow.sessions.get(session.id))
        assert final.status is SessionStatus.CLOSED and final.ended_at is not None
        assert final.started_at <= final.ended_at
        airings = await stored(app, lambda uow: uow.broadcast.airings(session.id))
        assert len(airings) == 1 and airings[0].ended_at is not None
        assert await record.reopen_record()
        assert not window.editor.title_edit.isReadOnly()
        assert await app.stop() == 0

    qloop.run_until_complete(main())


def test_rehearsal_copy_opens_and_leaves_the_real_session_alone(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def main() -> None:
        app = RunningApp(qapp, tmp_path)
        window = await app.start()
        session = await planned_show(app, window)
        record, questions = app.app.record, app.app.questions
        assert record is not None and questions is not None
        change = await questions.service.file(session.id, QuestionDraft(text="彩排问题"))
        questions._apply_change(change)
        copy = await record.rehearse(confirmed=True)
        assert copy is not None
        for _ in range(100):
            if window.editor.session is not None and window.editor.session.id == copy.id:
                break
            await asyncio.sleep(0.05)
        await settle(app)
        assert not window.record.rehearsal_label.isHidden()
        assert "REHEARSAL" in window.windowTitle()
        assert [q.text for q in questions.view.model.in_state(QuestionState.NEW)] == ["彩排问题"]
        rehearsed = questions.view.model.in_state(QuestionState.NEW)[0]
        await questions._apply(questions.service.take_to_air(rehearsed.id))
        await settle(app)
        original = await stored(app, lambda uow: uow.questions.list_for_session(session.id))
        assert [q.state for q in original] == [QuestionState.NEW]
        assert await stored(app, lambda uow: uow.follow_ups.matching()) == []
        assert await app.stop() == 0

    qloop.run_until_complete(main())


def test_time_left_turns_into_over_time(qapp: QApplication) -> None:
    from studio_app.domain.record import AgendaSpan
    from studio_app.ui.record_view import RecordView, format_span

    view = RecordView()
    item = AgendaItem.create("问答", 10)
    over = AgendaSpan(item, None, None, timedelta(minutes=12, seconds=5), None, None, True)
    view.show_countdown(over)
    assert view.countdown.text() == "问答 — 02:05 over time"
    assert "b71c1c" in view.countdown.styleSheet()
    assert format_span(timedelta(hours=1, minutes=2, seconds=3)) == "1:02:03"
    assert format_span(-timedelta(seconds=61), signed=True) == "−01:01"
    view.deleteLater()


def test_operator_signs_in_and_is_named_in_the_audit_trail(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    from studio_app.domain.operators import OperatorRole
    from studio_app.ui.operator_dialog import OperatorDialog

    async def main() -> None:
        app = RunningApp(qapp, tmp_path)
        window = await app.start()
        assert app.app.operators is not None
        profile = await app.app.operators.add("李明", OperatorRole.RECORDER)
        task = window.tasks.spawn(app.app.choose_operator(), name="operator")
        dialog = None
        for _ in range(100):
            found = [w for w in QApplication.topLevelWidgets() if isinstance(w, OperatorDialog)]
            if found and found[0].isVisible() and found[0].list_view.model().rowCount():
                dialog = found[0]
                break
            await asyncio.sleep(0.05)
        assert dialog is not None
        assert dialog.sign_in()
        assert await asyncio.wait_for(task, 10) == profile.name
        assert window.operator_status.text() == "Operator: 李明"
        session = await window.new_session()
        assert session is not None

        def actions(store: Store) -> list[tuple[str, str]]:
            with store.read() as uow:
                return [(e.action, e.operator) for e in uow.audit.for_session(session.id)]

        assert ("session.created", "李明") in await app.app.database.run(actions)
        assert await app.stop() == 0

    qloop.run_until_complete(main())
