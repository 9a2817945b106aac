"""The promise dialog against a real SQLite store and the real FollowUpService."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from studio_app.domain.errors import ValidationError
from studio_app.domain.organisation import Department
from studio_app.domain.questions import QuestionDraft
from studio_app.domain.sensitive import SensitiveWords
from studio_app.domain.workdays import WorkdayCalendar
from studio_app.messages import domain_error_text
from studio_app.services.database import Database
from studio_app.services.followups import FollowUpService
from studio_app.services.questions import QuestionService
from studio_app.services.sessions import SessionService
from studio_app.ui.promise_dialog import DepartmentChecklistModel, PromiseDialog

Body = Callable[[FollowUpService, uuid.UUID], Awaitable[None]]

#: The running test's database and a stand-in for the main window: the dialog is window-modal
#: on it, and closing the dialog must not close the last window (that would quit the app).
_current: dict[str, Any] = {}


def run(qloop: Any, tmp_path: Path, body: Body) -> None:
    """Run ``body`` with a follow-up service on a fresh store holding one session."""

    async def main() -> None:
        database = Database()
        await database.open(tmp_path, default_studio_name="测试")
        window = QWidget()
        window.resize(1366, 768)
        window.show()
        _current.update(window=window, database=database)
        try:
            session = await SessionService(database, "tester").create("测试节目")
            await body(FollowUpService(database, "tester"), session.id)
        finally:
            database.close()
            _current.clear()
            window.close()
            window.deleteLater()

    qloop.run_until_complete(main())


def type_text(widget: QWidget | None, text: str) -> None:
    """Type as an operator would: ASCII as key presses, Chinese as input-method commits.

    (tests.ui.helpers.type_text does the same but imports the whole app with it.)
    """
    assert widget is not None
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


async def _until(condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait (without processEvents) until ``condition()`` is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


async def _answer_message_box(button: QMessageBox.StandardButton) -> QMessageBox:
    """Click ``button`` on the message box the dialog opened (window-modal, via open())."""
    found: list[QMessageBox] = []

    def visible_box() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        return bool(found)

    await _until(visible_box)
    box = found[-1]
    box.button(button).click()
    return box


async def _departments(service: FollowUpService, *names: str) -> list[Department]:
    return [await service.add_department(name) for name in names]


async def _open(service: FollowUpService, session_id: uuid.UUID, **kwargs: Any) -> PromiseDialog:
    dialog = PromiseDialog(service, session_id, parent=_current["window"], **kwargs)
    await dialog.load()
    dialog.show()
    dialog.activateWindow()
    await _until(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _tick(dialog: PromiseDialog, name: str) -> None:
    """Tick a supporting department with the keyboard: filter, go to the row, Space."""
    dialog.support_filter.clear()
    type_text(dialog.support_filter, name)
    dialog.support_list.setFocus()
    dialog.support_list.setCurrentIndex(dialog.support_proxy.index(0, 0))
    QTest.keyClick(dialog.support_list, Qt.Key.Key_Space)
    dialog.support_filter.clear()


def test_creates_follow_up_with_supporting_departments_and_working_days(
    qloop: Any, tmp_path: Path
) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        lead, water, roads, _other = await _departments(
            service, "镇农业农村办", "镇水务站", "县交通运输局", "镇财政所"
        )
        questions = QuestionService(service._db, "tester", SensitiveWords(()))
        filed = await questions.file(
            session_id, QuestionDraft("村口排水沟堵了", phone="13900001111")
        )
        question = filed.questions[0]
        dialog = await _open(
            service,
            session_id,
            question_id=question.id,
            promise_text="国庆后修好村口排水沟",
            resident_contact=question.phone,
            today=date(2025, 9, 26),
        )
        assert dialog.promise_edit.toPlainText() == "国庆后修好村口排水沟"
        type_text(dialog.lead_combo.lineEdit(), "镇农业农村办")
        assert dialog.lead_department() == lead
        assert not dialog.add_department_button.isVisible()
        _tick(dialog, "水务")
        _tick(dialog, "交通")
        assert set(dialog.support_model.checked_ids()) == {water.id, roads.id}
        type_text(dialog.person_edit, "王站长")
        assert dialog.workdays_radio.isChecked()
        dialog.workdays_spin.setValue(5)
        # 5 working days from Friday 26 September 2025 cross National Day and its make-up days.
        expected = WorkdayCalendar.default().add_workdays(date(2025, 9, 26), 5).day
        assert expected == date(2025, 10, 10)
        assert "2025" in dialog.computed_label.text()
        assert "10" in dialog.computed_label.text()
        assert not dialog.assumed_label.isVisible()

        # Enter alone (confirming a field) does not create a half-filled follow-up...
        QTest.keyClick(dialog.person_edit, Qt.Key.Key_Return)
        QTest.keyClick(dialog.workdays_spin, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
        await asyncio.sleep(0.05)
        assert dialog.created is None and dialog.isVisible() and not dialog.tasks
        # ...Ctrl+Enter does, from any field (here the multi-line promise).
        QTest.keyClick(dialog.promise_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await _until(lambda: dialog.created is not None)
        assert dialog.result() == QDialog.DialogCode.Accepted
        (state,) = await service.for_session(session_id)
        stored = state.follow_up
        assert stored == dialog.created
        assert stored.promise == "国庆后修好村口排水沟"
        assert stored.lead_department_id == lead.id
        assert set(stored.supporting_department_ids) == {water.id, roads.id}
        assert len(stored.supporting_department_ids) == 2
        assert stored.responsible_person == "王站长"
        assert stored.deadline == expected
        assert stored.question_id == question.id
        assert stored.resident_contact == "13900001111"

    run(qloop, tmp_path, body)


def test_the_lead_cannot_support(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        lead, water = await _departments(service, "镇农业农村办", "镇水务站")
        dialog = await _open(service, session_id, promise_text="修路")
        _tick(dialog, "农业")
        assert dialog.support_model.checked_ids() == (lead.id,)
        type_text(dialog.lead_combo.lineEdit(), "镇农业农村办")
        # Picking it as lead unticks and disables it among the supporting departments.
        assert dialog.support_model.checked_ids() == ()
        assert not dialog.support_model.set_checked(lead.id, True)
        assert dialog.support_model.set_checked(water.id, True)
        assert dialog.draft().supporting_department_ids == (water.id,)
        dialog.close()

    run(qloop, tmp_path, body)


def test_a_new_department_typed_in_is_added(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        await _departments(service, "镇水务站")
        dialog = await _open(service, session_id, promise_text="装路灯")
        type_text(dialog.lead_combo.lineEdit(), "镇综合执法队")
        assert dialog.lead_department() is None
        assert dialog.add_department_button.isVisible()
        assert "镇综合执法队" in dialog.add_department_button.text()
        dialog.add_department_button.click()
        await _until(lambda: dialog.lead_department() is not None)
        added = dialog.lead_department()
        assert added is not None and added.name == "镇综合执法队"
        assert not dialog.add_department_button.isVisible()
        assert [d.name for d in await service.departments()] == ["镇水务站", "镇综合执法队"]
        # It is in the supporting list too, disabled there as the lead.
        assert dialog.support_model.rowCount() == 2
        assert not dialog.support_model.set_checked(added.id, True)

        dialog.create_button.click()
        await _until(lambda: dialog.created is not None)
        assert dialog.created is not None
        assert dialog.created.lead_department_id == added.id

    run(qloop, tmp_path, body)


def test_a_new_lead_name_is_offered_for_adding_on_create(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        dialog = await _open(service, session_id, promise_text="装路灯")
        type_text(dialog.lead_combo.lineEdit(), "镇综合执法队")
        dialog.create_button.click()
        box = await _answer_message_box(QMessageBox.StandardButton.No)
        assert "镇综合执法队" in box.text()
        await asyncio.sleep(0.05)
        assert await service.departments() == []
        assert dialog.created is None and dialog.isVisible()

        dialog.create_button.click()
        await _answer_message_box(QMessageBox.StandardButton.Yes)
        await _until(lambda: dialog.created is not None)
        (department,) = await service.departments()
        assert department.name == "镇综合执法队"
        assert dialog.created is not None
        assert dialog.created.lead_department_id == department.id

    run(qloop, tmp_path, body)


def test_missing_lead_department_is_refused_in_the_dialog(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        await _departments(service, "镇水务站")
        dialog = await _open(service, session_id)
        type_text(dialog.promise_edit, "两周内清理河道")
        type_text(dialog.person_edit, "李主任")
        dialog.promise_edit.setFocus()
        assert await dialog.submit() is None
        expected = domain_error_text(ValidationError("follow_up.lead_department", "required"))
        assert dialog.problem_label.text() == expected
        assert dialog.problem_label.isVisible()
        assert dialog.lead_combo.hasFocus()
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        # Everything typed is still there.
        assert dialog.promise_edit.toPlainText() == "两周内清理河道"
        assert dialog.person_edit.text() == "李主任"
        assert await service.for_session(session_id) == []
        dialog.close()

    run(qloop, tmp_path, body)


def test_missing_promise_is_refused(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        await _departments(service, "镇水务站")
        dialog = await _open(service, session_id)
        type_text(dialog.lead_combo.lineEdit(), "镇水务站")
        assert await dialog.submit() is None
        expected = domain_error_text(ValidationError("follow_up.promise", "required"))
        assert dialog.problem_label.text() == expected
        assert dialog.promise_edit.hasFocus()
        assert await service.for_session(session_id) == []
        dialog.close()

    run(qloop, tmp_path, body)


def test_past_deadline_needs_confirmation(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        await _departments(service, "镇水务站")
        dialog = await _open(
            service, session_id, promise_text="补登：上月承诺的井盖更换", today=date(2025, 9, 26)
        )
        type_text(dialog.lead_combo.lineEdit(), "镇水务站")
        dialog.date_radio.click()
        assert dialog.date_edit.isEnabled() and not dialog.workdays_spin.isEnabled()
        dialog.date_edit.setDate(QDate(2025, 9, 1))

        dialog.create_button.click()
        box = await _answer_message_box(QMessageBox.StandardButton.No)
        assert box.windowTitle() == "Record an older promise?"
        await _until(lambda: not dialog.tasks)
        assert await service.for_session(session_id) == []
        assert dialog.isVisible() and dialog.created is None
        # Given back when the dialog is active again (offscreen nothing reactivates it).
        assert dialog.focusWidget() is dialog.date_edit
        assert dialog.problem_label.text() == ""

        dialog.create_button.click()
        await _answer_message_box(QMessageBox.StandardButton.Yes)
        await _until(lambda: dialog.created is not None)
        (state,) = await service.for_session(session_id)
        assert state.follow_up.deadline == date(2025, 9, 1)
        assert dialog.result() == QDialog.DialogCode.Accepted

    run(qloop, tmp_path, body)


def test_warns_when_the_deadline_crosses_into_an_unknown_year(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        dialog = await _open(service, session_id, today=date(2026, 12, 20))
        assert 2027 not in WorkdayCalendar.default().known_years
        dialog.workdays_spin.setValue(20)
        assert dialog.assumed_label.isVisible()
        assert "2027" in dialog.assumed_label.text()
        assert "workdays.txt" in dialog.assumed_label.text()
        expected = service.deadline_for(date(2026, 12, 20), 20).day
        assert expected.year == 2027
        assert str(expected.day) in dialog.computed_label.text()

        dialog.workdays_spin.setValue(3)  # still within 2026
        assert not dialog.assumed_label.isVisible()
        dialog.workdays_spin.setValue(20)
        assert dialog.assumed_label.isVisible()
        dialog.date_radio.click()  # a date picked by hand is not counted
        assert not dialog.assumed_label.isVisible()
        dialog.close()

    run(qloop, tmp_path, body)


def test_contact_is_stored_and_marked_private(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        await _departments(service, "镇水务站")
        dialog = await _open(
            service, session_id, promise_text="回访", resident_contact="13800138000"
        )
        assert dialog.contact_edit.text() == "13800138000"
        assert dialog.contact_note.isVisible()
        assert "never shown on air" in dialog.contact_note.text()
        assert "public exports" in dialog.contact_note.text()
        type_text(dialog.lead_combo.lineEdit(), "镇水务站")
        follow_up = await dialog.submit()
        assert follow_up is not None
        (state,) = await service.for_session(session_id)
        assert state.follow_up.resident_contact == "13800138000"

    run(qloop, tmp_path, body)


def test_fits_a_small_laptop_screen(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        await _departments(service, *(f"部门{n}" for n in range(40)))
        dialog = await _open(service, session_id, today=date(2026, 12, 20))
        dialog.workdays_spin.setValue(20)  # the warning takes room too
        type_text(dialog.lead_combo.lineEdit(), "一个很长的还不在列表里的部门名称")
        await asyncio.sleep(0.05)
        # 1366×768 minus task bar and title bar.
        assert dialog.minimumSizeHint().height() <= 680
        assert dialog.height() <= 680 and dialog.width() <= 1366
        assert dialog.sizeHint().width() <= 1000
        dialog.close()

    run(qloop, tmp_path, body)


@pytest.mark.parametrize("lead", [None, 1])
def test_checklist_model(qtmodeltester: Any, lead: int | None) -> None:
    departments = [Department.create(name) for name in ("镇水务站", "镇财政所", "县交通运输局")]
    model = DepartmentChecklistModel()
    model.set_departments(departments)
    model.set_checked(departments[0].id, True)
    if lead is not None:
        model.set_lead(departments[lead].id)
    qtmodeltester.check(model)
    index = model.index(2)
    assert model.data(index, DepartmentChecklistModel.DEPARTMENT_ID_ROLE) == departments[2].id
    assert model.checked_names() == ["镇水务站"]


def test_every_field_is_reached_with_tab(qloop: Any, tmp_path: Path) -> None:
    async def body(service: FollowUpService, session_id: uuid.UUID) -> None:
        await _departments(service, "镇水务站")
        dialog = await _open(service, session_id)
        assert dialog.promise_edit.hasFocus()  # nothing prefilled: start with the promise
        type_text(dialog.promise_edit, "修路")
        reached = []
        for _ in range(9):
            focused = QApplication.focusWidget()
            assert focused is not None
            QTest.keyClick(focused, Qt.Key.Key_Tab)
            reached.append(QApplication.focusWidget())
        assert reached == [
            dialog.lead_combo,
            dialog.support_filter,
            dialog.support_list,
            dialog.person_edit,
            dialog.workdays_radio,
            dialog.workdays_spin,
            dialog.contact_edit,
            dialog.create_button,
            dialog.cancel_button,
        ]
        assert dialog.promise_edit.toPlainText() == "修路"  # Tab left the text alone
        # The arrow keys switch the deadline to a date, which is then next in the chain.
        dialog.workdays_radio.setFocus()
        QTest.keyClick(dialog.workdays_radio, Qt.Key.Key_Down)
        assert dialog.date_radio.isChecked() and dialog.date_radio.hasFocus()
        QTest.keyClick(dialog.date_radio, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.date_edit
        dialog.close()

    run(qloop, tmp_path, body)
