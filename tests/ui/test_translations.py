"""The Chinese translation: complete and compiled, loaded at run time, and chosen correctly."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMenu,
    QWidget,
)

from studio_app import i18n
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest
from studio_app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
UPDATE_SCRIPT = ROOT / "resources" / "i18n" / "update_translations.py"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


#: Texts that are the same in every language: product names.
LANGUAGE_NEUTRAL = {"OBS"}


def _is_chinese(text: str) -> bool:
    """Chinese, or nothing to translate (a product name, digits and punctuation only)."""
    if text in LANGUAGE_NEUTRAL or not any(char.isalpha() for char in text):
        return True
    return bool(CJK.search(text))


# ---------------------------------------------------------------- the .ts and .qm are current
def test_every_source_string_is_translated_and_compiled() -> None:
    # A new visible string without a Chinese translation, or a .qm not rebuilt, fails here.
    result = subprocess.run(
        [sys.executable, str(UPDATE_SCRIPT), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- the window speaks Chinese
def _session() -> BroadcastSession:
    host = Guest.create("王建国", "副镇长", "镇人民政府")
    police = Guest.create("李芳", "所长", "派出所")
    session = BroadcastSession.create(
        uuid.uuid4(), "11月政务直播", datetime(2026, 11, 26, 6, 30, tzinfo=UTC)
    )
    return session.edited(
        planned_minutes=50,
        guests=(host, police),
        agenda=(
            AgendaItem.create("开场", 5, "开场"),
            AgendaItem.create("户籍迁移答疑", 20, "问答", police.id),
        ),
    )


def _header_texts(model: QAbstractItemModel) -> list[str]:
    return [
        model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for column in range(model.columnCount())
    ]


def _visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every non-empty text of the window's buttons, labels, boxes, menus."""
    texts: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        kind = type(widget).__name__
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append((kind, widget.text()))
        elif isinstance(widget, QGroupBox | QMenu):
            texts.append((kind, widget.title()))
        texts.append((f"{kind} tooltip", widget.toolTip()))
    for action in window.findChildren(QAction):
        texts.append(("QAction", action.text()))
    return [(where, text) for where, text in texts if text.strip()]


def test_main_window_is_chinese(qtbot, chinese: str) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.setEnabled(True)
    session = _session()
    window.session_list.model.set_sessions([session.summary()])
    window.editor.load(session)
    window.stack.setCurrentWidget(window.session_tabs)
    window.show()

    texts = _visible_texts(window)
    menus = [text for where, text in texts if where == "QMenu"]
    assert menus, "the menu bar has no menu"
    for model in (
        window.session_list.model,
        window.editor.guest_model,
        window.editor.agenda_model,
    ):
        texts += [(f"{type(model).__name__} header", text) for text in _header_texts(model)]
    tooltip = window.session_list.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    texts += [
        ("session tooltip", tooltip),
        ("search placeholder", window.session_list.search.placeholderText()),
        ("title placeholder", window.editor.title_edit.placeholderText()),
        ("minutes suffix", window.editor.minutes_spin.suffix()),
        ("status label", window.editor.status_label.text()),
        ("agenda total", window.editor.agenda_total.text()),
        ("save status", window.save_status.text()),
    ]
    english = [(where, text) for where, text in texts if not _is_chinese(text)]
    assert not english, f"not translated: {english}"
    assert tooltip == "2 位嘉宾"  # the numerus form, with %n filled in
    assert window.new_action.text() == "新建场次(&N)"  # Chinese accelerator convention


def test_qt_standard_buttons_are_chinese(qapp: QApplication) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_zh_CN", folder):
        pytest.skip(f"this Qt ships no qtbase_zh_CN.qm in {folder}")
    previous_locale = QLocale()
    translators = i18n.install_translators(qapp, "zh_CN")
    try:
        assert len(translators) == 2, "qtbase and the app's own translation"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert _is_chinese(cancel.text()), cancel.text()
        box.deleteLater()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous_locale)
    # Removed again: the other tests see English.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QCoreApplication.translate("MainWindow", "Ready") == "Ready"


# ---------------------------------------------------------------- choosing the language
@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh_TW", "zh_CN"),  # only Simplified Chinese is shipped
        ("zh", "zh_CN"),
        ("en", "en"),
        ("en_US", "en"),
        ("de_DE", "en"),
    ],
)
def test_choose_language(requested: str, expected: str) -> None:
    assert i18n.choose_language(requested) == expected


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        (QLocale.Language.Chinese, "zh_CN"),
        (QLocale.Language.English, "en"),
        (QLocale.Language.German, "en"),
    ],
)
def test_choose_language_follows_the_system(
    monkeypatch: pytest.MonkeyPatch, system: QLocale.Language, expected: str
) -> None:
    class SystemLocale:
        Language = QLocale.Language

        @staticmethod
        def system() -> QLocale:
            return QLocale(system)

    monkeypatch.setattr(i18n, "QLocale", SystemLocale)
    assert i18n.choose_language(None) == expected
    assert i18n.choose_language("") == expected


def test_choose_language_without_request_uses_the_real_system_locale() -> None:
    chinese = QLocale.system().language() == QLocale.Language.Chinese
    assert i18n.choose_language(None) == ("zh_CN" if chinese else "en")
