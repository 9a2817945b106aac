"""The OBS connection settings: address, port, password (kept in the OS keyring), auto-connect."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio_app.messages import obs_status_text
from studio_app.services.obs.model import ConnectionStatus, ObsSettings
from studio_app.services.tasks import TaskSet

#: Tries settings and returns the connection verdict (a throw-away gateway in the app).
ConnectionTester = Callable[[ObsSettings], Awaitable[ConnectionStatus]]


@dataclass(frozen=True, slots=True)
class ObsConnectionChoice:
    """What the operator entered."""

    host: str
    port: int
    password: str
    auto_connect: bool


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
        self._tester = tester
        self._tasks = TaskSet()

        self.host_edit = QLineEdit(choice.host, self)
        self.host_edit.setObjectName("obsHost")
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("obsPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(choice.port)
        self.password_edit = QLineEdit(choice.password, self)
        self.password_edit.setObjectName("obsPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox(self.tr("Show"), self)
        self.show_password.toggled.connect(self._on_show_password_toggled)
        self.auto_connect = QCheckBox(self.tr("Connect to OBS when Village Studio starts"), self)
        self.auto_connect.setObjectName("obsAutoConnect")
        self.auto_connect.setChecked(choice.auto_connect)

        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.show_password)
        form = QFormLayout()
        form.addRow(self.tr("Computer (address)"), self.host_edit)
        form.addRow(self.tr("Port"), self.port_spin)
        form.addRow(self.tr("Password"), password_row)
        form.addRow("", self.auto_connect)

        self.help_label = QLabel(
            self.tr(
                "In OBS, open Tools → WebSocket Server Settings, tick “Enable WebSocket "
                "server”, and click “Show Connect Info”: it shows the port and the password "
                "to enter here. For OBS on this computer keep the address 127.0.0.1."
            ),
            self,
        )
        self.help_label.setWordWrap(True)
        self.keyring_label = QLabel(
            self.tr(
                "This computer has no password store (keyring), so the password cannot be "
                "saved safely. It is kept only until Village Studio closes; you will be "
                "asked again next time. On Linux, install and unlock GNOME Keyring or "
                "KWallet to have it remembered."
            ),
            self,
        )
        self.keyring_label.setObjectName("keyringFallback")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setStyleSheet("color: #8d6e00;")
        self.keyring_label.setVisible(not keyring_available)

        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("obsTestButton")
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("obsTestResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("obsSettingsProblem")
        self.problem_label.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save and connect"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.help_label)
        layout.addWidget(self.keyring_label)
        layout.addLayout(test_row)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

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
            self._refuse_empty_host()
            return None
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Trying…"))
        try:
            status = await self._tester(
                ObsSettings(host=choice.host, port=choice.port, password=choice.password)
            )
        finally:
            self.test_button.setEnabled(True)
        label, advice = obs_status_text(status)
        self.test_result.setText(f"{label}\n{advice}".strip())
        return status

    def done(self, result: int) -> None:
        self._tasks.cancel()  # a test still trying stops its throw-away connection
        super().done(result)

    def _refuse_empty_host(self) -> None:
        self.problem_label.setText(
            self.tr("Enter the address of the computer running OBS (127.0.0.1 for this one).")
        )
        self.host_edit.setFocus()

    def _on_show_password_toggled(self, shown: bool) -> None:
        self.password_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )

    def _on_test_button_clicked(self) -> None:
        self._tasks.spawn(self.test_connection(), name="settings-test")

    def _on_buttons_accepted(self) -> None:
        if not self.choice().host:
            self._refuse_empty_host()
            return
        self.accept()
