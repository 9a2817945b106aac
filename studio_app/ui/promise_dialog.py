"""The promise dialog: a promise made on air becomes a follow-up in one action."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.errors import DomainError, ValidationError
from studio_app.domain.followups import FollowUp
from studio_app.domain.organisation import Department
from studio_app.domain.workdays import MAX_WORKDAYS
from studio_app.messages import domain_error_text, storage_error_text
from studio_app.services.followups import FollowUpService, PromiseDraft
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError
from studio_app.ui.dialogs import confirm
from studio_app.ui.layout import PROBLEM_STYLE, WARNING_STYLE

AnyIndex = QModelIndex | QPersistentModelIndex

#: Working days offered when the dialog opens (the usual "within five working days").
DEFAULT_WORKING_DAYS = 5


class DepartmentChecklistModel(QAbstractListModel):
    """Departments with a check box each: the supporting departments of a follow-up.

    Roles:
        DisplayRole: the department's name.
        CheckStateRole: ``Qt.CheckState.Checked`` if it supports the follow-up.
        ToolTipRole: for the lead department, why it cannot be ticked.
        DEPARTMENT_ID_ROLE: the department's ``uuid.UUID``.

    The lead department is shown but disabled and never checked.
    """

    DEPARTMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    #: The set of checked departments changed (by the operator or because of the lead).
    checked_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.departments: list[Department] = []
        self._checked: set[uuid.UUID] = set()
        self._lead: uuid.UUID | None = None

    def set_departments(self, departments: Iterable[Department]) -> None:
        """Replace the list; ticks of departments still listed are kept."""
        self.beginResetModel()
        self.departments = list(departments)
        known = {d.id for d in self.departments}
        self._checked &= known
        self.endResetModel()
        self.checked_changed.emit()

    def set_lead(self, lead_id: uuid.UUID | None) -> None:
        """Disable (and untick) the lead department's row."""
        if lead_id == self._lead:
            return
        rows = [self._row_of(i) for i in (self._lead, lead_id) if i is not None]
        self._lead = lead_id
        unticked = lead_id is not None and lead_id in self._checked
        if lead_id is not None:
            self._checked.discard(lead_id)
        for row in rows:
            if row is not None:
                index = self.index(row)
                self.dataChanged.emit(index, index)
        if unticked:
            self.checked_changed.emit()

    def set_checked(self, department_id: uuid.UUID, checked: bool) -> bool:
        """Tick or untick one department by id; ``False`` if it is unknown or the lead."""
        row = self._row_of(department_id)
        if row is None:
            return False
        return self.setData(
            self.index(row),
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def checked_ids(self) -> tuple[uuid.UUID, ...]:
        """The ticked departments, in list order."""
        return tuple(d.id for d in self.departments if d.id in self._checked)

    def checked_names(self) -> list[str]:
        """The ticked departments' names, in list order."""
        return [d.name for d in self.departments if d.id in self._checked]

    def _row_of(self, department_id: uuid.UUID) -> int | None:
        for row, department in enumerate(self.departments):
            if department.id == department_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.departments)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.departments):
            return None
        department = self.departments[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return department.name
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = department.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and department.id == self._lead:
            return self.tr("This is the lead department.")
        if role == self.DEPARTMENT_ID_ROLE:
            return department.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemNeverHasChildren
        if self.departments[index.row()].id == self._lead:
            return flags
        return (
            flags
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        department = self.departments[index.row()]
        if department.id == self._lead:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked == (department.id in self._checked):
            return False
        if checked:
            self._checked.add(department.id)
        else:
            self._checked.discard(department.id)
        self.dataChanged.emit(index, index, [role])
        self.checked_changed.emit()
        return True


class PromiseDialog(QDialog):
    """Turns a promise into a follow-up: text, departments, person, deadline, private contact.

    Open it, ``await load()`` (departments), then show it with ``ask()``. "Create follow-up"
    (or Ctrl+Enter) stores the follow-up itself; refusals are shown in the dialog, which stays
    open with everything typed. On success :attr:`created` holds the follow-up, the
    :attr:`follow_up_created` signal is emitted and the dialog is accepted.
    """

    #: The follow-up was stored (a ``FollowUp``); the dialog accepts right after.
    follow_up_created = Signal(object)

    def __init__(
        self,
        service: FollowUpService,
        session_id: uuid.UUID,
        *,
        question_id: uuid.UUID | None = None,
        promise_text: str = "",
        resident_contact: str = "",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promiseDialog")
        self.setWindowTitle(self.tr("Promise → follow-up"))
        self.service = service
        self.session_id = session_id
        self.question_id = question_id
        self.today = today or date.today()
        self.created: FollowUp | None = None
        self.departments: list[Department] = []
        self.tasks = TaskSet()
        self._saving = False

        # Promised action
        self.promise_edit = QPlainTextEdit(self)
        self.promise_edit.setObjectName("promiseText")
        self.promise_edit.setPlaceholderText(
            self.tr("What was promised on air, e.g. “Repair the street lights by the school”")
        )
        self.promise_edit.setTabChangesFocus(True)
        self.promise_edit.setPlainText(promise_text)
        self.promise_edit.setMinimumHeight(70)

        # Lead department: type to search; a new name can be added to the list.
        self.lead_combo = QComboBox(self)
        self.lead_combo.setObjectName("promiseLead")
        self.lead_combo.setEditable(True)
        self.lead_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lead_combo.setMaxVisibleItems(15)
        lead_edit = self.lead_combo.lineEdit()
        assert lead_edit is not None  # editable
        lead_edit.setPlaceholderText(self.tr("Type or pick a department"))
        completer = QCompleter(self.lead_combo.model(), self.lead_combo)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.lead_combo.setCompleter(completer)
        self.lead_combo.setCurrentIndex(-1)
        self.lead_combo.currentTextChanged.connect(self._on_lead_combo_text_changed)
        self.add_department_button = QPushButton(self)
        self.add_department_button.setObjectName("promiseAddDepartment")
        self.add_department_button.setToolTip(
            self.tr("The name is not in the department list yet; add it so it can be picked.")
        )
        self.add_department_button.setVisible(False)
        self.add_department_button.clicked.connect(self._on_add_department_button_clicked)
        lead_row = QHBoxLayout()
        lead_row.addWidget(self.lead_combo, 1)
        lead_row.addWidget(self.add_department_button)

        # Supporting departments: a filterable check list; the lead is disabled there.
        self.support_model = DepartmentChecklistModel(self)
        self.support_model.checked_changed.connect(self._on_support_model_checked_changed)
        self.support_proxy = QSortFilterProxyModel(self)
        self.support_proxy.setSourceModel(self.support_model)
        self.support_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.support_filter = QLineEdit(self)
        self.support_filter.setObjectName("promiseSupportFilter")
        self.support_filter.setPlaceholderText(self.tr("Filter departments"))
        self.support_filter.setClearButtonEnabled(True)
        self.support_filter.textChanged.connect(self._on_support_filter_text_changed)
        self.support_list = QListView(self)
        self.support_list.setObjectName("promiseSupport")
        self.support_list.setModel(self.support_proxy)
        self.support_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.support_list.setUniformItemSizes(True)
        self.support_list.setMinimumHeight(90)
        self.support_list.setMaximumHeight(130)
        self.support_summary = QLabel(self)
        self.support_summary.setObjectName("promiseSupportSummary")
        self.support_summary.setWordWrap(True)
        support_box = QVBoxLayout()
        support_box.setContentsMargins(0, 0, 0, 0)
        support_box.addWidget(self.support_filter)
        support_box.addWidget(self.support_list)
        support_box.addWidget(self.support_summary)

        self.person_edit = QLineEdit(self)
        self.person_edit.setObjectName("promiseResponsible")
        self.person_edit.setPlaceholderText(self.tr("Name and post, e.g. Director Liu"))

        # Deadline: N working days (statutory calendar) or a date.
        self.workdays_radio = QRadioButton(self.tr("Within"), self)
        self.workdays_radio.setObjectName("promiseByWorkdays")
        self.workdays_spin = QSpinBox(self)
        self.workdays_spin.setObjectName("promiseWorkdays")
        self.workdays_spin.setRange(1, MAX_WORKDAYS)
        self.workdays_spin.setValue(DEFAULT_WORKING_DAYS)
        self.workdays_spin.setSuffix(self.tr(" working days"))
        self.workdays_spin.valueChanged.connect(self._on_workdays_spin_value_changed)
        self.computed_label = QLabel(self)
        self.computed_label.setObjectName("promiseComputedDeadline")
        self.date_radio = QRadioButton(self.tr("By date"), self)
        self.date_radio.setObjectName("promiseByDate")
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("promiseDeadlineDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd (ddd)")
        default_day = self._workday_deadline_or_none(DEFAULT_WORKING_DAYS)
        self.date_edit.setDate(_qdate(default_day or self.today))
        self.deadline_mode = QButtonGroup(self)
        self.deadline_mode.addButton(self.workdays_radio)
        self.deadline_mode.addButton(self.date_radio)
        self.workdays_radio.setChecked(True)
        self.workdays_radio.toggled.connect(self._on_workdays_radio_toggled)
        self.assumed_label = QLabel(self)
        self.assumed_label.setObjectName("promiseAssumedYears")
        self.assumed_label.setWordWrap(True)
        self.assumed_label.setStyleSheet(WARNING_STYLE)
        self.assumed_label.setVisible(False)
        deadline_grid = QGridLayout()
        deadline_grid.setContentsMargins(0, 0, 0, 0)
        deadline_grid.addWidget(self.workdays_radio, 0, 0)
        deadline_grid.addWidget(self.workdays_spin, 0, 1)
        deadline_grid.addWidget(self.computed_label, 0, 2)
        deadline_grid.addWidget(self.date_radio, 1, 0)
        deadline_grid.addWidget(self.date_edit, 1, 1)
        deadline_grid.setColumnStretch(2, 1)
        deadline_box = QVBoxLayout()
        deadline_box.setContentsMargins(0, 0, 0, 0)
        deadline_box.addLayout(deadline_grid)
        deadline_box.addWidget(self.assumed_label)

        # Resident's contact: private.
        self.contact_edit = QLineEdit(resident_contact, self)
        self.contact_edit.setObjectName("promiseContact")
        self.contact_edit.setPlaceholderText(self.tr("Phone number, to tell the resident"))
        self.contact_note = QLabel(
            self.tr(
                "Private: kept for the follow-up only, never shown on air or in public exports."
            ),
            self,
        )
        self.contact_note.setObjectName("promiseContactNote")
        self.contact_note.setWordWrap(True)
        self.contact_note.setEnabled(False)  # greyed: a note, not a field
        contact_box = QVBoxLayout()
        contact_box.setContentsMargins(0, 0, 0, 0)
        contact_box.addWidget(self.contact_edit)
        contact_box.addWidget(self.contact_note)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("promiseProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create follow-up"))
        self.create_button.setToolTip(self.tr("Shortcut: Ctrl+Enter"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_buttons_accepted)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._buddy(self.tr("&Promised action"), self.promise_edit), self.promise_edit)
        form.addRow(self._buddy(self.tr("&Lead department"), self.lead_combo), lead_row)
        form.addRow(
            self._buddy(self.tr("&Supporting departments"), self.support_filter), support_box
        )
        form.addRow(self._buddy(self.tr("&Responsible person"), self.person_edit), self.person_edit)
        form.addRow(self._buddy(self.tr("&Deadline"), self.workdays_radio), deadline_box)
        form.addRow(self._buddy(self.tr("Resident's &contact"), self.contact_edit), contact_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        chain = [
            self.promise_edit,
            self.lead_combo,
            self.add_department_button,
            self.support_filter,
            self.support_list,
            self.person_edit,
            self.workdays_radio,
            self.workdays_spin,
            self.date_radio,
            self.date_edit,
            self.contact_edit,
            self.buttons,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.setMinimumWidth(520)
        self.resize(640, 600)
        self._show_support_summary()
        self._show_deadline_mode()
        (self.lead_combo if promise_text.strip() else self.promise_edit).setFocus()

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # ------------------------------------------------------------------ public API
    async def load(self) -> None:
        """Load the department list (call before showing the dialog)."""
        try:
            departments = await self.service.departments()
        except StorageError as error:
            self._show_storage_problem(error)
            return
        self._set_departments(departments)

    def lead_department(self) -> Department | None:
        """The listed department whose name is typed or picked as the lead, if any."""
        return self._department_named(self.lead_combo.currentText())

    def draft(self) -> PromiseDraft:
        """The promise as entered (lead ``None`` if the typed name is not in the list)."""
        lead = self.lead_department()
        by_workdays = self.workdays_radio.isChecked()
        return PromiseDraft(
            promise=self.promise_edit.toPlainText(),
            lead_department_id=lead.id if lead else None,
            supporting_department_ids=self.support_model.checked_ids(),
            responsible_person=self.person_edit.text(),
            deadline=None if by_workdays else self.deadline_date(),
            working_days=self.workdays_spin.value() if by_workdays else None,
            resident_contact=self.contact_edit.text(),
        )

    def deadline_date(self) -> date:
        """The date in the date field (used in date mode)."""
        day = self.date_edit.date()
        return date(day.year(), day.month(), day.day())

    async def submit(self) -> FollowUp | None:
        """Store the follow-up as entered; on success accept the dialog and return it.

        A name typed as lead that is not in the list is offered for adding first; a date in
        the past is stored only after the operator confirms it is an older promise.
        """
        if self._saving:
            return None
        self._set_saving(True)
        try:
            return await self._submit()
        finally:
            self._set_saving(False)

    async def add_typed_department(self) -> Department | None:
        """Add the name typed as lead to the department list and pick it as the lead."""
        name = self.lead_combo.currentText().strip()
        if not name:
            return None
        try:
            department = await self.service.add_department(name)
            departments = await self.service.departments()
        except DomainError as error:
            self._show_problem(domain_error_text(error), self.lead_combo)
            return None
        except StorageError as error:
            self._show_storage_problem(error)
            return None
        self._set_departments(departments)
        self._select_lead(department)
        self.problem_label.clear()
        return department

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not isinstance(self.focusWidget(), QAbstractButton):
            # Enter alone (e.g. confirming a department name) must not create a half-filled
            # follow-up: that takes Ctrl+Enter or the button itself.
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            if self._saving:
                return  # the follow-up is being written: closing now would hide its outcome
            self.tasks.cancel()
        super().done(result)

    # ------------------------------------------------------------------ submitting
    async def _submit(self) -> FollowUp | None:
        self.problem_label.clear()
        typed = self.lead_combo.currentText().strip()
        if typed and self.lead_department() is None:
            question = self.tr("“%1” is not in the department list. Add it as a new department?")
            if not await confirm(self, self.tr("New department"), question.replace("%1", typed)):
                self.lead_combo.setFocus()
                return None
            if await self.add_typed_department() is None:
                return None
        draft = self.draft()
        allow_past = False
        while True:
            try:
                follow_up = await self.service.create(
                    self.session_id,
                    draft,
                    question_id=self.question_id,
                    today=self.today,
                    allow_past_deadline=allow_past,
                )
            except ValidationError as error:
                past = (error.field, error.problem) == ("follow_up.deadline", "in_past")
                if past and not allow_past:
                    if await self._confirm_past_deadline():
                        allow_past = True
                        continue
                    self.date_edit.setFocus()
                    return None
                self._show_problem(domain_error_text(error), self._widget_for(error.field))
                return None
            except DomainError as error:
                self._show_problem(domain_error_text(error), None)
                return None
            except StorageError as error:
                self._show_storage_problem(error)
                return None
            break
        self.created = follow_up
        self.follow_up_created.emit(follow_up)
        self.accept()
        return follow_up

    async def _confirm_past_deadline(self) -> bool:
        text = self.tr(
            "The deadline %1 is before today, so the follow-up will be overdue at once.\n\n"
            "Record it anyway, as an older promise?"
        ).replace("%1", self._format_day(self.deadline_date()))
        return await confirm(self, self.tr("Record an older promise?"), text)

    def _widget_for(self, field: str) -> QWidget | None:
        return {
            "follow_up.promise": self.promise_edit,
            "follow_up.lead_department": self.lead_combo,
            "follow_up.supporting_departments": self.support_list,
            "follow_up.deadline": self.date_edit,
            "follow_up.responsible_person": self.person_edit,
            "follow_up.resident_contact": self.contact_edit,
            "workdays": self.workdays_spin,
        }.get(field)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.create_button.setEnabled(not saving)
        self.cancel_button.setEnabled(not saving)
        self.add_department_button.setEnabled(not saving)

    def _show_problem(self, text: str, focus: QWidget | None) -> None:
        self.problem_label.setText(text)
        if focus is not None:
            focus.setFocus()

    def _show_storage_problem(self, error: StorageError) -> None:
        title, text = storage_error_text(error)
        self._show_problem(f"{title}: {text}", None)

    # ------------------------------------------------------------------ departments
    def _set_departments(self, departments: list[Department]) -> None:
        typed = self.lead_combo.currentText()
        self.departments = list(departments)
        self.lead_combo.blockSignals(True)
        self.lead_combo.clear()
        for department in self.departments:
            self.lead_combo.addItem(department.name, department.id)
        self.lead_combo.setCurrentIndex(-1)
        self.lead_combo.setEditText(typed)
        self.lead_combo.blockSignals(False)
        self.support_model.set_departments(self.departments)
        self._on_lead_combo_text_changed(typed)

    def _select_lead(self, department: Department) -> None:
        index = self.lead_combo.findData(department.id)
        self.lead_combo.setCurrentIndex(index)
        self.lead_combo.setEditText(department.name)

    def _department_named(self, name: str) -> Department | None:
        wanted = name.strip().casefold()
        if not wanted:
            return None
        for department in self.departments:
            if department.name.casefold() == wanted:
                return department
        return None

    def _show_support_summary(self) -> None:
        names = self.support_model.checked_names()
        if names:
            joined = QLocale().createSeparatedList(names)
            self.support_summary.setText(self.tr("Ticked: %1").replace("%1", joined))
        else:
            self.support_summary.setText(self.tr("None ticked (Space ticks the current row)."))

    # ------------------------------------------------------------------ deadline
    def _workday_deadline_or_none(self, working_days: int) -> date | None:
        try:
            return self.service.deadline_for(self.today, working_days).day
        except DomainError:
            return None

    def _show_deadline_mode(self) -> None:
        by_workdays = self.workdays_radio.isChecked()
        self.workdays_spin.setEnabled(by_workdays)
        self.computed_label.setEnabled(by_workdays)
        self.date_edit.setEnabled(not by_workdays)
        self._show_computed_deadline()

    def _show_computed_deadline(self) -> None:
        try:
            deadline = self.service.deadline_for(self.today, self.workdays_spin.value())
        except DomainError as error:
            self.computed_label.setText(domain_error_text(error))
            self.assumed_label.setVisible(False)
            return
        self.computed_label.setText("→ " + self._format_day(deadline.day))
        years = [str(year) for year in deadline.assumed_years]
        self.assumed_label.setVisible(bool(years) and self.workdays_radio.isChecked())
        if years:
            self.assumed_label.setText(
                self.tr(
                    "The %1 holiday schedule is not in the calendar yet, so Monday to Friday "
                    "were counted as working days: check the date. To update the calendar, "
                    "upgrade Village Studio, or put a workdays.txt file with the announced "
                    "holidays into the data folder."
                ).replace("%1", QLocale().createSeparatedList(years))
            )

    def _format_day(self, day: date) -> str:
        # A translatable date format: "yyyy年M月d日（ddd）" gives 2026年12月1日（周二）.
        return QLocale().toString(_qdate(day), self.tr("d MMM yyyy (ddd)"))

    # ------------------------------------------------------------------ slots
    def _on_lead_combo_text_changed(self, text: str) -> None:
        lead = self._department_named(text)
        self.support_model.set_lead(lead.id if lead else None)
        name = text.strip()
        offer = bool(name) and lead is None
        if offer:
            self.add_department_button.setText(
                self.tr("Add “%1” to the list").replace("%1", _shortened(name))
            )
        self.add_department_button.setVisible(offer)

    def _on_add_department_button_clicked(self) -> None:
        self.tasks.spawn(self.add_typed_department(), name="promise-add-department")

    def _on_support_filter_text_changed(self, text: str) -> None:
        self.support_proxy.setFilterFixedString(text.strip())

    def _on_support_model_checked_changed(self) -> None:
        self._show_support_summary()

    def _on_workdays_spin_value_changed(self, _value: int) -> None:
        self._show_computed_deadline()

    def _on_workdays_radio_toggled(self, _checked: bool) -> None:
        self._show_deadline_mode()

    def _on_buttons_accepted(self) -> None:
        if not self._saving:
            self.tasks.spawn(self.submit(), name="promise-create")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _shortened(name: str, limit: int = 16) -> str:
    """A long typed name cut for the button (the whole name is added)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
