"""The moderation view in the real app (real store, fake OBS): keyboard intake to on air."""

from __future__ import annotations

import asyncio
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio_app.domain.overlay import OverlayElement
from studio_app.domain.questions import Channel, QuestionDraft, QuestionState
from studio_app.services.obs.prepare import OVERLAY_INPUTS, OVERLAY_SCENE
from studio_app.storage.store import Store
from studio_app.ui.main_window import MainWindow
from studio_app.ui.question_model import QuestionTableModel
from studio_app.ui.questions_controller import QuestionsController
from tests.ui.helpers import RunningApp, type_text

Q = QuestionState


async def settle(app: RunningApp, rounds: int = 5) -> None:
    for _ in range(rounds):
        await asyncio.sleep(0.02)
    controller = app.app.questions
    assert controller is not None
    await controller.tasks.wait_idle()
    assert app.app.overlay is not None
    await app.app.overlay.tasks.wait_idle()


async def app_with_session(
    qapp: QApplication, data_dir: Path
) -> tuple[RunningApp, MainWindow, QuestionsController]:
    """The real app on ``data_dir`` with a fake OBS and one new session open."""
    app = RunningApp(qapp, data_dir)
    window = await app.start()
    await window.new_session()
    await settle(app)
    assert app.app.questions is not None
    return app, window, app.app.questions


def table_texts(app: RunningApp) -> list[str]:
    view = app.window.questions
    return [
        view.proxy.index(row, QuestionTableModel.TEXT).data()
        for row in range(view.proxy.rowCount())
    ]


def select_row(app: RunningApp, row: int) -> None:
    view = app.window.questions
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(row, QuestionTableModel.TEXT))


def press(
    app: RunningApp, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(app.window.questions.table, key, modifier)


def test_a_question_goes_from_the_hotline_form_to_air_by_keyboard(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def main() -> None:
        app = RunningApp(qapp, tmp_path)
        window = await app.start()
        await app.gateway.start()
        await window.new_session()
        window.session_tabs.setCurrentWidget(window.questions)
        await settle(app)
        view = window.questions
        form = view.intake

        # Keyboard only: asker, Tab, phone, Tab, Tab (channel kept), category, Tab, text, Enter.
        form.asker.setFocus()
        type_text(form.asker, "张三")
        QTest.keyClick(form.asker, Qt.Key.Key_Tab)
        type_text(QApplication.focusWidget(), "138 0013 8000")
        assert QApplication.focusWidget() is form.phone
        form.category.setFocus()
        type_text(form.category.lineEdit(), "路灯")
        form.text.setFocus()
        type_text(form.text, "我是张三，村口路灯坏了三个月，电话13800138000")
        QTest.keyClick(form.text, Qt.Key.Key_Return)
        await settle(app)
        assert form.text.text() == "" and QApplication.focusWidget() is form.asker
        (text,) = table_texts(app)
        assert "13800138000" not in text and "张三" not in text and "路灯" in text

        # A near-duplicate arrives by the LAN page and is suggested for merging.
        await app.app.questions.receive_submission(  # type: ignore[union-attr]
            QuestionDraft(text="村口路灯坏了好久，啥时候修？", channel=Channel.ONLINE)
        )
        await settle(app)
        assert len(table_texts(app)) == 2
        select_row(app, 1)
        assert view.suggestion_combo.count() >= 1
        press(app, Qt.Key.Key_M)
        await settle(app)
        first = view.model.questions()[0]
        assert first.ask_count == 2
        assert view.model.questions()[1].state is Q.MERGED

        # Approve, queue, take to air: the panel is drawn and switched on in OBS.
        select_row(app, 0)
        for key in (Qt.Key.Key_A, Qt.Key.Key_Q, Qt.Key.Key_T):
            press(app, key)
            await settle(app)
        assert view.model.questions()[0].state is Q.ON_AIR
        source = OVERLAY_INPUTS[OverlayElement.QUESTION.value]
        assert app.gateway.shown(OVERLAY_SCENE, source)
        aired = Path(app.gateway.input_settings[source]["file"])
        image = QImage(str(aired))
        assert not image.isNull() and image.hasAlphaChannel()
        # What aired is what the preview showed (same renderer, same state).
        overlay = app.app.overlay
        assert overlay is not None
        assert (
            aired.read_bytes() == overlay.render_preview(OverlayElement.QUESTION, overlay.state).png
        )
        assert "#1" in view.on_air_text.text()

        # F10 hides the panel, F10 shows it again, F9 marks it answered and it leaves.
        QTest.keyClick(form.asker, Qt.Key.Key_F10)
        await settle(app)
        assert not app.gateway.shown(OVERLAY_SCENE, source)
        QTest.keyClick(form.asker, Qt.Key.Key_F10)
        await settle(app)
        assert app.gateway.shown(OVERLAY_SCENE, source)
        QTest.keyClick(form.asker, Qt.Key.Key_F9)
        await settle(app)
        assert view.model.questions()[0].state is Q.ANSWERED
        assert not app.gateway.shown(OVERLAY_SCENE, source)

        # Ctrl+Z in the table undoes the last moderation action.
        select_row(app, 0)
        press(app, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await settle(app)
        assert view.model.questions()[0].state is Q.ON_AIR
        assert await app.stop() == 0

        # Everything is in the store, with the audit trail.
        store = Store.open(tmp_path)
        try:
            with store.read() as uow:
                (summary,) = uow.sessions.list()
                stored = uow.questions.list_for_session(summary.id)
                audit = [e.action for e in uow.audit.for_session(summary.id)]
        finally:
            store.close()
        assert [q.state for q in stored] == [Q.ON_AIR, Q.MERGED]
        assert stored[0].phone == "138 0013 8000"
        assert {"question.filed", "question.merged", "question.on_air", "question.undone"} <= set(
            audit
        )

    qloop.run_until_complete(main())


def test_personal_data_typed_into_the_on_air_text_blocks_air_with_advice(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def main() -> None:
        app = RunningApp(qapp, tmp_path)
        window = await app.start()
        await window.new_session()
        window.session_tabs.setCurrentWidget(window.questions)
        await settle(app)
        view = window.questions
        view.intake.text.setFocus()
        type_text(view.intake.text, "自来水总停")
        QTest.keyClick(view.intake.text, Qt.Key.Key_Return)
        await settle(app)
        select_row(app, 0)
        press(app, Qt.Key.Key_E)
        await settle(app)
        assert QApplication.focusWidget() is view.display_edit
        type_text(view.display_edit, "自来水总停，我家电话0571-88886666")
        QTest.keyClick(view.display_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await settle(app)
        assert "0571-88886666" in view.model.questions()[0].display_text
        assert "0571-88886666" in view.screening_label.text()
        select_row(app, 0)
        press(app, Qt.Key.Key_T)
        await settle(app)
        assert view.model.questions()[0].state is Q.NEW
        assert "personal data" in view.message.text()
        assert await app.stop() == 0

    qloop.run_until_complete(main())


def test_filters_and_search_narrow_the_table(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def main() -> None:
        app, window, controller = await app_with_session(qapp, tmp_path)
        drafts = [
            QuestionDraft(text="路灯坏了", channel=Channel.HOTLINE, category="路灯"),
            QuestionDraft(text="医保缴费", channel=Channel.ONLINE, category="医保"),
            QuestionDraft(text="医保报销比例", channel=Channel.HOTLINE, category="医保"),
        ]
        assert await controller.file_drafts(drafts, source="test") == 3
        view = window.questions
        assert len(table_texts(app)) == 3
        view.channel_filter.setCurrentIndex(view.channel_filter.findData(Channel.HOTLINE))
        assert sorted(table_texts(app)) == ["医保报销比例", "路灯坏了"]
        view.category_filter.setCurrentIndex(view.category_filter.findData("医保"))
        assert table_texts(app) == ["医保报销比例"]
        view.channel_filter.setCurrentIndex(0)
        view.category_filter.setCurrentIndex(0)
        view.search.setText("医保")
        assert sorted(table_texts(app)) == ["医保报销比例", "医保缴费"]
        assert view.count_label.text().startswith("2")
        assert await app.stop() == 0

    qloop.run_until_complete(main())


def test_import_preview_mapping_and_masked_rows(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    from studio_app.services.intake.importer import Field, parse, preview
    from studio_app.ui.import_dialog import ImportDialog, report_text

    # As Excel on a Chinese Windows saves plain "CSV": GB18030, Chinese headers.
    sample = tmp_path / "问题汇总.csv"
    sample.write_bytes(
        (
            "来电时间,群众姓名,联系电话,来源,问题类型,反映问题\r\n"
            "2026/11/20 9:30,张三,13800138000,热线,路灯,村口路灯坏了三个月，什么时候修？\r\n"
            "2026/11/20 9:41,李四,0571-88886666,公众号,医保,医保缴费标准是多少？\r\n"
            ",,,,,\r\n"
            "2026/11/20 9:50,王五,13912345678,抖音,道路,我家住幸福村3组12号，门口的路坑坑洼洼\r\n"
        ).encode("gb18030")
    )
    data_dir = tmp_path / "data"

    async def main() -> None:
        app, window, controller = await app_with_session(qapp, data_dir)
        found = preview(sample)
        assert found.total_rows == 4
        dialog = ImportDialog(found, window)
        assert Field.TEXT in dialog.mapping().values()
        assert dialog.import_button.isEnabled()
        # Take the question column away: Import is refused with a reason.
        text_column = next(c for c, f in dialog.mapping().items() if f is Field.TEXT)
        dialog.combos[text_column].setCurrentIndex(0)
        assert not dialog.import_button.isEnabled() and dialog.problem.text()
        dialog.combos[text_column].setCurrentIndex(dialog.combos[text_column].findData("text"))
        assert dialog.import_button.isEnabled()
        result = parse(sample, dialog.mapping())
        imported = await controller.file_drafts(result.drafts, source=sample.name)
        assert imported == 3 and len(result.skipped) == 1  # the empty row, reported
        report = report_text(result, imported)
        assert "3" in report and str(result.skipped[0].row_number) in report
        questions = window.questions.model.questions()
        assert [q.asker for q in questions] == ["张三", "李四", "王五"]
        assert questions[0].phone == "13800138000"  # kept, private
        # The address typed into the question is masked on air; the words are kept.
        assert "12号" not in questions[2].display_text and "12号" in questions[2].text
        dialog.close()
        assert await app.stop() == 0

    qloop.run_until_complete(main())


def test_the_queue_reorders_by_drag_and_by_keyboard(
    qapp: QApplication, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    from PySide6.QtCore import QModelIndex

    async def main() -> None:
        app, window, controller = await app_with_session(qapp, tmp_path)
        await controller.file_drafts([QuestionDraft(text=t) for t in ("一号", "二号", "三号")], "t")
        view = window.questions
        for question in view.model.questions():
            await controller._apply(controller.service.enqueue(question.id))
        await settle(app)

        def queue_texts() -> list[str]:
            return [q.display_text for q in view.model.queue()]

        assert queue_texts() == ["一号", "二号", "三号"]
        # Drag the third to the top: the model asks, the service moves, the view follows.
        data = view.queue_model.mimeData([view.queue_model.index(2, 0)])
        view.queue_model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
        await settle(app)
        assert queue_texts() == ["三号", "一号", "二号"]
        assert view.queue_model.question_at(0).display_text == "三号"  # type: ignore[union-attr]
        # Alt+Down on the selected queue row moves it one down.
        view.queue_view.setFocus()
        view.queue_view.setCurrentIndex(view.queue_model.index(0, 0))
        QTest.keyClick(view.queue_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        await settle(app)
        assert queue_texts() == ["一号", "三号", "二号"]
        # F8 takes the head of the queue to air, even from the Plan tab.
        window.session_tabs.setCurrentWidget(window.editor)
        QTest.keyClick(window.editor.title_edit, Qt.Key.Key_F8)
        await settle(app)
        on_air = view.model.on_air()
        assert on_air is not None and on_air.display_text == "一号"
        assert queue_texts() == ["三号", "二号"]
        assert await app.stop() == 0

    qloop.run_until_complete(main())
