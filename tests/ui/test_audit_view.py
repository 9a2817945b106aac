"""The audit trail dialog over a real SQLite store, filled by real service calls."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from studio_app.domain.audit import AuditEntry
from studio_app.domain.followups import FollowUpStatus
from studio_app.domain.questions import QuestionDraft, QuestionState, RejectionReason
from studio_app.domain.sensitive import SensitiveWords
from studio_app.domain.sessions import SessionStatus
from studio_app.messages import audit_action_text
from studio_app.services.audit import AuditService
from studio_app.services.database import Database
from studio_app.services.followups import FollowUpService, PromiseDraft
from studio_app.services.questions import QuestionService
from studio_app.services.record import RecordService
from studio_app.services.sessions import SessionService
from studio_app.ui.audit_view import (
    ActionKind,
    AuditDialog,
    AuditTableModel,
    action_kind,
    change_summary,
)
from studio_app.ui.formatting import state_label, status_label

DIRECTOR = "导播 老王"
MODERATOR = "主持人 小李"
LAMP = "村口的路灯坏了三个月，什么时候能修好？"
BUS = "镇上到县城的公交车能不能加一班？"


@dataclass
class Show:
    """A session with a little history, written by the real services."""

    database: Database
    session_id: uuid.UUID
    title: str
    lamp: uuid.UUID
    bus: uuid.UUID


async def _make_show(tmp_path: Path) -> Show:
    database = Database()
    await database.open(tmp_path, default_studio_name="测试")
    session = await SessionService(database, DIRECTOR).create("十一月 村民问答")
    await RecordService(database, DIRECTOR).go_live(session.id)
    questions = QuestionService(database, MODERATOR, SensitiveWords(()))
    lamp = (await questions.file(session.id, QuestionDraft(text=LAMP))).questions[0].id
    bus = (await questions.file(session.id, QuestionDraft(text=BUS))).questions[0].id
    await questions.approve(lamp)
    await questions.take_to_air(lamp)
    await questions.reject(bus, RejectionReason.OFF_TOPIC)
    follow_ups = FollowUpService(database, DIRECTOR)
    department = await follow_ups.add_department("住建办")
    follow_up = await follow_ups.create(
        session.id,
        PromiseDraft("两周内修好路灯", department.id, deadline=date.today() + timedelta(days=14)),
        question_id=lamp,
    )
    await follow_ups.change_status(follow_up.id, FollowUpStatus.IN_PROGRESS)
    return Show(database, session.id, session.title, lamp, bus)


def _with_show(
    qloop: Any, tmp_path: Path, test: Callable[[Show], Coroutine[Any, Any, None]]
) -> None:
    async def main() -> None:
        show = await _make_show(tmp_path)
        try:
            await test(show)
        finally:
            show.database.close()

    qloop.run_until_complete(main())


def _column(dialog: AuditDialog, column: int) -> list[str]:
    proxy = dialog.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def _row_of(dialog: AuditDialog, action: str, entity_id: uuid.UUID | None = None) -> int:
    for row, entry in enumerate(dialog.visible_entries()):
        if entry.action == action and (entity_id is None or entry.entity_id == entity_id):
            return row
    raise AssertionError(f"no {action} row")


def test_session_trail_lists_every_action_translated_with_changes(
    qtbot: Any, qloop: Any, qtmodeltester: Any, tmp_path: Path
) -> None:
    async def test(show: Show) -> None:
        dialog = AuditDialog(AuditService(show.database))
        qtbot.addWidget(dialog)
        assert await dialog.load_session(show.session_id, show.title)
        qtmodeltester.check(dialog.model)
        qtmodeltester.check(dialog.proxy)

        entries = dialog.visible_entries()
        actions = [e.action for e in entries]
        assert actions[:4] == [
            "session.created",
            "session.live",
            "question.filed",
            "question.filed",
        ]
        for action in ("question.approved", "question.on_air", "question.rejected"):
            assert action in actions
        # "Follow-up created" is written under the follow-up and the question: shown once.
        assert actions.count("follow_up.created") == 1
        assert "follow_up.status" in actions
        assert [e.at for e in entries] == sorted(e.at for e in entries)  # oldest first

        # Every known action has a human label, never its code.
        shown = _column(dialog, AuditTableModel.ACTION)
        for action, label in zip(actions, shown, strict=True):
            assert label == audit_action_text(action)
            assert label != action
        assert set(_column(dialog, AuditTableModel.OPERATOR)) == {DIRECTOR, MODERATOR}

        # What changed, with translated state names.
        changes = _column(dialog, AuditTableModel.CHANGES)
        approved = changes[_row_of(dialog, "question.approved")]
        new, ok = state_label(QuestionState.NEW), state_label(QuestionState.APPROVED)
        assert f"{new} → {ok}" in approved
        live = changes[_row_of(dialog, "session.live")]
        planned, on = status_label(SessionStatus.PLANNED), status_label(SessionStatus.LIVE)
        assert f"{planned} → {on}" in live
        on_air = changes[_row_of(dialog, "question.on_air", show.lamp)]
        assert f"→ {state_label(QuestionState.ON_AIR)}" in on_air
        assert "Assigned → In progress" in changes[_row_of(dialog, "follow_up.status")]

        # The item is the question's on-air text, else the kind of thing.
        items = _column(dialog, AuditTableModel.ITEM)
        assert items[_row_of(dialog, "question.approved")] == LAMP
        assert items[_row_of(dialog, "question.rejected")] == BUS
        assert items[_row_of(dialog, "follow_up.created")] == LAMP
        assert items[_row_of(dialog, "session.live")] == show.title
        assert "两周内修好路灯" in items[_row_of(dialog, "follow_up.status")]

        # Selecting a row shows the full snapshots as readable JSON.
        dialog.table.selectRow(_row_of(dialog, "question.approved"))
        assert '"state": "new"' in dialog.before_edit.toPlainText()
        assert '"state": "approved"' in dialog.after_edit.toPlainText()
        assert LAMP in dialog.after_edit.toPlainText()  # Chinese kept, not \\u escapes
        assert "\n  " in dialog.after_edit.toPlainText()  # indented
        dialog.table.selectRow(_row_of(dialog, "question.filed"))
        assert dialog.before_edit.toPlainText() == ""
        assert dialog.before_edit.placeholderText()

    _with_show(qloop, tmp_path, test)


def test_question_scope_shows_only_that_question(
    qtbot: Any, qloop: Any, qtmodeltester: Any, tmp_path: Path
) -> None:
    async def test(show: Show) -> None:
        dialog = AuditDialog(AuditService(show.database))
        qtbot.addWidget(dialog)
        await dialog.show_question(show.lamp, LAMP)
        assert dialog.isVisible()
        qtmodeltester.check(dialog.model)
        entries = dialog.visible_entries()
        assert [e.action for e in entries] == [
            "question.filed",
            "question.approved",
            "question.on_air",
            "follow_up.created",
            "follow_up.status",
        ]
        assert all(e.entity_id != show.bus for e in entries)
        assert BUS not in " ".join(_column(dialog, AuditTableModel.ITEM))
        assert "路灯" in dialog.windowTitle()

        assert await dialog.load_question(show.bus, BUS)
        assert [e.action for e in dialog.visible_entries()] == [
            "question.filed",
            "question.rejected",
        ]

    _with_show(qloop, tmp_path, test)


def test_filters_by_operator_kind_and_text(qtbot: Any, qloop: Any, tmp_path: Path) -> None:
    async def test(show: Show) -> None:
        dialog = AuditDialog(AuditService(show.database))
        qtbot.addWidget(dialog)
        assert await dialog.load_session(show.session_id, show.title)
        total = dialog.proxy.rowCount()
        operators = [
            dialog.operator_combo.itemData(i) for i in range(dialog.operator_combo.count())
        ]
        assert operators == [None, *sorted([DIRECTOR, MODERATOR])]

        dialog.set_operator_filter(MODERATOR)
        assert {e.operator for e in dialog.visible_entries()} == {MODERATOR}
        assert str(dialog.proxy.rowCount()) in dialog.count_label.text()
        dialog.set_operator_filter(None)
        assert dialog.proxy.rowCount() == total

        dialog.set_kind_filter(ActionKind.MODERATION)
        moderation = {e.action for e in dialog.visible_entries()}
        assert moderation == {"question.filed", "question.approved", "question.rejected"}
        dialog.set_kind_filter(ActionKind.ON_AIR)
        assert {e.action for e in dialog.visible_entries()} == {"session.live", "question.on_air"}
        dialog.set_kind_filter(ActionKind.FOLLOW_UPS)
        follow = {e.action for e in dialog.visible_entries()}
        assert follow == {"follow_up.created", "follow_up.status"}
        dialog.set_kind_filter(ActionKind.RECORD)
        assert {e.action for e in dialog.visible_entries()} == {"session.created"}
        dialog.set_kind_filter(None)

        dialog.search_edit.setText("公交车")
        assert {e.entity_id for e in dialog.visible_entries()} == {show.bus}
        dialog.search_edit.setText("路灯 小李")  # every word must be found
        visible = dialog.visible_entries()
        assert visible and all(
            e.entity_id == show.lamp and e.operator == MODERATOR for e in visible
        )
        dialog.search_edit.setText("")
        assert dialog.proxy.rowCount() == total

        # A new entry appears on reload; the filters stay.
        dialog.set_operator_filter(MODERATOR)
        questions = QuestionService(show.database, MODERATOR, SensitiveWords(()))
        await questions.mark_answered(show.lamp)
        assert await dialog.reload()
        assert dialog.operator_combo.currentData() == MODERATOR
        assert dialog.visible_entries()[-1].action == "question.answered"

    _with_show(qloop, tmp_path, test)


def test_sorting_by_time_keeps_the_written_order(qtbot: Any, qloop: Any, tmp_path: Path) -> None:
    async def test(show: Show) -> None:
        dialog = AuditDialog(AuditService(show.database))
        qtbot.addWidget(dialog)
        assert await dialog.load_session(show.session_id, show.title)
        written = dialog.visible_entries()
        dialog.table.sortByColumn(AuditTableModel.TIME, Qt.SortOrder.DescendingOrder)
        assert dialog.visible_entries() == written[::-1]
        dialog.table.sortByColumn(AuditTableModel.TIME, Qt.SortOrder.AscendingOrder)
        assert dialog.visible_entries() == written

    _with_show(qloop, tmp_path, test)


def test_csv_export_is_utf8_with_bom(qtbot: Any, qloop: Any, tmp_path: Path) -> None:
    async def test(show: Show) -> None:
        dialog = AuditDialog(AuditService(show.database))
        qtbot.addWidget(dialog)
        assert await dialog.load_session(show.session_id, show.title)
        dialog.set_kind_filter(ActionKind.MODERATION)
        target = tmp_path / "审计记录.csv"
        assert await dialog.export_csv(target)
        assert target.read_bytes().startswith(b"\xef\xbb\xbf")
        with target.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) == 1 + dialog.proxy.rowCount()
        assert rows[1][1] == MODERATOR
        assert rows[1][3] == "question.filed"
        assert any(LAMP in cell for row in rows for cell in row)

        assert not await dialog.export_csv(tmp_path / "missing" / "x.csv")
        assert dialog.status_label.text()

    _with_show(qloop, tmp_path, test)


def _entry(action: str, entity: str, before: Any, after: Any) -> AuditEntry:
    return AuditEntry.record(
        uuid.uuid4(), "someone", action, entity, uuid.uuid4(), before=before, after=after
    )


def test_unknown_actions_and_values_show_as_they_are() -> None:
    assert audit_action_text("robot.did_something") == "robot.did_something"
    assert action_kind("robot.did_something") is ActionKind.OTHER
    entry = _entry("robot.did_something", "robot", {"speed": 1, "id": 1}, {"speed": 2, "id": 2})
    assert change_summary(entry) == "speed: 1 → 2"
    odd = _entry("question.approved", "question", {"state": "later"}, {"state": "approved"})
    assert change_summary(odd) == f"State: later → {state_label(QuestionState.APPROVED)}"
    assert change_summary(_entry("x.y", "x", None, None)) == ""


def test_many_entries_filter_quickly(qtbot: Any, qtmodeltester: Any) -> None:
    session_id = uuid.uuid4()
    entries = [
        AuditEntry.record(
            uuid.uuid4(),
            MODERATOR if n % 2 else DIRECTOR,
            "question.approved",
            "question",
            uuid.uuid4(),
            session_id=session_id,
            before={"state": "new", "display_text": f"第{n}个问题"},
            after={"state": "approved", "display_text": f"第{n}个问题"},
        )
        for n in range(5000)
    ]
    model = AuditTableModel()
    model.set_entries(entries)
    assert model.rowCount() == 5000
    qtmodeltester.check(model)
    dialog = AuditDialog(AuditService(Database()))
    qtbot.addWidget(dialog)
    dialog.model.set_entries(entries)
    dialog.search_edit.setText("第4999个")
    assert dialog.proxy.rowCount() == 1


def test_residents_private_data_stays_out_of_the_detail_and_the_export(
    qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    async def test(show: Show) -> None:
        questions = QuestionService(show.database, MODERATOR, SensitiveWords(()))
        change = await questions.file(
            show.session_id,
            QuestionDraft(
                text="我叫张三，电话13800138000，我家门口的水管漏了",
                asker="张三",
                phone="13800138000",
            ),
        )
        private = change.questions[0].id
        await questions.approve(private)
        dialog = AuditDialog(AuditService(show.database))
        qtbot.addWidget(dialog)
        assert await dialog.load_question(private, change.questions[0].display_text)
        dialog.table.selectRow(1)
        shown = dialog.before_edit.toPlainText() + dialog.after_edit.toPlainText()
        assert "水管漏了" in shown and '"phone"' in shown
        assert "13800138000" not in shown
        assert "张三" not in shown
        target = tmp_path / "private.csv"
        assert await dialog.export_csv(target)
        exported = target.read_text(encoding="utf-8-sig")
        assert "水管漏了" in exported
        assert "13800138000" not in exported
        assert "张三" not in exported

    _with_show(qloop, tmp_path, test)
