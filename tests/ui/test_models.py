"""Item models checked with Qt's own model tester, plus their editing behaviour."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from studio_app.domain.ids import uuid7
from studio_app.domain.sessions import (
    AgendaItem,
    BroadcastSession,
    Guest,
    SessionStatus,
    SessionSummary,
)
from studio_app.ui.session_editor import AgendaTableModel, GuestDraft, GuestTableModel
from studio_app.ui.session_list import SessionIdRole, SessionListModel, SortRole

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def _summary(title: str, days: int, agenda: int = 0) -> SessionSummary:
    return SessionSummary(
        id=uuid7(),
        title=title,
        scheduled_start=NOW + timedelta(days=days),
        status=SessionStatus.PLANNED,
        guest_count=2,
        agenda_count=agenda,
        updated_at=NOW,
    )


def test_session_list_model_passes_the_model_tester(qtmodeltester) -> None:
    model = SessionListModel()
    model.set_sessions([_summary("第1期", 1, 3), _summary("第2期", 8, 4)])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, SessionListModel.TITLE)) == "第1期"
    assert isinstance(model.data(model.index(1, 0), SessionIdRole), uuid.UUID)
    assert model.data(model.index(0, SessionListModel.START), SortRole) < model.data(
        model.index(1, SessionListModel.START), SortRole
    )


def test_session_list_upsert_and_remove() -> None:
    model = SessionListModel()
    first = _summary("旧标题", 1)
    model.set_sessions([first])
    session = BroadcastSession(id=first.id, studio_id=uuid7(), title="新标题")
    assert model.upsert(session) == 0
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "新标题"
    other = BroadcastSession.create(uuid7(), "另一场")
    assert model.upsert(other) == 0  # new sessions go on top
    assert model.rowCount() == 2
    model.remove(first.id)
    assert model.rowCount() == 1
    assert model.row_of(first.id) == -1


def test_draft_models_pass_the_model_tester_while_edited(qtmodeltester) -> None:
    guests = GuestTableModel()
    agenda = AgendaTableModel(guests)
    guests.set_rows([GuestDraft(uuid7(), "王建国", "副镇长", "镇政府")])
    qtmodeltester.check(guests, force_py=True)
    qtmodeltester.check(agenda, force_py=True)
    for _ in range(3):
        agenda.append_row()
    agenda.setData(agenda.index(0, 0), "开场")
    agenda.setData(agenda.index(0, AgendaTableModel.SPEAKER), guests.rows[0].id)
    assert agenda.data(agenda.index(0, AgendaTableModel.SPEAKER)) == "王建国"
    assert agenda.move_row(0, 1) == 1
    assert agenda.rows[1].title == "开场"
    assert agenda.move_row(2, 1) == 2  # already last: stays
    agenda.remove_row(0)
    assert agenda.rowCount() == 2


def test_removing_a_guest_clears_the_speaker_it_was() -> None:
    guests = GuestTableModel()
    agenda = AgendaTableModel(guests)
    guests.rows_edited.connect(agenda.forget_missing_speakers)
    guests.append_row()
    guests.setData(guests.index(0, 0), "李芳")
    agenda.append_row()
    agenda.setData(agenda.index(0, AgendaTableModel.SPEAKER), guests.rows[0].id)
    guests.remove_row(0)
    assert agenda.rows[0].speaker_id is None


def test_cell_edits_report_only_real_changes() -> None:
    guests = GuestTableModel()
    seen: list[bool] = []
    guests.rows_edited.connect(lambda: seen.append(True))
    guests.append_row()
    assert len(seen) == 1
    assert guests.setData(guests.index(0, 0), "张三") is True
    assert guests.setData(guests.index(0, 0), "张三") is False  # same value: no edit
    assert guests.setData(guests.index(0, 1), "第一行\n第二行") is True
    assert guests.rows[0].title == "第一行 第二行"  # one-line cells
    assert len(seen) == 3
    assert guests.flags(guests.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_editor_round_trips_a_session(qtbot) -> None:
    from studio_app.ui.session_editor import SessionEditor

    guest = Guest.create("王建国", "副镇长", "镇政府")
    session = BroadcastSession.create(uuid7(), "秋季答疑", NOW).edited(
        planned_minutes=45,
        location="二楼",
        guests=(guest,),
        agenda=(AgendaItem.create("开场", 5, speaker_id=guest.id, scene_name="主机位"),),
    )
    editor = SessionEditor()
    qtbot.addWidget(editor)
    editor.load(session)
    assert editor.draft() == session.validated()
    closed = session.moved_to(SessionStatus.CLOSED)
    editor.load(closed)
    assert editor.title_edit.isReadOnly()
    assert not editor.agenda.isEnabled()
