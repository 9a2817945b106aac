"""The OBS connection settings: address, port, password (kept in the OS keyring), auto-connect."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio_app.messages import obs_status_text
from studio_app.services.obs.model import ConnectionStatus, ObsSettings
from studio_app.services.tasks import TaskSet
from studio_app.ui.layout import PROBLEM_STYLE, WARNING_STYLE, note_label, test_row

#: Tries settings and returns the connection verdict (a throw-away gateway in the app).
ConnectionTester = Callable[[ObsSettings], Awaitable[ConnectionStatus]]


@dataclass(frozen=True, slots=True)
class ObsConnectionChoice:
    """What the operator entered."""

    host: str
    port: int
    password: str
    auto_connect: bool


class ObsConnectionForm(QWidget):
    """Address, port, password, auto-connect, how to enable the server, "Test connection".

    Used by the OBS connection dialog and the set-up assistant. Its strings keep the
    dialog's translation context, where they were translated first.
    """

    def __init__(
        self,
        choice: ObsConnectionChoice,
        tester: ConnectionTester,
        *,
        keyring_available: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("obsConnectionForm")
        translate = QCoreApplication.translate
        self._tester = tester
        #: Tasks started by the test button (cancel them when the form goes away).
        self.tasks = TaskSet()

        self.host_edit = QLineEdit(choice.host, self)
        self.host_edit.setObjectName("obsHost")
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("obsPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(choice.port)
        self.password_edit = QLineEdit(choice.password, self)
        self.password_edit.setObjectName("obsPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox(translate("ObsSettingsDialog", "Show"), self)
        self.show_password.toggled.connect(self._on_show_password_toggled)
        self.auto_connect = QCheckBox(
            translate("ObsSettingsDialog", "Connect to OBS when Village Studio starts"), self
        )
        self.auto_connect.setObjectName("obsAutoConnect")
        self.auto_connect.setChecked(choice.auto_connect)

        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.show_password)
        form = QFormLayout()
        form.addRow(translate("ObsSettingsDialog", "Computer (address)"), self.host_edit)
        form.addRow(translate("ObsSettingsDialog", "Port"), self.port_spin)
        form.addRow(translate("ObsSettingsDialog", "Password"), password_row)
        form.addRow("", self.auto_connect)

        self.help_label = QLabel(
            translate(
                "ObsSettingsDialog",
                "In OBS, open Tools → WebSocket Server Settings, tick “Enable WebSocket "
                "server”, and click “Show Connect Info”: it shows the port and the password "
                "to enter here. For OBS on this computer keep the address 127.0.0.1.",
            ),
            self,
        )
        self.help_label.setWordWrap(True)
        self.keyring_label = note_label(
            translate(
                "ObsSettingsDialog",
                "This computer has no password store (keyring), so the password cannot be "
                "saved safely. It is kept only until Village Studio closes; you will be "
                "asked again next time. On Linux, install and unlock GNOME Keyring or "
                "KWallet to have it remembered.",
            ),
            self,
            "keyringFallback",
            WARNING_STYLE,
        )
        self.keyring_label.setVisible(not keyring_available)

        self.test_button, self.test_result, row = test_row(
            self, translate("ObsSettingsDialog", "Test connection"), "obs"
        )
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.problem_label = note_label("", self, "obsSettingsProblem", PROBLEM_STYLE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.help_label)
        layout.addWidget(self.keyring_label)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)

    def choice(self) -> ObsConnectionChoice:
        """The settings as entered (host trimmed)."""
        return ObsConnectionChoice(
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            password=self.password_edit.text(),
            auto_connect=self.auto_connect.isChecked(),
        )

    async def test_connection(self) -> ConnectionStatus | None:
        """Try the entered settings and show the verdict (``None``: the address is missing)."""
        choice = self.choice()
        if not choice.host:
            self.refuse_empty_host()
            return None
        self.problem_label.clear()
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(QCoreApplication.translate("ObsSettingsDialog", "Trying…"))
        try:
            status = await self._tester(
                ObsSettings(host=choice.host, port=choice.port, password=choice.password)
            )
        finally:
            self.test_button.setEnabled(True)
        label, advice = obs_status_text(status)
        self.test_result.setStyleSheet("" if status.connected else "color: #b71c1c;")
        self.test_result.setText(f"{label}\n{advice}".strip())
        return status

    def refuse_empty_host(self) -> None:
        """Say that the address is missing and put the cursor there."""
        self.problem_label.setText(
            QCoreApplication.translate(
                "ObsSettingsDialog",
                "Enter the address of the computer running OBS (127.0.0.1 for this one).",
            )
        )
        self.host_edit.setFocus()

    def _on_show_password_toggled(self, shown: bool) -> None:
        self.password_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )

    def _on_test_button_clicked(self) -> None:
        self.tasks.spawn(self.test_connection(), name="settings-test")


class ObsSettingsDialog(QDialog):
    """Edit the OBS connection; "Test connection" tries it without touching the live link."""

    def __init__(
        self,
        choice: ObsConnectionChoice,
        tester: ConnectionTester,
        *,
        keyring_available: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("obsSettingsDialog")
        self.setWindowTitle(self.tr("OBS connection"))
        self.form = ObsConnectionForm(
            choice, tester, keyring_available=keyring_available, parent=self
        )
        # The form's parts, under the names callers and tests have always used.
        self.host_edit = self.form.host_edit
        self.port_spin = self.form.port_spin
        self.password_edit = self.form.password_edit
        self.show_password = self.form.show_password
        self.auto_connect = self.form.auto_connect
        self.help_label = self.form.help_label
        self.keyring_label = self.form.keyring_label
        self.test_button = self.form.test_button
        self.test_result = self.form.test_result
        self.problem_label = self.form.problem_label

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save and connect"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def choice(self) -> ObsConnectionChoice:
        """The settings as entered (host trimmed)."""
        return self.form.choice()

    async def test_connection(self) -> ConnectionStatus | None:
        """Try the entered settings and show the verdict (``None``: the address is missing)."""
        return await self.form.test_connection()

    def done(self, result: int) -> None:
        self.form.tasks.cancel()  # a test still trying stops its throw-away connection
        super().done(result)

    def _on_buttons_accepted(self) -> None:
        if not self.choice().host:
            self.form.refuse_empty_host()
            return
        self.accept()
