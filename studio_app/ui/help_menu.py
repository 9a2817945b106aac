"""The Help menu: the keyboard shortcut sheet, the language, the set-up assistant, About."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio_app import __version__
from studio_app.paths import docs_dir
from studio_app.ui.dialogs import message_box
from studio_app.ui.main_window import MainWindow

# The language choices: the setting's value and the name shown (in its own language, so
# that someone who cannot read the current one still finds theirs).
LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))


def plain_text(text: str) -> str:
    """A menu text without its ``&`` mnemonic marker, its ``(&X)`` suffix or an ellipsis."""
    text = text.replace("&&", "\0").strip().rstrip("…").rstrip(".").strip()
    if text.endswith(")") and "(&" in text:  # Chinese menus: 场次(&S), 导出记录(&E)…
        text = text[: text.rindex("(&")]
    return text.replace("&", "").replace("\0", "&").strip()


def collect_shortcuts(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action with a shortcut in ``window``, in menu order.

    Read from the live window, so the sheet can never disagree with the keys that work.
    """
    found: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(where: str, action: QAction) -> None:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if k]
        what = _without_key(plain_text(action.text()), keys)
        if not keys or not what or (what, keys[0]) in seen:
            return
        seen.add((what, keys[0]))
        found.append((where, what, " / ".join(keys)))

    menu_bar = getattr(window, "menuBar", None)
    if callable(menu_bar):
        for top in menu_bar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                for action in _menu_actions(menu):
                    add(plain_text(top.text()), action)
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut:
            add("", action)  # works wherever the focus is
        else:
            add(_tab_title(action.parent()), action)
    return found


def _tab_title(owner: QObject | None) -> str:
    """The title of the tab a widget is on ("Questions"), or "" if it is on none."""
    widget = owner if isinstance(owner, QWidget) else None
    while widget is not None:
        stack = widget.parentWidget()
        tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(widget) >= 0:
            return plain_text(tabs.tabText(tabs.indexOf(widget)))
        widget = stack
    return ""


def _without_key(text: str, keys: list[str]) -> str:
    """``text`` without a trailing mention of its own key: "通过 (A)", "已答复（F9）"."""
    for key in keys:
        for mention in (f"({key})", f"（{key}）"):
            if text.endswith(mention):
                return text[: -len(mention)].strip()
    return text


def _menu_actions(menu: QMenu) -> list[QAction]:
    actions: list[QAction] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            actions.extend(_menu_actions(sub))
        elif not action.isSeparator():
            actions.append(action)
    return actions


class ShortcutSheet(QDialog):
    """Every keyboard shortcut of the window, in a table (Help → Keyboard shortcuts, F1)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = collect_shortcuts(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        other = self.tr("Anywhere in the window")
        for row, (where, what, keys) in enumerate(rows):
            for column, text in enumerate((where or other, what, keys)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(
            self.tr(
                "During a live show every on-air action has a key of its own. Keys listed "
                "under a screen (such as the questions) work while its list has the focus; "
                "the others work anywhere in the window."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows (for tests)."""
        table = self.table

        def text(row: int, column: int) -> str:
            item = table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(table.rowCount())]


def guide_path(language: QLocale.Language | None = None) -> Path:
    """The operator's guide in the UI's language (Chinese, else English)."""
    language = QLocale().language() if language is None else language
    name = "guide.zh_CN.md" if language == QLocale.Language.Chinese else "guide.en.md"
    return docs_dir() / name


class GuideWindow(QDialog):
    """The operator's guide (docs/guide.*.md with its screenshots), beside the main window."""

    def __init__(self, parent: QWidget, path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("Operator's guide"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(path.parent)])
        # The pictures' relative paths resolve against the guide's folder; the notes for
        # its maintainers (HTML comments) are not for the operator.
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(f"{path.parent}/"))
        text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
        self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(960, 640)


class HelpMenu(QObject):
    """Builds the Help menu of ``window``; ``language_chosen`` carries "zh_CN", "en" or ""."""

    language_chosen = Signal(str)

    def __init__(self, window: MainWindow, current_language: str) -> None:
        super().__init__(window)
        self.window = window
        self.sheet: ShortcutSheet | None = None
        self.menu = QMenu(self.tr("&Help"), window)
        self.menu.setObjectName("helpMenu")
        window.menuBar().addMenu(self.menu)
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), window)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.shortcuts_action.triggered.connect(lambda *_a: self.show_shortcuts())
        window.addAction(self.shortcuts_action)
        self.guide_action = QAction(self.tr("Operator's &guide"), window)
        self.guide_action.setObjectName("guideAction")
        self.guide_action.triggered.connect(lambda *_a: self.show_guide())
        self.menu.addAction(self.guide_action)
        self.menu.addAction(self.shortcuts_action)
        self.guide: GuideWindow | None = None

        self.language_menu = self.menu.addMenu(self.tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        choices = [("", self.tr("Follow the system")), *LANGUAGES]
        for code, name in choices:
            action = QAction(name, self.language_menu)
            action.setCheckable(True)
            action.setChecked(code == current_language)
            action.setData(code)
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
            action.triggered.connect(self._language_trigger(code))

        self.setup_action = QAction(self.tr("&Set-up assistant…"), window)
        self.setup_action.setObjectName("setupAssistantAction")
        self.menu.addAction(self.setup_action)  # wired by the app (ui/first_run.py)

        self.menu.addSeparator()
        self.about_action = QAction(self.tr("&About Village Studio"), window)
        self.about_action.triggered.connect(lambda *_a: self.show_about())
        self.menu.addAction(self.about_action)

    def _language_trigger(self, code: str) -> Callable[..., None]:
        return lambda *_a: self.language_chosen.emit(code)

    def show_shortcuts(self) -> ShortcutSheet:
        """Open (or raise) the shortcut sheet; it does not block the window."""
        if self.sheet is None:
            self.sheet = ShortcutSheet(self.window)
            self.sheet.finished.connect(self._forget_sheet)
        self.sheet.show()
        self.sheet.raise_()
        self.sheet.activateWindow()
        return self.sheet

    def show_guide(self) -> QDialog:
        """Open (or raise) the operator's guide; it does not block the window."""
        path = guide_path()
        if not path.is_file():
            box = message_box(
                self.window,
                QMessageBox.Icon.Warning,
                self.tr("Operator's guide"),
                self.tr(
                    "The operator's guide is missing from %1. Reinstall Village Studio."
                ).replace("%1", str(path)),
            )
            box.open()
            return box
        if self.guide is None:
            self.guide = GuideWindow(self.window, path)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def _forget_sheet(self, _result: int) -> None:
        if self.sheet is not None:
            self.sheet.deleteLater()
            self.sheet = None

    def language_saved_box(self, code: str) -> QMessageBox:
        """The note shown after a language was chosen (its name in its own language)."""
        name = dict(LANGUAGES).get(code, self.tr("the system's language"))
        text = self.tr("Village Studio will speak %1 from its next start.").replace("%1", name)
        return message_box(self.window, QMessageBox.Icon.Information, self.tr("Language"), text)

    def show_about(self) -> QMessageBox:
        """The version and what the app is for."""
        box = message_box(
            self.window,
            QMessageBox.Icon.Information,
            self.tr("About Village Studio"),
            self.tr(
                "Village Studio %1\n\n"
                "Live question-and-answer broadcasts for township and village studios: OBS "
                "control, moderated questions, session records, follow-ups and the county "
                "archive."
            ).replace("%1", __version__),
        )
        box.open()
        return box
