"""Signing in at the desk: pick your local operator profile, or add one (no passwords)."""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.errors import DomainError
from studio_app.domain.operators import MAX_OPERATOR_NAME, OperatorProfile, OperatorRole
from studio_app.messages import domain_error_text, operator_role_text, storage_error_text
from studio_app.services.operators import OperatorService
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError
from studio_app.ui.dialogs import confirm
from studio_app.ui.formatting import format_local_datetime

AnyIndex = QModelIndex | QPersistentModelIndex

#: Role returning the row's ``OperatorProfile``.
ProfileRole = Qt.ItemDataRole.UserRole + 1


def pc_user_name() -> str:
    """The name this PC knows the user by (a suggestion for the first profile), or ""."""
    try:
        return getpass.getuser()[:MAX_OPERATOR_NAME]
    except (OSError, KeyError, ImportError):
        return ""


class OperatorListModel(QAbstractListModel):
    """Operator profiles in the order given (most recently signed in first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorProfile] = []

    def set_profiles(self, profiles: Sequence[OperatorProfile]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(profiles)
        self.endResetModel()

    def profile_at(self, row: int) -> OperatorProfile | None:
        """The profile in ``row``, if any."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, profile_id: uuid.UUID) -> int | None:
        """The row of a profile, if listed."""
        return next((n for n, p in enumerate(self._rows) if p.id == profile_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        profile = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{profile.name} · {operator_role_text(profile.role)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if profile.last_used_at is None:
                return self.tr("Not signed in yet")
            return self.tr("Last signed in %1").replace(
                "%1", format_local_datetime(profile.last_used_at)
            )
        if role == ProfileRole:
            return profile
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class OperatorDialog(QDialog):
    """Who is at the desk: the list of profiles, or the form for a new one.

    Call :meth:`load` before opening it. Enter signs in the selected profile (the most recent
    one is preselected); the result is :attr:`profile`. With no profiles yet the dialog opens
    on the new-profile form, the PC's user name suggested.
    """

    LIST_PAGE, NEW_PAGE = range(2)

    def __init__(
        self,
        service: OperatorService,
        parent: QWidget | None = None,
        *,
        suggested_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("operatorDialog")
        self.setWindowTitle(self.tr("Who is at the desk?"))
        self._service = service
        #: Tasks started by the buttons (cancelled when the dialog closes).
        self.tasks = TaskSet()
        self._suggested = pc_user_name() if suggested_name is None else suggested_name
        #: The profile chosen when the dialog was accepted.
        self.profile: OperatorProfile | None = None

        self.hint_label = QLabel(
            self.tr(
                "Everything you do is recorded in the audit trail under this name. To hand "
                "over the desk later, use “Switch operator…”."
            ),
            self,
        )
        self.hint_label.setObjectName("operatorHint")
        self.hint_label.setWordWrap(True)

        # ---------------------------------------------------------------- list page
        self.model = OperatorListModel(self)
        self.list_view = QListView(self)
        self.list_view.setObjectName("operatorList")
        self.list_view.setModel(self.model)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.doubleClicked.connect(self._on_list_view_double_clicked)
        self.list_view.selectionModel().selectionChanged.connect(self._on_list_selection_changed)
        list_label = QLabel(self.tr("&Choose your name:"), self)
        list_label.setBuddy(self.list_view)
        self.new_button = QPushButton(self.tr("&New profile…"), self)
        self.new_button.setObjectName("operatorNew")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.remove_button = QPushButton(self.tr("&Remove…"), self)
        self.remove_button.setObjectName("operatorRemove")
        self.remove_button.setToolTip(self.tr("Remove the selected profile (Delete)"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.sign_in_button = QPushButton(self.tr("&Sign in"), self)
        self.sign_in_button.setObjectName("operatorSignIn")
        self.sign_in_button.clicked.connect(self._on_sign_in_button_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.remove_button)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.sign_in_button)
        list_buttons.addWidget(self.cancel_button)
        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(list_label)
        list_layout.addWidget(self.list_view, 1)
        list_layout.addLayout(list_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list_view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_remove_button_clicked)

        # ---------------------------------------------------------------- new-profile page
        self.new_heading = QLabel(self.tr("New operator profile"), self)
        font = self.new_heading.font()
        font.setBold(True)
        self.new_heading.setFont(font)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("operatorName")
        self.name_edit.setMaxLength(MAX_OPERATOR_NAME)
        self.name_edit.setPlaceholderText(self.tr("Your name, as colleagues know you"))
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("operatorRole")
        for role in OperatorRole:
            self.role_combo.addItem(operator_role_text(role), role.value)
        self.role_combo.setCurrentIndex(self.role_combo.findData(OperatorRole.OTHER.value))
        form = QFormLayout()
        form.addRow(self.tr("Na&me:"), self.name_edit)
        form.addRow(self.tr("R&ole:"), self.role_combo)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setObjectName("operatorAdd")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.back_button = QPushButton(self.tr("&Back to the list"), self)
        self.back_button.setObjectName("operatorBack")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.new_cancel_button = QPushButton(self.tr("Cancel"), self)
        self.new_cancel_button.setAutoDefault(False)
        self.new_cancel_button.clicked.connect(self.reject)
        new_buttons = QHBoxLayout()
        new_buttons.addWidget(self.back_button)
        new_buttons.addStretch(1)
        new_buttons.addWidget(self.add_button)
        new_buttons.addWidget(self.new_cancel_button)
        new_page = QWidget(self)
        new_layout = QVBoxLayout(new_page)
        new_layout.setContentsMargins(0, 0, 0, 0)
        new_layout.addWidget(self.new_heading)
        new_layout.addLayout(form)
        new_layout.addStretch(1)
        new_layout.addLayout(new_buttons)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(list_page)
        self.stack.addWidget(new_page)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("operatorProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b71c1c;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.problem_label)
        self.setMinimumSize(420, 340)
        self._update_buttons()

    # ------------------------------------------------------------------ public API
    async def load(self) -> bool:
        """Read the profiles; the most recent is preselected (or the new-profile form shown)."""
        try:
            profiles = await self._service.profiles()
        except StorageError as error:
            self._show_storage_problem(error)
            return False
        self._show_profiles(profiles, select=profiles[0].id if profiles else None)
        if profiles:
            self.show_list()
        else:
            self.show_new_profile(self._suggested)
        return True

    def selected_profile(self) -> OperatorProfile | None:
        """The profile selected in the list, if any."""
        rows = self.list_view.selectionModel().selectedRows()
        return self.model.profile_at(rows[0].row()) if rows else None

    def select_profile(self, profile_id: uuid.UUID) -> None:
        """Select (and make current) a listed profile."""
        row = self.model.row_of(profile_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.list_view.setCurrentIndex(index)
        self.list_view.scrollTo(index)

    def show_list(self) -> None:
        """Show the list of profiles, the sign-in button as default."""
        self.stack.setCurrentIndex(self.LIST_PAGE)
        self.add_button.setDefault(False)
        self.sign_in_button.setDefault(True)
        self.setWindowTitle(self.tr("Who is at the desk?"))
        self.list_view.setFocus()
        self._update_buttons()

    def show_new_profile(self, name: str = "") -> None:
        """Show the new-profile form with ``name`` filled in (selected, to type over)."""
        self.stack.setCurrentIndex(self.NEW_PAGE)
        self.sign_in_button.setDefault(False)
        self.add_button.setDefault(True)
        self.setWindowTitle(self.tr("New operator profile"))
        self.name_edit.setText(name)
        self.name_edit.selectAll()
        self.name_edit.setFocus()
        self.problem_label.clear()
        self._update_buttons()

    async def add_profile(self) -> OperatorProfile | None:
        """Add the profile typed in the form and select it in the list; ``None`` if refused."""
        role = OperatorRole(self.role_combo.currentData())
        self.add_button.setEnabled(False)
        try:
            profile = await self._service.add(self.name_edit.text(), role)
            profiles = await self._service.profiles()
        except DomainError as error:
            self.problem_label.setText(domain_error_text(error))
            self.name_edit.setFocus()
            self.name_edit.selectAll()
            return None
        except StorageError as error:
            self._show_storage_problem(error)
            return None
        finally:
            self.add_button.setEnabled(True)
        self.problem_label.clear()
        self._show_profiles(profiles, select=profile.id)
        self.show_list()
        return profile

    async def remove_selected(self) -> bool:
        """Remove the selected profile after the operator confirms it."""
        profile = self.selected_profile()
        if profile is None:
            return False
        confirmed = await confirm(
            self,
            self.tr("Remove operator profile"),
            self.tr(
                "Remove the profile “%1” from this computer? What they did stays in the audit "
                "trail under their name."
            ).replace("%1", profile.name),
        )
        if not confirmed:
            self.list_view.setFocus()
            return False
        row = self.model.row_of(profile.id) or 0
        try:
            await self._service.remove(profile.id)
            profiles = await self._service.profiles()
        except StorageError as error:
            self._show_storage_problem(error)
            return False
        self.problem_label.clear()
        following = profiles[min(row, len(profiles) - 1)].id if profiles else None
        self._show_profiles(profiles, select=following)
        if profiles:
            self.show_list()
        else:
            self.show_new_profile(self._suggested)
        return True

    def sign_in(self) -> bool:
        """Accept the dialog with the selected profile as :attr:`profile`."""
        profile = self.selected_profile()
        if profile is None or self.stack.currentIndex() != self.LIST_PAGE:
            return False
        self.profile = profile
        self.accept()
        return True

    # ------------------------------------------------------------------ internals
    def _show_profiles(self, profiles: Sequence[OperatorProfile], select: uuid.UUID | None) -> None:
        self.model.set_profiles(profiles)
        if select is not None:
            self.select_profile(select)
        self._update_buttons()

    def _show_storage_problem(self, error: StorageError) -> None:
        title, text = storage_error_text(error)
        self.problem_label.setText(f"{title}: {text}")

    def _update_buttons(self) -> None:
        has_selection = self.selected_profile() is not None
        has_profiles = self.model.rowCount() > 0
        self.sign_in_button.setEnabled(has_selection)
        self.remove_button.setEnabled(has_selection)
        self.back_button.setVisible(has_profiles)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape on the form goes back to the list when there is one, not out of the dialog.
        back = (
            event.key() == Qt.Key.Key_Escape
            and self.stack.currentIndex() == self.NEW_PAGE
            and self.model.rowCount() > 0
        )
        if back:
            self.problem_label.clear()
            self.show_list()
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self.tasks.cancel()
        super().done(result)

    def _on_list_selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _on_list_view_double_clicked(self, _index: QModelIndex) -> None:
        self.sign_in()

    def _on_sign_in_button_clicked(self) -> None:
        self.sign_in()

    def _on_new_button_clicked(self) -> None:
        self.show_new_profile()

    def _on_back_button_clicked(self) -> None:
        self.problem_label.clear()
        self.show_list()

    def _on_add_button_clicked(self) -> None:
        self.tasks.spawn(self.add_profile(), name="operator-add")

    def _on_remove_button_clicked(self) -> None:
        if self.stack.currentIndex() == self.LIST_PAGE and self.selected_profile() is not None:
            self.tasks.spawn(self.remove_selected(), name="operator-remove")
