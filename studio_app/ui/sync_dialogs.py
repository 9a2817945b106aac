"""Archive sync dialogs: the archive's address and credential, and the rows it refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.services.credentials import KeyringUnavailableError
from studio_app.services.sync.status import (
    ArchiveInfo,
    ParkedRow,
    SyncError,
    SyncProblem,
    SyncReport,
    SyncStatus,
)
from studio_app.services.tasks import TaskSet
from studio_app.sync_text import sync_problem_text, sync_reason_text, sync_table_label
from studio_app.ui.formatting import format_local_datetime
from studio_app.ui.layout import (
    PROBLEM_STYLE,
    SUCCESS_STYLE,
    WARNING_STYLE,
    note_label,
    test_row,
)

AnyIndex = QModelIndex | QPersistentModelIndex

#: Colours of the dialogs' verdicts (the house's red, amber and green).


class SyncBackend(Protocol):
    """What the sync UI needs (``services.sync.service.SyncService`` is one)."""

    @property
    def status(self) -> SyncStatus: ...

    @property
    def url(self) -> str: ...

    def add_listener(self, callback: Callable[[SyncStatus], None]) -> None: ...

    async def sync(self) -> SyncReport: ...

    async def refresh(self, *, if_changed: bool = False) -> SyncStatus: ...

    async def parked(self) -> list[ParkedRow]: ...

    async def retry_parked(self) -> int: ...

    async def test_connection(self, url: str, credential: str) -> ArchiveInfo: ...

    async def configure(self, url: str, credential: str | None) -> None: ...


# ---------------------------------------------------------------- settings
class ArchiveSettingsForm(QWidget):
    """The archive's address, this studio's credential and "Test connection".

    Used by the archive settings dialog and the set-up assistant; its strings keep the
    dialog's translation context, where they were translated first. The credential field
    starts empty: left empty, :meth:`save` keeps the stored credential. A test with an empty
    field uses ``stored_credential`` (read from the keyring by the caller).
    """

    def __init__(
        self,
        service: SyncBackend,
        *,
        credential_stored: bool,
        stored_credential: str | None = None,
        keyring_available: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("archiveSettingsForm")
        translate = QCoreApplication.translate
        self._service = service
        self._stored_credential = stored_credential
        #: Tasks started by the test button (cancel them when the form goes away).
        self.tasks = TaskSet()
        #: Saved, but the credential is only in memory until the app closes (no keyring).
        self.kept_in_memory = False
        #: What the last successful connection test said.
        self.info: ArchiveInfo | None = None

        self.url_edit = QLineEdit(service.url, self)
        self.url_edit.setObjectName("archiveUrl")
        self.url_edit.setPlaceholderText(
            translate("ArchiveSettingsDialog", "https://…, as the county archive gave it")
        )
        self.credential_edit = QLineEdit(self)
        self.credential_edit.setObjectName("archiveCredential")
        self.credential_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if credential_stored:
            self.credential_edit.setPlaceholderText(
                translate("ArchiveSettingsDialog", "(stored; type to replace it)")
            )
        self.show_credential = QCheckBox(translate("ArchiveSettingsDialog", "Show"), self)
        self.show_credential.toggled.connect(self._on_show_credential_toggled)
        credential_row = QHBoxLayout()
        credential_row.addWidget(self.credential_edit, 1)
        credential_row.addWidget(self.show_credential)
        form = QFormLayout()
        form.addRow(translate("ArchiveSettingsDialog", "Archive address"), self.url_edit)
        form.addRow(translate("ArchiveSettingsDialog", "Credential"), credential_row)

        if credential_stored:
            note = translate(
                "ArchiveSettingsDialog",
                "A credential is stored in this computer's password store (keyring). Leave "
                "the field empty to keep it, or type a new one to replace it.",
            )
        else:
            note = translate(
                "ArchiveSettingsDialog",
                "No credential is stored on this computer yet. Enter the one the county "
                "archive gave this studio.",
            )
        self.credential_note = QLabel(note, self)
        self.credential_note.setObjectName("archiveCredentialNote")
        self.credential_note.setWordWrap(True)
        self.keyring_label = note_label(
            translate(
                "ArchiveSettingsDialog",
                "This computer has no password store (keyring), so the credential cannot be "
                "saved safely. It is kept only until Village Studio closes; you will have to "
                "enter it again next time. On Linux, install and unlock GNOME Keyring or "
                "KWallet to have it remembered.",
            ),
            self,
            "keyringFallback",
            WARNING_STYLE,
        )
        self.keyring_label.setVisible(not keyring_available)

        self.test_button, self.test_result, row = test_row(
            self, translate("ArchiveSettingsDialog", "Test connection"), "archive"
        )
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.problem_label = note_label("", self, "archiveSettingsProblem", PROBLEM_STYLE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.credential_note)
        layout.addWidget(self.keyring_label)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)

    # ------------------------------------------------------------------ values
    def url(self) -> str:
        """The address as entered (trimmed)."""
        return self.url_edit.text().strip()

    def credential(self) -> str | None:
        """The credential typed (trimmed), or ``None``: keep the stored one."""
        return self.credential_edit.text().strip() or None

    # ------------------------------------------------------------------ actions
    async def test_connection(self) -> ArchiveInfo | None:
        """Try the entered address and credential (nothing is saved) and show the verdict."""
        translate = QCoreApplication.translate
        url = self.url()
        credential = self.credential() or self._stored_credential
        self.info = None
        if not url:
            self._show_test_problem(
                translate("ArchiveSettingsDialog", "Enter the archive address first.")
            )
            self.url_edit.setFocus()
            return None
        if not credential:
            self._show_test_problem(
                translate("ArchiveSettingsDialog", "Enter the credential to test the connection.")
            )
            self.credential_edit.setFocus()
            return None
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(translate("ArchiveSettingsDialog", "Connecting…"))
        self.test_result.setToolTip("")
        try:
            info = await self._service.test_connection(url, credential)
        except SyncError as error:
            self._show_test_problem(sync_problem_text(error.problem), error.detail)
            return None
        finally:
            self.test_button.setEnabled(True)
        self.info = info
        self.test_result.setStyleSheet(SUCCESS_STYLE)
        self.test_result.setText(
            translate(
                "ArchiveSettingsDialog",
                "Connected: the archive knows this credential as “%1” (studio %2).",
            )
            .replace("%1", info.account)
            .replace("%2", str(info.studio_id))
        )
        return info

    async def save(self) -> bool:
        """Hand the address and credential to sync; ``False`` (and why) if refused.

        Without a keyring the credential is kept for this run: :attr:`kept_in_memory`.
        """
        self.problem_label.clear()
        try:
            await self._service.configure(self.url(), self.credential())
        except SyncError as error:
            self.problem_label.setText(sync_problem_text(error.problem))
            self.problem_label.setToolTip(error.detail)
            if error.problem is SyncProblem.BAD_URL:
                self.url_edit.setFocus()
                self.url_edit.selectAll()
            return False
        except KeyringUnavailableError:
            self.kept_in_memory = True
        return True

    # ------------------------------------------------------------------ slots
    def _show_test_problem(self, text: str, detail: str = "") -> None:
        self.test_result.setStyleSheet(PROBLEM_STYLE)
        self.test_result.setText(text)
        self.test_result.setToolTip(detail)

    def _on_show_credential_toggled(self, shown: bool) -> None:
        self.credential_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )

    def _on_test_button_clicked(self) -> None:
        self.tasks.spawn(self.test_connection(), name="archive-test")


class ArchiveSettingsDialog(QDialog):
    """The archive's address and this studio's credential; "Test connection" tries them.

    The credential field starts empty: left empty, Save keeps the stored credential. A test
    with an empty field uses ``stored_credential`` (read from the keyring by the caller).
    After "Save", :attr:`kept_in_memory` says the credential could not go into a keyring.
    """

    def __init__(
        self,
        service: SyncBackend,
        *,
        credential_stored: bool,
        stored_credential: str | None = None,
        keyring_available: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("archiveSettingsDialog")
        self.setWindowTitle(self.tr("Archive settings"))
        self._tasks = TaskSet()
        self.form = ArchiveSettingsForm(
            service,
            credential_stored=credential_stored,
            stored_credential=stored_credential,
            keyring_available=keyring_available,
            parent=self,
        )
        # The form's parts, under the names callers and tests have always used.
        self.url_edit = self.form.url_edit
        self.credential_edit = self.form.credential_edit
        self.show_credential = self.form.show_credential
        self.credential_note = self.form.credential_note
        self.keyring_label = self.form.keyring_label
        self.test_button = self.form.test_button
        self.test_result = self.form.test_result
        self.problem_label = self.form.problem_label

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)

    @property
    def kept_in_memory(self) -> bool:
        """Saved, but the credential is only in memory until the app closes (no keyring)."""
        return self.form.kept_in_memory

    @property
    def info(self) -> ArchiveInfo | None:
        """What the last successful connection test said."""
        return self.form.info

    # ------------------------------------------------------------------ values
    def url(self) -> str:
        """The address as entered (trimmed)."""
        return self.form.url()

    def credential(self) -> str | None:
        """The credential typed (trimmed), or ``None``: keep the stored one."""
        return self.form.credential()

    # ------------------------------------------------------------------ actions
    async def test_connection(self) -> ArchiveInfo | None:
        """Try the entered address and credential (nothing is saved) and show the verdict."""
        return await self.form.test_connection()

    async def save(self) -> bool:
        """Hand the address and credential to sync; close unless the address is refused."""
        self.save_button.setEnabled(False)
        try:
            saved = await self.form.save()
        finally:
            self.save_button.setEnabled(True)
        if saved:
            self.accept()
        return saved

    def done(self, result: int) -> None:
        self.form.tasks.cancel()  # a connection test still trying is abandoned
        self._tasks.cancel()
        super().done(result)

    # ------------------------------------------------------------------ slots
    def _on_buttons_accepted(self) -> None:
        self._tasks.spawn(self.save(), name="archive-save")


# ---------------------------------------------------------------- refused rows
#: Role returning the row's ``ParkedRow``.
ParkedRowRole = Qt.ItemDataRole.UserRole + 1


class ParkedRowsModel(QAbstractTableModel):
    """Rows the archive refused: kind of row, summary, reason, since when (oldest first)."""

    KIND, SUMMARY, REASON, SINCE = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ParkedRow] = []
        self._headers = (
            self.tr("Kind of row"),
            self.tr("Summary"),
            self.tr("Why it was refused"),
            self.tr("Since"),
        )

    def set_rows(self, rows: Sequence[ParkedRow]) -> None:
        """Replace every row (sorted oldest first)."""
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda row: row.first_seen)
        self.endResetModel()

    def row_at(self, row: int) -> ParkedRow | None:
        """The parked row in ``row``, if any."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.KIND:
                return sync_table_label(row.table)
            if column == self.SUMMARY:
                return row.summary or "—"
            if column == self.REASON:
                return sync_reason_text(row.reason)
            if column == self.SINCE:
                return format_local_datetime(row.first_seen)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.REASON and row.detail:
                return row.detail
            if column == self.SUMMARY:
                return f"{row.summary}\n{row.table} {row.id}".strip()
            return None
        if role == ParkedRowRole:
            return row
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None


class ParkedRowsDialog(QDialog):
    """The rows the archive refused, why, and "Send again" (on the next sync)."""

    retried = Signal(int)
    """The parked rows were put back in the queue; carries how many."""

    def __init__(self, service: SyncBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parkedRowsDialog")
        self.setWindowTitle(self.tr("Rows the archive refused"))
        self._service = service
        self._tasks = TaskSet()

        self.intro = QLabel(
            self.tr(
                "The county archive refused these rows, so they are not in its records. They "
                "are kept here and not sent again by themselves. Once the cause is fixed (ask "
                "the county archive if unsure), send them again."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.model = ParkedRowsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("parkedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ParkedRowsModel.SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(
            self.tr("The archive has refused no rows: there is nothing to do here."), self
        )
        self.empty_label.setObjectName("parkedEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("parkedProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(PROBLEM_STYLE)

        self.send_again_button = QPushButton(self.tr("Send again"), self)
        self.send_again_button.setObjectName("parkedSendAgain")
        self.send_again_button.setEnabled(False)
        self.send_again_button.clicked.connect(self._on_send_again_button_clicked)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_again_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)
        self.resize(760, 420)

    @property
    def is_empty(self) -> bool:
        """No refused rows are listed."""
        return self.model.rowCount() == 0

    async def load(self) -> bool:
        """Read the refused rows and show them (or that there are none)."""
        self.problem_label.clear()
        try:
            rows = await self._service.parked()
        except SyncError as error:
            self.problem_label.setText(sync_problem_text(error.problem))
            return False
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.intro.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self.send_again_button.setEnabled(bool(rows))
        return True

    async def send_again(self) -> int | None:
        """Queue the refused rows for the next sync and close; ``None`` if that failed."""
        self.send_again_button.setEnabled(False)
        try:
            count = await self._service.retry_parked()
        except SyncError as error:
            self.problem_label.setText(sync_problem_text(error.problem))
            self.send_again_button.setEnabled(not self.is_empty)
            return None
        self.retried.emit(count)
        self.accept()
        return count

    def done(self, result: int) -> None:
        self._tasks.cancel()
        super().done(result)

    def _on_send_again_button_clicked(self) -> None:
        self._tasks.spawn(self.send_again(), name="parked-send-again")
