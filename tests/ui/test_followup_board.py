"""The follow-up board against a real SQLite store: rows, overdue, filters, figures, look back."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio_app.domain.errors import ValidationError
from studio_app.domain.followups import (
    EventOrigin,
    FollowUp,
    FollowUpEvent,
    FollowUpRates,
    FollowUpStatus,
    reply,
    status_change,
)
from studio_app.domain.organisation import Department
from studio_app.domain.sessions import BroadcastSession
from studio_app.messages import domain_error_text
from studio_app.services.database import Database
from studio_app.services.followups import FollowUpService, PromiseDraft
from studio_app.storage.store import Store
from studio_app.ui.followup_board import (
    FollowUpBoard,
    FollowUpIdRole,
    FollowUpTableModel,
    OverdueDaysRole,
    RatesChart,
    completion_text,
    follow_up_status_label,
    on_time_text,
    overdue_text,
    share_text,
)
from studio_app.ui.followup_board_controller import FollowUpBoardController
from tests.conftest import next_emission
from tests.ui.helpers import type_text

F = FollowUpStatus
M = FollowUpTableModel
TODAY = date(2025, 6, 16)


def noon(day: date) -> datetime:
    """Midday UTC: the same calendar day in every time zone the tests may run in."""
    return datetime.combine(day, time(12), tzinfo=UTC)


@dataclass
class Seeded:
    departments: dict[str, Department]
    sessions: dict[str, BroadcastSession]
    follow_ups: dict[str, FollowUp]


def seed(store: Store) -> Seeded:
    """Three sessions and a rehearsal copy; four real follow-ups and one in the rehearsal.

    A: done on time, B: done late, C: open and 4 days overdue on TODAY, D: open, in time.
    """
    roads = Department.create("交通运输局", "JT")
    health = Department.create("卫健委", "WJ")
    money = Department.create("财政局", "CZ")
    first = BroadcastSession.create(store.studio_id, "村民议事厅 第1期", noon(date(2025, 5, 1)))
    second = BroadcastSession.create(store.studio_id, "村民议事厅 第2期", noon(date(2025, 6, 1)))
    rehearsal = replace(
        second.rehearsal_copy("第3期 彩排"), scheduled_start=noon(date(2025, 6, 14))
    )
    third = BroadcastSession.create(store.studio_id, "村民议事厅 第3期", noon(date(2025, 6, 20)))

    def promise(
        session: BroadcastSession,
        text: str,
        lead: Department,
        deadline: date,
        **kwargs: Any,
    ) -> FollowUp:
        follow_up = FollowUp.create(
            store.studio_id, session.id, text, lead.id, deadline=deadline, **kwargs
        )
        assert session.scheduled_start is not None
        return replace(follow_up, created_at=session.scheduled_start)

    a = promise(second, "两周内修好村口路灯", roads, date(2025, 6, 10))
    b = promise(second, "清理河道垃圾", roads, date(2025, 6, 10), responsible_person="刘科长")
    c = promise(second, "排查自来水水质", health, date(2025, 6, 12))
    d = promise(
        first,
        "卫生院增设夜间门诊",
        health,
        date(2025, 6, 30),
        supporting_department_ids=[money.id],
        responsible_person="王主任",
    )
    r = promise(rehearsal, "彩排里的承诺", roads, date(2025, 6, 1))

    events: list[FollowUpEvent] = []

    def history(follow_up: FollowUp, *steps: tuple[date, FollowUpStatus | str]) -> None:
        done: list[FollowUpEvent] = []
        for day, step in steps:
            if isinstance(step, FollowUpStatus):
                event = status_change(follow_up, done, step, "交通运输局 小刘", at=noon(day))
            else:
                event = reply(follow_up, "小刘", step, EventOrigin.DEPARTMENT, at=noon(day))
            done.append(event)
        events.extend(done)

    history(a, (date(2025, 6, 8), F.RESOLVED))
    history(
        b,
        (date(2025, 6, 5), F.IN_PROGRESS),
        (date(2025, 6, 12), F.RESOLVED),
        (date(2025, 6, 13), F.PUBLISHED),
    )
    history(c, (date(2025, 6, 11), F.IN_PROGRESS), (date(2025, 6, 12), "已派人取样送检"))
    # Parents first, each in its own transaction (see FK_ORDER_BUG in the storage tests).
    with store.write() as uow:
        for department in (roads, health, money):
            uow.departments.add(department, store.studio_id)
        for session in (first, second, rehearsal, third):
            uow.sessions.save(session)
    with store.write() as uow:
        for follow_up in (a, b, c, d, r):
            uow.follow_ups.add(follow_up)
    with store.write() as uow:
        for event in events:
            uow.follow_ups.append_event(event)
    return Seeded(
        {"roads": roads, "health": health, "money": money},
        {"first": first, "second": second, "rehearsal": rehearsal, "third": third},
        {"A": a, "B": b, "C": c, "D": d, "R": r},
    )


@dataclass
class Board:
    db: Database
    service: FollowUpService
    seeded: Seeded
    view: FollowUpBoard
    controller: FollowUpBoardController

    def row(self, key: str) -> int:
        row = self.view.model.row_of(self.seeded.follow_ups[key].id)
        assert row is not None
        return row

    def cell(self, key: str, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self.view.model
        return model.data(model.index(self.row(key), column), role)

    def shown(self) -> list[str]:
        """Keys of the follow-ups the filtered table shows, top to bottom."""
        names = {f.id: k for k, f in self.seeded.follow_ups.items()}
        proxy = self.view.proxy
        return [names[proxy.index(r, 0).data(FollowUpIdRole)] for r in range(proxy.rowCount())]

    def select(self, key: str) -> None:
        assert self.controller.select(self.seeded.follow_ups[key].id)

    async def idle(self) -> None:
        await self.controller.tasks.wait_idle()


def run_board(
    qloop: qasync.QEventLoop, tmp_path: Path, test: Callable[[Board], Awaitable[None]]
) -> None:
    """Open a seeded store, show a loaded board (today = TODAY), run ``test``, clean up."""

    async def main() -> None:
        db = Database()
        await db.open(tmp_path, default_studio_name="测试")
        view = FollowUpBoard()
        try:
            seeded = await db.run(seed)
            service = FollowUpService(db, "主持人")
            controller = FollowUpBoardController(view, service, today=TODAY)
            view.resize(1280, 720)
            view.show()
            board = Board(db, service, seeded, view, controller)
            loaded = next_emission(controller.board_loaded)
            controller.refresh()
            await loaded
            await board.idle()
            await test(board)
            await board.idle()
        finally:
            view.close()
            view.deleteLater()
            db.close()

    qloop.run_until_complete(main())


# ---------------------------------------------------------------- rows and overdue


def test_rows_show_every_real_follow_up_with_derived_overdue(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def check(board: Board) -> None:
        model = board.view.model
        # The rehearsal's promise is left out; open ones first (nearest deadline), then done.
        assert model.rowCount() == 4
        assert board.shown() == ["C", "D", "B", "A"]

        assert board.cell("C", M.OVERDUE) == overdue_text(4) == "4 days overdue"
        assert board.cell("C", M.OVERDUE, OverdueDaysRole) == 4
        assert board.cell("C", M.OVERDUE, Qt.ItemDataRole.ForegroundRole).color() == QColor(
            "#c62828"
        )
        assert board.cell("C", M.OVERDUE, Qt.ItemDataRole.FontRole).bold()
        assert board.cell("C", M.STATUS) == follow_up_status_label(F.IN_PROGRESS)
        assert board.cell("C", M.REPLY) == "已派人取样送检"
        assert board.cell("D", M.OVERDUE) == ""
        assert board.cell("D", M.OVERDUE, OverdueDaysRole) == 0
        assert board.cell("B", M.OVERDUE) == "Done late"
        assert board.cell("A", M.OVERDUE) == ""

        assert "村民议事厅 第2期" in str(board.cell("C", M.SESSION))
        assert board.cell("D", M.LEAD) == "卫健委"
        assert board.cell("D", M.SUPPORTING) == "财政局"
        assert board.cell("D", M.PERSON) == "王主任"
        assert board.cell("B", M.STATUS) == follow_up_status_label(F.PUBLISHED)
        assert board.cell("A", M.PROMISE) == "两周内修好村口路灯"
        assert board.cell("D", M.DEADLINE) != "—"
        assert board.cell("A", M.UPDATED)

        # A later "today" makes D overdue too: overdue is derived, never stored.
        board.controller.today = date(2025, 7, 3)
        await board.controller.load()
        assert board.cell("D", M.OVERDUE, OverdueDaysRole) == 3
        assert board.cell("C", M.OVERDUE, OverdueDaysRole) == 21

    run_board(qloop, tmp_path, check)


def test_filters_by_department_status_overdue_and_text(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def check(board: Board) -> None:
        view = board.view
        departments = [
            view.department_filter.itemText(i) for i in range(view.department_filter.count())
        ]
        assert departments[0] == "All departments"
        assert set(departments[1:]) == {"交通运输局", "卫健委", "财政局"}

        view.department_filter.setCurrentIndex(view.department_filter.findText("交通运输局"))
        assert sorted(board.shown()) == ["A", "B"]
        assert view.count_label.text() == "2 of 4 shown"
        view.department_filter.setCurrentIndex(0)

        view.status_filter.setCurrentIndex(view.status_filter.findText("Open (not done)"))
        assert board.shown() == ["C", "D"]
        view.status_filter.setCurrentIndex(
            view.status_filter.findText(follow_up_status_label(F.RESOLVED))
        )
        assert board.shown() == ["A"]
        view.status_filter.setCurrentIndex(0)

        view.overdue_only.setChecked(True)
        assert board.shown() == ["C"]
        view.overdue_only.setChecked(False)

        view.search.setFocus()
        type_text(view.search, "路灯")
        assert board.shown() == ["A"]
        view.search.clear()
        type_text(view.search, "王主任")  # the responsible person is searched too
        assert board.shown() == ["D"]
        view.search.clear()
        type_text(view.search, "取样")  # and the latest reply
        assert board.shown() == ["C"]
        view.department_filter.setCurrentIndex(view.department_filter.findText("交通运输局"))
        assert board.shown() == []
        assert view.count_label.text() == "0 of 4 shown"
        view.search.clear()
        view.department_filter.setCurrentIndex(0)
        assert len(board.shown()) == 4

    run_board(qloop, tmp_path, check)


def test_sorting_by_a_header_keeps_the_filters_and_the_selection(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def check(board: Board) -> None:
        view = board.view
        board.select("D")
        await board.idle()
        view.table.sortByColumn(M.PROMISE, Qt.SortOrder.AscendingOrder)
        promises = [board.seeded.follow_ups[k].promise for k in board.shown()]
        assert promises == sorted(promises)
        view.table.sortByColumn(M.DEADLINE, Qt.SortOrder.DescendingOrder)
        assert board.shown() == ["D", "C", "A", "B"] or board.shown() == ["D", "C", "B", "A"]
        assert view.table.currentIndex().data(FollowUpIdRole) == board.seeded.follow_ups["D"].id
        view.status_filter.setCurrentIndex(view.status_filter.findText("Open (not done)"))
        assert board.shown() == ["D", "C"]
        # A reload keeps the chosen order and brings the selection back.
        await board.controller.load()
        assert board.shown() == ["D", "C"]
        assert view.table.currentIndex().data(FollowUpIdRole) == board.seeded.follow_ups["D"].id
        view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        assert board.shown() == ["C", "D"]

    run_board(qloop, tmp_path, check)


# ---------------------------------------------------------------- figures and chart


def test_rates_texts() -> None:
    assert share_text(0, 0) == "—"
    assert share_text(1, 3) == "33% (1/3)"
    assert share_text(199, 200) == "99% (199/200)"  # never rounds up to a false 100 %
    assert share_text(1, 1000) == "1% (1/1000)"  # never down to a false 0 %
    rates = FollowUpRates(total=4, done=2, on_time=1, overdue=1)
    assert completion_text(rates) == "Completion 50% (2/4)"
    assert on_time_text(rates) == "On time 33% (1/3)"
    assert completion_text(FollowUpRates()) == "Completion —"
    assert on_time_text(FollowUpRates(total=2)) == "On time —"


def test_figures_overall_and_per_department(qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    async def check(board: Board) -> None:
        view = board.view
        summary = view.summary_label.text()
        assert "Completion 50% (2/4)" in summary
        assert "On time 33% (1/3)" in summary
        assert view.figures_summary.text() == summary

        rows = dict(view.chart.rows())
        overall = rows["All departments"]
        assert (overall.total, overall.done, overall.on_time, overall.overdue) == (4, 2, 1, 1)
        assert overall.completion_rate == 0.5
        roads, health = rows["交通运输局"], rows["卫健委"]
        assert (roads.completion_rate, roads.on_time_rate) == (1.0, 0.5)
        assert (health.completion_rate, health.on_time_rate) == (0.0, 0.0)
        assert "财政局" not in rows  # only supporting: it leads nothing

    run_board(qloop, tmp_path, check)


def test_chart_paints_bars_that_match_the_rates(qapp: QApplication) -> None:
    chart = RatesChart()
    chart.resize(600, 300)
    rows = [
        ("全部", FollowUpRates(total=4, done=2, on_time=1, overdue=1)),
        ("交通运输局", FollowUpRates(total=2, done=2, on_time=1, overdue=0)),
        ("卫健委", FollowUpRates(total=2, done=0, on_time=0, overdue=0)),
    ]
    chart.set_rows(rows)
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1565c0"))
    chart.setPalette(palette)
    bars = chart.bars()
    assert [b.label for b in bars] == ["全部", "交通运输局", "卫健委"]
    for bar, (_label, rates) in zip(bars, rows, strict=True):
        assert bar.completion == rates.completion_rate
        assert bar.on_time == rates.on_time_rate
        expected_done = bar.track_width * (rates.completion_rate or 0)
        expected_on_time = bar.track_width * (rates.on_time_rate or 0)
        assert abs(bar.completion_rect.width() - expected_done) < 0.01
        assert abs(bar.on_time_rect.width() - expected_on_time) < 0.01
        assert bar.completion_rect.right() <= chart.width()
        assert bar.on_time_rect.top() > bar.completion_rect.top()
    assert bars[0].completion_label == "50% (2/4)"
    assert bars[0].on_time_label == "33% (1/3)"
    assert bars[2].on_time is None and bars[2].on_time_label == "—"
    assert bars[1].completion_rect.top() > bars[0].on_time_rect.bottom()

    image = chart.grab().toImage()
    assert not image.isNull()
    full = bars[1].completion_rect.center()
    assert image.pixel(int(full.x()), int(full.y())) == QColor("#1565c0").rgb()
    on_time_colour = chart.colours()[1]
    assert on_time_colour.hsvHue() != QColor("#1565c0").hsvHue()
    half = bars[1].on_time_rect.center()
    assert image.pixel(int(half.x()), int(half.y())) == on_time_colour.rgb()
    assert chart.sizeHint().height() >= bars[-1].on_time_rect.bottom()

    chart.set_rows([])
    assert chart.bars() == []
    assert not chart.grab().toImage().isNull()  # the "no follow-ups" text paints too
    chart.deleteLater()


# ---------------------------------------------------------------- look back


def test_look_back_shows_the_previous_real_session_and_copies_it(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def check(board: Board) -> None:
        view, sessions = board.view, board.seeded.sessions
        assert not view.copy_button.isEnabled()  # no session open yet

        # From the third show, the rehearsal held in between is skipped: the second is shown.
        await board.controller.set_session(sessions["third"].id)
        assert "村民议事厅 第2期" in view.look_back_title.text()
        promises = {s.follow_up.promise for s in view.look_back_model.states()}
        assert promises == {"两周内修好村口路灯", "清理河道垃圾", "排查自来水水质"}
        assert "Completion 67% (2/3)" in view.look_back_rates.text()
        assert "On time 33% (1/3)" in view.look_back_rates.text()
        assert view.copy_button.isEnabled()

        QTest.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
        text = QGuiApplication.clipboard().text()
        assert view.look_back_message.text() == "Copied to the clipboard."
        assert text.startswith("Look back: promises made in 村民议事厅 第2期")
        assert "Completion 67% (2/3); On time 33% (1/3)" in text
        assert "1. 排查自来水水质 (lead: 卫健委;" in text
        assert overdue_text(4) in text
        assert "Latest reply: 已派人取样送检" in text
        assert "彩排" not in text

        await board.controller.set_session(sessions["second"].id)
        assert [s.follow_up.promise for s in view.look_back_model.states()] == [
            "卫生院增设夜间门诊"
        ]
        await board.controller.set_session(sessions["first"].id)
        assert view.look_back_title.text() == "No earlier session to look back on."
        assert view.look_back_model.rowCount() == 0
        assert not view.copy_button.isEnabled()
        await board.controller.set_session(None)
        assert "Open a session" in view.look_back_title.text()

    run_board(qloop, tmp_path, check)


# ---------------------------------------------------------------- history, reply, status


def test_reply_and_status_change_through_the_ui_update_the_row_and_history(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def check(board: Board) -> None:
        view = board.view
        view.table.setFocus()
        proxy_row = board.shown().index("C")
        view.table.setCurrentIndex(view.proxy.index(proxy_row, M.PROMISE))
        await board.idle()
        assert view.detail_promise.text() == "排查自来水水质"
        assert "4 days overdue" in view.detail_info.text()
        history = view.history_model
        assert history.rowCount() == 3  # created, in progress, the department's reply
        assert history.data(history.index(2, history.TEXT)) == "已派人取样送检"
        assert history.data(history.index(2, history.ORIGIN)) == "Department"
        assert history.data(history.index(2, history.AUTHOR)) == "小刘"
        assert history.data(history.index(1, history.STATUS)) == "In progress"
        targets = [view.status_combo.itemData(i) for i in range(view.status_combo.count())]
        assert targets == [F.RESOLVED.value, F.RETURNED.value]  # the step forward preselected
        assert view.status_combo.currentData() == F.RESOLVED.value

        view.reply_edit.setFocus()
        type_text(view.reply_edit, "检测报告下周出")
        changed = next_emission(board.controller.follow_up_changed)
        QTest.mouseClick(view.reply_button, Qt.MouseButton.LeftButton)
        (state,) = await changed
        await board.idle()
        assert state.latest_reply == "检测报告下周出"
        assert board.cell("C", M.REPLY) == "检测报告下周出"
        assert history.rowCount() == 4
        assert history.data(history.index(3, history.AUTHOR)) == "主持人"
        assert history.data(history.index(3, history.ORIGIN)) == "Studio"
        assert view.reply_edit.toPlainText() == ""
        assert view.detail_message.text() == "Reply added."

        # Ctrl+Enter in the reply box adds it too (keyboard only).
        view.activateWindow()
        view.reply_edit.setFocus()
        type_text(view.reply_edit, "已催办")
        QTest.keyClick(view.reply_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await board.idle()
        assert board.cell("C", M.REPLY) == "已催办"
        assert history.rowCount() == 5

        view.status_combo.setCurrentIndex(view.status_combo.findData(F.RESOLVED.value))
        QTest.mouseClick(view.status_button, Qt.MouseButton.LeftButton)
        await board.idle()
        assert board.cell("C", M.STATUS) == follow_up_status_label(F.RESOLVED)
        assert board.cell("C", M.OVERDUE, OverdueDaysRole) == 0  # done: no longer overdue
        assert history.rowCount() == 6
        assert history.data(history.index(5, history.STATUS)) == "Resolved"
        assert [view.status_combo.itemData(i) for i in range(view.status_combo.count())] == [
            F.PUBLISHED.value,
            F.RETURNED.value,
        ]
        assert "Completion 75% (3/4)" in view.summary_label.text()
        assert dict(view.chart.rows())["卫健委"].done == 1

        # What the store holds matches what the board shows.
        await board.controller.load()
        assert board.cell("C", M.STATUS) == follow_up_status_label(F.RESOLVED)
        assert board.cell("C", M.REPLY) == "已催办"
        assert view.detail_promise.text() == "排查自来水水质"  # still selected after a reload

    run_board(qloop, tmp_path, check)


def test_returning_without_a_reason_shows_the_domain_error(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def check(board: Board) -> None:
        view = board.view
        board.select("A")
        await board.idle()
        view.status_combo.setCurrentIndex(view.status_combo.findData(F.RETURNED.value))
        QTest.mouseClick(view.status_button, Qt.MouseButton.LeftButton)
        await board.idle()
        expected = domain_error_text(ValidationError("follow_up_event.text", "required"))
        assert view.detail_message.text() == expected
        assert board.cell("A", M.STATUS) == follow_up_status_label(F.RESOLVED)
        assert view.history_model.rowCount() == 2

        type_text(view.reply_edit, "路灯仍不亮，请重新维修")
        assert await board.controller.change_status()
        assert board.cell("A", M.STATUS) == follow_up_status_label(F.RETURNED)
        history = view.history_model
        assert history.data(history.index(2, history.TEXT)) == "路灯仍不亮，请重新维修"
        assert board.cell("A", M.OVERDUE, OverdueDaysRole) == 6  # back to open, past its deadline

        # A published follow-up is finished: nothing to offer, and the service refuses.
        board.select("B")
        await board.idle()
        assert view.status_combo.count() == 0
        assert not view.status_button.isEnabled()
        assert not await board.controller.change_status(F.IN_PROGRESS)
        assert view.detail_message.text() == "That step is not possible in the current state."

    run_board(qloop, tmp_path, check)


def test_f5_and_refresh_show_new_follow_ups(qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    async def check(board: Board) -> None:
        seeded = board.seeded
        created = await board.service.create(
            seeded.sessions["third"].id,
            PromiseDraft("三天内答复低保申请", seeded.departments["money"].id, deadline=TODAY),
            today=TODAY,
        )
        assert board.view.model.rowCount() == 4
        board.view.activateWindow()
        board.view.table.setFocus()
        loaded = next_emission(board.controller.board_loaded)
        QTest.keyClick(board.view.table, Qt.Key.Key_F5)
        await loaded
        assert board.view.model.rowCount() == 5
        assert board.view.model.row_of(created.id) is not None

        again = await board.service.create(
            seeded.sessions["third"].id,
            PromiseDraft("修缮村小学围墙", seeded.departments["roads"].id, deadline=TODAY),
            today=TODAY,
        )
        await board.controller.refresh()
        assert board.view.model.row_of(again.id) is not None
        assert board.view.count_label.text() == "6 of 6 shown"

    run_board(qloop, tmp_path, check)


# ---------------------------------------------------------------- model tester


def test_models_pass_the_model_tester(
    qloop: qasync.QEventLoop, tmp_path: Path, qtmodeltester: object
) -> None:
    async def check(board: Board) -> None:
        view = board.view
        qtmodeltester.check(view.model, force_py=True)  # type: ignore[attr-defined]
        view.status_filter.setCurrentIndex(view.status_filter.findText("Open (not done)"))
        qtmodeltester.check(view.proxy, force_py=True)  # type: ignore[attr-defined]
        board.select("C")
        await board.idle()
        assert view.history_model.rowCount() == 3
        qtmodeltester.check(view.history_model, force_py=True)  # type: ignore[attr-defined]
        await board.controller.set_session(board.seeded.sessions["third"].id)
        qtmodeltester.check(view.look_back_model, force_py=True)  # type: ignore[attr-defined]
        empty = FollowUpTableModel()
        qtmodeltester.check(empty, force_py=True)  # type: ignore[attr-defined]
        assert uuid.UUID(int=0) not in {s.follow_up.id for s in view.model.states()}

    run_board(qloop, tmp_path, check)
